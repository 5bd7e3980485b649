//! The modal prompts. Each file holds one prompt: its state, its keys
//! (`key_commands`), its modal (`show`) and the app's handling of the
//! answer. The order they take the keyboard in is written once, in
//! [`Prompts::key_commands`].
//!
//! - `approval.rs`: "Run the extractor command?"
//! - `disk_change.rs`: "Changed on disk": Reload, Keep mine, Merge
//! - `encoding.rs`: "Convert this non-UTF-8 article to a UTF-8 copy?"
//! - `held_occurrences.rs`: "Offer the other occurrences too?"
//! - `journal.rs`: "Restore the unsaved work found?"
//! - `mark_done.rs`: "Mark done with suggestions still to review?"
//! - `unsaved.rs`: "Save your changes?" before opening or closing

pub mod approval;
pub mod disk_change;
pub mod encoding;
pub mod held_occurrences;
pub mod journal;
pub mod mark_done;
pub mod unsaved;

use super::Command;
use crate::session::DiskChange;

/// A prompt's keys: the commands this frame's key presses answer with.
type KeyCommands = fn(&egui::Context) -> Vec<Command>;

/// The questions waiting for an answer.
#[derive(Default)]
pub struct Prompts {
    /// An article that is not UTF-8, offered for conversion.
    pub encoding: Option<encoding::EncodingOffer>,
    /// A recovery journal found on opening.
    pub journal: Option<journal::OfferedJournal>,
    /// The open document's files changed on disk.
    pub disk_change: Option<DiskChange>,
    /// "Run this extractor command?".
    pub approval: Option<approval::AwaitingApproval>,
    /// "Mark done with suggestions still to review?".
    pub mark_done: Option<mark_done::MarkDonePrompt>,
    /// "Save your changes?" before an action that would lose them.
    pub unsaved: Option<unsaved::Pending>,
    /// A tagged text's occurrences beyond those offered at once, waiting
    /// for "offer them too?".
    pub held_occurrences: Option<held_occurrences::HeldOccurrences>,
}

impl Prompts {
    /// Whether a prompt is showing (the text view then has no keyboard).
    pub fn is_showing(&self) -> bool {
        self.key_order().iter().any(|(showing, _)| *showing)
    }

    /// Each prompt's keys, the first showing taking the keyboard.
    fn key_order(&self) -> [(bool, KeyCommands); 7] {
        [
            (self.encoding.is_some(), encoding::key_commands),
            (self.journal.is_some(), journal::key_commands),
            (self.disk_change.is_some(), disk_change::key_commands),
            (self.approval.is_some(), approval::key_commands),
            (self.mark_done.is_some(), mark_done::key_commands),
            (self.unsaved.is_some(), unsaved::key_commands),
            (
                self.held_occurrences.is_some(),
                held_occurrences::key_commands,
            ),
        ]
    }

    /// The keys of the prompt that answers the keyboard; `None` if no
    /// prompt shows.
    pub fn key_commands(&self, ctx: &egui::Context) -> Option<Vec<Command>> {
        let (_, keys) = self.key_order().into_iter().find(|(showing, _)| *showing)?;
        Some(keys(ctx))
    }

    /// A question about the open document is moot once another opens.
    pub fn forget_document_questions(&mut self) {
        self.encoding = None;
        self.mark_done = None;
    }
}

/// Draws the prompts that are showing (a later one on top).
pub fn show(ctx: &egui::Context, app: &super::NewsmarkApp, commands: &mut Vec<Command>) {
    unsaved::show(ctx, app, commands);
    approval::show(ctx, app, commands);
    journal::show(ctx, app, commands);
    encoding::show(ctx, app, commands);
    disk_change::show(ctx, app, commands);
    mark_done::show(ctx, app, commands);
    held_occurrences::show(ctx, app, commands);
}
