//! Tests of the bidirectional logic: directions, levels, visual order,
//! mirroring, pieces and rows.

use super::*;

/// The non-space pieces of `text` as one unbroken row, left to right, each
/// as it reads (logical text).
fn visual_words(text: &str) -> Vec<String> {
    let levels = Levels::of(text);
    let pieces = pieces(text, &levels);
    let chars: Vec<char> = text.chars().collect();
    let row = 0..levels.len();
    let row_levels = levels.row_levels(row);
    let piece_levels: Vec<u8> = pieces.iter().map(|p| row_levels[p.range.start]).collect();
    visual_order(&piece_levels)
        .into_iter()
        .map(|i| &pieces[i])
        .filter(|p| !p.space)
        .map(|p| chars[p.range.clone()].iter().collect())
        .collect()
}

#[test]
fn a_paragraph_reads_the_way_of_its_first_strong_character() {
    assert_eq!(Levels::of("123 سلام").direction, Direction::RightToLeft);
    assert_eq!(Levels::of("abc سلام").direction, Direction::LeftToRight);
    assert_eq!(Levels::of("سلام abc").direction, Direction::RightToLeft);
    assert_eq!(Levels::of("123 ...").direction, Direction::LeftToRight);
    assert_eq!(Levels::of("").direction, Direction::LeftToRight);
}

#[test]
fn a_piece_of_a_paragraph_keeps_the_paragraph_direction() {
    assert_eq!(paragraph_direction("«عیسی» said"), Direction::RightToLeft);
    assert_eq!(paragraph_direction("(1) said عیسی"), Direction::LeftToRight);
    assert_eq!(paragraph_direction("2024"), Direction::LeftToRight);
    let rest = Levels::of_paragraph("said the minister", Some(Direction::RightToLeft));
    assert_eq!(rest.direction, Direction::RightToLeft);
    assert_eq!(rest.level(0), 2, "English in a right-to-left paragraph");
}

#[test]
fn only_text_with_right_to_left_characters_needs_bidi() {
    assert!(!needs_bidi(
        "Issa Tahmasebi met Cuba's envoy — café, naïve, 👩🏽‍💻"
    ));
    assert!(needs_bidi("The minister, عیسی, said"));
    assert!(
        needs_bidi("in ۲۰۲۴"),
        "Persian digits are shaped right to left"
    );
    assert!(needs_bidi("שלום"));
}

#[test]
fn runs_show_in_visual_order_as_browsers_do() {
    assert_eq!(visual_words("سلام دنیا"), ["دنیا", "سلام"]);
    assert_eq!(
        visual_words("سلام abc def دنیا"),
        ["دنیا", "abc", "def", "سلام"]
    );
    assert_eq!(visual_words("abc سلام 123"), ["abc", "123", "سلام"]);
    assert_eq!(visual_words("plain English"), ["plain", "English"]);
}

#[test]
fn brackets_in_right_to_left_text_are_mirrored_and_numbers_read_left_to_right() {
    let text = "در سال 2024 (میلادی)";
    let levels = Levels::of(text);
    let pieces = pieces(text, &levels);
    let chars: Vec<char> = text.chars().collect();
    let piece_of = |s: &str| {
        pieces
            .iter()
            .find(|p| chars[p.range.clone()].iter().collect::<String>() == s)
            .unwrap_or_else(|| panic!("no piece {s:?} in {pieces:?}"))
    };
    let year = piece_of("2024");
    assert_eq!(
        year.level, 2,
        "a number in right-to-left text reads left to right"
    );
    assert!(!year.reversed);
    for (bracket, shown) in [("(", ")"), (")", "(")] {
        let piece = piece_of(bracket);
        assert_eq!(piece.level, 1);
        assert!(piece.reversed);
        assert_eq!(shaping_text(bracket, piece.reversed).0, shown);
    }
    assert!(!piece_of("میلادی").reversed, "the shaper reverses it itself");
    assert_eq!(visual_words(text), [")", "میلادی", "(", "2024", "سال", "در"]);
}

#[test]
fn reversed_pieces_keep_their_clusters_whole() {
    // "۲۰" (Persian digits, shaped right to left) in left-to-right text.
    let (text, ranges) = shaping_text("a\u{301}(b", true);
    assert_eq!(text, "b)a\u{301}");
    assert_eq!(ranges, [2..4, 1..2, 0..1]);
    let (same, ranges) = shaping_text("می\u{200c}خ", false);
    assert_eq!(same, "می\u{200c}خ");
    assert_eq!(ranges, [0..1, 1..3, 3..4]);
}

#[test]
fn trailing_spaces_of_a_row_take_the_paragraph_level() {
    let text = "abc سلام دنیا";
    let levels = Levels::of(text);
    assert_eq!(levels.level(8), 1, "a space between Persian words");
    let row = levels.row_levels(4..9);
    assert_eq!(row, [1, 1, 1, 1, 0], "the space ending the row");
}

#[test]
fn visual_order_reverses_runs_from_the_highest_level_down() {
    assert_eq!(visual_order(&[0, 0, 0]), [0, 1, 2]);
    assert_eq!(visual_order(&[1, 1, 1]), [2, 1, 0]);
    assert_eq!(visual_order(&[1, 2, 2, 1]), [3, 1, 2, 0]);
    assert_eq!(visual_order(&[0, 1, 1, 0, 2]), [0, 2, 1, 3, 4]);
    assert!(visual_order(&[]).is_empty());
}

#[test]
fn rows_break_after_spaces_and_cover_every_item() {
    // word(30) space(5) word(30) space(5) word(30)
    let items = [
        (30.0, false),
        (5.0, true),
        (30.0, false),
        (5.0, true),
        (30.0, false),
    ];
    assert_eq!(break_rows(&items, 100.0), vec![(0..5)]);
    assert_eq!(break_rows(&items, 70.0), [0..4, 4..5]);
    assert_eq!(break_rows(&items, 40.0), [0..2, 2..4, 4..5]);
    // No space: a bracket and a word stay together unless wider than a row.
    let glued = [(30.0, false), (5.0, true), (5.0, false), (30.0, false)];
    assert_eq!(break_rows(&glued, 50.0), [0..2, 2..4]);
    assert_eq!(break_rows(&glued, 20.0), [0..2, 2..3, 3..4]);
    assert_eq!(break_rows(&[], 20.0), vec![(0..0)]);
}

#[test]
fn right_to_left_rows_end_at_the_right_edge() {
    // Two Persian words and the space between them, right to left.
    let lefts = place_row(
        &[1, 1, 1],
        &[30.0, 5.0, 20.0],
        Direction::RightToLeft,
        100.0,
    );
    assert_eq!(lefts, [70.0, 65.0, 45.0]);
    let lefts = place_row(
        &[0, 0, 1],
        &[30.0, 5.0, 20.0],
        Direction::LeftToRight,
        100.0,
    );
    assert_eq!(lefts, [0.0, 30.0, 35.0]);
}
