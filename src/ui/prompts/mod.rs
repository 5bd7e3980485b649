//! The modal prompts. Each file holds one prompt: its state, its answers
//! and its modal (`show`), which returns the [`PromptAnswer`] clicked; the
//! app applies it (`ui/apply/prompts.rs`): nothing here knows the app. The
//! keys that answer each prompt are in the action table
//! (`ui/chrome/actions/prompts.rs`), with the window's; the order the
//! prompts take the keyboard in is written once, in [`Prompts::showing`].
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

impl PromptAnswer {
    /// Every answer, prompt by prompt.
    pub const ALL: [Self; 18] = [
        Self::Unsaved(unsaved::UnsavedAnswer::Save),
        Self::Unsaved(unsaved::UnsavedAnswer::Discard),
        Self::Unsaved(unsaved::UnsavedAnswer::Cancel),
        Self::Journal(journal::JournalAnswer::Restore),
        Self::Journal(journal::JournalAnswer::Discard),
        Self::Approval(approval::ApprovalAnswer::Run),
        Self::Approval(approval::ApprovalAnswer::BuiltInOnly),
        Self::Approval(approval::ApprovalAnswer::Cancel),
        Self::DiskChange(disk_change::DiskChoice::Reload),
        Self::DiskChange(disk_change::DiskChoice::KeepMine),
        Self::DiskChange(disk_change::DiskChoice::Merge),
        Self::Encoding(encoding::EncodingAnswer::Convert),
        Self::Encoding(encoding::EncodingAnswer::Cancel),
        Self::MarkDone(mark_done::MarkDoneAnswer::MarkDone),
        Self::MarkDone(mark_done::MarkDoneAnswer::Review),
        Self::MarkDone(mark_done::MarkDoneAnswer::Cancel),
        Self::HeldOccurrences(held_occurrences::HeldAnswer::Offer),
        Self::HeldOccurrences(held_occurrences::HeldAnswer::NotNow),
    ];

    /// The prompt it answers.
    pub fn prompt(self) -> PromptKind {
        match self {
            Self::Unsaved(_) => PromptKind::Unsaved,
            Self::Journal(_) => PromptKind::Journal,
            Self::Approval(_) => PromptKind::Approval,
            Self::DiskChange(_) => PromptKind::DiskChange,
            Self::Encoding(_) => PromptKind::Encoding,
            Self::MarkDone(_) => PromptKind::MarkDone,
            Self::HeldOccurrences(_) => PromptKind::HeldOccurrences,
        }
    }

    /// Whether it backs out, leaving the document and its files as they
    /// are (the answer Esc gives).
    pub fn backs_out(self) -> bool {
        matches!(
            self,
            Self::Unsaved(unsaved::UnsavedAnswer::Cancel)
                | Self::Approval(approval::ApprovalAnswer::Cancel)
                | Self::Encoding(encoding::EncodingAnswer::Cancel)
                | Self::MarkDone(mark_done::MarkDoneAnswer::Cancel)
                | Self::HeldOccurrences(held_occurrences::HeldAnswer::NotNow)
        )
    }
}

/// Which prompt: where a prompt's keys work (see the action table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// "Save your changes?".
    Unsaved,
    /// "Restore the unsaved work found?".
    Journal,
    /// "Run the extractor command?".
    Approval,
    /// "Changed on disk".
    DiskChange,
    /// "Open a UTF-8 copy?".
    Encoding,
    /// "Mark done with suggestions still to review?".
    MarkDone,
    /// "Offer the other occurrences too?".
    HeldOccurrences,
}

/// The key that gives an answer, as its button shows it (`S`, `Esc`).
pub type KeyName = fn(PromptAnswer) -> String;

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
        self.showing().is_some()
    }

    /// The prompt that has the keyboard: the first showing, in this order.
    pub fn showing(&self) -> Option<PromptKind> {
        [
            (self.encoding.is_some(), PromptKind::Encoding),
            (self.journal.is_some(), PromptKind::Journal),
            (self.disk_change.is_some(), PromptKind::DiskChange),
            (self.approval.is_some(), PromptKind::Approval),
            (self.mark_done.is_some(), PromptKind::MarkDone),
            (self.unsaved.is_some(), PromptKind::Unsaved),
            (self.held_occurrences.is_some(), PromptKind::HeldOccurrences),
        ]
        .into_iter()
        .find_map(|(showing, kind)| showing.then_some(kind))
    }

    /// A question about the open document is moot once another opens.
    pub fn forget_document_questions(&mut self) {
        self.encoding = None;
        self.mark_done = None;
    }
}

/// A button giving `answer`, showing the key that gives it too.
fn answer_button<'a>(
    text: impl Into<egui::WidgetText>,
    answer: PromptAnswer,
    key: KeyName,
) -> egui::Button<'a> {
    egui::Button::new(text).shortcut_text(key(answer))
}

/// A row of buttons, each giving one of `buttons`' answers (made a
/// [`PromptAnswer`] by `to_answer`); the answer clicked.
fn answer_row<A: Copy>(
    ui: &mut egui::Ui,
    key: KeyName,
    to_answer: fn(A) -> PromptAnswer,
    buttons: &[(&str, A)],
) -> Option<A> {
    ui.horizontal(|ui| {
        let mut clicked = None;
        for &(text, choice) in buttons {
            if ui
                .add(answer_button(text, to_answer(choice), key))
                .clicked()
            {
                clicked = Some(choice);
            }
        }
        clicked
    })
    .inner
}

/// Draws the prompts that are showing (a later one on top) about the open
/// document `session`, each button with its key (`key`); the answers
/// clicked.
pub fn show(
    ctx: &egui::Context,
    prompts: &Prompts,
    session: Option<&Session>,
    key: KeyName,
) -> Vec<PromptAnswer> {
    let name = session.map(Session::name).unwrap_or_default();
    let name = name.as_str();
    let mut answers = Vec::new();
    let mut answered = |answer: Option<PromptAnswer>| answers.extend(answer);
    if let Some(pending) = &prompts.unsaved {
        answered(unsaved::show(ctx, pending, name, key).map(PromptAnswer::Unsaved));
    }
    if let Some(waiting) = &prompts.approval {
        answered(approval::show(ctx, waiting, key).map(PromptAnswer::Approval));
    }
    if let Some(offered) = &prompts.journal {
        answered(journal::show(ctx, offered, name, key).map(PromptAnswer::Journal));
    }
    if let Some(offer) = &prompts.encoding {
        answered(encoding::show(ctx, offer, key).map(PromptAnswer::Encoding));
    }
    if let (Some(change), Some(session)) = (&prompts.disk_change, session) {
        answered(disk_change::show(ctx, change, session, key).map(PromptAnswer::DiskChange));
    }
    if let Some(prompt) = &prompts.mark_done {
        answered(mark_done::show(ctx, prompt, name, key).map(PromptAnswer::MarkDone));
    }
    if let Some(held) = &prompts.held_occurrences {
        answered(held_occurrences::show(ctx, held, key).map(PromptAnswer::HeldOccurrences));
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
