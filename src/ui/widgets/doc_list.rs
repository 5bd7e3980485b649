//! The document list of a corpus folder: status, counts, a filter, sorting
//! and the corpus's progress. A click moves to a document (saving first).

use std::path::Path;

use egui::{TextWrapMode, Ui};

use crate::corpus::{CorpusIndex, DocEntry, DocStatus, DocSummary};
use crate::ui::Command;
use crate::ui::widgets::bidi_label::{Tone, selectable_row};

/// How the list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    /// By file name.
    #[default]
    Name,
    /// New first, then to review, in progress, done.
    Status,
    /// Most pending suggestions first.
    Pending,
}

/// The list's own state.
#[derive(Default)]
pub struct DocList {
    filter: String,
    sort: SortBy,
}

/// A document's line: status, name, counts, and whether its files had a
/// problem; the name apart, as it may read right to left.
fn row_text(entry: &DocEntry, summary: &DocSummary) -> [String; 3] {
    if !entry.loaded {
        return [
            "[not read yet] ".to_owned(),
            entry.name.clone(),
            String::new(),
        ];
    }
    let problem = if entry.error.is_some() {
        " · problem"
    } else {
        ""
    };
    [
        format!("[{}] ", summary.status().name()),
        entry.name.clone(),
        format!(" · {}{problem}", summary.counts.describe()),
    ]
}

/// Shows the list; `open` is the open article and `live` its spans and
/// done mark as they are now (saved or not), which its line and the
/// progress show instead of what its entry last read or saved.
pub fn doc_list_ui(
    ui: &mut Ui,
    list: &mut DocList,
    corpus: &CorpusIndex,
    (open, live): (&Path, DocSummary),
    commands: &mut Vec<Command>,
) {
    let summary = |entry: &DocEntry| {
        if entry.path == open {
            live
        } else {
            entry.summary()
        }
    };
    let total = corpus.entries.len();
    let open_entry_done = corpus
        .position(open)
        .is_some_and(|k| corpus.entries[k].summary().done);
    let done = corpus.done_count() - usize::from(open_entry_done)
        + usize::from(live.done && corpus.position(open).is_some());
    ui.add(
        egui::ProgressBar::new(done as f32 / total.max(1) as f32)
            .text(format!("{done} of {total} done")),
    );
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut list.filter)
                .hint_text("name")
                .desired_width(120.0),
        )
        .labelled_by(label.id)
        .on_hover_text("Show only documents whose name contains this");
        egui::ComboBox::from_label("sort")
            .selected_text(match list.sort {
                SortBy::Name => "name",
                SortBy::Status => "status",
                SortBy::Pending => "pending",
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut list.sort, SortBy::Name, "name");
                ui.selectable_value(&mut list.sort, SortBy::Status, "status");
                ui.selectable_value(&mut list.sort, SortBy::Pending, "pending");
            })
            .response
            .on_hover_text("Order the list by name, status or pending suggestions");
    });
    let needle = list.filter.to_lowercase();
    let mut rows: Vec<&DocEntry> = corpus
        .entries
        .iter()
        .filter(|e| needle.is_empty() || e.name.to_lowercase().contains(&needle))
        .collect();
    match list.sort {
        SortBy::Name => {}
        SortBy::Status => rows.sort_by_cached_key(|e| (summary(e).status(), e.name.clone())),
        SortBy::Pending => {
            rows.sort_by_cached_key(|e| {
                (std::cmp::Reverse(summary(e).counts.pending), e.name.clone())
            });
        }
    }
    ui.separator();
    let row_height = ui.text_style_height(&egui::TextStyle::Button) + 4.0;
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(
        ui,
        row_height,
        rows.len(),
        |ui, range| {
            ui.style_mut().wrap_mode = Some(TextWrapMode::Truncate);
            for entry in &rows[range] {
                let line = summary(entry);
                let [status, name, counts] = row_text(entry, &line);
                let tone = if line.status() == DocStatus::Done {
                    Tone::Weak
                } else {
                    Tone::Normal
                };
                let response =
                    selectable_row(ui, entry.path == open, &[&status, &name, &counts], tone);
                // The whole line again: a narrow panel truncates it.
                let counts = format!("{}: {}", entry.name, line.counts.describe());
                let response = match &entry.error {
                    Some(err) => response.on_hover_text(crate::ui::style::shown(err)),
                    None if entry.path == open => {
                        response.on_hover_text(format!("{counts}. The document open now"))
                    }
                    None => response.on_hover_text(format!(
                        "{counts}. Open this document (the one open now is saved first)"
                    )),
                };
                if response.clicked() {
                    commands.push(Command::GoTo(entry.path.clone()));
                }
            }
        },
    );
}
