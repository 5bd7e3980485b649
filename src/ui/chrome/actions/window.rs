//! The window's actions: panels, documents, suggesters, files, history.

use egui::Key;

use super::{Action, Binding, Menu, Scope, item, key, keys_only};
use super::{CMD, CMD_SHIFT, NONE};
use crate::ui::Command;

/// Panels, search, documents and suggesters.
pub static PANELS: &[Action] = &[
    Action {
        keys: "Ctrl+H",
        does: "show or hide rejected suggestions",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::ToggleRejected,
            shortcuts: &[key(CMD, Key::H)],
            menu: item(
                Menu::View,
                0,
                "Show rejected suggestions",
                "Show rejected suggestions, struck through, in the text",
            ),
        }],
    },
    Action {
        keys: "Ctrl+F",
        does: "find (Enter / Shift+Enter: next / previous hit; Esc: close)",
        scope: Scope::Window,
        bindings: &[keys_only(Command::OpenSearch, &[key(CMD, Key::F)])],
    },
    Action {
        keys: "Ctrl+Page Down / Ctrl+Page Up",
        does: "next / previous document (saves first)",
        scope: Scope::Window,
        bindings: &[
            Binding {
                command: Command::NextDocument,
                shortcuts: &[key(CMD, Key::PageDown)],
                menu: item(
                    Menu::Go,
                    0,
                    "Next document",
                    "Save this article and open the next one in the folder",
                ),
            },
            Binding {
                command: Command::PrevDocument,
                shortcuts: &[key(CMD, Key::PageUp)],
                menu: item(
                    Menu::Go,
                    1,
                    "Previous document",
                    "Save this article and open the previous one in the folder",
                ),
            },
        ],
    },
    Action {
        keys: "Ctrl+Enter",
        does: "mark done, save, next (asks if any pending)",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::MarkDone,
            shortcuts: &[key(CMD, Key::Enter)],
            menu: item(
                Menu::Go,
                2,
                "Mark done and go to the next",
                "Record in the annotation file that this article is done, save, and move on",
            ),
        }],
    },
    Action {
        keys: "Ctrl+D",
        does: "show or hide the document list",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::ToggleDocuments,
            shortcuts: &[key(CMD, Key::D)],
            menu: item(
                Menu::View,
                2,
                "Document list",
                "The folder's articles with their status and counts, on the left",
            ),
        }],
    },
    Action {
        keys: "Ctrl+T / Ctrl+Shift+F",
        does: "the folder's statistics / facts table",
        scope: Scope::Window,
        bindings: &[
            Binding {
                command: Command::ToggleStatistics,
                shortcuts: &[key(CMD, Key::T)],
                menu: item(
                    Menu::View,
                    3,
                    "Statistics",
                    "Label counts and their distribution over the folder",
                ),
            },
            super::entities::FACTS,
        ],
    },
    Action {
        keys: "Ctrl+E / Ctrl+Shift+E",
        does: "suggest in this document / in all",
        scope: Scope::Window,
        bindings: &[
            Binding {
                command: Command::Suggest { all: false },
                shortcuts: &[key(CMD, Key::E)],
                menu: item(
                    Menu::Review,
                    0,
                    "Suggest for this document",
                    "Run the suggesters (gazetteer, learned terms, extractor) on this article",
                ),
            },
            Binding {
                command: Command::Suggest { all: true },
                shortcuts: &[key(CMD_SHIFT, Key::E)],
                menu: item(
                    Menu::Review,
                    1,
                    "Suggest for all documents",
                    "Run the suggesters on every article of the folder, in the background",
                ),
            },
        ],
    },
    Action {
        keys: "Ctrl+R",
        does: "show or hide the review panel",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::ToggleReview,
            shortcuts: &[key(CMD, Key::R)],
            menu: item(
                Menu::View,
                1,
                "Review panel",
                "Suggestions to review, grouped and filterable, on the left",
            ),
        }],
    },
];

/// Files, history, quitting and the help.
pub static FILES: &[Action] = &[
    Action {
        keys: "Ctrl+Z",
        does: "undo",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::Undo,
            shortcuts: &[key(CMD, Key::Z)],
            menu: item(
                Menu::Edit,
                0,
                "Undo",
                "Take back the last change to the annotations",
            ),
        }],
    },
    Action {
        keys: "Ctrl+Shift+Z / Ctrl+Y",
        does: "redo",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::Redo,
            shortcuts: &[key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
            menu: item(Menu::Edit, 1, "Redo", "Make again the change last undone"),
        }],
    },
    Action {
        keys: "Ctrl+S",
        does: "save",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::Save,
            shortcuts: &[key(CMD, Key::S)],
            menu: item(
                Menu::File,
                1,
                "Save",
                "Write the annotations beside the article (atomically)",
            ),
        }],
    },
    Action {
        keys: "Ctrl+Shift+S",
        does: "save as…",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::SaveAsDialog,
            shortcuts: &[key(CMD_SHIFT, Key::S)],
            menu: item(
                Menu::File,
                2,
                "Save As…",
                "Write the annotations to another file",
            ),
        }],
    },
    Action {
        keys: "Ctrl+Shift+B",
        does: "back up a broken annotation file, then save over it",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::BackUpAndOverwrite,
            shortcuts: &[key(CMD_SHIFT, Key::B)],
            menu: item(
                Menu::File,
                3,
                "Back up and overwrite",
                "Only when the annotation file could not be read: keep a copy of it, then save over it",
            ),
        }],
    },
    Action {
        keys: "Ctrl+O",
        does: "open an article",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::OpenDialog,
            shortcuts: &[key(CMD, Key::O)],
            menu: item(
                Menu::File,
                0,
                "Open…",
                "Open an article (.txt) or a folder of articles",
            ),
        }],
    },
    Action {
        keys: "Ctrl+Q",
        does: "quit",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::Quit,
            shortcuts: &[key(CMD, Key::Q)],
            menu: item(
                Menu::File,
                4,
                "Quit",
                "Close newsmark (asks first if anything is unsaved)",
            ),
        }],
    },
    Action {
        keys: "F1",
        does: "show or hide this list",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::ToggleShortcuts,
            shortcuts: &[key(NONE, Key::F1)],
            menu: item(
                Menu::Help,
                0,
                "Keyboard shortcuts",
                "List every keyboard shortcut (F1)",
            ),
        }],
    },
];
