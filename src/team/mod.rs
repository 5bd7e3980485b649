//! Teams: several annotators on one corpus, their agreement, and merging
//! their files through git.
//!
//! An annotator's work on the article `X.txt` is `X.NAME.ron` beside it
//! ([`crate::store::annotation_path`]); `X.ron` is the gold (curated)
//! version. The name comes from the person's own settings
//! ([`crate::settings::load_personal`]) or `--annotator NAME`, never from
//! the folder's shared `newsmark.ron`.
//!
//! - `mod.rs`: whose files the window opens ([`annotate_as`])
//! - `agree/`: inter-annotator agreement ([`agree::Agreement`])
//! - `curate/`: one document's annotators' spans and relations as agreed
//!   places and disagreements, and the edits that curate them into the
//!   gold ([`curate::CurationIndex`])
//! - `merge.rs`: three versions of an annotation file merged as sets
//!   ([`merge::merge_sets`]), for the git merge driver

pub mod agree;
pub mod curate;
pub mod merge;

use std::sync::OnceLock;

use crate::store::Annotator;

/// The annotator the window works as, set once by the binary.
static PROCESS_ANNOTATOR: OnceLock<Annotator> = OnceLock::new();

/// Makes every later [`crate::session::Session::open`],
/// [`crate::session::Session::read`] and
/// [`crate::session::read_annotations`] of this process open and save
/// `annotator`'s files (`X.NAME.ron`) instead of the gold `X.ron`. For the
/// binary, before it opens the window (whose code opens sessions without
/// naming an annotator); set once: `false` if an annotator was set before
/// (which stays). Library users and tests name the annotator with
/// [`crate::session::Session::open_as`] instead.
pub fn annotate_as(annotator: Annotator) -> bool {
    PROCESS_ANNOTATOR.set(annotator).is_ok()
}

/// The annotator set by [`annotate_as`], if any.
pub fn process_annotator() -> Option<&'static Annotator> {
    PROCESS_ANNOTATOR.get()
}
