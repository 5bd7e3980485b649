//! Suggested relations from patterns inside one sentence, as pending
//! relations of origin `pattern`, reviewed like suggested spans:
//!
//! - a role right before or after a person (`Minister of ICT, Issa
//!   Zarepour`; `Issa Zarepour, the Minister of ICT`; `Zarepour, Iran’s ICT
//!   minister`) → the person `holds` the role;
//! - `ROLE of COUNTRY`, the country right after the role or at the end of
//!   it (`First Deputy Minister of Communications of Cuba`) → the role is
//!   `of` the country;
//! - `COUNTRY’s ROLE` (`Iran’s Minister of ICT`) → the role is `of` the
//!   country.
//!
//! "Right before or after": nothing between the two but spaces,
//! punctuation, `the`, and a `COUNTRY’s`. Rejected spans are left out; a
//! relation that exists (whatever its status: a rejected one is not
//! offered again) or that the schema does not allow is not suggested.

use crate::model::words::Sentences;
use crate::model::{Edit, LabelSchema, Origin, Relation, Span, Status};
use crate::session::Session;

/// The origin of pattern suggestions.
pub const ORIGIN: &str = "pattern";

/// Whether `gap` (the text between two spans) holds nothing but spaces,
/// punctuation and `the`.
fn is_tight(gap: &str) -> bool {
    gap.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')' | '–' | '—' | '-')
    })
    .all(|word| word.is_empty() || word.eq_ignore_ascii_case("the"))
}

/// The text between `before` and `after` with the `COUNTRY’s` inside it
/// (a country span and its possessive) taken out.
fn gap_without_possessives(
    doc: &crate::model::Document,
    spans: &[&Span],
    before: usize,
    after: usize,
) -> Option<String> {
    let mut gap = String::new();
    let mut at = before;
    for country in spans
        .iter()
        .filter(|s| s.label == "country" && s.start >= before && s.end <= after)
    {
        gap.push_str(doc.slice(at.min(country.start)..country.start)?);
        let rest = doc.slice(country.end..after)?;
        let possessive = ["’s", "'s"].iter().find(|p| rest.starts_with(**p))?;
        at = country.end + possessive.chars().count();
    }
    gap.push_str(doc.slice(at.min(after)..after)?);
    Some(gap)
}

/// The edit that adds the pattern relations of the session's document as
/// pending suggestions, as one undo step; `None` if there are none.
pub fn relation_suggestions_edit(session: &Session) -> Option<Edit> {
    let (doc, set, schema) = (session.doc(), session.set(), session.schema());
    let sentences = Sentences::of(doc);
    let spans: Vec<&Span> = set
        .spans()
        .iter()
        .filter(|s| s.status != Status::Rejected)
        .collect();
    let mut found: Vec<(&str, &Span, &Span)> = Vec::new();
    for role in spans.iter().filter(|s| s.label == "role") {
        let sentence = sentences.index_of(role.start);
        let same_sentence = |s: &Span| sentences.index_of(s.start) == sentence;
        // Persons right before or after.
        for person in spans
            .iter()
            .filter(|s| s.label == "person" && same_sentence(s))
        {
            let (before, after) = if person.end <= role.start {
                (person.end, role.start)
            } else if role.end <= person.start {
                (role.end, person.start)
            } else {
                continue;
            };
            let between = spans
                .iter()
                .any(|s| s.start >= before && s.end <= after && s.label != "country");
            if between {
                continue;
            }
            if gap_without_possessives(doc, &spans, before, after).is_some_and(|g| is_tight(&g)) {
                found.push(("holds", person, role));
            }
        }
        // ROLE of COUNTRY (after it, or at its end) and COUNTRY’s ROLE.
        for country in spans
            .iter()
            .filter(|s| s.label == "country" && same_sentence(s))
        {
            let of_after = country.start >= role.end
                && doc.slice(role.end..country.start).is_some_and(|g| {
                    let g = g.trim();
                    g == "of" || g == "of the"
                });
            let of_inside = country.start > role.start
                && country.end == role.end
                && doc
                    .slice(role.start..country.start)
                    .is_some_and(|t| t.ends_with(" of ") || t.ends_with(" of the "));
            let possessive = country.end <= role.start
                && doc
                    .slice(country.end..role.start)
                    .is_some_and(|g| matches!(g, "’s " | "'s "));
            if of_after || of_inside || possessive {
                found.push(("of", role, country));
            }
        }
    }
    pending_relations(session, schema, found)
}

/// The edit that adds `found` (type, from, to) as pending relations of
/// origin [`ORIGIN`], skipping those the schema does not allow, those that
/// exist and repeats; `None` if none is left.
fn pending_relations(
    session: &Session,
    schema: &LabelSchema,
    found: Vec<(&str, &Span, &Span)>,
) -> Option<Edit> {
    let set = session.set();
    let mut next = set.next_relation_id();
    let mut edits: Vec<Edit> = Vec::new();
    let mut added: Vec<(String, u64, u64)> = Vec::new();
    for (label, from, to) in found {
        let key = (label.to_owned(), from.id, to.id);
        let exists = set
            .relations_of(from.id)
            .any(|r| r.label == label && (r.from, r.to) == (from.id, to.id));
        if exists || added.contains(&key) {
            continue;
        }
        let relation = Relation {
            origin: Origin::Extractor(ORIGIN.to_owned()),
            status: Status::Pending,
            ..Relation::manual(next, label, from.id, to.id)
        };
        if !set.check_relation(&relation, schema).is_empty() {
            continue;
        }
        added.push(key);
        edits.push(Edit::AddRelation(relation));
        next += 1;
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}
