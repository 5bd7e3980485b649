//! The fast reader on a file with every field, and each shape it refuses
//! (most of which `ron` reads).

#![allow(clippy::unwrap_used)]

use super::{read_fast, read_with_ron};

/// A file with every field the writer makes, as `format.rs` writes it.
const FULL: &str = r#"(
    format: 1,
    document: "a \"b\"\\c.txt",
    text_sha256: "00ff",
    done: true,
    spans: [
        (id: 3, start: 0, end: 4, label: "person", text: "Ana\u{0}", origin: Extractor("spaCy\t1"), score: Some(0.25), status: Pending, prefix: "x\n", suffix: "\u{85}y"),
        (id: 18446744073709551615, start: 5, end: 9, label: "role", text: "émir😀", score: Some(1e-7), status: Rejected),
    ],
    orphans: [
        (id: 4, start: 10, end: 12, label: "country", text: "Cu\r", candidates: [(1, 3), (20, 22)]),
    ],
)
"#;

/// The fast reader's result, which must be `ron`'s.
fn agreed(source: &str) -> String {
    let fast = format!("{:?}", read_fast(source).expect("read by the fast reader"));
    let ron = format!("{:?}", read_with_ron(source).expect("read by ron"));
    assert_eq!(fast, ron);
    fast
}

/// Asserts the fast reader refuses `source`, and returns whether `ron`
/// reads it.
fn refused(source: &str) -> bool {
    assert!(read_fast(source).is_none(), "read:\n{source}");
    read_with_ron(source).is_ok()
}

/// Asserts the fast reader refuses `FULL` with each edit `(from, to)`, and
/// that `ron` reads the edited file (`true`) or refuses it too (`false`).
fn assert_refused(edits: &[(&str, &str, bool)]) {
    for &(from, to, ron_reads) in edits {
        assert_eq!(refused(&full_with(from, to)), ron_reads, "{from} → {to}");
    }
}

/// `FULL` with `from` (which it must hold) replaced by `to`.
fn full_with(from: &str, to: &str) -> String {
    assert!(FULL.contains(from), "{from}");
    FULL.replacen(from, to, 1)
}

#[test]
fn every_field_is_read_as_ron_reads_it() {
    let read = agreed(FULL);
    for value in [
        r#"document: "a \"b\"\\c.txt""#,
        "done: true",
        r#"text: "Ana\0""#,
        r#"origin: Extractor("spaCy\t1")"#,
        "score: Some(0.25)",
        "status: Pending",
        r#"prefix: "x\n""#,
        r#"suffix: "\u{85}y""#,
        "id: 18446744073709551615",
        "score: Some(1e-7)",
        "status: Rejected",
        r#"text: "Cu\r""#,
        "candidates: [(1, 3), (20, 22)]",
    ] {
        assert!(read.contains(value), "{value} not in {read}");
    }
}

#[test]
fn defaults_left_out_are_read_as_defaults() {
    let empty =
        "(\n    format: 1,\n    document: \"a.txt\",\n    text_sha256: \"\",\n    spans: [],\n)\n";
    let read = agreed(empty);
    assert!(
        read.contains("done: false, spans: [], relations: [], orphans: []"),
        "{read}"
    );
    let manual = full_with(
        r#", origin: Extractor("spaCy\t1"), score: Some(0.25), status: Pending, prefix: "x\n", suffix: "\u{85}y""#,
        "",
    );
    let read = agreed(&manual);
    assert!(
        read.contains(
            r#"origin: Manual, score: None, status: Accepted, entity: "", entity_status: Accepted, prefix: "", suffix: """#
        ),
        "{read}"
    );
}

#[test]
fn comments_and_other_whitespace_are_refused() {
    let done = "    done: true,\n";
    assert_refused(&[
        (done, "    // done\n    done: true,\n", true),
        (done, "    /* done */ done: true,\n", true),
        ("(id: 3, start", "(id: 3,  start", true),
        ("(id: 3, start", "(id: 3,\tstart", true),
        ("    format", "  format", true),
        // A byte order mark, which `ron` does not skip.
        ("(\n", "\u{feff}(\n", false),
    ]);
    assert!(refused(&FULL.replace('\n', "\r\n")));
}

#[test]
fn other_field_orders_and_unknown_fields_are_refused() {
    assert_refused(&[
        (
            "status: Pending, prefix: \"x\\n\"",
            "prefix: \"x\\n\", status: Pending",
            true,
        ),
        (
            "    done: true,\n",
            "    colour: 2,\n    done: true,\n",
            true,
        ),
        ("    done: true,\n", "    done: false,\n", true),
        ("status: Pending", "status: Accepted", true),
        ("origin: Extractor(\"spaCy\\t1\")", "origin: Manual", true),
        ("score: Some(0.25)", "score: None", true),
    ]);
}

#[test]
fn escapes_the_writer_never_makes_are_refused() {
    assert_refused(&[
        // Valid RON escapes, read to the strings the writer escapes otherwise.
        (r#""Ana\u{0}""#, r#""Ana\0""#, true),
        (r#""Ana\u{0}""#, r#""Ana\x00""#, true),
        (r#""Ana\u{0}""#, r#""Ana\u{00}""#, true),
        (r#""\u{85}y""#, r#""\u{85}\u{79}""#, true),
        (r#""\u{85}y""#, r#""\u{85}\'y""#, true),
        (r#""\u{85}y""#, r#""\u{0085}y""#, true),
        (r#""\u{85}y""#, r#""\u{85}\u{2028}""#, true),
        (r#""\u{85}y""#, "\"\\u{85}\\\n   y\"", true),
        (r#""x\n""#, r#""x\u{a}""#, true),
        (r#""x\n""#, r#""x\u{A}""#, true),
        // Broken ones.
        (r#""\u{85}y""#, r#""\u{85""#, false),
        (r#""\u{85}y""#, r#""\u{d800}""#, false),
        (r#""\u{85}y""#, r#""\q""#, false),
    ]);
}

#[test]
fn raw_strings_and_raw_control_characters_are_refused() {
    assert_refused(&[
        (r#""person""#, r##"r#"person"#"##, true),
        (r#""x\n""#, "\"x\n\"", true),
        (r#""x\n""#, "\"x\u{7f}\"", true),
        (r#""\u{85}y""#, "\"\u{85}y\"", true),
        (r#""\u{85}y""#, "\"\u{9f}y\"", true),
        (r#""spaCy\t1""#, "\"spaCy\t1\"", true),
    ]);
    // Neighbours of the C1 controls are plain text.
    agreed(&full_with(r#""\u{85}y""#, "\"\u{a0}\u{7e}\u{100}\""));
}

#[test]
fn numbers_the_writer_never_spells_are_refused() {
    let (id, max_id, score) = ("id: 3,", "id: 18446744073709551615,", "score: Some(0.25)");
    assert_refused(&[
        (id, "id: 03,", true),
        (id, "id: +3,", true),
        (id, "id: 0x3,", true),
        (id, "id: 3_0,", true),
        (id, "id: -3,", false),
        (max_id, "id: 18446744073709551616,", false),
        (score, "score: Some(0.250)", true),
        (score, "score: Some(2.5e-1)", true),
        (score, "score: Some(0.2_5)", true),
        (score, "score: Some(.25)", true),
        (score, "score: Some(NaN)", true),
        (score, "score: Some(inf)", true),
        (score, "score: Some(1e999)", true),
        ("score: Some(1e-7)", "score: Some(1E-7)", true),
    ]);
    // Spellings the writer does make, negative or not.
    agreed(&full_with(score, "score: Some(-0.0)"));
    agreed(&full_with(score, "score: Some(1.5e300)"));
}

#[test]
fn other_versions_and_trailing_text_are_refused() {
    let end = "    ],\n)\n";
    assert_refused(&[
        // `parse_file` then reports the version.
        ("format: 1,", "format: 2,", true),
        ("format: 1,", "format: 01,", true),
        ("(\n", "#![enable(implicit_some)]\n(\n", true),
        (end, "    ],\n) \n", true),
        (end, "    ],\n)\n\n", true),
        (end, "    ],\n)", true),
        (end, "    ],\n)\nx", false),
    ]);
    assert!(!refused(&FULL[..FULL.len() / 2]));
    assert!(!refused(""));
}

#[test]
fn empty_lists_written_otherwise_are_refused() {
    let candidates = "(1, 3), (20, 22)";
    let orphan = "        (id: 4, start: 10, end: 12, label: \"country\", text: \"Cu\\r\", candidates: [(1, 3), (20, 22)]),\n";
    assert_refused(&[
        (candidates, "", true),
        (orphan, "", true),
        (candidates, "(1, 3),(20, 22)", true),
        (candidates, "(1, 3), (20, 22),", true),
    ]);
}
