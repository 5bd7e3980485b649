//! The modal prompts: at most one answers the keyboard at a time, in the
//! order written here.

use super::Command;
use super::apply_journal::OfferedJournal;
use super::apply_suggest::AwaitingApproval;
use super::command::Pending;
use super::encoding_prompt::EncodingOffer;
use super::mark_done_prompt::MarkDonePrompt;
use super::occurrence_offer::HeldOccurrences;
use crate::session::DiskChange;

/// The questions waiting for an answer.
#[derive(Default)]
pub struct Prompts {
    /// An article that is not UTF-8, offered for conversion.
    pub encoding: Option<EncodingOffer>,
    /// A recovery journal found on opening.
    pub journal: Option<OfferedJournal>,
    /// The open document's files changed on disk.
    pub disk_change: Option<DiskChange>,
    /// "Run this extractor command?".
    pub approval: Option<AwaitingApproval>,
    /// "Mark done with suggestions still to review?".
    pub mark_done: Option<MarkDonePrompt>,
    /// "Save your changes?" before an action that would lose them.
    pub unsaved: Option<Pending>,
    /// A tagged text's occurrences beyond those offered at once, waiting
    /// for "offer them too?".
    pub held_occurrences: Option<HeldOccurrences>,
}

impl Prompts {
    /// Whether a prompt is showing (the text view then has no keyboard).
    pub fn is_showing(&self) -> bool {
        self.encoding.is_some()
            || self.journal.is_some()
            || self.disk_change.is_some()
            || self.approval.is_some()
            || self.mark_done.is_some()
            || self.unsaved.is_some()
            || self.held_occurrences.is_some()
    }

    /// The keys of the prompt that answers the keyboard, the first showing
    /// in this order; `None` if none shows.
    pub fn key_commands(&self, ctx: &egui::Context) -> Option<Vec<Command>> {
        Some(if self.encoding.is_some() {
            super::encoding_prompt::commands(ctx)
        } else if self.journal.is_some() {
            super::keys::journal_commands(ctx)
        } else if self.disk_change.is_some() {
            super::disk_change::key_commands(ctx)
        } else if self.approval.is_some() {
            super::keys::approval_commands(ctx)
        } else if self.mark_done.is_some() {
            super::mark_done_prompt::key_commands(ctx)
        } else if self.unsaved.is_some() {
            super::keys::prompt_commands(ctx)
        } else if self.held_occurrences.is_some() {
            super::occurrence_offer::commands(ctx)
        } else {
            return None;
        })
    }

    /// A question about the open document is moot once another opens.
    pub fn forget_document_questions(&mut self) {
        self.encoding = None;
        self.mark_done = None;
    }
}

/// Draws the prompts that are showing, in this order (a later one on top).
pub fn show(ctx: &egui::Context, app: &super::NewsmarkApp, commands: &mut Vec<Command>) {
    super::panels::prompt(ctx, app, commands);
    super::panels::approval(ctx, app, commands);
    super::panels::journal_offer(ctx, app, commands);
    super::encoding_prompt::show(ctx, app, commands);
    super::disk_change::prompt(ctx, app, commands);
    super::mark_done_prompt::show(ctx, app, commands);
    super::occurrence_offer::show(ctx, app, commands);
}
