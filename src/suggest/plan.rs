//! Running every configured suggester over a document: the corpus's learned
//! terms (string match), the gazetteer, and the external extractor.

use super::external::{ExtractorCommand, ExtractorError};
use super::matcher::{TermMatcher, learned_terms};
use super::{Suggestion, gazetteer};
use crate::model::{AnnotationSet, Document};
use crate::settings::CorpusSettings;

/// Which suggesters to run, built once per corpus.
#[derive(Clone, Debug)]
pub struct SuggestPlan {
    /// Exact occurrences of accepted spans' text.
    pub learned: TermMatcher,
    /// Whether the built-in gazetteer runs.
    pub gazetteer: bool,
    /// The external extractor, if configured.
    pub external: Option<ExtractorCommand>,
}

impl SuggestPlan {
    /// The plan for a corpus: terms learned from every accepted span of
    /// `sets`, and the suggesters `settings` enable.
    pub fn new<'a>(
        settings: &CorpusSettings,
        sets: impl IntoIterator<Item = &'a AnnotationSet>,
    ) -> Result<Self, super::matcher::MatcherError> {
        let terms: Vec<(String, String)> = sets.into_iter().flat_map(learned_terms).collect();
        Self::with_terms(settings, terms)
    }

    /// The plan for `settings` with learned `terms` (text, label) gathered
    /// beforehand, one document at a time ([`learned_terms`]).
    pub fn with_terms(
        settings: &CorpusSettings,
        terms: Vec<(String, String)>,
    ) -> Result<Self, super::matcher::MatcherError> {
        Ok(Self {
            learned: TermMatcher::new(terms)?,
            gazetteer: settings.gazetteer,
            external: settings.extractor.as_ref().map(ExtractorCommand::from),
        })
    }

    /// Everything the suggesters propose for one document; the extractor's
    /// failure, if any, is returned beside the other suggesters' output.
    pub fn suggest(&self, name: &str, doc: &Document) -> (Vec<Suggestion>, Option<ExtractorError>) {
        self.suggest_until(name, doc, None)
    }

    /// [`Self::suggest`], with the extractor killed if `cancel` is set while
    /// it runs.
    pub fn suggest_until(
        &self,
        name: &str,
        doc: &Document,
        cancel: Option<&std::sync::atomic::AtomicBool>,
    ) -> (Vec<Suggestion>, Option<ExtractorError>) {
        let mut out = self.learned.find(doc);
        if self.gazetteer {
            out.extend(gazetteer::suggest(doc));
        }
        let mut failure = None;
        if let Some(command) = &self.external {
            match command.run_until(name, doc.text(), cancel) {
                Ok(found) => out.extend(found),
                Err(err) => failure = Some(err),
            }
        }
        (out, failure)
    }
}
