//! "Mark done with suggestions still to review?", asked by Ctrl+Enter (Mark
//! done and next) when the document has pending suggestions (spans, entity
//! links or relations): marking it done would leave them unreviewed. Its answers are applied in
//! `ui/apply/prompts.rs`; its keys are in the action table.

use super::{KeyName, PromptAnswer, answer_button};
use crate::plural::counted;

/// The question, while it waits for an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkDonePrompt {
    /// The pending span suggestions the document has.
    pub pending: usize,
    /// Its accepted spans' suggested entity links nobody has reviewed.
    pub links: usize,
    /// Its pending relations.
    pub relations: usize,
}

impl MarkDonePrompt {
    /// What is left to review: "3 suggestions", "1 relation", "2
    /// suggestions and 1 relation", "1 suggestion, 1 entity link and 2
    /// relations".
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.pending, "suggestion", "suggestions"),
            (self.links, "entity link", "entity links"),
            (self.relations, "relation", "relations"),
        ]
        .into_iter()
        .filter(|&(n, _, _)| n > 0)
        .map(|(n, one, many)| counted(n, one, many))
        .collect();
        match parts.as_slice() {
            [] => counted(0, "suggestion", "suggestions"),
            [one] => one.clone(),
            [first @ .., last] => format!("{} and {last}", first.join(", ")),
        }
    }
}

/// The answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkDoneAnswer {
    /// Mark it done anyway (the suggestions stay pending), save, go on.
    MarkDone,
    /// Stay, and select the first pending suggestion to review it.
    Review,
    /// Stay; nothing changes.
    Cancel,
}

/// The question's window, while it is asked.
pub fn show(
    ctx: &egui::Context,
    prompt: &MarkDonePrompt,
    name: &str,
    key: KeyName,
) -> Option<MarkDoneAnswer> {
    let mut answer = None;
    let suggestions = prompt.describe();
    egui::Modal::new(egui::Id::unique("mark_done_prompt")).show(ctx, |ui| {
        ui.heading("Suggestions still to review");
        ui.label(format!(
            "{name} has {suggestions} nobody has reviewed. Mark it done anyway?"
        ));
        ui.label("Marked done, the document keeps them in its file, unreviewed.");
        ui.horizontal(|ui| {
            for (text, choice, tip) in [
                (
                    "Mark done",
                    MarkDoneAnswer::MarkDone,
                    "Mark the document done with its suggestions pending, save, go to the next",
                ),
                (
                    "Review them",
                    MarkDoneAnswer::Review,
                    "Stay, and select the first pending suggestion",
                ),
                ("Cancel", MarkDoneAnswer::Cancel, "Stay; nothing changes"),
            ] {
                if ui
                    .add(answer_button(text, PromptAnswer::MarkDone(choice), key))
                    .on_hover_text(tip)
                    .clicked()
                {
                    answer = Some(choice);
                }
            }
        });
    });
    answer
}
