//! One open document: its text, annotations, undo history and save state.
//! The GUI and the tests drive editing through this type.
//!
//! - `mod.rs`: [`Session`]: opening, editing, saving
//! - `bulk.rs`: folder-wide review of one file (accept or reject all)
//! - `disk.rs`: noticing changes on disk while a document is open
//! - `journal_writer.rs`: the recovery journal written on another thread
//! - `merge.rs`: the three-way merge of annotation sets
//! - `orphans.rs`: placing and deleting orphans ([`OrphanError`])
//! - `relations.rs`: relations and entity links as undoable edits
//! - `recovery.rs`: the recovery journal: writing, discarding, restoring
//! - `resolve.rs`: resolving a change on disk: reload, keep mine, merge
//! - `review.rs`: relabel, accept, reject, resize, as undoable edits

pub mod bulk;
mod disk;
mod journal_writer;
mod merge;
mod orphans;
mod recovery;
mod relations;
mod resolve;
mod review;

pub use disk::{DiskChange, FileChange, Fingerprint};
pub use journal_writer::JournalWrite;
pub use merge::{MergeReport, merge_three_way};
pub(crate) use merge::{overlaps, same_except_id};
pub use orphans::OrphanError;
pub use relations::RelationError;
pub use resolve::{KeptMine, Merged, Reloaded};
pub use review::{ReviewFilter, Reviewable, count_pending_links, count_pending_relations};

use disk::DiskState;
use journal_writer::JournalGate;
use resolve::RonOnDisk;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{
    AnnotationSet, Document, Edit, EditError, History, LabelSchema, Span, SpanId, StateId,
};
use crate::store::{self, LoadProblem, StoreError};

/// An article opened for annotation.
#[derive(Debug)]
pub struct Session {
    txt_path: PathBuf,
    ron_path: PathBuf,
    /// Whose file `ron_path` is: an annotator's, or the gold (`None`).
    annotator: Option<store::Annotator>,
    /// Shared with work on other threads (journal writes, occurrence scans).
    doc: Arc<Document>,
    set: AnnotationSet,
    history: History,
    saved_state: StateId,
    schema: LabelSchema,
    problems: Vec<LoadProblem>,
    unplaced: Vec<Span>,
    save_block: Option<String>,
    disk: DiskState,
    journal_gate: JournalGate,
}

impl Session {
    /// Opens an article and its paired annotation file, if there is one.
    ///
    /// Fails only if the article itself cannot be read. An annotation file
    /// that cannot be loaded leaves the session empty and protected: saving
    /// over that file is refused (see [`Self::save_blocked`]). If the article
    /// changed since the file was saved, its spans are re-anchored; those
    /// that cannot be are [`Self::orphans`], kept (and saved) until placed
    /// or deleted.
    ///
    /// Also removes the temporary files that saves interrupted by a crash
    /// left in the article's folder, which lists the folder: a command over
    /// a whole corpus uses [`Self::read`] for each article instead, so that
    /// it stays linear in the number of articles.
    ///
    /// The file is the gold `X.ron`, or the annotator's `X.NAME.ron` when
    /// the process works as one ([`crate::team::annotate_as`]).
    pub fn open(txt_path: &Path, schema: LabelSchema) -> Result<Self, StoreError> {
        Self::open_as(txt_path, schema, crate::team::process_annotator())
    }

    /// [`Self::open`] as `annotator`: its annotation file is
    /// `X.NAME.ron` ([`store::annotation_path`]), or the gold `X.ron` for
    /// `None`. Refused ([`StoreError::Refused`]) when `X.NAME.ron` is the
    /// gold of another article, `X.NAME.txt`.
    pub fn open_as(
        txt_path: &Path,
        schema: LabelSchema,
        annotator: Option<&store::Annotator>,
    ) -> Result<Self, StoreError> {
        let session = Self::read_as(txt_path, schema, annotator)?;
        // Temporary files of saves interrupted by a crash (never read as
        // annotations); a failure to clean them up is harmless.
        let folder = store::folder_of(&session.ron_path);
        for removed in store::remove_stale_temp_files(folder, store::STALE_TEMP_AGE) {
            log::debug!("removed {}, left by a save that crashed", removed.display());
        }
        Ok(session)
    }

    /// [`Self::open`] without the clean-up of the folder: for commands that
    /// go through every article of a corpus, where listing the folder for
    /// each article would make the whole run quadratic.
    pub fn read(txt_path: &Path, schema: LabelSchema) -> Result<Self, StoreError> {
        Self::read_as(txt_path, schema, crate::team::process_annotator())
    }

    /// [`Self::read`] as `annotator` (see [`Self::open_as`]).
    pub fn read_as(
        txt_path: &Path,
        schema: LabelSchema,
        annotator: Option<&store::Annotator>,
    ) -> Result<Self, StoreError> {
        let ron_path = annotator_ron_path(txt_path, annotator)?;
        // The metadata is taken before reading, so a change made while
        // reading shows later.
        let (doc, txt_meta) = store::read_text_with_meta(txt_path)?;
        let mut session = Self {
            txt_path: txt_path.to_owned(),
            ron_path,
            annotator: annotator.cloned(),
            doc: Arc::new(doc),
            set: AnnotationSet::new(),
            history: History::new(),
            saved_state: 0,
            schema,
            problems: Vec::new(),
            unplaced: Vec::new(),
            save_block: None,
            disk: DiskState::default(),
            journal_gate: JournalGate::default(),
        };
        session.disk.txt = Some(Fingerprint::of_text(Some(&txt_meta), &session.doc));
        let on_disk = RonOnDisk::read(&session, &session.doc);
        session.set = session.adopt(on_disk);
        log::debug!(
            "read {} and {}: {} spans, {} problems",
            txt_path.display(),
            session.ron_path.display(),
            session.set.len(),
            session.problems.len()
        );
        Ok(session)
    }

    /// The article's path.
    pub fn txt_path(&self) -> &Path {
        &self.txt_path
    }

    /// Where annotations are saved.
    pub fn ron_path(&self) -> &Path {
        &self.ron_path
    }

    /// Whose annotation file is open: an annotator's, or the gold (`None`).
    pub fn annotator(&self) -> Option<&store::Annotator> {
        self.annotator.as_ref()
    }

    /// The article's file name.
    pub fn name(&self) -> String {
        store::file_name(&self.txt_path)
    }

    /// The article.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// The article, to share with work on another thread. It is replaced,
    /// never changed, when the article changes on disk.
    pub fn shared_doc(&self) -> Arc<Document> {
        Arc::clone(&self.doc)
    }

    /// The annotations.
    pub fn set(&self) -> &AnnotationSet {
        &self.set
    }

    /// The label schema in use.
    pub fn schema(&self) -> &LabelSchema {
        &self.schema
    }

    /// Problems found when loading, one per span or file issue.
    pub fn problems(&self) -> &[LoadProblem] {
        &self.problems
    }

    /// Spans from the file that could not be placed on the text.
    pub fn unplaced(&self) -> &[Span] {
        &self.unplaced
    }

    /// Why saving over [`Self::ron_path`] is refused, if it is.
    pub fn save_blocked(&self) -> Option<&str> {
        self.save_block.as_deref()
    }

    /// Whether there are edits not yet saved.
    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// The undo history.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The edit that adds a span labelled `label` over `range`, or `None` if
    /// the range is empty or outside the text, or the same span exists.
    pub fn add_span_edit(&self, range: Range<usize>, label: &str) -> Option<Edit> {
        if range.is_empty() || self.set.find_same(range.start, range.end, label).is_some() {
            return None;
        }
        let text = self.doc.slice(range.clone())?;
        Some(Edit::Add(Span::manual(
            self.set.next_id(),
            range.start,
            range.end,
            label,
            text,
        )))
    }

    /// The edit that deletes span `id` and its relations, undone as one
    /// step ([`AnnotationSet::delete_span_edit`]).
    pub fn delete_edit(&self, id: SpanId) -> Option<Edit> {
        self.set.delete_span_edit(id)
    }

    /// Applies an edit and records it for undo.
    pub fn perform(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.perform(&mut self.set, edit)
    }

    /// Undoes the last edit.
    pub fn undo(&mut self) -> Option<Edit> {
        self.history.undo(&mut self.set)
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self) -> Option<Edit> {
        self.history.redo(&mut self.set)
    }

    /// Saves the annotations to [`Self::ron_path`], unless that file is
    /// protected, or another program changed it since the session last read
    /// or wrote it ([`StoreError::ChangedOnDisk`]: see [`Self::check_disk`]
    /// and the resolutions [`Self::reload`], [`Self::keep_mine`],
    /// [`Self::merge`]). The file replaced is kept as `NAME.ron.bak` (see
    /// [`store::save_annotations`]); on success the recovery journal is
    /// removed. On failure nothing on disk changes and the edits stay
    /// unsaved (and journaled).
    pub fn save(&mut self) -> Result<(), StoreError> {
        self.save_with(store::Durability::Now)
    }

    /// [`Self::save`], the file on the disk as `durability` says: a corpus
    /// command saving many documents defers it to one
    /// [`store::sync_filesystem`] at the end.
    pub fn save_with(&mut self, durability: store::Durability) -> Result<(), StoreError> {
        if let Some(reason) = &self.save_block {
            return Err(StoreError::Refused {
                path: self.ron_path.clone(),
                reason: reason.clone(),
            });
        }
        self.ensure_ron_unchanged()?;
        let path = self.ron_path.clone();
        self.write_ron(&path, durability)?;
        self.saved_state = self.history.state();
        // The edits are in the file now. A journal that could not be removed
        // holds the same annotations and is removed when next found.
        self.remove_saved_journal(&self.journal());
        log::debug!("saved {}", path.display());
        Ok(())
    }

    /// Saves the annotations to another file, which becomes where later saves
    /// go. The protected file is left as it is. On success the recovery
    /// journals of both files are removed: the edits are saved.
    pub fn save_as(&mut self, ron_path: &Path) -> Result<(), StoreError> {
        self.write_ron(ron_path, store::Durability::Now)?;
        let old_journal = self.journal();
        self.ron_path = ron_path.to_owned();
        self.save_block = None;
        self.saved_state = self.history.state();
        self.remove_saved_journal(&old_journal);
        self.remove_saved_journal(&self.journal());
        log::debug!("saved as {}", ron_path.display());
        Ok(())
    }

    /// Keeps a copy of the protected annotation file beside it (returned) and
    /// allows saving over the original.
    pub fn back_up_and_unprotect(&mut self) -> Result<PathBuf, StoreError> {
        let mut backup = PathBuf::from(format!("{}.broken", self.ron_path.display()));
        let mut n = 1;
        while backup.exists() {
            n += 1;
            backup = PathBuf::from(format!("{}.broken{n}", self.ron_path.display()));
        }
        // Never a copy of a file outside the corpus, or of a device.
        store::check_file_to_read(&self.ron_path)?;
        std::fs::copy(&self.ron_path, &backup).map_err(|source| StoreError::Write {
            path: backup.clone(),
            source,
        })?;
        self.save_block = None;
        Ok(backup)
    }
}

/// An article's annotations as [`Session::open`] loads them, and why saving
/// over them would be refused, if it would ([`Session::save_blocked`]);
/// without the rest of a session (the files' fingerprints for changes on
/// disk, the history), so that reading a whole folder for its document list
/// stays cheap. The file is the annotator's when the process works as one
/// ([`crate::team::annotate_as`]). Fails only if the article cannot be read
/// (or the annotator's file is another article's gold).
pub fn read_annotations(
    txt_path: &Path,
    schema: &LabelSchema,
) -> Result<(AnnotationSet, Option<String>), StoreError> {
    let ron_path = annotator_ron_path(txt_path, crate::team::process_annotator())?;
    let doc = store::read_text(txt_path)?;
    if matches!(ron_path.try_exists(), Ok(false)) {
        return Ok((AnnotationSet::new(), None));
    }
    let name = store::file_name(txt_path);
    Ok(
        match store::load_annotations(&ron_path, &name, &doc, schema) {
            Ok(loaded) => {
                let block = load_block(&loaded);
                (loaded.set, block)
            }
            Err(err) => (AnnotationSet::new(), Some(unloadable_block(&err))),
        },
    )
}

/// The annotation file of `txt_path` for `annotator` (the gold for
/// `None`), unless it is the gold of another article.
fn annotator_ron_path(
    txt_path: &Path,
    annotator: Option<&store::Annotator>,
) -> Result<PathBuf, StoreError> {
    let path = store::annotation_path(txt_path, annotator);
    match annotator.and_then(|name| store::annotator_file_clash(txt_path, name)) {
        Some(reason) => Err(StoreError::Refused { path, reason }),
        None => Ok(path),
    }
}

/// Why an annotation file that cannot be loaded must not be saved over.
fn unloadable_block(err: &StoreError) -> String {
    format!("it could not be loaded ({err})")
}

/// Why a loaded annotation file must not be saved over, if it must not.
/// (Orphans do not stop a save: the file keeps them in its `orphans` list.)
fn load_block(loaded: &store::LoadedAnnotations) -> Option<String> {
    (!loaded.unplaced.is_empty()).then(|| {
        let n = loaded.unplaced.len();
        format!(
            "{} in it could not be placed on the text",
            crate::plural::counted(n, "span", "spans")
        )
    })
}
