//! The spans of one document, kept sorted, with their invariants (checked
//! in `validate.rs`; read through the views of `spans_view.rs`).

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use imbl::{OrdMap, OrdSet, Vector};

use super::{Edit, Relation, RelationId, SetSnapshot, Span, SpanId, Spans};

/// One change to a set's spans, as [`AnnotationSet::changes_since`] reports it
/// to views that follow the set without rescanning it.
#[derive(Clone, Debug, PartialEq)]
pub enum SpanChange {
    /// `span` was inserted and now sits at `index` of [`AnnotationSet::spans`].
    Inserted {
        /// Its position after the insertion.
        index: usize,
        /// The span.
        span: Span,
    },
    /// `span` was removed from `index`.
    Removed {
        /// Its position before the removal.
        index: usize,
        /// The span.
        span: Span,
    },
}

/// How many recent changes a set remembers for [`AnnotationSet::changes_since`].
const CHANGE_LOG_LEN: usize = 64;

/// Source of revisions: unique across all sets of the process, so a view
/// never mistakes another set (or a replaced one) for the one it followed.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn fresh_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// The spans of one document, sorted by [`Span::sort_key`], with unique ids.
///
/// Two sets are equal when they hold the same spans: `next_id` (a high-water
/// mark that undo does not lower), the length bound, the id index and the
/// change log are bookkeeping.
///
/// Looking a span up by id, inserting or removing one costs O(log n).
#[derive(Clone, Debug, Default)]
pub struct AnnotationSet {
    /// A persistent vector: O(log n) to insert or remove anywhere, O(1) to
    /// snapshot; each span behind a shared pointer, so that copying a
    /// shared tree node copies pointers, not spans.
    spans: Vector<Arc<Span>>,
    /// Every span by id (the same shared spans as `spans`).
    by_id: HashMap<SpanId, Arc<Span>>,
    next_id: SpanId,
    /// An upper bound on the length of any span, for range queries.
    max_len: usize,
    /// Whether an annotator marked the document done.
    done: bool,
    /// Spans of an earlier version of the text that could not be placed on
    /// this one, sorted: kept (and saved) until placed or deleted.
    orphans: Vec<Span>,
    /// For orphans whose quote re-anchoring found at several equally likely
    /// places: those places (code points of this text), offered to the user,
    /// never chosen for them. Not part of the set's equality: a hint.
    candidates: BTreeMap<SpanId, Vec<(usize, usize)>>,
    /// The relations between spans (and orphans), by id: a persistent map,
    /// so that a snapshot costs O(1).
    relations: OrdMap<RelationId, Relation>,
    /// Each span's relations (either end; a relation from a span to
    /// itself once), by id: [`Self::relations_of`] without going through
    /// every relation. Persistent, as `relations`, so a clone stays cheap.
    relations_by_span: OrdMap<SpanId, OrdSet<RelationId>>,
    /// Changes whenever a relation is added or removed; see
    /// [`Self::relations_revision`].
    relations_revision: u64,
    /// The id the next new relation gets (a high-water mark).
    next_relation_id: RelationId,
    /// Changes whenever the spans change; see [`Self::revision`].
    revision: u64,
    /// The last changes, each with the revision it was made from.
    log: VecDeque<(u64, SpanChange)>,
}

impl PartialEq for AnnotationSet {
    fn eq(&self, other: &Self) -> bool {
        self.spans == other.spans
            && self.done == other.done
            && self.orphans == other.orphans
            && self.relations == other.relations
    }
}

impl AnnotationSet {
    /// An empty set.
    pub fn new() -> Self {
        Self {
            spans: Vector::new(),
            by_id: HashMap::new(),
            next_id: 1,
            max_len: 0,
            done: false,
            orphans: Vec::new(),
            candidates: BTreeMap::new(),
            relations: OrdMap::new(),
            relations_by_span: OrdMap::new(),
            relations_revision: fresh_revision(),
            next_relation_id: 1,
            revision: fresh_revision(),
            log: VecDeque::new(),
        }
    }

    /// Builds a set from spans, sorting them. Ids must already be unique
    /// (check with [`Self::check_span`] first).
    /// Of spans sharing an id, the first given is kept. O(n log n).
    pub fn from_spans(spans: Vec<Span>) -> Self {
        let mut seen = HashSet::with_capacity(spans.len());
        let mut spans: Vec<Arc<Span>> = spans
            .into_iter()
            .filter(|s| seen.insert(s.id))
            .map(Arc::new)
            .collect();
        spans.sort_by_key(|s| s.sort_key());
        let spans: Vector<Arc<Span>> = spans.into_iter().collect();
        let mut set = Self::new();
        set.next_id = spans
            .iter()
            .map(|s| s.id.saturating_add(1))
            .max()
            .unwrap_or(1)
            .max(1);
        set.max_len = spans.iter().map(|s| s.len()).max().unwrap_or(0);
        set.by_id = spans.iter().map(|s| (s.id, Arc::clone(s))).collect();
        set.spans = spans;
        set
    }

    /// Identifies the current spans: it changes with every insertion or
    /// removal and is unique across sets, so two sets (or two moments of one)
    /// with the same revision hold the same spans. Views cache by it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The changes that led from revision `since` to [`Self::revision`], in
    /// order (none if they are equal), or `None` if they are not known (too
    /// many changes since, or another set's revision): then rebuild.
    pub fn changes_since(&self, since: u64) -> Option<impl Iterator<Item = &SpanChange>> {
        let from = if since == self.revision {
            self.log.len()
        } else {
            self.log.iter().position(|(before, _)| *before == since)?
        };
        Some(self.log.range(from..).map(|(_, change)| change))
    }

    fn record(&mut self, change: SpanChange) {
        if self.log.len() == CHANGE_LOG_LEN {
            self.log.pop_front();
        }
        self.log.push_back((self.revision, change));
        self.revision = fresh_revision();
    }

    /// Whether an annotator marked the document done.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Marks the document done (or not). Use [`crate::model::Edit::SetDone`]
    /// for an undoable change.
    pub fn set_done(&mut self, done: bool) {
        self.done = done;
    }

    /// All spans, sorted.
    pub fn spans(&self) -> Spans<'_> {
        Spans(&self.spans)
    }

    /// The spans, orphans and done flag as they are now, to read on
    /// another thread while this set changes. Costs O(1): the
    /// snapshot shares the set's tree.
    pub fn snapshot(&self) -> SetSnapshot {
        SetSnapshot {
            spans: self.spans.clone(),
            orphans: self.orphans.clone(),
            candidates: self.candidates.clone(),
            relations: self.relations.clone(),
            done: self.done,
        }
    }

    /// Number of spans.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are no spans.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The id the next new span should get.
    pub fn next_id(&self) -> SpanId {
        self.next_id
    }

    /// The span with this id. O(1).
    pub fn get(&self, id: SpanId) -> Option<&Span> {
        self.by_id.get(&id).map(|s| &**s)
    }

    /// Position of the span with this id in [`Self::spans`]. O(log n).
    pub fn index_of(&self, id: SpanId) -> Option<usize> {
        let key = self.by_id.get(&id)?.sort_key();
        self.spans.binary_search_by_key(&key, |s| s.sort_key()).ok()
    }

    /// Whether a span with the same range and label exists.
    pub fn find_same(&self, start: usize, end: usize, label: &str) -> Option<&Span> {
        self.overlapping(start..end)
            .find(|s| s.start == start && s.end == end && s.label == label)
    }

    /// Spans that share at least one code point with `range`, in order.
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Span> {
        self.overlapping_indexed(range).map(|(_, s)| s)
    }

    /// [`Self::overlapping`], with each span's index in [`Self::spans`].
    /// Costs O(log n + spans starting within the longest span's length of
    /// `range`).
    pub fn overlapping_indexed(&self, range: Range<usize>) -> impl Iterator<Item = (usize, &Span)> {
        let first = self
            .spans()
            .partition_point(|s| s.start + self.max_len <= range.start);
        self.spans()
            .iter_from(first)
            .enumerate()
            .take_while(move |(_, s)| s.start < range.end)
            .filter(move |(_, s)| s.end > range.start)
            .map(move |(i, s)| (first + i, s))
    }

    /// Inserts a span at its sorted place. Returns `false` (and changes
    /// nothing) if its id is taken.
    pub fn insert(&mut self, span: Span) -> bool {
        if self.by_id.contains_key(&span.id) || self.orphan(span.id).is_some() {
            return false;
        }
        self.next_id = self.next_id.max(span.id.saturating_add(1));
        self.max_len = self.max_len.max(span.len());
        let key = span.sort_key();
        let at = self.spans().partition_point(|s| s.sort_key() < key);
        let shared = Arc::new(span.clone());
        self.by_id.insert(span.id, Arc::clone(&shared));
        self.spans.insert(at, shared);
        self.record(SpanChange::Inserted { index: at, span });
        true
    }

    /// Removes and returns the span with this id.
    pub fn remove(&mut self, id: SpanId) -> Option<Span> {
        let at = self.index_of(id)?;
        self.by_id.remove(&id);
        let span = Arc::unwrap_or_clone(self.spans.remove(at));
        self.record(SpanChange::Removed {
            index: at,
            span: span.clone(),
        });
        Some(span)
    }

    /// The orphans: spans of an earlier version of the text, with its
    /// offsets and quote, that could not be placed on this one. Sorted by
    /// [`Span::sort_key`]. Their ids are taken.
    pub fn orphans(&self) -> &[Span] {
        &self.orphans
    }

    /// The orphan with this id.
    pub fn orphan(&self, id: SpanId) -> Option<&Span> {
        self.orphans.iter().find(|s| s.id == id)
    }

    /// Keeps `span` as an orphan. Returns `false` (and changes nothing) if
    /// its id is taken by a span or an orphan. Use
    /// [`crate::model::Edit::AddOrphan`] for an undoable change.
    pub fn insert_orphan(&mut self, span: Span) -> bool {
        if self.get(span.id).is_some() || self.orphan(span.id).is_some() {
            return false;
        }
        self.next_id = self.next_id.max(span.id.saturating_add(1));
        let key = span.sort_key();
        let at = self.orphans.partition_point(|s| s.sort_key() < key);
        self.orphans.insert(at, span);
        true
    }

    /// Keeps `span` as an orphan whatever its id: one taken by a span or an
    /// orphan (another file may number its spans anew) is replaced by a
    /// fresh one, so the span is never dropped. Returns the id it kept.
    pub fn keep_as_orphan(&mut self, mut span: Span) -> SpanId {
        if self.get(span.id).is_some() || self.orphan(span.id).is_some() {
            span.id = self.next_id();
        }
        let id = span.id;
        self.insert_orphan(span);
        id
    }

    /// The places of this text equally likely to be orphan `id`'s (sorted;
    /// empty for none): re-anchoring found its quote with its context at each
    /// and would not guess. Kept while the orphan is, and saved with it.
    pub fn orphan_candidates(&self, id: SpanId) -> &[(usize, usize)] {
        self.candidates.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The candidate places of every orphan that has some
    /// ([`Self::orphan_candidates`]), by id.
    pub fn candidates(&self) -> &BTreeMap<SpanId, Vec<(usize, usize)>> {
        &self.candidates
    }

    /// The candidate places of orphan `id` (see [`Self::orphan_candidates`]);
    /// an empty list removes them.
    pub fn set_orphan_candidates(&mut self, id: SpanId, mut places: Vec<(usize, usize)>) {
        places.sort_unstable();
        places.dedup();
        if places.is_empty() {
            self.candidates.remove(&id);
        } else {
            self.candidates.insert(id, places);
        }
    }

    /// Removes and returns the orphan with this id.
    pub fn remove_orphan(&mut self, id: SpanId) -> Option<Span> {
        let at = self.orphans.iter().position(|s| s.id == id)?;
        Some(self.orphans.remove(at))
    }
}

/// The set's relations, and the edits that keep them consistent with its
/// spans. A relation's ends are span ids: a span's, or an orphan's (an
/// orphaned span keeps its relations). Relations whose ends are missing
/// (read so from a file) are kept as they are and reported by validation.
impl AnnotationSet {
    /// The relations, by id.
    pub fn relations(&self) -> impl ExactSizeIterator<Item = &Relation> {
        self.relations.values()
    }

    /// Number of relations.
    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }

    /// The relation with this id. O(log n).
    pub fn relation(&self, id: RelationId) -> Option<&Relation> {
        self.relations.get(&id)
    }

    /// The relations with span `id` at one of their ends, by id. O(log n +
    /// its relations), through an index by span.
    pub fn relations_of(&self, id: SpanId) -> impl Iterator<Item = &Relation> {
        self.relations_by_span
            .get(&id)
            .into_iter()
            .flat_map(|ids| ids.iter())
            .filter_map(|rid| self.relations.get(rid))
    }

    /// Identifies the relations as they are: it changes whenever one is
    /// added, removed or replaced, and is unique across sets (as
    /// [`Self::revision`] is for spans). Views cache by it.
    pub fn relations_revision(&self) -> u64 {
        self.relations_revision
    }

    /// The id the next new relation should get.
    pub fn next_relation_id(&self) -> RelationId {
        self.next_relation_id
    }

    /// Adds a relation. Returns `false` (and changes nothing) if its id is
    /// taken. Its ends are not checked: see [`crate::model::Edit::AddRelation`].
    pub fn insert_relation(&mut self, relation: Relation) -> bool {
        if self.relations.contains_key(&relation.id) {
            return false;
        }
        self.next_relation_id = self.next_relation_id.max(relation.id.saturating_add(1));
        for end in [relation.from, relation.to] {
            self.relations_by_span
                .entry(end)
                .or_default()
                .insert(relation.id);
        }
        self.relations.insert(relation.id, relation);
        self.relations_revision = fresh_revision();
        true
    }

    /// Removes and returns the relation with this id.
    pub fn remove_relation(&mut self, id: RelationId) -> Option<Relation> {
        let relation = self.relations.remove(&id)?;
        for end in [relation.from, relation.to] {
            if let Some(ids) = self.relations_by_span.get_mut(&end) {
                ids.remove(&id);
                if ids.is_empty() {
                    self.relations_by_span.remove(&end);
                }
            }
        }
        self.relations_revision = fresh_revision();
        Some(relation)
    }

    /// The edit that deletes span `id` and, in the same step, every
    /// relation it is an end of (undoing it brings them all back); `None`
    /// if there is no such span.
    pub fn delete_span_edit(&self, id: SpanId) -> Option<Edit> {
        let span = self.get(id)?.clone();
        Some(self.with_relations_removed(id, Edit::Remove(span)))
    }

    /// [`Self::delete_span_edit`] for an orphan.
    pub fn delete_orphan_edit(&self, id: SpanId) -> Option<Edit> {
        let orphan = self.orphan(id)?.clone();
        Some(self.with_relations_removed(id, Edit::RemoveOrphan(orphan)))
    }

    /// `edit` (which removes span `id`) preceded by the removal of span
    /// `id`'s relations, if it has any.
    fn with_relations_removed(&self, id: SpanId, edit: Edit) -> Edit {
        let mut edits: Vec<Edit> = self
            .relations_of(id)
            .cloned()
            .map(Edit::RemoveRelation)
            .collect();
        if edits.is_empty() {
            return edit;
        }
        edits.push(edit);
        Edit::Batch(edits)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn set_of(n: usize) -> AnnotationSet {
        AnnotationSet::from_spans(
            (0..n)
                .map(|i| Span::manual(i as u64 + 1, 10 * i, 10 * i + 4, "person", ""))
                .collect(),
        )
    }

    #[test]
    fn an_orphan_whose_id_is_taken_is_kept_under_a_fresh_one() {
        let mut set = set_of(3);
        assert_eq!(set.keep_as_orphan(Span::manual(9, 0, 4, "role", "Iran")), 9);
        // Id 2 is a span's, id 9 now an orphan's: both get fresh ids.
        assert_eq!(
            set.keep_as_orphan(Span::manual(2, 5, 9, "role", "Cuba")),
            10
        );
        assert_eq!(set.keep_as_orphan(Span::manual(9, 1, 3, "role", "ra")), 11);
        let kept: Vec<(u64, &str)> = set
            .orphans()
            .iter()
            .map(|o| (o.id, o.text.as_str()))
            .collect();
        assert_eq!(kept, [(9, "Iran"), (11, "ra"), (10, "Cuba")]);
        assert_eq!(set.len(), 3, "the spans are untouched");
    }

    #[test]
    fn lookups_by_id_follow_insertions_and_removals() {
        let mut set = set_of(50);
        assert!(set.insert(Span::manual(100, 5, 7, "role", "")));
        assert!(!set.insert(Span::manual(100, 8, 9, "role", "")), "id taken");
        assert_eq!(set.index_of(100), Some(1));
        assert_eq!(set.get(2).map(|s| s.start), Some(10));
        assert_eq!(set.index_of(2), Some(2));
        assert_eq!(set.remove(1).map(|s| s.id), Some(1));
        assert_eq!(set.index_of(100), Some(0));
        assert_eq!(set.get(1), None);
        assert_eq!(set.index_of(999), None);
        for (i, span) in set.spans().iter().enumerate() {
            assert_eq!(set.index_of(span.id), Some(i));
        }
    }

    #[test]
    fn changes_since_replays_recent_edits_and_gives_up_on_old_ones() {
        let mut set = set_of(3);
        let start = set.revision();
        assert_eq!(set.changes_since(start).map(Iterator::count), Some(0));
        set.insert(Span::manual(10, 1, 2, "role", ""));
        set.remove(2);
        let changes: Vec<_> = set.changes_since(start).unwrap().cloned().collect();
        assert!(matches!(&changes[0], SpanChange::Inserted { index: 1, span } if span.id == 10));
        assert!(matches!(&changes[1], SpanChange::Removed { index: 2, span } if span.id == 2));
        let copy = set.clone();
        set.remove(3);
        assert_ne!(set.revision(), copy.revision(), "clones diverge");
        assert!(set_of(3).changes_since(start).is_none(), "another set");
        for id in 100..(100 + CHANGE_LOG_LEN as u64) {
            set.insert(Span::manual(id, 0, 1, "role", ""));
        }
        assert!(set.changes_since(start).is_none(), "forgotten");
    }

    #[test]
    fn relations_of_follows_the_relations_added_and_removed() {
        let mut set = set_of(4);
        let ids = |set: &AnnotationSet, span| -> Vec<RelationId> {
            set.relations_of(span).map(|r| r.id).collect()
        };
        let revision = set.relations_revision();
        assert!(set.insert_relation(Relation::manual(1, "holds", 1, 2)));
        assert!(set.insert_relation(Relation::manual(2, "of", 2, 3)));
        assert!(set.insert_relation(Relation::manual(3, "of", 4, 4)));
        assert!(
            !set.insert_relation(Relation::manual(3, "of", 1, 3)),
            "id taken"
        );
        assert_ne!(set.relations_revision(), revision);
        assert_eq!(ids(&set, 1), [1]);
        assert_eq!(ids(&set, 2), [1, 2]);
        assert_eq!(ids(&set, 3), [2]);
        assert_eq!(ids(&set, 4), [3], "a relation to itself, once");
        let copy = set.clone();
        let revision = set.relations_revision();
        assert_eq!(set.remove_relation(1).map(|r| r.id), Some(1));
        assert_ne!(set.relations_revision(), revision);
        assert!(ids(&set, 1).is_empty());
        assert_eq!(ids(&set, 2), [2]);
        assert_eq!(ids(&copy, 2), [1, 2], "a clone keeps its own index");
        assert_eq!(set.remove_relation(1), None);
        // Edits keep the index: a replaced relation is found by its new ends.
        let before = set.relation(2).cloned().unwrap();
        let after = Relation {
            to: 4,
            ..before.clone()
        };
        set.apply(&Edit::ReplaceRelation { before, after }).unwrap();
        assert!(ids(&set, 3).is_empty());
        assert_eq!(ids(&set, 4), [2, 3]);
    }
}
