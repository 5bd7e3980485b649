//! `newsmark import FORMAT SRC --into CORPUS_DIR`.

use std::io::Write as _;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;

use super::progress::Progress;
use crate::corpus::import::{ImportOptions, ImportReport, ImportTotals, Importer, parse_mapping};
use crate::formats::{self, Format, OffsetUnit, ReadOptions};

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
    // Only once the source can be read, so that a typo leaves no empty
    // folder.
    formats::check_source(format, &args.src)
        .with_context(|| format!("reading {} as {format}", args.src.display()))?;
    let created = create_folder(&args.into)?;
    let settings = super::corpus_settings(&args.into)?;
    let schema = settings.schema();
    let options = ImportOptions {
        map: args.map.clone(),
        only_mapped: args.only_mapped,
        origin: args.origin.clone().unwrap_or_else(|| format.to_string()),
        accepted: args.accepted,
    };
    let importer = Importer::new(&args.into, &options, &schema)?;
    // One record at a time, from reading to saving: memory is bounded by
    // the largest record, whatever the source's size. Each record's line
    // is printed as it is merged, the totals at the end.
    let mut report = ImportReport::default();
    let mut merged = ImportTotals::default();
    let progress = Progress::counter("records merged");
    let mut out = std::io::stdout().lock();
    if created {
        writeln!(out, "created the corpus folder {}", args.into.display())?;
    }
    let mut written = Ok(());
    let read = formats::read_each(format, &args.src, &ReadOptions { offsets }, &mut |doc| {
        progress.set_message(doc.source.clone());
        if let Some(done) = importer.merge(&doc, &mut report) {
            merged.add(&done);
            written = progress.suspend(|| writeln!(out, "{done}"));
        }
        progress.inc();
        if written.is_ok() {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    });
    drop(progress);
    importer.finish(&mut report);
    written?;
    let read = read.with_context(|| format!("reading {} as {format}", args.src.display()))?;
    // Records the source held but that could not be read are skipped too.
    report.skipped_records += read.skipped_records;
    merged.skipped_records = report.skipped_records;
    for problem in &read.problems {
        eprintln!("{problem}");
    }
    for warning in read.warnings.iter().chain(&report.warning_lines()) {
        eprintln!("warning: {warning}");
    }
    write!(out, "{merged}\n{}", report.problem_lines())?;
    Ok(
        if read.problems.is_empty() && report.problems.is_empty() && merged.complete() {
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
