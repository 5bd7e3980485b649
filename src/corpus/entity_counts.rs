//! How often each entity of the registry is mentioned across a folder: the
//! spans linked to it (or suggested and not rejected), and the documents
//! they are in.
//!
//! [`count_entity_mentions`] reads the folder's annotation files a batch at
//! a time ([`super::map_in_order`]) and keeps only the counts: memory is
//! bounded by the registry and a batch of documents, not by the folder.
//! It also keeps the counts of one document as read (the one open in the
//! window), so that the window can put that document's unsaved edits in
//! their place ([`FolderEntityCounts::with_open`]) without reading the
//! folder again.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::{articles_in, map_in_order};
use crate::model::{AnnotationSet, LabelSchema, Status};
use crate::store::StoreError;

/// An entity's mentions and the documents they are in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EntityTally {
    /// Spans linked to the entity (suggested links not rejected count).
    pub mentions: u32,
    /// Documents with at least one of them.
    pub documents: u32,
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

/// Each entity's mentions over some documents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityCounts {
    by_entity: HashMap<String, EntityTally>,
}

impl EntityCounts {
    /// Counts one more document, its annotations `set`.
    pub fn add(&mut self, set: &AnnotationSet) {
        for (id, mentions) in mention_counts(set) {
            let tally = self.by_entity.entry(id.to_owned()).or_default();
            tally.mentions = tally.mentions.saturating_add(mentions);
            tally.documents = tally.documents.saturating_add(1);
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

/// A folder's entity mentions, with the open document's as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FolderEntityCounts {
    /// Every document's mentions, as saved.
    pub all: EntityCounts,
    /// The document open when the count was made, and its mentions as
    /// saved (counted in `all` too).
    pub open: Option<(PathBuf, EntityCounts)>,
    /// How many documents were read.
    pub documents: usize,
    /// Documents whose annotations could not be read, or not all of them
    /// (what could be is counted), each with why.
    pub problems: Vec<String>,
}

impl FolderEntityCounts {
    /// Entity `id`'s mentions in the folder, with the document `open`
    /// counted as it is now (`now`: its mentions of `id` in the window,
    /// from [`mention_counts`]) rather than as it was read, when it is the
    /// document the count was made for; otherwise the folder as read.
    pub fn with_open(&self, id: &str, open: &Path, now: u32) -> EntityTally {
        let all = self.all.get(id);
        let Some((_, read)) = self.open.as_ref().filter(|(p, _)| p == open) else {
            return all;
        };
        let read = read.get(id);
        EntityTally {
            mentions: all
                .mentions
                .saturating_sub(read.mentions)
                .saturating_add(now),
            documents: all
                .documents
                .saturating_sub(read.documents)
                .saturating_add(u32::from(now > 0)),
        }
    }
}

/// Counts the entity mentions of every article of `dir` from its saved
/// annotation file, keeping those of `open` (the window's document) apart
/// too. `cancelled` is asked between documents; `Ok(None)` when it said
/// stop. An annotation file that cannot be read (or placed) is named in
/// [`FolderEntityCounts::problems`]; a folder that cannot be listed is an
/// error.
pub fn count_entity_mentions(
    dir: &Path,
    schema: &LabelSchema,
    open: Option<&Path>,
    cancelled: &dyn Fn() -> bool,
) -> Result<Option<FolderEntityCounts>, StoreError> {
    let articles = articles_in(dir)?;
    let mut counts = FolderEntityCounts {
        open: open.map(|p| (p.to_owned(), EntityCounts::default())),
        ..FolderEntityCounts::default()
    };
    let stopped = map_in_order(
        articles.iter(),
        |txt| crate::session::read_annotations(txt, schema),
        |txt, read| {
            if cancelled() {
                return ControlFlow::Break(());
            }
            counts.documents += 1;
            match read {
                Ok((set, problem)) => {
                    if let Some(why) = problem {
                        let name = crate::store::file_name(&txt);
                        counts.problems.push(format!("{name}: {why}"));
                    }
                    counts.all.add(&set);
                    if let Some((path, mine)) = &mut counts.open
                        && *path == txt
                    {
                        mine.add(&set);
                    }
                }
                Err(err) => counts.problems.push(err.to_string()),
            }
            ControlFlow::Continue(())
        },
    );
    Ok(stopped.is_none().then_some(counts))
}

#[cfg(test)]
mod tests;
