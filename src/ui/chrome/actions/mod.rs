//! Every action of the window, written once: the keys and what they do (the
//! F1 help and the README's table are made from this), the commands the
//! keys and menu items run, and where each sits in the menus.
//!
//! The window-wide shortcuts ([`window_command`]) and the prompts' keys
//! ([`prompt_command`]) are matched from this table; the text view's keys
//! are matched where they are handled (they depend on the caret and the
//! selected span), and tests check that they run the commands written
//! here.

mod curation; // the agreement panel and curation (teams)
mod entities; // entity links, the facts table
mod prompts; // the prompts' keys
mod relations; // linking spans, arcs
mod text; // the text view's keys and the mouse
mod window; // the window-wide shortcuts and menu items

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::ui::Command;
use crate::ui::prompts::{PromptAnswer, PromptKind};

/// Where an action's keys work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the window (unless a prompt is showing).
    Window,
    /// In the text of the open document (not while typing in a field).
    Text,
    /// With the mouse, in the text.
    Pointer,
    /// While a link is being made (after Ctrl+L): these keys pick the
    /// other span and the type, and no other key of the text works.
    Linking,
    /// While this prompt is showing (it takes the keyboard: no other key
    /// works meanwhile).
    Prompt(PromptKind),
}

/// The menus of the menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    /// File.
    File,
    /// Edit.
    Edit,
    /// Go.
    Go,
    /// Review.
    Review,
    /// View.
    View,
    /// Help.
    Help,
}

/// A menu item: where it is, what it says, its tooltip.
#[derive(Clone, Copy, Debug)]
pub struct MenuItem {
    /// The menu it is in.
    pub menu: Menu,
    /// Its place among the menu's items from this table (first: 0).
    pub at: u8,
    /// Its text.
    pub name: &'static str,
    /// Its tooltip.
    pub tooltip: &'static str,
}

/// One command of an action: its keys and its menu item.
#[derive(Debug)]
pub struct Binding {
    /// What it runs.
    pub command: Command,
    /// The keys that run it (the first is shown in its menu item).
    pub shortcuts: &'static [KeyboardShortcut],
    /// Its menu item, if it has one.
    pub menu: Option<MenuItem>,
}

/// One line of the F1 help and of the README's table.
#[derive(Debug)]
pub struct Action {
    /// The keys (or mouse gestures), as the help writes them.
    pub keys: &'static str,
    /// What they do.
    pub does: &'static str,
    /// Where they work.
    pub scope: Scope,
    /// The commands they run (none for caret motion, the mouse and the
    /// label hotkeys, which the text view handles itself).
    pub bindings: &'static [Binding],
}

pub(super) const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

pub(super) const NONE: Modifiers = Modifiers::NONE;
pub(super) const SHIFT: Modifiers = Modifiers::SHIFT;
pub(super) const ALT: Modifiers = Modifiers::ALT;
pub(super) const CMD: Modifiers = Modifiers::COMMAND;
pub(super) const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

pub(super) const fn item(
    menu: Menu,
    at: u8,
    name: &'static str,
    tooltip: &'static str,
) -> Option<MenuItem> {
    Some(MenuItem {
        menu,
        at,
        name,
        tooltip,
    })
}

/// A binding without a menu item.
pub(super) const fn keys_only(command: Command, shortcuts: &'static [KeyboardShortcut]) -> Binding {
    Binding {
        command,
        shortcuts,
        menu: None,
    }
}

/// A help line for what the text view or the mouse does by itself.
pub(super) const fn built_in(keys: &'static str, does: &'static str, scope: Scope) -> Action {
    Action {
        keys,
        does,
        scope,
        bindings: &[],
    }
}

/// Every action, in the order of the F1 help.
pub static ACTIONS: [&[Action]; 8] = [
    text::SELECTING,
    relations::RELATIONS,
    entities::ENTITIES,
    window::PANELS,
    curation::CURATION,
    text::MOTION,
    window::FILES,
    prompts::PROMPTS,
];

/// Every action, in order.
fn all() -> impl Iterator<Item = &'static Action> {
    ACTIONS.iter().flat_map(|group| group.iter())
}

/// The F1 help: each action's keys and what they do.
pub fn shortcut_help() -> impl Iterator<Item = (&'static str, &'static str)> {
    all().map(|a| (a.keys, a.does))
}

/// Every binding with the scope of its action.
fn bindings() -> impl Iterator<Item = (Scope, &'static Binding)> {
    all().flat_map(|a| a.bindings.iter().map(move |b| (a.scope, b)))
}

/// The binding that runs `command`.
pub fn binding(command: &Command) -> Option<&'static Binding> {
    bindings().map(|(_, b)| b).find(|b| b.command == *command)
}

/// The menu item of `command` and the shortcut it shows.
pub fn menu_item(command: &Command) -> Option<(MenuItem, Option<KeyboardShortcut>)> {
    binding(command).and_then(|b| Some((b.menu?, b.shortcuts.first().copied())))
}

/// The items of `menu` that come from the table, in their order there.
pub fn menu_items(menu: Menu) -> Vec<(Scope, &'static Binding, MenuItem)> {
    let mut items: Vec<_> = bindings()
        .filter_map(|(scope, b)| Some((scope, b, b.menu?)))
        .filter(|(_, _, item)| item.menu == menu)
        .collect();
    items.sort_by_key(|(_, _, item)| item.at);
    items
}

/// The window-wide command `key` with `mods` runs, if any.
pub fn window_command(key: Key, mods: Modifiers) -> Option<Command> {
    command_in(Scope::Window, key, mods)
}

/// The command of `scope` that `key` with exactly `mods` runs, if any.
fn command_in(scope: Scope, key: Key, mods: Modifiers) -> Option<Command> {
    bindings()
        .filter(|(s, _)| *s == scope)
        .find(|(_, b)| {
            b.shortcuts
                .iter()
                .any(|s| s.logical_key == key && mods.matches_exact(s.modifiers))
        })
        .map(|(_, b)| b.command.clone())
}

/// The command `key` with `mods` runs while a link is being made, if any
/// (digits and the types' hotkeys are read by the text view's keys).
pub fn linking_command(key: Key, mods: Modifiers) -> Option<Command> {
    command_in(Scope::Linking, key, mods)
}

/// The command `key` with `mods` runs while the prompt `kind` shows (its
/// answer), if any.
pub fn prompt_command(kind: PromptKind, key: Key, mods: Modifiers) -> Option<Command> {
    let any_modifiers = prompts::takes_modified_keys(kind);
    bindings()
        .filter(|(scope, _)| *scope == Scope::Prompt(kind))
        .find(|(_, b)| {
            b.shortcuts
                .iter()
                .any(|s| s.logical_key == key && (any_modifiers || mods.matches_exact(s.modifiers)))
        })
        .map(|(_, b)| b.command.clone())
}

/// The key that gives `answer`, as its button shows it: `S`, `Esc`.
pub fn answer_key(answer: PromptAnswer) -> String {
    shortcut(&Command::Answer(answer))
        .map(|s| text_key_name(&s))
        .unwrap_or_default()
}

/// A text-view key as its menu item shows it: `Del`, `Shift+Tab`, `Esc`.
pub fn text_key_name(shortcut: &KeyboardShortcut) -> String {
    let name = match shortcut.logical_key {
        Key::Delete => "Del",
        Key::Escape => "Esc",
        other => other.name(),
    };
    if shortcut.modifiers.shift {
        format!("Shift+{name}")
    } else {
        name.to_owned()
    }
}

/// The first shortcut of `command`.
pub fn shortcut(command: &Command) -> Option<KeyboardShortcut> {
    binding(command).and_then(|b| b.shortcuts.first().copied())
}

#[cfg(test)]
mod tests;
