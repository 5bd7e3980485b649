//! The entity registry `entities.ron`: loading (errors name the file),
//! deterministic atomic saving, rename / add alias / merge / split and
//! their inverses, re-pointing a document's links, suggested links, and
//! what `validate` says of links and of the registry file.

use std::fs;
use std::path::Path;

use newsmark::corpus::validate::validate_paths;
use newsmark::entities::suggest::link_suggestions_edit;
use newsmark::entities::{
    self, EntitiesError, Entity, Registry, RegistryEdit, RegistryError, repoint_links_edit,
};
use newsmark::model::{Document, LabelSchema, Span, Status};
use newsmark::store::to_ron_string_in_context;
use tempfile::TempDir;

use super::file::{TEXT, linked_set};

fn registry() -> Registry {
    let mut zarepour = Entity::new("issa-zarepour", "person", "Issa Zarepour");
    zarepour.external_id = "Q5939460".to_owned();
    let mut iran = Entity::new("iran", "country", "Iran");
    iran.aliases = vec!["Islamic Republic of Iran".to_owned(), "Tehran".to_owned()];
    let (registry, duplicates) =
        Registry::from_entities(vec![zarepour, iran, Entity::new("cuba", "country", "Cuba")]);
    assert!(duplicates.is_empty());
    registry
}

const WRITTEN: &str = r#"(
    format: 1,
    entities: [
        (id: "cuba", label: "country", name: "Cuba"),
        (id: "iran", label: "country", name: "Iran", aliases: ["Islamic Republic of Iran", "Tehran"]),
        (id: "issa-zarepour", label: "person", name: "Issa Zarepour", external_id: "Q5939460"),
    ],
)
"#;

#[test]
fn the_registry_is_saved_sorted_one_entity_a_line_and_read_back() {
    let dir = TempDir::new().unwrap();
    assert_eq!(
        entities::load(dir.path()).unwrap(),
        Registry::default(),
        "no file"
    );
    entities::save(dir.path(), &registry()).unwrap();
    let written = fs::read_to_string(dir.path().join("entities.ron")).unwrap();
    assert_eq!(written, WRITTEN);
    assert_eq!(entities::load(dir.path()).unwrap(), registry());
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["entities.ron"], "no temporary file left");
}

#[test]
fn a_bad_registry_file_is_an_error_naming_the_file() {
    let path = Path::new("corpus/entities.ron");
    let cases = [
        (
            "(format: 1, entities: [(id: \"a\"",
            "corpus/entities.ron:1:",
        ),
        ("(format: 2)", "format 2 is not supported"),
        (
            "(format: 1, entities: [(id: \"a\", label: \"person\", name: \"A\"), (id: \"a\", label: \"person\", name: \"B\")])",
            "entity id \"a\" is used twice",
        ),
        (
            "(format: 1, entities: [(id: \"a\", label: \"person\", name: \" \")])",
            "an entity needs an id and a name",
        ),
        (
            "(format: 1, entities: [(id: \"a\", label: \"person\", name: \"A\", qid: \"Q1\")])",
            "qid",
        ),
        (
            "(format: 1, entities: [(id: \"a\\u{7}\", label: \"person\", name: \"A\")])",
            "entities[0]",
        ),
    ];
    for (source, expected) in cases {
        let err = entities::parse(path, source).unwrap_err().to_string();
        assert!(err.starts_with("corpus/entities.ron"), "{err}");
        assert!(err.contains(expected), "{source}: {err}");
    }
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("entities.ron"), b"\xff\xfe(\x00").unwrap();
    let err = entities::load(dir.path()).unwrap_err();
    assert!(matches!(err, EntitiesError::Store(_)), "{err}");
    assert!(err.to_string().contains("entities.ron"), "{err}");
}

/// Applies `edit`, checks its inverse gives back the registry; returns the
/// registry after.
fn reversible(registry: &Registry, edit: &RegistryEdit) -> Registry {
    let mut after = registry.clone();
    after.apply(edit).unwrap();
    assert_ne!(&after, registry);
    let mut back = after.clone();
    back.apply(&edit.inverse()).unwrap();
    assert_eq!(&back, registry);
    after
}

#[test]
fn rename_alias_merge_and_split_are_reversible() {
    let registry = registry();
    let renamed = reversible(
        &registry,
        &registry
            .rename_edit("iran", "Islamic Republic of Iran")
            .unwrap(),
    );
    let iran = renamed.get("iran").unwrap();
    assert_eq!(iran.name, "Islamic Republic of Iran");
    assert_eq!(iran.aliases, ["Iran", "Tehran"], "the old name is an alias");
    let aliased = reversible(
        &registry,
        &registry
            .add_alias_edit("issa-zarepour", "Zarepour")
            .unwrap(),
    );
    assert_eq!(aliased.get("issa-zarepour").unwrap().aliases, ["Zarepour"]);
    assert_eq!(
        registry.add_alias_edit("iran", "Tehran"),
        Err(RegistryError::NoChange(
            "\"iran\" is already called \"Tehran\"".to_owned()
        ))
    );
    // A duplicate entry for the minister, merged into the first.
    let (mut with_twin, _) = Registry::from_entities(registry.entities().to_vec());
    let mut twin = Entity::new("zarepour-2", "person", "Zarepour");
    twin.external_id = "Q1".to_owned();
    with_twin.apply(&with_twin.add_edit(twin).unwrap()).unwrap();
    let merged = reversible(
        &with_twin,
        &with_twin.merge_edit("zarepour-2", "issa-zarepour").unwrap(),
    );
    assert!(merged.get("zarepour-2").is_none());
    let kept = merged.get("issa-zarepour").unwrap();
    assert_eq!(
        (kept.aliases.as_slice(), kept.external_id.as_str()),
        (&["Zarepour".to_owned()][..], "Q5939460")
    );
    assert_eq!(
        with_twin.merge_edit("iran", "iran"),
        Err(RegistryError::SameEntity)
    );
    // Tehran split off Iran as the city.
    let split = reversible(
        &registry,
        &registry
            .split_edit("iran", "tehran", "Tehran", &["Tehran"])
            .unwrap(),
    );
    assert_eq!(
        split.get("iran").unwrap().aliases,
        ["Islamic Republic of Iran"]
    );
    assert_eq!(split.get("tehran").unwrap().label, "country");
    assert!(
        registry.split_edit("iran", "cuba", "x", &[]).is_err(),
        "id taken"
    );
    assert!(
        registry.split_edit("iran", "x", "x", &["Havana"]).is_err(),
        "not an alias"
    );
}

#[test]
fn merging_entities_repoints_every_link_of_a_document_in_one_undoable_edit() {
    let mut set = linked_set();
    // An orphan linked to Cuba too.
    let mut orphan = Span::manual(40, 100, 104, "country", "Cuba");
    orphan.entity = Some("cuba".to_owned());
    set.insert_orphan(orphan);
    let before = set.clone();
    let edit = repoint_links_edit(&set, "cuba", "republic-of-cuba", |_| true).unwrap();
    set.apply(&edit).unwrap();
    assert_eq!(
        set.get(4).unwrap().entity.as_deref(),
        Some("republic-of-cuba")
    );
    assert_eq!(
        set.get(4).unwrap().entity_status,
        Status::Pending,
        "status kept"
    );
    assert_eq!(
        set.orphan(40).unwrap().entity.as_deref(),
        Some("republic-of-cuba")
    );
    set.apply(&edit.inverse()).unwrap();
    assert_eq!(set, before);
    assert!(repoint_links_edit(&set, "nobody", "x", |_| true).is_none());
}

#[test]
fn spans_naming_a_known_entity_or_its_surname_get_pending_links() {
    let doc = Document::new(format!("{TEXT} Zarepour said Tehran agreed. Havana too."));
    let span = |id, quote: &str, label| {
        let byte = doc.text().rfind(quote).unwrap();
        let start = doc.char_of_byte(byte).unwrap();
        Span::manual(id, start, start + quote.chars().count(), label, quote)
    };
    let mut set = linked_set();
    set.insert(span(10, "Zarepour", "person"));
    set.insert(span(11, "Tehran", "country"));
    set.insert(span(12, "Havana", "country"));
    // Iran (1) is named by its name; Cuba (4) has a pending link already.
    let edit = link_suggestions_edit(&set, &registry()).unwrap();
    set.apply(&edit).unwrap();
    let links: Vec<(u64, Option<&str>, Status)> = set
        .spans()
        .iter()
        .map(|s| (s.id, s.entity.as_deref(), s.entity_status))
        .collect();
    assert_eq!(
        links,
        [
            (1, Some("iran"), Status::Pending),
            (2, None, Status::Accepted),
            (3, Some("issa-zarepour"), Status::Accepted),
            (4, Some("cuba"), Status::Pending),
            (10, Some("issa-zarepour"), Status::Pending),
            (11, Some("iran"), Status::Pending),
            (12, None, Status::Accepted),
        ]
    );
    // Nothing more to suggest; a rejected link is not offered again.
    assert!(link_suggestions_edit(&set, &registry()).is_none());
    let mut reviewed = set.clone();
    let mut rejected = reviewed.remove(10).unwrap();
    rejected.entity_status = Status::Rejected;
    reviewed.insert(rejected);
    assert!(link_suggestions_edit(&reviewed, &registry()).is_none());
    // Two people called Zarepour: no guess.
    let mut two = linked_set();
    let mut other = Span::manual(14, 50, 60, "person", "Ali Zarepour");
    other.entity = Some("ali-zarepour".to_owned());
    two.insert(other);
    two.insert(Span::manual(13, 0, 8, "person", "Zarepour"));
    let edit = link_suggestions_edit(&two, &Registry::default());
    assert!(edit.is_none(), "{edit:?}");
}

#[test]
fn validate_reports_links_to_unknown_entities_and_a_broken_registry() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.txt"), TEXT).unwrap();
    let doc = Document::new(TEXT.to_owned());
    let mut set = linked_set();
    set.remove_relation(7);
    fs::write(
        dir.path().join("a.ron"),
        to_ron_string_in_context("a.txt", &doc, &set),
    )
    .unwrap();
    let mut only_zarepour = registry();
    only_zarepour
        .apply(&RegistryEdit {
            changes: vec![(only_zarepour.get("cuba").cloned(), None)],
        })
        .unwrap();
    entities::save(dir.path(), &only_zarepour).unwrap();
    let report = validate_paths(&[dir.path().to_owned()], |_| LabelSchema::default());
    let shown: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    let ron = dir.path().join("a.ron");
    assert_eq!(
        shown,
        [format!(
            "{}: span 4: linked to entity \"cuba\", which is not in the folder's entities.ron",
            ron.display()
        )]
    );
    assert_eq!(report.files_checked, 3, "article, annotations, registry");
    fs::write(
        dir.path().join("entities.ron"),
        "(format: 1, entities: [oops])",
    )
    .unwrap();
    let report = validate_paths(&[dir.path().to_owned()], |_| LabelSchema::default());
    let shown: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].starts_with(&format!("{}:1:", dir.path().join("entities.ron").display())),
        "{shown:?}"
    );
    // Relation problems are reported too.
    let mut bad = linked_set();
    bad.insert_relation(newsmark::model::Relation::manual(9, "holds", 1, 99));
    fs::write(&ron, to_ron_string_in_context("a.txt", &doc, &bad)).unwrap();
    fs::remove_file(dir.path().join("entities.ron")).unwrap();
    let report = validate_paths(std::slice::from_ref(&ron), |_| LabelSchema::default());
    let shown: Vec<String> = report.problems.iter().map(|p| p.reason.clone()).collect();
    assert!(
        shown.contains(
            &"relation 9: \"holds\" does not allow a \"country\" span as its from (span 1)"
                .to_owned()
        ),
        "{shown:?}"
    );
    assert!(
        shown.contains(
            &"relation 9: to span 99 is not in the file; the relation is kept as it is".to_owned()
        ),
        "{shown:?}"
    );
}

#[test]
fn aliases_are_added_and_removed_and_external_ids_checked_as_qids() {
    let registry = registry();
    let edit = registry.remove_alias_edit("iran", "Tehran").unwrap();
    let after = reversible(&registry, &edit);
    assert_eq!(
        after.get("iran").unwrap().aliases,
        ["Islamic Republic of Iran"]
    );
    assert!(matches!(
        registry.remove_alias_edit("iran", "Persia"),
        Err(RegistryError::NoChange(_))
    ));
    let edit = registry.external_id_edit("cuba", "Q241").unwrap();
    assert_eq!(
        reversible(&registry, &edit)
            .get("cuba")
            .unwrap()
            .external_id,
        "Q241"
    );
    let edit = registry.external_id_edit("issa-zarepour", "").unwrap();
    assert_eq!(
        reversible(&registry, &edit)
            .get("issa-zarepour")
            .unwrap()
            .external_id,
        ""
    );
    for bad in [
        "241",
        "q241",
        "Q",
        "Q0241",
        "Q24a",
        " Q241",
        "Q241 ",
        "P31",
        "Q1234567890123",
    ] {
        assert_eq!(
            registry.external_id_edit("cuba", bad),
            Err(RegistryError::BadExternalId(bad.to_owned())),
            "{bad:?}"
        );
    }
    assert!(entities::check_external_id("Q1").is_ok());
    assert!(matches!(
        registry.external_id_edit("nobody", "Q1"),
        Err(RegistryError::NoSuchEntity(_))
    ));
}
