//! The council's local model (docs/domain.md §5.11): named groups over attendance ranges, shown
//! as a column and a filter on the dashboard and in the TSM pack, and counted in the ward
//! export. The domain owns the rules ([`caseload_domain::local_model`]); this keeps the model the
//! worker saved, the shipped example until they change it.

pub use caseload_domain::local_model::{LocalModel, ModelGroup};
use caseload_store::{Action, Reader, settings};

use crate::context::Caseload;
use crate::error::AppError;

const KEY: &str = "local_model";

/// The saved model; the shipped example when none has been saved.
pub(crate) fn load(r: &Reader<'_>) -> Result<LocalModel, AppError> {
    Ok(settings::get(r, KEY)?.unwrap_or_else(LocalModel::example))
}

pub fn local_model_get(cx: &Caseload, _: ()) -> Result<LocalModel, AppError> {
    cx.with_store(|store| load(&store.read()))
}

/// The shipped example, for the Settings form's "Use the example" (nothing is saved).
pub fn local_model_example(_: &Caseload, _: ()) -> Result<LocalModel, AppError> {
    Ok(LocalModel::example())
}

/// Saves the model (no groups: the council uses none). Names and ranges are trimmed and checked;
/// every problem comes back at once.
pub fn local_model_save(cx: &Caseload, new: LocalModel) -> Result<LocalModel, AppError> {
    let model = LocalModel {
        name: new.name.trim().to_string(),
        groups: new
            .groups
            .into_iter()
            .map(|g| ModelGroup {
                name: g.name.trim().to_string(),
                criteria: g.criteria.trim().to_string(),
                ..g
            })
            .collect(),
    };
    model.validate().map_err(AppError::validation)?;
    cx.with_store(|store| {
        store.write(Action::SettingsUpdate, |w| {
            w.audit_entity("settings", "local_model");
            settings::set(w, KEY, &model)
        })?;
        load(&store.read())
    })
}
