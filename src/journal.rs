//! The recovery journal: a document's unsaved annotations, written beside
//! its annotation file every few seconds, so that a crash (of newsmark, the
//! desktop or the machine) loses at most those seconds of work.
//!
//! For `NAME.ron` the journal is the hidden file `.NAME.ron.journal` in the
//! same folder ([`Journal::path_for`]), in the annotation file format (see
//! [`crate::store::to_ron_string`]), written atomically. It is removed when
//! the document is saved or its edits are discarded. On opening, a journal
//! that holds something other than the saved file is offered for restore
//! ([`Journal::find`]); one that holds the same annotations is removed.
//!
//! The journal never writes the annotation file itself, and a journal that
//! cannot be read is set aside (renamed to `.NAME.ron.journal.broken`),
//! never deleted nor read again.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::{AnnotationSet, Document, LabelSchema, Relation, Span};
use crate::store::{self, LoadProblem, LoadedAnnotations, StoreError};

/// The recovery journal of one document's annotation file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Journal {
    ron_path: PathBuf,
    path: PathBuf,
}

/// A journal found on opening a document, holding annotations that differ
/// from its saved annotation file: the edits of a session that ended
/// without saving.
#[derive(Clone, Debug)]
pub struct RecoveredJournal {
    /// The journal file.
    pub path: PathBuf,
    /// The journal's annotations that fit the article as it is now, and its
    /// done flag; the spans that no longer fit are among its orphans, so
    /// restoring it loses none of them.
    pub set: AnnotationSet,
    /// The journal's spans that no longer fit the article (its text changed
    /// since the journal was written, or a span is broken), as the journal
    /// holds them. [`Self::set`] keeps them as orphans.
    pub unplaced: Vec<Span>,
    /// What loading the journal reported (a changed text, unplaced spans,
    /// unknown labels), as for an annotation file.
    pub problems: Vec<LoadProblem>,
    /// Whether the article's text differs from the one the journal was
    /// written for.
    pub text_changed: bool,
    /// When the journal was last written (the Unix epoch if the file system
    /// does not say).
    pub written: SystemTime,
}

/// A journal that exists but cannot be loaded. It has been set aside, so a
/// later journal does not replace it.
#[derive(Debug, thiserror::Error)]
#[error("recovery journal not restored: {error}{}", kept_note(kept_as.as_deref()))]
pub struct UnreadableJournal {
    /// Why it cannot be loaded; names the journal file.
    pub error: StoreError,
    /// Where it is kept now, or `None` if it could not be renamed (it is
    /// then still at [`Journal::path`]).
    pub kept_as: Option<PathBuf>,
}

fn kept_note(kept_as: Option<&Path>) -> String {
    kept_as.map_or_else(String::new, |p| format!("; kept as {}", p.display()))
}

impl Journal {
    /// The journal file of the annotation file `ron_path`: `.NAME.ron.journal`
    /// in the same folder.
    pub fn path_for(ron_path: &Path) -> PathBuf {
        let mut name = OsString::from(".");
        name.push(
            ron_path
                .file_name()
                .unwrap_or_else(|| "annotations".as_ref()),
        );
        name.push(".journal");
        ron_path.with_file_name(name)
    }

    /// The journal of the annotation file `ron_path` (which need not exist).
    pub fn new(ron_path: &Path) -> Self {
        Self {
            ron_path: ron_path.to_owned(),
            path: Self::path_for(ron_path),
        }
    }

    /// The journal file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The annotation file it is the journal of.
    pub fn ron_path(&self) -> &Path {
        &self.ron_path
    }

    /// Writes `set`, the unsaved annotations of the article `doc` named
    /// `document_name`, atomically. Returns `false` without writing if the
    /// journal already holds exactly this, so it is cheap to call every few
    /// seconds: the file is rewritten (and fsynced) only after a change.
    pub fn write(
        &self,
        document_name: &str,
        doc: &Document,
        set: &AnnotationSet,
    ) -> Result<bool, StoreError> {
        self.write_contents(&store::to_ron_string_in_context(document_name, doc, set))
    }

    /// Writes `contents` (an annotation file's text) as the journal, unless
    /// the journal already holds exactly that. Returns whether it wrote.
    pub fn write_contents(&self, contents: &str) -> Result<bool, StoreError> {
        if std::fs::read(&self.path).is_ok_and(|old| old == contents.as_bytes()) {
            return Ok(false);
        }
        store::atomic_write(&self.path, contents.as_bytes())?;
        Ok(true)
    }

    /// Removes the journal (after a successful save, or when its edits are
    /// discarded). Returns whether there was one.
    pub fn remove(&self) -> Result<bool, StoreError> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(source) => Err(StoreError::Write {
                path: self.path.clone(),
                source,
            }),
        }
    }

    /// Looks for the journal of a document being opened: the article `doc`
    /// named `document_name`, whose labels are `schema`.
    ///
    /// - No journal: `Ok(None)`.
    /// - A journal holding the same annotations as the saved file (or none
    ///   when there is no saved file): it is removed, `Ok(None)`.
    /// - A journal that differs, or whose saved file cannot be loaded: it
    ///   is returned for the user to restore or discard, and left in place
    ///   until then. It is loaded like an annotation file: if the article
    ///   changed since, [`RecoveredJournal::text_changed`] says so and the
    ///   spans that no longer fit are in [`RecoveredJournal::unplaced`].
    /// - A journal that cannot be loaded (a syntax error, another format
    ///   version, unreadable): it is set aside and reported as
    ///   [`UnreadableJournal`]; the annotation file is never touched.
    pub fn find(
        &self,
        document_name: &str,
        doc: &Document,
        schema: &LabelSchema,
    ) -> Result<Option<RecoveredJournal>, UnreadableJournal> {
        let written = match std::fs::metadata(&self.path) {
            Ok(meta) => meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                let error = StoreError::Read {
                    path: self.path.clone(),
                    source,
                };
                return Err(self.set_aside(error));
            }
        };
        let journal = match store::load_annotations(&self.path, document_name, doc, schema) {
            Ok(journal) => journal,
            Err(StoreError::Read { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                return Ok(None);
            }
            Err(error) => return Err(self.set_aside(error)),
        };
        if self.saved(document_name, doc, schema).is_some_and(|saved| {
            saved.set == journal.set
                && saved.unplaced == journal.unplaced
                && saved.orphans == journal.orphans
                && saved.unplaced_relations == journal.unplaced_relations
        }) {
            // Nothing to recover: the edits were saved (the journal was left
            // because removing it failed, or the crash came just after the
            // save). A failed removal is retried on the next open.
            if let Err(err) = self.remove() {
                log::warn!("a journal of saved edits is left for the next open: {err}");
            }
            return Ok(None);
        }
        // Spans that cannot be placed become orphans of the set restored (a
        // fresh id if theirs is taken), so restoring keeps every one.
        // Their relations name them by id, which an orphan keeps (unless
        // another span of the journal has it: then the relation's end is
        // that span's, as the journal says).
        let mut set = journal.set;
        for span in &journal.unplaced {
            set.keep_as_orphan(span.clone());
        }
        // A relation whose id the journal gives twice is kept too, under a
        // fresh id (nothing refers to a relation's id), between its spans.
        for relation in journal.unplaced_relations {
            let id = set.next_relation_id();
            set.insert_relation(Relation { id, ..relation });
        }
        // Spans re-anchoring could not place no longer fit the article either.
        let mut unplaced = journal.unplaced;
        unplaced.extend(journal.orphans);
        Ok(Some(RecoveredJournal {
            path: self.path.clone(),
            set,
            unplaced,
            problems: journal.problems,
            text_changed: journal.text_changed,
            written,
        }))
    }

    /// The saved annotations to compare a journal with: empty if there is
    /// no annotation file, `None` if it cannot be loaded.
    fn saved(
        &self,
        document_name: &str,
        doc: &Document,
        schema: &LabelSchema,
    ) -> Option<LoadedAnnotations> {
        match self.ron_path.try_exists() {
            Ok(false) => Some(LoadedAnnotations::default()),
            Ok(true) => store::load_annotations(&self.ron_path, document_name, doc, schema).ok(),
            Err(_) => None,
        }
    }

    /// Renames an unreadable journal to `.NAME.ron.journal.broken` (or
    /// `.broken2`, …), keeping whatever it holds out of the way of the next
    /// journal, which would otherwise replace it.
    fn set_aside(&self, error: StoreError) -> UnreadableJournal {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".broken");
        let mut kept = PathBuf::from(&name);
        let mut n = 1;
        while kept.symlink_metadata().is_ok() {
            n += 1;
            let mut numbered = name.clone();
            numbered.push(n.to_string());
            kept = PathBuf::from(numbered);
        }
        let kept_as = std::fs::rename(&self.path, &kept).ok().map(|()| kept);
        UnreadableJournal { error, kept_as }
    }
}
