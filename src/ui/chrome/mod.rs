//! The window's chrome: what surrounds the document. A menu item's action
//! is in `actions/` (its command) and `../apply*.rs` (what the command does).
//!
//! - `actions/`: every action (keys, help text, command, menu place); the F1 help, the menus, the window shortcuts, the prompts' keys and the README table come from it
//! - `banner.rs`: the warning across the top (annotation file problems, orphaned spans)
//! - `empty.rs`: the window with no article open
//! - `help.rs`: the F1 help window
//! - `menus.rs`: the menu bar (File, Edit, Go, Review, View, Label, Help)
//! - `status_bar.rs`: counts, selection, save state, background work, the last message

pub mod actions;
pub mod banner;
pub mod empty;
pub mod help;
pub mod menus;
pub mod status_bar;
