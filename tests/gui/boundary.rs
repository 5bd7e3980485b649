//! GUI tests of the corpus boundary: an article refused on opening from the
//! command line (a FIFO, a link to a device, NUL bytes, too large, a link
//! outside the corpus folder) is named, with the reason, in the status bar
//! and the empty window; an annotation file with a 10 MiB label is refused
//! quickly and never laid out.

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::files::sparse_file;
use crate::common::gui::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::ui::{Command, NewsmarkApp};

/// Checks that the window has no article open and says, in the status bar
/// and in the empty window, that `file` was refused because of `why`.
fn shows_refusal(harness: &Harness<'_, NewsmarkApp>, file: &Path, why: &str) {
    assert!(harness.state().session().is_none(), "{}", file.display());
    let reason = format!("{}: {why}", file.display());
    // The status bar and the empty window's heading.
    assert_eq!(harness.query_all_by_label("No article open").count(), 2);
    // The status bar says which file and why ...
    assert!(
        notice_text(harness).starts_with(&reason),
        "{}",
        notice_text(harness)
    );
    harness.get_by_label(&notice_text(harness));
    // ... and so does the empty window.
    harness.get_by_label(&format!("Could not open {}", notice_text(harness)));
}

/// A folder holding only `name`, made by `make`.
fn folder_with(name: &str, make: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    make(&path);
    (dir, path)
}

/// Makes a file at the path given.
type MakeFile = dyn FnOnce(&Path);

#[test]
fn an_article_refused_on_opening_says_which_file_and_why() {
    let cases: Vec<(&str, &str, Box<MakeFile>)> = vec![
        (
            "fifo.txt",
            "not a regular file but a FIFO (named pipe); not read",
            Box::new(|p: &Path| {
                let made = std::process::Command::new("mkfifo").arg(p).status();
                assert!(made.unwrap().success());
            }),
        ),
        (
            "zero.txt",
            "not a regular file but a character device; not read",
            Box::new(|p: &Path| symlink("/dev/zero", p).unwrap()),
        ),
        (
            "random.txt",
            "not a regular file but a character device; not read",
            Box::new(|p: &Path| symlink("/dev/urandom", p).unwrap()),
        ),
        (
            "nul.txt",
            "looks like a binary file, not text (NUL byte at offset 4)",
            Box::new(|p: &Path| fs::write(p, b"Cuba\0Iran").unwrap()),
        ),
        (
            "huge.txt",
            "too large: 70 MiB (73400320 bytes), over the 64 MiB limit; not read",
            Box::new(|p: &Path| sparse_file(p, 70 * 1024 * 1024)),
        ),
    ];
    for (name, why, make) in cases {
        let (_dir, path) = folder_with(name, make);
        let started = Instant::now();
        let harness = harness_for(&path);
        shows_refusal(&harness, &path, why);
        // Refused unread: /dev/zero would otherwise be read to the limit.
        assert!(started.elapsed() < Duration::from_secs(20), "{name}");
    }
}

#[test]
fn an_unreadable_article_says_which_file_and_why() {
    // A link to nothing cannot be read, by root either.
    let (_dir, path) = folder_with("gone.txt", |p| symlink("no/such/file.txt", p).unwrap());
    let harness = harness_for(&path);
    shows_refusal(&harness, &path, "cannot read: No such file or directory");

    let (_dir, path) = folder_with("locked.txt", |p| {
        use std::os::unix::fs::PermissionsExt as _;
        fs::write(p, "Cuba").unwrap();
        fs::set_permissions(p, fs::Permissions::from_mode(0o000)).unwrap();
    });
    if fs::read(&path).is_ok() {
        eprintln!("permissions not tested: this user (root) reads files whatever they say");
        return;
    }
    let harness = harness_for(&path);
    shows_refusal(&harness, &path, "cannot read: Permission denied");
}

/// `dir/corpus` with `a.txt` and `leak.txt`, a link to `dir/outside/secret.txt`.
fn corpus_with_a_link_outside(dir: &Path) -> (PathBuf, PathBuf) {
    let corpus = dir.join("corpus");
    let outside = dir.join("outside");
    fs::create_dir_all(&corpus).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("secret.txt"), "SECRET outside the corpus").unwrap();
    fs::write(corpus.join("a.txt"), "Cuba and Iran talk.").unwrap();
    let leak = corpus.join("leak.txt");
    symlink(outside.join("secret.txt"), &leak).unwrap();
    (corpus.join("a.txt"), leak)
}

#[test]
fn an_article_outside_the_corpus_is_listed_with_why_and_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (a, leak) = corpus_with_a_link_outside(dir.path());
    let why = "refused: it leads outside the corpus folder";

    // Given on the command line: refused, named, in both places.
    let harness = harness_for(&leak);
    shows_refusal(&harness, &leak, why);

    // In the folder's list: marked, the reason on hover; opening it from
    // there keeps the open article and says why.
    let mut harness = harness_for(&a);
    let k = harness.state().corpus().position(&leak).unwrap();
    let entry = &harness.state().corpus().entries[k];
    let error = entry.error.clone().unwrap();
    assert!(error.contains(&format!("leak.txt: {why}")), "{error}");
    harness.get_by_label_contains("leak.txt · ");
    harness.get_by_label_contains("problem");
    execute(&mut harness, vec![Command::GoTo(leak.clone())]);
    harness.run();
    assert!(
        notice_text(&harness).contains(why),
        "{}",
        notice_text(&harness)
    );
    let session = harness.state().session().unwrap();
    assert_eq!(session.txt_path(), a);
    assert!(!session.doc().text().contains("SECRET"));
}

#[test]
fn a_ten_mib_label_is_refused_quickly_and_never_laid_out() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("a.txt");
    fs::write(&txt, "Cuba and Iran talk.").unwrap();
    let ron = dir.path().join("a.ron");
    let label = "x".repeat(10 * 1024 * 1024);
    fs::write(
        &ron,
        format!(
            "(format: 1, document: \"a.txt\", text_sha256: \"\", spans: [\
             (id: 4, start: 0, end: 4, label: \"{label}\", text: \"Cuba\")])\n"
        ),
    )
    .unwrap();
    let before = fs::read(&ron).unwrap();
    let started = Instant::now();
    let mut harness = harness_for(&txt);
    assert!(started.elapsed() < Duration::from_secs(20));
    let session = harness.state().session().unwrap();
    assert_eq!(session.set().len(), 0);
    let blocked = session.save_blocked().unwrap().to_owned();
    assert!(
        blocked.contains("a.ron: spans[0] (span 4): label: name \"xxxx")
            && blocked.contains("is 10485760 characters long, over the 64-character limit"),
        "{}",
        &blocked[..blocked.len().min(500)]
    );
    // The banner says it, elided: no 10 MiB galley.
    let said = "over the 64-character limit; the file is not loaded";
    assert!(harness.query_all_by_label_contains(said).count() > 0);
    // And the file is never saved over.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(fs::read(&ron).unwrap(), before);
}
