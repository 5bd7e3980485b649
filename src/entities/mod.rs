//! The corpus's entity registry: the people, roles, countries and
//! initiatives its spans mention, each once, with the names it goes by.
//!
//! The registry is the file `entities.ron` beside `newsmark.ron`
//! ([`file`]); a span links to an entity by id (`entity: "ID"` in the
//! annotation file). Registry changes are [`RegistryEdit`]s with exact
//! inverses (rename, add an alias, merge, split); the links of a document
//! follow a merge or a split by undoable document edits
//! ([`repoint_links_edit`]). [`suggest`] offers pending links.
//!
//! - `corpus.rs`: merging, splitting and renaming over a corpus, every document's links re-pointed
//! - `file.rs`: reading and writing `entities.ron`
//! - `suggest.rs`: link suggestions (known aliases, surnames)

pub mod corpus;
pub mod file;
pub mod suggest;

use serde::{Deserialize, Serialize};

use crate::model::{AnnotationSet, Edit, Span, SpanId, Status};

pub use file::{EntitiesError, load, parse, save, to_ron_string};

/// One entity of the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Stable identifier, unique in the registry; what spans link to.
    pub id: String,
    /// The label of the spans that mention it (`person`, `country`, …).
    pub label: String,
    /// The preferred name, shown for it: "Issa Zarepour".
    pub name: String,
    /// Other names it goes by in the texts: "Zarepour", "Iran’s ICT
    /// minister".
    #[serde(default)]
    pub aliases: Vec<String>,
    /// An identifier in another knowledge base, typed by a person (a
    /// Wikidata QID such as `Q5939460`); nothing is fetched. Empty for none.
    #[serde(default)]
    pub external_id: String,
}

impl Entity {
    /// An entity with no aliases and no external id.
    pub fn new(id: &str, label: &str, name: &str) -> Self {
        Self {
            id: id.to_owned(),
            label: label.to_owned(),
            name: name.to_owned(),
            aliases: Vec::new(),
            external_id: String::new(),
        }
    }

    /// Whether `text` is its name or one of its aliases (whitespace runs
    /// compared as one space).
    pub fn is_called(&self, text: &str) -> bool {
        let same = |name: &str| name.split_whitespace().eq(text.split_whitespace());
        same(&self.name) || self.aliases.iter().any(|a| same(a))
    }
}

/// The entities of a corpus, sorted by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Registry {
    entities: Vec<Entity>,
}

/// Why a registry change cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// No entity has this id.
    #[error("no entity {0:?}")]
    NoSuchEntity(String),
    /// The id is taken by another entity.
    #[error("entity id {0:?} is already used")]
    IdTaken(String),
    /// Merging an entity with itself.
    #[error("an entity cannot be merged with itself")]
    SameEntity,
    /// An external id that is not a Wikidata QID.
    #[error("{0:?} is not a Wikidata QID: Q and digits, as Q794")]
    BadExternalId(String),
    /// The change is not possible as asked (an alias it has, or lacks).
    #[error("{0}")]
    NoChange(String),
}

/// A change of the registry: entities replaced, added (`before` none) or
/// removed (`after` none), applied in order. Its [`Self::inverse`] undoes it
/// exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistryEdit {
    /// Each entity as it is and as it will be.
    pub changes: Vec<(Option<Entity>, Option<Entity>)>,
}

impl RegistryEdit {
    /// The change that undoes this one.
    pub fn inverse(&self) -> Self {
        Self {
            changes: self
                .changes
                .iter()
                .rev()
                .map(|(before, after)| (after.clone(), before.clone()))
                .collect(),
        }
    }
}

impl Registry {
    /// A registry of these entities (sorted by id; of those sharing an id,
    /// the first is kept and the others returned).
    pub fn from_entities(mut entities: Vec<Entity>) -> (Self, Vec<Entity>) {
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        let mut kept: Vec<Entity> = Vec::with_capacity(entities.len());
        let mut duplicates = Vec::new();
        for entity in entities {
            if kept.last().is_some_and(|last| last.id == entity.id) {
                duplicates.push(entity);
            } else {
                kept.push(entity);
            }
        }
        (Self { entities: kept }, duplicates)
    }

    /// The entities, sorted by id.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id. O(log n).
    pub fn get(&self, id: &str) -> Option<&Entity> {
        let at = self
            .entities
            .binary_search_by(|e| e.id.as_str().cmp(id))
            .ok()?;
        self.entities.get(at)
    }

    /// Applies a change. On error the registry is unchanged.
    pub fn apply(&mut self, edit: &RegistryEdit) -> Result<(), RegistryError> {
        let before = self.clone();
        for (from, to) in &edit.changes {
            if let Err(e) = self.apply_one(from.as_ref(), to.as_ref()) {
                *self = before;
                return Err(e);
            }
        }
        Ok(())
    }

    fn apply_one(
        &mut self,
        from: Option<&Entity>,
        to: Option<&Entity>,
    ) -> Result<(), RegistryError> {
        if let Some(from) = from {
            let at = self
                .entities
                .binary_search_by(|e| e.id.cmp(&from.id))
                .ok()
                .filter(|&at| self.entities[at] == *from)
                .ok_or_else(|| RegistryError::NoSuchEntity(from.id.clone()))?;
            self.entities.remove(at);
        }
        if let Some(to) = to {
            match self.entities.binary_search_by(|e| e.id.cmp(&to.id)) {
                Ok(_) => return Err(RegistryError::IdTaken(to.id.clone())),
                Err(at) => self.entities.insert(at, to.clone()),
            }
        }
        Ok(())
    }

    fn entity(&self, id: &str) -> Result<&Entity, RegistryError> {
        self.get(id)
            .ok_or_else(|| RegistryError::NoSuchEntity(id.to_owned()))
    }

    /// An entity id made from `name` (lower case, words joined by `-`),
    /// with a number after it if the registry has it already.
    pub fn free_id(&self, name: &str) -> String {
        let words: Vec<String> = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let stem = if words.is_empty() {
            "entity".to_owned()
        } else {
            words.join("-")
        };
        let stem: String = stem.chars().take(56).collect();
        let mut id = stem.clone();
        let mut n = 2;
        while self.get(&id).is_some() {
            id = format!("{stem}-{n}");
            n += 1;
        }
        id
    }

    /// The change that adds `entity` (its id must be free).
    pub fn add_edit(&self, entity: Entity) -> Result<RegistryEdit, RegistryError> {
        if self.get(&entity.id).is_some() {
            return Err(RegistryError::IdTaken(entity.id));
        }
        Ok(RegistryEdit {
            changes: vec![(None, Some(entity))],
        })
    }

    /// The change that gives entity `id` the preferred name `name`; the
    /// old name becomes an alias, so mentions of it are still recognised.
    pub fn rename_edit(&self, id: &str, name: &str) -> Result<RegistryEdit, RegistryError> {
        let before = self.entity(id)?;
        if before.name == name {
            return Err(RegistryError::NoChange(format!(
                "{id:?} is already called {name:?}"
            )));
        }
        let mut after = before.clone();
        after.aliases.retain(|a| a != name);
        let old = std::mem::replace(&mut after.name, name.to_owned());
        add_alias(&mut after.aliases, old);
        Ok(replace(before, after))
    }

    /// The change that adds `alias` to entity `id`'s aliases.
    pub fn add_alias_edit(&self, id: &str, alias: &str) -> Result<RegistryEdit, RegistryError> {
        let before = self.entity(id)?;
        if before.is_called(alias) {
            return Err(RegistryError::NoChange(format!(
                "{id:?} is already called {alias:?}"
            )));
        }
        let mut after = before.clone();
        add_alias(&mut after.aliases, alias.to_owned());
        Ok(replace(before, after))
    }

    /// The change that takes `alias` out of entity `id`'s aliases.
    pub fn remove_alias_edit(&self, id: &str, alias: &str) -> Result<RegistryEdit, RegistryError> {
        let before = self.entity(id)?;
        if !before.aliases.iter().any(|a| a == alias) {
            return Err(RegistryError::NoChange(format!(
                "{id:?} has no alias {alias:?}"
            )));
        }
        let mut after = before.clone();
        after.aliases.retain(|a| a != alias);
        Ok(replace(before, after))
    }

    /// The change that gives entity `id` the external id `external_id`
    /// (empty: none), which must be a Wikidata QID ([`check_external_id`]).
    pub fn external_id_edit(
        &self,
        id: &str,
        external_id: &str,
    ) -> Result<RegistryEdit, RegistryError> {
        check_external_id(external_id)?;
        let before = self.entity(id)?;
        if before.external_id == external_id {
            return Err(RegistryError::NoChange(format!(
                "{id:?} already has the external id {external_id:?}"
            )));
        }
        let mut after = before.clone();
        external_id.clone_into(&mut after.external_id);
        Ok(replace(before, after))
    }

    /// The change that merges entity `from` into entity `into`: `from` is
    /// removed, its name and aliases become `into`'s aliases (its external
    /// id too, if `into` has none). Re-point the documents' links with
    /// [`repoint_links_edit`].
    pub fn merge_edit(&self, from: &str, into: &str) -> Result<RegistryEdit, RegistryError> {
        if from == into {
            return Err(RegistryError::SameEntity);
        }
        let gone = self.entity(from)?;
        let before = self.entity(into)?;
        let mut after = before.clone();
        for name in std::iter::once(&gone.name).chain(&gone.aliases) {
            if !after.is_called(name) {
                add_alias(&mut after.aliases, name.clone());
            }
        }
        if after.external_id.is_empty() {
            after.external_id.clone_from(&gone.external_id);
        }
        let mut edit = replace(before, after);
        edit.changes.insert(0, (Some(gone.clone()), None));
        Ok(edit)
    }

    /// The change that splits entity `id`: a new entity `new` (same label)
    /// named `name`, taking the aliases `aliases` from `id`. Re-point the
    /// spans that mention the new one with [`repoint_links_edit`].
    pub fn split_edit(
        &self,
        id: &str,
        new: &str,
        name: &str,
        aliases: &[&str],
    ) -> Result<RegistryEdit, RegistryError> {
        let before = self.entity(id)?;
        if self.get(new).is_some() {
            return Err(RegistryError::IdTaken(new.to_owned()));
        }
        if let Some(missing) = aliases
            .iter()
            .find(|a| !before.aliases.iter().any(|b| b == *a))
        {
            return Err(RegistryError::NoChange(format!(
                "{id:?} has no alias {missing:?}"
            )));
        }
        let mut after = before.clone();
        after.aliases.retain(|a| !aliases.contains(&a.as_str()));
        let mut split = Entity::new(new, &before.label, name);
        split.aliases = aliases.iter().map(|a| (*a).to_owned()).collect();
        split.aliases.retain(|a| a != name);
        let mut edit = replace(before, after);
        edit.changes.push((None, Some(split)));
        Ok(edit)
    }
}

/// Whether `external_id` may be typed as an entity's external id: empty
/// (none), or a Wikidata QID, `Q` and digits with no leading zero
/// (`Q794`). Nothing is looked up.
pub fn check_external_id(external_id: &str) -> Result<(), RegistryError> {
    let digits = external_id.strip_prefix('Q').unwrap_or("");
    let qid = !digits.is_empty()
        && digits.len() <= 12
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    if external_id.is_empty() || qid {
        Ok(())
    } else {
        Err(RegistryError::BadExternalId(external_id.to_owned()))
    }
}

/// The change that replaces `before` by `after`.
fn replace(before: &Entity, after: Entity) -> RegistryEdit {
    RegistryEdit {
        changes: vec![(Some(before.clone()), Some(after))],
    }
}

/// Adds `alias` to `aliases`, kept sorted and without repeats.
fn add_alias(aliases: &mut Vec<String>, alias: String) {
    if let Err(at) = aliases.binary_search(&alias) {
        aliases.insert(at, alias);
    }
    aliases.sort();
    aliases.dedup();
}

/// The document edit that links the spans `which` selects (among those
/// linked to `from`, accepted or not) to `to` instead, keeping each link's
/// status; `None` if there are none. After a merge: every span of `from`;
/// after a split: those the user picks.
pub fn repoint_links_edit(
    set: &AnnotationSet,
    from: &str,
    to: &str,
    which: impl Fn(&Span) -> bool,
) -> Option<Edit> {
    let edits: Vec<Edit> = set
        .spans()
        .iter()
        .chain(set.orphans())
        .filter(|s| s.entity.as_deref() == Some(from) && which(s))
        .map(|before| {
            let after = Span {
                entity: Some(to.to_owned()),
                ..before.clone()
            };
            if set.get(before.id).is_some() {
                Edit::Replace {
                    before: before.clone(),
                    after,
                }
            } else {
                Edit::Batch(vec![
                    Edit::RemoveOrphan(before.clone()),
                    Edit::AddOrphan(after),
                ])
            }
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// The spans and orphans of `set` linked (or suggested a link, not
/// rejected) to entity ids that
/// `registry` does not hold, with those ids: what `validate` reports.
pub fn unknown_links<'a>(
    set: &'a AnnotationSet,
    registry: &'a Registry,
) -> impl Iterator<Item = (SpanId, &'a str)> + 'a {
    set.spans()
        .iter()
        .chain(set.orphans())
        .filter(|s| s.entity_status != Status::Rejected)
        .filter_map(|s| s.entity.as_deref().map(|e| (s.id, e)))
        .filter(|(_, e)| registry.get(e).is_none())
}
