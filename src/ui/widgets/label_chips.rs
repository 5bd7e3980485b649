//! The label chips above the span list: one button per label, showing the
//! keys that apply it (`person 1/P`), as Prodigy shows them.

use egui::{RichText, Ui};

use crate::model::{LabelDef, LabelSchema};
use crate::ui::{Command, style};

/// The keys of a label, joined by `separator`: `1/P` on its chip, `1 / P`
/// in the Label menu and the help window.
pub fn hotkey_text(label: &LabelDef, separator: &str) -> String {
    label
        .hotkeys
        .iter()
        .map(|k| k.to_uppercase().to_string())
        .collect::<Vec<_>>()
        .join(separator)
}

/// Shows one chip per label, in a wrapping row; a click applies the label
/// (as its keys do).
pub fn show(ui: &mut Ui, schema: &LabelSchema, commands: &mut Vec<Command>) {
    let fill = ui.visuals().widgets.inactive.weak_bg_fill;
    ui.horizontal_wrapped(|ui| {
        for label in &schema.labels {
            let color = style::readable_on(style::color(label.color), fill);
            let name = RichText::new(&label.name).color(color).strong();
            let keys = hotkey_text(label, "/");
            let badge = RichText::new(&keys).monospace().small();
            let tip = if keys.is_empty() {
                format!("{} (no key)", label.description)
            } else {
                format!("{} (key {keys})", label.description)
            };
            if ui.button((name, badge)).on_hover_text(tip).clicked() {
                commands.push(Command::ApplyLabel(label.name.clone()));
            }
        }
    });
}
