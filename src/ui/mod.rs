//! The egui desktop front end: a thin shell over [`crate::session`].
//!
//! Widgets never change the model: they push [`Command`]s, which
//! [`NewsmarkApp`] applies (keyboard commands before the text is painted, so
//! a hotkey's span shows in the same frame).

mod app;
mod app_inspect;
mod apply;
mod apply_bulk;
mod apply_folder;
mod apply_journal;
mod apply_learned;
mod apply_navigate;
mod apply_review;
mod apply_search;
mod apply_suggest;
mod apply_transfer;
mod background;
mod blocks;
mod caret;
mod chrome;
mod command;
mod doc;
mod doc_list;
mod document_panels;
mod file_dialog;
mod folder;
mod fonts;
mod icon;
mod keys;
mod label_chips;
mod panels;
mod prompts;
mod recent;
mod review_panel;
mod search_bar;
mod span_list;
mod span_paint;
pub mod stats_window;
mod style;
mod tag_layout;
mod text_view;

pub use app::NewsmarkApp;
pub use apply_journal::BACKGROUND_JOURNAL_SPANS;
pub use background::disk_watch::SETTLE as DISK_SETTLE;
pub use background::occurrence_scan::BACKGROUND_SCAN_BYTES;
pub use caret::Selection;
pub use chrome::actions::shortcut_help;
pub use command::Command;
pub use fonts::install as install_fonts;
pub use icon::icon;
pub use prompts::disk_change::DiskChoice;
pub use prompts::mark_done::{MarkDoneAnswer, MarkDonePrompt};
pub use prompts::unsaved::PromptAnswer;
pub use style::contrast_ratio;
