//! `newsmark import FORMAT SRC --into CORPUS_DIR`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use super::progress::Progress;
use crate::corpus::import::{ImportOptions, ImportReport, import_into, parse_mapping};
use crate::formats::{self, Format, ImportedDoc, OffsetUnit, ReadOptions};
use crate::model::LabelSchema;
use crate::store::StoreError;

/// Arguments of `newsmark import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The source's format.
    #[arg(value_parser = ["spacy", "doccano", "brat"])]
    format: String,
    /// A JSONL file (spacy, doccano) or a folder of .txt/.ann pairs (brat).
    src: PathBuf,
    /// The corpus folder to merge into (created documents go there too).
    #[arg(long, value_name = "CORPUS_DIR")]
    into: PathBuf,
    /// Rename a label: `--map PERSON=person` (repeatable).
    #[arg(long = "map", value_name = "FROM=TO", value_parser = parse_map)]
    map: Vec<(String, String)>,
    /// Drop spans whose label no --map names.
    #[arg(long)]
    only_mapped: bool,
    /// The extractor's name stored as each span's origin (default: FORMAT).
    #[arg(long, value_name = "NAME")]
    origin: Option<String>,
    /// Import as accepted gold instead of pending suggestions.
    #[arg(long)]
    accepted: bool,
    /// What the source's offsets count: codepoints, utf16 or graphemes
    /// (default: utf16 for doccano, codepoints otherwise).
    #[arg(long, value_name = "UNIT", value_parser = ["codepoints", "utf16", "graphemes"])]
    offsets: Option<String>,
}

fn parse_map(arg: &str) -> Result<(String, String), String> {
    parse_mapping(arg).map_err(|e| e.to_string())
}

/// Runs the import; exit 0 when every record and span went in.
pub fn run(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let format: Format = args.format.parse()?;
    let offsets = args
        .offsets
        .as_deref()
        .map(str::parse::<OffsetUnit>)
        .transpose()?;
    let settings = super::corpus_settings(&args.into)?;
    let reading = Progress::spinner(&format!("reading {format}"));
    reading.set_message(args.src.display().to_string());
    let read = formats::read_with(format, &args.src, &ReadOptions { offsets })
        .with_context(|| format!("reading {} as {format}", args.src.display()))?;
    drop(reading);
    let options = ImportOptions {
        map: args.map.clone(),
        only_mapped: args.only_mapped,
        origin: args.origin.clone().unwrap_or_else(|| format.to_string()),
        accepted: args.accepted,
    };
    let report = import_with_progress(&args.into, &read.docs, &options, &settings.schema())?;
    for problem in &read.problems {
        eprintln!("{problem}");
    }
    print!("{report}");
    let clean = read.problems.is_empty() && report.problems.is_empty();
    Ok(if clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// [`import_into`] one record at a time, so that a bar can count them; the
/// report is the one a single call over all records gives (records are
/// merged independently, in order).
fn import_with_progress(
    corpus_dir: &Path,
    docs: &[ImportedDoc],
    options: &ImportOptions,
    schema: &LabelSchema,
) -> Result<ImportReport, StoreError> {
    // Checks the folder even when there is no record.
    let mut report = import_into(corpus_dir, &[], options, schema)?;
    let progress = Progress::bar(docs.len(), "records");
    for doc in docs {
        progress.set_message(doc.source.clone());
        let ImportReport {
            docs,
            skipped_records,
            problems,
            unknown_labels,
        } = import_into(corpus_dir, std::slice::from_ref(doc), options, schema)?;
        report.docs.extend(docs);
        report.skipped_records += skipped_records;
        report.problems.extend(problems);
        for (label, n) in unknown_labels {
            *report.unknown_labels.entry(label).or_default() += n;
        }
        progress.inc();
    }
    Ok(report)
}
