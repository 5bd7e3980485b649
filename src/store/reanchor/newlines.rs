//! A whole text converted between LF and CRLF line ends: recognised as such
//! before re-anchoring, since it shifts every offset after each line by one
//! more, and changes quotes that cross a line end.

use super::Context;
use crate::model::{Document, Span};

/// How the text's line ends changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// LF became CRLF.
    ToCrlf,
    /// CRLF became LF.
    ToLf,
}

/// A line-end conversion, with the old offsets where it moved the text.
#[derive(Clone, Debug)]
pub(super) struct Conversion {
    kind: Kind,
    /// `ToCrlf`: old offsets of the LFs that gained a CR; `ToLf`: old offsets
    /// of the CRs that were removed. Sorted.
    marks: Vec<usize>,
}

impl Conversion {
    /// The conversion of `doc`'s text from the one the spans were made on
    /// that puts more quotes at their (converted) offsets than the stored
    /// offsets do, if there is one.
    pub(super) fn detect(doc: &Document, spans: &[Span]) -> Option<Self> {
        let (mut crlf, mut lf) = (Vec::new(), Vec::new());
        let mut previous = None;
        for (at, c) in doc.text().chars().enumerate() {
            if c == '\n' {
                if previous == Some('\r') {
                    crlf.push(at - 1);
                } else {
                    lf.push(at);
                }
            }
            previous = Some(c);
        }
        let fits = |conversion: Option<&Self>| {
            spans
                .iter()
                .filter(|span| {
                    let span = conversion.map_or_else(|| (*span).clone(), |c| c.apply(span));
                    doc.slice(span.start..span.end) == Some(span.text.as_str())
                })
                .count()
        };
        let to_crlf = Self {
            kind: Kind::ToCrlf,
            marks: crlf.iter().enumerate().map(|(k, &cr)| cr - k).collect(),
        };
        let to_lf = Self {
            kind: Kind::ToLf,
            marks: lf.iter().enumerate().map(|(k, &nl)| nl + k).collect(),
        };
        let unchanged = fits(None);
        [to_crlf, to_lf]
            .into_iter()
            .filter(|c| !c.marks.is_empty())
            .map(|c| (fits(Some(&c)), c))
            .filter(|(n, _)| *n > unchanged)
            .max_by_key(|(n, _)| *n)
            .map(|(_, c)| c)
    }

    /// Where old offset `x` is in the converted text.
    fn map(&self, x: usize) -> usize {
        let before = self.marks.partition_point(|&m| m < x);
        match self.kind {
            Kind::ToCrlf => x + before,
            Kind::ToLf => x - before,
        }
    }

    /// A text as the conversion turned it.
    fn convert(&self, text: &str) -> String {
        match self.kind {
            Kind::ToCrlf => text.replace("\r\n", "\n").replace('\n', "\r\n"),
            Kind::ToLf => text.replace("\r\n", "\n"),
        }
    }

    /// A span's stored context as it reads in the converted text.
    pub(super) fn apply_context(&self, context: &Context) -> Context {
        context.map(|side| self.convert(side))
    }

    /// The span as it reads in the converted text (offsets and quote).
    pub(super) fn apply(&self, span: &Span) -> Span {
        let text = self.convert(&span.text);
        Span {
            start: self.map(span.start),
            end: self.map(span.end),
            text,
            ..span.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_line_ends_both_ways() {
        let lf = "Tehran\nand\nHavana";
        let crlf = lf.replace('\n', "\r\n");
        let span = |start, end, text: &str| Span::manual(1, start, end, "country", text);
        let spans = vec![span(11, 17, "Havana"), span(4, 10, "an\nand")];
        let to_crlf = Conversion::detect(&Document::new(crlf.as_str()), &spans).expect("found");
        assert_eq!(to_crlf.kind, Kind::ToCrlf);
        let moved = to_crlf.apply(&spans[1]);
        assert_eq!(
            (moved.start, moved.end, moved.text.as_str()),
            (4, 11, "an\r\nand")
        );
        assert_eq!(to_crlf.apply(&spans[0]).start, 13);

        let spans = vec![span(13, 19, "Havana"), span(4, 11, "an\r\nand")];
        let to_lf = Conversion::detect(&Document::new(lf), &spans).expect("found");
        assert_eq!(to_lf.kind, Kind::ToLf);
        let moved = to_lf.apply(&spans[1]);
        assert_eq!(
            (moved.start, moved.end, moved.text.as_str()),
            (4, 10, "an\nand")
        );
        assert!(Conversion::detect(&Document::new(crlf.as_str()), &spans).is_none());
    }
}
