//! The egui desktop front end: a thin shell over [`crate::session`].
//!
//! Widgets never change the model: they push [`Command`]s, which
//! [`NewsmarkApp`] applies (keyboard commands before the text is painted, so
//! a hotkey's span shows in the same frame).
//!
//! - `app.rs`: `NewsmarkApp` (persisted, folder, doc, prompts, background, layout, notice) and opening a document
//! - `app_inspect.rs`: getters for tests and benches (public with the `testing` feature)
//! - `apply/`: what each `Command` does (the dispatch is `apply()` in `apply/mod.rs`)
//! - `background/`: work off the UI thread (suggesters, folder review, import/export, scans, the disk watch)
//! - `chrome/`: the action table, menus, status bar, banner, F1 help, the empty window
//! - `command.rs`: the `Command`s widgets, menus and keys ask for
//! - `doc.rs`: `OpenDoc`, the open document and its views
//! - `document_panels.rs`: the panels on the document (search bar, span list, left panel, text) and the windows
//! - `file_dialog.rs`: the Open dialog (replaceable for tests) and messages when none is chosen
//! - `folder.rs`: `Folder`, the open folder (replaced whole when another opens)
//! - `frame.rs`: one frame: background, keys, drawing, commands (and `eframe::App`)
//! - `freed_memory.rs`: the allocator gives freed memory back on a thread of its own, not mid-frame
//! - `fonts.rs`: the bundled fonts (emoji, a fallback font), installed once
//! - `icon.rs`: the window icon
//! - `keys.rs`: the text view's keys and caret motion (window shortcuts come from `chrome/actions/`)
//! - `prompts/`: the modal questions, one file each
//! - `recent.rs`: recently opened articles and folders
//! - `style.rs`: label colours, contrast, eliding long strings
//! - `widgets/`: the text view and the panels' widgets

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
mod frame;
mod freed_memory;
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
pub use freed_memory::{allocator_purge_delay_ms, return_freed_memory_in_background};
pub use icon::icon;
pub use prompts::PromptAnswer;
pub use prompts::approval::ApprovalAnswer;
pub use prompts::disk_change::DiskChoice;
pub use prompts::encoding::EncodingAnswer;
pub use prompts::held_occurrences::HeldAnswer;
pub use prompts::journal::JournalAnswer;
pub use prompts::mark_done::{MarkDoneAnswer, MarkDonePrompt};
pub use prompts::unsaved::UnsavedAnswer;
pub use style::contrast_ratio;
pub use widgets::caret::Selection;
pub use widgets::curation_panel::annotator_colour;
pub use widgets::stats_window;
