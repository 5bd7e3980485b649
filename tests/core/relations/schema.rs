//! Relation types in the label schema and in `newsmark.ron`.

use std::path::Path;

use newsmark::model::LabelSchema;
use newsmark::settings;

#[test]
fn the_built_in_schema_has_holds_of_and_party_to() {
    let schema = LabelSchema::default();
    let names: Vec<&str> = schema.relations.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["holds", "of", "party_to"]);
    let holds = schema.relation("holds").unwrap();
    assert!(holds.allows_from("person") && !holds.allows_from("role"));
    assert!(holds.allows_to("role") && !holds.allows_to("country"));
    assert!(holds.directed);
    let of = schema.relation("of").unwrap();
    assert!(of.allows_from("role") && of.allows_to("country"));
    let party_to = schema.relation("party_to").unwrap();
    assert!(party_to.allows_from("person") && party_to.allows_from("country"));
    assert!(!party_to.allows_from("role"));
    assert!(party_to.allows_to("initiative"));
    assert_eq!(
        schema.relation_for_key('H').map(|r| r.name.as_str()),
        Some("holds")
    );
    // A settings file naming no relations gets the built-in ones, even with
    // its own labels.
    let s = settings::parse(
        Path::new("newsmark.ron"),
        "(labels: [(name: \"org\", color: (1, 2, 3), hotkeys: ['o'], description: \"\")])",
    )
    .unwrap();
    assert_eq!(s.schema().relations, schema.relations);
}

#[test]
fn relation_types_are_read_from_the_settings_file() {
    let source = "(relations: [
        (name: \"employs\", color: (1, 2, 3), hotkeys: ['e'], description: \"Works for.\",
            from: [\"org\"], to: [\"person\"]),
        (name: \"near\", color: (4, 5, 6), directed: false),
    ])";
    let s = settings::parse(Path::new("newsmark.ron"), source).unwrap();
    let schema = s.schema();
    assert_eq!(schema.labels, LabelSchema::default().labels);
    let employs = schema.relation("employs").unwrap();
    assert_eq!(employs.hotkeys, ['e']);
    assert_eq!(employs.description, "Works for.");
    assert!(employs.allows_from("org") && !employs.allows_from("person"));
    assert!(employs.directed);
    let near = schema.relation("near").unwrap();
    assert!(!near.directed);
    assert!(near.allows_from("anything") && near.allows_to("anything"));
    assert!(near.hotkeys.is_empty() && near.description.is_empty());
    assert!(
        schema.relation("holds").is_none(),
        "the file's list replaces the defaults"
    );
}

#[test]
fn bad_relation_types_are_refused_naming_the_file() {
    let path = Path::new("x/newsmark.ron");
    let cases = [
        (
            "(relations: [(name: \"a\", color: (1, 2, 3)), (name: \"a\", color: (1, 2, 3))])",
            "\"a\" is defined twice",
        ),
        (
            "(relations: [(name: \"a\", color: (1, 2, 3), hotkeys: ['x'])])",
            "newsmark's own",
        ),
        (
            "(relations: [(name: \"a\", color: (1, 2, 3), hotkeys: ['q']), (name: \"b\", color: (1, 2, 3), hotkeys: ['Q'])])",
            "already \"a\"'s",
        ),
        (
            "(relations: [(name: \"\", color: (1, 2, 3))])",
            "relations: ",
        ),
        (
            "(relations: [(name: \"a\", color: (1, 2, 3), form: [\"person\"])])",
            "form",
        ),
    ];
    for (source, expected) in cases {
        let err = settings::parse(path, source).unwrap_err().to_string();
        assert!(err.contains("x/newsmark.ron"), "{err}");
        assert!(err.contains(expected), "{source}: {err}");
    }
}
