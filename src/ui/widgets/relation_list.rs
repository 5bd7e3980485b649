//! The side panel's relations: grouped by type, each with both ends' text
//! and its review status, filtered by a text box, selectable (selecting one
//! selects its arc and scrolls to its `from` span). The selected one can be
//! accepted, rejected or deleted with the span keys (A, X, Delete) or the
//! buttons. Only the visible rows are built each frame.

use egui::{Color32, RichText, TextWrapMode, Ui};

use crate::model::{Relation, RelationId, Status};
use crate::plural;
use crate::session::Session;
use crate::ui::widgets::bidi_label::{Tone, selectable_row};
use crate::ui::{Command, style};

/// One type's relations.
struct Group {
    label: String,
    color: Color32,
    /// Its relations passing the filter, in text order of their ends.
    ids: Vec<RelationId>,
    /// How many of them are pending.
    pending: usize,
}

/// A row of the list.
#[derive(Clone, Copy)]
enum Row {
    /// A type's header (index into the groups).
    Header(usize),
    /// A relation.
    Relation(RelationId),
}

/// The relation list's state: the filter and the rows it leaves, rebuilt
/// only when the relations or the filter change.
#[derive(Default)]
pub struct RelationList {
    /// Text a relation's type or either end must contain (any case).
    pub filter: String,
    /// The spans' and relations' revisions and the filter the rows are for.
    shown_for: Option<((u64, u64), String)>,
    groups: Vec<Group>,
    rows: Vec<Row>,
}

impl RelationList {
    /// Brings the rows up to date with the session's relations and the
    /// filter.
    pub fn refresh(&mut self, session: &Session) {
        let set = session.set();
        let key = (
            (set.revision(), set.relations_revision()),
            self.filter.clone(),
        );
        if self.shown_for.as_ref() == Some(&key) {
            return;
        }
        let needle = self.filter.to_lowercase();
        let end_text = |id| set.get(id).map_or("", |s| s.text.as_str());
        let passes = |r: &Relation| {
            needle.is_empty()
                || [r.label.as_str(), end_text(r.from), end_text(r.to)]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&needle))
        };
        let mut groups: Vec<Group> = session
            .schema()
            .relations
            .iter()
            .map(|r| Group {
                label: r.name.clone(),
                color: style::color(r.color),
                ids: Vec::new(),
                pending: 0,
            })
            .collect();
        let place = |id| set.get(id).map_or(usize::MAX, |s| s.start);
        let mut relations: Vec<&Relation> = set.relations().filter(|r| passes(r)).collect();
        relations.sort_by_key(|r| (place(r.from), place(r.to), r.id));
        for relation in relations {
            let g = match groups.iter().position(|g| g.label == relation.label) {
                Some(g) => g,
                None => {
                    groups.push(Group {
                        label: relation.label.clone(),
                        color: style::UNKNOWN_LABEL,
                        ids: Vec::new(),
                        pending: 0,
                    });
                    groups.len() - 1
                }
            };
            groups[g].ids.push(relation.id);
            groups[g].pending += usize::from(relation.status == Status::Pending);
        }
        self.rows = groups
            .iter()
            .enumerate()
            .filter(|(_, group)| !group.ids.is_empty())
            .flat_map(|(g, group)| {
                std::iter::once(Row::Header(g)).chain(group.ids.iter().map(|&id| Row::Relation(id)))
            })
            .collect();
        self.groups = groups;
        self.shown_for = Some(key);
    }
}

/// Shows the list.
pub fn relation_list_ui(
    ui: &mut Ui,
    list: &mut RelationList,
    session: &Session,
    selected: Option<RelationId>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut list.filter)
                .hint_text("type or either end's text")
                .desired_width(f32::INFINITY),
        );
    });
    list.refresh(session);
    if let Some(relation) = selected.and_then(|id| session.set().relation(id)) {
        selected_bar(ui, relation, commands);
    }
    ui.separator();
    if list.rows.is_empty() {
        let hint = if session.set().relation_count() == 0 {
            "No relations yet: select a span and press Ctrl+L to link it."
        } else {
            "No relation matches the filter."
        };
        ui.label(RichText::new(hint).weak());
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Button) + 4.0;
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(
        ui,
        row_height,
        list.rows.len(),
        |ui, range| {
            ui.style_mut().wrap_mode = Some(TextWrapMode::Truncate);
            for row in &list.rows[range] {
                match *row {
                    Row::Header(g) => {
                        let group = &list.groups[g];
                        let pending = match group.pending {
                            0 => String::new(),
                            n => format!(" · {n} pending"),
                        };
                        let count = plural::counted(group.ids.len(), "relation", "relations");
                        let text = RichText::new(format!("{} · {count}{pending}", group.label))
                            .color(style::readable_on(group.color, ui.visuals().panel_fill))
                            .strong();
                        ui.label(text);
                    }
                    Row::Relation(id) => {
                        let Some(relation) = session.set().relation(id) else {
                            continue;
                        };
                        let parts = row_parts(session, relation);
                        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
                        if selectable_row(ui, selected == Some(id), &parts, Tone::Normal)
                            .on_hover_text(row_hint(relation))
                            .clicked()
                        {
                            commands.push(Command::SelectRelation { id, scroll: true });
                        }
                    }
                }
            }
        },
    );
}

/// Accept, reject and delete buttons for the selected relation.
fn selected_bar(ui: &mut Ui, relation: &Relation, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let id = relation.id;
        for (name, status, hint) in [
            ("Accept", Status::Accepted, "Accept this relation (A)"),
            ("Reject", Status::Rejected, "Reject this relation (X)"),
        ] {
            let enabled = relation.status != status;
            if ui
                .add_enabled(enabled, egui::Button::new(name))
                .on_hover_text(hint)
                .clicked()
            {
                commands.push(Command::ReviewRelation { id, status });
            }
        }
        if ui
            .button("Delete")
            .on_hover_text("Delete this relation (Delete)")
            .clicked()
        {
            commands.push(Command::DeleteRelation(id));
        }
    });
}

/// An end of a relation as a row shows it: its text, shortened.
fn end_text(session: &Session, id: crate::model::SpanId) -> String {
    match session.set().get(id) {
        Some(span) => {
            let shown = crate::model::graphemes::quote_for_display(&span.text);
            crate::model::elide(&shown, 30).into_owned()
        }
        None => format!("span {id} (missing)"),
    }
}

/// A relation as a row: both ends' text, an arrow if it is directed, its
/// review status; each end's text apart, as it may read right to left.
fn row_parts(session: &Session, relation: &Relation) -> [String; 5] {
    let arrow = match session.schema().relation(&relation.label) {
        Some(def) if !def.directed => "—",
        _ => "→",
    };
    let status = match relation.status {
        Status::Accepted => "",
        Status::Pending => " (pending)",
        Status::Rejected => " (rejected)",
    };
    [
        "    ".to_owned(),
        end_text(session, relation.from),
        format!(" {arrow} "),
        end_text(session, relation.to),
        status.to_owned(),
    ]
}

/// A row's tooltip: who made the relation and what clicking does.
fn row_hint(relation: &Relation) -> String {
    format!(
        "Relation {} ({}), {}. Click to select it and scroll to it; then A accepts, X rejects, Delete deletes",
        relation.id,
        relation.label,
        super::span_list::made_by(&relation.origin, relation.score)
    )
}
