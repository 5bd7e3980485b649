//! The text view's actions: selecting, tagging, reviewing, moving the
//! caret.

use egui::Key;

use super::{Action, Binding, Menu, Scope, built_in, item, key};
use super::{NONE, SHIFT};
use crate::ui::Command;

/// Selecting, tagging, reviewing and moving a span's edges.
pub static SELECTING: &[Action] = &[
    built_in(
        "Drag",
        "select text, snapped to whole words",
        Scope::Pointer,
    ),
    built_in("Alt + drag", "select exact characters", Scope::Pointer),
    built_in("Double-click", "select a word", Scope::Pointer),
    built_in(
        "Click a span or its tag",
        "select it (again: the enclosing span)",
        Scope::Pointer,
    ),
    built_in(
        "1–4 or P R C I",
        "tag the selection, or relabel the span",
        Scope::Text,
    ),
    Action {
        keys: "Delete / Backspace",
        does: "delete the selected span or relation",
        scope: Scope::Text,
        bindings: &[Binding {
            command: Command::DeleteSpan,
            shortcuts: &[key(NONE, Key::Delete), key(NONE, Key::Backspace)],
            menu: item(
                Menu::Edit,
                2,
                "Delete span",
                "Remove the selected span (click a span first)",
            ),
        }],
    },
    Action {
        keys: "Tab / Shift+Tab",
        does: "select the next / previous span",
        scope: Scope::Text,
        bindings: &[
            Binding {
                command: Command::NextSpan,
                shortcuts: &[key(NONE, Key::Tab)],
                menu: item(
                    Menu::Edit,
                    3,
                    "Next span",
                    "Select the next span in the text",
                ),
            },
            Binding {
                command: Command::PrevSpan,
                shortcuts: &[key(SHIFT, Key::Tab)],
                menu: item(
                    Menu::Edit,
                    4,
                    "Previous span",
                    "Select the previous span in the text",
                ),
            },
        ],
    },
    Action {
        keys: "Esc",
        does: "clear the selection",
        scope: Scope::Text,
        bindings: &[Binding {
            command: Command::ClearSelection,
            shortcuts: &[key(NONE, Key::Escape)],
            menu: item(
                Menu::Edit,
                5,
                "Clear selection",
                "Deselect the text and the span",
            ),
        }],
    },
    Action {
        keys: "N / Shift+N",
        does: "select the next / previous pending suggestion",
        scope: Scope::Text,
        bindings: &[
            Binding {
                command: Command::NextPending,
                shortcuts: &[key(NONE, Key::N)],
                menu: item(
                    Menu::Review,
                    2,
                    "Next pending",
                    "Select the next suggestion still to review",
                ),
            },
            Binding {
                command: Command::PrevPending,
                shortcuts: &[key(SHIFT, Key::N)],
                menu: item(
                    Menu::Review,
                    3,
                    "Previous pending",
                    "Select the previous suggestion still to review",
                ),
            },
        ],
    },
    Action {
        keys: "A or Enter",
        does: "accept the selected suggestion, go to the next",
        scope: Scope::Text,
        bindings: &[Binding {
            command: Command::Accept,
            shortcuts: &[key(NONE, Key::A), key(NONE, Key::Enter)],
            menu: item(Menu::Review, 4, "Accept", "Accept the selected suggestion"),
        }],
    },
    Action {
        keys: "X",
        does: "reject the selected suggestion, go to the next",
        scope: Scope::Text,
        bindings: &[Binding {
            command: Command::Reject,
            shortcuts: &[key(NONE, Key::X)],
            menu: item(
                Menu::Review,
                5,
                "Reject",
                "Reject the selected suggestion (kept, hidden unless shown)",
            ),
        }],
    },
    built_in(
        "Shift+Left / Shift+Right",
        "with a span selected: move its end",
        Scope::Text,
    ),
    built_in(
        "Alt+Shift+Left / Alt+Shift+Right",
        "with a span selected: move its start",
        Scope::Text,
    ),
    built_in(
        "Ctrl + those",
        "move that edge by word (onto a word, never a space)",
        Scope::Text,
    ),
];

/// Moving the caret.
pub static MOTION: &[Action] = &[
    built_in(
        "Left Right Up Down",
        "move the caret (by character, or row keeping its column)",
        Scope::Text,
    ),
    built_in("Ctrl+Left / Ctrl+Right", "move by word", Scope::Text),
    built_in(
        "Shift + any motion",
        "extend the selection (tagging snaps it to words)",
        Scope::Text,
    ),
    built_in(
        "Alt+Shift + any motion",
        "extend the selection by exact characters",
        Scope::Text,
    ),
    built_in("Home / End", "start / end of the row", Scope::Text),
    built_in(
        "Ctrl+Home / Ctrl+End",
        "start / end of the article",
        Scope::Text,
    ),
    built_in("Page Up / Page Down", "move a screen", Scope::Text),
];
