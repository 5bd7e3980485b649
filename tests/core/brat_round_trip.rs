//! A held-out brat corpus round-trips: 150 generated documents (fixed seed)
//! with ~30 `T` lines (overlapping and nested spans, labels outside the
//! schema), ~20 `R` lines and some `N` entity links each, over texts with
//! CRLF line ends, a byte order mark, accented letters, combining marks,
//! emoji (a flag, a ZWJ family) and Greek, are imported with `newsmark
//! import brat` and exported again with `newsmark export brat`: every `T`,
//! `R` and `N` line comes back, ids aside, and every `.txt` byte for byte.
//!
//! Some documents repeat `T` and `R` lines (a line with a new id saying
//! what an earlier one said, and `R` lines naming the repeat): newsmark
//! holds a span once, so a repeat is read as the earlier line, taking its
//! relations and links, and each is reported as a warning naming the file
//! and both lines; what comes back is every distinct line.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::common::edits::Rng;
use crate::common::files::run_newsmark;

/// How many documents the corpus has.
const DOCUMENTS: usize = 150;

/// Words the texts are made of: ASCII, accented (precomposed and with a
/// combining mark), curly quotes, a flag, a ZWJ family, Greek.
const WORDS: &[&str] = &[
    "the",
    "minister",
    "of",
    "ICT",
    "Issa",
    "Zarepour",
    "met",
    "Wilfredo",
    "González",
    "Vidal",
    "in",
    "Havana",
    "Tehran",
    "São",
    "Paulo",
    "Zürich",
    "coöperation",
    "e\u{301}lan",
    "“4G”",
    "optical",
    "fiber",
    "🇨🇺",
    "👩\u{200d}👩\u{200d}👧",
    "Ελλάδα",
    "programme",
    "said",
    "on",
    "Monday",
];

/// Span labels: the schema's and two it lacks (kept as they are).
const LABELS: &[&str] = &[
    "person",
    "role",
    "country",
    "initiative",
    "Organization",
    "Date_Time",
];

/// Relation types: the schema's and one it lacks.
const RELATION_TYPES: &[&str] = &["holds", "of", "party_to", "Located_in"];

/// A span of a generated document, in code points over its `.txt` (a byte
/// order mark counted, as brat counts it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct TextBound {
    label: String,
    start: usize,
    end: usize,
    text: String,
}

/// A generated document: its `.txt`, its `.ann`, and what the export must
/// give back.
struct Generated {
    txt: String,
    ann: String,
    expected: Lines,
    /// The warnings the import must give: (line, line repeated).
    repeats: Vec<(usize, usize)>,
}

/// What an `.ann` file says, ids aside: its `T` lines, its `R` lines with
/// their arguments' `T` lines, and its `N` lines with their span's.
#[derive(Debug, Default, PartialEq, Eq)]
struct Lines {
    spans: BTreeMap<TextBound, usize>,
    relations: BTreeMap<(String, TextBound, TextBound), usize>,
    links: BTreeMap<(TextBound, String), usize>,
}

impl Lines {
    /// The lines of `ann`, each counted as often as it is there.
    fn of(ann: &str) -> Self {
        let mut by_id = HashMap::new();
        let mut lines = Self::default();
        for line in ann.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            if !line.starts_with('T') {
                continue;
            }
            let [id, body, text] = fields[..] else {
                panic!("T line {line:?}");
            };
            let words: Vec<&str> = body.split(' ').collect();
            let [label, start, end] = words[..] else {
                panic!("a T line of one fragment: {line:?}");
            };
            let span = TextBound {
                label: label.to_owned(),
                start: start.parse().unwrap(),
                end: end.parse().unwrap(),
                text: text.to_owned(),
            };
            by_id.insert(id.to_owned(), span.clone());
            *lines.spans.entry(span).or_default() += 1;
        }
        let arg = |word: &str, role: &str| {
            let id = word.strip_prefix(role).unwrap();
            by_id[id].clone()
        };
        for line in ann.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            if line.starts_with('R') {
                let words: Vec<&str> = fields[1].split(' ').collect();
                let key = (
                    words[0].to_owned(),
                    arg(words[1], "Arg1:"),
                    arg(words[2], "Arg2:"),
                );
                *lines.relations.entry(key).or_default() += 1;
            } else if line.starts_with('N') {
                let words: Vec<&str> = fields[1].split(' ').collect();
                let key = (by_id[words[1]].clone(), words[2].to_owned());
                *lines.links.entry(key).or_default() += 1;
            }
        }
        lines
    }

    /// Each distinct line once: what newsmark holds of these.
    fn distinct(&self) -> Self {
        Self {
            spans: once(&self.spans),
            relations: once(&self.relations),
            links: once(&self.links),
        }
    }
}

/// The keys of `counts`, each counted once.
fn once<K: Clone + Ord>(counts: &BTreeMap<K, usize>) -> BTreeMap<K, usize> {
    counts.keys().map(|k| (k.clone(), 1)).collect()
}

/// Document `k` of the corpus, generated from `rng`.
fn generate(k: usize, rng: &mut Rng) -> Generated {
    let crlf = k.is_multiple_of(3);
    let bom = k % 10 == 7;
    let with_repeats = k % 5 == 2;
    let mut txt = String::new();
    let mut at = 0; // code points, the byte order mark counted
    if bom {
        txt.push('\u{feff}');
        at = 1;
    }
    // Each paragraph's words as (start, end) in code points.
    let mut paragraphs: Vec<Vec<(usize, usize)>> = Vec::new();
    for p in 0..rng.pick(6..11) {
        if p > 0 {
            let brk = if crlf { "\r\n\r\n" } else { "\n\n" };
            txt.push_str(brk);
            at += brk.chars().count();
        }
        let mut words = Vec::new();
        for w in 0..rng.pick(12..30) {
            if w > 0 {
                txt.push(' ');
                at += 1;
            }
            let word = WORDS[rng.pick(0..WORDS.len())];
            txt.push_str(word);
            let len = word.chars().count();
            words.push((at, at + len));
            at += len;
        }
        paragraphs.push(words);
    }
    txt.push_str(if crlf { "\r\n" } else { "\n" });
    let chars: Vec<char> = txt.chars().collect();
    let quote = |start: usize, end: usize| chars[start..end].iter().collect::<String>();

    // Spans: one to three words of a paragraph; now and then a word of it
    // again under another label (nested); overlaps come by chance.
    let mut spans: Vec<TextBound> = Vec::new();
    let mut taken = BTreeSet::new();
    while spans.len() < 30 {
        let words = &paragraphs[rng.pick(0..paragraphs.len())];
        let first = rng.pick(0..words.len());
        let last = (first + rng.pick(0..3)).min(words.len() - 1);
        let label = LABELS[rng.pick(0..LABELS.len())];
        let mut add = |start: usize, end: usize, label: &str| {
            if taken.insert((label.to_owned(), start, end)) {
                spans.push(TextBound {
                    label: label.to_owned(),
                    start,
                    end,
                    text: quote(start, end),
                });
            }
        };
        add(words[first].0, words[last].1, label);
        if last > first && rng.chance(40) {
            let inner = words[rng.pick(first..last + 1)];
            add(inner.0, inner.1, LABELS[rng.pick(0..LABELS.len())]);
        }
    }
    // T ids out of order and with gaps, as another tool numbers them.
    let ids: Vec<usize> = (0..spans.len()).map(|i| 3 * i + 7 - i % 3).collect();
    let mut relations = BTreeSet::new();
    while relations.len() < 20 {
        let from = rng.pick(0..spans.len());
        let to = rng.pick(0..spans.len());
        let kind = RELATION_TYPES[rng.pick(0..RELATION_TYPES.len())];
        relations.insert((kind, from, to));
    }
    let mut links: Vec<(usize, String)> = Vec::new();
    for i in 0..spans.len() {
        if rng.chance(20) {
            links.push((i, format!("ent-{}", rng.pick(0..40))));
        }
    }

    // The .ann: two relations before the T lines (brat allows it), the T
    // lines in a shuffled order, the other relations, the links.
    let mut lines: Vec<String> = Vec::new();
    let relation_line = |n: usize, &(kind, from, to): &(&str, usize, usize)| {
        format!("R{n}\t{kind} Arg1:T{} Arg2:T{}", ids[from], ids[to])
    };
    let relations: Vec<_> = relations.into_iter().collect();
    for (n, r) in relations.iter().take(2).enumerate() {
        lines.push(relation_line(n + 1, r));
    }
    let mut order: Vec<usize> = (0..spans.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.pick(0..i + 1));
    }
    let t_line =
        |id: usize, s: &TextBound| format!("T{id}\t{} {} {}\t{}", s.label, s.start, s.end, s.text);
    for &i in &order {
        lines.push(t_line(ids[i], &spans[i]));
    }
    for (n, r) in relations.iter().enumerate().skip(2) {
        lines.push(relation_line(n + 1, r));
    }
    for (n, (i, entity)) in links.iter().enumerate() {
        lines.push(format!(
            "N{}\tReference T{} newsmark:{entity}\t{}",
            n + 1,
            ids[*i],
            spans[*i].text
        ));
    }
    let mut repeats = Vec::new();
    if with_repeats {
        // Three spans again under new ids, each with a relation naming the
        // repeat (which is the relation of the original, said again), then
        // a relation said twice.
        for (n, next_id) in (1000..1003).enumerate() {
            let (kind, from, to) = relations[2 + n];
            let original = lines
                .iter()
                .position(|l| l.starts_with(&format!("T{}\t", ids[from])))
                .unwrap();
            lines.push(t_line(next_id, &spans[from]));
            repeats.push((lines.len(), original + 1));
            let said = lines
                .iter()
                .position(|l| l == &relation_line(3 + n, &relations[2 + n]))
                .unwrap();
            lines.push(format!(
                "R{}\t{kind} Arg1:T{next_id} Arg2:T{}",
                100 + n,
                ids[to]
            ));
            repeats.push((lines.len(), said + 1));
        }
        let last = relations.len();
        lines.push(relation_line(200, &relations[last - 1]));
        let said = lines
            .iter()
            .position(|l| l == &relation_line(last, &relations[last - 1]))
            .unwrap();
        repeats.push((lines.len(), said + 1));
    }
    let mut ann = String::new();
    for line in &lines {
        let _ = writeln!(ann, "{line}");
    }
    Generated {
        expected: Lines::of(&ann).distinct(),
        txt,
        ann,
        repeats,
    }
}

/// Writes the corpus into `src`; what each document must give back.
fn write_corpus(src: &Path) -> Vec<(String, Generated)> {
    fs::create_dir(src).unwrap();
    let mut rng = Rng(0x5eed_b2a7_0013);
    (0..DOCUMENTS)
        .map(|k| {
            let name = format!("held-out-{k:03}");
            let doc = generate(k, &mut rng);
            fs::write(src.join(format!("{name}.txt")), &doc.txt).unwrap();
            fs::write(src.join(format!("{name}.ann")), &doc.ann).unwrap();
            (name, doc)
        })
        .collect()
}

/// Runs `newsmark import brat SRC --into corpus --accepted` in `dir`: its
/// exit code and all it printed.
fn import_accepted(dir: &Path, src: &Path) -> (Option<i32>, String) {
    let src = src.to_str().unwrap();
    let args = ["import", "brat", src, "--into", "corpus", "--accepted"];
    run_newsmark(dir, &args)
}

#[test]
fn a_held_out_brat_corpus_comes_back_line_for_line() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("held-out");
    let docs = write_corpus(&src);
    let total = |f: fn(&Lines) -> usize| docs.iter().map(|(_, d)| f(&d.expected)).sum::<usize>();
    let relations = total(|l| l.relations.len());
    assert!(relations >= DOCUMENTS * 20, "{relations} relations");
    assert!(total(|l| l.links.len()) > DOCUMENTS * 3);

    let (code, said) = import_accepted(dir.path(), &src);
    assert_eq!(code, Some(0), "{said}");
    // Each repeated line is named with its file, its line and the line it
    // repeats; nothing else is worth a warning.
    let mut warned = 0;
    for (name, doc) in &docs {
        for (line, first) in &doc.repeats {
            let file = src.join(format!("{name}.ann"));
            let start = format!("warning: {}:{line}: ", file.display());
            let warning = said.lines().find(|l| l.starts_with(&start));
            let warning = warning.unwrap_or_else(|| panic!("no {start:?} in {said}"));
            assert!(warning.contains(&format!("(line {first})")), "{warning}");
            warned += 1;
        }
    }
    assert_eq!(warned, 30 * 7, "3 T and 4 R lines in each of 30 documents");
    let labels = "warning: labels not in the schema, imported as they are";
    let warnings = said
        .lines()
        .filter(|l| l.starts_with("warning: ") && !l.starts_with(labels));
    assert_eq!(warnings.count(), warned, "{said}");
    assert!(said.contains("Date_Time") && said.contains("Organization"));

    // The export reports relations outside the schema (types it lacks,
    // arguments of labels a type does not allow) and writes them all.
    let (code, said) = run_newsmark(dir.path(), &["export", "brat", "corpus", "--out", "out"]);
    assert!(matches!(code, Some(0 | 2)), "{said}");
    for line in said.lines().filter(|l| l.starts_with("corpus/")) {
        assert!(
            line.contains(": unknown relation type \"Located_in\"")
                || line.contains(" does not allow a "),
            "{line}"
        );
    }
    let out = dir.path().join("out");
    for (name, doc) in &docs {
        let txt = fs::read(out.join(format!("{name}.txt"))).unwrap();
        assert!(txt == doc.txt.as_bytes(), "{name}.txt differs");
        let ann = fs::read_to_string(out.join(format!("{name}.ann"))).unwrap();
        let back = Lines::of(&ann);
        assert_eq!(back.spans, doc.expected.spans, "{name}: T lines");
        assert_eq!(back.relations, doc.expected.relations, "{name}: R lines");
        assert_eq!(back.links, doc.expected.links, "{name}: N lines");
    }
}

#[test]
fn a_repeated_t_line_takes_its_relations_and_a_conflicting_link_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("brat");
    fs::create_dir(&src).unwrap();
    fs::write(src.join("a.txt"), "Zarepour met Vidal in Havana.\r\n").unwrap();
    let ann = "T1\tperson 0 8\tZarepour\n\
               T2\tcountry 22 28\tHavana\n\
               T3\tperson 0 8\tZarepour\n\
               R1\tparty_to Arg1:T3 Arg2:T2\n\
               R2\tparty_to Arg1:T1 Arg2:T2\n\
               N1\tReference T3 newsmark:issa-zarepour\tIssa Zarepour\n\
               N2\tReference T1 newsmark:issa-zarepour\tIssa Zarepour\n\
               T4\tperson 13 18\tVidal\n\
               T5\tperson 13 18\tVidal\n\
               N3\tReference T4 newsmark:wilfredo-vidal\tVidal\n\
               N4\tReference T5 newsmark:someone-else\tVidal\n";
    fs::write(src.join("a.ann"), ann).unwrap();
    let (code, said) = import_accepted(dir.path(), &src);
    let file = src.join("a.ann").display().to_string();
    for expected in [
        format!(
            "warning: {file}:3: T3 repeats T1 (line 1): the same person 0..8; read as one span"
        ),
        format!("warning: {file}:5: R2 repeats R1 (line 4): the same party_to relation"),
        format!("warning: {file}:7: N2 repeats N1 (line 6): the same link to \"issa-zarepour\""),
        format!("warning: {file}:9: T5 repeats T4 (line 8)"),
        format!(
            "{file}:11: N4: its span is linked to \"wilfredo-vidal\" already (N3, line 10), and a \
             span has one entity; this link to \"someone-else\" skipped"
        ),
    ] {
        assert!(said.contains(&expected), "{expected:?} not in:\n{said}");
    }
    // A link skipped is a problem: the import says so in its exit code.
    assert_eq!(code, Some(2), "{said}");
    let session = newsmark::session::Session::read(
        &dir.path().join("corpus/a.txt"),
        newsmark::model::LabelSchema::default(),
    )
    .unwrap();
    let set = session.set();
    let spans: Vec<_> = set
        .spans()
        .iter()
        .map(|s| (s.text.as_str(), s.entity.as_deref()))
        .collect();
    assert_eq!(
        spans,
        [
            ("Zarepour", Some("issa-zarepour")),
            ("Vidal", Some("wilfredo-vidal")),
            ("Havana", None)
        ]
    );
    assert_eq!(set.relation_count(), 1);
}
