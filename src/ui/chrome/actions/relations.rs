//! Relations: linking two spans from the keyboard (or the mouse) and
//! showing the arcs.

use egui::Key;

use super::{ALT, Action, Binding, Menu, Scope, built_in, item, key};
use super::{CMD, CMD_SHIFT, NONE, SHIFT};
use crate::ui::Command;

/// Linking spans and showing relations.
pub static RELATIONS: &[Action] = &[
    Action {
        keys: "Ctrl+L / drag a tag onto a span",
        does: "link the selected span / link the two spans",
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
    Action {
        keys: "1–9 / Tab / Shift+Tab / Enter (linking)",
        does: "pick a number or click / next / back / pick",
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
            Binding {
                command: Command::LinkConfirm,
                shortcuts: &[key(NONE, Key::Enter)],
                menu: None,
            },
        ],
    },
    built_in(
        "Page Up / Page Down (linking)",
        "move a screen: the numbers follow the view",
        Scope::Linking,
    ),
    Action {
        keys: "H O T / Esc (linking)",
        does: "the relation type (if several fit) / stop",
        scope: Scope::Linking,
        bindings: &[Binding {
            command: Command::CancelLink,
            shortcuts: &[key(NONE, Key::Escape)],
            menu: None,
        }],
    },
    Action {
        keys: "Alt+Down / Alt+Up",
        does: "select the selected span's next / previous relation",
        scope: Scope::Text,
        bindings: &[
            Binding {
                command: Command::StepRelation { forward: true },
                shortcuts: &[key(ALT, Key::ArrowDown)],
                menu: item(
                    Menu::Go,
                    5,
                    "Next relation of the span",
                    "Select the next relation of the selected span (its ends scrolled into view); again for the one after",
                ),
            },
            Binding {
                command: Command::StepRelation { forward: false },
                shortcuts: &[key(ALT, Key::ArrowUp)],
                menu: None,
            },
        ],
    },
    built_in(
        "H O T (a relation selected)",
        "give the selected relation that type",
        Scope::Text,
    ),
    Action {
        keys: "Ctrl+J / Ctrl+Shift+L",
        does: "jump to a relation's far end / all arcs in view",
        scope: Scope::Window,
        bindings: &[
            Binding {
                command: Command::JumpToOtherEnd,
                shortcuts: &[key(CMD, Key::J)],
                menu: item(
                    Menu::Go,
                    3,
                    "Other end of the relation",
                    "Scroll to the other end of the selected relation, or select the span off screen that a stub of the selected span leads to",
                ),
            },
            Binding {
                command: Command::ToggleArcs,
                shortcuts: &[key(CMD_SHIFT, Key::L)],
                menu: item(
                    Menu::View,
                    4,
                    "All relation arcs",
                    "Draw every relation in view as an arc (else only the selected span's and the one under the pointer)",
                ),
            },
        ],
    },
];
