//! The documents of a corpus folder with their review state, for the
//! document list, navigation and corpus-wide figures.

use std::path::{Path, PathBuf};

use super::articles_in;
use super::digest::{DocDigest, StringPool};
use super::entity_counts::{EntityTally, EntityTotals};
use crate::model::{AnnotationSet, LabelSchema};
use crate::session::Session;
use crate::stats::{QualityReport, QualityTally, StatusCounts};
use crate::store::{self, StoreError};

/// Where a document stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocStatus {
    /// No spans and no suggestions yet.
    New,
    /// Only suggestions nobody has reviewed yet (imported, from the
    /// suggesters or learned from other documents): no human work on it.
    ToReview,
    /// Human work, not marked done: a span tagged or accepted, or a
    /// suggestion rejected.
    InProgress,
    /// Marked done by an annotator.
    Done,
}

impl DocStatus {
    /// A word for the document list.
    pub fn name(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::ToReview => "to review",
            Self::InProgress => "in progress",
            Self::Done => "done",
        }
    }

    /// The status of a document with these span counts (pending relations
    /// included), marked done or not.
    pub fn of(counts: StatusCounts, done: bool) -> Self {
        if done {
            Self::Done
        } else if counts.accepted > 0 || counts.rejected > 0 {
            Self::InProgress
        } else if counts.to_review() > 0 {
            Self::ToReview
        } else {
            Self::New
        }
    }
}

/// What the document list shows of a document: its spans by review status
/// and whether it is marked done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocSummary {
    /// Its spans by review status.
    pub counts: StatusCounts,
    /// Whether it is marked done.
    pub done: bool,
}

impl DocSummary {
    /// Counts a document's annotations (O(n) in its spans).
    pub fn of(set: &AnnotationSet) -> Self {
        Self {
            counts: StatusCounts::of(set),
            done: set.is_done(),
        }
    }

    /// New, to review, in progress or done.
    pub fn status(&self) -> DocStatus {
        DocStatus::of(self.counts, self.done)
    }
}

/// One article of the corpus.
#[derive(Clone, Debug)]
pub struct DocEntry {
    /// The article.
    pub path: PathBuf,
    /// Its file name.
    pub name: String,
    /// What the window keeps of its annotations as last read or saved;
    /// `None` if they could not be read (see `error`).
    pub digest: Option<DocDigest>,
    /// Why the article or its annotations could not be read, if so.
    pub error: Option<String>,
    /// Whether `set` and `error` have been read yet (see
    /// [`CorpusIndex::list`]).
    pub loaded: bool,
}

impl DocEntry {
    /// Reads an article's annotations ([`crate::session::read_annotations`]:
    /// only what the document list shows).
    pub fn read(path: &Path, schema: &LabelSchema) -> Self {
        let name = store::file_name(path);
        match crate::session::read_annotations(path, schema) {
            Ok((set, error)) => Self {
                path: path.to_owned(),
                name,
                error,
                digest: Some(DocDigest::of(&set)),
                loaded: true,
            },
            Err(err) => Self {
                path: path.to_owned(),
                name,
                digest: None,
                error: Some(err.to_string()),
                loaded: true,
            },
        }
    }

    /// Its spans by review status and done mark (all zero if its
    /// annotations could not be read or are not read yet).
    pub fn summary(&self) -> DocSummary {
        self.digest.as_ref().map(|d| d.summary).unwrap_or_default()
    }

    /// New, to review, in progress or done.
    pub fn status(&self) -> DocStatus {
        self.summary().status()
    }

    /// Number of accepted spans (pending and rejected suggestions are not
    /// spans of the annotation yet).
    pub fn span_count(&self) -> usize {
        self.summary().counts.accepted
    }

    /// Number of pending suggestions.
    pub fn pending_count(&self) -> usize {
        self.summary().counts.pending
    }
}

/// The articles of a corpus folder, sorted by name.
#[derive(Clone, Debug, Default)]
pub struct CorpusIndex {
    /// The folder.
    pub dir: PathBuf,
    /// Its articles. Read them here; change them only through
    /// [`Self::record`] and [`Self::set_loaded`], which keep the figures
    /// over them ([`Self::others_figures`]) up to date.
    pub entries: Vec<DocEntry>,
    /// The strings the entries' digests share.
    pool: StringPool,
    /// Counts the changes to the entries' digests.
    revision: u64,
    /// Figures over every entry read, kept as entries change so that the
    /// review panel does not count 100,000 documents again.
    totals: Totals,
}

/// Figures over the entries read, kept up to date entry by entry.
#[derive(Clone, Debug, Default)]
struct Totals {
    /// Extractor quality over the digests.
    quality: QualityTally,
    /// Entries with a digest in which an extractor suggested spans.
    with_extractor_spans: usize,
    /// Entries read whose annotations could not be read (no digest).
    unreadable: usize,
    /// Entries read.
    loaded: usize,
    /// Entries read and marked done.
    done: usize,
    /// For each learned pair of the pool (by number), how many entries
    /// learn it.
    term_documents: Vec<u32>,
    /// Each entity's mentions over the digests.
    entities: EntityTotals,
    /// Entries read whose annotations could not be read, or not all of
    /// them (with an error).
    with_problems: usize,
}

impl Totals {
    /// Counts `entry` in (`sign` true) or out.
    fn count(&mut self, entry: &DocEntry, sign: bool) {
        if !entry.loaded {
            return;
        }
        let change = |n: &mut usize| *n = if sign { *n + 1 } else { n.saturating_sub(1) };
        change(&mut self.loaded);
        if entry.error.is_some() {
            change(&mut self.with_problems);
        }
        match &entry.digest {
            Some(digest) => {
                digest.count_quality(&mut self.quality, sign);
                if digest.has_extractor_spans {
                    change(&mut self.with_extractor_spans);
                }
                if digest.summary.done {
                    change(&mut self.done);
                }
                self.entities.count(digest.entities(), sign);
                for &id in digest.term_ids() {
                    let id = id as usize;
                    if self.term_documents.len() <= id {
                        self.term_documents.resize(id + 1, 0);
                    }
                    let documents = &mut self.term_documents[id];
                    *documents = if sign {
                        documents.saturating_add(1)
                    } else {
                        documents.saturating_sub(1)
                    };
                }
            }
            None => change(&mut self.unreadable),
        }
    }
}

/// The corpus's figures without one document (the one open in the
/// window): what the review panel shows of the other documents.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OthersFigures {
    /// Extractor quality over the others that could be read.
    pub quality: QualityReport,
    /// Whether an extractor suggested spans in any of them.
    pub have_extractor_spans: bool,
    /// How many could not be read.
    pub unreadable: usize,
}

impl CorpusIndex {
    /// Reads every article's annotations in `dir`.
    pub fn scan(dir: &Path, schema: &LabelSchema) -> Result<Self, StoreError> {
        let mut index = Self::list(dir)?;
        for k in 0..index.entries.len() {
            let entry = DocEntry::read(&index.entries[k].path, schema);
            index.set_loaded(entry);
        }
        Ok(index)
    }

    /// The articles of `dir` by name only, their annotations not read yet:
    /// fast for thousands of files; fill them in with [`Self::set_loaded`].
    pub fn list(dir: &Path) -> Result<Self, StoreError> {
        let entries = articles_in(dir)?
            .iter()
            .map(|path| DocEntry {
                name: store::file_name(&path),
                path,
                digest: None,
                error: None,
                loaded: false,
            })
            .collect();
        Ok(Self {
            dir: dir.to_owned(),
            entries,
            pool: StringPool::default(),
            revision: 0,
            totals: Totals::default(),
        })
    }

    /// An index of `dir` with no article yet, while the folder is listed
    /// (see [`Self::take_listing`]).
    pub fn empty(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
            ..Self::default()
        }
    }

    /// Takes the articles of `listed` (the folder listed, see
    /// [`Self::list`]) in place of these, as a change of the index (its
    /// [`Self::revision`] moves on).
    pub fn take_listing(&mut self, listed: Self) {
        let revision = self.revision.max(listed.revision) + 1;
        *self = listed;
        self.revision = revision;
    }

    /// The position of an article. Entries are in the listing's order, by
    /// name without `.txt` ([`articles_in`]), which is not the order of
    /// whole paths: "a.txt" comes before "a-fa.txt" though '-' sorts before
    /// '.'; so the search compares stems first.
    pub fn position(&self, path: &Path) -> Option<usize> {
        fn stem(p: &Path) -> Option<std::borrow::Cow<'_, [u8]>> {
            p.file_stem().map(super::listing::to_bytes)
        }
        let wanted = stem(path);
        self.entries
            .binary_search_by(|e| {
                stem(&e.path)
                    .cmp(&wanted)
                    .then_with(|| e.path.as_path().cmp(path))
            })
            .ok()
    }

    /// Takes the open session's current annotations into the index.
    pub fn update(&mut self, session: &Session) {
        self.record(
            session.txt_path(),
            session.set(),
            session.save_blocked().map(str::to_owned),
        );
    }

    /// Records an article's annotations as just saved (by the open session
    /// or a background job): newer than anything read before.
    pub fn record(&mut self, path: &Path, set: &AnnotationSet, error: Option<String>) {
        self.record_digest(path, DocDigest::of(set), error);
    }

    /// [`Self::record`] with the digest of the annotations made already
    /// (by a background job, off the window's thread).
    pub fn record_digest(&mut self, path: &Path, digest: DocDigest, error: Option<String>) {
        if let Some(k) = self.position(path) {
            let digest = self.keep(digest);
            self.change(k, |entry| {
                entry.digest = Some(digest);
                entry.error = error;
                entry.loaded = true;
            });
        }
    }

    /// Takes an entry read in the background, unless the index already has
    /// newer news of that article (it was opened or saved meanwhile).
    pub fn set_loaded(&mut self, mut entry: DocEntry) {
        if let Some(k) = self.position(&entry.path)
            && !self.entries[k].loaded
        {
            entry.digest = entry.digest.map(|digest| self.keep(digest));
            self.change(k, |old| *old = entry);
        }
    }

    /// A digest as the index keeps it: its strings shared with the pool,
    /// and copied into memory allocated by the index's own thread. A digest
    /// made on another thread lives in that thread's part of the allocator
    /// (its arena), and memory freed there is not reused by this thread:
    /// replacing 100,000 digests made by a background job grew the window
    /// by 87 MiB. Copied, a replaced digest's memory goes to the next.
    fn keep(&mut self, mut digest: DocDigest) -> DocDigest {
        digest.share_strings(&mut self.pool);
        digest.clone()
    }

    /// Changes entry `k` by `f`, keeping the totals.
    fn change(&mut self, k: usize, f: impl FnOnce(&mut DocEntry)) {
        self.revision += 1;
        self.totals.count(&self.entries[k], false);
        f(&mut self.entries[k]);
        self.totals.count(&self.entries[k], true);
    }

    /// The corpus's figures without the document `open` (the figures of
    /// [`Self::others`]), in time independent of the corpus's size.
    pub fn others_figures(&self, open: &Path) -> OthersFigures {
        let mut totals = self.totals.clone();
        if let Some(k) = self.position(open) {
            totals.count(&self.entries[k], false);
        }
        OthersFigures {
            quality: totals.quality.finish(),
            have_extractor_spans: totals.with_extractor_spans > 0,
            unreadable: totals.unreadable,
        }
    }

    /// How many entries have been read.
    pub fn loaded_count(&self) -> usize {
        self.totals.loaded
    }

    /// How many documents are marked done (kept as entries change: called
    /// every frame).
    pub fn done_count(&self) -> usize {
        self.totals.done
    }

    /// A number that changes whenever an entry's annotations do: what
    /// figures counted over the entries are cached by.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The digests of the documents other than `open` that could be read,
    /// and how many could not.
    pub fn others<'a>(
        &'a self,
        open: &'a Path,
    ) -> impl Iterator<Item = Option<&'a DocDigest>> + 'a {
        // By position: comparing 100,000 paths component by component cost
        // tens of milliseconds a frame.
        let skip = self.position(open);
        self.entries
            .iter()
            .enumerate()
            .filter(move |(k, e)| e.loaded && Some(*k) != skip)
            .map(|(_, e)| e.digest.as_ref())
    }

    /// The digest of the article `path` as read or last recorded (`None`
    /// until it is read, or if it could not be).
    pub fn digest_of(&self, path: &Path) -> Option<&DocDigest> {
        let entry = &self.entries[self.position(path)?];
        entry.digest.as_ref().filter(|_| entry.loaded)
    }

    /// Entity `id`'s mentions over the documents read, as read or last
    /// recorded (see [`EntityTally::with_document`] to count the open
    /// document as it is in the window).
    pub fn entity_tally(&self, id: &str) -> EntityTally {
        self.totals.entities.get(id)
    }

    /// How many entities the documents read mention.
    pub fn entities_mentioned(&self) -> usize {
        self.totals.entities.len()
    }

    /// How many documents read could not be, or not in full (each entry
    /// with its [`DocEntry::error`]).
    pub fn problem_count(&self) -> usize {
        self.totals.with_problems
    }

    /// What the learned-terms suggester learns from the documents other
    /// than `open`: each (text, label) once, sorted; in time proportional
    /// to the distinct terms, not to the corpus.
    pub fn learned_terms_except(&self, open: &Path) -> Vec<(String, String)> {
        let in_open: &[u32] = self
            .position(open)
            .and_then(|k| self.entries[k].digest.as_ref())
            .map_or(&[], DocDigest::term_ids);
        let mut terms: Vec<(String, String)> = self
            .pool
            .pairs()
            .iter()
            .enumerate()
            .filter(|(id, _)| {
                let documents = self.totals.term_documents.get(*id).copied().unwrap_or(0);
                let open_learns = in_open.contains(&u32::try_from(*id).unwrap_or(u32::MAX));
                documents > u32::from(open_learns)
            })
            .map(|(_, (text, label))| ((**text).to_owned(), (**label).to_owned()))
            .collect();
        terms.sort_unstable();
        terms
    }
}

#[cfg(test)]
mod tests;
