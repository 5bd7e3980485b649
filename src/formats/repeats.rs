//! What one record (a brat `.ann` file, a doccano or spaCy / Prodigy JSONL
//! record) says twice.
//!
//! A newsmark span is its label and offsets (tagging, suggesting, merging
//! and curating all go by them), so two entries with the same label,
//! offsets and quote are one span: the later one is read as the earlier
//! one, its relations and entity links joining that span. Two relations of
//! the same type between the same spans (after that) are one relation, and
//! two links of one span to the same entity one link. Each such repeat is a
//! warning naming the file, the place and both entries: nothing it says is
//! lost, but the span is imported (and exported) once. A span has one
//! entity: a second link of a span to another entity is a problem, and
//! skipped.

use std::collections::HashMap;
use std::fmt;

use super::{ImportedLink, ImportedRelation, JsonSpan};

/// What makes two entries one span: label, start, end and quote.
type SpanKey = (String, usize, usize, Option<String>);

/// Where a span, relation or link was given, for messages (written out
/// only when one is needed).
#[derive(Clone, Debug)]
pub(super) struct Given<'a> {
    /// A brat id (`T3`), or the JSONL list the entry is in (`entities`).
    name: &'a str,
    /// The entry's index in that list (JSONL).
    index: Option<usize>,
    /// The entry's `"id"` (JSONL), as JSON text.
    id: Option<String>,
    /// Its line (from 0) in a file of many lines (brat); `None` in a
    /// record of one line (JSONL), whose place names it.
    line: Option<usize>,
}

impl<'a> Given<'a> {
    /// The brat line `index` (from 0), of id `id`.
    pub(super) fn line(index: usize, id: &'a str) -> Self {
        Self {
            name: id,
            index: None,
            id: None,
            line: Some(index),
        }
    }

    /// The entry `key[index]` of a JSONL record's list, with its `"id"` if
    /// it has one: `entities[2] (id 9)`.
    pub(super) fn entry(key: &'a str, index: usize, id: Option<&serde_json::Value>) -> Self {
        Self {
            name: key,
            index: Some(index),
            id: id.map(ToString::to_string),
            line: None,
        }
    }

    /// The earlier entry as a later one names it: `T1 (line 1)`,
    /// `entities[0] (id 7)`.
    fn earlier(&self) -> String {
        match self.line {
            Some(index) => format!("{self} (line {})", index + 1),
            None => self.to_string(),
        }
    }
}

impl fmt::Display for Given<'_> {
    /// Its name: `T3`, `spans[1]`, `entities[2] (id 9)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)?;
        if let Some(index) = self.index {
            write!(f, "[{index}]")?;
        }
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        Ok(())
    }
}

/// The first entry of each span, relation and link read from one record.
#[derive(Debug)]
pub(super) struct Repeats<'a> {
    /// The file (brat) or the record's `FILE:LINE` (JSONL), for messages.
    file: &'a str,
    /// Each span's (label, start, end, quote): its place in the spans read,
    /// and the entry that gave it.
    spans: HashMap<SpanKey, (usize, Given<'a>)>,
    /// Each relation's (type, first span's place, second span's place):
    /// the entry that gave it.
    relations: HashMap<(String, usize, usize), Given<'a>>,
    /// Each linked span's (by place) link: its index in the links read,
    /// and the entry that gave it.
    links: HashMap<usize, (usize, Given<'a>)>,
    /// One warning per entry read as an earlier one.
    pub(super) warnings: Vec<String>,
}

impl<'a> Repeats<'a> {
    /// None read yet, from `file` (a brat `.ann` file, or a JSONL record's
    /// `FILE:LINE`), named so in messages.
    pub(super) fn new(file: &'a str) -> Self {
        Self {
            file,
            spans: HashMap::new(),
            relations: HashMap::new(),
            links: HashMap::new(),
            warnings: Vec::new(),
        }
    }

    /// The file (or record) named in messages.
    pub(super) fn file(&self) -> &'a str {
        self.file
    }

    /// Where `given` is, for the start of a message: `FILE:LINE`.
    fn at(&self, given: &Given<'_>) -> String {
        match given.line {
            Some(index) => format!("{}:{}", self.file, index + 1),
            None => self.file.to_owned(),
        }
    }

    /// The place of the span an earlier entry gave with the same label,
    /// offsets and quote as `span` (given by `given`), the repeat reported;
    /// `None` (and `span` noted at place `next`) if it is new.
    fn span(&mut self, given: Given<'a>, span: &JsonSpan, next: usize) -> Option<usize> {
        let key = (span.label.clone(), span.start, span.end, span.text.clone());
        if let Some((place, first)) = self.spans.get(&key) {
            self.warnings.push(format!(
                "{}: {} repeats {}: the same {} {}..{}; read as one span, which takes the \
                 relations and entity links of both",
                self.at(&given),
                given,
                first.earlier(),
                span.label,
                span.start,
                span.end
            ));
            return Some(*place);
        }
        self.spans.insert(key, (next, given));
        None
    }

    /// The place in `spans` of `span` (given by `given`): that of the
    /// earlier span it repeats (reported, see [`Self::span`]), or a new
    /// one at the end.
    pub(super) fn add_span(
        &mut self,
        given: Given<'a>,
        span: JsonSpan,
        spans: &mut Vec<JsonSpan>,
    ) -> usize {
        self.span(given, &span, spans.len()).unwrap_or_else(|| {
            spans.push(span);
            spans.len() - 1
        })
    }

    /// Whether an earlier entry gave `relation` (same type, same spans); if
    /// so the repeat (given by `given`) is reported.
    pub(super) fn relation(&mut self, given: Given<'a>, relation: &ImportedRelation) -> bool {
        let key = (relation.label.clone(), relation.from, relation.to);
        if let Some(first) = self.relations.get(&key) {
            self.warnings.push(format!(
                "{}: {} repeats {}: the same {} relation between the same spans; read as one \
                 relation",
                self.at(&given),
                given,
                first.earlier(),
                relation.label
            ));
            return true;
        }
        self.relations.insert(key, given);
        false
    }

    /// Adds `link` (given by `given`) to `links`, unless its span has a
    /// link already: the same entity again is read as that link (a warning
    /// if `say_same`: a brat `N` line says it on its own, a JSONL entry's
    /// link is its span's, whose repeat is reported), another entity is
    /// skipped and reported in `problems`, naming both entries.
    pub(super) fn link(
        &mut self,
        given: Given<'a>,
        link: ImportedLink,
        links: &mut Vec<ImportedLink>,
        problems: &mut Vec<String>,
        say_same: bool,
    ) {
        let Some((k, first)) = self.links.get(&link.span) else {
            self.links.insert(link.span, (links.len(), given));
            links.push(link);
            return;
        };
        let linked = &links[*k].entity;
        if *linked != link.entity {
            let first = match first.line {
                Some(index) => format!("{first}, line {}", index + 1),
                None => first.to_string(),
            };
            problems.push(format!(
                "{}: {}: its span is linked to {linked:?} already ({first}), and a span has one \
                 entity; this link to {:?} skipped",
                self.at(&given),
                given,
                link.entity
            ));
        } else if say_same {
            let warning = format!(
                "{}: {} repeats {}: the same link to {linked:?}; read as one link",
                self.at(&given),
                given,
                first.earlier()
            );
            self.warnings.push(warning);
        }
    }
}
