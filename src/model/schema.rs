//! The set of labels a corpus uses, with their colours, hotkeys and
//! descriptions, and the relation types that join its spans.

use serde::{Deserialize, Serialize};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// One label of a schema.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelDef {
    /// The name stored in annotation files.
    pub name: String,
    /// Colour of the label's spans.
    pub color: Rgb,
    /// Keys that apply this label (case-insensitive), e.g. `['1', 'p']`.
    pub hotkeys: Vec<char>,
    /// One line telling annotators what the label is for.
    pub description: String,
}

/// One relation type of a schema: what joins two spans (`holds`: a person
/// holds a role).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationDef {
    /// The name stored in annotation files.
    pub name: String,
    /// Colour of the relation's arcs.
    pub color: Rgb,
    /// Keys that choose this type while linking (case-insensitive).
    #[serde(default)]
    pub hotkeys: Vec<char>,
    /// One line telling annotators what the relation means.
    #[serde(default)]
    pub description: String,
    /// Labels the relation may start from; empty allows any.
    #[serde(default)]
    pub from: Vec<String>,
    /// Labels the relation may lead to; empty allows any.
    #[serde(default)]
    pub to: Vec<String>,
    /// Whether `from` and `to` differ in meaning (an arrow) or not.
    #[serde(default = "directed_by_default")]
    pub directed: bool,
}

fn directed_by_default() -> bool {
    true
}

impl RelationDef {
    /// Whether a span labelled `label` may be this relation's `from`.
    pub fn allows_from(&self, label: &str) -> bool {
        self.from.is_empty() || self.from.iter().any(|l| l == label)
    }

    /// Whether a span labelled `label` may be this relation's `to`.
    pub fn allows_to(&self, label: &str) -> bool {
        self.to.is_empty() || self.to.iter().any(|l| l == label)
    }

    /// newsmark's built-in relation types: `holds` (person → role), `of`
    /// (role → country), `party_to` (person or country → initiative).
    pub fn defaults() -> Vec<Self> {
        let def = |name: &str, color, key, from: &[&str], to: &[&str], description: &str| Self {
            name: name.to_owned(),
            color,
            hotkeys: vec![key],
            description: description.to_owned(),
            from: from.iter().map(|l| (*l).to_owned()).collect(),
            to: to.iter().map(|l| (*l).to_owned()).collect(),
            directed: true,
        };
        vec![
            def(
                "holds",
                Rgb(0xd9, 0x7d, 0x0d),
                'h',
                &["person"],
                &["role"],
                "A person holds a role: Issa Zarepour → Minister of ICT.",
            ),
            def(
                "of",
                Rgb(0x1e, 0x9e, 0x5a),
                'o',
                &["role"],
                &["country"],
                "A role is a country's: Minister of ICT → Iran.",
            ),
            def(
                "party_to",
                Rgb(0xa2, 0x3b, 0xc9),
                't',
                &["person", "country"],
                &["initiative"],
                "A person or country takes part in an initiative.",
            ),
        ]
    }
}

/// The labels a document can use, in palette order, and the relation types
/// that join its spans.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelSchema {
    /// The labels, in the order the palette shows them.
    pub labels: Vec<LabelDef>,
    /// The relation types, in the order menus show them.
    #[serde(default = "RelationDef::defaults")]
    pub relations: Vec<RelationDef>,
}

impl Default for LabelSchema {
    /// newsmark's built-in schema: person, role, country, initiative.
    fn default() -> Self {
        let def = |name: &str, color, hotkeys: [char; 2], description: &str| LabelDef {
            name: name.to_owned(),
            color,
            hotkeys: hotkeys.to_vec(),
            description: description.to_owned(),
        };
        Self {
            labels: vec![
                def(
                    "person",
                    Rgb(0x2f, 0x80, 0xed),
                    ['1', 'p'],
                    "A named individual: “Issa Zarepour”.",
                ),
                def(
                    "role",
                    Rgb(0xd9, 0x7d, 0x0d),
                    ['2', 'r'],
                    "A title or office someone holds: “Minister of ICT”.",
                ),
                def(
                    "country",
                    Rgb(0x1e, 0x9e, 0x5a),
                    ['3', 'c'],
                    "A country, or its capital standing for its government.",
                ),
                def(
                    "initiative",
                    Rgb(0xa2, 0x3b, 0xc9),
                    ['4', 'i'],
                    "A named project, programme or plan: “optical fiber project”.",
                ),
            ],
            relations: RelationDef::defaults(),
        }
    }
}

impl LabelSchema {
    /// A schema of these labels with the built-in relation types.
    pub fn with_labels(labels: Vec<LabelDef>) -> Self {
        Self {
            labels,
            relations: RelationDef::defaults(),
        }
    }

    /// The relation type with this name.
    pub fn relation(&self, name: &str) -> Option<&RelationDef> {
        self.relations.iter().find(|r| r.name == name)
    }

    /// The relation type a key chooses, if any (letters match either case).
    pub fn relation_for_key(&self, key: char) -> Option<&RelationDef> {
        let key = key.to_ascii_lowercase();
        self.relations
            .iter()
            .find(|r| r.hotkeys.iter().any(|k| k.to_ascii_lowercase() == key))
    }

    /// The label with this name.
    pub fn get(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// Whether the schema has a label of this name.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The label a key applies, if any (letters match either case).
    pub fn label_for_key(&self, key: char) -> Option<&LabelDef> {
        let key = key.to_ascii_lowercase();
        self.labels
            .iter()
            .find(|l| l.hotkeys.iter().any(|k| k.to_ascii_lowercase() == key))
    }
}
