//! Where the caret is drawn on a row of bidirectional text, and how the
//! arrow keys move it on screen.
//!
//! A row of `n` characters has `n + 1` boundaries on screen and `n + 1`
//! caret positions in the text, but where two directions meet they do not
//! pair up by themselves: in "در سال 2024 (میلادی)" the position before
//! "2024" and the one after it both touch the left end of the number. Each
//! position is drawn at an edge of one of the two characters it lies
//! between: of the one with the higher embedding level (the embedded run;
//! equal levels share the edge), so the position after "2024" sits at the
//! number's right end, where its last digit ends. The row's first position
//! sits at the paragraph's start edge (the right end of a right-to-left
//! row), and a position whose edge that takes, or one already taken, falls
//! back to its other character's edge. In text of two levels (a Persian
//! paragraph with English or numbers in it; an English one with Persian)
//! every boundary then has exactly one position, so each press of an arrow
//! moves the caret over one character on screen.

use super::{Direction, visual_order};

/// Where a caret position is drawn: at `boundary` (between the characters
/// in visual order, 0 at the row's left edge), just inside the character
/// `char` on one side of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaretSlot {
    /// The boundary, counted from the row's left edge.
    pub boundary: usize,
    /// Whether the caret sits on the boundary's right side (inside the
    /// character to its right), else its left side.
    pub hugs_right: bool,
    /// The character (row-local) the caret sits inside; `None` on an empty
    /// row.
    pub char: Option<usize>,
}

impl CaretSlot {
    /// Left-to-right order on screen: a boundary's left side, then its
    /// right side, then the next boundary.
    fn screen_key(self) -> (usize, bool) {
        (self.boundary, self.hugs_right)
    }
}

/// The slots of the caret positions of one row whose characters have the
/// embedding `levels` (rule L1 applied, as [`super::Levels::row_levels`]
/// gives them), in a paragraph reading `direction`: one per position,
/// row-local, `0..n` for a row that wraps (its end shows on the next row)
/// and `0..=n` for a paragraph's last row. See the module's doc.
pub fn caret_slots(levels: &[u8], direction: Direction, last_row: bool) -> Vec<CaretSlot> {
    let n = levels.len();
    let rtl = direction.is_rtl();
    if n == 0 {
        return vec![CaretSlot {
            boundary: 0,
            hugs_right: !rtl,
            char: None,
        }];
    }
    let mut vis = vec![0; n];
    let visual = visual_order(levels);
    for (k, &c) in visual.iter().enumerate() {
        vis[c] = k;
    }
    let ltr = |c: usize| !Direction::of_level(levels[c]).is_rtl();
    let at = |boundary: usize, hugs_right: bool| CaretSlot {
        boundary,
        hugs_right,
        char: Some(if hugs_right {
            visual[boundary]
        } else {
            visual[boundary - 1]
        }),
    };
    // The edge where a character starts reading, and where it stops.
    let leading = |c: usize| {
        if ltr(c) {
            at(vis[c], true)
        } else {
            at(vis[c] + 1, false)
        }
    };
    let trailing = |c: usize| {
        if ltr(c) {
            at(vis[c] + 1, false)
        } else {
            at(vis[c], true)
        }
    };
    let start = if rtl { at(n, false) } else { at(0, true) };
    let end_edge = if rtl { at(0, true) } else { at(n, false) };
    let last = if last_row { n } else { n - 1 };
    // Each position's first and second choice.
    let choices: Vec<(CaretSlot, CaretSlot)> = (1..=last)
        .map(|p| {
            if p == n {
                (trailing(n - 1), end_edge)
            } else if levels[p] >= levels[p - 1] {
                (leading(p), trailing(p - 1))
            } else {
                (trailing(p - 1), leading(p))
            }
        })
        .collect();
    let mut preferred = vec![0u32; n + 1];
    for (first, _) in &choices {
        preferred[first.boundary] += 1;
    }
    let mut taken = vec![false; n + 1];
    taken[start.boundary] = true;
    let mut slots: Vec<Option<CaretSlot>> = vec![None; last + 1];
    slots[0] = Some(start);
    // First every position whose first choice no other wants.
    for (p, (first, _)) in choices.iter().enumerate() {
        if first.boundary != start.boundary && preferred[first.boundary] == 1 {
            slots[p + 1] = Some(*first);
            taken[first.boundary] = true;
        }
    }
    // Then the others, in the text's order: a free boundary if either
    // choice has one, else (only where three levels or more meet at the
    // row's edges) the free boundary nearest to the first choice.
    for (p, &(first, second)) in choices.iter().enumerate() {
        if slots[p + 1].is_some() {
            continue;
        }
        let slot = if !taken[first.boundary] {
            first
        } else if !taken[second.boundary] {
            second
        } else {
            let free = (0..=n)
                .filter(|&b| !taken[b])
                .min_by_key(|&b| b.abs_diff(first.boundary))
                .unwrap_or(first.boundary);
            if free < n {
                at(free, true)
            } else {
                at(free, false)
            }
        };
        taken[slot.boundary] = true;
        slots[p + 1] = Some(slot);
    }
    slots.into_iter().map(|s| s.unwrap_or(start)).collect()
}

/// The positions of `slots` (indices), left to right as drawn.
pub fn caret_order(slots: &[CaretSlot]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..slots.len()).collect();
    order.sort_by_key(|&p| (slots[p].screen_key(), p));
    order
}

/// The position the caret moves to from `from` when an arrow moves it one
/// step left (or right) on screen: the next position in `order` (as
/// [`caret_order`] gives it) that `is_stop` accepts (a grapheme boundary);
/// `None` at the row's edge, or when `from` is not in `order`.
pub fn step_on_screen(
    order: &[usize],
    from: usize,
    left: bool,
    is_stop: impl Fn(usize) -> bool,
) -> Option<usize> {
    let i = order.iter().position(|&p| p == from)?;
    if left {
        order[..i].iter().rev().copied().find(|&p| is_stop(p))
    } else {
        order[i + 1..].iter().copied().find(|&p| is_stop(p))
    }
}

#[cfg(test)]
#[path = "caret_tests.rs"]
mod tests;
