//! Running the suggesters off the UI thread, with progress and cancel.
//!
//! The open document's suggestions come back to the app, which adds them as
//! one undoable edit; the corpus's other documents are updated on disk by
//! the job (pending suggestions only; protected files are left alone). A
//! document opened in the window while the job runs is not written: its
//! suggestions come back to the app too (see [`OpenArticle`]).
//!
//! The job lists the folder itself, sends the window each saved document's
//! [`DocDigest`] (not its annotations), keeps the first failure and a
//! count, and flushes the files to the disk once at the end: what it holds
//! does not grow with the folder.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::worker::{Job, Worker};

use crate::corpus::{DocDigest, articles_in};
use crate::entities::Registry;
use crate::model::{Document, LabelSchema};
use crate::session::Session;
use crate::store;
use crate::suggest::follow_up::add_relations_and_links;
use crate::suggest::{SuggestPlan, Suggestion, pending_edit};

/// What a job looks for in each document: given its file name, its text and
/// the job's cancel flag, the suggestions found and what failed, if
/// anything. The suggesters ([`plan_finder`]) or a search's hits (Annotate
/// all across the folder).
pub type Finder =
    Box<dyn Fn(&str, &Document, &AtomicBool) -> (Vec<Suggestion>, Option<String>) + Send>;

/// The suggesters of `plan` as a job's [`Finder`].
pub fn plan_finder(plan: SuggestPlan) -> Finder {
    Box::new(move |name, doc, cancel| {
        let (found, failure) = plan.suggest_until(name, doc, Some(cancel));
        (found, failure.map(|e| e.to_string()))
    })
}

/// The article open in the window, shared with suggestion jobs. A job
/// writes another article's annotation file only while that article is not
/// the open one, holding the lock for the write, so opening an article waits
/// for a write to it already under way and is never written behind.
#[derive(Clone, Default)]
pub struct OpenArticle(Arc<Mutex<Option<PathBuf>>>);

impl OpenArticle {
    /// Records the article about to be read by the window (`None`: none).
    pub fn set(&self, path: Option<PathBuf>) {
        *self.lock() = path;
    }

    /// Runs `write` (a write of article `path`'s annotation file) unless
    /// `path` is the open article, holding the lock meanwhile; whether it
    /// ran.
    pub fn unless_open(&self, path: &Path, write: &mut dyn FnMut()) -> bool {
        let open = self.lock();
        if open.as_deref() == Some(path) {
            return false;
        }
        write();
        true
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, Option<PathBuf>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The corpus's other articles, for a job over the folder.
pub struct OtherArticles {
    /// The folder.
    pub dir: PathBuf,
    /// Articles left out besides the open one.
    pub skip: Vec<PathBuf>,
    /// How many there are likely to be, until the job has listed them.
    pub expected: usize,
}

/// A message from the job's thread.
pub enum JobEvent {
    /// `done` of `total` documents finished; `name` is the one just done.
    Progress {
        /// Documents finished.
        done: usize,
        /// Documents in the run.
        total: usize,
    },
    /// Suggestions for the open document, to add to the live session.
    ForOpenDocument(Vec<Suggestion>),
    /// Suggestions for a document that was opened in the window while the
    /// job ran, so not written to its file.
    ForOpened {
        /// The article.
        path: PathBuf,
        /// Its suggestions.
        found: Vec<Suggestion>,
    },
    /// Another document got new pending suggestions, saved.
    Saved {
        /// The article.
        path: PathBuf,
        /// How many suggestions it got.
        added: usize,
        /// The digest of its annotations as saved.
        digest: Box<DocDigest>,
    },
    /// Something failed; the message names the command and document.
    Failed(String),
    /// The job was cancelled before the folder's last document: those not
    /// reached are left as they were.
    Cancelled,
    /// The job ended (finished or cancelled).
    Finished,
}

/// Where a job's suggestions for the open document come from: what they
/// are called in messages, and whether the review panel opens for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offered {
    /// A run of the suggesters (Review > Suggest).
    SuggesterRun,
    /// Terms learned in a saved document.
    LearnedTerms,
}

impl Offered {
    /// What the suggestions are called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Self::SuggesterRun => "suggester",
            Self::LearnedTerms => "learned-term",
        }
    }
}

/// A running suggestion job.
pub struct SuggestJob {
    /// The article that was open when the job started; its suggestions only
    /// go to it.
    pub open_path: PathBuf,
    events: Worker<JobEvent>,
    /// Documents finished and in the run.
    pub progress: (usize, usize),
    /// Suggestions saved to other documents.
    pub saved_elsewhere: usize,
    /// Suggestions added to the open document.
    pub added_here: usize,
    /// Other documents saved since the last look, with the digests of
    /// their annotations, for the document list.
    pub saved: Vec<(PathBuf, DocDigest)>,
    /// How many failures so far.
    pub failures: usize,
    /// The first failure, if any.
    pub first_failure: Option<String>,
    /// Whether the thread is done.
    pub finished: bool,
    /// Whether it stopped, cancelled, before the folder's last document.
    pub cancelled: bool,
    /// What the open document's suggestions are called in messages, or
    /// `None` if they are not offered to it.
    pub open_offers: Option<Offered>,
    /// Suggestions for documents opened while the job ran, since the last
    /// look.
    pub opened: Vec<(PathBuf, Vec<Suggestion>)>,
}

impl SuggestJob {
    /// Starts `find` on the open document (`open`: its name and text) and,
    /// if given, on the other articles of the corpus (listed by the job).
    /// With `follow_ups` (a suggester run), each other article also gets
    /// the pattern relations and the entity links of that registry
    /// ([`add_relations_and_links`]).
    #[allow(clippy::too_many_arguments)]
    pub fn start(
        find: Finder,
        open_path: PathBuf,
        open: (String, Document),
        others: Option<OtherArticles>,
        schema: LabelSchema,
        follow_ups: Option<Registry>,
        open_article: OpenArticle,
        ctx: &egui::Context,
    ) -> Self {
        let expected = others.as_ref().map_or(0, |o| o.expected) + 1;
        let skip_open = open_path.clone();
        let events = Worker::spawn(Job::Suggest, Some(ctx), move |out| {
            let send = |event| out.send(event);
            let (found, failure) = find(&open.0, &open.1, out.stop_flag());
            if let Some(err) = failure {
                send(JobEvent::Failed(err));
            }
            send(JobEvent::ForOpenDocument(found));
            let Some(others) = others else {
                send(JobEvent::Progress { done: 1, total: 1 });
                return send(JobEvent::Finished);
            };
            let list = match articles_in(&others.dir) {
                Ok(list) => list,
                Err(err) => {
                    send(JobEvent::Failed(err.to_string()));
                    return send(JobEvent::Finished);
                }
            };
            let wanted = |path: &PathBuf| *path != skip_open && !others.skip.contains(path);
            let total = list.iter().filter(wanted).count() + 1;
            send(JobEvent::Progress { done: 1, total });
            for (k, path) in list.iter().filter(wanted).enumerate() {
                if out.cancelled() {
                    send(JobEvent::Cancelled);
                    break;
                }
                let (outcome, failure) = suggest_on_disk(
                    &find,
                    &path,
                    &schema,
                    follow_ups.as_ref(),
                    &open_article,
                    out.stop_flag(),
                );
                match outcome {
                    Outcome::Saved(added, digest) => send(JobEvent::Saved {
                        path,
                        added,
                        digest,
                    }),
                    Outcome::Opened(found) => send(JobEvent::ForOpened { path, found }),
                    Outcome::Nothing => {}
                }
                if let Some(message) = failure {
                    send(JobEvent::Failed(message));
                }
                send(JobEvent::Progress { done: k + 2, total });
            }
            if let Err(err) = store::sync_filesystem(&others.dir) {
                send(JobEvent::Failed(err.to_string()));
            }
            send(JobEvent::Finished);
        });
        Self {
            open_path,
            events,
            progress: (0, expected),
            saved_elsewhere: 0,
            added_here: 0,
            saved: Vec::new(),
            failures: 0,
            first_failure: None,
            finished: false,
            cancelled: false,
            open_offers: None,
            opened: Vec::new(),
        }
    }

    /// Asks the job to stop (a running extractor is killed).
    pub fn cancel(&self) {
        self.events.cancel();
    }

    /// Takes what the thread reported since the last call; returns the open
    /// document's suggestions if they arrived.
    pub fn poll(&mut self) -> Option<Vec<Suggestion>> {
        let mut for_open = None;
        for event in self.events.messages() {
            match event {
                JobEvent::Progress { done, total } => self.progress = (done, total),
                JobEvent::ForOpenDocument(found) => for_open = Some(found),
                JobEvent::ForOpened { path, found } => self.opened.push((path, found)),
                JobEvent::Saved {
                    path,
                    added,
                    digest,
                } => {
                    self.saved_elsewhere += added;
                    self.saved.push((path, *digest));
                }
                JobEvent::Failed(message) => {
                    self.failures += 1;
                    self.first_failure.get_or_insert(message);
                }
                JobEvent::Cancelled => self.cancelled = true,
                JobEvent::Finished => self.finished = true,
            }
        }
        for_open
    }
}

/// What became of a document not open when the job started.
enum Outcome {
    /// It got this many suggestions, saved; the digest of its annotations
    /// as saved.
    Saved(usize, Box<DocDigest>),
    /// It was open in the window by then: its suggestions, not written.
    Opened(Vec<Suggestion>),
    /// It got none.
    Nothing,
}

/// Suggests on a document that was not open when the job started (with
/// `follow_ups`, its relations and entity links too), saving the result
/// unless it is open by then, and says what failed, if anything.
fn suggest_on_disk(
    find: &Finder,
    path: &Path,
    schema: &LabelSchema,
    follow_ups: Option<&Registry>,
    open_article: &OpenArticle,
    cancel: &AtomicBool,
) -> (Outcome, Option<String>) {
    let mut session = match Session::read(path, schema.clone()) {
        Ok(session) => session,
        Err(err) => return (Outcome::Nothing, Some(err.to_string())),
    };
    let name = store::file_name(path);
    if let Some(reason) = session.save_blocked() {
        let skipped = format!("{name}: skipped, its annotation file is protected: {reason}");
        return (Outcome::Nothing, Some(skipped));
    }
    let (found, failure) = find(&name, session.doc(), cancel);
    let open_now = open_article.lock();
    if open_now.as_deref() == Some(path) {
        return (Outcome::Opened(found), failure);
    }
    let mut added = 0;
    if let Some(edit) = pending_edit(&session, &found) {
        added = crate::suggest::added_count(&edit);
        if let Err(err) = session.perform(edit) {
            return (Outcome::Nothing, Some(err.to_string()));
        }
    }
    if let Some(registry) = follow_ups {
        match add_relations_and_links(&mut session, |s| Some(s), Session::perform, registry) {
            Ok(more) => added += more.total(),
            Err(err) => return (Outcome::Nothing, Some(err.to_string())),
        }
    }
    if added == 0 {
        return (Outcome::Nothing, failure);
    }
    // Flushed by the job's one `sync_filesystem` at the end.
    match session.save_with(store::Durability::Deferred) {
        Ok(()) => (
            Outcome::Saved(added, Box::new(DocDigest::of(session.set()))),
            failure,
        ),
        Err(err) => (Outcome::Nothing, Some(err.to_string())),
    }
}
