//! "Offer the other occurrences too?": asked when a tagged text has more new
//! occurrences in the document than [`OFFER_AT_ONCE`]. The nearest ones are
//! offered at once; the rest wait for this answer (O or Enter: offer them,
//! as one more undo step; Esc: leave them).

use std::sync::Arc;

use super::{KeyName, PromptAnswer, answer_row};
use crate::model::{Document, Span};
use crate::plural;
use crate::suggest::Suggestion;
use crate::suggest::occurrences::OFFER_AT_ONCE;

/// A tagged text's occurrences held back, waiting for the user's answer.
pub struct HeldOccurrences {
    /// The span that was tagged, as tagged.
    pub span: Span,
    /// The text they were found in: a reload or another document drops them.
    pub doc: Arc<Document>,
    /// How many were offered at once.
    pub offered: usize,
    /// The occurrences held back, in text order.
    pub held: Vec<Suggestion>,
    /// Whether the question was drawn once: the first frame only sizes it,
    /// so a second one is asked for.
    pub drawn: std::cell::Cell<bool>,
}

/// The answers to "offer the other occurrences too?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeldAnswer {
    /// Offer them, as one more undo step.
    Offer,
    /// Leave them.
    NotNow,
}

/// Shows the question.
pub fn show(ctx: &egui::Context, held: &HeldOccurrences, key: KeyName) -> Option<HeldAnswer> {
    if !held.drawn.replace(true) {
        ctx.request_repaint();
    }
    egui::Modal::new(egui::Id::unique("held_occurrences"))
        .show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Offer more occurrences?");
            let total = held.offered + held.held.len();
            ui.label(format!(
                "“{}” occurs {total} more times in this article. The {} nearest the span \
             you tagged are offered as pending suggestions (at most {OFFER_AT_ONCE} at once).",
                held.span.text, held.offered
            ));
            let rest = plural::counted(held.held.len(), "occurrence", "occurrences");
            ui.label(format!(
            "Offer the other {rest} too, as {}? Either way, Ctrl+Z takes back what was offered.",
            held.span.label
        ));
            let offer = format!("Offer {} more", held.held.len());
            answer_row(
                ui,
                key,
                PromptAnswer::HeldOccurrences,
                &[
                    (offer.as_str(), HeldAnswer::Offer),
                    ("Not now", HeldAnswer::NotNow),
                ],
            )
        })
        .inner
}
