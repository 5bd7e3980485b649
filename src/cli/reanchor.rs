//! `newsmark reanchor PATH… [--json]`: re-anchors the annotations of
//! articles that changed since they were annotated, and rewrites their
//! annotation files, unless a span could not be placed.

use std::collections::HashSet;
use std::io::Write as _;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::corpus::listing::{NameList, Visited};
use crate::model::LabelSchema;
use crate::plural::{counted, noun};
use crate::store::{self, How};
use crate::{model::SpanId, settings};

/// Arguments of `newsmark reanchor`.
#[derive(Args, Debug)]
pub struct ReanchorArgs {
    /// Articles (.txt), annotation files (.ron) or folders (walked
    /// recursively) whose annotations to re-anchor.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Print the report as JSON on standard output, for machines.
    #[arg(long)]
    json: bool,
}

/// What became of one annotation file.
#[derive(Debug, Default)]
struct FileReport {
    ron: PathBuf,
    /// Whether the article changed since the file was saved.
    text_changed: bool,
    stayed: usize,
    moved: usize,
    fuzzy: usize,
    orphaned: usize,
    /// Spans that cannot be placed whatever the text (bad offsets in an
    /// unchanged text, duplicates, empty spans).
    unplaced: usize,
    rewritten: bool,
    /// Why the file could not be re-anchored at all.
    error: Option<String>,
    /// Per-span notes: moved, fuzzy, orphaned, set aside.
    notes: Vec<(Option<SpanId>, String)>,
    /// The spans moved with their quote unchanged (their notes are only in
    /// the JSON report).
    moved_ids: HashSet<SpanId>,
}

impl FileReport {
    /// Whether something in this file needs a person.
    fn needs_attention(&self) -> bool {
        self.error.is_some() || self.orphaned > 0 || self.unplaced > 0
    }

    /// `a.ron: 20 stayed, 3 moved, 1 fuzzy, 0 orphaned: rewritten`.
    fn summary(&self) -> String {
        let file = self.ron.display();
        if let Some(error) = &self.error {
            return format!("{file}: not re-anchored: {error}");
        }
        let outcome = if self.rewritten && self.orphaned > 0 {
            "rewritten, the orphans kept in its orphans list (place or delete them in the window)"
                .to_owned()
        } else if self.rewritten {
            "rewritten".to_owned()
        } else if self.unplaced > 0 {
            format!(
                "not rewritten: {} could not be placed at all (rewriting would drop {}; fix \
                 or delete {} in the window)",
                counted(self.unplaced, "span", "spans"),
                noun(self.unplaced, "it", "them"),
                noun(self.unplaced, "it", "them")
            )
        } else if self.text_changed {
            "not rewritten".to_owned()
        } else {
            "unchanged: the article is the one annotated".to_owned()
        };
        let unplaced = match self.unplaced {
            0 => String::new(),
            n => format!(", {n} set aside"),
        };
        format!(
            "{file}: {} stayed, {} moved, {} fuzzy, {} orphaned{unplaced}: {outcome}",
            self.stayed, self.moved, self.fuzzy, self.orphaned
        )
    }

    fn to_json(&self) -> serde_json::Value {
        let notes: Vec<serde_json::Value> = self
            .notes
            .iter()
            .map(|(id, reason)| serde_json::json!({ "span_id": id, "reason": reason }))
            .collect();
        serde_json::json!({
            "file": self.ron.to_string_lossy(),
            "text_changed": self.text_changed,
            "stayed": self.stayed,
            "moved": self.moved,
            "fuzzy": self.fuzzy,
            "orphaned": self.orphaned,
            "unplaced": self.unplaced,
            "rewritten": self.rewritten,
            "error": self.error,
            "notes": notes,
        })
    }
}

/// Re-anchors every pair reached from the paths and prints a report: a
/// line `FILE: span ID: reason` per span matched fuzzily, orphaned or set
/// aside, then per file `FILE: N stayed, N moved, N fuzzy, N orphaned: …`
/// on standard output (or JSON, with a note for every span that changed),
/// a summary on standard error. Exit 2 if any file has spans that could not be placed
/// or could not be re-anchored; 1 if a path is missing or of another kind
/// (then nothing is done).
///
/// One folder's files are re-anchored at a time, on every core, and each
/// report printed as it comes: memory does not grow with the corpus.
pub fn run(args: &ReanchorArgs) -> anyhow::Result<ExitCode> {
    let kinds = args
        .paths
        .iter()
        .map(|path| path_kind(path))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut out = Printer::new(args.json);
    let mut visited = Visited::default();
    for (path, kind) in args.paths.iter().zip(kinds) {
        match kind {
            PathKind::Folder => walk(path, &mut visited, &mut out)?,
            PathKind::Pair(txt, ron) => {
                if visited.given(&ron) {
                    out.print(&reanchor_pair(&txt, &ron, &folder_schema(&txt)))?;
                }
            }
            PathKind::Nothing => {}
        }
    }
    out.finish()?;
    let _ = writeln!(
        std::io::stderr(),
        "{}: {} rewritten, {} with spans not placed or errors",
        counted(out.files, "annotation file", "annotation files"),
        out.rewritten,
        out.attention
    );
    Ok(if out.attention == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// What a path given on the command line is.
enum PathKind {
    /// A folder, walked recursively.
    Folder,
    /// An article and its annotation file.
    Pair(PathBuf, PathBuf),
    /// An article not annotated yet: nothing to re-anchor.
    Nothing,
}

/// What `path` is; a missing path, or a file that is neither `.txt` nor
/// `.ron`, is an error.
fn path_kind(path: &Path) -> anyhow::Result<PathKind> {
    let meta = std::fs::metadata(path)
        .map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", path.display()))?;
    Ok(if meta.is_dir() && !is_annotation_path(path) {
        PathKind::Folder
    } else if has_extension(path, "txt") {
        // An article not annotated yet has nothing to re-anchor; one
        // whose annotation file is a folder (or a pipe…) is reported.
        let ron = store::paired_ron_path(path);
        if std::fs::symlink_metadata(&ron).is_ok() {
            PathKind::Pair(path.to_owned(), ron)
        } else {
            PathKind::Nothing
        }
    } else if has_extension(path, "ron") && !is_reserved(path) {
        PathKind::Pair(article_of(path), path.to_owned())
    } else {
        anyhow::bail!(
            "{}: not an article (.txt), an annotation file (.ron) or a folder",
            path.display()
        );
    })
}

/// The labels of the folder holding `file`. A broken newsmark.ron only
/// changes which labels are known, and spans with unknown labels are kept
/// anyway.
fn folder_schema(file: &Path) -> LabelSchema {
    let dir = store::folder_of(file);
    settings::load(dir).map(|s| s.schema()).unwrap_or_default()
}

/// Prints the reports as they come, and counts them.
struct Printer {
    json: bool,
    files: usize,
    rewritten: usize,
    attention: usize,
}

impl Printer {
    fn new(json: bool) -> Self {
        Self {
            json,
            files: 0,
            rewritten: 0,
            attention: 0,
        }
    }

    /// Prints one file's report (text, or an item of the JSON `files` list,
    /// laid out as the whole document pretty-printed would be).
    fn print(&mut self, report: &FileReport) -> std::io::Result<()> {
        let text = if self.json {
            let item = serde_json::to_string_pretty(&report.to_json())?.replace('\n', "\n    ");
            let before = if self.files == 0 {
                "{\n  \"files\": ["
            } else {
                ","
            };
            format!("{before}\n    {item}")
        } else {
            let mut text = String::new();
            let listed = report
                .notes
                .iter()
                .filter(|(id, _)| id.is_none_or(|id| !report.moved_ids.contains(&id)));
            for (id, reason) in listed {
                let file = report.ron.display();
                text.push_str(&match id {
                    Some(id) => format!("{file}: span {id}: {reason}\n"),
                    None => format!("{file}: {reason}\n"),
                });
            }
            text.push_str(&report.summary());
            text.push('\n');
            text
        };
        self.files += 1;
        self.rewritten += usize::from(report.rewritten);
        self.attention += usize::from(report.needs_attention());
        write_out(&text)
    }

    /// Ends the JSON document.
    fn finish(&mut self) -> std::io::Result<()> {
        match (self.json, self.files) {
            (false, _) => Ok(()),
            (true, 0) => write_out("{\n  \"files\": []\n}\n"),
            (true, _) => write_out("\n  ]\n}\n"),
        }
    }
}

/// Writes to standard output; a reader that stopped reading (`| head`) is
/// not an error.
fn write_out(text: &str) -> std::io::Result<()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}

/// Re-anchors one article's annotation file and rewrites it if the article
/// changed and no span was set aside (orphans are written in its `orphans`
/// list).
fn reanchor_pair(txt: &Path, ron: &Path, schema: &LabelSchema) -> FileReport {
    let mut report = FileReport {
        ron: ron.to_owned(),
        ..FileReport::default()
    };
    // A folder, pipe or device where the annotation file should be is
    // refused before anything is opened (a pipe could block forever).
    match std::fs::metadata(ron) {
        Ok(meta) if meta.is_file() => {}
        Ok(meta) => {
            let what = if meta.is_dir() {
                "a folder"
            } else {
                "not a regular file"
            };
            report.error = Some(format!("{what}, not an annotation file; nothing done"));
            return report;
        }
        Err(e) => {
            report.error = Some(format!("cannot read: {e}"));
            return report;
        }
    }
    let doc = match store::read_text(txt) {
        Ok(doc) => doc,
        Err(e) => {
            report.error = Some(e.to_string());
            return report;
        }
    };
    let name = store::file_name(txt);
    let loaded = match store::load_annotations(ron, &name, &doc, schema) {
        Ok(loaded) => loaded,
        Err(e) => {
            report.error = Some(e.reason());
            return report;
        }
    };
    // The `document` field is never followed; a file that names another
    // document (or a path) may not be this article's, so it is left for a
    // person, as `validate` reports it.
    if let Some(reason) = loaded.document_problem {
        report.error = Some(format!(
            "{reason}; left as it is (open the article in newsmark to check its spans and save)"
        ));
        return report;
    }
    report.text_changed = loaded.text_changed;
    report.notes = loaded
        .problems
        .iter()
        .filter(|p| p.span_id.is_some())
        .map(|p| (p.span_id, p.reason.clone()))
        .collect();
    report.orphaned = loaded.orphans.len();
    report.unplaced = loaded.unplaced.len();
    report.stayed = loaded.set.len();
    for (id, how) in &loaded.reanchored {
        match how {
            How::Stayed => continue,
            How::Moved => {
                report.moved += 1;
                report.moved_ids.insert(*id);
            }
            How::Fuzzy { .. } => report.fuzzy += 1,
        }
        report.stayed -= 1;
    }
    if loaded.text_changed && !loaded.would_lose_data() {
        match store::save_annotations(ron, &name, &doc, &loaded.set) {
            Ok(()) => report.rewritten = true,
            Err(e) => report.error = Some(e.to_string()),
        }
    }
    report
}

/// Re-anchors the folder's pairs (every `.ron` but newsmark's own, sorted
/// by name) on every core, printing each report in order, then walks its
/// subfolders (hidden entries and links to folders skipped). An annotation
/// file without its article is a pair too (reading it fails and is
/// reported). Each folder is walked once, and a file given by name before
/// is not re-anchored again.
fn walk(dir: &Path, visited: &mut Visited, out: &mut Printer) -> anyhow::Result<()> {
    let Some(real) = visited.enter(dir) else {
        return Ok(());
    };
    let read = |e: std::io::Error| anyhow::anyhow!("{}: cannot read folder: {e}", dir.display());
    let mut stems = NameList::default();
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read)? {
        let entry = entry.map_err(read)?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let listed = match entry.file_type() {
            // A folder named like an article's annotation file is reported
            // as that file, and walked as a folder.
            Ok(kind) if kind.is_dir() => {
                folders.push(path.clone());
                is_annotation_path(&path)
            }
            Ok(_) if path.is_file() && has_extension(&path, "ron") && !is_reserved(&path) => true,
            // A pipe or device named like an annotation file beside its
            // article is reported, never opened.
            Ok(_) => is_annotation_path(&path),
            Err(_) => false,
        };
        if listed && let Some(stem) = path.file_stem() {
            stems.push(stem, 0).map_err(read)?;
        }
    }
    stems.sort().map_err(read)?;
    folders.sort();
    if stems.len() > 0 {
        let schema = folder_schema(&dir.join(settings::FILE_NAME));
        let pairs = stems.iter().filter_map(|(stem, _)| {
            let mut name = stem;
            name.push(".ron");
            let ron = dir.join(&name);
            (!visited.was_given(&real, &name)).then(|| (article_of(&ron), ron))
        });
        let mut failed = None;
        crate::corpus::map_in_order(
            pairs,
            |(txt, ron)| reanchor_pair(txt, ron, &schema),
            |_, report| match out.print(&report) {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    failed = Some(e);
                    ControlFlow::Break(())
                }
            },
        );
        if let Some(e) = failed {
            return Err(e.into());
        }
    }
    for folder in folders {
        walk(&folder, visited, out)?;
    }
    Ok(())
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

/// Whether `path` is newsmark's own file (the folder's settings, a backup…),
/// never an annotation file.
fn is_reserved(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| store::reserved_file_name(&n.to_string_lossy()).is_some())
}

/// Whether `path` is where an article's annotation file is: `NAME.ron`,
/// not newsmark's own, with `NAME.txt` beside it, or an annotator's
/// `X.NAME.ron` with `X.txt` beside it (whatever `path` itself is: a folder
/// or a pipe there is reported, not walked into or opened).
fn is_annotation_path(path: &Path) -> bool {
    has_extension(path, "ron")
        && !is_reserved(path)
        && store::article_of_annotations(path).is_some()
}

/// The article of the annotation file `ron`: `X.txt` for the gold `X.ron`
/// or an annotator's `X.NAME.ron` ([`store::article_of_annotations`]), or
/// the missing `NAME.txt` of a file without one (reported when read).
fn article_of(ron: &Path) -> PathBuf {
    store::article_of_annotations(ron).map_or_else(|| ron.with_extension("txt"), |(txt, _)| txt)
}
