//! What the JSONL formats share: one JSON object per line, the `text` field,
//! and the document's name from `meta.file` / `meta.id`.

use serde_json::{Map, Value};

use super::ReadOutcome;

/// A JSON object read from one line.
pub(super) type Record = Map<String, Value>;

/// The JSON objects in `source`, each with its 1-based line number. Blank
/// lines are skipped; a line that is not a JSON object is reported in
/// `out` as `FILE:LINE: reason`, counted as a skipped record, and skipped.
pub(super) fn records(file: &str, source: &str, out: &mut ReadOutcome) -> Vec<(usize, Record)> {
    let mut records = Vec::new();
    for (index, line) in source.lines().enumerate() {
        let n = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let problem = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(record)) => {
                records.push((n, record));
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
    records
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
        let mut out = ReadOutcome::default();
        let src = "{\"text\": \"a\"}\r\n\n[1]\n{\"text\": \n{\"text\": \"b\"}\n";
        let recs = records("in.jsonl", src, &mut out);
        let problems = out.problems;
        assert_eq!(out.skipped_records, 2);
        let lines: Vec<usize> = recs.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, vec![1, 5]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("in.jsonl:3: expected a JSON object, found a list"));
        assert!(problems[1].starts_with("in.jsonl:4: not valid JSON"));
    }
}
