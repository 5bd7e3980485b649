//! The Entities tab's picked entity: its names (aliases added and
//! removed), its external id (a Wikidata QID), rename, merge, split, and
//! the Undo button. Each change is a command; the registry is changed
//! (and saved) when it is applied.

use egui::{RichText, Ui};

use super::entity_panel::EntityPanel;
use crate::entities::Entity;
use crate::ui::Command;

/// The picked entity: its aliases, rename, merge, and undo.
pub fn picked_ui(ui: &mut Ui, panel: &mut EntityPanel, commands: &mut Vec<Command>) {
    if let Some(step) = panel.undo.last()
        && ui
            .button(format!("Undo {}", step.what))
            .on_hover_text("Take back the last change of the registry made here")
            .clicked()
    {
        commands.push(Command::UndoEntityEdit);
    }
    let Some(entity) = panel
        .picked
        .as_deref()
        .and_then(|id| panel.registry.get(id))
    else {
        return;
    };
    let id = entity.id.clone();
    ui.label(RichText::new(&entity.name).strong())
        .on_hover_text(format!("{} ({})", entity.id, entity.label));
    let label = entity.label.clone();
    let hint = "Give it this preferred name; the old one becomes an alias";
    if let Some(name) = field_and_button(ui, &mut panel.rename, "new name", "Rename", hint) {
        commands.push(Command::RenameEntity {
            id: id.clone(),
            name,
        });
    }
    names_ui(ui, panel, &id, commands);
    ui.horizontal(|ui| {
        let others: Vec<&Entity> = panel
            .registry
            .entities()
            .iter()
            .filter(|e| e.label == label && e.id != id)
            .collect();
        let chosen = panel
            .merge_into
            .as_deref()
            .and_then(|i| panel.registry.get(i))
            .map_or("choose…", |e| e.name.as_str())
            .to_owned();
        egui::ComboBox::new("merge_into", "into")
            .selected_text(chosen)
            .width(120.0)
            .show_ui(ui, |ui| {
                for other in others {
                    ui.selectable_value(
                        &mut panel.merge_into,
                        Some(other.id.clone()),
                        other.name.as_str(),
                    );
                }
            });
        let into = panel.merge_into.clone();
        if ui
            .add_enabled(into.is_some(), egui::Button::new("Merge"))
            .on_hover_text(
                "Merge it into the entity chosen: its names become aliases of that one, and the links of every document of the folder follow",
            )
            .clicked()
            && let Some(into) = into
        {
            commands.push(Command::MergeEntity { from: id.clone(), into });
        }
    });
    let aliases = panel
        .picked
        .as_deref()
        .and_then(|id| panel.registry.get(id))
        .map(|e| e.aliases.clone())
        .unwrap_or_default();
    if aliases.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        let chosen = panel.split_alias.clone().unwrap_or_else(|| "choose…".to_owned());
        egui::ComboBox::new("split_alias", "alias")
            .selected_text(chosen)
            .width(120.0)
            .show_ui(ui, |ui| {
                for alias in &aliases {
                    ui.selectable_value(&mut panel.split_alias, Some(alias.clone()), alias.as_str());
                }
            });
        let alias = panel.split_alias.clone();
        if ui
            .add_enabled(alias.is_some(), egui::Button::new("Split off"))
            .on_hover_text(
                "Make this alias an entity of its own; the spans of that text linked here, in every document of the folder, follow it",
            )
            .clicked()
            && let Some(alias) = alias
        {
            commands.push(Command::SplitEntity { id, alias });
        }
    });
}

/// The picked entity's aliases, each with a button that removes it; a box
/// and button to add one; its external id.
fn names_ui(ui: &mut Ui, panel: &mut EntityPanel, id: &str, commands: &mut Vec<Command>) {
    let Some(entity) = panel.registry.get(id) else {
        return;
    };
    if !entity.aliases.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("also:").weak());
            for alias in &entity.aliases {
                if ui
                    .small_button(format!("{alias} ✕"))
                    .on_hover_text(format!("Remove the alias “{alias}”"))
                    .clicked()
                {
                    commands.push(Command::RemoveAlias {
                        id: id.to_owned(),
                        alias: alias.clone(),
                    });
                }
            }
        });
    }
    let hint = "Another name it goes by in the texts";
    if let Some(alias) = field_and_button(ui, &mut panel.new_alias, "new alias", "Add alias", hint)
    {
        commands.push(Command::AddAlias {
            id: id.to_owned(),
            alias,
        });
    }
    let hint = "Its Wikidata id (Q and digits; empty: none). Nothing is looked up";
    let qid = "Wikidata QID, as Q794";
    if let Some(external_id) = field_and_button(ui, &mut panel.external_id, qid, "Set QID", hint) {
        commands.push(Command::SetExternalId {
            id: id.to_owned(),
            external_id,
        });
    }
}

/// A text box (showing `hint` while empty) and a button beside it; the
/// text, trimmed, when the button is clicked.
fn field_and_button(
    ui: &mut Ui,
    text: &mut String,
    hint: &str,
    button: &str,
    hover: &str,
) -> Option<String> {
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(150.0),
        );
        let clicked = ui.button(button).on_hover_text(hover).clicked();
        clicked.then(|| text.trim().to_owned())
    })
    .inner
}
