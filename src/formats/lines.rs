//! Line breaks as Python's `str.splitlines` sees them, which is how brat's
//! server and most Python readers of exported files cut lines: a span or
//! token holding any of these is on two lines for them.

/// Whether `c` ends a line for Python's `str.splitlines`: LF, CR, VT, FF,
/// the file, group and record separators (U+001C–U+001E), NEL (U+0085),
/// LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029).
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_python_line_boundary_and_nothing_else() {
        let breaks: Vec<char> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_line_break(c))
            .collect();
        // The list Python documents for str.splitlines.
        let python = "\n\u{0b}\u{0c}\r\u{1c}\u{1d}\u{1e}\u{85}\u{2028}\u{2029}";
        assert_eq!(breaks, python.chars().collect::<Vec<_>>());
    }
}
