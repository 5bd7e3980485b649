//! "Restore the unsaved work found?": opening a document whose recovery
//! journal was left by a session that ended without saving offers to
//! restore it (see [`crate::ui::apply::journal`] for the writing).

use egui::Key;

use crate::journal::RecoveredJournal;
use crate::ui::Command;
use crate::ui::app::NewsmarkApp;

/// A journal found on opening, waiting for the user's answer.
pub struct OfferedJournal {
    /// What was found.
    pub journal: RecoveredJournal,
    /// "3 minutes ago" and the like, for the question.
    pub age: String,
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

/// Keys while "restore unsaved work?" is shown.
pub fn key_commands(ctx: &egui::Context) -> Vec<Command> {
    crate::ui::keys::pressed_keys(ctx)
        .into_iter()
        .filter_map(|(key, _)| match key {
            Key::R | Key::Enter => Some(Command::RestoreJournal(true)),
            Key::D => Some(Command::RestoreJournal(false)),
            _ => None,
        })
        .collect()
}

/// "Restore the unsaved work found?", when a session ended without saving.
pub fn show(ctx: &egui::Context, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let Some(offered) = &app.prompts.journal else {
        return;
    };
    egui::Modal::new(egui::Id::unique("journal_offer")).show(ctx, |ui| {
        ui.heading("Unsaved work found");
        let name = app.session().map(|s| s.name()).unwrap_or_default();
        ui.label(format!(
            "newsmark was closed without saving {name} ({}). Its unsaved annotations ({}) were kept.",
            offered.age,
            crate::stats::StatusCounts::of(&offered.journal.set).describe()
        ));
        if offered.journal.text_changed {
            ui.label("The article changed since; spans that no longer fit are left out.");
        }
        ui.horizontal(|ui| {
            for (text, key, command) in [
                ("Restore", "R", Command::RestoreJournal(true)),
                ("Discard", "D", Command::RestoreJournal(false)),
            ] {
                if ui.add(egui::Button::new(text).shortcut_text(key)).clicked() {
                    commands.push(command);
                }
            }
        });
    });
}

impl NewsmarkApp {
    /// Looks for a journal left by a session that ended without saving.
    pub(in crate::ui) fn check_journal(&mut self) {
        let Some(session) = self.session() else {
            return;
        };
        match session.recovered_journal() {
            Ok(Some(journal)) => {
                let age = age(journal.written);
                self.prompts.journal = Some(OfferedJournal { journal, age });
            }
            Ok(None) => {}
            Err(unreadable) => self.error(unreadable.to_string()),
        }
    }

    /// The answer to "restore unsaved work?".
    pub(in crate::ui) fn answer_journal(&mut self, restore: bool) {
        let (Some(offered), Some(session)) = (
            self.prompts.journal.take(),
            self.doc.as_mut().map(|d| &mut d.session),
        ) else {
            return;
        };
        if restore {
            match session.restore(&offered.journal.set) {
                Ok(true) => {
                    self.info("Restored the unsaved work (Ctrl+Z undoes it; Ctrl+S saves it).");
                }
                Ok(false) => self.info("Nothing to restore."),
                Err(err) => self.error(format!("could not restore: {err}")),
            }
        } else if let Err(err) = session.discard_journal() {
            self.error(err.to_string());
        } else {
            self.info("Discarded the unsaved work.");
        }
    }
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
