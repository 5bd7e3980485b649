//! The core's integration tests, in one test binary: the model and RON
//! properties, files on disk, imports, exports, suggesters, re-anchoring,
//! crash safety and the command line (run as the real `newsmark` binary).
//!
//! They see the core crate, `newsmark-core`, under the name `newsmark` (the
//! paths a user of the library writes), so this binary links no egui: it
//! builds and links in a fraction of the GUI tests' time and disk. One binary
//! instead of one per file: each link is paid once.
//! `cargo test --test core NAME` runs the tests whose path contains NAME
//! (a file's tests: `cargo test --test core reanchor_bench::`).

#![allow(clippy::unwrap_used)]

extern crate newsmark_core as newsmark;

/// `tests/common` without its GUI helpers (which need egui).
#[path = "../common"]
#[allow(dead_code, unused_imports)]
mod common {
    pub mod corpora;
    pub mod edits;
    pub mod files;
    pub mod news_edits;
    pub mod props;
}

mod agree_cli;
mod bad_input;
mod bad_input_encoding;
mod bad_input_large;
mod brat_round_trip;
mod cli;
mod corpus_boundary;
mod corpus_figures;
mod crash_safety;
mod disk_change;
mod exit_codes;
mod export_cli;
mod export_formats;
mod export_roundtrip;
mod fast_ron_props;
mod fuzz_bounded;
mod fuzz_regressions;
mod import_checks;
mod import_formats;
mod journal;
mod journal_background;
mod jsonl_repeats;
mod merge_driver;
mod model_props;
mod reanchor_bench;
mod reanchor_cases;
mod reanchor_cli;
mod reanchor_session;
mod reanchor_suite;
mod relations;
mod ron_props;
mod store_files;
mod suggest_core;
mod suggest_external;
mod team_files;
mod validate_cli;
mod validate_core;
