//! The window's chrome: what surrounds the document.
//!
//! - `actions.rs`: every action (keys, help text, command, menu place): the F1 help, the menus, the window shortcuts and the README table come from it
//! - `menus.rs`: the menu bar (File, Edit, Go, Review, View, Label, Help)

pub mod actions;
pub mod menus;
