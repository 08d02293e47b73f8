//! The audit trail's hash chain: how an entry's hash is made, and how a stored chain is checked.
//!
//! Each entry's hash is SHA-256 over the previous entry's hash and this entry's own fields, in
//! the canonical form [`canonical`] writes (documented in `docs/data-formats.md`). The first
//! entry's previous hash is [`GENESIS`]. The entry's number (`seq`) is not hashed: the order is
//! carried by the chain itself, so [`verify`] can tell a reordered entry from an edited one.

use sha2::{Digest, Sha256};

/// The previous hash of the first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry records. Names and identifiers only, never personal data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditFields {
    /// UTC, RFC 3339 with milliseconds: `2026-12-06T13:40:00.123Z`.
    pub at: String,
    pub worker: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub case_id: String,
    pub detail: String,
}

/// One stored entry, as read back for checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub seq: i64,
    pub fields: AuditFields,
    pub prev_hash: String,
    pub hash: String,
}

/// The bytes that are hashed: the previous hash, then each field in a fixed order, each written
/// as its UTF-8 byte length in decimal, a colon, the bytes, and a comma (a netstring), so no
/// field's content can shift into another's.
pub fn canonical(prev_hash: &str, f: &AuditFields) -> Vec<u8> {
    let mut out = Vec::new();
    for part in [
        prev_hash,
        &f.at,
        &f.worker,
        &f.action,
        &f.entity_type,
        &f.entity_id,
        &f.case_id,
        &f.detail,
    ] {
        out.extend_from_slice(part.len().to_string().as_bytes());
        out.push(b':');
        out.extend_from_slice(part.as_bytes());
        out.push(b',');
    }
    out
}

/// The entry's hash: lowercase hex SHA-256 of [`canonical`].
pub fn entry_hash(prev_hash: &str, f: &AuditFields) -> String {
    let digest = Sha256::digest(canonical(prev_hash, f));
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where and how a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// The entry's hash does not match its fields: it was changed after it was written.
    Edited { seq: i64 },
    /// Entries numbered `from..=to` are missing: they were deleted.
    Deleted { from: i64, to: i64 },
    /// The entry was not written by Caseload in this place: the entries either side of it link
    /// to each other.
    Inserted { seq: i64 },
    /// The entry is out of place: it belongs straight after entry `belongs_after`.
    Reordered { seq: i64, belongs_after: i64 },
    /// The entry does not link to the one before it, and nothing else in the trail explains
    /// why (an earlier entry was replaced with one whose hash was recomputed, or removed and
    /// the rest renumbered).
    Unlinked { seq: i64 },
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainBreak::Edited { seq } => write!(
                f,
                "entry {seq} was edited: its hash does not match what it records"
            ),
            ChainBreak::Deleted { from, to } if from == to => {
                write!(f, "entry {from} was deleted: the trail jumps over it")
            }
            ChainBreak::Deleted { from, to } => write!(
                f,
                "entries {from} to {to} were deleted: the trail jumps over them"
            ),
            ChainBreak::Inserted { seq } => write!(
                f,
                "entry {seq} was inserted: the entries either side of it link to each other, not to it"
            ),
            ChainBreak::Reordered { seq, belongs_after } => write!(
                f,
                "entry {seq} was moved: it belongs straight after entry {belongs_after}"
            ),
            ChainBreak::Unlinked { seq } => write!(
                f,
                "entry {seq} does not follow from the entry before it: an earlier entry was replaced or removed"
            ),
        }
    }
}

/// The result of checking a whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainCheck {
    /// Every entry links to the one before and matches its fields.
    Intact { entries: usize },
    /// The first place the chain breaks (later entries are not checked past it).
    Broken { entries: usize, problem: ChainBreak },
}

/// Checks a chain given in `seq` order and reports the first break, naming what kind it is.
///
/// Note what no chain can show on its own: removing entries from the end leaves a shorter chain
/// that is still intact. `verify` reports the count so it can be compared with a count noted
/// elsewhere (a backup's record, a printed check).
pub fn verify(records: &[AuditRecord]) -> ChainCheck {
    let entries = records.len();
    let position_of_hash: std::collections::HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.hash.as_str(), i))
        .collect();
    for (i, e) in records.iter().enumerate() {
        let (expected_prev, prev_seq) = match i.checked_sub(1).map(|p| &records[p]) {
            Some(p) => (p.hash.as_str(), p.seq),
            None => (GENESIS, 0),
        };
        let next = records.get(i + 1);
        let linked = e.prev_hash == expected_prev;
        let sound = entry_hash(&e.prev_hash, &e.fields) == e.hash;
        let skipped_over = next.is_some_and(|n| n.prev_hash == expected_prev);
        let problem = if linked && sound {
            (e.seq != prev_seq + 1).then_some(ChainBreak::Deleted {
                from: prev_seq + 1,
                to: e.seq - 1,
            })
        } else if linked {
            Some(if skipped_over {
                ChainBreak::Inserted { seq: e.seq }
            } else {
                ChainBreak::Edited { seq: e.seq }
            })
        } else if let Some(&target) = position_of_hash.get(e.prev_hash.as_str())
            && target > i
        {
            Some(ChainBreak::Reordered {
                seq: e.seq,
                belongs_after: records[target].seq,
            })
        } else if skipped_over {
            Some(ChainBreak::Inserted { seq: e.seq })
        } else if e.seq != prev_seq + 1 {
            Some(ChainBreak::Deleted {
                from: prev_seq + 1,
                to: e.seq - 1,
            })
        } else if i >= 2 && e.prev_hash == records[i - 2].hash {
            Some(ChainBreak::Inserted {
                seq: records[i - 1].seq,
            })
        } else if let Some(&target) = position_of_hash.get(e.prev_hash.as_str()) {
            Some(ChainBreak::Reordered {
                seq: e.seq,
                belongs_after: records[target].seq,
            })
        } else if !sound {
            Some(ChainBreak::Edited { seq: e.seq })
        } else {
            Some(ChainBreak::Unlinked { seq: e.seq })
        };
        if let Some(problem) = problem {
            return ChainCheck::Broken { entries, problem };
        }
    }
    ChainCheck::Intact { entries }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditRecord> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let fields = AuditFields {
                    at: format!("2026-12-06T10:00:{seq:02}.000Z"),
                    worker: "tester".into(),
                    action: "case_add".into(),
                    entity_type: "case".into(),
                    entity_id: format!("id-{seq}"),
                    case_id: format!("id-{seq}"),
                    detail: String::new(),
                };
                let hash = entry_hash(&prev, &fields);
                let r = AuditRecord {
                    seq,
                    fields,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                r
            })
            .collect()
    }

    fn broken(records: &[AuditRecord]) -> ChainBreak {
        match verify(records) {
            ChainCheck::Broken { problem, .. } => problem,
            ChainCheck::Intact { .. } => panic!("tampering not caught"),
        }
    }

    #[test]
    fn the_canonical_form_is_length_prefixed_so_fields_cannot_run_together() {
        let a = AuditFields {
            worker: "ab".into(),
            action: "c".into(),
            ..Default::default()
        };
        let b = AuditFields {
            worker: "a".into(),
            action: "bc".into(),
            ..Default::default()
        };
        assert_ne!(entry_hash(GENESIS, &a), entry_hash(GENESIS, &b));
        assert_eq!(canonical("p", &a), b"1:p,0:,2:ab,1:c,0:,0:,0:,0:,".to_vec());
    }

    #[test]
    fn the_hash_is_sha256_of_the_canonical_form_in_lowercase_hex() {
        // Computed independently: printf '64:<64 zeros>,0:,0:,0:,0:,0:,0:,0:,' | sha256sum
        assert_eq!(
            entry_hash(GENESIS, &AuditFields::default()),
            "7281c5602d0c4802c0bee5d88907a9e45cb9c4cb44a37e2c5534ff9f2c999f93"
        );
    }

    #[test]
    fn an_untouched_chain_is_intact_with_its_count() {
        assert_eq!(verify(&chain(5)), ChainCheck::Intact { entries: 5 });
        assert_eq!(verify(&[]), ChainCheck::Intact { entries: 0 });
    }

    #[test]
    fn an_edited_entry_is_named() {
        let mut c = chain(5);
        c[2].fields.detail = "changed".into();
        assert_eq!(broken(&c), ChainBreak::Edited { seq: 3 });
    }

    #[test]
    fn a_deleted_entry_is_named_by_the_gap() {
        let mut c = chain(5);
        c.remove(2);
        assert_eq!(broken(&c), ChainBreak::Deleted { from: 3, to: 3 });
        let mut first = chain(3);
        first.remove(0);
        assert_eq!(broken(&first), ChainBreak::Deleted { from: 1, to: 1 });
    }

    #[test]
    fn an_inserted_entry_is_named_whether_or_not_its_hash_was_forged_well() {
        for forged_link in [false, true] {
            let mut c = chain(5);
            let prev = if forged_link {
                c[1].hash.clone()
            } else {
                "f".repeat(64)
            };
            let fields = AuditFields {
                action: "case_add".into(),
                ..Default::default()
            };
            let hash = entry_hash(&prev, &fields);
            c.insert(
                2,
                AuditRecord {
                    seq: 3,
                    fields,
                    prev_hash: prev,
                    hash,
                },
            );
            for (i, r) in c.iter_mut().enumerate() {
                r.seq = i as i64 + 1;
            }
            assert_eq!(broken(&c), ChainBreak::Inserted { seq: 3 }, "{forged_link}");
        }
    }

    #[test]
    fn reordered_entries_are_named_apart_or_adjacent() {
        let mut c = chain(6);
        c.swap(2, 4);
        for (i, r) in c.iter_mut().enumerate() {
            r.seq = i as i64 + 1;
        }
        assert_eq!(
            broken(&c),
            ChainBreak::Reordered {
                seq: 3,
                belongs_after: 4
            }
        );
        let mut c = chain(6);
        c.swap(2, 3);
        for (i, r) in c.iter_mut().enumerate() {
            r.seq = i as i64 + 1;
        }
        assert_eq!(
            broken(&c),
            ChainBreak::Reordered {
                seq: 3,
                belongs_after: 4
            }
        );
    }
}
