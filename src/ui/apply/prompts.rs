//! Applying the prompts' answers ([`PromptAnswer`]): each prompt in
//! `ui/prompts/` shows its question and returns the answer given; what the
//! answer does to the app is here (the changed-on-disk answers are in
//! `disk_change.rs`).

use std::sync::Arc;

use crate::plural;
use crate::session::Session;
use crate::store;
use crate::suggest::{added_count, pending_edit};
use crate::ui::app::NewsmarkApp;
use crate::ui::prompts::PromptAnswer;
use crate::ui::prompts::approval::ApprovalAnswer;
use crate::ui::prompts::encoding::EncodingAnswer;
use crate::ui::prompts::held_occurrences::HeldAnswer;
use crate::ui::prompts::journal::JournalAnswer;
use crate::ui::prompts::mark_done::MarkDoneAnswer;
use crate::ui::prompts::unsaved::{Pending, UnsavedAnswer};

impl NewsmarkApp {
    /// Applies the answer to a prompt (nothing if that prompt is no longer
    /// showing).
    pub(in crate::ui) fn answer(&mut self, ctx: &egui::Context, answer: PromptAnswer) {
        match answer {
            PromptAnswer::Unsaved(answer) => self.answer_unsaved(ctx, answer),
            PromptAnswer::Journal(answer) => self.answer_journal(answer),
            PromptAnswer::Approval(answer) => self.approve_extractor(ctx, answer),
            PromptAnswer::DiskChange(choice) => self.resolve_disk_change(choice),
            PromptAnswer::Encoding(answer) => self.answer_encoding(answer),
            PromptAnswer::MarkDone(answer) => self.answer_mark_done(answer),
            PromptAnswer::HeldOccurrences(answer) => self.answer_held_occurrences(answer),
        }
    }

    /// The answer to "save your changes?": then goes on with what was
    /// held for it (opening another article, closing the window).
    fn answer_unsaved(&mut self, ctx: &egui::Context, answer: UnsavedAnswer) {
        let Some(pending) = self.prompts.unsaved.take() else {
            return;
        };
        match answer {
            UnsavedAnswer::Cancel => return,
            UnsavedAnswer::Save if !self.save() => return,
            UnsavedAnswer::Save => {}
            UnsavedAnswer::Discard => {
                if let Some(Err(err)) = self.session().map(Session::discard_journal) {
                    log::warn!("could not remove the recovery journal: {err}");
                }
            }
        }
        match pending {
            Pending::Open(path) => self.open_now(&path),
            Pending::Close => {
                self.layout.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// The answer to "run this extractor command?".
    fn approve_extractor(&mut self, ctx: &egui::Context, answer: ApprovalAnswer) {
        if answer == ApprovalAnswer::Cancel {
            return self.cancel_suggest();
        }
        let Some(mut waiting) = self.prompts.approval.take() else {
            return;
        };
        if answer == ApprovalAnswer::Run {
            let dir = self
                .session()
                .and_then(|s| s.txt_path().parent())
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default();
            if let Some(command) = &waiting.plan.external {
                // Remembered for this folder and this exact command, also
                // in later runs (see `NewsmarkApp::restore`).
                self.persisted.approvals.approve(&dir, &command.argv);
            }
        } else {
            waiting.plan.external = None;
        }
        self.start_job(ctx, waiting.plan, waiting.all);
    }

    /// The answer to "restore unsaved work?".
    fn answer_journal(&mut self, answer: JournalAnswer) {
        let (Some(offered), Some(session)) = (
            self.prompts.journal.take(),
            self.doc.as_mut().map(|d| &mut d.session),
        ) else {
            return;
        };
        match answer {
            JournalAnswer::Restore => match session.restore(&offered.journal.set) {
                Ok(true) => {
                    self.info("Restored the unsaved work (Ctrl+Z undoes it; Ctrl+S saves it).");
                }
                Ok(false) => self.info("Nothing to restore."),
                Err(err) => self.error(format!("could not restore: {err}")),
            },
            JournalAnswer::Discard => match session.discard_journal() {
                Err(err) => self.error(err.to_string()),
                Ok(()) => self.info("Discarded the unsaved work."),
            },
        }
    }

    /// The answer to "open a UTF-8 copy?": convert and open the copy, or
    /// leave things as they are.
    fn answer_encoding(&mut self, answer: EncodingAnswer) {
        let Some(offer) = self.prompts.encoding.take() else {
            return;
        };
        if answer == EncodingAnswer::Cancel {
            return self.info(format!(
                "{} was not opened; it is unchanged.",
                offer.path.display()
            ));
        }
        match store::transcode_to_utf8_copy(&offer.path, offer.encoding) {
            Ok(copy) => {
                // The folder has a new article: list it again.
                if let Some(folder) = &mut self.folder {
                    folder.forget_documents();
                }
                self.open_now(&copy);
                if self.session().is_some_and(|s| s.txt_path() == copy) {
                    self.info(format!(
                        "Opened {}, a UTF-8 copy of {} (read as {}; the original is unchanged).",
                        copy.display(),
                        store::file_name(&offer.path),
                        offer.encoding.name()
                    ));
                }
            }
            Err(err) => self.error(format!("{err}; nothing was converted")),
        }
    }

    /// The answer to "suggestions still to review".
    fn answer_mark_done(&mut self, answer: MarkDoneAnswer) {
        if self.prompts.mark_done.take().is_none() {
            return;
        }
        match answer {
            MarkDoneAnswer::MarkDone => self.mark_done_now(),
            MarkDoneAnswer::Review => self.step_pending(true),
            MarkDoneAnswer::Cancel => self.info("Not marked done."),
        }
    }

    /// The answer to "offer the other occurrences too?": offer them as one
    /// undo step (if the span is still there, on the same text), or leave
    /// them.
    fn answer_held_occurrences(&mut self, answer: HeldAnswer) {
        let Some(held) = self.prompts.held_occurrences.take() else {
            return;
        };
        let quote = &held.span.text;
        if answer == HeldAnswer::NotNow {
            let rest = plural::counted(held.held.len(), "other occurrence", "other occurrences");
            return self.info(format!("The {rest} of “{quote}” were not offered"));
        }
        let Some(session) = self.session() else {
            return;
        };
        let same_text = Arc::ptr_eq(&session.shared_doc(), &held.doc);
        if !same_text || session.set().get(held.span.id).is_none() {
            return self.info(format!(
                "“{quote}” is no longer tagged here: its other occurrences were not offered"
            ));
        }
        match pending_edit(session, &held.held) {
            Some(edit) => {
                let n = added_count(&edit);
                self.perform(edit);
                let more = plural::counted(n, "more occurrence", "more occurrences");
                self.info(format!("Offered {more} of “{quote}” to review (N)"));
            }
            None => self.info(format!("No other occurrences of “{quote}” left to offer")),
        }
    }
}
