//! What the JSONL formats share: one JSON object per line, the `text` field,
//! and the document's name from `meta.file` / `meta.id`.

use std::io::BufRead;

use serde_json::{Map, Value};

use super::repeats::{Given, Repeats};
use super::{Emit, ImportedDoc, ImportedRelation, ReadOutcome};

/// A JSON object read from one line.
pub(super) type Record = Map<String, Value>;

/// Turns one record (read from `FILE:LINE`, given as `at`) into a document,
/// or reports in the outcome why it is skipped.
pub(super) type ToDoc = fn(&str, &Record, &mut ReadOutcome) -> Option<ImportedDoc>;

/// Reads the JSONL `source` of the file `file` one line at a time: each
/// JSON object becomes a document through `to_doc` and is handed to `emit`
/// as soon as it is read, so that only one line is held at a time. Blank
/// lines are skipped; a line that is not a JSON object is reported in
/// `out` as `FILE:LINE: reason`, counted as a skipped record, and skipped.
/// A leading byte order mark is ignored. Fails only if `source` cannot be
/// read (or is not UTF-8).
pub(super) fn read_each(
    file: &str,
    source: &mut dyn BufRead,
    to_doc: ToDoc,
    out: &mut ReadOutcome,
    emit: &mut Emit<'_>,
) -> std::io::Result<()> {
    let mut line = String::new();
    let mut n = 0;
    loop {
        line.clear();
        if source.read_line(&mut line)? == 0 {
            return Ok(());
        }
        n += 1;
        let mut content = line.strip_suffix('\n').unwrap_or(&line);
        content = content.strip_suffix('\r').unwrap_or(content);
        if n == 1 {
            content = content.strip_prefix('\u{feff}').unwrap_or(content);
        }
        if content.trim().is_empty() {
            continue;
        }
        let problem = match serde_json::from_str::<Value>(content) {
            Ok(Value::Object(record)) => {
                if let Some(doc) = to_doc(&format!("{file}:{n}"), &record, out) {
                    emit(doc, out);
                }
                continue;
            }
            Ok(other) => format!(
                "{file}:{n}: expected a JSON object, found {}; line skipped",
                kind(&other)
            ),
            Err(e) => format!("{file}:{n}: not valid JSON ({e}); line skipped"),
        };
        out.problems.push(problem);
        out.skipped_records += 1;
    }
}

/// [`read_each`] over a string, collecting the documents: for tests.
#[cfg(test)]
pub(super) fn parse_str(file: &str, source: &str, to_doc: ToDoc) -> ReadOutcome {
    let mut out = ReadOutcome::default();
    let mut docs = Vec::new();
    let read = read_each(
        file,
        &mut source.as_bytes(),
        to_doc,
        &mut out,
        &mut |doc, _| {
            docs.push(doc);
        },
    );
    assert!(read.is_ok(), "a string always reads");
    out.docs = docs;
    out
}

/// The record's `"text"`, or a problem naming `at` (`FILE:LINE`).
pub(super) fn text(record: &Record, at: &str, problems: &mut Vec<String>) -> Option<String> {
    match record.get("text") {
        Some(Value::String(text)) => Some(text.clone()),
        Some(other) => {
            problems.push(format!(
                "{at}: \"text\" is {}, not a string; record skipped",
                kind(other)
            ));
            None
        }
        None => {
            problems.push(format!("{at}: no \"text\" field; record skipped"));
            None
        }
    }
}

/// The document's name: `meta.file` (see [`name_from_file`]), else
/// `meta.id`, else (if `top_level_id`) the record's own `"id"`. Ids may be
/// strings or numbers.
pub(super) fn name(record: &Record, top_level_id: bool) -> Option<String> {
    let meta = record.get("meta").and_then(Value::as_object);
    let file = meta
        .and_then(|m| m.get("file"))
        .and_then(Value::as_str)
        .filter(|f| !f.trim().is_empty());
    if let Some(file) = file {
        return Some(name_from_file(file));
    }
    meta.and_then(|m| m.get("id"))
        .and_then(id_string)
        .or_else(|| {
            record
                .get("id")
                .filter(|_| top_level_id)
                .and_then(id_string)
        })
}

/// A name from the file an extractor recorded: the name without a `.txt`
/// extension (`a.txt` gives `a`).
///
/// A path (`sub/a.txt`, `../a.txt`, `/data/a.txt`, `C:\\a.txt`) is kept
/// whole (less any `.txt`), so that importing it is refused as not a plain
/// file name, naming the record, rather than silently attached to a document
/// that happens to share its last component.
pub(super) fn name_from_file(file: &str) -> String {
    file.strip_suffix(".txt").unwrap_or(file).to_owned()
}

fn id_string(id: &Value) -> Option<String> {
    match id {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The relations of the record's `"relations"` list, each read by `read`
/// (from its index and value: a relation between the record's spans and
/// the entry's name, or why not); each one that cannot be read is reported
/// and skipped, as is a `"relations"` that is not a list, and one that
/// repeats an earlier one is read as it (a warning in `repeats`, whose
/// file names the record).
pub(super) fn relations<'a>(
    record: &Record,
    problems: &mut Vec<String>,
    repeats: &mut Repeats<'a>,
    mut read: impl FnMut(usize, &Value) -> Result<(ImportedRelation, Given<'a>), String>,
) -> Vec<ImportedRelation> {
    let at = repeats.file();
    let list = match record.get("relations") {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(list)) => list,
        Some(other) => {
            problems.push(format!(
                "{at}: \"relations\" is {}, not a list; ignored",
                kind(other)
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, value) in list.iter().enumerate() {
        match read(i, value) {
            Ok((relation, given)) => {
                if !repeats.relation(given, &relation) {
                    out.push(relation);
                }
            }
            Err(e) => problems.push(format!("{at}: relations[{i}]: {e}; relation skipped")),
        }
    }
    out
}

/// What kind of JSON value this is, for messages.
pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Record {
        match serde_json::from_str(json) {
            Ok(Value::Object(r)) => r,
            other => panic!("not an object: {other:?}"),
        }
    }

    #[test]
    fn names_come_from_meta_file_then_meta_id_then_the_record_id() {
        let name_of = |json: &str, top| name(&record(json), top);
        let both = r#"{"meta": {"file": "Café Zürich.txt", "id": 7}, "id": 9}"#;
        assert_eq!(name_of(both, true).as_deref(), Some("Café Zürich"));
        let id = r#"{"meta": {"id": 7}, "id": 9}"#;
        assert_eq!(name_of(id, true).as_deref(), Some("7"));
        let top = r#"{"meta": {"other": 1}, "id": "doc-9"}"#;
        assert_eq!(name_of(top, true).as_deref(), Some("doc-9"));
        assert_eq!(name_of(top, false), None);
    }

    #[test]
    fn a_path_is_kept_whole_so_that_it_is_refused() {
        assert_eq!(name_from_file("a\\b\\c.txt"), "a\\b\\c");
        assert_eq!(name_from_file("sub/dir.txt"), "sub/dir");
        assert_eq!(name_from_file("./x.txt"), "./x");
        assert_eq!(name_from_file("../evil.txt"), "../evil");
        assert_eq!(name_from_file("/etc/x"), "/etc/x");
        assert_eq!(name_from_file("C:\\data\\x.txt"), "C:\\data\\x");
        assert_eq!(name_from_file("notes.md"), "notes.md");
    }

    #[test]
    fn bad_lines_are_reported_with_file_and_line_and_the_rest_is_kept() {
        // The source of each record read, as a document of no spans.
        fn at_only(at: &str, _: &Record, _: &mut ReadOutcome) -> Option<ImportedDoc> {
            Some(ImportedDoc {
                source: at.to_owned(),
                name: None,
                text: String::new(),
                spans: Vec::new(),
                relations: Vec::new(),
                links: Vec::new(),
                skipped_spans: 0,
            })
        }
        let src = "\u{feff}{\"text\": \"a\"}\r\n\n[1]\n{\"text\": \n{\"text\": \"b\"}";
        let out = parse_str("in.jsonl", src, at_only);
        let problems = out.problems;
        assert_eq!(out.skipped_records, 2);
        let lines: Vec<&str> = out.docs.iter().map(|d| d.source.as_str()).collect();
        assert_eq!(lines, vec!["in.jsonl:1", "in.jsonl:5"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("in.jsonl:3: expected a JSON object, found a list"));
        assert!(problems[1].starts_with("in.jsonl:4: not valid JSON"));
    }
}
