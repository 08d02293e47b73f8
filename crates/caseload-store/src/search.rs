//! Search across pupils' names, UPNs, schools and families (family name and carers' names),
//! answering as the worker types: each word typed is matched as a prefix, all words must match,
//! open cases first and best matches first within them.

use rusqlite::{Row, params};

use crate::error::StoreError;
use crate::write::Reader;
use caseload_domain::CaseId;

/// A pupil found, with their case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub case_id: CaseId,
    pub legal_name: String,
    pub preferred_name: Option<String>,
    pub upn: String,
    pub school_name: String,
    pub status: String,
}

/// Turns what was typed into an FTS5 query that cannot be malformed: every word is quoted (so
/// `"`, `*`, `-`, `AND` or `NEAR` are just text) and matched as a prefix.
pub fn fts_query(typed: &str) -> Option<String> {
    let terms: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("\"{}\"*", w.replace('"', "")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// Open cases (the ones a worker still holds) come first, then declined and closed ones; within
/// each, the best match first. Only the first 200 matches are ranked (the literal in the SQL; a bound LIMIT would hide it
/// from the planner). Ranking every match of a one-letter prefix over 52,000 pupils costs tens
/// of milliseconds; without an ORDER BY inside, FTS5 stops after 200, so a broad query answers
/// at once with good (if not the very best) matches and each further letter narrows it to the
/// exact best ones. CROSS JOIN keeps the join order: matches, then their pupils and cases.
pub fn pupils(r: &Reader<'_>, typed: &str, limit: u32) -> Result<Vec<Hit>, StoreError> {
    let Some(query) = fts_query(typed) else {
        return Ok(Vec::new());
    };
    let mut stmt = r.conn.prepare_cached(
        "SELECT c.id AS case_id, p.legal_name AS legal_name, p.preferred_name AS preferred_name,
                p.upn AS upn, p.school_name AS school_name, c.status AS status
         FROM (SELECT rowid, bm25(pupil_search, 10.0, 5.0, 1.0, 3.0) AS score
               FROM pupil_search WHERE pupil_search MATCH ?1 LIMIT 200) s
         CROSS JOIN pupils p ON p.rowid = s.rowid
         CROSS JOIN cases c ON c.pupil_id = p.id
         ORDER BY c.status IN ('declined', 'family_declined', 'closed'), s.score, p.legal_name
         LIMIT ?2",
    )?;
    stmt.query_and_then(params![query, limit], hit)?.collect()
}

fn hit(row: &Row<'_>) -> Result<Hit, StoreError> {
    Ok(Hit {
        case_id: CaseId(row.get("case_id")?),
        legal_name: row.get("legal_name")?,
        preferred_name: row.get("preferred_name")?,
        upn: row.get("upn")?,
        school_name: row.get("school_name")?,
        status: row.get("status")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_quoted_prefix_terms() {
        assert_eq!(fts_query("zor dem"), Some("\"zor\"* \"dem\"*".into()));
        assert_eq!(fts_query("  "), None);
        assert_eq!(
            fts_query("NEAR(\"x\" AND -y*"),
            Some("\"NEAR\"* \"x\"* \"AND\"* \"y\"*".into())
        );
    }
}
