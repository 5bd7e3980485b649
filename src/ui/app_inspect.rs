//! The window from outside: what it holds, read without drawing it, and
//! commands applied as if its widgets had asked. They are public API only
//! with the `testing` feature (the crate's tests and benches turn it on);
//! otherwise the window's own code may use them, crate-wide.

use std::path::PathBuf;

use egui::Rect;

use super::app::{NewsmarkApp, Notice};
use super::{Command, Selection};
use crate::corpus::CorpusIndex;
use crate::model::{RelationId, SpanId};
use crate::session::DiskChange;
use crate::session::Session;
use crate::ui::MarkDonePrompt;
use crate::ui::widgets::linking::Linking;

/// Defines a getter that is public with the `testing` feature and
/// crate-private without it (the body is written once).
macro_rules! hook {
    ($(#[$meta:meta])* fn $name:ident $($rest:tt)*) => {
        $(#[$meta])*
        #[cfg(feature = "testing")]
        pub fn $name $($rest)*

        $(#[$meta])*
        #[cfg(not(feature = "testing"))]
        #[allow(dead_code, reason = "used by tests and benches, with the `testing` feature")]
        pub(crate) fn $name $($rest)*
    };
}

impl NewsmarkApp {
    hook! {
        /// The open document, if any.
        fn session(&self) -> Option<&Session> {
            self.doc.as_ref().map(|d| &d.session)
        }
    }

    hook! {
        /// The caret and selection.
        fn selection(&self) -> Selection {
            self.view().map(|v| v.selection).unwrap_or_default()
        }
    }

    hook! {
        /// The selected span.
        fn selected_span(&self) -> Option<SpanId> {
            self.view().and_then(|v| v.selected_span)
        }
    }

    hook! {
        /// The selected relation.
        fn selected_relation(&self) -> Option<RelationId> {
            self.view().and_then(|v| v.selected_relation)
        }
    }

    hook! {
        /// The spans drawn as selected: the selected span, or the selected
        /// relation's two ends.
        fn outlined_spans(&self) -> Vec<SpanId> {
            match (self.view(), self.session()) {
                (Some(view), Some(session)) => view.outlined(session),
                _ => Vec::new(),
            }
        }
    }

    hook! {
        /// While a link's other span is being chosen: the numbered spans,
        /// in the order of their numbers (from 1); else none.
        fn link_candidates(&self) -> Vec<SpanId> {
            match self.view().and_then(|v| v.linking.as_ref()) {
                Some(Linking::Target { candidates, .. }) => candidates.iter().map(|c| c.id).collect(),
                _ => Vec::new(),
            }
        }
    }

    hook! {
        /// While a link's type is being chosen: the types offered; else none.
        fn link_types(&self) -> Vec<String> {
            match self.view().and_then(|v| v.linking.as_ref()) {
                Some(Linking::Type { choices, .. }) => choices.iter().map(|c| c.name.clone()).collect(),
                _ => Vec::new(),
            }
        }
    }

    hook! {
        /// The relations drawn over the text last frame: each with `None`
        /// for an arc between two spans on screen, or the label of its
        /// stub (an end off screen).
        fn drawn_relations(&self) -> Vec<(RelationId, Option<String>)> {
            let drawn = self.view().map_or(&[][..], |v| v.drawn_relations());
            drawn
                .iter()
                .map(|(id, how)| match how {
                    crate::ui::widgets::arcs::Drawn::Arc { .. } => (*id, None),
                    crate::ui::widgets::arcs::Drawn::Stub { text, .. } => (*id, Some(text.clone())),
                })
                .collect()
        }
    }

    hook! {
        /// The lines of the arcs drawn last frame between two spans on
        /// screen, each with its points (screen), and where the text's
        /// column starts (screen x).
        fn arc_paths(&self) -> (Vec<(RelationId, Vec<egui::Pos2>)>, f32) {
            let Some(view) = self.view() else {
                return (Vec::new(), 0.0);
            };
            let paths = view
                .drawn_relations()
                .iter()
                .filter_map(|(id, how)| match how {
                    crate::ui::widgets::arcs::Drawn::Arc { path } => Some((*id, path.clone())),
                    crate::ui::widgets::arcs::Drawn::Stub { .. } => None,
                })
                .collect();
            (paths, view.text_left())
        }
    }

    hook! {
        /// Where span `id`'s tag was drawn last frame (the highest of its
        /// clickable regions).
        fn tag_rect(&self, id: SpanId) -> Option<Rect> {
            let rects = self.view()?.hit_rects(id);
            rects.into_iter().min_by(|a, b| a.top().total_cmp(&b.top()))
        }
    }

    hook! {
        /// The boxes drawn around span `id`'s text last frame.
        fn span_boxes(&self, id: SpanId) -> Vec<Rect> {
            self.view().map(|v| v.span_boxes(id)).unwrap_or_default()
        }
    }

    hook! {
        /// Where the label of relation `id`'s stub was drawn last frame.
        fn stub_rect(&self, id: RelationId) -> Option<Rect> {
            let drawn = self.view()?.drawn_relations();
            drawn.iter().find_map(|(r, how)| match how {
                crate::ui::widgets::arcs::Drawn::Stub { rect, .. } if *r == id => Some(*rect),
                _ => None,
            })
        }
    }

    hook! {
        /// The last message shown to the user.
        fn notice(&self) -> Option<&Notice> {
            self.notice.as_ref()
        }
    }

    hook! {
        /// Whether suggesters are running in the background, or learned terms
        /// wait to be offered to the folder.
        fn is_suggesting(&self) -> bool {
            self.background.suggest.is_some()
                || self.folder.as_ref().is_some_and(|f| !f.learned_offers.is_empty())
        }
    }

    hook! {
        /// The running suggestion job's progress: documents done, and in
        /// the run.
        fn suggest_progress(&self) -> Option<(usize, usize)> {
            self.background.suggest.as_ref().map(|job| job.progress)
        }
    }

    hook! {
        /// Whether the folder's annotation files are still being read.
        fn is_reading_folder(&self) -> bool {
            self.folder.as_ref().is_some_and(|f| f.loader.is_some())
        }
    }

    hook! {
        /// Whether an import or export is running in the background.
        fn is_busy(&self) -> bool {
            self.background.task.is_some()
        }
    }

    hook! {
        /// Whether "run this extractor command?" is showing.
        fn is_asking_to_run_extractor(&self) -> bool {
            self.prompts.approval.is_some()
        }
    }

    hook! {
        /// Whether "restore unsaved work?" is showing.
        fn is_offering_journal(&self) -> bool {
            self.prompts.journal.is_some()
        }
    }

    hook! {
        /// Whether the unsaved-changes question is showing.
        fn is_asking_to_save(&self) -> bool {
            self.prompts.unsaved.is_some()
        }
    }

    hook! {
        /// Screen rectangle (zero width) of caret position `pos` as laid out in
        /// the last frame; lets tests point at text.
        fn char_screen_rect(&mut self, ctx: &egui::Context, pos: usize) -> Option<Rect> {
            let doc = self.doc.as_mut()?;
            doc.view.char_screen_rect(ctx, doc.session.doc(), pos)
        }
    }

    hook! {
        /// Applies commands as if widgets or keys had asked for them (for
        /// scripting and tests).
        fn execute(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
            self.run(ctx, commands);
        }
    }

    hook! {
        /// Recently opened articles, newest first.
        fn recent(&self) -> &[PathBuf] {
            &self.persisted.recent.articles
        }
    }

    hook! {
        /// The folders of recently opened articles, newest first.
        fn recent_folders(&self) -> &[PathBuf] {
            &self.persisted.recent.folders
        }
    }

    hook! {
        /// The corpus's documents as last read or saved (none without a
        /// folder open).
        fn corpus(&self) -> &CorpusIndex {
            super::folder::Folder::documents_of(self.folder.as_ref())
        }
    }

    hook! {
        /// Whether a tagged text's occurrences are still being looked for in a
        /// long article (on another thread).
        fn is_scanning_occurrences(&self) -> bool {
            self.doc
                .as_ref()
                .is_some_and(|d| !d.occurrence_scans.is_empty())
        }
    }

    hook! {
        /// The window title as last set.
        fn title(&self) -> &str {
            &self.layout.title
        }
    }

    hook! {
        /// Whether a folder-wide review runs.
        fn is_reviewing_folder(&self) -> bool {
            self.background.folder_bulk.job.is_some()
        }
    }

    hook! {
        /// Whether "suggestions still to review" is asked, and for how many.
        fn mark_done_prompt(&self) -> Option<MarkDonePrompt> {
            self.prompts.mark_done
        }
    }

    hook! {
        /// Whether "open a UTF-8 copy?" is showing.
        fn is_offering_conversion(&self) -> bool {
            self.prompts.encoding.is_some()
        }
    }

    hook! {
        /// Whether "changed on disk" is showing, and what changed.
        fn disk_change(&self) -> Option<&DiskChange> {
            self.prompts.disk_change.as_ref()
        }
    }

    hook! {
        /// How many times the watcher or the focus had the files checked.
        fn disk_checks(&self) -> u64 {
            self.doc.as_ref().map_or(0, |d| d.disk.checks_when_due)
        }
    }

    hook! {
        /// Whether "offer the other occurrences too?" is showing.
        fn is_asking_to_offer_more(&self) -> bool {
            self.prompts.held_occurrences.is_some()
        }
    }

    hook! {
        /// The open search bar's query.
        fn search_query(&self) -> Option<String> {
            self.layout.search.as_ref().map(|bar| bar.query.clone())
        }
    }

    hook! {
        /// Types `query` into the open search bar and picks the label
        /// "Annotate all" uses and whether it goes across the folder, as a
        /// user would in the bar (its hits are found at the next frame).
        fn set_search(&mut self, query: &str, label: &str, across_folder: bool) {
            if let Some(bar) = &mut self.layout.search {
                query.clone_into(&mut bar.query);
                label.clone_into(&mut bar.label);
                bar.across_corpus = across_folder;
            }
        }
    }

    // --- Teams: the agreement panel and curation ---

    hook! {
        /// Whether the agreement of the folder's annotators is being
        /// measured.
        fn is_measuring_agreement(&self) -> bool {
            self.folder.as_ref().is_some_and(|f| f.agreement.job.is_some())
        }
    }

    hook! {
        /// The open curation: its index of disagreements (the same `Arc`
        /// for as long as it is not rebuilt) and the current disagreement.
        fn curation_index(
            &self,
        ) -> Option<(std::sync::Arc<crate::team::curate::CurationIndex>, Option<usize>)> {
            let curation = self.doc.as_ref()?.curation.as_ref()?;
            Some((std::sync::Arc::clone(&curation.index), curation.current))
        }
    }

    hook! {
        /// The open folder's entity registry, as the Entities tab holds it.
        fn registry(&self) -> Option<&crate::entities::Registry> {
            self.folder.as_ref().map(|f| &f.entities.registry)
        }
    }

    hook! {
        /// The review filter (N, Shift+N and the bulk actions follow it).
        fn review_filter(&self) -> &crate::session::ReviewFilter {
            &self.layout.review_filter
        }
    }

    hook! {
        /// Shows the Entities tab of the right panel, as a click on it does.
        fn show_entities_tab(&mut self) {
            self.layout.right = crate::ui::app::RightTab::Entities;
        }
    }

    hook! {
        /// Whether the Entities tab's folder counts wait for the folder to
        /// be read.
        fn is_counting_entities(&self) -> bool {
            self.folder
                .as_ref()
                .is_some_and(|f| f.corpus.loaded_count() < f.corpus.entries.len())
        }
    }

    hook! {
        /// Entity `id`'s mentions across the folder as the Entities tab
        /// shows them (the open document as edited); `None` until counted.
        fn folder_mentions(&self, id: &str) -> Option<crate::corpus::entity_counts::EntityTally> {
            let session = self.session()?;
            let index = &self.folder.as_ref()?.corpus;
            let tallies = crate::ui::widgets::entity_panel::FolderTallies::of(index, session)?;
            let here = crate::corpus::entity_counts::mention_counts(session.set());
            Some(tallies.get(id, here.get(id).copied().unwrap_or(0)))
        }
    }

    hook! {
        /// The places highlighted in the text (search hits, or the picked
        /// entity's mentions), sorted.
        fn highlights(&self) -> Vec<std::ops::Range<usize>> {
            self.view().map(|v| v.highlights.clone()).unwrap_or_default()
        }
    }

    hook! {
        /// The facts table's rows, in the table's order (none before it
        /// is built).
        fn fact_rows(&self) -> Vec<crate::facts::Fact> {
            match self.folder.as_ref().and_then(|f| f.facts.result.as_ref()) {
                Some(Ok(result)) => result.rows.iter().map(|r| r.fact.clone()).collect(),
                _ => Vec::new(),
            }
        }
    }

    hook! {
        /// Whether the facts table is being built.
        fn is_building_facts(&self) -> bool {
            self.folder.as_ref().is_some_and(|f| f.facts.job.is_some())
        }
    }
}
