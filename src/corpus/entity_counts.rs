//! How often each entity of the registry is mentioned: in one document
//! ([`mention_counts`], kept in each document's digest), and across a
//! folder ([`EntityTotals`], kept by the folder's index as digests come
//! and go, so that a save or a folder-wide job changes the counts by the
//! documents it changed instead of reading the folder again).

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{AnnotationSet, Status};

/// An entity's mentions and the documents they are in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntityTally {
    /// Spans linked to the entity (suggested links not rejected count).
    pub mentions: u32,
    /// Documents with at least one of them.
    pub documents: u32,
}

impl EntityTally {
    /// This tally with one document's mentions counted as `now` instead of
    /// `counted` (what the tally holds of it: 0 if it is not counted in).
    pub fn with_document(self, counted: u32, now: u32) -> Self {
        Self {
            mentions: self.mentions.saturating_sub(counted).saturating_add(now),
            documents: self
                .documents
                .saturating_sub(u32::from(counted > 0))
                .saturating_add(u32::from(now > 0)),
        }
    }
}

/// How many spans of `set` mention each entity (linked, or suggested and
/// not rejected).
pub fn mention_counts(set: &AnnotationSet) -> HashMap<&str, u32> {
    let mut counts = HashMap::new();
    for span in set.spans() {
        if let Some(id) = span.entity.as_deref()
            && span.entity_status != Status::Rejected
        {
            *counts.entry(id).or_insert(0) += 1;
        }
    }
    counts
}

/// Each entity's mentions over the documents counted in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityTotals {
    by_entity: HashMap<Arc<str>, EntityTally>,
}

impl EntityTotals {
    /// Counts one document's `mentions` (entity id, mentions) in (`add`)
    /// or out.
    pub fn count(&mut self, mentions: &[(Arc<str>, u32)], add: bool) {
        for (id, n) in mentions {
            let tally = self.by_entity.entry(Arc::clone(id)).or_default();
            let change = |total: u32, by: u32| {
                if add {
                    total.saturating_add(by)
                } else {
                    total.saturating_sub(by)
                }
            };
            tally.mentions = change(tally.mentions, *n);
            tally.documents = change(tally.documents, 1);
            if *tally == EntityTally::default() {
                self.by_entity.remove(id);
            }
        }
    }

    /// Entity `id`'s mentions (none if it has none).
    pub fn get(&self, id: &str) -> EntityTally {
        self.by_entity.get(id).copied().unwrap_or_default()
    }

    /// How many entities have a mention.
    pub fn len(&self) -> usize {
        self.by_entity.len()
    }

    /// Whether no entity has a mention.
    pub fn is_empty(&self) -> bool {
        self.by_entity.is_empty()
    }
}

#[cfg(test)]
mod tests;
