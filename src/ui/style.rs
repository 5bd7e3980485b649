//! Typography and colours of the text view.

use egui::{Color32, FontId};

use crate::model::Rgb;

/// Body text size in points.
pub const BODY_SIZE: f32 = 17.0;
/// Title text size in points.
pub const TITLE_SIZE: f32 = 25.0;
/// Row height of body text: room above the glyphs for label tags and below
/// for the stacked underlines of nested spans.
pub const BODY_LINE_HEIGHT: f32 = 44.0;
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
pub const TAG_SIZE: f32 = 10.0;
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
