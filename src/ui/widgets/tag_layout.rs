//! The label tags above spans: their text, and where they go so that no
//! two of them overlap.
//!
//! A tag sits at the start of its span's first row. When it would run into
//! the previous tag on that row, the previous tag is shortened (its next
//! shorter form: `person ?0.76` → `person ?` → `per… ?`) until it ends
//! before this one starts; when even its shortest form does not leave room,
//! this tag moves right, past the previous one. Tags keep a gap between
//! them, so two chips never touch.

use egui::{CornerRadius, Rect, Stroke, StrokeKind, pos2};

use crate::model::{Span, Status};
use crate::ui::style;
use crate::ui::widgets::span_paint::{BlockSpans, HitRegion};

/// What one tag needs: its row, where its span starts, and the widths of
/// its forms, longest first (at least one).
#[derive(Clone, Debug, PartialEq)]
pub struct TagRequest {
    /// The galley row the tag is drawn above.
    pub row: usize,
    /// The x where its span starts.
    pub anchor: f32,
    /// Width of each form of the tag, longest first.
    pub widths: Vec<f32>,
}

/// Where a tag is drawn and which of its forms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TagPlace {
    /// Left edge.
    pub x: f32,
    /// Index into [`TagRequest::widths`] (and the tag's forms).
    pub form: usize,
}

/// Space kept between two tags on a row.
pub const TAG_GAP: f32 = 4.0;

/// Places tags given in drawing order (spans by start): each at its anchor,
/// shortening the previous tag on its row, or moving right of it, so that
/// tags on a row never overlap and keep [`TAG_GAP`] between them.
pub fn place_tags(requests: &[TagRequest]) -> Vec<TagPlace> {
    // Left to right on each row (in right-to-left text, spans in text order
    // go right to left); a stable sort keeps left-to-right text's order.
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&requests[a], &requests[b]);
        a.row.cmp(&b.row).then(a.anchor.total_cmp(&b.anchor))
    });
    let sorted: Vec<TagRequest> = order.iter().map(|&i| requests[i].clone()).collect();
    let placed = place_sorted(&sorted);
    let mut places = vec![TagPlace { x: 0.0, form: 0 }; requests.len()];
    for (k, &i) in order.iter().enumerate() {
        places[i] = placed[k];
    }
    places
}

/// [`place_tags`] for requests left to right on each row.
fn place_sorted(requests: &[TagRequest]) -> Vec<TagPlace> {
    let mut places: Vec<TagPlace> = Vec::with_capacity(requests.len());
    // The last tag placed on each row, by index into `places`.
    let mut last_on_row: Vec<(usize, usize)> = Vec::new();
    for (i, request) in requests.iter().enumerate() {
        let mut x = request.anchor;
        if let Some(&(_, p)) = last_on_row.iter().find(|(row, _)| *row == request.row) {
            let prev = &requests[p];
            let place = &mut places[p];
            let end = |form: usize| place.x + width(prev, form) + TAG_GAP;
            if end(place.form) > x {
                // The longest form of the previous tag that ends in time.
                match (place.form..prev.widths.len()).find(|&f| end(f) <= x) {
                    Some(form) => place.form = form,
                    None => {
                        place.form = prev.widths.len().saturating_sub(1);
                        x = x.max(end(place.form));
                    }
                }
            }
        }
        places.push(TagPlace { x, form: 0 });
        match last_on_row.iter_mut().find(|(row, _)| *row == request.row) {
            Some(entry) => entry.1 = i,
            None => last_on_row.push((request.row, i)),
        }
    }
    places
}

impl BlockSpans<'_> {
    /// Paints the tags of the spans that start in this block, each as a
    /// chip above its span's first row, placed by [`place_tags`] so that none
    /// overlaps another.
    pub(in crate::ui) fn paint_tags(&self, spans: &[(&Span, u8)], hits: &mut Vec<HitRegion>) {
        let background = self.painter.ctx().global_style().visuals.panel_fill;
        let mut tags = Vec::new();
        let mut requests = Vec::new();
        for &(span, _) in spans {
            if span.start < self.range.start {
                continue;
            }
            let local = self.local(span);
            let pieces = self.text.row_pieces(local.clone(), self.origin);
            let Some(&(row, left, _)) = pieces.first() else {
                continue;
            };
            let colors = style::tag_colors(
                self.color_of(span),
                span.status != Status::Accepted,
                background,
            );
            let galleys: Vec<_> = tag_forms(span, self.schema.contains(&span.label))
                .into_iter()
                .map(|text| {
                    self.painter
                        .layout_no_wrap(text, style::tag_font(), colors.text)
                })
                .collect();
            let widths: Vec<f32> = galleys
                .iter()
                .map(|g| g.size().x + 2.0 * style::TAG_PADDING.x)
                .collect();
            // At the span's visual start: its right end when it reads right
            // to left.
            let anchor = if self.text.is_rtl_at(local.start) {
                let right = pieces
                    .iter()
                    .filter(|p| p.0 == row)
                    .map(|p| p.2)
                    .fold(left, f32::max);
                right - widths.first().copied().unwrap_or_default()
            } else {
                left
            };
            requests.push(TagRequest {
                row,
                anchor,
                widths,
            });
            tags.push((span, colors, galleys));
        }
        let places = place_tags(&requests);
        for (((span, colors, mut galleys), request), place) in
            tags.into_iter().zip(requests).zip(places)
        {
            let galley = galleys.swap_remove(place.form);
            let (top, _) = self.text.text_band(request.row, self.origin);
            let size = galley.size() + 2.0 * style::TAG_PADDING;
            let chip = Rect::from_min_size(pos2(place.x, top - 1.0 - size.y), size);
            let selected = self.selected.contains(&span.id);
            let stroke = if selected {
                Stroke::new(2.0, colors.text)
            } else {
                Stroke::new(1.0, colors.stroke)
            };
            self.painter.rect(
                chip,
                CornerRadius::same(3),
                colors.fill,
                stroke,
                StrokeKind::Inside,
            );
            self.painter
                .galley(chip.min + style::TAG_PADDING, galley, colors.text);
            hits.push(HitRegion {
                rect: chip,
                id: span.id,
            });
        }
    }
}

/// The forms of a span's tag, longest first: the label with the span's
/// state (`person ?0.76`, `person (rejected)`), then shorter ones for when
/// the next tag on the row leaves no room (`person ?`, `per… ?`, `p ?`).
pub fn tag_forms(span: &Span, known_label: bool) -> Vec<String> {
    let label = span.label.as_str();
    let (suffix, short_suffix) = match (span.status, span.score) {
        (Status::Pending, Some(score)) => (format!(" ?{score:.2}"), " ?"),
        (Status::Pending, None) => (" ?".to_owned(), " ?"),
        (Status::Rejected, _) => (" (rejected)".to_owned(), " ×"),
        (Status::Accepted, _) => (String::new(), ""),
    };
    let full = if known_label {
        format!("{label}{suffix}")
    } else {
        format!("{label} (unknown label){suffix}")
    };
    let mut forms = vec![full, format!("{label}{short_suffix}")];
    let mut chars = label.chars();
    let head: String = chars.by_ref().take(3).collect();
    if chars.next().is_some() {
        forms.push(format!("{head}…{short_suffix}"));
    }
    let initial: String = label.chars().take(1).collect();
    forms.push(format!("{initial}{}", short_suffix.trim_start()));
    forms.dedup();
    forms
}

/// Width of a form of a tag (0 if it has none).
fn width(request: &TagRequest, form: usize) -> f32 {
    request.widths.get(form).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_have_shorter_forms_down_to_an_initial() {
        let mut span = Span::manual(1, 0, 4, "person", "Issa");
        assert_eq!(tag_forms(&span, true), ["person", "per…", "p"]);
        span.status = Status::Pending;
        span.score = Some(0.76);
        assert_eq!(
            tag_forms(&span, true),
            ["person ?0.76", "person ?", "per… ?", "p?"]
        );
        span.status = Status::Rejected;
        assert_eq!(
            tag_forms(&span, false),
            [
                "person (unknown label) (rejected)",
                "person ×",
                "per… ×",
                "p×"
            ]
        );
        let short = Span::manual(2, 0, 2, "UN", "UN");
        assert_eq!(tag_forms(&short, true), ["UN", "U"]);
    }

    fn tag(row: usize, anchor: f32, widths: &[f32]) -> TagRequest {
        TagRequest {
            row,
            anchor,
            widths: widths.to_vec(),
        }
    }

    /// The extents `(row, x_min, x_max)` of placed tags.
    fn extents(requests: &[TagRequest], places: &[TagPlace]) -> Vec<(usize, f32, f32)> {
        requests
            .iter()
            .zip(places)
            .map(|(r, p)| (r.row, p.x, p.x + r.widths[p.form]))
            .collect()
    }

    fn assert_apart(requests: &[TagRequest], places: &[TagPlace]) {
        let extents = extents(requests, places);
        for (i, a) in extents.iter().enumerate() {
            for b in &extents[i + 1..] {
                if a.0 == b.0 {
                    let apart = a.2 + TAG_GAP <= b.1 + 1e-3 || b.2 + TAG_GAP <= a.1 + 1e-3;
                    assert!(apart, "{a:?} and {b:?} overlap or touch");
                }
            }
        }
    }

    #[test]
    fn tags_with_room_stay_at_their_spans_in_full() {
        let requests = [tag(0, 0.0, &[60.0, 30.0]), tag(0, 100.0, &[60.0, 30.0])];
        let places = place_tags(&requests);
        assert_eq!(
            places,
            vec![TagPlace { x: 0.0, form: 0 }, TagPlace { x: 100.0, form: 0 }]
        );
    }

    #[test]
    fn a_tag_running_into_the_next_is_shortened_to_a_form_that_fits() {
        // "person ?0.76" (70) over a 40-wide word, then "country ?0.83".
        let requests = [
            tag(0, 10.0, &[70.0, 45.0, 25.0]),
            tag(0, 50.0, &[75.0, 50.0, 28.0]),
        ];
        let places = place_tags(&requests);
        assert_eq!(places[0], TagPlace { x: 10.0, form: 2 });
        assert_eq!(places[1], TagPlace { x: 50.0, form: 0 });
        assert_apart(&requests, &places);
    }

    #[test]
    fn a_tag_moves_right_when_the_previous_cannot_shrink_enough() {
        // Two spans starting at the same place (nested).
        let requests = [tag(0, 10.0, &[70.0, 30.0]), tag(0, 10.0, &[60.0, 20.0])];
        let places = place_tags(&requests);
        assert_eq!(places[0], TagPlace { x: 10.0, form: 1 });
        assert_eq!(places[1].x, 10.0 + 30.0 + TAG_GAP);
        assert_apart(&requests, &places);
    }

    #[test]
    fn tags_on_other_rows_do_not_push_each_other() {
        let requests = [
            tag(0, 10.0, &[70.0]),
            tag(1, 12.0, &[70.0]),
            tag(0, 20.0, &[50.0]),
        ];
        let places = place_tags(&requests);
        assert_eq!(places[1], TagPlace { x: 12.0, form: 0 });
        assert_eq!(places[2].x, 10.0 + 70.0 + TAG_GAP);
        assert_apart(&requests, &places);
    }

    #[test]
    fn many_crowded_tags_never_overlap() {
        let mut seed = 0x9e37_79b9_u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        for _ in 0..200 {
            let mut anchor = 0.0;
            let requests: Vec<TagRequest> = (0..12)
                .map(|_| {
                    anchor += next(40) as f32;
                    let full = 20.0 + next(60) as f32;
                    tag(next(3) as usize, anchor, &[full, full / 2.0, 12.0])
                })
                .collect();
            let places = place_tags(&requests);
            assert_apart(&requests, &places);
            for (r, p) in requests.iter().zip(&places) {
                assert!(p.x >= r.anchor, "a tag moved left of its span");
            }
        }
    }
}
