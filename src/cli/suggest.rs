//! `newsmark suggest CORPUS_DIR [--doc NAME]`.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::progress::Progress;
use crate::corpus;
use crate::entities;
use crate::entities::Registry;
use crate::plural::counted;
use crate::session::Session;
use crate::store;
use crate::suggest::follow_up::add_relations_and_links;
use crate::suggest::matcher::learned_terms;
use crate::suggest::{SuggestPlan, added_count, pending_edit};

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
    corpus::map_in_order(
        articles.iter(),
        |path| Session::read(path, schema.clone()).map(|s| learned_terms(s.set())),
        |path, read| {
            reading.set_message(store::file_name(&path));
            match read {
                Ok(terms) => learned.extend(terms),
                Err(err) => {
                    reading.suspend(|| eprintln!("{err}"));
                    failed = true;
                }
            }
            reading.inc();
            ControlFlow::<()>::Continue(())
        },
    );
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
    let chosen = articles.iter().enumerate().filter(|(_, path)| {
        wanted
            .as_ref()
            .is_none_or(|w| format!("{w}.txt") == store::file_name(path))
    });
    // The built-in suggesters run on every core; an extractor (a program
    // of the corpus's owner, perhaps not made to run twice at once) runs
    // one document at a time, in order.
    let in_parallel = plan.external.is_none();
    let plan = &plan;
    // Entity links are suggested from the folder's registry, if it loads.
    let registry = match entities::load(&args.corpus) {
        Ok(registry) => registry,
        Err(err) => {
            eprintln!("warning: {err}; no entity links suggested");
            Registry::default()
        }
    };
    let registry = &registry;
    corpus::map_in_order(
        chosen,
        |(_, path)| {
            let session = Session::read(path, schema.clone());
            match session {
                Ok(session) if in_parallel => Step::Done(suggest_one(plan, registry, session)),
                Ok(session) => Step::Read(Box::new(session)),
                // Reported by the first pass.
                Err(_) => Step::Unreadable,
            }
        },
        |(k, path), step| {
            matched = true;
            let name = store::file_name(&path);
            if progress.is_shown() {
                progress.set_message(name.clone());
            } else {
                eprintln!("[{}/{total}] {name}", k + 1);
            }
            let outcome = match step {
                Step::Done(outcome) => outcome,
                Step::Read(session) => suggest_one(plan, registry, *session),
                Step::Unreadable => Outcome::default(),
            };
            progress.inc();
            progress.suspend(|| {
                for err in &outcome.errors {
                    eprintln!("{err}");
                }
                if let Some(report) = outcome.describe() {
                    println!("{name}: {report}");
                }
            });
            failed |= !outcome.errors.is_empty();
            ControlFlow::<()>::Continue(())
        },
    );
    drop(progress);
    // Every annotation file was replaced whole; now they reach the disk.
    store::sync_filesystem(&args.corpus)?;
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

/// How far a document got on a worker thread.
enum Step {
    /// Suggested and saved.
    Done(Outcome),
    /// Read; the extractor runs on it in order.
    Read(Box<Session>),
    /// Could not be read.
    Unreadable,
}

/// What suggesting did to one document.
#[derive(Default)]
struct Outcome {
    /// Suggestions added and saved (`Some(0)`: nothing new); `None` when
    /// nothing could be saved.
    added: Option<usize>,
    /// Pattern relations and entity links suggested and saved with them.
    relations: usize,
    /// See [`Self::relations`].
    links: usize,
    /// What went wrong, each naming the file.
    errors: Vec<String>,
}

impl Outcome {
    /// "3 new suggestions, 2 suggested relations", "nothing new", or
    /// `None` when nothing could be saved.
    fn describe(&self) -> Option<String> {
        let added = self.added?;
        let parts: Vec<String> = [
            (added, "new suggestion", "new suggestions"),
            (self.relations, "suggested relation", "suggested relations"),
            (
                self.links,
                "suggested entity link",
                "suggested entity links",
            ),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| counted(n, one, many))
        .collect();
        Some(if parts.is_empty() {
            "nothing new".to_owned()
        } else {
            parts.join(", ")
        })
    }
}

/// Runs `plan` on one document, then the pattern relations and entity
/// links of `registry` over its spans, and saves the new suggestions, the
/// file replaced whole but left for one flush of the disk at the end.
fn suggest_one(plan: &SuggestPlan, registry: &Registry, mut session: Session) -> Outcome {
    let mut outcome = Outcome::default();
    let (found, failure) = plan.suggest(&session.name(), session.doc());
    if let Some(err) = failure {
        outcome.errors.push(err.to_string());
    }
    let path = session.txt_path().display().to_string();
    let not_added = |err: crate::model::EditError| format!("{path}: suggestions not added: {err}");
    let mut added = 0;
    if let Some(edit) = pending_edit(&session, &found) {
        added = added_count(&edit);
        if let Err(err) = session.perform(edit) {
            outcome.errors.push(not_added(err));
            return outcome;
        }
    }
    let follow_ups = add_relations_and_links(&mut session, |s| Some(s), Session::perform, registry);
    let (relations, links) = match follow_ups {
        Ok(f) => (f.relations, f.links),
        Err(err) => {
            outcome.errors.push(not_added(err));
            (0, 0)
        }
    };
    if !outcome.errors.is_empty() {
        return outcome;
    }
    (outcome.relations, outcome.links) = (relations, links);
    if added + relations + links == 0 {
        outcome.added = Some(0);
        return outcome;
    }
    match session.save_with(store::Durability::Deferred) {
        Ok(()) => outcome.added = Some(added),
        Err(err) => outcome.errors.push(err.to_string()),
    }
    outcome
}
