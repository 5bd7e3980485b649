//! Exports killed (SIGKILL) at random moments: a one-file export is the
//! previous file or the whole new one, never a part of one; each file of a
//! brat export is the previous one or the new one, whole; so is each
//! annotation file `suggest`, `import` and `reanchor` write.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use newsmark::model::{AnnotationSet, Document, Span};
use newsmark::store;
use tempfile::TempDir;

use super::kill::Rng;

/// Articles in the corpus exported.
const ARTICLES: usize = 300;
/// Kills per format.
const RUNS: usize = 15;
/// What every output file holds before the first export.
const OLD: &str = "old\n";

/// A corpus of [`ARTICLES`] small articles with a few spans each.
fn corpus(dir: &Path) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir(&corpus).unwrap();
    for k in 0..ARTICLES {
        let name = format!("article-{k:04}.txt");
        let text = format!("Article {k}: Iran and Cuba 🇨🇺 met in Havana.\r\nZarepour spoke.\n");
        let txt = corpus.join(&name);
        fs::write(&txt, &text).unwrap();
        let doc = Document::new(text.clone());
        let at = |w: &str| {
            let byte = text.find(w).unwrap();
            let start = text[..byte].chars().count();
            (start, start + w.chars().count())
        };
        let spans: Vec<Span> = [
            ("Iran", "country"),
            ("Havana", "country"),
            ("Zarepour", "person"),
        ]
        .iter()
        .zip(1..)
        .map(|(&(w, label), id)| {
            let (s, e) = at(w);
            Span::manual(id, s, e, label, w)
        })
        .collect();
        let set = AnnotationSet::from_spans(spans);
        store::save_annotations(&store::paired_ron_path(&txt), &name, &doc, &set).unwrap();
    }
    corpus
}

fn export(format: &str, corpus: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsmark"));
    command
        .args(["export", format])
        .arg(corpus)
        .arg("--out")
        .arg(out);
    command
}

/// Runs a whole export of `corpus` to `out` (the reference a killed one is
/// compared with) and says how long it took, in milliseconds (20 at least).
fn whole_export(format: &str, corpus: &Path, out: &Path) -> u64 {
    let started = std::time::Instant::now();
    assert!(export(format, corpus, out).status().unwrap().success());
    started.elapsed().as_millis().max(20) as u64
}

/// The files of a folder (not hidden: temporary files are left out) and
/// their bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// A seed from the clock (printed by each test, to replay a failure) and
/// its generator.
fn seeded() -> (u64, Rng) {
    let seed: u64 = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos()
        .into();
    (seed, Rng(seed | 1))
}

#[test]
fn exports_killed_at_random_moments_leave_each_file_old_or_whole() {
    let (seed, mut rng) = seeded();
    let dir = TempDir::new().unwrap();
    let corpus = corpus(dir.path());

    // The whole exports, for reference, and how long one takes.
    let spacy_ref = dir.path().join("ref.jsonl");
    let full_ms = whole_export("spacy", &corpus, &spacy_ref);
    let brat_ref = dir.path().join("ref-brat");
    whole_export("brat", &corpus, &brat_ref);
    let spacy_new = fs::read(&spacy_ref).unwrap();
    let brat_new = files(&brat_ref);
    assert_eq!(
        brat_new.len(),
        2 * ARTICLES + 1,
        "txt and ann each, and the conf"
    );

    let spacy_out = dir.path().join("out.jsonl");
    let brat_out = dir.path().join("out-brat");
    fs::write(&spacy_out, OLD).unwrap();
    fs::create_dir(&brat_out).unwrap();
    for (name, _) in &brat_new {
        fs::write(brat_out.join(name), OLD).unwrap();
    }
    let (mut spacy_old, mut spacy_whole, mut brat_mixed) = (0, 0, 0);
    for run in 0..RUNS {
        for format in ["spacy", "brat"] {
            let out = if format == "spacy" {
                &spacy_out
            } else {
                &brat_out
            };
            let mut child = export(format, &corpus, out).spawn().unwrap();
            std::thread::sleep(Duration::from_millis(rng.below(full_ms * 2)));
            let _ = child.kill();
            child.wait().unwrap();
            if format == "spacy" {
                let bytes = fs::read(&spacy_out).unwrap();
                if bytes == OLD.as_bytes() {
                    spacy_old += 1;
                } else {
                    assert!(
                        bytes == spacy_new,
                        "run {run} (seed {seed}): a partial spacy export"
                    );
                    spacy_whole += 1;
                    // Back to the old file, so that later kills test it again.
                    fs::write(&spacy_out, OLD).unwrap();
                }
            } else {
                let now = files(&brat_out);
                assert_eq!(
                    now.len(),
                    brat_new.len(),
                    "run {run}: no file lost or added"
                );
                let mut new = 0;
                for ((name, bytes), (_, whole)) in now.iter().zip(&brat_new) {
                    assert!(
                        bytes == OLD.as_bytes() || bytes == whole,
                        "run {run} (seed {seed}): {name} is neither the old file nor the new one"
                    );
                    new += usize::from(bytes == whole);
                }
                if new > 0 && new < now.len() {
                    brat_mixed += 1;
                }
                for (name, _) in &now {
                    fs::write(brat_out.join(name), OLD).unwrap();
                }
            }
        }
    }
    eprintln!(
        "export kill test (seed {seed}): spacy left old {spacy_old}, whole {spacy_whole}; \
         brat killed part way {brat_mixed} times"
    );
}

#[test]
fn a_brat_export_into_a_new_folder_killed_at_random_moments_leaves_it_missing_or_whole() {
    // A new folder is built hidden beside its place and renamed into place
    // once complete and flushed: a kill leaves no folder, or all of it.
    let (seed, mut rng) = seeded();
    let dir = TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    let reference = dir.path().join("ref-brat");
    let full_ms = whole_export("brat", &corpus, &reference);
    let whole = files(&reference);
    let (mut missing, mut complete) = (0, 0);
    for run in 0..RUNS {
        let out = dir.path().join(format!("new-{run}"));
        let mut child = export("brat", &corpus, &out).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(full_ms * 2)));
        let _ = child.kill();
        child.wait().unwrap();
        if out.exists() {
            assert_eq!(
                files(&out),
                whole,
                "run {run} (seed {seed}): the folder shows, so it is the whole export"
            );
            complete += 1;
        } else {
            missing += 1;
            // What the killed export left is hidden, and the next export
            // into the same folder clears it.
            let staging = store::staging_path(&out);
            let status = export("brat", &corpus, &out).status().unwrap();
            assert!(status.success(), "run {run}: {status}");
            assert_eq!(files(&out), whole, "run {run}");
            assert!(!staging.exists(), "run {run}: {} left", staging.display());
        }
    }
    eprintln!(
        "brat into new folders (seed {seed}): killed before the end {missing} times, \
         after it {complete} times"
    );
    assert!(missing > 0, "seed {seed}: no kill landed during the export");
}

/// Each annotation file of `corpus` and its bytes (backups and temporary
/// files left out).
fn annotation_files(corpus: &Path) -> Vec<(String, Vec<u8>)> {
    files(corpus)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".ron"))
        .collect()
}

/// Runs `newsmark COMMAND CORPUS` over a copy of `pristine` once whole,
/// then [`RUNS`] times killed at a random moment: each annotation file is
/// still the old one or the whole new one, and a new one has the old one as
/// its backup. With `again`, the command run once more after each kill gives
/// exactly the whole run's files.
fn kill_annotation_writer(command: &str, pristine: &Path, again: bool) {
    let (seed, mut rng) = seeded();
    let dir = pristine.parent().unwrap();
    let old = annotation_files(pristine);
    let copy = |to: &Path| {
        let _ = fs::remove_dir_all(to);
        fs::create_dir(to).unwrap();
        for (name, _) in files(pristine) {
            fs::copy(pristine.join(&name), to.join(&name)).unwrap();
        }
    };
    let run_on = |corpus: &Path| {
        let mut run = Command::new(env!("CARGO_BIN_EXE_newsmark"));
        run.arg(command)
            .arg(corpus)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        run
    };
    // The whole run, for reference, and how long it takes.
    let reference = dir.join("reference");
    copy(&reference);
    let started = std::time::Instant::now();
    assert!(run_on(&reference).status().unwrap().success());
    let full_ms = started.elapsed().as_millis().max(20) as u64;
    let new = annotation_files(&reference);
    assert_eq!(new.len(), ARTICLES);
    assert!(
        old.iter().zip(&new).all(|(o, n)| o.1 != n.1),
        "{command}: every file changes"
    );

    let corpus = dir.join("killed");
    let (mut untouched, mut part_way) = (0, 0);
    for run in 0..RUNS {
        copy(&corpus);
        let mut child = run_on(&corpus).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(full_ms * 2)));
        let _ = child.kill();
        child.wait().unwrap();
        let now = annotation_files(&corpus);
        assert_eq!(now.len(), ARTICLES, "run {run}: no file lost or added");
        let mut changed = 0;
        for (((name, bytes), (_, before)), (_, after)) in now.iter().zip(&old).zip(&new) {
            if bytes == before {
                continue;
            }
            assert!(
                bytes == after,
                "run {run} (seed {seed}): {name} is neither the old file nor the new one"
            );
            let backup = fs::read(corpus.join(format!("{name}.bak"))).unwrap();
            assert_eq!(&backup, before, "run {run}: {name}.bak is the old file");
            changed += 1;
        }
        untouched += usize::from(changed == 0);
        part_way += usize::from(changed > 0 && changed < ARTICLES);
        if again {
            assert!(run_on(&corpus).status().unwrap().success(), "run {run}");
            assert_eq!(annotation_files(&corpus), new, "run {run} (seed {seed})");
        }
    }
    eprintln!(
        "{command} kill test (seed {seed}): killed before any save {untouched} times, part way {part_way} times"
    );
}

/// `newsmark suggest` saves every annotation file without an fsync each
/// (one flush of the filesystem at the end): killed at random moments, each
/// file is still the old one or the whole new one, and a new one has the
/// old one as its backup.
#[test]
fn suggest_killed_at_random_moments_leaves_each_annotation_file_old_or_new() {
    let dir = TempDir::new().unwrap();
    kill_annotation_writer("suggest", &corpus(dir.path()), false);
}

/// `newsmark reanchor` rewrites the annotation file of each article changed
/// since it was annotated, atomically, keeping the old one as `NAME.ron.bak`:
/// killed at random moments, each file is still the old one or the whole
/// new one, a new one has the old one as its backup, and running it again
/// completes the corpus exactly.
#[test]
fn reanchor_killed_at_random_moments_leaves_each_annotation_file_old_or_new() {
    let dir = TempDir::new().unwrap();
    let pristine = corpus(dir.path());
    // Every article changed since it was annotated: a line added on top
    // moves every span.
    for (name, text) in files(&pristine) {
        if name.ends_with(".txt") {
            let mut changed = b"BREAKING NEWS\n".to_vec();
            changed.extend(text);
            fs::write(pristine.join(&name), changed).unwrap();
        }
    }
    kill_annotation_writer("reanchor", &pristine, true);
}

/// `newsmark import` streams its source one record at a time and flushes
/// the filesystem once at the end: killed at random moments, every file it
/// wrote is whole (the same bytes as an import left to finish), no
/// annotation file is there without its article, and running the import
/// again completes the corpus exactly.
#[test]
fn import_killed_at_random_moments_leaves_each_file_absent_or_whole() {
    let (seed, mut rng) = seeded();
    let dir = TempDir::new().unwrap();
    let corpus = corpus(dir.path());
    let jsonl = dir.path().join("corpus.jsonl");
    assert!(export("spacy", &corpus, &jsonl).status().unwrap().success());
    let import = |into: &Path| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_newsmark"));
        command
            .args(["import", "spacy"])
            .arg(&jsonl)
            .arg("--into")
            .arg(into)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        command
    };
    let reference = dir.path().join("reference");
    let started = std::time::Instant::now();
    assert!(import(&reference).status().unwrap().success());
    let full_ms = started.elapsed().as_millis().max(20) as u64;
    let whole = files(&reference);
    assert_eq!(
        whole.len(),
        2 * ARTICLES,
        "an article and its annotations each"
    );

    let (mut none, mut part_way) = (0, 0);
    // Fewer runs than the others: each one imports again to the end.
    for run in 0..RUNS / 2 {
        let into = dir.path().join(format!("killed-{run}"));
        let mut child = import(&into).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(full_ms * 2)));
        let _ = child.kill();
        child.wait().unwrap();
        let now = if into.exists() {
            files(&into)
        } else {
            Vec::new()
        };
        for (name, bytes) in &now {
            let expected = whole.iter().find(|(n, _)| n == name);
            assert!(
                expected.is_some_and(|(_, w)| w == bytes),
                "run {run} (seed {seed}): {name} is not the whole file"
            );
            if let Some(stem) = name.strip_suffix(".ron") {
                assert!(
                    now.iter().any(|(n, _)| *n == format!("{stem}.txt")),
                    "run {run} (seed {seed}): {name} without its article"
                );
            }
        }
        none += usize::from(now.is_empty());
        part_way += usize::from(!now.is_empty() && now.len() < whole.len());
        assert!(import(&into).status().unwrap().success());
        assert_eq!(
            files(&into),
            whole,
            "run {run} (seed {seed}): completed by a rerun"
        );
    }
    eprintln!(
        "import kill test (seed {seed}): killed before any file {none} times, part way {part_way} times"
    );
}
