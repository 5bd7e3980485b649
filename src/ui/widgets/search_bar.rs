//! The search bar (Ctrl+F): query, options, hit count, navigation, and
//! "Annotate all" with a label, here or across the corpus.

use std::ops::Range;

use egui::{Key, RichText, Ui};

use crate::model::Document;
use crate::model::search::{Search, SearchOptions};
use crate::ui::Command;
use crate::ui::widgets::bidi_text_edit::bidi_singleline;

/// The search bar's state.
#[derive(Default)]
pub struct SearchBar {
    /// What to look for.
    pub query: String,
    /// Case, whole word, regex.
    pub options: SearchOptions,
    /// The label "Annotate all" uses.
    pub label: String,
    /// Whether "Annotate all" also offers the hits in the other documents.
    pub across_corpus: bool,
    /// The hits in the open document.
    pub hits: Vec<Range<usize>>,
    /// The hit last moved to.
    pub current: Option<usize>,
    /// Why the query does not compile, if it does not.
    pub error: Option<String>,
    searched: Option<(String, SearchOptions)>,
    focus: bool,
}

impl SearchBar {
    /// A bar with the keyboard focus in its query box.
    pub fn new(first_label: &str) -> Self {
        Self {
            label: first_label.to_owned(),
            focus: true,
            ..Default::default()
        }
    }

    /// Puts the keyboard focus back in the query box.
    pub fn focus(&mut self) {
        self.focus = true;
    }

    /// The compiled query, if it is valid and not empty.
    pub fn search(&self) -> Option<Search> {
        (!self.query.is_empty())
            .then(|| Search::new(&self.query, &self.options).ok())
            .flatten()
    }

    /// Makes the next [`Self::refresh`] search again (another document).
    pub fn forget_hits(&mut self) {
        self.searched = None;
    }

    /// Searches again if the query or options changed.
    pub fn refresh(&mut self, doc: &Document) {
        let key = (self.query.clone(), self.options.clone());
        if self.searched.as_ref() == Some(&key) {
            return;
        }
        self.searched = Some(key);
        self.current = None;
        match Search::new(&self.query, &self.options) {
            Ok(search) => {
                self.hits = search.find_all(doc);
                self.error = None;
            }
            Err(err) => {
                self.hits.clear();
                self.error = Some(err.to_string());
            }
        }
    }

    /// The hit after (or before) the current one, or after `caret`.
    pub fn step(&mut self, forward: bool, caret: usize) -> Option<Range<usize>> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let index = match (self.current, forward) {
            (Some(k), true) => (k + 1) % n,
            (Some(k), false) => (k + n - 1) % n,
            (None, true) => self.hits.iter().position(|h| h.start >= caret).unwrap_or(0),
            (None, false) => self
                .hits
                .iter()
                .rposition(|h| h.start < caret)
                .unwrap_or(n - 1),
        };
        self.current = Some(index);
        self.hits.get(index).cloned()
    }
}

/// Shows the bar.
pub fn search_bar_ui(
    ui: &mut Ui,
    bar: &mut SearchBar,
    labels: &[String],
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Find");
        // A Persian query shows in visual order, as the text does.
        let response =
            bidi_singleline(ui, &mut bar.query, "search_query", "text or pattern", 220.0);
        let response = response.labelled_by(label.id).on_hover_text(
            "Text to find; Enter / Shift+Enter go to the next / previous hit, Esc closes",
        );
        if std::mem::take(&mut bar.focus) {
            response.request_focus();
        }
        if response.lost_focus() {
            let (enter, shift, escape) = ui.input(|i| {
                (
                    i.key_pressed(Key::Enter),
                    i.modifiers.shift,
                    i.key_pressed(Key::Escape),
                )
            });
            if enter {
                commands.push(if shift {
                    Command::SearchPrev
                } else {
                    Command::SearchNext
                });
                bar.focus = true;
            } else if escape {
                commands.push(Command::CloseSearch);
            }
        }
        ui.checkbox(&mut bar.options.case_sensitive, "Match case")
            .on_hover_text("Off: upper and lower case match each other");
        ui.checkbox(&mut bar.options.whole_word, "Whole word")
            .on_hover_text("Only matches that are whole words");
        ui.checkbox(&mut bar.options.regex, "Regex")
            .on_hover_text("The query is a regular expression");
        match (&bar.error, bar.hits.len(), bar.current) {
            (Some(err), _, _) => {
                ui.colored_label(ui.visuals().error_fg_color, err);
            }
            (None, 0, _) if !bar.query.is_empty() => {
                ui.label("no hits");
            }
            (None, n, Some(k)) => {
                ui.label(format!("{} of {n}", k + 1));
            }
            (None, n, None) => {
                ui.label(format!("{n} hits"));
            }
        }
        if ui
            .button("Previous")
            .on_hover_text("Go to the previous hit (Shift+Enter)")
            .clicked()
        {
            commands.push(Command::SearchPrev);
        }
        if ui
            .button("Next")
            .on_hover_text("Go to the next hit (Enter)")
            .clicked()
        {
            commands.push(Command::SearchNext);
        }
        ui.separator();
        egui::ComboBox::from_label("label")
            .selected_text(RichText::new(&bar.label))
            .show_ui(ui, |ui| {
                for name in labels {
                    ui.selectable_value(&mut bar.label, name.clone(), name);
                }
            })
            .response
            .on_hover_text("The label Annotate all gives the hits");
        ui.checkbox(&mut bar.across_corpus, "across the folder")
            .on_hover_text(
                "Also offer the hits in the folder's other documents, as pending suggestions",
            );
        let annotate = ui
            .add_enabled(!bar.hits.is_empty(), egui::Button::new("Annotate all"))
            .on_hover_text("Tag every hit, widened to whole words, with the label (one undo step)")
            .on_disabled_hover_text("Tags every hit with the label; there are no hits yet");
        if annotate.clicked() {
            commands.push(Command::AnnotateAll);
        }
        if ui
            .button("Close")
            .on_hover_text("Esc in the search box")
            .clicked()
        {
            commands.push(Command::CloseSearch);
        }
    });
}
