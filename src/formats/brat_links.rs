//! Entity links as brat normalization (`N`) lines, written by `export brat`
//! and read back by `import brat`:
//!
//! ```text
//! N1<TAB>Reference T4 newsmark:cuba<TAB>Cuba
//! N2<TAB>Reference T4 Wikidata:Q241<TAB>Cuba
//! ```
//!
//! The first line links span `T4` to the registry's entity `cuba` (the
//! text is its preferred name); the second, written when the registry has
//! an external id for it, gives that id (`Wikidata:` for a QID such as
//! `Q241`, `external:` for any other). An id is written with `%`, spaces
//! and control characters percent-encoded (UTF-8), as a brat reference
//! cannot hold whitespace; [`decode_id`] reads it back.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::ImportedLink;
use super::repeats::{Given, Repeats};

/// The normalization database newsmark's own entity ids are written under.
pub const NEWSMARK_DB: &str = "newsmark";

/// The database an external id is written under: `Wikidata` for a QID
/// (`Q` and digits), `external` for anything else.
pub fn external_db(external_id: &str) -> &'static str {
    let digits = external_id.strip_prefix('Q').unwrap_or_default();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        "Wikidata"
    } else {
        "external"
    }
}

/// `id` as a brat reference id: `%`, whitespace and control characters
/// percent-encoded.
pub fn encode_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c == '%' || c.is_whitespace() || c.is_control() {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A reference id as [`encode_id`] writes it, decoded; a `%` not followed
/// by two hex digits is kept as it is.
pub fn decode_id(reference: &str) -> String {
    let bytes = reference.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = bytes
            .get(at + 1..at + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[at], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                at += 3;
            }
            (byte, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A name as the text field of an `N` line holds it: one line.
pub fn one_line(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() || crate::formats::lines::is_line_break(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The entity links of the `N` lines `lines` (with their line indices):
/// one naming the `newsmark` database links its span; one naming another
/// database is the external id of an entity a span is linked to (and
/// counted in `skipped` as an `N` line when its span has no such link);
/// one that does not parse, or whose span is not a `T` line read, is
/// reported in `problems`. A span has one link: a second `newsmark` line
/// for it naming the same entity is read as the first (a warning in
/// `repeats`), one naming another entity is skipped (a problem), each
/// naming both lines.
pub(super) fn read_links<'a>(
    lines: &[(usize, &'a str)],
    places: &HashMap<&str, usize>,
    repeats: &mut Repeats<'a>,
    (skipped, problems): (&mut BTreeMap<char, usize>, &mut Vec<String>),
) -> Vec<ImportedLink> {
    let mut links = Vec::new();
    let mut others = Vec::new();
    let mut linked = HashSet::new();
    for &(index, line) in lines {
        let id = line.split('\t').next().unwrap_or_default();
        match normalization(line, places) {
            Ok((span, db, key)) if db == NEWSMARK_DB => {
                let link = ImportedLink {
                    span,
                    entity: decode_id(key),
                };
                linked.insert(span);
                repeats.link(Given::line(index, id), link, &mut links, problems, true);
            }
            Ok((span, _, _)) => others.push(span),
            Err(reason) => problems.push(format!(
                "{}:{}: {reason}; skipped",
                repeats.file(),
                index + 1
            )),
        }
    }
    let unlinked = others.iter().filter(|span| !linked.contains(span)).count();
    if unlinked > 0 {
        *skipped.entry('N').or_default() += unlinked;
    }
    links
}

/// Parses `N1\tReference T1 DB:ID\tname`: the span's place (found in
/// `places`), the database and the id.
fn normalization<'l>(
    line: &'l str,
    places: &HashMap<&str, usize>,
) -> Result<(usize, &'l str, &'l str), String> {
    let mut fields = line.split('\t');
    let id = fields.next().unwrap_or_default();
    let body = fields.next().unwrap_or_default();
    let words: Vec<&str> = body.split_whitespace().collect();
    let [_, target, reference] = words[..] else {
        return Err(format!(
            "{id}: expected \"ID<tab>Reference T1 DB:ID<tab>NAME\", found {body:?}"
        ));
    };
    let (db, key) = reference
        .split_once(':')
        .filter(|(db, key)| !db.is_empty() && !key.is_empty())
        .ok_or_else(|| format!("{id}: expected DB:ID, found {reference:?}"))?;
    let span = places.get(target).copied().ok_or_else(|| {
        format!("{id}: {target} is not a text-bound annotation read from this file")
    })?;
    Ok((span, db, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_with_spaces_and_percent_signs_go_out_and_come_back() {
        for id in ["cuba", "a b%20c", "tab\there", "Zürich 🇨🇭", "50%"] {
            let written = encode_id(id);
            assert!(!written.contains(char::is_whitespace), "{written}");
            assert_eq!(decode_id(&written), id);
        }
        assert_eq!(encode_id("a b%"), "a%20b%25");
        assert_eq!(decode_id("100%"), "100%");
        assert_eq!(external_db("Q241"), "Wikidata");
        assert_eq!(external_db("Q"), "external");
        assert_eq!(external_db("gnd:118540238"), "external");
        assert_eq!(one_line("a\nb\u{2028}c"), "a b c");
    }

    #[test]
    fn n_lines_of_newsmark_are_links_and_external_ids_go_with_them() {
        let text = "Ana met Bo in Havana";
        let ann = "T1\tperson 0 3\tAna\nN1\tReference T1 newsmark:ana%20d\tAna D\n\
                   N2\tReference T1 Wikidata:Q1\tAna D\nT2\tperson 8 10\tBo\n\
                   N3\tReference T2 Wikipedia:42\tBo\nN4\tReference T9 newsmark:x\tX\n\
                   N5\tReference T2\tBo\nN6\tReference T2 newsmark:bo\tBo\n";
        let mut problems = Vec::new();
        let parsed = super::super::brat::parse_ann("a.ann", ann, text, &mut problems);
        let links: Vec<_> = parsed
            .links
            .iter()
            .map(|l| (l.span, l.entity.as_str()))
            .collect();
        assert_eq!(links, [(0, "ana d"), (1, "bo")]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            problems[0],
            "a.ann:6: N4: T9 is not a text-bound annotation read from this file; skipped"
        );
        assert!(
            problems[1].starts_with("a.ann:7: N5: expected"),
            "{problems:?}"
        );
        // N3 is Bo's external id: Bo is linked (N6), so nothing is skipped.
        let ann = "T1\tperson 0 3\tAna\nN1\tReference T1 Wikipedia:42\tAna\n";
        let mut problems = Vec::new();
        let parsed = super::super::brat::parse_ann("b.ann", ann, text, &mut problems);
        assert!(parsed.links.is_empty());
        assert!(
            problems[0].starts_with("b.ann: skipped 1 normalization (N) line: only"),
            "{problems:?}"
        );
    }
}
