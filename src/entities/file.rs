//! The registry file `entities.ron`, beside `newsmark.ron` in a corpus
//! folder (documented in the README):
//!
//! ```ron
//! (
//!     format: 1,
//!     entities: [
//!         (id: "issa-zarepour", label: "person", name: "Issa Zarepour", aliases: ["Zarepour"], external_id: "Q5939460"),
//!     ],
//! )
//! ```
//!
//! Written by hand, like annotation files: sorted by id, one entity per
//! line, `aliases` and `external_id` left out when empty; saved
//! atomically. A missing file is an empty registry; a file that cannot be
//! read or parsed, or breaks a rule (an id twice, an empty id or name, a
//! string over its limit), is an error naming the file, never a panic.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Entity, Registry};
use crate::model::{MAX_LABEL_CHARS, MAX_NAME_CHARS, check_name};
use crate::store::{self, StoreError, ron_string};

/// The registry file's name in a corpus folder.
pub const FILE_NAME: &str = store::ENTITIES_FILE_NAME;

/// The format version written and read.
pub const FORMAT_VERSION: u32 = 1;

/// The longest entity name or alias, in characters.
pub const MAX_ENTITY_NAME_CHARS: usize = 500;

/// The registry file could not be read, parsed or written. Every variant
/// names the file.
#[derive(Debug, thiserror::Error)]
pub enum EntitiesError {
    /// Reading or writing failed (the message names the file).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Not valid RON for the registry.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser said.
        message: String,
    },
    /// Parsed, but breaks a rule of the registry.
    #[error("{}: {reason}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    format: u32,
    #[serde(default)]
    entities: Vec<Entity>,
}

/// Reads the registry of the corpus folder `dir` (its `entities.ron`); a
/// missing file is an empty registry.
pub fn load(dir: &Path) -> Result<Registry, EntitiesError> {
    let path = dir.join(FILE_NAME);
    let Some(read) = store::read_annotation_file(&path)? else {
        return Ok(Registry::default());
    };
    let source = String::from_utf8(read.bytes).map_err(|e| StoreError::NotUtf8 {
        path: path.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    parse(&path, &source)
}

/// Parses the contents of a registry file; `path` is used in errors.
pub fn parse(path: &Path, source: &str) -> Result<Registry, EntitiesError> {
    let options = ron::Options::default().with_recursion_limit(store::RON_RECURSION_LIMIT);
    let file: RegistryFile = options
        .from_str(source)
        .map_err(|e: ron::error::SpannedError| EntitiesError::Syntax {
            path: path.to_owned(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })?;
    let invalid = |reason: String| EntitiesError::Invalid {
        path: path.to_owned(),
        reason,
    };
    if file.format != FORMAT_VERSION {
        return Err(invalid(format!(
            "format {} is not supported (this newsmark reads format {FORMAT_VERSION})",
            file.format
        )));
    }
    for (at, entity) in file.entities.iter().enumerate() {
        check_entity(entity).map_err(|reason| invalid(format!("entities[{at}]: {reason}")))?;
    }
    let (registry, duplicates) = Registry::from_entities(file.entities);
    if let Some(twice) = duplicates.first() {
        return Err(invalid(format!("entity id {:?} is used twice", twice.id)));
    }
    Ok(registry)
}

/// What is wrong with an entity's fields, if anything.
fn check_entity(entity: &Entity) -> Result<(), String> {
    if entity.id.trim().is_empty() || entity.name.trim().is_empty() {
        return Err("an entity needs an id and a name".to_owned());
    }
    let fields = [
        ("id", entity.id.as_str(), MAX_NAME_CHARS),
        ("label", entity.label.as_str(), MAX_LABEL_CHARS),
        ("name", entity.name.as_str(), MAX_ENTITY_NAME_CHARS),
        ("external_id", entity.external_id.as_str(), MAX_NAME_CHARS),
    ];
    let aliases = entity
        .aliases
        .iter()
        .map(|a| ("aliases", a.as_str(), MAX_ENTITY_NAME_CHARS));
    for (field, value, limit) in fields.into_iter().chain(aliases) {
        check_name(value, limit).map_err(|e| format!("{:?}: {field}: {e}", entity.id))?;
    }
    Ok(())
}

/// The registry file's text: sorted by id, one entity per line.
pub fn to_ron_string(registry: &Registry) -> String {
    let mut out = format!("(\n    format: {FORMAT_VERSION},\n");
    if registry.entities().is_empty() {
        out.push_str("    entities: [],\n)\n");
        return out;
    }
    out.push_str("    entities: [\n");
    for e in registry.entities() {
        let _ = write!(
            out,
            "        (id: {}, label: {}, name: {}",
            ron_string(&e.id),
            ron_string(&e.label),
            ron_string(&e.name)
        );
        if !e.aliases.is_empty() {
            let aliases: Vec<String> = e.aliases.iter().map(|a| ron_string(a)).collect();
            let _ = write!(out, ", aliases: [{}]", aliases.join(", "));
        }
        if !e.external_id.is_empty() {
            let _ = write!(out, ", external_id: {}", ron_string(&e.external_id));
        }
        out.push_str("),\n");
    }
    out.push_str("    ],\n)\n");
    out
}

/// Saves the registry as the `entities.ron` of the folder `dir`,
/// atomically.
pub fn save(dir: &Path, registry: &Registry) -> Result<(), EntitiesError> {
    store::atomic_write(&dir.join(FILE_NAME), to_ron_string(registry).as_bytes())?;
    Ok(())
}
