//! Atomic writes: a temporary file in the same folder, fsync, rename; for
//! annotation files, the previous version kept beside them as `NAME.ron.bak`.
//!
//! # The backup swap
//!
//! [`save_annotations`] (through [`atomic_write_keeping_backup`]) replaces
//! `NAME.ron` in four steps, none of which ever leaves `NAME.ron` missing or
//! partial:
//!
//! 1. The new contents are written to a temporary file `.newsmark-XXXXXX.tmp`
//!    in the same folder and fsynced. `NAME.ron` is untouched.
//! 2. The current `NAME.ron` gets a second name: a hard link under another
//!    temporary name (or, where hard links are not available, a fsynced
//!    copy), which is then renamed over `NAME.ron.bak`. `NAME.ron` is still
//!    the old file; `NAME.ron.bak` is at every instant either the older
//!    backup or this complete copy, because `rename` is atomic.
//! 3. The temporary file of step 1 is renamed over `NAME.ron`: readers see
//!    the old file or the new one, never a partial one.
//! 4. The folder is fsynced, so both renames survive a power cut.
//!
//! A process killed anywhere in between leaves a complete `NAME.ron` (old or
//! new), a complete `NAME.ron.bak` (if any), and at most two temporary files,
//! which [`remove_stale_temp_files`] clears once they are a minute old. If
//! step 1 or 2 fails the save fails and both files are untouched; if step 3
//! fails, `NAME.ron` is untouched and `NAME.ron.bak` holds a copy of it.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::{NamedTempFile, TempPath};

use super::StoreError;
use super::format::to_ron_string_in_context;
use super::names::folder_of;
use crate::model::{AnnotationSet, Document};

/// How the names of newsmark's temporary files start (they are hidden).
const TEMP_PREFIX: &str = ".newsmark-";

/// How the names of newsmark's temporary files end.
const TEMP_SUFFIX: &str = ".tmp";

/// How old a temporary file must be before [`remove_stale_temp_files`]
/// treats it as left over by a writer that died: a save takes milliseconds,
/// so a minute-old one belongs to no running save.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// Where the previous version of `path` is kept: `NAME.ron` → `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut bak = path.as_os_str().to_owned();
    bak.push(".bak");
    PathBuf::from(bak)
}

/// A write error on `path`.
fn write_error(path: &Path, source: io::Error) -> StoreError {
    StoreError::Write {
        path: path.to_owned(),
        source,
    }
}

/// A builder for a temporary file beside the file it will replace.
fn temp_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    builder
}

/// An empty temporary file in `dir`, with the permissions of the file
/// `path` it will replace (or, for a new file, the usual ones).
pub(super) fn temp_file_for(path: &Path, dir: &Path) -> Result<NamedTempFile, StoreError> {
    let mut builder = temp_builder();
    // Keep the permissions of the file being replaced; a new file gets the
    // usual 0666 less umask rather than tempfile's private 0600.
    match fs::metadata(path) {
        Ok(meta) => {
            builder.permissions(meta.permissions());
        }
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    builder.tempfile_in(dir).map_err(|e| write_error(path, e))
}

/// When a write must be on the disk, not only in the system's cache. Either
/// way each file is replaced whole by a rename: a process killed mid-write
/// leaves it old or new.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// Before the write returns: the file and its folder are fsynced (a save
    /// in the window).
    Now,
    /// At one [`sync_filesystem`] after a run of writes (a corpus command
    /// saving thousands of files, where an fsync each cost most of its
    /// time). Only a power cut before that sync can lose the new files.
    Deferred,
}

/// Step 1: `contents` written (and fsynced, for [`Durability::Now`]) to a
/// temporary file in `dir`, with the permissions of the file `path` it will
/// replace.
fn write_temp(
    path: &Path,
    dir: &Path,
    contents: &[u8],
    durability: Durability,
) -> Result<NamedTempFile, StoreError> {
    let err = |source| write_error(path, source);
    let mut tmp = temp_file_for(path, dir)?;
    tmp.write_all(contents).map_err(err)?;
    if durability == Durability::Now {
        tmp.as_file().sync_all().map_err(err)?;
    }
    Ok(tmp)
}

/// Step 4: makes the renames in `dir` durable (best effort: not every
/// platform can open a folder).
#[cfg_attr(not(unix), allow(unused_variables))]
pub(super) fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Err(err) = File::open(dir).and_then(|d| d.sync_all()) {
        log::debug!("folder {} not synced: {err}", dir.display());
    }
}

/// Writes `contents` to `path` atomically: readers see the old file or the
/// new one, never a partial one, even if the process dies mid-write. No
/// backup is kept (see [`atomic_write_keeping_backup`]).
pub fn atomic_write(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let dir = folder_of(path);
    let tmp = write_temp(path, dir, contents, Durability::Now)?;
    tmp.persist(path).map_err(|e| write_error(path, e.error))?;
    sync_folder(dir);
    Ok(())
}

/// Writes `contents` to `path` whole or not at all, as [`atomic_write`]
/// does (a temporary file beside it, then a rename), but without waiting
/// for the disk after each file: for the many files of an export, made
/// durable together by one [`sync_filesystem`] at the end. A process killed
/// mid-write leaves each file old or new; only a power cut before that sync
/// can lose new files.
pub fn replace_file(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let tmp = write_temp(path, folder_of(path), contents, Durability::Deferred)?;
    tmp.persist(path).map_err(|e| write_error(path, e.error))?;
    Ok(())
}

/// Writes `contents` to `path`, a file that should not exist yet (an
/// export into a new folder, an imported article), whole or not at all, as
/// [`replace_file`] does. On Linux the file is written unnamed
/// (`O_TMPFILE`) and given its name once whole (`linkat`), which spares the
/// filesystem a temporary name and a rename per file; where that is not
/// available, or `path` exists after all, it falls back to [`replace_file`].
pub fn write_new_file(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    #[cfg(target_os = "linux")]
    match link_new_file(path, contents) {
        Ok(()) => return Ok(()),
        Err(err) => log::debug!(
            "{}: written through a temporary name ({err})",
            path.display()
        ),
    }
    replace_file(path, contents)
}

/// `contents` written to an unnamed file in `path`'s folder, then linked
/// as `path` (which must not exist).
#[cfg(target_os = "linux")]
fn link_new_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use std::os::fd::AsRawFd as _;
    let fd = rustix::fs::open(
        folder_of(path),
        OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC,
        Mode::from_bits_truncate(0o666),
    )?;
    let mut file = File::from(fd);
    file.write_all(contents)?;
    let unnamed = format!("/proc/self/fd/{}", file.as_raw_fd());
    rustix::fs::linkat(CWD, unnamed.as_str(), CWD, path, AtFlags::SYMLINK_FOLLOW)?;
    Ok(())
}

/// Flushes to disk everything written to the filesystem holding `dir` (one
/// `syncfs`), after a run of [`replace_file`]. Elsewhere than on Linux, the
/// files are left to the system.
#[cfg_attr(not(target_os = "linux"), allow(unused_variables))]
pub fn sync_filesystem(dir: &Path) -> Result<(), StoreError> {
    #[cfg(target_os = "linux")]
    {
        let folder = File::open(dir).map_err(|e| write_error(dir, e))?;
        rustix::fs::syncfs(&folder).map_err(|e| write_error(dir, e.into()))?;
    }
    Ok(())
}

/// A file written piece by piece, then put in place atomically by
/// [`AtomicWriter::finish`], as [`atomic_write`] does for a whole buffer.
/// Dropped unfinished (an error, a cancelled export), it leaves the file it
/// would have replaced untouched and removes its temporary file.
pub struct AtomicWriter {
    path: PathBuf,
    out: io::BufWriter<NamedTempFile>,
}

impl AtomicWriter {
    /// Starts writing `path` (a temporary file beside it for now).
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        let tmp = temp_file_for(path, folder_of(path))?;
        Ok(Self {
            path: path.to_owned(),
            out: io::BufWriter::new(tmp),
        })
    }

    /// Appends `text`.
    pub fn write_str(&mut self, text: &str) -> Result<(), StoreError> {
        self.out
            .write_all(text.as_bytes())
            .map_err(|e| write_error(&self.path, e))
    }

    /// Flushes and fsyncs what was written, then puts it in place.
    pub fn finish(self) -> Result<(), StoreError> {
        let path = self.path;
        let tmp = self
            .out
            .into_inner()
            .map_err(|e| write_error(&path, e.into_error()))?;
        tmp.as_file()
            .sync_all()
            .map_err(|e| write_error(&path, e))?;
        tmp.persist(&path)
            .map_err(|e| write_error(&path, e.error))?;
        sync_folder(folder_of(&path));
        Ok(())
    }
}

/// [`atomic_write`], keeping the file it replaces as `PATH.bak`
/// ([`backup_path`]) until the next successful write.
///
/// At every instant `path` is a complete file, old or new, and `PATH.bak`
/// (once it exists) a complete earlier version; see the module
/// documentation for the steps. If `path` does not exist yet there is
/// nothing to back up and an existing `PATH.bak` is left as it is. If the
/// backup cannot be made, nothing is written and the error says why: a
/// successful write always leaves the previous version in `PATH.bak`.
/// Writing a file newsmark keeps for itself ([`super::reserved_file_name`]:
/// `newsmark.ron`, a backup, a journal…) as an annotation file is refused.
pub fn atomic_write_keeping_backup(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    write_keeping_backup(path, contents, Durability::Now)
}

/// [`atomic_write_keeping_backup`], on the disk as `durability` says.
pub fn write_keeping_backup(
    path: &Path,
    contents: &[u8],
    durability: Durability,
) -> Result<(), StoreError> {
    let dir = folder_of(path);
    // An article named `newsmark.txt` would otherwise have its annotations
    // saved over the folder's settings.
    if let Some(why) = path
        .file_name()
        .and_then(|n| super::reserved_file_name(&n.to_string_lossy()))
    {
        return Err(StoreError::Refused {
            path: path.to_owned(),
            reason: format!("{why}, not an annotation file"),
        });
    }
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
    {
        // Refused before anything is written: renaming over a folder (or a
        // device, or a pipe) would fail or replace it.
        let what = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        return Err(write_error(
            path,
            io::Error::new(io::ErrorKind::InvalidInput, format!("{what} is in the way")),
        ));
    }
    let tmp = write_temp(path, dir, contents, durability)?;
    keep_backup(path, dir)?;
    tmp.persist(path).map_err(|e| write_error(path, e.error))?;
    if durability == Durability::Now {
        sync_folder(dir);
    }
    Ok(())
}

/// Step 2: renames a second name of the current `path` (if any) over
/// `PATH.bak`. `path` itself is not touched.
fn keep_backup(path: &Path, dir: &Path) -> Result<(), StoreError> {
    let bak = backup_path(path);
    let failed = |e: io::Error| {
        let message = format!(
            "cannot keep the previous version as {}: {e}",
            super::file_name(&bak)
        );
        write_error(path, io::Error::new(e.kind(), message))
    };
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(failed(e)),
    };
    if fs::symlink_metadata(&bak).is_ok_and(|b| same_file(&meta, &b)) {
        // `PATH.bak` is already a second name of `path` (a save was killed
        // between this step and the next): the backup is in place. Renaming
        // a third name over it would do nothing and leave that name behind.
        return Ok(());
    }
    // A hard link costs nothing and keeps the very file (bytes, permissions,
    // times). A symbolic link is copied (its target is not ours to link),
    // and so is a file whose folder or file system refuses hard links.
    let linked = if meta.file_type().is_file() {
        temp_builder()
            .make_in(dir, |tmp| fs::hard_link(path, tmp))
            .ok()
            .map(NamedTempFile::into_temp_path)
    } else {
        None
    };
    let staged = match linked {
        Some(link) => link,
        None => copy_to_temp(path, dir).map_err(failed)?,
    };
    staged.persist(&bak).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Whether two names are links to one file.
#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Whether two names are links to one file (not known here: a backup is
/// then made again, which is harmless).
#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// A fsynced copy of `path` under a temporary name in `dir`.
fn copy_to_temp(path: &Path, dir: &Path) -> io::Result<TempPath> {
    // A link is copied only if it stays inside the corpus folder.
    super::check_file_to_read(path)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e.reason()))?;
    let mut source = File::open(path)?;
    let mut builder = temp_builder();
    builder.permissions(source.metadata()?.permissions());
    let mut tmp = builder.tempfile_in(dir)?;
    io::copy(&mut source, &mut tmp)?;
    tmp.as_file().sync_all()?;
    Ok(tmp.into_temp_path())
}

/// Saves `set` as the annotation file `path` of the article `document_name`,
/// atomically, keeping the file it replaces as `PATH.bak` (see
/// [`atomic_write_keeping_backup`]).
pub fn save_annotations(
    path: &Path,
    document_name: &str,
    doc: &Document,
    set: &AnnotationSet,
) -> Result<(), StoreError> {
    let ron = to_ron_string_in_context(document_name, doc, set);
    atomic_write_keeping_backup(path, ron.as_bytes())
}

/// When a file last changed: its content (mtime) or, on unix, its links
/// (ctime, which a new hard link updates while the mtime stays old).
fn last_change(meta: &fs::Metadata) -> Option<SystemTime> {
    let modified = meta.modified().ok();
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let secs = u64::try_from(meta.ctime()).ok()?;
        let nanos = u32::try_from(meta.ctime_nsec()).unwrap_or(0);
        let changed = SystemTime::UNIX_EPOCH + Duration::new(secs, nanos);
        Some(modified.map_or(changed, |m| m.max(changed)))
    }
    #[cfg(not(unix))]
    modified
}

/// Removes the temporary files (`.newsmark-XXXXXX.tmp`) in `dir` that a
/// writer killed mid-save left behind, if they last changed at least
/// `min_age` ago (use [`STALE_TEMP_AGE`]; a younger one may belong to a
/// save in progress in another window). Returns the files removed.
///
/// Only regular files with that exact prefix and suffix are touched; such a
/// file is never an annotation file, nor read as one (its name is hidden
/// and does not end in `.ron`). Best effort: a folder or file that cannot
/// be read or removed is skipped.
pub fn remove_stale_temp_files(dir: &Path, min_age: Duration) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    // Decide on every file before removing any: removing one name of a
    // file changes the ctime seen through its other names.
    let stale: Vec<PathBuf> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with(TEMP_PREFIX)
                && name.ends_with(TEMP_SUFFIX)
                && name.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
        })
        .filter(|entry| {
            // `DirEntry::metadata` does not follow symbolic links.
            entry.metadata().is_ok_and(|meta| {
                meta.file_type().is_file()
                    && last_change(&meta)
                        .is_some_and(|t| now.duration_since(t).is_ok_and(|age| age >= min_age))
            })
        })
        .map(|entry| entry.path())
        .collect();
    stale
        .into_iter()
        .filter(|path| fs::remove_file(path).is_ok())
        .collect()
}
