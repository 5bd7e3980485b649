//! The annotation model: documents, spans, label schemas, annotation sets and
//! their edit history. Nothing here knows about egui or about files.
//!
//! - `bidi.rs`: right-to-left and mixed text (UAX #9): levels, visual order
//! - `annotations.rs`: a document's spans, kept sorted, with their invariants
//! - `bounds.rs`: limits on the strings taken from files; what a label name may hold
//! - `document.rs`: an article's text, code-point ↔ byte offsets
//! - `edit.rs`: edits with exact inverses, and the undo history
//! - `graphemes.rs`: grapheme clusters, what a reader sees as one character
//! - `relation.rs`: a typed link between two spans
//! - `schema.rs`: the labels a corpus uses (colours, hotkeys, descriptions)
//!   and its relation types
//! - `search.rs`: finding text in a document (plain or regular expression)
//! - `span.rs`: a labelled stretch of text
//! - `spans_view.rs`: read-only views of a set's spans (`Spans`, `SetSnapshot`)
//! - `validate.rs`: checking a set against its document and schema (`Invalid`)
//! - `words.rs`: word boundaries: snapping selections, moving a caret

mod annotations;
pub mod bidi;
mod bounds;
mod document;
mod edit;
pub mod graphemes;
mod relation;
mod schema;
pub mod search;
mod span;
mod spans_view;
mod validate;
pub mod words;

pub use annotations::{AnnotationSet, SpanChange};
pub use bounds::{
    LabelNameError, MAX_DESCRIPTION_CHARS, MAX_ELIDED_CHARS, MAX_LABEL_CHARS, MAX_NAME_CHARS,
    TooLong, check_label_name, check_length, check_name, elide, elide_debug,
};
pub use document::Document;
pub use edit::{Edit, EditError, History, StateId};
pub use relation::{Relation, RelationId};
pub use schema::{LabelDef, LabelSchema, RelationDef, Rgb};
pub use span::{Origin, Span, SpanId, Status};
pub use spans_view::{SetSnapshot, Spans, SpansIter};
pub use validate::{Invalid, InvalidRelation};
