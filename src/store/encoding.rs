//! Articles that are not UTF-8: decoded from a legacy encoding into a UTF-8
//! copy beside the original, which is never written to.
//!
//! Windows-1252 is the usual answer: it decodes every byte, and it is what
//! "Latin-1" (ISO-8859-1) means in practice (the WHATWG Encoding Standard,
//! which `encoding_rs` implements, maps the label `iso-8859-1` to it).
//! A file starting with a UTF-16 byte order mark is UTF-16.

use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};

use encoding_rs::CoderResult;
pub use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::StoreError;
use super::names::folder_of;
use super::read::{MAX_TEXT_BYTES, open_limited, read_error, too_large};
use super::save::{sync_folder, temp_file_for};

/// How much of a file's start [`preview_legacy`] decodes.
const PREVIEW_BYTES: u64 = 4096;

/// The longest first line [`preview_legacy`] returns, in characters.
const PREVIEW_CHARS: usize = 120;

/// How much of a file is decoded at a time.
const CHUNK_BYTES: usize = 64 * 1024;

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

/// Decodes `file`, the article `path` (within [`MAX_TEXT_BYTES`]), from
/// `encoding` into `out` (the file `out_path`) as UTF-8, a chunk at a time,
/// so memory use does not grow with the file. A byte order mark for
/// `encoding` is dropped.
fn decode_into(
    file: std::fs::File,
    path: &Path,
    encoding: &'static Encoding,
    out: &mut impl Write,
    out_path: &Path,
) -> Result<(), StoreError> {
    // The file may grow while it is read: stop one byte past the limit.
    let mut file = file.take(MAX_TEXT_BYTES + 1);
    let mut decoder = encoding.new_decoder_with_bom_removal();
    let mut chunk = vec![0; CHUNK_BYTES];
    let capacity = decoder
        .max_utf8_buffer_length(CHUNK_BYTES)
        .unwrap_or(4 * CHUNK_BYTES);
    let mut decoded = String::with_capacity(capacity);
    let mut total: u64 = 0;
    loop {
        let read = match file.read(&mut chunk) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_error(path, e)),
        };
        total += read as u64;
        if total > MAX_TEXT_BYTES {
            return Err(too_large(path, total, MAX_TEXT_BYTES));
        }
        let last = read == 0;
        let mut input = &chunk[..read];
        loop {
            let (result, used, had_errors) = decoder.decode_to_string(input, &mut decoded, last);
            if had_errors {
                return Err(StoreError::NotInEncoding {
                    path: path.to_owned(),
                    encoding: encoding.name(),
                });
            }
            input = &input[used..];
            out.write_all(decoded.as_bytes())
                .map_err(|source| StoreError::Write {
                    path: out_path.to_owned(),
                    source,
                })?;
            decoded.clear();
            if result == CoderResult::InputEmpty {
                break;
            }
        }
        if last {
            return Ok(());
        }
    }
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
    let mut head = Vec::new();
    super::check_file_to_read(path)?;
    std::fs::File::open(path)
        .and_then(|file| file.take(PREVIEW_BYTES).read_to_end(&mut head))
        .map_err(|e| read_error(path, e))?;
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
    let (file, _) = open_limited(path, MAX_TEXT_BYTES)?;
    let dir = folder_of(path);
    let first = copy_candidate(path, 1);
    let mut tmp = temp_file_for(&first, dir)?;
    decode_into(file, path, encoding, tmp.as_file_mut(), &first)?;
    tmp.as_file()
        .sync_all()
        .map_err(|source| StoreError::Write {
            path: first.clone(),
            source,
        })?;
    for n in 1..=MAX_COPY_NAMES {
        let candidate = copy_candidate(path, n);
        match tmp.persist_noclobber(&candidate) {
            Ok(_) => {
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
