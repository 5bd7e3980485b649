//! newsmark's core: label spans of news articles (person, role, country,
//! initiative) and save them as RON beside each article, without a window.
//!
//! This is the `newsmark-core` crate (manifest in `src/newsmark-core/`); it
//! never links egui, so its tests do not either. The `newsmark` crate
//! (`src/lib.rs`) re-exports every module below under the same path and adds
//! the window, `newsmark::ui`.
//!
//! - [`model`]: document, spans, label schema, edits and undo
//! - [`store`]: the RON format, loading, re-anchoring, atomic saves
//! - [`journal`]: the recovery journal of unsaved edits
//! - [`session`]: one open document, its review edits and changes on disk
//! - [`corpus`]: a folder of articles, importing into it, validating it
//! - [`entities`]: the corpus's entity registry (`entities.ron`)
//! - [`facts`]: the facts table (person, role, country, initiatives)
//! - [`formats`]: other tools' formats, read and exported
//! - [`suggest`]: the suggesters (learned terms, gazetteer, an extractor)
//! - [`settings`]: the folder's `newsmark.ron`
//! - [`stats`]: review counts, extractor quality, corpus figures
//! - [`plural`]: counted nouns in messages
//! - [`team`]: annotators' files, their agreement, the git merge driver
//! - [`cli`]: the command line's subcommands

pub mod cli;
pub mod corpus;
pub mod entities;
pub mod facts;
pub mod formats;
pub mod journal;
pub mod model;
pub mod plural;
pub mod session;
pub mod settings;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod team;
