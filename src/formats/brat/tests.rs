//! Reading `.ann` files: text-bound lines, and what else is counted.

use super::*;

#[test]
fn text_bound_lines_become_spans_and_the_rest_is_counted() {
    let ann = "T1\tperson 0 3\tAna\r\nT2\tcountry 4 6;8 9\tBo x\nR1\tRel Arg1:T1 Arg2:T2\n\
               #1\tAnnotatorNotes T1\tnote\nA1\tNeg T1\nR2\tRel Arg1:T2 Arg2:T1\n\
               T3\tperson 5\tx\nT4\trole 1 2\nT5\tperson 12 14;17 19\tCa Na\n\n";
    let text = "Ana Bo, x y\nCa\n\u{2028} Na";
    let mut problems = Vec::new();
    let ParsedAnn {
        spans,
        relations,
        skipped_spans: skipped,
        ..
    } = parse_ann("a.ann", ann, text, &mut problems);
    assert_eq!(skipped, 2);
    let got: Vec<_> = spans
        .iter()
        .map(|s| (s.start, s.end, s.label.as_str(), s.text.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (0, 3, "person", Some("Ana")),
            (1, 2, "role", None),
            (12, 19, "person", Some("Ca\n\u{2028} Na")),
        ]
    );
    assert_eq!(problems.len(), 5, "{problems:?}");
    assert!(problems[0].starts_with("a.ann:2: T2: discontinuous span (4 6;8 9)"));
    assert!(problems[1].starts_with("a.ann:7: T3: offsets \"5\" are not START END"));
    assert_eq!(
        problems[2],
        "a.ann: skipped 1 note (#) line, 1 attribute (A) line: \
         only text-bound annotations (T), relations (R) and entity links (N, newsmark:ID) \
         are imported"
    );
    // Both relations have T2, which was not read, as an argument.
    assert_eq!(
        problems[3],
        "a.ann:3: R1: Arg2 T2 is not a text-bound annotation read from this file; skipped"
    );
    assert!(
        problems[4].starts_with("a.ann:6: R2: Arg1 T2"),
        "{problems:?}"
    );
    assert!(relations.is_empty());
    let ParsedAnn { relations, .. } = parse_ann(
        "b.ann",
        "R1\tholds Arg1:T2 Arg2:T1\nT1\trole 0 3\tAna\nT2\tperson 4 6\tBo\n",
        text,
        &mut problems,
    );
    let expected = ImportedRelation {
        label: "holds".to_owned(),
        from: 1,
        to: 0,
    };
    assert_eq!(relations, [expected], "an R line before its T lines");
}
