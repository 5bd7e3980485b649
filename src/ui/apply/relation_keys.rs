//! Choosing and changing relations from the keyboard: stepping through
//! the selected span's relations (Alt+Down / Alt+Up), giving the selected
//! relation another type (its type's key), going to a relation's far end
//! (Ctrl+J).

use crate::model::{RelationId, Status};
use crate::ui::app::NewsmarkApp;
use crate::ui::widgets::arcs::Drawn;
use crate::ui::widgets::text_view::ScrollTo;

impl NewsmarkApp {
    /// Selects the next (`forward`) or previous relation of the selected
    /// span, in the reading order of their other ends (rejected ones only
    /// while rejected suggestions show), wrapping round; with a relation
    /// selected, of the span the stepping began from (else its `from`).
    /// Its ends are scrolled into view.
    pub(super) fn step_relation(&mut self, forward: bool) {
        let Some(doc) = &self.doc else {
            return;
        };
        let (set, view) = (doc.session.set(), &doc.view);
        let selected = view.selected_relation.and_then(|id| set.relation(id));
        let anchor = match (view.selected_span, selected) {
            (Some(span), _) => span,
            (None, Some(relation)) => view
                .relation_anchor
                .filter(|&a| a == relation.from || a == relation.to)
                .unwrap_or(relation.from),
            (None, None) => {
                return self.info("Select a span: Alt+Down and Alt+Up step through its relations.");
            }
        };
        let mut relations: Vec<(usize, RelationId)> = set
            .relations_of(anchor)
            .filter(|r| view.show_rejected || r.status != Status::Rejected)
            .map(|r| {
                let other = if r.from == anchor { r.to } else { r.from };
                (set.get(other).map_or(usize::MAX, |s| s.start), r.id)
            })
            .collect();
        relations.sort_unstable();
        let count = relations.len();
        if count == 0 {
            return self.info("The selected span has no relation: Ctrl+L makes one.");
        }
        let at = view
            .selected_relation
            .and_then(|id| relations.iter().position(|&(_, r)| r == id));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(k), true) => (k + 1) % count,
            (Some(k), false) => (k + count - 1) % count,
        };
        self.select_relation(relations[next].1, true);
        if let Some(doc) = &mut self.doc {
            doc.view.relation_anchor = Some(anchor);
        }
    }

    /// Gives relation `id` the type `label` and accepts it, as one undoable
    /// edit; says why when the type does not fit its ends or the same
    /// relation exists.
    pub(super) fn retype_relation(&mut self, id: RelationId, label: &str) {
        let Some(session) = self.session() else {
            return;
        };
        if session.set().relation(id).is_some_and(|r| r.label == label) {
            return;
        }
        match session.retype_relation_edit(id, label) {
            Ok(edit) => self.perform(edit),
            Err(why) => self.info(format!("Not retyped to {label}: {why}.")),
        }
    }

    /// With a relation selected: scrolls to its `to` span if that is off
    /// screen, else to its `from` span. With a span selected: selects the
    /// span off screen at the end of its first stub (Alt+Down picks
    /// another of its relations first).
    pub(super) fn jump_to_other_end(&mut self) {
        let (Some(session), Some(view)) = (self.session(), self.view()) else {
            return;
        };
        if let Some(relation) = view
            .selected_relation
            .and_then(|id| session.set().relation(id))
        {
            let end = if view.span_box(relation.to).is_none() {
                relation.to
            } else {
                relation.from
            };
            let at = session.set().get(end).map(|s| s.start);
            if let (Some(at), Some(view)) = (at, self.doc.as_mut().map(|d| &mut d.view)) {
                view.scroll_to(ScrollTo::Center(at));
            }
            return;
        }
        // Only the selected span's own stubs: with every arc in view drawn,
        // other spans' stubs are drawn too.
        let selected = view.selected_span;
        let stub = view
            .drawn_relations()
            .iter()
            .filter(|(id, _)| {
                let relation = session.set().relation(*id);
                relation.is_some_and(|r| Some(r.from) == selected || Some(r.to) == selected)
            })
            .find_map(|(_, drawn)| match drawn {
                Drawn::Stub { other, .. } => Some(*other),
                Drawn::Arc { .. } => None,
            });
        match stub {
            Some(other) => self.select_span(other, true),
            None => self.info(
                "Nothing to go to: select a relation, or a span with a relation whose other end is off screen.",
            ),
        }
    }
}
