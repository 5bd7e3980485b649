//! The application shell: owns the open session and the view state, and runs
//! one frame: input, panels, text view, then commands.

use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::apply_journal::OfferedJournal;
use super::apply_learned::LearnedOffers;
use super::apply_suggest::AwaitingApproval;
use super::command::Pending;
use super::corpus_loader::CorpusLoader;
use super::disk_change::{self, DiskWatch};
use super::doc_list::DocList;
use super::encoding_prompt::EncodingOffer;
use super::recent::Recent;
use super::review_panel::ReviewPanel;
use super::search_bar::SearchBar;
use super::span_list::SpanList;
use super::suggest_job::{OpenArticle, SuggestJob};
use super::task::Task;
use super::text_view::{TextView, view_id};
use super::{Command, Selection, keys, menus, panels};
use crate::corpus::CorpusIndex;
use crate::model::{LabelSchema, SpanId};
use crate::session::{ReviewFilter, Session};
use crate::settings;
use crate::suggest::approval::Approvals;

/// What the left panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftTab {
    /// The folder's documents.
    Documents,
    /// Review counts, filter, bulk actions, extractor quality.
    Review,
}

/// A short message for the user in the status area.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The message.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

/// The newsmark window.
pub struct NewsmarkApp {
    pub(super) schema: LabelSchema,
    pub(super) session: Option<Session>,
    pub(super) view: Option<TextView>,
    pub(super) pending: Option<Pending>,
    pub(super) notice: Option<Notice>,
    pub(super) show_shortcuts: bool,
    pub(super) show_statistics: bool,
    pub(super) allow_close: bool,
    pub(super) span_list: SpanList,
    pub(super) review_filter: ReviewFilter,
    pub(super) left: Option<LeftTab>,
    pub(super) doc_list: DocList,
    pub(super) search: Option<SearchBar>,
    /// The folder's annotation guidelines, from its `newsmark.ron`.
    pub(super) guidelines: Option<String>,
    /// Recently opened articles and folders (persisted).
    pub(super) recent: Recent,
    pub(super) review: ReviewPanel,
    pub(super) corpus: CorpusIndex,
    pub(super) job: Option<SuggestJob>,
    /// Folder-wide Accept all / Reject all: the running job and the last
    /// one done.
    pub(super) folder_bulk: super::apply_bulk::FolderBulk,
    /// Tagged texts' occurrences being looked for in a long article.
    pub(super) occurrence_scans: Vec<super::occurrence_scan::OccurrenceScan>,
    /// A tagged text's occurrences beyond those offered at once, waiting
    /// for "offer them too?".
    pub(super) held_occurrences: Option<super::occurrence_offer::HeldOccurrences>,
    /// A recovery journal found on opening, waiting for an answer.
    pub(super) offered_journal: Option<OfferedJournal>,
    pub(super) journaled_state: Option<crate::model::StateId>,
    pub(super) journaled_at: Option<std::time::Instant>,
    /// The journal being written on another thread.
    pub(super) journal_write: Option<crate::session::JournalWrite>,
    pub(super) was_focused: bool,
    /// Reads the folder's annotation files in the background.
    pub(super) corpus_loader: Option<CorpusLoader>,
    /// A running import or export.
    pub(super) task: Option<Task>,
    pub(super) awaiting_approval: Option<AwaitingApproval>,
    /// An article that is not UTF-8, offered for conversion.
    pub(super) encoding_offer: Option<EncodingOffer>,
    /// Extractor commands approved per folder (persisted).
    pub(super) approvals: Approvals,
    /// Spans tagged or accepted since the last save. Those still there and
    /// accepted when it is saved offer their text and label to the other
    /// documents; one undone or deleted meanwhile offers nothing.
    pub(super) learned: Vec<SpanId>,
    /// Terms learned in saved documents, waiting to be offered to the
    /// folder's other documents.
    pub(super) learned_offers: LearnedOffers,
    /// The open article, as suggestion jobs see it.
    pub(super) open_article: OpenArticle,
    /// Watches the open document's files for changes by other programs.
    pub(super) disk: DiskWatch,
    /// The window title last sent.
    pub(super) title: String,
    /// "Mark done with suggestions still to review?", while asked.
    pub(super) mark_done_prompt: Option<super::mark_done_prompt::MarkDonePrompt>,
    /// The dialog behind File > Open… (replaceable, for tests).
    pub(super) article_dialog: super::file_dialog::OpenDialog,
    /// Why the last article asked for could not be opened (which file and
    /// why), until one opens: the empty window says it.
    pub(super) refused: Option<String>,
}

impl NewsmarkApp {
    /// The app with `path` (an article or a folder) open, if given. A path
    /// that cannot be opened leaves the window empty with a message saying
    /// why.
    pub fn new(path: Option<&Path>) -> Self {
        let mut app = Self {
            schema: LabelSchema::default(),
            session: None,
            view: None,
            pending: None,
            notice: None,
            show_shortcuts: false,
            show_statistics: false,
            allow_close: false,
            span_list: SpanList::default(),
            review_filter: ReviewFilter::default(),
            left: None,
            doc_list: DocList::default(),
            search: None,
            guidelines: None,
            recent: Recent::default(),
            review: ReviewPanel::default(),
            corpus: CorpusIndex::default(),
            job: None,
            folder_bulk: Default::default(),
            occurrence_scans: Vec::new(),
            held_occurrences: None,
            task: None,
            corpus_loader: None,
            offered_journal: None,
            journaled_state: None,
            journaled_at: None,
            journal_write: None,
            was_focused: true,
            awaiting_approval: None,
            encoding_offer: None,
            approvals: Approvals::new(),
            learned: Vec::new(),
            learned_offers: LearnedOffers::new(),
            open_article: OpenArticle::default(),
            disk: DiskWatch::default(),
            title: String::new(),
            mark_done_prompt: None,
            article_dialog: super::file_dialog::OpenDialog::default(),
            refused: None,
        };
        if let Some(path) = path {
            app.open_now(path);
        }
        app
    }

    /// Opens `path` now, replacing the current document (no question asked).
    /// A new folder's settings (label schema) and document list are read.
    pub(super) fn open_now(&mut self, path: &Path) {
        // A question about another file is moot now.
        self.encoding_offer = None;
        self.mark_done_prompt = None;
        let txt = match crate::corpus::article_to_open(path) {
            Ok(txt) => txt,
            Err(err) => return self.refuse(err.to_string()),
        };
        let dir = txt.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut settings_problem = None;
        let new_folder = self.corpus.dir != dir || self.corpus.entries.is_empty();
        if new_folder {
            (self.schema, self.guidelines) = match settings::load(&dir) {
                Ok(settings) => (settings.schema(), settings.guidelines),
                Err(err) => {
                    settings_problem = Some(format!("{err}; using the built-in labels"));
                    (LabelSchema::default(), None)
                }
            };
            self.read_folder(&dir, &txt);
        }
        // A suggestion job no longer writes this article's file.
        self.open_article.set(Some(txt.clone()));
        match Session::open(&txt, self.schema.clone()) {
            Ok(session) => {
                self.refused = None;
                self.recent.remember(&txt);
                let mut view = TextView::new(session.doc());
                view.selection = Selection::caret_at(0);
                self.notice = session.problems().first().map(|p| Notice {
                    text: format!(
                        "{} loading annotations: {p}",
                        crate::plural::counted(session.problems().len(), "problem", "problems")
                    ),
                    is_error: true,
                });
                if let Some(problem) = settings_problem {
                    self.error(problem);
                }
                self.view = Some(view);
                if let Some(bar) = &mut self.search {
                    bar.forget_hits();
                }
                self.span_list = SpanList::default();
                self.corpus.update(&session);
                self.review = ReviewPanel::for_session(&session, &self.corpus);
                self.leave_document(&txt);
                // Within a folder the left panel stays as the user left it.
                if new_folder {
                    self.left = if self.review.has_suggestions(&session) {
                        Some(LeftTab::Review)
                    } else if self.corpus.entries.len() > 1 {
                        Some(LeftTab::Documents)
                    } else {
                        None
                    };
                }
                self.session = Some(session);
                self.disk.prompt = None;
                self.journaled_state = None;
                self.check_journal();
            }
            Err(err) => {
                let still_open = self.session.as_ref().map(|s| s.txt_path().to_owned());
                self.open_article.set(still_open);
                // The background reading skipped this article: its entry
                // shows why it cannot be opened.
                self.corpus.set_loaded(crate::corpus::DocEntry {
                    path: txt.clone(),
                    name: crate::store::file_name(&txt),
                    digest: None,
                    error: Some(err.to_string()),
                    loaded: true,
                });
                self.encoding_offer = EncodingOffer::for_error(&err);
                self.refuse(err.to_string());
            }
        }
    }

    /// The persistence key of the approved extractor commands.
    const APPROVALS_KEY: &'static str = "newsmark.extractor_approvals";

    /// Restores what earlier runs persisted (recent articles and folders,
    /// approved extractor commands); the window size, panel sizes, theme and
    /// zoom are restored by eframe and egui.
    pub fn restore(&mut self, storage: Option<&dyn eframe::Storage>) {
        let Some(storage) = storage else {
            return;
        };
        self.recent.restore(storage);
        if let Some(approvals) = eframe::get_value(storage, Self::APPROVALS_KEY) {
            self.approvals = approvals;
        }
    }

    pub(super) fn info(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
        });
    }

    pub(super) fn error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: true,
        });
    }

    /// An article could not be opened: the status bar and the empty
    /// window say which file and why.
    fn refuse(&mut self, why: String) {
        self.refused = Some(why.clone());
        self.error(why);
    }

    fn dropped_file(ctx: &egui::Context) -> Option<PathBuf> {
        ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .find_map(|f| Some(f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()))
        })
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.session {
            Some(s) if s.is_dirty() => format!("• {} — newsmark", s.name()),
            Some(s) => format!("{} — newsmark", s.name()),
            None => "newsmark".to_owned(),
        };
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Runs one frame.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        super::fonts::install(&ctx);
        if let Some(path) = Self::dropped_file(&ctx) {
            self.run(&ctx, vec![Command::Open(path)]);
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.session.as_ref().is_some_and(Session::is_dirty)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
        }

        self.poll_job(&ctx);
        self.poll_folder_bulk(&ctx);
        self.start_learned_offer(&ctx);
        self.poll_occurrence_scans(&ctx);
        self.poll_task(&ctx);
        self.poll_corpus_loader(&ctx);
        self.poll_disk(&ctx);

        // Keys first, so a hotkey's span is painted in this same frame.
        let key_commands = if self.encoding_offer.is_some() {
            super::encoding_prompt::commands(&ctx)
        } else if self.offered_journal.is_some() {
            keys::journal_commands(&ctx)
        } else if self.disk.prompt.is_some() {
            disk_change::key_commands(&ctx)
        } else if self.awaiting_approval.is_some() {
            keys::approval_commands(&ctx)
        } else if self.mark_done_prompt.is_some() {
            super::mark_done_prompt::key_commands(&ctx)
        } else if self.pending.is_some() {
            keys::prompt_commands(&ctx)
        } else if self.held_occurrences.is_some() {
            super::occurrence_offer::commands(&ctx)
        } else {
            keys::commands(&ctx, self.session.as_ref(), self.view.as_mut())
        };
        self.run(&ctx, key_commands);

        let mut commands = Vec::new();
        if let Some(session) = &self.session {
            self.span_list.refresh(session);
        }
        menus::menu_bar(ui, self, &mut commands);
        panels::status_bar(ui, self, &mut commands);
        panels::banner(ui, self, &mut commands);
        if let (Some(bar), Some(session)) = (&mut self.search, &self.session) {
            bar.refresh(session.doc());
            let labels: Vec<String> = session
                .schema()
                .labels
                .iter()
                .map(|l| l.name.clone())
                .collect();
            egui::Panel::top("search_bar").show(ui, |ui| bar.show(ui, &labels, &mut commands));
        }
        if let Some(view) = &mut self.view {
            match &self.search {
                Some(bar) if view.highlights != bar.hits => view.highlights.clone_from(&bar.hits),
                None if !view.highlights.is_empty() => view.highlights.clear(),
                _ => {}
            }
        }
        if let Some(session) = &self.session {
            let selected = self.selected_span();
            egui::Panel::right("span_list")
                .default_size(280.0)
                .resizable(true)
                .show(ui, |ui| {
                    self.span_list.show(ui, session, selected, &mut commands);
                });
        }
        if let (Some(session), Some(tab)) = (&self.session, self.left) {
            egui::Panel::left("left_panel")
                .default_size(300.0)
                .resizable(true)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        for (label, which, command, hint) in [
                            (
                                "Documents",
                                LeftTab::Documents,
                                Command::ToggleDocuments,
                                "The folder's documents (Ctrl+D)",
                            ),
                            (
                                "Review",
                                LeftTab::Review,
                                Command::ToggleReview,
                                "Suggestions to review (Ctrl+R)",
                            ),
                        ] {
                            if ui
                                .selectable_label(tab == which, label)
                                .on_hover_text(hint)
                                .clicked()
                                && tab != which
                            {
                                commands.push(command);
                            }
                        }
                    });
                    ui.separator();
                    match tab {
                        LeftTab::Documents => {
                            let live = crate::corpus::DocSummary {
                                counts: self.span_list.totals(),
                                done: session.set().is_done(),
                            };
                            let open = (session.txt_path(), live);
                            self.doc_list.show(ui, &self.corpus, open, &mut commands);
                        }
                        LeftTab::Review => {
                            egui::ScrollArea::vertical().show(ui, |ui| {
                                let folder = self.folder_bulk.view();
                                self.review.show(
                                    ui,
                                    session,
                                    &self.corpus,
                                    &self.review_filter,
                                    &folder,
                                    &mut commands,
                                );
                            });
                        }
                    }
                });
        }
        egui::CentralPanel::default().show(ui, |ui| match (&self.session, &mut self.view) {
            (Some(session), Some(view)) => view.show(ui, session, &mut commands),
            _ => panels::empty_state(ui, self.refused.as_deref(), &mut commands),
        });
        panels::prompt(&ctx, self, &mut commands);
        panels::approval(&ctx, self, &mut commands);
        panels::journal_offer(&ctx, self, &mut commands);
        super::encoding_prompt::show(&ctx, self, &mut commands);
        disk_change::prompt(&ctx, self, &mut commands);
        super::mark_done_prompt::show(&ctx, self, &mut commands);
        super::occurrence_offer::show(&ctx, self, &mut commands);
        let open_doc = self.session.as_ref().map(|s| (s.txt_path(), s.set()));
        super::stats_window::show(
            &ctx,
            &mut self.show_statistics,
            &self.corpus,
            &self.schema,
            open_doc,
        );
        panels::shortcuts_window(
            &ctx,
            &mut self.show_shortcuts,
            &self.schema,
            self.guidelines.as_deref(),
        );

        if self.pending.is_none()
            && self.awaiting_approval.is_none()
            && self.offered_journal.is_none()
            && self.encoding_offer.is_none()
            && self.disk.prompt.is_none()
            && self.mark_done_prompt.is_none()
            && self.held_occurrences.is_none()
            && self.session.is_some()
        {
            ctx.memory_mut(|m| {
                if m.focused().is_none() {
                    m.request_focus(view_id());
                }
                m.set_focus_lock_filter(
                    view_id(),
                    egui::EventFilter {
                        tab: true,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                    },
                );
            });
        }
        if !commands.is_empty() {
            self.run(&ctx, commands);
            ctx.request_repaint();
        }
        self.keep_journal(&ctx);
        self.update_title(&ctx);
    }
}

impl eframe::App for NewsmarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.recent.save(storage);
        eframe::set_value(storage, Self::APPROVALS_KEY, &self.approvals);
    }

    fn on_exit(&mut self) {
        self.finish_journal_write();
    }
}
