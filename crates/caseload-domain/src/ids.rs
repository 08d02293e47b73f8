//! Identifier newtypes, so a case id can never be passed where a pupil id is expected.

use serde::{Deserialize, Serialize};

/// A case's identifier: an opaque string (a UUIDv7 minted by the store), stable across exports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseId(pub String);

impl CaseId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CaseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
