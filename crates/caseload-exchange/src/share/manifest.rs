//! The delivery manifest: the one file that says which files in a delivery folder are
//! complete and what their SHA-256 is. It is written last, so its presence with matching
//! hashes is the only proof a delivery finished. Parsing never echoes values back in errors.

use caseload_domain::ExportId;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::names::segment_problem;

/// The manifest's file name inside each delivery folder.
pub const MANIFEST_NAME: &str = "manifest.json";
/// The `schema` every manifest carries.
pub const MANIFEST_SCHEMA: &str = "caseload.delivery";
/// The manifest layout this build writes and the newest it reads.
pub const MANIFEST_SCHEMA_VERSION: u32 = 1;

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// What one delivery folder holds, as `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`MANIFEST_SCHEMA`].
    pub schema: String,
    /// The manifest layout, [`MANIFEST_SCHEMA_VERSION`].
    pub schema_version: u32,
    pub export_id: ExportId,
    pub kind: String,
    pub worker_id: String,
    pub team: String,
    pub app_version: String,
    /// The layout of the exported summary files themselves, for the aggregator.
    pub summary_schema_version: u32,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub files: Vec<ManifestFile>,
}

/// One delivered file as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// The file's final name in the delivery folder.
    pub name: String,
    pub format: String,
    /// In bytes.
    pub size: u64,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub rows: u64,
}

/// Why bytes are not a manifest this build can trust.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManifestError {
    #[error("not valid manifest JSON ({category} error at line {line}, column {column})")]
    Unparseable {
        category: String,
        line: usize,
        column: usize,
    },
    #[error("not a Caseload delivery manifest")]
    UnknownSchema,
    #[error("written by a newer Caseload (manifest version {version})")]
    NewerVersion { version: u32 },
    #[error("lists a file name that {problem}")]
    UnsafeName { problem: &'static str },
    #[error("lists {name} twice")]
    DuplicateName { name: String },
    #[error("gives {name} a SHA-256 that is not 64 hex digits")]
    MalformedHash { name: String },
}

impl Manifest {
    /// Parses and checks a manifest: known schema and version, every listed name a safe
    /// single path segment listed once, every hash well formed. Only then may its names be
    /// joined to a folder path.
    pub fn from_json(bytes: &[u8]) -> Result<Manifest, ManifestError> {
        let manifest: Manifest =
            serde_json::from_slice(bytes).map_err(|e| ManifestError::Unparseable {
                category: format!("{:?}", e.classify()).to_lowercase(),
                line: e.line(),
                column: e.column(),
            })?;
        if manifest.schema != MANIFEST_SCHEMA {
            return Err(ManifestError::UnknownSchema);
        }
        if manifest.schema_version > MANIFEST_SCHEMA_VERSION {
            return Err(ManifestError::NewerVersion {
                version: manifest.schema_version,
            });
        }
        let mut seen = std::collections::HashSet::new();
        for file in &manifest.files {
            if let Some(problem) = segment_problem(&file.name) {
                return Err(ManifestError::UnsafeName { problem });
            }
            if file.name == MANIFEST_NAME || !seen.insert(file.name.as_str()) {
                return Err(ManifestError::DuplicateName {
                    name: file.name.clone(),
                });
            }
            let hash_ok = file.sha256.len() == 64
                && file
                    .sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !hash_ok {
                return Err(ManifestError::MalformedHash {
                    name: file.name.clone(),
                });
            }
        }
        Ok(manifest)
    }
}

impl ManifestFile {
    /// Whether `bytes` are exactly the file this entry describes.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() as u64 == self.size && sha256_hex(bytes) == self.sha256
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        Manifest {
            schema: MANIFEST_SCHEMA.into(),
            schema_version: MANIFEST_SCHEMA_VERSION,
            export_id: "exp-1".into(),
            kind: "summary".into(),
            worker_id: "W-1".into(),
            team: "North".into(),
            app_version: "0.1.0".into(),
            summary_schema_version: 3,
            created_at: "2026-03-02T09:00:00Z".into(),
            files: vec![ManifestFile {
                name: "a.csv".into(),
                format: "csv".into(),
                size: 3,
                sha256: sha256_hex(b"abc"),
                rows: 1,
            }],
        }
    }

    fn json(manifest: &Manifest) -> Vec<u8> {
        serde_json::to_vec(manifest).expect("serialises")
    }

    #[test]
    fn sha256_hex_is_the_lower_case_digest_of_the_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_written_manifest_reads_back_unchanged() {
        let manifest = sample();
        assert_eq!(Manifest::from_json(&json(&manifest)), Ok(manifest));
    }

    #[test]
    fn a_manifest_naming_a_file_outside_its_folder_is_refused() {
        let mut manifest = sample();
        manifest.files[0].name = "../../secrets.csv".into();
        assert!(matches!(
            Manifest::from_json(&json(&manifest)),
            Err(ManifestError::UnsafeName { .. })
        ));
    }

    #[test]
    fn a_manifest_from_a_newer_build_is_refused() {
        let mut manifest = sample();
        manifest.schema_version = MANIFEST_SCHEMA_VERSION + 1;
        assert_eq!(
            Manifest::from_json(&json(&manifest)),
            Err(ManifestError::NewerVersion {
                version: MANIFEST_SCHEMA_VERSION + 1
            })
        );
    }

    #[test]
    fn a_parse_error_does_not_echo_the_manifest_contents() {
        let err = Manifest::from_json(br#"{"schema": "Pupil Secret-Name", "files": 3}"#)
            .expect_err("not a manifest");
        assert!(!err.to_string().contains("Secret"), "{err}");
    }
}
