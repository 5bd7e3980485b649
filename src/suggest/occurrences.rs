//! The rule for offering a newly tagged text's other occurrences in the
//! same document, so that a slip stays cheap:
//!
//! 1. A text made only of function words ("the", "de la": see
//!    [`super::stopwords`]) is never offered.
//! 2. Up to [`OFFER_AT_ONCE`] new occurrences are offered at once, the ones
//!    nearest the tagged span; the rest are held back until the user asks
//!    for them.
//! 3. Occurrences already tagged with the same label (whatever their status)
//!    are not new and are not counted.

use super::{Suggestion, stopwords, text_order};
use crate::model::{AnnotationSet, Span};

/// How many of a tagged text's other occurrences are offered at once; more
/// are offered only when the user asks.
pub const OFFER_AT_ONCE: usize = 50;

/// What to offer of a tagged text's occurrences.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OccurrenceOffer {
    /// Offered now: at most the limit, nearest the tagged span first
    /// chosen, in text order.
    pub now: Vec<Suggestion>,
    /// Held back until asked for, in text order.
    pub held: Vec<Suggestion>,
}

/// Whether a tagged text's other occurrences may be offered at all (rule 1).
pub fn may_offer(text: &str) -> bool {
    !stopwords::only_function_words(text)
}

/// Splits `found` (occurrences of `span`'s text) into those offered now and
/// those held back, keeping only new ones: not `span` itself, not already in
/// `set` with the same range and label, each range and label once. At most
/// `limit` are offered now: the nearest to `span`.
pub fn split_offer(
    set: &AnnotationSet,
    span: &Span,
    found: &[Suggestion],
    limit: usize,
) -> OccurrenceOffer {
    let mut new: Vec<Suggestion> = found
        .iter()
        .filter(|s| s.start < s.end && set.find_same(s.start, s.end, &s.label).is_none())
        .cloned()
        .collect();
    new.sort_by(text_order);
    new.dedup_by(|a, b| (a.start, a.end, &a.label) == (b.start, b.end, &b.label));
    if new.len() <= limit {
        return OccurrenceOffer {
            now: new,
            held: Vec::new(),
        };
    }
    let distance = |s: &Suggestion| s.start.abs_diff(span.start);
    let mut by_distance: Vec<usize> = (0..new.len()).collect();
    by_distance.sort_by_key(|&k| new.get(k).map(distance));
    let mut chosen = vec![false; new.len()];
    for &k in by_distance.iter().take(limit) {
        if let Some(c) = chosen.get_mut(k) {
            *c = true;
        }
    }
    let (now, held): (Vec<_>, Vec<_>) =
        new.into_iter().zip(chosen).partition(|(_, chosen)| *chosen);
    OccurrenceOffer {
        now: now.into_iter().map(|(s, _)| s).collect(),
        held: held.into_iter().map(|(s, _)| s).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn at(start: usize) -> Suggestion {
        Suggestion {
            start,
            end: start + 3,
            label: "country".into(),
            score: None,
            origin: "string-match".into(),
        }
    }

    fn tagged(start: usize) -> Span {
        Span::manual(1, start, start + 3, "country", "abc")
    }

    #[test]
    fn at_most_the_limit_is_offered_now_nearest_the_tag_first() {
        let span = tagged(500);
        let mut set = AnnotationSet::new();
        set.insert(span.clone());
        let found: Vec<Suggestion> = (0..100).map(|k| at(k * 10)).collect();
        let offer = split_offer(&set, &span, &found, 10);
        assert_eq!(offer.now.len(), 10);
        assert_eq!(offer.held.len(), 89, "the span itself is not new");
        let starts: Vec<usize> = offer.now.iter().map(|s| s.start).collect();
        assert_eq!(starts, [450, 460, 470, 480, 490, 510, 520, 530, 540, 550]);
        assert!(offer.held.windows(2).all(|w| w[0].start < w[1].start));
    }

    #[test]
    fn under_the_limit_everything_new_is_offered_and_nothing_held() {
        let span = tagged(0);
        let mut set = AnnotationSet::new();
        set.insert(span.clone());
        let mut rejected = Span::manual(2, 20, 23, "country", "abc");
        rejected.status = Status::Rejected;
        set.insert(rejected);
        let found = vec![at(0), at(10), at(10), at(20), at(30)];
        let offer = split_offer(&set, &span, &found, OFFER_AT_ONCE);
        let starts: Vec<usize> = offer.now.iter().map(|s| s.start).collect();
        assert_eq!(starts, [10, 30]);
        assert!(offer.held.is_empty());
    }

    #[test]
    fn function_words_are_never_offered() {
        assert!(!may_offer("the"));
        assert!(!may_offer("De la"));
        assert!(may_offer("Iran"));
        assert!(may_offer("The Hague"));
    }
}
