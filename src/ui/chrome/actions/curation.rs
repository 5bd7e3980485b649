//! The actions of teams: the agreement panel and curating a document into
//! the gold. The take keys are Alt+1 … Alt+9 (the label hotkeys are 1–9
//! without a modifier, so curation never shadows them).

use egui::Key;

use super::{ALT, Action, Binding, CMD_SHIFT, Menu, NONE, SHIFT, Scope, item, key, keys_only};
use crate::ui::Command;

/// The agreement panel and curation.
pub static CURATION: &[Action] = &[
    Action {
        keys: "Ctrl+Shift+A",
        does: "show or hide the annotators' agreement",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::ToggleAgreement,
            shortcuts: &[key(CMD_SHIFT, Key::A)],
            menu: item(
                Menu::View,
                20,
                "Agreement",
                "The agreement of the folder's annotators (X.NAME.ron) and its documents by disagreement",
            ),
        }],
    },
    Action {
        keys: "F8 / Shift+F8",
        does: "in curation: next / previous disagreement",
        scope: Scope::Window,
        bindings: &[
            Binding {
                command: Command::NextDisagreement,
                shortcuts: &[key(NONE, Key::F8)],
                menu: item(
                    Menu::Go,
                    20,
                    "Next disagreement",
                    "In curation: select the next place the annotators disagree on",
                ),
            },
            Binding {
                command: Command::PrevDisagreement,
                shortcuts: &[key(SHIFT, Key::F8)],
                menu: item(
                    Menu::Go,
                    21,
                    "Previous disagreement",
                    "In curation: select the previous place the annotators disagree on",
                ),
            },
        ],
    },
    Action {
        keys: "Alt+1–9",
        does: "in curation: take annotator 1–9's version",
        scope: Scope::Window,
        bindings: &[
            keys_only(Command::TakeVersion(0), &[key(ALT, Key::Num1)]),
            keys_only(Command::TakeVersion(1), &[key(ALT, Key::Num2)]),
            keys_only(Command::TakeVersion(2), &[key(ALT, Key::Num3)]),
            keys_only(Command::TakeVersion(3), &[key(ALT, Key::Num4)]),
            keys_only(Command::TakeVersion(4), &[key(ALT, Key::Num5)]),
            keys_only(Command::TakeVersion(5), &[key(ALT, Key::Num6)]),
            keys_only(Command::TakeVersion(6), &[key(ALT, Key::Num7)]),
            keys_only(Command::TakeVersion(7), &[key(ALT, Key::Num8)]),
            keys_only(Command::TakeVersion(8), &[key(ALT, Key::Num9)]),
        ],
    },
    Action {
        keys: "Alt+X",
        does: "in curation: reject all versions",
        scope: Scope::Window,
        bindings: &[Binding {
            command: Command::RejectVersions,
            shortcuts: &[key(ALT, Key::X)],
            menu: item(
                Menu::Review,
                20,
                "Reject all versions",
                "In curation: the gold holds nothing where the annotators disagree",
            ),
        }],
    },
];
