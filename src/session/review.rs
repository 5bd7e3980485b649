//! Reviewing spans: relabel, accept, reject, move an edge, and bulk actions,
//! each as one undoable [`Edit`].

use std::ops::Range;

use super::Session;
use crate::model::{AnnotationSet, Edit, Relation, RelationId, Span, SpanId, Status};

/// Which pending suggestions a review step or bulk action applies to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewFilter {
    /// Only suggestions of this extractor (`None`: any origin).
    pub origin: Option<String>,
    /// Only suggestions of this label (`None`: any label).
    pub label: Option<String>,
    /// Only suggestions scoring at least this (suggestions without a score
    /// pass only when this is 0).
    pub min_score: f64,
}

impl ReviewFilter {
    /// Whether a span passes the filter (its status is not checked).
    pub fn matches(&self, span: &Span) -> bool {
        self.passes(span.origin.extractor(), &span.label, span.score)
    }

    /// Whether a span's entity link passes the filter: by the span's
    /// label; a link has no extractor and no score, so a filter naming an
    /// origin or a minimum score passes none (its status is not checked).
    pub fn matches_link(&self, span: &Span) -> bool {
        self.passes(None, &span.label, None)
    }

    /// Whether a relation passes the filter (its type stands for the
    /// label; its status is not checked).
    pub fn matches_relation(&self, relation: &Relation) -> bool {
        self.passes(relation.origin.extractor(), &relation.label, relation.score)
    }

    /// Whether a suggestion by `extractor` (none: not an extractor's), of
    /// `label` and scoring `score`, passes the filter.
    pub fn passes(&self, extractor: Option<&str>, label: &str, score: Option<f64>) -> bool {
        let origin_ok = self
            .origin
            .as_ref()
            .is_none_or(|o| extractor == Some(o.as_str()));
        let label_ok = self.label.as_ref().is_none_or(|l| l == label);
        let score_ok = self.min_score <= 0.0 || score.is_some_and(|s| s >= self.min_score);
        origin_ok && label_ok && score_ok
    }
}

impl Session {
    /// The edit that changes span `id` by `change`; `None` if there is no
    /// such span or nothing changes.
    pub(super) fn replace_edit(&self, id: SpanId, change: impl FnOnce(&mut Span)) -> Option<Edit> {
        let before = self.set().get(id)?;
        let mut after = before.clone();
        change(&mut after);
        (after != *before).then(|| Edit::Replace {
            before: before.clone(),
            after,
        })
    }

    /// The edit that gives span `id` the label `label` and accepts it (a
    /// relabelled suggestion is a reviewed one).
    pub fn relabel_edit(&self, id: SpanId, label: &str) -> Option<Edit> {
        self.replace_edit(id, |s| {
            s.label = label.to_owned();
            s.status = Status::Accepted;
        })
    }

    /// The edit that sets span `id`'s review status.
    pub fn set_status_edit(&self, id: SpanId, status: Status) -> Option<Edit> {
        self.replace_edit(id, |s| s.status = status)
    }

    /// The edit that moves span `id` to `range` (its quote follows). `None`
    /// if the range is empty, outside the text, or unchanged.
    pub fn resize_edit(&self, id: SpanId, range: Range<usize>) -> Option<Edit> {
        if range.is_empty() {
            return None;
        }
        let text = self.doc().slice(range.clone())?.to_owned();
        self.replace_edit(id, |s| {
            s.start = range.start;
            s.end = range.end;
            s.text = text;
        })
    }

    /// One edit setting the status of every pending suggestion that passes
    /// `filter`: the pending spans, the pending entity links of accepted
    /// spans ([`ReviewFilter::matches_link`]: by the span's label), then
    /// the pending relations (a relation passes by its origin and its
    /// relation type, which stands for the label, and by its score:
    /// [`ReviewFilter::matches_relation`]); `None` if there is none. A link
    /// is reviewed as A and X review it ([`Self::review_link_edit`]); a
    /// pending span accepted with a suggested link that passes has its link
    /// accepted with it (one suggestion, nothing left pending), a pending
    /// span rejected keeps its link as it is (a rejected span's link is
    /// nobody's work), as when each is reviewed by hand. What this changes
    /// is what [`super::bulk::count_pending`] counts (a pending span's link
    /// with its span).
    pub fn bulk_status_edit(&self, filter: &ReviewFilter, status: Status) -> Option<Edit> {
        let spans = self.set().spans().iter().filter_map(|s| {
            let span = s.status == Status::Pending && filter.matches(s);
            let link = s.entity.is_some()
                && s.entity_status == Status::Pending
                && filter.matches_link(s)
                && (s.status == Status::Accepted || (span && status == Status::Accepted));
            self.replace_edit(s.id, |after| {
                if span {
                    after.status = status;
                }
                if link {
                    after.entity_status = status;
                }
            })
        });
        let relations = self
            .set()
            .relations()
            .filter(|r| r.status == Status::Pending && filter.matches_relation(r))
            .map(|r| Edit::ReplaceRelation {
                before: r.clone(),
                after: Relation {
                    status,
                    ..r.clone()
                },
            });
        let edits: Vec<Edit> = spans.chain(relations).collect();
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    /// The pending suggestion (span or relation) passing `filter` after
    /// (or before) `current`, or else after (before) code point `caret`, in
    /// document order ([`Reviewable`]); wraps around.
    pub fn next_pending(
        &self,
        current: Option<Reviewable>,
        caret: usize,
        forward: bool,
        filter: &ReviewFilter,
    ) -> Option<Reviewable> {
        let order = self.review_order(current, filter);
        let n = order.len();
        let here = current.and_then(|c| order.iter().position(|item| item.what == c));
        let index = match (here, forward) {
            (Some(k), true) => (k + 1) % n,
            (Some(k), false) => (k + n - 1) % n,
            (None, true) => order.iter().position(|i| i.at >= caret).unwrap_or(0),
            (None, false) => order
                .iter()
                .rposition(|i| i.at < caret)
                .unwrap_or(n.checked_sub(1)?),
        };
        order
            .get(index)
            .filter(|i| Some(i.what) != current || i.pending)
            .map(|i| i.what)
    }

    /// What selecting span `id` puts under review: its suggested entity
    /// link when the span is accepted and the link pending (A and X review
    /// the link then), else the span.
    pub fn reviewable_of_span(&self, id: SpanId) -> Reviewable {
        match self.set().get(id) {
            Some(span) if span.has_pending_link() => Reviewable::Link(id),
            _ => Reviewable::Span(id),
        }
    }

    /// The pending spans, entity links and relations passing `filter`, and
    /// `current` whatever its status, in document order.
    fn review_order(&self, current: Option<Reviewable>, filter: &ReviewFilter) -> Vec<InOrder> {
        let set = self.set();
        let mut order: Vec<InOrder> = Vec::new();
        for s in set.spans().iter() {
            let what = Reviewable::Span(s.id);
            let pending = s.status == Status::Pending && filter.matches(s);
            if pending || Some(what) == current {
                order.push(InOrder {
                    at: s.start,
                    what,
                    pending,
                });
            }
            let what = Reviewable::Link(s.id);
            let pending = s.has_pending_link() && filter.matches_link(s);
            if pending || Some(what) == current {
                order.push(InOrder {
                    at: s.start,
                    what,
                    pending,
                });
            }
        }
        let relations = set.relations().filter_map(|r| {
            let what = Reviewable::Relation(r.id);
            let pending = r.status == Status::Pending && filter.matches_relation(r);
            if !pending && Some(what) != current {
                return None;
            }
            // Only a relation both of whose ends are in the text is shown.
            let at = set.get(r.from)?.start.min(set.get(r.to)?.start);
            Some(InOrder { at, what, pending })
        });
        order.extend(relations);
        // Stable: at one place, the span, then its link, then relations.
        order.sort_by_key(|i| (i.at, i.what.rank()));
        order
    }
}

/// A suggestion to review: a span, a span's entity link or a relation. N
/// and Shift+N step through them in document order: a span at its start,
/// its link right after it, a relation at its earlier end's start (after
/// the span that starts there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reviewable {
    /// A span, by id.
    Span(SpanId),
    /// The suggested entity link of an accepted span, by the span's id.
    Link(SpanId),
    /// A relation, by id.
    Relation(RelationId),
}

impl Reviewable {
    /// Its place among suggestions at one place in the text.
    fn rank(self) -> u8 {
        match self {
            Self::Span(_) => 0,
            Self::Link(_) => 1,
            Self::Relation(_) => 2,
        }
    }
}

/// A suggestion in the review order.
struct InOrder {
    /// Where it is in the text (code point).
    at: usize,
    what: Reviewable,
    /// Whether it is pending and passes the filter (else it is only the
    /// current one).
    pending: bool,
}

/// The number of pending entity links of `set` (of accepted spans)
/// passing `filter`.
pub fn count_pending_links(set: &AnnotationSet, filter: &ReviewFilter) -> usize {
    set.spans()
        .iter()
        .filter(|s| s.has_pending_link() && filter.matches_link(s))
        .count()
}

/// The number of pending relations of `set` whose ends are both in the
/// text, passing `filter`.
pub fn count_pending_relations(set: &AnnotationSet, filter: &ReviewFilter) -> usize {
    set.relations()
        .filter(|r| r.status == Status::Pending && filter.matches_relation(r))
        .filter(|r| set.get(r.from).is_some() && set.get(r.to).is_some())
        .count()
}
