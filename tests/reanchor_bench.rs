//! The re-anchoring benchmark: articles (the samples and generated Dutch and
//! Spanish news) edited in 15 kinds of realistic edit, with a fixed seed, and
//! every span's true new place known by tracking every character through the
//! edits (each character of the old text carries its old index; inserted
//! text carries none; a moved paragraph keeps its own).
//!
//! A span is **placeable** when its characters survive in order (whitespace
//! between them may change), or, for a changed span, its first and last
//! words survive: its true place then runs from its first character to its
//! last. It is **ambiguous** (not placeable: the rule is to orphan it, never
//! to guess) when the edits made its quote with its whole stored context
//! occur at more places than before, or when the readings of the edit (see
//! below) put it at different places. Each placement is scored
//!
//! - **exact**: on its true place;
//! - **near**: a changed span placed over what is left of it (no other old
//!   text in it);
//! - **orphaned**, placeable or not;
//! - **guessed**: an ambiguous span placed anyway;
//! - **WRONG**: placed anywhere else;
//! - **dropped**: missing from the outcome.
//!
//! An edit can often be read two ways (inserting `Veolia zegt… Veolia ` before
//! `Veolia` is inserting `zegt… Veolia Veolia ` after it): the tracking is
//! slid both ways, and a placement right under any reading is right.
//!
//! `cargo test --release --test reanchor_bench -- --nocapture` prints the
//! table (the README quotes it).

#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod common;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use common::edits::Rng;
use newsmark::model::{Document, LabelSchema, Span};
use newsmark::store::{self, Context};

/// A character of the edited text and its index in the old text, if it
/// comes from there.
type Marked = Vec<(char, Option<usize>)>;

/// An article and its spans, with their context as saving stores it.
struct Article {
    name: String,
    text: Vec<char>,
    spans: Vec<Span>,
    contexts: Vec<Context>,
}

impl Article {
    fn new(name: String, text: &str, spans: Vec<Span>) -> Self {
        let doc = Document::new(text);
        for span in &spans {
            assert_eq!(doc.slice(span.start..span.end), Some(span.text.as_str()));
        }
        let contexts = spans.iter().map(|s| Context::of(&doc, s)).collect();
        Self {
            name,
            text: doc.text().chars().collect(),
            spans,
            contexts,
        }
    }

    fn marked(&self) -> Marked {
        self.text
            .iter()
            .enumerate()
            .map(|(i, &c)| (c, Some(i)))
            .collect()
    }

    /// Whether old offset `i` is inside a span.
    fn in_span(&self, i: usize) -> bool {
        self.spans.iter().any(|s| s.start <= i && i < s.end)
    }
}

fn samples() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|txt| {
            let doc = store::read_text(&txt).unwrap();
            let name = store::file_name(&txt);
            let ron = store::paired_ron_path(&txt);
            let loaded =
                store::load_annotations(&ron, &name, &doc, &LabelSchema::default()).unwrap();
            Article::new(name, doc.text(), loaded.set.spans().to_vec())
        })
        .collect()
}

const PERSONS: &[&str] = &[
    "Jan Mulder",
    "Luis Tosar",
    "Teresa Ribera",
    "Diego Martínez",
    "Bart Eeckhout",
    "Ana Botín",
    "Hadja Lahbib",
    "José Manuel Albares",
    "Mark Rutte",
    "Yolanda Díaz",
];
const ROLES: &[&str] = &[
    "minister van Buitenlandse Zaken",
    "secretario de Estado",
    "burgemeester",
    "vicepresidenta",
    "hoofdredacteur",
    "ministra de Trabajo",
    "premier",
];
const COUNTRIES: &[&str] = &[
    "Marokko",
    "Argelia",
    "España",
    "Nederland",
    "België",
    "Chile",
    "Rabat",
    "Vietnam",
];
const INITIATIVES: &[&str] = &[
    "Pacto Verde",
    "Agenda 2030",
    "Noordzee Windakkoord",
    "Plan de Recuperación",
    "Mekong Offshore Wind Partnership",
];
/// Sentence patterns: `{p}` person, `{r}` role, `{c}` country, `{i}`
/// initiative.
const PATTERNS: &[&str] = &[
    "De {r} {p} bezocht gisteren {c} voor overleg over het {i}.",
    "Volgens {p} blijft {c} een belangrijke partner.",
    "El {r} {p} visitará {c} la próxima semana.",
    "La {r} {p} defendió el {i} ante el Parlamento.",
    "{p} zei dat het {i} vertraging oploopt.",
    "Fuentes del Gobierno de {c} confirmaron la reunión con {p}.",
    "Het {i} moet in 2030 klaar zijn, aldus de {r}.",
    "Según {p}, el acuerdo con {c} es un paso histórico.",
    "In {c} reageerde men verdeeld op het nieuws.",
    "Los detalles del {i} se conocerán en marzo.",
];
/// Words for inserted sentences and changed words.
const FILLER: &[&str] = &[
    "de", "het", "een", "regering", "zei", "dat", "el", "la", "gobierno", "dijo", "que", "acuerdo",
    "nieuwe", "plan", "ayer", "gisteren", "lijn", "blijft", "reunión", "mañana",
];

/// A generated article: a title and paragraphs of news sentences, each name
/// tagged; CRLF line ends when `crlf`.
fn generated(rng: &mut Rng, k: usize, crlf: bool) -> Article {
    let newline = if crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut add = |text: &mut String, pattern: &str, rng: &mut Rng| {
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let (list, label) = match &rest[open + 1..open + 2] {
                "p" => (PERSONS, "person"),
                "r" => (ROLES, "role"),
                "c" => (COUNTRIES, "country"),
                _ => (INITIATIVES, "initiative"),
            };
            let quote = list[rng.pick(0..list.len())];
            let start = text.chars().count();
            text.push_str(quote);
            let id = spans.len() as u64 + 1;
            let end = start + quote.chars().count();
            spans.push(Span::manual(id, start, end, label, quote));
            rest = &rest[open + 3..];
        }
        text.push_str(rest);
    };
    add(&mut text, "{c} en {c} sluiten akkoord", rng);
    text.push_str(newline);
    text.push_str(newline);
    for _ in 0..rng.pick(5..9) {
        for s in 0..rng.pick(2..5) {
            if s > 0 {
                text.push(' ');
            }
            add(&mut text, PATTERNS[rng.pick(0..PATTERNS.len())], rng);
        }
        text.push_str(newline);
    }
    Article::new(format!("generated-{k}"), &text, spans)
}

/// Where sentences start in `text` (after a line end or `. `), the text's
/// start included, and where it ends.
fn sentence_starts(text: &Marked) -> Vec<usize> {
    let mut starts = vec![0];
    for i in 1..text.len() {
        let after_line = text[i - 1].0 == '\n';
        let after_stop = i >= 2 && text[i - 2].0 == '.' && text[i - 1].0 == ' ';
        if (after_line || after_stop) && text[i].0 != '\r' && text[i].0 != '\n' {
            starts.push(i);
        }
    }
    starts.push(text.len());
    starts.dedup();
    starts
}

/// The lines of `text` with their line end (a paragraph each), blank ones
/// left out.
fn paragraphs(text: &Marked) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..text.len() {
        if text[i].0 == '\n' {
            if text[start..i].iter().any(|c| !c.0.is_whitespace()) {
                out.push(start..i + 1);
            }
            start = i + 1;
        }
    }
    if text[start..].iter().any(|c| !c.0.is_whitespace()) {
        out.push(start..text.len());
    }
    out
}

fn fresh(s: &str) -> Marked {
    s.chars().map(|c| (c, None)).collect()
}

fn splice(text: &mut Marked, range: Range<usize>, with: Marked) {
    text.splice(range, with);
}

/// A sentence of filler words and now and then an article's quote (a lure).
fn sentence(rng: &mut Rng, art: &Article) -> String {
    let mut words = Vec::new();
    for _ in 0..rng.pick(4..10) {
        if rng.chance(25) {
            words.push(art.spans[rng.pick(0..art.spans.len())].text.clone());
        } else {
            words.push(FILLER[rng.pick(0..FILLER.len())].to_owned());
        }
    }
    let mut s = words.join(" ");
    if let Some(first) = s.get(..1) {
        let upper = first.to_uppercase();
        s.replace_range(..1, &upper);
    }
    s + ". "
}

/// A typo at `at` (inside a word): a letter replaced, added, removed, or two
/// swapped.
fn typo(rng: &mut Rng, text: &mut Marked, at: usize) {
    match rng.pick(0..4) {
        0 => text[at] = ('q', None),
        1 => text.insert(at, ('e', None)),
        2 => {
            text.remove(at);
        }
        _ if at + 1 < text.len() => {
            text.swap(at, at + 1);
            text[at].1 = None;
            text[at + 1].1 = None;
        }
        _ => text[at] = ('x', None),
    }
}

/// Positions of letters of `text` inside (or outside) the article's spans,
/// with letters on both sides.
fn letters(text: &Marked, art: &Article, inside: bool) -> Vec<usize> {
    (1..text.len().saturating_sub(1))
        .filter(|&i| {
            let letter = |k: usize| text[k].0.is_alphabetic();
            letter(i - 1)
                && letter(i)
                && letter(i + 1)
                && text[i].1.is_some_and(|o| art.in_span(o) == inside)
        })
        .collect()
}

/// The spans of at least two words.
fn multiword(art: &Article) -> Vec<&Span> {
    art.spans
        .iter()
        .filter(|s| s.text.split_whitespace().count() >= 2)
        .collect()
}

/// Where old offset `old` is in `text` now.
fn now(text: &Marked, old: usize) -> Option<usize> {
    text.iter().position(|c| c.1 == Some(old))
}

/// The kinds of edit, in the table's order.
const KINDS: [&str; 15] = [
    "typo outside spans",
    "typo inside a span",
    "sentence inserted",
    "sentence deleted",
    "sentence pasted",
    "paragraph moved",
    "lines re-wrapped",
    "line ends LF/CRLF",
    "BOM added",
    "word of span changed",
    "span text deleted",
    "quote re-spaced",
    "name inserted before",
    "passage duplicated",
    "mixed edits",
];

/// Applies one edit of `kind` to `text`.
fn edit(kind: &str, rng: &mut Rng, art: &Article, text: &mut Marked) {
    let span = &art.spans[rng.pick(0..art.spans.len())];
    match kind {
        "typo outside spans" => {
            for _ in 0..rng.pick(1..4) {
                let at = letters(text, art, false);
                if !at.is_empty() {
                    let k = rng.pick(0..at.len());
                    typo(rng, text, at[k]);
                }
            }
        }
        "typo inside a span" => {
            let at = letters(text, art, true);
            if !at.is_empty() {
                let k = rng.pick(0..at.len());
                typo(rng, text, at[k]);
            }
        }
        "sentence inserted" => {
            let starts = sentence_starts(text);
            let at = starts[rng.pick(0..starts.len() - 1)];
            let s = sentence(rng, art);
            splice(text, at..at, fresh(&s));
        }
        "sentence deleted" => {
            let starts = sentence_starts(text);
            let k = rng.pick(1..starts.len() - 1);
            splice(text, starts[k]..starts[k + 1], Vec::new());
        }
        "sentence pasted" => {
            // A copy of a sentence, pasted at a sentence start at least one
            // sentence away from it.
            let starts = sentence_starts(text);
            let k = rng.pick(1..starts.len() - 1);
            let copy: Marked = text[starts[k]..starts[k + 1]]
                .iter()
                .map(|c| (c.0, None))
                .collect();
            let mut to = rng.pick(0..starts.len() - 1);
            if to.abs_diff(k) <= 1 {
                to = (k + 3).min(starts.len() - 2);
            }
            let at = starts[to];
            splice(text, at..at, copy);
        }
        "paragraph moved" => {
            let paras = paragraphs(text);
            if paras.len() >= 3 {
                let k = rng.pick(1..paras.len());
                let mut to = rng.pick(1..paras.len());
                if to == k {
                    to = if k > 1 { k - 1 } else { k + 1 };
                }
                let cut: Marked = text[paras[k].clone()].to_vec();
                let mut cut = cut;
                // The last paragraph may lack its line end.
                if cut.last().is_some_and(|c| c.0 != '\n') {
                    cut.push(('\n', None));
                }
                let at = paras[to].start;
                if to < k {
                    splice(text, paras[k].clone(), Vec::new());
                    splice(text, at..at, cut);
                } else {
                    splice(text, paras[to].end..paras[to].end, cut);
                    splice(text, paras[k].clone(), Vec::new());
                }
            }
        }
        "lines re-wrapped" => {
            let width = rng.pick(30..70);
            let crlf = text.iter().any(|c| c.0 == '\r');
            let mut column = 0;
            let mut out = Marked::new();
            for &(c, o) in text.iter() {
                column += 1;
                if c == '\n' {
                    column = 0;
                } else if c == ' ' && column > width {
                    if crlf {
                        out.push(('\r', None));
                    }
                    out.push(('\n', o));
                    column = 0;
                    continue;
                }
                out.push((c, o));
            }
            *text = out;
        }
        "line ends LF/CRLF" => {
            let crlf = text.iter().any(|c| c.0 == '\r');
            let mut out = Marked::new();
            for &(c, o) in text.iter() {
                match (c, crlf) {
                    ('\r', true) => {}
                    ('\n', false) => {
                        out.push(('\r', None));
                        out.push((c, o));
                    }
                    _ => out.push((c, o)),
                }
            }
            *text = out;
        }
        "BOM added" => text.insert(0, ('\u{feff}', None)),
        "word of span changed" => {
            let spans = multiword(art);
            if let Some(span) = spans.get(rng.pick(0..spans.len().max(1))) {
                let words: Vec<&str> = span.text.split(' ').collect();
                let w = rng.pick(0..words.len());
                let offset = words[..w]
                    .iter()
                    .map(|x| x.chars().count() + 1)
                    .sum::<usize>();
                if let Some(at) = now(text, span.start + offset) {
                    let n = words[w].chars().count();
                    let word = FILLER[rng.pick(0..FILLER.len())];
                    splice(text, at..at + n, fresh(word));
                }
            }
        }
        "span text deleted" => {
            if let (Some(a), Some(b)) = (now(text, span.start), now(text, span.end - 1)) {
                splice(text, a..b + 1, Vec::new());
            }
        }
        "quote re-spaced" => {
            let spans = multiword(art);
            if let Some(span) = spans.get(rng.pick(0..spans.len().max(1))) {
                let spaces: Vec<usize> = (span.start..span.end)
                    .filter(|&i| art.text[i] == ' ')
                    .collect();
                let old = spaces[rng.pick(0..spaces.len())];
                if let Some(at) = now(text, old) {
                    let with = ["\n", "\r\n", "  ", "\n  "][rng.pick(0..4)];
                    let mut marked = fresh(with);
                    // The first whitespace character stands for the space.
                    marked[0].1 = Some(old);
                    splice(text, at..at + 1, marked);
                }
            }
        }
        "name inserted before" => {
            if let Some(at) = now(text, span.start) {
                let starts = sentence_starts(text);
                let line = starts[starts.partition_point(|&x| x <= at) - 1];
                // Before its sentence, or just before it.
                let s = if rng.chance(50) {
                    let rest = sentence(rng, art);
                    let filler = FILLER[rng.pick(0..FILLER.len())];
                    format!("{filler} {} {}", span.text, rest.to_lowercase())
                } else {
                    format!("{} {}. ", span.text, FILLER[rng.pick(0..FILLER.len())])
                };
                let p = if s.ends_with(". ") && !s.starts_with(&span.text) {
                    line
                } else {
                    at
                };
                splice(text, p..p, fresh(&s));
            }
        }
        "passage duplicated" => {
            let paras = paragraphs(text);
            let k = rng.pick(0..paras.len());
            let copy: Marked = text[paras[k].clone()].iter().map(|c| (c.0, None)).collect();
            let at = if rng.chance(50) {
                paras[k].end
            } else {
                paras[rng.pick(0..paras.len())].start
            };
            let mut copy = copy;
            if copy.last().is_some_and(|c| c.0 != '\n') {
                if at == text.len() {
                    copy.insert(0, ('\n', None));
                } else {
                    copy.push(('\n', None));
                }
            }
            splice(text, at..at, copy);
        }
        _ => {
            for _ in 0..rng.pick(3..6) {
                let kind = [
                    "typo outside spans",
                    "typo inside a span",
                    "sentence inserted",
                    "sentence deleted",
                    "word of span changed",
                    "quote re-spaced",
                    "span text deleted",
                ][rng.pick(0..7)];
                edit(kind, rng, art, text);
            }
        }
    }
}

/// The same text with the marks slid as far right (or left) as they go
/// without changing it: a run of inserted characters moves past an old
/// character equal to its first (last), and so does a deleted stretch.
fn slid(text: &Marked, old: &[char], right: bool) -> Marked {
    let mut t = text.clone();
    let n = t.len();
    // Inserted runs.
    let mut i = 0;
    while i < n {
        if t[i].1.is_some() {
            i += 1;
            continue;
        }
        let (mut a, mut b) = (i, i);
        while b < n && t[b].1.is_none() {
            b += 1;
        }
        i = b;
        if right {
            while b < n && t[b].1.is_some() && t[a].0 == t[b].0 {
                t[a].1 = t[b].1.take();
                a += 1;
                b += 1;
            }
            i = b;
        } else {
            while a > 0 && t[a - 1].1.is_some() && t[b - 1].0 == t[a - 1].0 {
                t[b - 1].1 = t[a - 1].1.take();
                a -= 1;
                b -= 1;
            }
        }
    }
    // Deleted stretches between two adjacent kept characters.
    if right {
        for i in 1..n {
            if let (Some(p), Some(o)) = (t[i - 1].1, t[i].1)
                && o > p + 1
                && old[p + 1] == t[i].0
            {
                t[i].1 = Some(p + 1);
            }
        }
    } else {
        for i in (0..n.saturating_sub(1)).rev() {
            if let (Some(o), Some(nx)) = (t[i].1, t[i + 1].1)
                && nx > o + 1
                && old[nx - 1] == t[i].0
            {
                t[i].1 = Some(nx - 1);
            }
        }
    }
    t
}

/// Where a span truly is in one reading of the edited text.
#[derive(Clone, Debug, PartialEq)]
enum Truth {
    /// Every character survived, in order: exactly here (the text may
    /// differ in whitespace, or in a word when first and last survived).
    At(Range<usize>),
    /// Not placeable.
    Gone,
}

fn truth(span: &Span, text: &Marked, now: &[Option<usize>]) -> Truth {
    let pos = |o: usize| now.get(o).copied().flatten();
    let quote: Vec<char> = span.text.chars().collect();
    // The first and last words (runs of non-whitespace) of the quote.
    let first_end = quote
        .iter()
        .position(|c| c.is_whitespace())
        .unwrap_or(quote.len());
    let last_start = quote
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let run = |a: usize, b: usize| -> Option<usize> {
        let at = pos(span.start + a)?;
        (a..b)
            .all(|k| {
                text.get(at + k - a)
                    .is_some_and(|c| c.1 == Some(span.start + k))
            })
            .then_some(at)
    };
    let (Some(first), Some(last)) = (run(0, first_end), run(last_start, quote.len())) else {
        return Truth::Gone;
    };
    let end = last + quote.len() - last_start;
    if first >= end || end - first > 2 * quote.len() + 8 {
        return Truth::Gone;
    }
    Truth::At(first..end)
}

/// Verdicts, as columns of the table.
const COLUMNS: [&str; 8] = [
    "placeable",
    "exact",
    "near",
    "orph-p",
    "orph-n",
    "guessed",
    "WRONG",
    "dropped",
];
type Score = [usize; 8];

/// Whether `r` lies over what is left of `span` in `text`: it overlaps the
/// span's surviving characters, and holds no other old character but
/// whitespace and punctuation.
fn over_what_is_left(span: &Span, r: &Range<usize>, text: &Marked) -> bool {
    let mine = |o: usize| span.start <= o && o < span.end;
    let overlaps = text[r.clone()].iter().any(|c| c.1.is_some_and(mine));
    let foreign = text[r.clone()]
        .iter()
        .any(|c| c.1.is_some_and(|o| !mine(o)) && c.0.is_alphanumeric());
    overlaps && !foreign
}

/// How many places of `doc` hold `quote` with the whole of `context`
/// around it.
fn with_whole_context(doc: &Document, quote: &str, context: &Context) -> usize {
    let full = context.prefix.chars().count() + context.suffix.chars().count();
    let len = quote.chars().count();
    doc.text()
        .match_indices(quote)
        .filter_map(|(b, _)| doc.char_of_byte(b))
        .filter(|&start| {
            context.score(doc, start, start + len) == full
                && context.sides(doc, start, start + len) == (true, true)
        })
        .count()
}

/// Re-anchors the article's spans on `edited` and adds the verdicts to
/// `score`.
fn run(art: &Article, edited: &Marked, score: &mut Score, kind: &str) {
    let new: String = edited.iter().map(|c| c.0).collect();
    let doc = Document::new(new.as_str());
    // A BOM is not part of the text.
    let skip = usize::from(new.starts_with('\u{feff}'));
    let edited: Marked = edited[skip..].to_vec();
    let readings = [
        edited.clone(),
        slid(&edited, &art.text, true),
        slid(&edited, &art.text, false),
    ];
    // Where each old character is in each reading.
    let wheres: Vec<Vec<Option<usize>>> = readings
        .iter()
        .map(|r| {
            let mut w = vec![None; art.text.len()];
            for (i, c) in r.iter().enumerate() {
                if let Some(o) = c.1 {
                    w[o] = Some(i);
                }
            }
            w
        })
        .collect();
    let old = Document::new(art.text.iter().collect::<String>());
    let spans = art.spans.iter().cloned().zip(art.contexts.iter().cloned());
    let outcome = store::reanchor_in_context(&doc, spans.collect());
    let mut placed: BTreeMap<u64, Option<Range<usize>>> = BTreeMap::new();
    for (span, _) in &outcome.placed {
        assert_eq!(doc.slice(span.start..span.end), Some(span.text.as_str()));
        placed.insert(span.id, Some(span.start..span.end));
    }
    placed.extend(outcome.orphans.iter().map(|s| (s.id, None)));
    for (span, context) in art.spans.iter().zip(&art.contexts) {
        let Some(result) = placed.get(&span.id) else {
            score[7] += 1;
            continue;
        };
        let ambiguous = !context.is_empty() && {
            let now = with_whole_context(&doc, &span.text, context);
            now >= 2 && now > with_whole_context(&old, &span.text, context)
        };
        let truths: Vec<Truth> = readings
            .iter()
            .zip(&wheres)
            .map(|(r, w)| truth(span, r, w))
            .collect();
        // An edit read two ways that put the span at two places (or leave
        // it in one and not in the other) is as ambiguous.
        let disagree = truths.iter().any(|t| *t != truths[0]);
        let placeable = !ambiguous && !disagree && truths[0] != Truth::Gone;
        if placeable {
            score[0] += 1;
        }
        let column = match result {
            None if placeable => 3,
            None => 4,
            Some(_) if ambiguous => 5,
            Some(r) if truths.iter().any(|t| *t == Truth::At(r.clone())) => {
                if doc.slice(r.clone()) == Some(span.text.as_str()) {
                    1
                } else {
                    2
                }
            }
            Some(r) if readings.iter().any(|t| over_what_is_left(span, r, t)) => 2,
            Some(_) => 6,
        };
        score[column] += 1;
        if column == 6 || column == 5 || (column == 3 && std::env::var_os("SHOW_ORPHANS").is_some())
        {
            let how = outcome
                .placed
                .iter()
                .find(|p| p.0.id == span.id)
                .map(|p| p.1);
            let others: Vec<u64> = outcome
                .placed
                .iter()
                .filter(|p| p.0.id != span.id && Some(p.0.start..p.0.end) == *result)
                .map(|p| p.0.id)
                .collect();
            eprintln!(
                "{} {kind} in {}: span {} {:?} {:?} -> {result:?} {how:?} (also {others:?}), \
                 truth {:?}",
                COLUMNS[column],
                art.name,
                span.id,
                span.text,
                span.start..span.end,
                truths[0]
            );
        }
    }
}

/// Edits every article ten times in every kind; the scores by kind.
fn measure() -> (BTreeMap<&'static str, Score>, usize, usize) {
    let mut rng = Rng(0x616e_6368_6f72_3136);
    let mut articles = samples();
    for k in 0..16 {
        articles.push(generated(&mut rng, k, k % 4 == 3));
    }
    let mut by_kind: BTreeMap<&str, Score> = BTreeMap::new();
    let mut cases = 0;
    for art in &articles {
        for kind in KINDS {
            for _ in 0..10 {
                let mut text = art.marked();
                edit(kind, &mut rng, art, &mut text);
                run(art, &text, by_kind.entry(kind).or_default(), kind);
                cases += 1;
            }
        }
    }
    (by_kind, cases, articles.len())
}

/// Placed (exactly or near) among the placeable, in percent.
fn placed_percent(score: &Score) -> f64 {
    let placeable = score[0].max(1);
    100.0 * (placeable - score[3]) as f64 / placeable as f64
}

#[test]
fn reanchoring_benchmark() {
    let (by_kind, cases, articles) = measure();
    eprintln!("\n{cases} edited articles ({articles} articles, 15 kinds of edit, 10 each)");
    let header: Vec<String> = COLUMNS.iter().map(|c| format!("{c:>10}")).collect();
    eprintln!("| {:<22} {:>6}{}  placed", "edit", "spans", header.concat());
    let mut total: Score = [0; 8];
    for kind in KINDS {
        let score = by_kind[kind];
        let spans = score[1..=7].iter().sum::<usize>();
        let cells: Vec<String> = score.iter().map(|n| format!("{n:>10}")).collect();
        eprintln!(
            "| {kind:<22} {spans:>6}{} {:>6.2} %",
            cells.concat(),
            placed_percent(&score)
        );
        total.iter_mut().zip(score).for_each(|(t, n)| *t += n);
    }
    let spans = total[1..=7].iter().sum::<usize>();
    let cells: Vec<String> = total.iter().map(|n| format!("{n:>10}")).collect();
    eprintln!(
        "| {:<22} {spans:>6}{} {:>6.2} %",
        "all",
        cells.concat(),
        placed_percent(&total)
    );
    assert!(cases >= 2_000);
    assert_eq!(total[7], 0, "spans dropped");
    assert_eq!(total[6], 0, "spans placed where they do not belong");
    assert_eq!(total[5], 0, "ambiguous spans placed (guessed)");
    for kind in KINDS {
        let score = by_kind[kind];
        assert!(score[0] > 0, "{kind}: nothing placeable");
        assert!(placed_percent(&score) >= 99.5, "{kind}: {score:?}");
    }
}
