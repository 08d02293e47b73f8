//! Embedded migrations, applied in order, each in its own transaction, tracked by
//! `PRAGMA user_version`. A database from a newer build is refused rather than misread.

use rusqlite::Connection;

use crate::error::StoreError;

/// Migration `i` (0-based) takes the schema from version `i` to `i + 1`. Append only: a
/// released migration is never edited, because databases in the field have already run it.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_lifecycle.sql"),
    include_str!("migrations/0003_search.sql"),
    include_str!("migrations/0004_chronology.sql"),
    include_str!("migrations/0005_plans.sql"),
    include_str!("migrations/0006_family.sql"),
    include_str!("migrations/0007_link_schools.sql"),
    include_str!("migrations/0008_tsms.sql"),
    include_str!("migrations/0009_imports.sql"),
    include_str!("migrations/0010_legal.sql"),
    include_str!("migrations/0011_part_time.sql"),
    include_str!("migrations/0012_exchange.sql"),
    include_str!("migrations/0013_audit.sql"),
    include_str!("migrations/0014_retention.sql"),
    include_str!("migrations/0015_inbox_proposals.sql"),
    include_str!("migrations/0016_closure_category.sql"),
    include_str!("migrations/0017_postcode_wards.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get("user_version"))?)
}

/// Brings the database up to [`SCHEMA_VERSION`]. Each step commits on its own, so a crash
/// leaves the database at a whole earlier version, never between two.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let found = user_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerDatabase {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
