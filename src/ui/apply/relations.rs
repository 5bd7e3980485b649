//! Relation commands: linking the selected span to another (Ctrl+L, a
//! number or Tab and Enter or a click, then the type's hotkey), selecting,
//! reviewing and deleting relations, showing every arc.

use crate::model::{RelationId, SpanId, Status};
use crate::ui::Command;
use crate::ui::app::NewsmarkApp;
use crate::ui::widgets::linking::{self, Candidate, Linking};
use crate::ui::widgets::text_view::ScrollTo;

impl NewsmarkApp {
    /// Applies a relation command (others are applied in `apply`).
    pub(in crate::ui) fn apply_relation(&mut self, command: Command) {
        match command {
            Command::StartLink => self.start_link(),
            Command::LinkDigit(digit) => self.link_digit(digit),
            Command::LinkCycle { forward } => self.link_cycle(forward),
            Command::LinkConfirm => self.link_confirm(),
            Command::LinkTarget(id) => self.link_target(id),
            Command::LinkSpans { from, to } => self.link_spans(from, to),
            Command::LinkAs(name) => self.link_as(&name),
            Command::CancelLink => self.cancel_link(),
            Command::LinkPage(selection) => {
                if let Some(view) = self.doc.as_mut().map(|d| &mut d.view)
                    && view.linking.is_some()
                {
                    view.selection = selection;
                    view.scroll_to(ScrollTo::Minimal(selection.caret));
                }
            }
            Command::AddRelation { label, from, to } => self.add_relation(&label, from, to),
            Command::SelectRelation { id, scroll } => self.select_relation(id, scroll),
            Command::DeleteRelation(id) => self.delete_relation(id),
            Command::ReviewRelation { id, status } => self.review_relation(id, status),
            Command::JumpToOtherEnd => self.jump_to_other_end(),
            Command::StepRelation { forward } => self.step_relation(forward),
            Command::RetypeRelation { id, label } => self.retype_relation(id, &label),
            Command::ToggleArcs => {
                if let Some(view) = self.doc.as_mut().map(|d| &mut d.view) {
                    view.show_all_arcs = !view.show_all_arcs;
                }
            }
            _ => {}
        }
    }

    /// The link under way, if any.
    fn linking(&mut self) -> Option<&mut Linking> {
        self.doc.as_mut().and_then(|d| d.view.linking.as_mut())
    }

    /// While the other span is being chosen: the candidates, the
    /// highlighted one and the digits typed.
    fn choosing(&mut self) -> Option<(&[Candidate], &mut usize, &mut String)> {
        match self.linking()? {
            Linking::Target {
                candidates,
                focus,
                typed,
                ..
            } => Some((candidates, focus, typed)),
            Linking::Type { .. } => None,
        }
    }

    /// Ends the link under way (or starts one); whether one was under way.
    fn set_linking(&mut self, linking: Option<Linking>) -> bool {
        self.doc
            .as_mut()
            .is_some_and(|d| std::mem::replace(&mut d.view.linking, linking).is_some())
    }

    /// While the other span of a link is chosen: the numbers follow the
    /// view (moved by Page Up / Page Down, the wheel or Tab), so that a
    /// span far from the start can be linked from the keyboard. The
    /// highlighted span keeps the highlight while in view; digits typed
    /// are dropped. A view with no span to link keeps the numbers it had.
    pub(in crate::ui) fn refresh_link_candidates(&mut self, ctx: &egui::Context) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        // Every frame runs this: nothing is gathered unless a link is made.
        if !matches!(doc.view.linking, Some(Linking::Target { .. })) {
            return;
        }
        let on_screen = doc.view.on_screen();
        let Some(Linking::Target {
            start,
            candidates,
            focus,
            typed,
        }) = &mut doc.view.linking
        else {
            return;
        };
        let set = doc.session.set();
        let Some(start) = set.get(*start) else {
            return;
        };
        let now = linking::candidates(set, doc.session.schema(), start, &on_screen);
        let same = now.iter().map(|c| c.id).eq(candidates.iter().map(|c| c.id));
        if now.is_empty() || same {
            return;
        }
        let focused = candidates.get(*focus).map(|c| c.id);
        *focus = focused
            .and_then(|id| now.iter().position(|c| c.id == id))
            .unwrap_or(0);
        *candidates = now;
        typed.clear();
        ctx.request_repaint();
    }

    fn cancel_link(&mut self) {
        if self.set_linking(None) {
            self.info("Stopped linking.");
        }
    }

    fn start_link(&mut self) {
        let (Some(session), Some(view)) = (self.session(), self.view()) else {
            return;
        };
        let Some(start) = view.selected_span.and_then(|id| session.set().get(id)) else {
            return self
                .info("Select a span first (click it, or Tab to it), then Ctrl+L links it.");
        };
        let candidates =
            linking::candidates(session.set(), session.schema(), start, &view.on_screen());
        if candidates.is_empty() {
            let text = format!(
                "No span in view can be linked to this {}: the relation types allow none of their labels.",
                start.label
            );
            return self.info(text);
        }
        let text = format!(
            "Link {} “{}” to: type a span's number, or Tab and Enter (Esc: stop).",
            start.label,
            crate::model::elide(&start.text, 40)
        );
        let start = start.id;
        self.set_linking(Some(Linking::Target {
            start,
            candidates,
            focus: 0,
            typed: String::new(),
        }));
        self.info(text);
    }

    fn link_digit(&mut self, digit: u8) {
        let Some((candidates, focus, typed)) = self.choosing() else {
            return;
        };
        let Some((index, picked, digits)) = linking::type_digit(typed, digit, candidates.len())
        else {
            let count = candidates.len();
            typed.clear();
            return self.info(format!(
                "No span shows {digit}: the numbers go from 1 to {count}."
            ));
        };
        *focus = index;
        let id = candidates[index].id;
        if picked {
            return self.link_target(id);
        }
        *typed = digits;
        self.info(format!(
            "Enter picks {}, or type the next digit.",
            index + 1
        ));
    }

    fn link_cycle(&mut self, forward: bool) {
        let Some((candidates, focus, typed)) = self.choosing() else {
            return;
        };
        let n = candidates.len();
        *focus = if forward {
            (*focus + 1) % n
        } else {
            (*focus + n - 1) % n
        };
        typed.clear();
        let at = candidates[*focus].range.start;
        if let Some(view) = self.doc.as_mut().map(|d| &mut d.view) {
            view.scroll_to(ScrollTo::Minimal(at));
        }
    }

    fn link_confirm(&mut self) {
        match self.linking() {
            Some(Linking::Target {
                candidates, focus, ..
            }) => {
                let id = candidates[*focus].id;
                self.link_target(id);
            }
            Some(Linking::Type { .. }) => {
                self.info("Type the relation type's key (Esc: stop).");
            }
            None => {}
        }
    }

    /// Picks the other span: makes the relation if one type fits, else
    /// asks for the type.
    fn link_target(&mut self, other: SpanId) {
        let Some(session) = self.session() else {
            return;
        };
        let Some(Linking::Target {
            start, candidates, ..
        }) = self.view().and_then(|v| v.linking.as_ref())
        else {
            return;
        };
        if !candidates.iter().any(|c| c.id == other) {
            return;
        }
        let (Some(a), Some(b)) = (session.set().get(*start), session.set().get(other)) else {
            self.set_linking(None);
            return;
        };
        let start = *start;
        let choices = linking::type_choices(session.schema(), session.set(), a, b);
        match &choices[..] {
            [] => {
                self.set_linking(None);
            }
            [only] => {
                let (label, from, to) = (only.name.clone(), only.from, only.to);
                self.add_relation(&label, from, to);
            }
            _ => {
                let keys: Vec<String> = choices
                    .iter()
                    .map(|c| match c.key {
                        Some(k) => format!("{} {}", k.to_ascii_uppercase(), c.name),
                        None => c.name.clone(),
                    })
                    .collect();
                self.set_linking(Some(Linking::Type {
                    start,
                    other,
                    choices,
                }));
                self.info(format!("Relation type: {} (Esc: stop).", keys.join(", ")));
            }
        }
    }

    /// Links span `from` to span `to` as if `to` had been picked after
    /// Ctrl+L on `from` (a drag from one to the other).
    fn link_spans(&mut self, from: SpanId, to: SpanId) {
        let Some(session) = self.session() else {
            return;
        };
        let (Some(a), Some(b)) = (session.set().get(from), session.set().get(to)) else {
            return;
        };
        if linking::type_choices(session.schema(), session.set(), a, b).is_empty() {
            let text = format!(
                "No relation type joins a {} and a {} that is not there already.",
                a.label, b.label
            );
            return self.info(text);
        }
        let range = b.start..b.end;
        self.select_span(from, false);
        self.set_linking(Some(Linking::Target {
            start: from,
            candidates: vec![Candidate { id: to, range }],
            focus: 0,
            typed: String::new(),
        }));
        self.link_target(to);
    }

    fn link_as(&mut self, name: &str) {
        let Some(Linking::Type { choices, .. }) = self.view().and_then(|v| v.linking.as_ref())
        else {
            return;
        };
        let Some(choice) = choices.iter().find(|c| c.name == name) else {
            let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
            return self.info(format!(
                "{name} does not join these two spans; choose {}.",
                names.join(" or ")
            ));
        };
        let (from, to) = (choice.from, choice.to);
        self.add_relation(name, from, to);
    }

    /// Adds a relation (undoable); ends any link under way, keeping the
    /// span it started at selected.
    fn add_relation(&mut self, label: &str, from: SpanId, to: SpanId) {
        self.set_linking(None);
        let Some(session) = self.session() else {
            return;
        };
        match session.add_relation_edit(label, from, to) {
            Ok(edit) => self.perform(edit),
            Err(err) => self.info(format!("Not linked: {err}.")),
        }
    }

    /// Selects relation `id`: its arc is drawn and both its ends outlined;
    /// with `scroll`, both ends are brought into view if they fit.
    pub(in crate::ui) fn select_relation(&mut self, id: RelationId, scroll: bool) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        let set = doc.session.set();
        let Some(relation) = set.relation(id) else {
            return;
        };
        let ends: Vec<usize> = [relation.from, relation.to]
            .iter()
            .filter_map(|&end| set.get(end).map(|s| s.start))
            .collect();
        let first = ends.iter().min().copied();
        let last = ends.iter().max().copied();
        let view = &mut doc.view;
        view.linking = None;
        view.selected_span = None;
        view.selected_relation = Some(id);
        if let (Some(first), Some(last)) = (first, last) {
            view.selection = crate::ui::Selection::caret_at(first);
            if scroll {
                view.scroll_to(ScrollTo::Both(first, last));
            }
        }
    }

    fn delete_relation(&mut self, id: RelationId) {
        let Some(edit) = self.session().and_then(|s| s.delete_relation_edit(id)) else {
            return;
        };
        self.perform(edit);
        if let Some(view) = self.doc.as_mut().map(|d| &mut d.view) {
            view.selected_relation = None;
        }
    }

    /// Reviews relation `id`; a reviewed suggestion moves the selection on
    /// to the next pending one (span or relation), as for spans.
    pub(in crate::ui) fn review_relation(&mut self, id: RelationId, status: Status) {
        let Some(session) = self.session() else {
            return;
        };
        let was_pending = session
            .set()
            .relation(id)
            .is_some_and(|r| r.status == Status::Pending);
        match session.review_relation_edit(id, status) {
            Some(edit) => self.perform(edit),
            None => self.info("That relation already has that status."),
        }
        if was_pending {
            self.step_pending(true);
        }
    }
}
