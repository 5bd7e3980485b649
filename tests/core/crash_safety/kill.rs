//! The kill test: a writer process killed (SIGKILL) at random moments
//! while it saves a large, changing annotation set.

use std::fs;
use std::io::{BufRead as _, BufReader, Write as _};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use newsmark::corpus;
use newsmark::journal::Journal;
use newsmark::model::{AnnotationSet, Document, LabelSchema, Span};
use newsmark::session::Session;
use newsmark::store;
use tempfile::TempDir;

use super::{listing, temp_files};

/// Set (to the annotation file's path) in the writer process only.
const WRITER_ENV: &str = "NEWSMARK_CRASH_WRITER";
/// The folder holding the bytes of each version, for the writer.
const VERSIONS_ENV: &str = "NEWSMARK_CRASH_VERSIONS";
/// Overrides the number of kills (default [`RUNS`]).
const RUNS_ENV: &str = "NEWSMARK_CRASH_RUNS";
/// Overrides the random seed (printed by the test).
const SEED_ENV: &str = "NEWSMARK_CRASH_SEED";
const RUNS: usize = 300;

/// Spans in each version the writer saves.
const SPANS: usize = 2000;
const LABELS: [&str; 4] = ["person", "role", "country", "initiative"];
const WORDS: [&str; 12] = [
    "Tehran",
    "Havana",
    "José",
    "Müller",
    "Brasília",
    "🇨🇺",
    "Minister",
    "e-government",
    "Zarepour",
    "👩\u{200d}💻",
    "Cuba",
    "Iran",
];

/// A long article (CRLF, accents, emoji) and the code-point range of each
/// of its words.
fn article() -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut words = Vec::new();
    let mut at = 0;
    for i in 0..SPANS / 25 * 26 {
        let word = WORDS[i % WORDS.len()];
        let len = word.chars().count();
        words.push(at..at + len);
        text.push_str(word);
        let gap = if i % 17 == 16 { ".\r\n" } else { " " };
        text.push_str(gap);
        at += len + gap.chars().count();
    }
    (text, words)
}

/// The three versions the writer cycles through: each relabels a tenth of
/// the spans, leaves out a different 26th, and the last is marked done.
fn versions(doc: &Document, words: &[Range<usize>]) -> Vec<AnnotationSet> {
    (0..3)
        .map(|k| {
            let spans = words
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 26 != 5 + k)
                .map(|(i, range)| {
                    let label = LABELS[(i + usize::from(i % 10 == k)) % LABELS.len()];
                    let quote = doc.slice(range.clone()).unwrap();
                    Span::manual(i as u64 + 1, range.start, range.end, label, quote)
                })
                .collect();
            let mut set = AnnotationSet::from_spans(spans);
            set.set_done(k == 2);
            set
        })
        .collect()
}

/// The writer process. It saves the three versions in turn, from the one
/// after the version the `.ron` holds, until killed (or after 20 s), the way
/// a session saves: journal, save (keeping the backup), remove the journal,
/// logging each step on standard error.
///
/// It writes each version's bytes, as serialised by the parent, through the
/// same calls [`Journal::write`] and [`store::save_annotations`] make after
/// serialising ([`store::atomic_write`], [`store::atomic_write_keeping_backup`]):
/// serialising happens in memory, where a kill cannot leave anything half
/// done, and it would dominate the loop in a debug build (so would parsing
/// the `.ron` to open a session: about 0.3 s for 2,000 spans).
#[test]
#[ignore = "the writer process of kill_writer_at_random_moments; does nothing on its own"]
fn child_writer() {
    let (Some(ron), Some(versions)) =
        (std::env::var_os(WRITER_ENV), std::env::var_os(VERSIONS_ENV))
    else {
        return;
    };
    let ron = PathBuf::from(ron);
    let versions = Path::new(&versions);
    let all: Vec<Vec<u8>> = (0..3)
        .map(|k| fs::read(versions.join(k.to_string())).unwrap())
        .collect();
    let current = fs::read(&ron).unwrap();
    let current = all.iter().position(|v| *v == current).unwrap();
    let journal = Journal::new(&ron);
    say(&format!("ready {current}"));
    let until = Instant::now() + Duration::from_secs(20);
    let mut k = current;
    while Instant::now() < until {
        k = (k + 1) % all.len();
        say(&format!("begin {k}"));
        store::atomic_write(journal.path(), &all[k]).unwrap();
        say(&format!("save {k}"));
        store::atomic_write_keeping_backup(&ron, &all[k]).unwrap();
        journal.remove().unwrap();
        say(&format!("end {k}"));
    }
}

/// Logs one line on standard error in one `write`, so that a kill leaves
/// whole lines (`eprintln!` may write a line in pieces).
fn say(line: &str) {
    let mut stderr = std::io::stderr().lock();
    stderr.write_all(format!("{line}\n").as_bytes()).unwrap();
}

/// What the writer logged before it was killed.
#[derive(Debug, Default)]
struct Log {
    /// The version the last completed save wrote (or the one found).
    saved: usize,
    /// The version being journaled, or saved, when killed.
    journaling: Option<usize>,
    saving: Option<usize>,
    /// Saves completed in this run.
    saves: usize,
}

impl Log {
    fn read(line: &str, log: &mut Self) {
        let (step, k) = line.split_once(' ').unwrap_or((line, ""));
        let Ok(k) = k.parse() else {
            panic!("writer said: {line}");
        };
        match step {
            "ready" => log.saved = k,
            "begin" => log.journaling = Some(k),
            "save" => (log.journaling, log.saving) = (None, Some(k)),
            "end" => (log.saving, log.saved, log.saves) = (None, k, log.saves + 1),
            _ => panic!("writer said: {line}"),
        }
    }
}

/// A small deterministic random generator (xorshift64*).
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// Which version a file's bytes are, exactly; panics if none (a partial or
/// foreign file).
fn version_of(path: &Path, expected: &[Vec<u8>]) -> usize {
    let bytes = fs::read(path).unwrap();
    let found = expected.iter().position(|e| *e == bytes);
    found.unwrap_or_else(|| {
        panic!(
            "{}: not one of the versions written ({} bytes)",
            path.display(),
            bytes.len()
        )
    })
}

/// Loads an annotation file and checks it holds `set`, with no problem.
fn assert_loads_as(path: &Path, doc: &Document, set: &AnnotationSet) {
    let loaded = store::load_annotations(path, "a.txt", doc, &LabelSchema::default());
    let loaded = loaded.unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(loaded.set == *set, "{}: another set", path.display());
}

/// Kills a writer process (SIGKILL) at a random moment, [`RUNS`] times,
/// and checks after each kill that `a.ron` is complete and one of the
/// versions written (the last one saved, or the one being saved), that
/// `a.ron.bak` is complete and the version before it (or the same, when
/// the kill fell between the backup and the rename), that a journal left is
/// complete, and that at most two temporary files were left. The writer
/// carries on from where the last one was killed, so leftovers accumulate
/// as they would in use.
///
/// A file is checked by its bytes against each version's serialisation
/// (each checked once to load cleanly), which is both stricter and much
/// faster in a debug build than parsing; every 50th kill, and at the end,
/// the files are loaded and the journal looked for as on opening.
#[test]
fn kill_writer_at_random_moments() {
    let runs = std::env::var(RUNS_ENV).map_or(RUNS, |r| r.parse().unwrap());
    let seed: u64 = std::env::var(SEED_ENV).map_or_else(
        |_| {
            let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH);
            now.unwrap().subsec_nanos().into()
        },
        |s| s.parse().unwrap(),
    );
    let mut rng = Rng(seed | 1);
    let dir = TempDir::new().unwrap();
    let txt = dir.path().join("a.txt");
    let ron = dir.path().join("a.ron");
    let bak = store::backup_path(&ron);
    let journal = Journal::new(&ron);
    let (text, words) = article();
    fs::write(&txt, &text).unwrap();
    let doc = store::read_text(&txt).unwrap();
    let all = versions(&doc, &words);
    assert!(all.iter().all(|v| v.len() == SPANS));
    let expected: Vec<Vec<u8>> = all
        .iter()
        .map(|v| store::to_ron_string_in_context("a.txt", &doc, v).into_bytes())
        .collect();
    let versions_dir = TempDir::new().unwrap();
    for (k, (set, bytes)) in all.iter().zip(&expected).enumerate() {
        let path = versions_dir.path().join(k.to_string());
        fs::write(&path, bytes).unwrap();
        // Each version's exact bytes load cleanly, so a file equal to one
        // loads as that version.
        assert_loads_as(&path, &doc, set);
    }
    store::save_annotations(&ron, "a.txt", &doc, &all[0]).unwrap();
    assert_eq!(fs::read(&ron).unwrap(), expected[0]);

    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let (mut journaling, mut before_backup, mut between, mut after_rename) = (0, 0, 0, 0);
    let (mut saves, mut most_temps) = (0, 0);
    for run in 0..runs {
        let temps_before = temp_files(dir.path()).len();
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash_safety::kill::child_writer",
                "--nocapture",
                "--ignored",
            ])
            .args(["--test-threads", "1"])
            .env(WRITER_ENV, &ron)
            .env(VERSIONS_ENV, versions_dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut log = Log::default();
        // The delay counts from when the writer is ready to write.
        let ready = lines.next().unwrap().unwrap();
        Log::read(&ready, &mut log);
        std::thread::sleep(Duration::from_millis(1 + rng.below(40)));
        child.kill().unwrap();
        child.wait().unwrap();
        for line in lines {
            Log::read(&line.unwrap(), &mut log);
        }
        saves += log.saves;

        // The .ron: complete, exactly the last version saved or the one
        // being saved.
        let now = version_of(&ron, &expected);
        let allowed = [Some(log.saved), log.saving];
        assert!(allowed.contains(&Some(now)), "run {run}: {now} {log:?}");
        // The .bak, once there has been a save: complete, the version before
        // the .ron's, or (killed between the backup and the rename) the same.
        let backup = bak.exists().then(|| version_of(&bak, &expected));
        assert!(backup.is_some() || saves == 0, "run {run}: no backup");
        let previous = (now + all.len() - 1) % all.len();
        assert!(
            backup.is_none_or(|b| b == now || b == previous),
            "run {run}: backup {backup:?}, file {now}"
        );
        // The journal, if any: complete, and one of the versions.
        if journal.path().exists() {
            version_of(journal.path(), &expected);
        }
        if run % 50 == 0 {
            assert_loads_as(&ron, &doc, &all[now]);
            if let Some(b) = backup {
                assert_loads_as(&bak, &doc, &all[b]);
            }
            let found = journal.find("a.txt", &doc, &LabelSchema::default());
            let found = found.unwrap_or_else(|e| panic!("run {run}: {e}"));
            assert!(found.is_none_or(|f| all.contains(&f.set) && f.set != all[now]));
        }
        // At most the save's two temporary files per kill, and nothing else.
        let temps = temp_files(dir.path());
        assert!(temps.len() <= temps_before + 2, "run {run}: {temps:?}");
        most_temps = most_temps.max(temps.len() - temps_before);
        for name in listing(dir.path()) {
            let known = ["a.txt", "a.ron", "a.ron.bak", ".a.ron.journal"];
            assert!(
                known.contains(&name.as_str()) || temps.contains(&name),
                "{name}"
            );
        }

        journaling += usize::from(log.journaling.is_some());
        if let Some(k) = log.saving {
            if now == k {
                after_rename += 1;
            } else if backup == Some(now) {
                between += 1;
            } else {
                before_backup += 1;
            }
        }
    }
    let elapsed = started.elapsed();
    let temps = temp_files(dir.path());
    // Temporary files are hidden: never taken for an article or its .ron.
    assert_eq!(
        corpus::articles_in(dir.path()).unwrap().to_vec(),
        [txt.as_path()]
    );
    let removed = store::remove_stale_temp_files(dir.path(), Duration::ZERO);
    assert_eq!(removed.len(), temps.len());
    assert!(temp_files(dir.path()).is_empty());
    let s = Session::open(&txt, LabelSchema::default()).unwrap();
    assert!(s.problems().is_empty() && s.save_blocked().is_none());
    assert!(all.contains(s.set()));
    assert!(s.recovered_journal().is_ok());
    let mid_save = before_backup + between + after_rename;
    eprintln!(
        "kill test: {runs} kills in {elapsed:.1?} (seed {seed}), {saves} saves completed. \
         Killed mid-save {mid_save} times: {before_backup} before the backup, {between} \
         between the backup and the rename, {after_rename} after the rename; \
         while writing the journal {journaling} times. Temporary files left: {} \
         (at most {most_temps} by one kill), all removed by the cleanup.",
        temps.len(),
    );
}
