//! Counting entity mentions: a document's, and a folder's as its index
//! keeps them.

use std::path::{Path, PathBuf};

use super::*;
use crate::corpus::CorpusIndex;
use crate::model::{LabelSchema, Span, SpanId};
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
fn the_index_counts_mentions_and_documents_over_the_folder_rejected_links_aside() {
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
    let index = CorpusIndex::scan(dir.path(), &LabelSchema::default()).expect("listed");
    assert_eq!(index.entity_tally("iran"), tally(3, 2));
    assert_eq!(
        index.entity_tally("cuba"),
        tally(1, 1),
        "the rejected link is not"
    );
    assert_eq!(index.entity_tally("chile"), tally(0, 0));
    assert_eq!(index.entities_mentioned(), 2);
    assert_eq!(index.problem_count(), 1);
    let digest = index.digest_of(&a).expect("a read");
    assert_eq!(digest.entity_mentions("iran"), 2);
    assert_eq!(digest.entity_mentions("chile"), 0);
}

#[test]
fn a_saved_document_changes_the_counts_by_itself_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ok = Status::Accepted;
    let a = article(
        dir.path(),
        "a",
        "Iran, Iran.",
        &[("Iran", "iran", ok), ("Iran", "iran", ok)],
    );
    article(dir.path(), "b", "Iran.", &[("Iran", "iran", ok)]);
    let schema = LabelSchema::default();
    let mut index = CorpusIndex::scan(dir.path(), &schema).expect("listed");
    assert_eq!(index.entity_tally("iran"), tally(3, 2));
    // Document a, edited: one link left, one to Cuba.
    let (live, _) = crate::session::read_annotations(&a, &schema).expect("read");
    let mut spans = live.spans().to_vec();
    spans[1].entity = Some("cuba".to_owned());
    let live = AnnotationSet::from_spans(spans);
    // Before it is saved, the window counts it as it is now.
    let now = mention_counts(&live);
    let counted = index.digest_of(&a).map_or(0, |d| d.entity_mentions("iran"));
    assert_eq!(counted, 2);
    assert_eq!(
        index
            .entity_tally("iran")
            .with_document(counted, now["iran"]),
        tally(2, 2)
    );
    assert_eq!(
        index.entity_tally("cuba").with_document(0, now["cuba"]),
        tally(1, 1)
    );
    // Unlinked there altogether: the document no longer counts.
    assert_eq!(
        index.entity_tally("iran").with_document(counted, 0),
        tally(1, 1)
    );
    // Saved (recorded in the index): the same without reading the folder.
    index.record(&a, &live, None);
    assert_eq!(index.entity_tally("iran"), tally(2, 2));
    assert_eq!(index.entity_tally("cuba"), tally(1, 1));
    let unlinked = AnnotationSet::from_spans(
        live.spans()
            .iter()
            .map(|s| Span {
                entity: None,
                ..s.clone()
            })
            .collect(),
    );
    index.record(&a, &unlinked, None);
    assert_eq!(index.entity_tally("iran"), tally(1, 1));
    assert_eq!(index.entity_tally("cuba"), tally(0, 0));
    assert_eq!(
        index.entities_mentioned(),
        1,
        "Cuba is gone from the totals"
    );
}
