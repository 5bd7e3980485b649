//! Very large files: a 200 MiB article and a 300 MiB annotation file are
//! refused from their size on disk, before any of them is read, with a
//! message naming the file, its size and the limit: in the core (peak
//! memory measured), `validate` and `reanchor`. The files are sparse, so
//! the tests write almost nothing. Converting a 24 MiB article from
//! Windows-1252 streams it, in little memory too. (A file growing past the
//! limit while it is read is tested in `bad_input.rs`, away from the memory
//! measure.)

#![allow(clippy::unwrap_used)]

use crate::common;

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use common::files::{run_newsmark, run_test_alone, sparse_file};
use newsmark::model::LabelSchema;
use newsmark::session::Session;
use newsmark::store::{self, MAX_ANNOTATION_BYTES, MAX_TEXT_BYTES, StoreError};
use tempfile::TempDir;

const ARTICLE_SIZE: u64 = 200 << 20;
const ANNOTATIONS_SIZE: u64 = 300 << 20;

/// The refusal of the 200 MiB article.
const ARTICLE_REFUSED: &str =
    "huge.txt: too large: 200 MiB (209715200 bytes), over the 64 MiB limit; not read";
/// The refusal of the 300 MiB annotation file.
const ANNOTATIONS_REFUSED: &str =
    "big.ron: too large: 300 MiB (314572800 bytes), over the 256 MiB limit; not read";

/// A folder with `huge.txt` (200 MiB, sparse) and `big.txt` (a small
/// article) paired with `big.ron` (300 MiB, sparse, starting with a real
/// annotation file).
fn huge_folder() -> (TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = TempDir::new().unwrap();
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let huge = dir.path().join("huge.txt");
    sparse_file(&huge, ARTICLE_SIZE);
    let txt = dir.path().join("big.txt");
    let ron = dir.path().join("big.ron");
    fs::copy(bad.join("label.txt"), &txt).unwrap();
    fs::copy(bad.join("label.ron"), &ron).unwrap();
    sparse_file(&ron, ANNOTATIONS_SIZE);
    (dir, huge, txt, ron)
}

/// This process's peak resident memory in bytes (`VmHWM`), where Linux
/// reports it.
fn peak_memory() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Size and modification time: what a write would change.
fn stamp(path: &Path) -> (u64, std::time::SystemTime) {
    let meta = fs::metadata(path).unwrap();
    (meta.len(), meta.modified().unwrap())
}

/// Run alone in its own process, so that no other test's allocations count
/// in the peak memory it reads.
#[test]
fn huge_files_are_refused_unread_in_little_memory() {
    run_test_alone("bad_input_large::huge_files_refused_alone");
}

/// The body of [`huge_files_are_refused_unread_in_little_memory`]: it reads
/// the process's peak memory.
#[test]
#[ignore = "run alone, in its own process, by huge_files_are_refused_unread_in_little_memory"]
fn huge_files_refused_alone() {
    let (dir, huge, txt, ron) = huge_folder();
    let before = (stamp(&huge), stamp(&ron));
    let peak_before = peak_memory();

    let err = Session::open(&huge, LabelSchema::default()).expect_err("too large");
    let StoreError::TooLarge { size, limit, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!((*size, *limit), (ARTICLE_SIZE, MAX_TEXT_BYTES));
    assert!(err.to_string().ends_with(ARTICLE_REFUSED), "{err}");
    let err = store::transcode_to_utf8_copy(&huge, store::WINDOWS_1252).expect_err("too large");
    assert!(err.to_string().ends_with(ARTICLE_REFUSED), "{err}");

    // The article opens; its annotation file is refused and protected.
    let mut session = Session::open(&txt, LabelSchema::default()).unwrap();
    let problem = session.problems()[0].to_string();
    assert!(problem.ends_with(ANNOTATIONS_REFUSED), "{problem}");
    const { assert!(MAX_ANNOTATION_BYTES < ANNOTATIONS_SIZE) };
    let edit = session.add_span_edit(0..6, "country").unwrap();
    session.perform(edit).unwrap();
    assert!(matches!(session.save(), Err(StoreError::Refused { .. })));

    let report = newsmark::corpus::validate::validate_paths(&[dir.path().to_owned()], |_| {
        LabelSchema::default()
    });
    let shown: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 2, "{shown:#?}");

    // Converting a 24 MiB Windows-1252 article streams it: decoding it
    // whole would take some 100 MiB (the bytes, and room for three UTF-8
    // bytes each).
    let legacy = dir.path().join("legacy.txt");
    let line = b"Caf\xe9 \x93La Havane\x94, Tehran \x97 S\xe3o Paulo \x80\n";
    let block = line.repeat((1 << 20) / line.len());
    let mut out = fs::File::create(&legacy).unwrap();
    for _ in 0..24 {
        out.write_all(&block).unwrap();
    }
    drop(out);
    let copy = store::transcode_to_utf8_copy(&legacy, store::WINDOWS_1252).unwrap();
    let utf8 = fs::metadata(&copy).unwrap().len();
    assert!(utf8 > 24 << 20, "{utf8} bytes");
    fs::remove_file(&legacy).unwrap();
    fs::remove_file(&copy).unwrap();

    if let (Some(start), Some(end)) = (peak_before, peak_memory()) {
        let growth = end.saturating_sub(start);
        eprintln!("peak memory grew by {} KiB", growth / 1024);
        assert!(growth < 20 << 20, "peak memory grew by {growth} bytes");
    }
    assert_eq!(
        (stamp(&huge), stamp(&ron)),
        before,
        "a huge file was touched"
    );
}

#[test]
fn validate_and_reanchor_name_the_size_and_the_limit() {
    let (dir, huge, _txt, ron) = huge_folder();
    let before = (stamp(&huge), stamp(&ron));
    let run = |args: &[&str]| run_newsmark(dir.path(), args);

    let (code, out) = run(&["validate", "."]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(ARTICLE_REFUSED) && out.contains(ANNOTATIONS_REFUSED),
        "{out}"
    );

    let (code, out) = run(&["reanchor", "."]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains(&format!(
            "big.ron: not re-anchored: {}",
            &ANNOTATIONS_REFUSED[9..]
        )),
        "{out}"
    );

    // An annotation file paired with the huge article.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/label.ron"),
        dir.path().join("huge.ron"),
    )
    .unwrap();
    let saved = fs::read(dir.path().join("huge.ron")).unwrap();
    let (code, out) = run(&["reanchor", "huge.ron"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains(&format!("huge.ron: not re-anchored: {ARTICLE_REFUSED}")),
        "{out}"
    );
    assert_eq!(fs::read(dir.path().join("huge.ron")).unwrap(), saved);
    assert_eq!(
        (stamp(&huge), stamp(&ron)),
        before,
        "a huge file was touched"
    );
}

#[test]
fn a_huge_settings_file_is_refused_unread() {
    let dir = TempDir::new().unwrap();
    let settings = dir.path().join(newsmark::settings::FILE_NAME);
    sparse_file(&settings, 50 << 20);
    let err = newsmark::settings::load(dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with("newsmark.ron: too large: 52428800 bytes, over the 1024 KiB limit; not read"),
        "{err}"
    );
    assert_eq!(fs::metadata(&settings).unwrap().len(), 50 << 20);
}
