//! The set of labels a corpus uses, with their colours, hotkeys and
//! descriptions.

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

/// The labels a document can use, in palette order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelSchema {
    /// The labels, in the order the palette shows them.
    pub labels: Vec<LabelDef>,
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
        }
    }
}

impl LabelSchema {
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
