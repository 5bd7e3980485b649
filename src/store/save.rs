//! Atomic writes: a temporary file in the same folder, fsync, rename.

use std::io::Write as _;
use std::path::Path;

use super::StoreError;
use super::format::{text_sha256, to_ron_string};
use crate::model::{AnnotationSet, Document};

/// Writes `contents` to `path` atomically: readers see the old file or the
/// new one, never a partial one, even if the process dies mid-write.
pub fn atomic_write(path: &Path, contents: &[u8]) -> Result<(), StoreError> {
    let err = |source| StoreError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".newsmark-").suffix(".tmp");
    // Keep the permissions of the file being replaced; a new file gets the
    // usual 0666 less umask rather than tempfile's private 0600.
    match std::fs::metadata(path) {
        Ok(meta) => {
            builder.permissions(meta.permissions());
        }
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    tmp.write_all(contents).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    // Make the rename itself durable.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Saves `set` as the annotation file `path` of the article `document_name`.
pub fn save_annotations(
    path: &Path,
    document_name: &str,
    doc: &Document,
    set: &AnnotationSet,
) -> Result<(), StoreError> {
    let ron = to_ron_string(document_name, &text_sha256(doc.text()), set);
    atomic_write(path, ron.as_bytes())
}
