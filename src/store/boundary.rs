//! The corpus boundary: newsmark reads only regular files whose real path
//! (symbolic links followed) is inside the corpus folder.
//!
//! A corpus is one folder of `.txt`/`.ron` pairs, so the corpus folder of a
//! file is the folder it is listed in. Every reader of an article or an
//! annotation file goes through [`check_file_to_read`] before opening it
//! (see `read::open_limited`), so the rule holds in the window, every
//! command and every export alike.

use std::fs::FileType;
use std::path::{Path, PathBuf};

use super::StoreError;
use super::names::folder_of;
use super::read::read_error;

/// The real path of `path` (symbolic links and `..` resolved), if it is
/// inside the real path of the folder `root`; otherwise
/// [`StoreError::OutsideCorpus`], naming `path`. A link that stays inside
/// the folder (to a file beside it or in a subfolder) is allowed.
pub fn inside_corpus(root: &Path, path: &Path) -> Result<PathBuf, StoreError> {
    let root = std::fs::canonicalize(root).map_err(|e| read_error(root, e))?;
    let real = std::fs::canonicalize(path).map_err(|e| read_error(path, e))?;
    if real.starts_with(&root) {
        Ok(real)
    } else {
        Err(StoreError::OutsideCorpus {
            path: path.to_owned(),
            real,
            root,
        })
    }
}

/// What a file that is not a regular file is, for a refusal.
fn kind_of(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Refuses anything but a regular file, from its metadata alone (links
/// followed): a FIFO would block the open, a device never ends
/// (`/dev/zero`) or is not text, so neither is ever opened.
pub fn check_regular_file(path: &Path) -> Result<(), StoreError> {
    let meta = std::fs::metadata(path).map_err(|e| read_error(path, e))?;
    regular(path, &meta)
}

/// Refuses `path` unless `meta`, its metadata, is a regular file's.
fn regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), StoreError> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(StoreError::NotRegular {
            path: path.to_owned(),
            kind: kind_of(meta.file_type()),
        })
    }
}

/// The checks made before any article or annotation file is opened: a
/// regular file ([`check_regular_file`]) whose real path is inside its
/// corpus folder, the folder it is listed in ([`inside_corpus`]).
///
/// A file that is not a symbolic link is in its folder by definition, so
/// only a link costs the resolving of real paths; any other file costs one
/// `lstat`.
pub fn check_file_to_read(path: &Path) -> Result<(), StoreError> {
    let entry = std::fs::symlink_metadata(path).map_err(|e| read_error(path, e))?;
    if !entry.file_type().is_symlink() {
        return regular(path, &entry);
    }
    check_regular_file(path)?;
    inside_corpus(folder_of(path), path).map(drop)
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_inside_the_folder_pass_and_links_outside_are_refused_naming_the_file() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, "secret").unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let dir = corpus.path();
        std::fs::create_dir(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/real.txt"), "inside").unwrap();
        symlink(dir.join("sub/real.txt"), dir.join("inside.txt")).unwrap();
        symlink(&secret, dir.join("article.txt")).unwrap();
        // `..` through a link: sub/up -> the outside folder.
        symlink(outside.path(), dir.join("sub/up")).unwrap();
        symlink("sub/up/secret.txt", dir.join("dotdot.txt")).unwrap();

        assert!(check_file_to_read(&dir.join("inside.txt")).is_ok());
        for name in ["article.txt", "dotdot.txt"] {
            let err = check_file_to_read(&dir.join(name)).unwrap_err();
            assert!(matches!(err, StoreError::OutsideCorpus { .. }), "{name}");
            let message = err.to_string();
            assert!(message.contains(name), "{message}");
            assert!(message.contains("outside the corpus folder"), "{message}");
        }
    }

    #[test]
    fn fifos_and_devices_are_refused_from_their_metadata() {
        let corpus = tempfile::tempdir().unwrap();
        let fifo = corpus.path().join("fifo.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        symlink("/dev/zero", corpus.path().join("zero.txt")).unwrap();
        // Opening the FIFO would block this test forever.
        let err = check_file_to_read(&fifo).unwrap_err();
        assert!(err.to_string().contains("a FIFO"), "{err}");
        let err = check_file_to_read(&corpus.path().join("zero.txt")).unwrap_err();
        assert!(err.to_string().contains("a character device"), "{err}");
    }
}
