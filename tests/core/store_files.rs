//! File-level tests of the store, the session and the corpus, on real files in
//! temporary folders: save/load identity (CRLF, BOM, emoji), deterministic and
//! atomic saves, every kind of load problem and how it protects the file,
//! backing up and "save as", unreadable articles, picking a folder's first
//! article, and the shipped `sample_data/` corpus.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::ErrorKind;
use std::ops::Range;
use std::path::{Path, PathBuf};

use newsmark::corpus;
use newsmark::model::{Document, Edit, LabelSchema, Origin, Span, SpanId, Status};
use newsmark::session::Session;
use newsmark::store::{self, LoadedAnnotations, StoreError};
use tempfile::TempDir;

const CRLF_TEXT: &str =
    "Tehran and Havana\r\nsigned a deal.\r\nIssa Zarepour, Minister of ICT, said so.\r\n";
const BOM_TEXT: &str = "\u{feff}Brasília – José Müller met “Beatriz Araújo Gonçalves”.\n";
const EMOJI_TEXT: &str =
    "🇨🇺 Cuba and 🇮🇷 Iran: 👩\u{200d}💻 engineers of the e-government programme 🌊 met.\n";

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, contents).expect("write test file");
    path
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).expect("read file")
}

fn read_string(path: &Path) -> String {
    fs::read_to_string(path).expect("read file")
}

/// Names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let entries = fs::read_dir(dir).expect("list folder");
    let mut names: Vec<String> = entries
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Code-point range of the first occurrence of `needle`.
fn find(doc: &Document, needle: &str) -> Range<usize> {
    let byte = doc.text().find(needle).expect("needle in text");
    let start = doc.char_of_byte(byte).expect("char boundary");
    start..start + needle.chars().count()
}

fn open(txt: &Path) -> Session {
    Session::open(txt, LabelSchema::default()).expect("open article")
}

/// Adds spans given as `label:quote|label:quote…` (first occurrences).
fn annotate(session: &mut Session, spec: &str) {
    for item in spec.split('|') {
        let (label, needle) = item.split_once(':').expect("label:quote");
        let range = find(session.doc(), needle);
        let edit = session.add_span_edit(range, label).expect("new span");
        session.perform(edit).expect("add span");
    }
}

/// Loads `ron` as the annotations of `txt` (named `a.txt`).
fn load(ron: &Path, txt: &Path) -> Result<LoadedAnnotations, StoreError> {
    let doc = store::read_text(txt).expect("article");
    store::load_annotations(ron, "a.txt", &doc, &LabelSchema::default())
}

fn assert_problem(s: &Session, span_id: Option<SpanId>, reason: &str) {
    let found = s
        .problems()
        .iter()
        .any(|p| p.span_id == span_id && p.reason.contains(reason));
    assert!(
        found,
        "no problem {span_id:?} {reason:?} in {:#?}",
        s.problems()
    );
}

/// A folder with `a.txt` annotated (Tehran, Havana) and saved as `a.ron`.
fn saved_pair() -> (TempDir, PathBuf, PathBuf) {
    let dir = TempDir::new().expect("temp dir");
    let txt = write(dir.path(), "a.txt", CRLF_TEXT);
    let mut s = open(&txt);
    annotate(&mut s, "country:Tehran|country:Havana");
    s.save().expect("save");
    let ron = dir.path().join("a.ron");
    (dir, txt, ron)
}

/// Inserts `line` as the last span line of the file.
fn inject_span(ron: &Path, line: &str) {
    let source = read_string(ron);
    let patched = source.replacen("    ],\n", &format!("        {line},\n    ],\n"), 1);
    assert_ne!(source, patched, "no span list to inject into");
    fs::write(ron, patched).expect("write ron");
}

/// Header, one line per span, footer, trailing newline.
fn assert_layout(bytes: &[u8], spans: usize) {
    let text = std::str::from_utf8(bytes).expect("RON is UTF-8");
    assert!(text.ends_with(")\n"), "ends with a newline");
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines.len(), spans + 8, "{text}");
    for line in &lines[5..5 + spans] {
        assert!(
            line.starts_with("        (id: ") && line.ends_with("),"),
            "{line:?}"
        );
    }
}

#[test]
fn save_then_open_is_identity_and_deterministic() {
    let crlf = "country:Tehran|initiative:Havana\r\nsigned|person:Issa Zarepour";
    let bom = "country:Brasília|person:José Müller|person:Beatriz Araújo Gonçalves";
    let emoji = "country:🇨🇺|country:Cuba|country:🇮🇷 Iran|role:engineers|role:met";
    let cases = [
        ("crlf", CRLF_TEXT, crlf),
        ("bom", BOM_TEXT, bom),
        ("emoji", EMOJI_TEXT, emoji),
    ];
    for (stem, text, spec) in cases {
        let dir = TempDir::new().expect("temp dir");
        let txt = write(dir.path(), &format!("{stem}.txt"), text);
        let mut s = open(&txt);
        assert_eq!(s.doc().had_bom(), text.starts_with('\u{feff}'));
        annotate(&mut s, spec);
        // A pending suggestion with an odd extractor name, over a ZWJ
        // sequence where there is one.
        let range = (stem == "emoji").then(|| find(s.doc(), "👩\u{200d}💻"));
        let range = range.unwrap_or(1..3);
        let quote = s.doc().slice(range.clone()).expect("in text").to_owned();
        let mut span = Span::manual(s.set().next_id(), range.start, range.end, "person", &quote);
        span.origin = Origin::Extractor("spaCy \"sm\" \\ v3".to_owned());
        (span.score, span.status) = (Some(0.91), Status::Pending);
        s.perform(Edit::Add(span)).expect("add suggestion");
        assert!(s.is_dirty());
        s.save().expect("save");
        assert!(!s.is_dirty());
        let ron = dir.path().join(format!("{stem}.ron"));
        assert_eq!(s.ron_path(), ron);
        let first = read(&ron);
        assert_layout(&first, s.set().len());

        let mut again = open(&txt);
        assert_eq!(again.problems(), [], "{stem}");
        assert!(again.unplaced().is_empty() && again.save_blocked().is_none());
        assert_eq!(again.set(), s.set(), "{stem}");
        assert_eq!(again.set().len(), spec.split('|').count() + 1);
        assert_eq!(again.doc().text(), s.doc().text());
        assert_eq!(again.doc().had_bom(), s.doc().had_bom());
        for span in again.set().spans() {
            let quote = again.doc().slice(span.start..span.end);
            assert_eq!(quote, Some(span.text.as_str()));
        }
        again.save().expect("second save");
        assert_eq!(read(&ron), first, "{stem}: second save differs");
        s.save().expect("third save");
        assert_eq!(read(&ron), first);
        assert_eq!(read(&txt), text.as_bytes(), "article rewritten");
        let files = [
            format!("{stem}.ron"),
            format!("{stem}.ron.bak"),
            format!("{stem}.txt"),
        ];
        assert_eq!(listing(dir.path()), files);
    }
}

#[test]
fn crlf_quote_is_escaped_on_its_line() {
    let dir = TempDir::new().expect("temp dir");
    let txt = write(dir.path(), "a.txt", CRLF_TEXT);
    let mut s = open(&txt);
    annotate(&mut s, "initiative:Havana\r\nsigned");
    s.save().expect("save");
    let ron = read_string(s.ron_path());
    let line = r#"(id: 1, start: 11, end: 25, label: "initiative", text: "Havana\r\nsigned", "#;
    assert!(ron.contains(line), "{ron}");
}

#[test]
fn atomic_save_leaves_no_temporary_files() {
    let (dir, txt, ron) = saved_pair();
    let mut s = open(&txt);
    for spec in ["person:Issa Zarepour", "role:Minister", "initiative:deal"] {
        annotate(&mut s, spec);
        s.save().expect("save");
        assert_eq!(listing(dir.path()), ["a.ron", "a.ron.bak", "a.txt"]);
    }
    // A save that fails (the target is a folder) cleans up after itself too.
    let before = read(&ron);
    fs::create_dir(dir.path().join("b.ron")).expect("mkdir");
    let err = s.save_as(&dir.path().join("b.ron")).expect_err("a folder");
    assert!(matches!(err, StoreError::Write { .. }), "{err}");
    assert_eq!(
        listing(dir.path()),
        ["a.ron", "a.ron.bak", "a.txt", "b.ron"]
    );
    assert_eq!(s.ron_path(), ron, "a failed save-as moved the session");
    assert_eq!(read(&ron), before);
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let (_dir, txt, ron) = saved_pair();
    let mut lines: Vec<String> = read_string(&ron).lines().map(str::to_owned).collect();
    assert!(lines[6].contains("Havana"), "{lines:?}");
    // Line 7: a missing comma before `end`.
    lines[6] = r#"        (id: 2, start: 11 end: 17, label: "country", text: "Havana"),"#.into();
    let end_col = lines[6].find("end").expect("end") + 1;
    let broken = lines.join("\n") + "\n";
    fs::write(&ron, &broken).expect("write");

    let err = load(&ron, &txt).expect_err("syntax error");
    let StoreError::Syntax {
        path, line, col, ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!((path, *line, *col), (&ron, 7, end_col), "{err}");
    let prefix = format!("{}:7:{end_col}: ", ron.display());
    assert!(err.to_string().starts_with(&prefix), "{err}");

    let mut s = open(&txt);
    assert_eq!(s.problems().len(), 1);
    assert_problem(&s, None, &format!("a.ron:7:{end_col}"));
    assert!(s.set().is_empty() && s.save_blocked().is_some());
    annotate(&mut s, "country:Tehran");
    assert!(matches!(s.save(), Err(StoreError::Refused { .. })));
    assert_eq!(read_string(&ron), broken, "broken file untouched");
}

#[test]
fn unknown_format_version_is_named() {
    let (_dir, txt, ron) = saved_pair();
    // A future version with a field and span syntax this version lacks.
    let future = read_string(&ron)
        .replace("format: 1,", "format: 7,\n    reviewers: [\"ana\"],")
        .replace("text: \"Tehran\")", "text: \"Tehran\", links: [3])");
    fs::write(&ron, &future).expect("write");
    let err = load(&ron, &txt).expect_err("future version");
    let StoreError::Version {
        found, supported, ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!((*found, *supported), (7, 1));
    let message = err.to_string();
    let named = message.contains("a.ron") && message.contains("format version 7 is not");
    assert!(named, "{err}");

    let mut s = open(&txt);
    assert_problem(&s, None, "version 7");
    assert!(s.save_blocked().is_some() && s.save().is_err());
    assert_eq!(read_string(&ron), future);
}

#[test]
fn bad_spans_are_set_aside_and_protect_the_file() {
    let person = r#"label: "person", text:"#;
    let cases = [
        (9, format!(r#"start: 5, end: 99, {person} "x""#), "outside"),
        (
            9,
            format!(r#"start: 0, end: 6, {person} "Teh""#),
            "does not match",
        ),
        (9, format!(r#"start: 3, end: 3, {person} """#), "empty span"),
        (9, format!(r#"start: 4, end: 2, {person} """#), "empty span"),
        (
            2,
            format!(r#"start: 0, end: 6, {person} "Tehran""#),
            "duplicate",
        ),
    ];
    for (id, fields, reason) in cases {
        let line = format!("(id: {id}, {fields})");
        let (dir, txt, ron) = saved_pair();
        inject_span(&ron, &line);
        let before = read(&ron);
        let injected: Span = ron::from_str(&line).expect("valid span syntax");

        let mut s = open(&txt);
        assert_problem(&s, Some(id), reason);
        let problem = &s.problems()[0];
        assert_eq!((&problem.file, problem.span_id), (&ron, Some(id)));
        let shown = problem.to_string();
        assert!(shown.contains(&format!("a.ron: span {id}: ")), "{shown}");
        assert_eq!(s.unplaced(), [injected], "{line}");
        let kept: Vec<&str> = s.set().spans().iter().map(|s| s.text.as_str()).collect();
        assert_eq!(kept, ["Tehran", "Havana"], "{line}");
        assert!(s.save_blocked().is_some(), "{line}");

        annotate(&mut s, "person:Issa Zarepour");
        let err = s.save().expect_err("protected file");
        let StoreError::Refused { path, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(path, &ron);
        assert_eq!(read(&ron), before, "{line}: file touched");
        assert_eq!(listing(dir.path()), ["a.ron", "a.txt"]);
    }
}

#[test]
fn unknown_label_is_reported_but_kept_and_saved() {
    let (_dir, txt, ron) = saved_pair();
    let line = r#"(id: 9, start: 0, end: 6, label: "organisation", text: "Tehran")"#;
    inject_span(&ron, line);
    let mut s = open(&txt);
    assert_eq!(s.problems().len(), 1, "{:?}", s.problems());
    assert_problem(&s, Some(9), "unknown label \"organisation\"");
    assert!(s.unplaced().is_empty() && s.save_blocked().is_none());
    assert_eq!(s.set().get(9).expect("kept").label, "organisation");
    s.save().expect("not blocked");
    assert_eq!(open(&txt).set(), s.set(), "lost in a save");
}

#[test]
fn document_field_naming_another_file_is_a_problem() {
    let (_dir, txt, ron) = saved_pair();
    let source = read_string(&ron).replace("document: \"a.txt\"", "document: \"b.txt\"");
    fs::write(&ron, source).expect("write");
    let s = open(&txt);
    assert_eq!(s.problems().len(), 1, "{:?}", s.problems());
    let reason = r#"names document "b.txt", but it is paired with "a.txt""#;
    assert_problem(&s, None, reason);
    assert_eq!(s.set().len(), 2);
}

#[test]
fn changed_text_is_noticed() {
    // Appended text: the hash differs, the spans still fit.
    let (_dir, txt, ron) = saved_pair();
    fs::write(&txt, format!("{CRLF_TEXT}Update: more.\r\n")).expect("edit article");
    let loaded = load(&ron, &txt).expect("parses");
    assert!(loaded.text_changed);
    assert_eq!(loaded.problems.len(), 1);
    assert!(loaded.problems[0].reason.contains("text changed"));
    assert_eq!(loaded.set.len(), 2);
    assert!(!loaded.would_lose_data());

    // Prepended text: the offsets no longer fit, so the spans are
    // re-anchored, each move noted (never silently shifted); nothing is left
    // out, so the file may be saved, and then loads clean.
    let (_dir, txt, _ron) = saved_pair();
    fs::write(&txt, format!("BREAKING: {CRLF_TEXT}")).expect("edit article");
    let mut s = open(&txt);
    assert_problem(&s, None, "text changed");
    assert_problem(&s, Some(1), "moved from 0..6 to 10..16");
    assert_problem(&s, Some(2), "moved from 11..17 to 21..27");
    assert!(s.unplaced().is_empty() && s.orphans().is_empty());
    let quotes: Vec<&str> = s.set().spans().iter().map(|s| s.text.as_str()).collect();
    assert_eq!(quotes, ["Tehran", "Havana"]);
    assert!(s.save_blocked().is_none());
    s.save().expect("saved");
    let again = open(&txt);
    assert!(again.problems().is_empty(), "{:?}", again.problems());
    assert_eq!(again.set(), s.set());
}

#[test]
fn back_up_then_save_and_save_as() {
    let (dir, txt, ron) = saved_pair();
    let line = r#"(id: 9, start: 0, end: 6, label: "person", text: "Teheran")"#;
    inject_span(&ron, line);
    let broken = read(&ron);

    // Save as: written elsewhere, the protected file left alone.
    let mut s = open(&txt);
    let other = dir.path().join("copy.ron");
    s.save_as(&other).expect("save as");
    assert_eq!(s.ron_path(), other);
    assert!(s.save_blocked().is_none());
    let loaded = load(&other, &txt).expect("loads");
    assert!(loaded.problems.is_empty());
    assert_eq!(&loaded.set, s.set());
    annotate(&mut s, "person:Issa Zarepour");
    s.save().expect("later saves go to the new file");
    assert_eq!(load(&other, &txt).expect("loads").set.len(), 3);
    assert_eq!(read(&ron), broken);

    // Back up: the broken file is copied aside, then saving over it works.
    let mut s = open(&txt);
    assert!(s.save_blocked().is_some());
    let backup = s.back_up_and_unprotect().expect("back up");
    assert_eq!(backup, dir.path().join("a.ron.broken"));
    assert_eq!(read(&backup), broken);
    assert!(s.save_blocked().is_none());
    s.save().expect("save after backup");
    let again = open(&txt);
    assert!(again.problems().is_empty() && again.save_blocked().is_none());
    assert_eq!(again.set().len(), 2);

    // A second backup does not overwrite the first.
    fs::write(&ron, &broken).expect("break again");
    let second = open(&txt).back_up_and_unprotect().expect("back up");
    assert_eq!(second, dir.path().join("a.ron.broken2"));
    assert_eq!(read(&backup), broken);
}

#[test]
fn unreadable_articles_are_errors_not_panics() {
    let dir = TempDir::new().expect("temp dir");
    for (name, bytes, offset) in [
        ("latin1.txt", &b"Bras\xedlia"[..], 4),
        ("bom.txt", &b"\xef\xbb\xbfab\xffcd"[..], 5),
        ("cut.txt", &"Müller".as_bytes()[..2], 1),
    ] {
        let txt = write(dir.path(), name, bytes);
        let err = Session::open(&txt, LabelSchema::default()).expect_err("not UTF-8");
        let StoreError::NotUtf8 { path, offset: at } = &err else {
            panic!("{err}")
        };
        assert_eq!((path, *at), (&txt, offset), "{name}");
        let message = err.to_string();
        let offset = format!("invalid byte at offset {offset}");
        let clear = message.contains(name) && message.contains(&offset);
        assert!(clear, "{message}");
    }
    let missing = dir.path().join("missing.txt");
    let err = Session::open(&missing, LabelSchema::default()).expect_err("missing");
    let StoreError::Read { path, source } = &err else {
        panic!("{err}")
    };
    assert_eq!((path, source.kind()), (&missing, ErrorKind::NotFound));
    assert!(err.to_string().contains("missing.txt"), "{err}");
    let err = Session::open(dir.path(), LabelSchema::default()).expect_err("a folder");
    assert!(
        matches!(
            err,
            StoreError::NotRegular {
                kind: "a folder",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn folder_opens_its_first_article_by_name() {
    let dir = TempDir::new().expect("temp dir");
    let err = corpus::article_to_open(dir.path()).expect_err("empty folder");
    assert!(matches!(err, StoreError::Read { .. }), "{err}");
    write(dir.path(), "0.ron", "");
    write(dir.path(), ".hidden.txt", "x");
    fs::create_dir(dir.path().join("0-folder.txt")).expect("mkdir");
    let err = corpus::article_to_open(dir.path()).expect_err("no article yet");
    assert!(err.to_string().contains("no .txt article"), "{err}");
    let b = write(dir.path(), "b.txt", "b");
    let a = write(dir.path(), "a.txt", "a");
    let upper_b = write(dir.path(), "B.txt", "B");
    assert_eq!(corpus::article_to_open(dir.path()).expect("first"), upper_b);
    let all = corpus::articles_in(dir.path()).expect("list").to_vec();
    assert_eq!(all, [upper_b, a, b.clone()]);
    assert_eq!(corpus::article_to_open(&b).expect("a file is itself"), b);
}

#[test]
fn sample_data_is_clean_and_canonical() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let articles = corpus::articles_in(&samples).expect("sample_data");
    assert!(articles.len() >= 4, "{articles:?}");
    // Besides the pairs, the entity registry.
    for name in listing(&samples)
        .into_iter()
        .filter(|n| n != "entities.ron")
    {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let pair = |ext| samples.join(format!("{stem}.{ext}")).is_file();
        let paired = pair("txt") && pair("ron");
        assert!(paired, "{name} is not part of a .txt/.ron pair");
    }
    let (mut crlf, mut emoji, mut names_and_quotes, mut bom) = (false, false, false, false);
    for txt in &articles.to_vec() {
        let s = open(txt);
        let name = store::file_name(txt);
        assert_eq!(s.problems(), [], "{name}");
        assert!(s.unplaced().is_empty() && s.save_blocked().is_none());
        let spans = s.set().spans();
        for span in spans {
            let quote = s.doc().slice(span.start..span.end);
            assert_eq!(quote, Some(span.text.as_str()), "{name}: span {}", span.id);
        }
        let mut labels: Vec<&str> = spans.iter().map(|s| s.label.as_str()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels, ["country", "initiative", "person", "role"]);
        let text = s.doc().text();
        crlf |= text.contains("\r\n");
        emoji |= text.chars().any(|c| matches!(c, '\u{1f000}'..='\u{1faff}'));
        let foreign = |s: &Span| s.label == "person" && !s.text.is_ascii();
        let foreign_name = spans.iter().any(foreign);
        names_and_quotes |= foreign_name && text.contains('“') && text.contains('”');
        bom |= s.doc().had_bom();

        // Re-saving a copy reproduces the shipped file byte for byte.
        let dir = TempDir::new().expect("temp dir");
        let copy = dir.path().join(&name);
        fs::copy(txt, &copy).expect("copy article");
        let shipped = read_string(&store::paired_ron_path(txt));
        write(dir.path(), &name.replace(".txt", ".ron"), &shipped);
        let mut c = open(&copy);
        c.save().expect("re-save");
        let resaved = read_string(c.ron_path());
        let pairs = shipped.lines().zip(resaved.lines());
        let diff: Vec<_> = pairs.filter(|(a, b)| a != b).collect();
        assert!(
            diff.is_empty(),
            "{name} not canonical: (shipped, re-saved) {diff:#?}"
        );
        assert_eq!(shipped, resaved, "{name}");
    }
    let found = format!("crlf {crlf}, emoji {emoji}, names+quotes {names_and_quotes}, bom {bom}");
    assert!(crlf && emoji && names_and_quotes && bom, "{found}");
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_dir, txt, ron) = saved_pair();
    fs::set_permissions(&ron, fs::Permissions::from_mode(0o640)).unwrap();
    let mut session = open(&txt);
    annotate(&mut session, "person:Issa Zarepour");
    session.save().unwrap();
    let mode = fs::metadata(&ron).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "not tempfile's private 0600");
}

#[test]
fn done_flag_is_saved_only_when_set_and_undoable() {
    let (_dir, txt, ron) = saved_pair();
    assert!(!read_string(&ron).contains("done"), "left out while false");
    let mut session = open(&txt);
    session.perform(Edit::SetDone(true)).unwrap();
    assert!(session.is_dirty());
    session.save().unwrap();
    assert!(read_string(&ron).contains("\n    done: true,\n"));
    let mut reopened = open(&txt);
    assert!(reopened.set().is_done());
    assert!(
        reopened.perform(Edit::SetDone(true)).is_err(),
        "already done"
    );
    reopened.perform(Edit::SetDone(false)).unwrap();
    reopened.undo();
    assert!(reopened.set().is_done());
}

#[test]
fn replace_file_and_the_streaming_writer_leave_each_file_whole_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.ann");
    fs::write(&path, "old").unwrap();
    store::replace_file(&path, b"T1\tperson 0 3\tAna\n").unwrap();
    store::sync_filesystem(dir.path()).unwrap();
    assert_eq!(read_string(&path), "T1\tperson 0 3\tAna\n");

    // A streaming write dropped unfinished (a cancelled export) leaves the
    // old file; finished, the new one. Neither leaves a temporary file.
    let jsonl = dir.path().join("out.jsonl");
    fs::write(&jsonl, "old\n").unwrap();
    let mut writer = store::AtomicWriter::create(&jsonl).unwrap();
    writer.write_str("{\"a\": 1}\n").unwrap();
    drop(writer);
    assert_eq!(read_string(&jsonl), "old\n");
    let mut writer = store::AtomicWriter::create(&jsonl).unwrap();
    writer.write_str("{\"a\": 1}\n").unwrap();
    writer.write_str("{\"b\": 2}\n").unwrap();
    writer.finish().unwrap();
    assert_eq!(read_string(&jsonl), "{\"a\": 1}\n{\"b\": 2}\n");
    assert_eq!(listing(dir.path()), vec!["out.ann", "out.jsonl"]);
}

#[test]
fn a_new_file_is_written_whole_with_the_usual_permissions_and_an_existing_one_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.ann");
    store::write_new_file(&new, b"T1\tperson 0 3\tAna\n").unwrap();
    assert_eq!(read(&new), b"T1\tperson 0 3\tAna\n");
    // The same mode as a file written through a temporary name.
    let through_temp = dir.path().join("through-temp.ann");
    store::replace_file(&through_temp, b"x").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&new), mode(&through_temp));
    }
    // A file that exists after all is replaced, not kept.
    store::write_new_file(&new, b"again").unwrap();
    assert_eq!(read(&new), b"again");
    assert_eq!(listing(dir.path()), ["new.ann", "through-temp.ann"]);
    // A folder that does not exist is an error naming the file.
    let missing = dir.path().join("missing").join("a.ann");
    let err = store::write_new_file(&missing, b"x").unwrap_err();
    assert!(err.to_string().contains("a.ann"), "{err}");
}
