//! The caret and text selection, in code points.

use std::ops::Range;

/// A selection from `anchor` (where it started) to `caret` (where the caret
/// is). Empty when they coincide: then it is just the caret.
///
/// Tagging snaps a selection to whole words (as a drag does) unless it is
/// `exact`: made with Alt held (Alt+drag, Alt+Shift+arrows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Where the selection started.
    pub anchor: usize,
    /// Where the caret is.
    pub caret: usize,
    /// Taken character for character: tagging does not snap it to words.
    pub exact: bool,
}

impl Selection {
    /// A caret with nothing selected.
    pub fn caret_at(pos: usize) -> Self {
        Self {
            anchor: pos,
            caret: pos,
            exact: false,
        }
    }

    /// A selection of `range`, caret at its end.
    pub fn of_range(range: Range<usize>) -> Self {
        Self {
            anchor: range.start,
            caret: range.end,
            exact: false,
        }
    }

    /// The selected code points.
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.caret)..self.anchor.max(self.caret)
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.anchor == self.caret
    }

    /// Moves the caret to `pos`, extending the selection if `extend`;
    /// `exact` marks the result as taken character for character.
    pub fn moved_to(self, pos: usize, extend: bool, exact: bool) -> Self {
        if extend {
            Self {
                anchor: self.anchor,
                caret: pos,
                exact,
            }
        } else {
            Self::caret_at(pos)
        }
    }
}
