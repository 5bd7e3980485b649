//! Search hits as suggestions: what "Annotate all … across the corpus"
//! offers to the other documents.

use super::Suggestion;
use crate::model::search::Search;
use crate::model::{Document, words};

/// The origin of suggestions made from a search.
pub const ORIGIN: &str = "search";

/// Every hit of `search` in `doc`, widened to whole words, labelled `label`.
pub fn search_suggestions(doc: &Document, search: &Search, label: &str) -> Vec<Suggestion> {
    search
        .find_all(doc)
        .into_iter()
        .map(|hit| words::snap_to_words(doc, hit.clone()).unwrap_or(hit))
        .map(|range| Suggestion {
            start: range.start,
            end: range.end,
            label: label.to_owned(),
            score: None,
            origin: ORIGIN.to_owned(),
        })
        .collect()
}
