//! A fast reader for the annotation files newsmark writes itself.
//!
//! [`super::format`] writes every file by hand in one exact shape: fixed
//! field order, fixed indentation, one span per line, default fields left
//! out, strings escaped one way. [`parse`] reads exactly that shape, about
//! seven times faster than `ron` (14 µs instead of 100 µs for the file of a
//! 2 KB article with 33 spans: `cargo bench --bench ron_read`), and returns
//! `None` for anything else — comments, other whitespace or field order,
//! unknown fields, raw strings, escapes or number spellings the writer never
//! produces, another format version, trailing text. The caller then parses
//! the file with `ron` as before, so errors, versions and every file a
//! person or another program wrote read exactly as they always did.
//!
//! The rule: never a different result than `ron`'s. Each accepted string,
//! number and name is one `ron` reads to the same value (see `ron` 0.12's
//! `Parser::escaped_string` and `Parser::float`); the property tests in
//! `tests/core/fast_ron_props.rs` compare the two on written and mutated
//! files.

use std::fmt::Write as _;
use std::str::FromStr;

use super::format::{AnnotationFile, FORMAT_VERSION, StoredSpan};
use crate::model::{Origin, Relation, Status};

/// The annotation file `source`, if it has exactly the shape
/// [`super::format`] writes (format [`FORMAT_VERSION`]); `None` otherwise.
pub(crate) fn parse(source: &str) -> Option<AnnotationFile> {
    let mut at = Cursor {
        rest: source,
        spelling: String::new(),
    };
    at.eat("(\n    format: ")?;
    let format = at.number::<u32>()?;
    if format != FORMAT_VERSION {
        return None;
    }
    at.eat(",\n    document: ")?;
    let document = at.string()?;
    at.eat(",\n    text_sha256: ")?;
    let text_sha256 = at.string()?;
    at.eat(",\n")?;
    let done = at.eat_if("    done: true,\n");
    at.eat("    spans: ")?;
    let spans = at.list()?;
    let relations = if at.eat_if("    relations: [\n") {
        at.relations()?
    } else {
        Vec::new()
    };
    let orphans = if at.eat_if("    orphans: ") {
        at.list()?
    } else {
        Vec::new()
    };
    at.eat(")\n")?;
    at.rest.is_empty().then_some(AnnotationFile {
        format,
        document,
        text_sha256,
        done,
        spans,
        relations,
        orphans,
    })
}

/// The text not read yet.
struct Cursor<'a> {
    rest: &'a str,
    /// A score as the writer spells it (kept to spare an allocation each).
    spelling: String,
}

impl<'a> Cursor<'a> {
    /// Reads `literal`, or fails.
    fn eat(&mut self, literal: &str) -> Option<()> {
        self.rest = self.rest.strip_prefix(literal)?;
        Some(())
    }

    /// Reads `literal` if it comes next.
    fn eat_if(&mut self, literal: &str) -> bool {
        self.eat(literal).is_some()
    }

    /// A list of spans and its line end: `[],` or one span a line.
    fn list(&mut self) -> Option<Vec<StoredSpan>> {
        if self.eat_if("[],\n") {
            return Some(Vec::new());
        }
        self.eat("[\n")?;
        let mut spans = Vec::new();
        while self.eat_if("        ") {
            spans.push(self.span()?);
            self.eat(",\n")?;
        }
        self.eat("    ],\n")?;
        (!spans.is_empty()).then_some(spans)
    }

    /// One span, its optional fields in the writer's order.
    fn span(&mut self) -> Option<StoredSpan> {
        self.eat("(id: ")?;
        let id = self.number()?;
        self.eat(", start: ")?;
        let start = self.number()?;
        self.eat(", end: ")?;
        let end = self.number()?;
        self.eat(", label: ")?;
        let label = self.string()?;
        self.eat(", text: ")?;
        let text = self.string()?;
        let mut span = StoredSpan {
            id,
            start,
            end,
            label,
            text,
            origin: Origin::Manual,
            score: None,
            status: Status::Accepted,
            entity: String::new(),
            entity_status: Status::Accepted,
            prefix: String::new(),
            suffix: String::new(),
            candidates: Vec::new(),
        };
        (span.origin, span.score, span.status) = self.review_fields()?;
        if self.eat_if(", entity: ") {
            // The writer writes no empty entity: `ron` reads one as none.
            span.entity = self.string().filter(|e| !e.is_empty())?;
        }
        span.entity_status = self.status("entity_status");
        if self.eat_if(", prefix: ") {
            span.prefix = self.string()?;
        }
        if self.eat_if(", suffix: ") {
            span.suffix = self.string()?;
        }
        if self.eat_if(", candidates: [") {
            loop {
                self.eat("(")?;
                let start = self.number()?;
                self.eat(", ")?;
                let end = self.number()?;
                self.eat(")")?;
                span.candidates.push((start, end));
                if !self.eat_if(", ") {
                    break;
                }
            }
            self.eat("]")?;
        }
        self.eat(")")?;
        Some(span)
    }

    /// The relations' lines after `relations: [` and the list's end; at
    /// least one (the writer leaves out an empty list).
    fn relations(&mut self) -> Option<Vec<Relation>> {
        let mut relations = Vec::new();
        while self.eat_if("        (id: ") {
            let id = self.number()?;
            self.eat(", label: ")?;
            let label = self.string()?;
            self.eat(", from: ")?;
            let from = self.number()?;
            self.eat(", to: ")?;
            let to = self.number()?;
            let (origin, score, status) = self.review_fields()?;
            self.eat("),\n")?;
            relations.push(Relation {
                id,
                label,
                from,
                to,
                origin,
                score,
                status,
            });
        }
        self.eat("    ],\n")?;
        (!relations.is_empty()).then_some(relations)
    }

    /// The optional origin, score and status of a span or relation.
    fn review_fields(&mut self) -> Option<(Origin, Option<f64>, Status)> {
        let mut origin = Origin::Manual;
        if self.eat_if(", origin: Extractor(") {
            origin = Origin::Extractor(self.string()?);
            self.eat(")")?;
        } else if self.eat_if(", origin: Annotator(") {
            origin = Origin::Annotator(self.string()?);
            self.eat(")")?;
        }
        let mut score = None;
        if self.eat_if(", score: Some(") {
            score = Some(self.score()?);
            self.eat(")")?;
        }
        Some((origin, score, self.status("status")))
    }

    /// The status field `name` if it comes next, else `Accepted`.
    fn status(&mut self, name: &str) -> Status {
        let mut read = |value: &str| {
            let rest = self.rest.strip_prefix(", ")?.strip_prefix(name)?;
            self.rest = rest.strip_prefix(": ")?.strip_prefix(value)?;
            Some(())
        };
        if read("Pending").is_some() {
            Status::Pending
        } else if read("Rejected").is_some() {
            Status::Rejected
        } else {
            Status::Accepted
        }
    }

    /// The next `n` bytes, which must end on a char boundary.
    fn take(&mut self, n: usize) -> Option<&'a str> {
        let (taken, rest) = (self.rest.get(..n)?, self.rest.get(n..)?);
        self.rest = rest;
        Some(taken)
    }

    /// An unsigned integer in decimal digits, without leading zeros, that
    /// fits `T`.
    fn number<T: FromStr>(&mut self) -> Option<T> {
        let digits = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        let digits = self.take(digits)?;
        let canonical = !digits.is_empty() && (digits == "0" || !digits.starts_with('0'));
        canonical.then(|| digits.parse().ok())?
    }

    /// A finite score spelt exactly as `{:?}` writes it (which `ron` reads
    /// with the same `f64::from_str`).
    fn score(&mut self) -> Option<f64> {
        let len = self
            .rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'-'))
            .count();
        let spelt = self.take(len)?;
        let score: f64 = spelt.parse().ok()?;
        self.spelling.clear();
        write!(self.spelling, "{score:?}").ok()?;
        (score.is_finite() && self.spelling == spelt).then_some(score)
    }

    /// A string literal with only the escapes the writer makes: `\"`, `\\`,
    /// `\n`, `\r`, `\t`, and `\u{…}` (lowercase hex, no leading zero) for
    /// any other control character; no control character unescaped.
    fn string(&mut self) -> Option<String> {
        self.eat("\"")?;
        let mut out = String::new();
        loop {
            // Up to a quote, a backslash or a control character: C0, DEL,
            // or C1 (U+0080 to U+009F, bytes C2 80 to C2 9F).
            let bytes = self.rest.as_bytes();
            let mut end = 0;
            while let Some(&b) = bytes.get(end) {
                match b {
                    b'"' | b'\\' | 0..0x20 | 0x7f => break,
                    0xc2 if bytes.get(end + 1).is_some_and(|n| *n < 0xa0) => return None,
                    _ => end += 1,
                }
            }
            let plain = self.take(end)?;
            if self.eat_if("\"") {
                if out.is_empty() {
                    return Some(plain.to_owned());
                }
                out.push_str(plain);
                return Some(out);
            }
            out.push_str(plain);
            self.eat("\\")?;
            out.push(self.escape()?);
        }
    }

    /// The character of an escape, after its backslash.
    fn escape(&mut self) -> Option<char> {
        let short = [
            ('"', '"'),
            ('\\', '\\'),
            ('n', '\n'),
            ('r', '\r'),
            ('t', '\t'),
        ];
        let first = self.rest.chars().next()?;
        if let Some(&(_, c)) = short.iter().find(|(name, _)| *name == first) {
            self.take(1)?;
            return Some(c);
        }
        self.eat("u{")?;
        // At most six digits: the closing brace is within seven bytes.
        let len = self.rest.bytes().take(7).position(|b| b == b'}')?;
        let hex = self.take(len)?;
        self.eat("}")?;
        let lower = hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        let canonical =
            (1..=6).contains(&hex.len()) && lower && (hex == "0" || !hex.starts_with('0'));
        let c = char::from_u32(u32::from_str_radix(hex, 16).ok().filter(|_| canonical)?)?;
        (c.is_control() && !short.iter().any(|&(_, s)| s == c)).then_some(c)
    }
}

/// An annotation file as read by [`read_fast`] or [`read_with_ron`], for
/// the tests and the bench that compare the two: its `Debug` shows every
/// field.
#[doc(hidden)]
#[derive(Debug)]
pub struct ParsedAnnotationFile(#[allow(dead_code, reason = "read through Debug")] AnnotationFile);

/// The fast reader alone ([`parse`]); for tests and benches.
#[doc(hidden)]
pub fn read_fast(source: &str) -> Option<ParsedAnnotationFile> {
    parse(source).map(ParsedAnnotationFile)
}

/// `ron` alone, with the options files are read with; for tests and
/// benches.
#[doc(hidden)]
pub fn read_with_ron(source: &str) -> Result<ParsedAnnotationFile, String> {
    super::load::parse_with_ron(source)
        .map(ParsedAnnotationFile)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
