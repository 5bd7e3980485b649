//! Reviewing spans: relabel, accept, reject, move an edge, and bulk actions,
//! each as one undoable [`Edit`].

use std::ops::Range;

use super::Session;
use crate::model::{Edit, Span, SpanId, Status};

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
        let extractor = match &span.origin {
            crate::model::Origin::Extractor(name) => Some(name.as_str()),
            _ => None,
        };
        self.passes(extractor, &span.label, span.score)
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

    /// One edit setting the status of every pending span that passes
    /// `filter`; `None` if there is none.
    pub fn bulk_status_edit(&self, filter: &ReviewFilter, status: Status) -> Option<Edit> {
        let edits: Vec<Edit> = self
            .set()
            .spans()
            .iter()
            .filter(|s| s.status == Status::Pending && filter.matches(s))
            .map(|s| Edit::Replace {
                before: s.clone(),
                after: Span {
                    status,
                    ..s.clone()
                },
            })
            .collect();
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    /// The pending span passing `filter` after (or before) the span
    /// `current`, or else after (before) code point `caret`; wraps around.
    pub fn next_pending(
        &self,
        current: Option<SpanId>,
        caret: usize,
        forward: bool,
        filter: &ReviewFilter,
    ) -> Option<SpanId> {
        let pending: Vec<&Span> = self
            .set()
            .spans()
            .iter()
            .filter(|s| (s.status == Status::Pending && filter.matches(s)) || Some(s.id) == current)
            .collect();
        let n = pending.len();
        let here = current.and_then(|id| pending.iter().position(|s| s.id == id));
        let index = match (here, forward) {
            (Some(k), true) => (k + 1) % n,
            (Some(k), false) => (k + n - 1) % n,
            (None, true) => pending.iter().position(|s| s.start >= caret).unwrap_or(0),
            (None, false) => pending
                .iter()
                .rposition(|s| s.start < caret)
                .unwrap_or(n.checked_sub(1)?),
        };
        pending
            .get(index)
            .filter(|s| Some(s.id) != current || s.status == Status::Pending)
            .map(|s| s.id)
    }
}
