//! Crash safety of saving: the previous version kept as `NAME.ron.bak`, a
//! failed save that changes nothing, stale temporary files cleaned up, and a
//! writer process killed (SIGKILL) at random moments while it saves a large,
//! changing annotation set, after which `NAME.ron`, `NAME.ron.bak` and the
//! recovery journal must each be complete and loadable; exports killed the
//! same way leave each output file old or new, whole.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use newsmark::model::LabelSchema;
use newsmark::session::Session;
use newsmark::store::{self, StoreError};
use tempfile::TempDir;

use crate::common;
#[path = "crash_safety/export_kill.rs"]
mod export_kill;
#[path = "crash_safety/kill.rs"]
mod kill;

use common::files::listing;

/// The names of newsmark's temporary files in a folder, sorted.
fn temp_files(dir: &Path) -> Vec<String> {
    listing(dir)
        .into_iter()
        .filter(|n| n.starts_with(".newsmark-") && n.ends_with(".tmp"))
        .collect()
}

/// A folder with `a.txt`, and a session on it.
fn article_session() -> (TempDir, Session) {
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("a.txt");
    fs::write(
        &txt,
        "Tehran and Havana signed a deal with Issa Zarepour.\n",
    )
    .unwrap();
    let s = Session::open(&txt, LabelSchema::default()).unwrap();
    (dir, s)
}

/// Tags the `n`th word (split at spaces) as a person.
fn tag_word(s: &mut Session, n: usize) {
    let words: Vec<usize> = s
        .doc()
        .text()
        .split(' ')
        .map(|w| w.chars().count())
        .collect();
    let start: usize = words[..n].iter().map(|len| len + 1).sum();
    let edit = s.add_span_edit(start..start + words[n], "person").unwrap();
    s.perform(edit).unwrap();
}

#[test]
fn backup_holds_the_previous_version() {
    let (dir, mut s) = article_session();
    let ron = s.ron_path().to_owned();
    let bak = store::backup_path(&ron);
    assert_eq!(bak, dir.path().join("a.ron.bak"));
    tag_word(&mut s, 0);
    s.save().unwrap();
    assert!(!bak.exists(), "a first save has nothing to back up");
    let first = fs::read(&ron).unwrap();
    tag_word(&mut s, 2);
    s.save().unwrap();
    let second = fs::read(&ron).unwrap();
    assert_eq!(fs::read(&bak).unwrap(), first);
    tag_word(&mut s, 4);
    s.save().unwrap();
    assert_eq!(fs::read(&bak).unwrap(), second);
    assert_eq!(listing(dir.path()), ["a.ron", "a.ron.bak", "a.txt"]);
    // The backup is loadable as an annotation file.
    let loaded = store::load_annotations(&bak, "a.txt", s.doc(), s.schema()).unwrap();
    assert_eq!(loaded.set.len(), 2);
    assert!(loaded.problems.is_empty());
}

#[cfg(unix)]
#[test]
fn backup_keeps_the_previous_file_and_its_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_dir, mut s) = article_session();
    let ron = s.ron_path().to_owned();
    tag_word(&mut s, 0);
    s.save().unwrap();
    fs::set_permissions(&ron, fs::Permissions::from_mode(0o640)).unwrap();
    let first = fs::read(&ron).unwrap();
    tag_word(&mut s, 2);
    s.save().unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&ron), 0o640);
    assert_eq!(mode(&store::backup_path(&ron)), 0o640);
    assert_eq!(fs::read(store::backup_path(&ron)).unwrap(), first);
}

/// Saves twice, so that both `a.ron` and `a.ron.bak` exist; returns their
/// bytes.
fn two_saves(s: &mut Session) -> (Vec<u8>, Vec<u8>) {
    tag_word(s, 0);
    s.save().unwrap();
    tag_word(s, 2);
    s.save().unwrap();
    tag_word(s, 4);
    let ron = fs::read(s.ron_path()).unwrap();
    let bak = fs::read(store::backup_path(s.ron_path())).unwrap();
    (ron, bak)
}

#[test]
fn failed_save_leaves_ron_and_bak_untouched() {
    let (dir, mut s) = article_session();
    let (ron_before, bak_before) = two_saves(&mut s);
    let ron = s.ron_path().to_owned();
    let bak = store::backup_path(&ron);
    let untouched = |s: &Session| {
        assert_eq!(fs::read(&ron).unwrap(), ron_before);
        assert_eq!(fs::read(&bak).unwrap(), bak_before);
        assert!(temp_files(dir.path()).is_empty(), "temporary file left");
        assert!(s.is_dirty(), "the edit stays unsaved");
    };

    // A folder where the file to save as should be.
    let folder = dir.path().join("b.ron");
    fs::create_dir(&folder).unwrap();
    fs::write(dir.path().join("b.ron.bak"), "older").unwrap();
    let err = s.save_as(&folder).unwrap_err();
    assert!(
        matches!(&err, StoreError::Write { path, .. } if *path == folder),
        "{err}"
    );
    assert!(err.to_string().contains("a folder is in the way"), "{err}");
    assert!(folder.is_dir());
    assert_eq!(fs::read(dir.path().join("b.ron.bak")).unwrap(), b"older");
    assert_eq!(s.ron_path(), ron);
    untouched(&s);

    // A folder where the backup should be: the save is refused rather than
    // made without one, and says why.
    fs::remove_file(&bak).unwrap();
    fs::create_dir(&bak).unwrap();
    let err = s.save().unwrap_err();
    assert!(
        matches!(&err, StoreError::Write { path, .. } if *path == ron),
        "{err}"
    );
    let message = err.to_string();
    assert!(
        message.contains("a.ron: cannot save: cannot keep the previous version as a.ron.bak"),
        "{message}"
    );
    assert_eq!(fs::read(&ron).unwrap(), ron_before);
    assert!(bak.is_dir() && temp_files(dir.path()).is_empty());
    fs::remove_dir(&bak).unwrap();
    fs::write(&bak, &bak_before).unwrap();
    untouched(&s);
}

#[cfg(unix)]
#[test]
fn save_into_a_read_only_folder_leaves_ron_and_bak_untouched() {
    use std::os::unix::fs::PermissionsExt as _;
    let (dir, mut s) = article_session();
    let (ron_before, bak_before) = two_saves(&mut s);
    let set_mode = |mode| fs::set_permissions(dir.path(), fs::Permissions::from_mode(mode));
    set_mode(0o555).unwrap();
    let probe = dir.path().join("probe");
    if fs::write(&probe, "x").is_ok() {
        fs::remove_file(&probe).unwrap();
        set_mode(0o755).unwrap();
        eprintln!("skipped: this process writes into read-only folders (root?)");
        return;
    }
    let result = s.save();
    set_mode(0o755).unwrap();
    let err = result.unwrap_err();
    assert!(matches!(&err, StoreError::Write { .. }), "{err}");
    assert_eq!(fs::read(s.ron_path()).unwrap(), ron_before);
    assert_eq!(
        fs::read(store::backup_path(s.ron_path())).unwrap(),
        bak_before
    );
    assert!(temp_files(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn read_only_annotation_file_is_replaced_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_dir, mut s) = article_session();
    let (ron_before, _) = two_saves(&mut s);
    let ron = s.ron_path().to_owned();
    fs::set_permissions(&ron, fs::Permissions::from_mode(0o444)).unwrap();
    // Like every atomic save, the file is replaced, not written into: its
    // folder decides, and its permissions are kept.
    s.save().unwrap();
    assert_eq!(fs::read(store::backup_path(&ron)).unwrap(), ron_before);
    let mode = fs::metadata(&ron).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

#[test]
fn stale_temporary_files_are_removed_and_nothing_else() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let names = [
        ".newsmark-aB3xYz.tmp",
        ".newsmark-0Q9pLm.tmp",
        "a.ron",
        "a.ron.bak",
        ".a.ron.journal",
        ".newsmark-.tmp",
        ".newsmark-x.txt",
        "newsmark-abcdef.tmp",
        ".other-abcdef.tmp",
    ];
    for name in names {
        fs::write(d.join(name), "x").unwrap();
    }
    fs::create_dir(d.join(".newsmark-folder.tmp")).unwrap();
    // Fresh files belong to a save that may be in progress.
    assert!(store::remove_stale_temp_files(d, store::STALE_TEMP_AGE).is_empty());
    std::thread::sleep(Duration::from_millis(60));
    fs::write(d.join(".newsmark-fresh1.tmp"), "x").unwrap();
    let mut removed = store::remove_stale_temp_files(d, Duration::from_millis(50));
    removed.sort();
    assert_eq!(
        removed,
        [
            d.join(".newsmark-0Q9pLm.tmp"),
            d.join(".newsmark-aB3xYz.tmp")
        ]
    );
    let mut left = listing(d);
    left.retain(|n| !names.contains(&n.as_str()));
    assert_eq!(left, [".newsmark-folder.tmp", ".newsmark-fresh1.tmp"]);
    for name in &names[2..] {
        assert!(d.join(name).is_file(), "{name} removed");
    }
    // A missing folder is no error.
    assert!(store::remove_stale_temp_files(&d.join("nowhere"), Duration::ZERO).is_empty());
}

#[cfg(unix)]
#[test]
fn fresh_link_to_an_old_file_is_not_stale() {
    // The backup step hard-links the current .ron under a temporary name:
    // the link's mtime is the old file's, but it is a save in progress.
    let dir = TempDir::new().unwrap();
    let old = dir.path().join("a.ron");
    fs::write(&old, "x").unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let link = dir.path().join(".newsmark-link01.tmp");
    fs::hard_link(&old, &link).unwrap();
    assert!(store::remove_stale_temp_files(dir.path(), store::STALE_TEMP_AGE).is_empty());
    assert!(link.exists());
}

#[cfg(unix)]
#[test]
fn save_after_a_kill_between_backup_and_rename_leaves_no_temporary_file() {
    // Killed between the backup and the rename, a save leaves `a.ron.bak`
    // as a second name of `a.ron`. Renaming a third name of that file over
    // the backup is then a no-op that leaves the third name behind (POSIX
    // `rename` between two names of one file), unless the save sees that
    // the backup is already there.
    let (dir, mut s) = article_session();
    let (ron_before, _) = two_saves(&mut s);
    let ron = s.ron_path().to_owned();
    let bak = store::backup_path(&ron);
    fs::remove_file(&bak).unwrap();
    fs::hard_link(&ron, &bak).unwrap();
    s.save().unwrap();
    assert_eq!(fs::read(&bak).unwrap(), ron_before);
    assert_ne!(fs::read(&ron).unwrap(), ron_before);
    assert_eq!(listing(dir.path()), ["a.ron", "a.ron.bak", "a.txt"]);
}

#[cfg(unix)]
#[test]
fn stale_links_to_one_file_are_all_removed() {
    // Kills at the backup step leave several temporary names of one file;
    // removing one of them changes the file's ctime, which must not make
    // the others look fresh.
    let dir = TempDir::new().unwrap();
    let ron = dir.path().join("a.ron");
    fs::write(&ron, "x").unwrap();
    let links = [
        ".newsmark-link01.tmp",
        ".newsmark-link02.tmp",
        ".newsmark-link03.tmp",
    ];
    for link in links {
        fs::hard_link(&ron, dir.path().join(link)).unwrap();
    }
    std::thread::sleep(Duration::from_millis(60));
    let removed = store::remove_stale_temp_files(dir.path(), Duration::from_millis(50));
    assert_eq!(removed.len(), links.len(), "{removed:?}");
    assert_eq!(listing(dir.path()), ["a.ron"]);
}

#[test]
fn atomic_write_keeping_backup_of_a_new_file_leaves_an_old_backup() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("x.ron");
    let bak = store::backup_path(&path);
    fs::write(&bak, "kept").unwrap();
    store::atomic_write_keeping_backup(&path, b"one").unwrap();
    assert_eq!(
        fs::read(&bak).unwrap(),
        b"kept",
        "no previous version to keep"
    );
    store::atomic_write_keeping_backup(&path, b"two").unwrap();
    assert_eq!(fs::read(&bak).unwrap(), b"one");
    assert_eq!(fs::read(&path).unwrap(), b"two");
}
