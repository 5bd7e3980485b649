//! `newsmark suggest CORPUS_DIR [--doc NAME]`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::progress::Progress;
use crate::corpus;
use crate::plural::counted;
use crate::session::Session;
use crate::store;
use crate::suggest::matcher::learned_terms;
use crate::suggest::{SuggestPlan, pending_edit};

/// Arguments of `newsmark suggest`.
#[derive(Args, Debug)]
pub struct SuggestArgs {
    /// The corpus folder.
    corpus: PathBuf,
    /// Only this document (its file name, with or without .txt).
    #[arg(long, value_name = "NAME")]
    doc: Option<String>,
    /// Run the extractor command the corpus's newsmark.ron names. Without
    /// it the command is only shown: a corpus from someone else must not run
    /// anything you have not seen.
    #[arg(long)]
    run_extractor: bool,
}

/// Runs the suggesters and saves what they find as pending suggestions.
/// Exit 0 when every document went through.
pub fn run(args: &SuggestArgs) -> anyhow::Result<ExitCode> {
    let settings = super::corpus_settings(&args.corpus)?;
    let schema = settings.schema();
    let articles = corpus::articles_in(&args.corpus)?;
    // Two passes, one document at a time each: first what was learned,
    // then the suggestions. Time stays linear in the corpus and memory
    // bounded by the largest document (keeping every session made the peak
    // grow with the corpus).
    // Each text and label once: the same term tagged in every article
    // would otherwise make the list grow with the corpus.
    let mut learned = std::collections::BTreeSet::new();
    let mut failed = false;
    let reading = Progress::bar(articles.len(), "documents read");
    for path in &articles {
        reading.set_message(store::file_name(path));
        match Session::read(path, schema.clone()) {
            Ok(session) => learned.extend(learned_terms(session.set())),
            Err(err) => {
                reading.suspend(|| eprintln!("{err}"));
                failed = true;
            }
        }
        reading.inc();
    }
    drop(reading);
    let mut plan = SuggestPlan::with_terms(&settings, learned.into_iter().collect())?;
    if let Some(command) = &plan.external {
        if args.run_extractor {
            eprintln!("extractor: {}", command.command_line());
        } else {
            eprintln!(
                "extractor not run: {}'s newsmark.ron names `{}`; check it, then pass --run-extractor to run it (built-in suggesters only this time)",
                args.corpus.display(),
                command.command_line()
            );
            plan.external = None;
        }
    }
    let wanted = args
        .doc
        .as_ref()
        .map(|d| d.trim_end_matches(".txt").to_owned());
    let mut matched = false;
    let total = articles.len();
    let progress = Progress::bar(if wanted.is_some() { 1 } else { total }, "documents");
    for (k, path) in articles.iter().enumerate() {
        let name = store::file_name(path);
        if wanted.as_ref().is_some_and(|w| format!("{w}.txt") != name) {
            continue;
        }
        matched = true;
        if progress.is_shown() {
            progress.set_message(name.clone());
        } else {
            eprintln!("[{}/{total}] {name}", k + 1);
        }
        // An article that cannot be read was reported by the first pass.
        let Ok(mut session) = Session::read(path, schema.clone()) else {
            progress.inc();
            continue;
        };
        let (found, failure) = plan.suggest(&name, session.doc());
        progress.inc();
        if let Some(err) = failure {
            progress.suspend(|| eprintln!("{err}"));
            failed = true;
        }
        let Some(edit) = pending_edit(&session, &found) else {
            progress.suspend(|| println!("{name}: nothing new"));
            continue;
        };
        let added = match &edit {
            crate::model::Edit::Batch(edits) => edits.len(),
            _ => 1,
        };
        session.perform(edit)?;
        match session.save() {
            Ok(()) => {
                let found = counted(added, "new suggestion", "new suggestions");
                progress.suspend(|| println!("{name}: {found}"));
            }
            Err(err) => {
                progress.suspend(|| eprintln!("{err}"));
                failed = true;
            }
        }
    }
    drop(progress);
    if let Some(w) = wanted
        && !matched
    {
        anyhow::bail!("{}: no document named {w}.txt", args.corpus.display());
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
