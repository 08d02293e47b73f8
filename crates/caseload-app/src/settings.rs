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

/// What the Settings form saves: everything in [`Settings`] but the backup folder, which no
/// request from the window carries (it is picked in the backend's chooser, `backup_folder_choose`).
/// A `folder` sent inside `backup` anyway is ignored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SettingsUpdate {
    pub teams: Vec<Team>,
    pub cycle: CycleSettings,
    /// Minutes without use before the caseload locks itself (1–30).
    pub lock_after_minutes: u32,
    pub backup: BackupRules,
    pub retention: RetentionSettings,
}

/// How many backups are kept and when to remind (the backup settings without the folder).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct BackupRules {
    pub keep: u32,
    pub remind_after_days: u32,
}

/// Where backups go: a folder picked in the backend's chooser, or the default one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BackupFolderRequest {
    /// Back to `Documents/Caseload/Backups` instead of choosing.
    #[serde(default)]
    #[ts(optional)]
    pub use_default: Option<bool>,
}

const TEAMS: &str = "teams";
const CYCLE: &str = "cycle";
const LOCK_AFTER_MINUTES: &str = "lock_after_minutes";
const RETENTION: &str = "retention";

/// The council's retention rule (its default until changed in Settings).
pub(crate) fn retention(store: &Store) -> Result<RetentionSettings, AppError> {
    Ok(settings::get(&store.read(), RETENTION)?.unwrap_or_default())
}

/// The review cycle (its default until changed in Settings): the funnel counts a closure after
/// a full cycle of this length.
pub(crate) fn cycle(store: &Store) -> Result<CycleSettings, AppError> {
    Ok(settings::get(&store.read(), CYCLE)?.unwrap_or_default())
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

/// The Settings form's save: the backup folder stays as it is.
pub fn settings_update(cx: &Caseload, new: SettingsUpdate) -> Result<Settings, AppError> {
    let folder = cx.with_store(|store| load(store))?.backup.folder;
    settings_save(
        cx,
        Settings {
            teams: new.teams,
            cycle: new.cycle,
            lock_after_minutes: new.lock_after_minutes,
            backup: crate::backup::BackupSettings {
                folder,
                keep: new.backup.keep,
                remind_after_days: new.backup.remind_after_days,
            },
            retention: new.retention,
        },
    )
}

/// Opens the backend's folder chooser for the backup folder and saves the folder picked (or,
/// with `use_default`, goes back to the default folder); `None` when the worker cancelled.
pub fn backup_folder_choose(
    cx: &Caseload,
    req: BackupFolderRequest,
) -> Result<Option<Settings>, AppError> {
    let folder = if req.use_default.unwrap_or(false) {
        String::new()
    } else {
        match crate::documents::choose_folder(cx, "Choose the backup folder")? {
            Some(folder) => folder.display().to_string(),
            None => return Ok(None),
        }
    };
    let mut all = cx.with_store(|store| load(store))?;
    all.backup.folder = folder;
    settings_save(cx, all).map(Some)
}

/// Every setting, the backup folder included: for the CLI (`caseload settings backup-folder`)
/// and tests. Not a command the window can call.
pub fn settings_save(cx: &Caseload, new: Settings) -> Result<Settings, AppError> {
    validate(&new)?;
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
