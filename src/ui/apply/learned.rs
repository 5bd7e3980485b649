//! Offering what was tagged in one document to the folder's other
//! documents: each time a document is saved (by Save, or before moving on
//! to another document), the text and label of each span tagged or accepted
//! in it since, and still there, are looked for in the other articles and
//! added to them as pending suggestions.

use std::collections::VecDeque;
use std::path::PathBuf;

use crate::model::Status;
use crate::suggest::SuggestPlan;
use crate::suggest::matcher::TermMatcher;
use crate::ui::app::NewsmarkApp;
use crate::ui::background::suggest_job::Offered;

/// The terms learned in one saved document, waiting for a suggestion job.
pub struct LearnedOffer {
    /// Text and label of each term.
    terms: Vec<(String, String)>,
    /// The document they were learned in: its own occurrences were offered
    /// when each span was tagged, so it is skipped.
    learned_in: PathBuf,
}

/// Offers waiting, oldest first: one job each.
pub type LearnedOffers = VecDeque<LearnedOffer>;

impl NewsmarkApp {
    /// Queues the terms learned in the open document, which was just saved.
    pub(in crate::ui) fn queue_learned(&mut self) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        let session = &doc.session;
        let set = session.set();
        let terms: Vec<(String, String)> = std::mem::take(&mut doc.learned)
            .into_iter()
            .filter_map(|id| set.get(id))
            .filter(|span| span.status == Status::Accepted)
            .map(|span| (span.text.clone(), span.label.clone()))
            .collect();
        if !terms.is_empty()
            && let Some(folder) = &mut self.folder
        {
            folder.learned_offers.push_back(LearnedOffer {
                terms,
                learned_in: session.txt_path().to_owned(),
            });
        }
    }

    /// Before another document replaces the open one (and with it what
    /// was learned and not saved): occurrences held back from the open one
    /// are forgotten. (Offers waiting for another folder go with it, see
    /// [`crate::ui::folder::Folder::keep_offers_of`].)
    pub(in crate::ui) fn leave_document(&mut self) {
        self.prompts.held_occurrences = None;
    }

    /// Starts the oldest offer once no other suggestion job runs. The open
    /// document gets its suggestions as an undoable edit, unless the terms
    /// were learned in it; the folder's other articles, but the one they
    /// were learned in, get them in their files.
    pub(in crate::ui) fn start_learned_offer(&mut self, ctx: &egui::Context) {
        // Runs every frame: nothing to do unless an offer waits.
        if self
            .folder
            .as_ref()
            .is_none_or(|f| f.learned_offers.is_empty())
            || self.background.suggest.is_some()
            || self.background.folder_bulk.job.is_some()
        {
            return;
        }
        let Some(open) = self.session().map(|s| s.txt_path().to_owned()) else {
            return;
        };
        let Some(offer) = self
            .folder
            .as_mut()
            .and_then(|f| f.learned_offers.pop_front())
        else {
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
        let open_offers = (open != offer.learned_in).then_some(Offered::LearnedTerms);
        let find = crate::ui::background::suggest_job::plan_finder(plan);
        self.start_job_skipping(ctx, find, true, &[offer.learned_in], open_offers);
    }
}
