//! Relations: linking two spans from the keyboard (or the mouse) and
//! showing the arcs.

use egui::Key;

use super::{Action, Binding, Menu, Scope, built_in, item, key};
use super::{CMD, CMD_SHIFT, NONE, SHIFT};
use crate::ui::Command;

/// Linking spans and showing relations.
pub static RELATIONS: &[Action] = &[
    Action {
        keys: "Ctrl+L",
        does: "link the selected span: numbers show the spans in view a relation type can join to it",
        scope: Scope::Text,
        bindings: &[Binding {
            command: Command::StartLink,
            shortcuts: &[key(CMD, Key::L)],
            menu: item(
                Menu::Edit,
                6,
                "Link span…",
                "Make a relation from the selected span: pick the other span by its number, then the type",
            ),
        }],
    },
    built_in(
        "1–9 (while linking)",
        "pick the span showing that number (past 9, type both digits)",
        Scope::Linking,
    ),
    Action {
        keys: "Tab / Shift+Tab (while linking)",
        does: "highlight the next / previous numbered span",
        scope: Scope::Linking,
        bindings: &[
            Binding {
                command: Command::LinkCycle { forward: true },
                shortcuts: &[key(NONE, Key::Tab)],
                menu: None,
            },
            Binding {
                command: Command::LinkCycle { forward: false },
                shortcuts: &[key(SHIFT, Key::Tab)],
                menu: None,
            },
        ],
    },
    Action {
        keys: "Enter (while linking)",
        does: "pick the highlighted span",
        scope: Scope::Linking,
        bindings: &[Binding {
            command: Command::LinkConfirm,
            shortcuts: &[key(NONE, Key::Enter)],
            menu: None,
        }],
    },
    built_in(
        "Click a numbered span (while linking)",
        "pick it",
        Scope::Pointer,
    ),
    built_in(
        "H O T (while linking)",
        "the relation type: holds, of, party_to (asked only when more than one fits)",
        Scope::Linking,
    ),
    Action {
        keys: "Esc (while linking)",
        does: "stop linking",
        scope: Scope::Linking,
        bindings: &[Binding {
            command: Command::CancelLink,
            shortcuts: &[key(NONE, Key::Escape)],
            menu: None,
        }],
    },
    Action {
        keys: "Ctrl+J",
        does: "go to the other end of the selected relation, or to the span off screen a stub of the selected span leads to",
        scope: Scope::Text,
        bindings: &[Binding {
            command: Command::JumpToOtherEnd,
            shortcuts: &[key(CMD, Key::J)],
            menu: item(
                Menu::Go,
                3,
                "Other end of the relation",
                "Scroll to the other end of the selected relation, or select the span off screen that a stub of the selected span leads to",
            ),
        }],
    },
    Action {
        keys: "Ctrl+Shift+L",
        does: "draw the arcs of every relation in view (else the selected span's and the pointed one's)",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::ToggleArcs,
            shortcuts: &[key(CMD_SHIFT, Key::L)],
            menu: item(
                Menu::View,
                4,
                "All relation arcs",
                "Draw every relation in view as an arc (else only the selected span's and the one under the pointer)",
            ),
        }],
    },
];
