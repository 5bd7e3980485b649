//! Hand-computed studies.

use super::*;

fn m(start: usize, end: usize, label: &str) -> Marked {
    Marked {
        start,
        end,
        label: label.to_owned(),
    }
}

fn study(names: &[&str], documents: &[Vec<Vec<Marked>>]) -> AgreementReport {
    let mut agreement = Agreement::new(names.iter().map(|n| (*n).to_owned()).collect())
        .expect("two annotators or more");
    for doc in documents {
        agreement.add_document(doc);
    }
    agreement.report()
}

fn close(value: Option<f64>, expected: f64) -> bool {
    value.is_some_and(|v| (v - expected).abs() < 1e-12)
}

#[test]
fn identical_annotators_agree_fully() {
    let spans = vec![
        m(0, 6, "country"),
        m(11, 17, "country"),
        m(20, 30, "person"),
    ];
    let report = study(
        &["a", "b", "c"],
        &[vec![spans.clone(), spans.clone(), spans]],
    );
    assert_eq!(report.units, 3);
    assert_eq!(report.fleiss_kappa, Some(1.0));
    assert_eq!(report.krippendorff_alpha, Some(1.0));
    assert_eq!(report.pairs.len(), 3);
    for pair in &report.pairs {
        assert_eq!(pair.cohen_kappa, Some(1.0));
        for scores in pair.exact.values().chain(pair.overlap.values()) {
            assert_eq!(
                (scores.precision, scores.recall, scores.f1),
                (1.0, 1.0, 1.0)
            );
        }
    }
    // One category only (everyone tagged the same country): still 1.0.
    let one = vec![m(0, 6, "country")];
    let report = study(&["a", "b"], &[vec![one.clone(), one]]);
    assert_eq!(report.fleiss_kappa, Some(1.0));
    assert_eq!(report.krippendorff_alpha, Some(1.0));
    assert_eq!(report.pairs[0].cohen_kappa, Some(1.0));
}

#[test]
fn disjoint_annotators_get_what_the_formulas_give_not_nan() {
    // a: [0,5) person; b: [10,15) person. Units 2: (person, none) and
    // (none, person). Cohen: Po = 0, Pe = ½·½ + ½·½ = ½, κ = −1.
    // Fleiss: P(u) = (1 + 1 − 2)/2 = 0, P̄e = ½, κ = −1.
    // Alpha: n.. = 4, Σ o(c,c) = 0, D = 4, E = 16 − 8 = 8, α = 1 − 3·4/8 = −0.5.
    let report = study(
        &["a", "b"],
        &[vec![vec![m(0, 5, "person")], vec![m(10, 15, "person")]]],
    );
    assert_eq!(report.units, 2);
    assert!(close(report.pairs[0].cohen_kappa, -1.0), "{report:?}");
    assert!(close(report.fleiss_kappa, -1.0), "{report:?}");
    assert!(close(report.krippendorff_alpha, -0.5), "{report:?}");
    let exact = &report.pairs[0].exact["person"];
    assert_eq!((exact.precision, exact.recall, exact.f1), (0.0, 0.0, 0.0));
    // Nobody marked anything: no unit, no figure (null), scores 0.
    let report = study(&["a", "b"], &[vec![vec![], vec![]]]);
    assert_eq!((report.units, report.fleiss_kappa), (0, None));
    assert_eq!(
        (report.krippendorff_alpha, report.pairs[0].cohen_kappa),
        (None, None)
    );
    assert_eq!(report.pairs[0].exact["micro"].f1, 0.0);
    let json = report.to_json().to_string();
    assert!(
        !json.contains("NaN") && json.contains("\"fleiss_kappa\":null"),
        "{json}"
    );
}

#[test]
fn a_small_study_by_hand() {
    // Text positions only matter through offsets. Two documents:
    // doc 1: a: [0,6) country, [10,20) person, [10,20) role
    //        b: [0,6) country, [10,20) person, [30,35) role
    // doc 2: a: [0,4) person
    //        b: [0,5) person
    // Units (pair = all): (0,6) country|country; (10,20) person+role|person;
    // (30,35) none|role; (0,4) person|none; (0,5) none|person: 5 units.
    // Cohen: agreed 1; a: country 1, person+role 1, person 1, none 2;
    // b: country 1, person 2, role 1, none 1.
    // Po = 1/5; Pe = (1·1 + 0 + 1·2 + 2·1)/25 = 5/25; κ = (0.2 − 0.2)/0.8 = 0.
    // Alpha (2 raters, 5 units): squares: 4 + 1+1 + 1+1 + 1+1 + 1+1 = 12,
    // n.. = 10, Σ o(c,c) = (12 − 10)/1 = 2, D = 8; totals: country 2,
    // person+role 1, person 3, role 1, none 3: Σ n(c)² = 4+1+9+1+9 = 24,
    // E = 100 − 24 = 76; α = 1 − 9·8/76 = 1 − 72/76.
    // Fleiss: P̄ = (12 − 10)/(10·1) = 0.2, P̄e = 24/100, κ = −0.04/0.76.
    // Exact (b against a): a has 4 spans, b 4; matched exactly: country,
    // person (10,20): 2 each. person: a 2 (10-20, 0-4), b 2 (10-20, 0-5),
    // matched 1 each; overlap person: a 2 matched (0-4 overlaps 0-5), b 2.
    // role: a (10,20), b (30,35): none matched either way.
    let doc1 = vec![
        vec![m(0, 6, "country"), m(10, 20, "person"), m(10, 20, "role")],
        vec![m(0, 6, "country"), m(10, 20, "person"), m(30, 35, "role")],
    ];
    let doc2 = vec![vec![m(0, 4, "person")], vec![m(0, 5, "person")]];
    let report = study(&["a", "b"], &[doc1, doc2]);
    let pair = &report.pairs[0];
    assert_eq!((report.documents, report.units, pair.units), (2, 5, 5));
    assert!(close(pair.cohen_kappa, 0.0), "{pair:?}");
    assert!(close(report.krippendorff_alpha, 1.0 - 72.0 / 76.0));
    assert!(close(report.fleiss_kappa, -0.04 / 0.76));
    let person = &pair.exact["person"];
    assert_eq!((person.precision, person.recall), (0.5, 0.5));
    let person = &pair.overlap["person"];
    assert_eq!(
        (person.precision, person.recall, person.f1),
        (1.0, 1.0, 1.0)
    );
    assert_eq!(pair.exact["role"].f1, 0.0);
    let micro = &pair.exact["micro"];
    assert_eq!((micro.precision, micro.recall), (0.5, 0.5));
    let micro = &pair.overlap["micro"];
    assert_eq!((micro.precision, micro.recall), (0.75, 0.75));
    assert_eq!(pair.counts["micro"].a_spans, 4);
}

#[test]
fn pairs_come_in_argument_order_and_units_are_the_pairs_own() {
    let report = study(
        &["zed", "amy", "kim"],
        &[vec![
            vec![m(0, 3, "person")],
            vec![m(0, 3, "person")],
            vec![m(5, 9, "country")],
        ]],
    );
    let pairs: Vec<(&str, &str, u64)> = report
        .pairs
        .iter()
        .map(|p| (p.a.as_str(), p.b.as_str(), p.units))
        .collect();
    assert_eq!(
        pairs,
        [("zed", "amy", 1), ("zed", "kim", 2), ("amy", "kim", 2)]
    );
    assert_eq!(report.units, 2);
    assert!(matches!(
        Agreement::new(vec!["solo".to_owned()]),
        Err(AgreeError::TooFewAnnotators { .. })
    ));
    assert!(matches!(
        Agreement::new(vec!["x".to_owned(), "x".to_owned()]),
        Err(AgreeError::SameName(_))
    ));
}

fn rel(label: &str, from: &Marked, to: &Marked) -> MarkedRelation {
    MarkedRelation::new(label, from.clone(), to.clone(), true)
}

#[test]
fn relations_match_exactly_or_by_overlap_per_type_and_micro() {
    // Spans: P1 person [0,5), P2 person [40,45), R1 role [10,20) (b draws
    // it as R1b [8,20), overlapping), C1 country [30,36), R2 role [60,70),
    // X country [50,55).
    let (p1, p2) = (m(0, 5, "person"), m(40, 45, "person"));
    let (r1, r1b, r2) = (m(10, 20, "role"), m(8, 20, "role"), m(60, 70, "role"));
    let (c1, x) = (m(30, 36, "country"), m(50, 55, "country"));
    let a = vec![
        rel("holds", &p1, &r1),
        rel("holds", &p2, &r1),
        rel("of", &r1, &c1),
        rel("of", &r2, &x),
        rel("of", &r2, &c1),
    ];
    let b = vec![
        rel("holds", &p1, &r1b),
        rel("holds", &p2, &r2),
        rel("of", &r1b, &c1),
        rel("of", &r2, &x),
    ];
    let mut agreement = Agreement::new(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()])
        .expect("three annotators");
    agreement.add_document(&[vec![p1.clone()], vec![p1], vec![]]);
    // 8 distinct relations (of R2→X drawn by a and b), none by all three.
    assert_eq!(agreement.add_relations(&[a.clone(), b.clone(), vec![]]), 8);
    let mut two = Agreement::new(vec!["a".to_owned(), "b".to_owned()]).expect("two");
    assert_eq!(two.add_relations(&[a, b]), 7, "all but R2→X");
    let report = agreement.report();
    let relations = report.pairs[0].relations.as_ref().expect("both drew some");
    let scores = |s: &Scores| (s.precision, s.recall, s.f1);
    // holds: a 2, b 2; none exactly; by overlap (P1→R1 ~ P1→R1b) 1 each.
    assert_eq!(scores(&relations.exact["holds"]), (0.0, 0.0, 0.0));
    assert_eq!(scores(&relations.overlap["holds"]), (0.5, 0.5, 0.5));
    // of: a 3, b 2; R2→X exactly (1 each); R1→C1 ~ R1b→C1 too by overlap
    // (2 each). Exact P = 1/2, R = 1/3, F1 = 0.4; overlap P = 1, R = 2/3,
    // F1 = 0.8.
    let of = scores(&relations.exact["of"]);
    assert!(close(Some(of.0), 0.5) && close(Some(of.1), 1.0 / 3.0) && close(Some(of.2), 0.4));
    let of = scores(&relations.overlap["of"]);
    assert!(close(Some(of.0), 1.0) && close(Some(of.1), 2.0 / 3.0) && close(Some(of.2), 0.8));
    // micro: a 5, b 4; exact 1 each: P = 1/4, R = 1/5, F1 = 2/9; overlap
    // 3 each: P = 3/4, R = 3/5, F1 = 2/3.
    let micro = scores(&relations.exact[MICRO]);
    assert!(close(Some(micro.0), 0.25) && close(Some(micro.1), 0.2));
    assert!(close(Some(micro.2), 2.0 / 9.0), "{micro:?}");
    let micro = scores(&relations.overlap[MICRO]);
    assert!(close(Some(micro.0), 0.75) && close(Some(micro.1), 0.6));
    assert!(close(Some(micro.2), 2.0 / 3.0), "{micro:?}");
    let counts = relations.counts[MICRO];
    assert_eq!((counts.a_relations, counts.b_relations), (5, 4));
    assert_eq!((counts.a_exact, counts.b_overlap), (1, 3));
    // c drew none: its pairs have no relation figures, in JSON neither.
    assert!(report.pairs[1].relations.is_none() && report.pairs[2].relations.is_none());
    let json = report.to_json();
    assert!(json["pairs"][0]["relations"]["exact"]["of"]["f1"].is_number());
    assert!(json["pairs"][1].get("relations").is_none(), "{json}");
    let table = report.to_table();
    assert!(table.contains("relation"), "{table}");
    assert!(
        table.contains("  of             3      2   0.500  0.333  0.400   1.000  0.667  0.800"),
        "{table}"
    );
}

#[test]
fn an_undirected_relation_matches_either_way_a_directed_one_does_not() {
    let (p1, p2) = (m(0, 5, "person"), m(10, 15, "person"));
    let study = |directed: bool| {
        let mut agreement =
            Agreement::new(vec!["a".to_owned(), "b".to_owned()]).expect("two annotators");
        agreement.add_document(&[vec![p1.clone(), p2.clone()], vec![p1.clone(), p2.clone()]]);
        agreement.add_relations(&[
            vec![MarkedRelation::new("met", p1.clone(), p2.clone(), directed)],
            vec![MarkedRelation::new("met", p2.clone(), p1.clone(), directed)],
        ]);
        let report = agreement.report();
        let relations = report.pairs[0].relations.clone().expect("both drew some");
        (relations.exact["met"].f1, relations.overlap["met"].f1)
    };
    assert_eq!(study(false), (1.0, 1.0));
    assert_eq!(study(true), (0.0, 0.0));
}
