//! Making a relation from the keyboard: with a span selected, Ctrl+L shows
//! a number on every span in view that a relation type can join to it; a
//! number (or Tab and Enter, or a click) picks the other span, then the
//! type's hotkey picks the type when more than one fits.
//!
//! Direction: the selected span is the relation's `from` when the type
//! allows its label there, else its `to`. So from a role one links both the
//! person who holds it (`holds`: person → role, the role as `to`) and the
//! country it is of (`of`: role → country, the role as `from`).

use std::ops::Range;

use egui::{Color32, CornerRadius, FontId, Painter, Rect, Stroke, StrokeKind, pos2, vec2};

use crate::model::{AnnotationSet, LabelSchema, Span, SpanId};
use crate::ui::style;

/// A span the link may go to, with the number it shows (its place in the
/// list, from 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The span.
    pub id: SpanId,
    /// Its code points, for clicks.
    pub range: Range<usize>,
}

/// A relation type that fits the two spans, oriented.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeChoice {
    /// The type's name.
    pub name: String,
    /// Its first hotkey, if it has one.
    pub key: Option<char>,
    /// The span the relation starts from.
    pub from: SpanId,
    /// The span it leads to.
    pub to: SpanId,
}

/// A link under way.
#[derive(Clone, Debug, PartialEq)]
pub enum Linking {
    /// Choosing the other span.
    Target {
        /// The span the link starts at (the selected one).
        start: SpanId,
        /// The spans it may go to, in text order.
        candidates: Vec<Candidate>,
        /// The highlighted candidate (index), which Enter picks.
        focus: usize,
        /// The digits typed so far of a number with more than one digit.
        typed: String,
    },
    /// Choosing the type, when more than one fits.
    Type {
        /// The span the link starts at.
        start: SpanId,
        /// The other span.
        other: SpanId,
        /// The types that fit, oriented.
        choices: Vec<TypeChoice>,
    },
}

impl Linking {
    /// The span the link starts at.
    pub fn start(&self) -> SpanId {
        match self {
            Self::Target { start, .. } | Self::Type { start, .. } => *start,
        }
    }
}

/// The relation types of `schema` that can join span `a` and span `b`,
/// each oriented: `a` as `from` where the type allows it, else `b`; less
/// those `set` already has between them.
pub fn type_choices(
    schema: &LabelSchema,
    set: &AnnotationSet,
    a: &Span,
    b: &Span,
) -> Vec<TypeChoice> {
    let existing: Vec<(&str, SpanId, SpanId)> = set
        .relations_of(a.id)
        .map(|r| (r.label.as_str(), r.from, r.to))
        .collect();
    schema
        .relations
        .iter()
        .filter_map(|r| {
            let (from, to) = if r.allows_from(&a.label) && r.allows_to(&b.label) {
                (a.id, b.id)
            } else if r.allows_from(&b.label) && r.allows_to(&a.label) {
                (b.id, a.id)
            } else {
                return None;
            };
            if existing.contains(&(r.name.as_str(), from, to)) {
                return None;
            }
            Some(TypeChoice {
                name: r.name.clone(),
                key: r.hotkeys.first().copied(),
                from,
                to,
            })
        })
        .collect()
}

/// The spans among `on_screen` (ids in text order) that some relation
/// type can join to `start` (and does not yet).
pub fn candidates(
    set: &AnnotationSet,
    schema: &LabelSchema,
    start: &Span,
    on_screen: &[SpanId],
) -> Vec<Candidate> {
    on_screen
        .iter()
        .filter(|&&id| id != start.id)
        .filter_map(|&id| set.get(id))
        .filter(|span| !type_choices(schema, set, start, span).is_empty())
        .map(|span| Candidate {
            id: span.id,
            range: span.start..span.end,
        })
        .collect()
}

/// What typing digit `digit` makes of the number typed so far, with
/// `count` candidates: the candidate index to highlight, whether it is
/// picked (no longer number starts with it), and the digits to keep.
/// `None` if no candidate has that number.
pub fn type_digit(typed: &str, digit: u8, count: usize) -> Option<(usize, bool, String)> {
    let number = |s: &str| s.parse::<usize>().ok().filter(|n| (1..=count).contains(n));
    let mut digits = format!("{typed}{digit}");
    let n = match number(&digits) {
        Some(n) => n,
        None => {
            // A fresh number: the earlier digits were a whole one.
            digits = digit.to_string();
            number(&digits)?
        }
    };
    let longer_exists = n.saturating_mul(10) <= count;
    Some((n - 1, !longer_exists, digits))
}

/// Paints the number of each candidate in view (`boxes`: each span's first
/// box on screen), the highlighted one stronger.
pub fn paint_badges(
    painter: &Painter,
    linking: &Linking,
    boxes: &dyn Fn(SpanId) -> Option<Rect>,
    accent: Color32,
) {
    let Linking::Target {
        candidates, focus, ..
    } = linking
    else {
        return;
    };
    for (i, candidate) in candidates.iter().enumerate() {
        let Some(rect) = boxes(candidate.id) else {
            continue;
        };
        let focused = i == *focus;
        painter.rect_stroke(
            rect.expand(2.0),
            CornerRadius::same(3),
            Stroke::new(if focused { 2.5 } else { 1.0 }, accent),
            StrokeKind::Outside,
        );
        let text = painter.layout_no_wrap(
            (i + 1).to_string(),
            FontId::proportional(13.0),
            Color32::WHITE,
        );
        let size = text.size() + vec2(8.0, 2.0);
        // Under the span's start, over its underline: the text stays
        // readable and the tag above it too.
        let badge = Rect::from_min_size(pos2(rect.min.x - 1.0, rect.max.y + 1.0), size);
        let fill = if focused {
            accent
        } else {
            accent.gamma_multiply(0.8)
        };
        painter.rect_filled(badge, CornerRadius::same(6), fill);
        painter.galley(badge.min + vec2(4.0, 1.0), text, Color32::WHITE);
    }
}

/// The type choices shown by the `other` span while asking for the type;
/// pushes the chosen one's name.
pub fn type_menu(
    ctx: &egui::Context,
    choices: &[TypeChoice],
    schema: &LabelSchema,
    at: egui::Pos2,
    chosen: &mut Option<String>,
) {
    egui::Area::new(egui::Id::unique("newsmark_link_type"))
        .order(egui::Order::Foreground)
        .fixed_pos(at)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label("Relation type (Esc: stop)");
                for choice in choices {
                    let color = schema
                        .relation(&choice.name)
                        .map_or(style::UNKNOWN_LABEL, |r| style::color(r.color));
                    let color = style::readable_on(color, ui.visuals().window_fill);
                    let key = choice
                        .key
                        .map(|k| k.to_ascii_uppercase().to_string())
                        .unwrap_or_default();
                    let button =
                        egui::Button::new(egui::RichText::new(choice.name.as_str()).color(color))
                            .shortcut_text(key);
                    if ui.add(button).clicked() {
                        *chosen = Some(choice.name.clone());
                    }
                }
            });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_pick_at_once_unless_a_longer_number_could_follow() {
        assert_eq!(type_digit("", 3, 5), Some((2, true, "3".into())));
        assert_eq!(type_digit("", 1, 12), Some((0, false, "1".into())));
        assert_eq!(type_digit("1", 2, 12), Some((11, true, "12".into())));
        assert_eq!(type_digit("1", 3, 12), Some((2, true, "3".into())));
        assert_eq!(type_digit("", 0, 5), None);
        assert_eq!(type_digit("", 7, 5), None);
    }

    #[test]
    fn a_type_is_oriented_by_the_labels_it_allows() {
        let schema = LabelSchema::default();
        let role = Span::manual(1, 0, 4, "role", "Head");
        let person = Span::manual(2, 5, 8, "person", "Ana");
        let country = Span::manual(3, 9, 13, "country", "Cuba");
        let mut set = AnnotationSet::new();
        for span in [&role, &person, &country] {
            set.insert(span.clone());
        }
        let names = |set: &AnnotationSet, a: &Span, b: &Span| {
            type_choices(&schema, set, a, b)
                .into_iter()
                .map(|c| (c.name, c.from, c.to))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&set, &role, &person), vec![("holds".into(), 2, 1)]);
        assert_eq!(names(&set, &role, &country), vec![("of".into(), 1, 3)]);
        assert_eq!(names(&set, &person, &country), vec![]);
        // A relation already made is not offered again.
        set.insert_relation(crate::model::Relation::manual(1, "holds", 2, 1));
        assert_eq!(names(&set, &role, &person), vec![]);
        assert_eq!(names(&set, &role, &country), vec![("of".into(), 1, 3)]);
    }
}
