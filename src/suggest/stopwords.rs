//! Function words (articles, pronouns, prepositions, conjunctions, common
//! auxiliaries) of English, Spanish, French, German, Dutch, Portuguese and
//! Italian. A tagged text made only of such words is never offered
//! elsewhere: tagging "the" by accident must not turn every "the" of the
//! article into a suggestion.
//!
//! The lists are data: one sorted, lower-case slice per language, looked up
//! by binary search (no allocation for a word already in lower case).

/// English function words.
const ENGLISH: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Spanish function words.
const SPANISH: &[&str] = &[
    "a", "al", "algo", "algunas", "algunos", "ante", "antes", "como", "con", "contra", "cual",
    "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en",
    "entre", "era", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estas", "este", "esto",
    "estos", "fue", "ha", "hasta", "hay", "la", "las", "le", "les", "lo", "los", "me", "mi", "mis",
    "mucho", "muy", "más", "nada", "ni", "no", "nos", "nosotros", "o", "os", "otra", "otras",
    "otro", "otros", "para", "pero", "poco", "por", "porque", "que", "quien", "se", "sea", "ser",
    "si", "sido", "sin", "sobre", "son", "su", "sus", "sí", "también", "te", "tiene", "todo",
    "todos", "tu", "tus", "un", "una", "unas", "uno", "unos", "y", "ya", "yo", "él",
];

/// French function words.
const FRENCH: &[&str] = &[
    "a", "afin", "ai", "au", "aux", "avait", "avec", "ce", "ceci", "cela", "celle", "celles",
    "celui", "ces", "cet", "cette", "comme", "dans", "de", "des", "du", "elle", "elles", "en",
    "est", "et", "eux", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais",
    "me", "mes", "moi", "mon", "même", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou", "où",
    "par", "pas", "pour", "qu", "que", "qui", "sa", "sans", "se", "ses", "si", "son", "sont",
    "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "à", "été",
    "être",
];

/// German function words.
const GERMAN: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "bist", "da", "damit",
    "dann", "das", "dass", "dein", "dem", "den", "denn", "der", "des", "dich", "die", "dies",
    "diese", "diesem", "diesen", "dieser", "dieses", "dir", "doch", "du", "durch", "ein", "eine",
    "einem", "einen", "einer", "eines", "er", "es", "euch", "euer", "für", "gegen", "hat", "hatte",
    "ich", "ihm", "ihn", "ihr", "ihre", "im", "in", "ist", "ja", "jede", "kein", "man", "mich",
    "mir", "mit", "nach", "nicht", "noch", "nur", "ob", "oder", "ohne", "sein", "sich", "sie",
    "sind", "so", "um", "und", "uns", "unser", "unter", "vom", "von", "vor", "war", "waren", "was",
    "weil", "wenn", "wie", "wir", "wird", "wo", "zu", "zum", "zur", "über",
];

/// Dutch function words.
const DUTCH: &[&str] = &[
    "aan", "al", "als", "bij", "dan", "dat", "de", "der", "deze", "die", "dit", "door", "een",
    "en", "er", "haar", "had", "heb", "heeft", "hem", "het", "hij", "hoe", "hun", "ik", "in", "is",
    "je", "kan", "maar", "me", "met", "mij", "naar", "niet", "nog", "nu", "of", "om", "omdat",
    "ons", "ook", "op", "over", "te", "tot", "u", "uit", "van", "voor", "was", "wat", "we", "wel",
    "werd", "wie", "wij", "worden", "wordt", "zal", "ze", "zich", "zij", "zijn", "zo", "zou",
];

/// Portuguese function words.
const PORTUGUESE: &[&str] = &[
    "a", "ao", "aos", "as", "até", "com", "como", "da", "das", "de", "dela", "dele", "deles", "do",
    "dos", "e", "ela", "elas", "ele", "eles", "em", "entre", "era", "essa", "esse", "esta", "este",
    "eu", "foi", "há", "isso", "isto", "já", "lhe", "mais", "mas", "me", "mesmo", "meu", "minha",
    "muito", "na", "nas", "nem", "no", "nos", "num", "numa", "não", "o", "os", "ou", "para",
    "pela", "pelas", "pelo", "pelos", "por", "qual", "quando", "que", "quem", "se", "sem", "ser",
    "seu", "seus", "sua", "suas", "são", "também", "te", "tem", "um", "uma", "umas", "uns", "você",
    "à", "às", "é",
];

/// Italian function words.
const ITALIAN: &[&str] = &[
    "a", "ad", "agli", "al", "alla", "alle", "che", "chi", "ci", "come", "con", "da", "dal",
    "dalla", "degli", "dei", "del", "della", "delle", "di", "e", "ed", "gli", "ha", "i", "il",
    "in", "io", "la", "le", "lei", "lo", "lui", "ma", "mi", "ne", "nei", "nel", "nella", "noi",
    "non", "o", "per", "più", "quella", "quello", "questa", "questo", "se", "si", "sono", "su",
    "sul", "sulla", "tra", "tu", "un", "una", "uno", "voi", "è",
];

/// Every language's list, for lookups and tests.
pub const LISTS: &[(&str, &[&str])] = &[
    ("en", ENGLISH),
    ("es", SPANISH),
    ("fr", FRENCH),
    ("de", GERMAN),
    ("nl", DUTCH),
    ("pt", PORTUGUESE),
    ("it", ITALIAN),
];

/// Whether `word` (one word, any case) is a function word of one of the
/// languages in [`LISTS`].
pub fn is_function_word(word: &str) -> bool {
    let lookup = |w: &str| LISTS.iter().any(|(_, list)| list.binary_search(&w).is_ok());
    if word.chars().any(char::is_uppercase) {
        lookup(&word.to_lowercase())
    } else {
        lookup(word)
    }
}

/// Whether every word of `text` is a function word ("the", "of the",
/// "L’", "de la"): such a text is never offered elsewhere. Apostrophes
/// and hyphens split words, so elided forms ("l’", "d'") count as their
/// word. A text with no word at all (punctuation, emoji) is not one.
pub fn only_function_words(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(|w| is_function_word(w) || is_elision(w))
}

/// French and Italian elided articles and pronouns ("l", "d", "qu" before
/// an apostrophe) that are no word of their own in the lists.
fn is_elision(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "l" | "d" | "j" | "m" | "n" | "s" | "t" | "c" | "qu" | "dell" | "all" | "nell" | "un"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_sorted_lower_case_and_without_repeats() {
        for (language, list) in LISTS {
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{language}: {pair:?} out of order");
            }
            for word in *list {
                assert_eq!(word.to_lowercase(), *word, "{language}: {word}");
            }
        }
    }

    #[test]
    fn function_words_of_each_language_are_known_in_any_case() {
        for word in [
            "the", "The", "THE", "of", "el", "los", "Cela", "der", "het", "não", "della",
        ] {
            assert!(is_function_word(word), "{word}");
        }
        for word in ["Iran", "Cuba", "minister", "Havana", "Zarepour"] {
            assert!(!is_function_word(word), "{word}");
        }
    }

    #[test]
    fn a_text_of_function_words_only_is_never_offered() {
        for text in ["the", "of the", "de la", "l’", "d'un", "The"] {
            assert!(only_function_words(text), "{text}");
        }
        for text in ["the Hague", "Iran", "Minister of ICT", "", "🤝", "—"] {
            assert!(!only_function_words(text), "{text}");
        }
    }
}
