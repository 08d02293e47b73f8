//! `settings`: small JSON values the worker configures (teams, the review cycle). A missing key
//! reads as `None`, so every setting has a default in the layer that owns its meaning.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::StoreError;
use crate::write::{Reader, Writer};

pub fn get<T: DeserializeOwned>(r: &Reader<'_>, key: &str) -> Result<Option<T>, StoreError> {
    let value: Option<String> = r
        .conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
            row.get("value")
        })
        .optional()?;
    value
        .map(|v| {
            serde_json::from_str(&v).map_err(|e| StoreError::corrupt("setting", e.to_string()))
        })
        .transpose()
}

pub fn set<T: Serialize>(w: &Writer<'_>, key: &str, value: &T) -> Result<(), StoreError> {
    let json =
        serde_json::to_string(value).map_err(|e| StoreError::corrupt("setting", e.to_string()))?;
    w.conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, json],
    )?;
    Ok(())
}
