//! The counts an agreement study keeps while documents stream through:
//! per category and per pair, never the units themselves.

use std::collections::{BTreeMap, HashMap, HashSet};

/// One span an annotator marked: offsets and label. Only accepted spans
/// count (pending and rejected suggestions are not an annotator's work).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Marked {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The label.
    pub label: String,
}

impl Marked {
    /// A span's offsets and label.
    pub fn of(span: &crate::model::Span) -> Self {
        Self {
            start: span.start,
            end: span.end,
            label: span.label.clone(),
        }
    }
}

/// The category no span gives: the annotator marked nothing at the unit.
pub(super) const NONE: usize = 0;

/// Categories by name: `none` (index [`NONE`]), a label, or labels at the
/// same offsets sorted and joined by `+`.
#[derive(Debug)]
pub(super) struct Categories {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Default for Categories {
    fn default() -> Self {
        Self {
            names: vec!["none".to_owned()],
            index: HashMap::new(),
        }
    }
}

impl Categories {
    fn intern(&mut self, name: String) -> usize {
        if let Some(&k) = self.index.get(&name) {
            return k;
        }
        self.names.push(name.clone());
        self.index.insert(name, self.names.len() - 1);
        self.names.len() - 1
    }

    pub(super) fn len(&self) -> usize {
        self.names.len()
    }
}

/// One document's units: each distinct (start, end) some annotator marked,
/// in order, with every annotator's labels there (sorted, each once; none:
/// the annotator marked nothing there).
pub(crate) fn labels_at(spans: &[Vec<Marked>]) -> BTreeMap<(usize, usize), Vec<Vec<&str>>> {
    let mut units: BTreeMap<(usize, usize), Vec<Vec<&str>>> = BTreeMap::new();
    for (who, marked) in spans.iter().enumerate() {
        let mut mine: Vec<&Marked> = marked.iter().collect();
        mine.sort();
        mine.dedup();
        let mut k = 0;
        while k < mine.len() {
            let at = (mine[k].start, mine[k].end);
            let same = mine[k..]
                .iter()
                .take_while(|m| (m.start, m.end) == at)
                .count();
            let labels: Vec<&str> = mine[k..k + same].iter().map(|m| m.label.as_str()).collect();
            units
                .entry(at)
                .or_insert_with(|| vec![Vec::new(); spans.len()])[who] = labels;
            k += same;
        }
    }
    units
}

/// One document's units (see [`labels_at`]), in order, with every
/// annotator's category there.
pub(super) fn units(spans: &[Vec<Marked>], categories: &mut Categories) -> Vec<Vec<usize>> {
    labels_at(spans)
        .into_values()
        .map(|per_annotator| {
            per_annotator
                .iter()
                .map(|labels| {
                    if labels.is_empty() {
                        NONE
                    } else {
                        categories.intern(labels.join("+"))
                    }
                })
                .collect()
        })
        .collect()
}

/// Span counts of one label (or all, for `micro`) for one pair: b's spans
/// against a's as the reference.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MatchCounts {
    /// a's spans.
    pub a_spans: u64,
    /// b's spans.
    pub b_spans: u64,
    /// a's spans b has exactly (same start, end and label).
    pub a_exact: u64,
    /// b's spans a has exactly.
    pub b_exact: u64,
    /// a's spans overlapping one of b's with the same label.
    pub a_overlap: u64,
    /// b's spans overlapping one of a's with the same label.
    pub b_overlap: u64,
}

impl MatchCounts {
    pub(super) fn add(&mut self, other: &Self) {
        self.a_spans += other.a_spans;
        self.b_spans += other.b_spans;
        self.a_exact += other.a_exact;
        self.b_exact += other.b_exact;
        self.a_overlap += other.a_overlap;
        self.b_overlap += other.b_overlap;
    }
}

/// What one pair keeps: confusion counts over its units, span matches
/// per label and relation matches per type.
#[derive(Debug, Default)]
pub(super) struct PairTally {
    pub(super) confusion: HashMap<(usize, usize), u64>,
    pub(super) by_label: BTreeMap<String, MatchCounts>,
    pub(super) relations: super::relations::RelationTally,
}

impl PairTally {
    /// Adds one document: its units (every annotator's category) and the
    /// pair's spans.
    pub(super) fn add(
        &mut self,
        units: &[Vec<usize>],
        (a, b): (usize, usize),
        spans: &[Vec<Marked>],
    ) {
        for unit in units {
            let (ca, cb) = (unit[a], unit[b]);
            if ca != NONE || cb != NONE {
                *self.confusion.entry((ca, cb)).or_default() += 1;
            }
        }
        let a_spans = distinct(&spans[a]);
        let b_spans = distinct(&spans[b]);
        let a_index = OverlapIndex::new(&a_spans);
        let b_index = OverlapIndex::new(&b_spans);
        let a_set: HashSet<&Marked> = a_spans.iter().copied().collect();
        let b_set: HashSet<&Marked> = b_spans.iter().copied().collect();
        for m in &a_spans {
            let counts = self.by_label.entry(m.label.clone()).or_default();
            counts.a_spans += 1;
            counts.a_exact += u64::from(b_set.contains(m));
            counts.a_overlap += u64::from(b_index.overlaps(m));
        }
        for m in &b_spans {
            let counts = self.by_label.entry(m.label.clone()).or_default();
            counts.b_spans += 1;
            counts.b_exact += u64::from(a_set.contains(m));
            counts.b_overlap += u64::from(a_index.overlaps(m));
        }
    }

    /// The pair's units: those where a or b marked something.
    pub(super) fn units(&self) -> u64 {
        self.confusion.values().sum()
    }
}

/// An annotator's spans, each once, sorted.
fn distinct(spans: &[Marked]) -> Vec<&Marked> {
    let mut out: Vec<&Marked> = spans.iter().collect();
    out.sort();
    out.dedup();
    out
}

/// One annotator's spans by label, sorted by start, with the running
/// maximum of their ends: "does a span of this label share a code point
/// with [s, e)?" in O(log n).
struct OverlapIndex<'a> {
    by_label: HashMap<&'a str, (Vec<usize>, Vec<usize>)>,
}

impl<'a> OverlapIndex<'a> {
    /// `spans` sorted by start (as [`distinct`] gives them).
    fn new(spans: &[&'a Marked]) -> Self {
        let mut by_label: HashMap<&'a str, (Vec<usize>, Vec<usize>)> = HashMap::new();
        for m in spans {
            let (starts, max_ends) = by_label.entry(m.label.as_str()).or_default();
            let max = max_ends.last().copied().unwrap_or(0).max(m.end);
            starts.push(m.start);
            max_ends.push(max);
        }
        Self { by_label }
    }

    fn overlaps(&self, m: &Marked) -> bool {
        let Some((starts, max_ends)) = self.by_label.get(m.label.as_str()) else {
            return false;
        };
        // Spans starting before m ends; one of them must end after m starts.
        let before = starts.partition_point(|&s| s < m.end);
        before > 0 && max_ends[before - 1] > m.start
    }
}
