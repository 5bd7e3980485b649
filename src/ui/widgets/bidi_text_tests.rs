//! Tests of the right-to-left layout, with the window's fonts.

use egui::{Color32, FontId, vec2};
use unicode_segmentation::UnicodeSegmentation as _;

use super::*;

/// A context with the window's fonts installed.
pub(crate) fn context() -> egui::Context {
    let ctx = egui::Context::default();
    for _ in 0..2 {
        ctx.run_ui(egui::RawInput::default(), |ui| {
            crate::ui::fonts::install(ui.ctx());
        })
        .drop_without_applying_deltas();
    }
    ctx
}

fn format() -> TextFormat {
    TextFormat {
        font_id: FontId::proportional(17.0),
        color: Color32::WHITE,
        line_height: Some(48.0),
        ..Default::default()
    }
}

fn lay_out(ctx: &egui::Context, text: &str, width: f32) -> BidiText {
    ctx.fonts_mut(|f| BidiText::layout(f, text, &format(), width, None))
}

/// Code-point offset of the first `needle` in `text`.
fn offset(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    text[..byte].chars().count()
}

/// Left edge of the word `needle` of `text` as laid out (its one piece).
fn left_of(layout: &BidiText, text: &str, needle: &str) -> f32 {
    let at = offset(text, needle);
    let pieces = layout.range_pieces(at..at + needle.chars().count());
    assert_eq!(pieces.len(), 1, "{needle}: {pieces:?}");
    pieces[0].1
}

#[test]
fn egui_gives_more_glyphs_than_characters_for_persian() {
    // Why this module exists (epaint 0.37): glyph index ≠ char index. It
    // shapes a Persian run right to left, and its cluster bookkeeping,
    // which expects clusters in increasing order, then adds zero-width
    // "continuation" glyphs.
    let ctx = context();
    for (text, chars) in [("سلام", 4), ("می\u{200c}خواهم", 8)] {
        let galley = ctx.fonts_mut(|f| {
            f.layout_no_wrap(text.into(), FontId::proportional(17.0), Color32::WHITE)
        });
        let glyphs = galley.rows[0].row.glyphs.len();
        assert!(
            glyphs > chars,
            "{text}: {glyphs} glyphs for {chars} characters"
        );
    }
}

#[test]
fn a_right_to_left_paragraph_is_right_aligned_with_offset_zero_at_the_right() {
    let ctx = context();
    for text in ["سلام دنیا", "123 سلام"] {
        let layout = lay_out(&ctx, text, 400.0);
        assert_eq!(layout.direction(), Direction::RightToLeft, "{text}");
        let (row, x) = layout.caret(0);
        assert_eq!(row, 0);
        assert!((x - 400.0).abs() < 1.0, "{text}: offset 0 at {x}");
        let end = layout.caret(text.chars().count()).1;
        assert!(end < 370.0, "{text}: its end at {end}, on the left");
    }
    let layout = lay_out(&ctx, "abc سلام", 400.0);
    assert_eq!(layout.direction(), Direction::LeftToRight);
    let (row, x) = layout.caret(0);
    assert!(row == 0 && x.abs() < 1.0, "{x}");
}

#[test]
fn runs_are_placed_in_visual_order() {
    let ctx = context();
    let order = |text: &str, words: &[&str]| {
        let layout = lay_out(&ctx, text, 600.0);
        let xs: Vec<f32> = words.iter().map(|w| left_of(&layout, text, w)).collect();
        assert!(xs.is_sorted(), "{text}: {words:?} at {xs:?}");
    };
    order("سلام دنیا", &["دنیا", "سلام"]);
    order("سلام abc def دنیا", &["دنیا", "abc", "def", "سلام"]);
    order("abc سلام 123", &["abc", "123", "سلام"]);
}

#[test]
fn brackets_are_mirrored_and_a_year_reads_left_to_right() {
    let ctx = context();
    let text = "در سال 2024 (میلادی)";
    let layout = lay_out(&ctx, text, 600.0);
    let open = offset(text, "(");
    let close = offset(text, ")");
    let word = left_of(&layout, text, "میلادی");
    let x_open = layout.range_pieces(open..open + 1)[0].1;
    let x_close = layout.range_pieces(close..close + 1)[0].1;
    assert!(x_close < word && word < x_open, "{x_close} {word} {x_open}");
    // The opening bracket, on the right, is drawn as ")" and the closing one
    // as "(".
    let glyph_of = |pos: usize| {
        let row = &layout.rows[layout.row_of(pos)];
        let piece = row.pieces.iter().find(|p| p.contains(pos)).expect("piece");
        piece.galley.rows[0].row.glyphs[0].chr
    };
    assert_eq!(glyph_of(open), ')');
    assert_eq!(glyph_of(close), '(');
    let year = offset(text, "2024");
    let (_, x2) = layout.caret(year);
    let (_, x4) = layout.caret(year + 3);
    assert!(x2 < x4, "2024 reads left to right");
    assert!(
        x_open < left_of(&layout, text, "سال"),
        "the year is left of سال"
    );
}

/// Every grapheme boundary of `text` laid out at `width`: offset → caret
/// → offset gives the same offset.
fn assert_round_trips(ctx: &egui::Context, text: &str, width: f32) {
    let layout = lay_out(ctx, text, width);
    let mut boundaries: Vec<usize> = vec![0];
    let mut at = 0;
    for g in text.graphemes(true) {
        at += g.chars().count();
        boundaries.push(at);
    }
    for pos in boundaries {
        let (row, x) = layout.caret(pos);
        let y = layout.row_top(row) + layout.row_height() / 2.0;
        assert_eq!(
            layout.pos_at(vec2(x, y)),
            pos,
            "{text:?} at {width}: {pos} → row {row}, x {x}"
        );
    }
}

#[test]
fn every_boundary_round_trips_through_its_caret() {
    let ctx = context();
    let texts = [
        "سلام دنیا",
        "می\u{200c}خواهم بروم",
        "سلام abc def دنیا",
        "abc سلام 123",
        "در سال 2024 (میلادی)",
        "The minister عیسی تهماسبی met Cuba's envoy in ۱۴۰۳.",
        "وزیر امور خارجه ایران، عیسی تهماسبی، در سفر به هاوانا با همتای کوبایی خود دیدار کرد.",
    ];
    for text in texts {
        assert_round_trips(&ctx, text, 600.0);
        assert_round_trips(&ctx, text, 150.0);
    }
}

#[test]
fn a_span_after_persian_text_lines_up_with_its_text() {
    let ctx = context();
    let text = "The minister عیسی تهماسبی met Cuba's envoy";
    let layout = lay_out(&ctx, text, 800.0);
    let cuba = offset(text, "Cuba");
    let pieces = layout.range_pieces(cuba..cuba + 4);
    let [(0, x0, x1)] = pieces[..] else {
        panic!("{pieces:?}");
    };
    // Where "Cuba" is drawn: in the piece galley holding it.
    let row = &layout.rows[0];
    let piece = row.pieces.iter().find(|p| p.contains(cuba)).expect("piece");
    let glyphs = &piece.galley.rows[0].row.glyphs;
    let k = cuba - piece.range.start;
    assert!((x0 - (piece.left + glyphs[k].pos.x)).abs() < 0.5, "{x0}");
    assert!(
        (x1 - (piece.left + glyphs[k + 4].pos.x)).abs() < 0.5,
        "{x1}"
    );
    // And it is right of the Persian words.
    let persian = offset(text, "عیسی");
    let right_of_persian = layout
        .range_pieces(persian..persian + 12)
        .iter()
        .map(|p| p.2)
        .fold(0.0, f32::max);
    assert!(x0 > right_of_persian);
}

#[test]
fn a_range_across_a_change_of_direction_is_several_boxes() {
    let ctx = context();
    let text = "The minister عیسی تهماسبی met Cuba's envoy";
    let layout = lay_out(&ctx, text, 800.0);
    let from = offset(text, "تهماسبی");
    let to = offset(text, "met") + 3;
    let pieces = layout.range_pieces(from..to);
    assert_eq!(pieces.len(), 2, "{pieces:?}");
    assert!(
        pieces[0].2 < pieces[1].1,
        "apart, left to right: {pieces:?}"
    );
}

#[test]
fn a_click_anywhere_on_a_persian_word_is_on_one_of_its_letters() {
    let ctx = context();
    let text = "می\u{200c}خواهم بروم";
    let layout = lay_out(&ctx, text, 400.0);
    let word = layout.range_pieces(0..8);
    let [(0, x0, x1)] = word[..] else {
        panic!("{word:?}");
    };
    let mut x = x0 + 0.5;
    while x < x1 {
        let pos = layout.char_at(vec2(x, 20.0));
        assert!(pos < 8, "{x} in {x0}..{x1}: {pos}");
        x += 1.0;
    }
}

#[test]
fn a_wrapped_right_to_left_paragraph_starts_each_row_at_the_right_edge() {
    let ctx = context();
    let text =
        "وزیر امور خارجه ایران، عیسی تهماسبی، در سفر به هاوانا با همتای کوبایی خود دیدار کرد.";
    let layout = lay_out(&ctx, text, 200.0);
    assert!(layout.row_count() >= 3, "{}", layout.row_count());
    let chars: Vec<char> = text.chars().collect();
    for row in 1..layout.row_count() {
        let start = layout.row_chars(row).start;
        assert_eq!(chars[start - 1], ' ', "row {row} starts a word");
        let (r, x) = layout.caret(start);
        assert_eq!(r, row);
        assert!((x - 200.0).abs() < 1.0, "row {row} starts at {x}");
    }
    for row in 0..layout.row_count() {
        for (_, x0, x1) in layout.range_pieces(layout.row_chars(row)) {
            assert!(x0 >= -0.5 && x1 <= 200.5, "row {row}: {x0}..{x1}");
        }
    }
}

#[test]
fn the_letters_of_a_persian_word_go_right_to_left() {
    let ctx = context();
    let text = "abc سلام def";
    let layout = lay_out(&ctx, text, 600.0);
    let xs: Vec<f32> = (4..8).map(|pos| layout.caret(pos).1).collect();
    assert!(xs.windows(2).all(|w| w[1] < w[0]), "carets in سلام: {xs:?}");
    // Its first letter is at the word's right end.
    let word = layout.range_pieces(4..8)[0];
    let first = layout.range_pieces(4..5)[0];
    assert!((first.2 - word.2).abs() < 0.5, "{first:?} in {word:?}");
    assert!(first.1 > word.1 + 1.0);
}

#[test]
fn arrows_move_the_caret_one_character_at_a_time_as_drawn() {
    let ctx = context();
    let texts = [
        "در سال 2024 (میلادی)",
        "سلام abc def دنیا",
        "The minister عیسی تهماسبی met Cuba's envoy in ۱۴۰۳.",
        "می\u{200c}خواهم بروم و «Havana» را ببینم",
    ];
    for text in texts {
        for width in [600.0, 150.0] {
            let layout = lay_out(&ctx, text, width);
            let mut boundaries = vec![false; text.chars().count() + 1];
            let mut at = 0;
            boundaries[0] = true;
            for g in text.graphemes(true) {
                at += g.chars().count();
                boundaries[at] = true;
            }
            for row in 0..layout.row_count() {
                let chars = layout.row_chars(row);
                let last = row + 1 == layout.row_count();
                let end = if last { chars.end } else { chars.end - 1 };
                let stops: Vec<usize> = (chars.start..=end).filter(|&p| boundaries[p]).collect();
                // From the leftmost stop, Right visits every stop of the
                // row, each drawn further right than the one before, by at
                // least a sliver of a character.
                let mut pos = *stops
                    .iter()
                    .min_by(|&&a, &&b| layout.caret(a).1.total_cmp(&layout.caret(b).1))
                    .expect("a row has a caret position");
                let mut seen = vec![pos];
                while let Some(next) = layout.step_on_screen(pos, false, |p| boundaries[p]) {
                    let (x0, x1) = (layout.caret(pos).1, layout.caret(next).1);
                    assert!(
                        x1 > x0 + 1.0,
                        "{text:?} at {width}, row {row}: {pos} at {x0} → {next} at {x1}"
                    );
                    assert_eq!(
                        layout.step_on_screen(next, true, |p| boundaries[p]),
                        Some(pos)
                    );
                    seen.push(next);
                    pos = next;
                }
                seen.sort_unstable();
                assert_eq!(seen, stops, "{text:?} at {width}, row {row}");
            }
        }
    }
}

#[test]
fn a_text_wrapped_again_at_another_width_is_laid_out_as_if_new() {
    let ctx = context();
    let text = "وزیر امور خارجه ایران، عیسی تهماسبی، در سال 2024 (میلادی) با «Miguel Díaz-Canel» دیدار کرد.";
    for (first, then) in [(600.0, 150.0), (150.0, 420.0), (420.0, f32::INFINITY)] {
        let again = lay_out(&ctx, text, first).rewrap(then);
        let fresh = lay_out(&ctx, text, then);
        assert_eq!(again.row_count(), fresh.row_count(), "{first} → {then}");
        assert_eq!(again.size(), fresh.size());
        for pos in 0..=text.chars().count() {
            assert_eq!(
                again.caret(pos),
                fresh.caret(pos),
                "{first} → {then}: {pos}"
            );
        }
        for row in 0..fresh.row_count() {
            assert_eq!(again.row_chars(row), fresh.row_chars(row));
        }
    }
}

#[test]
fn a_word_measured_before_is_placed_as_when_first_shaped() {
    let ctx = context();
    let text = "همکاری\u{200c}های تازه";
    let first = lay_out(&ctx, text, 600.0);
    let again = lay_out(&ctx, text, 600.0);
    let bigger = ctx.fonts_mut(|f| {
        let mut format = format();
        format.font_id = FontId::proportional(25.0);
        BidiText::layout(f, text, &format, 600.0, None)
    });
    for pos in 0..=text.chars().count() {
        assert_eq!(first.caret(pos), again.caret(pos), "{pos}");
    }
    // Another size is measured again, not taken from the first.
    let span = |t: &BidiText| t.caret(0).1 - t.caret(6).1;
    assert!(
        span(&bigger) > span(&first) * 1.3,
        "{} vs {}",
        span(&bigger),
        span(&first)
    );
}

/// The galley of the first piece of `text`, laid out in a frame of `ctx`.
fn first_galley(ctx: &egui::Context, text: &str) -> Arc<Galley> {
    let mut galley = None;
    ctx.run_ui(egui::RawInput::default(), |ui| {
        let laid_out = ui.fonts_mut(|f| BidiText::layout(f, text, &format(), 600.0, None));
        galley = Some(Arc::clone(&laid_out.rows[0].pieces[0].galley));
    })
    .drop_without_applying_deltas();
    galley.expect("laid out")
}

#[test]
fn a_word_from_frames_ago_keeps_its_galley_until_egui_may_have_a_new_atlas() {
    let ctx = context();
    let word = "تهماسبی";
    let first = first_galley(&ctx, word);
    // Two frames without the word: egui's cache drops its galley; this
    // layout's memo keeps it.
    first_galley(&ctx, "سلام");
    first_galley(&ctx, "سلام");
    let later = first_galley(&ctx, word);
    assert!(Arc::ptr_eq(&first, &later), "the word's galley, remembered");
    // Frames with no right-to-left layout: egui may have cleared its cache
    // (and its atlas) without this layout seeing it, so it starts over.
    for _ in 0..2 {
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .drop_without_applying_deltas();
    }
    let anew = first_galley(&ctx, word);
    assert!(!Arc::ptr_eq(&later, &anew), "laid out anew");
    assert_eq!(anew.size(), first.size());
}
