//! Edited articles for the re-anchoring benchmark (`tests/core/reanchor_bench.rs`):
//! the samples and generated Dutch and Spanish news, and 15 kinds of edit
//! applied to a text whose every character carries its index in the old
//! text (none for inserted text).

use std::ops::Range;
use std::path::Path;

use super::edits::Rng;
use newsmark::model::{Document, LabelSchema, Span};
use newsmark::store::{self, Context};

/// A character of the edited text and its index in the old text, if it
/// comes from there.
pub type Marked = Vec<(char, Option<usize>)>;

/// An article and its spans, with their context as saving stores it.
pub struct Article {
    pub name: String,
    pub text: Vec<char>,
    pub spans: Vec<Span>,
    pub contexts: Vec<Context>,
}

impl Article {
    pub fn new(name: String, text: &str, spans: Vec<Span>) -> Self {
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

    pub fn marked(&self) -> Marked {
        self.text
            .iter()
            .enumerate()
            .map(|(i, &c)| (c, Some(i)))
            .collect()
    }

    /// Whether old offset `i` is inside a span.
    pub fn in_span(&self, i: usize) -> bool {
        self.spans.iter().any(|s| s.start <= i && i < s.end)
    }
}

pub fn samples() -> Vec<Article> {
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
            assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
            Article::new(name, doc.text(), loaded.set.spans().to_vec())
        })
        .collect()
}

pub const PERSONS: &[&str] = &[
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
pub const ROLES: &[&str] = &[
    "minister van Buitenlandse Zaken",
    "secretario de Estado",
    "burgemeester",
    "vicepresidenta",
    "hoofdredacteur",
    "ministra de Trabajo",
    "premier",
];
pub const COUNTRIES: &[&str] = &[
    "Marokko",
    "Argelia",
    "España",
    "Nederland",
    "België",
    "Chile",
    "Rabat",
    "Vietnam",
];
pub const INITIATIVES: &[&str] = &[
    "Pacto Verde",
    "Agenda 2030",
    "Noordzee Windakkoord",
    "Plan de Recuperación",
    "Mekong Offshore Wind Partnership",
];
/// Sentence patterns: `{p}` person, `{r}` role, `{c}` country, `{i}`
/// initiative.
pub const PATTERNS: &[&str] = &[
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
pub const FILLER: &[&str] = &[
    "de", "het", "een", "regering", "zei", "dat", "el", "la", "gobierno", "dijo", "que", "acuerdo",
    "nieuwe", "plan", "ayer", "gisteren", "lijn", "blijft", "reunión", "mañana",
];

/// A generated article: a title and paragraphs of news sentences, each name
/// tagged; CRLF line ends when `crlf`.
pub fn generated(rng: &mut Rng, k: usize, crlf: bool) -> Article {
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
pub fn sentence_starts(text: &Marked) -> Vec<usize> {
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
pub fn paragraphs(text: &Marked) -> Vec<Range<usize>> {
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

pub fn fresh(s: &str) -> Marked {
    s.chars().map(|c| (c, None)).collect()
}

pub fn splice(text: &mut Marked, range: Range<usize>, with: Marked) {
    text.splice(range, with);
}

/// A sentence of filler words and now and then an article's quote (a lure).
pub fn sentence(rng: &mut Rng, art: &Article) -> String {
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
pub fn typo(rng: &mut Rng, text: &mut Marked, at: usize) {
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
pub fn letters(text: &Marked, art: &Article, inside: bool) -> Vec<usize> {
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
pub fn multiword(art: &Article) -> Vec<&Span> {
    art.spans
        .iter()
        .filter(|s| s.text.split_whitespace().count() >= 2)
        .collect()
}

/// Where old offset `old` is in `text` now.
pub fn now(text: &Marked, old: usize) -> Option<usize> {
    text.iter().position(|c| c.1 == Some(old))
}

/// The kinds of edit, in the table's order.
pub const KINDS: [&str; 15] = [
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
pub fn edit(kind: &str, rng: &mut Rng, art: &Article, text: &mut Marked) {
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
