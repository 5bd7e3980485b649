//! The open folder's facts table, built on another thread by the same
//! reading `newsmark facts CORPUS` does ([`crate::facts::facts_of`]), one
//! document at a time from the files as saved, except the document open in
//! the window: its rows are made by the window from its annotations as
//! they are, unsaved edits included ([`FactsResult::replace_document`]),
//! and made again after each edit.

use std::path::{Path, PathBuf};

use super::worker::{Checked, Job, Worker};
use crate::facts::{Fact, facts_of};
use crate::model::LabelSchema;
use crate::session::Session;
use crate::{corpus, entities, store};

/// One row of the table: a fact and the article it comes from.
#[derive(Clone, Debug)]
pub struct FactRow {
    /// The article.
    pub txt: PathBuf,
    /// The fact.
    pub fact: Fact,
}

/// What the build found.
#[derive(Clone, Debug, Default)]
pub struct FactsResult {
    /// The rows, in article order, then text order.
    pub rows: Vec<FactRow>,
    /// Articles that could not be read, each with why.
    pub problems: Vec<String>,
}

impl FactsResult {
    /// Puts `rows`, the facts of article `txt` (all of them, in text
    /// order), in place of those the table has of it, where the article's
    /// `rank` in the folder (its place in the folder's order) puts them.
    pub fn replace_document(
        &mut self,
        txt: &Path,
        rows: Vec<FactRow>,
        rank: &dyn Fn(&Path) -> Option<usize>,
    ) {
        let at = match self.rows.iter().position(|r| r.txt == txt) {
            Some(first) => {
                self.rows.retain(|r| r.txt != txt);
                first
            }
            None => {
                let mine = rank(txt);
                self.rows.partition_point(|r| rank(&r.txt) < mine)
            }
        };
        self.rows.splice(at..at, rows);
    }
}

/// The facts of the open document, as it is in the window, as rows.
pub fn rows_of(session: &Session, registry: &entities::Registry) -> Vec<FactRow> {
    let txt = session.txt_path();
    let name = store::file_name(txt);
    facts_of(&name, session.doc(), session.set(), registry)
        .into_iter()
        .map(|fact| FactRow {
            txt: txt.to_owned(),
            fact,
        })
        .collect()
}

/// A facts table being built in the background.
pub struct FactsJob {
    worker: Worker<Result<FactsResult, String>>,
}

impl FactsJob {
    /// Starts building the facts table of the folder `dir`, the article
    /// `open` left out (the window adds its rows).
    pub fn start(
        dir: PathBuf,
        schema: LabelSchema,
        open: Option<PathBuf>,
        ctx: &egui::Context,
    ) -> Self {
        let worker = Worker::spawn(Job::Facts, Some(ctx), move |out| {
            out.send(build(&dir, &schema, open.as_deref(), &|| out.cancelled()));
        });
        Self { worker }
    }

    /// The result, once the build ended.
    pub fn poll(&self) -> Option<Result<FactsResult, String>> {
        match self.worker.check() {
            Checked::Message(result) => Some(result),
            Checked::Nothing => None,
            Checked::Ended => Some(Err("the facts table stopped unexpectedly".to_owned())),
        }
    }

    /// Asks the build to stop before its next document.
    pub fn cancel(&self) {
        self.worker.cancel();
    }
}

/// The facts of every article of `dir` but `skip`, read one at a time
/// (time linear in the folder, memory bounded by the largest document and
/// the rows).
pub fn build(
    dir: &Path,
    schema: &LabelSchema,
    skip: Option<&Path>,
    cancelled: &dyn Fn() -> bool,
) -> Result<FactsResult, String> {
    let registry = entities::load(dir).map_err(|e| e.to_string())?;
    let articles = corpus::articles_in(dir).map_err(|e| e.to_string())?;
    let mut result = FactsResult::default();
    for txt in articles.iter() {
        if cancelled() {
            return Err("stopped".to_owned());
        }
        if skip == Some(txt.as_path()) {
            continue;
        }
        match Session::read(&txt, schema.clone()) {
            Ok(session) => {
                let name = store::file_name(&txt);
                let facts = facts_of(&name, session.doc(), session.set(), &registry);
                result.rows.extend(facts.into_iter().map(|fact| FactRow {
                    txt: txt.clone(),
                    fact,
                }));
            }
            Err(err) => result.problems.push(err.to_string()),
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(txt: &str, quote: &str) -> FactRow {
        FactRow {
            txt: PathBuf::from(txt),
            fact: Fact {
                document: txt.to_owned(),
                person: None,
                role: None,
                country: None,
                initiatives: Vec::new(),
                quote: quote.to_owned(),
            },
        }
    }

    fn quotes(result: &FactsResult) -> Vec<&str> {
        result.rows.iter().map(|r| r.fact.quote.as_str()).collect()
    }

    #[test]
    fn a_documents_rows_are_replaced_in_place_or_put_in_folder_order() {
        let rank = |txt: &Path| ["a", "b", "c"].iter().position(|n| Path::new(n) == txt);
        let mut result = FactsResult {
            rows: vec![
                row("a", "a1"),
                row("b", "b1"),
                row("b", "b2"),
                row("c", "c1"),
            ],
            problems: Vec::new(),
        };
        result.replace_document(Path::new("b"), vec![row("b", "b3")], &rank);
        assert_eq!(quotes(&result), ["a1", "b3", "c1"]);
        result.replace_document(Path::new("b"), Vec::new(), &rank);
        assert_eq!(quotes(&result), ["a1", "c1"]);
        // A document without rows yet: where the folder's order puts it.
        let new = vec![row("b", "b4"), row("b", "b5")];
        result.replace_document(Path::new("b"), new, &rank);
        assert_eq!(quotes(&result), ["a1", "b4", "b5", "c1"]);
    }
}
