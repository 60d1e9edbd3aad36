//! Wrapping text at word boundaries to a terminal's width, for the faces of the interview
//! and the terminal result.
//!
//! Widths are measured in bytes, which is never less than the columns a character takes,
//! so a wrapped line never runs over the edge (and a menu that counts bytes to clear its
//! lines clears exactly what it drew). Text is wrapped before it is styled: it holds no
//! escape sequences. This module only makes text.

/// `text` with every line broken at spaces so that none is longer than `width`; lines after
/// the first of each paragraph start with `indent`. A word longer than a line is broken
/// where it must be. Line breaks already in `text` are kept.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let width = width.max(indent.len() + 10);
    text.split('\n')
        .map(|paragraph| wrap_paragraph(paragraph, width, indent))
        .collect::<Vec<_>>()
        .join("\n")
}

fn wrap_paragraph(paragraph: &str, width: usize, indent: &str) -> String {
    if paragraph.len() <= width {
        return paragraph.to_string();
    }
    // Leading spaces stay; the lines after them start under the text of a list item
    // ("  1. text", "- text"), or under the first word.
    let lead = &paragraph[..paragraph.len() - paragraph.trim_start().len()];
    let own_indent = format!("{lead}{}", " ".repeat(marker(paragraph.trim_start())));
    let indent = if indent.is_empty() {
        own_indent.as_str()
    } else {
        indent
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = lead.to_string();
    let mut empty = true;
    for word in paragraph.split_whitespace() {
        if !empty && line.len() + 1 + word.len() > width {
            lines.push(std::mem::replace(&mut line, indent.to_string()));
            empty = true;
        }
        let mut rest = word;
        // A word longer than a whole line is broken at a character boundary.
        while line.len() + usize::from(!empty) + rest.len() > width {
            let mut cut = width.saturating_sub(line.len() + usize::from(!empty));
            while cut > 0 && !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            if cut == 0 {
                break;
            }
            if !empty {
                line.push(' ');
            }
            line.push_str(&rest[..cut]);
            lines.push(std::mem::replace(&mut line, indent.to_string()));
            empty = true;
            rest = &rest[cut..];
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(rest);
        empty = false;
    }
    lines.push(line);
    lines.join("\n")
}

/// The width of a list marker at the start of `text` ("12. ", "- "), or 0.
fn marker(text: &str) -> usize {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && text[digits..].starts_with(". ") {
        digits + 2
    } else if text.starts_with("- ") {
        2
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_words() {
        let text = "Our leaders set the priorities, then present them at a public meeting.";
        let wrapped = wrap(text, 30, "");
        assert_eq!(
            wrapped,
            "Our leaders set the\npriorities, then present them\nat a public meeting."
        );
        assert!(wrapped.lines().all(|l| l.len() <= 30));
    }

    #[test]
    fn continuation_lines_take_the_indent_and_breaks_are_kept() {
        assert_eq!(
            wrap("one two three four five six\nseven", 14, "  "),
            "one two three\n  four five\n  six\nseven"
        );
        assert_eq!(
            wrap("  - a b c d e f g h i j k", 12, ""),
            "  - a b c d\n    e f g h\n    i j k"
        );
        assert_eq!(
            wrap("  7. Once leaders agree the priorities", 20, ""),
            "  7. Once leaders\n     agree the\n     priorities"
        );
    }

    #[test]
    fn a_word_longer_than_a_line_is_broken() {
        let wrapped = wrap("see https://example.org/a/very/long/path/indeed ok", 20, "");
        assert_eq!(
            wrapped,
            "see\nhttps://example.org/\na/very/long/path/ind\need ok"
        );
    }

    #[test]
    fn bytes_are_counted_so_curly_quotes_never_overflow() {
        let wrapped = wrap(
            "“We work with people as equal partners” — says the ‘plan’",
            20,
            "",
        );
        assert!(wrapped.lines().all(|l| l.len() <= 20), "{wrapped}");
    }
}
