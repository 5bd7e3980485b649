//! Entities and facts: linking the selected span to the entity picked in
//! the Entities tab, and the facts table (its line of the help is the
//! statistics' one, in `window.rs`).

use egui::Key;

use super::{Action, Binding, CMD, CMD_SHIFT, Menu, Scope, item, key};
use crate::ui::Command;

/// Entity links.
pub static ENTITIES: &[Action] = &[Action {
    keys: "Ctrl+K / Ctrl+Shift+K",
    does: "link span to the picked entity / unlink",
    scope: Scope::Window,
    bindings: &[
        Binding {
            command: Command::LinkEntity,
            shortcuts: &[key(CMD, Key::K)],
            menu: item(
                Menu::Edit,
                7,
                "Link span to entity",
                "Link the selected span to the entity picked in the Entities tab of the right panel",
            ),
        },
        Binding {
            command: Command::UnlinkEntity,
            shortcuts: &[key(CMD_SHIFT, Key::K)],
            menu: item(
                Menu::Edit,
                8,
                "Unlink span",
                "Remove the selected span's entity link",
            ),
        },
    ],
}];

/// The facts table's binding (on the statistics' line of the help).
pub(super) const FACTS: Binding = Binding {
    command: Command::ToggleFacts,
    shortcuts: &[key(CMD_SHIFT, Key::F)],
    menu: item(
        Menu::View,
        5,
        "Facts table",
        "One row per person — role — country of the folder, sortable and filterable; a row goes to its evidence",
    ),
};
