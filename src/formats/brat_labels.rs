//! Labels as brat can store them, and the record that maps them back.
//!
//! brat's configuration parser keeps a type name only if it matches
//! `^[a-zA-Z0-9_-]*$` (`normalize_to_storage_form` in its
//! `projectconfig.py`); any other character becomes `_` there, so an `.ann`
//! typed `país` names a type its `annotation.conf` does not declare. An
//! export writes each label in that form instead, each different label its
//! own name (`a;b` and `a b` are `a_b` and `a_b_2`), and records every
//! renamed label in `annotation.conf` as a comment brat ignores:
//!
//! ```text
//! # newsmark label: pa_s<TAB>"país"
//! ```
//!
//! `import brat` reads those lines and gives each span its label back.

use std::collections::{BTreeMap, BTreeSet};

/// The comment prefix of a mapping line in `annotation.conf`.
const MAPPING_PREFIX: &str = "# newsmark label: ";

/// `label` with every character brat cannot store written `_`.
fn storage_form(label: &str) -> String {
    let form: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if form.is_empty() {
        "_".to_owned()
    } else {
        form
    }
}

/// The brat names given to labels during one export: assigned when a label
/// is first met and never changed after, so every `.ann` written agrees with
/// the `annotation.conf` written at the end.
#[derive(Clone, Debug, Default)]
pub struct BratLabels {
    to_brat: BTreeMap<String, String>,
    taken: BTreeSet<String>,
    /// Labels in the order they were first met.
    order: Vec<String>,
    /// How many of `order` are the schema's.
    schema_labels: usize,
}

impl BratLabels {
    /// The names of `labels` (the schema's, first, so that they keep their
    /// own name when brat can store it).
    pub fn new<'a>(labels: impl IntoIterator<Item = &'a str>) -> Self {
        let mut names = Self::default();
        for label in labels {
            names.name(label);
        }
        names.schema_labels = names.order.len();
        names
    }

    /// The brat name of `label`, given now if it has none yet.
    pub fn name(&mut self, label: &str) -> &str {
        if !self.to_brat.contains_key(label) {
            let base = storage_form(label);
            let mut name = base.clone();
            let mut k = 2;
            while self.taken.contains(&name) {
                name = format!("{base}_{k}");
                k += 1;
            }
            self.taken.insert(name.clone());
            self.to_brat.insert(label.to_owned(), name);
            self.order.push(label.to_owned());
        }
        &self.to_brat[label]
    }

    /// How many labels have a name so far.
    pub fn named(&self) -> usize {
        self.order.len()
    }

    /// Each label written under another name, with that name, in the order
    /// met.
    pub fn renamed(&self) -> impl Iterator<Item = (&str, &str)> {
        self.order
            .iter()
            .map(|l| (l.as_str(), self.to_brat[l].as_str()))
            .filter(|(l, n)| l != n)
    }

    /// `annotation.conf` declaring every name as an entity, allowing
    /// entities to nest and overlap (as newsmark spans may), with a mapping
    /// comment for each renamed label.
    pub fn conf(&self) -> String {
        let mut out = String::from("# Written by newsmark export: the corpus's labels.\n");
        for (label, name) in self.renamed() {
            let quoted = serde_json::to_string(label).unwrap_or_default();
            out.push_str(&format!("{MAPPING_PREFIX}{name}\t{quoted}\n"));
        }
        out.push_str("[entities]\n");
        // The schema's labels in its order, then the others sorted, so the
        // file does not depend on which document used a label first.
        let (schema, others) = self.order.split_at(self.schema_labels);
        let mut others: Vec<&String> = others.iter().collect();
        others.sort();
        for label in schema.iter().chain(others) {
            out.push_str(&self.to_brat[label]);
            out.push('\n');
        }
        out.push_str(
            "\n[relations]\n# Spans may nest and overlap.\n\
             <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n",
        );
        out
    }
}

/// The labels an `annotation.conf` written by newsmark renamed: brat name to
/// label. Lines that are not mapping comments are ignored.
pub fn mapping_in_conf(conf: &str) -> BTreeMap<String, String> {
    conf.lines()
        .filter_map(|line| line.strip_prefix(MAPPING_PREFIX))
        .filter_map(|rest| rest.split_once('\t'))
        .filter_map(|(name, quoted)| {
            let label: String = serde_json::from_str(quoted).ok()?;
            Some((name.to_owned(), label))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_brat_cannot_store_get_distinct_names_and_map_back() {
        let mut names = BratLabels::new(["person", "país"]);
        assert_eq!(names.name("person"), "person");
        assert_eq!(names.name("país"), "pa_s");
        assert_eq!(names.name("a;b"), "a_b");
        assert_eq!(names.name("a b"), "a_b_2");
        assert_eq!(names.name("a_b"), "a_b_3", "a valid name already taken");
        assert_eq!(names.name("a;b"), "a_b", "never changes once given");
        let conf = names.conf();
        assert!(
            conf.contains("[entities]\nperson\npa_s\na_b_2\na_b\na_b_3\n"),
            "{conf}"
        );
        let back = mapping_in_conf(&conf);
        assert_eq!(back.len(), 4);
        assert_eq!(back["pa_s"], "país");
        assert_eq!(back["a_b"], "a;b");
        assert_eq!(back["a_b_2"], "a b");
        assert_eq!(back["a_b_3"], "a_b");
        assert!(!back.contains_key("person"));
    }
}
