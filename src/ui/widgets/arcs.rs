//! Relations drawn over the text as arcs: a curve from one span's box to
//! the other's, with the type's name at its top and an arrow head at the
//! `to` end. An end that is off screen is drawn as a stub to the view's top
//! or bottom edge, labelled with the other end's text (click it to go
//! there).
//!
//! Only the relations of the selected span, the span under the pointer and
//! the selected relation are drawn, or, on request, those of every span in
//! view: found through the set's index by span
//! ([`crate::model::AnnotationSet::relations_of`]), never by going through
//! every relation of the document.

use std::collections::HashSet;

use egui::epaint::CubicBezierShape;
use egui::{Color32, CornerRadius, FontId, Painter, Pos2, Rect, Stroke, pos2, vec2};

use crate::model::{Relation, RelationId, SpanId, Status};
use crate::session::Session;
use crate::ui::style;

/// Which relations to draw this frame.
pub struct ArcRequest<'a> {
    /// Every relation of the spans in view (else only those below).
    pub all_in_view: bool,
    /// The spans drawn on screen, in text order.
    pub on_screen: &'a [SpanId],
    /// The selected span.
    pub selected_span: Option<SpanId>,
    /// The span under the pointer.
    pub hovered: Option<SpanId>,
    /// The selected relation.
    pub selected_relation: Option<RelationId>,
    /// Whether rejected relations are drawn.
    pub show_rejected: bool,
}

impl ArcRequest<'_> {
    /// The relations to draw, by id, each once, in the order found.
    pub fn relations(&self, session: &Session) -> Vec<RelationId> {
        let spans: Vec<SpanId> = if self.all_in_view {
            self.on_screen.to_vec()
        } else {
            self.selected_span.into_iter().chain(self.hovered).collect()
        };
        let mut seen = HashSet::new();
        let found = spans
            .iter()
            .flat_map(|&id| session.set().relations_of(id).map(|r| r.id));
        self.selected_relation
            .into_iter()
            .chain(found)
            .filter(|id| seen.insert(*id))
            .filter(|&id| {
                Some(id) == self.selected_relation
                    || self.show_rejected
                    || session
                        .set()
                        .relation(id)
                        .is_some_and(|r| r.status != Status::Rejected)
            })
            .collect()
    }
}

/// How a relation was drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Drawn {
    /// A line between its two ends, both on screen: a curve above them on
    /// one row; between rows, up into the gap above the first end's row,
    /// along it to the text's left margin, down the margin and along the
    /// gap above the other end's row, so that it crosses no text.
    Arc {
        /// The points it goes through (screen), first end to other end.
        path: Vec<Pos2>,
    },
    /// A stub from its end on screen to the view's edge, labelled with the
    /// other end's text; clicking it goes to that span.
    Stub {
        /// The other end, off screen.
        other: SpanId,
        /// The label at the edge.
        text: String,
        /// Where the label is (screen).
        rect: Rect,
    },
}

/// What the arcs need to know of the view.
pub struct ArcPainter<'a> {
    /// The painter (clipped to the view).
    pub painter: &'a Painter,
    /// The session, for the relations and their ends.
    pub session: &'a Session,
    /// The view's visible rectangle (screen).
    pub clip: Rect,
    /// The first box of each span on screen, if it is.
    pub boxes: &'a dyn Fn(SpanId) -> Option<Rect>,
    /// Background colour behind labels.
    pub background: Color32,
    /// Where the text's column starts (screen x): arcs between rows go
    /// down the margin left of it.
    pub text_left: f32,
}

impl ArcPainter<'_> {
    /// Draws relation `id`; how it was drawn (`None`: not at all, neither
    /// end being on screen).
    pub fn draw(&self, id: RelationId, selected: bool) -> Option<Drawn> {
        let relation = self.session.set().relation(id)?;
        let def = self.session.schema().relation(&relation.label);
        let color = def.map_or(style::UNKNOWN_LABEL, |d| style::color(d.color));
        let color = style::readable_on(color, self.background);
        let directed = def.is_none_or(|d| d.directed);
        let width = if selected { 3.0 } else { 1.5 };
        let color = if relation.status == Status::Accepted {
            color
        } else {
            color.gamma_multiply(0.6)
        };
        let stroke = Stroke::new(width, color);
        let name = arc_name(relation);
        match ((self.boxes)(relation.from), (self.boxes)(relation.to)) {
            (Some(a), Some(b)) => {
                let path = if same_row(a, b) {
                    self.curve(a, b, stroke, directed, &name)
                } else {
                    let lane = usize::try_from(id % LANES).unwrap_or(0);
                    self.route(a, b, (stroke, directed, &name), lane)
                };
                Some(Drawn::Arc { path })
            }
            (Some(shown), None) => {
                let start = self.start_of(relation.from);
                Some(self.stub((shown, start), relation.to, (stroke, &name, false)))
            }
            (None, Some(shown)) => {
                let start = self.start_of(relation.to);
                Some(self.stub((shown, start), relation.from, (stroke, &name, directed)))
            }
            (None, None) => None,
        }
    }

    /// Where span `id` starts (0 if it is not in the text).
    fn start_of(&self, id: SpanId) -> usize {
        self.session.set().get(id).map_or(0, |s| s.start)
    }

    /// A curve from the top of box `a` to the top of box `b`, rising above
    /// both, its name at its highest point; its four control points.
    fn curve(&self, a: Rect, b: Rect, stroke: Stroke, directed: bool, name: &str) -> Vec<Pos2> {
        // From above the label tags, so that no arc crosses a tag's text.
        let above_tags = style::TAG_SIZE + 5.0;
        let start = pos2(a.center().x, a.top() - above_tags);
        let end = pos2(b.center().x, b.top() - above_tags);
        let lift = 16.0 + ((end.x - start.x).abs() * 0.12).min(40.0);
        let top = start.y.min(end.y) - lift;
        let points = [start, pos2(start.x, top), pos2(end.x, top), end];
        let curve =
            CubicBezierShape::from_points_stroke(points, false, Color32::TRANSPARENT, stroke);
        let middle = curve.sample(0.5);
        self.painter.add(curve);
        if directed {
            self.arrow_head(end, pos2(end.x, top), stroke);
        }
        self.label(middle, name, stroke.color);
        points.to_vec()
    }

    /// A line from box `a` to box `b` on another row that crosses no text
    /// ([`route_between_rows`]), its name on its first stretch along a
    /// gap; its points.
    fn route(&self, a: Rect, b: Rect, look: (Stroke, bool, &str), lane: usize) -> Vec<Pos2> {
        let (stroke, directed, name) = look;
        let path = route_between_rows(a, b, self.text_left, lane);
        self.painter.add(egui::Shape::line(path.clone(), stroke));
        if directed && let Some(&tip) = path.last() {
            // Pointing down at the span, as on a curve.
            self.arrow_head(tip, tip - vec2(0.0, 8.0), stroke);
        }
        if let [first, margin, ..] = path[..] {
            self.label(
                pos2((first.x + margin.x) / 2.0, first.y),
                name,
                stroke.color,
            );
        }
        path
    }

    /// A stub from `shown` (the box of the end on screen, which starts at
    /// code point `shown_start`) to the view's top edge (the other end is
    /// before it in the text) or bottom edge, labelled with the type and
    /// `other`'s text. `into_shown`: the arrow points at the span on screen.
    fn stub(&self, shown: (Rect, usize), other: SpanId, look: (Stroke, &str, bool)) -> Drawn {
        let (shown, shown_start) = shown;
        let (stroke, name, into_shown) = look;
        let other_span = self.session.set().get(other);
        let other_text = other_span.map_or_else(
            || format!("span {other}"),
            |s| crate::model::elide(&s.text, 40).into_owned(),
        );
        let above = other_span.is_some_and(|s| s.start < shown_start);
        let (start, edge_y) = if above {
            (shown.center_top(), self.clip.top() + 10.0)
        } else {
            (shown.center_bottom(), self.clip.bottom() - 10.0)
        };
        let middle_y = (start.y + edge_y) / 2.0;
        let edge = pos2(start.x + 30.0, edge_y);
        let bend = pos2(start.x, middle_y);
        // Faint and thin: it may cross many rows of text on its way.
        let faint = Stroke::new(1.0, stroke.color.gamma_multiply(0.45));
        let curve = CubicBezierShape::from_points_stroke(
            [start, bend, pos2(edge.x, middle_y), edge],
            false,
            Color32::TRANSPARENT,
            faint,
        );
        self.painter.add(curve);
        if into_shown {
            self.arrow_head(start, bend, stroke);
        }
        let arrow = if above { "↑" } else { "↓" };
        let text = format!("{arrow} {name}: {other_text}");
        let rect = self.label(edge, &text, stroke.color);
        Drawn::Stub { other, text, rect }
    }

    /// A small arrow head at `tip`, pointing away from `from`.
    fn arrow_head(&self, tip: Pos2, from: Pos2, stroke: Stroke) {
        let dir = (tip - from).normalized();
        let side = vec2(-dir.y, dir.x) * 4.0;
        let back = tip - dir * 7.0;
        self.painter.add(egui::Shape::convex_polygon(
            vec![tip, back + side, back - side],
            stroke.color,
            Stroke::NONE,
        ));
    }

    /// Writes `text` centred on `at` over a plate of the background colour;
    /// returns the plate.
    fn label(&self, at: Pos2, text: &str, color: Color32) -> Rect {
        let galley =
            self.painter
                .layout_no_wrap(text.to_owned(), FontId::proportional(12.0), color);
        let size = galley.size() + vec2(6.0, 2.0);
        let mut rect = Rect::from_center_size(at, size);
        // Keep it inside the view.
        let dx =
            (self.clip.left() - rect.left()).max(0.0) + (self.clip.right() - rect.right()).min(0.0);
        let dy =
            (self.clip.top() - rect.top()).max(0.0) + (self.clip.bottom() - rect.bottom()).min(0.0);
        rect = rect.translate(vec2(dx, dy));
        self.painter.rect(
            rect,
            CornerRadius::same(3),
            self.background.gamma_multiply(0.92),
            Stroke::new(1.0, color),
            egui::StrokeKind::Inside,
        );
        self.painter
            .galley(rect.min + vec2(3.0, 1.0), galley, color);
        rect
    }
}

/// How many parallel lanes the margin has for arcs between rows (a
/// relation's lane is its id modulo this), so that they do not run on top
/// of each other.
const LANES: u64 = 4;

/// How far apart the margin's lanes are, and how far left of the text the
/// first is (points).
const LANE_GAP: f32 = 5.0;

/// Whether two boxes are on one row (their vertical middles within half a
/// box's height).
fn same_row(a: Rect, b: Rect) -> bool {
    (a.center().y - b.center().y).abs() < a.height().min(b.height()) / 2.0
}

/// The path of an arc from box `a` to box `b` on different rows that
/// crosses no text: from above `a`'s tag (in the gap above its row) along
/// that gap to the margin left of the text (`text_left`, in lane `lane`),
/// along the margin to the gap above `b`'s row, and along it to above
/// `b`'s tag.
pub fn route_between_rows(a: Rect, b: Rect, text_left: f32, lane: usize) -> Vec<Pos2> {
    let above_tags = style::TAG_SIZE + 5.0;
    let x = text_left - LANE_GAP * (2.0 + lane as f32);
    let start = pos2(a.center().x, a.top() - above_tags);
    let end = pos2(b.center().x, b.top() - above_tags);
    vec![start, pos2(x, start.y), pos2(x, end.y), end]
}

/// A relation's name on its arc: its type, with `?` while it is pending.
fn arc_name(relation: &Relation) -> String {
    match relation.status {
        Status::Pending => format!("{} ?", relation.label),
        Status::Rejected => format!("{} (rejected)", relation.label),
        Status::Accepted => relation.label.clone(),
    }
}
