//! `newsmark stats CORPUS_DIR [--json|--csv]`.

use std::io::Write as _;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::progress::Progress;
use crate::corpus::{self, DocSummary};
use crate::session::Session;
use crate::{stats, store};

/// Arguments of `newsmark stats`.
#[derive(Args, Debug)]
pub struct StatsArgs {
    /// The corpus folder.
    corpus: PathBuf,
    /// Print JSON, for machines.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV, for a spreadsheet.
    #[arg(long)]
    csv: bool,
}

/// Prints review counts and extractor quality for the corpus.
pub fn run(args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let settings = super::corpus_settings(&args.corpus)?;
    // One document at a time: time linear in the corpus, memory bounded by
    // the largest document.
    let mut tally = stats::QualityTally::default();
    let mut by_status = stats::DocumentCounts::default();
    let mut failed = false;
    let articles = corpus::articles_in(&args.corpus)?;
    let schema = settings.schema();
    let progress = Progress::bar(articles.len(), "documents read");
    corpus::map_in_order(
        articles.iter(),
        |path| Session::read(path, schema.clone()),
        |path, read| {
            progress.set_message(store::file_name(&path));
            match read {
                Ok(session) => {
                    progress.suspend(|| {
                        for problem in session.problems() {
                            eprintln!("{problem}");
                        }
                    });
                    tally.add(session.set());
                    by_status.add(DocSummary::of(session.set()).status());
                }
                Err(err) => {
                    progress.suspend(|| eprintln!("{err}"));
                    failed = true;
                }
            }
            progress.inc();
            ControlFlow::<()>::Continue(())
        },
    );
    drop(progress);
    let report = tally.finish();
    let out = if args.json {
        let mut json = report.to_json();
        json["by_status"] = serde_json::to_value(by_status)?;
        format!("{json:#}\n")
    } else if args.csv {
        report.to_csv()
    } else {
        let mut table = report.to_table();
        // After the first line: the review counts, then the documents.
        let at = table.find('\n').map_or(table.len(), |k| k + 1);
        table.insert_str(at, &format!("documents: {}\n", by_status.describe()));
        table
    };
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
