//! The article view: lays out and paints only the visible blocks, with spans,
//! selection and caret, and turns pointer input into [`Command`]s.

use egui::scroll_area::ScrollSource;
use egui::{Color32, CornerRadius, Id, Pos2, Rect, ScrollArea, Sense, Ui, Vec2, pos2, vec2};

use crate::model::{Document, RelationId, SpanId};
use crate::session::Session;
use crate::ui::widgets::arcs::{ArcPainter, ArcRequest, Drawn};
use crate::ui::widgets::block_text::BlockText;
use crate::ui::widgets::blocks::{BlockKind, BlockLayout};
use crate::ui::widgets::linking::{self, Linking};
use crate::ui::widgets::span_depths;
use crate::ui::widgets::span_paint::{self, BlockSpans, HitRegion, SpanBox};
use crate::ui::{Command, Selection, style};

mod lanes; // marks under the rows in view, for curation's annotator lanes
mod motion;
mod pointer;

/// Where to scroll a code point to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollTo {
    /// Only as far as needed to make it visible.
    Minimal(usize),
    /// A third of the way down the view.
    Center(usize),
    /// Both code points (a relation's two ends): nothing if both are
    /// visible, else the earlier a third of the way down, or at the top
    /// when they are too far apart for that (then as much as fits).
    Both(usize, usize),
}

/// State of the article view for one document.
pub struct TextView {
    layout: BlockLayout,
    /// The caret and text selection.
    pub selection: Selection,
    /// The selected span, if any.
    pub selected_span: Option<SpanId>,
    /// Whether rejected suggestions are drawn.
    pub show_rejected: bool,
    /// Search hits to highlight, sorted.
    pub highlights: Vec<std::ops::Range<usize>>,
    /// The link being made (after Ctrl+L), if any.
    pub linking: Option<Linking>,
    /// The selected relation, if any (then no span is selected).
    pub selected_relation: Option<RelationId>,
    /// The span whose relations Alt+Down / Alt+Up step through: the one
    /// selected when the stepping began (used while the selected relation
    /// still has it at an end).
    pub relation_anchor: Option<SpanId>,
    /// Whether every relation in view is drawn (else only the selected
    /// span's and the pointed one's).
    pub show_all_arcs: bool,
    depths: span_depths::Depths,
    hits: Vec<HitRegion>,
    /// Each span's boxes on screen, last frame, in text order.
    boxes: Vec<SpanBox>,
    /// The relations drawn last frame, and how.
    drawn: Vec<(RelationId, Drawn)>,
    scroll_request: Option<ScrollTo>,
    /// Screen position of the text column's top-left corner, last frame.
    column_origin: Pos2,
    /// The visible part of the content, last frame (content coordinates).
    viewport: Rect,
    drag_anchor: Option<usize>,
    /// The span whose tag a drag started on (a link being dragged).
    link_drag: Option<SpanId>,
    /// The caret a run of vertical moves left, and the x they keep.
    sticky_x: Option<(usize, f32)>,
}

/// The view's widget id (it keeps keyboard focus).
pub fn view_id() -> Id {
    Id::unique("newsmark_text_view")
}

impl TextView {
    /// A view of `doc`, scrolled to the top.
    pub fn new(doc: &Document) -> Self {
        Self {
            layout: BlockLayout::new(doc),
            selection: Selection::default(),
            selected_span: None,
            show_rejected: false,
            highlights: Vec::new(),
            linking: None,
            selected_relation: None,
            relation_anchor: None,
            show_all_arcs: false,
            depths: span_depths::Depths::default(),
            hits: Vec::new(),
            boxes: Vec::new(),
            drawn: Vec::new(),
            scroll_request: None,
            column_origin: Pos2::ZERO,
            viewport: Rect::NOTHING,
            drag_anchor: None,
            link_drag: None,
            sticky_x: None,
        }
    }

    /// Asks the next frame to scroll.
    pub fn scroll_to(&mut self, target: ScrollTo) {
        self.scroll_request = Some(target);
    }

    /// The spans drawn as selected: the selected span, or both ends of
    /// the selected relation.
    pub fn outlined(&self, session: &Session) -> Vec<SpanId> {
        let relation = self
            .selected_relation
            .and_then(|id| session.set().relation(id));
        match relation {
            Some(r) => vec![r.from, r.to],
            None => self.selected_span.into_iter().collect(),
        }
    }

    /// The spans drawn on screen last frame, in text order, each once.
    pub fn on_screen(&self) -> Vec<SpanId> {
        let mut seen = std::collections::HashSet::new();
        self.boxes
            .iter()
            .map(|b| b.id)
            .filter(|id| seen.insert(*id))
            .collect()
    }

    /// The first box of span `id` on screen last frame, if it was drawn.
    pub fn span_box(&self, id: SpanId) -> Option<Rect> {
        self.boxes.iter().find(|b| b.id == id).map(|b| b.rect)
    }

    /// Every box of span `id` on screen last frame (one per row, or more
    /// where it crosses a change of direction).
    pub fn span_boxes(&self, id: SpanId) -> Vec<Rect> {
        self.boxes
            .iter()
            .filter(|b| b.id == id)
            .map(|b| b.rect)
            .collect()
    }

    /// The clickable regions of span `id` last frame (its tag and the
    /// underline on each row).
    pub fn hit_rects(&self, id: SpanId) -> Vec<Rect> {
        self.hits
            .iter()
            .filter(|h| h.id == id)
            .map(|h| h.rect)
            .collect()
    }

    /// Where the text's column started last frame (screen x).
    pub fn text_left(&self) -> f32 {
        self.column_origin.x
    }

    /// The relations drawn last frame, and how.
    pub fn drawn_relations(&self) -> &[(RelationId, Drawn)] {
        &self.drawn
    }

    /// The innermost span whose box is under `p`, if any.
    fn span_under(&self, p: Pos2) -> Option<SpanId> {
        self.boxes
            .iter()
            .filter(|b| b.rect.contains(p))
            .min_by(|a, b| a.rect.width().total_cmp(&b.rect.width()))
            .map(|b| b.id)
    }

    /// Draws the arcs of the relations asked for (see [`crate::ui::widgets::arcs`]).
    fn paint_arcs(&mut self, ui: &Ui, session: &Session) {
        let clip = ui.clip_rect();
        let hovered = ui
            .input(|i| i.pointer.hover_pos())
            .filter(|p| clip.contains(*p))
            .and_then(|p| self.span_under(p));
        let on_screen = self.on_screen();
        let request = ArcRequest {
            all_in_view: self.show_all_arcs,
            on_screen: &on_screen,
            selected_span: self.selected_span,
            hovered,
            selected_relation: self.selected_relation,
            show_rejected: self.show_rejected,
        };
        let ids = request.relations(session);
        let painter = ArcPainter {
            painter: ui.painter(),
            session,
            clip,
            boxes: &|id| self.span_box(id),
            background: ui.visuals().extreme_bg_color,
            text_left: self.column_origin.x,
        };
        let drawn: Vec<_> = ids
            .into_iter()
            .filter_map(|id| Some((id, painter.draw(id, Some(id) == self.selected_relation)?)))
            .collect();
        self.drawn = drawn;
    }

    /// Height of the visible part of the view, last frame.
    pub fn viewport_height(&self) -> f32 {
        self.viewport.height().max(100.0)
    }

    /// Screen rectangle (zero width, text height) of the caret position
    /// `pos`, as laid out last frame. `None` if its block is not laid out.
    pub fn char_screen_rect(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        pos: usize,
    ) -> Option<Rect> {
        let i = self.layout.block_of_char(pos);
        let block = self.layout.blocks().get(i)?.clone();
        let text = self.layout.text(ctx, doc, i);
        let origin = self.column_origin + vec2(0.0, self.layout.top(i));
        let local = pos.saturating_sub(block.range.start);
        let x = text.caret(local).1 + origin.x;
        let (top, bottom) = text.caret_band(local, origin);
        Some(Rect::from_min_max(pos2(x, top), pos2(x, bottom)))
    }

    /// The code point nearest to a point in content coordinates (relative to
    /// the text column's top-left).
    fn char_at_content(&mut self, ctx: &egui::Context, doc: &Document, p: Pos2) -> usize {
        self.char_in_block(ctx, doc, p, BlockText::pos_at)
    }

    /// The code point drawn under a point in content coordinates (for a
    /// click on a letter: the letter, whichever half was clicked).
    fn char_under_content(&mut self, ctx: &egui::Context, doc: &Document, p: Pos2) -> usize {
        self.char_in_block(ctx, doc, p, BlockText::char_at)
    }

    /// The code point `find` gives for `p` in the block under it (its start
    /// for a blank line).
    fn char_in_block(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        p: Pos2,
        find: fn(&BlockText, Vec2) -> usize,
    ) -> usize {
        let i = self.layout.block_at_y(p.y);
        let Some(block) = self.layout.blocks().get(i).cloned() else {
            return 0;
        };
        if block.kind == BlockKind::Blank {
            return block.range.start;
        }
        let text = self.layout.text(ctx, doc, i);
        let local = find(&text, vec2(p.x, p.y - self.layout.top(i)));
        block.range.start + local.min(block.range.len())
    }

    /// The code point drawn under a screen position.
    fn char_under_screen(&mut self, ctx: &egui::Context, doc: &Document, p: Pos2) -> usize {
        let content = p - self.column_origin.to_vec2();
        self.char_under_content(ctx, doc, content)
    }

    /// The code point under a screen position.
    fn char_at_screen(&mut self, ctx: &egui::Context, doc: &Document, p: Pos2) -> usize {
        let content = p - self.column_origin.to_vec2();
        self.char_at_content(ctx, doc, content)
    }

    /// Where code point `pos` is in the content (its row's top, from the
    /// content's top) and its row's height.
    fn content_y(&mut self, ctx: &egui::Context, doc: &Document, pos: usize) -> (f32, f32) {
        let i = self.layout.block_of_char(pos);
        let text = self.layout.text(ctx, doc, i);
        let block_start = self.layout.blocks()[i].range.start;
        let row = text.caret(pos.saturating_sub(block_start)).0;
        let y = style::MARGIN + self.layout.top(i) + text.row_top(row);
        (y, text.row_height(row).max(style::BODY_LINE_HEIGHT))
    }

    fn scroll_offset_for_request(&mut self, ctx: &egui::Context, doc: &Document) -> Option<f32> {
        let request = self.scroll_request.take()?;
        let (ScrollTo::Minimal(pos) | ScrollTo::Center(pos) | ScrollTo::Both(pos, _)) = request;
        let (y, h) = self.content_y(ctx, doc, pos);
        let view = self.viewport;
        let height = self.viewport_height();
        let visible = |y: f32, h: f32| view.is_positive() && y >= view.min.y && y + h <= view.max.y;
        match request {
            ScrollTo::Both(_, other) => {
                let (y2, h2) = self.content_y(ctx, doc, other);
                if visible(y, h) && visible(y2, h2) {
                    return None;
                }
                // Both fit below the earlier a third down, or from the top.
                let (top, bottom) = (y.min(y2), (y + h).max(y2 + h2));
                if bottom - top <= height * 2.0 / 3.0 - style::MARGIN {
                    Some((top - height / 3.0).max(0.0))
                } else {
                    Some((top - style::MARGIN).max(0.0))
                }
            }
            ScrollTo::Center(_) if visible(y, h) => None,
            ScrollTo::Center(_) => Some((y - height / 3.0).max(0.0)),
            ScrollTo::Minimal(_) if !view.is_positive() => Some((y - height / 3.0).max(0.0)),
            ScrollTo::Minimal(_) if y < view.min.y => Some(y - style::MARGIN),
            ScrollTo::Minimal(_) if y + h > view.max.y => Some(y + h - height + style::MARGIN),
            ScrollTo::Minimal(_) => None,
        }
    }

    fn paint_visible(&mut self, ui: &Ui, session: &Session, viewport: Rect) {
        let ctx = ui.ctx().clone();
        let doc = session.doc();
        let painter = ui.painter();
        let selection_color = ui.visuals().selection.bg_fill;
        let caret_color = ui.visuals().strong_text_color();
        self.hits.clear();
        self.boxes.clear();
        let outlined = self.outlined(session);
        let screen = ui.clip_rect();
        let first = self.layout.block_at_y(viewport.min.y - style::MARGIN);
        let last_y = viewport.max.y - style::MARGIN;
        for i in first..self.layout.blocks().len() {
            let text = self.layout.text(&ctx, doc, i);
            let top = self.layout.top(i);
            if top > last_y {
                break;
            }
            let block = self.layout.blocks()[i].clone();
            let origin = self.column_origin + vec2(0.0, top);
            self.paint_highlights(painter, &text, &block.range, origin);
            self.paint_selection(painter, &text, &block.range, origin, selection_color);
            let spans: Vec<_> = session
                .set()
                .overlapping_indexed(block.range.clone())
                .filter(|(_, s)| span_paint::is_visible(s, self.show_rejected))
                .map(|(k, s)| (s, self.depths.get(k)))
                .collect();
            let hits = BlockSpans {
                painter,
                text: &text,
                origin,
                range: block.range.clone(),
                schema: session.schema(),
                selected: &outlined,
            }
            .paint(&spans, &mut self.boxes);
            self.hits.extend(hits);
            text.paint(painter, origin, caret_color);
            if self.layout.block_of_char(self.selection.caret) == i {
                self.paint_caret(painter, &text, block.range.start, origin, caret_color);
            }
        }
        self.boxes.retain(|b| b.rect.intersects(screen));
    }

    /// Paints the numbers of the link's candidates, or asks for its type.
    fn paint_linking(&self, ui: &Ui, session: &Session, commands: &mut Vec<Command>) {
        let Some(linking) = &self.linking else {
            return;
        };
        let accent = ui.visuals().selection.stroke.color;
        linking::paint_badges(ui.painter(), linking, &|id| self.span_box(id), accent);
        if let Linking::Type { other, choices, .. } = linking {
            let at = self
                .span_box(*other)
                .map_or(self.column_origin, |r| r.left_bottom() + vec2(0.0, 8.0));
            let mut chosen = None;
            linking::type_menu(ui.ctx(), choices, session.schema(), at, &mut chosen);
            commands.extend(chosen.map(Command::LinkAs));
        }
    }

    fn paint_selection(
        &self,
        painter: &egui::Painter,
        text: &BlockText,
        range: &std::ops::Range<usize>,
        origin: Pos2,
        color: Color32,
    ) {
        let sel = self.selection.range();
        if !sel.is_empty() {
            fill_range(painter, text, range, &sel, origin, 2.0, color);
        }
    }

    fn paint_highlights(
        &self,
        painter: &egui::Painter,
        text: &BlockText,
        range: &std::ops::Range<usize>,
        origin: Pos2,
    ) {
        let first = self.highlights.partition_point(|h| h.end <= range.start);
        let color = Color32::from_rgba_unmultiplied(0xf2, 0xc9, 0x4c, 110);
        for hit in self.highlights[first..]
            .iter()
            .take_while(|h| h.start < range.end)
        {
            fill_range(painter, text, range, hit, origin, 3.0, color);
        }
    }

    fn paint_caret(
        &self,
        painter: &egui::Painter,
        text: &BlockText,
        block_start: usize,
        origin: Pos2,
        color: Color32,
    ) {
        let local = self.selection.caret - block_start;
        let x = origin.x + text.caret(local).1;
        let (top, bottom) = text.caret_band(local, origin);
        let rect = Rect::from_min_max(pos2(x - 1.0, top - 2.0), pos2(x + 1.0, bottom + 2.0));
        painter.rect_filled(rect, CornerRadius::ZERO, color);
    }
}

/// Shows the view; pointer actions become commands.
pub fn text_view_ui(
    ui: &mut Ui,
    view: &mut TextView,
    session: &Session,
    commands: &mut Vec<Command>,
) {
    let ctx = ui.ctx().clone();
    let doc = session.doc();
    view.depths.refresh(session.set());
    let avail = ui.available_width();
    let column_width = (avail - 2.0 * style::MARGIN).clamp(120.0, style::MAX_COLUMN_WIDTH);
    let left = ((avail - column_width) / 2.0).max(style::MARGIN);
    view.layout
        .set_width(column_width, ui.visuals().strong_text_color());

    let mut area = ScrollArea::vertical()
        .auto_shrink(false)
        .scroll_source(ScrollSource::SCROLL_BAR | ScrollSource::MOUSE_WHEEL);
    if let Some(offset) = view.scroll_offset_for_request(&ctx, doc) {
        area = area.vertical_scroll_offset(offset);
    }
    area.show_viewport(ui, |ui, viewport| {
        let total = view.layout.total_height() + 2.0 * style::MARGIN;
        ui.set_min_size(vec2(ui.available_width(), total));
        let content_min = ui.max_rect().min;
        view.column_origin = content_min + vec2(left, style::MARGIN);
        view.viewport = viewport;
        view.paint_visible(ui, session, viewport);
        view.paint_arcs(ui, session);
        view.paint_linking(ui, session, commands);
        let visible = viewport.translate(content_min.to_vec2());
        let response = ui.interact(visible, view_id(), Sense::click_and_drag());
        view.handle_pointer(ui, &response, doc, commands);
    });
}

/// Fills the text band of the part of `target` that lies in the block
/// showing `block` (both code-point ranges), `pad` points taller.
fn fill_range(
    painter: &egui::Painter,
    text: &BlockText,
    block: &std::ops::Range<usize>,
    target: &std::ops::Range<usize>,
    origin: Pos2,
    pad: f32,
    color: Color32,
) {
    if target.end <= block.start || target.start >= block.end {
        return;
    }
    let local =
        target.start.max(block.start) - block.start..target.end.min(block.end) - block.start;
    for (row, x0, x1) in text.row_pieces(local, origin) {
        let (top, bottom) = text.text_band(row, origin);
        let rect = Rect::from_min_max(pos2(x0, top - pad), pos2(x1, bottom + pad));
        painter.rect_filled(rect, CornerRadius::same(2), color);
    }
}
