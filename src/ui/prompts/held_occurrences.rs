//! "Offer the other occurrences too?": asked when a tagged text has more new
//! occurrences in the document than [`OFFER_AT_ONCE`]. The nearest ones are
//! offered at once; the rest wait for this answer (O or Enter: offer them,
//! as one more undo step; Esc: leave them).

use std::sync::Arc;

use egui::Key;

use crate::model::{Document, Span};
use crate::plural;
use crate::suggest::occurrences::OFFER_AT_ONCE;
use crate::suggest::{Suggestion, added_count, pending_edit};
use crate::ui::app::NewsmarkApp;
use crate::ui::{Command, keys};

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

/// Keys while the question is shown: O or Enter offers the rest, Escape
/// leaves them.
pub fn key_commands(ctx: &egui::Context) -> Vec<Command> {
    keys::pressed_keys(ctx)
        .into_iter()
        .filter_map(|(key, _)| match key {
            Key::O | Key::Enter => Some(Command::OfferHeldOccurrences(true)),
            Key::Escape => Some(Command::OfferHeldOccurrences(false)),
            _ => None,
        })
        .collect()
}

/// Shows the question, if there is one.
pub fn show(ctx: &egui::Context, app: &NewsmarkApp, commands: &mut Vec<Command>) {
    let Some(held) = &app.prompts.held_occurrences else {
        return;
    };
    if !held.drawn.replace(true) {
        ctx.request_repaint();
    }
    egui::Modal::new(egui::Id::unique("held_occurrences")).show(ctx, |ui| {
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
        ui.horizontal(|ui| {
            let offer = format!("Offer {} more", held.held.len());
            for (text, key, command) in [
                (offer.as_str(), "O", Command::OfferHeldOccurrences(true)),
                ("Not now", "Esc", Command::OfferHeldOccurrences(false)),
            ] {
                if ui.add(egui::Button::new(text).shortcut_text(key)).clicked() {
                    commands.push(command);
                }
            }
        });
    });
}

impl NewsmarkApp {
    /// The answer to "offer the other occurrences too?": offer them as one
    /// undo step (if the span is still there, on the same text), or leave
    /// them.
    pub(in crate::ui) fn answer_held_occurrences(&mut self, offer: bool) {
        let Some(held) = self.prompts.held_occurrences.take() else {
            return;
        };
        let quote = &held.span.text;
        if !offer {
            let rest = plural::counted(held.held.len(), "other occurrence", "other occurrences");
            return self.info(format!("The {rest} of “{quote}” were not offered"));
        }
        let Some(session) = self.session() else {
            return;
        };
        let same_text = Arc::ptr_eq(&session.shared_doc(), &held.doc);
        if !same_text || session.set().get(held.span.id).is_none() {
            return self.info(format!(
                "“{quote}” is no longer tagged here: its other occurrences were not offered"
            ));
        }
        match pending_edit(session, &held.held) {
            Some(edit) => {
                let n = added_count(&edit);
                self.perform(edit);
                let more = plural::counted(n, "more occurrence", "more occurrences");
                self.info(format!("Offered {more} of “{quote}” to review (N)"));
            }
            None => self.info(format!("No other occurrences of “{quote}” left to offer")),
        }
    }
}
