//! Which names in a corpus folder are newsmark's own, and which names can
//! be documents: the one rule every command that creates or writes an
//! article or annotation file by name goes through.

use std::path::Path;

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
}
