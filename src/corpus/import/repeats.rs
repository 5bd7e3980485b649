//! Two spans of one imported record that are one span once labels are
//! mapped (`--map PER=person` with both `PER` and `person` at `0..3`): the
//! later is read as the earlier, its relations and entity link joining it,
//! and each such pair is a warning; a second link to another entity is a
//! problem, and skipped. (Exact repeats are read as one by the formats'
//! readers already, see `crate::formats`.)

use crate::model::{Edit, SpanId};

/// A span this import adds to a document.
#[derive(Debug)]
pub(super) struct Placed {
    /// Its id in the document.
    pub id: SpanId,
    /// Its label in the source, before mapping.
    pub label: String,
    /// The place of the edit adding it among the document's edits.
    pub edit: usize,
}

/// What joining a later span to an earlier one did, for the messages.
#[derive(Debug)]
pub(super) struct Joined<'a> {
    first: &'a Placed,
    /// The later span's label in the source.
    later: &'a str,
    /// The entity the span is linked to already, and the later span's
    /// other one, skipped.
    conflict: Option<(String, String)>,
}

/// Joins the later span of source label `later` (and its entity `link`,
/// if any) to the span `first` added by `edit`: a link the span lacks is
/// taken (`links` counts it), the same one is nothing new, another is
/// skipped (see [`Joined::messages`]).
pub(super) fn join_repeat<'a>(
    first: &'a Placed,
    later: &'a str,
    edit: Option<&mut Edit>,
    link: Option<&str>,
    links: &mut usize,
) -> Joined<'a> {
    let mut conflict = None;
    if let (Some(Edit::Add(span)), Some(entity)) = (edit, link) {
        match &span.entity {
            None => {
                span.entity = Some(entity.to_owned());
                span.entity_status = span.status;
                *links += 1;
            }
            Some(kept) if kept != entity => conflict = Some((kept.clone(), entity.to_owned())),
            Some(_) => {}
        }
    }
    Joined {
        first,
        later,
        conflict,
    }
}

impl Joined<'_> {
    /// The warning naming both spans (`(start, end, label)` the span they
    /// are, in document `name` of record `source`), and the problem of a
    /// link skipped.
    pub(super) fn messages(
        &self,
        source: &str,
        name: &str,
        (start, end, label): &(usize, usize, String),
    ) -> (String, Option<String>) {
        let at = format!("{source}: {name}.txt");
        let warning = format!(
            "{at}: {} {start}..{end} and {} {start}..{end} are both {label} {start}..{end} once \
             labels are mapped; read as one span (span {}), which takes the relations and entity \
             links of both",
            self.later, self.first.label, self.first.id
        );
        let problem = self.conflict.as_ref().map(|(kept, skipped)| {
            format!(
                "{at}: {} {start}..{end}: its span is linked to {kept:?} already, and a span has \
                 one entity; this link to {skipped:?} skipped",
                self.later
            )
        });
        (warning, problem)
    }
}
