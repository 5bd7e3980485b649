//! The bodies of newsmark's fuzz targets, shared by the cargo-fuzz targets
//! (`fuzz/fuzz_targets/`) and the bounded run in the test suite
//! (`tests/core/fuzz_bounded.rs`, which includes this file as a module).
//!
//! Each body writes the fuzzer's bytes to files in a fresh scratch folder
//! and reads them through newsmark's real entry points, as a corpus from an
//! untrusted source would be read. Besides "never panics", each checks that
//! errors and problems name a file, and that no work is lost: a protected
//! file is left untouched, what loads saves and reloads unchanged, what an
//! import reports as added is on disk, a journal holding spans is never
//! deleted.
//!
//! Inputs that hold two files (an article and its annotations, a brat pair)
//! separate them by the first NUL byte, which neither may contain.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use newsmark::corpus::import::{ImportOptions, import_into};
use newsmark::formats::{self, Format, OffsetUnit, ReadOptions};
use newsmark::journal::Journal;
use newsmark::model::LabelSchema;
use newsmark::session::Session;
use newsmark::store::{self, LoadProblem, read_text};

/// The annotation file and its article: `ARTICLE \0 ANNOTATIONS`. Opens them
/// as the window does; a session that may be saved must save and reopen
/// unchanged, and a protected annotation file must refuse saving and keep
/// its bytes.
pub fn ron_loader(data: &[u8]) {
    let (text, ron) = split_at_nul(data);
    let dir = scratch();
    let txt_path = dir.path().join("article.txt");
    let ron_path = dir.path().join("article.ron");
    write(&txt_path, text);
    write(&ron_path, ron);
    let schema = LabelSchema::default();
    let mut session = match Session::open(&txt_path, schema.clone()) {
        Ok(session) => session,
        Err(e) => return assert_names(&e.to_string(), &txt_path),
    };
    for problem in session.problems() {
        assert_names(&problem.to_string(), &ron_path);
    }
    if session.save_blocked().is_some() {
        assert!(session.save().is_err(), "a protected file was saved over");
        assert_eq!(read(&ron_path), ron, "a protected file changed");
        return;
    }
    session.save().expect("an unprotected session saves");
    let reopened = Session::open(&txt_path, schema).expect("the saved article reopens");
    assert_eq!(reopened.save_blocked(), None, "{:?}", reopened.problems());
    // Compared as written, since a score may be NaN, which equals nothing.
    let written = |s: &Session| store::to_ron_string("article.txt", "", s.set());
    assert_eq!(
        written(&reopened),
        written(&session),
        "save and reopen changed the spans"
    );
}

/// A recovery journal and its article: `ARTICLE \0 JOURNAL`, with no saved
/// annotation file. The journal is either offered for restore (and kept),
/// set aside with its bytes intact, or removed only if it held no spans.
pub fn journal(data: &[u8]) {
    let (text, contents) = split_at_nul(data);
    let dir = scratch();
    let txt_path = dir.path().join("article.txt");
    let ron_path = dir.path().join("article.ron");
    write(&txt_path, text);
    let Ok(doc) = read_text(&txt_path) else {
        return;
    };
    let journal = Journal::new(&ron_path);
    write(journal.path(), contents);
    let schema = LabelSchema::default();
    match journal.find("article.txt", &doc, &schema) {
        Ok(Some(_)) => assert_eq!(read(journal.path()), contents, "the journal changed"),
        Ok(None) => {
            let source = String::from_utf8_lossy(contents);
            let held =
                store::parse_annotations(journal.path(), &source, "article.txt", &doc, &schema)
                    .expect("a journal that was removed parsed");
            let spans = held.set.len() + held.unplaced.len() + held.orphans.len();
            assert_eq!(spans, 0, "a journal holding spans was removed");
        }
        Err(unreadable) => {
            assert_names(&unreadable.to_string(), journal.path());
            let kept = unreadable.kept_as.as_deref().unwrap_or(journal.path());
            assert_eq!(read(kept), contents, "an unreadable journal was not kept");
        }
    }
}

/// A corpus's `newsmark.ron`: loads, or fails naming the file.
pub fn settings(data: &[u8]) {
    let dir = scratch();
    let path = dir.path().join(newsmark::settings::FILE_NAME);
    write(&path, data);
    match newsmark::settings::load(dir.path()) {
        Ok(settings) => {
            let schema = settings.schema();
            assert!(!schema.labels.is_empty(), "settings gave no labels");
            if let Some(extractor) = &settings.extractor {
                assert!(!extractor.origin_name().is_empty(), "{extractor:?}");
            }
        }
        Err(e) => assert_names(&e.to_string(), &path),
    }
}

/// A spaCy / Prodigy JSONL file, imported into an empty corpus.
pub fn import_spacy(data: &[u8]) {
    import(Format::Spacy, data);
}

/// A doccano JSONL file, imported into an empty corpus.
pub fn import_doccano(data: &[u8]) {
    import(Format::Doccano, data);
}

/// A brat pair `TEXT \0 ANN`, imported into an empty corpus.
pub fn import_brat(data: &[u8]) {
    import(Format::Brat, data);
}

/// Reads `data` in `format` with every offset unit, then imports what the
/// format's own unit gives into an empty corpus: every problem names a file,
/// and each document holds exactly the spans the report says were added.
fn import(format: Format, data: &[u8]) {
    let dir = scratch();
    let src = match format {
        Format::Spacy | Format::Doccano => {
            let src = dir.path().join("in.jsonl");
            write(&src, data);
            src
        }
        Format::Brat => {
            let (text, ann) = split_at_nul(data);
            write(&dir.path().join("doc.txt"), text);
            let src = dir.path().join("doc.ann");
            write(&src, ann);
            src
        }
    };
    for unit in OffsetUnit::ALL {
        let options = ReadOptions {
            offsets: Some(unit),
        };
        match formats::read_with(format, &src, &options) {
            Ok(outcome) => outcome
                .problems
                .iter()
                .for_each(|p| assert_names(p, dir.path())),
            Err(e) => assert_names(&e.to_string(), &src),
        }
    }
    let Ok(outcome) = formats::read(format, &src) else {
        return;
    };
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).expect("create the corpus folder");
    let options = ImportOptions {
        map: vec![("PER".to_owned(), "person".to_owned())],
        only_mapped: false,
        origin: format.name().to_owned(),
        accepted: false,
    };
    let schema = LabelSchema::default();
    let report =
        import_into(&corpus, &outcome.docs, &options, &schema).expect("corpus is a folder");
    for problem in &report.problems {
        assert_names(problem, dir.path());
    }
    let mut added: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in &report.docs {
        *added.entry(doc.name.as_str()).or_default() += doc.added;
    }
    for (name, added) in added {
        let txt_path = corpus.join(format!("{name}.txt"));
        let session = Session::open(&txt_path, schema.clone()).expect("an imported article opens");
        assert_eq!(session.save_blocked(), None, "{:?}", session.problems());
        // Kept and shown as they are: labels and relation types outside the
        // schema, relations between labels their type does not name.
        let loaded_with = |p: &&LoadProblem| {
            !p.reason.starts_with("unknown label")
                && !p.reason.contains(": unknown relation type")
                && !p.reason.contains(" does not allow a ")
        };
        let problems: Vec<_> = session.problems().iter().filter(loaded_with).collect();
        assert!(
            problems.is_empty(),
            "{name}: imported spans load with {problems:?}"
        );
        assert_eq!(
            session.set().len(),
            added,
            "{name}: spans added != spans on disk"
        );
    }
}

/// The bytes before and after the first NUL (all of them and none if there
/// is none).
fn split_at_nul(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}

/// A fresh scratch folder: in `/dev/shm` where there is one, since saves
/// fsync and a disk would make each run slow.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm)
    } else {
        tempfile::tempdir()
    };
    dir.expect("create a scratch folder")
}

fn write(path: &Path, bytes: &[u8]) {
    fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Panics unless `message` names `path` (a file, or the scratch folder).
fn assert_names(message: &str, path: &Path) {
    let shown = PathBuf::from(path).display().to_string();
    assert!(
        message.contains(&shown),
        "message does not name {shown}: {message}"
    );
}
