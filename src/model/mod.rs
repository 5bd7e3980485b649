//! The annotation model: documents, spans, label schemas, annotation sets and
//! their edit history. Nothing here knows about egui or about files.

mod annotations;
mod document;
mod edit;
pub mod graphemes;
mod schema;
pub mod search;
mod span;
pub mod words;

pub use annotations::{AnnotationSet, Invalid, SetSnapshot, SpanChange, Spans, SpansIter};
pub use document::Document;
pub use edit::{Edit, EditError, History, StateId};
pub use schema::{LabelDef, LabelSchema, Rgb};
pub use span::{Origin, Span, SpanId, Status};
