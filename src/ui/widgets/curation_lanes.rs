//! Curation's lanes: under each disagreement in view, one coloured line
//! per annotator who marked it (lane k, the k-th annotator's colour, as in
//! the curation panel's legend), so whose version is where shows in the
//! text itself. Only the disagreements in view are looked at.

use super::curation_panel::{Curation, annotator_colour};
use super::text_view::TextView;
use crate::session::Session;

/// Paints the lanes of the disagreements in view (after the text view).
pub fn paint_curation_lanes(
    ui: &egui::Ui,
    view: &mut TextView,
    session: &Session,
    curation: &Curation,
) {
    let shown = view.chars_in_view();
    let mut marks = Vec::new();
    for (_, place) in curation.index.disagreements_in(shown) {
        for (k, version) in place.versions.iter().enumerate() {
            if !version.is_empty() {
                marks.push((place.start..place.end, k, annotator_colour(k)));
            }
        }
    }
    view.paint_lanes(ui, session.doc(), &marks);
}
