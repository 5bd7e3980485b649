//! Limits on the strings newsmark takes from files (label and extractor
//! names, descriptions), the one rule for what a label name may hold, and
//! eliding long strings for messages and the window.

use std::borrow::Cow;

/// The longest label name, in characters (code points).
pub const MAX_LABEL_CHARS: usize = 64;

/// The longest extractor (origin) name, in characters.
pub const MAX_NAME_CHARS: usize = 64;

/// The longest label description in a folder's settings, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

/// How many characters of a string from a file a message quotes before
/// eliding the rest ([`elide_debug`]).
pub const MAX_ELIDED_CHARS: usize = 40;

/// A string longer than its limit.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{len} characters long, over the {limit}-character limit")]
pub struct TooLong {
    /// Its length in characters.
    pub len: usize,
    /// The limit.
    pub limit: usize,
}

/// Refuses a string of more than `limit` characters (code points).
pub fn check_length(s: &str, limit: usize) -> Result<(), TooLong> {
    // A string of at most `limit` characters has at most 4 × `limit` bytes,
    // and at least `limit` of them.
    if s.len() <= limit {
        return Ok(());
    }
    let len = s.chars().count();
    if len <= limit {
        Ok(())
    } else {
        Err(TooLong { len, limit })
    }
}

/// Why a label (or extractor) name is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LabelNameError {
    /// Longer than the limit.
    #[error("name {name} is {too_long}")]
    TooLong {
        /// The name, elided.
        name: String,
        /// How long it is.
        too_long: TooLong,
    },
    /// It holds a control character (a line break, ESC…) or an invisible
    /// formatting one (a bidi override, a line separator).
    #[error("name {name} holds the control character U+{code:04X} at character {at}")]
    ControlCharacter {
        /// The name, elided (control characters escaped).
        name: String,
        /// The character's code point.
        code: u32,
        /// Its index in the name, in characters.
        at: usize,
    },
}

/// Whether `c` is a control character, or an invisible formatting one that
/// changes how the text around it is drawn (bidi controls, line and
/// paragraph separators).
fn is_control_or_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// A name of at most `limit` characters with no control character.
pub fn check_name(name: &str, limit: usize) -> Result<(), LabelNameError> {
    check_length(name, limit).map_err(|too_long| LabelNameError::TooLong {
        name: elide_debug(name),
        too_long,
    })?;
    match name
        .chars()
        .enumerate()
        .find(|(_, c)| is_control_or_invisible(*c))
    {
        Some((at, c)) => Err(LabelNameError::ControlCharacter {
            name: elide_debug(name),
            code: u32::from(c),
            at,
        }),
        None => Ok(()),
    }
}

/// The rule for every label name, wherever it comes from (an annotation
/// file, a folder's settings, an import): at most [`MAX_LABEL_CHARS`]
/// characters, no control character (`\n`, ESC, …) or invisible
/// formatting character.
pub fn check_label_name(name: &str) -> Result<(), LabelNameError> {
    check_name(name, MAX_LABEL_CHARS)
}

/// `s` cut to at most `max_chars` characters, an ellipsis (`…`) marking a
/// cut; borrowed when it fits. Costs O(`max_chars`), however long `s` is.
pub fn elide(s: &str, max_chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max_chars) {
        None => Cow::Borrowed(s),
        Some(_) => {
            let keep = max_chars.saturating_sub(1);
            let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", &s[..end]))
        }
    }
}

/// `s` quoted for a message, as `{:?}` would, elided to
/// [`MAX_ELIDED_CHARS`] characters.
pub fn elide_debug(s: &str) -> String {
    format!("{:?}", elide(s, MAX_ELIDED_CHARS))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn label_names_are_bounded_and_hold_no_control_characters() {
        assert!(check_label_name("person").is_ok());
        assert!(check_label_name("país ✓ 😀").is_ok());
        assert!(check_label_name(&"x".repeat(MAX_LABEL_CHARS)).is_ok());
        // 64 two-byte characters are 128 bytes but within the limit.
        assert!(check_label_name(&"é".repeat(MAX_LABEL_CHARS)).is_ok());
        let long = "x".repeat(10 * 1024 * 1024);
        let err = check_label_name(&long).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("10485760 characters long"), "{message}");
        assert!(message.len() < 200, "the message quotes the name elided");
        for (name, code) in [
            ("per\nson", 0x0a),
            ("a\u{1b}[31m", 0x1b),
            ("x\u{202e}y", 0x202e),
        ] {
            match check_label_name(name) {
                Err(LabelNameError::ControlCharacter { code: found, .. }) => {
                    assert_eq!(found, code, "{name:?}");
                }
                other => panic!("{name:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn elide_cuts_on_characters_and_marks_the_cut() {
        assert_eq!(elide("short", 10), "short");
        assert_eq!(elide("abcdef", 6), "abcdef");
        assert_eq!(elide("abcdefg", 6), "abcde…");
        assert_eq!(elide("😀😀😀😀", 3), "😀😀…");
        assert_eq!(elide_debug("a\nb"), "\"a\\nb\"");
    }
}
