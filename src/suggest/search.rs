//! Search hits as annotations: what "Annotate all" does with the open
//! document's hits ([`AnnotateAll`]), and the suggestions "… across the
//! folder" offers to the other documents.

use std::collections::HashSet;
use std::ops::Range;

use super::Suggestion;
use crate::model::search::Search;
use crate::model::{Document, Edit, Span, Status, words};
use crate::plural;
use crate::session::Session;

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

/// What "Annotate all" does with each hit of the open document: every hit
/// is counted in exactly one of the fields after `edit`.
#[derive(Debug, Default, PartialEq)]
pub struct AnnotateAll {
    /// The one undoable edit doing it; `None` when nothing changes.
    pub edit: Option<Edit>,
    /// Hits tagged as new spans.
    pub tagged: usize,
    /// Hits that were suggestions (pending or rejected) with the label:
    /// accepted.
    pub accepted: usize,
    /// Hits that were pending suggestions with another label: relabelled
    /// and accepted.
    pub relabelled: usize,
    /// Hits already tagged with the label (accepted): left as they are.
    pub already_tagged: usize,
    /// Hits that, widened to whole words, are the same range as an earlier
    /// hit ("Ce" and "la" in "Cela" with a regex): counted once.
    pub repeated: usize,
}

impl AnnotateAll {
    /// Works out what tagging every hit (widened to whole words) of `hits`
    /// with `label` does in `session`'s document.
    pub fn plan(session: &Session, hits: &[Range<usize>], label: &str) -> Self {
        let doc = session.doc();
        let set = session.set();
        let mut plan = Self::default();
        let mut next_id = set.next_id();
        let mut edits = Vec::new();
        let mut seen = HashSet::new();
        for hit in hits {
            let range = words::snap_to_words(doc, hit.clone()).unwrap_or_else(|| hit.clone());
            if !seen.insert(range.clone()) {
                plan.repeated += 1;
                continue;
            }
            let same_range = || {
                set.overlapping(range.clone())
                    .filter(|s| s.start == range.start && s.end == range.end)
            };
            let with_label = same_range().find(|s| s.label == label);
            if let Some(span) = with_label {
                if span.status == Status::Accepted {
                    plan.already_tagged += 1;
                } else {
                    plan.accepted += 1;
                    edits.push(accept_as(span, label));
                }
                continue;
            }
            if let Some(span) = same_range().find(|s| s.status == Status::Pending) {
                plan.relabelled += 1;
                edits.push(accept_as(span, label));
                continue;
            }
            let text = doc.slice(range.clone()).unwrap_or_default();
            edits.push(Edit::Add(Span::manual(
                next_id,
                range.start,
                range.end,
                label,
                text,
            )));
            next_id += 1;
            plan.tagged += 1;
        }
        plan.edit = (!edits.is_empty()).then_some(Edit::Batch(edits));
        plan
    }

    /// What was done and why each other hit was left, for the status bar:
    /// `tagged 2 country, accepted 2 pending suggestions; not tagged: 1
    /// already tagged country`.
    pub fn describe(&self, label: &str) -> String {
        let mut done = vec![format!("tagged {} {label}", self.tagged)];
        if self.accepted > 0 {
            let what = plural::noun(self.accepted, "suggestion", "suggestions");
            done.push(format!("accepted {} {what} already there", self.accepted));
        }
        if self.relabelled > 0 {
            let (what, them) = if self.relabelled == 1 {
                ("suggestion", "it")
            } else {
                ("suggestions", "them")
            };
            done.push(format!(
                "relabelled {} pending {what} as {label} and accepted {them}",
                self.relabelled
            ));
        }
        let mut text = done.join(", ");
        let mut left = Vec::new();
        if self.already_tagged > 0 {
            left.push(format!("{} already tagged {label}", self.already_tagged));
        }
        if self.repeated > 0 {
            let hits = plural::noun(self.repeated, "hit is", "hits are");
            left.push(format!(
                "{} {hits} the same word as another hit",
                self.repeated
            ));
        }
        if !left.is_empty() {
            text.push_str("; not tagged: ");
            text.push_str(&left.join(", "));
        }
        text
    }
}

/// The edit that gives `span` the label `label` and accepts it.
fn accept_as(span: &Span, label: &str) -> Edit {
    Edit::Replace {
        before: span.clone(),
        after: Span {
            label: label.to_owned(),
            status: Status::Accepted,
            ..span.clone()
        },
    }
}
