//! `newsmark validate PATH… [--json]`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::progress::Progress;
use crate::corpus::validate::{ValidationReport, validate_paths_with_progress};
use crate::settings;

/// Arguments of `newsmark validate`.
#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Articles (.txt), annotation files (.ron) or folders (walked
    /// recursively) to check. Nothing is written.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Print the report as JSON on standard output, for machines.
    #[arg(long)]
    json: bool,
}

/// Checks the paths and prints every problem on standard output, one a line
/// (`FILE: span ID: reason`, `FILE:LINE:COLUMN: reason` or `FILE: reason`),
/// and a summary on standard error. Exit 1 if anything is wrong.
pub fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    // A broken newsmark.ron is reported by the walk; its folder's labels are
    // then checked against the built-in ones. How many articles a walk will
    // reach is not known before it ends, so a spinner counts them.
    let progress = Progress::spinner("validating");
    let mut articles = 0_usize;
    let report = validate_paths_with_progress(
        &args.paths,
        |dir| settings::load(dir).map(|s| s.schema()).unwrap_or_default(),
        |file| {
            articles += 1;
            progress.set_message(format!("article {articles}: {}", file.display()));
        },
    );
    drop(progress);
    let out = if args.json {
        format!("{:#}\n", report.to_json())
    } else {
        report.problems.iter().map(|p| format!("{p}\n")).collect()
    };
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        // A reader that stopped reading (`| head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    let _ = writeln!(std::io::stderr(), "{}", summary(&report));
    Ok(if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `checked 12 files: 3 problems in 2 files`, or `…: no problems`.
fn summary(report: &ValidationReport) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let checked = plural(report.files_checked, "file");
    if report.is_clean() {
        format!("checked {checked}: no problems")
    } else {
        format!(
            "checked {checked}: {} in {}",
            plural(report.problems.len(), "problem"),
            plural(report.files_with_problems(), "file")
        )
    }
}
