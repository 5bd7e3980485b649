//! Tagging a word offers its other occurrences, but a slip stays cheap:
//! function words are never offered, at most `OFFER_AT_ONCE` occurrences
//! are offered at once (the nearest), and the rest only when the user says
//! so (O / Enter) — each offer one undo step, and the message says how many.

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::model::Status;
use newsmark::suggest::occurrences::OFFER_AT_ONCE;
use newsmark::ui::NewsmarkApp;

/// An article (under the background-scan size) where "Kish" occurs `kish`
/// times, each in a sentence with "the" in it.
fn article(kish: usize) -> (tempfile::TempDir, Harness<'static, NewsmarkApp>) {
    let dir = tempfile::TempDir::new().unwrap();
    let txt = dir.path().join("kish.txt");
    let mut text = String::from("Talks on Kish\n\n");
    for _ in 1..kish {
        text.push_str("They met on Kish, the island. ");
    }
    std::fs::write(&txt, text).unwrap();
    (dir, harness_for(&txt))
}

fn counts(harness: &Harness<'_, NewsmarkApp>) -> (usize, usize) {
    let all = spans(harness);
    let of = |status| all.iter().filter(|s| s.status == status).count();
    (of(Status::Accepted), of(Status::Pending))
}

fn press(harness: &mut Harness<'_, NewsmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// Tags "Kish" in the title (code points 9..13) as country.
fn tag_kish(harness: &mut Harness<'_, NewsmarkApp>) {
    drag(harness, 9, 13, Modifiers::NONE);
    press(harness, Modifiers::NONE, Key::Num3);
}

#[test]
fn a_function_word_tagged_by_accident_offers_nothing() {
    let (_dir, mut harness) = article(200);
    let the = find(&harness, "the island");
    drag(&mut harness, the, the + 3, Modifiers::NONE);
    press(&mut harness, Modifiers::NONE, Key::Num3);
    assert_eq!(counts(&harness), (1, 0), "only the slip itself");
    assert!(!harness.state().is_asking_to_offer_more());
    let said = notice_text(&harness);
    assert!(
        said.contains("“the”") && said.contains("function word"),
        "{said}"
    );
}

#[test]
fn a_few_occurrences_are_all_offered_and_counted() {
    let (_dir, mut harness) = article(13);
    tag_kish(&mut harness);
    assert_eq!(counts(&harness), (1, 12));
    assert!(!harness.state().is_asking_to_offer_more());
    assert_eq!(
        notice_text(&harness),
        "Offered 12 other occurrences of “Kish” to review (N)"
    );
}

#[test]
fn beyond_the_limit_the_nearest_are_offered_and_the_rest_on_request() {
    let (_dir, mut harness) = article(200);
    tag_kish(&mut harness);
    assert_eq!(counts(&harness), (1, OFFER_AT_ONCE));
    assert!(harness.state().is_asking_to_offer_more());
    let said = notice_text(&harness);
    assert!(
        said.contains(&format!("the {OFFER_AT_ONCE} nearest of 199")),
        "{said}"
    );
    // The nearest: the first 50 after the title.
    let last_offered = spans(&harness).iter().map(|s| s.start).max().unwrap();
    let text = harness.state().session().unwrap().doc().text().to_owned();
    let fiftieth = text.match_indices("Kish").nth(OFFER_AT_ONCE).unwrap().0;
    assert_eq!(last_offered, text[..fiftieth].chars().count());

    // O offers the rest, as one more undo step.
    press(&mut harness, Modifiers::NONE, Key::O);
    assert!(!harness.state().is_asking_to_offer_more());
    assert_eq!(counts(&harness), (1, 199));
    assert_eq!(
        notice_text(&harness),
        format!(
            "Offered {} more occurrences of “Kish” to review (N)",
            199 - OFFER_AT_ONCE
        )
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(counts(&harness), (1, OFFER_AT_ONCE));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(counts(&harness), (1, 0));
}

#[test]
fn escape_leaves_the_rest_unoffered() {
    let (_dir, mut harness) = article(200);
    tag_kish(&mut harness);
    assert!(harness.state().is_asking_to_offer_more());
    // Keys other than the answers do nothing while it asks.
    press(&mut harness, Modifiers::NONE, Key::N);
    assert!(harness.state().is_asking_to_offer_more());
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().is_asking_to_offer_more());
    assert_eq!(counts(&harness), (1, OFFER_AT_ONCE));
    let said = notice_text(&harness);
    assert!(said.contains("149 other occurrences"), "{said}");
}

#[test]
fn the_offer_button_offers_the_rest() {
    let (_dir, mut harness) = article(60);
    tag_kish(&mut harness);
    button(&harness, "Offer 9 more").click();
    harness.run();
    assert_eq!(counts(&harness), (1, 59));
}

#[test]
fn annotate_all_tags_every_hit_or_says_why_not() {
    use newsmark::model::{AnnotationSet, Origin, Span};
    use newsmark::store;
    let dir = tempfile::TempDir::new().unwrap();
    let txt = dir.path().join("cela.txt");
    let text = "Cela dit, cela change. Cela compte. Et cela encore.\n";
    std::fs::write(&txt, text).unwrap();
    let doc = store::read_text(&txt).unwrap();
    let starts: Vec<usize> = text
        .match_indices(['C', 'c'])
        .map(|(b, _)| b)
        .filter(|&b| text[b..].to_lowercase().starts_with("cela"))
        .collect();
    assert_eq!(starts.len(), 4);
    let suggestion = |id, start: usize, label: &str| Span {
        origin: Origin::Extractor("spacy".into()),
        status: Status::Pending,
        ..Span::manual(id, start, start + 4, label, &text[start..start + 4])
    };
    // The second and fourth are pending country suggestions, the third a
    // pending person suggestion; the first is not tagged.
    let set = AnnotationSet::from_spans(vec![
        suggestion(1, starts[1], "country"),
        suggestion(2, starts[2], "person"),
        suggestion(3, starts[3], "country"),
    ]);
    store::save_annotations(&store::paired_ron_path(&txt), "cela.txt", &doc, &set).unwrap();
    let mut harness = harness_for(&txt);
    // The review panel (open: the folder has suggestions) has a "Label" too.
    execute(&mut harness, vec![newsmark::ui::Command::ToggleReview]);
    press(&mut harness, Modifiers::COMMAND, Key::F);
    harness.event(egui::Event::Text("Cela".into()));
    harness.run();
    harness.get_by_label("4 hits");
    choose_search_label(&mut harness, "country");
    button(&harness, "Annotate all").click();
    harness.run();
    let tagged = spans(&harness);
    assert_eq!(tagged.len(), 4, "{tagged:?}");
    assert!(
        tagged
            .iter()
            .all(|s| s.label == "country" && s.status == Status::Accepted)
    );
    assert_eq!(
        notice_text(&harness),
        "Annotate all, 4 hits: tagged 1 country, accepted 2 suggestions already there, \
         relabelled 1 pending suggestion as country and accepted it (Ctrl+Z undoes all)"
    );
    // Again: nothing to do, and the message says why for each hit.
    button(&harness, "Annotate all").click();
    harness.run();
    assert_eq!(
        notice_text(&harness),
        "Annotate all, 4 hits: tagged 0 country; not tagged: 4 already tagged country"
    );
    // One undo step takes all four back to what they were.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(counts(&harness), (0, 3));
}
