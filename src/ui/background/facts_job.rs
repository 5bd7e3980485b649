//! The open folder's facts table, built on another thread by the same
//! reading `newsmark facts CORPUS` does ([`crate::facts::facts_of`]), one
//! document at a time from the files as saved.

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

/// A facts table being built in the background.
pub struct FactsJob {
    worker: Worker<Result<FactsResult, String>>,
}

impl FactsJob {
    /// Starts building the facts table of the folder `dir`.
    pub fn start(dir: PathBuf, schema: LabelSchema, ctx: &egui::Context) -> Self {
        let worker = Worker::spawn(Job::Facts, Some(ctx), move |out| {
            out.send(build(&dir, &schema, &|| out.cancelled()));
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

/// The facts of every article of `dir`, read one at a time (time linear
/// in the folder, memory bounded by the largest document and the rows).
pub fn build(
    dir: &Path,
    schema: &LabelSchema,
    cancelled: &dyn Fn() -> bool,
) -> Result<FactsResult, String> {
    let registry = entities::load(dir).map_err(|e| e.to_string())?;
    let articles = corpus::articles_in(dir).map_err(|e| e.to_string())?;
    let mut result = FactsResult::default();
    for txt in articles.iter() {
        if cancelled() {
            return Err("stopped".to_owned());
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
