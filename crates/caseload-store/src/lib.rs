//! Caseload's encrypted store: the only crate that writes SQL.
//!
//! A random 256-bit database key, wrapped by a key derived from the worker's passphrase with
//! Argon2id, opens a SQLCipher database. Migrations are embedded and applied in order. Every
//! write goes through [`Store::write`], the one place the audit trail will hook in.

pub mod audit;
pub mod backup;
pub mod cases;
pub mod chronology;
mod columns;
mod error;
pub mod events;
pub mod families;
pub mod imports;
pub mod inbox;
pub mod key;
mod key_bounds;
mod keyfile;
pub mod legal;
pub mod link_schools;
mod migrate;
mod open;
pub mod outbox;
pub mod plans;
pub mod postcode_wards;
pub mod readings;
pub mod report_sources;
pub mod retention;
pub mod search;
pub mod settings;
pub mod tsm_actions;
pub mod tsm_pupils;
pub mod tsms;
pub mod unlock_attempts;
mod write;

pub use error::StoreError;
pub use key::KdfParams;
pub use migrate::SCHEMA_VERSION;
pub use open::{BUSY_TIMEOUT, DATABASE_FILE, KEY_FILE, NEXT_KEY_FILE, Store};
pub use write::{Action, Reader, Writer};

/// Helpers for tests in other crates and for fixture generation. Not for production paths.
#[doc(hidden)]
pub mod testing {
    use std::path::Path;

    use crate::{Store, StoreError};
    use caseload_domain::Passphrase;

    /// Runs raw SQL inside a write, to prove what the schema itself refuses.
    pub fn execute(w: &crate::Writer<'_>, sql: &str) -> Result<(), StoreError> {
        w.conn.execute_batch(sql)?;
        Ok(())
    }

    /// Counts the rows a read query returns (benchmark probes).
    pub fn count_rows(store: &Store, sql: &str, param: &str) -> Result<usize, StoreError> {
        let mut stmt = store.conn.prepare_cached(sql)?;
        let mut rows = stmt.query([param])?;
        let mut n = 0;
        while rows.next()?.is_some() {
            n += 1;
        }
        Ok(n)
    }

    /// Every `table.column` (all tables, the search index's shadow tables included) whose value
    /// contains `needle`'s bytes, whatever the column's type.
    pub fn find_everywhere(store: &Store, needle: &str) -> Result<Vec<String>, StoreError> {
        let tables: Vec<String> = {
            let mut stmt = store.conn.prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                   AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
            )?;
            stmt.query_map([], |row| row.get(0))?
                .collect::<Result<_, _>>()?
        };
        let mut found = Vec::new();
        for table in tables {
            let columns: Vec<String> = {
                let mut stmt = store
                    .conn
                    .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
                stmt.query_map([], |row| row.get(0))?
                    .collect::<Result<_, _>>()?
            };
            for column in columns {
                let hits: i64 = store.conn.query_row(
                    &format!(
                        "SELECT count(*) FROM \"{table}\"
                         WHERE instr(CAST(\"{column}\" AS BLOB), CAST(?1 AS BLOB)) > 0"
                    ),
                    [needle],
                    |row| row.get(0),
                )?;
                if hits > 0 {
                    found.push(format!("{table}.{column}"));
                }
            }
        }
        Ok(found)
    }

    /// Reads a PRAGMA's value (diagnostics and tests).
    pub fn pragma(store: &Store, name: &str) -> Result<String, StoreError> {
        Ok(store
            .conn
            // Any PRAGMA: its one column is named differently from pragma to pragma.
            .query_row(&format!("PRAGMA {name}"), [], |row| {
                row.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| format!("{v:?}"))?)
    }

    /// Every table's rows, each row as one line of its values and the lines sorted: a
    /// canonical dump two databases can be compared by, whatever order their pages hold rows in.
    pub fn canonical_dump(
        store: &Store,
    ) -> Result<std::collections::BTreeMap<String, Vec<String>>, StoreError> {
        let mut dump = std::collections::BTreeMap::new();
        for name in crate::backup::table_counts(&store.conn)?.into_keys() {
            let quoted = name.replace('"', "\"\"");
            let mut stmt = store.conn.prepare(&format!("SELECT * FROM \"{quoted}\""))?;
            let columns = stmt.column_count();
            let mut rows = stmt.query([])?;
            let mut lines = Vec::new();
            while let Some(row) = rows.next()? {
                let mut values = Vec::with_capacity(columns);
                for i in 0..columns {
                    // Every column of any table: only its position is known here.
                    values.push(format!("{:?}", row.get::<_, rusqlite::types::Value>(i)?));
                }
                lines.push(values.join("|"));
            }
            lines.sort();
            dump.insert(name, lines);
        }
        Ok(dump)
    }

    /// Runs a PRAGMA that may return any number of rows (an integrity check) and returns how
    /// many it returned (benchmarks: `cipher_integrity_check` returns none when all is well).
    pub fn pragma_row_count(store: &Store, name: &str) -> Result<usize, StoreError> {
        let mut stmt = store.conn.prepare(&format!("PRAGMA {name}"))?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while rows.next()?.is_some() {
            n += 1;
        }
        Ok(n)
    }

    /// Forces `PRAGMA user_version`, to simulate a database written by another build.
    pub fn set_user_version(
        dir: &Path,
        passphrase: &Passphrase,
        version: i64,
    ) -> Result<(), StoreError> {
        let store = Store::unlock(dir, passphrase)?;
        store.conn.pragma_update(None, "user_version", version)?;
        Ok(())
    }
}
