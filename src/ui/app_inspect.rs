//! The window from outside: what it holds, read without drawing it, and
//! commands applied as if its widgets had asked (for tests and scripting).

use std::path::PathBuf;

use egui::Rect;

use super::app::{NewsmarkApp, Notice};
use super::{Command, Selection};
use crate::corpus::CorpusIndex;
use crate::model::SpanId;
use crate::session::Session;

impl NewsmarkApp {
    /// The open document, if any.
    pub fn session(&self) -> Option<&Session> {
        self.doc.as_ref().map(|d| &d.session)
    }

    /// The caret and selection.
    pub fn selection(&self) -> Selection {
        self.view().map(|v| v.selection).unwrap_or_default()
    }

    /// The selected span.
    pub fn selected_span(&self) -> Option<SpanId> {
        self.view().and_then(|v| v.selected_span)
    }

    /// The last message shown to the user.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// Whether suggesters are running in the background, or learned terms
    /// wait to be offered to the folder.
    pub fn is_suggesting(&self) -> bool {
        self.background.suggest.is_some() || !self.folder.learned_offers.is_empty()
    }

    /// Whether the folder's annotation files are still being read.
    pub fn is_reading_folder(&self) -> bool {
        self.folder.loader.is_some()
    }

    /// Whether an import or export is running in the background.
    pub fn is_busy(&self) -> bool {
        self.background.task.is_some()
    }

    /// Whether "run this extractor command?" is showing.
    pub fn is_asking_to_run_extractor(&self) -> bool {
        self.prompts.approval.is_some()
    }

    /// Whether "restore unsaved work?" is showing.
    pub fn is_offering_journal(&self) -> bool {
        self.prompts.journal.is_some()
    }

    /// Whether the unsaved-changes question is showing.
    pub fn is_asking_to_save(&self) -> bool {
        self.prompts.unsaved.is_some()
    }

    /// Screen rectangle (zero width) of caret position `pos` as laid out in
    /// the last frame; lets tests point at text.
    pub fn char_screen_rect(&mut self, ctx: &egui::Context, pos: usize) -> Option<Rect> {
        let doc = self.doc.as_mut()?;
        doc.view.char_screen_rect(ctx, doc.session.doc(), pos)
    }

    /// Applies commands as if widgets or keys had asked for them (for
    /// scripting and tests).
    pub fn execute(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        self.run(ctx, commands);
    }

    /// Recently opened articles, newest first.
    pub fn recent(&self) -> &[PathBuf] {
        &self.persisted.recent.articles
    }

    /// The folders of recently opened articles, newest first.
    pub fn recent_folders(&self) -> &[PathBuf] {
        &self.persisted.recent.folders
    }

    /// The corpus's documents as last read or saved.
    pub fn corpus(&self) -> &CorpusIndex {
        &self.folder.corpus
    }

    /// Whether a tagged text's occurrences are still being looked for in a
    /// long article (on another thread).
    pub fn is_scanning_occurrences(&self) -> bool {
        self.doc
            .as_ref()
            .is_some_and(|d| !d.occurrence_scans.is_empty())
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.layout.title
    }
}
