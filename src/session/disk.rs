//! Changes on disk while a document is open: another program (an extractor
//! rewriting the `.ron`, an editor saving the `.txt`, a `git pull`) changed
//! a file the session read.
//!
//! The session remembers a [`Fingerprint`] of each file as it last read or
//! wrote it: length, modification time and a SHA-256 of the content.
//! [`Session::check_disk`] compares the files with them; a file whose
//! content is unchanged (touched, or rewritten with the same bytes) is not a
//! change. [`Session::save`] checks the annotation file first and refuses
//! with [`StoreError::ChangedOnDisk`] rather than overwrite what another
//! program wrote. The resolutions (reload, keep mine, merge) are in
//! `resolve.rs`.

use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

use sha2::{Digest as _, Sha256};

use super::Session;
use crate::model::{AnnotationSet, Document};
use crate::store::{self, StoreError};

/// What the session last read or wrote of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// Length in bytes.
    pub len: u64,
    /// Last modification time, if the file system keeps one.
    pub modified: Option<SystemTime>,
    /// SHA-256 of the content, in hex: of the bytes for an annotation file,
    /// of the text (without a byte order mark) for an article.
    pub sha256: String,
}

impl Fingerprint {
    /// The fingerprint of `path`'s bytes; `Ok(None)` if there is no file.
    /// Only a regular file inside its corpus folder is read
    /// ([`store::check_file_to_read`]): a FIFO or `/dev/zero` would never
    /// end, a link outside the corpus is not newsmark's to read.
    pub fn of_file(path: &Path) -> io::Result<Option<Self>> {
        match store::check_file_to_read(path) {
            Err(StoreError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidInput, e.reason())),
            Ok(()) => {}
        }
        let mut file = match fs::File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let meta = file.metadata()?;
        let mut hasher = Sha256::new();
        io::copy(&mut file, &mut hasher)?;
        Ok(Some(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            sha256: hex(&hasher.finalize()),
        }))
    }

    /// The fingerprint of `path` just after writing `bytes` to it: the hash
    /// of what was written, the length and time of what is there (so a
    /// write by another program in between still shows as a change).
    pub fn of_written(path: &Path, bytes: &[u8]) -> Self {
        Self::of_bytes(fs::metadata(path).ok().as_ref(), bytes)
    }

    /// The fingerprint of a file whose metadata is `meta` and contents
    /// `bytes`.
    pub fn of_bytes(meta: Option<&fs::Metadata>, bytes: &[u8]) -> Self {
        Self {
            len: meta.map_or(u64::MAX, fs::Metadata::len),
            modified: meta.and_then(|m| m.modified().ok()),
            sha256: hex(&Sha256::digest(bytes)),
        }
    }

    /// The fingerprint of an article whose metadata `meta` was taken just
    /// before its text `doc` was read.
    pub fn of_text(meta: Option<&fs::Metadata>, doc: &Document) -> Self {
        Self {
            len: meta.map_or(u64::MAX, fs::Metadata::len),
            modified: meta.and_then(|m| m.modified().ok()),
            sha256: store::text_sha256(doc.text()),
        }
    }
}

/// Lower-case hex of a digest.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// What happened to one file since the session last read or wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileChange {
    /// It did not exist then and does now.
    Created,
    /// Its content is different.
    Modified,
    /// It existed then and does not now.
    Deleted,
    /// It cannot be read now (the reason given).
    Unreadable(String),
}

impl FileChange {
    /// "changed on disk", "was deleted", ... for messages.
    pub fn describe(&self) -> String {
        match self {
            Self::Created => "was created".to_owned(),
            Self::Modified => "changed on disk".to_owned(),
            Self::Deleted => "was deleted".to_owned(),
            Self::Unreadable(why) => format!("can no longer be read ({why})"),
        }
    }
}

/// What changed on disk under an open document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskChange {
    /// The annotation file ([`Session::ron_path`]), if it changed.
    pub annotations: Option<FileChange>,
    /// The article ([`Session::txt_path`]), if it changed.
    pub text: Option<FileChange>,
}

impl DiskChange {
    /// One line naming each changed file and what happened to it.
    pub fn describe(&self, session: &Session) -> String {
        let mut parts = Vec::new();
        if let Some(change) = &self.text {
            parts.push(format!("{} {}", session.name(), change.describe()));
        }
        if let Some(change) = &self.annotations {
            let ron = store::file_name(session.ron_path());
            parts.push(format!("{ron} {}", change.describe()));
        }
        parts.join("; ")
    }

    /// Whether the article itself changed, so that reloading or merging
    /// re-anchors the spans on its new text.
    pub fn text_changed(&self) -> bool {
        self.text.is_some()
    }
}

/// What the session last read or wrote of its files.
#[derive(Debug, Default)]
pub(super) struct DiskState {
    /// The article, as read (`None`: its metadata could not be read).
    pub txt: Option<Fingerprint>,
    /// The annotation file as read or written (`None`: there was none).
    pub ron: Option<Fingerprint>,
    /// The annotations as last read from or written to the annotation file:
    /// the common ancestor of a merge.
    pub base: AnnotationSet,
}

/// Compares an annotation file (or any file compared byte for byte) with
/// what was known of it.
pub(super) fn compare_file(path: &Path, known: Option<&Fingerprint>) -> Option<FileChange> {
    match (known, Fingerprint::of_file(path)) {
        (None, Ok(None)) => None,
        (None, Ok(Some(_))) => Some(FileChange::Created),
        (Some(_), Ok(None)) => Some(FileChange::Deleted),
        (Some(known), Ok(Some(now))) => {
            (known.sha256 != now.sha256).then_some(FileChange::Modified)
        }
        // A file never read that cannot be read now is nothing new.
        (None, Err(_)) => None,
        (Some(_), Err(e)) => Some(FileChange::Unreadable(e.to_string())),
    }
}

/// Compares an article with what was known of it: its text is read and
/// hashed only if its length or modification time differ, and if only
/// those changed, `known` is brought up to date.
pub(super) fn compare_text(path: &Path, known: &mut Option<Fingerprint>) -> Option<FileChange> {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return known.is_some().then_some(FileChange::Deleted);
        }
        Err(e) => {
            return known
                .is_some()
                .then(|| FileChange::Unreadable(e.to_string()));
        }
    };
    let Some(print) = known else {
        return Some(FileChange::Created);
    };
    if print.len == meta.len() && print.modified.is_some() && print.modified == meta.modified().ok()
    {
        return None;
    }
    match store::read_text(path) {
        Ok(doc) => {
            let now = Fingerprint::of_text(Some(&meta), &doc);
            if now.sha256 == print.sha256 {
                *print = now;
                None
            } else {
                Some(FileChange::Modified)
            }
        }
        Err(err) => Some(FileChange::Unreadable(err.reason())),
    }
}

impl Session {
    /// What changed on disk since the session last read or wrote its files:
    /// `None` if nothing did (a file touched or rewritten with the same
    /// content is unchanged). Cheap for the article when its length and
    /// modification time are unchanged; the annotation file is always read
    /// and hashed.
    pub fn check_disk(&mut self) -> Option<DiskChange> {
        let change = DiskChange {
            annotations: compare_file(&self.ron_path, self.disk.ron.as_ref()),
            text: compare_text(&self.txt_path, &mut self.disk.txt),
        };
        (change.annotations.is_some() || change.text.is_some()).then_some(change)
    }

    /// The annotations as last read from or written to the annotation file.
    pub fn base(&self) -> &AnnotationSet {
        &self.disk.base
    }

    /// Refuses with [`StoreError::ChangedOnDisk`] if the annotation file is
    /// not what the session last read or wrote.
    pub(super) fn ensure_ron_unchanged(&self) -> Result<(), StoreError> {
        match compare_file(&self.ron_path, self.disk.ron.as_ref()) {
            None => Ok(()),
            Some(change) => Err(StoreError::ChangedOnDisk {
                path: self.ron_path.clone(),
                what: change.describe(),
            }),
        }
    }

    /// Writes the annotations to `path` (no checks; the file replaced is
    /// kept as `PATH.bak`) and remembers what was written.
    pub(super) fn write_ron(
        &mut self,
        path: &Path,
        durability: store::Durability,
    ) -> Result<(), StoreError> {
        let ron = store::to_ron_string_in_context(&self.name(), &self.doc, &self.set);
        store::write_keeping_backup(path, ron.as_bytes(), durability)?;
        self.disk.ron = Some(Fingerprint::of_written(path, ron.as_bytes()));
        self.disk.base = self.set.clone();
        Ok(())
    }
}
