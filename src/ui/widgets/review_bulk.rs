//! The review panel's bulk actions: "Accept all N" / "Reject all N" for
//! the open document and for the whole folder, the folder-wide job's
//! progress and Cancel, and "Take back". N counts the pending spans,
//! entity links (of accepted spans) and relations passing the filter:
//! what the action changes (`Session::bulk_status_edit`).

use egui::Ui;

use crate::model::Status;
use crate::session::ReviewFilter;
use crate::ui::Command;

/// What the review panel shows of the folder-wide review.
#[derive(Clone, Copy, Debug, Default)]
pub struct FolderView {
    /// The running job's documents done and in the run, and the status it
    /// sets.
    pub running: Option<(usize, usize, Status)>,
    /// The last folder-wide review that can be taken back: its status, and
    /// how many documents and spans it changed.
    pub last: Option<(Status, usize, usize)>,
}

/// "Accept all N" / "Reject all N" for this document and for the folder
/// (`passing`: how many pass the filter in each), the folder-wide job's
/// progress and Cancel, and "Take back".
pub fn bulk_buttons(
    ui: &mut Ui,
    (here, everywhere): (usize, usize),
    filter: &ReviewFilter,
    folder: &FolderView,
    commands: &mut Vec<Command>,
) {
    let idle = folder.running.is_none();
    let filter = filter.clone();
    let this_document = BulkPair {
        count: here,
        enabled: here > 0,
        where_: "",
        tip: "of this document passing the filter (this document only; one undo step)",
        disabled: "No pending suggestion of this document passes the filter",
    };
    bulk_pair(ui, &this_document, commands, |status| Command::Bulk {
        filter: filter.clone(),
        status,
    });
    let folder_wide = BulkPair {
        count: everywhere,
        enabled: idle && everywhere > 0,
        where_: " in folder",
        tip: "passing the filter in every document of the folder: this one as one undo \
                  step, the others saved to their files in the background (Take back undoes it)",
        disabled: "No pending suggestion in the folder passes the filter, or a folder-wide \
                       review is running",
    };
    bulk_pair(ui, &folder_wide, commands, |status| Command::BulkFolder {
        filter: filter.clone(),
        status,
    });
    if let Some((done, total, _)) = folder.running {
        ui.horizontal(|ui| {
            let fraction = if total == 0 {
                1.0
            } else {
                done as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(160.0)
                    .text(format!("{done} of {total} documents")),
            );
            if ui
                .button("Cancel")
                .on_hover_text("Stop before the next document; those done stay done")
                .clicked()
            {
                commands.push(Command::CancelBulkFolder);
            }
        });
    } else if let Some((status, documents, spans)) = folder.last {
        let verb = if status == Status::Accepted {
            "accept"
        } else {
            "reject"
        };
        let what = format!(
            "{} in {}",
            crate::plural::counted(spans, "suggestion", "suggestions"),
            crate::plural::counted(documents, "document", "documents")
        );
        if ui
            .button(format!("Take back the folder-wide {verb}"))
            .on_hover_text(format!(
                "Make the {what} that the last folder-wide {verb} changed pending again, \
                     where they still are as it left them (each document saved again)"
            ))
            .clicked()
        {
            commands.push(Command::UndoBulkFolder);
        }
    }
}

/// What a bulk action does with suggested entity links, for its tooltip:
/// what A and X do with each.
fn links_note(status: Status) -> &'static str {
    if status == Status::Accepted {
        "An entity link passes by its span's label (a filter by origin or score passes none); \
         a pending span's suggested link that passes is accepted with it."
    } else {
        "An entity link passes by its span's label (a filter by origin or score passes none); \
         a pending span's link is left as it is, its span rejected."
    }
}

/// One row of bulk buttons: "Accept all{where_} N" and "Reject all{where_} N".
struct BulkPair {
    count: usize,
    enabled: bool,
    where_: &'static str,
    /// The tooltip after "Accept the N pending suggestions ".
    tip: &'static str,
    /// The tooltip when disabled.
    disabled: &'static str,
}

fn bulk_pair(
    ui: &mut Ui,
    pair: &BulkPair,
    commands: &mut Vec<Command>,
    command: impl Fn(Status) -> Command,
) {
    ui.horizontal(|ui| {
        for (verb, status) in [("Accept", Status::Accepted), ("Reject", Status::Rejected)] {
            let BulkPair { count, where_, .. } = pair;
            let button = egui::Button::new(format!("{verb} all{where_} {count}"));
            if ui
                .add_enabled(pair.enabled, button)
                .on_hover_text(format!(
                    "{verb} the {count} pending suggestions (spans, entity links, relations) {}. \
                     {}",
                    pair.tip,
                    links_note(status)
                ))
                .on_disabled_hover_text(pair.disabled)
                .clicked()
            {
                commands.push(command(status));
            }
        }
    });
}
