//! brat `R` lines with their arguments in either order, and with role
//! names newsmark does not read (reported with the line).

use std::fs;

use newsmark::formats::{self, Format};

#[test]
fn an_r_line_with_arg2_first_is_the_same_relation_and_other_roles_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Ana is Minister.\n").unwrap();
    fs::write(
        dir.path().join("a.ann"),
        "T1\tperson 0 3\tAna\nT2\trole 7 15\tMinister\n\
         R1\tholds Arg2:T2 Arg1:T1\nR2\tholds Arg1:T1 Arg2:T2\n\
         R3\tholds Subj:T1 Obj:T2\nR4\tholds Arg1:T1 Arg1:T2\nR5\tholds Arg1:T1\n",
    )
    .unwrap();
    let read = formats::read(Format::Brat, dir.path()).unwrap();
    let doc = &read.docs[0];
    let ends: Vec<_> = doc
        .relations
        .iter()
        .map(|r| (r.label.as_str(), r.from, r.to))
        .collect();
    assert_eq!(ends, [("holds", 0, 1)], "R2 is R1, read once");
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert!(
        read.warnings[0].ends_with(
            "a.ann:4: R2 repeats R1 (line 3): the same holds relation between the same spans; \
             read as one relation"
        ),
        "{:?}",
        read.warnings
    );
    let p = &read.problems;
    let said = |needle: &str| p.iter().any(|m| m.contains(needle));
    assert!(
        said("a.ann:5: R3: role Subj is not Arg1 or Arg2 in \"holds Subj:T1 Obj:T2\""),
        "{p:?}"
    );
    assert!(said("a.ann:6: R4: Arg1 given twice"), "{p:?}");
    assert!(said("a.ann:7: R5: expected Arg1:T… and Arg2:T…"), "{p:?}");
    assert_eq!(p.len(), 3, "{p:?}");
}
