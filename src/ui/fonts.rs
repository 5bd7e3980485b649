//! Fonts: egui's defaults (Ubuntu Light for text, Hack for code), with
//! egui's small 2015 emoji font replaced by a current monochrome
//! `Noto Emoji`, `Vazirmatn` for Arabic script, and `DejaVu Sans` as the
//! last fallback.
//!
//! - `Noto Emoji` 3.006 (Regular, static, Unicode Emoji 16.0) draws every
//!   emoji of news text, including ZWJ sequences (👩🏽‍💻), skin tones and
//!   flags (🇨🇺 draws as Cuba's flag, not as the letters "C U"), as one
//!   glyph each. Licence (SIL OFL 1.1): `assets/fonts/NotoEmoji-LICENSE.txt`.
//! - `Vazirmatn` 33.0.3 (Regular) draws Arabic-script letters (Persian,
//!   Arabic): made for them, it reads much better than `DejaVu Sans`. Only
//!   its Arabic-script glyphs are bundled (`Vazirmatn-Regular-Arabic.ttf`,
//!   47 KB), so English text never uses it and shows as before. Made from
//!   the npm package `vazirmatn` 33.0.3's `fonts/ttf/Vazirmatn-Regular.ttf`
//!   (not the "FD" variants, which draw ASCII digits as Persian ones) with
//!   fonttools: `pyftsubset Vazirmatn-Regular.ttf
//!   --unicodes="U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F"
//!   --layout-features='*' --output-file=Vazirmatn-Regular-Arabic.ttf`.
//!   Licence (SIL OFL 1.1, no reserved name): `assets/fonts/Vazirmatn-LICENSE.txt`.
//! - `DejaVu Sans` makes Vietnamese, Greek, Cyrillic, IPA and most Latin
//!   extensions render instead of showing boxes. Licence:
//!   `assets/fonts/DejaVu-LICENSE.txt`.

use std::sync::Arc;

use egui::epaint::text::FontTweak;
use egui::{FontData, FontDefinitions, FontFamily};

/// `Noto Emoji` 3.006, Regular weight, bundled.
static NOTO_EMOJI: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");

/// `Vazirmatn` 33.0.3, Regular weight, its Arabic-script glyphs only
/// (see the module's doc for how it was cut), bundled.
static VAZIRMATN_ARABIC: &[u8] = include_bytes!("../../assets/fonts/Vazirmatn-Regular-Arabic.ttf");

/// `DejaVu Sans`, bundled.
static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The name under which egui's default definitions hold their emoji font;
/// ours takes its place in every family, right after the text fonts.
pub const EMOJI_FONT: &str = "NotoEmoji-Regular";

/// The name of the Arabic-script font, just before the last fallback.
pub const ARABIC_FONT: &str = "Vazirmatn-Regular-Arabic";

/// The name of the last fallback.
pub const FALLBACK_FONT: &str = "DejaVuSans";

/// The font definitions of the window: egui's, with the bundled emoji font
/// in place of egui's, then `Vazirmatn` (Arabic script only) and `DejaVu
/// Sans` last in every family.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        EMOJI_FONT.to_owned(),
        Arc::new(FontData::from_static(NOTO_EMOJI).tweak(FontTweak {
            // As egui scales its own emoji font: an emoji about as tall as a
            // capital letter of the text around it.
            scale: 1.0,
            ..Default::default()
        })),
    );
    defs.font_data.insert(
        ARABIC_FONT.to_owned(),
        Arc::new(FontData::from_static(VAZIRMATN_ARABIC)),
    );
    defs.font_data.insert(
        FALLBACK_FONT.to_owned(),
        Arc::new(FontData::from_static(DEJAVU_SANS)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let fonts = defs.families.entry(family).or_default();
        if !fonts.iter().any(|name| name == EMOJI_FONT) {
            fonts.push(EMOJI_FONT.to_owned());
        }
        fonts.push(ARABIC_FONT.to_owned());
        fonts.push(FALLBACK_FONT.to_owned());
    }
    defs
}

/// Installs [`definitions`], once, before the first frame (they apply from
/// the next frame on).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_emoji_font_follows_the_text_fonts_and_dejavu_comes_last() {
        let defs = definitions();
        let data = defs.font_data.get(EMOJI_FONT).expect("emoji font");
        let bytes: &[u8] = (*data.font).as_ref();
        assert!(
            bytes == NOTO_EMOJI,
            "egui's own emoji font was not replaced"
        );
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let fonts = &defs.families[&family];
            let emoji = fonts.iter().position(|n| n == EMOJI_FONT);
            let text = fonts.iter().position(|n| n == "Ubuntu-Light");
            assert!(text < emoji, "{family:?}: {fonts:?}");
            assert_eq!(fonts.last().map(String::as_str), Some(FALLBACK_FONT));
            let arabic = fonts.iter().position(|n| n == ARABIC_FONT);
            assert!(emoji < arabic, "{family:?}: {fonts:?}");
            assert_eq!(arabic, Some(fonts.len() - 2), "{family:?}: {fonts:?}");
        }
    }

    #[test]
    fn the_arabic_script_font_holds_arabic_script_only() {
        // The Arabic-script cut has only Arabic-script glyphs.
        use skrifa::MetadataProvider as _;
        let font = skrifa::FontRef::new(VAZIRMATN_ARABIC).expect("a font");
        let charmap = font.charmap();
        for c in ['س', 'ی', '\u{200c}', '۲', '،'] {
            assert!(charmap.map(c).is_some(), "{c:?} missing");
        }
        for c in ['a', 'Z', '2', '.', ' ', '(', 'é', 'Ж', '«'] {
            assert!(charmap.map(c).is_none(), "{c:?} would move");
        }
    }
}
