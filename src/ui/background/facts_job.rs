//! The open folder's facts table, built on another thread by the same
//! reading `newsmark facts CORPUS` does ([`crate::facts::facts_of`]), one
//! document at a time from the files as saved, except the document open in
//! the window: its rows are made by the window from its annotations as
//! they are, unsaved edits included ([`FactsResult::replace_document`]),
//! and made again after each edit.

use std::ops::{ControlFlow, Range};
use std::path::{Path, PathBuf};

use super::worker::{Checked, Job, Worker};
use crate::facts::{Fact, facts_of};
use crate::model::LabelSchema;
use crate::session::Session;
use crate::ui::widgets::facts_order;
use crate::ui::widgets::facts_window::FactColumn;
use crate::{corpus, entities, store};

/// One row of the table: a fact and the article it comes from.
#[derive(Clone, Debug)]
pub struct FactRow {
    /// The article.
    pub txt: PathBuf,
    /// The fact.
    pub fact: Fact,
}

/// How the table shows its rows: the filter, the column sorted by, and
/// whether from Z to A.
pub type Shown = (String, FactColumn, bool);

/// What the build found.
#[derive(Clone, Debug, Default)]
pub struct FactsResult {
    /// The rows, in article order, then text order.
    pub rows: Vec<FactRow>,
    /// Articles that could not be read, each with why.
    pub problems: Vec<String>,
    /// The rows shown, in order, as the table showed them when the build
    /// started ([`facts_order::order_rows`], made on the build's thread:
    /// at 100,000 articles it took the frame the table arrived in).
    pub order: Option<(Shown, Vec<usize>)>,
}

impl FactsResult {
    /// Puts `rows`, the facts of article `txt` (all of them, in text
    /// order), in place of those the table has of it, where the article's
    /// `rank` in the folder (its place in the folder's order) puts them;
    /// the rows replaced and how many came in their place. The rows are in
    /// the folder's order, so the article's are found by a binary search.
    pub fn replace_document(
        &mut self,
        txt: &Path,
        rows: Vec<FactRow>,
        rank: &dyn Fn(&Path) -> Option<usize>,
    ) -> (Range<usize>, usize) {
        let mine = rank(txt);
        let start = self.rows.partition_point(|r| rank(&r.txt) < mine);
        let end = start
            + self.rows[start..]
                .iter()
                .take_while(|r| r.txt == txt)
                .count();
        let added = rows.len();
        self.rows.splice(start..end, rows);
        (start..end, added)
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
    /// `open` left out (the window adds its rows), its rows ordered as
    /// `shown` says.
    pub fn start(
        (dir, schema): (PathBuf, LabelSchema),
        open: Option<PathBuf>,
        shown: Shown,
        ctx: &egui::Context,
    ) -> Self {
        let worker = Worker::spawn(Job::Facts, Some(ctx), move |out| {
            let built = build(&dir, &schema, open.as_deref(), &|| out.cancelled());
            out.send(built.map(|mut result| {
                let (filter, sort, descending) = &shown;
                let order = facts_order::order_rows(&result.rows, filter, *sort, *descending);
                result.order = Some((shown, order));
                result
            }));
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
    // Read a batch at a time over the cores, as `newsmark facts` does,
    // the rows kept in the folder's order.
    let others = articles.iter().filter(|txt| skip != Some(txt.as_path()));
    let stopped = corpus::map_in_order(
        others,
        |txt| {
            let session = Session::read(txt, schema.clone())?;
            let name = store::file_name(txt);
            Ok::<_, store::StoreError>(facts_of(&name, session.doc(), session.set(), &registry))
        },
        |txt, facts| {
            if cancelled() {
                return ControlFlow::Break(());
            }
            match facts {
                Ok(facts) => result.rows.extend(facts.into_iter().map(|fact| FactRow {
                    txt: txt.clone(),
                    fact,
                })),
                Err(err) => result.problems.push(err.to_string()),
            }
            ControlFlow::Continue(())
        },
    );
    match stopped {
        Some(()) => Err("stopped".to_owned()),
        None => Ok(result),
    }
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
            order: None,
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
