//! The Entities tab of the right panel: the folder's registry
//! (`entities.ron`) with each entity's mentions in the open document and
//! across the folder (kept by the folder's index as documents are read and
//! saved, the open document counted as edited), the
//! picked entity's mentions highlighted in the text, renaming and merging
//! it (each undoable from the panel), and the selected span's link: made
//! to the picked entity (Ctrl+K), removed (Ctrl+Shift+K), or, when
//! suggested, accepted (A) or rejected (X).

use std::ops::Range;

use egui::{RichText, TextWrapMode, Ui};

use crate::corpus::CorpusIndex;
use crate::corpus::entity_counts::{EntityTally, mention_counts};
use crate::entities::{Entity, Registry, RegistryEdit};
use crate::model::{AnnotationSet, SpanId, Status};
use crate::plural;
use crate::session::Session;
use crate::ui::widgets::bidi_label::{Tone, selectable_row};
use crate::ui::{Command, style};

/// A registry change made from the panel, kept so the panel can take it
/// back: the change and the links of a document it re-pointed.
#[derive(Clone, Debug)]
pub struct EntityStep {
    /// What it did, as the Undo button says it ("rename iran").
    pub what: String,
    /// The registry change.
    pub edit: RegistryEdit,
    /// After a merge: the document whose links were re-pointed, the
    /// entity they left and the one they went to, and the spans.
    pub repointed: Option<Repointed>,
    /// The open document and its history's state just after the step was
    /// made (or, on the redo stack, taken back): while the document is
    /// there, the step is the last thing done, so Ctrl+Z (Ctrl+Shift+Z)
    /// takes it rather than a document edit.
    pub doc_state: Option<(std::path::PathBuf, crate::model::StateId)>,
    /// Documents besides the open one whose links the step re-pointed (on
    /// disk), each with the spans whose link moved, as a re-pointing that
    /// makes the step again: undo runs it backwards over those documents,
    /// redo forwards, on another thread.
    pub elsewhere: Vec<(std::path::PathBuf, crate::entities::corpus::Repoint)>,
}

/// The links of one document a merge re-pointed.
#[derive(Clone, Debug)]
pub struct Repointed {
    /// The article.
    pub txt: std::path::PathBuf,
    /// The entity merged away.
    pub from: String,
    /// The entity kept.
    pub into: String,
    /// The spans re-pointed.
    pub spans: Vec<SpanId>,
}

/// The panel's state, kept with the folder.
#[derive(Default)]
pub struct EntityPanel {
    /// The folder's registry.
    pub registry: Registry,
    /// Why the registry could not be read, if so (edits are refused then,
    /// so a broken file is never saved over).
    pub problem: Option<String>,
    /// The entity picked in the list (its mentions are highlighted).
    pub picked: Option<String>,
    /// Text an entity's name, id or aliases must contain (any case).
    pub filter: String,
    /// The new name typed for the picked entity.
    pub rename: String,
    /// The entity the picked one would be merged into.
    pub merge_into: Option<String>,
    /// The alias of the picked entity to split off as an entity of its own.
    pub split_alias: Option<String>,
    /// The alias typed to add to the picked entity.
    pub new_alias: String,
    /// The external id (Wikidata QID) typed for the picked entity; starts
    /// from its own.
    pub external_id: String,
    /// The registry changes made from the panel, last last.
    pub undo: Vec<EntityStep>,
    /// The registry changes taken back, last taken back last (emptied by
    /// a new change).
    pub redo: Vec<EntityStep>,
    /// A merge or split whose re-pointing of the folder's other documents
    /// is running (the registry is not changed meanwhile).
    pub running: Option<crate::ui::apply::entity_repoint::Running>,
}

impl EntityPanel {
    /// The panel of the folder `dir`, its registry read.
    pub fn load(dir: &std::path::Path) -> Self {
        match crate::entities::load(dir) {
            Ok(registry) => Self {
                registry,
                ..Self::default()
            },
            Err(err) => Self {
                problem: Some(err.to_string()),
                ..Self::default()
            },
        }
    }

    /// Picks entity `id` (or none): its mentions are highlighted, and the
    /// rename box starts from its name.
    pub fn pick(&mut self, id: Option<&str>) {
        self.picked = id.map(str::to_owned);
        self.rename = id
            .and_then(|id| self.registry.get(id))
            .map(|e| e.name.clone())
            .unwrap_or_default();
        self.merge_into = None;
        self.split_alias = None;
        self.new_alias.clear();
        self.external_id = id
            .and_then(|id| self.registry.get(id))
            .map(|e| e.external_id.clone())
            .unwrap_or_default();
    }
}

/// The places of entity `id`'s mentions in `set`, sorted (as the text
/// view's highlights must be).
pub fn mention_ranges(set: &AnnotationSet, id: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = set
        .spans()
        .iter()
        .filter(|s| s.entity.as_deref() == Some(id) && s.entity_status != Status::Rejected)
        .map(|s| s.start..s.end)
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    ranges
}

/// Each entity's mentions across the folder of `index`, with the open
/// document (`session`) counted as it is in the window, unsaved edits
/// included: `None` while the folder is still being read.
pub struct FolderTallies<'a> {
    index: &'a CorpusIndex,
    /// The open document's mentions as the index counts them.
    indexed: Option<&'a crate::corpus::DocDigest>,
}

impl<'a> FolderTallies<'a> {
    /// The tallies of `index`, the document open being `session`'s; `None`
    /// while the folder is still being read.
    pub fn of(index: &'a CorpusIndex, session: &Session) -> Option<Self> {
        (index.loaded_count() >= index.entries.len()).then(|| Self {
            index,
            indexed: index.digest_of(session.txt_path()),
        })
    }

    /// Entity `id`'s mentions, `here` (its mentions in the open document
    /// now) in place of what the index has of the open document.
    pub fn get(&self, id: &str, here: u32) -> EntityTally {
        let counted = self.indexed.map_or(0, |d| d.entity_mentions(id));
        self.index.entity_tally(id).with_document(counted, here)
    }
}

/// Shows the panel.
pub fn entity_panel_ui(
    ui: &mut Ui,
    (panel, index): (&mut EntityPanel, &CorpusIndex),
    session: &Session,
    selected: Option<SpanId>,
    commands: &mut Vec<Command>,
) {
    if let Some(problem) = &panel.problem {
        ui.label(
            RichText::new(format!("The registry could not be read: {problem}"))
                .color(ui.visuals().error_fg_color),
        );
        return;
    }
    selected_span_ui(ui, panel, session, selected, commands);
    ui.separator();
    super::entity_picked::picked_ui(ui, panel, commands);
    ui.horizontal(|ui| {
        ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut panel.filter)
                .hint_text("name, alias or id")
                .desired_width(f32::INFINITY),
        );
    });
    ui.separator();
    let counts = mention_counts(session.set());
    let tallies = FolderTallies::of(index, session);
    folder_line(ui, index, tallies.is_some());
    let needle = panel.filter.to_lowercase();
    let passes = |e: &Entity| {
        needle.is_empty()
            || std::iter::once(&e.name)
                .chain(&e.aliases)
                .chain(std::iter::once(&e.id))
                .any(|t| t.to_lowercase().contains(&needle))
    };
    // Those this document mentions first, then the others; by name.
    let in_folder = |id: &str, here: u32| Some(tallies.as_ref()?.get(id, here));
    let mut shown: Vec<(&Entity, u32, Option<EntityTally>)> = panel
        .registry
        .entities()
        .iter()
        .filter(|e| passes(e))
        .map(|e| {
            let here = counts.get(e.id.as_str()).copied().unwrap_or(0);
            (e, here, in_folder(&e.id, here))
        })
        .collect();
    shown.sort_by(|a, b| {
        (b.1 > 0)
            .cmp(&(a.1 > 0))
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    if panel.registry.entities().is_empty() {
        ui.label(RichText::new("The folder has no entities.ron, or it is empty.").weak());
    }
    let mut picked = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Button) + 4.0;
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(
        ui,
        row_height,
        shown.len(),
        |ui, range| {
            ui.style_mut().wrap_mode = Some(TextWrapMode::Truncate);
            for (entity, count, folder) in &shown[range] {
                let color = session
                    .schema()
                    .get(&entity.label)
                    .map_or(style::UNKNOWN_LABEL, |l| style::color(l.color));
                let color = style::readable_on(color, ui.visuals().panel_fill);
                let tail = mentions_tail(*count, *folder);
                let is_picked = panel.picked.as_deref() == Some(entity.id.as_str());
                let parts = [entity.name.as_str(), tail.as_str()];
                if selectable_row(ui, is_picked, &parts, Tone::Colored(color))
                    .on_hover_text(format!(
                        "{} ({}): {}. Click to highlight them",
                        entity.id,
                        entity.label,
                        mentions_hover(*count as usize, *folder)
                    ))
                    .clicked()
                {
                    picked = Some((!is_picked).then(|| entity.id.clone()));
                }
            }
        },
    );
    if let Some(id) = picked {
        panel.pick(id.as_deref());
    }
}

/// An entity row's counts: ` · 7 here · 10 in 3 docs` (without the
/// folder's part until it is counted).
fn mentions_tail(here: u32, folder: Option<EntityTally>) -> String {
    match folder {
        Some(t) => {
            let documents = plural::counted(t.documents as usize, "doc", "docs");
            format!(" · {here} here · {} in {documents}", t.mentions)
        }
        None => format!(" · {here} here"),
    }
}

/// An entity row's counts, in words.
fn mentions_hover(here: usize, folder: Option<EntityTally>) -> String {
    let here = format!(
        "{} in this document",
        plural::counted(here, "mention", "mentions")
    );
    match folder {
        Some(t) => format!(
            "{here}, {} in {} of the folder",
            plural::counted(t.mentions as usize, "mention", "mentions"),
            plural::counted(t.documents as usize, "document", "documents")
        ),
        None => format!("{here} (the folder's are being counted)"),
    }
}

/// What the folder's counts say above the list: still being read (not
/// `read`), or some documents not read in full (the document list names
/// them).
fn folder_line(ui: &mut Ui, index: &CorpusIndex, read: bool) {
    if !read {
        ui.horizontal(|ui| {
            ui.spinner();
            let (done, all) = (index.loaded_count(), index.entries.len());
            ui.label(
                RichText::new(format!("Counting the folder's mentions… {done} of {all}")).weak(),
            );
        });
    }
    let problems = index.problem_count();
    if problems > 0 {
        let n = plural::counted(problems, "document", "documents");
        ui.label(RichText::new(format!("{n} of the folder could not be read in full")).weak())
            .on_hover_text("The document list names them, with why");
    }
}

/// The selected span's link, and the buttons to change it.
fn selected_span_ui(
    ui: &mut Ui,
    panel: &mut EntityPanel,
    session: &Session,
    selected: Option<SpanId>,
    commands: &mut Vec<Command>,
) {
    let Some(span) = selected.and_then(|id| session.set().get(id)) else {
        ui.label(RichText::new("Select a span to see or change its entity.").weak());
        return;
    };
    let quote = crate::model::elide(&span.text, 30);
    let link = match span.entity.as_deref() {
        None => "no entity".to_owned(),
        Some(id) => {
            let name = panel.registry.get(id).map_or(id, |e| e.name.as_str());
            let status = match span.entity_status {
                Status::Accepted => "",
                Status::Pending => " (suggested)",
                Status::Rejected => " (rejected)",
            };
            format!("{name}{status}")
        }
    };
    ui.label(format!("“{quote}” → {link}"));
    ui.horizontal(|ui| {
        let picked = panel
            .picked
            .as_deref()
            .and_then(|id| panel.registry.get(id));
        let link_hint = picked.map_or_else(
            || "Pick an entity in the list first, then link the span to it (Ctrl+K)".to_owned(),
            |e| format!("Link this span to {} (Ctrl+K)", e.name),
        );
        if ui
            .add_enabled(picked.is_some(), egui::Button::new("Link"))
            .on_hover_text(&link_hint)
            .on_disabled_hover_text(&link_hint)
            .clicked()
        {
            commands.push(Command::LinkEntity);
        }
        if span.entity.is_some() {
            if ui
                .button("Unlink")
                .on_hover_text("Remove the span's link (Ctrl+Shift+K)")
                .clicked()
            {
                commands.push(Command::UnlinkEntity);
            }
            if ui
                .button("Show")
                .on_hover_text("Pick the span's entity in the list and highlight its mentions")
                .clicked()
            {
                panel.pick(span.entity.as_deref());
            }
        }
        if span.entity.is_some() && span.entity_status == Status::Pending {
            for (name, status, hint) in [
                (
                    "Accept link",
                    Status::Accepted,
                    "Accept the suggested link (A)",
                ),
                (
                    "Reject link",
                    Status::Rejected,
                    "Reject the suggested link (X)",
                ),
            ] {
                if ui.button(name).on_hover_text(hint).clicked() {
                    commands.push(Command::ReviewLink(status));
                }
            }
        }
    });
}
