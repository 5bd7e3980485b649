//! The review panel: counts for the document and the corpus, the filter
//! used by N and the bulk actions (its Label list holds the span labels and
//! the relation types, the schema's and the document's own: a relation
//! type lets N, Shift+N and the bulk actions through that type's pending
//! relations only), the bulk actions themselves, and the extractors'
//! quality.

use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use super::review_bulk::{FolderView, bulk_buttons};
use super::review_figures::{counts_row, has_extractor_suggestions, quality_table};
use crate::corpus::CorpusIndex;
use crate::model::{AnnotationSet, SpanChange, Status};
use crate::session::bulk::count_pending;
use crate::session::{ReviewFilter, Session};
use crate::stats::{self, QualityReport, StatusCounts};
use crate::ui::Command;

/// How long after an edit the extractor-quality figures are recounted: they
/// are counted over every span, which a long document cannot afford in the
/// frame of each edit.
const QUALITY_EVERY: Duration = Duration::from_millis(300);

/// Cached figures for the panel: the other documents of the corpus are
/// counted once; the open one's status counts and labels follow its edits
/// (replayed, not recounted), its quality figures are recounted at most every
/// [`QUALITY_EVERY`].
#[derive(Default)]
pub struct ReviewPanel {
    /// Whether an extractor suggested spans in the corpus's other
    /// documents.
    others_have_suggestions: bool,
    /// Problems met reading them, if any.
    unreadable: usize,
    /// The set revision the counts and labels are for.
    revision: Option<u64>,
    /// The set's revisions (spans, relations) the quality figures are for.
    quality_for: Option<(u64, u64)>,
    /// Since when they are out of date.
    quality_stale_since: Option<Instant>,
    /// Quality figures of the other documents.
    others_quality: QualityReport,
    /// The corpus index revision the other documents' figures are for.
    others_for: Option<u64>,
    document: StatusCounts,
    /// Whether the open document has pending suggestions.
    has_pending: bool,
    /// The open document's relations by status, and the relations
    /// revision they were counted for.
    relations: (StatusCounts, Option<u64>),
    /// The open document's pending entity links (of accepted spans), and
    /// the set revision they were counted for.
    pending_links: (usize, Option<u64>),
    corpus: QualityReport,
    origins: Vec<String>,
    labels: Vec<String>,
    /// The relation types the Label filter offers: the schema's, then
    /// those of the open document's relations outside it (imported).
    relation_types: Vec<String>,
    /// Pending suggestions of the open document passing a filter, at a
    /// revision.
    passing_here: Option<(u64, ReviewFilter, usize)>,
    /// Pending suggestions of the other documents passing a filter, for a
    /// revision of the corpus index, and when they were counted.
    passing_others: Option<(u64, ReviewFilter, usize, Instant)>,
}

/// The review panel of the open document (`panel`, its cached figures).
pub fn review_panel_ui(
    ui: &mut Ui,
    panel: &mut ReviewPanel,
    session: &Session,
    corpus: &CorpusIndex,
    filter: &ReviewFilter,
    folder: &FolderView,
    commands: &mut Vec<Command>,
) {
    if panel.others_for != Some(corpus.revision()) {
        panel.take_others(session, corpus);
    }
    panel.refresh(ui.ctx(), session);
    ui.heading("Review");
    counts_row(ui, "This document", panel.document);
    if panel.relations.0 != StatusCounts::default() {
        counts_row(ui, "Its relations", panel.relations.0);
    }
    if panel.pending_links.0 > 0 {
        ui.label(format!(
            "Its entity links: {} pending",
            panel.pending_links.0
        ));
    }
    counts_row(
        ui,
        &format!(
            "Corpus ({})",
            crate::plural::counted(panel.corpus.documents, "document", "documents")
        ),
        panel.corpus.totals,
    );
    if panel.unreadable > 0 {
        ui.label(format!(
            "{} of the folder could not be read",
            crate::plural::counted(panel.unreadable, "document", "documents")
        ));
    }
    ui.separator();
    panel.filter_ui(ui, filter, commands);
    ui.separator();
    ui.label(RichText::new("Pending suggestions passing the filter:").strong());
    let passing = panel.passing(ui.ctx(), session, corpus, filter, folder.running.is_none());
    bulk_buttons(ui, passing, filter, folder, commands);
    ui.horizontal(|ui| {
        let buttons = [
            ("Previous", "Shift+N", Command::PrevPending),
            ("Next", "N", Command::NextPending),
            ("Accept", "A", Command::Accept),
            ("Reject", "X", Command::Reject),
        ];
        for (text, key, command) in buttons {
            if ui.add(egui::Button::new(text).shortcut_text(key)).clicked() {
                commands.push(command);
            }
        }
    });
    ui.separator();
    quality_table(ui, &panel.corpus);
    if !panel.has_pending && panel.relations.0.pending == 0 && panel.pending_links.0 == 0 {
        ui.label("No pending suggestions in this document.");
    }
}

impl ReviewPanel {
    /// The panel for the open document, given the corpus it belongs to.
    pub fn for_session(session: &Session, corpus: &CorpusIndex) -> Self {
        let mut panel = Self::default();
        panel.take_others(session, corpus);
        panel
    }

    /// Takes the figures of the corpus's other documents, kept up to date
    /// by the index (in time independent of the corpus's size).
    fn take_others(&mut self, session: &Session, corpus: &CorpusIndex) {
        let others = corpus.others_figures(session.txt_path());
        self.others_have_suggestions = others.have_extractor_spans;
        self.unreadable = others.unreadable;
        self.others_quality = others.quality;
        self.others_for = Some(corpus.revision());
        self.quality_for = None;
    }

    /// Whether the open document or its corpus has any extractor span.
    pub fn has_suggestions(&self, session: &Session) -> bool {
        has_extractor_suggestions(session.set()) || self.others_have_suggestions
    }

    fn refresh(&mut self, ctx: &egui::Context, session: &Session) {
        let set = session.set();
        let revision = set.revision();
        if self.revision != Some(revision) {
            let replayed = self
                .revision
                .and_then(|r| set.changes_since(r))
                .is_some_and(|changes| {
                    for change in changes {
                        self.replay(change);
                    }
                    true
                });
            if !replayed {
                self.recount(session);
            }
            self.revision = Some(revision);
            self.has_pending = self.document.pending > 0;
        }
        if self.pending_links.1 != Some(set.revision()) {
            let all = ReviewFilter::default();
            let n = crate::session::count_pending_links(set, &all);
            self.pending_links = (n, Some(set.revision()));
        }
        if self.relations.1 != Some(set.relations_revision()) {
            let mut counts = StatusCounts::default();
            let mut types: Vec<String> = session
                .schema()
                .relations
                .iter()
                .map(|r| r.name.clone())
                .collect();
            for relation in set.relations() {
                counts.add(relation.status);
                if !types.contains(&relation.label) {
                    types.push(relation.label.clone());
                }
            }
            self.relations = (counts, Some(set.relations_revision()));
            self.relation_types = types;
        }
        let revisions = (revision, set.relations_revision());
        if self.quality_for == Some(revisions) {
            return;
        }
        let since = *self.quality_stale_since.get_or_insert_with(Instant::now);
        if self.quality_for.is_none() || since.elapsed() >= QUALITY_EVERY {
            self.recount_quality(set);
            self.quality_for = Some(revisions);
            self.quality_stale_since = None;
        } else {
            ctx.request_repaint_after(QUALITY_EVERY.saturating_sub(since.elapsed()));
        }
    }

    /// Counts the open document's statuses and labels afresh.
    fn recount(&mut self, session: &Session) {
        self.document = StatusCounts::of(session.set());
        self.labels = session
            .schema()
            .labels
            .iter()
            .map(|l| l.name.clone())
            .collect();
        for span in session.set().spans() {
            if !self.labels.contains(&span.label) {
                self.labels.push(span.label.clone());
            }
        }
    }

    /// Updates the status counts and labels for one change.
    fn replay(&mut self, change: &SpanChange) {
        let (span, delta) = match change {
            SpanChange::Inserted { span, .. } => (span, 1),
            SpanChange::Removed { span, .. } => (span, -1),
        };
        let count = match span.status {
            Status::Pending => &mut self.document.pending,
            Status::Accepted => &mut self.document.accepted,
            Status::Rejected => &mut self.document.rejected,
        };
        *count = count.saturating_add_signed(delta);
        if delta > 0 && !self.labels.contains(&span.label) {
            self.labels.push(span.label.clone());
        }
    }

    fn recount_quality(&mut self, set: &AnnotationSet) {
        let mut corpus = stats::QualityTally::default();
        corpus.absorb(&self.others_quality);
        corpus.add(set);
        self.corpus = corpus.finish();
        let mut origins: Vec<String> = self.corpus.rows.iter().map(|r| r.origin.clone()).collect();
        origins.dedup();
        self.origins = origins;
    }

    /// How many pending suggestions pass `filter`: in this document, and in
    /// the whole folder (this document as it is now, the others as read).
    ///
    /// The other documents are counted again (over the whole corpus) when
    /// the filter changes, or when the corpus changed and the last count is
    /// [`QUALITY_EVERY`] old, never while a folder-wide review runs
    /// (`recount_folder` false: its buttons are off, and its progress shown).
    fn passing(
        &mut self,
        ctx: &egui::Context,
        session: &Session,
        corpus: &CorpusIndex,
        filter: &ReviewFilter,
        recount_folder: bool,
    ) -> (usize, usize) {
        let revision = session.set().revision();
        let here = match &self.passing_here {
            Some((r, f, n)) if *r == revision && f == filter => *n,
            _ => {
                let n = count_pending(session.set(), filter);
                self.passing_here = Some((revision, filter.clone(), n));
                n
            }
        };
        let others = match &self.passing_others {
            Some((r, f, n, _)) if *r == corpus.revision() && f == filter => *n,
            Some((_, f, n, _)) if f == filter && !recount_folder => *n,
            Some((_, f, n, counted)) if f == filter && counted.elapsed() < QUALITY_EVERY => {
                ctx.request_repaint_after(QUALITY_EVERY.saturating_sub(counted.elapsed()));
                *n
            }
            _ => {
                let n = corpus
                    .others(session.txt_path())
                    .flatten()
                    .map(|d| d.pending_passing(filter))
                    .sum();
                let counted = Instant::now();
                self.passing_others = Some((corpus.revision(), filter.clone(), n, counted));
                n
            }
        };
        (here, here + others)
    }
}

impl ReviewPanel {
    /// How the Label filter names `label` (`None`: any): a relation type
    /// that is no span label says so ("holds (relation)").
    fn label_text(&self, label: Option<&str>) -> String {
        match label {
            None => "any".to_owned(),
            Some(name)
                if self.relation_types.iter().any(|t| t == name)
                    && !self.labels.iter().any(|l| l == name) =>
            {
                format!("{name} (relation)")
            }
            Some(name) => name.to_owned(),
        }
    }

    fn filter_ui(&self, ui: &mut Ui, filter: &ReviewFilter, commands: &mut Vec<Command>) {
        let mut next = filter.clone();
        ui.label(RichText::new("Filter (N, bulk actions)").strong());
        ui.vertical(|ui| {
            egui::ComboBox::from_label("Origin")
                .selected_text(next.origin.clone().unwrap_or_else(|| "any".to_owned()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut next.origin, None, "any");
                    for origin in &self.origins {
                        ui.selectable_value(&mut next.origin, Some(origin.clone()), origin);
                    }
                });
            // Tall enough for the span labels and relation types together.
            egui::ComboBox::from_label("Label")
                .height(400.0)
                .selected_text(self.label_text(next.label.as_deref()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut next.label, None, "any");
                    for label in &self.labels {
                        ui.selectable_value(&mut next.label, Some(label.clone()), label);
                    }
                    if !self.relation_types.is_empty() {
                        ui.separator();
                    }
                    for name in &self.relation_types {
                        let text = self.label_text(Some(name));
                        ui.selectable_value(&mut next.label, Some(name.clone()), text)
                            .on_hover_text(format!(
                                "Only pending relations of type {name} (N, Shift+N, bulk actions)"
                            ));
                    }
                })
                .response
                .on_hover_text("Span labels, then relation types");
            ui.add(
                egui::Slider::new(&mut next.min_score, 0.0..=1.0)
                    .fixed_decimals(2)
                    .text("Score at least"),
            )
            .on_hover_text("Suggestions without a score pass only at 0");
        });
        if next != *filter {
            commands.push(Command::SetFilter(next));
        }
    }
}
