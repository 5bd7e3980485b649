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
    /// The corpus folder to merge into (created documents go there too);
    /// created if it does not exist.
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
    /// What the source's offsets count: codepoints, utf16, bytes (UTF-8) or
    /// graphemes (default: utf16 for doccano, codepoints otherwise). Each
    /// record's offsets are checked against its text: without this option a
    /// record whose offsets fit another unit is read in that unit (with a
    /// warning); with it, such a record is skipped.
    #[arg(long, value_name = "UNIT", value_parser = ["codepoints", "utf16", "bytes", "graphemes"])]
    offsets: Option<String>,
}

fn parse_map(arg: &str) -> Result<(String, String), String> {
    parse_mapping(arg).map_err(|e| e.to_string())
}

/// Runs the import. Exit 0 when every record and span went in (warnings,
/// such as labels outside the schema, go to standard error); 2 when
/// something was skipped or a document had a problem; 1 (an error) when the
/// source cannot be read or the corpus folder cannot be used. A corpus
/// folder that does not exist is created, and the output says so.
pub fn run(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let format: Format = args.format.parse()?;
    let offsets = args
        .offsets
        .as_deref()
        .map(str::parse::<OffsetUnit>)
        .transpose()?;
    let reading = Progress::spinner(&format!("reading {format}"));
    reading.set_message(args.src.display().to_string());
    let read = formats::read_with(format, &args.src, &ReadOptions { offsets })
        .with_context(|| format!("reading {} as {format}", args.src.display()))?;
    drop(reading);
    // Only once the source is read, so that a typo leaves no empty folder.
    let created = create_folder(&args.into)?;
    let settings = super::corpus_settings(&args.into)?;
    let options = ImportOptions {
        map: args.map.clone(),
        only_mapped: args.only_mapped,
        origin: args.origin.clone().unwrap_or_else(|| format.to_string()),
        accepted: args.accepted,
    };
    let mut report = import_with_progress(&args.into, &read.docs, &options, &settings.schema())?;
    // Records the source held but that could not be read are skipped too.
    report.skipped_records += read.skipped_records;
    for problem in &read.problems {
        eprintln!("{problem}");
    }
    for warning in read.warnings.iter().chain(&report.warning_lines()) {
        eprintln!("warning: {warning}");
    }
    if created {
        println!("created the corpus folder {}", args.into.display());
    }
    print!("{report}");
    Ok(
        if read.problems.is_empty() && report.imported_everything() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        },
    )
}

/// Creates the corpus folder `dir` (and its parents) if nothing is there;
/// whether it did. Something else in the way is left for
/// [`super::corpus_settings`] to report.
fn create_folder(dir: &Path) -> anyhow::Result<bool> {
    if std::fs::symlink_metadata(dir).is_ok() {
        return Ok(false);
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the corpus folder", dir.display()))?;
    Ok(true)
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
            warnings,
        } = import_into(corpus_dir, std::slice::from_ref(doc), options, schema)?;
        report.docs.extend(docs);
        report.skipped_records += skipped_records;
        report.problems.extend(problems);
        report.warnings.extend(warnings);
        for (label, n) in unknown_labels {
            *report.unknown_labels.entry(label).or_default() += n;
        }
        progress.inc();
    }
    Ok(report)
}
