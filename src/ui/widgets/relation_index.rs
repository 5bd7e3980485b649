//! The relations of each span, kept between frames: the arcs of the spans
//! in view are found without going through every relation of the document
//! each frame.

use crate::model::RelationId;
use crate::session::Session;

/// Identifies the session's relations as they are: it changes whenever a
/// relation is added, removed or changed (every such edit moves the
/// history's state; opening or reloading makes a new set, with a new
/// revision).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelationsKey {
    revision: u64,
    state: u64,
    count: usize,
    next_id: RelationId,
}

impl RelationsKey {
    /// The key of `session`'s relations now.
    pub fn of(session: &Session) -> Self {
        let set = session.set();
        Self {
            revision: set.revision(),
            state: session.history().state(),
            count: set.relation_count(),
            next_id: set.next_relation_id(),
        }
    }
}
