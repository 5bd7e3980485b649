//! `newsmark facts CORPUS_DIR [--csv|--json]`: the facts table
//! ([`crate::facts`]) of every article, read one at a time.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::progress::Progress;
use crate::corpus;
use crate::facts::{CSV_HEADER, Fact, facts_of};
use crate::session::Session;
use crate::{entities, store};

/// Arguments of `newsmark facts`.
#[derive(Args, Debug)]
pub struct FactsArgs {
    /// The corpus folder.
    corpus: PathBuf,
    /// Print a JSON array of objects, for machines.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV with a header line, for a spreadsheet.
    #[arg(long)]
    csv: bool,
}

/// How the rows are written as they come.
enum Out<W: Write> {
    Text(W),
    Csv(Box<csv::Writer<W>>),
    /// The writer and whether a row was written (for the commas).
    Json(W, bool),
}

impl<W: Write> Out<W> {
    fn start(args: &FactsArgs, mut out: W) -> anyhow::Result<Self> {
        Ok(if args.csv {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(CSV_HEADER)?;
            Self::Csv(Box::new(csv))
        } else if args.json {
            out.write_all(b"[")?;
            Self::Json(out, false)
        } else {
            Self::Text(out)
        })
    }

    fn row(&mut self, fact: &Fact) -> anyhow::Result<()> {
        match self {
            Self::Text(out) => out.write_all(fact.to_text().as_bytes())?,
            Self::Csv(csv) => csv.write_record(fact.csv_record())?,
            Self::Json(out, any) => {
                out.write_all(if *any { b",\n  " } else { b"\n  " })?;
                serde_json::to_writer(&mut *out, fact)?;
                *any = true;
            }
        }
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Self::Text(mut out) => out.flush()?,
            Self::Csv(mut csv) => csv.flush()?,
            Self::Json(mut out, any) => {
                out.write_all(if any { b"\n]\n" } else { b"]\n" })?;
                out.flush()?;
            }
        }
        Ok(())
    }
}

/// Prints the facts of every article of the corpus, in article order; exit
/// 2 if an article could not be read (the others are printed).
pub fn run(args: &FactsArgs) -> anyhow::Result<ExitCode> {
    let settings = super::corpus_settings(&args.corpus)?;
    let registry = entities::load(&args.corpus)?;
    let schema = settings.schema();
    let articles = corpus::articles_in(&args.corpus)?;
    let stdout = std::io::stdout().lock();
    let mut out = Out::start(args, std::io::BufWriter::new(stdout))?;
    let mut failed = false;
    let mut written: anyhow::Result<()> = Ok(());
    let progress = Progress::bar(articles.len(), "documents read");
    // One document at a time: time linear in the corpus, memory bounded by
    // the largest document.
    corpus::map_in_order(
        articles.iter(),
        |path| {
            let session = Session::read(path, schema.clone())?;
            let name = store::file_name(path);
            Ok::<_, store::StoreError>(facts_of(&name, session.doc(), session.set(), &registry))
        },
        |path, facts| {
            progress.set_message(store::file_name(&path));
            progress.inc();
            match facts {
                Ok(facts) => {
                    if let Some(err) = facts.iter().find_map(|f| out.row(f).err()) {
                        written = Err(err);
                        return ControlFlow::Break(());
                    }
                }
                Err(err) => {
                    progress.suspend(|| eprintln!("{err}"));
                    failed = true;
                }
            }
            ControlFlow::Continue(())
        },
    );
    drop(progress);
    written?;
    out.finish()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
