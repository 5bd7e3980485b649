//! Relations between spans, entity links and the entity registry (issue
//! 13): the relation types of the schema, the annotation file's `relations`
//! and `entity` fields, their edits and undo, validation, the registry
//! `entities.ron`, and the facts table.

mod brat;
mod brat_roles;
mod edits;
mod entities;
mod entity_corpus;
mod facts;
mod file;
mod formats;
mod patterns;
mod schema;
