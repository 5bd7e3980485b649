//! The open document and everything that lives and dies with it: opening
//! or reloading a document replaces [`OpenDoc`] whole, so nothing of the
//! previous document (a scan, a learned span, a journal clock, a watch)
//! can leak into the next one.

use std::cell::Cell;
use std::time::Instant;

use super::Selection;
use super::background::disk_watch::DiskWatch;
use super::background::occurrence_scan::OccurrenceScan;
use super::widgets::curation_panel::Curation;
use super::widgets::relation_list::RelationList;
use super::widgets::review_panel::ReviewPanel;
use super::widgets::span_list::SpanList;
use super::widgets::text_view::TextView;
use crate::corpus::CorpusIndex;
use crate::model::{SpanId, StateId, Status};
use crate::session::Session;
use crate::stats::StatusCounts;

/// When the open document's recovery journal was last written.
#[derive(Default)]
pub struct JournalClock {
    /// The edit state last written (`None`: not written yet).
    pub written_state: Option<StateId>,
    /// When it was last written with unsaved edits.
    pub written_at: Option<Instant>,
    /// The window lost the focus since the journal was last considered:
    /// unsaved edits are written at once.
    pub focus_lost: bool,
}

/// The open document: its session and the state of the views on it.
pub struct OpenDoc {
    /// The article, its annotations and their history.
    pub session: Session,
    /// The text view: layout, caret, selection, scroll.
    pub view: TextView,
    /// The span list on the right.
    pub span_list: SpanList,
    /// The relation list on the right.
    pub relation_list: RelationList,
    /// The review panel's counts and quality figures.
    pub review: ReviewPanel,
    /// Spans tagged or accepted since the last save. Those still there and
    /// accepted when it is saved offer their text and label to the other
    /// documents; one undone or deleted meanwhile offers nothing.
    pub learned: Vec<SpanId>,
    /// When the recovery journal was written.
    pub journal: JournalClock,
    /// Watches the document's files for changes by other programs.
    pub disk: DiskWatch,
    /// Tagged texts' occurrences being looked for in this (long) text.
    pub occurrence_scans: Vec<OccurrenceScan>,
    /// The annotators' versions, while the document is open into curation.
    pub curation: Option<Curation>,
    /// The pending entity links and relations last counted, with the set's
    /// span and relation revisions then (see [`Self::live_counts`]).
    work_left: Cell<Option<WorkLeft>>,
}

/// What [`OpenDoc::live_counts`] counted of the set at its revisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct WorkLeft {
    revisions: (u64, u64),
    pending_links: usize,
    pending_relations: usize,
}

impl OpenDoc {
    /// The views on `session`, fresh: caret at the start, review counts
    /// from `corpus`.
    pub fn new(session: Session, corpus: &CorpusIndex) -> Self {
        let mut doc = Self {
            view: TextView::new(session.doc()),
            span_list: SpanList::default(),
            relation_list: RelationList::default(),
            review: ReviewPanel::default(),
            learned: Vec::new(),
            journal: JournalClock::default(),
            disk: DiskWatch::default(),
            occurrence_scans: Vec::new(),
            curation: None,
            work_left: Cell::new(None),
            session,
        };
        doc.view.selection = Selection::caret_at(0);
        doc.refresh_review(corpus);
        doc
    }

    /// The open document's counts as they are now, saved or not (the
    /// document list's line and the status bar): the span list's spans by
    /// status (kept edit by edit), and the accepted spans' pending entity
    /// links and the pending relations, counted again only when the spans
    /// or relations have changed since the last call.
    pub fn live_counts(&self) -> StatusCounts {
        let set = self.session.set();
        let revisions = (set.revision(), set.relations_revision());
        let work = match self.work_left.get() {
            Some(work) if work.revisions == revisions => work,
            _ => {
                let work = WorkLeft {
                    revisions,
                    pending_links: set.spans().iter().filter(|s| s.has_pending_link()).count(),
                    pending_relations: set
                        .relations()
                        .filter(|r| r.status == Status::Pending)
                        .count(),
                };
                self.work_left.set(Some(work));
                work
            }
        };
        StatusCounts {
            pending_links: work.pending_links,
            pending_relations: work.pending_relations,
            ..self.span_list.totals()
        }
    }

    /// Rebuilds the review panel from the session and `corpus`.
    pub fn refresh_review(&mut self, corpus: &CorpusIndex) {
        self.review = ReviewPanel::for_session(&self.session, corpus);
    }

    /// The article's text was replaced (reloaded from disk): the view is
    /// laid out afresh and scans of the old text are dropped.
    pub fn text_replaced(&mut self) {
        self.view = TextView::new(self.session.doc());
        self.view.selection = Selection::caret_at(0);
        self.occurrence_scans.clear();
    }
}
