//! The recovery journal written on another thread (what the window does
//! for long documents): the same file as a write in the frame, and never
//! landing after a save or a newer write.

#![allow(clippy::unwrap_used)]

use crate::common;

use std::fs;
use std::path::Path;

use common::files::long_saved_article;
use newsmark::model::LabelSchema;
use newsmark::session::Session;

fn open_and_tag_iran(txt: &Path) -> Session {
    let mut s = Session::open(txt, LabelSchema::default()).unwrap();
    assert!(s.problems().is_empty(), "{:?}", s.problems());
    let edit = s.add_span_edit(9..13, "country").unwrap();
    s.perform(edit).unwrap();
    s
}

#[test]
fn a_background_write_writes_what_a_write_in_the_frame_would() {
    let (dir, txt) = long_saved_article(3_000);
    let s = open_and_tag_iran(&txt);
    let write = s.start_journal_write().unwrap().expect("dirty: a write");
    assert!(write.wait().unwrap(), "written");
    let journal = dir.path().join(".long.ron.journal");
    let background = fs::read_to_string(&journal).unwrap();
    assert!(background.contains(r#"text: "Iran""#));
    assert!(
        !s.journal().write(&s.name(), s.doc(), s.set()).unwrap(),
        "a write in the frame finds the same bytes there"
    );

    // Back at the saved state, the journal is removed at once.
    let mut s = s;
    s.undo().unwrap();
    assert!(s.start_journal_write().unwrap().is_none());
    assert!(!journal.exists());
}

#[test]
fn a_background_write_never_lands_after_the_journal_is_removed() {
    let (dir, txt) = long_saved_article(20_000);
    let journal = dir.path().join(".long.ron.journal");
    let mut s = open_and_tag_iran(&txt);
    // Serializing 20,000 spans takes tens of milliseconds: without the gate
    // the write would land after the removal and leave a stale journal.
    let write = s.start_journal_write().unwrap().unwrap();
    s.undo().unwrap();
    assert!(s.start_journal_write().unwrap().is_none(), "saved state");
    assert!(!write.wait().unwrap(), "superseded");
    assert!(!journal.exists(), "stale journal left");

    // The same after a save.
    let mut s = open_and_tag_iran(&txt);
    let write = s.start_journal_write().unwrap().unwrap();
    s.save().unwrap();
    let _ = write.wait().unwrap();
    assert!(!journal.exists(), "stale journal left after the save");
}

#[test]
fn an_older_background_write_never_replaces_a_newer_one() {
    let (dir, txt) = long_saved_article(20_000);
    let mut s = open_and_tag_iran(&txt);
    let older = s.start_journal_write().unwrap().unwrap();
    let edit = s.add_span_edit(14..20, "initiative").unwrap();
    s.perform(edit).unwrap();
    s.write_journal().unwrap();
    let newer = fs::read_to_string(dir.path().join(".long.ron.journal")).unwrap();
    let _ = older.wait().unwrap();
    let now = fs::read_to_string(dir.path().join(".long.ron.journal")).unwrap();
    assert!(
        now == newer,
        "the older snapshot landed over the newer journal"
    );
    assert!(now.contains(r#"text: "signed""#));
}

#[test]
fn a_background_write_that_fails_says_which_file_and_touches_nothing_else() {
    let (dir, txt) = long_saved_article(3_000);
    let ron = dir.path().join("long.ron");
    let saved = fs::read(&ron).unwrap();
    // A folder where the journal goes: it cannot be replaced by a file.
    fs::create_dir(dir.path().join(".long.ron.journal")).unwrap();
    let s = open_and_tag_iran(&txt);
    let err = s
        .start_journal_write()
        .unwrap()
        .unwrap()
        .wait()
        .unwrap_err();
    assert!(err.to_string().contains(".long.ron.journal"), "{err}");
    assert_eq!(fs::read(&ron).unwrap(), saved, "the .ron is untouched");
    assert!(dir.path().join(".long.ron.journal").is_dir());
}
