//! The command line: with no subcommand (or a path) it opens the window;
//! subcommands work on a corpus folder without it.
//!
//! - `mod.rs`: the arguments and [`run`]
//! - `agree.rs`: `newsmark agree`
//! - `convert.rs`: `newsmark convert`
//! - `entities.rs`: `newsmark entities` (merge, split, rename over a corpus)
//! - `export.rs`: `newsmark export`
//! - `facts.rs`: `newsmark facts`
//! - `import.rs`: `newsmark import`
//! - `merge_driver.rs`: `newsmark merge-driver` (git's merge driver)
//! - `progress.rs`: progress bars, on a terminal only
//! - `reanchor.rs`: `newsmark reanchor`
//! - `stats.rs`: `newsmark stats`
//! - `suggest.rs`: `newsmark suggest`
//! - `validate.rs`: `newsmark validate`

// A command line prints.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod agree;
mod convert;
mod entities;
mod export;
mod facts;
mod import;
mod merge_driver;
mod progress;
mod reanchor;
mod stats;
mod suggest;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Label spans of news articles (person, role, country, initiative).
#[derive(Parser, Debug)]
// The name is the binary's, not this crate's (`newsmark-core`).
#[command(
    name = "newsmark",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Args {
    /// An article (.txt) or a folder of articles to open in the window.
    /// Defaults to the bundled `sample_data`.
    pub path: Option<PathBuf>,
    /// Open the window as this annotator: each article's annotations are
    /// read from and saved to NAME's own file, `ARTICLE.NAME.ron`, not the
    /// gold `ARTICLE.ron`. Defaults to the `annotator` of your own
    /// settings (`~/.config/newsmark/settings.ron`).
    #[arg(long, value_name = "NAME", value_parser = parse_annotator)]
    pub annotator: Option<crate::store::Annotator>,
    /// Open the gold files (`ARTICLE.ron`) even if your own settings name
    /// you an annotator.
    #[arg(long, conflicts_with = "annotator")]
    pub gold: bool,
    /// A subcommand; without one the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the command line can do without the window.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Merge another tool's annotations into a corpus, as pending
    /// suggestions (or accepted gold with --accepted); exit 0 when every
    /// span went in (warnings on stderr), 2 when something was skipped.
    Import(import::ImportArgs),
    /// Run the corpus's suggesters (learned terms, gazetteer, the extractor
    /// command of newsmark.ron) and add what they find as pending
    /// suggestions.
    Suggest(suggest::SuggestArgs),
    /// Review counts and extractor quality: precision and misses per origin
    /// and label.
    Stats(stats::StatsArgs),
    /// Write the corpus's accepted spans (and pending ones with
    /// --include-pending) in another tool's format: brat, spacy, doccano,
    /// conll or w3c.
    Export(export::ExportArgs),
    /// The facts table: one row per person —holds→ role —of→ country
    /// (and the initiatives they are party to), by entity when linked,
    /// with document, sentence and offsets; as a table, CSV or JSON.
    Facts(facts::FactsArgs),
    /// Change the corpus's entity registry (entities.ron) keeping every
    /// document's links consistent: merge, split, rename.
    Entities(entities::EntitiesArgs),
    /// Check articles, annotation files and folders without changing them:
    /// every problem is listed as FILE: span ID: reason; exit 1 if any.
    /// Spans that split a character are warnings, which do not change the
    /// exit status.
    Validate(validate::ValidateArgs),
    /// Re-anchor the spans of articles changed since they were annotated
    /// and rewrite their annotation files; a file with a span that cannot
    /// be placed is reported and left as it is (exit 2).
    Reanchor(reanchor::ReanchorArgs),
    /// Write UTF-8 copies (NAME.utf8.txt) of articles that are not UTF-8,
    /// decoded from windows-1252 (Latin-1) or another encoding; the
    /// originals are only read.
    Convert(convert::ConvertArgs),
    /// Inter-annotator agreement: Cohen's kappa per pair, Fleiss' kappa
    /// and Krippendorff's alpha, exact and overlap precision/recall/F1 per
    /// label; of folders (one per annotator) or of one folder's annotators'
    /// files (X.NAME.ron).
    Agree(agree::AgreeArgs),
    /// Git's merge driver for annotation files (%O %A %B %P): merges the
    /// three versions as sets of spans, a true conflict kept as two
    /// pending spans; writes the result over %A.
    MergeDriver(merge_driver::MergeDriverArgs),
}

/// The command line's arguments. `--help` and `--version` print and exit 0;
/// a usage error prints and exits 1, "could not run", as for any command
/// that cannot start (clap's own code, 2, means "finished, but something
/// was skipped" here; see the README's exit-code table).
pub fn parse_args() -> Args {
    Args::try_parse().unwrap_or_else(|err| {
        let code = i32::from(err.use_stderr());
        // Nothing more can be said if the terminal is gone.
        if let Err(print_err) = err.print() {
            log::debug!("the usage message could not be printed: {print_err}");
        }
        std::process::exit(code)
    })
}

/// The annotator name given with `--annotator`, checked.
fn parse_annotator(
    name: &str,
) -> Result<crate::store::Annotator, crate::store::AnnotatorNameError> {
    crate::store::Annotator::new(name)
}

/// Whom the window annotates as: `--annotator NAME`, else (without
/// `--gold`) the `annotator` of the person's own settings
/// ([`crate::settings::load_personal`]), else nobody (the gold files). A
/// broken personal settings file is an error: opening the gold instead
/// would write into the team's curated files.
pub fn window_annotator(args: &Args) -> anyhow::Result<Option<crate::store::Annotator>> {
    if args.gold {
        return Ok(None);
    }
    if let Some(name) = &args.annotator {
        return Ok(Some(name.clone()));
    }
    Ok(crate::settings::load_personal()?.annotator())
}

/// Runs a subcommand; errors become a message on stderr and exit code 1.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Import(args) => import::run(&args),
        Command::Suggest(args) => suggest::run(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Facts(args) => facts::run(&args),
        Command::Entities(args) => entities::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Reanchor(args) => reanchor::run(&args),
        Command::Convert(args) => convert::run(&args),
        Command::Agree(args) => agree::run(&args),
        Command::MergeDriver(args) => merge_driver::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newsmark: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// The corpus's settings and the label schema they define.
fn corpus_settings(dir: &std::path::Path) -> anyhow::Result<crate::settings::CorpusSettings> {
    if !dir.is_dir() {
        anyhow::bail!("{}: not a folder", dir.display());
    }
    Ok(crate::settings::load(dir)?)
}
