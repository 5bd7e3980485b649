//! The application shell: owns the open session and the view state, and runs
//! one frame: input, panels, text view, then commands.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use egui::{Rect, ViewportCommand};

use super::apply_suggest::AwaitingApproval;
use super::command::Pending;
use super::review_panel::ReviewPanel;
use super::span_list::SpanList;
use super::suggest_job::SuggestJob;
use super::text_view::{TextView, view_id};
use super::{Command, Selection, keys, panels};
use crate::model::{LabelSchema, SpanId};
use crate::session::{ReviewFilter, Session};

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
    pub(super) allow_close: bool,
    pub(super) span_list: SpanList,
    pub(super) review_filter: ReviewFilter,
    pub(super) show_review: bool,
    pub(super) review: ReviewPanel,
    pub(super) job: Option<SuggestJob>,
    pub(super) awaiting_approval: Option<AwaitingApproval>,
    pub(super) approved_commands: HashSet<String>,
    /// Texts tagged since the last save, offered to the other documents
    /// when it is saved.
    pub(super) learned: Vec<(String, String)>,
    title: String,
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
            allow_close: false,
            span_list: SpanList::default(),
            review_filter: ReviewFilter::default(),
            show_review: false,
            review: ReviewPanel::default(),
            job: None,
            awaiting_approval: None,
            approved_commands: HashSet::new(),
            learned: Vec::new(),
            title: String::new(),
        };
        if let Some(path) = path {
            app.open_now(path);
        }
        app
    }

    /// The open document, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The caret and selection.
    pub fn selection(&self) -> Selection {
        self.view.as_ref().map(|v| v.selection).unwrap_or_default()
    }

    /// The selected span.
    pub fn selected_span(&self) -> Option<SpanId> {
        self.view.as_ref().and_then(|v| v.selected_span)
    }

    /// The last message shown to the user.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Whether suggesters are running in the background.
    pub fn is_suggesting(&self) -> bool {
        self.job.is_some()
    }

    /// Whether "run this extractor command?" is showing.
    pub fn is_asking_to_run_extractor(&self) -> bool {
        self.awaiting_approval.is_some()
    }

    /// Whether the unsaved-changes question is showing.
    pub fn is_asking_to_save(&self) -> bool {
        self.pending.is_some()
    }

    /// Screen rectangle (zero width) of caret position `pos` as laid out in
    /// the last frame; lets tests point at text.
    pub fn char_screen_rect(&mut self, ctx: &egui::Context, pos: usize) -> Option<Rect> {
        let session = self.session.as_ref()?;
        self.view
            .as_mut()?
            .char_screen_rect(ctx, session.doc(), pos)
    }

    /// Applies commands as if widgets or keys had asked for them (for
    /// scripting and tests).
    pub fn execute(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        self.run(ctx, commands);
    }

    /// Opens `path` now, replacing the current document (no question asked).
    pub(super) fn open_now(&mut self, path: &Path) {
        let opened = crate::corpus::article_to_open(path)
            .and_then(|txt| Session::open(&txt, self.schema.clone()));
        match opened {
            Ok(session) => {
                let mut view = TextView::new(session.doc());
                view.selection = Selection::caret_at(0);
                self.notice = session.problems().first().map(|p| Notice {
                    text: format!(
                        "{} problem(s) loading annotations: {p}",
                        session.problems().len()
                    ),
                    is_error: true,
                });
                self.view = Some(view);
                self.span_list = SpanList::default();
                self.review = ReviewPanel::for_session(&session);
                self.learned.clear();
                self.show_review = self.review.has_suggestions(&session);
                self.session = Some(session);
            }
            Err(err) => self.error(err.to_string()),
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

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Runs one frame.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
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

        // Keys first, so a hotkey's span is painted in this same frame.
        let key_commands = if self.awaiting_approval.is_some() {
            keys::approval_commands(&ctx)
        } else if self.pending.is_some() {
            keys::prompt_commands(&ctx)
        } else {
            keys::commands(&ctx, self.session.as_ref(), self.view.as_mut())
        };
        self.run(&ctx, key_commands);

        let mut commands = Vec::new();
        if let Some(session) = &self.session {
            self.span_list.refresh(session);
        }
        panels::menu_bar(ui, self, &mut commands);
        panels::status_bar(ui, self, &mut commands);
        panels::banner(ui, self, &mut commands);
        if let Some(session) = &self.session {
            let selected = self.selected_span();
            egui::Panel::right("span_list")
                .default_size(280.0)
                .resizable(true)
                .show(ui, |ui| {
                    self.span_list.show(ui, session, selected, &mut commands);
                });
        }
        if let (Some(session), true) = (&self.session, self.show_review) {
            egui::Panel::left("review_panel")
                .default_size(300.0)
                .resizable(true)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        self.review
                            .show(ui, session, &self.review_filter, &mut commands);
                    });
                });
        }
        egui::CentralPanel::default().show(ui, |ui| match (&self.session, &mut self.view) {
            (Some(session), Some(view)) => view.show(ui, session, &mut commands),
            _ => panels::empty_state(ui, &mut commands),
        });
        panels::prompt(&ctx, self, &mut commands);
        panels::approval(&ctx, self, &mut commands);
        panels::shortcuts_window(&ctx, &mut self.show_shortcuts);

        if self.pending.is_none() && self.awaiting_approval.is_none() && self.session.is_some() {
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
        self.update_title(&ctx);
    }
}

impl eframe::App for NewsmarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }
}
