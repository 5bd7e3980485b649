//! Merging, splitting and renaming entities over a whole corpus (`newsmark
//! entities …` and [`newsmark::entities::corpus`]): every document's links
//! follow, one document at a time, each file saved whole; a run cut short
//! leaves each document untouched or fully re-pointed and never a link to
//! an entity the registry no longer holds.

use std::fs;
use std::path::{Path, PathBuf};

use newsmark::entities::corpus::{Repoint, RunControl, repoint_articles, repoint_each};
use newsmark::entities::{self, unknown_links};
use newsmark::model::LabelSchema;
use newsmark::session::Session;
use tempfile::TempDir;

use crate::common::files::{newsmark_stdout, run_newsmark};

const NORWAY: &str = "2024-06-norway-vietnam-offshore-wind";
const BRAZIL: &str = "2024-07-brazil-germany-vaccine-cold-chain";

/// The samples in a temporary folder, with an entity `norge` (a country)
/// that the Norway article's links to `norway` and the Brazil article's
/// links to `germany` name instead: merging it into `norway` re-points two
/// documents.
fn corpus() -> TempDir {
    let dir = TempDir::new().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data");
    for entry in fs::read_dir(&samples).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let swap = |name: &str, from: &str| {
        let ron = dir.path().join(format!("{name}.ron"));
        let text = fs::read_to_string(&ron).unwrap();
        let text = text.replace(&format!("entity: \"{from}\""), "entity: \"norge\"");
        fs::write(&ron, text).unwrap();
    };
    swap(NORWAY, "norway");
    swap(BRAZIL, "germany");
    let registry = dir.path().join("entities.ron");
    let text = fs::read_to_string(&registry).unwrap().replace(
        "        (id: \"norway\"",
        "        (id: \"norge\", label: \"country\", name: \"Norge\"),\n        (id: \"norway\"",
    );
    fs::write(&registry, text).unwrap();
    dir
}

fn ron_of(dir: &TempDir, name: &str) -> String {
    fs::read_to_string(dir.path().join(format!("{name}.ron"))).unwrap()
}

fn articles(dir: &TempDir) -> Vec<PathBuf> {
    newsmark::corpus::articles_in(dir.path()).unwrap().to_vec()
}

/// Every document's links name an entity of the registry.
fn assert_consistent(dir: &TempDir) {
    let registry = entities::load(dir.path()).unwrap();
    for txt in articles(dir) {
        let session = Session::read(&txt, LabelSchema::default()).unwrap();
        let unknown: Vec<_> = unknown_links(session.set(), &registry).collect();
        assert!(unknown.is_empty(), "{}: {unknown:?}", txt.display());
    }
}

#[test]
fn merge_repoints_every_document_then_leaves_the_registry() {
    let dir = corpus();
    let untouched = ron_of(&dir, "2024-05-iran-cuba-ict");
    let out = newsmark_stdout(["entities", "merge"].map(String::from).into_iter().chain([
        dir.path().display().to_string(),
        "norge".into(),
        "norway".into(),
    ]));
    assert_eq!(
        out,
        "merged norge into norway: 10 links re-pointed in 2 documents\n"
    );
    assert!(!ron_of(&dir, NORWAY).contains("norge"));
    assert_eq!(
        ron_of(&dir, NORWAY).matches("entity: \"norway\"").count(),
        6
    );
    assert_eq!(
        ron_of(&dir, BRAZIL).matches("entity: \"norway\"").count(),
        4
    );
    assert_eq!(
        ron_of(&dir, "2024-05-iran-cuba-ict"),
        untouched,
        "not written"
    );
    let registry = entities::load(dir.path()).unwrap();
    assert!(registry.get("norge").is_none());
    assert!(
        registry
            .get("norway")
            .unwrap()
            .aliases
            .contains(&"Norge".to_owned())
    );
    assert_consistent(&dir);
}

#[test]
fn a_merge_that_cannot_reach_a_document_keeps_the_entity_merged_away() {
    let dir = corpus();
    let broken = dir.path().join(format!("{BRAZIL}.ron"));
    let text = fs::read_to_string(&broken).unwrap();
    fs::write(&broken, format!("{text}garbage")).unwrap();
    let (code, out) = run_newsmark(dir.path(), &["entities", "merge", ".", "norge", "norway"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains(&format!("{BRAZIL}.txt")),
        "names the document: {out}"
    );
    assert!(out.contains("\"norge\" stays in the registry"), "{out}");
    // The broken file is as it was; the other re-pointed; both entities kept.
    assert_eq!(
        fs::read_to_string(&broken).unwrap(),
        format!("{text}garbage")
    );
    assert!(!ron_of(&dir, NORWAY).contains("norge"));
    let registry = entities::load(dir.path()).unwrap();
    assert!(registry.get("norge").is_some() && registry.get("norway").is_some());
}

#[test]
fn a_cancelled_run_leaves_each_document_untouched_or_fully_repointed() {
    let dir = corpus();
    let before: Vec<String> = articles(&dir)
        .iter()
        .map(|t| fs::read_to_string(t.with_extension("ron")).unwrap())
        .collect();
    let repoint = Repoint::all("norge", "norway");
    let looked = std::cell::Cell::new(0);
    // Cancelled once the first three articles (iran-cuba, its Persian
    // version, norway) are done.
    let cancelled = || {
        looked.set(looked.get() + 1);
        looked.get() > 3
    };
    let control = RunControl {
        cancelled: &cancelled,
        ..RunControl::plain()
    };
    let all = articles(&dir);
    let run = repoint_articles(
        dir.path(),
        all.clone(),
        all.len(),
        &LabelSchema::default(),
        &repoint,
        &control,
    );
    assert!(run.cancelled && !run.complete());
    assert_eq!(run.done, 3);
    assert_eq!(run.links(), 6);
    assert!(!ron_of(&dir, NORWAY).contains("norge"), "fully re-pointed");
    let brazil = fs::read_to_string(all[3].with_extension("ron")).unwrap();
    assert_eq!(brazil, before[3], "untouched");
    // The registry was not touched: every link still names an entity.
    assert_consistent(&dir);
    // Taken back span by span, as undo does: the files are as they were.
    let back = run.repointed.iter().map(|(txt, ids)| {
        let forward = Repoint::only("norge", "norway", ids.clone());
        (txt.clone(), std::borrow::Cow::Owned(forward.reversed()))
    });
    let undone = repoint_each(
        dir.path(),
        back,
        run.repointed.len(),
        &LabelSchema::default(),
        &RunControl::plain(),
    );
    assert_eq!(undone.links(), 6);
    let after: Vec<String> = articles(&dir)
        .iter()
        .map(|t| fs::read_to_string(t.with_extension("ron")).unwrap())
        .collect();
    assert_eq!(after, before);
}

#[test]
fn split_and_rename_from_the_command_line() {
    let dir = corpus();
    let corpus = dir.path().display().to_string();
    let out = newsmark_stdout(["entities", "split", &corpus, "iran", "Tehran"]);
    assert_eq!(
        out,
        "split “Tehran” off iran as tehran: 2 spans re-pointed in 1 document\n"
    );
    let ron = ron_of(&dir, "2024-05-iran-cuba-ict");
    assert_eq!(
        ron.matches("text: \"Tehran\", entity: \"tehran\"").count(),
        2
    );
    assert_eq!(ron.matches("entity: \"iran\"").count(), 5);
    assert_consistent(&dir);

    let files_before: Vec<String> = articles(&dir)
        .iter()
        .map(|t| fs::read_to_string(t.with_extension("ron")).unwrap())
        .collect();
    let out = newsmark_stdout([
        "entities",
        "rename",
        &corpus,
        "issa-zarepour",
        "Issa Zarepour (ICT)",
    ]);
    assert_eq!(out, "renamed issa-zarepour to “Issa Zarepour (ICT)”\n");
    let registry = entities::load(dir.path()).unwrap();
    let renamed = registry.get("issa-zarepour").unwrap();
    assert_eq!(renamed.name, "Issa Zarepour (ICT)");
    assert!(renamed.aliases.contains(&"Issa Zarepour".to_owned()));
    let files_after: Vec<String> = articles(&dir)
        .iter()
        .map(|t| fs::read_to_string(t.with_extension("ron")).unwrap())
        .collect();
    assert_eq!(
        files_before, files_after,
        "links name ids: no document changes"
    );
    // An unknown entity is an error naming it, nothing changed.
    let (code, out) = run_newsmark(dir.path(), &["entities", "merge", ".", "nobody", "iran"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("no entity \"nobody\""), "{out}");
}
