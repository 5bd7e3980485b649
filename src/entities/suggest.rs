//! Suggested entity links: a span that names a known entity gets a
//! pending link (`entity: "ID", entity_status: Pending` in the annotation
//! file), which the reviewer accepts or rejects as a suggested span
//! ([`crate::session::Session::review_link_edit`]); a rejected link stays
//! in the file, so it is not offered again.

use std::collections::HashMap;

use super::Registry;
use crate::model::{AnnotationSet, Edit, Span, Status};

/// The label whose spans are matched by surname.
const PERSON: &str = "person";

/// Whitespace runs as one space: how names are compared.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The edit that gives each span of `set` with no link (none suggested,
/// accepted or rejected) a pending link to the entity it names, if exactly
/// one:
///
/// - an entity of its label whose name or alias is its text (whitespace
///   runs aside), else
/// - for a `person` span of one word: the entity a `person` span of the
///   same document is linked to (by an accepted link) whose last word it
///   is ("Zarepour" after "Issa Zarepour").
///
/// `None` if there is nothing to suggest. Costs O(spans + names).
pub fn link_suggestions_edit(set: &AnnotationSet, registry: &Registry) -> Option<Edit> {
    let mut names: HashMap<(&str, String), Vec<&str>> = HashMap::new();
    for entity in registry.entities() {
        let called = std::iter::once(&entity.name).chain(&entity.aliases);
        for name in called {
            let ids = names
                .entry((entity.label.as_str(), normalized(name)))
                .or_default();
            if !ids.contains(&entity.id.as_str()) {
                ids.push(&entity.id);
            }
        }
    }
    let mut surnames: HashMap<&str, Vec<&str>> = HashMap::new();
    for span in set.spans().iter().filter(|s| s.label == PERSON) {
        let (Some(entity), Some(last)) =
            (span.linked_entity(), span.text.split_whitespace().last())
        else {
            continue;
        };
        if span.text.split_whitespace().nth(1).is_some() {
            let ids = surnames.entry(last).or_default();
            if !ids.contains(&entity) {
                ids.push(entity);
            }
        }
    }
    let only = |ids: Option<&Vec<&str>>| match ids.map(Vec::as_slice) {
        Some([one]) => Some((*one).to_owned()),
        _ => None,
    };
    let edits: Vec<Edit> = set
        .spans()
        .iter()
        .filter(|s| s.entity.is_none())
        .filter_map(|span| {
            let named = only(names.get(&(span.label.as_str(), normalized(&span.text))));
            let one_word = span.label == PERSON && span.text.split_whitespace().nth(1).is_none();
            let entity = named.or_else(|| {
                one_word
                    .then(|| only(surnames.get(span.text.trim())))
                    .flatten()
            })?;
            Some(Edit::Replace {
                before: span.clone(),
                after: Span {
                    entity: Some(entity),
                    entity_status: Status::Pending,
                    ..span.clone()
                },
            })
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}
