//! The facts table window (View > Facts table, Ctrl+Shift+F): one row per
//! person —holds→ role —of→ country of the open folder (and the
//! initiatives they are party to), built in the background from the saved
//! files, the open document's rows from its annotations as they are (made
//! again after each edit); sorted by a click on a column's header (again: the other way),
//! filtered by text, each row's first cell going to its evidence (opens
//! the document and selects the person's span), and each name to its own
//! span (its quote, entity and offsets on hover); the Offsets column says
//! where the row's spans are.

use std::borrow::Cow;

use egui::{RichText, TextWrapMode, Ui};

use crate::facts::{Fact, Mention};
use crate::plural;
use crate::ui::Command;
use std::path::{Path, PathBuf};

use super::facts_order;
use crate::ui::background::facts_job::{FactRow, FactsJob, FactsResult};

/// A column of the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FactColumn {
    /// Who holds the role.
    #[default]
    Person,
    /// The role.
    Role,
    /// Whose role.
    Country,
    /// The initiatives.
    Initiatives,
    /// The article.
    Document,
    /// The sentence.
    Quote,
    /// Where the fact's spans are in the article (code points).
    Offsets,
}

impl FactColumn {
    /// Every column, left to right.
    pub const ALL: [Self; 7] = [
        Self::Person,
        Self::Role,
        Self::Country,
        Self::Initiatives,
        Self::Document,
        Self::Offsets,
        Self::Quote,
    ];

    fn title(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::Role => "Role",
            Self::Country => "Country",
            Self::Initiatives => "Initiatives",
            Self::Document => "Document",
            Self::Quote => "Quote",
            Self::Offsets => "Offsets",
        }
    }

    fn width(self) -> f32 {
        match self {
            Self::Quote => 320.0,
            Self::Document => 150.0,
            Self::Offsets => 90.0,
            _ => 140.0,
        }
    }

    /// The cell's text in a row.
    fn cell(self, fact: &Fact) -> String {
        self.cell_text(fact).into_owned()
    }

    /// The cell's text in a row, borrowed from the fact where it can be.
    pub fn cell_text(self, fact: &Fact) -> Cow<'_, str> {
        fn name(m: &Option<Mention>) -> Cow<'_, str> {
            m.as_ref()
                .map_or(Cow::Borrowed(""), |m| Cow::Borrowed(m.name.as_str()))
        }
        match self {
            Self::Person => name(&fact.person),
            Self::Role => name(&fact.role),
            Self::Country => name(&fact.country),
            Self::Initiatives => {
                let names: Vec<&str> = fact.initiatives.iter().map(|m| m.name.as_str()).collect();
                Cow::Owned(names.join("; "))
            }
            Self::Document => Cow::Borrowed(fact.document.as_str()),
            Self::Quote => Cow::Borrowed(fact.quote.as_str()),
            Self::Offsets => {
                span_range(fact).map_or(Cow::Borrowed(""), |(a, b)| Cow::Owned(format!("{a}–{b}")))
            }
        }
    }

    /// The first code point of the row's spans (what the Offsets column
    /// sorts by).
    pub fn first_offset(self, fact: &Fact) -> Option<usize> {
        span_range(fact).map(|(start, _)| start)
    }

    /// The mention a cell names, which a click on it goes to.
    fn mention(self, fact: &Fact) -> Option<&Mention> {
        match self {
            Self::Person => fact.person.as_ref(),
            Self::Role => fact.role.as_ref(),
            Self::Country => fact.country.as_ref(),
            Self::Initiatives => fact.initiatives.first(),
            Self::Document | Self::Quote | Self::Offsets => None,
        }
    }
}

/// The first and last code point of a fact's spans.
fn span_range(fact: &Fact) -> Option<(usize, usize)> {
    let mentions = || mentions(fact);
    let start = mentions().map(|m| m.start).min()?;
    let end = mentions().map(|m| m.end).max()?;
    Some((start, end))
}

/// Every span of a fact: person, role, country, then its initiatives.
fn mentions(fact: &Fact) -> impl Iterator<Item = &Mention> {
    [&fact.person, &fact.role, &fact.country]
        .into_iter()
        .flatten()
        .chain(&fact.initiatives)
}

/// Where a mention comes from, as a cell's hover says it.
fn provenance(mention: &Mention) -> String {
    let entity = mention
        .entity
        .as_deref()
        .map_or_else(|| "no entity".to_owned(), |id| format!("entity {id}"));
    format!(
        "“{}”, {entity}, code points {}–{}. Click to select it in its document",
        mention.text, mention.start, mention.end
    )
}

/// The window's state, kept with the folder.
#[derive(Default)]
pub struct FactsPanel {
    /// Whether it shows.
    pub open: bool,
    /// The build running, if any.
    pub job: Option<FactsJob>,
    /// The last build's rows (or why there are none).
    pub result: Option<Result<FactsResult, String>>,
    /// Text a row's cells must contain (any case).
    pub filter: String,
    /// The column sorted by.
    pub sort: FactColumn,
    /// Whether the sort is from Z to A.
    pub descending: bool,
    /// The rows shown (indices into the result), and what they were
    /// made for; `None` after a new result.
    shown: Option<(String, FactColumn, bool, Vec<usize>)>,
    /// The open document's state its rows were made from: its article and
    /// its set's revisions (spans, relations); `None` after a new result.
    pub open_rows_for: Option<(PathBuf, u64, u64)>,
}

impl FactsPanel {
    /// Takes a new result, with its order if it was made for the table's
    /// filter and sort as they are (else the rows are ordered again).
    pub fn set_result(&mut self, mut result: Result<FactsResult, String>) {
        let order = result.as_mut().ok().and_then(|r| r.order.take());
        self.shown = order
            .filter(|(shown, _)| *shown == self.shown_as())
            .map(|((filter, sort, descending), order)| (filter, sort, descending, order));
        self.result = Some(result);
        self.open_rows_for = None;
    }

    /// The filter, the column sorted by and the direction, as they are.
    pub fn shown_as(&self) -> (String, FactColumn, bool) {
        (self.filter.clone(), self.sort, self.descending)
    }

    /// Puts `rows` in place of article `txt`'s (see
    /// [`FactsResult::replace_document`]); the rows are sorted and
    /// filtered again. Nothing without a table.
    pub fn replace_document(
        &mut self,
        txt: &Path,
        rows: Vec<FactRow>,
        rank: &dyn Fn(&Path) -> Option<usize>,
    ) {
        if let Some(Ok(result)) = &mut self.result {
            let (replaced, added) = result.replace_document(txt, rows, rank);
            // Only this document's rows leave and enter the order.
            if let Some((filter, sort, descending, order)) = &mut self.shown {
                let how = (filter.as_str(), *sort, *descending);
                facts_order::splice_order(order, replaced, added, &result.rows, how);
            }
        }
    }

    /// The rows shown, in order (indices into the result's rows).
    fn refresh(&mut self) -> &[usize] {
        let rows = match &self.result {
            Some(Ok(result)) => result.rows.as_slice(),
            _ => &[],
        };
        let stale = self
            .shown
            .as_ref()
            .is_none_or(|(f, s, d, _)| (f, *s, *d) != (&self.filter, self.sort, self.descending));
        if stale {
            let shown = facts_order::order_rows(rows, &self.filter, self.sort, self.descending);
            self.shown = Some((self.filter.clone(), self.sort, self.descending, shown));
        }
        self.shown
            .as_ref()
            .map_or(&[][..], |(_, _, _, shown)| shown.as_slice())
    }
}

/// The span a row's evidence is: its person, else its role, country or
/// first initiative.
fn evidence(fact: &Fact) -> Option<&Mention> {
    mentions(fact).next()
}

/// The facts window, while open.
pub fn facts_window(ctx: &egui::Context, panel: &mut FactsPanel, commands: &mut Vec<Command>) {
    let mut open = panel.open;
    egui::Window::new("Facts")
        .open(&mut open)
        .default_size([900.0, 420.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Filter:");
                ui.add(
                    egui::TextEdit::singleline(&mut panel.filter)
                        .hint_text("any cell's text")
                        .desired_width(240.0),
                );
                if ui
                    .add_enabled(panel.job.is_none(), egui::Button::new("Rebuild"))
                    .on_hover_text("Read the folder's saved files again (this document as it is)")
                    .clicked()
                {
                    commands.push(Command::RebuildFacts);
                }
            });
            if panel.job.is_some() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Building the facts table…");
                });
                return;
            }
            match &panel.result {
                None => {
                    ui.label("Nothing built yet.");
                }
                Some(Err(why)) => {
                    ui.label(format!("No facts to show: {why}"));
                }
                Some(Ok(_)) => {}
            }
            if matches!(panel.result, Some(Ok(_))) {
                table_ui(ui, panel, commands);
            }
        });
    if panel.open && !open {
        commands.push(Command::ToggleFacts);
    }
}

fn table_ui(ui: &mut Ui, panel: &mut FactsPanel, commands: &mut Vec<Command>) {
    let shown = panel.refresh().to_vec();
    let Some(Ok(result)) = &panel.result else {
        return;
    };
    let total = result.rows.len();
    let mut summary = format!(
        "{} of {} (this document as edited, the others as saved; the first cell goes to the evidence)",
        plural::counted(shown.len(), "fact", "facts"),
        total
    );
    if !result.problems.is_empty() {
        let problems = plural::counted(result.problems.len(), "article", "articles");
        summary.push_str(&format!("; {problems} could not be read"));
    }
    ui.label(RichText::new(summary).weak())
        .on_hover_text(result.problems.join("\n"));
    ui.horizontal(|ui| {
        for column in FactColumn::ALL {
            let arrow = match (panel.sort == column, panel.descending) {
                (false, _) => "",
                (true, false) => " ▲",
                (true, true) => " ▼",
            };
            let header =
                egui::Button::new(RichText::new(format!("{}{arrow}", column.title())).strong())
                    .frame(false);
            if ui
                .add_sized([column.width(), 18.0], header)
                .on_hover_text("Sort by this column (again: the other way)")
                .clicked()
            {
                if panel.sort == column {
                    panel.descending = !panel.descending;
                } else {
                    panel.sort = column;
                    panel.descending = false;
                }
            }
        }
    });
    ui.separator();
    let row_height = ui.text_style_height(&egui::TextStyle::Button) + 4.0;
    egui::ScrollArea::both().auto_shrink(false).show_rows(
        ui,
        row_height,
        shown.len(),
        |ui, range| {
            ui.style_mut().wrap_mode = Some(TextWrapMode::Truncate);
            for &at in &shown[range] {
                let row = &result.rows[at];
                ui.horizontal(|ui| {
                    for (k, column) in FactColumn::ALL.into_iter().enumerate() {
                        let text = column.cell(&row.fact);
                        let size = [column.width(), row_height - 4.0];
                        if k == 0 {
                            let first = if text.is_empty() {
                                "–".to_owned()
                            } else {
                                text
                            };
                            let link = ui.add_sized(size, egui::Link::new(first));
                            let hover = evidence(&row.fact).map_or_else(String::new, provenance);
                            if link.on_hover_text(hover).clicked()
                                && let Some(mention) = evidence(&row.fact)
                            {
                                commands.push(Command::ShowEvidence {
                                    txt: row.txt.clone(),
                                    span: mention.span,
                                });
                            }
                        } else if let Some(mention) = column.mention(&row.fact) {
                            // A name: its provenance on hover, its span on a click.
                            let label = egui::Label::new(text)
                                .truncate()
                                .sense(egui::Sense::click());
                            if ui
                                .add_sized(size, label)
                                .on_hover_text(provenance(mention))
                                .clicked()
                            {
                                commands.push(Command::ShowEvidence {
                                    txt: row.txt.clone(),
                                    span: mention.span,
                                });
                            }
                        } else {
                            ui.add_sized(size, egui::Label::new(text).truncate());
                        }
                    }
                });
            }
        },
    );
}
