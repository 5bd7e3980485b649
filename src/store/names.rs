//! Which names in a corpus folder are newsmark's own, which names can be
//! documents and annotators, and which article an annotation file is on:
//! the one rule every command that creates, writes or pairs an article or
//! annotation file by name goes through.

use std::path::{Path, PathBuf};

use crate::settings;

/// Why the file `file_name`, directly in a corpus folder, is newsmark's own
/// (so never created or overwritten as an article or annotation file), or
/// `None` if it is not. Names are compared without regard to ASCII case, as
/// on case-insensitive file systems `Newsmark.ron` is `newsmark.ron`.
///
/// Reserved: the folder's settings `newsmark.ron`, `entities.ron` (kept for
/// the corpus's entity registry), backups (`*.bak`), recovery journals
/// (`.NAME.ron.journal`, `*.journal.broken`…) and temporary files
/// (`.newsmark-*.tmp`). (Other hidden files are not newsmark's, but no
/// command creates a document with a hidden name: see
/// [`document_name_problem`].)
pub fn reserved_file_name(file_name: &str) -> Option<&'static str> {
    let lower = file_name.to_ascii_lowercase();
    if lower == settings::FILE_NAME {
        Some("it is the folder's settings file")
    } else if lower == ENTITIES_FILE_NAME {
        Some("it is reserved for the corpus's entity registry")
    } else if lower.ends_with(".bak") {
        Some("it is the name of a backup (.bak)")
    } else if lower.starts_with(".newsmark-") {
        Some("it is the name of one of newsmark's temporary files")
    } else if lower.starts_with('.') && lower.contains(".journal") {
        Some("it is the name of a recovery journal")
    } else {
        None
    }
}

/// The file name kept for the corpus's entity registry.
pub const ENTITIES_FILE_NAME: &str = "entities.ron";

/// Why `name` cannot be a document of a corpus folder, if it cannot: it
/// must name a visible file directly in the folder (no path, no control
/// characters), and neither `NAME.txt` nor its annotation file `NAME.ron`
/// may be a name newsmark keeps for itself ([`reserved_file_name`]).
pub fn document_name_problem(name: &str) -> Option<String> {
    let problem = if name.is_empty() {
        "it is empty"
    } else if name.contains(['/', '\\']) || Path::new(name).is_absolute() {
        "it is a path, not a plain file name"
    } else if name.starts_with('.') {
        "it starts with '.' (a hidden file, or a parent folder)"
    } else if name.chars().any(char::is_control) {
        "it contains control characters"
    } else {
        let reserved = [format!("{name}.txt"), format!("{name}.ron")]
            .into_iter()
            .find_map(|file| reserved_file_name(&file).map(|why| (file, why)));
        return reserved.map(|(file, why)| format!("{file}: {why}"));
    };
    Some(problem.to_owned())
}

/// The longest annotator name, in characters.
pub const MAX_ANNOTATOR_CHARS: usize = 40;

/// An annotator's name, checked against the rule of
/// [`annotator_name_problem`]: it names the annotator's files
/// (`X.NAME.ron` beside the article `X.txt`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Annotator(String);

/// A name refused as an annotator's name, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("annotator name {name}: {reason}")]
pub struct AnnotatorNameError {
    /// The name given, quoted (elided if long).
    pub name: String,
    /// What is wrong with it.
    pub reason: String,
}

impl Annotator {
    /// `name` as an annotator's name, if it follows the rule of
    /// [`annotator_name_problem`].
    pub fn new(name: &str) -> Result<Self, AnnotatorNameError> {
        match annotator_name_problem(name) {
            None => Ok(Self(name.to_owned())),
            Some(reason) => Err(AnnotatorNameError {
                name: crate::model::elide_debug(name),
                reason,
            }),
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Annotator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why `name` cannot be an annotator's name, if it cannot. The name goes
/// into file names (`X.NAME.ron`) shared by a team on every system, so it
/// is 1 to [`MAX_ANNOTATOR_CHARS`] letters, digits, `-` or `_`: no dot
/// (the dot separates it from the article's name), no path separator, no
/// space.
pub fn annotator_name_problem(name: &str) -> Option<String> {
    let chars = name.chars().count();
    if name.is_empty() {
        return Some("it is empty".to_owned());
    }
    if chars > MAX_ANNOTATOR_CHARS {
        return Some(format!(
            "{chars} characters long, over the {MAX_ANNOTATOR_CHARS}-character limit"
        ));
    }
    let bad = name
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '_'))?;
    Some(match bad.1 {
        '.' => "it contains '.', which separates the annotator's name from the article's \
                in X.NAME.ron"
            .to_owned(),
        '/' | '\\' => "it contains a path separator".to_owned(),
        c => format!(
            "it contains {c:?} at character {}: only letters, digits, '-' and '_' are allowed",
            bad.0 + 1
        ),
    })
}

/// Where the annotations of the article `txt_path` are: the gold
/// `X.ron` without an annotator, the annotator's own `X.NAME.ron` with one.
pub fn annotation_path(txt_path: &Path, annotator: Option<&Annotator>) -> PathBuf {
    match annotator {
        None => txt_path.with_extension("ron"),
        Some(name) => txt_path.with_extension(format!("{name}.ron")),
    }
}

/// The article stem and annotator of an annotation file's name, if it is
/// shaped as an annotator's file: `X.NAME.ron`, `X` not empty and `NAME`
/// a valid annotator name. (Whether it is one depends on which articles
/// exist: see [`article_of_annotations`].)
pub fn annotator_file_parts(file_name: &str) -> Option<(&str, Annotator)> {
    let stem = file_name.strip_suffix(".ron")?;
    let (article, name) = stem.rsplit_once('.')?;
    if article.is_empty() || article.starts_with('.') {
        return None;
    }
    Some((article, Annotator::new(name).ok()?))
}

/// The article the annotation file `ron` belongs to, and whose file it is.
/// `S.ron` is the gold of `S.txt` when that article exists; otherwise
/// `X.NAME.ron` is annotator NAME's file on `X.txt` when that article
/// exists; otherwise the file has no article (`None`). So `a.b.ron` is the
/// gold of `a.b.txt` if there is one, never annotator `b`'s file on `a.txt`
/// (annotating `a.txt` as `b` is then refused, see
/// [`annotator_file_clash`]).
pub fn article_of_annotations(ron: &Path) -> Option<(PathBuf, Option<Annotator>)> {
    let gold_of = ron.with_extension("txt");
    if gold_of.is_file() {
        return Some((gold_of, None));
    }
    let file_name = ron.file_name()?.to_str()?;
    let (article, annotator) = annotator_file_parts(file_name)?;
    let txt = ron.with_file_name(format!("{article}.txt"));
    txt.is_file().then_some((txt, Some(annotator)))
}

/// Why the article `txt_path` cannot be annotated as `annotator`, if it
/// cannot: its file `X.NAME.ron` is already the gold of another article,
/// `X.NAME.txt`.
pub fn annotator_file_clash(txt_path: &Path, annotator: &Annotator) -> Option<String> {
    let other = txt_path.with_extension(format!("{annotator}.txt"));
    other.is_file().then(|| {
        format!(
            "it is the annotation file of the article {}, not annotator {annotator}'s file on {}; \
             annotate under another name",
            super::file_name(&other),
            super::file_name(txt_path)
        )
    })
}

/// The folder `path` is in, to list, watch, sync or create files beside
/// it: its parent, or `.` for a bare file name (whose parent is the empty
/// path, which names no folder to the system calls that take one).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_of_a_bare_name_is_the_current_one() {
        assert_eq!(folder_of(Path::new("a.txt")), Path::new("."));
        assert_eq!(folder_of(Path::new("")), Path::new("."));
        assert_eq!(folder_of(Path::new("/")), Path::new("."));
        assert_eq!(folder_of(Path::new("./a.txt")), Path::new("."));
        assert_eq!(folder_of(Path::new("corpus/a.txt")), Path::new("corpus"));
        assert_eq!(folder_of(Path::new("/corpus/a.txt")), Path::new("/corpus"));
        assert_eq!(folder_of(Path::new("/a.txt")), Path::new("/"));
    }

    #[test]
    fn newsmark_files_are_reserved_whatever_their_case() {
        for name in [
            "newsmark.ron",
            "NewsMark.RON",
            "entities.ron",
            "a.ron.bak",
            ".a.ron.journal",
            ".a.ron.journal.broken2",
            ".newsmark-x1y2.tmp",
        ] {
            assert!(reserved_file_name(name).is_some(), "{name} not reserved");
        }
        for name in ["a.ron", "newsmark.txt", "entities.txt", "bak.ron", "a.txt"] {
            assert_eq!(reserved_file_name(name), None, "{name}");
        }
    }

    #[test]
    fn names_that_leave_the_corpus_or_clash_with_its_files_are_refused() {
        for bad in [
            "", "../evil", "/etc/x", "a\\b", "sub/dir", "..", ".hidden", "a\nb", "newsmark",
            "ENTITIES",
        ] {
            assert!(document_name_problem(bad).is_some(), "{bad:?} accepted");
        }
        let why = document_name_problem("newsmark").unwrap_or_default();
        assert_eq!(why, "newsmark.ron: it is the folder's settings file");
        for good in [
            "Café Zürich",
            "2024-05-iran",
            "doc-0123456789ab",
            "a..b",
            "news",
        ] {
            assert_eq!(document_name_problem(good), None, "{good:?}");
        }
    }

    #[test]
    fn annotations_are_never_saved_over_the_folders_settings() {
        let dir = tempfile::tempdir().expect("temp dir");
        let settings = dir.path().join("newsmark.ron");
        std::fs::write(&settings, "(labels: [])").expect("write");
        let err = crate::store::atomic_write_keeping_backup(&settings, b"(format: 1)")
            .expect_err("refused");
        assert!(
            err.to_string()
                .ends_with("newsmark.ron: not saved over: it is the folder's settings file, not an annotation file"),
            "{err}"
        );
        let kept = std::fs::read_to_string(&settings).expect("read");
        assert_eq!(kept, "(labels: [])");
        assert!(!dir.path().join("newsmark.ron.bak").exists());
    }

    #[test]
    fn annotator_names_are_plain_words() {
        for good in ["ana", "Ana_M", "bob-2", "Zoë", "李"] {
            assert!(Annotator::new(good).is_ok(), "{good:?} refused");
        }
        let cases = [
            ("", "it is empty"),
            ("ana.v2", "it contains '.'"),
            ("../x", "it contains '.'"),
            ("a/b", "path separator"),
            ("a\\b", "path separator"),
            ("Ana Müller", "' ' at character 4"),
            ("a\nb", "'\\n' at character 2"),
        ];
        for (bad, why) in cases {
            let err = Annotator::new(bad).expect_err(bad).to_string();
            assert!(
                err.starts_with("annotator name ") && err.contains(why),
                "{bad:?}: {err}"
            );
        }
        let long = "a".repeat(MAX_ANNOTATOR_CHARS + 1);
        assert!(annotator_name_problem(&long).is_some_and(|w| w.contains("41 characters")));
    }

    #[test]
    fn annotator_files_are_named_after_the_article() {
        let ana = Annotator::new("ana").expect("valid");
        let txt = Path::new("corpus/a.b.txt");
        assert_eq!(annotation_path(txt, None), Path::new("corpus/a.b.ron"));
        assert_eq!(
            annotation_path(txt, Some(&ana)),
            Path::new("corpus/a.b.ana.ron")
        );
        assert_eq!(annotator_file_parts("a.b.ana.ron"), Some(("a.b", ana)));
        for not_one in ["a.ron", ".x.ana.ron", "a.ana.txt", "a.b c.ron", "a..ron"] {
            assert_eq!(annotator_file_parts(not_one), None, "{not_one}");
        }
    }

    #[test]
    fn an_annotation_file_belongs_to_the_article_that_exists() {
        let dir = tempfile::tempdir().expect("temp dir");
        let at = |name: &str| dir.path().join(name);
        for name in ["a.txt", "c.d.txt"] {
            std::fs::write(at(name), "text").expect("write");
        }
        let ana = Annotator::new("ana").ok();
        assert_eq!(
            article_of_annotations(&at("a.ron")),
            Some((at("a.txt"), None))
        );
        assert_eq!(
            article_of_annotations(&at("a.ana.ron")),
            Some((at("a.txt"), ana))
        );
        // The gold of c.d.txt, never annotator d's file on c.txt.
        assert_eq!(
            article_of_annotations(&at("c.d.ron")),
            Some((at("c.d.txt"), None))
        );
        assert_eq!(article_of_annotations(&at("b.ana.ron")), None);
        assert_eq!(article_of_annotations(&at("a.bad name.ron")), None);
        let d = Annotator::new("d").expect("valid");
        std::fs::write(at("c.txt"), "text").expect("write");
        let clash = annotator_file_clash(&at("c.txt"), &d).unwrap_or_default();
        assert!(
            clash.starts_with("it is the annotation file of the article c.d.txt"),
            "{clash}"
        );
        assert_eq!(annotator_file_clash(&at("a.txt"), &d), None);
    }
}
