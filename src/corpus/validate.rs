//! Checking articles and annotation files without opening them for editing:
//! what `newsmark validate` reports.
//!
//! Every check the loader makes is made here too (RON syntax, format
//! version, offsets, quotes, labels, the text hash, duplicate ids and spans,
//! the `document` field, size limits, binary and non-UTF-8 files, relations
//! with a missing end, an unknown type or ends of labels their type does not
//! allow), plus what only a walk over the folder sees: an annotation file
//! without its article, a broken `newsmark.ron` or `entities.ron`, and
//! entity links to ids the folder's `entities.ron` does not hold. An
//! annotator's file `X.NAME.ron` is checked against its article `X.txt` as
//! the gold `X.ron` is. A span that splits a character (a grapheme cluster
//! such as 👩🏽‍💻) is a warning, not a problem. Nothing is written.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fmt;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::listing::{NameList, Visited, visible_stem};
use super::pair_check::{
    ANNOTATIONS, ANNOTATOR_FILE, ARTICLE, Checked, check_annotator_file, check_orphan, check_pair,
};
use crate::entities::{self, Registry};
use crate::model::{LabelSchema, SpanId};
use crate::settings::{self, SettingsError};
use crate::store::{self, LoadProblem, StoreError, folder_of};

/// The warning for a `newsmark.ron` that still names an annotator.
pub const RETIRED_ANNOTATOR: &str = "annotator: retired and ignored: a shared folder \
    cannot say who annotates; each person sets their name in their own settings \
    (~/.config/newsmark/settings.ron) or with --annotator";

/// One thing wrong in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file concerned, as reached from the paths given.
    pub file: PathBuf,
    /// The span concerned, if the problem is about one span.
    pub span_id: Option<SpanId>,
    /// The 1-based line and column, for a syntax error.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for Problem {
    /// `FILE: span ID: reason`, `FILE:LINE:COLUMN: reason` or `FILE: reason`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match (self.span_id, self.position) {
            (Some(id), _) => write!(f, "{file}: span {id}: {}", self.reason),
            (None, Some((line, col))) => write!(f, "{file}:{line}:{col}: {}", self.reason),
            (None, None) => write!(f, "{file}: {}", self.reason),
        }
    }
}

impl From<LoadProblem> for Problem {
    fn from(p: LoadProblem) -> Self {
        Self {
            file: p.file,
            span_id: p.span_id,
            position: None,
            reason: p.reason,
        }
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Self {
        Self {
            file: e.path().to_owned(),
            span_id: None,
            position: e.position(),
            reason: e.reason(),
        }
    }
}

impl From<SettingsError> for Problem {
    fn from(e: SettingsError) -> Self {
        let (file, position, reason) = match e {
            SettingsError::Read { path, source } => (path, None, format!("cannot read: {source}")),
            SettingsError::Syntax {
                path,
                line,
                col,
                message,
            } => (path, Some((line, col)), message),
            SettingsError::Invalid { path, reason } => (path, None, reason),
        };
        Self {
            file,
            span_id: None,
            position,
            reason,
        }
    }
}

impl From<entities::EntitiesError> for Problem {
    fn from(e: entities::EntitiesError) -> Self {
        match e {
            entities::EntitiesError::Store(e) => e.into(),
            entities::EntitiesError::Syntax {
                path,
                line,
                col,
                message,
            } => Self {
                file: path,
                span_id: None,
                position: Some((line, col)),
                reason: message,
            },
            entities::EntitiesError::Invalid { path, reason } => Self {
                file: path,
                span_id: None,
                position: None,
                reason,
            },
        }
    }
}

/// What [`validate_paths`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationReport {
    /// Files looked at: articles, annotation files and settings files.
    pub files_checked: usize,
    /// Every problem, in the order the files were walked (sorted by name,
    /// a folder's files before its subfolders).
    pub problems: Vec<Problem>,
    /// What is worth a look but not wrong (a span that splits a character
    /// in two), in the same order. Warnings do not make a report unclean.
    pub warnings: Vec<Problem>,
}

impl ValidationReport {
    /// Whether nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// How many different files have at least one problem.
    pub fn files_with_problems(&self) -> usize {
        let files: HashSet<&Path> = self.problems.iter().map(|p| p.file.as_path()).collect();
        files.len()
    }

    /// The report as JSON: `{"files_checked": N, "problems": [{"file",
    /// "span_id", "line", "column", "reason"}], "warnings": [same]}`, absent
    /// values as `null`.
    pub fn to_json(&self) -> serde_json::Value {
        let list = |problems: &[Problem]| -> Vec<serde_json::Value> {
            problems
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "file": p.file.to_string_lossy(),
                        "span_id": p.span_id,
                        "line": p.position.map(|(line, _)| line),
                        "column": p.position.map(|(_, col)| col),
                        "reason": p.reason,
                    })
                })
                .collect()
        };
        serde_json::json!({
            "files_checked": self.files_checked,
            "problems": list(&self.problems),
            "warnings": list(&self.warnings),
        })
    }
}

/// Checks each path: an article (`.txt`, with its `.ron` if there is one),
/// an annotation file (`.ron`, with its article), a folder's `newsmark.ron`,
/// or a folder, walked recursively (hidden entries and symbolic links to
/// folders are skipped). Labels are checked against `schema_for(folder)`,
/// asked once per folder; a `newsmark.ron` that cannot be loaded is a
/// problem itself. Each article and annotation file is checked once, however
/// often it is reached. Reads only; never fails: whatever cannot be read is
/// a problem in the report.
pub fn validate_paths(
    paths: &[PathBuf],
    schema_for: impl Fn(&Path) -> LabelSchema,
) -> ValidationReport {
    validate_paths_with_progress(paths, schema_for, |_| {})
}

/// [`validate_paths`], calling `on_article(path)` as each article (or
/// annotation file without one) is reached, before it is checked: a progress
/// bar's hook.
pub fn validate_paths_with_progress(
    paths: &[PathBuf],
    schema_for: impl Fn(&Path) -> LabelSchema,
    on_article: impl FnMut(&Path),
) -> ValidationReport {
    let mut walk = Walk {
        schema_for,
        on_article,
        schemas: HashMap::new(),
        registries: HashMap::new(),
        settings_seen: HashSet::new(),
        visited: Visited::default(),
        report: ValidationReport::default(),
    };
    for path in paths {
        walk.path(path);
    }
    walk.report
}

/// A key that is the same however a file is reached (`a.txt`, `./a.txt`,
/// through its folder).
fn identity(path: &Path) -> PathBuf {
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    std::fs::canonicalize(folder_of(path)).map_or_else(|_| path.to_owned(), |dir| dir.join(name))
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

fn is_settings_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == settings::FILE_NAME)
}

fn is_registry_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == entities::file::FILE_NAME)
}

/// The state of one [`validate_paths`] call.
struct Walk<F, G> {
    schema_for: F,
    on_article: G,
    schemas: HashMap<PathBuf, LabelSchema>,
    /// Each folder's entity registry (`None`: it could not be loaded).
    registries: HashMap<PathBuf, Option<Registry>>,
    settings_seen: HashSet<PathBuf>,
    /// Folders walked and articles given by name: each pair is checked
    /// once.
    visited: Visited,
    report: ValidationReport,
}

impl<F: Fn(&Path) -> LabelSchema, G: FnMut(&Path)> Walk<F, G> {
    fn problem(&mut self, file: &Path, reason: String) {
        self.report.problems.push(Problem {
            file: file.to_owned(),
            span_id: None,
            position: None,
            reason,
        });
    }

    fn path(&mut self, path: &Path) {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.problem(path, "no such file or folder".to_owned());
            }
            Err(e) => self.problem(path, format!("cannot read: {e}")),
            Ok(meta) if meta.is_dir() => self.folder(path),
            // A pipe or device could block reading, or never end: refused
            // unopened, saying what it is.
            Ok(meta) if !meta.is_file() => {
                if let Err(e) = store::check_regular_file(path) {
                    self.report.problems.push(e.into());
                }
            }
            Ok(_) if is_settings_file(path) => self.settings(folder_of(path)),
            Ok(_) if is_registry_file(path) => {
                self.registry(path);
            }
            Ok(_) if has_extension(path, "txt") => {
                self.settings(folder_of(path));
                self.pair(path);
            }
            Ok(_) if has_extension(path, "ron") => {
                self.settings(folder_of(path));
                match store::article_of_annotations(path) {
                    Some((txt, None)) => self.pair(&txt),
                    Some((txt, Some(_))) => self.annotator_file(path, &txt),
                    None => self.orphan(path),
                }
            }
            Ok(_) => self.problem(
                path,
                "not checked: not an article (.txt), an annotation file (.ron) or a folder"
                    .to_owned(),
            ),
        }
    }

    /// Checks a folder's settings, pairs and subfolders, once. The pairs
    /// are checked on every core, and reported in order.
    fn folder(&mut self, dir: &Path) {
        let Some(real) = self.visited.enter(dir) else {
            return;
        };
        self.settings(dir);
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => return self.problem(dir, format!("cannot read folder: {e}")),
        };
        // Articles and annotation files by stem (one entry each), held
        // compactly: a folder may hold 100,000 articles.
        let mut files = NameList::default();
        let mut subfolders = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => return self.problem(dir, format!("cannot read folder: {e}")),
            };
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            // Symbolic links to folders are not followed (no loops); links
            // to files are.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                subfolders.push(entry.path());
                continue;
            }
            // Articles and annotation files that are not regular files (a
            // FIFO, a link to a device or to nothing) are reported when
            // their pair is checked, never opened.
            if name == settings::FILE_NAME || name == entities::file::FILE_NAME {
                continue;
            }
            let found = [(ARTICLE, "txt"), (ANNOTATIONS, "ron")]
                .into_iter()
                .find_map(|(kind, ext)| visible_stem(&name, ext).map(|stem| (stem, kind)));
            // An annotation file is listed only when its article is not
            // there (it is checked with its article): half the list.
            let Some((stem, mut kind)) = found else {
                continue;
            };
            // An annotator's file `X.NAME.ron` is checked on `X.txt`.
            if kind == ANNOTATIONS {
                match store::article_of_annotations(&entry.path()) {
                    Some((_, None)) => continue,
                    Some((_, Some(_))) => kind = ANNOTATOR_FILE,
                    None => {}
                }
            }
            if let Err(e) = files.push(stem, kind) {
                return self.problem(dir, format!("cannot read folder: {e}"));
            }
        }
        if let Err(e) = files.sort() {
            return self.problem(dir, format!("cannot read folder: {e}"));
        }
        // Asked only of a folder that has something to check.
        let (schema, registry) = if files.len() == 0 {
            (LabelSchema::default(), None)
        } else {
            let file = dir.join(settings::FILE_NAME);
            (self.schema(&file), self.registry(&file))
        };
        // A stem's entries are next to each other, the article first. The
        // paths are made as they are checked, not all held at once.
        let visited = std::mem::take(&mut self.visited);
        let mut previous: Option<OsString> = None;
        let pairs = files.iter().filter_map(|(stem, kind)| {
            if previous.as_ref() == Some(&stem) {
                return None;
            }
            // A pair is known by its article's name, an annotator's file by
            // its own.
            let mut given_name = stem.clone();
            given_name.push(if kind == ANNOTATOR_FILE {
                ".ron"
            } else {
                ".txt"
            });
            let mut path = dir.join(&stem);
            path.as_mut_os_string()
                .push(if kind == ARTICLE { ".txt" } else { ".ron" });
            previous = Some(stem);
            (!visited.was_given(&real, &given_name)).then_some((path, kind))
        });
        crate::corpus::map_in_order(
            pairs,
            |(path, kind)| match *kind {
                ARTICLE => check_pair(path, &schema, registry.as_ref()),
                ANNOTATOR_FILE => match store::article_of_annotations(path) {
                    Some((txt, _)) => check_annotator_file(path, &txt, &schema, registry.as_ref()),
                    None => check_orphan(path, &schema),
                },
                _ => check_orphan(path, &schema),
            },
            |(path, _), checked| {
                (self.on_article)(&path);
                self.add_checked(checked);
                ControlFlow::<()>::Continue(())
            },
        );
        self.visited = visited;
        subfolders.sort();
        for sub in subfolders {
            self.folder(&sub);
        }
    }

    /// Checks the folder's `newsmark.ron`, once.
    fn settings(&mut self, dir: &Path) {
        if !self
            .settings_seen
            .insert(identity(&dir.join(settings::FILE_NAME)))
        {
            return;
        }
        if matches!(dir.join(settings::FILE_NAME).try_exists(), Ok(false)) {
            return;
        }
        self.report.files_checked += 1;
        match settings::load(dir) {
            Err(e) => self.report.problems.push(e.into()),
            Ok(found) if found.annotator.is_some() => self.report.warnings.push(Problem {
                file: dir.join(settings::FILE_NAME),
                span_id: None,
                position: None,
                reason: RETIRED_ANNOTATOR.to_owned(),
            }),
            Ok(_) => {}
        }
    }

    /// The entity registry of the folder holding `file`, loaded (and its
    /// file checked, a problem if it cannot be loaded) once per folder.
    fn registry(&mut self, file: &Path) -> Option<Registry> {
        let dir = folder_of(file);
        let key = identity(&dir.join(entities::file::FILE_NAME));
        if let Some(registry) = self.registries.get(&key) {
            return registry.clone();
        }
        let exists = dir.join(entities::file::FILE_NAME).try_exists();
        if matches!(exists, Ok(true)) {
            self.report.files_checked += 1;
        }
        let registry = match entities::load(dir) {
            Ok(registry) => Some(registry),
            Err(e) => {
                self.report.problems.push(e.into());
                None
            }
        };
        self.registries.insert(key, registry.clone());
        registry
    }

    /// The label schema of the folder holding `file`.
    fn schema(&mut self, file: &Path) -> LabelSchema {
        let dir = folder_of(file);
        let key = identity(&dir.join(settings::FILE_NAME));
        self.schemas
            .entry(key)
            .or_insert_with(|| (self.schema_for)(dir))
            .clone()
    }

    /// Checks an article given by name, and its annotation file, once.
    fn pair(&mut self, txt: &Path) {
        if self.already_checked(txt) {
            return;
        }
        (self.on_article)(txt);
        let schema = self.schema(txt);
        let registry = self.registry(txt);
        self.add_checked(check_pair(txt, &schema, registry.as_ref()));
    }

    /// Checks an annotator's file given by name (`X.NAME.ron`) on its
    /// article `txt`, once.
    fn annotator_file(&mut self, ron: &Path, txt: &Path) {
        if self.already_checked(ron) {
            return;
        }
        (self.on_article)(ron);
        let schema = self.schema(ron);
        let registry = self.registry(ron);
        self.add_checked(check_annotator_file(ron, txt, &schema, registry.as_ref()));
    }

    /// Checks an annotation file given by name that has no article beside
    /// it, once.
    fn orphan(&mut self, ron: &Path) {
        if self.already_checked(&ron.with_extension("txt")) {
            return;
        }
        (self.on_article)(ron);
        let schema = self.schema(ron);
        self.add_checked(check_orphan(ron, &schema));
    }

    /// Whether the pair of the article `txt` (given by name) was checked
    /// already, by name or in a walk of its folder; notes it as checked.
    fn already_checked(&mut self, txt: &Path) -> bool {
        !self.visited.given(txt)
    }

    fn add_checked(&mut self, checked: Checked) {
        self.report.files_checked += checked.files;
        self.report.problems.extend(checked.problems);
        self.report.warnings.extend(checked.warnings);
    }
}
