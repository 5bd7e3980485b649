//! `newsmark validate PATH… [--json]`.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::progress::Progress;
use crate::corpus::validate::{Problem, ValidationReport, validate_paths_with_progress};
use crate::plural::counted;
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
/// then every warning (`FILE: span ID: warning: reason`), and a summary on
/// standard error. Exit 1 if anything is wrong; warnings alone exit 0.
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
        let problems = report.problems.iter().map(|p| format!("{p}\n"));
        let warnings = report.warnings.iter().map(warning_line);
        problems.chain(warnings).collect()
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

/// A warning as a line: `FILE: span ID: warning: reason`.
fn warning_line(warning: &Problem) -> String {
    let mut line = warning.clone();
    line.reason = format!("warning: {}", warning.reason);
    format!("{line}\n")
}

/// `checked 12 files: 3 problems in 2 files`, or `…: no problems`, with
/// `, 1 warning` after it when there are warnings.
fn summary(report: &ValidationReport) -> String {
    let checked = counted(report.files_checked, "file", "files");
    let found = if report.is_clean() {
        "no problems".to_owned()
    } else {
        format!(
            "{} in {}",
            counted(report.problems.len(), "problem", "problems"),
            counted(report.files_with_problems(), "file", "files")
        )
    };
    let warnings = match report.warnings.len() {
        0 => String::new(),
        n => format!(", {}", counted(n, "warning", "warnings")),
    };
    format!("checked {checked}: {found}{warnings}")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn problem(file: &str, span_id: Option<crate::model::SpanId>) -> Problem {
        Problem {
            file: PathBuf::from(file),
            span_id,
            position: None,
            reason: "splits a character".to_owned(),
        }
    }

    #[test]
    fn the_summary_counts_with_singular_and_plural_and_adds_warnings() {
        let mut report = ValidationReport {
            files_checked: 1,
            ..ValidationReport::default()
        };
        assert_eq!(summary(&report), "checked 1 file: no problems");
        report.files_checked = 3;
        report.warnings.push(problem("a.ron", Some(2)));
        assert_eq!(summary(&report), "checked 3 files: no problems, 1 warning");
        report.problems.push(problem("a.ron", None));
        report.warnings.push(problem("b.ron", Some(1)));
        assert_eq!(
            summary(&report),
            "checked 3 files: 1 problem in 1 file, 2 warnings"
        );
    }

    #[test]
    fn a_warning_line_names_the_file_and_span() {
        assert_eq!(
            warning_line(&problem("a.ron", Some(7))),
            "a.ron: span 7: warning: splits a character\n"
        );
    }
}
