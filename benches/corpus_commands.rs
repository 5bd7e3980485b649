//! Corpus-wide commands on generated corpora of 10,000 and 100,000 articles
//! (about 2 KB and 40 spans each, naming 5,000 people between them), each run once as the real `newsmark`
//! binary: `stats`, `export` in every format, `validate`, `reanchor`,
//! `import spacy` (of the corpus exported, into an empty folder), `facts`
//! (on a corpus whose people hold roles of countries), and last
//! `suggest` (which writes every annotation file). For each run it prints
//! the wall time and the command's peak resident memory (`VmHWM` of the
//! child, read every 2 ms while it runs), then the 100k ÷ 10k factors:
//! time must grow linearly (factor ≤ 11) and memory not with the corpus
//! (factor ≤ 1.2).
//!
//! Run with `cargo bench --bench corpus_commands` (`-- stats` for one
//! command: a filter matches the run's name, `stats on 10000`). Generating the 100,000 articles writes about
//! 700 MB to the temporary folder.

#![allow(clippy::unwrap_used, clippy::print_stdout, missing_docs)]

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use divan::Bencher;
use newsmark::model::{AnnotationSet, Document, Span};
use newsmark::store;

const SIZES: [usize; 2] = [10_000, 100_000];

/// The commands, by name, with their arguments (`DIR` and `OUT` replaced).
const COMMANDS: &[(&str, &[&str])] = &[
    ("stats", &["stats", "DIR"]),
    ("validate", &["validate", "DIR"]),
    ("export brat", &["export", "brat", "DIR", "--out", "OUT"]),
    ("export spacy", &["export", "spacy", "DIR", "--out", "OUT"]),
    (
        "export doccano",
        &["export", "doccano", "DIR", "--out", "OUT"],
    ),
    ("export conll", &["export", "conll", "DIR", "--out", "OUT"]),
    ("export w3c", &["export", "w3c", "DIR", "--out", "OUT"]),
    ("reanchor", &["reanchor", "DIR"]),
    (
        "import spacy",
        &["import", "spacy", "JSONL", "--into", "INTO"],
    ),
    // On a corpus whose spans are related (see `common::relate`).
    ("facts", &["facts", "DIR", "--csv"]),
    ("suggest", &["suggest", "DIR"]),
];

fn main() {
    divan::main();
    report();
    // Statics are never dropped: without this the corpora stay behind.
    let corpora = std::mem::take(&mut *corpora().lock().unwrap());
    for dir in corpora.into_values() {
        common::remove_in_background(dir);
    }
}

/// How many distinct person names the corpus's articles tag between them.
const LEARNED_TERMS: usize = 5_000;

/// A made-up name for the number `k` (letters only, one syllable a digit).
fn envoy(k: usize) -> String {
    const SYLLABLES: [&str; 10] = ["Ba", "ke", "li", "mo", "nu", "ra", "si", "to", "vu", "ze"];
    let digits = format!("{k:04}");
    let mut name: String = digits
        .bytes()
        .map(|d| SYLLABLES[usize::from(d - b'0')])
        .collect();
    name[..1].make_ascii_uppercase();
    name
}

/// The corpora generated so far, by size (and the commands' outputs beside
/// them), removed when the bench ends.
fn corpora() -> &'static Mutex<BTreeMap<(usize, bool), tempfile::TempDir>> {
    static CORPORA: OnceLock<Mutex<BTreeMap<(usize, bool), tempfile::TempDir>>> = OnceLock::new();
    CORPORA.get_or_init(Mutex::default)
}

/// A generated corpus of `n` articles, made once per run of the bench (and
/// another whose spans are related, for `facts`).
fn corpus(n: usize, related: bool) -> PathBuf {
    let mut corpora = corpora().lock().unwrap();
    let dir = corpora.entry((n, related)).or_insert_with(|| {
        let started = Instant::now();
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let (template, spans) = common::news_article_text(2_000, 45);
        for k in 0..n {
            let name = format!("article-{k:06}.txt");
            // Each article names one of 5,000 envoys, tagged: `suggest`
            // then looks for 5,000 learned terms in every article.
            let envoy = envoy(k % LEARNED_TERMS);
            let text = format!("{template}\r\nThe envoy {envoy} spoke.\r\n");
            let start = text.chars().count() - " spoke.\r\n".len() - envoy.len();
            let mut own = spans.clone();
            own.push(Span::manual(
                own.len() as u64 + 1,
                start,
                start + envoy.len(),
                "person",
                &envoy,
            ));
            let doc = Document::new(text);
            let mut set = AnnotationSet::from_spans(own.clone());
            if related {
                common::relate(&mut set, &own, 0);
                assert!(
                    set.relation_count() >= 10,
                    "{} relations among {:?}",
                    set.relation_count(),
                    own.iter().map(|s| s.label.as_str()).collect::<Vec<_>>()
                );
            }
            let ron = store::to_ron_string_in_context(&name, &doc, &set);
            std::fs::write(corpus.join(&name), doc.text()).unwrap();
            std::fs::write(corpus.join(name.replace(".txt", ".ron")), ron).unwrap();
        }
        // On the disk before anything is timed: `export brat` and `suggest`
        // flush the filesystem when they end, which would otherwise wait
        // for the corpus just written too.
        store::sync_filesystem(&corpus).unwrap();
        eprintln!(
            "generated {n} articles in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        dir
    });
    dir.path().join("corpus")
}

/// Wall time and peak resident memory (MiB) by command and corpus size.
type Results = BTreeMap<(String, usize), (Duration, f64)>;

/// The figures measured so far.
fn results() -> &'static Mutex<Results> {
    static RESULTS: OnceLock<Mutex<Results>> = OnceLock::new();
    RESULTS.get_or_init(Mutex::default)
}

/// Runs `newsmark ARGS`, returning its wall time and peak resident memory.
fn run(args: &[String]) -> (Duration, f64) {
    common::run_newsmark_measured(args)
}

fn bench_command(bencher: Bencher<'_, '_>, name: &str, n: usize) {
    let dir = corpus(n, name == "facts");
    let out = dir.with_file_name(format!("out-{}", name.replace(' ', "-")));
    // `import` reads the corpus exported as spaCy JSONL (made once, not
    // timed) into an empty folder.
    let jsonl = dir.with_file_name("corpus.jsonl");
    let into = dir.with_file_name("imported");
    if name.starts_with("import") {
        if !jsonl.exists() {
            run(&[
                "export".to_owned(),
                "spacy".to_owned(),
                dir.display().to_string(),
                "--out".to_owned(),
                jsonl.display().to_string(),
            ]);
        }
        let _ = std::fs::remove_dir_all(&into);
        std::fs::create_dir(&into).unwrap();
    }
    let args: Vec<String> = COMMANDS
        .iter()
        .find(|(c, _)| *c == name)
        .unwrap()
        .1
        .iter()
        .map(|a| match *a {
            "DIR" => dir.display().to_string(),
            "OUT" => out.display().to_string(),
            "JSONL" => jsonl.display().to_string(),
            "INTO" => into.display().to_string(),
            a => a.to_owned(),
        })
        .collect();
    bencher.bench_local(|| {
        let measured = run(&args);
        eprintln!(
            "{name} on {n} articles: {:.2} s, peak {:.0} MiB",
            measured.0.as_secs_f64(),
            measured.1
        );
        results()
            .lock()
            .unwrap()
            .insert((name.to_owned(), n), measured);
    });
}

/// One command on one corpus size.
#[derive(Clone, Copy, Debug)]
struct Run {
    command: &'static str,
    articles: usize,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} on {}", self.command, self.articles)
    }
}

/// Every command at every size, in [`COMMANDS`] order (`suggest`, which
/// writes the corpus, last).
fn runs() -> Vec<Run> {
    COMMANDS
        .iter()
        .flat_map(|(command, _)| SIZES.map(|articles| Run { command, articles }))
        .collect()
}

#[divan::bench(args = runs(), sample_count = 1, sample_size = 1)]
fn command(bencher: Bencher<'_, '_>, run: Run) {
    bench_command(bencher, run.command, run.articles);
}

/// Prints each command's figures and its 100k ÷ 10k factors.
fn report() {
    let results = results().lock().unwrap();
    if results.is_empty() {
        return;
    }
    println!("\ncommand           10k time  10k peak  100k time  100k peak  time ×  peak ×");
    for (name, _) in COMMANDS {
        let small = results.get(&((*name).to_owned(), SIZES[0]));
        let large = results.get(&((*name).to_owned(), SIZES[1]));
        let cell = |m: Option<&(Duration, f64)>| {
            m.map_or_else(
                || ("-".to_owned(), "-".to_owned()),
                |(t, p)| (format!("{:.2} s", t.as_secs_f64()), format!("{p:.1} MiB")),
            )
        };
        let ((st, sp), (lt, lp)) = (cell(small), cell(large));
        let factors = match (small, large) {
            (Some((ts, ps)), Some((tl, pl))) => format!(
                "{:>6.1}  {:>6.2}",
                tl.as_secs_f64() / ts.as_secs_f64(),
                pl / ps
            ),
            _ => "     -       -".to_owned(),
        };
        println!("{name:<16} {st:>9} {sp:>9} {lt:>10} {lp:>10}  {factors}");
    }
}
