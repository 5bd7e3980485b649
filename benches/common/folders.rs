//! Folders of generated articles for the corpus benchmarks: copies of one
//! article, with or without entity links, relations and a registry.

use std::path::PathBuf;

use newsmark::model::{AnnotationSet, Document};
use newsmark::store;

use super::{article_text, relate};

/// A folder of `n` articles of ~2 KB with a span every ~50 code points
/// (copies of one generated article, the annotation files with their own
/// document names), `article-000000.txt` first; every third one has no
/// annotation file yet. Returns the folder and its first article.
pub fn article_folder(n: usize) -> (tempfile::TempDir, PathBuf) {
    folder_of_copies(n, false)
}

/// [`article_folder`] with the folder's registry of entities
/// ([`ENTITIES_RON`]), each span on a name linked to its entity (3 links
/// an article), and each person holding the next role, each role of the
/// next country (`relate`): facts to tabulate.
pub fn article_folder_with_entities(n: usize) -> (tempfile::TempDir, PathBuf) {
    folder_of_copies(n, true)
}

/// The registry of [`article_folder_with_entities`].
pub const ENTITIES_RON: &str = r#"(
    format: 1,
    entities: [
        (id: "cuba", label: "country", name: "Cuba", aliases: ["Havana"]),
        (id: "iran", label: "country", name: "Iran", aliases: ["Tehran"]),
        (id: "issa-zarepour", label: "person", name: "Issa Zarepour", aliases: ["Zarepour"]),
        (id: "wilfredo-gonzalez-vidal", label: "person", name: "Wilfredo González Vidal", aliases: ["González"]),
    ],
)
"#;

/// The entity of [`ENTITIES_RON`] a word of [`WORDS`] names, if any.
fn entity_of(word: &str) -> Option<&'static str> {
    match word {
        "Iran" | "Tehran" => Some("iran"),
        "Cuba" | "Havana" => Some("cuba"),
        "Zarepour" => Some("issa-zarepour"),
        "González" => Some("wilfredo-gonzalez-vidal"),
        _ => None,
    }
}

/// [`article_folder`], with entities when `linked`.
fn folder_of_copies(n: usize, linked: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (text, mut spans) = article_text(2_000, 50);
    if linked {
        for span in &mut spans {
            span.entity = entity_of(&span.text).map(str::to_owned);
        }
        std::fs::write(dir.path().join("entities.ron"), ENTITIES_RON).unwrap();
    }
    let mut set = AnnotationSet::from_spans(spans.clone());
    if linked {
        relate(&mut set, &spans, 0);
    }
    let doc = Document::new(text.clone());
    let ron = store::to_ron_string_in_context("template.txt", &doc, &set);
    for k in 0..n {
        let name = format!("article-{k:06}");
        std::fs::write(dir.path().join(format!("{name}.txt")), &text).unwrap();
        if k % 3 != 0 {
            let own = ron.replace("template.txt", &format!("{name}.txt"));
            std::fs::write(dir.path().join(format!("{name}.ron")), own).unwrap();
        }
    }
    let first = dir.path().join("article-000000.txt");
    (dir, first)
}
