//! The limits on the strings of an annotation file (README, *Limits and
//! refusals*): a file that breaks one is refused whole, naming the file and
//! the span, so no unbounded string from a file reaches the window.

use std::path::Path;

use super::StoreError;
use super::format::{AnnotationFile, StoredSpan};
use super::read::MAX_TEXT_BYTES;
use crate::model::{MAX_NAME_CHARS, Origin, TooLong, check_label_name, check_length, check_name};

/// The longest `document` field, in characters: a file name.
pub const MAX_DOCUMENT_CHARS: usize = 255;

/// The longest `text_sha256` field, in characters: 64 hex digits.
pub const MAX_HASH_CHARS: usize = 64;

/// The longest `prefix` or `suffix`, in characters. newsmark writes at most
/// [`super::CONTEXT_CHARS`]; other programs may keep a little more.
pub const MAX_CONTEXT_FIELD_CHARS: usize = 256;

/// The longest quote (`text`), in characters: no quote of an article
/// within [`MAX_TEXT_BYTES`] is longer.
pub const MAX_QUOTE_CHARS: usize = MAX_TEXT_BYTES as usize;

/// Refuses the file if one of its strings breaks a limit, naming the first
/// (by span id and place in the `spans` or `orphans` list).
pub(super) fn check_fields(path: &Path, file: &AnnotationFile) -> Result<(), StoreError> {
    let refuse = |field: String, reason: String| StoreError::BadField {
        path: path.to_owned(),
        field,
        reason,
    };
    let too_long = |field: &str, e: TooLong| refuse(field.to_owned(), e.to_string());
    check_length(&file.document, MAX_DOCUMENT_CHARS).map_err(|e| too_long("document", e))?;
    check_length(&file.text_sha256, MAX_HASH_CHARS).map_err(|e| too_long("text_sha256", e))?;
    for (list, spans) in [("spans", &file.spans), ("orphans", &file.orphans)] {
        for (at, span) in spans.iter().enumerate() {
            let place = |field: &str| format!("{list}[{at}] (span {}): {field}", span.id);
            check_span(span).map_err(|(field, reason)| refuse(place(field), reason))?;
        }
    }
    for (at, relation) in file.relations.iter().enumerate() {
        let place = |field: &str| format!("relations[{at}] (relation {}): {field}", relation.id);
        check_label_name(&relation.label).map_err(|e| refuse(place("label"), e.to_string()))?;
        check_origin(&relation.origin).map_err(|e| refuse(place("origin"), e))?;
    }
    Ok(())
}

/// Why an extractor's name is refused, if it is.
fn check_origin(origin: &Origin) -> Result<(), String> {
    match origin {
        Origin::Extractor(name) | Origin::Annotator(name) => {
            check_name(name, MAX_NAME_CHARS).map_err(|e| e.to_string())
        }
        Origin::Manual => Ok(()),
    }
}

/// The first field of a span that breaks a limit, and why.
fn check_span(span: &StoredSpan) -> Result<(), (&'static str, String)> {
    check_label_name(&span.label).map_err(|e| ("label", e.to_string()))?;
    check_origin(&span.origin).map_err(|e| ("origin", e))?;
    if !span.entity.is_empty() {
        check_name(&span.entity, MAX_NAME_CHARS).map_err(|e| ("entity", e.to_string()))?;
    }
    let fields = [
        ("text", &span.text, MAX_QUOTE_CHARS),
        ("prefix", &span.prefix, MAX_CONTEXT_FIELD_CHARS),
        ("suffix", &span.suffix, MAX_CONTEXT_FIELD_CHARS),
    ];
    for (field, value, limit) in fields {
        check_length(value, limit).map_err(|e| (field, e.to_string()))?;
    }
    Ok(())
}
