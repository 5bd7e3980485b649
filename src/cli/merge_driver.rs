//! `newsmark merge-driver %O %A %B %P`: git's merge driver for annotation
//! files, merging them as sets of spans ([`crate::team::merge`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, anyhow};
use clap::Args;

use crate::model::{AnnotationSet, Document, LabelSchema};
use crate::team::merge::merge_sets;
use crate::{settings, store};

/// Arguments of `newsmark merge-driver`, in git's order.
#[derive(Args, Debug)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (git's %O; empty when both sides
    /// added the file).
    base: PathBuf,
    /// Our version (git's %A); the merged file is written over it.
    ours: PathBuf,
    /// Their version (git's %B).
    theirs: PathBuf,
    /// The file's path in the working tree (git's %P): its article is
    /// found beside it.
    path: PathBuf,
}

/// Merges the three versions and writes the result over ours; exit 0.
/// The folder's own files (`newsmark.ron`…) are merged as text.
/// Anything that cannot be read, parsed or placed on the article is an
/// error naming the file (exit 1), and ours is left as it was: git then
/// reports a conflict.
pub fn run(args: &MergeDriverArgs) -> anyhow::Result<ExitCode> {
    let shown = args.path.display();
    let own_file = args
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    if own_file.is_some_and(|n| store::reserved_file_name(&n).is_some()) {
        return merge_as_text(args);
    }
    let (txt, _) = store::article_of_annotations(&args.path).ok_or_else(|| {
        anyhow!(
            "{shown}: not merged: its article ({}, or X.txt for an annotator's X.NAME.ron) \
             is not in the working tree",
            store::file_name(&args.path.with_extension("txt"))
        )
    })?;
    let name = store::file_name(&txt);
    let doc = store::read_text(&txt).with_context(|| format!("{shown}: not merged"))?;
    let schema = settings::load(store::folder_of(&txt))
        .map(|s| s.schema())
        .unwrap_or_default();
    let version = |file: &Path, which: &str| {
        read_version(file, &name, &doc, &schema)
            .map_err(|reason| anyhow!("{shown}: not merged: {which} version: {reason}"))
    };
    let base = version(&args.base, "the common ancestor's")?;
    let ours = version(&args.ours, "our")?;
    let theirs = version(&args.theirs, "their")?;
    let merged = merge_sets(&base, &ours, &theirs);
    let text = store::to_ron_string_in_context(&name, &doc, &merged.set);
    store::atomic_write(&args.ours, text.as_bytes())
        .with_context(|| format!("{shown}: not merged"))?;
    eprintln!(
        "{shown}: merged as sets: {}, {}{}{}",
        crate::plural::counted(merged.set.len(), "span", "spans"),
        crate::plural::counted(merged.set.relation_count(), "relation", "relations"),
        match merged.conflicts {
            0 => String::new(),
            n => format!(
                "; {} kept as pending spans to curate",
                crate::plural::counted(n, "conflict", "conflicts")
            ),
        },
        match merged.relations_dropped {
            0 => String::new(),
            n => format!(
                "; {} left out: one side deleted an end",
                crate::plural::counted(n, "relation", "relations")
            ),
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Merges a file that is not an annotation file (the folder's
/// `newsmark.ron`, `entities.ron`, which `*.ron` also matches) as git
/// merges text: `git merge-file`, conflict markers and all; exit 1 if
/// there are conflicts, so git reports them.
fn merge_as_text(args: &MergeDriverArgs) -> anyhow::Result<ExitCode> {
    let status = std::process::Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .args([&args.ours, &args.base, &args.theirs])
        .status()
        .with_context(|| format!("{}: not merged: git merge-file", args.path.display()))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// One version's spans: an empty file is an empty set (git's %O when both
/// sides added the file); a file that does not parse, or whose spans do
/// not all fit the article, is refused (merging it would lose them).
fn read_version(
    file: &Path,
    name: &str,
    doc: &Document,
    schema: &LabelSchema,
) -> Result<AnnotationSet, String> {
    let size = std::fs::metadata(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?
        .len();
    if size > store::MAX_ANNOTATION_BYTES {
        return Err(format!("{size} bytes, over the limit of annotation files"));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let source = String::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned())?;
    if source.trim().is_empty() {
        return Ok(AnnotationSet::new());
    }
    let loaded =
        store::parse_annotations(file, &source, name, doc, schema).map_err(|e| e.reason())?;
    if !loaded.unplaced.is_empty() {
        return Err(format!(
            "{} could not be placed on {name}",
            crate::plural::counted(loaded.unplaced.len(), "span", "spans")
        ));
    }
    Ok(loaded.set)
}
