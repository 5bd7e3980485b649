//! Offering what was tagged in one document to the folder's other
//! documents: when a document is saved, by Save or by moving on to another
//! document, the text and label of each span tagged or accepted in it (and
//! still there) are looked for in the other articles and added to them as
//! pending suggestions.

use std::path::PathBuf;

use super::app::NewsmarkApp;
use crate::model::Status;
use crate::suggest::SuggestPlan;
use crate::suggest::matcher::TermMatcher;

/// Terms learned in saved documents, waiting for a suggestion job.
#[derive(Default)]
pub struct LearnedOffer {
    /// Text and label of each term.
    terms: Vec<(String, String)>,
    /// The documents they were learned in: their own occurrences were
    /// offered when each span was tagged.
    learned_in: Vec<PathBuf>,
}

impl NewsmarkApp {
    /// Queues the terms learned in the open document, which was just saved.
    pub(super) fn queue_learned(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        let set = session.set();
        let terms: Vec<(String, String)> = std::mem::take(&mut self.learned)
            .into_iter()
            .filter_map(|id| set.get(id))
            .filter(|span| span.status == Status::Accepted)
            .map(|span| (span.text.clone(), span.label.clone()))
            .collect();
        if terms.is_empty() {
            return;
        }
        let offer = self.learned_offer.get_or_insert_with(LearnedOffer::default);
        offer.terms.extend(terms);
        offer.learned_in.push(session.txt_path().to_owned());
    }

    /// Before another document replaces the open one: its learned terms
    /// are queued if it is saved and the next is in the same folder;
    /// otherwise they, and any queued for another folder, are dropped.
    pub(super) fn leave_document(&mut self, next: &std::path::Path) {
        let same_folder = self
            .session
            .as_ref()
            .is_some_and(|s| s.txt_path().parent() == next.parent());
        if !same_folder {
            self.learned_offer = None;
        } else if self.session.as_ref().is_some_and(|s| !s.is_dirty()) {
            self.queue_learned();
        }
        self.learned.clear();
    }

    /// Starts the queued offer once no other suggestion job runs. The open
    /// document gets its suggestions as an undoable edit; the other
    /// articles (but those the terms were learned in) in their files.
    pub(super) fn start_learned_offer(&mut self, ctx: &egui::Context) {
        if self.job.is_some() || self.session.is_none() {
            return;
        }
        let Some(offer) = self.learned_offer.take() else {
            return;
        };
        let Ok(learned) = TermMatcher::new(offer.terms) else {
            return;
        };
        let plan = SuggestPlan {
            learned,
            gazetteer: false,
            external: None,
        };
        self.start_job_skipping(ctx, plan, true, &offer.learned_in);
    }
}
