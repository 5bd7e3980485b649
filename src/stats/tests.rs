//! Corpus statistics: counts, the extractor-quality report and its tallies.

use super::*;
use crate::model::Span;

fn suggestion(id: u64, start: usize, label: &str, status: Status) -> Span {
    Span {
        origin: Origin::Extractor("spacy".into()),
        status,
        ..Span::manual(id, start, start + 4, label, "xxxx")
    }
}

#[test]
fn precision_and_misses_per_origin_and_label() {
    let set = AnnotationSet::from_spans(vec![
        suggestion(1, 0, "person", Status::Accepted),
        suggestion(2, 10, "person", Status::Rejected),
        suggestion(3, 20, "person", Status::Rejected),
        suggestion(4, 30, "country", Status::Pending),
        Span::manual(5, 40, 44, "person", "xxxx"),
        Span::manual(6, 50, 54, "country", "xxxx"),
    ]);
    let untouched = AnnotationSet::from_spans(vec![Span::manual(1, 0, 4, "person", "xxxx")]);
    let report = quality([&set, &untouched]);
    assert_eq!(report.documents, 2);
    assert_eq!(
        report.totals,
        StatusCounts {
            pending: 1,
            accepted: 4,
            rejected: 2,
            pending_relations: 0,
            pending_links: 0,
        }
    );
    let person = &report.rows[1];
    assert_eq!(
        (person.label.as_str(), person.accepted, person.rejected),
        ("person", 1, 2)
    );
    assert_eq!(person.precision(), Some(1.0 / 3.0));
    // The manual person span at 40 was missed; the document spaCy never
    // ran on does not count.
    assert_eq!(person.misses, 1);
    let country = &report.rows[0];
    assert_eq!(
        (country.pending, country.misses, country.precision()),
        (1, 1, None)
    );
    assert!(
        report
            .to_csv()
            .contains("spacy,person,0,1,2,1,0.3333,0.5000")
    );
    assert_eq!(report.to_json()["extractors"][1]["rejected"], 2);
}

#[test]
fn documents_with_only_pending_suggestions_count_as_to_review() {
    let imported = AnnotationSet::from_spans(vec![
        suggestion(1, 0, "person", Status::Pending),
        suggestion(2, 10, "country", Status::Pending),
    ]);
    let mut reviewed = imported.clone();
    reviewed.remove(1);
    reviewed.insert(suggestion(1, 0, "person", Status::Rejected));
    let counts = DocumentCounts::of([&imported, &imported, &reviewed, &AnnotationSet::new()]);
    assert_eq!(
        counts,
        DocumentCounts {
            new: 1,
            to_review: 2,
            in_progress: 1,
            done: 0,
        }
    );
    assert_eq!(counts.total(), 4);
    assert_eq!(
        counts.describe(),
        "1 new, 2 to review, 1 in progress, 0 done"
    );
}

#[test]
fn csv_quotes_odd_fields() {
    assert_eq!(csv_field("a,b"), "\"a,b\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field("plain"), "plain");
}

#[test]
fn relations_count_per_origin_and_type_with_misses() {
    use crate::model::Relation;
    let mut set = AnnotationSet::from_spans(
        (1..=4)
            .map(|id| Span::manual(id, 10 * id as usize, 10 * id as usize + 4, "person", "xxxx"))
            .collect(),
    );
    let suggested = |id, from, to, status| Relation {
        origin: Origin::Extractor("pattern".into()),
        status,
        ..Relation::manual(id, "holds", from, to)
    };
    set.insert_relation(suggested(1, 1, 2, Status::Accepted));
    set.insert_relation(suggested(2, 2, 3, Status::Rejected));
    set.insert_relation(suggested(3, 3, 4, Status::Pending));
    set.insert_relation(Relation::manual(4, "holds", 1, 3));
    set.insert_relation(Relation::manual(5, "of", 1, 4));
    // A span extractor that suggested no relation misses none.
    set.insert(suggestion(9, 90, "person", Status::Accepted));
    let report = quality([&set]);
    let row = |origin: &str, label: &str| {
        report
            .rows
            .iter()
            .find(|r| r.origin == origin && r.label == label)
            .cloned()
    };
    let holds = row("pattern", "→ holds").expect("a row for holds");
    assert_eq!(
        (holds.pending, holds.accepted, holds.rejected, holds.misses),
        (1, 1, 1, 1)
    );
    assert_eq!(holds.precision(), Some(0.5));
    assert_eq!(row("pattern", "→ of").map(|r| r.misses), Some(1));
    assert_eq!(row("spacy", "→ holds"), None);
    assert_eq!(report.totals.accepted, 5, "totals count spans");
    // The tally of a digest is the same as counting the set.
    let digest = crate::corpus::DocDigest::of(&set);
    assert_eq!(digest.quality(), report);
}

#[test]
fn a_pending_entity_link_is_work_left_in_its_document() {
    use crate::corpus::{DocStatus, DocSummary};
    let linked = |id, status, entity_status| Span {
        entity: Some("issa-zarepour".to_owned()),
        entity_status,
        status,
        ..Span::manual(id, 10 * id as usize, 10 * id as usize + 4, "person", "xxxx")
    };
    let mut set = AnnotationSet::from_spans(vec![
        linked(1, Status::Accepted, Status::Pending),
        linked(2, Status::Accepted, Status::Accepted),
        linked(3, Status::Accepted, Status::Rejected),
        // A pending span's link is reviewed with the span: counted once,
        // as the span; a rejected span's link is not work at all.
        linked(4, Status::Pending, Status::Pending),
        linked(5, Status::Rejected, Status::Pending),
    ]);
    let counts = StatusCounts::of(&set);
    assert_eq!(counts.pending_links, 1);
    assert_eq!(counts.to_review(), 2);
    assert_eq!(counts.describe(), "3 spans · 1 pending · 1 pending link");
    // Only accepted spans, one with a suggested link: not reviewed yet.
    set.remove(4);
    set.remove(5);
    let summary = DocSummary::of(&set);
    assert_eq!(summary.counts.to_review(), 1);
    assert_eq!(summary.status(), DocStatus::InProgress);
    let report = quality([&set, &set]);
    assert_eq!(report.totals.pending_links, 2);
    assert!(
        report.to_table().starts_with(
            "2 documents: 0 pending, 6 accepted, 0 rejected; 2 pending entity links\n"
        ),
        "{}",
        report.to_table()
    );
    // A digest counts them as the set does, and the index's tally takes
    // them back when a document leaves.
    let digest = crate::corpus::DocDigest::of(&set);
    assert_eq!(digest.summary.counts, summary.counts);
    let mut tally = QualityTally::default();
    digest.count_quality(&mut tally, true);
    digest.count_quality(&mut tally, true);
    digest.count_quality(&mut tally, false);
    assert_eq!(tally.finish().totals.pending_links, 1);
}
