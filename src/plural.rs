//! Counted nouns in messages: "1 span", "2 spans", never "span(s)".

/// `n` followed by `singular` or `plural`, whichever `n` asks for:
/// `counted(1, "span", "spans")` is `"1 span"`, `counted(0, …)` `"0 spans"`.
pub fn counted(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", noun(n, singular, plural))
}

/// `singular` when `n` is 1, else `plural` (for phrases that put the number
/// elsewhere: "3 new same-text suggestions").
pub fn noun<'a>(n: usize, singular: &'a str, plural: &'a str) -> &'a str {
    if n == 1 { singular } else { plural }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(counted(1, "span", "spans"), "1 span");
        assert_eq!(counted(0, "span", "spans"), "0 spans");
        assert_eq!(counted(2, "document", "documents"), "2 documents");
        assert_eq!(noun(1, "hit", "hits"), "hit");
        assert_eq!(noun(5, "hit", "hits"), "hits");
    }
}
