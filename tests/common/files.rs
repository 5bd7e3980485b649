//! Helpers for tests that look at folders and run the command line.

use std::fs;
use std::path::{Path, PathBuf};

/// Names in a folder, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file of the folder `dir` with its bytes, by name.
pub fn folder_bytes(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).unwrap())
        })
        .collect()
}

/// Makes `path` a sparse file of `len` bytes (zeros): as large as that to
/// anything asking its size, with no disk written or memory used.
pub fn sparse_file(path: &Path, len: u64) {
    fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .unwrap()
        .set_len(len)
        .unwrap();
}

/// Runs `newsmark ARGS`, checks that it succeeded (showing its standard
/// error if not) and gives its standard output.
pub fn newsmark_stdout<I, S>(args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = assert_cmd::Command::cargo_bin("newsmark")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `newsmark ARGS` in `dir`: its exit code and everything it printed
/// (standard output, then standard error).
pub fn run_newsmark(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = assert_cmd::Command::cargo_bin("newsmark")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
    (out.status.code(), text)
}

/// Runs the `#[ignore]`d test at `path` in this test binary (`module::name`)
/// alone, in a new process of the binary: for a test that measures the
/// whole process (its peak memory), which the other tests of the binary
/// would disturb. Passes its output on; panics with it if the test failed
/// or did not run.
pub fn run_test_alone(path: &str) {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", path, "--ignored", "--nocapture"])
        .args(["--test-threads", "1"])
        .output()
        .unwrap();
    let output =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{path}, run alone, failed:\n{output}");
    assert!(output.contains("1 passed"), "{path} did not run:\n{output}");
    eprint!("{output}");
}

/// A saved article with `n` spans (`Cuba` tagged in every sentence), long
/// enough that serializing it takes a while.
pub fn long_saved_article(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::TempDir::new().unwrap();
    let txt = dir.path().join("long.txt");
    let sentence = "Cuba and Iran signed a deal on fiber. ";
    let text = sentence.repeat(n);
    fs::write(&txt, &text).unwrap();
    let len = sentence.chars().count();
    let spans = (0..n).map(|k| {
        newsmark::model::Span::manual(k as u64 + 1, k * len, k * len + 4, "country", "Cuba")
    });
    let set = newsmark::model::AnnotationSet::from_spans(spans.collect());
    let ron =
        newsmark::store::to_ron_string("long.txt", &newsmark::store::text_sha256(&text), &set);
    fs::write(dir.path().join("long.ron"), ron).unwrap();
    (dir, txt)
}

/// For a test that cannot run `tool` (`why`: the error): a note that the
/// check is skipped, or on CI (the `CI` variable set, where `.ci/run`
/// installs the tool) a failure, so the check never silently stops running.
pub fn skip_without(tool: &str, check: &str, why: &std::io::Error) {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but {tool} cannot be run ({why}): {check} must run on CI"
    );
    eprintln!("SKIPPED {check}: {tool} cannot be run ({why})");
}
