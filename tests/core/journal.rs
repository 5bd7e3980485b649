//! The recovery journal: unsaved edits written beside the annotation file,
//! found again after a crash, restored as one undoable edit, removed by a
//! save or a discard; a journal equal to the saved file is removed silently,
//! a corrupt one reported and set aside, never written over the `.ron`.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use newsmark::journal::{Journal, RecoveredJournal};
use newsmark::model::{AnnotationSet, Edit, LabelSchema};
use newsmark::session::Session;
use newsmark::store::{self, StoreError};
use tempfile::TempDir;

const TEXT: &str = "Tehran and Havana signed a deal. Issa Zarepour, Minister of ICT, \
                    met José Müller in Brasília 🇨🇺 on the e-government programme.\n";

/// A folder with `a.txt` and a saved `a.ron` holding `Tehran` and `Havana`.
fn saved_pair() -> (TempDir, PathBuf, PathBuf) {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("a.txt");
    fs::write(&txt, TEXT).unwrap();
    let mut s = open(&txt);
    tag(&mut s, "Tehran", "country");
    tag(&mut s, "Havana", "country");
    s.save().unwrap();
    let ron = s.ron_path().to_owned();
    (dir, txt, ron)
}

fn open(txt: &Path) -> Session {
    Session::open(txt, LabelSchema::default()).unwrap()
}

/// Tags the first occurrence of `needle` as `label`.
fn tag(s: &mut Session, needle: &str, label: &str) {
    let byte = s.doc().text().find(needle).unwrap();
    let start = s.doc().char_of_byte(byte).unwrap();
    let end = start + needle.chars().count();
    let edit = s.add_span_edit(start..end, label).unwrap();
    s.perform(edit).unwrap();
}

/// The span ids and quotes of a set, in order.
fn quotes(set: &AnnotationSet) -> Vec<(u64, String)> {
    set.spans().iter().map(|s| (s.id, s.text.clone())).collect()
}

/// Edits the saved session of [`saved_pair`] (adds two spans, deletes
/// `Tehran`, marks done), writes the journal and "crashes": the session is
/// dropped unsaved. Returns the set it held.
fn crash_with_edits(txt: &Path) -> AnnotationSet {
    let mut s = open(txt);
    tag(&mut s, "Issa Zarepour", "person");
    tag(&mut s, "🇨🇺", "country");
    let tehran = s.set().spans()[0].id;
    s.perform(s.delete_edit(tehran).unwrap()).unwrap();
    s.perform(Edit::SetDone(true)).unwrap();
    s.write_journal().unwrap();
    s.set().clone()
}

fn recovered(s: &Session) -> RecoveredJournal {
    s.recovered_journal()
        .unwrap()
        .expect("a journal to recover")
}

#[test]
fn journal_path_is_hidden_beside_the_annotation_file() {
    let ron = Path::new("/corpus/2024-05-iran.ron");
    let journal = Journal::path_for(ron);
    assert_eq!(journal, Path::new("/corpus/.2024-05-iran.ron.journal"));
    assert_eq!(Journal::new(ron).path(), journal);
    assert_eq!(Journal::new(ron).ron_path(), ron);
    assert_eq!(
        Journal::path_for(Path::new("a.ron")),
        Path::new(".a.ron.journal")
    );
}

#[test]
fn crash_then_reopen_finds_the_exact_spans_and_restores_in_one_undo_step() {
    let (dir, txt, ron) = saved_pair();
    let saved_bytes = fs::read(&ron).unwrap();
    let before_crash = crash_with_edits(&txt);
    let journal = dir.path().join(".a.ron.journal");
    assert!(journal.is_file());
    assert_eq!(
        fs::read(&ron).unwrap(),
        saved_bytes,
        "the journal wrote the .ron"
    );

    let mut s = open(&txt);
    let saved = s.set().clone();
    assert_eq!(quotes(&saved), [(1, "Tehran".into()), (2, "Havana".into())]);
    let rec = recovered(&s);
    assert_eq!(rec.path, journal);
    assert_eq!(rec.set, before_crash, "exact spans and done flag");
    assert_eq!(quotes(&rec.set), quotes(&before_crash), "same ids");
    assert!(rec.set.is_done());
    assert!(!rec.text_changed && rec.unplaced.is_empty() && rec.problems.is_empty());
    let age = SystemTime::now().duration_since(rec.written).unwrap();
    assert!(age < Duration::from_secs(60), "{age:?}");
    assert!(journal.is_file(), "an offered journal stays until decided");

    assert!(s.restore(&rec.set).unwrap());
    assert_eq!(s.set(), &before_crash);
    assert!(s.is_dirty());
    assert!(matches!(s.history().peek_undo(), Some(Edit::Batch(_))));
    s.undo().unwrap();
    assert_eq!(
        s.set(),
        &saved,
        "one undo step takes the whole restore back"
    );
    assert!(!s.is_dirty() && !s.set().is_done());
    assert!(s.history().peek_undo().is_none());
    s.redo().unwrap();
    assert_eq!(s.set(), &before_crash);

    s.save().unwrap();
    assert!(!journal.exists(), "a save removes the journal");
    let again = open(&txt);
    assert_eq!(again.set(), &before_crash);
    assert!(again.recovered_journal().unwrap().is_none());
    // The .ron saved before the crash is the backup now.
    assert_eq!(fs::read(store::backup_path(&ron)).unwrap(), saved_bytes);
}

#[test]
fn restore_of_equal_annotations_is_no_edit() {
    let (_dir, txt, _ron) = saved_pair();
    let mut s = open(&txt);
    let same = s.set().clone();
    assert!(s.restore_edit(&same).is_none());
    assert!(!s.restore(&same).unwrap());
    assert!(!s.is_dirty() && s.history().peek_undo().is_none());
}

#[test]
fn journal_is_written_only_while_dirty_and_only_when_changed() {
    let (dir, txt, _ron) = saved_pair();
    let journal = dir.path().join(".a.ron.journal");
    let mut s = open(&txt);
    s.write_journal().unwrap();
    assert!(!journal.exists(), "nothing unsaved, no journal");

    tag(&mut s, "Brasília", "country");
    s.write_journal().unwrap();
    let first = fs::read(&journal).unwrap();
    let j = s.journal();
    assert!(
        !j.write(&s.name(), s.doc(), s.set()).unwrap(),
        "unchanged: not rewritten"
    );
    tag(&mut s, "Minister of ICT", "role");
    assert!(j.write(&s.name(), s.doc(), s.set()).unwrap());
    assert_ne!(fs::read(&journal).unwrap(), first);

    // Undone back to the saved state: the journal would only offer what the
    // user took back.
    s.undo().unwrap();
    s.undo().unwrap();
    assert!(!s.is_dirty());
    s.write_journal().unwrap();
    assert!(!journal.exists());
    assert!(s.recovered_journal().unwrap().is_none());
}

#[test]
fn discarded_journal_is_gone() {
    let (dir, txt, ron) = saved_pair();
    let saved = fs::read(&ron).unwrap();
    crash_with_edits(&txt);
    let s = open(&txt);
    assert!(s.recovered_journal().unwrap().is_some());
    s.discard_journal().unwrap();
    s.discard_journal().unwrap();
    assert!(!dir.path().join(".a.ron.journal").exists());
    assert!(s.recovered_journal().unwrap().is_none());
    assert_eq!(fs::read(&ron).unwrap(), saved);
}

#[test]
fn journal_equal_to_the_saved_file_is_removed_silently() {
    let (dir, txt, _ron) = saved_pair();
    let journal = dir.path().join(".a.ron.journal");
    // As if the crash came between the save and the journal's removal.
    let mut s = open(&txt);
    tag(&mut s, "Issa Zarepour", "person");
    s.write_journal().unwrap();
    s.save().unwrap();
    s.journal().write(&s.name(), s.doc(), s.set()).unwrap();
    assert!(journal.is_file());
    drop(s);
    let s = open(&txt);
    assert!(s.recovered_journal().unwrap().is_none());
    assert!(!journal.exists());

    // No annotation file, and a journal holding no spans: nothing to offer.
    let bare = dir.path().join("b.txt");
    fs::write(&bare, TEXT).unwrap();
    let s = open(&bare);
    s.journal().write(&s.name(), s.doc(), s.set()).unwrap();
    assert!(s.recovered_journal().unwrap().is_none());
    assert!(!dir.path().join(".b.ron.journal").exists());
}

#[test]
fn journal_of_a_never_saved_article_is_recovered() {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("new.txt");
    fs::write(&txt, TEXT).unwrap();
    let mut s = open(&txt);
    tag(&mut s, "Havana", "country");
    s.write_journal().unwrap();
    let unsaved = s.set().clone();
    drop(s);
    assert!(!dir.path().join("new.ron").exists());
    let mut s = open(&txt);
    let rec = recovered(&s);
    assert_eq!(rec.set, unsaved);
    s.restore(&rec.set).unwrap();
    s.save().unwrap();
    assert!(!dir.path().join(".new.ron.journal").exists());
    assert!(
        !store::backup_path(&dir.path().join("new.ron")).exists(),
        "nothing to back up"
    );
}

#[test]
fn corrupt_journal_is_reported_set_aside_and_never_written_over_the_ron() {
    let (dir, txt, ron) = saved_pair();
    crash_with_edits(&txt);
    let journal = dir.path().join(".a.ron.journal");
    let whole = fs::read(&journal).unwrap();
    let torn = &whole[..whole.len() / 2];
    fs::write(&journal, torn).unwrap();
    let saved = fs::read(&ron).unwrap();

    let mut s = open(&txt);
    let err = s.recovered_journal().unwrap_err();
    assert!(
        matches!(&err.error, StoreError::Syntax { path, .. } if *path == journal),
        "{err}"
    );
    let kept = dir.path().join(".a.ron.journal.broken");
    assert_eq!(err.kept_as.as_deref(), Some(kept.as_path()));
    let message = err.to_string();
    assert!(message.contains(".a.ron.journal:"), "{message}");
    assert!(message.contains("kept as"), "{message}");
    assert_eq!(fs::read(&kept).unwrap(), torn, "kept as it was");
    assert!(!journal.exists());
    assert_eq!(fs::read(&ron).unwrap(), saved, "the .ron is untouched");
    assert!(s.save_blocked().is_none());

    // Reported once; the next journal does not replace the broken one, and
    // the session works on.
    assert!(s.recovered_journal().unwrap().is_none());
    tag(&mut s, "Havana", "person");
    s.write_journal().unwrap();
    assert_eq!(fs::read(&kept).unwrap(), torn);
    s.save().unwrap();
    assert_eq!(fs::read(&kept).unwrap(), torn, "a save leaves it too");

    // A journal from another format version: reported, kept under a new name.
    fs::write(&journal, "(format: 99, document: \"a.txt\", spans: [])").unwrap();
    let err = s.recovered_journal().unwrap_err();
    assert!(
        matches!(err.error, StoreError::Version { found: 99, .. }),
        "{err}"
    );
    let kept2 = dir.path().join(".a.ron.journal.broken2");
    assert_eq!(err.kept_as.as_deref(), Some(kept2.as_path()));
    assert_eq!(fs::read(&kept).unwrap(), torn);

    // Binary garbage, not a panic.
    fs::write(&journal, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    assert!(s.recovered_journal().is_err());
}

#[test]
fn journal_of_a_changed_article_is_offered_and_says_so() {
    let (_dir, txt, _ron) = saved_pair();
    let before_crash = crash_with_edits(&txt);
    // The article gains a sentence at its end: every span still fits.
    fs::write(&txt, format!("{TEXT}A second sentence.\n")).unwrap();
    let s = open(&txt);
    let rec = recovered(&s);
    assert!(rec.text_changed);
    assert!(
        rec.problems
            .iter()
            .any(|p| p.reason.contains("text changed")),
        "{:?}",
        rec.problems
    );
    assert_eq!(rec.set.len() + rec.unplaced.len(), before_crash.len());

    // The article loses its first words: the journal still loads (and never
    // panics) and says so; nothing in it is silently dropped.
    let cut = TEXT.replacen("Tehran and ", "", 1);
    fs::write(&txt, cut).unwrap();
    let s = open(&txt);
    let rec = recovered(&s);
    assert!(rec.text_changed);
    assert_eq!(rec.set.len() + rec.unplaced.len(), before_crash.len());
}

#[test]
fn journal_protects_edits_on_a_file_that_cannot_be_saved_over() {
    let (dir, txt, ron) = saved_pair();
    let broken = fs::read_to_string(&ron)
        .unwrap()
        .replace("spans: [", "spans: [[");
    fs::write(&ron, &broken).unwrap();
    let mut s = open(&txt);
    assert!(s.save_blocked().is_some());
    tag(&mut s, "Havana", "country");
    let edited = s.set().clone();
    s.write_journal().unwrap();
    drop(s);
    assert_eq!(fs::read_to_string(&ron).unwrap(), broken);

    let mut s = open(&txt);
    let rec = recovered(&s);
    assert_eq!(
        rec.set, edited,
        "offered: the saved file cannot be compared"
    );
    s.restore(&rec.set).unwrap();
    let other = dir.path().join("elsewhere.ron");
    s.save_as(&other).unwrap();
    assert!(
        !dir.path().join(".a.ron.journal").exists(),
        "saved elsewhere"
    );
    assert_eq!(
        fs::read_to_string(&ron).unwrap(),
        broken,
        "never written over"
    );
}

#[test]
fn save_as_removes_the_journals_of_both_files() {
    let (dir, txt, _ron) = saved_pair();
    let mut s = open(&txt);
    tag(&mut s, "Brasília", "country");
    s.write_journal().unwrap();
    let target = dir.path().join("copy.ron");
    Journal::new(&target)
        .write(&s.name(), s.doc(), &AnnotationSet::new())
        .unwrap();
    s.save_as(&target).unwrap();
    assert!(!dir.path().join(".a.ron.journal").exists());
    assert!(!dir.path().join(".copy.ron.journal").exists());
    tag(&mut s, "Havana", "person");
    s.write_journal().unwrap();
    assert!(dir.path().join(".copy.ron.journal").is_file());
}

#[test]
fn restoring_a_journal_keeps_its_spans_that_cannot_be_placed_as_orphans() {
    let (_dir, txt, ron) = saved_pair();
    // A journal with Tehran, and a span whose offsets run past the text
    // (set aside by the loader, not an orphan of re-anchoring).
    let sha = store::text_sha256(TEXT);
    let contents = format!(
        "(format: 1, document: \"a.txt\", text_sha256: \"{sha}\", spans: [\
         (id: 1, start: 0, end: 6, label: \"country\", text: \"Tehran\"),\
         (id: 7, start: 500, end: 505, label: \"person\", text: \"Souza\")])"
    );
    fs::write(Journal::new(&ron).path(), contents).unwrap();
    let mut s = open(&txt);
    let journal = recovered(&s);
    let lost: Vec<&str> = journal.unplaced.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(lost, ["Souza"]);
    assert!(s.restore(&journal.set).unwrap());
    let orphans: Vec<&str> = s.orphans().iter().map(|o| o.text.as_str()).collect();
    assert_eq!(orphans, ["Souza"], "kept, for the user to place or delete");
    s.save().unwrap();
    let saved = fs::read_to_string(&ron).unwrap();
    let list = &saved[saved.find("orphans:").expect("an orphans list")..];
    assert!(list.contains(r#"text: "Souza""#), "{saved}");
}

#[test]
fn restoring_a_journal_keeps_the_relations_of_its_spans_that_cannot_be_placed() {
    let (_dir, txt, ron) = saved_pair();
    // Souza's offsets run past the text, Havana's quote is not the text
    // at its offsets: both set aside by the loader. Their relations must
    // stay with them (as orphans), and a relation whose id is taken twice
    // must not be lost either.
    let sha = store::text_sha256(TEXT);
    let contents = format!(
        "(format: 1, document: \"a.txt\", text_sha256: \"{sha}\", spans: [\
         (id: 1, start: 0, end: 6, label: \"country\", text: \"Tehran\"),\
         (id: 7, start: 500, end: 505, label: \"person\", text: \"Souza\"),\
         (id: 8, start: 11, end: 17, label: \"country\", text: \"Havanna\")],\
         relations: [\
         (id: 1, label: \"party_to\", from: 7, to: 1),\
         (id: 2, label: \"of\", from: 1, to: 8),\
         (id: 2, label: \"holds\", from: 7, to: 8)])"
    );
    fs::write(Journal::new(&ron).path(), contents).unwrap();
    let mut s = open(&txt);
    let journal = recovered(&s);
    assert_eq!(journal.unplaced.len(), 2);
    assert!(s.restore(&journal.set).unwrap());
    let orphans: Vec<(u64, &str)> = s
        .orphans()
        .iter()
        .map(|o| (o.id, o.text.as_str()))
        .collect();
    assert_eq!(orphans, [(8, "Havanna"), (7, "Souza")], "by place");
    let relations: Vec<(String, u64, u64)> = s
        .set()
        .relations()
        .map(|r| (r.label.clone(), r.from, r.to))
        .collect();
    assert_eq!(
        relations,
        [
            ("party_to".to_owned(), 7, 1),
            ("of".to_owned(), 1, 8),
            ("holds".to_owned(), 7, 8),
        ],
        "every relation kept, between the same spans"
    );
    // They follow their orphans into the file.
    s.save().unwrap();
    let saved = fs::read_to_string(&ron).unwrap();
    for line in [
        "label: \"party_to\", from: 7, to: 1",
        "label: \"of\", from: 1, to: 8",
        "label: \"holds\", from: 7, to: 8",
    ] {
        assert!(saved.contains(line), "{line}: {saved}");
    }
    // Deleting an orphan deletes its relations in the same step.
    let edit = s.set().delete_orphan_edit(7).unwrap();
    s.perform(edit).unwrap();
    assert_eq!(s.set().relation_count(), 1);
}
