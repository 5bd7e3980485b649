//! Helpers shared by the integration tests.

#![allow(dead_code, unused_imports)]

pub mod corpora;
pub mod edits;
pub mod files;
pub mod gui;
pub mod news_edits;
pub mod props;
