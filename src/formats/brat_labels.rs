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
//! Relation types are named the same way, apart from labels, each declared
//! in the `[relations]` section (`holds Arg1:<ENTITY>, Arg2:<ENTITY>`) and
//! each renamed one recorded as `# newsmark relation: NAME<TAB>"type"`.

use std::collections::{BTreeMap, BTreeSet};

/// The comment prefix of a label's mapping line in `annotation.conf`.
const MAPPING_PREFIX: &str = "# newsmark label: ";

/// The comment prefix of a relation type's mapping line in `annotation.conf`.
const RELATION_MAPPING_PREFIX: &str = "# newsmark relation: ";

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

/// One kind of brat type names (entity labels, or relation types): each
/// name given once, distinct from the others of its kind.
#[derive(Clone, Debug, Default)]
struct Names {
    to_brat: BTreeMap<String, String>,
    taken: BTreeSet<String>,
    /// Names in the order they were first met.
    order: Vec<String>,
    /// How many of `order` are the schema's.
    schema: usize,
}

impl Names {
    /// Names `schema`'s entries first, so that they keep their own name
    /// when brat can store it.
    fn new<'a>(schema: impl IntoIterator<Item = &'a str>) -> Self {
        let mut names = Self::default();
        for name in schema {
            names.name(name);
        }
        names.schema = names.order.len();
        names
    }

    fn name(&mut self, label: &str) -> &str {
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

    fn renamed(&self) -> impl Iterator<Item = (&str, &str)> {
        self.order
            .iter()
            .map(|l| (l.as_str(), self.to_brat[l].as_str()))
            .filter(|(l, n)| l != n)
    }

    /// The brat names, the schema's in its order, then the others sorted,
    /// so that the file does not depend on which document used one first.
    fn declared(&self) -> impl Iterator<Item = &str> {
        let (schema, others) = self.order.split_at(self.schema);
        let mut others: Vec<&String> = others.iter().collect();
        others.sort();
        schema
            .iter()
            .chain(others)
            .map(|l| self.to_brat[l].as_str())
    }

    /// A mapping comment, `PREFIX NAME<TAB>"label"`, for each renamed one.
    fn mapping_comments(&self, prefix: &str, out: &mut String) {
        for (label, name) in self.renamed() {
            let quoted = serde_json::to_string(label).unwrap_or_default();
            out.push_str(&format!("{prefix}{name}\t{quoted}\n"));
        }
    }
}

/// The brat names given to labels and relation types during one export:
/// assigned when one is first met and never changed after, so every `.ann`
/// written agrees with the `annotation.conf` written at the end. Labels and
/// relation types are named apart (brat declares them in separate sections).
#[derive(Clone, Debug, Default)]
pub struct BratLabels {
    labels: Names,
    relations: Names,
}

impl BratLabels {
    /// The names of `labels` and `relations` (the schema's, first, so that
    /// they keep their own name when brat can store it).
    pub fn new<'a>(
        labels: impl IntoIterator<Item = &'a str>,
        relations: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        Self {
            labels: Names::new(labels),
            relations: Names::new(relations),
        }
    }

    /// The brat name of `label`, given now if it has none yet.
    pub fn name(&mut self, label: &str) -> &str {
        self.labels.name(label)
    }

    /// The brat name of the relation type `relation`, given now if it has
    /// none yet.
    pub fn relation_name(&mut self, relation: &str) -> &str {
        self.relations.name(relation)
    }

    /// How many labels and relation types have a name so far.
    pub fn named(&self) -> usize {
        self.labels.order.len() + self.relations.order.len()
    }

    /// Each label written under another name, with that name, in the order
    /// met.
    pub fn renamed(&self) -> impl Iterator<Item = (&str, &str)> {
        self.labels.renamed()
    }

    /// Each relation type written under another name, with that name, in
    /// the order met.
    pub fn renamed_relations(&self) -> impl Iterator<Item = (&str, &str)> {
        self.relations.renamed()
    }

    /// `annotation.conf` declaring every label name as an entity and every
    /// relation type name as a relation between any two entities
    /// (`TYPE Arg1:<ENTITY>, Arg2:<ENTITY>`), allowing entities to nest and
    /// overlap (as newsmark spans may), with a mapping comment for each
    /// renamed label and relation type.
    pub fn conf(&self) -> String {
        let mut out = String::from("# Written by newsmark export: the corpus's labels.\n");
        self.labels.mapping_comments(MAPPING_PREFIX, &mut out);
        self.relations
            .mapping_comments(RELATION_MAPPING_PREFIX, &mut out);
        out.push_str("[entities]\n");
        for name in self.labels.declared() {
            out.push_str(name);
            out.push('\n');
        }
        out.push_str("\n[relations]\n");
        for name in self.relations.declared() {
            out.push_str(&format!("{name} Arg1:<ENTITY>, Arg2:<ENTITY>\n"));
        }
        out.push_str(
            "# Spans may nest and overlap.\n\
             <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n",
        );
        out
    }
}

/// The names an `annotation.conf` written by newsmark renamed, brat name to
/// label, from its comments starting `prefix`.
fn mapping(conf: &str, prefix: &str) -> BTreeMap<String, String> {
    conf.lines()
        .filter_map(|line| line.strip_prefix(prefix))
        .filter_map(|rest| rest.split_once('\t'))
        .filter_map(|(name, quoted)| {
            let label: String = serde_json::from_str(quoted).ok()?;
            Some((name.to_owned(), label))
        })
        .collect()
}

/// The labels an `annotation.conf` written by newsmark renamed: brat name to
/// label. Lines that are not label mapping comments are ignored.
pub fn mapping_in_conf(conf: &str) -> BTreeMap<String, String> {
    mapping(conf, MAPPING_PREFIX)
}

/// The relation types an `annotation.conf` written by newsmark renamed:
/// brat name to type. Lines that are not relation mapping comments are
/// ignored.
pub fn relation_mapping_in_conf(conf: &str) -> BTreeMap<String, String> {
    mapping(conf, RELATION_MAPPING_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_brat_cannot_store_get_distinct_names_and_map_back() {
        let mut names = BratLabels::new(["person", "país"], ["holds", "is part"]);
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
        assert_eq!(names.relation_name("holds"), "holds");
        assert_eq!(
            names.relation_name("país"),
            "pa_s",
            "named apart from labels"
        );
        assert!(
            conf.contains("[relations]\nholds Arg1:<ENTITY>, Arg2:<ENTITY>\nis_part Arg1:<ENTITY>, Arg2:<ENTITY>\n"),
            "{conf}"
        );
        let conf = names.conf();
        assert!(
            conf.contains("\npa_s Arg1:<ENTITY>, Arg2:<ENTITY>\n"),
            "{conf}"
        );
        let back = relation_mapping_in_conf(&conf);
        assert_eq!(back.len(), 2, "{back:?}");
        assert_eq!(back["is_part"], "is part");
        assert_eq!(back["pa_s"], "país");
        assert_eq!(mapping_in_conf(&conf).len(), 4, "labels apart");
    }
}
