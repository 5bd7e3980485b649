//! Folders of generated articles for the corpus benchmarks: copies of one
//! article, with or without entity links and a registry.

use std::path::PathBuf;

use super::{article_text, write_text};

/// A folder of `n` articles of ~2 KB with a span every ~50 code points
/// (copies of one generated article, the annotation files with their own
/// document names), `article-000000.txt` first; every third one has no
/// annotation file yet. Returns the folder and its first article.
pub fn article_folder(n: usize) -> (tempfile::TempDir, PathBuf) {
    folder_of_copies(n, false)
}

/// [`article_folder`] with the folder's registry of entities
/// ([`ENTITIES_RON`]) and each span on a name linked to its entity (8 to
/// 9 links an article).
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
    let template = write_text(dir.path(), "template", text.clone(), spans);
    let ron = std::fs::read_to_string(template.with_extension("ron")).unwrap();
    std::fs::remove_file(template.with_extension("ron")).unwrap();
    std::fs::remove_file(&template).unwrap();
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
