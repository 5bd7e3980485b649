//! newsmark: label spans of news articles (person, role, country,
//! initiative) and save them as RON beside each article.
//!
//! The core ([`model`], [`store`], [`session`], [`corpus`]) knows nothing of
//! egui; [`ui`] is the desktop front end over it.

pub mod cli;
pub mod corpus;
pub mod formats;
pub mod journal;
pub mod model;
pub mod plural;
pub mod session;
pub mod settings;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod ui;
