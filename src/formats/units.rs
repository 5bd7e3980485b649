//! What a source's offsets count, and their conversion to code points.

use std::fmt;
use std::str::FromStr;

use unicode_segmentation::UnicodeSegmentation as _;

use super::ImportedDoc;

/// What the offsets in a source count.
///
/// newsmark counts code points (Python `str` indices), as spaCy, Prodigy and
/// brat do. doccano computes offsets in JavaScript, so it counts UTF-16 code
/// units: 😀 is two, 🇨🇺 four, 👩‍💻 five; with its "count grapheme clusters
/// as one character" option, each of those is one. Tools written in Rust, Go
/// or C often count UTF-8 bytes: 😀 is four, `é` two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode code points (`codepoints`).
    CodePoints,
    /// UTF-16 code units, as JavaScript string indices (`utf16`).
    Utf16,
    /// UTF-8 bytes (`bytes`).
    Bytes,
    /// Extended grapheme clusters, user-perceived characters (`graphemes`).
    Graphemes,
}

impl OffsetUnit {
    /// Every unit, in the order detection tries them after the expected one.
    pub const ALL: [Self; 4] = [Self::CodePoints, Self::Utf16, Self::Bytes, Self::Graphemes];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::CodePoints => "codepoints",
            Self::Utf16 => "utf16",
            Self::Bytes => "bytes",
            Self::Graphemes => "graphemes",
        }
    }

    /// How messages speak of it: "UTF-16 offsets".
    pub(super) fn describe(self) -> &'static str {
        match self {
            Self::CodePoints => "code-point",
            Self::Utf16 => "UTF-16",
            Self::Bytes => "UTF-8 byte",
            Self::Graphemes => "grapheme",
        }
    }
}

impl fmt::Display for OffsetUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An offset unit name that is not `codepoints`, `utf16`, `bytes` or
/// `graphemes`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown offset unit {0:?}: expected codepoints, utf16, bytes or graphemes")]
pub struct UnknownOffsetUnit(pub String);

impl FromStr for OffsetUnit {
    type Err = UnknownOffsetUnit;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|u| u.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownOffsetUnit(s.to_owned()))
    }
}

/// Turns offsets counted in one unit over one text into code points.
pub(super) struct Converter {
    unit: OffsetUnit,
    /// `None` when the unit counts like code points over this text.
    /// Otherwise, for graphemes, `bounds[g]` is the code point where
    /// grapheme `g` starts; for the other units, `bounds[k]` is the offset,
    /// in the unit, of code point `k`'s start. Either way the last entry is
    /// the text's end.
    bounds: Option<Vec<usize>>,
}

impl Converter {
    /// A converter from `unit` over `text`.
    pub(super) fn new(text: &str, unit: OffsetUnit) -> Self {
        let per_char = |width: fn(char) -> usize| {
            if text.chars().all(|c| width(c) == 1) {
                return None;
            }
            let mut at = 0;
            let mut bounds = Vec::with_capacity(text.len() + 1);
            for c in text.chars() {
                bounds.push(at);
                at += width(c);
            }
            bounds.push(at);
            Some(bounds)
        };
        let bounds = match unit {
            OffsetUnit::CodePoints => None,
            OffsetUnit::Utf16 => per_char(char::len_utf16),
            OffsetUnit::Bytes => per_char(char::len_utf8),
            OffsetUnit::Graphemes => {
                let mut at = 0;
                let mut bounds = Vec::new();
                for g in text.graphemes(true) {
                    bounds.push(at);
                    at += g.chars().count();
                }
                bounds.push(at);
                (at + 1 != bounds.len()).then_some(bounds)
            }
        };
        Self { unit, bounds }
    }

    /// The code point at `offset`, or why there is none: outside the text,
    /// or inside a character. Code points are passed through as they are
    /// (the merge checks them against the text).
    pub(super) fn to_char(&self, offset: usize) -> Result<usize, String> {
        let Some(bounds) = &self.bounds else {
            return Ok(offset);
        };
        let len = bounds.last().copied().unwrap_or(0);
        match self.unit {
            OffsetUnit::Graphemes => bounds
                .get(offset)
                .copied()
                .ok_or_else(|| outside(self.unit, bounds.len() - 1)),
            _ => bounds.binary_search(&offset).map_err(|at| {
                if at == bounds.len() {
                    outside(self.unit, len)
                } else if self.unit == OffsetUnit::Bytes {
                    format!(
                        "offset {offset} falls inside a character (a multi-byte UTF-8 sequence)"
                    )
                } else {
                    format!("offset {offset} falls inside a character (a UTF-16 surrogate pair)")
                }
            }),
        }
    }
}

/// Converts `doc`'s span offsets from `unit` to code points. A span whose
/// offsets fall outside the text or inside a character is reported, counted
/// in [`ImportedDoc::skipped_spans`] and removed, with its offsets as the
/// source gives them; so is a relation or link of the span.
pub(super) fn to_code_points(doc: &mut ImportedDoc, unit: OffsetUnit, problems: &mut Vec<String>) {
    let converter = Converter::new(&doc.text, unit);
    if converter.bounds.is_none() {
        return;
    }
    let source = doc.source.clone();
    let mut skipped = 0;
    // What removing spans costs relations and links, after the spans'
    // own problems.
    let mut lost = Vec::new();
    doc.retain_spans(&mut lost, |span| {
        let converted = converter
            .to_char(span.start)
            .and_then(|s| Ok((s, converter.to_char(span.end)?)));
        match converted {
            Ok((start, end)) => {
                span.start = start;
                span.end = end;
                true
            }
            Err(reason) => {
                problems.push(format!(
                    "{source}: {}..{} ({} offsets): {reason}; span skipped",
                    span.start,
                    span.end,
                    unit.describe()
                ));
                skipped += 1;
                false
            }
        }
    });
    problems.extend(lost);
    doc.skipped_spans += skipped;
}

fn outside(unit: OffsetUnit, len: usize) -> String {
    let units = format!("{} unit", unit.describe());
    let units = crate::plural::counted(len, &units, &format!("{units}s"));
    format!("outside the text ({units})")
}

#[cfg(test)]
mod tests {
    use super::super::JsonSpan;
    use super::*;

    fn doc(text: &str, ranges: &[(usize, usize)]) -> ImportedDoc {
        ImportedDoc {
            source: "in.jsonl:1".to_owned(),
            name: None,
            text: text.to_owned(),
            spans: ranges
                .iter()
                .map(|&(start, end)| JsonSpan {
                    start,
                    end,
                    label: "person".to_owned(),
                    score: None,
                    text: None,
                })
                .collect(),
            relations: Vec::new(),
            links: Vec::new(),
            skipped_spans: 0,
        }
    }

    fn ranges(doc: &ImportedDoc) -> Vec<(usize, usize)> {
        doc.spans.iter().map(|s| (s.start, s.end)).collect()
    }

    #[test]
    fn utf16_offsets_after_astral_characters_become_code_points() {
        // 😀 = 2 units, 🇨🇺 = 4, 👩‍💻 = 5: "Ana" starts at code point
        // 1 + 1 + 2 + 1 + 3 + 1 = 9 and at UTF-16 unit 2 + 1 + 4 + 1 + 5 + 1 = 14.
        let text = "😀 🇨🇺 👩\u{200d}💻 Ana";
        let cp = text.chars().position(|c| c == 'A').expect("A");
        let u16: usize = text[..text.find('A').expect("A")].encode_utf16().count();
        assert_eq!((cp, u16), (9, 14));
        let mut d = doc(text, &[(u16, u16 + 3), (0, 2), (1, 3), (13, 99)]);
        let mut problems = Vec::new();
        to_code_points(&mut d, OffsetUnit::Utf16, &mut problems);
        assert_eq!(ranges(&d), vec![(cp, cp + 3), (0, 1)]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("1..3 (UTF-16 offsets)"),
            "{problems:?}"
        );
        assert!(problems[0].contains("inside a character"), "{problems:?}");
        assert!(
            problems[1].contains("outside the text (17 UTF-16"),
            "{problems:?}"
        );
    }

    #[test]
    fn grapheme_offsets_count_a_flag_and_a_zwj_sequence_as_one() {
        let text = "🇨🇺 👩\u{200d}💻 Ana";
        let mut d = doc(text, &[(4, 7), (0, 1)]);
        let mut problems = Vec::new();
        to_code_points(&mut d, OffsetUnit::Graphemes, &mut problems);
        assert_eq!(ranges(&d), vec![(7, 10), (0, 2)]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!("UTF16".parse::<OffsetUnit>(), Ok(OffsetUnit::Utf16));
        assert_eq!("bytes".parse::<OffsetUnit>(), Ok(OffsetUnit::Bytes));
        assert!("utf32".parse::<OffsetUnit>().is_err());
    }

    #[test]
    fn utf8_byte_offsets_become_code_points_and_mid_character_ones_are_refused() {
        // "Zürich" is 7 bytes, 6 code points; 😀 is 4 bytes.
        let text = "Zürich 😀 Ana";
        let mut d = doc(text, &[(0, 7), (13, 16), (2, 5), (9, 16)]);
        let mut problems = Vec::new();
        to_code_points(&mut d, OffsetUnit::Bytes, &mut problems);
        assert_eq!(ranges(&d), vec![(0, 6), (9, 12)]);
        assert_eq!(d.skipped_spans, 2);
        assert!(
            problems[0].contains("2..5 (UTF-8 byte offsets)"),
            "{problems:?}"
        );
        assert!(problems[0].contains("multi-byte UTF-8"), "{problems:?}");
        assert!(problems[1].contains("9..16"), "{problems:?}");
    }
}
