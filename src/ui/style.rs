//! Typography and colours of the text view.

use egui::{Color32, FontId, Vec2};

use crate::model::Rgb;

/// Body text size in points.
pub const BODY_SIZE: f32 = 17.0;
/// Title text size in points.
pub const TITLE_SIZE: f32 = 25.0;
/// Row height of body text: room above the glyphs for label tags and below
/// for the stacked underlines of nested spans.
pub const BODY_LINE_HEIGHT: f32 = 48.0;
/// Row height of the title.
pub const TITLE_LINE_HEIGHT: f32 = 52.0;
/// Space after each paragraph.
pub const PARAGRAPH_GAP: f32 = 18.0;
/// Height of an empty line.
pub const BLANK_LINE_HEIGHT: f32 = 8.0;
/// Widest text column, for a comfortable line length (~75 characters).
pub const MAX_COLUMN_WIDTH: f32 = 720.0;
/// Margin around the text column.
pub const MARGIN: f32 = 32.0;
/// Size of the label tags drawn above spans.
pub const TAG_SIZE: f32 = 12.0;
/// Room around a tag's text inside its chip.
pub const TAG_PADDING: Vec2 = Vec2::new(3.0, 0.5);
/// Vertical distance between the underlines of nested spans.
pub const DEPTH_STEP: f32 = 4.0;
/// Thickness of a span's underline.
pub const UNDERLINE: f32 = 2.5;

/// Font of label tags.
pub fn tag_font() -> FontId {
    FontId::proportional(TAG_SIZE)
}

/// A label colour as egui's.
pub fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Colour of spans whose label is not in the schema.
pub const UNKNOWN_LABEL: Color32 = Color32::from_rgb(0x80, 0x80, 0x80);

/// The least contrast between tag text and what is behind it: WCAG 2's
/// level AA for normal text.
pub const MIN_CONTRAST: f32 = 4.5;

/// WCAG 2 relative luminance of an opaque colour (0 black, 1 white).
pub fn relative_luminance(color: Color32) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

/// WCAG 2 contrast ratio of two opaque colours, from 1 (same) to 21 (black
/// on white).
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Black or white, whichever reads better on `background` (at least 4.58:1
/// on any opaque colour).
pub fn ink_on(background: Color32) -> Color32 {
    if contrast_ratio(Color32::BLACK, background) >= contrast_ratio(Color32::WHITE, background) {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// `color` as text on `background`: itself if it already reaches
/// [`MIN_CONTRAST`], else mixed towards black (on a light background) or
/// white (on a dark one) just enough to reach it, so it keeps its hue.
pub fn readable_on(color: Color32, background: Color32) -> Color32 {
    let ink = ink_on(background);
    let mut mixed = color.to_opaque();
    for step in 1..=20u8 {
        if contrast_ratio(mixed, background) >= MIN_CONTRAST {
            break;
        }
        mixed = color.to_opaque().lerp_to_gamma(ink, f32::from(step) / 20.0);
    }
    mixed
}

/// How a label tag is drawn: a small chip with its text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TagColors {
    /// The chip's fill.
    pub fill: Color32,
    /// Its outline (transparent when the fill is the label colour).
    pub stroke: Color32,
    /// The text.
    pub text: Color32,
}

/// The colours of a tag of `label` colour on `background`: an accepted
/// span's tag is filled with the label colour and written in black or white;
/// a suggestion's (pending or rejected) is outlined in the label colour on
/// the background and written in the label colour made readable there.
pub fn tag_colors(label: Color32, suggestion: bool, background: Color32) -> TagColors {
    if suggestion {
        TagColors {
            fill: background,
            stroke: label,
            text: readable_on(label, background),
        }
    } else {
        TagColors {
            fill: label,
            stroke: Color32::TRANSPARENT,
            text: ink_on(label),
        }
    }
}

/// The most characters of one string from a file (a message, a quote, a
/// name) the window lays out in one place; the rest is elided, so that no
/// file can make the window lay out an unbounded string.
pub const MAX_SHOWN_CHARS: usize = 300;

/// `s` elided to [`MAX_SHOWN_CHARS`] characters, for drawing.
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    crate::model::elide(s, MAX_SHOWN_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LabelSchema;

    #[test]
    fn contrast_ratio_matches_wcag_reference_values() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #777777 on white is the classic "just fails AA" grey: 4.48:1.
        let grey = Color32::from_gray(0x77);
        assert!((contrast_ratio(grey, Color32::WHITE) - 4.48).abs() < 0.01);
    }

    #[test]
    fn every_default_label_tag_reads_at_4_5_to_1_in_both_themes() {
        let schema = LabelSchema::default();
        let colors = schema
            .labels
            .iter()
            .map(|l| (l.name.clone(), color(l.color)))
            .chain([("unknown".to_owned(), UNKNOWN_LABEL)]);
        for (name, label) in colors {
            for (theme, visuals) in [
                ("light", egui::Visuals::light()),
                ("dark", egui::Visuals::dark()),
            ] {
                let background = visuals.panel_fill;
                for suggestion in [false, true] {
                    let tag = tag_colors(label, suggestion, background);
                    let ratio = contrast_ratio(tag.text, tag.fill);
                    assert!(
                        ratio >= MIN_CONTRAST,
                        "{name} tag (suggestion: {suggestion}) in the {theme} theme: {ratio:.2}:1"
                    );
                }
            }
        }
    }

    #[test]
    fn a_readable_colour_keeps_its_hue_and_changes_only_as_needed() {
        let white = Color32::WHITE;
        // Already dark enough: unchanged.
        let navy = Color32::from_rgb(0x10, 0x20, 0x80);
        assert_eq!(readable_on(navy, white), navy);
        // Orange on white is darkened, and stays orange-ish (red > green > blue).
        let orange = Color32::from_rgb(0xd9, 0x7d, 0x0d);
        let dark = readable_on(orange, white);
        assert!(contrast_ratio(dark, white) >= MIN_CONTRAST);
        assert!(dark.r() > dark.g() && dark.g() > dark.b(), "{dark:?}");
        assert!(dark.r() > 0x60, "darkened far more than needed: {dark:?}");
    }
}
