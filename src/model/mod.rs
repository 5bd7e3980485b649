//! The annotation model: documents, spans, label schemas, annotation sets and
//! their edit history. Nothing here knows about egui or about files.

mod annotations;
mod bounds;
mod document;
mod edit;
pub mod graphemes;
mod schema;
pub mod search;
mod span;
pub mod words;

pub use annotations::{AnnotationSet, Invalid, SetSnapshot, SpanChange, Spans, SpansIter};
pub use bounds::{
    LabelNameError, MAX_DESCRIPTION_CHARS, MAX_ELIDED_CHARS, MAX_LABEL_CHARS, MAX_NAME_CHARS,
    TooLong, check_label_name, check_length, check_name, elide, elide_debug,
};
pub use document::Document;
pub use edit::{Edit, EditError, History, StateId};
pub use schema::{LabelDef, LabelSchema, Rgb};
pub use span::{Origin, Span, SpanId, Status};
