//! The side panel listing spans grouped by label. Only the visible rows are
//! built each frame, so it stays fast with hundreds of thousands of spans.

use std::collections::HashSet;

use egui::{Color32, RichText, TextWrapMode, Ui};

use super::{Command, style};
use crate::model::{Span, StateId, Status};
use crate::session::Session;

/// One label's spans.
struct Group {
    label: String,
    color: Color32,
    /// Indices into the set's spans.
    members: Vec<usize>,
}

/// A row of the list.
#[derive(Clone, Copy)]
enum Row {
    /// A label's header (index into the groups).
    Header(usize),
    /// A span (index into the set's spans).
    Span(usize),
}

/// The span list's state: groups cached per state of the annotation set, and
/// which groups are folded.
#[derive(Default)]
pub struct SpanList {
    key: Option<(StateId, usize, usize)>,
    groups: Vec<Group>,
    rows: Vec<Row>,
    collapsed: HashSet<String>,
}

impl SpanList {
    /// Regroups the spans if the set changed since the last call.
    pub fn refresh(&mut self, session: &Session) {
        let key = (
            session.history().state(),
            session.set().len(),
            self.collapsed.len(),
        );
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let schema = session.schema();
        self.groups = schema
            .labels
            .iter()
            .map(|l| Group {
                label: l.name.clone(),
                color: style::color(l.color),
                members: Vec::new(),
            })
            .collect();
        for (i, span) in session.set().spans().iter().enumerate() {
            let group = match self.groups.iter().position(|g| g.label == span.label) {
                Some(g) => g,
                None => {
                    self.groups.push(Group {
                        label: span.label.clone(),
                        color: style::UNKNOWN_LABEL,
                        members: Vec::new(),
                    });
                    self.groups.len() - 1
                }
            };
            self.groups[group].members.push(i);
        }
        self.rows.clear();
        for (g, group) in self.groups.iter().enumerate() {
            self.rows.push(Row::Header(g));
            if !self.collapsed.contains(&group.label) {
                self.rows
                    .extend(group.members.iter().map(|&i| Row::Span(i)));
            }
        }
    }

    /// `(label, colour, count)` for every label in use or in the schema.
    pub fn counts(&self) -> impl Iterator<Item = (&str, Color32, usize)> {
        self.groups
            .iter()
            .map(|g| (g.label.as_str(), g.color, g.members.len()))
    }

    /// Shows the panel.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        session: &Session,
        selected: Option<crate::model::SpanId>,
        commands: &mut Vec<Command>,
    ) {
        ui.heading("Spans");
        ui.horizontal_wrapped(|ui| {
            for label in &session.schema().labels {
                let text = RichText::new(&label.name).color(style::color(label.color));
                let keys: Vec<String> = label
                    .hotkeys
                    .iter()
                    .map(|k| k.to_uppercase().to_string())
                    .collect();
                let tip = format!("{} ({})", label.description, keys.join(" or "));
                if ui.button(text).on_hover_text(tip).clicked() {
                    commands.push(Command::ApplyLabel(label.name.clone()));
                }
            }
        });
        ui.separator();
        let spans = session.set().spans();
        let row_height = ui.text_style_height(&egui::TextStyle::Button) + 4.0;
        let mut toggle = None;
        egui::ScrollArea::vertical().auto_shrink(false).show_rows(
            ui,
            row_height,
            self.rows.len(),
            |ui, range| {
                ui.style_mut().wrap_mode = Some(TextWrapMode::Truncate);
                for row in &self.rows[range] {
                    match *row {
                        Row::Header(g) => {
                            let group = &self.groups[g];
                            let folded = self.collapsed.contains(&group.label);
                            let arrow = if folded { "+" } else { "-" };
                            let text = RichText::new(format!(
                                "{arrow} {} ({})",
                                group.label,
                                group.members.len()
                            ))
                            .color(group.color)
                            .strong();
                            if ui
                                .selectable_label(false, text)
                                .on_hover_text("Fold or unfold")
                                .clicked()
                            {
                                toggle = Some(group.label.clone());
                            }
                        }
                        Row::Span(i) => {
                            let span = &spans[i];
                            let text = row_text(span);
                            if ui
                                .selectable_label(selected == Some(span.id), text)
                                .on_hover_ui(|ui| {
                                    ui.label(row_hint(span));
                                })
                                .clicked()
                            {
                                commands.push(Command::SelectSpan {
                                    id: span.id,
                                    scroll: true,
                                });
                            }
                        }
                    }
                }
            },
        );
        if let Some(label) = toggle
            && !self.collapsed.remove(&label)
        {
            self.collapsed.insert(label);
        }
    }
}

/// A span as a row: its quote (shortened), offsets and review status.
/// A row's tooltip: who made the span and what clicking does.
fn row_hint(span: &Span) -> String {
    let origin = match &span.origin {
        crate::model::Origin::Manual => "made by hand".to_owned(),
        crate::model::Origin::Extractor(name) => format!("suggested by {name}"),
    };
    let score = span
        .score
        .map(|s| format!(", score {s:.2}"))
        .unwrap_or_default();
    format!(
        "Span {} ({}), {origin}{score}. Click to select it and scroll to it",
        span.id, span.label
    )
}

fn row_text(span: &Span) -> String {
    let quote: String = span.text.chars().take(40).collect();
    let more = if span.text.chars().count() > 40 {
        "…"
    } else {
        ""
    };
    let status = match span.status {
        Status::Accepted => "",
        Status::Pending => " (pending)",
        Status::Rejected => " (rejected)",
    };
    format!("    {quote}{more}  {}–{}{status}", span.start, span.end)
}
