//! Curation's lanes: under each disagreement in view, one coloured line
//! per annotator who marked it (lane k, the k-th annotator's colour, as in
//! the curation panel's legend), so whose version is where shows in the
//! text itself; each annotator's relations at a disagreement mark their
//! other end in the annotator's lane too, and a relation disagreement
//! marks both its ends. Only the disagreements in view are looked at.

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
                if let Some(r) = &place.relation {
                    marks.push((r.to.start..r.to.end, k, annotator_colour(k)));
                }
            }
        }
        if place.relation.is_none() {
            for related in curation.index.relations_at(place.start, place.end) {
                let r = &related.relation;
                let other = if (r.from.start, r.from.end) == (place.start, place.end) {
                    &r.to
                } else {
                    &r.from
                };
                for &k in &related.annotators {
                    marks.push((other.start..other.end, k, annotator_colour(k)));
                }
            }
        }
    }
    view.paint_lanes(ui, session.doc(), &marks);
}
