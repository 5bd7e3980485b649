//! `newsmark export FORMAT CORPUS_DIR --out PATH [--include-pending]`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use crate::formats::export::{ExportFormat, ExportOptions, export_corpus};

/// Arguments of `newsmark export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The format to write: brat (a folder of .txt/.ann pairs and
    /// annotation.conf), spacy (JSONL), doccano (JSONL, UTF-16 offsets),
    /// conll (BIO tags, outermost spans only) or w3c (Web Annotation
    /// JSON-LD).
    format: String,
    /// The corpus folder to export.
    corpus: PathBuf,
    /// Where to write: a folder for brat (created if missing), a file for
    /// the other formats.
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// Export pending suggestions too, with their status and origin where
    /// the format can carry them (spacy, brat, w3c). Rejected suggestions
    /// are never exported.
    #[arg(long)]
    include_pending: bool,
}

/// Runs the export; exit 0 when every document went out as it is, 2 when a
/// document was skipped or had problems.
pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let format: ExportFormat = args.format.parse()?;
    let options = ExportOptions {
        include_pending: args.include_pending,
    };
    let report = export_corpus(format, &args.corpus, &args.out, options).with_context(|| {
        format!(
            "exporting {} as {format} to {}",
            args.corpus.display(),
            args.out.display()
        )
    })?;
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    print!("{report}");
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
