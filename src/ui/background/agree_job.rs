//! The agreement of the open folder's annotators (`X.NAME.ron` files),
//! measured on another thread by the same study `newsmark agree CORPUS`
//! runs ([`crate::team::agree`]), one document at a time; with each
//! document's own units and disagreements, for the agreement panel's list.

use std::path::{Path, PathBuf};

use super::worker::{Checked, Job, Worker};
use crate::model::LabelSchema;
use crate::team::agree::study::{Study, read_document};
use crate::team::agree::{Agreement, AgreementReport, DocumentTally};

/// One document of the study.
#[derive(Clone, Debug)]
pub struct DocumentRow {
    /// The article's file name.
    pub name: String,
    /// The article.
    pub path: PathBuf,
    /// Its units and disagreements.
    pub tally: DocumentTally,
}

/// What the study found.
#[derive(Clone, Debug)]
pub struct AgreementResult {
    /// The figures, as `newsmark agree` prints them.
    pub report: AgreementReport,
    /// The documents compared, most disagreements first (then the larger
    /// share of disagreeing units, then by name).
    pub documents: Vec<DocumentRow>,
    /// Documents left out and problems met reading files.
    pub warnings: Vec<String>,
}

/// A study running in the background.
pub struct AgreeJob {
    worker: Worker<Result<AgreementResult, String>>,
}

impl AgreeJob {
    /// Starts measuring the agreement of the annotators' files in `dir`.
    pub fn start(dir: PathBuf, schema: LabelSchema, ctx: &egui::Context) -> Self {
        let worker = Worker::spawn(Job::Agreement, Some(ctx), move |out| {
            out.send(measure(&dir, &schema, &|| out.cancelled()));
        });
        Self { worker }
    }

    /// The result, once the study ended.
    pub fn poll(&self) -> Option<Result<AgreementResult, String>> {
        match self.worker.check() {
            Checked::Message(result) => Some(result),
            Checked::Nothing => None,
            Checked::Ended => Some(Err("the agreement study stopped unexpectedly".to_owned())),
        }
    }

    /// Asks the study to stop before its next document.
    pub fn cancel(&self) {
        self.worker.cancel();
    }
}

/// The study of `dir`'s annotators' files, read one document at a time.
pub fn measure(
    dir: &Path,
    schema: &LabelSchema,
    cancelled: &dyn Fn() -> bool,
) -> Result<AgreementResult, String> {
    let study = Study::of_corpus(dir).map_err(|e| e.to_string())?;
    let mut agreement = Agreement::new(study.annotators().to_vec()).map_err(|e| e.to_string())?;
    let mut documents = Vec::new();
    let mut warnings = Vec::new();
    for files in study.documents() {
        if cancelled() {
            return Err("stopped".to_owned());
        }
        match read_document(&files, schema) {
            Ok(read) => {
                warnings.extend(read.warnings);
                let tally = agreement.add_document(&read.spans);
                agreement.add_relations(&read.relations);
                let path = files.articles.first().cloned().unwrap_or_default();
                documents.push(DocumentRow {
                    name: files.name,
                    path,
                    tally,
                });
            }
            Err(reason) => warnings.push(format!("{}: left out: {reason}", files.name)),
        }
    }
    documents.sort_by(|a, b| {
        b.tally
            .disagreeing
            .cmp(&a.tally.disagreeing)
            .then(b.tally.disagreement().total_cmp(&a.tally.disagreement()))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(AgreementResult {
        report: agreement.report(),
        documents,
        warnings,
    })
}
