//! What the spans' quotes say: where each occurs in the new text (one
//! Aho–Corasick pass for all of them), and what they tell about the old
//! text (a quote held inside another's was there too).

use std::borrow::Cow;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::model::{Document, Span};

/// A quote occurring more often than this is not indexed; it is searched for
/// within each span's frame instead.
const MAX_INDEXED: usize = 1 << 20;

/// The quotes' occurrences in the new text and their known old places.
pub(super) struct Index<'a> {
    /// Code-point starts of each quote's occurrences (overlapping ones
    /// included), sorted; `None` when there are too many to keep.
    at: HashMap<&'a str, Option<Vec<usize>>>,
    /// For each quote, the quotes inside it with their code-point offset in
    /// it (itself at 0 included).
    pub(super) inner: HashMap<&'a str, Vec<(usize, &'a str)>>,
    /// For each quote, the old starts of its known occurrences: where the
    /// spans' quotes held it.
    pub(super) seen: HashMap<&'a str, Vec<usize>>,
    /// For each span, whether its quote is known to have occurred at another
    /// place in the old text.
    pub(super) repeated: Vec<bool>,
}

impl<'a> Index<'a> {
    pub(super) fn new(doc: &Document, spans: &'a [Span]) -> Self {
        let mut quotes: Vec<&str> = spans.iter().map(|s| s.text.as_str()).collect();
        quotes.retain(|q| !q.is_empty());
        quotes.sort_unstable();
        quotes.dedup();
        let mut at: HashMap<&str, Option<Vec<usize>>> =
            quotes.iter().map(|&q| (q, Some(Vec::new()))).collect();
        let mut inner: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
        // An NFA: building a DFA costs more than one pass over an article.
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&quotes);
        match ac {
            Ok(ac) => {
                for m in ac.find_overlapping_iter(doc.text()) {
                    let entry = at.entry(quotes[m.pattern().as_usize()]).or_default();
                    if let (Some(list), Some(start)) = (entry.as_mut(), doc.char_of_byte(m.start()))
                    {
                        list.push(start);
                        if list.len() > MAX_INDEXED {
                            *entry = None;
                        }
                    }
                }
                for &outer in &quotes {
                    for m in ac.find_overlapping_iter(outer) {
                        let k = outer[..m.start()].chars().count();
                        let q = quotes[m.pattern().as_usize()];
                        inner.entry(outer).or_default().push((k, q));
                    }
                }
            }
            // Too many or too long quotes for an automaton: searched for
            // one by one, and none is known to hold another.
            Err(_) => at.values_mut().for_each(|list| *list = None),
        }
        for list in at.values_mut().flatten() {
            list.sort_unstable();
        }
        let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
        for span in spans {
            for &(k, q) in inner.get(span.text.as_str()).into_iter().flatten() {
                seen.entry(q).or_default().push(span.start + k);
            }
        }
        for olds in seen.values_mut() {
            olds.sort_unstable();
            olds.dedup();
        }
        let repeated = spans
            .iter()
            .map(|s| {
                let olds = seen.get(s.text.as_str());
                olds.is_some_and(|at| at.iter().any(|&o| o != s.start))
            })
            .collect();
        Self {
            at,
            inner,
            seen,
            repeated,
        }
    }

    /// The start of `quote`'s only occurrence in the new text, if it occurs
    /// exactly once.
    pub(super) fn unique(&self, doc: &Document, quote: &str) -> Option<usize> {
        match self.at.get(quote)? {
            Some(list) => (list.len() == 1).then(|| list[0]),
            None => {
                let mut found = occurrences(doc.text(), quote);
                let first = found.next()?;
                found
                    .next()
                    .is_none()
                    .then(|| doc.char_of_byte(first))
                    .flatten()
            }
        }
    }

    /// The starts of `quote`'s occurrences in `lo..=hi`, sorted (the first
    /// [`MAX_INDEXED`] only, for a quote that occurs more often).
    pub(super) fn within(
        &self,
        doc: &Document,
        quote: &str,
        lo: usize,
        hi: usize,
    ) -> Cow<'_, [usize]> {
        if lo > hi {
            return Cow::Borrowed(&[]);
        }
        if let Some(Some(list)) = self.at.get(quote) {
            let from = list.partition_point(|&x| x < lo);
            let to = list.partition_point(|&x| x <= hi);
            return Cow::Borrowed(&list[from..to]);
        }
        let end = (hi + quote.chars().count()).min(doc.char_len());
        let (Some(from), Some(to)) = (doc.byte_of_char(lo), doc.byte_of_char(end)) else {
            return Cow::Borrowed(&[]);
        };
        occurrences(&doc.text()[from..to], quote)
            .filter_map(|b| doc.char_of_byte(from + b))
            .take_while(|&start| start <= hi)
            .take(MAX_INDEXED)
            .collect()
    }
}

/// Byte offsets of every occurrence of `needle` in `hay`, overlapping ones
/// included.
fn occurrences<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + hay.get(from..)?.find(needle)?;
        from = at + hay[at..].chars().next().map_or(1, char::len_utf8);
        Some(at)
    })
}
