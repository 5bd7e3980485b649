//! The relations an imported record adds to its document.

use std::collections::HashSet;

use super::ImportOptions;
use crate::formats::ImportedRelation;
use crate::model::{Edit, Origin, Relation, SpanId, Status};
use crate::session::Session;

/// The edits adding `relations` (their spans by index, `ids` the spans'
/// ids in the document) with the import's origin and status, how many
/// were left out because a span of theirs was not imported, and how many
/// because another of `relations` is the same relation once spans were
/// read as one (for the caller to report); one the document has already
/// (same type and spans) is left out too.
pub(super) fn relation_edits(
    session: &Session,
    relations: &[ImportedRelation],
    ids: &[Option<SpanId>],
    options: &ImportOptions,
    status: Status,
) -> (Vec<Edit>, usize, usize) {
    let set = session.set();
    let mut next = set.next_relation_id();
    let mut seen = HashSet::new();
    let mut edits = Vec::new();
    let mut dangling = 0;
    let mut joined = 0;
    for relation in relations {
        let end = |index: usize| ids.get(index).copied().flatten();
        let (Some(from), Some(to)) = (end(relation.from), end(relation.to)) else {
            dangling += 1;
            continue;
        };
        let label = relation.label.as_str();
        let there = set
            .relations_of(from)
            .any(|r| r.label == label && (r.from, r.to) == (from, to));
        if there {
            continue;
        }
        if !seen.insert((label, from, to)) {
            joined += 1;
            continue;
        }
        edits.push(Edit::AddRelation(Relation {
            origin: Origin::Extractor(options.origin.clone()),
            status,
            ..Relation::manual(next, label, from, to)
        }));
        next += 1;
    }
    (edits, dangling, joined)
}
