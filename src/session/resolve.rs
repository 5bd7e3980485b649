//! Resolving a change on disk (see [`Session::check_disk`]): reload (take
//! theirs), keep mine, or merge. None of them loses anything:
//!
//! - [`Session::reload`] first writes my unsaved annotations to
//!   `NAME.ron.mine` (a free name: `NAME.ron.mine2`, ... if taken); when the
//!   article is unchanged the reload is also one undoable step.
//! - [`Session::keep_mine`] first copies their annotation file to
//!   `NAME.ron.theirs` (or `NAME.ron.theirs2`, ...), then saves mine (which
//!   also keeps theirs as `NAME.ron.bak` until the next save).
//! - [`Session::merge`] applies my edits on their file
//!   ([`super::merge_three_way`]) as one undoable step (when the article is
//!   unchanged), and leaves the result unsaved for me to check and save.
//!
//! The article is never written. When it changed, all three go on with its
//! new text: the spans (theirs, mine and the common ancestor) are
//! re-anchored on it as on opening, and those that cannot be placed become
//! orphans, kept (and saved) until placed or deleted. Undo history is
//! then cleared: its edits were on the old text.

use std::path::{Path, PathBuf};

use super::disk::{Fingerprint, compare_text};
use super::merge::{MergeReport, merge_three_way};
use super::{Session, load_block, unloadable_block};
use crate::model::{AnnotationSet, Document, History, Span, StateId};
use crate::store::{self, LoadProblem, LoadedAnnotations, StoreError};

/// The annotation file as it is on disk now, loaded for a text.
pub(super) struct RonOnDisk {
    /// Its fingerprint, taken before loading it (`None`: no file, or not
    /// readable).
    print: Option<Fingerprint>,
    /// What loading gave: `Ok(None)` if there is no file.
    loaded: Result<Option<LoadedAnnotations>, StoreError>,
}

impl RonOnDisk {
    /// Reads `session`'s annotation file for the text `doc`.
    pub(super) fn read(session: &Session, doc: &Document) -> Self {
        let path = &session.ron_path;
        // One read for both the fingerprint and the annotations. Only a file
        // known to be absent means "no annotations yet"; one that cannot
        // even be read fails, and is protected.
        match store::read_annotation_file(path) {
            Ok(None) => Self {
                print: None,
                loaded: Ok(None),
            },
            Ok(Some(file)) => Self {
                print: Some(Fingerprint::of_bytes(Some(&file.meta), &file.bytes)),
                loaded: store::load_annotation_bytes(
                    path,
                    file.bytes,
                    &session.name(),
                    doc,
                    &session.schema,
                )
                .map(Some),
            },
            Err(err) => Self {
                print: Fingerprint::of_file(path).ok().flatten(),
                loaded: Err(err),
            },
        }
    }
}

/// The article as it is on disk now.
struct TextOnDisk {
    /// The new text, if it changed.
    doc: Option<Document>,
    /// Its fingerprint.
    print: Option<Fingerprint>,
}

/// What [`Session::reload`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reloaded {
    /// Where my unsaved annotations were kept, if there were any.
    pub mine_kept_as: Option<PathBuf>,
    /// Whether the article's text changed (and was reloaded).
    pub text_changed: bool,
}

/// What [`Session::keep_mine`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptMine {
    /// Where their annotation file was kept, if there was one.
    pub theirs_kept_as: Option<PathBuf>,
    /// Whether mine were saved (not if saving is refused: spans of the file
    /// that could not be placed; see [`Session::save_blocked`]).
    pub saved: bool,
    /// Whether the article's text changed (and was reloaded).
    pub text_changed: bool,
}

/// What [`Session::merge`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// What was merged.
    pub report: MergeReport,
    /// Whether the article's text changed (and was reloaded).
    pub text_changed: bool,
}

/// `PATH.SUFFIX`, or `PATH.SUFFIX2`, `PATH.SUFFIX3`, ... : the first name
/// not taken.
fn free_name(path: &Path, suffix: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let number = if n == 1 { String::new() } else { n.to_string() };
        let candidate = PathBuf::from(format!("{}.{suffix}{number}", path.display()));
        if matches!(candidate.try_exists(), Ok(false)) {
            return candidate;
        }
        n += 1;
    }
}

impl Session {
    /// Takes the loaded annotation file's problems, orphans and protection,
    /// remembers it as read, and returns its spans.
    pub(super) fn adopt(&mut self, on_disk: RonOnDisk) -> AnnotationSet {
        self.problems.clear();
        self.unplaced.clear();
        self.save_block = None;
        let set = match on_disk.loaded {
            Ok(None) => AnnotationSet::new(),
            Ok(Some(loaded)) => {
                self.save_block = load_block(&loaded);
                self.unplaced = loaded.unplaced;
                self.problems = loaded.problems;
                loaded.set
            }
            Err(err) => {
                self.problems.push(LoadProblem {
                    file: self.ron_path.clone(),
                    span_id: None,
                    reason: err.to_string(),
                });
                self.save_block = Some(unloadable_block(&err));
                AnnotationSet::new()
            }
        };
        self.disk.ron = on_disk.print;
        self.disk.base = set.clone();
        set
    }

    /// The article as on disk: its new text if it changed. Fails if it can
    /// no longer be read (the session is unchanged).
    fn read_text_on_disk(&mut self) -> Result<TextOnDisk, StoreError> {
        let unchanged = self.disk.txt.clone();
        let mut known = self.disk.txt.clone();
        if compare_text(&self.txt_path, &mut known).is_none() {
            return Ok(TextOnDisk {
                doc: None,
                print: known.or(unchanged),
            });
        }
        let meta = std::fs::metadata(&self.txt_path).ok();
        let doc = store::read_text(&self.txt_path)?;
        let print = Some(Fingerprint::of_text(meta.as_ref(), &doc));
        let changed = doc.text() != self.doc.text();
        Ok(TextOnDisk {
            doc: changed.then_some(doc),
            print,
        })
    }

    /// Replaces the text by `doc` (the article's new text): the undo
    /// history is cleared, since its edits were on the old text.
    fn replace_text(&mut self, doc: Document) {
        self.doc = std::sync::Arc::new(doc);
        self.history = History::new();
    }

    /// Re-anchors `set`'s spans (placed on `old`, the text in memory) on
    /// `doc`, each with its context in `old` as saving would store it;
    /// returns the set placed, with `set`'s orphans, and the spans that
    /// became orphans now, with their candidate places.
    fn reanchored(old: &Document, doc: &Document, set: &AnnotationSet) -> (AnnotationSet, Orphans) {
        let spans = set
            .spans()
            .iter()
            .map(|s| (s.clone(), store::Context::of(old, s)));
        let outcome = store::reanchor_in_context(doc, spans.collect());
        let mut placed =
            AnnotationSet::from_spans(outcome.placed.into_iter().map(|(span, _)| span).collect());
        placed.set_done(set.is_done());
        // Relations follow their spans by id: placed, or orphaned now (the
        // caller keeps those as orphans under their ids).
        for relation in set.relations() {
            placed.insert_relation(relation.clone());
        }
        // The earlier orphans keep no candidates: those were on `old`.
        add_orphans(
            &mut placed,
            set.orphans()
                .iter()
                .cloned()
                .map(|o| (o, Vec::new()))
                .collect(),
        );
        (
            placed,
            outcome
                .orphans
                .into_iter()
                .zip(outcome.candidates)
                .collect(),
        )
    }

    /// Makes `set` the annotations: as one undoable step if the text is
    /// unchanged, else outright. `clean`: the result is what the annotation
    /// file holds (not dirty).
    fn install(&mut self, set: &AnnotationSet, text_changed: bool, clean: bool) {
        if text_changed {
            self.set = set.clone();
            self.saved_state = if clean { 0 } else { StateId::MAX };
            return;
        }
        if let Some(edit) = self.restore_edit(set) {
            // The edit turns the current set into `set`; it cannot fail.
            if self.history.perform(&mut self.set, edit).is_err() {
                self.set = set.clone();
            }
        }
        self.saved_state = if clean {
            self.history.state()
        } else {
            StateId::MAX
        };
    }

    /// Reload (take theirs): the article and its annotation file as they are
    /// on disk now, as [`Session::open`] would load them. If there are
    /// unsaved edits they are first written to `NAME.ron.mine` (returned);
    /// if that fails, nothing changes. When only the annotation file
    /// changed, the reload is one undoable step.
    pub fn reload(&mut self) -> Result<Reloaded, StoreError> {
        let text = self.read_text_on_disk()?;
        let mine_kept_as = if self.is_dirty() {
            let path = free_name(&self.ron_path, "mine");
            let ron = store::to_ron_string_in_context(&self.name(), &self.doc, &self.set);
            store::atomic_write(&path, ron.as_bytes())?;
            Some(path)
        } else {
            None
        };
        let text_changed = text.doc.is_some();
        if let Some(doc) = text.doc {
            self.replace_text(doc);
        }
        self.disk.txt = text.print;
        let theirs = RonOnDisk::read(self, &self.doc);
        let set = self.adopt(theirs);
        self.install(&set, text_changed, true);
        if let Err(err) = self.discard_journal() {
            log::warn!("after reloading: {err}");
        }
        Ok(Reloaded {
            mine_kept_as,
            text_changed,
        })
    }

    /// Keep mine: their annotation file (if it changed and is there) is
    /// copied to `NAME.ron.theirs` (returned), then my annotations are saved
    /// over it. If the article changed, my spans are re-anchored on its new
    /// text first; those that cannot be placed become orphans (saved in the
    /// file's `orphans` list). If the article is
    /// gone or cannot be read, the text in memory is kept.
    pub fn keep_mine(&mut self) -> Result<KeptMine, StoreError> {
        // An article that is gone or unreadable: the text in memory is kept,
        // and the file as it is now acknowledged (a later change shows).
        let text = self.read_text_on_disk().unwrap_or_else(|_| TextOnDisk {
            doc: None,
            print: std::fs::metadata(&self.txt_path)
                .ok()
                .map(|meta| Fingerprint {
                    len: meta.len(),
                    modified: meta.modified().ok(),
                    sha256: String::new(),
                }),
        });
        let theirs = Fingerprint::of_file(&self.ron_path).map_err(|source| StoreError::Read {
            path: self.ron_path.clone(),
            source,
        })?;
        let theirs_kept_as = match &theirs {
            Some(print) if self.disk.ron.as_ref().map(|k| &k.sha256) != Some(&print.sha256) => {
                store::check_file_to_read(&self.ron_path)?;
                let bytes = std::fs::read(&self.ron_path).map_err(|source| StoreError::Read {
                    path: self.ron_path.clone(),
                    source,
                })?;
                let path = free_name(&self.ron_path, "theirs");
                store::atomic_write(&path, &bytes)?;
                // What was copied is what the save may replace.
                self.disk.ron = Some(Fingerprint::of_written(&self.ron_path, &bytes));
                Some(path)
            }
            Some(_) => None,
            None => {
                self.disk.ron = None;
                None
            }
        };
        let text_changed = text.doc.is_some();
        if let Some(doc) = text.doc {
            let (mine, orphans) = Self::reanchored(&self.doc, &doc, &self.set);
            self.replace_text(doc);
            self.set = mine;
            add_orphans(&mut self.set, orphans);
            self.saved_state = StateId::MAX;
        }
        self.disk.txt = text.print;
        let saved = self.save_block.is_none();
        if saved {
            self.save()?;
        }
        Ok(KeptMine {
            theirs_kept_as,
            saved,
            text_changed,
        })
    }

    /// Merge: my edits since the annotation file was last read or written
    /// are applied on the file as it is now ([`super::merge_three_way`]);
    /// conflicts go my way and are counted. The result is not saved. When
    /// only the annotation file changed, the merge is one undoable step.
    /// Fails, changing nothing, if the article or their file cannot be read
    /// or loaded.
    pub fn merge(&mut self) -> Result<Merged, StoreError> {
        let text = self.read_text_on_disk()?;
        let doc = text.doc.as_ref().unwrap_or(&self.doc);
        let RonOnDisk { print, loaded } = RonOnDisk::read(self, doc);
        let theirs = RonOnDisk {
            print,
            loaded: Ok(loaded?),
        };
        let text_changed = text.doc.is_some();
        let (base, mine, my_orphans) = match &text.doc {
            Some(doc) => {
                let (base, _) = Self::reanchored(&self.doc, doc, &self.disk.base);
                let (mine, orphans) = Self::reanchored(&self.doc, doc, &self.set);
                (base, mine, orphans)
            }
            None => (self.disk.base.clone(), self.set.clone(), Vec::new()),
        };
        if let Some(doc) = text.doc {
            self.replace_text(doc);
        }
        self.disk.txt = text.print;
        let theirs_set = self.adopt(theirs);
        let clean_of_orphans = my_orphans.is_empty();
        // My spans orphaned now are kept as orphans, mine and the merge's,
        // so that my relations on them are carried over.
        let mut mine = mine;
        add_orphans(&mut mine, my_orphans.clone());
        let mut theirs_and_my_orphans = theirs_set.clone();
        add_orphans(&mut theirs_and_my_orphans, my_orphans);
        let (merged, report) = merge_three_way(&base, &mine, &theirs_and_my_orphans);
        let clean = merged == theirs_set && clean_of_orphans;
        self.install(&merged, text_changed, clean);
        Ok(Merged {
            report,
            text_changed,
        })
    }
}

/// Spans not placed on a new text, each with its candidate places there.
type Orphans = Vec<(Span, Vec<(usize, usize)>)>;

/// Adds `orphans` (spans not placed on the new text) to `set`'s orphans,
/// where they are kept, and saved, until placed or deleted, with their
/// candidate places.
fn add_orphans(set: &mut AnnotationSet, orphans: Orphans) {
    for (orphan, places) in orphans {
        let id = set.keep_as_orphan(orphan);
        set.set_orphan_candidates(id, places);
    }
}
