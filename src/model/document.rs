//! An article's text with a fast mapping between code-point offsets (the
//! offsets stored in annotation files) and byte offsets (what Rust strings use).

use std::ops::Range;

/// Every `CHECKPOINT_EVERY`-th character's byte offset is remembered, so that a
/// char→byte lookup scans at most that many characters.
const CHECKPOINT_EVERY: usize = 64;

/// The UTF-8 byte order mark, which is not part of a document's text.
pub const BOM: &str = "\u{feff}";

/// An article's text, exactly as stored (no newline normalisation), without a
/// leading byte order mark.
///
/// Offsets everywhere in newsmark are Unicode code points (Python `str`
/// indices): `char_*` functions convert them to and from byte offsets.
#[derive(Clone, Debug)]
pub struct Document {
    text: String,
    char_len: usize,
    /// Byte offset of character `k * CHECKPOINT_EVERY`; empty when the text is
    /// ASCII, in which case char and byte offsets coincide.
    checkpoints: Vec<usize>,
    had_bom: bool,
}

impl Document {
    /// Builds a document from text. A leading byte order mark is stripped and
    /// remembered (see [`Self::had_bom`]).
    pub fn new(text: impl Into<String>) -> Self {
        let mut text = text.into();
        let had_bom = text.starts_with(BOM);
        if had_bom {
            text.drain(..BOM.len());
        }
        let (char_len, checkpoints) = if text.is_ascii() {
            (text.len(), Vec::new())
        } else {
            let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_EVERY + 1);
            let mut count = 0;
            for (byte, _) in text.char_indices() {
                if count % CHECKPOINT_EVERY == 0 {
                    checkpoints.push(byte);
                }
                count += 1;
            }
            (count, checkpoints)
        };
        Self {
            text,
            char_len,
            checkpoints,
            had_bom,
        }
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Whether the file this text came from started with a byte order mark.
    pub fn had_bom(&self) -> bool {
        self.had_bom
    }

    /// Byte offset of code point `char_idx`; `char_len()` maps to the text's
    /// byte length. `None` past the end.
    pub fn byte_of_char(&self, char_idx: usize) -> Option<usize> {
        if char_idx > self.char_len {
            return None;
        }
        if self.checkpoints.is_empty() {
            return Some(char_idx);
        }
        if char_idx == self.char_len {
            return Some(self.text.len());
        }
        let base = self.checkpoints[char_idx / CHECKPOINT_EVERY];
        let skip = char_idx % CHECKPOINT_EVERY;
        self.text[base..]
            .char_indices()
            .nth(skip)
            .map(|(b, _)| base + b)
    }

    /// Code-point offset of byte `byte_idx`, which must lie on a character
    /// boundary (or be the text's length). `None` otherwise.
    pub fn char_of_byte(&self, byte_idx: usize) -> Option<usize> {
        if !self.text.is_char_boundary(byte_idx) {
            return None;
        }
        if self.checkpoints.is_empty() {
            return Some(byte_idx);
        }
        let k = self.checkpoints.partition_point(|&b| b <= byte_idx) - 1;
        let base = self.checkpoints[k];
        Some(k * CHECKPOINT_EVERY + self.text[base..byte_idx].chars().count())
    }

    /// Byte range of the code-point range `chars`, if it lies inside the text.
    pub fn byte_range(&self, chars: Range<usize>) -> Option<Range<usize>> {
        if chars.start > chars.end {
            return None;
        }
        let start = self.byte_of_char(chars.start)?;
        let end = start + self.slice_from_byte(start, chars.end - chars.start)?;
        Some(start..end)
    }

    /// The text of the code-point range `chars`, if it lies inside the text.
    pub fn slice(&self, chars: Range<usize>) -> Option<&str> {
        self.byte_range(chars).map(|r| &self.text[r])
    }

    /// Byte length of the `n` characters starting at byte `start`.
    fn slice_from_byte(&self, start: usize, n: usize) -> Option<usize> {
        if self.checkpoints.is_empty() {
            return (start + n <= self.text.len()).then_some(n);
        }
        let rest = &self.text[start..];
        if n == 0 {
            return Some(0);
        }
        let mut it = rest.char_indices();
        let (last, c) = it.nth(n - 1)?;
        Some(last + c.len_utf8())
    }

    /// The lines of the text as code-point ranges, without their terminators
    /// (`\n` or `\r\n`). An empty text has one empty line.
    pub fn lines(&self) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        let mut line_start_byte = 0;
        for (byte, _) in self.text.match_indices('\n') {
            let end_byte = if self.text[..byte].ends_with('\r') {
                byte - 1
            } else {
                byte
            };
            lines.push(line_start_byte..end_byte);
            line_start_byte = byte + 1;
        }
        lines.push(line_start_byte..self.text.len());
        if self.checkpoints.is_empty() {
            return lines;
        }
        // Convert byte ranges to char ranges in one forward pass.
        let mut out = Vec::with_capacity(lines.len());
        let mut chars_before = 0;
        let mut byte_pos = 0;
        for range in lines {
            chars_before += self.text[byte_pos..range.start].chars().count();
            let len = self.text[range.clone()].chars().count();
            out.push(chars_before..chars_before + len);
            chars_before += len;
            byte_pos = range.end;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let d = Document::new("hello world");
        assert_eq!(d.char_len(), 11);
        assert_eq!(d.byte_of_char(6), Some(6));
        assert_eq!(d.slice(6..11), Some("world"));
        assert_eq!(d.byte_of_char(12), None);
    }

    #[test]
    fn bom_is_not_text() {
        let d = Document::new("\u{feff}Tehran");
        assert!(d.had_bom());
        assert_eq!(d.text(), "Tehran");
        assert_eq!(d.slice(0..6), Some("Tehran"));
    }

    #[test]
    fn crlf_counts_two_and_lines_strip_it() {
        let d = Document::new("ab\r\ncd\ne");
        assert_eq!(d.char_len(), 8);
        assert_eq!(d.lines(), vec![0..2, 4..6, 7..8]);
    }

    #[test]
    fn emoji_and_flags_are_several_code_points() {
        let d = Document::new("a🇨🇺b👩‍💻c");
        // 🇨🇺 is two code points, 👩‍💻 three.
        assert_eq!(d.char_len(), 1 + 2 + 1 + 3 + 1);
        assert_eq!(d.slice(1..3), Some("🇨🇺"));
        assert_eq!(d.slice(4..7), Some("👩‍💻"));
        assert_eq!(d.char_of_byte(d.text().len()), Some(8));
        assert_eq!(d.lines(), vec![0..8]);
    }
}
