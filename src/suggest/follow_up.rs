//! What span suggestions lead to: once the suggesters' spans are in a
//! document, the pattern relations between its spans
//! ([`super::relations`]) and the entity links of the folder's registry
//! ([`crate::entities::suggest`]) are suggested too, each as one edit.
//! `newsmark suggest`, the window's suggestion commands (open document and
//! folder job) all go through [`add_relations_and_links`].

use crate::entities::Registry;
use crate::entities::suggest::link_suggestions_edit;
use crate::model::Edit;
use crate::session::Session;

use super::added_count;
use super::relations::relation_suggestions_edit;

/// What [`add_relations_and_links`] added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FollowUps {
    /// Pending relations suggested by the patterns.
    pub relations: usize,
    /// Pending entity links suggested from the registry.
    pub links: usize,
}

impl FollowUps {
    /// Relations and links together.
    pub fn total(&self) -> usize {
        self.relations + self.links
    }
}

/// Suggests the pattern relations of the session `target` holds (`session`
/// finds it), then the entity links of `registry`, each as one edit given
/// to `perform` (which applies it: [`Session::perform`], or the window's
/// undoable edit); stops at the first edit `perform` refuses.
pub fn add_relations_and_links<T, E>(
    target: &mut T,
    session: impl Fn(&T) -> Option<&Session>,
    mut perform: impl FnMut(&mut T, Edit) -> Result<(), E>,
    registry: &Registry,
) -> Result<FollowUps, E> {
    let mut added = FollowUps::default();
    if let Some(edit) = session(target).and_then(relation_suggestions_edit) {
        added.relations = added_count(&edit);
        perform(target, edit)?;
    }
    if let Some(edit) = session(target).and_then(|s| link_suggestions_edit(s.set(), registry)) {
        added.links = added_count(&edit);
        perform(target, edit)?;
    }
    Ok(added)
}
