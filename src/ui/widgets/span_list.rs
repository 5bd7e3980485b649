//! The side panel listing spans grouped by label. Only the visible rows are
//! built each frame, so it stays fast with hundreds of thousands of spans.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use egui::{Color32, RichText, TextWrapMode, Ui};
use imbl::Vector;

use crate::model::{AnnotationSet, Span, SpanChange, SpanId, Status};
use crate::session::Session;
use crate::stats::StatusCounts;
use crate::ui::widgets::bidi_label::{Tone, selectable_row};
use crate::ui::{Command, style};

/// A span's place in the set's order ([`Span::sort_key`]).
type SortKey = (usize, Reverse<usize>, SpanId);

/// One label's spans.
struct Group {
    label: String,
    color: Color32,
    /// The sort keys of its spans, in order: a persistent vector, so that
    /// adding or removing one costs O(log n) with 40,000 in a group.
    members: Vector<SortKey>,
    /// Its spans by review status, kept up to date with `members`.
    counts: StatusCounts,
}

/// A row of the list.
#[derive(Clone, Copy)]
enum Row {
    /// A label's header (index into the groups).
    Header(usize),
    /// A span, by sort key.
    Span(SortKey),
}

/// The span list's state: spans grouped by label (kept up to date by
/// replaying the set's changes, so an edit costs O(log n), not a regrouping
/// of every span), and which groups are folded.
#[derive(Default)]
pub struct SpanList {
    /// The set revision the groups show.
    revision: Option<u64>,
    /// The schema's labels and colours the groups were made for.
    schema: Vec<(String, Color32)>,
    groups: Vec<Group>,
    collapsed: HashSet<String>,
}

impl SpanList {
    /// Brings the groups up to date with the session's spans and schema.
    pub fn refresh(&mut self, session: &Session) {
        let schema: Vec<(String, Color32)> = session
            .schema()
            .labels
            .iter()
            .map(|l| (l.name.clone(), style::color(l.color)))
            .collect();
        self.sync(session.set(), schema);
    }

    fn sync(&mut self, set: &AnnotationSet, schema: Vec<(String, Color32)>) {
        if schema != self.schema {
            self.schema = schema;
            self.revision = None;
        }
        if self.revision == Some(set.revision()) {
            return;
        }
        let replayed = self
            .revision
            .and_then(|r| set.changes_since(r))
            .is_some_and(|mut changes| changes.all(|c| self.replay(c)));
        if !replayed {
            self.regroup(set);
        }
        self.revision = Some(set.revision());
    }

    /// Groups every span afresh.
    fn regroup(&mut self, set: &AnnotationSet) {
        self.groups = self
            .schema
            .iter()
            .map(|(label, color)| Group {
                label: label.clone(),
                color: *color,
                members: Vector::new(),
                counts: StatusCounts::default(),
            })
            .collect();
        let mut by_label: HashMap<&str, usize> = HashMap::new();
        for (g, (label, _)) in self.schema.iter().enumerate() {
            by_label.entry(label).or_insert(g);
        }
        for span in set.spans() {
            let g = *by_label
                .entry(&span.label)
                .or_insert_with(|| push_unknown_group(&mut self.groups, &span.label));
            self.groups[g].members.push_back(span.sort_key());
            self.groups[g].counts.add(span.status);
        }
    }

    /// Applies one change; `false` if the groups must be rebuilt.
    fn replay(&mut self, change: &SpanChange) -> bool {
        match change {
            SpanChange::Inserted { span, .. } => {
                let g = match self.groups.iter().position(|g| g.label == span.label) {
                    Some(g) => g,
                    None => push_unknown_group(&mut self.groups, &span.label),
                };
                self.groups[g].members.insert_ord(span.sort_key());
                self.groups[g].counts.add(span.status);
                true
            }
            SpanChange::Removed { span, .. } => {
                let Some(g) = self.groups.iter().position(|g| g.label == span.label) else {
                    return false;
                };
                let Ok(at) = self.groups[g].members.binary_search(&span.sort_key()) else {
                    return false;
                };
                self.groups[g].members.remove(at);
                self.groups[g].counts.remove(span.status);
                let in_schema = self.schema.iter().any(|(l, _)| *l == span.label);
                if self.groups[g].members.is_empty() && !in_schema {
                    self.groups.remove(g);
                }
                true
            }
        }
    }

    /// Number of rows: a header per group, and the spans of unfolded ones.
    fn row_count(&self) -> usize {
        self.groups.iter().map(|g| 1 + self.shown_len(g)).sum()
    }

    /// How many of the group's spans are listed (none if it is folded).
    fn shown_len(&self, group: &Group) -> usize {
        if self.collapsed.contains(&group.label) {
            0
        } else {
            group.members.len()
        }
    }

    /// The rows in `range`, in order.
    fn rows(&self, range: std::ops::Range<usize>) -> Vec<Row> {
        let mut rows = Vec::with_capacity(range.len());
        let mut first = 0;
        for (g, group) in self.groups.iter().enumerate() {
            let next = first + 1 + self.shown_len(group);
            if next > range.start && first < range.end {
                if range.contains(&first) {
                    rows.push(Row::Header(g));
                }
                let from = range.start.max(first + 1) - (first + 1);
                let to = range.end.min(next) - (first + 1);
                let shown = group.members.focus().narrow(from..to);
                rows.extend(shown.into_iter().map(|&k| Row::Span(k)));
            }
            first = next;
        }
        rows
    }

    /// `(label, colour, counts by review status)` for every label in use or
    /// in the schema (O(labels): kept up to date edit by edit).
    pub fn counts(&self) -> impl Iterator<Item = (&str, Color32, StatusCounts)> {
        self.groups
            .iter()
            .map(|g| (g.label.as_str(), g.color, g.counts))
    }

    /// Every span of the open document by review status (O(labels)).
    pub fn totals(&self) -> StatusCounts {
        self.groups
            .iter()
            .fold(StatusCounts::default(), |sum, g| sum.plus(g.counts))
    }
}

/// Shows the panel.
pub fn span_list_ui(
    ui: &mut Ui,
    list: &mut SpanList,
    session: &Session,
    selected: Option<SpanId>,
    commands: &mut Vec<Command>,
) {
    crate::ui::widgets::label_chips::show(ui, session.schema(), commands);
    ui.separator();
    let row_count = list.row_count();
    let row_height = ui.text_style_height(&egui::TextStyle::Button) + 4.0;
    let mut toggle = None;
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(
        ui,
        row_height,
        row_count,
        |ui, range| {
            ui.style_mut().wrap_mode = Some(TextWrapMode::Truncate);
            for row in list.rows(range) {
                match row {
                    Row::Header(g) => {
                        let group = &list.groups[g];
                        let folded = list.collapsed.contains(&group.label);
                        let arrow = if folded { "+" } else { "-" };
                        let rejected = match group.counts.rejected {
                            0 => String::new(),
                            n => format!(" · {n} rejected"),
                        };
                        let text = RichText::new(format!(
                            "{arrow} {}{rejected}",
                            group.counts.describe_label(&group.label),
                        ))
                        .color(style::readable_on(group.color, ui.visuals().panel_fill))
                        .strong();
                        if ui
                            .selectable_label(false, text)
                            .on_hover_text("Fold or unfold")
                            .clicked()
                        {
                            toggle = Some(group.label.clone());
                        }
                    }
                    Row::Span(key) => {
                        let Some(span) = session.set().get(key.2) else {
                            continue;
                        };
                        let [quote, rest] = row_text(span);
                        if selectable_row(
                            ui,
                            selected == Some(span.id),
                            &[INDENT, &quote, &rest],
                            Tone::Normal,
                        )
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
        && !list.collapsed.remove(&label)
    {
        list.collapsed.insert(label);
    }
}

/// Adds an empty group for a label missing from the schema; returns its
/// index.
fn push_unknown_group(groups: &mut Vec<Group>, label: &str) -> usize {
    groups.push(Group {
        label: label.to_owned(),
        color: style::UNKNOWN_LABEL,
        members: Vector::new(),
        counts: StatusCounts::default(),
    });
    groups.len() - 1
}

/// A row's tooltip: who made the span and what clicking does.
fn row_hint(span: &Span) -> String {
    format!(
        "Span {} ({}), {}. Click to select it and scroll to it",
        span.id,
        span.label,
        made_by(&span.origin, span.score)
    )
}

/// Who made a span or relation, and the score it gave: "made by hand",
/// "suggested by spacy, score 0.91".
pub fn made_by(origin: &crate::model::Origin, score: Option<f64>) -> String {
    let origin = match origin {
        crate::model::Origin::Manual => "made by hand".to_owned(),
        crate::model::Origin::Extractor(name) => format!("suggested by {name}"),
        crate::model::Origin::Annotator(name) => format!("taken from {name}'s annotations"),
    };
    let score = score.map(|s| format!(", score {s:.2}")).unwrap_or_default();
    format!("{origin}{score}")
}

/// How far a span's row is indented under its label's header.
const INDENT: &str = "    ";

/// A span as a row (after [`INDENT`]): its quote (shortened; as code points
/// when it shows nothing, such as a skin tone and a joiner cut out of an
/// emoji), then its offsets and review status; the quote apart, as it may
/// read right to left.
fn row_text(span: &Span) -> [String; 2] {
    let shown = crate::model::graphemes::quote_for_display(&span.text);
    let quote: String = shown.chars().take(40).collect();
    let more = if shown.chars().count() > 40 {
        "…"
    } else {
        ""
    };
    let status = match span.status {
        Status::Accepted => "",
        Status::Pending => " (pending)",
        Status::Rejected => " (rejected)",
    };
    [
        format!("{quote}{more}"),
        format!("  {}–{}{status}", span.start, span.end),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(list: &SpanList) -> Vec<(String, Vec<SortKey>)> {
        list.groups
            .iter()
            .map(|g| (g.label.clone(), g.members.iter().copied().collect()))
            .collect()
    }

    #[test]
    fn groups_kept_up_to_date_match_groups_made_afresh() {
        let schema = vec![
            ("person".to_owned(), Color32::RED),
            ("role".to_owned(), Color32::BLUE),
        ];
        let labels = ["person", "role", "odd"];
        let mut set = AnnotationSet::new();
        let mut kept = SpanList::default();
        for id in 1..300u64 {
            let n = usize::try_from(id).unwrap_or_default();
            let label = labels[n * 7 % 3];
            let start = n * 37 % 500;
            let status = if id % 3 == 0 {
                Status::Pending
            } else {
                Status::Accepted
            };
            set.insert(Span {
                status,
                ..Span::manual(id, start, start + 3, label, "")
            });
            if id % 5 == 0
                && let Some(pending) = set.spans().iter().find(|s| s.status == Status::Pending)
            {
                // Accepting a suggestion: removed, then inserted accepted.
                let accepted = Span {
                    status: Status::Accepted,
                    ..pending.clone()
                };
                set.remove(accepted.id);
                set.insert(accepted);
            }
            if id % 4 == 0 {
                let victim = set.spans()[n * 13 % set.len()].id;
                set.remove(victim);
            }
            kept.sync(&set, schema.clone());
            let mut fresh = SpanList::default();
            fresh.sync(&set, schema.clone());
            assert_eq!(groups(&kept), groups(&fresh), "after span {id}");
            let counts = |list: &SpanList| list.counts().map(|(_, _, c)| c).collect::<Vec<_>>();
            assert_eq!(counts(&kept), counts(&fresh), "counts after span {id}");
        }
        kept.collapsed.insert("person".to_owned());
        let rows = kept.rows(0..kept.row_count());
        let headers = rows.iter().filter(|r| matches!(r, Row::Header(_))).count();
        assert_eq!(headers, kept.groups.len());
        let shown =
            kept.groups[1].members.len() + kept.groups.get(2).map_or(0, |g| g.members.len());
        assert_eq!(rows.len(), headers + shown, "folded group's spans hidden");
        let middle = kept.rows(5..9);
        assert_eq!(middle.len(), 4);
    }
}
