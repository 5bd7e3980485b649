//! The menu bar. Every item shows its shortcut and explains itself in a
//! tooltip (also when it is disabled, saying what it needs).

use egui::{KeyboardShortcut, RichText, Ui};

use super::app::{LeftTab, NewsmarkApp};
use super::{Command, keys, style};

/// How a menu item's shortcut is shown.
#[derive(Clone, Copy)]
enum Keys {
    None,
    /// A shortcut egui formats for the platform (`Ctrl+S`, `⌘S`).
    Shortcut(KeyboardShortcut),
    /// A plain key handled by the text view (`Del`, `N`).
    Text(&'static str),
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
                let hint = "List every keyboard shortcut (F1)";
                if item(
                    ui,
                    "Keyboard shortcuts",
                    Keys::Shortcut(keys::HELP),
                    true,
                    hint,
                ) {
                    commands.push(Command::ToggleShortcuts);
                }
            });
        });
    });
}

fn file_menu(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let has_doc = app.doc.is_some();
    let hint = "Open an article (.txt) or a folder of articles";
    if item(ui, "Open…", Keys::Shortcut(keys::OPEN), true, hint) {
        commands.push(Command::OpenDialog);
    }
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
    let hint = needs_doc(
        has_doc,
        "Write the annotations beside the article (atomically)",
    );
    if item(ui, "Save", Keys::Shortcut(keys::SAVE), has_doc, &hint) {
        commands.push(Command::Save);
    }
    let hint = needs_doc(has_doc, "Write the annotations to another file");
    if item(
        ui,
        "Save As…",
        Keys::Shortcut(keys::SAVE_AS),
        has_doc,
        &hint,
    ) {
        commands.push(Command::SaveAsDialog);
    }
    let blocked = app.session().is_some_and(|s| s.save_blocked().is_some());
    let hint =
        "Only when the annotation file could not be read: keep a copy of it, then save over it";
    if item(
        ui,
        "Back up and overwrite",
        Keys::Shortcut(keys::BACK_UP),
        blocked,
        hint,
    ) {
        commands.push(Command::BackUpAndOverwrite);
    }
    ui.separator();
    let hint = "Close newsmark (asks first if anything is unsaved)";
    if item(ui, "Quit", Keys::Shortcut(keys::QUIT), true, hint) {
        commands.push(Command::Quit);
    }
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
    let undo_label = undo
        .as_ref()
        .map_or_else(|| "Undo".to_owned(), |d| format!("Undo {d}"));
    let redo_label = redo
        .as_ref()
        .map_or_else(|| "Redo".to_owned(), |d| format!("Redo {d}"));
    let hint = "Take back the last change to the annotations";
    if item(
        ui,
        &undo_label,
        Keys::Shortcut(keys::UNDO),
        undo.is_some(),
        hint,
    ) {
        commands.push(Command::Undo);
    }
    let hint = "Make again the change last undone";
    if item(
        ui,
        &redo_label,
        Keys::Shortcut(keys::REDO),
        redo.is_some(),
        hint,
    ) {
        commands.push(Command::Redo);
    }
    ui.separator();
    let span_selected = app.selected_span().is_some();
    let items = [
        (
            "Delete span",
            "Del",
            span_selected,
            "Remove the selected span (click a span first)",
            Command::DeleteSpan,
        ),
        (
            "Next span",
            "Tab",
            has_doc,
            "Select the next span in the text",
            Command::NextSpan,
        ),
        (
            "Previous span",
            "Shift+Tab",
            has_doc,
            "Select the previous span in the text",
            Command::PrevSpan,
        ),
        (
            "Clear selection",
            "Esc",
            has_doc,
            "Deselect the text and the span",
            Command::ClearSelection,
        ),
    ];
    for (label, key, enabled, hint, command) in items {
        if item(ui, label, Keys::Text(key), enabled, hint) {
            commands.push(command);
        }
    }
}

fn go_menu(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let has_doc = app.doc.is_some();
    for (label, shortcut, hint, command) in [
        (
            "Next document",
            keys::NEXT_DOC,
            "Save this article and open the next one in the folder",
            Command::NextDocument,
        ),
        (
            "Previous document",
            keys::PREV_DOC,
            "Save this article and open the previous one in the folder",
            Command::PrevDocument,
        ),
        (
            "Mark done and go to the next",
            keys::MARK_DONE,
            "Record in the annotation file that this article is done, save, and move on",
            Command::MarkDone,
        ),
    ] {
        let hint = needs_doc(has_doc, hint);
        if item(ui, label, Keys::Shortcut(shortcut), has_doc, &hint) {
            commands.push(command);
        }
    }
}

fn review_menu(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let has_doc = app.doc.is_some();
    let items = [
        (
            "Suggest for this document",
            keys::SUGGEST,
            "Run the suggesters (gazetteer, learned terms, extractor) on this article",
            Command::Suggest { all: false },
        ),
        (
            "Suggest for all documents",
            keys::SUGGEST_ALL,
            "Run the suggesters on every article of the folder, in the background",
            Command::Suggest { all: true },
        ),
    ];
    for (label, shortcut, hint, command) in items {
        let hint = if app.background.suggest.is_some() {
            format!("{hint} (suggestions are already being made)")
        } else {
            needs_doc(has_doc, hint)
        };
        let enabled = has_doc && app.background.suggest.is_none();
        if item(ui, label, Keys::Shortcut(shortcut), enabled, &hint) {
            commands.push(command);
        }
    }
    ui.separator();
    for (label, key, hint, command) in [
        (
            "Next pending",
            "N",
            "Select the next suggestion still to review",
            Command::NextPending,
        ),
        (
            "Previous pending",
            "Shift+N",
            "Select the previous suggestion still to review",
            Command::PrevPending,
        ),
        (
            "Accept",
            "A",
            "Accept the selected suggestion",
            Command::Accept,
        ),
        (
            "Reject",
            "X",
            "Reject the selected suggestion (kept, hidden unless shown)",
            Command::Reject,
        ),
    ] {
        if item(
            ui,
            label,
            Keys::Text(key),
            has_doc,
            &needs_doc(has_doc, hint),
        ) {
            commands.push(command);
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
    let items = [
        (
            "Show rejected suggestions",
            rejected,
            keys::SHOW_REJECTED,
            "Show rejected suggestions, struck through, in the text",
            Command::ToggleRejected,
        ),
        (
            "Review panel",
            app.layout.left == Some(LeftTab::Review),
            keys::REVIEW_PANEL,
            "Suggestions to review, grouped and filterable, on the left",
            Command::ToggleReview,
        ),
        (
            "Document list",
            app.layout.left == Some(LeftTab::Documents),
            keys::DOCUMENTS,
            "The folder's articles with their status and counts, on the left",
            Command::ToggleDocuments,
        ),
        (
            "Statistics",
            app.layout.show_statistics,
            keys::STATISTICS,
            "Label counts and their distribution over the folder",
            Command::ToggleStatistics,
        ),
    ];
    for (label, on, shortcut, hint, command) in items {
        let hint = needs_doc(has_doc, hint);
        if check_item(ui, label, on, shortcut, has_doc, &hint) {
            commands.push(command);
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
    for label in &app.folder.schema.labels {
        let color = style::readable_on(style::color(label.color), background);
        let button = egui::Button::new(RichText::new(&label.name).color(color))
            .shortcut_text(super::label_chips::hotkey_text(label, " / "));
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
