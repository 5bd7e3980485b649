//! GUI tests of the desktop conventions: recent articles and folders, theme,
//! zoom and panel sizes kept between runs, and a tooltip on every menu item.

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use crate::common::gui::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT as _, Queryable as _};
use newsmark::ui::NewsmarkApp;

/// eframe's key for egui's memory (options, panel sizes), as eframe saves it.
const EGUI_MEMORY_KEY: &str = "egui";

/// Saves what eframe saves when the window closes: the app's values and
/// egui's memory.
fn save(harness: &mut Harness<'_, NewsmarkApp>) -> MemoryStorage {
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let memory = harness.ctx.memory(Clone::clone);
    eframe::set_value(&mut storage, EGUI_MEMORY_KEY, &memory);
    storage
}

/// A new window on `path`, started from `storage` as eframe starts one.
fn restart(path: &Path, storage: &MemoryStorage) -> Harness<'static, NewsmarkApp> {
    let mut later = harness_for(path);
    let memory: egui::Memory = eframe::get_value(storage, EGUI_MEMORY_KEY).unwrap();
    later.ctx.memory_mut(|m| *m = memory);
    later.state_mut().restore(Some(storage));
    later.run();
    later
}

fn open_menu(harness: &mut Harness<'_, NewsmarkApp>, path: &[&str]) {
    for name in path {
        harness.get_by_label(name).click();
        harness.run();
    }
}

#[test]
fn recent_folders_are_listed_apart_and_open_their_first_article() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let folder = txt.parent().unwrap().to_owned();
    let other = tempfile::tempdir().unwrap();
    let lone = other.path().join("lone.txt");
    fs::write(&lone, "A lone article.\n").unwrap();

    let mut first = harness_for(&txt);
    let storage = save(&mut first);
    let mut later = restart(&lone, &storage);
    let canonical = |p: &Path| fs::canonicalize(p).unwrap();
    assert_eq!(
        later.state().recent_folders(),
        [canonical(other.path()), canonical(&folder)],
        "newest first"
    );
    assert_eq!(later.state().recent().len(), 2);

    let folder_entry = format!("{}/", newsmark::store::file_name(&folder));
    open_menu(&mut later, &["File", "Open Recent"]);
    later.get_by_label(&folder_entry).click();
    later.run();
    let open = later.state().session().unwrap().txt_path().to_owned();
    assert_eq!(canonical(&open), canonical(&txt));
}

#[test]
fn theme_zoom_and_panel_width_survive_a_restart() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    open_menu(&mut harness, &["View", "Theme"]);
    harness.get_by_label("Dark").click();
    harness.run();
    assert_eq!(
        harness.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    harness.run();
    let zoom = harness.ctx.zoom_factor();
    assert!(zoom > 1.0, "Ctrl+Plus zooms in: {zoom}");

    // Drag the span list's left edge (just left of its heading, past the
    // panel's inner margin) 80 points to the left.
    let before = panel_left(&harness);
    let grab = Pos2::new(before - 8.0, 400.0);
    harness.hover_at(grab);
    primary(&harness, grab, true, Modifiers::NONE);
    harness.step();
    for dx in [20.0, 40.0, 60.0, 80.0] {
        harness.hover_at(grab - egui::vec2(dx, 0.0));
        harness.step();
    }
    primary(
        &harness,
        grab - egui::vec2(80.0, 0.0),
        false,
        Modifiers::NONE,
    );
    harness.run();
    let after = panel_left(&harness);
    assert!(
        (before - after - 80.0).abs() < 2.0,
        "dragged from {before} to {after}"
    );

    let width = panel_width(&harness);
    let storage = save(&mut harness);
    let later = restart(&txt, &storage);
    assert_eq!(
        later.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
    assert!(later.ctx.global_style().visuals.dark_mode);
    assert!((later.ctx.zoom_factor() - zoom).abs() < 1e-6);
    let restored = panel_width(&later);
    assert!((restored - width).abs() < 1.0, "{restored} vs {width}");
}

/// The span list's width (from its heading to the window's right edge).
fn panel_width(harness: &Harness<'_, NewsmarkApp>) -> f32 {
    harness.ctx.content_rect().right() - panel_left(harness)
}

/// Where the span list's heading starts: its panel's left edge plus margin.
fn panel_left(harness: &Harness<'_, NewsmarkApp>) -> f32 {
    harness.get_by_label("Spans").rect().left()
}

/// Whether, after the pointer rests on what it hovers (a first tooltip
/// waits for that), a tooltip of more than a few words shows.
fn shows_a_tooltip(harness: &mut Harness<'_, NewsmarkApp>) -> bool {
    harness.run_steps(20);
    harness
        .query_all(By::new().role(Role::Tooltip))
        .flat_map(|tip| {
            tip.query_all(By::new())
                .filter_map(|n| n.accesskit_node().label().or_else(|| n.value()))
                .collect::<Vec<_>>()
        })
        .any(|text| text.len() > 10)
}

/// Buttons of the open menus, by label.
fn buttons(harness: &Harness<'_, NewsmarkApp>) -> HashSet<String> {
    harness
        .query_all(By::new().role(Role::Button))
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

#[test]
fn every_menu_item_explains_itself_in_a_tooltip() {
    let (_dir, txt) = temp_article(SAMPLE, true);
    let mut harness = harness_for(&txt);
    harness
        .ctx
        .all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    let bar = buttons(&harness);
    let submenus = [
        "Open Recent",
        "Import into this folder",
        "Export this folder",
        "Theme",
    ];
    let (mut checked, mut missing) = (0, Vec::new());
    for menu in ["File", "Edit", "Go", "Review", "View", "Label", "Help"] {
        open_menu(&mut harness, &[menu]);
        let mut items: Vec<String> = buttons(&harness).difference(&bar).cloned().collect();
        items.sort();
        assert!(!items.is_empty(), "{menu} has items");
        for label in items.iter().filter(|l| !submenus.contains(&l.as_str())) {
            harness
                .get(By::new().role(Role::Button).label(label))
                .hover();
            if !shows_a_tooltip(&mut harness) {
                missing.push(format!("{menu} > {label}"));
            }
            checked += 1;
        }
        harness.key_press(Key::Escape);
        harness.run();
    }
    assert!(missing.is_empty(), "no tooltip: {missing:#?}");
    assert!(checked >= 25, "only {checked} items checked");
}

/// The controls now on screen (menu titles aside) that show no tooltip of
/// more than a few words when hovered.
fn controls_without_tooltip(harness: &mut Harness<'_, NewsmarkApp>) -> (usize, Vec<String>) {
    let roles = [
        Role::Button,
        Role::CheckBox,
        Role::ComboBox,
        Role::TextInput,
        Role::SpinButton,
        Role::Slider,
        Role::RadioButton,
        Role::Link,
    ];
    // Menu titles, and egui's own close button of a window's title bar.
    let exempt = [
        "File",
        "Edit",
        "Go",
        "Review",
        "View",
        "Label",
        "Help",
        "Close window",
    ];
    let mut controls: Vec<(Role, String)> = Vec::new();
    for role in roles {
        for node in harness.query_all(By::new().role(role)) {
            let name = node.accesskit_node().label().unwrap_or_default();
            if !exempt.contains(&name.as_str()) && !controls.contains(&(role, name.clone())) {
                controls.push((role, name));
            }
        }
    }
    let mut missing = Vec::new();
    for (role, name) in &controls {
        let Some(node) = harness.query_all(By::new().role(*role).label(name)).next() else {
            continue;
        };
        node.hover();
        if !shows_a_tooltip(harness) {
            missing.push(format!("{role:?} {name:?}"));
        }
    }
    (controls.len(), missing)
}

/// A copy of the five annotated sample articles.
fn sample_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    for entry in fs::read_dir(samples).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn every_control_of_the_window_explains_itself_in_a_tooltip() {
    let dir = sample_folder();
    let mut harness = harness_for(dir.path());
    harness
        .ctx
        .all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    let mut missing = Vec::new();
    let mut seen = 0;
    let mut check = |harness: &mut Harness<'_, NewsmarkApp>, state: &str| {
        let (count, gaps) = controls_without_tooltip(harness);
        seen += count;
        missing.extend(gaps.into_iter().map(|g| format!("{state}: {g}")));
    };
    // The text with the span list and the search bar.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    check(&mut harness, "search");
    harness.key_press(Key::Escape);
    harness.run();
    // The document list.
    execute(&mut harness, vec![newsmark::ui::Command::ToggleDocuments]);
    check(&mut harness, "documents");
    // The review panel, with suggestions to review.
    execute(
        &mut harness,
        vec![newsmark::ui::Command::Suggest { all: false }],
    );
    wait_for_suggestions(&mut harness);
    execute(&mut harness, vec![newsmark::ui::Command::ToggleReview]);
    check(&mut harness, "review");
    // The statistics window.
    execute(&mut harness, vec![newsmark::ui::Command::ToggleStatistics]);
    check(&mut harness, "statistics");
    assert!(missing.is_empty(), "no tooltip: {missing:#?}");
    assert!(seen >= 40, "only {seen} controls");
}
