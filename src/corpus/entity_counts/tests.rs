//! Counting a folder's entity mentions from its saved files.

use super::*;
use crate::model::{Span, SpanId};
use crate::store;

/// Writes article `name` of `text` with a country span on each `(word,
/// entity, status)`, linked as given.
fn article(dir: &Path, name: &str, text: &str, links: &[(&str, &str, Status)]) -> PathBuf {
    let txt = dir.join(format!("{name}.txt"));
    std::fs::write(&txt, text).expect("write text");
    let doc = store::read_text(&txt).expect("read text");
    let mut from = 0;
    let spans = links
        .iter()
        .enumerate()
        .map(|(k, &(word, entity, status))| {
            let at = from + text[from..].find(word).expect("word in text");
            from = at + word.len();
            let start = text[..at].chars().count();
            let id = SpanId::try_from(k + 1).expect("small id");
            let mut span = Span::manual(id, start, start + word.chars().count(), "country", word);
            span.entity = Some(entity.to_owned());
            span.entity_status = status;
            span
        })
        .collect();
    let set = AnnotationSet::from_spans(spans);
    let ron = store::paired_ron_path(&txt);
    store::save_annotations(&ron, &format!("{name}.txt"), &doc, &set).expect("save");
    txt
}

fn tally(mentions: u32, documents: u32) -> EntityTally {
    EntityTally {
        mentions,
        documents,
    }
}

#[test]
fn mentions_and_documents_are_counted_over_the_folder_rejected_links_aside() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ok = Status::Accepted;
    let a = article(
        dir.path(),
        "a",
        "Iran and Cuba. Iran again.",
        &[
            ("Iran", "iran", ok),
            ("Cuba", "cuba", ok),
            ("Iran", "iran", ok),
        ],
    );
    article(
        dir.path(),
        "b",
        "Iran, Cuba.",
        &[
            ("Iran", "iran", Status::Pending),
            ("Cuba", "cuba", Status::Rejected),
        ],
    );
    // An article without annotations, and one whose file is broken.
    std::fs::write(dir.path().join("c.txt"), "Nothing here.").expect("write");
    std::fs::write(dir.path().join("d.txt"), "Broken.").expect("write");
    std::fs::write(dir.path().join("d.ron"), "(spans: [").expect("write");
    let schema = LabelSchema::default();
    let counts = count_entity_mentions(dir.path(), &schema, Some(&a), &|| false)
        .expect("listed")
        .expect("not cancelled");
    assert_eq!(counts.documents, 4);
    assert_eq!(counts.all.get("iran"), tally(3, 2));
    assert_eq!(
        counts.all.get("cuba"),
        tally(1, 1),
        "the rejected link is not"
    );
    assert_eq!(counts.all.get("chile"), tally(0, 0));
    assert_eq!(counts.all.len(), 2);
    let (open, mine) = counts.open.as_ref().expect("the open one's counts");
    assert_eq!(open, &a);
    assert_eq!(mine.get("iran"), tally(2, 1));
    assert_eq!(counts.problems.len(), 1, "{:?}", counts.problems);
    assert!(
        counts.problems[0].contains("d.txt"),
        "{:?}",
        counts.problems
    );
}

#[test]
fn the_open_document_counts_as_it_is_now() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ok = Status::Accepted;
    let a = article(
        dir.path(),
        "a",
        "Iran, Iran.",
        &[("Iran", "iran", ok), ("Iran", "iran", ok)],
    );
    let b = article(dir.path(), "b", "Iran.", &[("Iran", "iran", ok)]);
    let schema = LabelSchema::default();
    let counts = count_entity_mentions(dir.path(), &schema, Some(&a), &|| false)
        .expect("listed")
        .expect("not cancelled");
    // Document a, edited in the window: one link left, one to Cuba.
    let (mut live, _) = crate::session::read_annotations(&a, &schema).expect("read");
    let mut spans = live.spans().to_vec();
    spans[1].entity = Some("cuba".to_owned());
    live = AnnotationSet::from_spans(spans);
    let now = mention_counts(&live);
    assert_eq!(now.get("iran"), Some(&1));
    assert_eq!(counts.with_open("iran", &a, now["iran"]), tally(2, 2));
    assert_eq!(counts.with_open("cuba", &a, now["cuba"]), tally(1, 1));
    // Unlinked there altogether: the document no longer counts.
    assert_eq!(counts.with_open("iran", &a, 0), tally(1, 1));
    // Another document open: the folder as read.
    assert_eq!(counts.with_open("iran", &b, 0), tally(3, 2));
}

#[test]
fn a_cancelled_count_gives_nothing_and_a_missing_folder_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    article(
        dir.path(),
        "a",
        "Iran.",
        &[("Iran", "iran", Status::Accepted)],
    );
    let schema = LabelSchema::default();
    let counts = count_entity_mentions(dir.path(), &schema, None, &|| true).expect("listed");
    assert_eq!(counts, None);
    let missing = dir.path().join("nowhere");
    assert!(count_entity_mentions(&missing, &schema, None, &|| false).is_err());
}
