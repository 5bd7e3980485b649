//! Merging and splitting entities over a whole corpus: the links of every
//! document's annotation file are re-pointed, one document at a time (never
//! every set in memory), each file read, changed and saved whole
//! (atomically, as a folder-wide review saves it), then flushed once.
//!
//! The order keeps the registry and the links consistent whatever stops
//! the run (a cancel, a file that cannot be read or written): no link is
//! ever left naming an entity the registry no longer holds.
//!
//! - a **merge** of `from` into `into` re-points the documents first, while
//!   both entities exist, and removes `from` from the registry only when
//!   every document was re-pointed; otherwise the registry keeps both and
//!   the merge can be run again to finish it;
//! - a **split** adds the new entity to the registry first, then re-points
//!   the spans of its text; a run cut short leaves some of them with the
//!   old entity, which still exists.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::{Registry, RegistryEdit, RegistryError, repoint_links_edit};
use crate::corpus::DocDigest;
use crate::model::{LabelSchema, Span, SpanId};
use crate::session::bulk::{BulkSkip, change_file};
use crate::store;

/// Which links move: those to entity `from` (for a split, only the spans
/// whose text is `text`, whitespace runs aside; to take a run back, only
/// the spans it moved) go to `into`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repoint {
    /// The entity the links leave.
    pub from: String,
    /// The entity they go to.
    pub into: String,
    /// For a split: the text of the spans that move (else every link).
    pub text: Option<String>,
    /// Only these spans (of the one article it is applied to) move: a run
    /// taken back or made again ([`Self::only`]).
    pub spans: Option<Vec<SpanId>>,
}

impl Repoint {
    /// Every link to `from` goes to `into`.
    pub fn all(from: &str, into: &str) -> Self {
        Self {
            from: from.to_owned(),
            into: into.to_owned(),
            text: None,
            spans: None,
        }
    }

    /// The links of spans `spans` to `from` go to `into`.
    pub fn only(from: &str, into: &str, spans: Vec<SpanId>) -> Self {
        Self {
            spans: Some(spans),
            ..Self::all(from, into)
        }
    }

    /// The same links moved back: from [`Self::into`] to [`Self::from`].
    pub fn reversed(&self) -> Self {
        Self {
            from: self.into.clone(),
            into: self.from.clone(),
            ..self.clone()
        }
    }

    /// Whether span `span`, linked to [`Self::from`], moves.
    pub fn picks(&self, span: &Span) -> bool {
        self.text
            .as_deref()
            .is_none_or(|t| span.text.split_whitespace().eq(t.split_whitespace()))
            && self.spans.as_ref().is_none_or(|ids| ids.contains(&span.id))
    }

    /// Re-points the links of article `txt`'s annotation file and saves
    /// it (flushed by the caller's [`store::sync_filesystem`]); the spans
    /// whose link moved (none: the file was not written).
    pub fn apply_to_file(
        &self,
        txt: &Path,
        schema: &LabelSchema,
    ) -> Result<Option<MovedLinks>, BulkSkip> {
        let changed = change_file(txt, schema, |session| {
            let edit =
                repoint_links_edit(session.set(), &self.from, &self.into, |s| self.picks(s))?;
            let moved = crate::session::bulk::changed_ids(&edit);
            Some((edit, moved))
        })?;
        Ok(changed
            .filter(|c| !c.changed.spans.is_empty())
            .map(|c| MovedLinks {
                digest: DocDigest::of(&c.set),
                spans: c.changed.spans,
            }))
    }
}

/// The links a re-pointing moved in one article, and the article's
/// annotations as written (digested, for the folder's index).
#[derive(Debug)]
pub struct MovedLinks {
    /// The spans whose link moved.
    pub spans: Vec<SpanId>,
    /// The digest of the annotations written.
    pub digest: DocDigest,
}

/// What a run over a corpus's articles did.
#[derive(Debug, Default)]
pub struct RepointRun {
    /// The articles whose links moved, with the spans whose link did.
    pub repointed: Vec<(PathBuf, Vec<SpanId>)>,
    /// The digest of each article of [`Self::repointed`] as written, for
    /// the window's index of the folder.
    pub digests: Vec<(PathBuf, DocDigest)>,
    /// Articles not written because the window had them open (the window
    /// re-points those itself).
    pub open: Vec<PathBuf>,
    /// Articles left as they were, each with why.
    pub skipped: Vec<BulkSkip>,
    /// Whether the run was cancelled before its end.
    pub cancelled: bool,
    /// Articles looked at.
    pub done: usize,
}

impl RepointRun {
    /// Adds article `txt`, whose links moved as `moved` says.
    pub fn record(&mut self, txt: PathBuf, moved: MovedLinks) {
        self.digests.push((txt.clone(), moved.digest));
        self.repointed.push((txt, moved.spans));
    }

    /// Links moved in all.
    pub fn links(&self) -> usize {
        self.repointed.iter().map(|(_, ids)| ids.len()).sum()
    }

    /// Whether every article was looked at and none was left as it was
    /// (open ones aside).
    pub fn complete(&self) -> bool {
        !self.cancelled && self.skipped.is_empty()
    }
}

/// How a run over articles reports and is stopped, and how it keeps away
/// from the article a window has open.
pub struct RunControl<'a> {
    /// Runs the write of one article unless it is open in a window (then
    /// `false`, nothing done). The command line writes every article.
    pub unless_open: &'a dyn Fn(&Path, &mut dyn FnMut()) -> bool,
    /// Whether to stop before the next article.
    pub cancelled: &'a dyn Fn() -> bool,
    /// Told `(done, total)` after each article.
    pub progress: &'a dyn Fn(usize, usize),
}

impl RunControl<'_> {
    /// Writes every article, never stops, reports nothing.
    pub fn plain() -> RunControl<'static> {
        RunControl {
            unless_open: &|_, write| {
                write();
                true
            },
            cancelled: &|| false,
            progress: &|_, _| {},
        }
    }
}

/// Re-points the links of every article of `articles` (`total` of them),
/// one at a time, then flushes the folder `dir` once.
pub fn repoint_articles(
    dir: &Path,
    articles: impl IntoIterator<Item = PathBuf>,
    total: usize,
    schema: &LabelSchema,
    repoint: &Repoint,
    control: &RunControl<'_>,
) -> RepointRun {
    let each = articles
        .into_iter()
        .map(|txt| (txt, Cow::Borrowed(repoint)));
    repoint_each(dir, each, total, schema, control)
}

/// Re-points, in each article of `articles` (`total` of them), the links
/// its own [`Repoint`] picks, one at a time, then flushes the folder `dir`
/// once: a run taken back (or made again) span by span.
pub fn repoint_each<'r>(
    dir: &Path,
    articles: impl IntoIterator<Item = (PathBuf, Cow<'r, Repoint>)>,
    total: usize,
    schema: &LabelSchema,
    control: &RunControl<'_>,
) -> RepointRun {
    let mut run = RepointRun::default();
    for (txt, repoint) in articles {
        if (control.cancelled)() {
            run.cancelled = true;
            break;
        }
        let mut outcome = None;
        let written = (control.unless_open)(&txt, &mut || {
            outcome = Some(repoint.apply_to_file(&txt, schema));
        });
        match outcome {
            _ if !written => run.open.push(txt),
            Some(Ok(None)) | None => {}
            Some(Ok(Some(moved))) => run.record(txt, moved),
            Some(Err(skip)) => run.skipped.push(skip),
        }
        run.done += 1;
        (control.progress)(run.done, total);
    }
    if !run.repointed.is_empty()
        && let Err(err) = store::sync_filesystem(dir)
    {
        log::warn!("flushing {}: {err}", dir.display());
    }
    run
}

/// Re-points every article of the folder `dir` (the command line's run:
/// every file written, never stopped).
fn repoint_folder(
    dir: &Path,
    schema: &LabelSchema,
    repoint: &Repoint,
) -> Result<RepointRun, store::StoreError> {
    let articles = crate::corpus::articles_in(dir)?;
    let control = RunControl::plain();
    let total = articles.len();
    Ok(repoint_articles(
        dir,
        articles.iter(),
        total,
        schema,
        repoint,
        &control,
    ))
}

/// Why a corpus-wide registry change did not go through.
#[derive(Debug, thiserror::Error)]
pub enum CorpusEntityError {
    /// The registry cannot be read or written.
    #[error(transparent)]
    File(#[from] super::EntitiesError),
    /// The folder cannot be listed.
    #[error(transparent)]
    Store(#[from] store::StoreError),
    /// The change is not possible (no such entity, an id taken, …).
    #[error("{0}")]
    Registry(#[from] RegistryError),
    /// Some documents could not be re-pointed: the registry keeps the
    /// entity merged away, so their links still name an entity.
    #[error(
        "{} could not be re-pointed, so {from:?} stays in the registry (the others now link to {into:?}; merge again once they can be read and written): {}",
        crate::plural::counted(.skipped.len(), "document", "documents"),
        .skipped.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
    )]
    Incomplete {
        /// The entity merged away.
        from: String,
        /// The entity kept.
        into: String,
        /// The documents left as they were, with why.
        skipped: Vec<BulkSkip>,
    },
}

/// Merges entity `from` into `into` over the corpus folder `dir`: every
/// article's links to `from` first, then the registry (saved), only if
/// every article was re-pointed. Returns the run and the registry change.
pub fn merge_in_corpus(
    dir: &Path,
    schema: &LabelSchema,
    from: &str,
    into: &str,
) -> Result<(RepointRun, RegistryEdit), CorpusEntityError> {
    let registry = super::load(dir)?;
    registry.merge_edit(from, into)?;
    let repoint = Repoint::all(from, into);
    let run = repoint_folder(dir, schema, &repoint)?;
    if !run.complete() {
        return Err(CorpusEntityError::Incomplete {
            from: from.to_owned(),
            into: into.to_owned(),
            skipped: run.skipped,
        });
    }
    // Read again: the registry may have changed while the files were.
    let mut registry = super::load(dir)?;
    let edit = registry.merge_edit(from, into)?;
    change_and_save(dir, &mut registry, &edit)?;
    Ok((run, edit))
}

/// Applies `edit` to `registry` and saves it in `dir`; on a failed save the
/// registry is as it was.
pub fn change_and_save(
    dir: &Path,
    registry: &mut Registry,
    edit: &RegistryEdit,
) -> Result<(), CorpusEntityError> {
    registry.apply(edit)?;
    if let Err(err) = super::save(dir, registry) {
        // The file is as it was: so is the registry.
        let _ = registry.apply(&edit.inverse());
        return Err(err.into());
    }
    Ok(())
}

/// Renames entity `id` to `name` in the registry of `dir` (the old name
/// becomes an alias); links name entities by id, so no document changes.
pub fn rename_in_corpus(
    dir: &Path,
    id: &str,
    name: &str,
) -> Result<RegistryEdit, CorpusEntityError> {
    let mut registry = super::load(dir)?;
    let edit = registry.rename_edit(id, name)?;
    change_and_save(dir, &mut registry, &edit)?;
    Ok(edit)
}

/// Splits `alias` off entity `id` over the corpus folder `dir`: a new
/// entity named `alias` (its id made by [`Registry::free_id`]) is added to
/// the registry first (saved), then every article's spans of that text
/// linked to `id` are re-pointed to it. Returns the new id, the run and the
/// registry change; a run that left documents out says so in
/// [`RepointRun::skipped`] (their spans keep `id`, which still exists).
pub fn split_in_corpus(
    dir: &Path,
    schema: &LabelSchema,
    id: &str,
    alias: &str,
) -> Result<(String, RepointRun, RegistryEdit), CorpusEntityError> {
    let mut registry = super::load(dir)?;
    let new = registry.free_id(alias);
    let edit = registry.split_edit(id, &new, alias, &[alias])?;
    change_and_save(dir, &mut registry, &edit)?;
    let repoint = Repoint {
        from: id.to_owned(),
        into: new.clone(),
        text: Some(alias.to_owned()),
        spans: None,
    };
    let run = repoint_folder(dir, schema, &repoint)?;
    Ok((new, run, edit))
}
