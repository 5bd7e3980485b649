//! The banner across the top when the annotation file had problems or
//! orphaned spans are left: what happened and what can be done.

use egui::{Color32, RichText, Ui};

use crate::ui::app::NewsmarkApp;
use crate::ui::{Command, style};

/// A warning across the top when the annotation file had problems or
/// orphans are left.
pub fn show(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let Some(session) = app.session() else {
        return;
    };
    if session.problems().is_empty() && session.orphans().is_empty() {
        return;
    }
    egui::Panel::top("problem_banner").show(ui, |ui| {
        ui.visuals_mut().override_text_color = Some(Color32::from_rgb(0x90, 0x20, 0x20));
        if let Some(reason) = session.save_blocked() {
            ui.label(
                RichText::new(format!(
                    "{} is not saved over: {}. Your edits stay in memory.",
                    session.ron_path().display(),
                    style::shown(reason)
                ))
                .strong(),
            );
            ui.horizontal(|ui| {
                let save_as = egui::Button::new("Save As…")
                    .shortcut_text(shortcut_text(ui, &Command::SaveAsDialog));
                if ui
                    .add(save_as)
                    .on_hover_text("Save the annotations to another file")
                    .clicked()
                {
                    commands.push(Command::SaveAsDialog);
                }
                let back_up = egui::Button::new("Back up and overwrite")
                    .shortcut_text(shortcut_text(ui, &Command::BackUpAndOverwrite));
                if ui
                    .add(back_up)
                    .on_hover_text("Copy the file to NAME.ron.broken, then let Ctrl+S save over it")
                    .clicked()
                {
                    commands.push(Command::BackUpAndOverwrite);
                }
            });
        }
        for orphan in session.orphans() {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "Orphan: span {} {} {} (was {}..{}) is no longer in the text; \
                     it is kept in the file until placed or deleted.",
                    orphan.id,
                    orphan.label,
                    crate::model::elide_debug(&orphan.text),
                    orphan.start,
                    orphan.end
                ));
                if ui
                    .button("Place at selection")
                    .on_hover_text("Select where it belongs in the text first")
                    .clicked()
                {
                    commands.push(Command::PlaceOrphan(orphan.id));
                }
                if ui
                    .button("Delete")
                    .on_hover_text("Drop this span")
                    .clicked()
                {
                    commands.push(Command::DeleteOrphan(orphan.id));
                }
            });
            orphan_candidates(ui, session, orphan, commands);
        }
        for problem in session.problems().iter().take(5) {
            ui.label(style::shown(&problem.to_string()));
        }
        if session.problems().len() > 5 {
            ui.label(format!("… and {} more", session.problems().len() - 5));
        }
    });
}

/// The places an orphan may belong, equally likely, each a button that
/// places it there: its position and the words around it.
fn orphan_candidates(
    ui: &mut Ui,
    session: &crate::session::Session,
    orphan: &crate::model::Span,
    commands: &mut Vec<Command>,
) {
    let places = session.set().orphan_candidates(orphan.id);
    if places.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} equally likely, not guessed:",
            crate::plural::counted(places.len(), "place", "places")
        ));
        for &(start, end) in places {
            let doc = session.doc();
            // On one line: each run of whitespace a space.
            let around = |range: std::ops::Range<usize>| {
                let text = doc.slice(range).unwrap_or_default();
                let mut line = String::with_capacity(text.len());
                for c in text.chars() {
                    match c.is_whitespace() {
                        true if line.ends_with(' ') => {}
                        true => line.push(' '),
                        false => line.push(c),
                    }
                }
                line
            };
            let before = around(start.saturating_sub(CANDIDATE_CONTEXT)..start);
            let after = around(end..(end + CANDIDATE_CONTEXT).min(doc.char_len()));
            let quote = around(start..end);
            let label = format!(
                "Place at {start}..{end}: …{before}[{}]{after}…",
                style::shown(&quote)
            );
            if ui
                .button(label)
                .on_hover_text("Place the orphan here (an undoable step)")
                .clicked()
            {
                commands.push(Command::PlaceOrphanAt {
                    id: orphan.id,
                    start,
                    end,
                });
            }
        }
    });
}

/// How many code points of text are shown on each side of an orphan's
/// candidate place.
const CANDIDATE_CONTEXT: usize = 24;

/// The shortcut of `command` as the platform writes it (`Ctrl+S`, `⌘S`).
fn shortcut_text(ui: &Ui, command: &Command) -> String {
    super::actions::shortcut(command)
        .map(|s| ui.ctx().format_shortcut(&s))
        .unwrap_or_default()
}
