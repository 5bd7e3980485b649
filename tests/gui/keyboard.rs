//! The keyboard as the only way in: vertical motion visits every row,
//! spans made from the keyboard are trimmed like a drag's, and moving a
//! span's edges by word lands on words.

use crate::common::gui::*;
use egui::{Key, Modifiers};
use newsmark::ui::{Command, NewsmarkApp, Selection};

const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// Presses `key` and settles.
fn press(harness: &mut egui_kittest::Harness<'_, NewsmarkApp>, mods: Modifiers, key: Key) {
    harness.key_press_modifiers(mods, key);
    harness.run();
}

fn caret(harness: &egui_kittest::Harness<'_, NewsmarkApp>) -> usize {
    harness.state().selection().caret
}

/// Where each caret position is drawn (row top, rounded, and x), as laid
/// out now, so positions recorded under other scroll offsets compare.
fn places(
    harness: &mut egui_kittest::Harness<'_, NewsmarkApp>,
    positions: &[usize],
) -> Vec<(i32, f32)> {
    let ctx = harness.ctx.clone();
    positions
        .iter()
        .map(|&p| {
            let rect = harness
                .state_mut()
                .char_screen_rect(&ctx, p)
                .expect("laid out");
            (rect.min.y.round() as i32, rect.min.x)
        })
        .collect()
}

/// Every visual row of the article (tops, in order) with its right end.
fn all_rows(harness: &mut egui_kittest::Harness<'_, NewsmarkApp>) -> Vec<(i32, f32)> {
    let len = harness.state().session().unwrap().doc().char_len();
    let all: Vec<usize> = (0..=len).collect();
    let mut rows: Vec<(i32, f32)> = Vec::new();
    for (top, x) in places(harness, &all) {
        match rows.last_mut() {
            Some(last) if last.0 == top => last.1 = last.1.max(x),
            _ => rows.push((top, x)),
        }
    }
    rows
}

/// The rows a run of moves visited, in order: the last move (onto the end
/// or start of the text) stays on the row before it and is not counted.
fn visited_rows(places: &[(i32, f32)]) -> Vec<i32> {
    let mut tops: Vec<i32> = places.iter().map(|p| p.0).collect();
    if tops.len() >= 2 && tops[tops.len() - 1] == tops[tops.len() - 2] {
        tops.pop();
    }
    tops
}

#[test]
fn down_and_up_visit_every_row_of_every_paragraph_keeping_the_column() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    let len = harness.state().session().unwrap().doc().char_len();
    press(&mut harness, Modifiers::COMMAND, Key::Home);
    // Start a few words in, so the column is worth keeping.
    for _ in 0..3 {
        press(&mut harness, Modifiers::COMMAND, Key::ArrowRight);
    }
    let mut down = vec![caret(&harness)];
    while caret(&harness) < len {
        assert!(down.len() < 200, "Down never reached the end: {down:?}");
        press(&mut harness, Modifiers::NONE, Key::ArrowDown);
        let now = caret(&harness);
        assert!(
            now > *down.last().unwrap(),
            "Down got stuck at {now}: {down:?}"
        );
        down.push(now);
    }
    let rows = all_rows(&mut harness);
    let tops: Vec<i32> = rows.iter().map(|r| r.0).collect();
    let seen = places(&mut harness, &down);
    assert!(tops.len() > 15, "a multi-paragraph article: {tops:?}");
    assert_eq!(
        visited_rows(&seen),
        tops,
        "Down visits each row once, in order"
    );

    // The column is kept on every row long enough to reach it.
    let start_x = seen[0].1;
    for (&p, &(top, x)) in down.iter().zip(&seen).take(down.len() - 1) {
        let row_end = rows.iter().find(|r| r.0 == top).map_or(0.0, |r| r.1);
        if row_end > start_x + 12.0 {
            assert!(
                (x - start_x).abs() < 16.0,
                "caret at {p} left its column: x {x} vs {start_x}"
            );
        } else {
            assert!(x <= start_x + 16.0, "caret at {p} right of its column");
        }
    }

    let mut up = vec![caret(&harness)];
    while caret(&harness) > 0 {
        assert!(up.len() < 200, "Up never reached the start: {up:?}");
        press(&mut harness, Modifiers::NONE, Key::ArrowUp);
        let now = caret(&harness);
        assert!(now < *up.last().unwrap(), "Up got stuck at {now}: {up:?}");
        up.push(now);
    }
    let seen_up = places(&mut harness, &up);
    let mut visited_up = visited_rows(&seen_up);
    visited_up.reverse();
    let tops: Vec<i32> = all_rows(&mut harness).iter().map(|r| r.0).collect();
    assert_eq!(visited_up, tops, "Up visits each row once, in order");
}

#[test]
fn page_down_and_page_up_cross_paragraphs_without_sticking() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    let len = harness.state().session().unwrap().doc().char_len();
    // A short window, so the article is several screens long.
    harness.set_size(egui::Vec2::new(900.0, 300.0));
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::Home);
    let mut seen = vec![0];
    while caret(&harness) < len {
        assert!(seen.len() < 50, "Page Down never reached the end: {seen:?}");
        press(&mut harness, Modifiers::NONE, Key::PageDown);
        assert!(caret(&harness) > *seen.last().unwrap(), "stuck: {seen:?}");
        seen.push(caret(&harness));
    }
    assert!(seen.len() > 3, "several pages: {seen:?}");
    let mut back = 0;
    while caret(&harness) > 0 {
        back += 1;
        assert!(back < 50, "Page Up never reached the start");
        let before = caret(&harness);
        press(&mut harness, Modifiers::NONE, Key::PageUp);
        assert!(caret(&harness) < before, "Page Up stuck at {before}");
    }
}

#[test]
fn a_keyboard_selection_is_tagged_without_its_space_or_possessive() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    // "Tehran and| Havana": Ctrl+Right twice, then Shift+Ctrl+Right selects
    // " Havana" with its leading space.
    press(&mut harness, Modifiers::COMMAND, Key::Home);
    press(&mut harness, Modifiers::COMMAND, Key::ArrowRight);
    press(&mut harness, Modifiers::COMMAND, Key::ArrowRight);
    press(&mut harness, CTRL_SHIFT, Key::ArrowRight);
    let havana = find(&harness, "Havana");
    assert_eq!(harness.state().selection().range(), havana - 1..havana + 6);
    press(&mut harness, Modifiers::NONE, Key::Num3);
    let tagged = span_at(&harness, havana, havana + 6).expect("trimmed to the word");
    assert_eq!(tagged.text, "Havana");
    assert!(span_at(&harness, havana - 1, havana + 6).is_none());

    // " Iran’s" selected from the end of the previous line: the space and
    // the possessive are left out.
    let iran = find(&harness, "Iran\u{2019}s Minister");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    execute(
        &mut harness,
        vec![Command::Select(Selection::caret_at(iran - 1))],
    );
    press(&mut harness, CTRL_SHIFT, Key::ArrowRight);
    assert_eq!(harness.state().selection().range(), iran - 1..iran + 4);
    press(&mut harness, Modifiers::NONE, Key::Num3);
    let tagged = span_at(&harness, iran, iran + 4).expect("Iran without ’s");
    assert_eq!(tagged.text, "Iran");
}

#[test]
fn after_an_emoji_the_keyboard_tags_the_word_alone() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("wave.txt");
    std::fs::write(&txt, "Ocean talks\n\nA wave 🌊 Iran’s envoy spoke.\n").unwrap();
    let mut harness = harness_for(&txt);
    let wave = find(&harness, "🌊");
    execute(
        &mut harness,
        vec![Command::Select(Selection::caret_at(wave + 1))],
    );
    press(&mut harness, CTRL_SHIFT, Key::ArrowRight);
    press(&mut harness, Modifiers::NONE, Key::Num1);
    let all = spans(&harness);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].text, "Iran");
    assert_eq!(all[0].start, wave + 2);
}

#[test]
fn alt_keeps_a_keyboard_selection_exact() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    press(&mut harness, Modifiers::COMMAND, Key::Home);
    // Alt+Shift+Right four times: "Tehr", exactly.
    for _ in 0..4 {
        press(
            &mut harness,
            Modifiers::ALT | Modifiers::SHIFT,
            Key::ArrowRight,
        );
    }
    press(&mut harness, Modifiers::NONE, Key::Num3);
    let all = spans(&harness);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].text, "Tehr");
}

#[test]
fn moving_a_span_edge_by_word_lands_on_words_not_spaces() {
    let (_dir, txt) = temp_article(SAMPLE, false);
    let mut harness = harness_for(&txt);
    let issa = find(&harness, "Issa Zarepour");
    drag(&mut harness, issa + 1, issa + 10, Modifiers::NONE);
    press(&mut harness, Modifiers::NONE, Key::Num1);
    let id = harness
        .state()
        .selected_span()
        .expect("tagged and selected");
    let text_of = |h: &egui_kittest::Harness<'_, NewsmarkApp>| {
        h.state()
            .session()
            .unwrap()
            .set()
            .get(id)
            .unwrap()
            .text
            .clone()
    };
    assert_eq!(text_of(&harness), "Issa Zarepour");

    // Start forwards by word: onto "Zarepour", not the space before it.
    press(&mut harness, Modifiers::ALT | CTRL_SHIFT, Key::ArrowRight);
    assert_eq!(text_of(&harness), "Zarepour");
    // Start back by word: "Issa Zarepour" again.
    press(&mut harness, Modifiers::ALT | CTRL_SHIFT, Key::ArrowLeft);
    assert_eq!(text_of(&harness), "Issa Zarepour");
    // End back by word: "Issa", with no trailing space.
    press(&mut harness, CTRL_SHIFT, Key::ArrowLeft);
    assert_eq!(text_of(&harness), "Issa");
    // End forwards by word: "Issa Zarepour" (the comma stays out).
    press(&mut harness, CTRL_SHIFT, Key::ArrowRight);
    assert_eq!(text_of(&harness), "Issa Zarepour");
}
