//! Ambiguity: a quote with the whole of its stored context at more places
//! than spans that hold it. Which place is the span's cannot be told from
//! the text, so it is not guessed: the span is an orphan, and those places
//! are offered to the user as its candidates.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::Context;
use crate::model::{Document, Span};

/// At most this many occurrences of a quote are weighed for an orphan's
/// candidates.
const MAX_WEIGHED: usize = 4096;

/// At most this many candidates are kept for an orphan.
pub const MAX_CANDIDATES: usize = 8;

/// At most this many unplaced spans with a quote are weighed as claimants
/// of each place that quote was placed at.
const MAX_CLAIMANTS: usize = 64;

/// Leaves one span on each place of `placed` where spans from different old
/// places (or with different quotes) landed: the one whose stored context
/// surrounds it best, if one does; none otherwise. A span left unplaced
/// whose quote is there and whose context bears the place out claims it
/// too, without taking it: a span whose sentence was deleted must not take
/// the place of the same name in the next sentence, whose own span went
/// unplaced.
pub(super) fn one_span_a_place(
    doc: &Document,
    spans: &[Span],
    contexts: &[Context],
    placed: &mut [Option<(usize, usize)>],
) {
    let mut at: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    let mut unplaced: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, place) in placed.iter().enumerate() {
        match place {
            Some(place) => at.entry(*place).or_default().push(i),
            None if !contexts[i].is_empty() => {
                unplaced.entry(spans[i].text.as_str()).or_default().push(i);
            }
            None => {}
        }
    }
    for ((start, end), mut here) in at {
        let old = |i: usize| (spans[i].start, spans[i].end, spans[i].text.as_str());
        here.sort_by_key(|&i| old(i));
        here.dedup_by_key(|i| old(*i));
        let claimants = here.first().and_then(|_| {
            let text = doc.slice(start..end)?;
            let others = unplaced.get(text)?;
            Some(others.iter().copied().filter(|&j| {
                here.iter().all(|&i| old(i) != old(j)) && contexts[j].supports(doc, start, end)
            }))
        });
        let claimants: Vec<usize> = claimants
            .into_iter()
            .flatten()
            .take(MAX_CLAIMANTS)
            .collect();
        if here.len() + claimants.len() < 2 {
            continue;
        }
        let score = |i: usize| contexts[i].score(doc, start, end);
        let scores: Vec<usize> = here.iter().map(|&i| score(i)).collect();
        let top = scores
            .iter()
            .copied()
            .chain(claimants.iter().map(|&j| score(j)))
            .max()
            .unwrap_or(0);
        let winners = scores.iter().filter(|&&s| s == top).count()
            + claimants.iter().filter(|&&j| score(j) == top).count();
        for (&i, &score) in here.iter().zip(&scores) {
            let keep = winners == 1 && score == top;
            // Spans over the same old text keep or lose the place together.
            let same = |j: usize| old(j) == old(i);
            for (j, place) in placed.iter_mut().enumerate() {
                if !keep && *place == Some((start, end)) && same(j) {
                    *place = None;
                }
            }
        }
    }
}

/// Unplaces the spans in `placed` whose quote, with its whole context,
/// occurs at more places than spans share that quote and context, and
/// returns each span's candidates (empty for a span placed): for those, the
/// places of quote and context; for the other orphans, the places of the
/// quote their context surrounds best, when two or more tie with a whole
/// side of it.
pub(super) fn resolve(
    doc: &Document,
    spans: &[Span],
    contexts: &[Context],
    placed: &mut [Option<(usize, usize)>],
) -> Vec<Vec<(usize, usize)>> {
    let mut candidates = vec![Vec::new(); spans.len()];
    let squeezed = Squeezed::new(doc.text());
    let patterns: Vec<String> = spans
        .iter()
        .zip(contexts)
        .map(|(s, c)| match c.is_empty() || s.text.trim().is_empty() {
            true => String::new(),
            false => squeeze(&format!("{}{}{}", c.prefix, s.text, c.suffix)),
        })
        .collect();
    let mut sharing: HashMap<&str, usize> = HashMap::new();
    for p in patterns.iter().filter(|p| !p.is_empty()) {
        *sharing.entry(p.as_str()).or_default() += 1;
    }
    let mut distinct: Vec<&str> = sharing.keys().copied().collect();
    distinct.sort_unstable();
    // An NFA: building a DFA costs more than one pass over an article.
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&distinct);
    let mut found: HashMap<&str, Vec<usize>> = HashMap::new();
    if let Ok(ac) = ac {
        for m in ac.find_overlapping_iter(squeezed.text.as_str()) {
            found
                .entry(distinct[m.pattern().as_usize()])
                .or_default()
                .push(m.start());
        }
    }
    for (i, span) in spans.iter().enumerate() {
        let context = &contexts[i];
        let at = found
            .get(patterns[i].as_str())
            .map_or(&[][..], Vec::as_slice);
        // Where the quote is in each place (squeezed as the text is), and
        // only at the text's start (or end) for a context cut there.
        let prefix = squeeze(&context.prefix);
        let quote = squeeze(&span.text);
        let places: Vec<(usize, usize)> = at
            .iter()
            .filter_map(|&p| squeezed.range(p + prefix.len(), quote.len()))
            .filter(|&(s, e)| context.sides(doc, s, e) == (true, true))
            .collect();
        let share = sharing.get(patterns[i].as_str()).copied().unwrap_or(0);
        if placed[i].is_some() {
            if places.len() > share {
                placed[i] = None;
                candidates[i] = places.into_iter().take(MAX_CANDIDATES).collect();
            }
        } else if places.len() >= 2 {
            candidates[i] = places.into_iter().take(MAX_CANDIDATES).collect();
        } else if !span.text.is_empty() {
            candidates[i] = tied(doc, span, context);
        }
    }
    candidates
}

/// `text` with every run of whitespace made one space.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !blank {
                out.push(' ');
            }
            blank = true;
        } else {
            out.push(c);
            blank = false;
        }
    }
    out
}

/// A text squeezed ([`squeeze`]), with where each of its bytes came from.
struct Squeezed {
    text: String,
    /// For each byte of `text`, the code point of the original it starts
    /// (or is part of); one more entry for the end.
    origin: Vec<usize>,
}

impl Squeezed {
    fn new(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut blank = false;
        let mut count = 0;
        for (at, c) in original.chars().enumerate() {
            count = at + 1;
            if c.is_whitespace() {
                if !blank {
                    text.push(' ');
                    origin.push(at);
                }
                blank = true;
            } else {
                text.push(c);
                origin.extend(std::iter::repeat_n(at, c.len_utf8()));
                blank = false;
            }
        }
        origin.push(count);
        Self { text, origin }
    }

    /// The original code-point range of the `len` squeezed bytes from
    /// byte `at`: from the code point the first starts to the one after the
    /// code point the last is part of.
    fn range(&self, at: usize, len: usize) -> Option<(usize, usize)> {
        if len == 0 {
            return None;
        }
        let start = *self.origin.get(at)?;
        let last = *self.origin.get(at + len - 1)?;
        Some((start, last + 1))
    }
}

/// The occurrences of `span`'s quote its context surrounds best, with a
/// whole side of it, if two or more tie.
fn tied(doc: &Document, span: &Span, context: &Context) -> Vec<(usize, usize)> {
    if context.is_empty() {
        return Vec::new();
    }
    let len = span.text.chars().count();
    let scored: Vec<(usize, usize)> = doc
        .text()
        .match_indices(span.text.as_str())
        .take(MAX_WEIGHED)
        .filter_map(|(b, _)| doc.char_of_byte(b))
        .filter(|&s| context.whole_side(doc, s, s + len))
        .map(|s| (context.score(doc, s, s + len), s))
        .collect();
    let Some(top) = scored.iter().map(|x| x.0).max() else {
        return Vec::new();
    };
    let best: Vec<(usize, usize)> = scored
        .iter()
        .filter(|x| x.0 == top)
        .take(MAX_CANDIDATES)
        .map(|&(_, s)| (s, s + len))
        .collect();
    if best.len() >= 2 { best } else { Vec::new() }
}
