//! Pointer input on the article view: clicks, double clicks and drags
//! turned into [`Command`]s, and scrolling while a drag nears an edge.

use egui::{Pos2, Ui, vec2};

use super::TextView;
use crate::model::{Document, SpanId, words};
use crate::ui::widgets::arcs::Drawn;
use crate::ui::widgets::linking::Linking;
use crate::ui::{Command, Selection};

impl TextView {
    pub(super) fn handle_pointer(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        doc: &Document,
        commands: &mut Vec<Command>,
    ) {
        let ctx = ui.ctx().clone();
        if response.clicked() || response.drag_started() {
            response.request_focus();
        }
        let alt = ui.input(|i| i.modifiers.alt);
        if response.double_clicked() {
            if let Some(p) = response.interact_pointer_pos() {
                let pos = self.char_under_screen(&ctx, doc, p);
                if let Some(word) = words::word_at(doc, pos) {
                    commands.push(Command::Select(Selection::of_range(word)));
                }
            }
            return;
        }
        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            // From a span's tag or underline: a link to where it is dropped.
            self.link_drag = origin.and_then(|p| self.hit_at(p));
            if self.link_drag.is_none() {
                self.drag_anchor = origin.map(|p| self.char_at_screen(&ctx, doc, p));
            }
        }
        if let Some(from) = self.link_drag {
            self.drag_link(ui, response, from, commands);
            return;
        }
        if response.dragged()
            && let (Some(anchor), Some(p)) = (self.drag_anchor, response.interact_pointer_pos())
        {
            let caret = self.char_at_screen(&ctx, doc, p);
            let selection = drag_selection(doc, anchor, caret, alt);
            if selection != self.selection || self.selected_span.is_some() {
                commands.push(Command::Select(selection));
            }
            self.autoscroll(ui, p);
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
        if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            commands.push(self.click_command(&ctx, doc, p));
        }
    }

    /// The span whose tag or underline is at `p`, if any.
    fn hit_at(&self, p: Pos2) -> Option<SpanId> {
        self.hits
            .iter()
            .rev()
            .find(|h| h.rect.contains(p))
            .map(|h| h.id)
    }

    /// A drag from span `from`'s tag: a line to the pointer while it is
    /// held; dropped on another span, a link between the two.
    fn drag_link(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        from: SpanId,
        commands: &mut Vec<Command>,
    ) {
        let Some(p) = response.interact_pointer_pos() else {
            return;
        };
        if response.drag_stopped() {
            self.link_drag = None;
            let to = self.hit_at(p).or_else(|| self.span_under(p));
            if let Some(to) = to.filter(|&to| to != from) {
                commands.push(Command::LinkSpans { from, to });
            }
            return;
        }
        if let Some(start) = self.span_box(from) {
            let color = ui.visuals().selection.stroke.color;
            ui.painter()
                .line_segment([start.center_top(), p], egui::Stroke::new(2.0, color));
        }
        self.autoscroll(ui, p);
    }

    /// While choosing a link's other span: the innermost numbered span
    /// whose text, tag or underline is under the pointer.
    fn candidate_at(&self, p: Pos2) -> Option<SpanId> {
        let Some(Linking::Target { candidates, .. }) = &self.linking else {
            return None;
        };
        let boxes = self.boxes.iter().map(|b| (b.rect, b.id));
        let hits = self.hits.iter().map(|h| (h.rect, h.id));
        boxes
            .chain(hits)
            .filter(|(rect, _)| rect.contains(p))
            .filter_map(|(_, id)| candidates.iter().find(|c| c.id == id))
            .min_by_key(|c| c.range.len())
            .map(|c| c.id)
    }

    /// Scrolls while a drag is held near the top or bottom edge.
    fn autoscroll(&self, ui: &Ui, pointer: Pos2) {
        let clip = ui.clip_rect();
        let edge = 30.0;
        let dy = if pointer.y < clip.min.y + edge {
            12.0
        } else if pointer.y > clip.max.y - edge {
            -12.0
        } else {
            return;
        };
        ui.scroll_with_delta(vec2(0.0, dy));
    }

    /// A click selects the span whose tag or underline is under the pointer;
    /// on text, the innermost span there, or the next one out if that is
    /// already selected; elsewhere it places the caret.
    fn click_command(&mut self, ctx: &egui::Context, doc: &Document, p: Pos2) -> Command {
        if let Some(id) = self.candidate_at(p) {
            return Command::LinkTarget(id);
        }
        // A stub's label: go to the end off screen.
        let stub = self
            .drawn_relations()
            .iter()
            .find_map(|(_, drawn)| match drawn {
                Drawn::Stub { other, rect, .. } if rect.contains(p) => Some(*other),
                _ => None,
            });
        if let Some(id) = stub {
            return Command::SelectSpan { id, scroll: true };
        }
        if let Some(id) = self.hit_at(p) {
            return Command::SelectSpan { id, scroll: false };
        }
        let pos = self.char_at_screen(ctx, doc, p);
        // Clicking the far half of the last character of a word still
        // means that character.
        let under = self.char_under_screen(ctx, doc, p);
        Command::ClickText {
            at: under,
            caret: pos,
        }
    }
}

/// The selection a drag from `anchor` to `caret` makes: snapped outwards to
/// whole words unless `exact` (Alt held).
fn drag_selection(doc: &Document, anchor: usize, caret: usize, exact: bool) -> Selection {
    let raw = Selection {
        anchor,
        caret,
        exact,
    };
    if exact || anchor == caret {
        return raw;
    }
    let Some(snapped) = words::snap_to_words(doc, anchor.min(caret)..anchor.max(caret)) else {
        return raw;
    };
    if caret >= anchor {
        Selection::of_range(snapped)
    } else {
        Selection {
            anchor: snapped.end,
            caret: snapped.start,
            exact: false,
        }
    }
}
