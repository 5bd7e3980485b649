//! Review commands: accept, reject, step through pending suggestions, move
//! a span's edges, act on every suggestion a filter shows.

use crate::model::{Status, words};
use crate::plural;
use crate::session::bulk::count_pending;
use crate::session::{ReviewFilter, Reviewable};
use crate::ui::Selection;
use crate::ui::app::NewsmarkApp;

/// What N says when no pending suggestion passes the filter.
const NONE_PENDING: &str = "No pending suggestions left (with the current filter).";

impl NewsmarkApp {
    pub(in crate::ui) fn show_rejected(&self) -> bool {
        self.view().is_some_and(|v| v.show_rejected)
    }

    /// Sets the selected span's status; a reviewed suggestion moves the
    /// selection on to the next pending one.
    pub(in crate::ui) fn review(&mut self, status: Status) {
        // A selected relation (the review panel's Accept and Reject
        // buttons; the keys ask for it directly).
        if let Some(id) = self.view().and_then(|v| v.selected_relation) {
            return self.review_relation(id, status);
        }
        // A reviewed span with a suggested entity link: A and X review the link.
        let span_reviewed = self
            .selected_span()
            .and_then(|id| self.session()?.set().get(id))
            .is_some_and(|s| s.status != Status::Pending);
        if span_reviewed && self.review_link(status) {
            // On to the next pending suggestion, as after a span.
            return self.step_pending(true);
        }
        let (Some(session), Some(view)) = (self.session(), self.view()) else {
            return;
        };
        let Some(id) = view.selected_span else {
            self.info("Select a suggestion first: N goes to the next pending one.");
            return;
        };
        let was_pending = session
            .set()
            .get(id)
            .is_some_and(|s| s.status == Status::Pending);
        if let Some(edit) = session.set_status_edit(id, status) {
            self.perform(edit);
            let accepted = self.session().and_then(|s| s.set().get(id)).cloned();
            if let Some(span) = accepted.filter(|s| s.status == Status::Accepted) {
                self.offer_occurrences(&span);
            }
        }
        // An accepted span with a suggested link stays selected: its link
        // is next to review (A / X).
        let link_next = self
            .session()
            .is_some_and(|s| s.reviewable_of_span(id) == Reviewable::Link(id));
        if was_pending && !link_next {
            self.step_pending(true);
        }
    }

    /// Selects the next (previous) pending suggestion, span, entity link
    /// or relation, in document order.
    pub(in crate::ui) fn step_pending(&mut self, forward: bool) {
        let (Some(session), Some(view)) = (self.session(), self.view()) else {
            return;
        };
        let current = match (view.selected_span, view.selected_relation) {
            (Some(id), _) => Some(session.reviewable_of_span(id)),
            (None, Some(id)) => Some(Reviewable::Relation(id)),
            (None, None) => None,
        };
        let caret = self.selection().caret;
        let filter = &self.layout.review_filter;
        let Some(next) = session.next_pending(current, caret, forward, filter) else {
            return self.info(NONE_PENDING);
        };
        // "None left", said earlier, is no longer true.
        if self.notice.as_ref().is_some_and(|n| n.text == NONE_PENDING) {
            let left = count_pending(session.set(), filter);
            let left = plural::counted(left, "pending suggestion", "pending suggestions");
            self.info(format!("{left} to review (with the current filter)"));
        }
        match next {
            Reviewable::Span(id) | Reviewable::Link(id) => self.select_span(id, true),
            Reviewable::Relation(id) => self.select_relation(id, true),
        }
    }

    pub(in crate::ui) fn move_edge(&mut self, start: bool, forward: bool, by_word: bool) {
        let (Some(session), Some(view)) = (self.session(), self.view()) else {
            return;
        };
        let Some(span) = view.selected_span.and_then(|id| session.set().get(id)) else {
            return;
        };
        let doc = session.doc();
        let edge = if start { span.start } else { span.end };
        // By word, a start lands on a word's first character and an end just
        // after a word's last, so no edge ever rests on the space between.
        let moved = match (forward, by_word, start) {
            (true, true, true) => words::next_word_start(doc, edge),
            (true, true, false) => words::next_word_end(doc, edge),
            (false, true, true) => words::prev_word_start(doc, edge),
            (false, true, false) => words::prev_word_end(doc, edge),
            (true, false, _) => words::next_grapheme(doc, edge),
            (false, false, _) => words::prev_grapheme(doc, edge),
        };
        let range = if start {
            moved..span.end
        } else {
            span.start..moved
        };
        let id = span.id;
        match session.resize_edit(id, range.clone()) {
            Some(edit) => {
                self.perform(edit);
                if let Some(view) = self.doc.as_mut().map(|d| &mut d.view) {
                    view.selection = Selection::of_range(range);
                }
            }
            None => self.info("A span needs at least one character."),
        }
    }

    pub(in crate::ui) fn bulk(&mut self, filter: &ReviewFilter, status: Status) {
        let Some(session) = self.session() else {
            return;
        };
        match session.bulk_status_edit(filter, status) {
            Some(edit) => self.perform(edit),
            None => self.info("No pending suggestions match."),
        }
    }
}
