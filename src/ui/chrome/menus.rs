//! The menu bar. Every item shows its shortcut and explains itself in a
//! tooltip (also when it is disabled, saying what it needs).

use egui::{KeyboardShortcut, RichText, Ui};

use super::actions::{self, Binding, Menu, MenuItem, Scope};
use crate::ui::app::{LeftTab, NewsmarkApp};
use crate::ui::{Command, style};

/// How a menu item's shortcut is shown.
enum Keys {
    None,
    /// A shortcut egui formats for the platform (`Ctrl+S`, `⌘S`).
    Shortcut(KeyboardShortcut),
    /// A plain key handled by the text view (`Del`, `N`).
    Text(String),
}

/// Adds a menu button; true when clicked.
fn item(ui: &mut Ui, label: &str, keys: Keys, enabled: bool, hint: &str) -> bool {
    let mut button = egui::Button::new(label);
    match keys {
        Keys::None => {}
        Keys::Shortcut(s) => button = button.shortcut_text(ui.ctx().format_shortcut(&s)),
        Keys::Text(text) => button = button.shortcut_text(text),
    }
    ui.add_enabled(enabled, button)
        .on_hover_text(hint)
        .on_disabled_hover_text(hint)
        .clicked()
}

/// The menu item of `command` from the action table (its text, tooltip
/// and shortcut); `None` if the table gives it none.
fn table_item(command: &Command) -> Option<(MenuItem, Keys)> {
    let (item, shortcut) = actions::menu_item(command)?;
    Some((item, shortcut.map_or(Keys::None, Keys::Shortcut)))
}

/// How the menu item of `binding`, of an action in `scope`, shows its keys.
fn binding_keys(scope: Scope, binding: &Binding) -> Keys {
    match (scope, binding.shortcuts.first()) {
        (_, None) => Keys::None,
        (Scope::Window, Some(s)) => Keys::Shortcut(*s),
        // The text view's Ctrl keys (Ctrl+L), as egui writes them.
        (_, Some(s)) if s.modifiers.command => Keys::Shortcut(*s),
        (_, Some(s)) => Keys::Text(actions::text_key_name(s)),
    }
}

/// Adds the table's item for `command`, enabled or not, its tooltip made
/// by `hint`; pushes the command when clicked.
fn command_item(
    ui: &mut Ui,
    command: Command,
    enabled: bool,
    hint: impl FnOnce(&str) -> String,
    commands: &mut Vec<Command>,
) {
    let Some((found, keys)) = table_item(&command) else {
        return;
    };
    if item(ui, found.name, keys, enabled, &hint(found.tooltip)) {
        commands.push(command);
    }
}

/// The tooltip of an item that needs an open article, when there is none.
fn needs_doc(has_doc: bool, hint: &str) -> String {
    if has_doc {
        hint.to_owned()
    } else {
        format!("{hint} (open an article first)")
    }
}

/// The menu bar: File, Edit, Go, Review, View, Label, Help.
pub fn menu_bar(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(ui, app, commands));
            ui.menu_button("Edit", |ui| edit_menu(ui, app, commands));
            ui.menu_button("Go", |ui| go_menu(ui, app, commands));
            ui.menu_button("Review", |ui| review_menu(ui, app, commands));
            ui.menu_button("View", |ui| view_menu(ui, app, commands));
            ui.menu_button("Label", |ui| label_menu(ui, app, commands));
            ui.menu_button("Help", |ui| {
                command_item(ui, Command::ToggleShortcuts, true, str::to_owned, commands);
            });
        });
    });
}

fn file_menu(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let has_doc = app.doc.is_some();
    command_item(ui, Command::OpenDialog, true, str::to_owned, commands);
    ui.menu_button("Open Recent", |ui| recent_menu(ui, app, commands));
    ui.menu_button("Import into this folder", |ui| {
        for format in crate::formats::Format::ALL {
            let hint = needs_doc(
                has_doc,
                &format!(
                    "Read {} annotations as pending suggestions for this folder's articles",
                    format.name()
                ),
            );
            if item(ui, format.name(), Keys::None, has_doc, &hint) {
                commands.push(Command::ImportDialog(format));
            }
        }
    });
    ui.menu_button("Export this folder", |ui| {
        for format in crate::formats::export::ExportFormat::ALL {
            let hint = needs_doc(
                has_doc,
                &format!("Write this folder's accepted spans as {}", format.name()),
            );
            if item(ui, format.name(), Keys::None, has_doc, &hint) {
                commands.push(Command::ExportDialog(format));
            }
        }
    });
    ui.separator();
    for command in [Command::Save, Command::SaveAsDialog] {
        command_item(ui, command, has_doc, |h| needs_doc(has_doc, h), commands);
    }
    let blocked = app.session().is_some_and(|s| s.save_blocked().is_some());
    command_item(
        ui,
        Command::BackUpAndOverwrite,
        blocked,
        str::to_owned,
        commands,
    );
    ui.separator();
    command_item(ui, Command::Quit, true, str::to_owned, commands);
}

fn recent_menu(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    if app.persisted.recent.articles.is_empty() && app.persisted.recent.folders.is_empty() {
        ui.label("Nothing yet");
        return;
    }
    for path in &app.persisted.recent.articles {
        let name = crate::store::file_name(path);
        let folder = path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if item(
            ui,
            &name,
            Keys::None,
            true,
            &format!("Open {name} in {folder}"),
        ) {
            commands.push(Command::Open(path.clone()));
        }
    }
    if app.persisted.recent.folders.is_empty() {
        return;
    }
    ui.separator();
    ui.label(RichText::new("Folders").weak());
    for dir in &app.persisted.recent.folders {
        let name = format!("{}/", crate::store::file_name(dir));
        let hint = format!("Open the folder {} at its first article", dir.display());
        if item(ui, &name, Keys::None, true, &hint) {
            commands.push(Command::Open(dir.clone()));
        }
    }
}

fn edit_menu(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let session = app.session();
    let has_doc = session.is_some();
    let undo = session
        .and_then(|s| s.history().peek_undo())
        .map(|e| e.describe());
    let redo = session
        .and_then(|s| s.history().peek_redo())
        .map(|e| e.describe());
    for (command, described) in [(Command::Undo, undo), (Command::Redo, redo)] {
        let Some((found, keys)) = table_item(&command) else {
            continue;
        };
        let label = described
            .as_ref()
            .map_or_else(|| found.name.to_owned(), |d| format!("{} {d}", found.name));
        if item(ui, &label, keys, described.is_some(), found.tooltip) {
            commands.push(command);
        }
    }
    ui.separator();
    let span_selected = app.selected_span().is_some();
    for (scope, binding, found) in actions::menu_items(Menu::Edit) {
        let enabled = match binding.command {
            Command::Undo | Command::Redo => continue,
            Command::DeleteSpan | Command::StartLink => span_selected,
            _ => has_doc,
        };
        let keys = binding_keys(scope, binding);
        if item(ui, found.name, keys, enabled, found.tooltip) {
            commands.push(binding.command.clone());
        }
    }
}

fn go_menu(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let has_doc = app.doc.is_some();
    for (scope, binding, found) in actions::menu_items(Menu::Go) {
        let hint = needs_doc(has_doc, found.tooltip);
        let keys = binding_keys(scope, binding);
        if item(ui, found.name, keys, has_doc, &hint) {
            commands.push(binding.command.clone());
        }
    }
}

fn review_menu(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let has_doc = app.doc.is_some();
    let mut separated = false;
    for (scope, binding, found) in actions::menu_items(Menu::Review) {
        let keys = binding_keys(scope, binding);
        let (hint, enabled) = if matches!(binding.command, Command::Suggest { .. }) {
            let hint = if app.background.suggest.is_some() {
                format!("{} (suggestions are already being made)", found.tooltip)
            } else {
                needs_doc(has_doc, found.tooltip)
            };
            (hint, has_doc && app.background.suggest.is_none())
        } else {
            if !separated {
                ui.separator();
                separated = true;
            }
            (needs_doc(has_doc, found.tooltip), has_doc)
        };
        if item(ui, found.name, keys, enabled, &hint) {
            commands.push(binding.command.clone());
        }
    }
}

fn view_menu(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let has_doc = app.doc.is_some();
    ui.menu_button("Theme", |ui| {
        let mut theme = ui.ctx().options(|o| o.theme_preference);
        let before = theme;
        for (value, label, hint) in [
            (
                egui::ThemePreference::System,
                "Follow the system",
                "Light or dark as the desktop is (the default)",
            ),
            (egui::ThemePreference::Light, "Light", "Always light"),
            (egui::ThemePreference::Dark, "Dark", "Always dark"),
        ] {
            ui.selectable_value(&mut theme, value, label)
                .on_hover_text(hint);
        }
        if theme != before {
            ui.ctx().set_theme(theme);
        }
    });
    ui.label("Zoom: Ctrl+Plus / Ctrl+Minus / Ctrl+0")
        .on_hover_text("Zoom, theme, window and panel sizes are kept between runs");
    ui.separator();
    let rejected = app.view().is_some_and(|v| v.show_rejected);
    let all_arcs = app.view().is_some_and(|v| v.show_all_arcs);
    for (_, binding, found) in actions::menu_items(Menu::View) {
        let on = match binding.command {
            Command::ToggleRejected => rejected,
            Command::ToggleReview => app.layout.left == Some(LeftTab::Review),
            Command::ToggleDocuments => app.layout.left == Some(LeftTab::Documents),
            Command::ToggleStatistics => app.layout.show_statistics,
            Command::ToggleArcs => all_arcs,
            Command::ToggleAgreement => app.folder.as_ref().is_some_and(|f| f.agreement.open),
            Command::ToggleFacts => app.folder.as_ref().is_some_and(|f| f.facts.open),
            _ => false,
        };
        let Some(shortcut) = binding.shortcuts.first() else {
            continue;
        };
        let hint = needs_doc(has_doc, found.tooltip);
        if check_item(ui, found.name, on, *shortcut, has_doc, &hint) {
            commands.push(binding.command.clone());
        }
    }
}

/// Adds a menu checkbox showing whether something is `on`, with its
/// shortcut; true when clicked (the command that follows flips it).
fn check_item(
    ui: &mut Ui,
    label: &str,
    on: bool,
    shortcut: KeyboardShortcut,
    enabled: bool,
    hint: &str,
) -> bool {
    let mut checked = on;
    let shortcut = RichText::new(ui.ctx().format_shortcut(&shortcut)).weak();
    let checkbox = egui::Checkbox::new(&mut checked, (label, egui::Atom::grow(), shortcut));
    ui.add_enabled(enabled, checkbox)
        .on_hover_text(hint)
        .on_disabled_hover_text(hint)
        .clicked()
}

fn label_menu(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let has_doc = app.doc.is_some();
    let background = ui.visuals().window_fill;
    for label in &app.schema().labels {
        let color = style::readable_on(style::color(label.color), background);
        let button = egui::Button::new(RichText::new(&label.name).color(color))
            .shortcut_text(crate::ui::widgets::label_chips::hotkey_text(label, " / "));
        let hint = if label.description.is_empty() {
            format!("Tag the selection as {}", label.name)
        } else {
            label.description.clone()
        };
        if ui
            .add_enabled(has_doc, button)
            .on_hover_text(&hint)
            .on_disabled_hover_text(&hint)
            .clicked()
        {
            commands.push(Command::ApplyLabel(label.name.clone()));
        }
    }
}
