//! Approximate matching for re-anchoring: the substring of a stretch of text
//! most similar to a quote (Sellers' algorithm, then the best start for each
//! best end), and the word-boundary test shared with the exact search.

use super::{Context, FUZZY_THRESHOLD, Frame};
use crate::model::Document;

/// A substring of the text close to a quote.
#[derive(Clone, Debug)]
struct Found {
    start: usize,
    end: usize,
    similarity: f64,
    distance: usize,
}

impl Found {
    /// Similar enough, on word boundaries where the quote is, and not merely
    /// the quote with something around it (that would be an exact match,
    /// already looked for).
    fn acceptable(&self, doc: &Document, quote: &str, cuts: (bool, bool)) -> bool {
        self.similarity >= FUZZY_THRESHOLD
            && aligned(doc, self.start, self.end, quote)
            && (cuts.0 || !cuts_word(doc, self.start))
            && (cuts.1 || !cuts_word(doc, self.end))
            && doc
                .slice(self.start..self.end)
                .is_some_and(|found| same_ends(found, quote))
            && doc
                .slice(self.start..self.end)
                .is_some_and(|found| !found.contains(quote))
    }

    /// Higher similarity first, then nearer an expected place, then first.
    fn better_than(&self, other: &Self) -> bool {
        (other.similarity, self.distance, self.start)
            < (self.similarity, other.distance, other.start)
    }
}

/// The substring most similar to `quote` starting in one of `windows`
/// (inclusive ranges of starts, in code points): `(start, end)`, if one is
/// acceptable: similar enough, starting and ending on word boundaries (but
/// where the quote itself began or ended inside a word, as its stored
/// `context` tells), and with both sides of that context around it (the
/// text changed inside the span, not beyond it). Ties go to the one nearest
/// an expected place of `frame`.
pub(super) fn best_match(
    doc: &Document,
    quote: &str,
    context: &Context,
    windows: &[(usize, usize)],
    frame: &Frame,
) -> Option<(usize, usize)> {
    let cuts = context.cuts(quote);
    let chars: Vec<char> = quote.chars().collect();
    // The longest substring that can reach the threshold.
    let longest = chars.len() * 5 / 4 + 1;
    let mut best: Option<Found> = None;
    for &(a, b) in windows {
        let end = (b + longest).min(doc.char_len());
        let Some(region) = doc.slice(a..end) else {
            continue;
        };
        let region: Vec<char> = region.chars().collect();
        for mut found in best_substrings(&chars, &region) {
            found.start += a;
            found.end += a;
            if found.start > b
                || !found.acceptable(doc, quote, cuts)
                || !context.both_sides(doc, found.start, found.end)
            {
                continue;
            }
            // One end of a changed span keeps its place: the edit was
            // inside it, or beyond that end.
            found.distance = frame.distance(found.start);
            let len = chars.len();
            if found.distance != 0 && frame.distance(found.end.saturating_sub(len)) != 0 {
                continue;
            }
            if best.as_ref().is_none_or(|best| found.better_than(best)) {
                best = Some(found);
            }
        }
    }
    best.map(|f| (f.start, f.end))
}

/// Normalised Levenshtein similarity of two texts, over code points:
/// 1 − distance / longer length (1 for two empty texts).
pub(super) fn similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut col: Vec<usize> = (0..=a.len()).collect();
    for (j, &c) in b.iter().enumerate() {
        let mut diagonal = col[0];
        col[0] = j + 1;
        for i in 1..=a.len() {
            let up = col[i];
            col[i] = (diagonal + usize::from(a[i - 1] != c))
                .min(up + 1)
                .min(col[i - 1] + 1);
            diagonal = up;
        }
    }
    let longest = a.len().max(b.len()).max(1);
    #[allow(clippy::cast_precision_loss)] // lengths far below 2^52
    let similarity = 1.0 - col[a.len()] as f64 / longest as f64;
    similarity
}

/// Whether `start..end` begins and ends on word boundaries wherever `quote`
/// begins or ends with a letter or digit (`Iran` is not found in `Iranian`).
pub(super) fn aligned(doc: &Document, start: usize, end: usize, quote: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let found = doc.slice(start..end);
    let inner_first = found.and_then(|s| s.chars().next());
    let inner_last = found.and_then(|s| s.chars().last());
    let before = start
        .checked_sub(1)
        .and_then(|p| doc.slice(p..start))
        .and_then(|s| s.chars().next());
    let after = doc.slice(end..end + 1).and_then(|s| s.chars().next());
    (!word(quote.chars().next()) || (word(inner_first) && !word(before)))
        && (!word(quote.chars().last()) || (word(inner_last) && !word(after)))
}

/// Whether `found` begins and ends with the same kind of character as
/// `quote` (a letter or digit, whitespace, or another sign): `"Vredelign`
/// is not the whole of `"Vredeling"` changed.
fn same_ends(found: &str, quote: &str) -> bool {
    let kind = |c: Option<char>| c.map(|c| (c.is_alphanumeric(), c.is_whitespace()));
    kind(found.chars().next()) == kind(quote.chars().next())
        && kind(found.chars().last()) == kind(quote.chars().last())
}

/// Whether offset `at` of `doc` falls inside a word: letters or digits on
/// both sides.
pub(super) fn cuts_word(doc: &Document, at: usize) -> bool {
    let word = |s: Option<&str>| s.is_some_and(|s| s.chars().all(char::is_alphanumeric));
    at > 0 && word(doc.slice(at - 1..at)) && word(doc.slice(at..at + 1))
}

/// The substrings of `region` closest to `quote`: for each end where the
/// edit distance is smallest or next to smallest (at most 64 ends), the
/// starts similar enough. Offsets are within `region`. Costs
/// O(quote × region).
fn best_substrings(quote: &[char], region: &[char]) -> Vec<Found> {
    let m = quote.len();
    // No substring further than this can reach the threshold.
    let most = m / 4;
    // Sellers: column j holds the distance from each prefix of the quote to
    // the best substring ending at j (a free start: row 0 is all zeros).
    let mut col: Vec<usize> = (0..=m).collect();
    let mut ends = Vec::new();
    for (j, &c) in region.iter().enumerate() {
        let mut diagonal = 0;
        for i in 1..=m {
            let up = col[i];
            col[i] = (diagonal + usize::from(quote[i - 1] != c))
                .min(up + 1)
                .min(col[i - 1] + 1);
            diagonal = up;
        }
        if col[m] <= most {
            ends.push((col[m], j + 1));
        }
    }
    let least = ends.iter().map(|e| e.0).min().unwrap_or(usize::MAX);
    ends.retain(|e| e.0 <= least.saturating_add(1));
    ends.sort_unstable();
    ends.truncate(64);
    ends.into_iter()
        .flat_map(|(_, end)| starts(quote, region, end, most))
        .collect()
}

/// The starts before `end` whose substring is similar enough to `quote`
/// (within `most` edits): the quote and the text read backwards from `end`.
fn starts(quote: &[char], region: &[char], end: usize, most: usize) -> Vec<Found> {
    let m = quote.len();
    let mut col: Vec<usize> = (0..=m).collect();
    let mut found = Vec::new();
    for t in 1..=(m + most).min(end) {
        let c = region[end - t];
        let mut diagonal = col[0];
        col[0] = t;
        for i in 1..=m {
            let up = col[i];
            col[i] = (diagonal + usize::from(quote[m - i] != c))
                .min(up + 1)
                .min(col[i - 1] + 1);
            diagonal = up;
        }
        #[allow(clippy::cast_precision_loss)] // lengths far below 2^52
        let similarity = 1.0 - col[m] as f64 / m.max(t) as f64;
        if similarity >= FUZZY_THRESHOLD {
            found.push(Found {
                start: end - t,
                end,
                similarity,
                distance: 0,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(expected: usize) -> Frame {
        Frame {
            lo: 0,
            hi: usize::MAX,
            expected: vec![expected],
            both_sides: false,
        }
    }

    #[test]
    fn a_fixed_typo_is_found_whole() {
        let doc = Document::new("Minister Issa Zarepour said.");
        let found = best_match(
            &doc,
            "Isa Zarepour",
            &Context::default(),
            &[(0, 20)],
            &frame(9),
        );
        let (start, end) = found.expect("found");
        assert_eq!(doc.slice(start..end), Some("Issa Zarepour"));
        let similarity = similarity("Isa Zarepour", "Issa Zarepour");
        assert!((similarity - 12.0 / 13.0).abs() < 1e-9, "{similarity}");
    }

    #[test]
    fn words_are_not_cut_nor_padded() {
        let doc = Document::new("the Iranian delegation and Cuban officials");
        assert_eq!(
            best_match(&doc, "Irania", &Context::default(), &[(0, 30)], &frame(4)),
            None
        );
        assert!(!aligned(&doc, 4, 8, "Iran"));
        assert!(aligned(&doc, 4, 11, "Iranian"));
        let doc = Document::new("Havana, Havana");
        assert_eq!(
            best_match(&doc, "Havana", &Context::default(), &[(0, 8)], &frame(0)),
            None
        );
    }
}
