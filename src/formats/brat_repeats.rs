//! Lines of a brat `.ann` file that say again what an earlier line said.
//!
//! A newsmark span is its label and offsets (tagging, suggesting, merging
//! and curating all go by them), so two `T` lines with the same label,
//! offsets and quote are one span: the later line is read as the earlier
//! one, its relations and entity links joining that span. Two `R` lines of
//! the same type between the same spans (after that) are one relation. Each
//! such line is reported as a warning naming the file, its line and the
//! line it repeats: nothing it says is lost, but the export writes it once.

use std::collections::HashMap;

use super::{ImportedRelation, JsonSpan};

/// What makes two `T` lines one span: label, start, end and quote.
type SpanKey = (String, usize, usize, Option<String>);

/// The first line of each span and relation read from one `.ann` file.
#[derive(Debug)]
pub(super) struct Repeats<'a> {
    file: &'a str,
    /// Each span's (label, start, end, quote): its place in the spans read,
    /// and the index and id of the line that gave it.
    spans: HashMap<SpanKey, (usize, usize, &'a str)>,
    /// Each relation's (type, Arg1 place, Arg2 place): the index and id of
    /// the line that gave it.
    relations: HashMap<(String, usize, usize), (usize, &'a str)>,
    /// One warning per line read as an earlier one.
    pub(super) warnings: Vec<String>,
}

impl<'a> Repeats<'a> {
    /// None read yet, in the `.ann` file named `file` (for messages).
    pub(super) fn new(file: &'a str) -> Self {
        Self {
            file,
            spans: HashMap::new(),
            relations: HashMap::new(),
            warnings: Vec::new(),
        }
    }

    /// The place of the span an earlier `T` line gave with the same label,
    /// offsets and quote as `span` (line `index`, id `id`), the repeat
    /// reported; `None` (and `span` noted at place `next`) if it is new.
    pub(super) fn span(
        &mut self,
        (index, id): (usize, &'a str),
        span: &JsonSpan,
        next: usize,
    ) -> Option<usize> {
        let key = (span.label.clone(), span.start, span.end, span.text.clone());
        if let Some(&(place, first_index, first_id)) = self.spans.get(&key) {
            self.warnings.push(format!(
                "{}:{}: {id} repeats {first_id} (line {}): the same {} {}..{}; read as one span, \
                 which takes the relations and entity links of both",
                self.file,
                index + 1,
                first_index + 1,
                span.label,
                span.start,
                span.end
            ));
            return Some(place);
        }
        self.spans.insert(key, (next, index, id));
        None
    }

    /// Whether an earlier `R` line gave `relation` (same type, same spans);
    /// if so the repeat (line `index`, id `id`) is reported.
    pub(super) fn relation(
        &mut self,
        (index, id): (usize, &'a str),
        relation: &ImportedRelation,
    ) -> bool {
        let key = (relation.label.clone(), relation.from, relation.to);
        if let Some(&(first_index, first_id)) = self.relations.get(&key) {
            self.warnings.push(format!(
                "{}:{}: {id} repeats {first_id} (line {}): the same {} relation between the \
                 same spans; read as one relation",
                self.file,
                index + 1,
                first_index + 1,
                relation.label
            ));
            return true;
        }
        self.relations.insert(key, (index, id));
        false
    }
}
