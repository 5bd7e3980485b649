//! Changes on disk while a document is open: another program rewrites the
//! `.ron` or edits the `.txt`. The session notices (`check_disk`, and a check
//! before every save), never overwrites the other writer's file, and offers
//! reload, keep mine, merge, none of which loses anything.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use newsmark::model::{AnnotationSet, LabelSchema, Span, Status};
use newsmark::session::{DiskChange, FileChange, Session};
use newsmark::store::{self, StoreError};
use tempfile::TempDir;

const TEXT: &str = "Tehran and Havana signed a deal. Issa Zarepour, Minister of ICT, \
                    met José Müller in Brasília 🇨🇺 on the e-government programme.\n";

/// A folder with `a.txt` and a saved `a.ron` holding `Tehran` (id 1) and
/// `Havana` (id 2), and the session that saved it.
fn saved_pair() -> (TempDir, PathBuf, Session) {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("a.txt");
    fs::write(&txt, TEXT).unwrap();
    let mut s = Session::open(&txt, LabelSchema::default()).unwrap();
    tag(&mut s, "Tehran", "country");
    tag(&mut s, "Havana", "country");
    s.save().unwrap();
    let ron = s.ron_path().to_owned();
    (dir, ron, s)
}

/// The span over the first occurrence of `needle` in `text`.
fn span_over(text: &str, id: u64, needle: &str, label: &str) -> Span {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    Span::manual(id, start, start + needle.chars().count(), label, needle)
}

/// Tags the first occurrence of `needle` as `label`.
fn tag(s: &mut Session, needle: &str, label: &str) {
    let span = span_over(s.doc().text(), 0, needle, label);
    let edit = s.add_span_edit(span.start..span.end, label).unwrap();
    s.perform(edit).unwrap();
}

/// Writes `spans` to `ron` as an extractor would, for the article `text`.
fn write_theirs(ron: &Path, text: &str, spans: Vec<Span>) -> String {
    let contents = store::to_ron_string(
        "a.txt",
        &store::text_sha256(text),
        &AnnotationSet::from_spans(spans),
    );
    fs::write(ron, &contents).unwrap();
    contents
}

/// Their version: `Tehran` (id 1) as they had it, a pending suggestion for
/// `Issa Zarepour` (id 3), and `Havana` dropped.
fn their_spans() -> Vec<Span> {
    vec![
        span_over(TEXT, 1, "Tehran", "country"),
        Span {
            status: Status::Pending,
            origin: newsmark::model::Origin::Extractor("spacy".into()),
            score: Some(0.9),
            ..span_over(TEXT, 3, "Issa Zarepour", "person")
        },
    ]
}

fn quotes(set: &AnnotationSet) -> Vec<String> {
    set.spans().iter().map(|s| s.text.clone()).collect()
}

#[test]
fn our_own_saves_and_touches_are_not_changes() {
    let (_dir, ron, mut s) = saved_pair();
    assert_eq!(s.check_disk(), None);
    tag(&mut s, "Brasília", "country");
    s.save().unwrap();
    assert_eq!(s.check_disk(), None, "our own save");
    // Rewritten with the same bytes (a new mtime): not a change.
    let same = fs::read(&ron).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&ron, same).unwrap();
    assert_eq!(s.check_disk(), None);
    let txt = s.txt_path().to_owned();
    fs::write(&txt, TEXT).unwrap();
    assert_eq!(s.check_disk(), None, "article rewritten unchanged");
    tag(&mut s, "ICT", "initiative");
    s.save().unwrap();
}

#[test]
fn check_disk_names_what_changed() {
    let (dir, ron, mut s) = saved_pair();
    write_theirs(&ron, TEXT, their_spans());
    let change = s.check_disk().unwrap();
    assert_eq!(change.annotations, Some(FileChange::Modified));
    assert_eq!(change.text, None);
    assert_eq!(change.describe(&s), "a.ron changed on disk");

    fs::remove_file(&ron).unwrap();
    assert_eq!(
        s.check_disk().unwrap().annotations,
        Some(FileChange::Deleted)
    );

    fs::write(dir.path().join("a.txt"), TEXT.replace("deal", "pact")).unwrap();
    let change = s.check_disk().unwrap();
    assert_eq!(change.text, Some(FileChange::Modified));
    assert!(change.describe(&s).starts_with("a.txt changed on disk"));

    // A .ron created under a session that had none.
    let other = dir.path().join("b.txt");
    fs::write(&other, TEXT).unwrap();
    let mut b = Session::open(&other, LabelSchema::default()).unwrap();
    assert_eq!(b.check_disk(), None);
    write_theirs(&dir.path().join("b.ron"), TEXT, their_spans());
    assert_eq!(
        b.check_disk(),
        Some(DiskChange {
            annotations: Some(FileChange::Created),
            text: None
        })
    );
    tag(&mut b, "Havana", "country");
    assert!(matches!(b.save(), Err(StoreError::ChangedOnDisk { .. })));
}

#[test]
fn save_refuses_to_overwrite_their_file() {
    let (_dir, ron, mut s) = saved_pair();
    tag(&mut s, "Brasília", "country");
    let theirs = write_theirs(&ron, TEXT, their_spans());
    let err = s.save().unwrap_err();
    assert!(
        matches!(&err, StoreError::ChangedOnDisk { path, .. } if *path == ron),
        "{err}"
    );
    assert!(err.to_string().contains("changed on disk"), "{err}");
    assert_eq!(fs::read_to_string(&ron).unwrap(), theirs, "untouched");
    assert!(s.is_dirty(), "my edits stay unsaved");
}

#[test]
fn reload_takes_theirs_keeps_mine_in_a_file_and_undoes_in_one_step() {
    let (dir, ron, mut s) = saved_pair();
    tag(&mut s, "Brasília", "country");
    let mine = s.set().clone();
    write_theirs(&ron, TEXT, their_spans());
    let reloaded = s.reload().unwrap();
    assert!(!reloaded.text_changed);
    assert_eq!(quotes(s.set()), ["Tehran", "Issa Zarepour"]);
    assert!(!s.is_dirty());
    assert_eq!(s.check_disk(), None);
    // My unsaved edits were written beside it.
    let kept = reloaded.mine_kept_as.unwrap();
    assert_eq!(kept, dir.path().join("a.ron.mine"));
    let loaded = store::load_annotations(&kept, "a.txt", s.doc(), &LabelSchema::default()).unwrap();
    assert_eq!(loaded.set, mine);
    // One undo step back to mine.
    s.undo().unwrap();
    assert_eq!(s.set(), &mine);
    assert!(s.is_dirty());
    // A second reload with edits keeps a second copy, never replacing one.
    let again = s.reload().unwrap();
    assert_eq!(again.mine_kept_as.unwrap(), dir.path().join("a.ron.mine2"));
}

#[test]
fn keep_mine_saves_mine_and_keeps_theirs() {
    let (dir, ron, mut s) = saved_pair();
    tag(&mut s, "Brasília", "country");
    let theirs = write_theirs(&ron, TEXT, their_spans());
    let kept = s.keep_mine().unwrap();
    assert!(kept.saved);
    let theirs_path = kept.theirs_kept_as.unwrap();
    assert_eq!(theirs_path, dir.path().join("a.ron.theirs"));
    assert_eq!(fs::read_to_string(&theirs_path).unwrap(), theirs);
    assert_eq!(
        fs::read_to_string(store::backup_path(&ron)).unwrap(),
        theirs
    );
    let on_disk = fs::read_to_string(&ron).unwrap();
    assert!(on_disk.contains("Brasília") && on_disk.contains("Havana"));
    assert!(!s.is_dirty());
    assert_eq!(s.check_disk(), None);

    // Their file deleted: keep mine writes it again, nothing to keep.
    fs::remove_file(&ron).unwrap();
    let kept = s.keep_mine().unwrap();
    assert_eq!(kept.theirs_kept_as, None);
    assert!(ron.exists());
}

#[test]
fn merge_applies_my_edits_on_theirs_as_one_undo_step() {
    let (_dir, ron, mut s) = saved_pair();
    let before = s.set().clone();
    // Mine: add Brasília, relabel Tehran (which they kept as it was), and
    // delete Havana (which they deleted too).
    tag(&mut s, "Brasília", "country");
    let tehran = s.set().spans()[0].clone();
    s.perform(s.relabel_edit(tehran.id, "person").unwrap())
        .unwrap();
    let havana = s
        .set()
        .spans()
        .iter()
        .find(|x| x.text == "Havana")
        .unwrap()
        .id;
    s.perform(s.delete_edit(havana).unwrap()).unwrap();
    let mine = s.set().clone();
    write_theirs(&ron, TEXT, their_spans());

    let merged = s.merge().unwrap();
    assert_eq!(merged.report.added, 1);
    assert_eq!(merged.report.changed, 1);
    assert_eq!(merged.report.removed, 0, "they removed Havana already");
    assert_eq!(merged.report.conflicts, 0);
    let got: Vec<(String, String)> = s
        .set()
        .spans()
        .iter()
        .map(|x| (x.text.clone(), x.label.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("Tehran".to_owned(), "person".to_owned()),
            ("Issa Zarepour".to_owned(), "person".to_owned()),
            ("Brasília".to_owned(), "country".to_owned()),
        ]
    );
    assert!(s.is_dirty(), "the merge is not saved by itself");
    assert_eq!(s.check_disk(), None, "their file is the new base");
    s.save().unwrap();
    s.undo().unwrap();
    assert_eq!(s.set(), &mine, "one undo step back to mine");
    assert_ne!(&mine, &before);
}

#[test]
fn merge_conflicts_go_my_way_and_are_counted() {
    let (_dir, ron, mut s) = saved_pair();
    // I relabel Havana; they relabel it too, and reject Tehran which I delete.
    let havana = s.set().spans()[1].id;
    s.perform(s.relabel_edit(havana, "initiative").unwrap())
        .unwrap();
    let tehran = s.set().spans()[0].id;
    s.perform(s.delete_edit(tehran).unwrap()).unwrap();
    write_theirs(
        &ron,
        TEXT,
        vec![
            Span {
                status: Status::Rejected,
                ..span_over(TEXT, 1, "Tehran", "country")
            },
            span_over(TEXT, 2, "Havana", "person"),
        ],
    );
    let merged = s.merge().unwrap();
    assert_eq!(merged.report.conflicts, 2);
    assert_eq!(quotes(s.set()), ["Havana"]);
    assert_eq!(s.set().spans()[0].label, "initiative");
}

#[test]
fn merge_of_a_renumbered_file_matches_spans_by_place() {
    let (_dir, ron, mut s) = saved_pair();
    let havana = s.set().spans()[1].id;
    s.perform(s.delete_edit(havana).unwrap()).unwrap();
    tag(&mut s, "Brasília", "country");
    // Their file numbers everything anew: Havana is 10, and id 3 (mine for
    // Brasília) is a different span of theirs.
    write_theirs(
        &ron,
        TEXT,
        vec![
            span_over(TEXT, 3, "Issa Zarepour", "person"),
            span_over(TEXT, 9, "Tehran", "country"),
            span_over(TEXT, 10, "Havana", "country"),
        ],
    );
    let merged = s.merge().unwrap();
    assert_eq!(merged.report.removed, 1);
    assert_eq!(merged.report.added, 1);
    assert_eq!(quotes(s.set()), ["Tehran", "Issa Zarepour", "Brasília"]);
    let ids: std::collections::HashSet<u64> = s.set().spans().iter().map(|x| x.id).collect();
    assert_eq!(ids.len(), 3, "ids stay unique");
}

#[test]
fn a_changed_article_is_reanchored_by_each_resolution() {
    let edited = format!("BREAKING. {}", TEXT.replace("a deal", "an agreement"));
    for choice in ["reload", "keep", "merge"] {
        let (dir, ron, mut s) = saved_pair();
        tag(&mut s, "Brasília", "country");
        fs::write(dir.path().join("a.txt"), &edited).unwrap();
        let change = s.check_disk().unwrap();
        assert!(change.text_changed() && change.annotations.is_none());
        match choice {
            "reload" => {
                let r = s.reload().unwrap();
                assert!(r.text_changed && r.mine_kept_as.is_some());
                assert_eq!(quotes(s.set()), ["Tehran", "Havana"]);
                assert!(!s.is_dirty());
            }
            "keep" => {
                let k = s.keep_mine().unwrap();
                assert!(k.text_changed && k.saved && k.theirs_kept_as.is_none());
                assert_eq!(quotes(s.set()), ["Tehran", "Havana", "Brasília"]);
                let saved = fs::read_to_string(&ron).unwrap();
                assert!(
                    saved.contains(&store::text_sha256(&edited)),
                    "saved for the new text"
                );
            }
            _ => {
                let m = s.merge().unwrap();
                assert!(m.text_changed);
                assert_eq!(m.report.added, 1);
                assert_eq!(quotes(s.set()), ["Tehran", "Havana", "Brasília"]);
                assert!(s.is_dirty());
                s.save().unwrap();
            }
        }
        assert_eq!(s.doc().text(), edited, "{choice}: the new text");
        for span in s.set().spans() {
            assert_eq!(
                s.doc().slice(span.start..span.end),
                Some(span.text.as_str())
            );
        }
        assert_eq!(s.check_disk(), None, "{choice}");
        assert!(
            s.history().peek_undo().is_none(),
            "{choice}: history of the old text cleared"
        );
    }
}

#[test]
fn a_span_lost_with_the_changed_text_becomes_an_orphan_kept_in_the_file() {
    let (dir, ron, mut s) = saved_pair();
    tag(&mut s, "Brasília", "country");
    fs::write(dir.path().join("a.txt"), TEXT.replace("Brasília", "Recife")).unwrap();
    let kept = s.keep_mine().unwrap();
    assert!(kept.saved, "orphans are saved, not a reason to refuse");
    assert_eq!(s.orphans().len(), 1);
    assert_eq!(s.orphans()[0].text, "Brasília");
    assert!(s.save_blocked().is_none());
    let saved = fs::read_to_string(&ron).unwrap();
    let orphans = &saved[saved.find("orphans:").expect("an orphans list")..];
    assert!(orphans.contains(r#"text: "Brasília""#), "{saved}");
    // Deleting it is an edit like any other, saved like any other.
    let id = s.orphans()[0].id;
    s.delete_orphan(id).unwrap();
    s.save().unwrap();
    assert!(!fs::read_to_string(&ron).unwrap().contains("Brasília"));
}

#[test]
fn a_deleted_article_cannot_be_reloaded_and_nothing_changes() {
    let (dir, _ron, mut s) = saved_pair();
    tag(&mut s, "Brasília", "country");
    fs::remove_file(dir.path().join("a.txt")).unwrap();
    assert_eq!(s.check_disk().unwrap().text, Some(FileChange::Deleted));
    assert!(s.reload().is_err());
    assert!(s.merge().is_err());
    assert_eq!(quotes(s.set()), ["Tehran", "Havana", "Brasília"]);
    assert!(s.is_dirty());
    // Keep mine keeps the text in memory and saves the annotations.
    let kept = s.keep_mine().unwrap();
    assert!(kept.saved && !kept.text_changed);
    assert!(!s.is_dirty());
    assert_eq!(s.check_disk(), None, "the missing article is acknowledged");
    fs::write(dir.path().join("a.txt"), TEXT).unwrap();
    assert_eq!(s.check_disk().unwrap().text, Some(FileChange::Created));
}

#[test]
fn merge_refuses_a_file_that_does_not_load() {
    let (_dir, ron, mut s) = saved_pair();
    tag(&mut s, "Brasília", "country");
    fs::write(&ron, "(format: 1, spans: [ oops").unwrap();
    assert!(matches!(s.merge(), Err(StoreError::Syntax { .. })));
    assert_eq!(quotes(s.set()), ["Tehran", "Havana", "Brasília"]);
    // Reload takes it as opening would: empty, and protected.
    s.reload().unwrap();
    assert!(s.set().is_empty() && s.save_blocked().is_some());
}

#[test]
fn merge_rules_on_sets() {
    use newsmark::session::merge_three_way;
    let tehran = span_over(TEXT, 1, "Tehran", "country");
    let havana = span_over(TEXT, 2, "Havana", "country");
    let base = AnnotationSet::from_spans(vec![tehran.clone(), havana.clone()]);
    // Mine: Havana relabelled, Issa added as 4, Müller added as 3, done.
    let mut mine = AnnotationSet::from_spans(vec![
        tehran.clone(),
        Span {
            label: "initiative".into(),
            ..havana.clone()
        },
        span_over(TEXT, 4, "Issa Zarepour", "person"),
        span_over(TEXT, 3, "José Müller", "person"),
    ]);
    mine.set_done(true);
    // Theirs: Havana removed, Issa added too (as 5), a different span as 3.
    let theirs = AnnotationSet::from_spans(vec![
        tehran.clone(),
        span_over(TEXT, 3, "Brasília", "country"),
        span_over(TEXT, 5, "Issa Zarepour", "person"),
    ]);
    let (merged, report) = merge_three_way(&base, &mine, &theirs);
    assert_eq!(report.conflicts, 1, "they removed the Havana I changed");
    assert_eq!((report.added, report.changed, report.already), (1, 1, 1));
    assert!(merged.is_done());
    let got: Vec<(u64, &str, &str)> = merged
        .spans()
        .iter()
        .map(|s| (s.id, s.text.as_str(), s.label.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (1, "Tehran", "country"),
            (2, "Havana", "initiative"),
            (5, "Issa Zarepour", "person"),
            (6, "José Müller", "person"), // 3 is theirs: a free id
            (3, "Brasília", "country"),
        ]
    );
    // Nothing of mine changed: theirs exactly.
    assert_eq!(merge_three_way(&base, &base, &theirs).0, theirs);
}
