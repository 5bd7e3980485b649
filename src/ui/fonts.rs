//! Fonts: egui's defaults (Ubuntu Light, Noto Emoji) plus `DejaVu Sans` as a
//! fallback, so that Vietnamese, Greek, Cyrillic, IPA and most Latin
//! extensions render instead of showing boxes. Its licence is in
//! `assets/fonts/DejaVu-LICENSE.txt`.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// `DejaVu Sans`, bundled.
static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Adds the fallback font; cheap when already added. Call before any text
/// is laid out in the first frame, so it applies at once.
pub fn install(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        FontData::from_static(DEJAVU_SANS),
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}
