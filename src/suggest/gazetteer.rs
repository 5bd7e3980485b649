//! The built-in gazetteer: English country names (labelled `country`) and
//! common role titles (labelled `role`), including office patterns such as
//! "Minister of ICT", "First Deputy Minister of Communications" and "Minister
//! of Science and Technology".
//!
//! Matching is case-sensitive and whole-word ("Iran" is not found in
//! "Iranian"); offsets are code points.

use std::ops::Range;
use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation as _;

use super::matcher::TermMatcher;
use super::{Suggestion, char_range, text_order};
use crate::model::Document;

/// The origin name of the gazetteer's spans.
pub const ORIGIN: &str = "gazetteer";

/// The term list: one term per line under `[LABEL]` headings; `#` starts a
/// comment line.
const TERMS_FILE: &str = include_str!("gazetteer_terms.txt");

/// The gazetteer's `(term, label)` pairs: about 200 English country names
/// (common short forms, such as "Iran", "United States", "Vietnam", and some
/// long ones, such as "Islamic Republic of Iran") labelled `country`, and
/// common role titles ("President", "Prime Minister", "Foreign Minister",
/// "Ambassador", …) labelled `role`.
pub fn terms() -> impl Iterator<Item = (&'static str, &'static str)> {
    let mut label = "";
    TERMS_FILE.lines().filter_map(move |line| {
        let line = line.trim();
        if let Some(heading) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            label = heading.trim();
            return None;
        }
        let term = !line.is_empty() && !line.starts_with('#') && !label.is_empty();
        term.then_some((line, label))
    })
}

/// Office words that head a "… of X" pattern.
const OFFICE_HEADS: &[&str] = &["Minister", "Secretary"];

/// Words that may stand before an office head: "First Deputy Minister",
/// "Foreign Minister".
const OFFICE_MODIFIERS: &[&str] = &[
    "Deputy",
    "First",
    "Second",
    "Vice",
    "Assistant",
    "Acting",
    "Junior",
    "Senior",
    "Prime",
    "State",
    "Under",
    "Foreign",
    "Finance",
    "Defence",
    "Defense",
    "Interior",
    "Health",
    "Trade",
    "Energy",
    "Economy",
    "Justice",
    "Education",
];

/// Words that join the capitalised words of an office's field: "Science and
/// Technology".
const FIELD_JOINERS: &[&str] = &["and", "&"];

static MATCHER: LazyLock<Option<TermMatcher>> =
    LazyLock::new(|| TermMatcher::with_origin(terms(), ORIGIN).ok());

/// The gazetteer's suggestions for `doc`, in text order: countries, role
/// titles, and office patterns ("Deputy Minister of X", "Minister of X and
/// Y", where X and Y are capitalised words). A role title inside a longer
/// office pattern is left out; a country inside one ("… of Cuba") is kept.
pub fn suggest(doc: &Document) -> Vec<Suggestion> {
    let offices = office_patterns(doc.text());
    let mut out: Vec<Suggestion> = Vec::new();
    for range in &offices {
        if let Some(chars) = char_range(doc, range.clone()) {
            out.push(suggestion(chars, "role"));
        }
    }
    let office_chars: Vec<Range<usize>> = out.iter().map(|s| s.start..s.end).collect();
    if let Some(terms) = MATCHER.as_ref() {
        out.extend(terms.find(doc).into_iter().filter(|s| {
            s.label != "role"
                || !office_chars
                    .iter()
                    .any(|o| o.start <= s.start && s.end <= o.end)
        }));
    }
    out.sort_by(text_order);
    out
}

fn suggestion(chars: Range<usize>, label: &str) -> Suggestion {
    Suggestion {
        start: chars.start,
        end: chars.end,
        label: label.to_owned(),
        score: None,
        origin: ORIGIN.to_owned(),
    }
}

/// A word or punctuation token, with whether only spaces (no line break)
/// separate it from the token before.
struct Token<'a> {
    text: &'a str,
    bytes: Range<usize>,
    joined: bool,
}

/// The words and punctuation of `text` (UAX #29 word segments), in order.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    // Since the last token: `None` if nothing, else whether only spaces.
    let mut gap: Option<bool> = None;
    for (at, segment) in text.split_word_bound_indices() {
        if segment.chars().all(char::is_whitespace) {
            gap = Some(gap.unwrap_or(true) && !segment.contains(['\n', '\r']));
            continue;
        }
        out.push(Token {
            text: segment,
            bytes: at..at + segment.len(),
            joined: gap == Some(true),
        });
        gap = None;
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Byte ranges of "[Modifiers] Head of [the] Field [and Field…]" in `text`,
/// where the field's words are capitalised and only spaces (no line break)
/// separate the words.
fn office_patterns(text: &str) -> Vec<Range<usize>> {
    let toks = tokens(text);
    let linked = |i: usize| toks.get(i).filter(|t| t.joined);
    let mut out = Vec::new();
    for (head, tok) in toks.iter().enumerate() {
        if !OFFICE_HEADS.contains(&tok.text) {
            continue;
        }
        if linked(head + 1).is_none_or(|t| t.text != "of") {
            continue;
        }
        let mut next = head + 2;
        if linked(next).is_some_and(|t| t.text == "the") {
            next += 1;
        }
        // The field: capitalised words, joined by "and" between two of them.
        let mut last = None;
        while let Some(t) = linked(next) {
            if is_capitalised(t.text) {
                last = Some(next);
                next += 1;
            } else if last.is_some()
                && FIELD_JOINERS.contains(&t.text)
                && linked(next + 1).is_some_and(|t| is_capitalised(t.text))
            {
                next += 1;
            } else {
                break;
            }
        }
        let Some(last) = last else { continue };
        let mut first = head;
        while first > 0 && toks[first].joined && OFFICE_MODIFIERS.contains(&toks[first - 1].text) {
            first -= 1;
        }
        out.push(toks[first].bytes.start..toks[last].bytes.end);
    }
    out
}
