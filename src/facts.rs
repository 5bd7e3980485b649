//! The facts table: who holds which role, for which country, in which
//! initiatives, read from a document's relations.
//!
//! One [`Fact`] per chain person —`holds`→ role —`of`→ country; a missing
//! link leaves its column empty (a role of a country nobody is said to
//! hold; a person's role of no country). The initiatives of a fact are
//! those its person or country is `party_to` (through any span linked to
//! the same entity); a person or country that is party to an initiative
//! but in no chain has a fact of its own. Only
//! accepted relations between accepted spans count (suggestions are not
//! facts until reviewed); a relation to an orphan does not (its offsets
//! are an older text's).
//!
//! Each column names the span's entity (preferred name and id) when the
//! span is linked to one, and keeps the span's offsets for provenance;
//! [`Fact::quote`] is the sentence (or sentences) holding the chain, cut
//! by Unicode sentence boundaries (`unicode-segmentation`).
//!
//! [`facts_of`] reads one document, so a corpus is read one document at a
//! time (`newsmark facts`): time linear in the corpus, memory bounded by
//! the largest document.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::entities::Registry;
use crate::model::words::Sentences;
use crate::model::{AnnotationSet, Document, Span, SpanId, Status};

/// The relation types the table reads.
const HOLDS: &str = "holds";
/// See [`HOLDS`].
const OF: &str = "of";
/// See [`HOLDS`].
const PARTY_TO: &str = "party_to";

/// One span in a fact: its text, its entity if linked, its place.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// The entity's preferred name if the span is linked to a known
    /// entity, else the span's text.
    pub name: String,
    /// The linked entity's id, if any.
    pub entity: Option<String>,
    /// The span's text, as quoted in the document.
    pub text: String,
    /// The span's id in its annotation file.
    pub span: SpanId,
    /// First code point (inclusive).
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl Mention {
    fn of(span: &Span, registry: &Registry) -> Self {
        let entity = span.linked_entity().map(str::to_owned);
        let name = entity
            .as_deref()
            .and_then(|id| registry.get(id))
            .map_or_else(|| span.text.clone(), |e| e.name.clone());
        Self {
            name,
            entity,
            text: span.text.clone(),
            span: span.id,
            start: span.start,
            end: span.end,
        }
    }

    /// `name [id] “text” @start..end` (the id when linked, the text when
    /// it is not the name), as the text table and CSV show it.
    fn describe(&self) -> String {
        let mut out = self.name.clone();
        if let Some(id) = &self.entity {
            out.push_str(&format!(" [{id}]"));
        }
        if self.text != self.name {
            out.push_str(&format!(" “{}”", self.text));
        }
        out.push_str(&format!(" @{}..{}", self.start, self.end));
        out
    }
}

/// One row of the facts table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    /// The article's file name.
    pub document: String,
    /// Who holds the role.
    pub person: Option<Mention>,
    /// The role held.
    pub role: Option<Mention>,
    /// Whose role it is.
    pub country: Option<Mention>,
    /// The initiatives the person or the country is party to, in text
    /// order.
    pub initiatives: Vec<Mention>,
    /// The sentence (or run of sentences) holding the person, role and
    /// country (or, for a fact with none of those, the initiatives).
    pub quote: String,
}

/// The relations of one type, as (from, to) span ids.
fn pairs<'a>(
    relations: &'a [(&'a str, SpanId, SpanId)],
    label: &'a str,
) -> impl Iterator<Item = (SpanId, SpanId)> + 'a {
    relations
        .iter()
        .filter(move |(l, _, _)| *l == label)
        .map(|&(_, from, to)| (from, to))
}

/// The facts of one document (`document` is its file name), in the order
/// of their person in the text (or role, country, initiative for a fact
/// without one).
pub fn facts_of(
    document: &str,
    doc: &Document,
    set: &AnnotationSet,
    registry: &Registry,
) -> Vec<Fact> {
    let accepted = |id: SpanId| set.get(id).filter(|s| s.status == Status::Accepted);
    let relations: Vec<(&str, SpanId, SpanId)> = set
        .relations()
        .filter(|r| r.status == Status::Accepted)
        .filter(|r| accepted(r.from).is_some() && accepted(r.to).is_some())
        .map(|r| (r.label.as_str(), r.from, r.to))
        .collect();
    // The initiatives each party (entity, or span when not linked) is
    // party to, and one span of each party.
    let key = |id: SpanId| Party::of(id, set);
    let mut parties: BTreeMap<Party<'_>, (SpanId, BTreeSet<SpanId>)> = BTreeMap::new();
    for (from, to) in pairs(&relations, PARTY_TO) {
        let entry = parties.entry(key(from)).or_insert((from, BTreeSet::new()));
        entry.1.insert(to);
    }
    // Chains as (person, role, country) span ids.
    let mut chains: BTreeSet<(Option<SpanId>, Option<SpanId>, Option<SpanId>)> = BTreeSet::new();
    for (person, role) in pairs(&relations, HOLDS) {
        let mut countries = pairs(&relations, OF).filter(|(r, _)| *r == role).peekable();
        if countries.peek().is_none() {
            chains.insert((Some(person), Some(role), None));
        }
        for (_, country) in countries {
            chains.insert((Some(person), Some(role), Some(country)));
        }
    }
    for (role, country) in pairs(&relations, OF) {
        if !pairs(&relations, HOLDS).any(|(_, r)| r == role) {
            chains.insert((None, Some(role), Some(country)));
        }
    }
    // Parties in no chain.
    let in_chains: BTreeSet<Party<'_>> = chains
        .iter()
        .flat_map(|&(p, _, c)| [p, c])
        .flatten()
        .map(key)
        .collect();
    for &(span, _) in parties
        .iter()
        .filter(|(p, _)| !in_chains.contains(p))
        .map(|(_, v)| v)
    {
        let is_person = accepted(span).is_some_and(|s| s.label == "person");
        chains.insert(if is_person {
            (Some(span), None, None)
        } else {
            (None, None, Some(span))
        });
    }
    let sentences = Sentences::of(doc);
    let mention = |id: Option<SpanId>| id.and_then(accepted).map(|s| Mention::of(s, registry));
    let mut facts: Vec<Fact> = chains
        .into_iter()
        .map(|(person, role, country)| {
            let initiative_ids: BTreeSet<SpanId> = [person, country]
                .into_iter()
                .flatten()
                .filter_map(|id| parties.get(&key(id)))
                .flat_map(|(_, initiatives)| initiatives)
                .copied()
                .collect();
            let mut initiatives: Vec<Mention> = initiative_ids
                .into_iter()
                .filter_map(|id| mention(Some(id)))
                .collect();
            initiatives.sort_by_key(|m| (m.start, m.end, m.span));
            let (person, role, country) = (mention(person), mention(role), mention(country));
            let chain: Vec<&Mention> = [&person, &role, &country].into_iter().flatten().collect();
            let quoted = if chain.is_empty() {
                initiatives.iter().collect()
            } else {
                chain
            };
            let quote = quote(&sentences, doc, quoted.iter().map(|m| (m.start, m.end)));
            Fact {
                document: document.to_owned(),
                person,
                role,
                country,
                initiatives,
                quote,
            }
        })
        .collect();
    // By the person's place (or the role's, or the country's, or the
    // first initiative's).
    facts.sort_by_key(|f| {
        [&f.person, &f.role, &f.country]
            .into_iter()
            .flatten()
            .chain(&f.initiatives)
            .map(|m| (m.start, m.end))
            .next()
    });
    facts
}

/// Who is party to an initiative: the entity a span is linked to, or the
/// span itself when it is not linked, so that "Zarepour" in one paragraph
/// and "Issa Zarepour" in another, both linked, are one party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Party<'a> {
    Entity(&'a str),
    Span(SpanId),
}

impl<'a> Party<'a> {
    fn of(id: SpanId, set: &'a AnnotationSet) -> Self {
        match set.get(id).and_then(Span::linked_entity) {
            Some(entity) => Self::Entity(entity),
            None => Self::Span(id),
        }
    }
}

/// The text of the sentences holding every range of `ranges`, trimmed.
fn quote(
    sentences: &Sentences,
    doc: &Document,
    ranges: impl Iterator<Item = (usize, usize)>,
) -> String {
    let (mut first, mut last) = (usize::MAX, 0);
    for (start, end) in ranges {
        first = first.min(start);
        last = last.max(end);
    }
    if first > last {
        return String::new();
    }
    let run = sentences.around(first, last);
    doc.slice(run).unwrap_or_default().trim().to_owned()
}

/// The CSV columns, in order (`newsmark facts --csv`).
pub const CSV_HEADER: [&str; 18] = [
    "document",
    "person",
    "person_entity",
    "person_text",
    "person_start",
    "person_end",
    "role",
    "role_entity",
    "role_text",
    "role_start",
    "role_end",
    "country",
    "country_entity",
    "country_text",
    "country_start",
    "country_end",
    "initiatives",
    "quote",
];

impl Fact {
    /// The fact as a CSV record, in [`CSV_HEADER`]'s order. Initiatives are
    /// joined with `"; "`, each as `name [id] “text” @start..end`.
    pub fn csv_record(&self) -> Vec<String> {
        let mut record = vec![self.document.clone()];
        for mention in [&self.person, &self.role, &self.country] {
            match mention {
                Some(m) => record.extend([
                    m.name.clone(),
                    m.entity.clone().unwrap_or_default(),
                    m.text.clone(),
                    m.start.to_string(),
                    m.end.to_string(),
                ]),
                None => record.extend(std::iter::repeat_n(String::new(), 5)),
            }
        }
        record.push(self.initiatives_described());
        record.push(self.quote.clone());
        record
    }

    fn initiatives_described(&self) -> String {
        let described: Vec<String> = self.initiatives.iter().map(Mention::describe).collect();
        described.join("; ")
    }

    /// The fact as lines of the text table: `person — role — country`
    /// with each mention's entity and offsets, the initiatives, the
    /// document, and the quote.
    pub fn to_text(&self) -> String {
        let column =
            |m: &Option<Mention>| m.as_ref().map_or_else(|| "–".to_owned(), Mention::describe);
        let mut text = format!(
            "{} — holds — {} — of — {}\n",
            column(&self.person),
            column(&self.role),
            column(&self.country)
        );
        if !self.initiatives.is_empty() {
            text.push_str(&format!("    party to: {}\n", self.initiatives_described()));
        }
        text.push_str(&format!("    in {}: “{}”\n", self.document, self.quote));
        text
    }
}
