//! Suggested entity links are stepped through like suggestions: N /
//! Shift+N stop at an accepted span whose link is pending, A / X review the
//! link and move on, and the review panel counts the pending links.

use crate::common::gui::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use newsmark::model::{LabelSchema, Origin, Status};
use newsmark::session::Session;
use newsmark::ui::NewsmarkApp;

/// The article of these tests (and of `link_status`).
pub(crate) const TEXT: &str = "Zarepour, the Minister of ICT, spoke for Iran.\n";

/// Its spans: Zarepour (person), Minister of ICT (role), Iran (country).
pub(crate) const SPANS: [(u64, &str, &str); 3] = [
    (1, "Zarepour", "person"),
    (2, "Minister of ICT", "role"),
    (3, "Iran", "country"),
];

fn press(harness: &mut Harness<'_, NewsmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// (status, link status) of spans 1 and 3.
fn statuses(set: &newsmark::model::AnnotationSet) -> [(Status, Status); 2] {
    [1, 3].map(|id| {
        let span = set.get(id).unwrap();
        (span.status, span.entity_status)
    })
}

#[test]
fn n_stops_at_pending_links_and_a_accepts_them_then_moves_on() {
    let dir = tempfile::TempDir::new().unwrap();
    // Zarepour accepted with a suggested link; Iran a pending spaCy
    // suggestion with a suggested link.
    let txt = write_article(dir.path(), "a", TEXT, &SPANS, |set| {
        for (id, entity) in [(1, "issa-zarepour"), (3, "iran")] {
            let mut span = set.remove(id).unwrap();
            span.entity = Some(entity.into());
            span.entity_status = Pending;
            if id == 3 {
                span.origin = Origin::Extractor("spacy".into());
                span.status = Pending;
            }
            set.insert(span);
        }
    });
    let mut harness = harness_for(&txt);
    harness.get_by_label("Its entity links: 1 pending");
    use Status::{Accepted, Pending};
    press(&mut harness, Modifiers::NONE, Key::N);
    assert_eq!(harness.state().selected_span(), Some(1), "its pending link");
    press(&mut harness, Modifiers::NONE, Key::A);
    let set = harness.state().session().unwrap().set().clone();
    assert_eq!(statuses(&set), [(Accepted, Accepted), (Pending, Pending)]);
    assert_eq!(harness.state().selected_span(), Some(3), "on to Iran");
    // A accepts Iran and stays on it: its link is next; X rejects that.
    press(&mut harness, Modifiers::NONE, Key::A);
    assert_eq!(harness.state().selected_span(), Some(3));
    harness.get_by_label("Its entity links: 1 pending");
    press(&mut harness, Modifiers::NONE, Key::X);
    let set = harness.state().session().unwrap().set().clone();
    assert_eq!(
        statuses(&set),
        [(Accepted, Accepted), (Accepted, Status::Rejected)]
    );
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let saved = Session::open(&txt, LabelSchema::default()).unwrap();
    assert_eq!(
        statuses(saved.set()),
        [(Accepted, Accepted), (Accepted, Status::Rejected)]
    );
    // Shift+N back: nothing is left pending.
    press(&mut harness, Modifiers::SHIFT, Key::N);
    assert!(
        notice_text(&harness).starts_with("No pending suggestions left"),
        "{}",
        notice_text(&harness)
    );
}

#[test]
fn a_name_tagged_by_hand_gets_a_pending_link_to_its_entity_at_once() {
    let dir = tempfile::TempDir::new().unwrap();
    let txt = dir.path().join("a.txt");
    // Iran twice: tagging it also offers the other occurrence.
    std::fs::write(&txt, format!("{TEXT}Iran agreed.\n")).unwrap();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    std::fs::copy(
        samples.join("entities.ron"),
        dir.path().join("entities.ron"),
    )
    .unwrap();
    let mut harness = harness_for(&txt);
    let tag = |harness: &mut Harness<'_, NewsmarkApp>, word: &str, key: Key| {
        // Half a second between words, as a person takes (two double
        // clicks closer than egui's delay would count as more clicks).
        for _ in 0..30 {
            harness.step();
        }
        let at = find(harness, word) + 1;
        let pos = point_at(harness, at);
        double_click(harness, pos);
        harness.run();
        harness.key_press(key);
        // Tagging offers the other occurrences, found in the background.
        wait_for_suggestions(harness);
        harness.run();
        harness.state().selected_span().unwrap()
    };
    // Iran, a country of the registry: linked, pending, and said so.
    let iran = tag(&mut harness, "Iran", Key::C);
    let span = harness
        .state()
        .session()
        .unwrap()
        .set()
        .get(iran)
        .unwrap()
        .clone();
    assert_eq!(span.entity.as_deref(), Some("iran"));
    assert_eq!(span.entity_status, Status::Pending);
    // Both said: the link, and the occurrence offered.
    let notice = notice_text(&harness);
    assert!(notice.starts_with("Linked to Iran?"), "{notice}");
    assert!(notice.contains("other occurrence"), "{notice}");
    press(&mut harness, Modifiers::NONE, Key::A);
    // Zarepour, an alias of Issa Zarepour: rejected with X.
    let zarepour = tag(&mut harness, "Zarepour", Key::P);
    press(&mut harness, Modifiers::NONE, Key::X);
    // "spoke" names nothing: no link.
    let spoke = tag(&mut harness, "spoke", Key::I);
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let saved = Session::open(&txt, LabelSchema::default()).unwrap();
    let link = |id| {
        let span = saved.set().get(id).unwrap();
        (span.entity.clone(), span.entity_status)
    };
    assert_eq!(link(iran), (Some("iran".to_owned()), Status::Accepted));
    assert_eq!(
        link(zarepour),
        (Some("issa-zarepour".to_owned()), Status::Rejected)
    );
    assert_eq!(link(spoke).0, None);
}
