//! A corpus's settings: the optional `newsmark.ron` in a corpus folder.
//!
//! # The settings file
//!
//! Every field is optional; a folder without the file uses the defaults.
//!
//! ```ron
//! (
//!     // The label schema, in palette order (default: person, role, country,
//!     // initiative). Each label needs all four fields.
//!     labels: Some([
//!         (name: "person", color: (47, 128, 237), hotkeys: ['1', 'p'],
//!             description: "A named individual."),
//!         (name: "country", color: (30, 158, 90), hotkeys: ['2', 'c'],
//!             description: "A country, or its capital standing for its government."),
//!     ]),
//!     // The relation types (default: holds person → role, of role →
//!     // country, party_to person or country → initiative). `from` and `to`
//!     // list the labels allowed at each end (empty: any); `directed`
//!     // defaults to true, `hotkeys` and `description` to none.
//!     relations: Some([
//!         (name: "holds", color: (217, 125, 13), hotkeys: ['h'],
//!             description: "A person holds a role.", from: ["person"], to: ["role"]),
//!     ]),
//!     // Annotation guidelines shown to annotators (default: none).
//!     guidelines: Some("Tag a role without the person's name."),
//!     // Retired: accepted so that older files load, and ignored (a shared
//!     // file cannot say who is annotating; see `PersonalSettings`).
//!     annotator: Some("Ana"),
//!     // An external extractor command (default: none). It is run without a
//!     // shell, reads the article on standard input and prints JSON Lines
//!     // spans; see `suggest::external`.
//!     extractor: Some((
//!         argv: ["python3", "examples/spacy_extractor.py"],
//!         timeout_secs: 60,         // per article; default 60
//!         name: Some("spacy"),      // origin of its spans; default: argv[0]'s file stem
//!     )),
//!     // Whether the built-in gazetteer (countries, role titles) suggests
//!     // spans (default: true).
//!     gazetteer: true,
//! )
//! ```
//!
//! `Some(…)` may be left out (`annotator: "Ana"` means the same). An unknown
//! field is an error, so a misspelt setting is reported rather than silently
//! ignored. Errors name the file, and syntax errors give `LINE:COLUMN`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{LabelDef, LabelSchema, RelationDef};

mod personal;
pub use personal::{
    CONFIG_DIR_VARIABLE, PERSONAL_FILE_NAME, PersonalSettings, load_personal, load_personal_from,
    personal_settings_path,
};

/// The settings file's name in a corpus folder.
pub const FILE_NAME: &str = "newsmark.ron";

/// The settings of one corpus folder. See the [module docs](self) for the
/// file format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorpusSettings {
    /// The label schema; `None` means newsmark's built-in one.
    pub labels: Option<Vec<LabelDef>>,
    /// The relation types; `None` means newsmark's built-in ones.
    pub relations: Option<Vec<RelationDef>>,
    /// Annotation guidelines for this corpus.
    pub guidelines: Option<String>,
    /// Retired: accepted (and its length checked) so that older files still
    /// load, and ignored. A folder's `newsmark.ron` is shared by the whole
    /// team, so it cannot say who is annotating: each person's name comes
    /// from their own settings ([`PersonalSettings`]) or `--annotator`.
    pub annotator: Option<String>,
    /// The external extractor command, if one is configured.
    pub extractor: Option<ExtractorConfig>,
    /// Whether the built-in gazetteer suggests spans.
    pub gazetteer: bool,
}

impl Default for CorpusSettings {
    fn default() -> Self {
        Self {
            labels: None,
            relations: None,
            guidelines: None,
            annotator: None,
            extractor: None,
            gazetteer: true,
        }
    }
}

impl CorpusSettings {
    /// The label schema to use: the configured labels and relation types,
    /// or the built-in ones for those the file leaves out.
    pub fn schema(&self) -> LabelSchema {
        let mut schema = LabelSchema::default();
        if let Some(labels) = &self.labels {
            schema.labels.clone_from(labels);
        }
        if let Some(relations) = &self.relations {
            schema.relations.clone_from(relations);
        }
        schema
    }
}

/// How to run an external extractor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtractorConfig {
    /// The program and its arguments, run without a shell. Not empty.
    pub argv: Vec<String>,
    /// Seconds one article may take before the command is killed. Positive.
    #[serde(default = "default_timeout_secs")]
    pub timeout_secs: u64,
    /// The origin name given to its spans; see [`Self::origin_name`].
    #[serde(default)]
    pub name: Option<String>,
}

fn default_timeout_secs() -> u64 {
    60
}

impl ExtractorConfig {
    /// The origin name of its spans: [`Self::name`] if given, else the file
    /// stem of `argv[0]` (`/usr/bin/python3` gives `python3`), else
    /// `"extractor"`.
    pub fn origin_name(&self) -> String {
        if let Some(name) = &self.name {
            return name.clone();
        }
        self.argv
            .first()
            .and_then(|program| Path::new(program).file_stem())
            .map_or_else(
                || "extractor".to_owned(),
                |stem| stem.to_string_lossy().into_owned(),
            )
    }
}

/// Why a settings file could not be used. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file exists but could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The file does not parse (or has an unknown field or a wrong type).
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// The file parses but a value is not allowed.
    #[error("{}: {reason}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
}

/// The largest settings file read (1 MiB): a label schema and guidelines
/// fit in far less, and a corpus from someone else must not be able to make
/// newsmark read a huge file.
pub const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;

/// Reads the settings of the corpus folder `dir` from its `newsmark.ron`.
/// A missing file gives the defaults; a file over [`MAX_SETTINGS_BYTES`] is
/// refused unread.
pub fn load(dir: &Path) -> Result<CorpusSettings, SettingsError> {
    let path = dir.join(FILE_NAME);
    // A FIFO, a device or a link outside the corpus folder is never opened.
    match crate::store::check_file_to_read(&path) {
        Err(crate::store::StoreError::Read { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            log::debug!("no {}: the default settings", path.display());
            return Ok(CorpusSettings::default());
        }
        Err(e) => {
            return Err(SettingsError::Invalid {
                path,
                reason: e.reason(),
            });
        }
        Ok(()) => {}
    }
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(CorpusSettings::default());
        }
        Err(source) => return Err(SettingsError::Read { path, source }),
    };
    let source = read_bounded(file, &path)?;
    log::debug!("read {}", path.display());
    parse(&path, &source)
}

/// The contents of the settings file `file` (at `path`), refused unread
/// past [`MAX_SETTINGS_BYTES`].
fn read_bounded(file: std::fs::File, path: &Path) -> Result<String, SettingsError> {
    use std::io::Read as _;
    let too_large = |size: u64| SettingsError::Invalid {
        path: path.to_owned(),
        reason: format!(
            "too large: {size} bytes, over the {} KiB limit; not read",
            MAX_SETTINGS_BYTES / 1024
        ),
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_SETTINGS_BYTES {
        return Err(too_large(size));
    }
    // The file may grow between the check and the read.
    let mut source = String::new();
    file.take(MAX_SETTINGS_BYTES + 1)
        .read_to_string(&mut source)
        .map_err(|source| SettingsError::Read {
            path: path.to_owned(),
            source,
        })?;
    if source.len() as u64 > MAX_SETTINGS_BYTES {
        return Err(too_large(source.len() as u64));
    }
    Ok(source)
}

/// Parses a settings file's RON (`Some(…)` may be left out); `path` is
/// used in errors.
fn parse_ron<T: serde::de::DeserializeOwned>(
    path: &Path,
    source: &str,
) -> Result<T, SettingsError> {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options
        .from_str(source)
        .map_err(|e: ron::error::SpannedError| SettingsError::Syntax {
            path: path.to_owned(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })
}

/// Parses the contents of a settings file; `path` is used in errors.
pub fn parse(path: &Path, source: &str) -> Result<CorpusSettings, SettingsError> {
    let settings: CorpusSettings = parse_ron(path, source)?;
    if let Some(reason) = invalid_reason(&settings) {
        return Err(SettingsError::Invalid {
            path: path.to_owned(),
            reason,
        });
    }
    Ok(settings)
}

/// Keys the window uses without a modifier, which no label may take: N
/// (next suggestion), A (accept), X (reject).
pub const RESERVED_KEYS: [char; 3] = ['n', 'a', 'x'];

/// A hotkey of the labels (`what` is "labels") or relation types
/// ("relations"), given as (name, keys), that is taken twice among them, is
/// one of [`RESERVED_KEYS`], or is not a letter or digit (case-insensitive).
fn hotkey_clash<'a>(
    what: &str,
    items: impl IntoIterator<Item = (&'a str, &'a [char])>,
) -> Option<String> {
    let mut taken: Vec<(char, &str)> = Vec::new();
    for (name, keys) in items {
        for key in keys {
            let k = key.to_ascii_lowercase();
            if !k.is_ascii_alphanumeric() {
                return Some(format!(
                    "{what}: {name:?}: hotkey {key:?} is not a letter or digit"
                ));
            }
            if RESERVED_KEYS.contains(&k) {
                return Some(format!(
                    "{what}: {name:?}: hotkey {key:?} is newsmark's own (N next suggestion, A accept, X reject)"
                ));
            }
            if let Some((_, other)) = taken.iter().find(|(t, _)| *t == k) {
                return Some(format!(
                    "{what}: {name:?}: hotkey {key:?} is already {other:?}'s"
                ));
            }
            taken.push((k, name));
        }
    }
    None
}

/// What is wrong with the relation types, if anything: an invalid or
/// repeated name or argument label, a description over its limit, a hotkey
/// refused by [`hotkey_clash`] (relation keys are read only while linking,
/// so they may be labels' keys too).
fn relations_reason(relations: &[RelationDef]) -> Option<String> {
    let mut names = HashSet::new();
    for relation in relations {
        let name = crate::model::elide_debug(&relation.name);
        if relation.name.trim().is_empty() {
            return Some("relations: a relation type has an empty name".to_owned());
        }
        if let Err(e) = crate::model::check_label_name(&relation.name) {
            return Some(format!("relations: {e}"));
        }
        if !names.insert(relation.name.as_str()) {
            return Some(format!("relations: {name} is defined twice"));
        }
        if let Err(e) =
            crate::model::check_length(&relation.description, crate::model::MAX_DESCRIPTION_CHARS)
        {
            return Some(format!("relations: {name}: description: {e}"));
        }
        for end in relation.from.iter().chain(&relation.to) {
            if let Err(e) = crate::model::check_label_name(end) {
                return Some(format!("relations: {name}: argument label: {e}"));
            }
        }
    }
    let keys = relations
        .iter()
        .map(|r| (r.name.as_str(), r.hotkeys.as_slice()));
    hotkey_clash("relations", keys)
}

/// The longest `guidelines`, in characters (they are shown in the F1 help).
pub const MAX_GUIDELINES_CHARS: usize = 10_000;

/// A string over its limit: the guidelines, the annotator's or the
/// extractor's name (the name rule of labels, [`crate::model::check_name`]).
fn unbounded_reason(settings: &CorpusSettings) -> Option<String> {
    use crate::model::{MAX_NAME_CHARS, check_length, check_name};
    if let Some(Err(e)) = settings
        .guidelines
        .as_deref()
        .map(|g| check_length(g, MAX_GUIDELINES_CHARS))
    {
        return Some(format!("guidelines: {e}"));
    }
    let names = [
        ("annotator", settings.annotator.as_deref()),
        (
            "extractor: name",
            settings.extractor.as_ref().and_then(|e| e.name.as_deref()),
        ),
    ];
    names.into_iter().find_map(|(field, name)| {
        let e = check_name(name?, MAX_NAME_CHARS).err()?;
        Some(format!("{field}: {e}"))
    })
}

/// What is not allowed in settings that parsed, if anything.
fn invalid_reason(settings: &CorpusSettings) -> Option<String> {
    if let Some(labels) = &settings.labels {
        if labels.is_empty() {
            return Some("labels: the list is empty".to_owned());
        }
        let mut names = HashSet::new();
        for label in labels {
            if label.name.trim().is_empty() {
                return Some("labels: a label has an empty name".to_owned());
            }
            if let Err(e) = crate::model::check_label_name(&label.name) {
                return Some(format!("labels: {e}"));
            }
            if let Err(e) =
                crate::model::check_length(&label.description, crate::model::MAX_DESCRIPTION_CHARS)
            {
                return Some(format!(
                    "labels: {}: description: {e}",
                    crate::model::elide_debug(&label.name)
                ));
            }
            if !names.insert(label.name.as_str()) {
                return Some(format!("labels: {:?} is defined twice", label.name));
            }
        }
        let keys = labels
            .iter()
            .map(|l| (l.name.as_str(), l.hotkeys.as_slice()));
        if let Some(reason) = hotkey_clash("labels", keys) {
            return Some(reason);
        }
    }
    if let Some(reason) = settings.relations.as_deref().and_then(relations_reason) {
        return Some(reason);
    }
    if let Some(reason) = unbounded_reason(settings) {
        return Some(reason);
    }
    if let Some(extractor) = &settings.extractor {
        if extractor.argv.first().is_none_or(|p| p.is_empty()) {
            return Some("extractor: argv must name a program".to_owned());
        }
        if extractor.timeout_secs == 0 {
            return Some("extractor: timeout_secs must be at least 1".to_owned());
        }
    }
    None
}
