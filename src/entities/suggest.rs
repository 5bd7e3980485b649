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

/// The entity a span names, by the registry's names and aliases and by
/// the surnames of the people a document links: what
/// [`link_suggestions_edit`] and the window's tagging suggest.
pub struct LinkFinder<'a> {
    /// Each (label, name) to the entities called so.
    names: HashMap<(&'a str, String), Vec<&'a str>>,
    /// Each surname of a linked person of the document to their entities.
    surnames: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> LinkFinder<'a> {
    /// The names of `registry` and the surnames of the people `set` links.
    pub fn new(set: &'a AnnotationSet, registry: &'a Registry) -> Self {
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
        Self { names, surnames }
    }

    /// The entity `span` names, if exactly one:
    ///
    /// - an entity of its label whose name or alias is its text
    ///   (whitespace runs aside), else
    /// - for a `person` span of one word: the entity a `person` span of
    ///   the document is linked to (by an accepted link) whose last word
    ///   it is ("Zarepour" after "Issa Zarepour").
    pub fn entity_for(&self, span: &Span) -> Option<String> {
        let only = |ids: Option<&Vec<&str>>| match ids.map(Vec::as_slice) {
            Some([one]) => Some((*one).to_owned()),
            _ => None,
        };
        let named = only(
            self.names
                .get(&(span.label.as_str(), normalized(&span.text))),
        );
        let one_word = span.label == PERSON && span.text.split_whitespace().nth(1).is_none();
        named.or_else(|| {
            one_word
                .then(|| only(self.surnames.get(span.text.trim())))
                .flatten()
        })
    }
}

/// The edit that gives each span of `set` with no link (none suggested,
/// accepted or rejected) a pending link to the entity it names, if exactly
/// one ([`LinkFinder::entity_for`]). `None` if there is nothing to
/// suggest. Costs O(spans + names).
pub fn link_suggestions_edit(set: &AnnotationSet, registry: &Registry) -> Option<Edit> {
    let finder = LinkFinder::new(set, registry);
    let edits: Vec<Edit> = set
        .spans()
        .iter()
        .filter(|s| s.entity.is_none())
        .filter_map(|span| {
            let entity = finder.entity_for(span)?;
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
