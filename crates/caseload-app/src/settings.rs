//! The worker's settings: teams cases are allocated to, the review cycle, how long the caseload
//! may sit unused before it locks, backups and the retention rule. Defaults come from the domain
//! (the two teams of the council funnel, six weeks with a midpoint at three, five minutes; closed
//! cases due for review at 25 or 6 years after closure, outbox bytes 30 days).

use caseload_domain::CycleSettings;
use caseload_domain::locking::{DEFAULT_LOCK_AFTER_MINUTES, check_lock_after_minutes};
use caseload_domain::retention::RetentionSettings;
use caseload_domain::transition::{Team, default_teams};
use caseload_domain::{Field, FieldErrors};
use caseload_store::{Action, Store, settings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub teams: Vec<Team>,
    pub cycle: CycleSettings,
    /// Minutes without use before the caseload locks itself (1–30). Required in an update, so
    /// a form that forgot it cannot quietly put it back to the default.
    pub lock_after_minutes: u32,
    /// Where backups go, how many are kept, when to remind.
    #[serde(default)]
    pub backup: crate::backup::BackupSettings,
    pub retention: RetentionSettings,
}

const TEAMS: &str = "teams";
const CYCLE: &str = "cycle";
const LOCK_AFTER_MINUTES: &str = "lock_after_minutes";
const RETENTION: &str = "retention";

/// The council's retention rule (its default until changed in Settings).
pub(crate) fn retention(store: &Store) -> Result<RetentionSettings, AppError> {
    Ok(settings::get(&store.read(), RETENTION)?.unwrap_or_default())
}

pub(crate) fn load(store: &Store) -> Result<Settings, AppError> {
    let r = store.read();
    Ok(Settings {
        teams: settings::get(&r, TEAMS)?.unwrap_or_else(default_teams),
        cycle: settings::get(&r, CYCLE)?.unwrap_or_default(),
        lock_after_minutes: settings::get(&r, LOCK_AFTER_MINUTES)?
            .unwrap_or(DEFAULT_LOCK_AFTER_MINUTES),
        backup: settings::get(&r, crate::backup::SETTINGS_KEY)?.unwrap_or_default(),
        retention: settings::get(&r, RETENTION)?.unwrap_or_default(),
    })
}

pub fn settings_get(cx: &Caseload, _: ()) -> Result<Settings, AppError> {
    cx.with_store(|store| load(store))
}

fn validate(s: &Settings) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    if let Err(message) = s.cycle.validate() {
        let field = if s.cycle.midpoint_week == 0 || s.cycle.midpoint_week >= s.cycle.cycle_weeks {
            Field::MidpointWeek
        } else {
            Field::CycleWeeks
        };
        errors.push(field, message);
    }
    let mut ids = std::collections::HashSet::new();
    for team in &s.teams {
        let valid_id = !team.id.is_empty()
            && team
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid_id || team.name.trim().is_empty() || !ids.insert(team.id.as_str()) {
            errors.push(
                Field::Teams,
                "Each team needs a unique id (lower-case letters, digits, hyphens) and a name",
            );
            break;
        }
    }
    if let Err(lock) = check_lock_after_minutes(s.lock_after_minutes) {
        errors.append(lock);
    }
    if s.teams.is_empty() {
        errors.push(Field::Teams, "Keep at least one team");
    }
    crate::backup::validate_settings(&s.backup, &mut errors);
    if let Err(retention) = s.retention.validate() {
        errors.append(retention);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation(errors))
    }
}

pub fn settings_update(cx: &Caseload, new: Settings) -> Result<Settings, AppError> {
    validate(&new)?;
    let saved = cx.with_store(|store| load(store))?;
    crate::documents::check_folder_setting(
        cx,
        Field::BackupFolder,
        &saved.backup.folder,
        &new.backup.folder,
    )?;
    cx.with_store(|store| {
        store.write(Action::SettingsUpdate, |w| {
            w.audit_entity(
                "settings",
                "teams, cycle, lock_after_minutes, backup, retention",
            );
            settings::set(w, TEAMS, &new.teams)?;
            settings::set(w, CYCLE, &new.cycle)?;
            settings::set(w, LOCK_AFTER_MINUTES, &new.lock_after_minutes)?;
            let backup = crate::backup::BackupSettings {
                folder: new.backup.folder.trim().to_string(),
                ..new.backup.clone()
            };
            settings::set(w, crate::backup::SETTINGS_KEY, &backup)?;
            settings::set(w, RETENTION, &new.retention)
        })?;
        let saved = load(store)?;
        cx.idle().limit = crate::locking::minutes(saved.lock_after_minutes);
        Ok(saved)
    })
}
