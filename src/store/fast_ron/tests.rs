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
        read.contains("done: false, spans: [], orphans: []"),
        "{read}"
    );
    let manual = full_with(
        r#", origin: Extractor("spaCy\t1"), score: Some(0.25), status: Pending, prefix: "x\n", suffix: "\u{85}y""#,
        "",
    );
    let read = agreed(&manual);
    assert!(
        read.contains(r#"origin: Manual, score: None, status: Accepted, prefix: "", suffix: """#),
        "{read}"
    );
}

#[test]
fn comments_and_other_whitespace_are_refused() {
    assert!(refused(&full_with(
        "    done: true,\n",
        "    // done\n    done: true,\n"
    )));
    assert!(refused(&full_with(
        "    done: true,\n",
        "    /* done */ done: true,\n"
    )));
    assert!(refused(&full_with("(id: 3, start", "(id: 3,  start")));
    assert!(refused(&full_with("(id: 3, start", "(id: 3,\tstart")));
    assert!(refused(&FULL.replace('\n', "\r\n")));
    assert!(refused(&full_with("    format", "  format")));
    // A byte order mark (which `ron` does not skip).
    assert!(!refused(&format!("\u{feff}{FULL}")));
}

#[test]
fn other_field_orders_and_unknown_fields_are_refused() {
    assert!(refused(&full_with(
        "status: Pending, prefix: \"x\\n\"",
        "prefix: \"x\\n\", status: Pending"
    )));
    assert!(refused(&full_with(
        "    done: true,\n",
        "    colour: 2,\n    done: true,\n"
    )));
    assert!(refused(&full_with("status: Pending", "status: Accepted")));
    assert!(refused(&full_with(
        "    done: true,\n",
        "    done: false,\n"
    )));
    assert!(refused(&full_with(
        "origin: Extractor(\"spaCy\\t1\")",
        "origin: Manual"
    )));
    assert!(refused(&full_with("score: Some(0.25)", "score: None")));
}

#[test]
fn escapes_the_writer_never_makes_are_refused() {
    for (from, to) in [
        (r#""Ana\u{0}""#, r#""Ana\0""#),
        (r#""Ana\u{0}""#, r#""Ana\x00""#),
        (r#""Ana\u{0}""#, r#""Ana\u{00}""#),
        (r#""\u{85}y""#, r#""\u{85}\u{79}""#),
        (r#""\u{85}y""#, r#""\u{85}\'y""#),
        (r#""x\n""#, r#""x\u{a}""#),
        (r#""\u{85}y""#, r#""\u{0085}y""#),
        (r#""\u{85}y""#, r#""\u{85""#),
    ] {
        refused(&full_with(from, to));
    }
    // Valid RON escapes, read to the same strings: still refused.
    assert!(refused(&full_with(r#""Ana\u{0}""#, r#""Ana\0""#)));
    assert!(refused(&full_with(r#""x\n""#, r#""x\u{a}""#)));
    assert!(refused(&full_with(r#""\u{85}y""#, r#""\u{85}\u{79}""#)));
    assert!(refused(&full_with(r#""\u{85}y""#, "\"\\u{85}\\\n   y\"")));
}

#[test]
fn raw_strings_and_raw_control_characters_are_refused() {
    assert!(refused(&full_with(r#""person""#, r##"r#"person"#"##)));
    assert!(refused(&full_with(r#""x\n""#, "\"x\n\"")));
    assert!(refused(&full_with(r#""x\n""#, "\"x\u{7f}\"")));
    assert!(refused(&full_with(r#""\u{85}y""#, "\"\u{85}y\"")));
    assert!(refused(&full_with(r#""spaCy\t1""#, "\"spaCy\t1\"")));
}

#[test]
fn numbers_the_writer_never_spells_are_refused() {
    for (from, to, ron_reads) in [
        ("id: 3,", "id: 03,", true),
        ("id: 3,", "id: +3,", true),
        ("id: 3,", "id: 0x3,", true),
        ("id: 3,", "id: 3_0,", true),
        (
            "id: 18446744073709551615,",
            "id: 18446744073709551616,",
            false,
        ),
        ("id: 3,", "id: -3,", false),
        ("score: Some(0.25)", "score: Some(0.250)", true),
        ("score: Some(0.25)", "score: Some(2.5e-1)", true),
        ("score: Some(0.25)", "score: Some(0.2_5)", true),
        ("score: Some(1e-7)", "score: Some(1E-7)", true),
        ("score: Some(0.25)", "score: Some(NaN)", true),
        ("score: Some(0.25)", "score: Some(inf)", true),
        ("score: Some(0.25)", "score: Some(1e999)", true),
        ("score: Some(0.25)", "score: Some(.25)", true),
    ] {
        assert_eq!(refused(&full_with(from, to)), ron_reads, "{to}");
    }
    // A spelling the writer does make, negative or not.
    agreed(&full_with("score: Some(0.25)", "score: Some(-0.0)"));
    agreed(&full_with("score: Some(0.25)", "score: Some(1.5e300)"));
}

#[test]
fn other_versions_and_trailing_text_are_refused() {
    // `ron` reads it, and `parse_file` reports the version.
    assert!(refused(&full_with("format: 1,", "format: 2,")));
    assert!(refused(&full_with("format: 1,", "format: 01,")));
    assert!(refused(&format!("{FULL} ")));
    assert!(refused(&format!("{FULL}\n")));
    assert!(!refused(&format!("{FULL}x")));
    assert!(refused(FULL.strip_suffix('\n').unwrap()));
    assert!(refused(&format!("#![enable(implicit_some)]\n{FULL}")));
    assert!(!refused(&FULL[..FULL.len() / 2]));
    assert!(!refused(""));
}

#[test]
fn empty_lists_written_otherwise_are_refused() {
    assert!(refused(&full_with(
        "candidates: [(1, 3), (20, 22)]",
        "candidates: []"
    )));
    let orphans = full_with(
        "        (id: 4, start: 10, end: 12, label: \"country\", text: \"Cu\\r\", candidates: [(1, 3), (20, 22)]),\n",
        "",
    );
    assert!(refused(&orphans));
    assert!(refused(&full_with("(1, 3), (20, 22)", "(1, 3),(20, 22)")));
    assert!(refused(&full_with("(1, 3), (20, 22)", "(1, 3), (20, 22),")));
}
