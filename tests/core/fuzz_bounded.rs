//! A bounded run of every fuzz target (see `fuzz/` and the README's Fuzzing
//! section): each target's body runs on its seeds, on every input the
//! fuzzer once crashed on (`fuzz/regressions/TARGET/`), and on a fixed
//! number of deterministic mutations of the seeds. The bodies panic on a
//! crash, on an error that names no file, or on lost work.
//!
//! `NEWSMARK_FUZZ_MUTATIONS` sets the number of mutations per target (default
//! 400); `NEWSMARK_FUZZ_SEED` another mutation seed.

#![allow(clippy::unwrap_used)]

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod bodies;

use std::fs;
use std::path::Path;

/// Tokens that break parsers and offset arithmetic, spliced into inputs.
const TOKENS: &[&str] = &[
    "0",
    "1",
    "-1",
    "255",
    "65536",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775807",
    "1e308",
    "NaN",
    "inf",
    "-0.0",
    "Some(",
    "None",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "\\u{0}",
    "\\ud800",
    "r#\"",
    "/*",
    "//",
    "\n",
    "\r\n",
    "\t",
    " ",
    "\u{feff}",
    "😀",
    "🇨🇺",
    "👩\u{200d}💻",
    "e\u{301}",
    "\u{0}",
    "T1\tperson 0 3\tAna\n",
    "{\"text\": \"Ana\", \"spans\": [{\"start\": 0, \"end\": 3, \"label\": \"PER\"}]}\n",
    "(id: 1, start: 0, end: 3, label: \"person\", text: \"Ana\")",
    "\"meta\": {\"file\": \"../x.txt\"}",
];

/// A xorshift generator: the same mutations on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap()
    }
}

/// One to four random edits of a random seed.
fn mutate(seeds: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut data = seeds[rng.below(seeds.len())].clone();
    for _ in 0..=rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 | 2 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                data.splice(at..at, token.iter().copied());
            }
            3 => {
                let end = (at + rng.below(16)).min(data.len());
                data.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(64)).min(data.len());
                let chunk = data[at..end].to_vec();
                data.splice(at..at, chunk);
            }
            _ => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                data.truncate(at);
                data.extend_from_slice(&other[from..]);
            }
        }
    }
    data
}

/// The files directly in `dir`, sorted by name; none if it does not exist.
fn files_in(dir: &Path) -> Vec<Vec<u8>> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.iter().map(|p| fs::read(p).unwrap()).collect()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).map_or(default, |v| v.parse().unwrap())
}

/// Runs `body` on the target's seeds, regressions and mutations.
fn run(target: &str, body: fn(&[u8])) {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let seeds = files_in(&fuzz.join("seeds").join(target));
    assert!(!seeds.is_empty(), "no seeds for {target}");
    for input in seeds
        .iter()
        .chain(&files_in(&fuzz.join("regressions").join(target)))
    {
        body(input);
    }
    let mut rng = Rng(env_number("NEWSMARK_FUZZ_SEED", 0x6e65_7773_6d61_726b) | 1);
    for _ in 0..env_number("NEWSMARK_FUZZ_MUTATIONS", 400) {
        let input = mutate(&seeds, &mut rng);
        let outcome = std::panic::catch_unwind(|| body(&input));
        if let Err(panic) = outcome {
            let saved = std::env::temp_dir().join(format!("newsmark-fuzz-{target}-failure"));
            fs::write(&saved, &input).unwrap();
            eprintln!("{target} failed on the input saved as {}", saved.display());
            std::panic::resume_unwind(panic);
        }
    }
}

#[test]
fn ron_loader_survives_hostile_annotation_files() {
    run("ron_loader", bodies::ron_loader);
}

#[test]
fn journal_survives_hostile_recovery_journals() {
    run("journal", bodies::journal);
}

#[test]
fn settings_survive_hostile_settings_files() {
    run("settings", bodies::settings);
}

#[test]
fn spacy_import_survives_hostile_jsonl() {
    run("import_spacy", bodies::import_spacy);
}

#[test]
fn doccano_import_survives_hostile_jsonl() {
    run("import_doccano", bodies::import_doccano);
}

#[test]
fn brat_import_survives_hostile_standoff() {
    run("import_brat", bodies::import_brat);
}
