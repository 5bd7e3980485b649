//! The facts table: the sample articles' facts row by row, the rules for
//! missing links, suggestions and parties, and `newsmark facts` as a
//! table, CSV and JSON.

use std::path::{Path, PathBuf};

use newsmark::entities::{self, Registry};
use newsmark::facts::{Fact, facts_of};
use newsmark::model::{Document, LabelSchema, Relation, Status};
use newsmark::session::Session;

use super::file::{TEXT, linked_set};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_data")
}

/// The facts of the sample article `stem`, with the samples' registry.
fn sample_facts(stem: &str) -> Vec<Fact> {
    let txt = samples().join(format!("{stem}.txt"));
    let session = Session::read(&txt, LabelSchema::default()).unwrap();
    assert_eq!(session.problems(), [], "{stem}");
    let registry = entities::load(&samples()).unwrap();
    facts_of(
        &format!("{stem}.txt"),
        session.doc(),
        session.set(),
        &registry,
    )
}

/// A fact as (person, role, country, initiatives) names and entity ids,
/// and each mention's offsets.
type Row = (
    [Option<(String, Option<String>, usize, usize)>; 3],
    Vec<String>,
);

fn row(fact: &Fact) -> Row {
    let column = |m: &Option<newsmark::facts::Mention>| {
        m.as_ref()
            .map(|m| (m.name.clone(), m.entity.clone(), m.start, m.end))
    };
    (
        [
            column(&fact.person),
            column(&fact.role),
            column(&fact.country),
        ],
        fact.initiatives.iter().map(|m| m.name.clone()).collect(),
    )
}

fn m(
    name: &str,
    entity: &str,
    start: usize,
    end: usize,
) -> Option<(String, Option<String>, usize, usize)> {
    Some((name.to_owned(), Some(entity.to_owned()), start, end))
}

#[test]
fn the_tehran_havana_article_gives_its_four_facts_row_by_row() {
    let facts = sample_facts("2024-05-iran-cuba-ict");
    let rows: Vec<Row> = facts.iter().map(row).collect();
    let zarepour = |s, e| m("Issa Zarepour", "issa-zarepour", s, e);
    let gonzalez = |s, e| m("Wilfredo González Vidal", "wilfredo-gonzalez-vidal", s, e);
    let minister = |s, e| m("Minister of ICT of Iran", "iran-minister-of-ict", s, e);
    let deputy = |s, e| {
        m(
            "First Deputy Minister of Communications of Cuba",
            "cuba-first-deputy-minister-of-communications",
            s,
            e,
        )
    };
    let iran = |s, e| m("Iran", "iran", s, e);
    let cuba = |s, e| m("Cuba", "cuba", s, e);
    let of_iran = vec![
        "optical fiber project".to_owned(),
        "e-government programme".to_owned(),
    ];
    let of_cuba = vec![
        "optical fiber project".to_owned(),
        "4G upgrade plan".to_owned(),
    ];
    assert_eq!(
        rows,
        [
            (
                [zarepour(234, 247), minister(217, 232), iran(210, 214)],
                of_iran.clone()
            ),
            (
                [gonzalez(253, 276), deputy(278, 325), cuba(321, 325)],
                of_cuba.clone()
            ),
            (
                [zarepour(746, 754), minister(763, 775), iran(756, 760)],
                of_iran
            ),
            (
                [gonzalez(1268, 1282), deputy(1055, 1094), cuba(1241, 1245)],
                of_cuba
            ),
        ]
    );
    // Provenance: the document, the span texts, the sentence.
    assert!(
        facts
            .iter()
            .all(|f| f.document == "2024-05-iran-cuba-ict.txt")
    );
    assert_eq!(facts[2].person.as_ref().unwrap().text, "Zarepour");
    assert_eq!(facts[2].role.as_ref().unwrap().text, "ICT minister");
    assert_eq!(
        facts[0].quote,
        "Iran’s Minister of ICT, Issa Zarepour, met Wilfredo González Vidal, First Deputy \
         Minister of Communications of Cuba, to review where the two governments could work \
         side by side."
    );
    assert_eq!(facts[1].quote, facts[0].quote, "the same sentence");
    assert_eq!(
        facts[2].quote,
        "Zarepour, Iran’s ICT minister, also pointed to his country’s e-government programme, \
         saying Tehran was willing to share lessons from putting public services online."
    );
    // The last chain runs over two sentences: both are quoted.
    assert!(
        facts[3]
            .quote
            .starts_with("Speaking for the Cuban side, the first deputy minister")
    );
    assert!(facts[3].quote.ends_with(
        "González Vidal added that Cuba sees Iran’s experience in the sector as a useful model."
    ));
    let initiatives: Vec<(usize, usize)> = facts[1]
        .initiatives
        .iter()
        .map(|i| (i.start, i.end))
        .collect();
    assert_eq!(initiatives, [(627, 648), (1446, 1461)]);
}

#[test]
fn every_sample_article_has_its_facts() {
    let people = |stem: &str| -> Vec<String> {
        sample_facts(stem)
            .iter()
            .map(|f| {
                let name = |m: &Option<newsmark::facts::Mention>| {
                    m.as_ref().map_or("–".to_owned(), |m| m.name.clone())
                };
                format!(
                    "{} | {} | {} | {}",
                    name(&f.person),
                    name(&f.role),
                    name(&f.country),
                    f.initiatives.len()
                )
            })
            .collect()
    };
    assert_eq!(
        people("2024-06-norway-vietnam-offshore-wind"),
        [
            "Søren Ødegaard | Minister of Climate and Environment | Norway | 1",
            "Nguyễn Thị Lan | Deputy Minister of Industry and Trade | Vietnam | 1",
            "Ingrid Bjørnstad-Lê | Ambassador of Norway to Vietnam | Norway | 1",
        ]
    );
    assert_eq!(
        people("2024-07-brazil-germany-vaccine-cold-chain"),
        [
            "Beatriz Araújo Gonçalves | Minister of Health | Brazil | 1",
            "José Müller | Federal Minister of Health | Germany | 1",
            "Lars-Åke Nyström | Special Envoy for Global Health | Sweden | 0",
            "– | President of Brazil | Brazil | 1",
            "– | Chancellor of Germany | Germany | 1",
        ]
    );
    assert_eq!(
        people("2024-08-chile-new-zealand-ocean-watch"),
        [
            "Aroha Ngāwhika | Minister of Science, Innovation and Technology | New Zealand | 1",
            "Camila Fuentes Ibáñez | Minister of Science | Chile | 1",
            "Óscar Quispe Mamani | Vice Minister of Fisheries | Peru | 0",
        ]
    );
}

#[test]
fn the_persian_article_gives_both_its_facts_by_entity() {
    let facts = sample_facts("2024-05-iran-cuba-ict-fa");
    let rows: Vec<Row> = facts.iter().map(row).collect();
    let fiber = vec!["optical fiber project".to_owned()];
    assert_eq!(
        rows,
        [
            (
                [
                    m("Issa Zarepour", "issa-zarepour", 199, 212),
                    m("Minister of ICT of Iran", "iran-minister-of-ict", 214, 250),
                    m("Iran", "iran", 245, 250),
                ],
                fiber.clone()
            ),
            (
                [
                    m(
                        "Wilfredo González Vidal",
                        "wilfredo-gonzalez-vidal",
                        279,
                        300
                    ),
                    m(
                        "First Deputy Minister of Communications of Cuba",
                        "cuba-first-deputy-minister-of-communications",
                        302,
                        330
                    ),
                    m("Cuba", "cuba", 326, 330),
                ],
                fiber
            ),
        ]
    );
    assert_eq!(
        facts[0].person.as_ref().unwrap().text,
        "عیسی زارع\u{200c}پور"
    );
    assert_eq!(
        facts[1].role.as_ref().unwrap().text,
        "معاون اول وزیر ارتباطات کوبا"
    );
}

#[test]
fn every_sample_facts_offsets_are_its_spans_and_its_quote_holds_them() {
    for stem in [
        "2024-05-iran-cuba-ict",
        "2024-05-iran-cuba-ict-fa",
        "2024-06-norway-vietnam-offshore-wind",
        "2024-07-brazil-germany-vaccine-cold-chain",
        "2024-08-chile-new-zealand-ocean-watch",
    ] {
        let txt = samples().join(format!("{stem}.txt"));
        let doc = newsmark::store::read_text(&txt).unwrap();
        let facts = sample_facts(stem);
        assert!(!facts.is_empty(), "{stem}");
        for fact in &facts {
            let chain = [&fact.person, &fact.role, &fact.country];
            for mention in chain.into_iter().flatten().chain(&fact.initiatives) {
                let at = doc.slice(mention.start..mention.end);
                assert_eq!(at, Some(mention.text.as_str()), "{stem}: {mention:?}");
            }
            for mention in chain.into_iter().flatten() {
                assert!(
                    fact.quote.contains(&mention.text),
                    "{stem}: “{}” not in “{}”",
                    mention.text,
                    fact.quote
                );
            }
        }
    }
}

#[test]
fn missing_links_suggestions_and_lone_parties() {
    let doc = Document::new(TEXT.to_owned());
    let registry = Registry::default();
    let mut set = linked_set();
    // holds 3 → 2 and of 2 → 1: one chain; the pending "of 2 → 4" is no
    // fact until accepted. Unknown entity: the span's text is shown.
    let facts = facts_of("a.txt", &doc, &set, &registry);
    assert_eq!(facts.len(), 1);
    let person = facts[0].person.as_ref().unwrap();
    assert_eq!(
        (person.name.as_str(), person.entity.as_deref()),
        ("Issa Zarepour", Some("issa-zarepour"))
    );
    assert_eq!(facts[0].country.as_ref().unwrap().name, "Iran");
    // Accepted, the suggestion adds the chain of Cuba.
    let mut of_cuba = set.relation(7).unwrap().clone();
    set.remove_relation(7);
    of_cuba.status = Status::Accepted;
    set.insert_relation(of_cuba);
    assert_eq!(facts_of("a.txt", &doc, &set, &registry).len(), 2);
    // Without "of": the role's country column is empty.
    set.remove_relation(2);
    set.remove_relation(7);
    let facts = facts_of("a.txt", &doc, &set, &registry);
    assert_eq!(facts.len(), 1);
    assert!(facts[0].country.is_none() && facts[0].role.is_some());
    // A country party to an initiative, in no chain: a fact of its own.
    let mut set = linked_set();
    set.insert(newsmark::model::Span::manual(
        30,
        48,
        56,
        "initiative",
        "minister",
    ));
    set.insert_relation(Relation::manual(20, "party_to", 4, 30));
    let facts = facts_of("a.txt", &doc, &set, &registry);
    assert_eq!(facts.len(), 2);
    let lone = &facts[1];
    assert!(lone.person.is_none() && lone.role.is_none());
    assert_eq!(lone.country.as_ref().unwrap().text, "Cuba");
    assert_eq!(lone.initiatives[0].start, 48);
    assert_eq!(lone.quote, TEXT);
}

#[test]
fn newsmark_facts_prints_a_table_csv_and_json() {
    let run = |args: &[&str]| {
        let samples = samples();
        let mut all = vec![std::ffi::OsStr::new("facts"), samples.as_os_str()];
        all.extend(args.iter().map(std::ffi::OsStr::new));
        crate::common::files::newsmark_stdout(all)
    };
    let table = run(&[]);
    assert!(table.starts_with(
        "Issa Zarepour [issa-zarepour] @234..247 — holds — Minister of ICT of Iran [iran-minister-of-ict] “Minister of ICT” @217..232 — of — Iran [iran] @210..214\n    party to: optical fiber project [optical-fiber-project] @627..648; e-government programme [iran-e-government-programme] @807..829\n    in 2024-05-iran-cuba-ict.txt: “Iran’s Minister of ICT"
    ), "{table}");
    let csv = run(&["--csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "document,person,person_entity,person_text,person_start,person_end,role,role_entity,role_text,role_start,role_end,country,country_entity,country_text,country_start,country_end,initiatives,quote"
    );
    // 17 records (a quote over two lines holds its line break, quoted).
    assert_eq!(csv.matches("\n2024-").count(), 4 + 2 + 3 + 5 + 3, "{csv}");
    // The Persian article's: linked to the same entities as the English.
    assert!(csv.contains("\n2024-05-iran-cuba-ict-fa.txt,Issa Zarepour,issa-zarepour,عیسی زارع\u{200c}پور,199,212,Minister of ICT of Iran,iran-minister-of-ict,وزیر ارتباطات و فناوری اطلاعات ایران,214,250,Iran,iran,ایران,245,250,optical fiber project [optical-fiber-project] “طرح فیبر نوری” @374..387,"), "{csv}");
    assert!(lines[3].starts_with("2024-05-iran-cuba-ict.txt,Issa Zarepour,issa-zarepour,Zarepour,746,754,Minister of ICT of Iran,iran-minister-of-ict,ICT minister,763,775,Iran,iran,Iran,756,760,"), "{}", lines[3]);
    assert!(csv.contains("\n2024-07-brazil-germany-vaccine-cold-chain.txt,,,,,,Chancellor of Germany,,Chancellor of Germany,1302,1323,Germany,germany,Germany,1316,1323,Amazon Cold Chain Initiative [amazon-cold-chain-initiative] @117..145,\"The announcement"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&run(&["--json"])).unwrap();
    let facts = json.as_array().unwrap();
    assert_eq!(facts.len(), 17);
    assert_eq!(facts[0]["document"], "2024-05-iran-cuba-ict.txt");
    assert_eq!(facts[0]["person"]["entity"], "issa-zarepour");
    assert_eq!(facts[0]["person"]["span"], 7);
    assert_eq!(facts[0]["role"]["start"], 217);
    assert_eq!(facts[0]["initiatives"][1]["name"], "e-government programme");
    assert_eq!(
        facts[13]["person"],
        serde_json::Value::Null,
        "Chancellor of Germany"
    );
    assert!(
        facts[0]["quote"]
            .as_str()
            .unwrap()
            .starts_with("Iran’s Minister of ICT, Issa Zarepour")
    );
}

#[test]
fn the_sample_registry_is_written_as_newsmark_writes_it() {
    let shipped = std::fs::read_to_string(samples().join("entities.ron")).unwrap();
    let registry = entities::load(&samples()).unwrap();
    assert_eq!(registry.entities().len(), 24);
    assert_eq!(entities::to_ron_string(&registry), shipped);
}
