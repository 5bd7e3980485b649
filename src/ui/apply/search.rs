//! Applying the search commands: moving between hits, and "Annotate all".

use crate::plural;
use crate::suggest::search::{AnnotateAll, search_suggestions};
use crate::ui::Selection;
use crate::ui::app::NewsmarkApp;
use crate::ui::background::suggest_job::Finder;
use crate::ui::widgets::search_bar::SearchBar;
use crate::ui::widgets::text_view::ScrollTo;

impl NewsmarkApp {
    pub(in crate::ui) fn open_search(&mut self) {
        let Some(session) = self.doc.as_ref().map(|d| &d.session) else {
            return;
        };
        match &mut self.layout.search {
            Some(bar) => bar.focus(),
            None => {
                let first = session
                    .schema()
                    .labels
                    .first()
                    .map_or("", |l| l.name.as_str());
                self.layout.search = Some(SearchBar::new(first));
            }
        }
    }

    pub(in crate::ui) fn step_search(&mut self, forward: bool) {
        let caret = self.selection().caret;
        let (Some(bar), Some(view)) = (
            &mut self.layout.search,
            self.doc.as_mut().map(|d| &mut d.view),
        ) else {
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
    /// pending suggestions, saved to their files in the background.
    pub(in crate::ui) fn annotate_all(&mut self, ctx: &egui::Context) {
        let (Some(bar), Some(session)) = (&self.layout.search, self.session()) else {
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
            text.push_str(&self.offer_search_elsewhere(ctx, search, label));
        }
        self.info(text);
    }

    /// Offers a search's hits to the folder's other documents as pending
    /// suggestions, saved to their files by a suggestion job in the
    /// background (progress and Cancel in the status bar, the document list
    /// updated as each file is saved); returns what to add to the message.
    fn offer_search_elsewhere(
        &mut self,
        ctx: &egui::Context,
        search: crate::model::search::Search,
        label: String,
    ) -> String {
        if self.background.suggest.is_some() || self.background.folder_bulk.job.is_some() {
            return "; not offered to the other documents: another folder job is running (run \
                    Annotate all again once it ends)"
                .to_owned();
        }
        let find: Finder =
            Box::new(move |_, doc, _| (search_suggestions(doc, &search, &label), None));
        // The open document was tagged above: the job leaves it alone.
        self.start_job_skipping(ctx, find, true, &[], None);
        "; offering the hits to the folder's other documents in the background (Cancel in \
         the status bar)"
            .to_owned()
    }
}
