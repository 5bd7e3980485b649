//! Which unit a record's offsets count, found from the record itself.
//!
//! A record carries its text (and brat spans their quote), so each unit can
//! be tried (code points, UTF-16 units, UTF-8 bytes; graphemes only when
//! expected): converted with it, a span fits when it matches its quote or,
//! without a quote, starts and ends between words ([`word_cut_at`]). The
//! expected unit (the user's `--offsets`, or the format's usual one) is kept
//! unless another fits more spans, and most of them. Text in which the units
//! count alike (ASCII) gives every unit the same spans, so nothing is said
//! about it.
//! Everything is decided from the record alone, in a fixed order of units,
//! so the same input always gives the same result.

use super::units::{Converter, OffsetUnit};
use super::{ImportedDoc, JsonSpan};
use crate::model::Document;
use crate::model::words::word_cut_at;

/// The unit a record's offsets are expected to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Expected {
    /// Given by the user (`--offsets`): a record it does not fit, where
    /// another unit does, is refused rather than read another way.
    Given(OffsetUnit),
    /// The format's usual unit: a record it does not fit, where another
    /// unit does, is read in that unit, with a warning.
    Usual(OffsetUnit),
}

impl Expected {
    fn unit(self) -> OffsetUnit {
        match self {
            Self::Given(unit) | Self::Usual(unit) => unit,
        }
    }
}

/// The unit to read one record with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Choice {
    /// The unit its offsets count.
    pub(super) unit: OffsetUnit,
    /// Why it is not the expected unit, naming the record, if it is not.
    pub(super) warning: Option<String>,
}

/// How one unit fits a record's spans.
struct Fit {
    unit: OffsetUnit,
    /// Each span's code-point offsets read in this unit (`None`: they fall
    /// outside the text or inside a character).
    spans: Vec<Option<(usize, usize)>>,
    /// How many of them fit.
    fitting: usize,
}

/// Chooses the unit of `doc`'s offsets (see the module documentation);
/// `Err` is why the record is refused, naming it: the user's unit does not
/// fit where another does, or two other units fit equally well but place
/// the spans differently.
pub(super) fn choose(doc: &ImportedDoc, expected: Expected) -> Result<Choice, String> {
    let keep = Choice {
        unit: expected.unit(),
        warning: None,
    };
    if doc.spans.is_empty() {
        return Ok(keep);
    }
    let text = Document::new(doc.text.as_str());
    let expected_fit = fit(doc, &text, expected.unit());
    if expected_fit.fitting == doc.spans.len() {
        return Ok(keep);
    }
    // Graphemes are tried only when asked for: few tools count them, and a
    // unit tried for nothing only adds chances of a coincidence.
    let others: Vec<Fit> = OffsetUnit::ALL
        .into_iter()
        .filter(|&u| u != expected.unit() && u != OffsetUnit::Graphemes)
        .map(|u| fit(doc, &text, u))
        .collect();
    // Another unit is believed only where it fits most spans: a record of
    // spans that cut words in every unit (subwords, say) keeps its unit,
    // and each such span is named by the merge.
    let n = doc.spans.len();
    let Some(best) = others
        .iter()
        .filter(|f| f.fitting > expected_fit.fitting && 2 * f.fitting > n)
        .max_by_key(|f| (f.fitting, std::cmp::Reverse(rank(f.unit))))
    else {
        return Ok(keep);
    };
    let source = &doc.source;
    // "2 of 3 spans fall on whole words or match their quotes in code
    // points, 0 in UTF-16 units".
    let fits_in = |first: &Fit, second: &Fit| {
        format!(
            "{} of {} fall on whole words or match their quotes in {}, {} in {}",
            first.fitting,
            crate::plural::counted(n, "span", "spans"),
            plural_unit(first.unit),
            second.fitting,
            plural_unit(second.unit)
        )
    };
    let rival = others
        .iter()
        .find(|f| f.fitting == best.fitting && f.unit != best.unit && f.spans != best.spans);
    if let Some(rival) = rival {
        return Err(format!(
            "{source}: the offsets fit as {} and as {} alike but place the spans \
             differently ({}); record skipped: say which with --offsets",
            best.unit,
            rival.unit,
            fits_in(best, rival)
        ));
    }
    match expected {
        Expected::Given(unit) => Err(format!(
            "{source}: the offsets do not fit --offsets {unit} ({}); record skipped \
             (import it with --offsets {}, or without --offsets to find the unit record \
             by record)",
            fits_in(&expected_fit, best),
            best.unit
        )),
        Expected::Usual(unit) => Ok(Choice {
            unit: best.unit,
            warning: Some(format!(
                "{source}: offsets read as {}, not as {unit} (this format's usual unit): {}",
                best.unit,
                fits_in(best, &expected_fit)
            )),
        }),
    }
}

/// The order units are preferred in when they fit equally well.
fn rank(unit: OffsetUnit) -> usize {
    OffsetUnit::ALL
        .iter()
        .position(|&u| u == unit)
        .unwrap_or(usize::MAX)
}

/// "code points", "UTF-16 units", "bytes", "graphemes".
fn plural_unit(unit: OffsetUnit) -> &'static str {
    match unit {
        OffsetUnit::CodePoints => "code points",
        OffsetUnit::Utf16 => "UTF-16 units",
        OffsetUnit::Bytes => "UTF-8 bytes",
        OffsetUnit::Graphemes => "graphemes",
    }
}

/// How `unit` fits `doc`'s spans over its text (`text`, the same text
/// without a leading byte order mark, which offsets count).
fn fit(doc: &ImportedDoc, text: &Document, unit: OffsetUnit) -> Fit {
    let converter = Converter::new(&doc.text, unit);
    let bom = usize::from(text.had_bom());
    let spans: Vec<Option<(usize, usize)>> = doc
        .spans
        .iter()
        .map(|s| {
            Some((
                converter.to_char(s.start).ok()?,
                converter.to_char(s.end).ok()?,
            ))
        })
        .collect();
    let fitting = spans
        .iter()
        .zip(&doc.spans)
        .filter(|(place, span)| place.is_some_and(|(start, end)| fits(text, bom, start, end, span)))
        .count();
    Fit {
        unit,
        spans,
        fitting,
    }
}

/// Whether `span`, placed at code points `start..end` (counting a byte
/// order mark if `bom` is 1), matches its quote or, without one, holds a
/// letter or digit, neither starts nor ends with a space, and cuts no word.
fn fits(text: &Document, bom: usize, start: usize, end: usize, span: &JsonSpan) -> bool {
    if start >= end || start < bom {
        return false;
    }
    let (start, end) = (start - bom, end - bom);
    let Some(covered) = text.slice(start..end) else {
        return false;
    };
    match &span.text {
        Some(quote) => quote == covered,
        None => {
            covered.chars().any(char::is_alphanumeric)
                && covered.trim() == covered
                && word_cut_at(text, start).is_none()
                && word_cut_at(text, end).is_none()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str, spans: &[(usize, usize, Option<&str>)]) -> ImportedDoc {
        ImportedDoc {
            source: "in.jsonl:1".to_owned(),
            name: None,
            text: text.to_owned(),
            spans: spans
                .iter()
                .map(|&(start, end, quote)| JsonSpan {
                    start,
                    end,
                    label: "country".to_owned(),
                    score: None,
                    text: quote.map(str::to_owned),
                })
                .collect(),
            relations: Vec::new(),
            links: Vec::new(),
            skipped_spans: 0,
        }
    }

    const TEXT: &str = "😀 Hanoi and Nairobi signed the pact.";

    #[test]
    fn code_points_in_a_utf16_format_are_found_and_said() {
        // "Nairobi" is 12..19 in code points, 13..20 in UTF-16 units.
        let doc = record(TEXT, &[(12, 19, None), (2, 7, None)]);
        let choice = choose(&doc, Expected::Usual(OffsetUnit::Utf16)).expect("read");
        assert_eq!(choice.unit, OffsetUnit::CodePoints);
        let warning = choice.warning.expect("a warning");
        assert!(
            warning.starts_with("in.jsonl:1: offsets read as codepoints, not as utf16"),
            "{warning}"
        );
        assert!(
            warning.ends_with(
                "2 of 2 spans fall on whole words or match their quotes in code points, \
                 0 in UTF-16 units"
            ),
            "{warning}"
        );
    }

    #[test]
    fn a_given_unit_the_data_contradicts_refuses_the_record() {
        let doc = record(TEXT, &[(13, 20, None)]);
        let why = choose(&doc, Expected::Given(OffsetUnit::CodePoints)).expect_err("refused");
        assert!(
            why.starts_with("in.jsonl:1: the offsets do not fit --offsets codepoints"),
            "{why}"
        );
        assert!(why.contains("--offsets utf16"), "{why}");
        // The same offsets with the unit they count: kept, silently.
        let choice = choose(&doc, Expected::Given(OffsetUnit::Utf16)).expect("read");
        assert_eq!((choice.unit, choice.warning), (OffsetUnit::Utf16, None));
    }

    #[test]
    fn ascii_text_and_spans_that_fit_nowhere_keep_the_expected_unit_silently() {
        let ascii = record("Hanoi and Nairobi", &[(10, 17, None)]);
        for expected in [
            Expected::Usual(OffsetUnit::Utf16),
            Expected::Given(OffsetUnit::Bytes),
        ] {
            let choice = choose(&ascii, expected).expect("read");
            assert_eq!((choice.unit, choice.warning), (expected.unit(), None));
        }
        // A span that cuts a word whatever the unit: the expected unit, and
        // the merge warns about the cut.
        let nowhere = record(TEXT, &[(14, 16, None)]);
        // Nor is a unit that fits more, but not most, spans believed.
        let few = record(TEXT, &[(12, 19, None), (14, 16, None), (15, 17, None)]);
        let choice = choose(&few, Expected::Usual(OffsetUnit::Utf16)).expect("read");
        assert_eq!((choice.unit, choice.warning), (OffsetUnit::Utf16, None));
        let choice = choose(&nowhere, Expected::Usual(OffsetUnit::CodePoints)).expect("read");
        assert_eq!(
            (choice.unit, choice.warning),
            (OffsetUnit::CodePoints, None)
        );
    }

    #[test]
    fn quotes_decide_and_bytes_are_tried() {
        // "北京" after "我爱": code points 2..4, bytes 6..12.
        let cjk = record("我爱北京天安门", &[(6, 12, Some("北京"))]);
        let choice = choose(&cjk, Expected::Usual(OffsetUnit::CodePoints)).expect("read");
        assert_eq!(choice.unit, OffsetUnit::Bytes);
        // Persian: "تهران" after "سفر به " is 7..12 in code points, 12..22 in bytes.
        let persian = record("سفر به تهران", &[(12, 22, None)]);
        let choice = choose(&persian, Expected::Usual(OffsetUnit::Utf16)).expect("read");
        assert_eq!(choice.unit, OffsetUnit::Bytes);
        let persian = record("سفر به تهران", &[(7, 12, None)]);
        let choice = choose(&persian, Expected::Usual(OffsetUnit::Utf16)).expect("read");
        assert_eq!((choice.unit, choice.warning), (OffsetUnit::Utf16, None));
    }
}
