//! Helpers for tests that look at folders and run the command line.

use std::fs;
use std::path::Path;

/// Names in a folder, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
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
