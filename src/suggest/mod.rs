//! Suggesting spans: built-in string matching ([`matcher`]) and gazetteer
//! ([`gazetteer`]), and external extractor commands ([`external`]).
//!
//! Every suggester returns [`Suggestion`]s; [`pending_edit`] turns them into
//! one undoable edit that adds them as pending spans for review.
//!
//! - `mod.rs`: [`Suggestion`] and [`pending_edit`]
//! - `approval.rs`: the extractor commands the user approved, per folder
//! - `external.rs`: running an external extractor command
//! - `gazetteer.rs` (and `gazetteer_terms.txt`): countries and role titles
//! - `matcher.rs`: the string-match suggester over known terms
//! - `occurrences.rs`: offering a new tag's other occurrences
//! - `plan.rs`: running every configured suggester over a document
//! - `relations.rs`: suggested relations from patterns inside a sentence
//! - `search.rs`: search hits as annotations ("Annotate all")
//! - `stopwords.rs`: function words never suggested alone

pub mod approval;
pub mod external;
pub mod follow_up;
pub mod gazetteer;
pub mod matcher;
pub mod occurrences;
mod plan;
pub mod relations;
pub mod search;
pub mod stopwords;

pub use plan::SuggestPlan;

use std::cmp::{Ordering, Reverse};
use std::collections::HashSet;
use std::ops::Range;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation as _};

use crate::model::{Edit, Origin, Span, Status};
use crate::session::Session;

/// A span proposed by a suggester, not yet part of the annotations.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// First code point (inclusive).
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The label to give it.
    pub label: String,
    /// The suggester's confidence in `0.0..=1.0`, if it gives one.
    pub score: Option<f64>,
    /// Who suggested it (`"string-match"`, `"gazetteer"`, an extractor's
    /// name); stored as the span's `Origin::Extractor`.
    pub origin: String,
}

/// The edit that adds `suggestions` to the session's annotations as pending
/// spans ([`Status::Pending`], [`Origin::Extractor`]), as one undo step.
///
/// A suggestion is skipped when its range is empty or outside the text, when
/// a span with the same start, end and label already exists (whatever its
/// status: a rejected suggestion is not offered again), or when an earlier
/// suggestion in the list has the same start, end and label. The new spans
/// get fresh ids from `session.set().next_id()` upward, in text order.
/// `None` when nothing is left to add.
pub fn pending_edit(session: &Session, suggestions: &[Suggestion]) -> Option<Edit> {
    let set = session.set();
    let doc = session.doc();
    let mut order: Vec<&Suggestion> = suggestions.iter().collect();
    // Stable: among equal ranges and labels the first given wins.
    order.sort_by(|a, b| text_order(a, b));
    let mut seen = HashSet::new();
    let mut next_id = set.next_id();
    let mut edits = Vec::new();
    for s in order {
        if s.start >= s.end || set.find_same(s.start, s.end, &s.label).is_some() {
            continue;
        }
        let Some(quote) = doc.slice(s.start..s.end) else {
            continue;
        };
        if !seen.insert((s.start, s.end, s.label.as_str())) {
            continue;
        }
        edits.push(Edit::Add(Span {
            id: next_id,
            start: s.start,
            end: s.end,
            label: s.label.clone(),
            text: quote.to_owned(),
            origin: Origin::Extractor(s.origin.clone()),
            score: s.score,
            status: Status::Pending,
            entity: None,
            entity_status: Status::Accepted,
        }));
        next_id += 1;
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// How many spans an edit from [`pending_edit`] adds (one per
/// suggestion it keeps).
pub fn added_count(edit: &Edit) -> usize {
    match edit {
        Edit::Batch(edits) => edits.len(),
        _ => 1,
    }
}

/// Orders suggestions by start, longer (enclosing) first, then label: the
/// order spans are kept in.
pub(crate) fn text_order(a: &Suggestion, b: &Suggestion) -> Ordering {
    (a.start, Reverse(a.end), &a.label).cmp(&(b.start, Reverse(b.end), &b.label))
}

/// Whether the byte range `range` of `text` stands as whole words: each end
/// is a grapheme cluster boundary (never inside an emoji sequence or before a
/// combining mark), and where the match begins (ends) with a letter or digit,
/// the grapheme cluster before (after) it does not start with one.
///
/// Apostrophes and hyphens count as separators, so "Iran" matches in
/// "Iran’s" and "pro-Iran" but not in "Iranian".
pub(crate) fn is_whole_word(text: &str, range: Range<usize>) -> bool {
    let (Some(matched), Some(before), Some(after)) = (
        text.get(range.clone()),
        text.get(..range.start),
        text.get(range.end..),
    ) else {
        return false;
    };
    let (Some(first), Some(last)) = (matched.chars().next(), matched.chars().next_back()) else {
        return false;
    };
    if !is_grapheme_boundary(text, range.start) || !is_grapheme_boundary(text, range.end) {
        return false;
    }
    let starts_word = |g: Option<&str>| {
        g.and_then(|g| g.chars().next())
            .is_some_and(char::is_alphanumeric)
    };
    if first.is_alphanumeric() && starts_word(before.graphemes(true).next_back()) {
        return false;
    }
    if last.is_alphanumeric() && starts_word(after.graphemes(true).next()) {
        return false;
    }
    true
}

/// Whether byte `pos` of `text` is a grapheme cluster boundary.
fn is_grapheme_boundary(text: &str, pos: usize) -> bool {
    GraphemeCursor::new(pos, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(false)
}

/// Converts a byte range of `doc`'s text to a code-point range.
pub(crate) fn char_range(
    doc: &crate::model::Document,
    bytes: Range<usize>,
) -> Option<Range<usize>> {
    Some(doc.char_of_byte(bytes.start)?..doc.char_of_byte(bytes.end)?)
}
