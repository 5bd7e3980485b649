//! The modal prompts. Each file holds one prompt: its state, its answers,
//! its keys (`keys`) and its modal (`show`). Keys and modals return a
//! [`PromptAnswer`]; the app applies it (`ui/apply/prompts.rs`): nothing
//! here knows the app. The order they take the keyboard in is written
//! once, in [`Prompts::keys`].
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

use crate::session::{DiskChange, Session};

/// An answer to one of the prompts, for the app to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptAnswer {
    /// To "save your changes?".
    Unsaved(unsaved::UnsavedAnswer),
    /// To "restore the unsaved work found?".
    Journal(journal::JournalAnswer),
    /// To "run the extractor command?".
    Approval(approval::ApprovalAnswer),
    /// To "changed on disk".
    DiskChange(disk_change::DiskChoice),
    /// To "open a UTF-8 copy?".
    Encoding(encoding::EncodingAnswer),
    /// To "mark done with suggestions still to review?".
    MarkDone(mark_done::MarkDoneAnswer),
    /// To "offer the other occurrences too?".
    HeldOccurrences(held_occurrences::HeldAnswer),
}

/// A prompt's keys: the answers this frame's key presses give.
type Keys = fn(&egui::Context) -> Vec<PromptAnswer>;

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
    fn key_order(&self) -> [(bool, Keys); 7] {
        [
            (self.encoding.is_some(), encoding::keys),
            (self.journal.is_some(), journal::keys),
            (self.disk_change.is_some(), disk_change::keys),
            (self.approval.is_some(), approval::keys),
            (self.mark_done.is_some(), mark_done::keys),
            (self.unsaved.is_some(), unsaved::keys),
            (self.held_occurrences.is_some(), held_occurrences::keys),
        ]
    }

    /// The answers given by this frame's keys to the prompt that has the
    /// keyboard; `None` if no prompt shows.
    pub fn keys(&self, ctx: &egui::Context) -> Option<Vec<PromptAnswer>> {
        let (_, keys) = self.key_order().into_iter().find(|(showing, _)| *showing)?;
        Some(keys(ctx))
    }

    /// A question about the open document is moot once another opens.
    pub fn forget_document_questions(&mut self) {
        self.encoding = None;
        self.mark_done = None;
    }
}

/// Draws the prompts that are showing (a later one on top) about the open
/// document `session`; the answers clicked.
pub fn show(
    ctx: &egui::Context,
    prompts: &Prompts,
    session: Option<&Session>,
) -> Vec<PromptAnswer> {
    let name = session.map(Session::name).unwrap_or_default();
    let name = name.as_str();
    let mut answers = Vec::new();
    let mut answered = |answer: Option<PromptAnswer>| answers.extend(answer);
    if let Some(pending) = &prompts.unsaved {
        answered(unsaved::show(ctx, pending, name).map(PromptAnswer::Unsaved));
    }
    if let Some(waiting) = &prompts.approval {
        answered(approval::show(ctx, waiting).map(PromptAnswer::Approval));
    }
    if let Some(offered) = &prompts.journal {
        answered(journal::show(ctx, offered, name).map(PromptAnswer::Journal));
    }
    if let Some(offer) = &prompts.encoding {
        answered(encoding::show(ctx, offer).map(PromptAnswer::Encoding));
    }
    if let (Some(change), Some(session)) = (&prompts.disk_change, session) {
        answered(disk_change::show(ctx, change, session).map(PromptAnswer::DiskChange));
    }
    if let Some(prompt) = &prompts.mark_done {
        answered(mark_done::show(ctx, prompt, name).map(PromptAnswer::MarkDone));
    }
    if let Some(held) = &prompts.held_occurrences {
        answered(held_occurrences::show(ctx, held).map(PromptAnswer::HeldOccurrences));
    }
    answers
}

#[cfg(test)]
mod tests {
    /// The prompts give answers and the app applies them (in `ui/apply`):
    /// no file here may reach into the app, or the two depend on each
    /// other again.
    #[test]
    fn no_prompt_knows_the_app() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/prompts");
        let mut read = 0;
        for entry in std::fs::read_dir(&dir).expect("src/ui/prompts") {
            let path = entry.expect("an entry of src/ui/prompts").path();
            let source = std::fs::read_to_string(&path).expect("a prompt's source");
            // Spelled in pieces, so that this file does not hold them.
            for word in [
                concat!("Newsmark", "App"),
                concat!("ui::", "app::"),
                concat!("ui::", "app;"),
                concat!("super::", "app::"),
                concat!("super::", "app;"),
                concat!("super::", "super::"),
            ] {
                assert!(
                    !source.contains(word),
                    "{} mentions {word}: a prompt returns its answer instead",
                    path.display()
                );
            }
            read += 1;
        }
        assert!(read >= 7, "read {read} prompt files");
    }
}
