//! Applying the suggestion commands: building the plan from the corpus's
//! settings, asking before an extractor command runs, running the job, and
//! offering a newly tagged text's other occurrences.

use crate::model::Span;
use crate::plural;
use crate::settings;
use crate::store;
use crate::suggest::follow_up::{FollowUps, add_relations_and_links};
use crate::suggest::matcher::TermMatcher;
use crate::suggest::occurrences::{OFFER_AT_ONCE, may_offer, split_offer};
use crate::suggest::{SuggestPlan, Suggestion, added_count, pending_edit};
use crate::ui::app::NewsmarkApp;
use crate::ui::background::occurrence_scan::{BACKGROUND_SCAN_BYTES, OccurrenceScan};
use crate::ui::background::suggest_job::{Finder, Offered, OtherArticles, SuggestJob, plan_finder};
use crate::ui::prompts::approval::AwaitingApproval;
use crate::ui::prompts::held_occurrences::HeldOccurrences;

impl NewsmarkApp {
    /// Builds the plan and starts it, asking first about an extractor
    /// command not approved yet for this folder.
    pub(in crate::ui) fn suggest(&mut self, ctx: &egui::Context, all: bool) {
        if self.background.suggest.is_some() {
            self.info("Suggestions are already running (Cancel in the status bar).");
            return;
        }
        if self.background.folder_bulk.job.is_some() {
            self.info("A folder-wide review is running (Cancel in the review panel).");
            return;
        }
        let Some(session) = self.session() else {
            return;
        };
        let dir = session
            .txt_path()
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let settings = match settings::load(&dir) {
            Ok(s) => s,
            Err(err) => return self.error(err.to_string()),
        };
        let mut terms = self
            .corpus_index()
            .map(|c| c.learned_terms_except(session.txt_path()))
            .unwrap_or_default();
        terms.extend(crate::suggest::matcher::learned_terms(session.set()));
        let plan = match SuggestPlan::with_terms(&settings, terms) {
            Ok(plan) => plan,
            Err(err) => return self.error(err.to_string()),
        };
        if let Some(command) = &plan.external
            && !self.persisted.approvals.is_approved(&dir, &command.argv)
        {
            self.prompts.approval = Some(AwaitingApproval {
                command_line: command.command_line(),
                plan,
                all,
            });
            return;
        }
        self.start_job(ctx, plan, all);
    }

    /// Stops the running suggestion job, and any run waiting for its
    /// extractor command to be approved or for learned terms to be offered.
    pub(in crate::ui) fn cancel_suggest(&mut self) {
        self.prompts.approval = None;
        if let Some(folder) = &mut self.folder {
            folder.learned_offers.clear();
        }
        if let Some(job) = &self.background.suggest {
            job.cancel();
        }
    }

    pub(in crate::ui) fn start_job(&mut self, ctx: &egui::Context, plan: SuggestPlan, all: bool) {
        self.start_job_skipping(
            ctx,
            plan_finder(plan),
            all,
            &[],
            Some(Offered::SuggesterRun),
        );
    }

    /// Starts a suggestion job (`find` in each document) on the open
    /// document and, if `all`, on the folder's other articles but those in
    /// `skip`. The open document's suggestions are offered to it as
    /// `open_offers` (what they are called in messages), or dropped if
    /// `None`.
    pub(in crate::ui) fn start_job_skipping(
        &mut self,
        ctx: &egui::Context,
        find: Finder,
        all: bool,
        skip: &[std::path::PathBuf],
        open_offers: Option<Offered>,
    ) {
        let Some(session) = self.session() else {
            return;
        };
        let others = all.then(|| OtherArticles {
            dir: store::folder_of(session.txt_path()).to_owned(),
            skip: skip.to_vec(),
            expected: self
                .corpus_index()
                .map_or(0, |c| c.entries.len().saturating_sub(1)),
        });
        let open = (store::file_name(session.txt_path()), session.doc().clone());
        // A suggester run suggests relations and entity links too.
        let follow_ups = (open_offers == Some(Offered::SuggesterRun)).then(|| self.registry_copy());
        let mut job = SuggestJob::start(
            find,
            session.txt_path().to_owned(),
            open,
            others,
            session.schema().clone(),
            follow_ups,
            self.background.open_article.clone(),
            ctx,
        );
        job.open_offers = open_offers;
        self.background.suggest = Some(job);
        self.info("Suggesting…");
    }

    /// Takes the job's news: adds the open document's suggestions as one
    /// undoable edit, and reports when the job ends.
    pub(in crate::ui) fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.background.suggest else {
            return;
        };
        let same_document = self
            .doc
            .as_ref()
            .map(|d| &d.session)
            .is_some_and(|s| s.txt_path() == job.open_path);
        if let Some(found) = job.poll()
            && same_document
            && let Some(what) = job.open_offers
        {
            self.add_job_offers(&found, what);
        }
        let Some(job) = &mut self.background.suggest else {
            return;
        };
        let saved = std::mem::take(&mut job.saved);
        let opened = std::mem::take(&mut job.opened);
        let what = job.open_offers.unwrap_or(Offered::LearnedTerms);
        for (path, digest) in saved {
            self.record_in_folder(&path, digest);
        }
        for (path, found) in opened {
            if self.session().is_some_and(|s| s.txt_path() == path) {
                self.add_job_offers(&found, what);
            }
        }
        let Some(job) = &self.background.suggest else {
            return;
        };
        if !job.finished {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        }
        let here = if job.added_here > 0 {
            format!("{} new here to review (N), ", job.added_here)
        } else {
            String::new()
        };
        let ended = if job.cancelled {
            let (done, total) = job.progress;
            format!(
                "Suggestions cancelled after {done} of {total} documents (the others untouched)"
            )
        } else {
            "Suggestions done".to_owned()
        };
        let mut text = format!(
            "{ended}: {here}{} added in other documents",
            job.saved_elsewhere
        );
        let failed = job.failures > 0;
        if let Some(first) = &job.first_failure {
            let failures = plural::counted(job.failures, "failure", "failures");
            text.push_str(&format!("; {failures}: {first}"));
        }
        self.background.suggest = None;
        self.refresh_review();
        if failed {
            self.error(text);
        } else {
            self.info(text);
        }
    }

    /// Adds a job's suggestions to the open document, counting them for
    /// the job's closing message.
    fn add_job_offers(&mut self, found: &[Suggestion], what: Offered) {
        let added = self.add_suggestions(found, what);
        if let Some(job) = &mut self.background.suggest {
            job.added_here += added;
        }
    }

    /// Adds suggestions to the open document as one undoable edit (after
    /// a suggester run, then its pattern relations and entity links, one
    /// undoable edit each); returns how many were added.
    fn add_suggestions(&mut self, found: &[Suggestion], offered: Offered) -> usize {
        let what = offered.noun();
        let Some(session) = self.session() else {
            return 0;
        };
        let mut added = 0;
        if let Some(edit) = pending_edit(session, found) {
            added = added_count(&edit);
            self.perform(edit);
        }
        let mut follow_ups = FollowUps::default();
        if offered == Offered::SuggesterRun {
            let registry = self.registry_copy();
            let perform = |app: &mut Self, edit| {
                app.perform(edit);
                Ok::<(), std::convert::Infallible>(())
            };
            let done = add_relations_and_links(self, Self::session, perform, &registry);
            follow_ups = done.unwrap_or_else(|never| match never {});
        }
        if added + follow_ups.total() == 0 {
            self.info(format!("No new {what} suggestions."));
            return 0;
        }
        let noun = plural::noun(added, "suggestion", "suggestions");
        let mut text = format!("{added} new {what} {noun}");
        for (n, one, many) in [
            (
                follow_ups.relations,
                "suggested relation",
                "suggested relations",
            ),
            (
                follow_ups.links,
                "suggested entity link",
                "suggested entity links",
            ),
        ] {
            if n > 0 {
                text.push_str(&format!(", {}", plural::counted(n, one, many)));
            }
        }
        self.info(format!("{text} to review (N)"));
        if offered == Offered::SuggesterRun {
            self.layout.left = Some(crate::ui::app::LeftTab::Review);
        }
        added + follow_ups.total()
    }

    /// The open folder's entity registry (empty without one), for entity
    /// link suggestions.
    fn registry_copy(&self) -> crate::entities::Registry {
        self.folder
            .as_ref()
            .map(|f| f.entities.registry.clone())
            .unwrap_or_default()
    }

    /// After a span is created or accepted: offer its text's other exact
    /// occurrences in this document now (a long article's a few frames
    /// later, see [`OccurrenceScan`]), and in the corpus's other documents
    /// when the document is saved; a text of function words only is not
    /// offered at all, and at most [`OFFER_AT_ONCE`] occurrences are offered
    /// before asking (see [`crate::suggest::occurrences`]).
    pub(in crate::ui) fn offer_occurrences(&mut self, span: &Span) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        if !may_offer(&span.text) {
            let text = format!(
                "Tagged “{}” {}; it is a function word, so its other occurrences are not offered",
                span.text, span.label
            );
            return self.info(text);
        }
        let Ok(matcher) = TermMatcher::new([(span.text.as_str(), span.label.as_str())]) else {
            return;
        };
        doc.learned.push(span.id);
        if doc.session.doc().text().len() >= BACKGROUND_SCAN_BYTES {
            let scan = OccurrenceScan::start(span.clone(), doc.session.shared_doc(), matcher);
            doc.occurrence_scans.push(scan);
            return;
        }
        let found = matcher.find(doc.session.doc());
        self.offer_found(span, &found);
    }

    /// Offers the occurrences found by background scans that are done,
    /// for spans still there on the same text.
    pub(in crate::ui) fn poll_occurrence_scans(&mut self, ctx: &egui::Context) {
        let Some(doc) = &mut self.doc else {
            return;
        };
        let scans = std::mem::take(&mut doc.occurrence_scans);
        for scan in scans {
            let Some(doc) = &mut self.doc else {
                return;
            };
            let Some(result) = scan.poll() else {
                doc.occurrence_scans.push(scan);
                continue;
            };
            // Scans end with their document, and a text reloaded from disk
            // drops them (see `OpenDoc::text_replaced`).
            let still_there = doc.session.set().get(scan.span.id).is_some();
            match result {
                Ok(found) if still_there => self.offer_found(&scan.span, &found),
                Ok(_) => {}
                Err(()) => self.error("could not look for the tagged text's other occurrences"),
            }
        }
        if self
            .doc
            .as_ref()
            .is_some_and(|d| !d.occurrence_scans.is_empty())
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(5));
        }
    }

    /// Adds the new occurrences of `span`'s text as pending suggestions,
    /// at most [`OFFER_AT_ONCE`], as one undo step, saying how many; asks
    /// before offering the rest.
    fn offer_found(&mut self, span: &Span, found: &[Suggestion]) {
        let Some(session) = self.session() else {
            return;
        };
        let offer = split_offer(session.set(), span, found, OFFER_AT_ONCE);
        let Some(edit) = pending_edit(session, &offer.now) else {
            return;
        };
        let offered = offer.now.len();
        let doc = session.shared_doc();
        self.perform(edit);
        let others = plural::counted(offered, "other occurrence", "other occurrences");
        if offer.held.is_empty() {
            self.info(format!("Offered {others} of “{}” to review (N)", span.text));
            return;
        }
        let total = offered + offer.held.len();
        self.info(format!(
            "Offered the {offered} nearest of {total} other occurrences of “{}” to review (N); \
             offer the other {}?",
            span.text,
            offer.held.len()
        ));
        self.prompts.held_occurrences = Some(HeldOccurrences {
            span: span.clone(),
            doc,
            offered,
            held: offer.held,
            drawn: std::cell::Cell::new(false),
        });
    }
}
