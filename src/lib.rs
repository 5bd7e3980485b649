//! newsmark: label spans of news articles (person, role, country,
//! initiative) and save them as RON beside each article.
//!
//! The core ([`model`], [`store`], [`session`], [`corpus`], …) knows nothing
//! of egui: it is the `newsmark-core` crate (`src/newsmark_core.rs`),
//! re-exported here under the same paths. [`ui`] is the desktop front end
//! over it, the command line ([`cli`]) the other.

pub use newsmark_core::{
    cli, corpus, entities, facts, formats, journal, model, plural, session, settings, stats, store,
    suggest, team,
};

pub mod ui;
