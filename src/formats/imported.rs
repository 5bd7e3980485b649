//! Removing spans from a record read from another tool, keeping its
//! relations and entity links on the right spans.

use super::{ImportedDoc, JsonSpan};

impl ImportedDoc {
    /// Keeps the spans `keep` says yes to (it may also change them), in
    /// order, and re-points relations and links to the spans' new places.
    /// A relation or link whose span is removed is removed too, and
    /// reported in `problems` with the record's source (one line each
    /// kind): never dropped silently.
    pub(crate) fn retain_spans(
        &mut self,
        problems: &mut Vec<String>,
        mut keep: impl FnMut(&mut JsonSpan) -> bool,
    ) {
        let mut places = Vec::with_capacity(self.spans.len());
        let mut kept = 0;
        self.spans.retain_mut(|span| {
            let yes = keep(span);
            places.push(yes.then_some(kept));
            kept += usize::from(yes);
            yes
        });
        if kept == places.len() {
            return;
        }
        let place = |index: usize| places.get(index).copied().flatten();
        let before = self.relations.len();
        self.relations
            .retain_mut(|r| match (place(r.from), place(r.to)) {
                (Some(from), Some(to)) => {
                    (r.from, r.to) = (from, to);
                    true
                }
                _ => false,
            });
        let relations = before - self.relations.len();
        let before = self.links.len();
        self.links.retain_mut(|link| match place(link.span) {
            Some(span) => {
                link.span = span;
                true
            }
            None => false,
        });
        let links = before - self.links.len();
        if relations > 0 {
            problems.push(format!(
                "{}: {} skipped: a span it joins was skipped",
                self.source,
                crate::plural::counted(relations, "relation", "relations")
            ));
        }
        if links > 0 {
            problems.push(format!(
                "{}: {} skipped: its span was skipped",
                self.source,
                crate::plural::counted(links, "entity link", "entity links")
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ImportedLink, ImportedRelation};
    use super::*;

    #[test]
    fn removing_spans_repoints_relations_and_links_and_reports_those_lost() {
        let span = |start| JsonSpan {
            start,
            end: start + 1,
            label: "x".to_owned(),
            score: None,
            text: None,
        };
        let relation = |from, to| ImportedRelation {
            label: "r".to_owned(),
            from,
            to,
        };
        let link = |span| ImportedLink {
            span,
            entity: format!("e{span}"),
        };
        let mut doc = ImportedDoc {
            source: "in.jsonl:3".to_owned(),
            name: None,
            text: "abcd".to_owned(),
            spans: vec![span(0), span(1), span(2), span(3)],
            relations: vec![relation(0, 3), relation(1, 2), relation(3, 2)],
            links: vec![link(1), link(3)],
            skipped_spans: 0,
        };
        let mut problems = Vec::new();
        doc.retain_spans(&mut problems, |s| s.start != 1);
        assert_eq!(doc.spans.len(), 3);
        assert_eq!(doc.relations, [relation(0, 2), relation(2, 1)]);
        assert_eq!(
            doc.links,
            [ImportedLink {
                span: 2,
                entity: "e3".to_owned()
            }]
        );
        assert_eq!(
            problems,
            [
                "in.jsonl:3: 1 relation skipped: a span it joins was skipped",
                "in.jsonl:3: 1 entity link skipped: its span was skipped",
            ]
        );
    }
}
