//! `newsmark entities {merge|split|rename} CORPUS_DIR …`: changes of the
//! corpus's entity registry (`entities.ron`) that keep every document's
//! links consistent ([`crate::entities::corpus`]).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::entities::corpus::{merge_in_corpus, rename_in_corpus, split_in_corpus};
use crate::plural::counted;

/// Arguments of `newsmark entities`.
#[derive(Args, Debug)]
pub struct EntitiesArgs {
    /// What to change.
    #[command(subcommand)]
    change: Change,
}

/// A change of the registry.
#[derive(Subcommand, Debug)]
enum Change {
    /// Merge entity FROM into INTO: every document's links to FROM are
    /// re-pointed to INTO (one document at a time, each saved atomically),
    /// then FROM leaves the registry, its names becoming INTO's aliases.
    /// If a document cannot be re-pointed, FROM stays (exit 2).
    Merge {
        /// The corpus folder.
        corpus: PathBuf,
        /// The entity merged away (its id).
        from: String,
        /// The entity kept.
        into: String,
    },
    /// Split ALIAS off entity ID as an entity of its own (its id made from
    /// the alias); every document's spans of that text linked to ID follow
    /// it.
    Split {
        /// The corpus folder.
        corpus: PathBuf,
        /// The entity.
        id: String,
        /// One of its aliases.
        alias: String,
    },
    /// Give entity ID the preferred name NAME (the old one becomes an
    /// alias). Links name entities by id: no document changes.
    Rename {
        /// The corpus folder.
        corpus: PathBuf,
        /// The entity.
        id: String,
        /// Its new name.
        name: String,
    },
}

/// Runs the change; exit 2 when a document was left as it was.
pub fn run(args: &EntitiesArgs) -> anyhow::Result<ExitCode> {
    match &args.change {
        Change::Merge { corpus, from, into } => {
            let schema = super::corpus_settings(corpus)?.schema();
            match merge_in_corpus(corpus, &schema, from, into) {
                Ok((run, _)) => {
                    println!(
                        "merged {from} into {into}: {} re-pointed in {}",
                        counted(run.links(), "link", "links"),
                        counted(run.repointed.len(), "document", "documents")
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(err @ crate::entities::corpus::CorpusEntityError::Incomplete { .. }) => {
                    eprintln!("newsmark: {err}");
                    Ok(ExitCode::from(2))
                }
                Err(err) => Err(err.into()),
            }
        }
        Change::Split { corpus, id, alias } => {
            let schema = super::corpus_settings(corpus)?.schema();
            let (new, run, _) = split_in_corpus(corpus, &schema, id, alias)?;
            println!(
                "split “{alias}” off {id} as {new}: {} re-pointed in {}",
                counted(run.links(), "span", "spans"),
                counted(run.repointed.len(), "document", "documents")
            );
            for skip in &run.skipped {
                eprintln!("warning: {skip} (its spans stay with {id})");
            }
            Ok(if run.skipped.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
        Change::Rename { corpus, id, name } => {
            super::corpus_settings(corpus)?;
            rename_in_corpus(corpus, id, name)?;
            println!("renamed {id} to “{name}”");
            Ok(ExitCode::SUCCESS)
        }
    }
}
