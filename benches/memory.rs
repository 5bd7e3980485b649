//! Peak memory with a 10 MB article and ~200,000 spans open in the real app:
//! opened, first frame, a few pages scrolled, a span added and undone. The
//! article is generated first; a child process (this program again) opens
//! it, so that generating does not count, and reports its peak resident
//! set (`VmHWM`).
//!
//! Run with `cargo bench --bench memory`.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use common::key;

use egui::{Event, Key, Modifiers};
use newsmark::ui::NewsmarkApp;

const ARTICLE_VAR: &str = "NEWSMARK_MEMORY_ARTICLE";

fn frame(ctx: &egui::Context, app: &mut NewsmarkApp, events: Vec<Event>) {
    std::hint::black_box(common::run_frame(ctx, app, 1200.0, events));
}

/// In the child: open the article, use it a little, report the peak.
fn measure(article: &str) {
    let before = common::peak_rss_mib().unwrap_or(0.0);
    let ctx = common::context();
    let mut app = NewsmarkApp::new(Some(std::path::Path::new(article)));
    let spans = app.session().map_or(0, |s| s.set().len());
    let opened = common::peak_rss_mib().unwrap_or(0.0);
    frame(&ctx, &mut app, Vec::new());
    while app.is_reading_folder() {
        std::thread::sleep(std::time::Duration::from_millis(10));
        frame(&ctx, &mut app, Vec::new());
    }
    let read = common::peak_rss_mib().unwrap_or(0.0);
    for _ in 0..5 {
        frame(&ctx, &mut app, vec![key(Key::PageDown, Modifiers::NONE)]);
    }
    frame(
        &ctx,
        &mut app,
        vec![
            key(Key::Home, Modifiers::COMMAND),
            key(Key::ArrowRight, Modifiers::SHIFT.plus(Modifiers::COMMAND)),
        ],
    );
    frame(&ctx, &mut app, vec![key(Key::Num4, Modifiers::NONE)]);
    frame(&ctx, &mut app, vec![key(Key::Z, Modifiers::COMMAND)]);
    assert_eq!(app.session().map_or(0, |s| s.set().len()), spans);
    let peak = common::peak_rss_mib().unwrap_or(0.0);
    let now = common::rss_mib().unwrap_or(0.0);
    eprintln!(
        "memory/10MB_article: {spans} spans; peak RSS {peak:.0} MiB (before opening {before:.0}, \
         after opening {opened:.0}, after the folder was read {read:.0}; resident at the end {now:.0})"
    );
}

fn main() {
    if let Ok(article) = std::env::var(ARTICLE_VAR) {
        measure(&article);
        return;
    }
    let (_dir, txt) = common::article_with_spans_every(10_000_000, 42);
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .env(ARTICLE_VAR, &txt)
        .status()
        .unwrap();
    assert!(status.success(), "the measuring process failed: {status}");
}
