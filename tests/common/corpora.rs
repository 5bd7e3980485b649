//! Small corpus indexes built in memory (no files), for the counting tests
//! and the Statistics window.

use std::path::PathBuf;

use newsmark::corpus::{CorpusIndex, DocDigest, DocEntry};
use newsmark::model::{AnnotationSet, Origin, Span, Status};

/// A suggestion of extractor `spacy` over 4 characters from `start`.
pub fn suggestion(id: u64, start: usize, label: &str, status: Status) -> Span {
    Span {
        origin: Origin::Extractor("spacy".into()),
        score: Some(0.9),
        status,
        ..Span::manual(id, start, start + 4, label, "xxxx")
    }
}

/// A read entry of `/corpus/NAME`; `None` for annotations that do not parse.
pub fn entry(name: &str, set: Option<&AnnotationSet>) -> DocEntry {
    DocEntry {
        path: PathBuf::from(format!("/corpus/{name}")),
        name: name.to_owned(),
        error: set.is_none().then(|| "does not parse".to_owned()),
        digest: set.map(DocDigest::of),
        loaded: true,
    }
}

/// Six documents: two done, one in progress, one to review (only pending
/// suggestions), one new, one unreadable.
pub fn six_documents() -> CorpusIndex {
    let mut done_a = AnnotationSet::from_spans(vec![
        Span::manual(1, 0, 4, "person", "xxxx"),
        Span::manual(2, 10, 14, "person", "xxxx"),
        Span::manual(3, 20, 24, "country", "xxxx"),
        Span::manual(4, 30, 34, "role", "xxxx"),
    ]);
    done_a.set_done(true);
    let mut done_b = AnnotationSet::from_spans(vec![
        Span::manual(1, 0, 4, "person", "xxxx"),
        Span::manual(2, 10, 14, "country", "xxxx"),
        Span::manual(3, 20, 24, "organisation", "xxxx"),
    ]);
    done_b.set_done(true);
    let in_progress = AnnotationSet::from_spans(vec![
        Span::manual(1, 0, 4, "initiative", "xxxx"),
        suggestion(2, 10, "person", Status::Pending),
        suggestion(3, 20, "person", Status::Pending),
        suggestion(4, 30, "country", Status::Pending),
        suggestion(5, 40, "country", Status::Rejected),
        suggestion(6, 50, "role", Status::Accepted),
    ]);
    index(vec![
        entry("a.txt", Some(&done_a)),
        entry("b.txt", Some(&done_b)),
        entry("c.txt", Some(&in_progress)),
        entry("d.txt", Some(&AnnotationSet::new())),
        entry("e.txt", None),
        entry(
            "f.txt",
            Some(&AnnotationSet::from_spans(vec![suggestion(
                1,
                0,
                "initiative",
                Status::Pending,
            )])),
        ),
    ])
}

/// An index of `/corpus` holding `entries`.
pub fn index(entries: Vec<DocEntry>) -> CorpusIndex {
    let mut index = CorpusIndex::default();
    index.dir = PathBuf::from("/corpus");
    index.entries = entries;
    index
}
