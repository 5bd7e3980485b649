//! The GUI tests, in one test binary: each drives the real app through
//! `egui_kittest` (pointer and key events), then checks the model and the
//! files on disk.
//!
//! They share one binary because each GUI test binary links all of egui and
//! wgpu: fourteen of them took 1.3 GB of disk and fourteen links.

#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod annotate;
mod annotator;
mod approval;
mod arcs;
mod bad_input;
mod boundary;
mod cancel;
mod corpus;
mod curation;
mod curation_relations;
mod desktop;
mod disk_change;
mod entities;
mod entity_counts;
mod facts;
mod flood;
mod frame_latency;
mod keyboard;
mod link_bulk;
mod link_review;
mod link_status;
mod look;
mod messages;
mod occurrences_long;
mod orphans;
mod recovery;
mod relation_bulk;
mod relation_keys;
mod relation_list;
mod relation_review;
mod relations;
mod review;
mod review_bulk;
mod review_relation_filter;
mod rtl;
mod rtl_lists;
mod stats_window;
mod status;
mod suggest;
mod suggest_follow_ups;
