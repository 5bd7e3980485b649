//! Reading and writing articles and their annotation files: the RON format,
//! validation on load, and atomic saves.
//!
//! - `boundary.rs`: only regular files inside the corpus folder are read
//! - `encoding.rs`: articles not in UTF-8, decoded into a UTF-8 copy
//! - `error.rs`: errors and problems met reading or writing files
//! - `fast_ron.rs`: a fast reader for the files `format.rs` writes (`ron` reads the rest)
//! - `format.rs`: the annotation file format (version 1)
//! - `limits.rs`: limits on an annotation file's strings
//! - `load.rs`: validating annotation files against their article
//! - `names.rs`: newsmark's own file names, document and annotator names,
//!   annotator files (`X.NAME.ron`), a file's folder
//! - `read.rs`: reading articles and annotation files within size limits
//! - `reanchor.rs` (and `reanchor/`): placing spans again on a changed text
//! - `save.rs`: atomic writes, backups, stale temporary files
//! - `staged.rs`: a new folder of many files, put in place whole

mod boundary;
mod encoding;
mod error;
mod fast_ron;
mod format;
mod limits;
mod load;
mod names;
mod read;
mod reanchor;
mod save;
mod staged;

use std::path::{Path, PathBuf};

pub use boundary::{check_file_to_read, check_regular_file, inside_corpus};
pub use encoding::{
    Encoding, LegacyPreview, UTF_16BE, UTF_16LE, WINDOWS_1252, encoding_for_label, guess_encoding,
    preview_legacy, transcode_to_utf8_copy,
};
pub use error::{LoadProblem, StoreError};
#[doc(hidden)]
pub use fast_ron::{ParsedAnnotationFile, read_fast, read_with_ron};
pub(crate) use format::ron_string;
pub use format::{
    FORMAT_VERSION, snapshot_to_ron_string, text_sha256, to_ron_string, to_ron_string_in_context,
};
pub use limits::{MAX_CONTEXT_FIELD_CHARS, MAX_DOCUMENT_CHARS, MAX_HASH_CHARS, MAX_QUOTE_CHARS};
pub use load::{
    LoadedAnnotations, check_unpaired, load_annotation_bytes, load_annotations, parse_annotations,
};
pub use names::{
    Annotator, AnnotatorNameError, ENTITIES_FILE_NAME, MAX_ANNOTATOR_CHARS, annotation_path,
    annotator_file_clash, annotator_file_parts, annotator_name_problem, article_of_annotations,
    document_name_problem, folder_of, reserved_file_name,
};
pub use read::{
    MAX_ANNOTATION_BYTES, MAX_TEXT_BYTES, RON_RECURSION_LIMIT, RonBytes, read_annotation_file,
    read_text, read_text_with_meta,
};
pub use reanchor::{
    CONTEXT_CHARS, CONTEXT_MIN_SIDE, Context, FUZZY_MAX_LEN, FUZZY_MIN_LEN, FUZZY_THRESHOLD, How,
    ReanchorOutcome, SLACK, Unit, reanchor, reanchor_in_context,
};
pub use save::{
    AtomicWriter, Durability, STALE_TEMP_AGE, atomic_write, atomic_write_keeping_backup,
    backup_path, remove_stale_temp_files, replace_file, save_annotations, sync_filesystem,
    write_keeping_backup, write_new_file,
};
pub use staged::{StagedFolder, staging_path};

/// The gold annotation file paired with an article: same stem, `.ron`
/// extension (an annotator's is [`annotation_path`]).
pub fn paired_ron_path(txt_path: &Path) -> PathBuf {
    txt_path.with_extension("ron")
}

/// The file name of a path, for messages and the `document` field.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
