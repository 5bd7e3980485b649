//! Finding text in a document: plain or regular-expression search,
//! case-insensitive by default, optionally whole words only.

use std::ops::Range;

use super::Document;

/// How to search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchOptions {
    /// Match case exactly (default: ignore case, Unicode-aware).
    pub case_sensitive: bool,
    /// Only matches that start and end at word boundaries.
    pub whole_word: bool,
    /// The query is a regular expression (Rust `regex` syntax).
    pub regex: bool,
}

/// A query that is not a valid regular expression.
#[derive(Debug, thiserror::Error)]
#[error("not a valid regular expression: {0}")]
pub struct SearchError(String);

/// A compiled search.
#[derive(Clone, Debug)]
pub struct Search {
    regex: regex::Regex,
}

impl Search {
    /// Compiles `query` with `options`. An empty query matches nothing.
    pub fn new(query: &str, options: &SearchOptions) -> Result<Self, SearchError> {
        let mut pattern = if options.regex {
            query.to_owned()
        } else {
            regex::escape(query)
        };
        if options.whole_word {
            pattern = format!(r"\b(?:{pattern})\b");
        }
        if query.is_empty() {
            pattern = "[^\\s\\S]".to_owned();
        }
        let regex = regex::RegexBuilder::new(&pattern)
            .case_insensitive(!options.case_sensitive)
            .size_limit(1 << 22)
            .build()
            .map_err(|e| SearchError(e.to_string()))?;
        Ok(Self { regex })
    }

    /// Every non-empty match in `doc`, as code-point ranges, in order.
    pub fn find_all(&self, doc: &Document) -> Vec<Range<usize>> {
        self.regex
            .find_iter(doc.text())
            .filter(|m| !m.is_empty())
            .filter_map(|m| Some(doc.char_of_byte(m.start())?..doc.char_of_byte(m.end())?))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_search_ignores_case_and_counts_code_points() {
        let doc = Document::new("🇨🇺 Cuba, CUBA and cubano");
        let hits = Search::new("cuba", &SearchOptions::default()).map(|s| s.find_all(&doc));
        assert_eq!(hits.ok(), Some(vec![3..7, 9..13, 18..22]));
        let words = SearchOptions {
            whole_word: true,
            ..Default::default()
        };
        let hits = Search::new("cuba", &words).map(|s| s.find_all(&doc));
        assert_eq!(hits.ok(), Some(vec![3..7, 9..13]));
        let exact = SearchOptions {
            case_sensitive: true,
            ..Default::default()
        };
        let hits = Search::new("Cuba", &exact).map(|s| s.find_all(&doc));
        assert_eq!(hits.map(|h| h.len()).ok(), Some(1));
    }

    #[test]
    fn regex_search_and_bad_patterns() {
        let doc = Document::new("Minister of ICT and Minister of Health");
        let re = SearchOptions {
            regex: true,
            ..Default::default()
        };
        let hits = Search::new(r"minister of \w+", &re).map(|s| s.find_all(&doc));
        assert_eq!(hits.ok(), Some(vec![0..15, 20..38]));
        assert!(Search::new("(unclosed", &re).is_err());
        assert!(
            Search::new("(unclosed", &SearchOptions::default()).is_ok(),
            "plain text is escaped"
        );
        assert_eq!(
            Search::new("", &re).map(|s| s.find_all(&doc).len()).ok(),
            Some(0)
        );
    }
}
