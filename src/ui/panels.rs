//! The panels around the text: menus, the span list, the status bar, the
//! problem banner and the dialogs.

use egui::{Color32, RichText, Ui};

use super::app::NewsmarkApp;
use super::{Command, style};

/// Counts, the selection's offsets, the save state and the last message.
pub fn status_bar(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let Some(doc) = &app.doc else {
                ui.label("No article open");
                notice(ui, app);
                return;
            };
            let session = &doc.session;
            ui.label(doc.span_list.totals().describe()).on_hover_text(
                "Spans of the annotation (tagged or accepted), then suggestions still to review",
            );
            let background = ui.visuals().panel_fill;
            for (name, color, counts) in doc.span_list.counts() {
                let color = style::readable_on(color, background);
                ui.label(RichText::new(counts.describe_label(name)).color(color));
            }
            ui.separator();
            let range = app.selection().range();
            if range.is_empty() {
                ui.label(format!("caret {}", range.start));
            } else {
                ui.label(format!(
                    "selection {}–{} ({} chars)",
                    range.start,
                    range.end,
                    range.len()
                ));
            }
            ui.separator();
            if session.save_blocked().is_some() {
                ui.colored_label(
                    Color32::from_rgb(0xc0, 0x30, 0x30),
                    "saving over the file is blocked",
                );
            } else if session.is_dirty() {
                ui.label(RichText::new("• unsaved changes").strong());
            } else {
                ui.label("saved");
            }
            if app.folder.loader.is_some() {
                let (done, total) = (
                    app.folder.corpus.loaded_count(),
                    app.folder.corpus.entries.len(),
                );
                ui.separator();
                ui.add(
                    egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                        .desired_width(120.0)
                        .text(format!("reading folder {done}/{total}")),
                )
                .on_hover_text(
                    "The document list fills in as the folder's annotation files are read",
                );
                if ui
                    .button("Stop")
                    .on_hover_text("Stop reading; the documents not read yet show no counts")
                    .clicked()
                {
                    commands.push(Command::StopReadingFolder);
                }
            }
            if let Some(task) = &app.background.task {
                ui.separator();
                ui.add(egui::Spinner::new());
                match task.progress() {
                    (_, 0) => {
                        ui.label(task.job().to_string());
                    }
                    (done, total) => {
                        ui.add(
                            egui::ProgressBar::new(done as f32 / total as f32)
                                .desired_width(120.0)
                                .text(format!("{} {done}/{total}", task.job())),
                        );
                        if ui
                            .button("Cancel")
                            .on_hover_text("Stop before the next document")
                            .clicked()
                        {
                            commands.push(Command::CancelTask);
                        }
                    }
                }
            }
            if let Some(job) = &app.background.suggest {
                ui.separator();
                ui.add(egui::Spinner::new());
                let (done, total) = job.progress;
                ui.add(
                    egui::ProgressBar::new(done as f32 / total.max(1) as f32)
                        .desired_width(120.0)
                        .text(format!("suggesting {done}/{total}")),
                );
                if ui
                    .button("Cancel")
                    .on_hover_text("Stop the suggesters (a running extractor is killed)")
                    .clicked()
                {
                    commands.push(Command::CancelSuggest);
                }
            }
            notice(ui, app);
        });
    });
}

/// The last message, in the status bar: elided ([`style::MAX_SHOWN_CHARS`]),
/// as it may quote strings from a file.
fn notice(ui: &mut Ui, app: &NewsmarkApp) {
    if let Some(notice) = &app.notice {
        ui.separator();
        let color = if notice.is_error {
            Color32::from_rgb(0xc0, 0x30, 0x30)
        } else {
            ui.visuals().text_color()
        };
        ui.colored_label(color, style::shown(&notice.text));
    }
}

/// A warning across the top when the annotation file had problems or
/// orphans are left.
pub fn banner(ui: &mut Ui, app: &NewsmarkApp, commands: &mut Vec<Command>) {
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

/// What the window shows with no article open, and why the last article
/// asked for was refused (`refused`: which file and why), if it was.
pub fn empty_state(ui: &mut Ui, refused: Option<&str>, commands: &mut Vec<Command>) {
    ui.vertical_centered(|ui| {
        ui.add_space(80.0);
        ui.heading("No article open");
        if let Some(why) = refused {
            ui.add_space(8.0);
            ui.colored_label(
                Color32::from_rgb(0xc0, 0x30, 0x30),
                format!("Could not open {}", style::shown(why)),
            );
            ui.add_space(8.0);
        }
        ui.label("Open a .txt article (Ctrl+O), drop one on this window, or run `newsmark PATH`.");
        if ui.button("Open…").clicked() {
            commands.push(Command::OpenDialog);
        }
    });
}

/// The help overlay (F1): the labels with their hotkeys and descriptions,
/// the folder's guidelines, and every keyboard shortcut, in as many columns
/// as the window is wide enough for ([`help_columns`]), so that it fits on
/// the screen without scrolling; it scrolls only on a screen too small.
pub fn shortcuts_window(
    ctx: &egui::Context,
    open: &mut bool,
    schema: &crate::model::LabelSchema,
    guidelines: Option<&str>,
) {
    let screen = ctx.content_rect();
    let columns = help_columns(screen.width());
    egui::Window::new("Keyboard shortcuts")
        // Not the id of the old fixed-size window, whose remembered size
        // would hold this one back.
        .id(egui::Id::unique("shortcuts_help"))
        .open(open)
        .collapsible(false)
        .auto_sized()
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(screen.center())
        .show(ctx, |ui| {
            // As tall as its contents, up to the screen's height.
            egui::ScrollArea::vertical()
                .max_height(screen.height() - HELP_SCREEN_MARGIN)
                .show(ui, |ui| help_contents(ui, schema, guidelines, columns));
        });
}

/// Width of one column of shortcuts in the help window: keys and what they
/// do, wrapped.
const HELP_COLUMN_WIDTH: f32 = 540.0;
/// Space between two columns of shortcuts.
const HELP_COLUMN_GAP: f32 = 24.0;
/// Width of the description in a column of the help window.
const HELP_TEXT_WIDTH: f32 = 300.0;
/// Room the help window leaves around it: title bar, frame, and a margin.
const HELP_SCREEN_MARGIN: f32 = 80.0;

/// How many columns of shortcuts fit across a window `width` points wide
/// (1 to 3).
pub fn help_columns(width: f32) -> usize {
    let fit = ((width - HELP_SCREEN_MARGIN) / HELP_COLUMN_WIDTH).floor();
    if fit >= 3.0 {
        3
    } else if fit >= 2.0 {
        2
    } else {
        1
    }
}

fn help_contents(
    ui: &mut Ui,
    schema: &crate::model::LabelSchema,
    guidelines: Option<&str>,
    columns: usize,
) {
    ui.heading("Labels");
    egui::Grid::new("labels_help").striped(true).show(ui, |ui| {
        for label in &schema.labels {
            let color = style::readable_on(style::color(label.color), ui.visuals().window_fill);
            ui.label(RichText::new(&label.name).color(color).strong());
            ui.label(RichText::new(super::label_chips::hotkey_text(label, " / ")).monospace());
            ui.label(&label.description);
            ui.end_row();
        }
    });
    if let Some(text) = guidelines {
        ui.heading("Guidelines");
        ui.label(text);
    }
    ui.heading("Keys");
    let help: Vec<(&str, &str)> = super::chrome::actions::shortcut_help().collect();
    let per_column = help.len().div_ceil(columns);
    ui.horizontal_top(|ui| {
        for (i, chunk) in help.chunks(per_column).enumerate() {
            if i > 0 {
                ui.add_space(HELP_COLUMN_GAP);
            }
            egui::Grid::new(("shortcuts", i))
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in chunk {
                        ui.label(RichText::new(*keys).monospace());
                        ui.scope(|ui| {
                            ui.set_max_width(HELP_TEXT_WIDTH);
                            ui.add(egui::Label::new(*what).wrap());
                        });
                        ui.end_row();
                    }
                });
        }
    });
}

/// The shortcut of `command` as the platform writes it (`Ctrl+S`, `⌘S`).
fn shortcut_text(ui: &Ui, command: &Command) -> String {
    super::chrome::actions::shortcut(command)
        .map(|s| ui.ctx().format_shortcut(&s))
        .unwrap_or_default()
}
