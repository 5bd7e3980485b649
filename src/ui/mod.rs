//! The egui desktop front end: a thin shell over [`crate::session`].
//!
//! Widgets never change the model: they push [`Command`]s, which
//! [`NewsmarkApp`] applies (keyboard commands before the text is painted, so
//! a hotkey's span shows in the same frame).

mod app;
mod app_inspect;
mod apply;
mod background;
mod chrome;
mod command;
mod doc;
mod document_panels;
mod file_dialog;
mod folder;
mod fonts;
mod icon;
mod keys;
mod prompts;
mod recent;
mod style;
mod widgets;

pub use app::NewsmarkApp;
pub use apply::journal::BACKGROUND_JOURNAL_SPANS;
pub use background::disk_watch::SETTLE as DISK_SETTLE;
pub use background::occurrence_scan::BACKGROUND_SCAN_BYTES;
pub use chrome::actions::shortcut_help;
pub use command::Command;
pub use fonts::install as install_fonts;
pub use icon::icon;
pub use prompts::disk_change::DiskChoice;
pub use prompts::mark_done::{MarkDoneAnswer, MarkDonePrompt};
pub use prompts::unsaved::PromptAnswer;
pub use style::contrast_ratio;
pub use widgets::caret::Selection;
pub use widgets::stats_window;
