//! The review panel: counts for the document and the corpus, the filter
//! used by N and the bulk actions, the bulk actions themselves, and the
//! extractors' quality.

use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use super::review_figures::{counts_row, has_extractor_spans, quality_table};
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
    /// The set revision the quality figures are for.
    quality_for: Option<u64>,
    /// Since when they are out of date.
    quality_stale_since: Option<Instant>,
    /// Quality figures of the other documents.
    others_quality: QualityReport,
    /// The corpus index revision the other documents' figures are for.
    others_for: Option<u64>,
    document: StatusCounts,
    /// Whether the open document has pending suggestions.
    has_pending: bool,
    corpus: QualityReport,
    origins: Vec<String>,
    labels: Vec<String>,
    /// Pending suggestions of the open document passing a filter, at a
    /// revision.
    passing_here: Option<(u64, ReviewFilter, usize)>,
    /// Pending suggestions of the other documents passing a filter, for a
    /// revision of the corpus index, and when they were counted.
    passing_others: Option<(u64, ReviewFilter, usize, Instant)>,
}

/// What the review panel shows of the folder-wide review.
#[derive(Clone, Copy, Debug, Default)]
pub struct FolderView {
    /// The running job's documents done and in the run, and the status it
    /// sets.
    pub running: Option<(usize, usize, Status)>,
    /// The last folder-wide review that can be taken back: its status, and
    /// how many documents and spans it changed.
    pub last: Option<(Status, usize, usize)>,
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
        has_extractor_spans(session.set()) || self.others_have_suggestions
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
        if self.quality_for == Some(revision) {
            return;
        }
        let since = *self.quality_stale_since.get_or_insert_with(Instant::now);
        if self.quality_for.is_none() || since.elapsed() >= QUALITY_EVERY {
            self.recount_quality(set);
            self.quality_for = Some(revision);
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

    /// Shows the panel.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        corpus: &CorpusIndex,
        filter: &ReviewFilter,
        folder: &FolderView,
        commands: &mut Vec<Command>,
    ) {
        if self.others_for != Some(corpus.revision()) {
            self.take_others(session, corpus);
        }
        self.refresh(ui.ctx(), session);
        ui.heading("Review");
        counts_row(ui, "This document", self.document);
        counts_row(
            ui,
            &format!(
                "Corpus ({})",
                crate::plural::counted(self.corpus.documents, "document", "documents")
            ),
            self.corpus.totals,
        );
        if self.unreadable > 0 {
            ui.label(format!(
                "{} of the folder could not be read",
                crate::plural::counted(self.unreadable, "document", "documents")
            ));
        }
        ui.separator();
        self.filter_ui(ui, filter, commands);
        ui.separator();
        ui.label(RichText::new("Pending suggestions passing the filter:").strong());
        let passing = self.passing(ui.ctx(), session, corpus, filter, folder.running.is_none());
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
        quality_table(ui, &self.corpus);
        if !self.has_pending {
            ui.label("No pending suggestions in this document.");
        }
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

/// "Accept all N" / "Reject all N" for this document and for the folder
/// (`passing`: how many pass the filter in each), the folder-wide job's
/// progress and Cancel, and "Take back".
fn bulk_buttons(
    ui: &mut Ui,
    (here, everywhere): (usize, usize),
    filter: &ReviewFilter,
    folder: &FolderView,
    commands: &mut Vec<Command>,
) {
    let idle = folder.running.is_none();
    let filter = filter.clone();
    let this_document = BulkPair {
        count: here,
        enabled: here > 0,
        where_: "",
        tip: "of this document passing the filter (this document only; one undo step)",
        disabled: "No pending suggestion of this document passes the filter",
    };
    bulk_pair(ui, &this_document, commands, |status| Command::Bulk {
        filter: filter.clone(),
        status,
    });
    let folder_wide = BulkPair {
        count: everywhere,
        enabled: idle && everywhere > 0,
        where_: " in folder",
        tip: "passing the filter in every document of the folder: this one as one undo \
                  step, the others saved to their files in the background (Take back undoes it)",
        disabled: "No pending suggestion in the folder passes the filter, or a folder-wide \
                       review is running",
    };
    bulk_pair(ui, &folder_wide, commands, |status| Command::BulkFolder {
        filter: filter.clone(),
        status,
    });
    if let Some((done, total, _)) = folder.running {
        ui.horizontal(|ui| {
            let fraction = if total == 0 {
                1.0
            } else {
                done as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(160.0)
                    .text(format!("{done} of {total} documents")),
            );
            if ui
                .button("Cancel")
                .on_hover_text("Stop before the next document; those done stay done")
                .clicked()
            {
                commands.push(Command::CancelBulkFolder);
            }
        });
    } else if let Some((status, documents, spans)) = folder.last {
        let verb = if status == Status::Accepted {
            "accept"
        } else {
            "reject"
        };
        let what = format!(
            "{} in {}",
            crate::plural::counted(spans, "suggestion", "suggestions"),
            crate::plural::counted(documents, "document", "documents")
        );
        if ui
            .button(format!("Take back the folder-wide {verb}"))
            .on_hover_text(format!(
                "Make the {what} that the last folder-wide {verb} changed pending again, \
                     where they still are as it left them (each document saved again)"
            ))
            .clicked()
        {
            commands.push(Command::UndoBulkFolder);
        }
    }
}

impl ReviewPanel {
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
            egui::ComboBox::from_label("Label")
                .selected_text(next.label.clone().unwrap_or_else(|| "any".to_owned()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut next.label, None, "any");
                    for label in &self.labels {
                        ui.selectable_value(&mut next.label, Some(label.clone()), label);
                    }
                });
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

/// One row of bulk buttons: "Accept all{where_} N" and "Reject all{where_} N".
struct BulkPair {
    count: usize,
    enabled: bool,
    where_: &'static str,
    /// The tooltip after "Accept the N pending suggestions ".
    tip: &'static str,
    /// The tooltip when disabled.
    disabled: &'static str,
}

fn bulk_pair(
    ui: &mut Ui,
    pair: &BulkPair,
    commands: &mut Vec<Command>,
    command: impl Fn(Status) -> Command,
) {
    ui.horizontal(|ui| {
        for (verb, status) in [("Accept", Status::Accepted), ("Reject", Status::Rejected)] {
            let BulkPair { count, where_, .. } = pair;
            let button = egui::Button::new(format!("{verb} all{where_} {count}"));
            if ui
                .add_enabled(pair.enabled, button)
                .on_hover_text(format!(
                    "{verb} the {count} pending suggestions {}",
                    pair.tip
                ))
                .on_disabled_hover_text(pair.disabled)
                .clicked()
            {
                commands.push(command(status));
            }
        }
    });
}
