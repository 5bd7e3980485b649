//! "Restore the unsaved work found?": opening a document whose recovery
//! journal was left by a session that ended without saving offers to
//! restore it (see [`crate::ui::apply::journal`] for the writing).

use super::{KeyName, PromptAnswer, answer_row};
use crate::journal::RecoveredJournal;

/// A journal found on opening, waiting for the user's answer.
pub struct OfferedJournal {
    /// What was found.
    pub journal: RecoveredJournal,
    /// "3 minutes ago" and the like, for the question.
    pub age: String,
}

/// The answers to "restore the unsaved work found?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JournalAnswer {
    /// Apply the journal's annotations (one undo step), not saved yet.
    Restore,
    /// Remove the journal.
    Discard,
}

impl OfferedJournal {
    /// The offer of `journal`, saying how long ago it was written.
    pub fn new(journal: RecoveredJournal) -> Self {
        let age = age(journal.written);
        Self { journal, age }
    }
}

/// Roughly how long ago `written` was.
fn age(written: std::time::SystemTime) -> String {
    let secs = written.elapsed().map_or(0, |d| d.as_secs());
    ago(secs)
}

/// `secs` seconds, in the unit that reads best: "1 minute ago", "3 hours ago".
fn ago(secs: u64) -> String {
    let (n, one, many) = match secs {
        0..=89 => (secs, "second", "seconds"),
        90..=5399 => (secs / 60, "minute", "minutes"),
        5400..=172_799 => (secs / 3600, "hour", "hours"),
        _ => (secs / 86_400, "day", "days"),
    };
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    format!("{} ago", crate::plural::counted(n, one, many))
}

/// "Restore the unsaved work found?", when a session ended without saving.
pub fn show(
    ctx: &egui::Context,
    offered: &OfferedJournal,
    name: &str,
    key: KeyName,
) -> Option<JournalAnswer> {
    egui::Modal::new(egui::Id::unique("journal_offer")).show(ctx, |ui| {
        ui.heading("Unsaved work found");
        ui.label(format!(
            "newsmark was closed without saving {name} ({}). Its unsaved annotations ({}) were kept.",
            offered.age,
            crate::stats::StatusCounts::of(&offered.journal.set).describe()
        ));
        if offered.journal.text_changed {
            ui.label("The article changed since; spans that no longer fit are left out.");
        }
        answer_row(
            ui,
            key,
            PromptAnswer::Journal,
            &[
                ("Restore", JournalAnswer::Restore),
                ("Discard", JournalAnswer::Discard),
            ],
        )
    })
    .inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_say_one_minute_and_one_hour_in_the_singular() {
        assert_eq!(ago(1), "1 second ago");
        assert_eq!(ago(45), "45 seconds ago");
        assert_eq!(ago(100), "1 minute ago");
        assert_eq!(ago(600), "10 minutes ago");
        assert_eq!(ago(5400), "1 hour ago");
        assert_eq!(ago(7200), "2 hours ago");
        assert_eq!(ago(172_800), "2 days ago");
    }
}
