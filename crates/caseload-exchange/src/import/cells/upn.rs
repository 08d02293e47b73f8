//! Pupils' UPNs in a cell: the UPN itself, its problems (never quoting the UPN back), and the
//! key that finds a pupil's first row.

use caseload_domain::{Upn, UpnError};

use super::super::shown::shown;
use super::super::table::Cell;
use super::{Problem, problem};

pub(crate) fn upn(cell: Cell<'_>) -> Result<Upn, Problem> {
    let text = match cell {
        Cell::Text(text) => text,
        Cell::Blank => "",
        other => {
            return Err(problem(
                format!("{} is not a UPN", shown(other)),
                "enter the pupil's 13-character UPN, for example B801200005001",
            ));
        }
    };
    Upn::parse(text).map_err(upn_problem)
}

/// A UPN as a map key: its 13 characters, upper-case, held without allocating.
pub(crate) type UpnKey = [u8; 13];

/// The row each pupil was first seen on, so a file with one row per pupil (summaries,
/// allocations) can name both rows of a duplicate.
#[derive(Default)]
pub(crate) struct PupilRows(std::collections::HashMap<UpnKey, usize>);

impl PupilRows {
    /// Claims `row` for this pupil; a second row for the same pupil is a problem naming the first.
    /// `again` says what to do next ("import the file again", "send the file again").
    pub(crate) fn claim(&mut self, upn: &Upn, row: usize, again: &str) -> Result<(), Problem> {
        match self.0.entry(upn_key(upn.as_str())) {
            std::collections::hash_map::Entry::Occupied(first) => Err(problem(
                format!("this pupil is already on row {}", first.get()),
                format!("keep one row per pupil, then {again}"),
            )),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(row);
                Ok(())
            }
        }
    }
}

/// The key of UPN-shaped text (13 ASCII characters); other text is cut or padded.
pub(crate) fn upn_key(text: &str) -> UpnKey {
    let mut key = [0u8; 13];
    let bytes = text.as_bytes();
    let n = bytes.len().min(13);
    key[..n].copy_from_slice(&bytes[..n]);
    key.make_ascii_uppercase();
    key
}

pub(crate) fn upn_problem(error: UpnError) -> Problem {
    const FIX: &str = "check the UPN has been copied correctly from the school's records";
    match error {
        UpnError::Empty => problem(
            "the UPN is blank",
            "enter the pupil's 13-character UPN, or remove the row",
        ),
        UpnError::WrongLength { found } => {
            problem(format!("the UPN has {found} characters; a UPN has 13"), FIX)
        }
        UpnError::BadCharacter { position } => problem(
            format!(
                "character {position} of the UPN is not allowed (a UPN is a letter, then 12 \
                 digits; a temporary UPN ends in a letter)"
            ),
            FIX,
        ),
        UpnError::WrongCheckLetter { expected, found } => problem(
            format!(
                "the UPN's check letter is {found}, but for the digits after it the check letter \
                 is {expected}"
            ),
            FIX,
        ),
    }
}
