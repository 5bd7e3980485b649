//! The panels around and on the open document (search bar, span list,
//! documents or review on the left, the text in the middle) and the
//! windows over them (statistics, F1 help).

use super::Command;
use super::app::{LeftTab, NewsmarkApp, RightTab};
use super::folder::Folder;
use super::widgets::doc_list::doc_list_ui;
use super::widgets::entity_panel::{self, entity_panel_ui};
use super::widgets::relation_list::relation_list_ui;
use super::widgets::review_panel::review_panel_ui;
use super::widgets::search_bar::search_bar_ui;
use super::widgets::span_list::span_list_ui;
use super::widgets::text_view::text_view_ui;

/// The search bar, while open on a document.
pub fn search_bar(ui: &mut egui::Ui, app: &mut NewsmarkApp, commands: &mut Vec<Command>) {
    let (Some(bar), Some(doc)) = (&mut app.layout.search, &mut app.doc) else {
        // Without a search, the Entities tab's picked entity's mentions.
        if let Some(doc) = &mut app.doc {
            let picked = app
                .folder
                .as_ref()
                .and_then(|f| f.entities.picked.as_deref());
            let wanted = match picked {
                Some(id) if app.layout.right == RightTab::Entities => {
                    entity_panel::mention_ranges(doc.session.set(), id)
                }
                _ => Vec::new(),
            };
            if doc.view.highlights != wanted {
                doc.view.highlights = wanted;
            }
        }
        return;
    };
    bar.refresh(doc.session.doc());
    let labels: Vec<String> = doc
        .session
        .schema()
        .labels
        .iter()
        .map(|l| l.name.clone())
        .collect();
    egui::Panel::top("search_bar").show(ui, |ui| search_bar_ui(ui, bar, &labels, commands));
    if doc.view.highlights != bar.hits {
        doc.view.highlights.clone_from(&bar.hits);
    }
}

/// The span list on the right, the documents or review panel on the left,
/// and the text (or the empty window) in the middle.
pub fn show(ui: &mut egui::Ui, app: &mut NewsmarkApp, commands: &mut Vec<Command>) {
    if let Some(doc) = &mut app.doc {
        let tab = &mut app.layout.right;
        let entities = app.folder.as_mut().map(|f| (&mut f.entities, &f.corpus));
        egui::Panel::right("span_list")
            .default_size(280.0)
            .resizable(true)
            .show(ui, |ui| {
                right_tabs(ui, tab, doc.session.set().relation_count());
                match tab {
                    RightTab::Spans => {
                        let selected = doc.view.selected_span;
                        span_list_ui(ui, &mut doc.span_list, &doc.session, selected, commands);
                    }
                    RightTab::Relations => {
                        let selected = doc.view.selected_relation;
                        let list = &mut doc.relation_list;
                        relation_list_ui(ui, list, &doc.session, selected, commands);
                    }
                    RightTab::Entities => {
                        let selected = doc.view.selected_span;
                        if let Some(panel) = entities {
                            entity_panel_ui(ui, panel, &doc.session, selected, commands);
                        }
                    }
                }
            });
    }
    // Curation takes the left panel while it is open.
    if let Some(doc) = &mut app.doc
        && let Some(curation) = &mut doc.curation
    {
        egui::Panel::left("curation_panel")
            .default_size(340.0)
            .resizable(true)
            .show(ui, |ui| {
                super::widgets::curation_panel::curation_panel_ui(
                    ui,
                    curation,
                    &doc.session,
                    commands,
                );
            });
    } else if let (Some(doc), Some(folder), Some(tab)) =
        (&mut app.doc, &app.folder, app.layout.left)
    {
        // A document is always in an open folder.
        egui::Panel::left("left_panel")
            .default_size(300.0)
            .resizable(true)
            .show(ui, |ui| {
                left_tabs(ui, tab, commands);
                ui.separator();
                match tab {
                    LeftTab::Documents => {
                        let live = crate::corpus::DocSummary {
                            counts: doc.live_counts(),
                            done: doc.session.set().is_done(),
                        };
                        let open = (doc.session.txt_path(), live);
                        doc_list_ui(ui, &mut app.layout.doc_list, &folder.corpus, open, commands);
                    }
                    LeftTab::Review => {
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            let bulk = app.background.folder_bulk.view();
                            review_panel_ui(
                                ui,
                                &mut doc.review,
                                &doc.session,
                                &folder.corpus,
                                &app.layout.review_filter,
                                &bulk,
                                commands,
                            );
                        });
                    }
                }
            });
    }
    egui::CentralPanel::default().show(ui, |ui| match &mut app.doc {
        Some(doc) => {
            text_view_ui(ui, &mut doc.view, &doc.session, commands);
            if let Some(curation) = &doc.curation {
                super::widgets::curation_lanes::paint_curation_lanes(
                    ui,
                    &mut doc.view,
                    &doc.session,
                    curation,
                );
            }
        }
        None => super::chrome::empty::show(ui, app.layout.refused.as_deref(), commands),
    });
}

/// The Spans and Relations tabs of the right panel.
fn right_tabs(ui: &mut egui::Ui, tab: &mut RightTab, relations: usize) {
    ui.horizontal(|ui| {
        let hint = crate::plural::counted(relations, "relation", "relations");
        for (label, which, hint) in [
            (
                "Spans",
                RightTab::Spans,
                "The spans, grouped by label".to_owned(),
            ),
            (
                "Relations",
                RightTab::Relations,
                format!("{hint}, grouped by type, filterable"),
            ),
            (
                "Entities",
                RightTab::Entities,
                "The folder's entities and their mentions here; link the selected span (Ctrl+K)"
                    .to_owned(),
            ),
        ] {
            let text = egui::RichText::new(label).heading();
            if ui
                .selectable_label(*tab == which, text)
                .on_hover_text(hint)
                .clicked()
            {
                *tab = which;
            }
        }
    });
}

/// The Documents and Review tabs of the left panel.
fn left_tabs(ui: &mut egui::Ui, tab: LeftTab, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        for (label, which, command, hint) in [
            (
                "Documents",
                LeftTab::Documents,
                Command::ToggleDocuments,
                "The folder's documents (Ctrl+D)",
            ),
            (
                "Review",
                LeftTab::Review,
                Command::ToggleReview,
                "Suggestions to review (Ctrl+R)",
            ),
        ] {
            if ui
                .selectable_label(tab == which, label)
                .on_hover_text(hint)
                .clicked()
                && tab != which
            {
                commands.push(command);
            }
        }
    });
}

/// The statistics window, the agreement panel and the F1 help, when open.
pub fn windows(ctx: &egui::Context, app: &mut NewsmarkApp, commands: &mut Vec<Command>) {
    if let Some(folder) = &mut app.folder
        && folder.agreement.open
    {
        super::widgets::agreement_window::agreement_window(ctx, &mut folder.agreement, commands);
    }
    if let Some(folder) = &mut app.folder
        && folder.facts.open
    {
        super::widgets::facts_window::facts_window(ctx, &mut folder.facts, commands);
    }
    let open_doc = app
        .doc
        .as_ref()
        .map(|d| (d.session.txt_path(), d.session.set()));
    let folder = app.folder.as_ref();
    let schema = Folder::schema_of(folder);
    super::widgets::stats_window::show(
        ctx,
        &mut app.layout.show_statistics,
        Folder::documents_of(folder),
        schema,
        open_doc,
    );
    super::chrome::help::show(
        ctx,
        &mut app.layout.show_shortcuts,
        schema,
        folder.and_then(|f| f.guidelines.as_deref()),
    );
}
