//! The agreement of the open folder's annotators (`X.NAME.ron` files),
//! measured on another thread by the same study `newsmark agree CORPUS`
//! runs ([`crate::team::agree`]), one document at a time; with the
//! documents that disagree most, for the agreement panel's list. Only
//! counts, the [`LISTED`] most disagreeing documents and the first
//! [`WARNINGS_KEPT`] warnings are kept, so memory does not grow with the
//! folder.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::path::{Path, PathBuf};

use super::worker::{Checked, Job, Worker};
use crate::model::LabelSchema;
use crate::team::agree::study::{Study, read_document};
use crate::team::agree::{Agreement, AgreementReport, DocumentTally};

/// How many documents the panel lists: those with the most disagreements.
pub const LISTED: usize = 2_000;

/// How many warnings the panel keeps (the others are counted).
pub const WARNINGS_KEPT: usize = 100;

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
    /// The documents compared that disagree most (at most [`LISTED`]),
    /// most disagreements first (then the larger share of disagreeing
    /// units, then by name).
    pub documents: Vec<DocumentRow>,
    /// Documents left out and problems met reading files (the first
    /// [`WARNINGS_KEPT`]).
    pub warnings: Vec<String>,
    /// Warnings beyond those kept.
    pub more_warnings: usize,
}

impl DocumentRow {
    /// The panel's order: most disagreeing units first, then the larger
    /// share, then by name.
    fn rank(&self, other: &Self) -> Ordering {
        other
            .tally
            .disagreeing
            .cmp(&self.tally.disagreeing)
            .then(
                other
                    .tally
                    .disagreement()
                    .total_cmp(&self.tally.disagreement()),
            )
            .then_with(|| self.name.cmp(&other.name))
    }
}

/// A row in a heap whose top is the row ranked last.
struct Ranked(DocumentRow);

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.rank(&other.0)
    }
}

/// A study running in the background.
pub struct AgreeJob {
    worker: Worker<Result<AgreementResult, String>>,
}

impl AgreeJob {
    /// Starts measuring the agreement of the annotators' files in `dir`.
    pub fn start(dir: PathBuf, schema: LabelSchema, ctx: &egui::Context) -> Self {
        let worker = Worker::spawn(Job::Agreement, Some(ctx), move |out| {
            out.send(measure(&dir, &schema, LISTED, &|| out.cancelled()));
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

/// The study of `dir`'s annotators' files, read one document at a time,
/// listing the `listed` documents that disagree most.
pub fn measure(
    dir: &Path,
    schema: &LabelSchema,
    listed: usize,
    cancelled: &dyn Fn() -> bool,
) -> Result<AgreementResult, String> {
    let study = Study::of_corpus(dir).map_err(|e| e.to_string())?;
    let mut agreement = Agreement::new(study.annotators().to_vec()).map_err(|e| e.to_string())?;
    // Its top is the row ranked last of those kept.
    let mut kept: BinaryHeap<Ranked> = BinaryHeap::new();
    let mut warnings = Vec::new();
    let mut more_warnings = 0;
    let mut warn = |warning: String| {
        if warnings.len() < WARNINGS_KEPT {
            warnings.push(warning);
        } else {
            more_warnings += 1;
        }
    };
    for files in study.documents() {
        if cancelled() {
            return Err("stopped".to_owned());
        }
        match read_document(&files, schema) {
            Ok(read) => {
                read.warnings.into_iter().for_each(&mut warn);
                let mut tally = agreement.add_document(&read.spans);
                tally.relations_disagreeing = agreement.add_relations(&read.relations);
                let path = files.articles.first().cloned().unwrap_or_default();
                kept.push(Ranked(DocumentRow {
                    name: files.name,
                    path,
                    tally,
                }));
                if kept.len() > listed {
                    kept.pop();
                }
            }
            Err(reason) => warn(format!("{}: left out: {reason}", files.name)),
        }
    }
    let documents = kept
        .into_sorted_vec()
        .into_iter()
        .map(|Ranked(row)| row)
        .collect();
    Ok(AgreementResult {
        report: agreement.report(),
        documents,
        warnings,
        more_warnings,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// Writes `who`'s file on `name` with a person at each of `starts`.
    fn annotate(dir: &Path, name: &str, who: &str, starts: &[usize]) {
        let body: Vec<String> = starts
            .iter()
            .enumerate()
            .map(|(k, s)| {
                format!(
                    "(id: {}, start: {s}, end: {}, label: \"person\", text: \"ab\")",
                    k + 1,
                    s + 2
                )
            })
            .collect();
        let ron = format!(
            "(format: 1, document: \"{name}.txt\", spans: [{}])",
            body.join(", ")
        );
        std::fs::write(dir.join(format!("{name}.{who}.ron")), ron).unwrap();
    }

    #[test]
    fn only_the_most_disagreeing_documents_are_kept_in_order() {
        let dir = tempfile::tempdir().unwrap();
        // Disagreeing units: few 1, none 0, most 2, tie 1 (after "few").
        for (name, ana, bob) in [
            ("few", &[0, 3][..], &[0][..]),
            ("none", &[0][..], &[0][..]),
            ("most", &[0, 3, 6][..], &[0][..]),
            ("tie", &[0, 3][..], &[0][..]),
        ] {
            std::fs::write(dir.path().join(format!("{name}.txt")), "ab ab ab ab\n").unwrap();
            annotate(dir.path(), name, "ana", ana);
            annotate(dir.path(), name, "bob", bob);
        }
        let schema = LabelSchema::default();
        let result = measure(dir.path(), &schema, 3, &|| false).unwrap();
        let names: Vec<&str> = result.documents.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["most.txt", "few.txt", "tie.txt"]);
        assert_eq!(result.report.documents, 4);
        let all = measure(dir.path(), &schema, LISTED, &|| false).unwrap();
        assert_eq!(all.documents.len(), 4);
        assert_eq!(all.documents[3].name, "none.txt");
    }
}
