//! One frame of the window: take what background work did, apply the
//! keys (the open prompt's, else the window's and the text view's), draw
//! the chrome, the document's panels and the prompts, then apply what the
//! widgets asked for.

use std::path::PathBuf;

use egui::ViewportCommand;

use super::app::NewsmarkApp;
use super::chrome::{actions, banner, menus, status_bar};
use super::prompts::unsaved::Pending;
use super::widgets::text_view::view_id;
use super::{Command, document_panels, keys, prompts};
use crate::session::Session;

impl NewsmarkApp {
    fn dropped_file(ctx: &egui::Context) -> Option<PathBuf> {
        ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .find_map(|f| Some(f.path().to_path_buf()).filter(|p| !p.as_os_str().is_empty()))
        })
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match self.session() {
            Some(s) if s.is_dirty() => format!("• {} — newsmark", s.name()),
            Some(s) => format!("{} — newsmark", s.name()),
            None => "newsmark".to_owned(),
        };
        if title != self.layout.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.layout.title = title;
        }
    }

    /// Whether the window lost or regained the focus since the last frame.
    fn focus_change(&mut self, ctx: &egui::Context) -> FocusChange {
        let focused = ctx.input(|i| i.viewport().focused.unwrap_or(true));
        let was = std::mem::replace(&mut self.layout.was_focused, focused);
        FocusChange {
            lost: was && !focused,
            regained: focused && !was,
        }
    }

    /// A close asked for with unsaved changes is held for "save first?".
    fn hold_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.layout.allow_close
            && self.session().is_some_and(Session::is_dirty)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.prompts.unsaved = Some(Pending::Close);
        }
    }

    /// Takes what the background work has done.
    fn poll_background(&mut self, ctx: &egui::Context) {
        self.poll_job(ctx);
        self.poll_folder_bulk(ctx);
        self.start_learned_offer(ctx);
        self.poll_occurrence_scans(ctx);
        self.poll_task(ctx);
        self.poll_corpus_loader(ctx);
        self.poll_agreement();
        self.poll_facts();
        let focus = self.focus_change(ctx);
        if focus.lost
            && let Some(doc) = &mut self.doc
        {
            doc.journal.focus_lost = true;
        }
        self.poll_disk(ctx, focus.regained);
    }

    /// Runs one frame.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some(path) = Self::dropped_file(&ctx) {
            self.run(&ctx, vec![Command::Open(path)]);
        }
        self.hold_close(&ctx);
        self.poll_background(&ctx);

        // Keys first, so a hotkey's span is painted in this same frame.
        let key_commands = match (self.prompts.showing(), &mut self.doc) {
            (Some(prompt), _) => keys::prompt_commands(&ctx, prompt),
            (None, Some(doc)) => keys::commands(&ctx, Some(&doc.session), Some(&mut doc.view)),
            (None, None) => keys::commands(&ctx, None, None),
        };
        self.run(&ctx, key_commands);

        let mut commands = Vec::new();
        if let Some(doc) = &mut self.doc {
            doc.span_list.refresh(&doc.session);
        }
        menus::menu_bar(ui, self, &mut commands);
        status_bar::show(ui, self, &mut commands);
        banner::show(ui, self, &mut commands);
        document_panels::search_bar(ui, self, &mut commands);
        document_panels::show(ui, self, &mut commands);
        self.refresh_link_candidates(&ctx);
        let answers = prompts::show(&ctx, &self.prompts, self.session(), actions::answer_key);
        commands.extend(answers.into_iter().map(Command::Answer));
        document_panels::windows(&ctx, self, &mut commands);
        if !self.prompts.is_showing() && self.doc.is_some() {
            focus_text_view(&ctx);
        }
        if !commands.is_empty() {
            self.run(&ctx, commands);
            ctx.request_repaint();
        }
        self.keep_journal(&ctx);
        self.update_title(&ctx);
    }
}

/// Whether the window lost or regained the focus since the last frame.
struct FocusChange {
    lost: bool,
    regained: bool,
}

/// Gives the text view the keyboard unless a widget has it, and keeps Tab,
/// arrows and Escape for it.
fn focus_text_view(ctx: &egui::Context) {
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

impl eframe::App for NewsmarkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.persisted.recent.save(storage);
        eframe::set_value(storage, Self::APPROVALS_KEY, &self.persisted.approvals);
    }

    fn on_exit(&mut self) {
        self.finish_journal_write();
    }
}
