//! Identifier newtypes, so a case id can never be passed where a pupil id is expected. Every id
//! is declared here with `id_newtype!`; each is serialised as its bare value (`serde`
//! transparent), so JSON and stored columns hold exactly what a plain string or number would.
//! No SQL here: the store converts at its boundary (`as_str()`, `get()`, `From`).

/// Declares an id newtype over `String` (an opaque id, usually a UUIDv7 minted by the store) or
/// over `i64` (a SQLite rowid). Both get serde transparency, the TypeScript derive behind the
/// `ts` feature, ordering and hashing, `Display` and `From` both ways; text ids add `as_str()`
/// `Borrow<str>` (so a map keyed by the id can be looked up by `&str`) and `Deref<Target = str>`, integer ids add
/// `Copy` and `get()` and are declared to TypeScript as `number`.
macro_rules! id_newtype {
    ($(#[$meta:meta])* $name:ident, String) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Default,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            serde::Deserialize,
        )]
        #[serde(transparent)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub struct $name(pub String);
        /// Reads as the text it wraps (`&id` passes where `&str` is wanted); the other way round,
        /// a `&str` never passes as an id.
        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                $name(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                $name(value.to_string())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
    ($(#[$meta:meta])* $name:ident, i64) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            serde::Deserialize,
        )]
        #[serde(transparent)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        pub struct $name(pub i64);

        impl $name {
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                $name(value)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> Self {
                id.0
            }
        }
    };
}

id_newtype!(
    /// A case's identifier: an opaque string (a UUIDv7 minted by the store), stable across exports.
    CaseId,
    String
);
id_newtype!(
    /// A pupil's identifier (a UUIDv7 minted by the store); a pupil can have more than one case.
    PupilId,
    String
);
id_newtype!(
    /// A family's identifier (a UUIDv7 minted by the store).
    FamilyId,
    String
);
id_newtype!(
    /// A parent or carer of a family (a UUIDv7 minted by the store).
    CarerId,
    String
);
id_newtype!(
    /// A child of the household who is not on the caseload (a UUIDv7 minted by the store).
    FamilyChildId,
    String
);
id_newtype!(
    /// An entry of a case's chronology (a UUIDv7 minted by the store).
    ChronologyEntryId,
    String
);
id_newtype!(
    /// An action agreed in a case's plan (a UUIDv7 minted by the store).
    PlanActionId,
    String
);
id_newtype!(
    /// A step on a case's legal ladder (a UUIDv7 minted by the store).
    LegalStepId,
    String
);
id_newtype!(
    /// A meeting's identifier (a UUIDv7 minted by the store).
    TsmId,
    String
);
id_newtype!(
    /// A pupil discussed at a meeting.
    DiscussionId,
    i64
);
id_newtype!(
    /// An action agreed at a meeting.
    TsmActionId,
    i64
);
id_newtype!(
    /// An export queued for the shared drive (a UUIDv7): delivering it again changes nothing.
    ExportId,
    String
);
id_newtype!(
    /// An attendance file imported.
    ImportId,
    i64
);
id_newtype!(
    /// A file seen in the shared drive's inbox (taken or refused).
    InboxFileId,
    i64
);
id_newtype!(
    /// An incoming value that differs from one the worker edited, waiting for their choice.
    ConflictId,
    i64
);
id_newtype!(
    /// A new case or changed details an allocation file proposes, waiting for the worker.
    ProposalId,
    i64
);

id_newtype!(
    /// A team of the service (`afsw`, `taskforce`, or one the council adds in settings).
    TeamId,
    String
);
id_newtype!(
    /// The worker's identifier on the shared drive, set in settings: names their delivery folder.
    WorkerId,
    String
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialise_as_their_bare_value() {
        let case = CaseId::from("0190a0b2-0000-7000-8000-000000000001");
        assert_eq!(
            serde_json::to_string(&case).ok().as_deref(),
            Some("\"0190a0b2-0000-7000-8000-000000000001\"")
        );
        assert_eq!(
            serde_json::to_string(&ImportId(7)).ok().as_deref(),
            Some("7")
        );
        let back: Option<TsmActionId> = serde_json::from_str("42").ok();
        assert_eq!(back, Some(TsmActionId(42)));
    }

    #[test]
    fn ids_display_as_their_bare_value() {
        assert_eq!(PupilId::from("p-1").to_string(), "p-1");
        assert_eq!(InboxFileId(12).to_string(), "12");
    }

    #[test]
    fn a_map_keyed_by_a_text_id_is_looked_up_by_str() {
        let map = std::collections::HashMap::from([(CaseId::from("c-1"), 1)]);
        assert_eq!(map.get("c-1"), Some(&1));
    }
}
