//! Re-anchoring when an annotated article changed, through loading and the
//! session: moved and fuzzy spans are placed and noted, orphans are kept
//! and saved until each is placed or deleted (undoably), and are never lost.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use newsmark::model::{LabelSchema, SpanId};
use newsmark::session::{OrphanError, Session};
use newsmark::store::{self, How};
use tempfile::TempDir;

const TEXT: &str = "Tehran and Havana signed a deal.\n\
    Issa Zarepour, Minister of ICT, met Wilfredo González Vidal in Havana.\n\
    Cuba will join the optical fiber project.\n";

/// An article and its annotations, saved: Tehran (1), Havana (2), Issa
/// Zarepour (3), Minister of ICT (4), the second Havana (5), Cuba (6),
/// optical fiber project (7).
fn annotated() -> (TempDir, PathBuf, PathBuf) {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("a.txt");
    fs::write(&txt, TEXT).unwrap();
    let mut s = open(&txt);
    let doc = s.doc().clone();
    let chars: Vec<char> = doc.text().chars().collect();
    let find = |quote: &str, from: usize| {
        let q: Vec<char> = quote.chars().collect();
        (from..chars.len())
            .find(|&i| chars[i..].starts_with(&q))
            .unwrap()
    };
    for (quote, label, from) in [
        ("Tehran", "country", 0),
        ("Havana", "country", 0),
        ("Issa Zarepour", "person", 0),
        ("Minister of ICT", "role", 0),
        ("Havana", "country", 40),
        ("Cuba", "country", 0),
        ("optical fiber project", "initiative", 0),
    ] {
        let start = find(quote, from);
        let edit = s.add_span_edit(start..start + quote.chars().count(), label);
        s.perform(edit.unwrap()).unwrap();
    }
    s.save().unwrap();
    let ron = store::paired_ron_path(&txt);
    (dir, txt, ron)
}

/// The code-point offset of `needle` in `text` (`str::find` gives bytes).
fn at(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].chars().count()
}

fn open(txt: &Path) -> Session {
    Session::open(txt, LabelSchema::default()).unwrap()
}

fn reason(s: &Session, id: SpanId) -> String {
    let found = s.problems().iter().find(|p| p.span_id == Some(id));
    found.map(|p| p.reason.clone()).unwrap_or_default()
}

fn quote(s: &Session, id: SpanId) -> (usize, usize, String) {
    let span = s.set().get(id).unwrap();
    (span.start, span.end, span.text.clone())
}

#[test]
fn spans_of_an_edited_article_are_moved_and_noted() {
    let (_dir, txt, ron) = annotated();
    let edited = TEXT
        .replace("Tehran and", "BREAKING: Tehran and")
        .replace("Issa Zarepour", "Isa Zarepour");
    fs::write(&txt, edited).unwrap();
    let loaded = {
        let doc = store::read_text(&txt).unwrap();
        store::load_annotations(&ron, "a.txt", &doc, &LabelSchema::default()).unwrap()
    };
    assert!(loaded.text_changed && !loaded.would_lose_data());
    let how = |id| loaded.reanchored.iter().find(|(i, _)| *i == id).unwrap().1;
    assert_eq!(how(1), How::Moved);
    assert!(matches!(how(3), How::Fuzzy { similarity } if similarity > 0.9));

    let mut s = open(&txt);
    assert!(s.orphans().is_empty() && s.unplaced().is_empty());
    assert_eq!(s.set().len(), 7);
    assert_eq!(quote(&s, 1), (10, 16, "Tehran".to_owned()));
    assert!(
        reason(&s, 1).contains("moved from 0..6 to 10..16"),
        "{}",
        reason(&s, 1)
    );
    // The quote of a fuzzy span becomes the text it was placed on.
    assert_eq!(quote(&s, 3).2, "Isa Zarepour");
    let note = reason(&s, 3);
    assert!(
        note.contains("\"Issa Zarepour\"") && note.contains("similarity 0.92"),
        "{note}"
    );
    // The second Havana follows its neighbours, not the first Havana.
    assert_eq!(quote(&s, 5).0, at(TEXT, "in Havana") + 3 + 10 - 1);
    s.save().unwrap();
    let again = open(&txt);
    assert!(again.problems().is_empty(), "{:?}", again.problems());
    assert_eq!(again.set(), s.set());
}

#[test]
fn orphans_are_saved_until_placed_or_deleted_and_undoable() {
    let (_dir, txt, ron) = annotated();
    // The sentence with Cuba (6) and the optical fiber project (7) rewritten.
    let edited = TEXT.replace(
        "Cuba will join the optical fiber project.",
        "The island will join a cable plan.",
    );
    fs::write(&txt, &edited).unwrap();
    let mut s = open(&txt);
    let orphans: Vec<SpanId> = s.orphans().iter().map(|o| o.id).collect();
    assert_eq!(orphans, [6, 7]);
    assert!(reason(&s, 6).contains("not found in the changed text"));
    assert_eq!(s.set().len(), 5);
    // Kept exactly as the file holds them.
    assert_eq!(s.orphans()[1].text, "optical fiber project");
    // Saving is allowed: the orphans go to the file's `orphans` list.
    assert!(s.save_blocked().is_none());
    s.save().unwrap();
    let saved = fs::read_to_string(&ron).unwrap();
    assert!(saved.contains("    orphans: [\n"), "{saved}");
    assert!(
        saved.contains(r#"text: "optical fiber project")"#),
        "orphans are written as they were, without context: {saved}"
    );
    let again = open(&txt);
    assert_eq!(again.orphans(), s.orphans());
    assert_eq!(again.set(), s.set());
    assert!(reason(&again, 7).contains("an orphan kept from an earlier version"));

    // A new span does not take an orphan's id.
    let edit = s.add_span_edit(0..6, "person").unwrap();
    s.perform(edit).unwrap();
    assert_eq!(s.set().spans().iter().map(|s| s.id).max(), Some(8));

    // Errors leave the orphan where it is.
    let island = at(&edited, "island");
    let len = s.doc().char_len();
    assert_eq!(s.place_orphan(3, 0..6), Err(OrphanError::NotAnOrphan(3)));
    assert!(matches!(
        s.place_orphan(6, 5..5),
        Err(OrphanError::BadRange { .. })
    ));
    assert!(matches!(
        s.place_orphan(6, len..len + 2),
        Err(OrphanError::BadRange { .. })
    ));
    assert_eq!(s.place_orphan(6, 0..6), Err(OrphanError::SameSpan(1)));
    assert_eq!(s.orphans().len(), 2);

    // Placing one: it joins the annotations with its id and the new quote,
    // as one undoable step.
    s.place_orphan(6, island - 4..island + 6).unwrap();
    assert_eq!(
        quote(&s, 6),
        (island - 4, island + 6, "The island".to_owned())
    );
    assert_eq!(s.orphans().len(), 1);
    assert_eq!(
        s.history().peek_undo().unwrap().describe(),
        "place orphaned country"
    );
    s.undo().unwrap();
    assert!(s.set().get(6).is_none());
    assert_eq!(s.orphans().len(), 2);
    s.redo().unwrap();
    assert_eq!(s.set().get(6).unwrap().text, "The island");

    // Deleting the other, undone and done again.
    let deleted = s.delete_orphan(7).unwrap();
    assert_eq!(deleted.text, "optical fiber project");
    assert_eq!(s.delete_orphan(7), None);
    assert!(s.orphans().is_empty());
    s.undo().unwrap();
    assert_eq!(s.orphans()[0].id, 7);
    s.redo().unwrap();
    assert!(s.is_dirty());
    s.save().unwrap();
    assert!(!s.is_dirty());
    assert!(!fs::read_to_string(&ron).unwrap().contains("orphans"));
    let again = open(&txt);
    assert!(again.problems().is_empty(), "{:?}", again.problems());
    assert_eq!(again.set(), s.set());
    assert!(again.set().get(7).is_none());
}

#[test]
fn orphans_placed_or_deleted_survive_a_crash_through_the_journal() {
    let (_dir, txt, _ron) = annotated();
    let edited = TEXT.replace(
        "Cuba will join the optical fiber project.",
        "The island will join a cable plan.",
    );
    fs::write(&txt, &edited).unwrap();
    let mut s = open(&txt);
    s.save().unwrap();
    // Orphan 6 placed, 7 deleted, not saved: the journal holds that.
    let island = at(&edited, "island");
    s.place_orphan(6, island..island + 6).unwrap();
    s.delete_orphan(7).unwrap();
    s.write_journal().unwrap();
    let expected = s.set().clone();
    drop(s);

    let mut again = open(&txt);
    assert_eq!(again.orphans().len(), 2, "the saved file still has both");
    let recovered = again.recovered_journal().unwrap().expect("a journal");
    assert!(recovered.set.orphans().is_empty());
    assert!(again.restore(&recovered.set).unwrap());
    assert_eq!(again.set(), &expected);
    // The restore is one step: undone, both are orphans again.
    again.undo().unwrap();
    assert_eq!(again.orphans().len(), 2);
    assert!(again.set().get(6).is_none());
}

#[test]
fn placing_orphans_keeps_other_protection() {
    let (_dir, txt, ron) = annotated();
    // A duplicate id (set aside whatever the text) and an orphan.
    let source = fs::read_to_string(&ron).unwrap().replace(
        "    ],\n",
        "        (id: 1, start: 0, end: 6, label: \"person\", text: \"Tehran\"),\n    ],\n",
    );
    fs::write(&ron, source).unwrap();
    fs::write(&txt, TEXT.replace("Cuba will", "It will")).unwrap();
    let mut s = open(&txt);
    assert_eq!((s.unplaced().len(), s.orphans().len()), (1, 1));
    let blocked = s.save_blocked().unwrap().to_owned();
    assert!(blocked.contains("could not be placed"), "{blocked}");
    assert!(!s.is_dirty());
    s.delete_orphan(6).unwrap();
    assert!(s.is_dirty());
    assert_eq!(s.save_blocked(), Some(blocked.as_str()));
    assert!(s.save().is_err());
}

#[test]
fn line_ends_converted_and_a_byte_order_mark_added() {
    let (_dir, txt, ron) = annotated();
    // A span across the line end, then the article saved with CRLF and a BOM.
    let mut s = open(&txt);
    let start = at(TEXT, "deal.");
    let edit = s.add_span_edit(start..start + 10, "initiative").unwrap();
    s.perform(edit).unwrap();
    s.save().unwrap();
    fs::write(&txt, format!("\u{feff}{}", TEXT.replace('\n', "\r\n"))).unwrap();
    let s = open(&txt);
    assert!(s.orphans().is_empty() && s.unplaced().is_empty());
    assert_eq!(s.set().len(), 8);
    assert_eq!(quote(&s, 8).2, "deal.\r\nIssa");
    assert_eq!(quote(&s, 6).2, "Cuba");
    assert_eq!(quote(&s, 6).0, at(TEXT, "Cuba") + 2);
    for span in s.set().spans() {
        assert_eq!(
            s.doc().slice(span.start..span.end),
            Some(span.text.as_str())
        );
    }
    drop(ron);
}

#[test]
fn a_wrong_quote_in_an_unchanged_article_is_not_reanchored() {
    let (_dir, txt, ron) = annotated();
    // The file is wrong, not the article: set aside, as before.
    let source = fs::read_to_string(&ron)
        .unwrap()
        .replace("text: \"Issa Zarepour\"", "text: \"Isa Zarepour\"");
    fs::write(&ron, source).unwrap();
    let s = open(&txt);
    assert_eq!(s.unplaced().len(), 1);
    assert!(s.orphans().is_empty());
    assert!(reason(&s, 3).contains("does not match"));
    assert!(s.save_blocked().is_some());
}

/// The article changes on disk while it is open, and my annotations are
/// kept: they are re-anchored with their context in the text in memory, as
/// opening would with the saved context. A sentence naming the same
/// company inserted just before a span does not keep it on the inserted
/// name (issue 16, 1).
#[test]
fn spans_kept_over_a_text_changed_on_disk_follow_their_context() {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("v.txt");
    let old = "Het contract loopt in maart af, zo luidt het bij Veolia. Veolia bouwt de \
               vloot af in Rotterdam en Antwerpen.\n";
    fs::write(&txt, old).unwrap();
    let mut s = open(&txt);
    let first = at(old, "Veolia");
    let second = at(old, "Veolia bouwt");
    for start in [first, second] {
        let edit = s.add_span_edit(start..start + 6, "country").unwrap();
        s.perform(edit).unwrap();
    }
    let new = old.replace(
        "Veolia. Veolia bouwt",
        "Veolia. Veolia zegt dat de lijn blijft. Veolia bouwt",
    );
    fs::write(&txt, &new).unwrap();
    s.keep_mine().unwrap();
    let starts: Vec<usize> = s.set().spans().iter().map(|sp| sp.start).collect();
    assert_eq!(
        starts,
        [first, at(&new, "Veolia bouwt")],
        "{:?}",
        s.orphans()
    );
}
