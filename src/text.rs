//! Text that comes from data files, made safe and tidy for people to read.
//!
//! A questionnaire or an assessment is data written by someone else: it must never be able
//! to move the cursor, change colours or retitle a terminal. Every string copro prints that
//! came from a file passes through [`clean`] first. This module does no I/O.

/// Removes control characters (escape sequences, carriage returns, bells, …) from `text`.
///
/// Newlines and tabs are kept so that multi-line help text still reads as written.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| (!c.is_control() || c == '\n' || c == '\t') && !is_hidden(c))
        .collect()
}

/// True for the characters that text from a data file never brings into any output:
/// control characters (C0, DEL and C1, such as ESC, BEL and U+009B) and the invisible ones
/// of [`is_hidden`].
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_hidden(c)
}

/// Text from a data file as one line that nothing can act on, for a terminal or a CI log:
/// [`one_line`], then [`defuse`].
pub fn line(text: &str) -> String {
    defuse(&one_line(text))
}

/// The mark a CI runner (GitHub Actions) reads as the start of a command anywhere in a
/// line of a log, `##[`, written `## [`.
pub fn defuse(text: &str) -> String {
    if text.contains("##[") {
        text.replace("##[", "## [")
    } else {
        text.to_string()
    }
}

/// Invisible characters that can make text look different from what it is: zero-width
/// spaces and joiners, and the marks that reverse the direction of text.
fn is_hidden(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A line of a file as shown under a diagnostic: one character for one character, so that
/// a mark under it lines up; tabs and anything unprintable become spaces.
pub fn shown(line: &str) -> String {
    line.chars()
        .map(|c| {
            if c.is_control() || is_hidden(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Removes every control character, newlines included: for text shown on a single line.
pub fn one_line(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .filter(|&c| !c.is_control() && !is_hidden(c))
        .collect();
    cleaned.trim().to_string()
}

/// Joins ids as `a`, `b`, `c` for "use one of …" hints.
pub fn list<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    items
        .into_iter()
        .map(|s| format!("`{}`", one_line(s.as_ref())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` with its first letter in capitals (`upper`) or in small letters, to begin or to
/// follow a sentence.
pub fn first_letter(text: &str, upper: bool) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if upper => c.to_uppercase().chain(chars).collect(),
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Shortens `text` to at most `max` characters, ending with "…" when it was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_strips_escape_sequences_but_keeps_newlines() {
        assert_eq!(clean("a\u{1b}]0;owned\u{7}b\nc\r"), "a]0;ownedb\nc");
    }

    #[test]
    fn one_line_folds_newlines() {
        assert_eq!(one_line(" a\nb\t\u{1b}c "), "a b c");
    }

    #[test]
    fn a_line_can_start_no_command() {
        assert_eq!(
            line("a\n::error file=x::y ##[error]z \u{9b}31m\u{202e}"),
            "a ::error file=x::y ## [error]z 31m"
        );
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
