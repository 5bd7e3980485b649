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
