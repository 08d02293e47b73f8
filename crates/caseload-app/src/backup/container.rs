//! The backup file: one zip (entries stored, not compressed: they are ciphertext) holding
//! `manifest.json` (first), `caseload.key` (the wrapped database key, exactly as in the data
//! folder) and `caseload.db` (the SQLCipher copy). The manifest says what the file is and lets
//! every entry be checked; it holds counts and hashes, no personal data.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, Write};
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

pub const MANIFEST: &str = "manifest.json";
pub const KEY_ENTRY: &str = "caseload.key";
pub const DB_ENTRY: &str = "caseload.db";
pub const FORMAT: &str = "caseload-backup";
pub const FORMAT_VERSION: u32 = 1;
/// A manifest or key file larger than this is not one of ours.
const SMALL_ENTRY_LIMIT: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    pub schema_version: i64,
    pub created_at: DateTime<Utc>,
    /// Rows in every table of the copy, by table name.
    pub tables: BTreeMap<String, u64>,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// A backup file that is not one, or does not match its manifest. Words for the worker.
#[derive(Debug)]
pub struct BadFile(pub String);

fn bad(reason: impl Into<String>) -> BadFile {
    BadFile(reason.into())
}

impl From<zip::result::ZipError> for BadFile {
    fn from(e: zip::result::ZipError) -> Self {
        bad(format!("it is not a readable Caseload backup ({e})"))
    }
}

impl From<io::Error> for BadFile {
    fn from(e: io::Error) -> Self {
        bad(format!(
            "it could not be read ({})",
            caseload_exchange::io_problem(&e)
        ))
    }
}

/// Copies `from` into `to`, returning the bytes copied and their SHA-256.
fn copy_hashed(mut from: impl Read, mut to: impl Write) -> io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = from.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        to.write_all(&buf[..n])?;
        total += n as u64;
    }
    Ok((total, hex::encode(hasher.finalize())))
}

pub fn sha256_file(path: &Path) -> io::Result<(u64, String)> {
    copy_hashed(File::open(path)?, io::sink())
}

/// Writes the zip into `out` (an open, new file), manifest first.
pub fn write(
    out: File,
    manifest: &Manifest,
    key_bytes: &[u8],
    db: &Path,
) -> zip::result::ZipResult<File> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(true);
    let mut zip = ZipWriter::new(out);
    let json = serde_json::to_vec_pretty(manifest).map_err(io::Error::other)?;
    zip.start_file(MANIFEST, options)?;
    zip.write_all(&json)?;
    zip.start_file(KEY_ENTRY, options)?;
    zip.write_all(key_bytes)?;
    zip.start_file(DB_ENTRY, options)?;
    copy_hashed(File::open(db)?, &mut zip)?;
    zip.finish()
}

/// An opened backup file: its manifest checked for format, and its key file read and checked
/// against the manifest's hash.
pub struct Opened<R: Read + Seek> {
    pub manifest: Manifest,
    pub key_bytes: Vec<u8>,
    archive: ZipArchive<R>,
}

fn listed<'m>(manifest: &'m Manifest, name: &str) -> Result<&'m ManifestFile, BadFile> {
    manifest
        .files
        .iter()
        .find(|f| f.name == name)
        .ok_or_else(|| bad(format!("its manifest does not list {name}")))
}

fn read_small<R: Read + Seek>(archive: &mut ZipArchive<R>, name: &str) -> Result<Vec<u8>, BadFile> {
    let entry = archive
        .by_name(name)
        .map_err(|_| bad(format!("it has no {name}: it is not a Caseload backup")))?;
    let mut bytes = Vec::new();
    entry.take(SMALL_ENTRY_LIMIT).read_to_end(&mut bytes)?;
    Ok(bytes)
}

pub fn open<R: Read + Seek>(reader: R) -> Result<Opened<R>, BadFile> {
    let mut archive = ZipArchive::new(reader)?;
    let manifest_bytes = read_small(&mut archive, MANIFEST)?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| bad(format!("its manifest is not readable ({e})")))?;
    if manifest.format != FORMAT {
        return Err(bad("it is not a Caseload backup"));
    }
    if manifest.format_version != FORMAT_VERSION {
        return Err(bad(format!(
            "it was made by a newer version of Caseload (backup format {}; this version reads {FORMAT_VERSION}): install the newer version",
            manifest.format_version
        )));
    }
    let key_bytes = read_small(&mut archive, KEY_ENTRY)?;
    let listed_key = listed(&manifest, KEY_ENTRY)?;
    let (size, sha) = copy_hashed(key_bytes.as_slice(), io::sink())?;
    if size != listed_key.size || sha != listed_key.sha256 {
        return Err(bad("its key file does not match its manifest"));
    }
    Ok(Opened {
        manifest,
        key_bytes,
        archive,
    })
}

impl<R: Read + Seek> Opened<R> {
    /// Extracts the database into `dest` (a new file), checking its size and SHA-256 against
    /// the manifest.
    pub fn extract_db(&mut self, dest: &Path) -> Result<(), BadFile> {
        let listed = listed(&self.manifest, DB_ENTRY)?.clone();
        let entry = self
            .archive
            .by_name(DB_ENTRY)
            .map_err(|_| bad(format!("it has no {DB_ENTRY}: it is not a Caseload backup")))?;
        let out = File::options().write(true).create_new(true).open(dest)?;
        let (size, sha) = copy_hashed(entry, &out)?;
        out.sync_all()?;
        if size != listed.size || sha != listed.sha256 {
            return Err(bad(
                "its database does not match its manifest: the file is damaged or was altered",
            ));
        }
        Ok(())
    }
}
