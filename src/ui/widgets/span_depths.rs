//! Nesting depths of spans: which underline level each span takes, so
//! that nested and overlapping spans stay apart, kept up to date locally
//! after each edit.

use crate::model::{AnnotationSet, Span, SpanChange};

/// Nesting depth of every span of a set (parallel to `set.spans()`): the
/// lowest level not used by an overlapping span that starts earlier.
///
/// A span's depth depends only on the spans of its cluster (the run of
/// spans linked by overlaps), which is what lets [`Depths`] update them
/// locally after an edit.
pub fn depths(set: &AnnotationSet) -> Vec<u8> {
    let mut levels = Levels::default();
    set.spans().iter().map(|span| levels.place(span)).collect()
}

/// The end of the last span on each level, for placing the next span.
#[derive(Default)]
struct Levels(Vec<usize>);

impl Levels {
    /// The level of the next span (in sorted order).
    fn place(&mut self, span: &Span) -> u8 {
        let ends = &mut self.0;
        let level = ends
            .iter()
            .position(|&end| end <= span.start)
            .unwrap_or(ends.len());
        if level == ends.len() {
            ends.push(span.end);
        } else {
            ends[level] = span.end;
        }
        u8::try_from(level).unwrap_or(u8::MAX)
    }
}

/// How far back from an edit [`Depths`] looks for the start of its cluster
/// before it recomputes every depth instead.
const MAX_WALK_BACK: usize = 4096;

/// The nesting depths of one set's spans ([`depths`]), kept up to date by
/// replaying the set's changes: an edit costs the size of the clusters it
/// touches, not the number of spans. The depths live in a persistent vector,
/// like the spans, so an insertion does not move all the depths after it.
#[derive(Default)]
pub struct Depths {
    depths: imbl::Vector<u8>,
    revision: Option<u64>,
}

impl Depths {
    /// Brings the depths up to date with `set`.
    pub fn refresh(&mut self, set: &AnnotationSet) {
        if self.revision == Some(set.revision()) {
            return;
        }
        let updated = self
            .revision
            .and_then(|r| set.changes_since(r))
            .is_some_and(|changes| self.replay(set, changes));
        if !updated {
            self.depths = depths(set).into();
        }
        self.revision = Some(set.revision());
    }

    /// The depth of the span at `index` of `set.spans()`.
    pub fn get(&self, index: usize) -> u8 {
        self.depths.get(index).copied().unwrap_or(0)
    }

    /// Applies the changes; `false` if the depths must be recomputed.
    fn replay<'a>(
        &mut self,
        set: &AnnotationSet,
        changes: impl Iterator<Item = &'a SpanChange>,
    ) -> bool {
        // Where each change happened (in the final order) and how far right
        // its span reached.
        let mut touched: Vec<(usize, usize)> = Vec::new();
        for change in changes {
            match change {
                SpanChange::Inserted { index, span } => {
                    if *index > self.depths.len() {
                        return false;
                    }
                    for (at, _) in &mut touched {
                        if *at >= *index {
                            *at += 1;
                        }
                    }
                    self.depths.insert(*index, 0);
                    touched.push((*index, span.end));
                }
                SpanChange::Removed { index, span } => {
                    if *index >= self.depths.len() {
                        return false;
                    }
                    for (at, _) in &mut touched {
                        if *at > *index {
                            *at -= 1;
                        }
                    }
                    self.depths.remove(*index);
                    touched.push((*index, span.end));
                }
            }
        }
        if self.depths.len() != set.len() {
            return false;
        }
        touched
            .into_iter()
            .all(|(at, reach)| self.recompute_cluster(set, at, reach))
    }

    /// Recomputes the depths from the start of the cluster holding `at` to
    /// the first cluster that starts after `at` and at or after `reach`.
    fn recompute_cluster(&mut self, set: &AnnotationSet, at: usize, reach: usize) -> bool {
        let spans = set.spans();
        if spans.is_empty() {
            return true;
        }
        let mut first = at.min(spans.len() - 1);
        let mut walked = 0;
        while first > 0 && !starts_cluster(set, first) {
            first -= 1;
            walked += 1;
            if walked > MAX_WALK_BACK {
                return false;
            }
        }
        let mut levels = Levels::default();
        let mut max_end = 0;
        for (i, span) in spans.iter().enumerate().skip(first) {
            if i > at && span.start >= max_end && span.start >= reach {
                break;
            }
            self.depths[i] = levels.place(span);
            max_end = max_end.max(span.end);
        }
        true
    }
}

/// Whether no span before `set.spans()[i]` reaches past its start.
fn starts_cluster(set: &AnnotationSet, i: usize) -> bool {
    let start = set.spans()[i].start;
    !set.overlapping_indexed(start..start + 1)
        .any(|(k, _)| k < i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_overlapping_spans_get_distinct_depths() {
        let set = AnnotationSet::from_spans(vec![
            Span::manual(1, 0, 20, "initiative", ""),
            Span::manual(2, 0, 4, "country", ""),
            Span::manual(3, 10, 30, "role", ""),
            Span::manual(4, 25, 28, "person", ""),
            Span::manual(5, 40, 45, "person", ""),
        ]);
        let by_id: Vec<(u64, u8)> = set.spans().iter().map(|s| s.id).zip(depths(&set)).collect();
        assert_eq!(by_id, vec![(1, 0), (2, 1), (3, 1), (4, 0), (5, 0)]);
    }

    #[test]
    fn depths_kept_up_to_date_match_depths_computed_afresh() {
        let mut seed = 0x2545_f491_u64;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from(seed >> 33).unwrap_or_default() % n
        };
        let mut set = AnnotationSet::new();
        let mut kept = Depths::default();
        let mut id = 1;
        for round in 0..600 {
            // Sometimes several edits between refreshes, sometimes a long
            // span that merges clusters.
            for _ in 0..=next(3) {
                if set.len() > 5 && next(3) == 0 {
                    let victim = set.spans()[next(set.len())].id;
                    set.remove(victim);
                } else {
                    let start = next(400);
                    let len = if next(10) == 0 { 60 } else { 1 + next(8) };
                    set.insert(Span::manual(id, start, start + len, "person", ""));
                    id += 1;
                }
            }
            kept.refresh(&set);
            let fresh = depths(&set);
            let got: Vec<u8> = (0..set.len()).map(|i| kept.get(i)).collect();
            assert_eq!(got, fresh, "round {round}");
        }
    }
}
