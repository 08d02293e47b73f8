//! Creating, unlocking, locking and re-keying the caseload.

use caseload_domain::{Field, FieldErrors, MIN_PASSPHRASE_CHARS, NewPassphraseError, Passphrase};
use caseload_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::context::Caseload;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppStatus {
    pub data_dir: String,
    pub initialised: bool,
    pub unlocked: bool,
    pub app_version: String,
    pub min_passphrase_length: u32,
}

#[derive(Clone, Deserialize, TS)]
pub struct CreateCaseloadRequest {
    pub passphrase: String,
    pub passphrase_confirm: String,
}

#[derive(Clone, Deserialize, TS)]
pub struct UnlockRequest {
    pub passphrase: String,
}

#[derive(Clone, Deserialize, TS)]
pub struct ChangePassphraseRequest {
    pub current_passphrase: String,
    pub new_passphrase: String,
    pub new_passphrase_confirm: String,
}

pub fn app_status(cx: &Caseload, _: ()) -> Result<AppStatus, AppError> {
    Ok(AppStatus {
        data_dir: cx.data_dir().display().to_string(),
        initialised: Store::exists(cx.data_dir()),
        unlocked: cx.store().is_some(),
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        min_passphrase_length: MIN_PASSPHRASE_CHARS as u32,
    })
}

fn check_new(
    new: &Passphrase,
    confirm: &Passphrase,
    field: Field,
    confirm_field: Field,
) -> Result<(), AppError> {
    match new.check_new(confirm) {
        Ok(()) => Ok(()),
        Err(e @ NewPassphraseError::TooShort { .. }) => Err(AppError::validation(
            FieldErrors::single(field, e.to_string()),
        )),
        Err(e @ NewPassphraseError::Mismatch) => Err(AppError::validation(FieldErrors::single(
            confirm_field,
            e.to_string(),
        ))),
    }
}

pub fn caseload_create(cx: &Caseload, req: CreateCaseloadRequest) -> Result<AppStatus, AppError> {
    let passphrase = Passphrase::new(req.passphrase);
    let confirm = Passphrase::new(req.passphrase_confirm);
    check_new(
        &passphrase,
        &confirm,
        Field::Passphrase,
        Field::PassphraseConfirm,
    )?;
    let store = Store::create(cx.data_dir(), &passphrase, cx.kdf().params()?)?;
    *cx.store() = Some(store);
    app_status(cx, ())
}

pub fn unlock(cx: &Caseload, req: UnlockRequest) -> Result<AppStatus, AppError> {
    let passphrase = Passphrase::new(req.passphrase);
    if passphrase.char_count() == 0 {
        return Err(AppError::validation(FieldErrors::single(
            Field::Passphrase,
            "Enter your passphrase",
        )));
    }
    let mut store = Store::unlock(cx.data_dir(), &passphrase)?;
    crate::retention::purge_delivered_exports(&mut store, chrono::Utc::now())?;
    *cx.store() = Some(store);
    app_status(cx, ())
}

pub fn lock(cx: &Caseload, _: ()) -> Result<AppStatus, AppError> {
    cx.store().take();
    cx.forget_saved();
    app_status(cx, ())
}

pub fn passphrase_change(cx: &Caseload, req: ChangePassphraseRequest) -> Result<(), AppError> {
    let current = Passphrase::new(req.current_passphrase);
    let new = Passphrase::new(req.new_passphrase);
    let confirm = Passphrase::new(req.new_passphrase_confirm);
    check_new(
        &new,
        &confirm,
        Field::NewPassphrase,
        Field::NewPassphraseConfirm,
    )?;
    // Hold the store's lock so no command runs while the key file is replaced.
    let _guard = cx.store();
    match Store::change_passphrase(cx.data_dir(), &current, &new, cx.kdf().params()?) {
        Err(caseload_store::StoreError::WrongPassphrase) => {
            Err(AppError::validation(FieldErrors::single(
                Field::CurrentPassphrase,
                "Your current passphrase is not correct: check it and try again",
            )))
        }
        other => Ok(other?),
    }
}
