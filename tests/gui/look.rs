//! GUI tests of how the window looks: emoji drawn by the bundled font, label
//! tags that read and never run together, hotkeys on the label chips, the
//! help window sized to its contents, checkboxes in the View menu.

use std::path::Path;

use crate::common::gui::*;
use egui::accesskit::{Role, Toggled};
use egui::epaint::{RectShape, Shape, TextShape};
use egui::{Color32, FontId, Key, Modifiers, Rect, ThemePreference};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use newsmark::ui::{NewsmarkApp, contrast_ratio};
use unicode_segmentation::UnicodeSegmentation as _;

/// News text with current emoji: a handshake, ZWJ sequences with skin
/// tones, flags, Unicode 14–16 additions.
const EMOJI_NEWS: &str = "Leaders meet 🤝 in Havana\n\n\
    Tehran and Havana signed the pact 🇮🇷🇨🇺 on Monday. The coder 👩🏽‍💻 said: \
    we 🫶 it, like a 🐦‍🔥 🫩, and 🧑🏿‍🤝‍🧑🏻 cheered 👍🏾 ❤️‍🔥 🏳️‍🌈 🇪🇺 🇺🇳 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ✅ 📰 🗳️ 🌍.\n\
    Issa Iran met Ana Cuba at the UN.\n";

/// Whether a grapheme cluster is an emoji (pictographs, flags, dingbats).
fn is_emoji(cluster: &str) -> bool {
    cluster.chars().any(|c| {
        let c = u32::from(c);
        (0x1F000..0x1FB00).contains(&c) || (0x2600..0x27C0).contains(&c)
    })
}

/// Every emoji cluster of the sample articles and of [`EMOJI_NEWS`].
fn emoji_clusters() -> Vec<String> {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    let mut texts = vec![EMOJI_NEWS.to_owned()];
    for entry in std::fs::read_dir(samples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(path).unwrap());
        }
    }
    let mut clusters: Vec<String> = texts
        .iter()
        .flat_map(|t| t.graphemes(true).filter(|g| is_emoji(g)).map(str::to_owned))
        .collect();
    clusters.sort();
    clusters.dedup();
    clusters
}

/// A folder holding [`EMOJI_NEWS`] and the annotations of `ron_spans`
/// (RON span records), opened in the window.
fn emoji_article(ron_spans: &str) -> (tempfile::TempDir, Harness<'static, NewsmarkApp>) {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("emoji-news.txt");
    std::fs::write(&txt, EMOJI_NEWS).unwrap();
    let ron = format!("(format: 1, document: \"emoji-news.txt\", spans: [{ron_spans}])\n",);
    std::fs::write(dir.path().join("emoji-news.ron"), ron).unwrap();
    let harness = harness_for(&txt);
    (dir, harness)
}

#[test]
fn every_emoji_of_the_samples_and_the_news_draws_as_one_glyph() {
    // The harness panics on a glyph no font has, so showing the text at all
    // is the first check.
    let (_dir, harness) = emoji_article("");
    let clusters = emoji_clusters();
    assert!(clusters.len() >= 20, "{clusters:?}");
    let font = FontId::proportional(17.0);
    let mut wrong = Vec::new();
    for cluster in &clusters {
        let (has_glyphs, visible) = harness.ctx.fonts_mut(|fonts| {
            let galley = fonts.layout_no_wrap(cluster.clone(), font.clone(), Color32::WHITE);
            let visible = galley.rows[0]
                .row
                .glyphs
                .iter()
                .filter(|g| g.advance_width > 0.0)
                .count();
            (fonts.has_glyphs(&font, cluster), visible)
        });
        // A flag or a ZWJ sequence drawn as its parts (two letters, a
        // woman and a laptop) shows more than one glyph.
        if !has_glyphs || visible != 1 {
            let points: Vec<String> = cluster
                .chars()
                .map(|c| format!("U+{:X}", u32::from(c)))
                .collect();
            wrong.push(format!(
                "{cluster} ({}): {visible} glyphs, all in a font: {has_glyphs}",
                points.join(" ")
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A tag as painted: its text, the text's colour and rectangle, and the
/// chip behind it (if any).
#[derive(Debug)]
struct PaintedTag {
    text: String,
    color: Color32,
    text_rect: Rect,
    chip: Option<(Rect, Color32)>,
}

/// Size of the tags' text (`style::TAG_SIZE`).
const TAG_SIZE: f32 = 12.0;

/// The label tags painted in the last frame: text of the tag size whose
/// text starts like a label, with the filled rectangle just around it.
fn painted_tags(harness: &Harness<'_, NewsmarkApp>) -> Vec<PaintedTag> {
    let shapes: Vec<&Shape> = harness
        .output()
        .shapes
        .iter()
        .map(|clipped| &clipped.shape)
        .collect();
    let rects: Vec<&RectShape> = shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect(r) if r.fill.a() == 255 => Some(r),
            _ => None,
        })
        .collect();
    shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text(t) => Some(t),
            _ => None,
        })
        .filter(|t: &&TextShape| {
            let text = t.galley.text();
            let size = t.galley.job.sections.first().map(|s| s.format.font_id.size);
            // Tags are the only text drawn at their size, with a label's
            // name (or its first letters) in front.
            size == Some(TAG_SIZE) && text.starts_with(['p', 'r', 'c', 'i'])
        })
        .map(|t| {
            let text_rect = t.galley.rect.translate(t.pos.to_vec2());
            let chip = rects
                .iter()
                .filter(|r| r.rect.expand(0.5).contains_rect(text_rect))
                .min_by(|a, b| a.rect.area().total_cmp(&b.rect.area()))
                .map(|r| (r.rect, r.fill));
            PaintedTag {
                text: t.galley.text().to_owned(),
                color: t.galley.job.sections[0].format.color,
                text_rect,
                chip,
            }
        })
        .filter(|tag| tag.text_rect.center().x > 0.0)
        .collect()
}

#[test]
fn tags_read_at_4_5_to_1_and_adjacent_short_spans_tags_stand_apart_in_both_themes() {
    // "Issa Iran" as two adjacent pending suggestions, "Ana Cuba" accepted.
    let start = |word: &str| EMOJI_NEWS[..EMOJI_NEWS.find(word).unwrap()].chars().count();
    let span = |id: u32, word: &str, label: &str, extra: &str| {
        let s = start(word);
        let e = s + word.chars().count();
        format!("(id: {id}, start: {s}, end: {e}, label: \"{label}\", text: \"{word}\"{extra}),")
    };
    let pending = |score: f32| {
        format!(", origin: Extractor(\"spacy\"), score: Some({score}), status: Pending")
    };
    let spans = [
        span(1, "Issa", "person", &pending(0.76)),
        span(2, "Iran", "country", &pending(0.83)),
        span(3, "Ana", "person", ""),
        span(4, "Cuba", "country", ""),
    ]
    .concat();
    let (_dir, mut harness) = emoji_article(&spans);
    let iran = start("Iran");
    let ctx = harness.ctx.clone();
    let iran_x = harness
        .state_mut()
        .char_screen_rect(&ctx, iran)
        .unwrap()
        .min
        .x;
    for theme in [ThemePreference::Light, ThemePreference::Dark] {
        harness.ctx.set_theme(theme);
        harness.run();
        let background = harness.ctx.global_style().visuals.panel_fill;
        let tags = painted_tags(&harness);
        assert_eq!(tags.len(), 4, "{theme:?}: {tags:#?}");
        for tag in &tags {
            let behind = tag.chip.map_or(background, |(_, fill)| fill);
            let ratio = contrast_ratio(tag.color, behind);
            assert!(ratio >= 4.5, "{theme:?}: {tag:?} reads at {ratio:.2}:1");
        }
        let area = |tag: &PaintedTag| tag.chip.map_or(tag.text_rect, |(rect, _)| rect);
        for (i, a) in tags.iter().enumerate() {
            for b in &tags[i + 1..] {
                let (ra, rb) = (area(a), area(b));
                // Two chips on a row keep a gap: they never touch.
                assert!(
                    !ra.expand2(egui::vec2(1.5, 0.0)).intersects(rb),
                    "{theme:?}: {a:?} and {b:?} run together"
                );
            }
        }
        // Iran's tag sits at Iran (Issa's is shortened to make room), not
        // pushed right past Issa's full tag.
        let first = |prefix: &str| {
            tags.iter()
                .filter(|t| t.text.starts_with(prefix))
                .min_by(|a, b| a.text_rect.left().total_cmp(&b.text_rect.left()))
                .unwrap()
        };
        let left = area(first("c")).left();
        assert!(
            (left - iran_x).abs() <= 1.0,
            "{theme:?}: Iran's tag at {left}, Iran at {iran_x}: {tags:#?}"
        );
        assert_ne!(
            first("p").text,
            "person ?0.76",
            "{theme:?}: shortened to fit"
        );
    }
}

#[test]
fn the_label_chips_show_their_hotkeys() {
    // Clicking a chip is tested with the palette (annotate.rs).
    let (_dir, txt) = temp_article(SAMPLE, false);
    let harness = harness_for(&txt);
    for chip in ["person 1/P", "role 2/R", "country 3/C", "initiative 4/I"] {
        harness.get(By::new().role(Role::Button).label(chip));
    }
}

#[test]
fn the_help_window_shows_every_shortcut_without_scrolling() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    harness.key_press(Key::F1);
    harness.run();
    let window = harness.get(By::new().role(Role::Window).label("Keyboard shortcuts"));
    let frame = window.rect();
    let screen = harness.ctx.content_rect();
    assert!(
        screen.contains_rect(frame),
        "{frame:?} off the screen {screen:?}"
    );
    // Every line of the help, the last shortcut included, is inside the
    // window: nothing is hidden below a scroll bar.
    let inside = |text: &str| {
        harness
            .query_all_by_label(text)
            .any(|n| frame.expand(0.5).contains_rect(n.rect()))
    };
    let hidden: Vec<_> = newsmark::ui::shortcut_help()
        .flat_map(|(keys, what)| [keys, what])
        .filter(|text| !inside(text))
        .collect();
    assert!(
        hidden.is_empty(),
        "not in the window {frame:?}: {hidden:#?}"
    );
    harness.key_press(Key::F1);
    harness.run();
    assert!(
        harness
            .query(By::new().role(Role::Window).label("Keyboard shortcuts"))
            .is_none()
    );
}

/// The View menu's checkbox `label` (its shortcut follows it).
fn view_checkbox(harness: &mut Harness<'_, NewsmarkApp>, label: &str) -> Option<Toggled> {
    harness.get_by_label("View").click();
    harness.run();
    let toggled = harness
        .get(
            By::new()
                .role(Role::CheckBox)
                .predicate(move |n| n.label().is_some_and(|l| l.starts_with(label))),
        )
        .accesskit_node()
        .toggled();
    harness.key_press(Key::Escape);
    harness.run();
    toggled
}

#[test]
fn the_view_menu_shows_panels_as_checkboxes() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    for label in [
        "Review panel",
        "Document list",
        "Statistics",
        "Show rejected suggestions",
    ] {
        assert_eq!(
            view_checkbox(&mut harness, label),
            Some(Toggled::False),
            "{label}"
        );
    }
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run();
    assert_eq!(
        view_checkbox(&mut harness, "Review panel"),
        Some(Toggled::True)
    );
    assert_eq!(
        view_checkbox(&mut harness, "Document list"),
        Some(Toggled::False)
    );
    // No item spells its state out as text any more.
    harness.get_by_label("View").click();
    harness.run();
    let typed = harness
        .query_all(By::new())
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with("[x]") || l.starts_with("[ ]"));
    assert_eq!(typed, None);
}

#[test]
fn label_counts_in_the_status_bar_and_span_list_read_at_4_5_to_1_in_both_themes() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    for theme in [ThemePreference::Light, ThemePreference::Dark] {
        harness.ctx.set_theme(theme);
        harness.run();
        let background = harness.ctx.global_style().visuals.panel_fill;
        let counts: Vec<(String, Color32)> = harness
            .output()
            .shapes
            .iter()
            .filter_map(|clipped| match &clipped.shape {
                Shape::Text(t) => Some(t),
                _ => None,
            })
            .filter_map(|t| {
                let text = t.galley.text().trim_start_matches("- ").to_owned();
                let labelled = ["person ", "role ", "country ", "initiative "]
                    .iter()
                    .any(|l| {
                        text.strip_prefix(l)
                            .is_some_and(|r| r.starts_with(char::is_numeric))
                    });
                labelled.then(|| (text, t.galley.job.sections[0].format.color))
            })
            .collect();
        assert!(
            counts.len() >= 8,
            "{theme:?}: status bar and headings: {counts:?}"
        );
        for (text, color) in &counts {
            let ratio = contrast_ratio(*color, background);
            assert!(ratio >= 4.5, "{theme:?}: {text:?} reads at {ratio:.2}:1");
        }
    }
}
