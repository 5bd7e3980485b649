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
/// as one character" option, each of those is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode code points (`codepoints`).
    CodePoints,
    /// UTF-16 code units, as JavaScript string indices (`utf16`).
    Utf16,
    /// Extended grapheme clusters, user-perceived characters (`graphemes`).
    Graphemes,
}

impl OffsetUnit {
    /// Every unit.
    pub const ALL: [Self; 3] = [Self::CodePoints, Self::Utf16, Self::Graphemes];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::CodePoints => "codepoints",
            Self::Utf16 => "utf16",
            Self::Graphemes => "graphemes",
        }
    }

    /// How messages speak of it: "UTF-16 offsets".
    fn describe(self) -> &'static str {
        match self {
            Self::CodePoints => "code-point",
            Self::Utf16 => "UTF-16",
            Self::Graphemes => "grapheme",
        }
    }
}

impl fmt::Display for OffsetUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An offset unit name that is not `codepoints`, `utf16` or `graphemes`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown offset unit {0:?}: expected codepoints, utf16 or graphemes")]
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

/// Converts `doc`'s span offsets from `unit` to code points. A span whose
/// offsets fall outside the text or inside a character is reported and
/// removed, with its offsets as the source gives them.
pub(super) fn to_code_points(doc: &mut ImportedDoc, unit: OffsetUnit, problems: &mut Vec<String>) {
    // `bounds[k]` is the offset, in `unit`, of code point `k`'s start (and
    // `bounds[len]` the text's length); for graphemes, `bounds[g]` is the code
    // point where grapheme `g` starts.
    let bounds: Vec<usize> = match unit {
        OffsetUnit::CodePoints => return,
        OffsetUnit::Utf16 => {
            if doc.text.chars().all(|c| c.len_utf16() == 1) {
                return;
            }
            let mut at = 0;
            let mut bounds = Vec::with_capacity(doc.text.len() + 1);
            for c in doc.text.chars() {
                bounds.push(at);
                at += c.len_utf16();
            }
            bounds.push(at);
            bounds
        }
        OffsetUnit::Graphemes => {
            let mut at = 0;
            let mut bounds = Vec::new();
            for g in doc.text.graphemes(true) {
                bounds.push(at);
                at += g.chars().count();
            }
            bounds.push(at);
            bounds
        }
    };
    let to_char = |offset: usize| -> Result<usize, String> {
        match unit {
            OffsetUnit::Graphemes => bounds
                .get(offset)
                .copied()
                .ok_or_else(|| outside(unit, bounds.len() - 1)),
            _ => bounds.binary_search(&offset).map_err(|at| {
                if at == bounds.len() {
                    outside(unit, bounds.last().copied().unwrap_or(0))
                } else {
                    format!("offset {offset} falls inside a character (a UTF-16 surrogate pair)")
                }
            }),
        }
    };
    let source = &doc.source;
    doc.spans.retain_mut(|span| {
        match to_char(span.start).and_then(|s| Ok((s, to_char(span.end)?))) {
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
                false
            }
        }
    });
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
        assert!("bytes".parse::<OffsetUnit>().is_err());
    }
}
