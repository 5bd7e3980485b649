//! newsmark's entry point: with no argument it opens the bundled sample
//! articles; with a path it opens that article or folder (as an annotator
//! with `--annotator NAME`); subcommands (`import`, `suggest`, `stats`,
//! `agree`, …) work without the window.

use std::path::PathBuf;
use std::process::ExitCode;

use newsmark::cli;

/// mimalloc: corpus commands spend a quarter of their time in glibc's
/// malloc and free (10,000 articles, `export conll`: 2.14 → 1.32 s CPU), and
/// the window's folder index, replaced digest by digest by a folder-wide job,
/// fragmented glibc's heap (see the README's benchmark section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // `RUST_LOG=debug newsmark …` shows what the program did and what it skipped.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let mut args = cli::parse_args();
    if let Some(command) = args.command.take() {
        return cli::run(command);
    }
    match cli::window_annotator(&args) {
        Ok(Some(annotator)) => {
            newsmark::team::annotate_as(annotator);
        }
        Ok(None) => {}
        Err(err) => {
            eprintln!("newsmark: {err:#}");
            return ExitCode::FAILURE;
        }
    }
    let path = args
        .path
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data"));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("newsmark")
        .with_app_id("newsmark")
        .with_inner_size([1200.0, 860.0])
        .with_drag_and_drop(true);
    if let Some(icon) = newsmark::ui::icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    newsmark::ui::return_freed_memory_in_background();
    let result = eframe::run_native(
        "newsmark",
        options,
        Box::new(move |cc| Ok(Box::new(newsmark::ui::NewsmarkApp::start(cc, Some(&path))))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("newsmark: could not open the window: {err}");
            ExitCode::FAILURE
        }
    }
}
