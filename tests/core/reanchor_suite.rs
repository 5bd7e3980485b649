//! Re-anchoring measured on edited versions of the sample articles: for
//! every span the true new place is known (each edit's shift is tracked), so
//! every placement is scored exact, near (a span the edit changed, placed
//! over its new text), orphaned, or WRONG (placed where it does not belong,
//! worse than an orphan).
//!
//! Each case is run twice: with the context (prefix and suffix) that saving
//! stores around every quote, and without it (a file written before
//! context was stored, or by another program), to measure what it brings.
//! A second set of cases puts copies of the quotes next to where they were
//! (a sentence naming the same person inserted before it, a paragraph
//! repeating the names of the lines after it), where context matters most.
//!
//! `cargo test --release --test core reanchor_suite -- --nocapture` prints the
//! figures.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use crate::common;

use common::edits::{Rng, WORDS};
use common::news_edits::{Article as Sample, samples};
use newsmark::model::{Document, Span};
use newsmark::store::{self, How};
use std::collections::BTreeMap;
use std::ops::Range;

/// One edit: replace the code points `range` of the old text by `with`.
#[derive(Clone, Debug)]
struct Edit {
    range: Range<usize>,
    with: String,
}

/// Words, with now and then the quote of one of the spans (a lure: the same
/// name again, somewhere else).
fn words(rng: &mut Rng, spans: &[Span], n: usize) -> String {
    let mut out = Vec::new();
    for _ in 0..n {
        if rng.chance(15) {
            out.push(spans[rng.pick(0..spans.len())].text.clone());
        } else {
            out.push(WORDS[rng.pick(0..WORDS.len())].to_owned());
        }
    }
    out.join(" ")
}

/// The line starts of the text (code points), the text's start included.
fn line_starts(text: &[char]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend((0..text.len()).filter(|&i| text[i] == '\n').map(|i| i + 1));
    starts.retain(|&s| s < text.len());
    starts
}

/// A random scenario on `sample`: its name and edits (sorted, disjoint).
fn scenario(rng: &mut Rng, sample: &Sample) -> (&'static str, Vec<Edit>) {
    let text = &sample.text;
    let spans = &sample.spans;
    let span = &spans[rng.pick(0..spans.len())];
    let (s, e) = (span.start, span.end);
    let len = text.len();
    let at = |range: Range<usize>, with: String| vec![Edit { range, with }];
    let inner = |rng: &mut Rng| {
        if e - s >= 3 {
            Some(rng.pick(s + 1..e - 1))
        } else {
            None
        }
    };
    match rng.pick(0..14) {
        0 => {
            let p = s - rng.pick(0..s.min(30) + 1);
            (
                "insert before",
                at(p..p, format!("{} ", words(rng, spans, 3))),
            )
        }
        1 => {
            let p = (e + rng.pick(0..30)).min(len);
            (
                "insert after",
                at(p..p, format!(" {}", words(rng, spans, 3))),
            )
        }
        2 => match inner(rng) {
            Some(p) => ("insert inside", at(p..p, words(rng, spans, 1))),
            None => ("insert inside", at(s..s, "x ".to_owned())),
        },
        3 => {
            let b = s - rng.pick(0..s.min(20) + 1);
            let a = b - rng.pick(0..b.min(40) + 1);
            ("delete before", at(a..b, String::new()))
        }
        4 => {
            let a = (e + rng.pick(0..20)).min(len);
            let b = (a + rng.pick(1..40)).min(len);
            ("delete after", at(a..b, String::new()))
        }
        5 => match inner(rng) {
            Some(p) => (
                "delete inside",
                at(p..(p + rng.pick(1..4)).min(e - 1), String::new()),
            ),
            None => ("delete inside", at(s..e, String::new())),
        },
        6 => {
            let a = s - rng.pick(0..s.min(30) + 1);
            let b = (e + rng.pick(0..30)).min(len);
            ("delete around", at(a..b, String::new()))
        }
        7 => {
            let b = s - rng.pick(0..s.min(20) + 1);
            let a = b - rng.pick(0..b.min(40) + 1);
            ("replace before", at(a..b, words(rng, spans, 2)))
        }
        8 => {
            let a = (e + rng.pick(1..20)).min(len);
            let b = (a + rng.pick(1..40)).min(len);
            ("replace after", at(a..b, words(rng, spans, 2)))
        }
        9 => match inner(rng) {
            Some(p) => {
                let b = (p + rng.pick(1..3)).min(e - 1);
                (
                    "replace inside",
                    at(p..b, WORDS[rng.pick(0..WORDS.len())].to_owned()),
                )
            }
            None => ("replace inside", at(s..e, "Xy".to_owned())),
        },
        10 => typo(rng, span),
        11 => {
            let starts = line_starts(text);
            let p = starts[rng.pick(0..starts.len())];
            let newline = if text.contains(&'\r') { "\r\n" } else { "\n" };
            let n = rng.pick(15..60);
            let paragraph = format!("{}.{newline}", words(rng, spans, n));
            ("paragraph inserted", at(p..p, paragraph))
        }
        12 => {
            let starts = line_starts(text);
            let k = rng.pick(1..starts.len());
            let a = starts[k];
            let b = starts.get(k + 1).copied().unwrap_or(len);
            ("paragraph removed", at(a..b, String::new()))
        }
        _ => {
            // A few edits of all kinds, anywhere.
            let mut edits: Vec<Edit> = Vec::new();
            for _ in 0..rng.pick(2..5) {
                let a = rng.pick(0..len);
                let b = (a + rng.pick(0..12)).min(len);
                let n = if rng.chance(50) { 2 } else { 0 };
                let with = words(rng, spans, n);
                if edits.iter().all(|x| b < x.range.start || a > x.range.end) {
                    edits.push(Edit { range: a..b, with });
                }
            }
            edits.sort_by_key(|x| x.range.start);
            ("several edits", edits)
        }
    }
}

/// A typo fixed inside the quote of a span of six or more code points (a
/// letter replaced, added or removed); a shorter span's text is left alone.
fn typo(rng: &mut Rng, span: &Span) -> (&'static str, Vec<Edit>) {
    let (s, e) = (span.start, span.end);
    let p = if e - s < 6 { s } else { rng.pick(s + 1..e - 1) };
    let (range, with) = match rng.pick(0..3) {
        _ if p == s => (s..s, ""),
        0 => (p..p + 1, "q"),
        1 => (p..p, "e"),
        _ => (p..p + 1, ""),
    };
    let with = with.to_owned();
    ("typo fixed", vec![Edit { range, with }])
}

/// The same edits, each slid as far right (or left) as it goes without
/// changing the new text. An edit is often ambiguous: deleting the line
/// `\nIran said…` just before `\nIran met…` gives the same text as deleting
/// `Iran said…\n`, and which `Iran` survived cannot be told; inserting
/// `Brazil fund and ` before `Brazil fund` is inserting ` and Brazil fund`
/// after it. A placement right under either reading is right.
fn canonical(text: &[char], mut edits: Vec<Edit>, right: bool) -> Vec<Edit> {
    for k in 0..edits.len() {
        let limit = match right {
            true => edits.get(k + 1).map_or(text.len(), |x| x.range.start),
            false => k.checked_sub(1).map_or(0, |p| edits[p].range.end),
        };
        loop {
            let edit = &mut edits[k];
            let (a, b) = (edit.range.start, edit.range.end);
            if (a == b && edit.with.is_empty()) || (right && b >= limit) || (!right && a <= limit) {
                break;
            }
            if right {
                if edit.with.chars().next().unwrap_or(text[b]) != text[a] {
                    break;
                }
                if !edit.with.is_empty() {
                    edit.with.remove(0);
                    edit.with.push(text[b]);
                }
                edit.range = a + 1..b + 1;
            } else {
                if edit.with.chars().last().unwrap_or(text[a - 1]) != text[b - 1] {
                    break;
                }
                if !edit.with.is_empty() {
                    edit.with.pop();
                    edit.with.insert(0, text[a - 1]);
                }
                edit.range = a - 1..b - 1;
            }
        }
    }
    edits
}

/// The old text with `edits` applied.
fn apply(text: &[char], edits: &[Edit]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for edit in edits {
        out.extend(&text[at..edit.range.start]);
        out.push_str(&edit.with);
        at = edit.range.end;
    }
    out.extend(&text[at..]);
    out
}

/// Where a span's text went: untouched (exact new range), changed by an
/// edit (the new range covering what is left of it), or deleted.
#[derive(Clone, Debug, PartialEq)]
enum Truth {
    Untouched(Range<usize>),
    Changed(Range<usize>),
    Deleted,
}

/// The new offset of `x`; insertions exactly at `x` go before it when
/// `start` (a span's start), after it otherwise.
fn map(x: usize, edits: &[Edit], start: bool) -> usize {
    let mut shift = 0i64;
    for edit in edits {
        let (a, b) = (edit.range.start, edit.range.end);
        let n = edit.with.chars().count() as i64;
        let before = if a == b {
            a < x || (start && a == x)
        } else {
            b <= x
        };
        if before {
            shift += n - (b - a) as i64;
        } else if a < x && x < b {
            // Inside a replaced stretch: its start (or the end of the new text).
            return usize::try_from(a as i64 + shift + if start { 0 } else { n }).unwrap();
        }
    }
    usize::try_from(x as i64 + shift).unwrap()
}

fn truth(span: &Span, edits: &[Edit]) -> Truth {
    let (s, e) = (span.start, span.end);
    let touched = edits.iter().any(|x| {
        let (a, b) = (x.range.start, x.range.end);
        if a == b {
            s < a && a < e
        } else {
            a < e && b > s
        }
    });
    let deleted = edits
        .iter()
        .any(|x| x.range.start <= s && e <= x.range.end && x.range.start < x.range.end);
    let new = map(s, edits, true)..map(e, edits, false);
    match (touched, deleted) {
        (_, true) => Truth::Deleted,
        (true, false) if new.is_empty() => Truth::Deleted,
        (true, false) => Truth::Changed(new),
        (false, _) => Truth::Untouched(new),
    }
}

/// How one placement compares with the truth, best first: exact (by its
/// quote, or on the changed text), near (a changed span placed over what is
/// left of it), orphaned, or wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    Exact,
    ExactFuzzy,
    Near,
    OrphanedDeleted,
    OrphanedChanged,
    OrphanedUntouched,
    Wrong,
}

const COLUMNS: [&str; 7] = [
    "exact", "fuzzy", "near", "orph-d", "orph-c", "orph-u", "WRONG",
];

/// Spans counted by verdict.
type Score = [usize; 7];

fn verdict(truth: &Truth, result: Option<&(Range<usize>, How)>) -> Verdict {
    let overlaps = |r: &Range<usize>, t: &Range<usize>| r.start < t.end && t.start < r.end;
    match (truth, result) {
        (Truth::Untouched(t) | Truth::Changed(t), Some((r, How::Fuzzy { .. }))) if r == t => {
            Verdict::ExactFuzzy
        }
        (Truth::Untouched(t) | Truth::Changed(t), Some((r, _))) if r == t => Verdict::Exact,
        (Truth::Changed(t), Some((r, _))) if overlaps(r, t) => Verdict::Near,
        (Truth::Untouched(_), None) => Verdict::OrphanedUntouched,
        (Truth::Changed(_), None) => Verdict::OrphanedChanged,
        (Truth::Deleted, None) => Verdict::OrphanedDeleted,
        _ => Verdict::Wrong,
    }
}

/// Re-anchors the sample's spans on `new` and scores them against the
/// equivalent `readings` of the edits (the best verdict counts).
fn run(sample: &Sample, new: &str, readings: &[Vec<Edit>], score: &mut Score, what: &str) {
    let doc = Document::new(new);
    let outcome = if CONTEXT.with(std::cell::Cell::get) {
        let spans = sample.spans.iter().cloned();
        store::reanchor_in_context(&doc, spans.zip(sample.contexts.clone()).collect())
    } else {
        store::reanchor(&doc, sample.spans.clone())
    };
    let placed = outcome.placed.len() + outcome.orphans.len();
    assert_eq!(placed, sample.spans.len(), "a span was lost");
    let mut results: BTreeMap<u64, Option<(Range<usize>, How)>> = BTreeMap::new();
    for (span, how) in &outcome.placed {
        assert_eq!(doc.slice(span.start..span.end), Some(span.text.as_str()));
        results.insert(span.id, Some((span.start..span.end, *how)));
    }
    results.extend(outcome.orphans.iter().map(|span| (span.id, None)));
    for span in &sample.spans {
        let result = results[&span.id].as_ref();
        let verdicts = readings
            .iter()
            .map(|edits| verdict(&truth(span, edits), result));
        let best = verdicts.min().unwrap();
        score[best as usize] += 1;
        if best == Verdict::Wrong {
            let (id, text, truth) = (span.id, &span.text, truth(span, &readings[0]));
            eprintln!(
                "WRONG {what} in {}: span {id} {text:?} {:?} → {result:?}, truth {truth:?}; \
                 edits {:?}",
                sample.name,
                span.start..span.end,
                readings[0]
            );
        }
    }
}

/// The old text with its line ends converted (CRLF to LF if it has CRLF,
/// else LF to CRLF), as edits.
fn line_ends(text: &[char]) -> (&'static str, Vec<Edit>) {
    let crlf = text.contains(&'\r');
    let edit = |range, with: &str| Edit {
        range,
        with: with.to_owned(),
    };
    let edits = (0..text.len()).filter_map(|i| match (text[i], crlf) {
        ('\r', true) => Some(edit(i..i + 1, "")),
        ('\n', false) => Some(edit(i..i, "\r")),
        _ => None,
    });
    let kind = if crlf { "CRLF to LF" } else { "LF to CRLF" };
    (kind, edits.collect())
}

thread_local! {
    /// Whether [`run`] gives the re-anchorer the spans' stored context.
    static CONTEXT: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// A scenario where the quote of a span is copied next to where it was:
/// a sentence naming it inserted just before it (or before its line), or a
/// paragraph repeating the quotes of the spans of the lines after it.
fn lure(rng: &mut Rng, sample: &Sample) -> (&'static str, Vec<Edit>) {
    let text = &sample.text;
    let spans = &sample.spans;
    let span = &spans[rng.pick(0..spans.len())];
    let newline = if text.contains(&'\r') { "\r\n" } else { "\n" };
    let starts = line_starts(text);
    let line = starts[starts.partition_point(|&x| x <= span.start) - 1];
    if rng.chance(50) {
        let p = if rng.chance(50) { line } else { span.start };
        let sentence = format!(
            "{} {} {}. ",
            words(rng, spans, 2),
            span.text,
            words(rng, spans, 3)
        );
        (
            "name inserted before",
            vec![Edit {
                range: p..p,
                with: sentence,
            }],
        )
    } else {
        let following: Vec<&str> = spans
            .iter()
            .filter(|s| s.start >= line)
            .take(6)
            .map(|s| s.text.as_str())
            .collect();
        let mut paragraph = Vec::new();
        for quote in following {
            paragraph.push(words(rng, spans, 2));
            paragraph.push(quote.to_owned());
        }
        let paragraph = format!("{}.{newline}", paragraph.join(" "));
        (
            "names repeated above",
            vec![Edit {
                range: line..line,
                with: paragraph,
            }],
        )
    }
}

/// Runs every case; returns the scores by kind of edit and the number of
/// edited articles.
fn measure(context: bool) -> (BTreeMap<&'static str, Score>, usize) {
    CONTEXT.with(|c| c.set(context));
    let mut rng = Rng(0x6e65_7773_6d61_726b);
    let mut by_kind: BTreeMap<&str, Score> = BTreeMap::new();
    let mut cases = 0;
    let samples = samples();
    for sample in &samples {
        for _ in 0..60 {
            let (kind, edits) = scenario(&mut rng, sample);
            cases += score_case(sample, kind, &edits, &mut by_kind);
        }
        let (kind, edits) = line_ends(&sample.text);
        let new = apply(&sample.text, &edits);
        run(
            sample,
            &new,
            &[edits],
            by_kind.entry(kind).or_default(),
            kind,
        );
        let bom = format!("\u{feff}{}", apply(&sample.text, &[]));
        let score = by_kind.entry("BOM added").or_default();
        run(sample, &bom, &[vec![]], score, "BOM");
        cases += 2;
    }
    let mut rng = Rng(0x6c75_7265_7320_6e65);
    for sample in &samples {
        for _ in 0..20 {
            let (kind, edits) = lure(&mut rng, sample);
            cases += score_case(sample, kind, &edits, &mut by_kind);
        }
    }
    (by_kind, cases)
}

/// Scores one edited article (under both readings of its edits).
fn score_case(
    sample: &Sample,
    kind: &'static str,
    edits: &[Edit],
    by_kind: &mut BTreeMap<&'static str, Score>,
) -> usize {
    let new = apply(&sample.text, edits);
    let readings = [true, false].map(|right| canonical(&sample.text, edits.to_vec(), right));
    for reading in &readings {
        assert_eq!(apply(&sample.text, reading), new);
    }
    run(
        sample,
        &new,
        &readings,
        by_kind.entry(kind).or_default(),
        kind,
    );
    1
}

/// Prints the table; returns the totals.
fn report(title: &str, by_kind: &BTreeMap<&str, Score>, cases: usize) -> Score {
    let mut total: Score = [0; 7];
    eprintln!("\n{title}: {cases} edited articles");
    let header: Vec<String> = COLUMNS.iter().map(|c| format!("{c:>7}")).collect();
    eprintln!("{:<20} {:>6}{}", "edit", "spans", header.concat());
    for (kind, score) in by_kind {
        let cells: Vec<String> = score.iter().map(|n| format!("{n:>7}")).collect();
        eprintln!(
            "{kind:<20} {:>6}{}",
            score.iter().sum::<usize>(),
            cells.concat()
        );
        total.iter_mut().zip(score).for_each(|(t, n)| *t += n);
    }
    let spans: usize = total.iter().sum();
    let pct = |n: usize| 100.0 * n as f64 / spans as f64;
    let [exact, fuzzy, near, deleted, changed, untouched, wrong] = total;
    let correct = exact + fuzzy + near + deleted;
    eprintln!(
        "total: {spans} spans; exact {} ({:.2}%; {fuzzy} of them fuzzy), near {near}, \
         orphaned {untouched} untouched / {changed} changed / {deleted} deleted; \
         correct {:.2}%, WRONG {wrong}",
        exact + fuzzy,
        pct(exact + fuzzy),
        pct(correct)
    );
    total
}

/// The fraction of spans that end right (exact, near, or orphaned because
/// deleted), in percent.
fn correct(total: &Score) -> f64 {
    let spans: usize = total.iter().sum();
    let [exact, fuzzy, near, deleted, ..] = *total;
    100.0 * (exact + fuzzy + near + deleted) as f64 / spans as f64
}

#[test]
fn reanchoring_the_edited_samples() {
    let (without, _) = measure(false);
    let (with, cases) = measure(true);
    let before = report("without stored context", &without, cases);
    let total = report("with stored context", &with, cases);
    assert!(cases >= 300);
    assert_eq!(total[6], 0, "spans placed where they do not belong");
    assert!(correct(&total) >= 97.0, "{total:?}");
    // Context brings fewer wrong placements (it asks both sides of a
    // changed span's context to be there, so it may orphan a few more
    // changed spans) or more right ones.
    assert!(
        total[6] < before[6] || correct(&total) > correct(&before),
        "context brings nothing"
    );
    let spans: usize = total.iter().sum();
    assert!(total[5] * 200 <= spans, "{total:?}");
    // Where the quotes were copied nearby, context places more spans.
    let lures = |by: &BTreeMap<&str, Score>| {
        ["name inserted before", "names repeated above"]
            .iter()
            .map(|k| by[k][0] + by[k][1])
            .sum::<usize>()
    };
    assert!(lures(&with) > lures(&without));
}
