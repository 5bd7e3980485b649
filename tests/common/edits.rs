//! A fixed-seed generator and filler words for the re-anchoring tests,
//! which build edited articles from them.

use std::ops::Range;

/// xorshift64*: a fixed-seed generator, so every run tests the same cases.
pub struct Rng(pub u64);

impl Rng {
    /// The next number of the sequence.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `range` (which must not be empty).
    pub fn pick(&mut self, range: Range<usize>) -> usize {
        range.start + usize::try_from(self.next() % (range.len() as u64)).unwrap()
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Filler words for generated text.
pub const WORDS: &[&str] = &[
    "the",
    "talks",
    "officials",
    "said",
    "on",
    "Monday",
    "a",
    "new",
    "agreement",
    "between",
    "delegation",
    "would",
    "visit",
    "next",
    "year",
    "and",
    "its",
    "government",
    "plans",
    "to",
    "expand",
    "cooperation",
    "in",
    "energy",
    "trade",
    "reporters",
    "statement",
    "ministry",
];
