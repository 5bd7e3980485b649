//! The egui desktop front end: a thin shell over [`crate::session`].
//!
//! Widgets never change the model: they push [`Command`]s, which
//! [`NewsmarkApp`] applies (keyboard commands before the text is painted, so
//! a hotkey's span shows in the same frame).

mod app;
mod apply;
mod apply_search;
mod apply_suggest;
mod blocks;
mod caret;
mod command;
mod doc_list;
mod fonts;
mod keys;
mod panels;
mod review_panel;
mod search_bar;
mod span_list;
mod span_paint;
mod style;
mod suggest_job;
mod text_view;

pub use app::NewsmarkApp;
pub use caret::Selection;
pub use command::{Command, PromptAnswer};
