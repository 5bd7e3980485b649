//! Tests of where the caret is drawn on a bidirectional row and how the
//! arrows move it.

use super::super::{Direction, Levels};
use super::*;

/// The caret positions of `text` as one row, left to right on screen.
fn screen_order(text: &str) -> Vec<usize> {
    let levels = Levels::of(text);
    let row = levels.row_levels(0..levels.len());
    caret_order(&caret_slots(&row, levels.direction, true))
}

/// Where the arrows take the caret from `from` in `text` (one row).
fn step(text: &str, from: usize, left: bool) -> Option<usize> {
    step_on_screen(&screen_order(text), from, left, |_| true)
}

#[test]
fn a_number_in_a_persian_paragraph_is_crossed_left_to_right() {
    // د ر _ س ا ل _ 2 0 2 4 _ ( م ی ل ا د ی ): "2024" is 7..11.
    let text = "در سال 2024 (میلادی)";
    let order = screen_order(text);
    let mut expected: Vec<usize> = (12..=20).rev().collect();
    expected.extend([7, 8, 9, 10, 11]);
    expected.extend((0..=6).rev());
    assert_eq!(order, expected);
    // Left from between "2" and "0" goes before the "2", on its left.
    assert_eq!(step(text, 8, true), Some(7));
    // Then on over the space to the bracket, as the text reads.
    assert_eq!(step(text, 7, true), Some(12));
    // Right from before the "4" goes after it (the number's right end),
    // then into the Persian word on its right.
    assert_eq!(step(text, 10, false), Some(11));
    assert_eq!(step(text, 11, false), Some(6));
    // The row's first position is at its right edge: Right leaves the row.
    assert_eq!(step(text, 0, false), None);
    assert_eq!(step(text, 20, true), None);
}

#[test]
fn persian_words_in_an_english_paragraph_are_crossed_right_to_left() {
    // a b c _ س ل ا م _ 1 2 3 _ د ن ی ا: the Persian runs (and the number
    // between them) show to the right of "abc ", دنیا leftmost.
    let text = "abc سلام 123 دنیا";
    assert_eq!(
        screen_order(text),
        [0, 1, 2, 3, 17, 16, 15, 14, 13, 9, 10, 11, 12, 8, 7, 6, 5, 4]
    );
    // Right from the space before سلام goes to the Persian's far left end.
    assert_eq!(step(text, 3, false), Some(17));
    // Right inside سلام moves back through the word: 6 is left of 5.
    assert_eq!(step(text, 6, false), Some(5));
}

#[test]
fn the_first_position_of_a_row_is_at_the_paragraph_start_edge() {
    // "2024 سلام" reads right to left: its first position is at the right
    // edge, and the end of "2024" takes the number's left end.
    let levels = Levels::of("2024 سلام");
    let row = levels.row_levels(0..levels.len());
    let slots = caret_slots(&row, levels.direction, true);
    assert_eq!(slots[0].boundary, 9);
    assert!(!slots[0].hugs_right);
    assert_eq!(
        caret_order(&slots),
        [9, 8, 7, 6, 5, 4, 1, 2, 3, 0],
        "{slots:?}"
    );
}

#[test]
fn a_wrapped_row_has_no_slot_for_its_end() {
    let levels = Levels::of("سلام دنیا");
    let row = levels.row_levels(0..5);
    let slots = caret_slots(&row, Direction::RightToLeft, false);
    assert_eq!(slots.len(), 5);
    assert_eq!(caret_order(&slots), [4, 3, 2, 1, 0]);
    let empty = caret_slots(&[], Direction::RightToLeft, true);
    assert_eq!(empty.len(), 1);
    assert_eq!(empty[0].char, None);
}

#[test]
fn arrows_skip_positions_inside_a_cluster() {
    let order = [0, 1, 2, 3, 4];
    assert_eq!(step_on_screen(&order, 1, false, |p| p != 2), Some(3));
    assert_eq!(step_on_screen(&order, 3, true, |p| p != 2), Some(1));
    assert_eq!(step_on_screen(&order, 4, false, |_| true), None);
    assert_eq!(step_on_screen(&order, 9, false, |_| true), None);
}

/// A small fixed-seed generator, so the rows below are the same each run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

#[test]
fn with_two_levels_every_boundary_has_exactly_one_position() {
    let mut rng = Lcg(15);
    for _ in 0..20_000 {
        let rtl = rng.below(2) == 1;
        let para = u8::from(rtl);
        let n = 1 + rng.below(12) as usize;
        let levels: Vec<u8> = (0..n).map(|_| para + rng.below(2) as u8).collect();
        let last = rng.below(2) == 1;
        let direction = Direction::of_level(para);
        let slots = caret_slots(&levels, direction, last);
        let mut boundaries: Vec<usize> = slots.iter().map(|s| s.boundary).collect();
        boundaries.sort_unstable();
        boundaries.dedup();
        assert_eq!(
            boundaries.len(),
            slots.len(),
            "{levels:?} {direction:?} last {last}: {slots:?}"
        );
    }
}

#[test]
fn with_more_levels_no_two_positions_are_drawn_in_one_place() {
    let mut rng = Lcg(4);
    for _ in 0..20_000 {
        let para = rng.below(2) as u8;
        let n = 1 + rng.below(12) as usize;
        let levels: Vec<u8> = (0..n).map(|_| para + rng.below(3) as u8).collect();
        let last = rng.below(2) == 1;
        let slots = caret_slots(&levels, Direction::of_level(para), last);
        let mut places: Vec<(usize, bool)> =
            slots.iter().map(|s| (s.boundary, s.hugs_right)).collect();
        places.sort_unstable();
        places.dedup();
        assert_eq!(
            places.len(),
            slots.len(),
            "{levels:?} last {last}: {slots:?}"
        );
        for s in &slots {
            let c = s.char.expect("a character");
            assert!(c < n);
        }
    }
}
