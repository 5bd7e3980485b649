//! The index's entries and the figures it keeps as they change.

use super::*;
use crate::model::{Origin, Span, Status};

#[test]
fn a_listing_taken_in_moves_the_revision_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "Iran").expect("write");
    let mut index = CorpusIndex::empty(dir.path());
    assert!(index.entries.is_empty());
    let before = index.revision();
    let listed = CorpusIndex::list(dir.path()).expect("list");
    assert_eq!(listed.revision(), before, "both new");
    index.take_listing(listed);
    assert_eq!(index.entries.len(), 1);
    assert_eq!(index.dir, dir.path());
    assert!(
        index.revision() > before,
        "views cached on the empty index refresh"
    );
}

#[test]
fn an_article_whose_name_extends_another_s_is_found_where_it_is_listed() {
    // "a-fa.txt" < "a.txt" as paths ('-' before '.'), but the listing puts
    // it after "a.txt", as its stem is longer: a search by path missed both.
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["a.txt", "a-fa.txt", "a,b.txt", "b.txt"] {
        std::fs::write(dir.path().join(name), "Iran").expect("write");
    }
    let index = CorpusIndex::list(dir.path()).expect("list");
    let names: Vec<&str> = index.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["a.txt", "a,b.txt", "a-fa.txt", "b.txt"]);
    for (k, entry) in index.entries.iter().enumerate() {
        assert_eq!(index.position(&entry.path), Some(k), "{}", entry.name);
    }
    assert_eq!(index.position(&dir.path().join("c.txt")), None);
}

fn suggestion(id: u64, start: usize, status: Status) -> Span {
    Span {
        origin: Origin::Extractor("spacy".into()),
        status,
        ..Span::manual(id, start, start + 4, "country", "Iran")
    }
}

fn status_of(spans: Vec<Span>) -> DocStatus {
    DocSummary::of(&AnnotationSet::from_spans(spans)).status()
}

#[test]
fn only_pending_suggestions_is_to_review_and_human_work_is_in_progress() {
    let pending = |id, start| suggestion(id, start, Status::Pending);
    let cases = [
        (vec![], DocStatus::New, "nothing"),
        (
            vec![pending(1, 0), pending(2, 10)],
            DocStatus::ToReview,
            "imported suggestions nobody looked at",
        ),
        (
            vec![pending(1, 0), suggestion(2, 10, Status::Rejected)],
            DocStatus::InProgress,
            "a rejection is human work",
        ),
        (
            vec![pending(1, 0), Span::manual(2, 10, 14, "country", "Cuba")],
            DocStatus::InProgress,
            "a span tagged by hand",
        ),
    ];
    for (spans, status, why) in cases {
        assert_eq!(status_of(spans), status, "{why}");
    }
    let mut done = AnnotationSet::from_spans(vec![suggestion(1, 0, Status::Pending)]);
    done.set_done(true);
    assert_eq!(DocSummary::of(&done).status(), DocStatus::Done);
    assert_eq!(DocStatus::ToReview.name(), "to review");
}

#[test]
fn counts_say_accepted_spans_and_pending_suggestions_apart() {
    let set = AnnotationSet::from_spans(vec![
        Span::manual(1, 0, 4, "country", "Iran"),
        suggestion(2, 10, Status::Pending),
        suggestion(3, 20, Status::Pending),
        suggestion(4, 30, Status::Rejected),
    ]);
    let entry = DocEntry {
        path: PathBuf::from("a.txt"),
        name: "a.txt".to_owned(),
        digest: Some(DocDigest::of(&set)),
        error: None,
        loaded: true,
    };
    assert_eq!((entry.span_count(), entry.pending_count()), (1, 2));
    let counts = entry.summary().counts;
    assert_eq!(counts.describe(), "1 span · 2 pending");
    assert_eq!(counts.describe_label("country"), "country 1 (+2 pending)");
    let accepted_only = StatusCounts {
        accepted: 3,
        ..StatusCounts::default()
    };
    assert_eq!(accepted_only.describe(), "3 spans");
    assert_eq!(accepted_only.describe_label("person"), "person 3");
}

/// What [`CorpusIndex::others_figures`] keeps up to date, counted from
/// scratch over [`CorpusIndex::others`].
fn recounted(index: &CorpusIndex, open: &Path) -> OthersFigures {
    let mut quality = QualityTally::default();
    let mut figures = OthersFigures::default();
    for digest in index.others(open) {
        match digest {
            Some(digest) => {
                quality.absorb(&digest.quality());
                figures.have_extractor_spans |= digest.has_extractor_spans;
            }
            None => figures.unreadable += 1,
        }
    }
    figures.quality = quality.finish();
    figures
}

#[test]
fn figures_kept_entry_by_entry_equal_a_recount_after_every_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["a", "b", "c", "d"] {
        std::fs::write(dir.path().join(format!("{name}.txt")), "Iran").expect("write");
    }
    let mut index = CorpusIndex::list(dir.path()).expect("list");
    let paths: Vec<PathBuf> = index.entries.iter().map(|e| e.path.clone()).collect();
    let by = |extractor: &str, label: &str, status| Span {
        origin: Origin::Extractor(extractor.into()),
        status,
        ..Span::manual(1, 0, 4, label, "Iran")
    };
    let sets = [
        AnnotationSet::from_spans(vec![by("spacy", "country", Status::Pending)]),
        AnnotationSet::from_spans(vec![by("spacy", "country", Status::Accepted)]),
        AnnotationSet::from_spans(vec![by("flair", "person", Status::Rejected)]),
        AnnotationSet::from_spans(vec![Span::manual(1, 0, 4, "country", "Iran")]),
        AnnotationSet::from_spans(vec![
            Span::manual(1, 0, 4, "person", "Iran"),
            Span::manual(2, 5, 9, "country", "Cuba"),
        ]),
        AnnotationSet::default(),
        {
            let mut done = AnnotationSet::from_spans(vec![Span::manual(1, 0, 4, "person", "Iran")]);
            done.set_done(true);
            done
        },
    ];
    let mut step = 0_usize;
    let check = |index: &CorpusIndex, what: &str| {
        let loaded = index.entries.iter().filter(|e| e.loaded).count();
        let done = index.entries.iter().filter(|e| e.summary().done).count();
        assert_eq!(
            (index.loaded_count(), index.done_count()),
            (loaded, done),
            "after {what}"
        );
        for open in paths.iter().chain([&PathBuf::from("elsewhere.txt")]) {
            assert_eq!(
                index.others_figures(open),
                recounted(index, open),
                "after {what}, {open:?} open"
            );
            let learned: std::collections::BTreeSet<(String, String)> = index
                .others(open)
                .flatten()
                .flat_map(|d| d.terms(&index.pool))
                .map(|(t, l)| (t.to_owned(), l.to_owned()))
                .collect();
            let learned: Vec<(String, String)> = learned.into_iter().collect();
            assert_eq!(index.learned_terms_except(open), learned, "after {what}");
        }
    };
    check(&index, "listing");
    index.set_loaded(DocEntry {
        digest: None,
        error: Some("unreadable".into()),
        loaded: true,
        ..DocEntry::read(&paths[3], &LabelSchema::default())
    });
    check(&index, "an unreadable entry");
    // Every set in turn on every entry, a few times round.
    for round in 0..3 {
        for (k, path) in paths.iter().enumerate() {
            step += 1;
            let set = &sets[(k * 7 + round * 3 + step) % sets.len()];
            index.record(path, set, None);
            check(&index, &format!("step {step}"));
        }
    }
    assert!(recounted(&index, &paths[0]).quality.documents > 0);
    let done = sets.last().expect("a done set");
    index.record(&paths[1], done, None);
    check(&index, "a document marked done");
    assert_eq!(index.done_count(), 1);
    index.record(&paths[1], &sets[0], None);
    check(&index, "the done mark taken off");
}
