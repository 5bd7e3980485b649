//! The relations of each span, kept between frames: the arcs of the spans
//! in view are found without going through every relation of the document
//! each frame.

use std::collections::HashMap;

use crate::model::{RelationId, SpanId};
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

/// Each span's relations (either end), by id.
#[derive(Default)]
pub struct RelationIndex {
    key: Option<RelationsKey>,
    by_span: HashMap<SpanId, Vec<RelationId>>,
}

impl RelationIndex {
    /// Brings the index up to date with `session` (rebuilt only when its
    /// relations changed).
    pub fn refresh(&mut self, session: &Session) {
        let key = RelationsKey::of(session);
        if self.key == Some(key) {
            return;
        }
        self.by_span.clear();
        for relation in session.set().relations() {
            for end in [relation.from, relation.to] {
                self.by_span.entry(end).or_default().push(relation.id);
            }
        }
        self.key = Some(key);
    }

    /// The relations span `id` is an end of.
    pub fn of_span(&self, id: SpanId) -> &[RelationId] {
        self.by_span.get(&id).map_or(&[], Vec::as_slice)
    }
}
