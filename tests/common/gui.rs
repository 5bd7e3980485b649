//! Helpers for the GUI tests: a harness on a copy of a sample article, and
//! pointer gestures aimed at code points of the text.

use std::path::{Path, PathBuf};

use egui::{Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use newsmark::model::Span;
use newsmark::ui::NewsmarkApp;

/// The sample article most tests use.
pub const SAMPLE: &str = "2024-05-iran-cuba-ict";

/// Copies a sample article (and its annotations, if `with_ron`) into a fresh
/// temporary folder, so tests never write to `sample_data`.
pub fn temp_article(name: &str, with_ron: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let txt = dir.path().join(format!("{name}.txt"));
    std::fs::copy(samples.join(format!("{name}.txt")), &txt).unwrap();
    if with_ron {
        std::fs::copy(
            samples.join(format!("{name}.ron")),
            dir.path().join(format!("{name}.ron")),
        )
        .unwrap();
    }
    (dir, txt)
}

/// Takes the `relations` list (the sample's) out of the annotation file
/// beside `txt`, keeping its spans.
pub fn remove_relations(txt: &Path) {
    let ron = txt.with_extension("ron");
    let text = std::fs::read_to_string(&ron).unwrap();
    let Some(start) = text.find("    relations: [\n") else {
        return;
    };
    let end = start + text[start..].find("    ],\n").unwrap() + "    ],\n".len();
    std::fs::write(&ron, format!("{}{}", &text[..start], &text[end..])).unwrap();
}

/// Gives the annotation file beside `txt` a `relations` list (one relation
/// a line, in the file's syntax) instead of the one it had, if any.
pub fn add_relations(txt: &Path, relations: &[&str]) {
    remove_relations(txt);
    let ron = txt.with_extension("ron");
    let text = std::fs::read_to_string(&ron).unwrap();
    let body = text.trim_end().strip_suffix(')').unwrap();
    let lines: String = relations
        .iter()
        .map(|r| format!("        {r},\n"))
        .collect();
    std::fs::write(&ron, format!("{body}    relations: [\n{lines}    ],\n)\n")).unwrap();
}

pub fn harness_for(path: &Path) -> Harness<'static, NewsmarkApp> {
    let path = path.to_owned();
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1200.0, 860.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(200)
        .build_eframe(move |cc| NewsmarkApp::start(cc, Some(&path)));
    harness.run();
    // The folder's annotation files are read in the background.
    step_while(
        &mut harness,
        "reading the folder",
        NewsmarkApp::is_reading_folder,
    );
    harness
}

/// Runs frames while `busy` holds (work on another thread), then settles;
/// fails after 30 s, naming `what`.
pub fn step_while(
    harness: &mut Harness<'_, NewsmarkApp>,
    what: &str,
    busy: impl Fn(&NewsmarkApp) -> bool,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while busy(harness.state()) {
        assert!(
            std::time::Instant::now() < deadline,
            "{what} did not finish"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    harness.run();
}

/// Screen position inside code point `pos` (between its left edge and the
/// next caret position).
pub fn point_at(harness: &mut Harness<'_, NewsmarkApp>, pos: usize) -> Pos2 {
    let ctx = harness.ctx.clone();
    let left = harness
        .state_mut()
        .char_screen_rect(&ctx, pos)
        .expect("laid out");
    let right = harness
        .state_mut()
        .char_screen_rect(&ctx, pos + 1)
        .expect("laid out");
    let x = if right.min.x > left.min.x {
        (left.min.x + right.min.x) / 2.0
    } else {
        left.min.x + 2.0
    };
    Pos2::new(x, left.center().y)
}

/// Offset of the `n`th occurrence of `needle` in the open text, in code
/// points.
pub fn find(harness: &Harness<'_, NewsmarkApp>, needle: &str) -> usize {
    let text = harness.state().session().unwrap().doc().text().to_owned();
    let byte = text.find(needle).expect("needle in text");
    text[..byte].chars().count()
}

/// Presses (or releases) the primary button at `pos`.
pub fn primary(harness: &Harness<'_, NewsmarkApp>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers,
    });
}

/// Drags from inside code point `from` to inside code point `to`.
pub fn drag(harness: &mut Harness<'_, NewsmarkApp>, from: usize, to: usize, modifiers: Modifiers) {
    let a = point_at(harness, from);
    let b = point_at(harness, to);
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.hover_at(a);
    harness.run();
    primary(harness, a, true, modifiers);
    harness.run();
    harness.hover_at(a + (b - a) * 0.5);
    harness.run();
    harness.hover_at(b);
    harness.run();
    primary(harness, b, false, modifiers);
    harness.run();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
}

/// Presses and releases the primary button at `at`, one frame each.
pub fn click(harness: &mut Harness<'_, NewsmarkApp>, at: Pos2) {
    harness.hover_at(at);
    harness.step();
    harness.drag_at(at);
    harness.step();
    primary(harness, at, false, Modifiers::NONE);
    harness.step();
    harness.run();
}

/// Two clicks in quick succession.
pub fn double_click(harness: &mut Harness<'_, NewsmarkApp>, at: Pos2) {
    harness.hover_at(at);
    harness.step();
    for _ in 0..2 {
        primary(harness, at, true, Modifiers::NONE);
        primary(harness, at, false, Modifiers::NONE);
        harness.step();
    }
    harness.run();
}

/// The button whose label starts with `text` (a shortcut may follow it).
pub fn button<'h>(harness: &'h Harness<'_, NewsmarkApp>, text: &'h str) -> egui_kittest::Node<'h> {
    harness.get(
        By::new()
            .role(egui::accesskit::Role::Button)
            .predicate(move |n| n.label().is_some_and(|l| l.starts_with(text))),
    )
}

/// Where span `id` of the open document starts.
pub fn start_of(harness: &Harness<'_, NewsmarkApp>, id: newsmark::model::SpanId) -> usize {
    let set = harness.state().session().unwrap().set();
    set.get(id).expect("the span").start
}

pub fn spans(harness: &Harness<'_, NewsmarkApp>) -> Vec<Span> {
    harness.state().session().unwrap().set().spans().to_vec()
}

pub fn span_at(harness: &Harness<'_, NewsmarkApp>, start: usize, end: usize) -> Option<Span> {
    spans(harness)
        .into_iter()
        .find(|s| s.start == start && s.end == end)
}

/// The status message shown, or "" if none.
pub fn notice_text(harness: &Harness<'_, NewsmarkApp>) -> String {
    harness
        .state()
        .notice()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

/// Chooses `label` in the search bar's label box (for Annotate all).
pub fn choose_search_label(harness: &mut Harness<'_, NewsmarkApp>, label: &str) {
    harness.get_by_label("label").click();
    harness.run();
    // The popup's item, left of the palette's button of the same name.
    harness
        .get_all_by_label(label)
        .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
        .unwrap()
        .click();
    harness.run();
}

/// Asks the app to close (as the window manager would).
pub fn request_close(harness: &mut Harness<'_, NewsmarkApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
}

pub fn sent_close(harness: &Harness<'_, NewsmarkApp>) -> bool {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::Close))
}

/// A file dropped on the window, as the windowing backend reports it.
#[derive(Debug)]
pub struct DroppedPath(pub PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Applies commands as the app's widgets would, then runs the frames.
pub fn execute(harness: &mut Harness<'_, NewsmarkApp>, commands: Vec<newsmark::ui::Command>) {
    let ctx = harness.ctx.clone();
    harness.state_mut().execute(&ctx, commands);
    harness.run();
}

/// Runs frames until the background suggesters are done (at most 30 s).
pub fn wait_for_suggestions(harness: &mut Harness<'_, NewsmarkApp>) {
    step_while(harness, "the suggesters", NewsmarkApp::is_suggesting);
}

/// Runs frames until the background import or export is done (at most 30 s).
pub fn wait_for_task(harness: &mut Harness<'_, NewsmarkApp>) {
    step_while(harness, "the task", NewsmarkApp::is_busy);
}

/// An in-memory stand-in for eframe's storage.
#[derive(Default)]
pub struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// The window gains (`true`) or loses the keyboard focus, as when the
/// user switches to another program; runs the frames that follow.
pub fn set_focus(harness: &mut Harness<'_, NewsmarkApp>, focused: bool) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .focused = Some(focused);
    harness.run();
}

/// Writes article `name` of `text` into `dir` with the manual spans
/// `(id, text, label)` (each at its text's first occurrence), as `change`
/// leaves them (make some pending, add relations); returns its path.
pub fn write_article(
    dir: &Path,
    name: &str,
    text: &str,
    spans: &[(u64, &str, &str)],
    change: impl FnOnce(&mut newsmark::model::AnnotationSet),
) -> PathBuf {
    let txt = dir.join(format!("{name}.txt"));
    std::fs::write(&txt, text).unwrap();
    let doc = newsmark::store::read_text(&txt).unwrap();
    let spans = spans
        .iter()
        .map(|&(id, word, label)| {
            let at = text[..text.find(word).unwrap()].chars().count();
            Span::manual(id, at, at + word.chars().count(), label, word)
        })
        .collect();
    let mut set = newsmark::model::AnnotationSet::from_spans(spans);
    change(&mut set);
    let ron = newsmark::store::paired_ron_path(&txt);
    newsmark::store::save_annotations(&ron, &format!("{name}.txt"), &doc, &set).unwrap();
    txt
}

/// Clicks the button `text` of a folder-wide job ("Accept all in folder
/// 6", "Take back the folder-wide accept") and steps until the job ends.
pub fn run_folder_job(harness: &mut Harness<'_, NewsmarkApp>, text: &str) {
    button(harness, text).click();
    harness.run();
    step_while(harness, text, |app| app.is_reviewing_folder());
}

/// The review filter that passes only `label` (a relation: its type).
pub fn only_label(label: &str) -> newsmark::session::ReviewFilter {
    newsmark::session::ReviewFilter {
        label: Some(label.into()),
        ..newsmark::session::ReviewFilter::default()
    }
}

/// The texts painted in the harness's last frame, each with where it was
/// drawn (screen).
pub fn painted_texts<State>(harness: &Harness<'_, State>) -> Vec<(String, egui::Rect)> {
    fn collect(shape: &egui::Shape, out: &mut Vec<(String, egui::Rect)>) {
        match shape {
            egui::Shape::Text(text) => out.push((
                text.galley.text().to_owned(),
                text.galley.rect.translate(text.pos.to_vec2()),
            )),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, &mut texts);
    }
    texts
}
