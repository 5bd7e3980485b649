//! `newsmark agree`: a generated study of three annotators checked against
//! an independent Python stand-in (`tests/fixtures/agree/standin.py`, the
//! textbook formulas on the raw spans) and, where python3 can import them,
//! scikit-learn's `cohen_kappa_score` and the `krippendorff` package
//! (`libraries.py`); the same study as folders and as one folder's
//! `X.NAME.ron` files, and the command's refusals. Without python3 the
//! Python checks are skipped with a note, except on CI (`CI` set), where
//! that fails.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use newsmark::model::{AnnotationSet, Document, Span, Status};
use newsmark::store;
use serde_json::Value;

use crate::common::files::{run_newsmark, skip_without};

const LABELS: [&str; 4] = ["person", "role", "country", "initiative"];
const WORDS: [&str; 12] = [
    "Havana", "signs", "a", "deal", "with", "Tehran", "🇨🇺", "minister", "Issa", "Zarepour",
    "said\r\n", "on",
];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

/// A span as the study writes it: start, end, label, status.
type Raw = (usize, usize, String, Status);

/// The annotators' spans on one text: gold spans, and two annotators who
/// keep, relabel, resize or drop each, add their own, and leave a few
/// suggestions pending (which do not count).
fn annotate(rng: &mut Rng, len: usize) -> Vec<Vec<Raw>> {
    let mut gold: Vec<Raw> = Vec::new();
    for _ in 0..12 {
        let start = rng.below(len - 16);
        let end = start + 1 + rng.below(14);
        gold.push((
            start,
            end,
            LABELS[rng.below(4)].to_owned(),
            Status::Accepted,
        ));
        if rng.below(8) == 0 {
            // A second label at the same offsets: category "a+b".
            gold.push((
                start,
                end,
                LABELS[rng.below(4)].to_owned(),
                Status::Accepted,
            ));
        }
    }
    let mut all = vec![gold.clone()];
    for _ in 0..2 {
        let mut spans = Vec::new();
        for (start, end, label, status) in &gold {
            match rng.below(10) {
                0 => {}
                1 => spans.push((*start, *end, LABELS[rng.below(4)].to_owned(), *status)),
                2 => spans.push((*start, (*end + 1).min(len), label.clone(), *status)),
                _ => spans.push((*start, *end, label.clone(), *status)),
            }
        }
        for _ in 0..3 {
            let start = rng.below(len - 16);
            let end = start + 1 + rng.below(10);
            let status = if rng.below(3) == 0 {
                Status::Pending
            } else {
                Status::Accepted
            };
            spans.push((start, end, LABELS[rng.below(4)].to_owned(), status));
        }
        all.push(spans);
    }
    all
}

/// Saves `raw` as the annotation file `ron` of the article named `name`.
fn save(ron: &Path, name: &str, doc: &Document, raw: &[Raw]) {
    let mut seen = HashSet::new();
    let spans: Vec<Span> = raw
        .iter()
        .filter(|(s, e, l, _)| seen.insert((*s, *e, l.clone())))
        .enumerate()
        .map(|(k, (s, e, l, status))| Span {
            status: *status,
            ..Span::manual(k as u64 + 1, *s, *e, l, doc.slice(*s..*e).unwrap())
        })
        .collect();
    store::save_annotations(ron, name, doc, &AnnotationSet::from_spans(spans)).unwrap();
}

const NAMES: [&str; 3] = ["gold", "ana", "bob"];

/// Writes the study twice (one folder with `X.NAME.ron` files, and one
/// folder per annotator) and its raw spans as the stand-in's input.
fn generate(root: &Path) -> (PathBuf, Value) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let corpus = root.join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    for name in NAMES {
        fs::create_dir_all(root.join(name)).unwrap();
    }
    let mut documents = Vec::new();
    for k in 0..15 {
        let text: String = (0..120)
            .map(|_| WORDS[rng.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ");
        let doc = Document::new(text.clone());
        let name = format!("doc-{k:02}.txt");
        fs::write(corpus.join(&name), &text).unwrap();
        let spans = annotate(&mut rng, doc.char_len());
        let mut raw = serde_json::Map::new();
        for (who, spans) in NAMES.iter().zip(&spans) {
            let stem = name.trim_end_matches(".txt");
            save(
                &corpus.join(format!("{stem}.{who}.ron")),
                &name,
                &doc,
                spans,
            );
            fs::write(root.join(who).join(&name), &text).unwrap();
            save(
                &root.join(who).join(format!("{stem}.ron")),
                &name,
                &doc,
                spans,
            );
            let list: Vec<Value> = spans
                .iter()
                .map(|(s, e, l, st)| serde_json::json!([s, e, l, format!("{st:?}")]))
                .collect();
            raw.insert((*who).to_owned(), Value::Array(list));
        }
        documents.push(serde_json::json!({ "spans": raw }));
    }
    // A document gold never annotated: left out of both studies.
    let doc = Document::new("Havana only.");
    fs::write(corpus.join("partial.txt"), doc.text()).unwrap();
    for who in ["ana", "bob"] {
        save(
            &corpus.join(format!("partial.{who}.ron")),
            "partial.txt",
            &doc,
            &[(0, 6, "country".to_owned(), Status::Accepted)],
        );
        fs::write(root.join(who).join("partial.txt"), doc.text()).unwrap();
        save(
            &root.join(who).join("partial.ron"),
            "partial.txt",
            &doc,
            &[(0, 6, "country".to_owned(), Status::Accepted)],
        );
    }
    // Corpus order: annotators sorted by name.
    let input = serde_json::json!({ "annotators": ["ana", "bob", "gold"], "documents": documents });
    (corpus, input)
}

/// Whether two JSON values agree, numbers within 1e-9; `counts` (which
/// the stand-in does not compute) is skipped.
fn same(ours: &Value, theirs: &Value, at: &str) {
    match (ours, theirs) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!((a - b).abs() < 1e-9, "{at}: newsmark {a}, Python {b}");
        }
        (Value::Object(a), Value::Object(b)) => {
            let keys: Vec<&String> = a.keys().filter(|k| *k != "counts").collect();
            assert_eq!(keys, b.keys().collect::<Vec<_>>(), "{at}: keys");
            for key in keys {
                same(&a[key], &b[key], &format!("{at}.{key}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{at}: lengths");
            for (k, (x, y)) in a.iter().zip(b).enumerate() {
                same(x, y, &format!("{at}[{k}]"));
            }
        }
        (a, b) => assert_eq!(a, b, "{at}"),
    }
}

fn json_of(dir: &Path, args: &[&str]) -> Value {
    let (code, out) = run_newsmark(dir, args);
    assert_eq!(code, Some(0), "{out}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn a_generated_study_matches_the_python_stand_in_and_folders_match_files() {
    let root = tempfile::tempdir().unwrap();
    let (corpus, input) = generate(root.path());
    let ours = json_of(root.path(), &["agree", "corpus", "--json"]);
    assert_eq!(ours["documents"], 15, "partial.txt is left out");
    let pair_keys: Vec<(&str, &str)> = ours["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["a"].as_str().unwrap(), p["b"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pair_keys,
        [("ana", "bob"), ("ana", "gold"), ("bob", "gold")]
    );
    let kappa = ours["fleiss_kappa"].as_f64().unwrap();
    assert!(
        kappa > 0.3 && kappa < 0.95,
        "a study with disagreements: {kappa}"
    );
    // The same annotators as folders, in the same order: the same figures.
    let folders = json_of(root.path(), &["agree", "ana", "bob", "gold", "--json"]);
    assert_eq!(folders, ours);
    let input_path = root.path().join("study.json");
    fs::write(&input_path, input.to_string()).unwrap();
    let Some(theirs) = python("standin.py", &input_path) else {
        return;
    };
    same(&ours, &theirs, "agree");
    // The coefficients by scikit-learn and the `krippendorff` package, where
    // python3 can import them (CI tries to install them; without them that
    // comparison is skipped with a note, the stand-in's is not).
    let Some(libraries) = python("libraries.py", &input_path) else {
        return;
    };
    for missing in libraries["missing"].as_array().unwrap() {
        eprintln!("SKIPPED the comparison with {missing}: python3 cannot import it");
    }
    if let Some(kappas) = libraries["cohen_kappa"].as_array() {
        assert_eq!(kappas.len(), 3, "{libraries}");
        for (k, kappa) in kappas.iter().enumerate() {
            let at = format!("pairs[{k}].cohen_kappa (scikit-learn)");
            same(&ours["pairs"][k]["cohen_kappa"], kappa, &at);
        }
    }
    if !libraries["krippendorff_alpha"].is_null() {
        let at = "krippendorff_alpha (krippendorff package)";
        same(
            &ours["krippendorff_alpha"],
            &libraries["krippendorff_alpha"],
            at,
        );
    }
    let _ = corpus;
}

/// Runs `tests/fixtures/agree/SCRIPT INPUT` with python3: its JSON output.
/// Without python3: `None` with a note, or a failure on CI (the `CI`
/// variable set), where python3 is installed and a missing one means the
/// check silently stopped running.
fn python(script: &str, input: &Path) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/agree")
        .join(script);
    let out = match std::process::Command::new("python3")
        .arg(&script)
        .arg(input)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            let check = format!("the check against {}", script.display());
            skip_without("python3", &check, &e);
            return None;
        }
    };
    assert!(
        out.status.success(),
        "{script:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn the_table_names_every_pair_and_bad_input_is_reported() {
    let root = tempfile::tempdir().unwrap();
    let (corpus, _) = generate(root.path());
    let (code, table) = run_newsmark(root.path(), &["agree", "corpus"]);
    assert_eq!(code, Some(0), "{table}");
    assert!(
        table.starts_with("annotators: ana, bob, gold\n15 documents, "),
        "{table}"
    );
    for pair in [
        "ana (reference) vs bob:",
        "ana (reference) vs gold:",
        "bob (reference) vs gold:",
    ] {
        assert!(table.contains(pair), "{pair}: {table}");
    }
    // A broken file: that document is left out, the rest compared, exit 2.
    fs::write(corpus.join("doc-03.bob.ron"), "(format: 1, spans: [").unwrap();
    let (code, out) = run_newsmark(root.path(), &["agree", "corpus", "--json"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("doc-03.bob.ron") && out.contains("doc-03.txt left out"),
        "{out}"
    );
    // One annotator is not a study.
    let solo = root.path().join("solo");
    fs::create_dir(&solo).unwrap();
    fs::write(solo.join("a.txt"), "Havana").unwrap();
    fs::write(solo.join("a.ana.ron"), "(format: 1, document: \"a.txt\")").unwrap();
    let (code, out) = run_newsmark(root.path(), &["agree", "solo"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("solo: agreement needs at least two annotators; found ana"),
        "{out}"
    );
    // Folders are annotators by name: two of one name are refused.
    for twin in ["x/corpus", "y/corpus"] {
        fs::create_dir_all(root.path().join(twin)).unwrap();
    }
    let (code, out) = run_newsmark(root.path(), &["agree", "x/corpus", "y/corpus"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("two annotators are both named \"corpus\""),
        "{out}"
    );
}

/// Saves annotator `who`'s file on `txt` (in `dir`): accepted spans
/// (start, end, label) and relations (type, from, to) between them, by
/// their places in `spans`.
fn save_related(
    dir: &Path,
    who: &str,
    doc: &Document,
    spans: &[(usize, usize, &str)],
    relations: &[(&str, usize, usize)],
) {
    let spans: Vec<Span> = spans
        .iter()
        .enumerate()
        .map(|(k, &(s, e, l))| Span::manual(k as u64 + 1, s, e, l, doc.slice(s..e).unwrap()))
        .collect();
    let mut set = AnnotationSet::from_spans(spans);
    for &(label, from, to) in relations {
        let id = set.next_relation_id();
        set.insert_relation(newsmark::model::Relation::manual(
            id,
            label,
            from as u64 + 1,
            to as u64 + 1,
        ));
    }
    store::save_annotations(&dir.join(format!("a.{who}.ron")), "a.txt", doc, &set).unwrap();
}

#[test]
fn relations_get_exact_and_overlap_figures_when_both_annotators_drew_some() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("team");
    fs::create_dir(&dir).unwrap();
    let text = "Issa Zarepour, the Minister of ICT of Iran, met Cuba's minister.";
    fs::write(dir.join("a.txt"), text).unwrap();
    let doc = Document::new(text);
    // ana: Zarepour —holds→ Minister of ICT —of→ Iran; minister —of→ Cuba.
    let ana = [
        (0, 13, "person"),
        (19, 34, "role"),
        (38, 42, "country"),
        (48, 52, "country"),
        (55, 63, "role"),
    ];
    save_related(
        &dir,
        "ana",
        &doc,
        &ana,
        &[("holds", 0, 1), ("of", 1, 2), ("of", 4, 3)],
    );
    // bob: the role as "the Minister of ICT" (overlapping ana's), the same
    // two relations on it, and no relation for Cuba's minister.
    let bob = [
        (0, 13, "person"),
        (15, 34, "role"),
        (38, 42, "country"),
        (48, 52, "country"),
        (55, 63, "role"),
    ];
    save_related(&dir, "bob", &doc, &bob, &[("holds", 0, 1), ("of", 1, 2)]);
    // cy: spans only.
    save_related(&dir, "cy", &doc, &ana, &[]);
    let json = json_of(root.path(), &["agree", "team", "--json"]);
    let pair = &json["pairs"][0];
    assert_eq!(
        (pair["a"].as_str(), pair["b"].as_str()),
        (Some("ana"), Some("bob"))
    );
    let relations = &pair["relations"];
    // By hand: ana 3 relations, bob 2; none the same exactly (bob's role
    // starts elsewhere); by overlap both of bob's match ana's: P = 2/2,
    // R = 2/3.
    assert_eq!(relations["exact"]["micro"]["f1"], 0.0, "{relations}");
    assert_eq!(relations["overlap"]["micro"]["precision"], 1.0);
    let recall = relations["overlap"]["micro"]["recall"].as_f64().unwrap();
    assert!((recall - 2.0 / 3.0).abs() < 1e-12, "{relations}");
    assert_eq!(relations["overlap"]["holds"]["f1"], 1.0);
    assert_eq!(relations["counts"]["of"]["a_relations"], 2);
    assert_eq!(relations["counts"]["of"]["b_overlap"], 1);
    // cy drew no relation: its pairs have no relation figures.
    assert_eq!(json["pairs"][1]["b"], "cy");
    assert!(json["pairs"][1].get("relations").is_none(), "{json}");
    assert!(json["pairs"][2].get("relations").is_none(), "{json}");
    let (code, table) = run_newsmark(root.path(), &["agree", "team"]);
    assert_eq!(code, Some(0), "{table}");
    assert!(
        table.contains("  holds          1      1   0.000  0.000  0.000   1.000  1.000  1.000"),
        "{table}"
    );
    assert_eq!(table.matches("relations").count(), 1, "{table}");
}
