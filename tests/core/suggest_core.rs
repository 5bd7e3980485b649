//! Tests of the built-in suggesters and of turning suggestions into edits:
//! the term matcher (whole words only, code-point offsets after emoji, flags,
//! ZWJ sequences, CRLF and combining accents), learned terms, the gazetteer
//! on a sample article, `pending_edit` (existing, rejected, duplicate and
//! out-of-range suggestions), and the corpus settings file.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use newsmark::model::{AnnotationSet, Document, Edit, LabelSchema, Origin, Span, Status};
use newsmark::session::Session;
use newsmark::settings::{self, CorpusSettings, ExtractorConfig, SettingsError};
use newsmark::suggest::gazetteer;
use newsmark::suggest::matcher::{TermMatcher, learned_terms};
use newsmark::suggest::{Suggestion, pending_edit};
use tempfile::TempDir;

/// Emoji (a ZWJ sequence), a flag, a combining accent and CRLF before the
/// matches, and near-misses: inside a word, before a combining mark, after an
/// accented letter, after a digit.
const TRICKY: &str = "👩\u{200d}💻 🇨🇺 Cafe\u{301} Iran\r\nIranian pro-Iran Iran’s Iran\u{301} \
                      e\u{301}Iran 2Iran 😀Iran, Iran👩\u{200d}💻 Islamic Republic of Iran.\r\n\
                      Minister of ICT";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest")
}

fn ranges(found: &[Suggestion]) -> Vec<(usize, usize, &str)> {
    found
        .iter()
        .map(|s| (s.start, s.end, s.label.as_str()))
        .collect()
}

/// Whether `s` is a suggestion of `doc` that starts and ends at word edges.
fn at_word_edges(doc: &Document, s: &Suggestion) -> bool {
    let before = s.start.checked_sub(1).and_then(|b| doc.slice(b..s.start));
    let after = doc.slice(s.end..s.end + 1);
    let word = |c: Option<&str>| {
        c.and_then(|c| c.chars().next())
            .is_some_and(|c| c.is_alphanumeric() || c == '\u{301}')
    };
    !word(before) && !word(after)
}

#[test]
fn matcher_finds_whole_words_at_code_point_offsets() {
    let doc = Document::new(TRICKY);
    assert_eq!(doc.char_len(), 119, "test text as counted by Python");
    let matcher = TermMatcher::new([("Iran", "country")]).unwrap();
    let found = matcher.find(&doc);
    // Offsets as Python computes them (`re.finditer`) over the same text.
    assert_eq!(
        ranges(&found),
        vec![
            (13, 17, "country"),
            (31, 35, "country"),
            (36, 40, "country"),
            (63, 67, "country"),
            (69, 73, "country"),
            (97, 101, "country"),
        ]
    );
    for s in &found {
        assert_eq!(doc.slice(s.start..s.end), Some("Iran"));
        assert_eq!(s.origin, "string-match");
        assert_eq!(s.score, None);
        assert!(at_word_edges(&doc, s), "{s:?}");
    }
}

#[test]
fn matcher_prefers_longest_whole_word_term_and_gives_every_label() {
    let doc = Document::new(TRICKY);
    let matcher = TermMatcher::new([
        ("Iran", "country"),
        ("Islamic Republic of Iran", "country"),
        ("Minister of ICT", "role"),
        ("Minister", "role"),
        ("Minister of IC", "role"), // not a whole word here
        ("ICT", "initiative"),
        ("ICT", "role"),
        ("", "person"), // ignored
    ])
    .unwrap();
    assert_eq!(matcher.len(), 6);
    let found = matcher.find(&doc);
    assert_eq!(
        ranges(&found),
        vec![
            (13, 17, "country"),
            (31, 35, "country"),
            (36, 40, "country"),
            (63, 67, "country"),
            (69, 73, "country"),
            (77, 101, "country"),
            (104, 119, "role"),
        ]
    );
    assert_eq!(doc.slice(77..101), Some("Islamic Republic of Iran"));

    // A longer term that is not a whole word does not hide a shorter one.
    let doc = Document::new("Minister of ICTs, ICT.");
    let found = matcher.find(&doc);
    assert_eq!(
        ranges(&found),
        vec![(0, 8, "role"), (18, 21, "initiative"), (18, 21, "role")]
    );
}

#[test]
fn matcher_is_case_sensitive_and_empty_matcher_finds_nothing() {
    let doc = Document::new("iran IRAN Iran");
    let matcher = TermMatcher::new([("Iran", "country")]).unwrap();
    assert_eq!(ranges(&matcher.find(&doc)), vec![(10, 14, "country")]);
    let empty = TermMatcher::new(Vec::<(String, String)>::new()).unwrap();
    assert!(empty.is_empty());
    assert!(empty.find(&doc).is_empty());
}

fn span(id: u64, start: usize, end: usize, label: &str, doc: &Document, status: Status) -> Span {
    let mut span = Span::manual(id, start, end, label, doc.slice(start..end).unwrap());
    span.status = status;
    if status != Status::Accepted {
        span.origin = Origin::Extractor("spacy".to_owned());
    }
    span
}

#[test]
fn learned_terms_are_the_accepted_quotes_once_each() {
    let doc = Document::new("Iran and Cuba; Iran, Havana and Zarepour.");
    let set = AnnotationSet::from_spans(vec![
        span(1, 0, 4, "country", &doc, Status::Accepted),
        span(2, 9, 13, "country", &doc, Status::Accepted),
        span(3, 15, 19, "country", &doc, Status::Accepted),
        span(4, 21, 27, "country", &doc, Status::Pending),
        span(5, 32, 40, "person", &doc, Status::Rejected),
        span(6, 9, 13, "person", &doc, Status::Accepted),
    ]);
    assert_eq!(
        learned_terms(&set),
        vec![
            ("Cuba".to_owned(), "country".to_owned()),
            ("Cuba".to_owned(), "person".to_owned()),
            ("Iran".to_owned(), "country".to_owned()),
        ]
    );
}

#[test]
fn gazetteer_finds_countries_and_roles_in_the_sample_article() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data/2024-05-iran-cuba-ict.txt");
    let doc = Document::new(fs::read_to_string(path).unwrap());
    let found = gazetteer::suggest(&doc);
    let has = |start, end, label: &str| {
        found
            .iter()
            .any(|s| s.start == start && s.end == end && s.label == label)
    };
    // Offsets from the sample's hand-made annotations.
    assert!(has(50, 54, "country"), "Iran");
    assert!(has(59, 63, "country"), "Cuba");
    assert!(has(210, 214, "country"), "Iran’s");
    assert!(has(217, 232, "role"), "Minister of ICT");
    assert!(has(321, 325, "country"), "Cuba inside the role");
    assert!(has(1159, 1183, "country"), "Islamic Republic of Iran");
    let deputy = doc
        .text()
        .find("First Deputy Minister of Communications")
        .unwrap();
    let deputy = doc.char_of_byte(deputy).unwrap();
    assert_eq!(deputy, 278);
    assert!(
        has(278, 317, "role"),
        "First Deputy Minister of Communications"
    );
    // The role's parts are not offered on their own.
    assert!(
        !found
            .iter()
            .any(|s| s.label == "role" && s.start > 278 && s.end <= 317)
    );
    // "Iranian" and "Cuban" are words of their own.
    for s in &found {
        assert_eq!(s.origin, "gazetteer");
        assert!(at_word_edges(&doc, s), "{s:?} inside a word");
    }
    assert!(
        !found
            .iter()
            .any(|s| doc.slice(s.start..s.end + 2) == Some("Iranian"))
    );
    assert!(
        found.windows(2).all(|w| w[0].start <= w[1].start),
        "text order"
    );
}

#[test]
fn gazetteer_role_patterns() {
    let text = fs::read_to_string(fixtures().join("roles.txt")).unwrap();
    let doc = Document::new(text);
    let quotes: Vec<(&str, &str)> = gazetteer::suggest(&doc)
        .iter()
        .map(|s| (doc.slice(s.start..s.end).unwrap(), s.label.as_str()))
        .map(|(q, l)| (q, if l == "role" { "role" } else { "country" }))
        .collect();
    let expected = [
        ("Prime Minister of New Zealand", "role"),
        ("New Zealand", "country"),
        ("Minister of Science and Technology", "role"),
        ("Deputy Minister of Foreign Affairs", "role"),
        ("Minister of the Interior", "role"),
        ("Vice President", "role"),
        ("Papua New Guinea", "country"),
        ("Foreign Minister of Viet Nam", "role"),
        ("Viet Nam", "country"),
        ("Ambassador", "role"),
        ("Minister of Health", "role"),
        ("Minister", "role"),
        ("Côte d’Ivoire", "country"),
        ("Minister", "role"), // a line break ends a role
    ];
    assert_eq!(quotes, expected);
}

fn session_with(text: &str, spans: &[(usize, usize, &str, Status)]) -> (TempDir, Session) {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("a.txt");
    fs::write(&txt, text).unwrap();
    let mut session = Session::open(&txt, LabelSchema::default()).unwrap();
    for &(start, end, label, status) in spans {
        let id = session.set().next_id();
        let span = span(id, start, end, label, session.doc(), status);
        session.perform(Edit::Add(span)).unwrap();
    }
    (dir, session)
}

fn suggestion(start: usize, end: usize, label: &str, origin: &str) -> Suggestion {
    Suggestion {
        start,
        end,
        label: label.to_owned(),
        score: Some(0.5),
        origin: origin.to_owned(),
    }
}

#[test]
fn pending_edit_skips_existing_rejected_duplicate_and_bad_suggestions() {
    let text = "🇨🇺 Cuba and Iran; Iran, Cuba."; // 29 code points
    let (_dir, mut session) = session_with(
        text,
        &[
            (3, 7, "country", Status::Accepted),   // Cuba
            (12, 16, "country", Status::Rejected), // Iran
        ],
    );
    let before = session.set().clone();
    let next = session.set().next_id();
    let edit = pending_edit(
        &session,
        &[
            suggestion(24, 28, "country", "spacy"),     // Cuba: new
            suggestion(3, 7, "country", "spacy"),       // exists, accepted
            suggestion(12, 16, "country", "spacy"),     // exists, rejected
            suggestion(18, 22, "country", "gazetteer"), // Iran: new
            suggestion(18, 22, "country", "spacy"),     // duplicate in batch
            suggestion(12, 16, "person", "spacy"),      // same range, new label
            suggestion(24, 30, "country", "spacy"),     // past the end (29)
            suggestion(5, 5, "country", "spacy"),       // empty
        ],
    )
    .unwrap();
    let Edit::Batch(edits) = &edit else {
        panic!("not a batch: {edit:?}");
    };
    let added: Vec<&Span> = edits
        .iter()
        .map(|e| match e {
            Edit::Add(s) => s,
            other => panic!("not an add: {other:?}"),
        })
        .collect();
    let summary: Vec<_> = added
        .iter()
        .map(|s| (s.id, s.start, s.end, s.label.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        summary,
        vec![
            (next, 12, 16, "person", "Iran"),
            (next + 1, 18, 22, "country", "Iran"),
            (next + 2, 24, 28, "country", "Cuba"),
        ]
    );
    for s in &added {
        assert_eq!(s.status, Status::Pending);
        assert_eq!(s.score, Some(0.5));
    }
    assert_eq!(added[1].origin, Origin::Extractor("gazetteer".to_owned()));
    assert_eq!(added[0].origin, Origin::Extractor("spacy".to_owned()));

    // One undo step; the spans validate against the document.
    session.perform(edit).unwrap();
    assert_eq!(session.set().len(), 5);
    assert!(
        session
            .set()
            .validate(session.doc(), session.schema())
            .is_empty()
    );
    // Offering the same again adds nothing.
    assert_eq!(
        pending_edit(&session, &[suggestion(18, 22, "country", "spacy")]),
        None
    );
    session.undo().unwrap();
    assert_eq!(session.set(), &before);
    assert_eq!(pending_edit(&session, &[]), None);
}

#[test]
fn accepted_span_becomes_suggestions_here_and_in_other_documents() {
    let text = "Zarepour met Zarepour’s team; Zarepourian is not him.";
    let (_dir, session) = session_with(text, &[(0, 8, "person", Status::Accepted)]);
    let matcher = TermMatcher::new(learned_terms(session.set())).unwrap();
    let here = matcher.find(session.doc());
    assert_eq!(ranges(&here), vec![(0, 8, "person"), (13, 21, "person")]);
    let Some(Edit::Batch(edits)) = pending_edit(&session, &here) else {
        panic!("expected a batch");
    };
    assert_eq!(edits.len(), 1, "the accepted span itself is not offered");

    let other = Document::new("\u{feff}😀 Issa Zarepour.\r\nZarepour");
    assert_eq!(
        ranges(&matcher.find(&other)),
        vec![(7, 15, "person"), (18, 26, "person")]
    );
}

#[test]
fn settings_missing_file_gives_defaults() {
    let dir = TempDir::new().unwrap();
    let s = settings::load(dir.path()).unwrap();
    assert_eq!(s, CorpusSettings::default());
    assert!(s.gazetteer);
    assert_eq!(s.labels, None);
    assert_eq!(s.extractor, None);
    assert_eq!(s.schema(), LabelSchema::default());
    // An empty record is the defaults too.
    let s = settings::parse(Path::new("newsmark.ron"), "()").unwrap();
    assert_eq!(s, CorpusSettings::default());
}

#[test]
fn settings_full_file() {
    let s = settings::load(&fixtures().join("settings-full")).unwrap();
    let labels = s.labels.as_ref().unwrap();
    assert_eq!(labels.len(), 2);
    assert_eq!(labels[1].name, "country");
    assert_eq!(labels[1].hotkeys, vec!['2', 'c']);
    assert_eq!(s.schema().labels, *labels);
    assert_eq!(s.guidelines.as_deref(), Some("Tag roles without names."));
    assert_eq!(s.annotator.as_deref(), Some("Ana Müller"));
    assert!(!s.gazetteer);
    let extractor = s.extractor.unwrap();
    assert_eq!(
        extractor.argv,
        vec![
            "python3".to_owned(),
            "examples/spacy_extractor.py".to_owned()
        ]
    );
    assert_eq!(extractor.timeout_secs, 30);
    assert_eq!(extractor.origin_name(), "spacy");
}

#[test]
fn settings_extractor_defaults_and_implicit_some() {
    let source = "(annotator: \"Ana\", extractor: (argv: [\"/opt/bin/ner-tool.py\", \"-q\"]))";
    let s = settings::parse(Path::new("newsmark.ron"), source).unwrap();
    assert_eq!(s.annotator.as_deref(), Some("Ana"));
    let extractor: ExtractorConfig = s.extractor.unwrap();
    assert_eq!(extractor.timeout_secs, 60);
    assert_eq!(extractor.name, None);
    assert_eq!(extractor.origin_name(), "ner-tool");
}

#[test]
fn settings_syntax_error_names_file_line_and_column() {
    let dir = fixtures().join("settings-bad");
    let err = settings::load(&dir).unwrap_err();
    let SettingsError::Syntax {
        path, line, col, ..
    } = &err
    else {
        panic!("not a syntax error: {err}");
    };
    assert_eq!(path, &dir.join("newsmark.ron"));
    // Column 22 is where the unterminated string starts.
    assert_eq!((*line, *col), (4, 22));
    let message = err.to_string();
    assert!(message.contains("newsmark.ron:4:22: "), "{message}");
}

#[test]
fn settings_unknown_field_and_bad_values_are_errors() {
    let path = Path::new("x/newsmark.ron");
    let err = settings::parse(path, "(\n  gazeteer: false,\n)").unwrap_err();
    assert!(
        matches!(err, SettingsError::Syntax { line: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("gazeteer"), "{err}");
    let bad = [
        "(extractor: Some((argv: [])))",
        "(extractor: Some((argv: [\"x\"], timeout_secs: 0)))",
        "(labels: Some([]))",
    ];
    for source in bad {
        let err = settings::parse(path, source).unwrap_err();
        assert!(
            matches!(err, SettingsError::Invalid { .. }),
            "{source}: {err}"
        );
        assert!(err.to_string().starts_with("x/newsmark.ron: "), "{err}");
    }
}

#[test]
fn settings_strings_are_bounded_and_labels_follow_the_label_rule() {
    let path = Path::new("x/newsmark.ron");
    let long = "x".repeat(70);
    let label = |name: &str, description: &str| {
        format!(
            "(labels: Some([(name: {name:?}, color: (1, 2, 3), hotkeys: ['1'], \
             description: {description:?})]))"
        )
    };
    let cases = [
        (label("per\nson", ""), "U+000A"),
        (label("\u{1b}[2J", ""), "U+001B"),
        (
            label(&long, ""),
            "70 characters long, over the 64-character limit",
        ),
        (
            label("person", &"d".repeat(1001)),
            "description: 1001 characters long",
        ),
        (
            format!("(guidelines: Some({:?}))", "g".repeat(10_001)),
            "guidelines: 10001 characters long",
        ),
        (format!("(annotator: Some(\"{long}\"))"), "annotator: name"),
        (
            "(extractor: Some((argv: [\"x\"], name: Some(\"a\\u{7}\"))))".to_owned(),
            "extractor: name",
        ),
    ];
    for (source, expect) in cases {
        let err = settings::parse(path, &source).unwrap_err().to_string();
        assert!(
            err.starts_with("x/newsmark.ron: ") && err.contains(expect),
            "{source}: {err}"
        );
        assert!(err.len() < 300, "the message quotes strings elided: {err}");
    }
    assert!(settings::parse(path, &label("país", &"d".repeat(1000))).is_ok());
}

#[cfg(unix)]
#[test]
fn a_settings_file_outside_the_corpus_or_a_fifo_is_refused_unopened() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(dir.path().join("theirs.ron"), "(annotator: Some(\"Eve\"))").unwrap();
    std::os::unix::fs::symlink("../theirs.ron", corpus.join("newsmark.ron")).unwrap();
    let err = settings::load(&corpus).unwrap_err().to_string();
    assert!(
        err.contains("newsmark.ron") && err.contains("outside the corpus folder"),
        "{err}"
    );
    fs::remove_file(corpus.join("newsmark.ron")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(corpus.join("newsmark.ron"))
        .status()
        .unwrap();
    assert!(made.success());
    // Opening it would wait for a writer forever.
    let err = settings::load(&corpus).unwrap_err().to_string();
    assert!(err.contains("a FIFO"), "{err}");
}

#[test]
fn settings_refuse_clashing_or_reserved_hotkeys() {
    let dir = tempfile::tempdir().unwrap();
    let label = |name: &str, keys: &str| {
        format!("(name: {name:?}, color: (1, 2, 3), hotkeys: [{keys}], description: \"\")")
    };
    for (labels, expect) in [
        (
            vec![label("org", "'o'"), label("loc", "'O'")],
            "already \"org\"'s",
        ),
        (vec![label("org", "'a'")], "newsmark's own"),
        (vec![label("org", "'-'")], "not a letter or digit"),
    ] {
        let source = format!("(labels: Some([{}]))", labels.join(", "));
        let path = dir.path().join("newsmark.ron");
        fs::write(&path, &source).unwrap();
        let err = settings::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("newsmark.ron") && err.contains(expect),
            "{err}"
        );
    }
    let ok = format!(
        "(labels: Some([{}, {}]))",
        label("org", "'1', 'o'"),
        label("loc", "'2', 'l'")
    );
    fs::write(dir.path().join("newsmark.ron"), ok).unwrap();
    assert_eq!(settings::load(dir.path()).unwrap().schema().labels.len(), 2);
}

#[test]
fn annotate_all_accounts_for_every_hit() {
    use newsmark::model::search::{Search, SearchOptions};
    use newsmark::suggest::search::AnnotateAll;
    // "Cela" four times: 0 plain, 10 a pending country, 23 accepted
    // country, 39 a rejected country.
    let text = "Cela dit, cela change. Cela compte. Et cela encore.";
    let (_dir, session) = session_with(
        text,
        &[
            (10, 14, "country", Status::Pending),
            (23, 27, "country", Status::Accepted),
            (39, 43, "country", Status::Rejected),
        ],
    );
    // A regex whose hits "Ce" and "la" both widen to the word "Cela".
    let options = SearchOptions {
        regex: true,
        ..SearchOptions::default()
    };
    let hits = Search::new("ce|la", &options)
        .unwrap()
        .find_all(session.doc());
    assert_eq!(hits.len(), 8);
    let plan = AnnotateAll::plan(&session, &hits, "country");
    let accounted = (
        plan.tagged,
        plan.accepted,
        plan.relabelled,
        plan.already_tagged,
        plan.repeated,
    );
    assert_eq!(accounted, (1, 2, 0, 1, 4));
    assert_eq!(
        plan.describe("country"),
        "tagged 1 country, accepted 2 suggestions already there; not tagged: \
         1 already tagged country, 4 hits are the same word as another hit"
    );
    let Some(Edit::Batch(edits)) = plan.edit else {
        panic!("one batch");
    };
    assert_eq!(edits.len(), 3);

    // A pending suggestion with another label on a hit is relabelled.
    let (_dir, session) = session_with(text, &[(0, 4, "person", Status::Pending)]);
    let hits = Search::new("cela", &SearchOptions::default())
        .unwrap()
        .find_all(session.doc());
    let plan = AnnotateAll::plan(&session, &hits, "country");
    assert_eq!((plan.tagged, plan.relabelled), (3, 1));
}

#[test]
fn learned_terms_leave_out_function_words() {
    let (_dir, session) = session_with(
        "The talks: the Hague and Iran.",
        &[
            (0, 3, "country", Status::Accepted),   // The
            (11, 20, "country", Status::Accepted), // the Hague
            (25, 29, "country", Status::Accepted), // Iran
        ],
    );
    let terms: Vec<String> = learned_terms(session.set())
        .into_iter()
        .map(|(text, _)| text)
        .collect();
    assert_eq!(terms, ["Iran", "the Hague"]);
}
