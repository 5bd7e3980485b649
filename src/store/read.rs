//! Reading an article or an annotation file from disk, within size limits
//! and the corpus boundary, as UTF-8 text.

use std::io::Read as _;
use std::path::Path;

use super::StoreError;
use crate::model::Document;

/// The largest article read, in bytes (64 MiB). A larger one is refused
/// before it is read.
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;

/// The largest annotation file read, in bytes (256 MiB). A larger one is
/// refused before it is read.
pub const MAX_ANNOTATION_BYTES: u64 = 256 * 1024 * 1024;

/// How deeply an annotation file may nest brackets. The format needs about
/// five levels; the limit keeps a hostile file from overflowing the stack.
pub const RON_RECURSION_LIMIT: usize = 128;

/// How much of a file's start is searched for NUL bytes, which text files
/// do not have and binary files nearly always do.
const SNIFF_BYTES: usize = 8 * 1024;

/// A read error on `path`.
pub(super) fn read_error(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Read {
        path: path.to_owned(),
        source,
    }
}

/// `path` refused for being `size` bytes (at least), over `limit`.
pub(super) fn too_large(path: &Path, size: u64, limit: u64) -> StoreError {
    StoreError::TooLarge {
        path: path.to_owned(),
        size,
        limit,
    }
}

/// `path` open for reading, once it is found to be a regular file inside
/// its corpus folder ([`super::check_file_to_read`], before it is opened)
/// whose length on disk is at most `limit` bytes (a longer file is refused
/// unread), and its metadata.
pub(super) fn open_limited(
    path: &Path,
    limit: u64,
) -> Result<(std::fs::File, std::fs::Metadata), StoreError> {
    super::check_file_to_read(path)?;
    let file = std::fs::File::open(path).map_err(|e| read_error(path, e))?;
    let meta = file.metadata().map_err(|e| read_error(path, e))?;
    // Replaced by something else between the check and the open.
    if !meta.is_file() {
        return Err(StoreError::NotRegular {
            path: path.to_owned(),
            kind: "not a regular file",
        });
    }
    if meta.len() > limit {
        return Err(too_large(path, meta.len(), limit));
    }
    Ok((file, meta))
}

/// Reads a file whose length on disk is at most `limit` bytes; a longer
/// file is refused without being read.
pub(super) fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, StoreError> {
    read_limited_with_meta(path, limit).map(|(bytes, _)| bytes)
}

/// [`read_limited`], with the metadata of the file read.
pub(super) fn read_limited_with_meta(
    path: &Path,
    limit: u64,
) -> Result<(Vec<u8>, std::fs::Metadata), StoreError> {
    let (file, meta) = open_limited(path, limit)?;
    // The file may grow after the check (or report no length at all, like a
    // pipe): never read more than one byte past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(path, e))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(too_large(path, read, limit));
    }
    Ok((bytes, meta))
}

/// The bytes of a text file as a string: no NUL byte in the first
/// [`SNIFF_BYTES`] (unless the file starts with a UTF-16 byte order mark,
/// which is reported as not UTF-8), valid UTF-8.
pub(super) fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, StoreError> {
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(offset) = head.iter().position(|&b| b == 0)
        && !utf16
    {
        return Err(StoreError::Binary {
            path: path.to_owned(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| StoreError::NotUtf8 {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Reads an article: at most [`MAX_TEXT_BYTES`], not binary, UTF-8
/// required, a leading BOM stripped.
pub fn read_text(path: &Path) -> Result<Document, StoreError> {
    read_text_with_meta(path).map(|(doc, _)| doc)
}

/// [`read_text`], with the metadata of the file, taken before it was read
/// (a change made while reading shows as a change later).
pub fn read_text_with_meta(path: &Path) -> Result<(Document, std::fs::Metadata), StoreError> {
    let (bytes, meta) = read_limited_with_meta(path, MAX_TEXT_BYTES)?;
    Ok((Document::new(decode(path, bytes)?), meta))
}

/// Reads an annotation file's source, within [`MAX_ANNOTATION_BYTES`].
pub(super) fn read_annotation_source(path: &Path) -> Result<String, StoreError> {
    decode(path, read_limited(path, MAX_ANNOTATION_BYTES)?)
}

/// An annotation file read whole, for [`load_annotation_bytes`]: one read
/// gives both the annotations and what identifies this version of the file.
#[derive(Debug)]
pub struct RonBytes {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The metadata of the file they were read from.
    pub meta: std::fs::Metadata,
}

/// Reads the annotation file `path` whole, within [`MAX_ANNOTATION_BYTES`];
/// `Ok(None)` when there is no such file.
pub fn read_annotation_file(path: &Path) -> Result<Option<RonBytes>, StoreError> {
    match read_limited_with_meta(path, MAX_ANNOTATION_BYTES) {
        Ok((bytes, meta)) => Ok(Some(RonBytes { bytes, meta })),
        Err(StoreError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
