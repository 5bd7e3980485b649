//! `newsmark agree DIR_A DIR_B [DIR_C …] [--json]` and `newsmark agree
//! CORPUS [--json]`: inter-annotator agreement (see
//! [`crate::team::agree`] for the definitions).

use std::io::Write as _;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::progress::Progress;
use crate::corpus;
use crate::team::agree::study::{Study, read_document};
use crate::team::agree::{AgreeError, Agreement};

/// Arguments of `newsmark agree`.
#[derive(Args, Debug)]
pub struct AgreeArgs {
    /// Two or more folders, one per annotator (a folder's name is its
    /// annotator's; its gold files X.ron their work); or one folder, whose
    /// annotators' files X.NAME.ron are compared.
    #[arg(required = true, value_name = "FOLDER")]
    folders: Vec<PathBuf>,
    /// Print JSON, for machines.
    #[arg(long)]
    json: bool,
}

/// Compares the annotators document by document and prints the figures;
/// exit 2 when a document had to be left out (reported on stderr).
pub fn run(args: &AgreeArgs) -> anyhow::Result<ExitCode> {
    let first = args.folders.first().map_or_else(PathBuf::new, Clone::clone);
    let schema = super::corpus_settings(&first)?.schema();
    let study = if args.folders.len() == 1 {
        Study::of_corpus(&first)?
    } else {
        Study::of_folders(&args.folders)?
    };
    let mut agreement = Agreement::new(study.annotators().to_vec()).map_err(|e| match e {
        AgreeError::TooFewAnnotators { .. } => anyhow::anyhow!("{}: {e}", first.display()),
        AgreeError::SameName(_) => e.into(),
    })?;
    let mut skipped = 0_usize;
    let progress = Progress::spinner("documents compared");
    corpus::map_in_order(
        study.documents(),
        |files| read_document(files, &schema),
        |files, read| {
            progress.set_message(files.name.clone());
            match read {
                Ok(doc) => {
                    progress.suspend(|| {
                        for warning in &doc.warnings {
                            eprintln!("{warning}");
                        }
                    });
                    agreement.add_document(&doc.spans);
                    agreement.add_relations(&doc.relations);
                }
                Err(reason) => {
                    progress.suspend(|| eprintln!("{reason}; {} left out", files.name));
                    skipped += 1;
                }
            }
            progress.inc();
            ControlFlow::<()>::Continue(())
        },
    );
    drop(progress);
    let report = agreement.report();
    if report.documents == 0 {
        eprintln!(
            "newsmark: no document has a file from every annotator ({})",
            report.annotators.join(", ")
        );
    }
    let out = if args.json {
        format!("{:#}\n", report.to_json())
    } else {
        report.to_table()
    };
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(if skipped > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
