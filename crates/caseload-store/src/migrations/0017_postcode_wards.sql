-- The council's postcode-to-ward lookup (issue 15; docs/domain.md §9): each postcode's ward, as a
-- CSV of postcode, ward code and ward name (the shape of the national postcode lookup files).
-- Held in the encrypted database like everything else. Loading a file replaces the whole
-- lookup; each load is recorded (file name only, its hash, counts) for "wards status".
CREATE TABLE postcode_wards (
    postcode   TEXT PRIMARY KEY,   -- normalised: upper case, one space before the inward code
    ward_code  TEXT NOT NULL,
    ward_name  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE postcode_lookup_loads (
    id         INTEGER PRIMARY KEY,
    file_name  TEXT NOT NULL,      -- the file's name only, never its folder
    sha256     TEXT NOT NULL,
    postcodes  INTEGER NOT NULL,   -- postcodes loaded
    wards      INTEGER NOT NULL,   -- distinct ward codes
    skipped    INTEGER NOT NULL,   -- rows with a malformed postcode or no ward, left out
    loaded_at  TEXT NOT NULL
) STRICT;

-- A pupil's home postcode from an attendance summary, normalised; its ward is looked up when a
-- report is made, so a lookup loaded later places pupils imported earlier.
ALTER TABLE attendance_summaries ADD COLUMN postcode TEXT;
