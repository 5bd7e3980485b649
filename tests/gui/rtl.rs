//! Persian text, and English quoting it, as its readers see it: right-to-left
//! paragraphs right-aligned, runs in visual order, double-click on a word
//! with a ZWNJ, span boxes over their text, arrows that move on screen.

use std::path::PathBuf;

use crate::common::gui::*;
use egui::{Color32, FontId, Key, Modifiers, Pos2, Rect};
use egui_kittest::Harness;
use newsmark::model::SpanId;
use newsmark::ui::{Command, NewsmarkApp, Selection};

/// A short Persian article: a title, a paragraph with "می‌خواهم" (ZWNJ
/// inside), English lines quoting a Persian name and a Persian slogan, and
/// a long paragraph that wraps.
const ARTICLE: &str = "دیدار در هاوانا\n\n\
می\u{200c}خواهم بروم و عیسی تهماسبی را ببینم.\n\n\
The minister عیسی تهماسبی met Cuba's envoy in Havana.\n\n\
The slogan «می\u{200c}خواهم بروم» was quoted.\n\n\
وزیر امور خارجه ایران، عیسی تهماسبی، روز دوشنبه در سفر به هاوانا با همتای کوبایی خود دیدار کرد و \
دو طرف درباره همکاری‌های اقتصادی، فناوری اطلاعات و ارتباطات، و طرح «راه ابریشم نو» گفت‌وگو کردند. \
او گفت که در سال 2024 (میلادی) دو کشور سه قرارداد تازه امضا کرده‌اند و دیدار بعدی در تهران خواهد بود.\n";

/// The article in a fresh folder, open.
fn open() -> (tempfile::TempDir, PathBuf, Harness<'static, NewsmarkApp>) {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("fa.txt");
    std::fs::write(&txt, ARTICLE).unwrap();
    let harness = harness_for(&txt);
    (dir, txt, harness)
}

/// The caret rectangle of position `pos`.
fn caret_rect(harness: &mut Harness<'_, NewsmarkApp>, pos: usize) -> Rect {
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .char_screen_rect(&ctx, pos)
        .expect("laid out")
}

/// A point inside code point `pos`, whichever way it reads: halfway
/// between its caret and the next position's.
fn inside(harness: &mut Harness<'_, NewsmarkApp>, pos: usize) -> Pos2 {
    let a = caret_rect(harness, pos);
    let b = caret_rect(harness, pos + 1);
    Pos2::new((a.min.x + b.min.x) / 2.0, a.center().y)
}

/// Lets half a second pass, so the next clicks are not taken as a third.
fn pause(harness: &mut Harness<'_, NewsmarkApp>) {
    for _ in 0..30 {
        harness.step();
    }
}

fn press(harness: &mut Harness<'_, NewsmarkApp>, mods: Modifiers, key: Key) {
    harness.key_press_modifiers(mods, key);
    harness.run();
}

/// Width of `text` laid out alone in the body font.
fn width_of(harness: &Harness<'_, NewsmarkApp>, text: &str) -> f32 {
    harness
        .ctx
        .fonts_mut(|f| f.layout_no_wrap(text.into(), FontId::proportional(17.0), Color32::WHITE))
        .size()
        .x
}

/// Labels `range` with `label` as if selected and tagged; its id.
fn label(harness: &mut Harness<'_, NewsmarkApp>, start: usize, end: usize, label: &str) -> SpanId {
    execute(
        harness,
        vec![
            Command::Select(Selection::of_range(start..end)),
            Command::ApplyLabel(label.to_owned()),
        ],
    );
    span_at(harness, start, end).expect("labelled").id
}

/// Double-clicks at each of `xs` on the row at `y`: each selects
/// `expected`.
fn double_click_each(
    harness: &mut Harness<'_, NewsmarkApp>,
    xs: &[f32],
    y: f32,
    expected: std::ops::Range<usize>,
) {
    for &x in xs {
        double_click(harness, Pos2::new(x, y));
        assert_eq!(
            harness.state().selection().range(),
            expected,
            "double-click at x {x}"
        );
        pause(harness);
    }
}

/// `n` points across `left..left + width`, a little inside its ends.
fn across(left: f32, width: f32, n: usize) -> Vec<f32> {
    (0..n)
        .map(|i| left + width * (0.1 + 0.8 * i as f32 / (n - 1) as f32))
        .collect()
}

#[test]
fn double_clicking_anywhere_in_a_persian_word_with_a_zwnj_selects_it_and_saves_its_offsets() {
    let (_dir, txt, mut harness) = open();
    let word = "می\u{200c}خواهم";
    let word_width = width_of(&harness, word);
    // In an English line: "The slogan «", then the Persian phrase right to
    // left: "بروم", a space, and the word.
    let line = find(&harness, "The slogan");
    let start = find(&harness, "می\u{200c}خواهم بروم»");
    let line_rect = caret_rect(&mut harness, line);
    let left = line_rect.min.x
        + width_of(&harness, "The slogan «")
        + width_of(&harness, "بروم")
        + width_of(&harness, " ");
    let y = line_rect.center().y;
    double_click_each(
        &mut harness,
        &across(left, word_width, 8),
        y,
        start..start + 8,
    );
    press(&mut harness, Modifiers::NONE, Key::P);
    // At the right end of a right-to-left paragraph: its first word.
    let first = find(&harness, word);
    let right = caret_rect(&mut harness, first);
    let xs = across(right.min.x - word_width, word_width, 8);
    double_click_each(&mut harness, &xs, right.center().y, first..first + 8);
    press(&mut harness, Modifiers::NONE, Key::P);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let ron = std::fs::read_to_string(txt.with_extension("ron")).unwrap();
    for at in [first, start] {
        let span = span_at(&harness, at, at + 8).expect("labelled");
        assert_eq!(span.text, word);
        assert!(
            ron.contains(&format!(
                "start: {at}, end: {}, label: \"person\", text: \"{word}\"",
                at + 8
            )),
            "{ron}"
        );
    }
}

#[test]
fn a_persian_paragraph_is_right_aligned_and_mixed_runs_show_in_visual_order() {
    let (_dir, _txt, mut harness) = open();
    let persian = find(&harness, "می\u{200c}خواهم");
    let english = find(&harness, "The minister");
    let right = caret_rect(&mut harness, persian).min.x;
    let left = caret_rect(&mut harness, english).min.x;
    assert!(
        right > left + 400.0,
        "offset 0 of the Persian paragraph at {right}, the English at {left}"
    );
    // Its last position is left of its first.
    let end = find(&harness, "ببینم.") + 6;
    assert!(caret_rect(&mut harness, end).min.x < right - 200.0);
    // "The minister عیسی تهماسبی met": the Persian name reads right to left,
    // between "minister" and "met".
    let first = find(&harness, "عیسی تهماسبی met");
    let second = first + 5;
    let (minister, met) = (find(&harness, "minister"), find(&harness, "met"));
    let minister = caret_rect(&mut harness, minister).min.x;
    let met = caret_rect(&mut harness, met).min.x;
    let x_first = inside(&mut harness, first).x;
    let x_second = inside(&mut harness, second).x;
    assert!(
        minister < x_second && x_second < x_first && x_first < met,
        "minister {minister}, تهماسبی {x_second}, عیسی {x_first}, met {met}"
    );
}

#[test]
fn a_span_after_persian_text_is_boxed_over_its_text_and_one_across_directions_in_two() {
    let (_dir, _txt, mut harness) = open();
    let line = find(&harness, "The minister");
    let cuba = find(&harness, "Cuba");
    let id = label(&mut harness, cuba, cuba + 4, "country");
    let boxes = harness.state().span_boxes(id);
    let [cuba_box] = boxes[..] else {
        panic!("{boxes:?}");
    };
    // Where "Cuba" is drawn: after "The minister ", the Persian name and
    // " met ", each as wide as it is alone.
    let line_left = caret_rect(&mut harness, line).min.x;
    let before = width_of(&harness, "The minister ")
        + width_of(&harness, "عیسی تهماسبی")
        + width_of(&harness, " met ");
    assert!(
        (cuba_box.min.x - (line_left + before)).abs() < 2.0,
        "box at {}, text at {}",
        cuba_box.min.x,
        line_left + before
    );
    assert!((cuba_box.width() - width_of(&harness, "Cuba")).abs() < 1.0);

    // "تهماسبی met" crosses from right-to-left to left-to-right text.
    let from = find(&harness, "تهماسبی met");
    let across = label(&mut harness, from, from + 11, "role");
    let boxes = harness.state().span_boxes(across);
    assert_eq!(boxes.len(), 2, "{boxes:?}");
    assert!(
        (boxes[0].center().y - boxes[1].center().y).abs() < 0.5,
        "one row"
    );

    // A Persian span's tag sits at its right end, where it starts.
    let name = find(&harness, "عیسی تهماسبی را");
    let person = label(&mut harness, name, name + 4, "person");
    let name_box = harness.state().span_boxes(person)[0];
    let tag = harness.state().tag_rect(person).expect("a tag");
    assert!(
        (tag.max.x - name_box.max.x).abs() < 1.0,
        "tag {tag:?}, box {name_box:?}"
    );
}

#[test]
fn arrows_move_on_screen_in_a_persian_paragraph() {
    let (_dir, _txt, mut harness) = open();
    let p = find(&harness, "بروم");
    execute(
        &mut harness,
        vec![Command::Select(Selection::caret_at(p + 1))],
    );
    let caret = |h: &Harness<'_, NewsmarkApp>| h.state().selection().caret;
    // Left goes on toward the text's end (leftwards on screen).
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(caret(&harness), p + 2);
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(caret(&harness), p + 1);
    press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    assert_eq!(harness.state().selection().range(), p + 1..p + 2);
    // Home and End: the row's right (where it starts) and left ends.
    press(&mut harness, Modifiers::NONE, Key::Home);
    let home = caret(&harness);
    press(&mut harness, Modifiers::NONE, Key::End);
    let end = caret(&harness);
    assert!(home < end);
    assert!(caret_rect(&mut harness, home).min.x > caret_rect(&mut harness, end).min.x);
    // A selected span's end moves with Shift+Left, toward the text's end.
    let name = find(&harness, "عیسی تهماسبی را");
    let id = label(&mut harness, name, name + 4, "person");
    execute(
        &mut harness,
        vec![Command::SelectSpan { id, scroll: false }],
    );
    press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    let span = spans(&harness).into_iter().find(|s| s.id == id).unwrap();
    assert_eq!(span.start..span.end, name..name + 5);
    // In English, Left still goes back.
    let english = find(&harness, "minister");
    execute(
        &mut harness,
        vec![Command::Select(Selection::caret_at(english + 2))],
    );
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(caret(&harness), english + 1);
}

#[test]
fn a_wrapped_persian_paragraph_starts_every_row_at_the_right_edge() {
    let (_dir, _txt, mut harness) = open();
    let start = find(&harness, "وزیر امور");
    let end = start + "وزیر امور خارجه ایران".chars().count();
    let right = caret_rect(&mut harness, start).min.x;
    let text: Vec<char> = ARTICLE.chars().collect();
    let mut rows = 0;
    let mut y = caret_rect(&mut harness, start).min.y;
    let mut pos = end;
    while text.get(pos).is_some_and(|&c| c != '\n') {
        let rect = caret_rect(&mut harness, pos);
        if rect.min.y > y + 1.0 {
            rows += 1;
            y = rect.min.y;
            assert_eq!(text[pos - 1], ' ', "row {rows} starts a word");
            assert!(
                (rect.min.x - right).abs() < 1.0,
                "row {rows} starts at {} not {right}",
                rect.min.x
            );
        }
        pos += 1;
    }
    assert!(rows >= 2, "the paragraph wraps: {rows} more rows");
}

#[test]
fn arrows_cross_a_number_and_a_persian_name_the_way_they_read_on_screen() {
    let (_dir, txt, mut harness) = open();
    let caret = |h: &Harness<'_, NewsmarkApp>| h.state().selection().caret;
    // "در سال 2024 (میلادی)" in a right-to-left paragraph: inside the
    // number, Left goes back through its digits, one digit to the left on
    // screen each time.
    let year = find(&harness, "2024");
    execute(
        &mut harness,
        vec![Command::Select(Selection::caret_at(year + 2))],
    );
    let mut x = caret_rect(&mut harness, year + 2).min.x;
    for expected in [year + 1, year] {
        press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
        assert_eq!(caret(&harness), expected);
        let now = caret_rect(&mut harness, expected).min.x;
        assert!(now < x - 3.0, "{expected}: {now} not left of {x}");
        x = now;
    }
    // Past the number's left end: the space after it, then the bracket,
    // as the Persian reads on.
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(caret(&harness), year + 5);
    assert!(caret_rect(&mut harness, year + 5).min.x < x - 2.0);
    // Right comes back, and on over the number to its right end, which is
    // the position after it, then into سال.
    for expected in [year, year + 1, year + 2, year + 3, year + 4, year - 1] {
        let from = caret(&harness);
        let before = caret_rect(&mut harness, from).min.x;
        press(&mut harness, Modifiers::NONE, Key::ArrowRight);
        assert_eq!(caret(&harness), expected);
        assert!(caret_rect(&mut harness, expected).min.x > before + 2.0);
    }
    // Shift+Left from the number's right end selects it digit by digit,
    // a logical range, and a label tags "2024" and saves it.
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(caret(&harness), year + 4);
    for _ in 0..4 {
        press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    }
    assert_eq!(harness.state().selection().range(), year..year + 4);
    execute(
        &mut harness,
        vec![Command::ApplyLabel("initiative".to_owned())],
    );
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let ron = std::fs::read_to_string(txt.with_extension("ron")).unwrap();
    assert!(
        ron.contains(&format!(
            "start: {year}, end: {}, label: \"initiative\", text: \"2024\"",
            year + 4
        )),
        "{ron}"
    );

    // A Persian name in an English paragraph: Right goes back through it,
    // rightwards on screen, and Left on.
    let name = find(&harness, "عیسی تهماسبی met");
    execute(
        &mut harness,
        vec![Command::Select(Selection::caret_at(name + 2))],
    );
    let x = caret_rect(&mut harness, name + 2).min.x;
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(caret(&harness), name + 1);
    assert!(caret_rect(&mut harness, name + 1).min.x > x);
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(caret(&harness), name + 3);
    assert!(caret_rect(&mut harness, name + 3).min.x < x);
}

/// Opens the search bar and types `query` into its box; the box's row: its
/// height on screen and its left and right ends.
fn type_query(harness: &mut Harness<'_, NewsmarkApp>, query: &str) -> (f32, f32, f32) {
    press(harness, Modifiers::COMMAND, Key::F);
    harness.event(egui::Event::Text(query.into()));
    harness.run();
    let find = painted_texts(harness)
        .into_iter()
        .find(|(t, _)| t == "Find")
        .map(|(_, r)| r)
        .expect("the bar's label");
    (find.center().y, find.max.x, find.max.x + 260.0)
}

/// The x of each caret painted in the search box (a vertical line in the
/// caret's colour on the box's row).
fn box_carets(harness: &Harness<'_, NewsmarkApp>, (y, from, to): (f32, f32, f32)) -> Vec<f32> {
    let color = harness.ctx.global_style().visuals.text_cursor.stroke.color;
    let mut xs = Vec::new();
    for clipped in &harness.output().shapes {
        if let egui::Shape::LineSegment { points, stroke } = &clipped.shape
            && stroke.color == color
            && (points[0].x - points[1].x).abs() < 0.01
            && points[0].y.min(points[1].y) < y
            && points[0].y.max(points[1].y) > y
            && (from..to).contains(&points[0].x)
        {
            xs.push(points[0].x);
        }
    }
    xs
}

#[test]
fn the_caret_of_a_persian_query_blinks_as_egui_s_does() {
    let (_dir, _txt, mut harness) = open();
    // kittest turns egui's blinking off (for snapshots); the app's is on.
    harness
        .ctx
        .all_styles_mut(|style| style.visuals.text_cursor.blink = true);
    let row = type_query(&mut harness, "عیسی تهماسبی");
    let blink = harness.ctx.global_style().visuals.text_cursor.clone();
    let steps = |seconds: f32| (seconds * 60.0).ceil() as usize + 2;

    // Shown after typing, at the query's end (its left end).
    let shown = box_carets(&harness, row);
    assert_eq!(shown.len(), 1, "one caret: {shown:?}");
    // Hidden once the blink's on-time has passed, shown again after its
    // off-time.
    harness.run_steps(steps(blink.on_duration));
    assert_eq!(box_carets(&harness, row), Vec::<f32>::new(), "blinked off");
    harness.run_steps(steps(blink.off_duration));
    assert_eq!(box_carets(&harness, row), shown, "blinked on again");

    // A caret that moves is shown at once, wherever its blink was.
    harness.run_steps(steps(blink.on_duration));
    assert_eq!(box_carets(&harness, row), Vec::<f32>::new(), "blinked off");
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    let moved = box_carets(&harness, row);
    assert_eq!(moved.len(), 1, "shown after a move: {moved:?}");
    assert!(
        moved[0] > shown[0],
        "Right moves toward the start: {moved:?}"
    );
}

#[test]
fn selected_letters_of_a_persian_query_take_the_selection_s_colour() {
    let (_dir, _txt, mut harness) = open();
    let (y, from, to) = type_query(&mut harness, "عیسی تهماسبی");
    // Shift+Right from the end (its left end) selects تهماسبی, letter by
    // letter toward the query's start.
    for _ in 0.."تهماسبی".chars().count() {
        press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    }
    let visuals = harness.ctx.global_style().visuals.clone();
    let text_color = visuals.widgets.inactive.text_color();
    let selected = visuals.selection.stroke.color;
    assert_ne!(selected, text_color);

    // The selection's box on the box's row.
    let boxes: Vec<Rect> = harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Rect(r)
                if r.fill == visuals.selection.bg_fill
                    && r.rect.y_range().contains(y)
                    && r.rect.min.x >= from
                    && r.rect.max.x <= to =>
            {
                Some(r.rect)
            }
            _ => None,
        })
        .collect();
    let [selection] = boxes[..] else {
        panic!("one selection box: {boxes:?}");
    };
    // Every Persian word is drawn, visible where the point is, in one
    // colour: the selected word's letters in the selection's, the other's in
    // the text's.
    let colour_at = |word: &str, at: Pos2| -> Vec<Color32> {
        harness
            .output()
            .shapes
            .iter()
            .filter_map(|clipped| match &clipped.shape {
                egui::Shape::Text(text)
                    if text.galley.text() == word && clipped.clip_rect.contains(at) =>
                {
                    Some(text.fallback_color)
                }
                _ => None,
            })
            .collect()
    };
    assert_eq!(colour_at("تهماسبی", selection.center()), vec![selected]);
    let name = painted_texts(&harness)
        .into_iter()
        .find(|(t, r)| t == "عیسی" && r.min.x >= from && r.max.x <= to)
        .map(|(_, r)| r)
        .expect("the first word, painted");
    assert!(name.min.x > selection.max.x, "عیسی right of the selection");
    assert_eq!(colour_at("عیسی", name.center()), vec![text_color]);
}
