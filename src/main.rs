//! newsmark's entry point: with no argument it opens the bundled sample
//! articles; with a path it opens that article or folder.

use std::path::PathBuf;

use clap::Parser;

/// Label spans of news articles (person, role, country, initiative).
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// An article (.txt) or a folder of articles. Defaults to the bundled
    /// `sample_data`.
    path: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let path = args
        .path
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data"));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("newsmark")
            .with_inner_size([1200.0, 860.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "newsmark",
        options,
        Box::new(move |_cc| Ok(Box::new(newsmark::ui::NewsmarkApp::new(Some(&path))))),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}
