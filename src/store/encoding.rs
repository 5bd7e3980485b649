//! Articles that are not UTF-8: decoded from a legacy encoding into a UTF-8
//! copy beside the original, which is never written to.
//!
//! Windows-1252 is the usual answer: it decodes every byte, and it is what
//! "Latin-1" (ISO-8859-1) means in practice (the WHATWG Encoding Standard,
//! which `encoding_rs` implements, maps the label `iso-8859-1` to it).
//! A file starting with a UTF-16 byte order mark is UTF-16.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

pub use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::StoreError;
use super::load::{MAX_TEXT_BYTES, read_limited};
use super::save::{folder_of, sync_folder, write_temp};

/// How much of a file's start [`preview_legacy`] decodes.
const PREVIEW_BYTES: u64 = 4096;

/// The longest first line [`preview_legacy`] returns, in characters.
const PREVIEW_CHARS: usize = 120;

/// How many names [`transcode_to_utf8_copy`] tries before giving up.
const MAX_COPY_NAMES: usize = 1000;

/// The encoding a text that is not UTF-8 most likely is in, from its first
/// bytes: UTF-16 (either byte order) after a UTF-16 byte order mark,
/// otherwise Windows-1252.
pub fn guess_encoding(head: &[u8]) -> &'static Encoding {
    match Encoding::for_bom(head) {
        Some((encoding, _)) if encoding != encoding_rs::UTF_8 => encoding,
        _ => WINDOWS_1252,
    }
}

/// The encoding named by `label` (`windows-1252`, `latin1`, `iso-8859-1`,
/// `utf-16le`, … as the WHATWG Encoding Standard lists them), if known.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes `bytes` as `encoding` (a byte order mark for it is dropped);
/// `None` if they are not valid in it (only possible for UTF-16).
fn decode_as(bytes: &[u8], encoding: &'static Encoding) -> Option<String> {
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// Reads the article `path` (within [`MAX_TEXT_BYTES`]) decoded as
/// `encoding`. The file is only read.
pub fn read_text_as(path: &Path, encoding: &'static Encoding) -> Result<String, StoreError> {
    let bytes = read_limited(path, MAX_TEXT_BYTES)?;
    decode_as(&bytes, encoding).ok_or_else(|| StoreError::NotInEncoding {
        path: path.to_owned(),
        encoding: encoding.name(),
    })
}

/// What a text that is not UTF-8 most likely holds, to show before
/// converting it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyPreview {
    /// Its likely encoding ([`guess_encoding`]).
    pub encoding: &'static Encoding,
    /// Its first line that is not blank, decoded, trimmed, at most
    /// [`PREVIEW_CHARS`] characters (an ellipsis marks a cut).
    pub first_line: String,
}

/// Guesses the encoding of the article `path` and decodes its first line
/// with it, reading only the first few KB.
pub fn preview_legacy(path: &Path) -> Result<LegacyPreview, StoreError> {
    let read_err = |source| StoreError::Read {
        path: path.to_owned(),
        source,
    };
    let mut head = Vec::new();
    std::fs::File::open(path)
        .map_err(read_err)?
        .take(PREVIEW_BYTES)
        .read_to_end(&mut head)
        .map_err(read_err)?;
    let encoding = guess_encoding(&head);
    // A cut may split a character: only the start matters here.
    let (text, _) = encoding.decode_with_bom_removal(&head);
    let line = text.lines().map(str::trim).find(|l| !l.is_empty());
    let line = line.unwrap_or("");
    let mut first_line: String = line.chars().take(PREVIEW_CHARS).collect();
    if line.chars().count() > PREVIEW_CHARS {
        first_line.push('…');
    }
    Ok(LegacyPreview {
        encoding,
        first_line,
    })
}

/// The name of the `n`th candidate for a UTF-8 copy of `path`
/// (`NAME.utf8.txt`, then `NAME.utf8-2.txt`, …).
fn copy_candidate(path: &Path, n: usize) -> PathBuf {
    let stem = path.file_stem().map_or_else(
        || "article".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let name = if n == 1 {
        format!("{stem}.utf8.txt")
    } else {
        format!("{stem}.utf8-{n}.txt")
    };
    path.with_file_name(name)
}

/// Writes a UTF-8 copy of the article `path`, decoded as `encoding`, beside
/// it, and returns the copy's path: `NAME.utf8.txt`, or `NAME.utf8-2.txt`
/// (and so on) when that name is taken. The original is only read; no
/// existing file is ever replaced (the copy is written to a temporary file
/// and linked to a name that must not exist yet).
pub fn transcode_to_utf8_copy(
    path: &Path,
    encoding: &'static Encoding,
) -> Result<PathBuf, StoreError> {
    let text = read_text_as(path, encoding)?;
    let dir = folder_of(path);
    let first = copy_candidate(path, 1);
    let mut tmp = write_temp(&first, dir, text.as_bytes())?;
    for n in 1..=MAX_COPY_NAMES {
        let candidate = copy_candidate(path, n);
        match tmp.persist_noclobber(&candidate) {
            Ok(mut file) => {
                // Already synced by `write_temp`; flushing is a formality.
                let _ = file.flush();
                sync_folder(dir);
                return Ok(candidate);
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => {
                return Err(StoreError::Write {
                    path: candidate,
                    source: e.error,
                });
            }
        }
    }
    Err(StoreError::Write {
        path: first,
        source: std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{MAX_COPY_NAMES} candidate names for the UTF-8 copy are all taken"),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_utf16_from_its_mark_and_windows_1252_otherwise() {
        assert_eq!(guess_encoding(b"\xff\xfeT\0"), UTF_16LE);
        assert_eq!(guess_encoding(b"\xfe\xff\0T"), UTF_16BE);
        assert_eq!(guess_encoding(b"caf\xe9"), WINDOWS_1252);
        assert_eq!(guess_encoding(b"\xef\xbb\xbfcaf\xe9"), WINDOWS_1252);
    }

    #[test]
    fn latin1_labels_mean_windows_1252() {
        for label in ["latin1", "ISO-8859-1", "windows-1252", " cp1252 "] {
            assert_eq!(encoding_for_label(label), Some(WINDOWS_1252), "{label}");
        }
        assert_eq!(encoding_for_label("klingon"), None);
    }

    #[test]
    fn candidates_keep_the_stem() {
        let p = Path::new("/a/b/news.txt");
        assert_eq!(copy_candidate(p, 1), Path::new("/a/b/news.utf8.txt"));
        assert_eq!(copy_candidate(p, 3), Path::new("/a/b/news.utf8-3.txt"));
    }
}
