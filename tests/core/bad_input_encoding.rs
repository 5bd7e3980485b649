//! Articles that are not UTF-8: the load error names the file and the
//! offset, and converting writes a UTF-8 copy beside the original (never
//! over any file), leaving the original byte for byte as it was. The
//! fixture `tests/fixtures/encoding/windows-1252.txt` holds é, ã, curly
//! quotes, an em dash and € as Windows-1252 bytes.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::files::{listing, run_newsmark, sparse_file};
use newsmark::model::LabelSchema;
use newsmark::session::Session;
use newsmark::store::{self, MAX_TEXT_BYTES, StoreError, UTF_16LE, WINDOWS_1252};
use tempfile::TempDir;

/// The fixture's text, as it should read once decoded.
const DECODED: &str = "Café “La Havane”, Tehran — Issa Zarepour met São Paulo’s minister; \
                       budget: 5 €.\nSecond line.\n";

/// A temporary folder holding a copy of the Windows-1252 fixture.
fn windows_1252_article() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let from =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encoding/windows-1252.txt");
    let txt = dir.path().join("windows-1252.txt");
    fs::copy(from, &txt).unwrap();
    (dir, txt)
}

#[test]
fn windows_1252_article_is_refused_with_its_offset() {
    let (_dir, txt) = windows_1252_article();
    let err = Session::open(&txt, LabelSchema::default()).expect_err("not UTF-8");
    assert!(
        matches!(err, StoreError::NotUtf8 { offset: 3, .. }),
        "{err}"
    );
    let message = err.to_string();
    assert!(
        message.contains("windows-1252.txt: not UTF-8 text (invalid byte at offset 3)"),
        "{message}"
    );
}

#[test]
fn conversion_writes_a_utf8_copy_and_leaves_the_original() {
    let (dir, txt) = windows_1252_article();
    let before = fs::read(&txt).unwrap();
    let preview = store::preview_legacy(&txt).unwrap();
    assert_eq!(preview.encoding, WINDOWS_1252);
    assert_eq!(preview.first_line, DECODED.lines().next().unwrap());

    let copy = store::transcode_to_utf8_copy(&txt, WINDOWS_1252).unwrap();
    assert_eq!(copy, dir.path().join("windows-1252.utf8.txt"));
    assert_eq!(fs::read_to_string(&copy).unwrap(), DECODED);
    assert_eq!(fs::read(&txt).unwrap(), before, "the original changed");

    // The copy is an ordinary article: annotated and saved beside itself.
    let mut session = Session::open(&copy, LabelSchema::default()).unwrap();
    let byte = session.doc().text().find("Issa Zarepour").unwrap();
    let start = session.doc().char_of_byte(byte).unwrap();
    assert_eq!(start, 27, "offsets count code points of the decoded text");
    let edit = session.add_span_edit(start..start + 13, "person").unwrap();
    session.perform(edit).unwrap();
    session.save().unwrap();
    let again = Session::open(&copy, LabelSchema::default()).unwrap();
    assert_eq!(again.set().spans()[0].text, "Issa Zarepour");
    assert_eq!(
        listing(dir.path()),
        [
            "windows-1252.txt",
            "windows-1252.utf8.ron",
            "windows-1252.utf8.txt"
        ]
    );
    assert_eq!(fs::read(&txt).unwrap(), before, "the original changed");
}

#[test]
fn conversion_never_overwrites_an_existing_file() {
    let (dir, txt) = windows_1252_article();
    let taken = dir.path().join("windows-1252.utf8.txt");
    let also_taken = dir.path().join("windows-1252.utf8-2.txt");
    fs::write(&taken, "someone's work").unwrap();
    fs::write(&also_taken, "more work").unwrap();

    let copy = store::transcode_to_utf8_copy(&txt, WINDOWS_1252).unwrap();
    assert_eq!(copy, dir.path().join("windows-1252.utf8-3.txt"));
    assert_eq!(fs::read_to_string(&copy).unwrap(), DECODED);
    assert_eq!(fs::read_to_string(&taken).unwrap(), "someone's work");
    assert_eq!(fs::read_to_string(&also_taken).unwrap(), "more work");

    // Converting again picks the next free name.
    let next = store::transcode_to_utf8_copy(&txt, WINDOWS_1252).unwrap();
    assert_eq!(next, dir.path().join("windows-1252.utf8-4.txt"));
    assert_eq!(listing(dir.path()).len(), 5, "no temporary file left");
}

#[test]
fn utf16_converts_and_invalid_utf16_is_named() {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("utf16.txt");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend("Tehran é".encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(&txt, &bytes).unwrap();
    assert_eq!(store::guess_encoding(&bytes), UTF_16LE);
    let copy = store::transcode_to_utf8_copy(&txt, UTF_16LE).unwrap();
    assert_eq!(fs::read_to_string(&copy).unwrap(), "Tehran é");

    // A lone surrogate is not UTF-16: an error naming the file, no copy.
    let broken = dir.path().join("broken.txt");
    fs::write(&broken, [0xff, 0xfe, b'T', 0, 0x00, 0xd8]).unwrap();
    let err = store::transcode_to_utf8_copy(&broken, UTF_16LE).expect_err("lone surrogate");
    assert!(
        err.to_string()
            .contains("broken.txt: not valid UTF-16LE text either; not converted"),
        "{err}"
    );
    assert_eq!(
        listing(dir.path()),
        ["broken.txt", "utf16.txt", "utf16.utf8.txt"]
    );
}

#[test]
fn too_large_file_is_not_converted() {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("huge.txt");
    sparse_file(&txt, MAX_TEXT_BYTES + 1);
    let err = store::transcode_to_utf8_copy(&txt, WINDOWS_1252).expect_err("too large");
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err}");
    assert_eq!(listing(dir.path()), ["huge.txt"]);
}

#[test]
fn convert_command_writes_utf8_copies() {
    let (dir, txt) = windows_1252_article();
    let before = fs::read(&txt).unwrap();
    fs::write(dir.path().join("plain.txt"), "Already UTF-8: é\n").unwrap();

    let (code, out) = run_newsmark(dir.path(), &["convert", "windows-1252.txt", "plain.txt"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("windows-1252.txt -> windows-1252.utf8.txt (read as windows-1252)"),
        "{out}"
    );
    assert!(
        out.contains("plain.txt: already UTF-8; left as it is"),
        "{out}"
    );
    let copy = dir.path().join("windows-1252.utf8.txt");
    assert_eq!(fs::read_to_string(&copy).unwrap(), DECODED);

    // Latin-1 by name is the same decoding; the first copy is kept.
    let (code, out) = run_newsmark(
        dir.path(),
        &["convert", "--from", "latin1", "windows-1252.txt"],
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("-> windows-1252.utf8-2.txt"), "{out}");
    assert_eq!(fs::read_to_string(&copy).unwrap(), DECODED);
    assert_eq!(fs::read(&txt).unwrap(), before, "the original changed");

    let (code, out) = run_newsmark(
        dir.path(),
        &["convert", "--from", "klingon", "windows-1252.txt"],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("unknown encoding \"klingon\""), "{out}");
    let (code, out) = run_newsmark(dir.path(), &["convert", "missing.txt"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("missing.txt: cannot read"), "{out}");
    assert_eq!(
        listing(dir.path()),
        [
            "plain.txt",
            "windows-1252.txt",
            "windows-1252.utf8-2.txt",
            "windows-1252.utf8.txt"
        ]
    );
}
