//! Applying the search commands: moving between hits, and "Annotate all".

use super::Selection;
use super::app::NewsmarkApp;
use super::search_bar::SearchBar;
use super::text_view::ScrollTo;
use crate::model::Edit;
use crate::plural;
use crate::session::Session;
use crate::suggest::pending_edit;
use crate::suggest::search::{AnnotateAll, search_suggestions};

impl NewsmarkApp {
    pub(super) fn open_search(&mut self) {
        let Some(session) = &self.session else {
            return;
        };
        match &mut self.search {
            Some(bar) => bar.focus(),
            None => {
                let first = session
                    .schema()
                    .labels
                    .first()
                    .map_or("", |l| l.name.as_str());
                self.search = Some(SearchBar::new(first));
            }
        }
    }

    pub(super) fn step_search(&mut self, forward: bool) {
        let caret = self.selection().caret;
        let (Some(bar), Some(view)) = (&mut self.search, &mut self.view) else {
            return;
        };
        if let Some(hit) = bar.step(forward, caret) {
            view.selection = Selection::of_range(hit.clone());
            view.selected_span = None;
            view.scroll_to(ScrollTo::Center(hit.start));
        }
    }

    /// Tags every hit (widened to whole words) with the bar's label as one
    /// undoable edit: suggestions already on a hit are accepted (relabelled
    /// if pending with another label); the message accounts for every hit.
    /// With "across the folder", offers them to the other documents as
    /// pending suggestions, saved to their files.
    pub(super) fn annotate_all(&mut self) {
        let (Some(bar), Some(session)) = (&self.search, &self.session) else {
            return;
        };
        let label = bar.label.clone();
        let hits = bar.hits.len();
        let plan = AnnotateAll::plan(session, &bar.hits, &label);
        let across = bar.across_corpus.then(|| bar.search()).flatten();
        let hits = plural::counted(hits, "hit", "hits");
        let mut text = format!("Annotate all, {hits}: {}", plan.describe(&label));
        if let Some(edit) = plan.edit {
            self.perform(edit);
            text.push_str(" (Ctrl+Z undoes all)");
        }
        if let Some(search) = across {
            let (offered, failures) = self.offer_search_elsewhere(&search, &label);
            text.push_str(&format!("; offered {offered} in other documents"));
            if let Some(first) = failures.first() {
                text.push_str(&format!("; {} failed: {first}", failures.len()));
            }
            if let Some(session) = &self.session {
                self.review = super::review_panel::ReviewPanel::for_session(session, &self.corpus);
            }
        }
        self.info(text);
    }

    /// Offers a search's hits to the folder's other documents as pending
    /// suggestions; returns how many, and what failed.
    fn offer_search_elsewhere(
        &mut self,
        search: &crate::model::search::Search,
        label: &str,
    ) -> (usize, Vec<String>) {
        let Some(open) = self.session.as_ref().map(|s| s.txt_path().to_owned()) else {
            return (0, Vec::new());
        };
        let mut offered = 0;
        let mut failures = Vec::new();
        let paths: Vec<_> = self
            .corpus
            .entries
            .iter()
            .map(|e| e.path.clone())
            .filter(|p| *p != open)
            .collect();
        for path in paths {
            let mut other = match Session::read(&path, self.schema.clone()) {
                Ok(s) => s,
                Err(err) => {
                    failures.push(err.to_string());
                    continue;
                }
            };
            if other.save_blocked().is_some() {
                failures.push(format!(
                    "{}: its annotation file is protected",
                    path.display()
                ));
                continue;
            }
            let found = search_suggestions(other.doc(), search, label);
            let Some(edit) = pending_edit(&other, &found) else {
                continue;
            };
            if let Edit::Batch(e) = &edit {
                offered += e.len();
            }
            let saved = other
                .perform(edit)
                .map_err(|e| e.to_string())
                .and_then(|()| other.save().map_err(|e| e.to_string()));
            match saved {
                Ok(()) => self.corpus.update(&other),
                Err(err) => failures.push(err),
            }
        }
        (offered, failures)
    }
}
