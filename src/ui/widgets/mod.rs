//! The widgets: each draws one piece of state and pushes the
//! [`Command`](crate::ui::Command)s the user asks for; none changes the
//! model. As in egui's demo library, a widget with state of its own is
//! drawn by a `*_ui(ui, &mut state, …)` function (`text_view_ui`,
//! `span_list_ui`, `doc_list_ui`, `search_bar_ui`); the review panel still
//! has a `show` method.
//!
//! - `arcs.rs`: relations drawn as arcs over the text (stubs for ends off screen)
//! - `agreement_window.rs`: the folder's annotators' agreement and its documents by disagreement
//! - `curation_lanes.rs`: each annotator's versions as coloured lanes under the text, in curation
//! - `curation_panel.rs`: a document's disagreements and the annotators' versions (left panel)
//! - `bidi_label.rs`: one-line list rows that show Persian and Arabic text in visual order
//! - `bidi_text.rs`: a block with right-to-left text, laid out piece by piece in visual order
//! - `bidi_text_edit.rs`: a one-line text box showing right-to-left text in visual order (search)
//! - `block_text.rs`: a block laid out (egui galley, or `BidiText`), and every question asked of it
//! - `blocks.rs`: the text cut into blocks, laid out lazily (long articles)
//! - `caret.rs`: the caret and the selection (`Selection`)
//! - `entity_panel.rs`: the folder's entities, their mentions, linking, rename and merge (right panel)
//! - `entity_picked.rs`: the picked entity's aliases, QID, rename, merge, split and Undo
//! - `facts_window.rs`: the folder's facts table, sortable and filterable (Ctrl+Shift+F)
//! - `facts_order.rs`: which facts rows show, in which order (fast at 100,000 articles)
//! - `doc_list.rs`: the folder's documents, sortable and filterable (left panel)
//! - `label_chips.rs`: a label's hotkeys as chips
//! - `linking.rs`: making a relation from the keyboard: candidates, their numbers, the type
//! - `review_figures.rs`: the review panel's counts rows and quality table
//! - `review_panel.rs`: review counts, filter, extractor quality (left panel)
//! - `review_bulk.rs`: the review panel's bulk actions, for the document and the folder
//! - `relation_list.rs`: the relations grouped by type, filterable (right panel)
//! - `search_bar.rs`: Ctrl+F, its hits and label filter
//! - `span_depths.rs`: which underline level each span takes (nesting), kept up to date
//! - `span_list.rs`: the spans grouped by label (right panel)
//! - `span_paint.rs`: painting spans, their tags and the selection over the text
//! - `stats_window.rs`: the folder's statistics window (Ctrl+T)
//! - `tag_layout.rs`: where span tags go so they do not overlap
//! - `text_view.rs`: the article's text (and `text_view/motion.rs`: caret motion by row;
//!   `text_view/pointer.rs`: clicks and drags)

pub mod agreement_window;
pub mod arcs;
pub mod bidi_label;
pub mod bidi_text;
pub mod bidi_text_edit;
pub mod block_text;
pub mod blocks;
pub mod caret;
pub mod curation_lanes;
pub mod curation_panel;
pub mod doc_list;
pub mod entity_panel;
pub mod entity_picked;
pub mod facts_order;
pub mod facts_window;
pub mod label_chips;
pub mod linking;
pub mod relation_list;
pub mod review_bulk;
pub mod review_figures;
pub mod review_panel;
pub mod search_bar;
pub mod span_depths;
pub mod span_list;
pub mod span_paint;
pub mod stats_window;
pub mod tag_layout;
pub mod text_view;
