//! Re-anchoring cases beyond the edited samples: a whole text converted
//! between LF and CRLF (sparse spans, a quote on every line, spans across
//! line ends), and the cost on a large article.

#![allow(clippy::unwrap_used, clippy::print_stderr)]

use crate::common;

use common::edits::{Rng, WORDS};
use newsmark::model::{Document, Span};
use newsmark::store::{self, How};

/// A long article annotated sparsely, with the same name on every line and
/// spans across line ends: converted to CRLF and back, every span lands
/// exactly (those across a line end with their quote's line end converted).
#[test]
fn line_ends_converted_in_a_sparse_repetitive_article() {
    let mut lf = String::new();
    let mut spans = Vec::new();
    for line in 0..400 {
        let at = lf.chars().count();
        let text = format!("Line {line}: the Cuba delegation met officials.\n");
        if line % 25 == 0 {
            // "Cuba", which is on every line.
            let start = at + text.find("Cuba").unwrap();
            spans.push(Span::manual(
                spans.len() as u64 + 1,
                start,
                start + 4,
                "country",
                "Cuba",
            ));
        }
        if line % 40 == 7 {
            // Across the line end.
            let start = at + text.find("officials").unwrap();
            let quote = format!("officials.\nLine {}", line + 1);
            let end = start + quote.chars().count();
            spans.push(Span::manual(
                spans.len() as u64 + 1,
                start,
                end,
                "role",
                &quote,
            ));
        }
        lf.push_str(&text);
    }
    let old = Document::new(lf.as_str());
    for span in &spans {
        assert_eq!(
            old.slice(span.start..span.end),
            Some(span.text.as_str()),
            "{span:?}"
        );
    }
    let crlf = Document::new(lf.replace('\n', "\r\n"));
    let outcome = store::reanchor(&crlf, spans.clone());
    assert!(outcome.orphans.is_empty(), "{:?}", outcome.orphans);
    for ((placed, how), span) in outcome.placed.iter().zip(&spans) {
        assert_eq!(
            crlf.slice(placed.start..placed.end),
            Some(placed.text.as_str())
        );
        assert_eq!(placed.text, span.text.replace('\n', "\r\n"));
        let crs = lf.chars().take(span.start).filter(|&c| c == '\n').count();
        assert_eq!(placed.start, span.start + crs, "{span:?} {how:?}");
        if span.text.contains('\n') {
            assert!(matches!(how, How::Fuzzy { .. }), "{how:?}");
        } else if crs > 0 {
            assert_eq!(*how, How::Moved);
        } else {
            assert_eq!(*how, How::Stayed);
        }
    }
    // And back.
    let placed: Vec<Span> = outcome.placed.into_iter().map(|(s, _)| s).collect();
    let back = store::reanchor(&old, placed);
    assert!(back.orphans.is_empty());
    let round: Vec<Span> = back.placed.into_iter().map(|(s, _)| s).collect();
    assert_eq!(round, spans);
}

/// Re-anchoring a 2 MB article with 2,000 spans after a paragraph was
/// inserted near its start stays fast (bounded searches, one automaton
/// pass) and places every span.
#[test]
fn a_large_article_is_reanchored_quickly() {
    let names = [
        "Tehran",
        "Havana",
        "Issa Zarepour",
        "Minister of ICT",
        "Cuba",
    ];
    let mut rng = Rng(7);
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut at = 0;
    for k in 0..20_000 {
        let name = names[rng.pick(0..names.len())];
        let filler: Vec<&str> = (0..2 + k * 7 % 5)
            .map(|_| WORDS[rng.pick(0..WORDS.len())])
            .collect();
        let filler = filler.join(" ");
        let sentence = format!("{filler} {name} met the press. ");
        if k % 10 == 0 {
            let start = at + sentence.find(name).unwrap();
            let text = if k % 20 == 0 {
                format!("{name} met")
            } else {
                name.to_owned()
            };
            let end = start + text.chars().count();
            spans.push(Span::manual(
                spans.len() as u64 + 1,
                start,
                end,
                "person",
                &text,
            ));
        }
        at += sentence.chars().count();
        text.push_str(&sentence);
    }
    let insert = "A new paragraph about Cuba and Tehran was added here.\n";
    let cut = spans[3].start - 5;
    let new = format!("{}{insert}{}", &text[..cut], &text[cut..]);
    let doc = Document::new(new);
    let started = std::time::Instant::now();
    let outcome = store::reanchor(&doc, spans.clone());
    let elapsed = started.elapsed();
    eprintln!(
        "{} spans on {} code points: {elapsed:?}",
        spans.len(),
        doc.char_len()
    );
    assert!(
        outcome.orphans.is_empty(),
        "{} orphans",
        outcome.orphans.len()
    );
    let shift = insert.chars().count();
    for ((placed, _), span) in outcome.placed.iter().zip(&spans) {
        let expected = if span.start >= cut {
            span.start + shift
        } else {
            span.start
        };
        assert_eq!(placed.start, expected, "{span:?}");
    }
    assert!(elapsed.as_secs() < 60, "{elapsed:?}");
}

/// The one span of an article is on the second of two `Cuba`s; a sentence
/// naming Cuba is inserted at the top, so the first `Cuba` moves near where
/// the span was. Without context the span cannot be told from the others
/// and is orphaned; with the context saving stores, it lands right.
#[test]
fn stored_context_tells_repeated_quotes_apart() {
    let old = Document::new("Cuba met Iran. Then in Havana, Cuba and Iran signed the deal.");
    let start = old.text().rfind("Cuba and").unwrap();
    let span = Span::manual(1, start, start + 4, "country", "Cuba");
    let context = store::Context::of(&old, &span);
    assert_eq!(context.prefix, "Cuba met Iran. Then in Havana, ");
    assert_eq!(context.suffix, " and Iran signed the deal.");
    let inserted = "Cuba, again: ";
    let new = Document::new(format!("{inserted}{}", old.text()));
    let truth = start + inserted.chars().count();

    let blind = store::reanchor(&new, vec![span.clone()]);
    assert_eq!(blind.orphans.len(), 1, "{:?}", blind.placed);

    let outcome = store::reanchor_in_context(&new, vec![(span.clone(), context.clone())]);
    assert_eq!(outcome.placed.len(), 1, "{:?}", outcome.orphans);
    let (placed, how) = &outcome.placed[0];
    assert_eq!((placed.start, *how), (truth, How::Moved));

    // Only one side of the context is left (the text after the quote was
    // rewritten): still enough.
    let new = Document::new(format!(
        "{inserted}Cuba met Iran. Then in Havana, Cuba signed a new deal with Iran."
    ));
    let outcome = store::reanchor_in_context(&new, vec![(span.clone(), context.clone())]);
    assert_eq!(outcome.placed[0].0.start, truth);

    // A copy of the whole passage: two places with the context, so neither
    // is taken.
    let new = Document::new(format!("{}\n{}", old.text(), old.text()));
    let outcome = store::reanchor_in_context(&new, vec![(span, context)]);
    assert!(outcome.placed.iter().all(|(s, _)| s.start == start));
}

/// Saving writes each span's context; a file without it (older, or written
/// by another program) loads the same, and one with it re-anchors better.
#[test]
fn context_is_saved_with_each_span_and_optional_on_load() {
    use newsmark::model::{AnnotationSet, LabelSchema};
    let dir = tempfile::tempdir().unwrap();
    let ron = dir.path().join("a.ron");
    let doc = Document::new("Cuba met Iran.\nThen \"Cuba\" signed.");
    let set = AnnotationSet::from_spans(vec![
        Span::manual(1, 0, 4, "country", "Cuba"),
        Span::manual(2, 21, 25, "country", "Cuba"),
    ]);
    store::save_annotations(&ron, "a.txt", &doc, &set).unwrap();
    let saved = std::fs::read_to_string(&ron).unwrap();
    assert!(
        saved.contains(
            r#"(id: 1, start: 0, end: 4, label: "country", text: "Cuba", suffix: " met Iran.\nThen \"Cuba\" signed.")"#
        ),
        "{saved}"
    );
    assert!(
        saved.contains(r#"text: "Cuba", prefix: "Cuba met Iran.\nThen \"", suffix: "\" signed.")"#),
        "{saved}"
    );
    let schema = LabelSchema::default();
    let load = |source: &str, doc: &Document| {
        store::parse_annotations(&ron, source, "a.txt", doc, &schema).unwrap()
    };
    let loaded = load(&saved, &doc);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.set, set);
    let bare = store::to_ron_string("a.txt", &store::text_sha256(doc.text()), &set);
    assert!(!bare.contains("prefix") && !bare.contains("suffix"));
    assert_eq!(load(&bare, &doc).set, set);

    // The article changed: a line naming Cuba added at the top.
    let changed = Document::new(format!("Cuba, again.\n{}", doc.text()));
    let with = load(&saved, &changed);
    assert!(with.orphans.is_empty(), "{:?}", with.problems);
    let starts: Vec<usize> = with.set.spans().iter().map(|s| s.start).collect();
    assert_eq!(starts, [13, 34]);
}

/// Places `spans` (each given as the `n`th occurrence of its quote in `old`)
/// made on `old` onto `new`, with the context saving stores.
fn reanchor_edit(old: &str, quotes: &[(&str, usize)], new: &str) -> store::ReanchorOutcome {
    let old = Document::new(old);
    let spans: Vec<(Span, store::Context)> = quotes
        .iter()
        .enumerate()
        .map(|(k, &(quote, n))| {
            let byte = old.text().match_indices(quote).nth(n).unwrap().0;
            let start = old.char_of_byte(byte).unwrap();
            let end = start + quote.chars().count();
            let span = Span::manual(k as u64 + 1, start, end, "person", quote);
            let context = store::Context::of(&old, &span);
            (span, context)
        })
        .collect();
    store::reanchor_in_context(&Document::new(new), spans)
}

/// The code-point start of the `n`th occurrence of `quote` in `text`.
fn nth(text: &str, quote: &str, n: usize) -> usize {
    let byte = text.match_indices(quote).nth(n).unwrap().0;
    text[..byte].chars().count()
}

/// Issue 16, 1: a sentence naming the same company is inserted before the
/// second of two tagged names. The old offset now holds the inserted
/// sentence's name, but the span's stored context is on the other side of
/// that sentence: it follows its context, and is not reported as kept.
#[test]
fn a_name_inserted_before_a_span_does_not_keep_it_on_the_inserted_word() {
    let old = "Het contract loopt in maart af, zo luidt het bij Veolia. Veolia bouwt de \
               vloot af in Rotterdam en Antwerpen.";
    let new = old.replace(
        "Veolia. Veolia bouwt",
        "Veolia. Veolia zegt dat de lijn blijft. Veolia bouwt",
    );
    let outcome = reanchor_edit(old, &[("Veolia", 0), ("Veolia", 1)], &new);
    assert!(outcome.orphans.is_empty(), "{:?}", outcome.orphans);
    let (first, how) = &outcome.placed[0];
    assert_eq!((first.start, *how), (nth(old, "Veolia", 0), How::Stayed));
    let (second, how) = &outcome.placed[1];
    assert_eq!(second.start, nth(&new, "Veolia", 2), "{how:?}");
    assert_eq!(*how, How::Moved);
}

/// Issue 16, 2: the tagged name is taken out of its sentence and the same
/// name turns up in a new sentence; neither side of the span's stored
/// context is around the new one, so it is an orphan, not "moved".
#[test]
fn a_name_in_a_new_sentence_without_its_context_is_an_orphan() {
    let old = "El empresario fue asesinado ayer en su casa. El comisario Luis Tosar \
               declaró que la investigación sigue abierta.";
    let new = "El empresario fue asesinado ayer en su casa. Con Luis Tosar y Javier \
               Bardem. El comisario Eduardo Noriega declaró que la investigación sigue \
               abierta.";
    let outcome = reanchor_edit(old, &[("Luis Tosar", 0)], new);
    assert!(outcome.placed.is_empty(), "{:?}", outcome.placed);
    assert_eq!(outcome.orphans.len(), 1);
}

/// Issue 16, 3: the last paragraph of an article is moved up one paragraph.
/// Every quote occurs once in the new text, with its context: all are
/// placed where they went.
#[test]
fn spans_of_a_moved_paragraph_are_placed() {
    let p1 = "El ministro de Exteriores, José Manuel Albares, viajó ayer a Bruselas \
              para reunirse con sus homólogos europeos.\n";
    let p2 = "La vicepresidenta Teresa Ribera defendió el Pacto Verde ante el \
              Parlamento Europeo y pidió más fondos para la Agenda 2030.\n";
    let p3 = "Según fuentes del Gobierno, el secretario de Estado Diego Martínez \
              visitará Rabat y Argel.\n";
    let old = format!("{p1}{p2}{p3}");
    let new = format!("{p1}{p3}{p2}");
    let quotes = [
        "ministro de Exteriores",
        "José Manuel Albares",
        "Bruselas",
        "vicepresidenta",
        "Teresa Ribera",
        "Pacto Verde",
        "Parlamento Europeo",
        "Agenda 2030",
        "secretario de Estado",
        "Diego Martínez",
        "Rabat",
        "Argel",
    ];
    let spans: Vec<(&str, usize)> = quotes.iter().map(|&q| (q, 0)).collect();
    let outcome = reanchor_edit(&old, &spans, &new);
    assert!(outcome.orphans.is_empty(), "{:?}", outcome.orphans);
    for (span, how) in &outcome.placed {
        assert_eq!(span.start, nth(&new, &span.text, 0), "{span:?} {how:?}");
    }
}

/// Issue 16, 4: a quoted name with two letters swapped is placed on the
/// whole changed name, never on part of a word.
#[test]
fn a_fuzzy_placement_ends_on_word_boundaries() {
    let old = "El patrocinador \"Vredeling\" renovó ayer su contrato con el equipo.";
    let new = old.replace("Vredeling", "Vredelign");
    let outcome = reanchor_edit(old, &[("\"Vredeling\"", 0)], &new);
    let doc = Document::new(new.as_str());
    for (span, _) in &outcome.placed {
        let before = span.start.checked_sub(1).and_then(|p| doc.slice(p..p + 1));
        let after = doc.slice(span.end..span.end + 1);
        let word = |s: Option<&str>| s.is_some_and(|s| s.chars().all(char::is_alphanumeric));
        let first = doc.slice(span.start..span.start + 1);
        let last = doc.slice(span.end - 1..span.end);
        assert!(!(word(before) && word(first)), "cuts a word: {span:?}");
        assert!(!(word(after) && word(last)), "cuts a word: {span:?}");
    }
    assert_eq!(outcome.placed.len(), 1, "{:?}", outcome.orphans);
    assert_eq!(outcome.placed[0].0.text, "\"Vredelign\"");
}

/// Issue 16, 5: lines re-wrapped, so that a space inside a quote became a
/// line end (LF or CRLF), or line ends inside it became spaces: the span is
/// placed over the new text, from its first word to its last.
#[test]
fn whitespace_changed_inside_a_quote_still_places_it() {
    let old = "In zijn column schreef hoofdredacteur Jan Mulder gisteren dat de krant \
               blijft bestaan.\nDe uitgever van De Standaard en Het Nieuwsblad zweeg.";
    let quotes = [
        ("hoofdredacteur Jan Mulder", 0),
        ("Jan Mulder", 0),
        ("uitgever van De Standaard", 0),
        ("blijft bestaan.\nDe uitgever", 0),
    ];
    let rewrapped = [
        old.replace("Jan Mulder", "Jan\nMulder"),
        old.replace("Jan Mulder", "Jan\r\nMulder"),
        old.replace("van De Standaard", "van\n  De  Standaard"),
        old.replace(" ", "\n")
            .replace("bestaan.\nDe", "bestaan. De"),
        // Longer line ends: everything after the first moves.
        old.replace(' ', "\r\n"),
    ];
    for new in &rewrapped {
        let outcome = reanchor_edit(old, &quotes, new);
        assert!(outcome.orphans.is_empty(), "{new:?}: {:?}", outcome.orphans);
        let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for (span, how) in &outcome.placed {
            let k = span.id as usize - 1;
            let (quote, _) = quotes[k];
            assert_eq!(squeeze(&span.text), squeeze(quote), "{new:?} {how:?}");
            // From its first word to its last, on the text as it is now.
            let first = quote.split_whitespace().next().unwrap();
            assert!(span.text.starts_with(first) && !span.text.ends_with(char::is_whitespace));
            let doc = Document::new(new.as_str());
            assert_eq!(doc.slice(span.start..span.end), Some(span.text.as_str()));
            assert_eq!(
                doc.slice(0..span.start).map(squeeze).map(|s| s.len()),
                Some(squeeze(&old[..old.find(quote).unwrap()]).len()),
                "{new:?}: {span:?}"
            );
        }
    }
}

/// Where `outcome` placed the span with id `id`, if it did.
fn placed_at(outcome: &store::ReanchorOutcome, id: u64) -> Option<usize> {
    outcome
        .placed
        .iter()
        .find(|(s, _)| s.id == id)
        .map(|(s, _)| s.start)
}

/// A title copied below itself: the copy has the title's suffix (whitespace
/// runs match any other), but only the original still begins the text, so
/// its spans stay there.
#[test]
fn spans_of_a_title_copied_below_itself_stay_on_the_title() {
    let old = "Chile en Argelia sluiten akkoord\n\nEl hoofdredacteur Teresa Ribera \
               visitará España la próxima semana.";
    let new = "Chile en Argelia sluiten akkoord\n\nChile en Argelia sluiten akkoord\n\
               El hoofdredacteur Teresa Ribera visitará España la próxima semana.";
    let outcome = reanchor_edit(old, &[("Chile", 0), ("Argelia", 0)], new);
    assert_eq!(placed_at(&outcome, 1), Some(0), "{outcome:?}");
    assert_eq!(placed_at(&outcome, 2), Some(9), "{outcome:?}");
}

/// A paragraph ending in the same template sentence ("… confirmaron la
/// reunión con Ana Botín.") is moved just after the span's paragraph. Each
/// occurrence has one whole side of the span's context, and the copy
/// matches more code points; only the original reads as the stored context
/// up to the paragraph's edges, so it is the place.
#[test]
fn a_template_sentence_moved_beside_a_span_does_not_take_it() {
    let old = Document::new(
        "Fuentes del Gobierno de Argelia confirmaron la reunión con Ana Botín.\n\
         La ministra de Trabajo Mark Rutte defendió el plan.",
    );
    let start = nth(old.text(), "Ana Botín", 0);
    let context = store::Context::around(&old, start, start + 9);
    let new = Document::new(
        "Fuentes del Gobierno de Argelia confirmaron la reunión con Ana Botín.\n\
         La hoofdredacteur Teresa Ribera defendió el acuerdo. Fuentes del Gobierno de \
         España confirmaron la reunión con Ana Botín.\n\
         La ministra de Trabajo Mark Rutte defendió el plan.",
    );
    let starts = [
        nth(new.text(), "Ana Botín", 0),
        nth(new.text(), "Ana Botín", 1),
    ];
    assert!(starts.iter().all(|&s| context.whole_side(&new, s, s + 9)));
    // Counting code points prefers the copy.
    assert_eq!(context.best(&new, &starts, 9), Some(starts[1]));
    assert!(context.fills(&new, starts[0], starts[0] + 9, store::Unit::Paragraph));
    assert!(!context.fills(&new, starts[1], starts[1] + 9, store::Unit::Paragraph));
    assert_eq!(context.placed_among(&new, &starts, 9), Some(starts[0]));
    // The sentence decides when neither paragraph reads as the context.
    let sentence_only = Document::new(
        "Fuentes del Gobierno de Argelia confirmaron la reunión con Ana Botín. Otro \
         asunto.\nFuentes del Gobierno de España confirmaron la reunión con Ana Botín.\n\
         La ministra de Trabajo Mark Rutte defendió el plan.",
    );
    let starts = [
        nth(sentence_only.text(), "Ana Botín", 0),
        nth(sentence_only.text(), "Ana Botín", 1),
    ];
    assert!(context.fills(
        &sentence_only,
        starts[0],
        starts[0] + 9,
        store::Unit::Sentence
    ));
    assert!(!context.fills(
        &sentence_only,
        starts[0],
        starts[0] + 9,
        store::Unit::Paragraph
    ));
    assert_eq!(
        context.placed_among(&sentence_only, &starts, 9),
        Some(starts[0])
    );
}

/// The sentence holding a span is deleted, and the next sentence names the
/// same man where the span was (its role word has the same length). The
/// next sentence's own span claims that place with a context that fits it
/// better: the deleted one does not take it.
#[test]
fn a_span_whose_sentence_was_deleted_does_not_take_the_next_mention() {
    let old = "Het akkoord werd gisteren getekend. De hoofdredacteur Luis Tosar bezocht \
               gisteren Marokko voor overleg. De vicepresidenta Luis Tosar bezocht gisteren \
               Argelia voor overleg. Het plan moet in 2030 klaar zijn.";
    let new = "Het akkoord werd gisteren getekend. De vicepresidenta Luis Tosar bezocht \
               gisteren  voor overleg. Het plan moet in 2030 klaar zijn.";
    assert_eq!(nth(old, "Luis Tosar", 0), nth(new, "Luis Tosar", 0));
    let outcome = reanchor_edit(old, &[("Luis Tosar", 0), ("Luis Tosar", 1)], new);
    assert_eq!(placed_at(&outcome, 1), None, "{outcome:?}");
}

/// A name inside a longer span (the country in an initiative's name) whose
/// sentence was deleted is not moved onto a new mention of the initiative
/// elsewhere, though the longer name is its whole suffix: that side is the
/// longer span's quote, and the longer span could not be placed.
#[test]
fn a_name_inside_an_unplaced_longer_span_does_not_move_far() {
    let old = "In Chile reageerde men verdeeld op het nieuws.\nNgāwhika said the first \
               public tool would be the Chile–New Zealand Marine Heatwave Alert, a \
               text-message warning service.\nWellington has pledged funding for four years.";
    let new = "Chile–New Zealand Marine Heatwave Alert blijft plan gisteren.\nIn Chile \
               reageerde men verdeeld op het nieuws.\nWellington has pledged funding for \
               four years.";
    let spans = [
        ("Chile", 0),
        ("Chile–New Zealand Marine Heatwave Alert", 0),
        ("Chile", 1),
    ];
    let outcome = reanchor_edit(old, &spans, new);
    assert_eq!(
        placed_at(&outcome, 1),
        Some(nth(new, "Chile", 1)),
        "{outcome:?}"
    );
    assert_eq!(placed_at(&outcome, 2), None, "{outcome:?}");
    assert_eq!(placed_at(&outcome, 3), None, "{outcome:?}");
}
