//! Shared by the benchmarks: generated articles and a CPU-time measurement.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;

use newsmark::model::{AnnotationSet, Document, Relation, Span};
use newsmark::store;

mod cpu_time;
mod folders;
// Not every bench uses every helper.
#[allow(unused_imports)]
pub use cpu_time::{CpuTime, cpu_criterion, thread_cpu_ns};
#[allow(unused_imports)]
pub use folders::{ENTITIES_RON, article_folder, article_folder_with_entities};

/// The allocator the `newsmark` binary uses (src/main.rs), so that what a
/// bench measures in its own process is what the program does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Words the generated articles are made of (accents, curly quotes, a flag).
pub const WORDS: &[&str] = &[
    "the",
    "minister",
    "of",
    "communications",
    "said",
    "Iran",
    "and",
    "Cuba",
    "would",
    "expand",
    "cooperation",
    "on",
    "optical",
    "fiber",
    "González",
    "Zarepour",
    "data",
    "centers",
    "in",
    "Havana",
    "Tehran",
    "e-government",
    "network",
    "“4G”",
    "programme",
    "officials",
    "🇨🇺",
];

/// The labels spans get, in turn.
pub const LABELS: &[&str] = &["person", "role", "country", "initiative"];

/// The text of a generated article of about `bytes` bytes (paragraphs of
/// ~600 characters, CRLF line ends) and its spans, one every `every` code
/// points or so.
pub fn article_text(bytes: usize, every: usize) -> (String, Vec<Span>) {
    article_text_of(WORDS, "A generated article for benchmarks", bytes, every)
}

/// Words of the generated Persian articles: letters joined and not,
/// "می‌خواهند" and "همکاری‌های" with a ZWNJ (U+200C), Persian and ASCII
/// digits, a bracket, guillemets and an English word.
pub const PERSIAN_WORDS: &[&str] = &[
    "وزیر",
    "ارتباطات",
    "ایران",
    "و",
    "کوبا",
    "می\u{200c}خواهند",
    "همکاری\u{200c}های",
    "فیبر",
    "نوری",
    "را",
    "در",
    "هاوانا",
    "تهران",
    "گسترش",
    "دهند،",
    "2024",
    "(میلادی)",
    "«دولت",
    "الکترونیک»",
    "۱۴۰۳",
    "ICT",
    "عیسی",
    "زارع\u{200c}پور",
    "گفت.",
];

/// A generated Persian article of about `bytes` bytes (right-to-left
/// paragraphs with English and digits in them) and its spans, as
/// [`article_text`].
pub fn persian_article_text(bytes: usize, every: usize) -> (String, Vec<Span>) {
    article_text_of(
        PERSIAN_WORDS,
        "مقاله\u{200c}ای برای سنجش سرعت",
        bytes,
        every,
    )
}

/// [`article_text`] made of `words`, under `title`.
fn article_text_of(words: &[&str], title: &str, bytes: usize, every: usize) -> (String, Vec<Span>) {
    let mut text = format!("{title}\r\n\r\n");
    let mut spans = Vec::new();
    let mut chars = text.chars().count();
    let mut next_span_at = chars;
    let mut k = 0usize;
    while text.len() < bytes {
        let word = words[(k * 7 + k / 5) % words.len()];
        let len = word.chars().count();
        if chars >= next_span_at {
            let label = LABELS[k % LABELS.len()];
            spans.push(Span::manual(
                spans.len() as u64 + 1,
                chars,
                chars + len,
                label,
                word,
            ));
            next_span_at = chars + every;
        }
        text.push_str(word);
        chars += len;
        k += 1;
        if k.is_multiple_of(90) {
            text.push_str("\r\n");
            chars += 2;
        } else {
            text.push(' ');
            chars += 1;
        }
    }
    (text, spans)
}

/// The label a news annotator gives each word of [`WORDS`] that names
/// something (the others are never labelled).
fn entity_label(word: &str) -> Option<&'static str> {
    match word {
        "Iran" | "Cuba" | "Havana" | "Tehran" | "🇨🇺" => Some("country"),
        "González" | "Zarepour" => Some("person"),
        "minister" | "officials" => Some("role"),
        "e-government" | "“4G”" | "programme" => Some("initiative"),
        _ => None,
    }
}

/// [`article_text`] as a news corpus is annotated: only names are
/// labelled (each always with the same label), one every `every` code
/// points or so; the names' other mentions are left for `suggest` to find.
pub fn news_article_text(bytes: usize, every: usize) -> (String, Vec<Span>) {
    let (text, _) = article_text(bytes, bytes);
    let mut spans = Vec::new();
    let mut next_span_at = 0;
    let mut at = 0;
    for piece in text.split_inclusive([' ', '\n']) {
        let word = piece.trim_end();
        let len = word.chars().count();
        if at >= next_span_at
            && let Some(label) = entity_label(word)
        {
            spans.push(Span::manual(
                spans.len() as u64 + 1,
                at,
                at + len,
                label,
                word,
            ));
            next_span_at = at + every;
        }
        at += piece.chars().count();
    }
    (text, spans)
}

/// Writes a generated article (a span every ~50 code points) and its
/// annotation file into a temp folder; returns the folder and the `.txt`.
pub fn article(bytes: usize) -> (tempfile::TempDir, PathBuf) {
    article_with_spans_every(bytes, 50)
}

/// [`article`] with a span every ~`every` code points.
pub fn article_with_spans_every(bytes: usize, every: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let txt = write_article(dir.path(), "generated", bytes, every);
    (dir, txt)
}

/// [`article`] in Persian ([`persian_article_text`]).
pub fn persian_article(bytes: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (text, spans) = persian_article_text(bytes, 50);
    let txt = write_text(dir.path(), "persian", text, spans);
    (dir, txt)
}

/// Writes `NAME.txt` and `NAME.ron` into `dir`; returns the `.txt` path.
pub fn write_article(dir: &std::path::Path, name: &str, bytes: usize, every: usize) -> PathBuf {
    let (text, spans) = article_text(bytes, every);
    write_text(dir, name, text, spans)
}

/// Writes `text` as `NAME.txt` and `spans` as `NAME.ron` into `dir`.
/// Writes `text` as `NAME.txt` and `spans` as its `NAME.ron` into `dir`;
/// returns the `.txt` path.
pub fn write_text(dir: &std::path::Path, name: &str, text: String, spans: Vec<Span>) -> PathBuf {
    let txt = dir.join(format!("{name}.txt"));
    std::fs::write(&txt, &text).unwrap();
    let doc = Document::new(text);
    let set = AnnotationSet::from_spans(spans);
    let file_name = format!("{name}.txt");
    store::save_annotations(&store::paired_ron_path(&txt), &file_name, &doc, &set).unwrap();
    txt
}

/// How opening a folder in the app went ([`open_folder_in_app`]).
pub struct FolderOpened {
    /// The app, the folder read.
    pub app: newsmark::ui::NewsmarkApp,
    /// Wall time to the first frame (the first article shown).
    pub first_frame: std::time::Duration,
    /// Wall time until the document list was complete.
    pub all: std::time::Duration,
    /// The longest frame meanwhile.
    pub longest: std::time::Duration,
}

/// This process's resident memory, in MiB.
pub fn resident_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

/// An egui context with the app's fonts, as the window has them (the
/// window installs them once when it starts, not every frame), freed memory
/// given back on a thread of its own as the window does.
pub fn context() -> egui::Context {
    newsmark::ui::return_freed_memory_in_background();
    let ctx = egui::Context::default();
    newsmark::ui::install_fonts(&ctx);
    ctx
}

/// Opens the folder of the article `first` in the app and runs a frame every
/// 10 ms, as a live window would, until the folder is read.
pub fn open_folder_in_app(first: &std::path::Path) -> FolderOpened {
    use std::time::{Duration, Instant};
    let frame = |ctx: &egui::Context, app: &mut newsmark::ui::NewsmarkApp| {
        let start = Instant::now();
        std::hint::black_box(run_frame(ctx, app, 1200.0, Vec::new()));
        start.elapsed()
    };
    let start = Instant::now();
    let ctx = context();
    let mut app = newsmark::ui::NewsmarkApp::new(Some(first));
    let mut longest = frame(&ctx, &mut app);
    let first_frame = start.elapsed();
    while app.is_reading_folder() {
        std::thread::sleep(Duration::from_millis(10));
        longest = longest.max(frame(&ctx, &mut app));
    }
    FolderOpened {
        app,
        first_frame,
        all: start.elapsed(),
        longest,
    }
}

/// Peak resident memory of this process so far (`VmHWM`), in MiB.
pub fn peak_rss_mib() -> Option<f64> {
    status_mib("VmHWM:")
}

/// Resident memory of this process now (`VmRSS`), in MiB.
pub fn rss_mib() -> Option<f64> {
    status_mib("VmRSS:")
}

fn status_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// A turn of the mouse wheel by `dy` points over the text.
pub fn wheel(dy: f32) -> Vec<egui::Event> {
    vec![
        egui::Event::PointerMoved(egui::Pos2::new(400.0, 400.0)),
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::Vec2::new(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        },
    ]
}

/// A key press, as the windowing backend reports it.
pub fn key(key: egui::Key, modifiers: egui::Modifiers) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

/// Runs one frame of the real app headless in a `width` × 860 point window
/// with `events`: layout, painting into shapes and tessellation, what a
/// frame costs on the CPU. Returns the tessellated primitives.
pub fn run_frame(
    ctx: &egui::Context,
    app: &mut newsmark::ui::NewsmarkApp,
    width: f32,
    events: Vec<egui::Event>,
) -> Vec<egui::ClippedPrimitive> {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::Vec2::new(width, 860.0),
        )),
        events,
        ..Default::default()
    };
    let mut output = ctx.run_ui(input, |ui| app.frame(ui));
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point)
}

/// The folder sizes a corpus-wide bench runs at: 10,000 and 100,000
/// articles, or those listed in `BENCH_SIZES` (`BENCH_SIZES=10000` for the
/// smaller folder only; divan's name filters do not see arguments).
pub fn folder_sizes() -> Vec<usize> {
    std::env::var("BENCH_SIZES")
        .ok()
        .map(|sizes| {
            sizes
                .split(',')
                .filter_map(|n| n.trim().replace('_', "").parse().ok())
                .collect()
        })
        .filter(|sizes: &Vec<usize>| !sizes.is_empty())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

/// Removes a generated folder without waiting for it: removing 200,000
/// files takes minutes on some filesystems, which a bench need not wait
/// for. On Unix a low-priority `rm -rf` is left running; elsewhere (or if
/// it cannot start) the folder is removed here.
pub fn remove_in_background(dir: tempfile::TempDir) {
    let path = dir.keep();
    let spawned = cfg!(unix)
        && std::process::Command::new("nice")
            .args(["-n", "19", "rm", "-rf"])
            .arg(&path)
            .spawn()
            .is_ok();
    if !spawned && let Err(err) = std::fs::remove_dir_all(&path) {
        eprintln!("{} is left behind: {err}", path.display());
    }
}

/// Runs the real `newsmark` binary with `args` (its output discarded),
/// returning its wall time and its peak resident memory in MiB (`VmHWM`
/// of the child, read every 2 ms while it runs). Panics unless it exits 0
/// or 2.
pub fn run_newsmark_measured(args: &[String]) -> (std::time::Duration, f64) {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0.0f64;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_file)
            && let Some(kib) = status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                matches!(status.code(), Some(0 | 2)),
                "newsmark {args:?} failed: {status}"
            );
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    (started.elapsed(), peak_kib / 1024.0)
}

/// Relations between `spans` (sorted) as an analyst draws them: each person
/// holds the next role after it (else the last before it), each role is of
/// the next country (else the last before it); every `skip`-th left out
/// (0: none).
pub fn relate(set: &mut AnnotationSet, spans: &[Span], skip: usize) {
    let next = |from: usize, label: &str| {
        let after = spans[from + 1..].iter().find(|s| s.label == label);
        after.or_else(|| spans[..from].iter().rev().find(|s| s.label == label))
    };
    let mut drawn = 0;
    for (k, span) in spans.iter().enumerate() {
        let (kind, target) = match span.label.as_str() {
            "person" => ("holds", next(k, "role")),
            "role" => ("of", next(k, "country")),
            _ => continue,
        };
        if let Some(target) = target {
            drawn += 1;
            if skip > 0 && drawn % skip == 0 {
                continue;
            }
            let id = set.next_relation_id();
            set.insert_relation(Relation::manual(id, kind, span.id, target.id));
        }
    }
}
