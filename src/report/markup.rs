//! The markup the plain-text formats share: a terminal and Markdown both write lists as
//! `- item` and `1. item`, and ids as `` `code` ``. Each passes its own escaping for the
//! words, so the words of a data file never become structure in either; ids are checked
//! when a file is read (lowercase letters, digits and hyphens) and go in as they are.

use super::parts::List;

/// A list, one item per line; its `empty` words when it has no items.
pub fn list(list: &List, escape: impl Fn(&str) -> String) -> String {
    if list.items.is_empty() {
        return format!("{}\n", list.empty);
    }
    list.items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let marker = if list.numbered {
                format!("{}.", n + 1)
            } else {
                "-".into()
            };
            let code = item
                .code
                .as_deref()
                .map(|code| format!("`{code}`: "))
                .unwrap_or_default();
            format!("{marker} {code}{}\n", escape(&item.text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::parts::Item;

    #[test]
    fn lists_are_numbered_or_bulleted_and_escaped_by_the_format() {
        let items = vec![
            Item {
                code: Some("q-1".into()),
                text: "a <b>".into(),
            },
            Item::text("c".into()),
        ];
        let numbered = List {
            items: items.clone(),
            numbered: true,
            empty: "None.",
        };
        assert_eq!(
            list(&numbered, |t| t.replace('<', "&lt;")),
            "1. `q-1`: a &lt;b>\n2. c\n"
        );
        let bullets = List {
            items,
            numbered: false,
            empty: "None.",
        };
        assert_eq!(list(&bullets, str::to_string), "- `q-1`: a <b>\n- c\n");
        let empty = List {
            items: Vec::new(),
            numbered: true,
            empty: "None.",
        };
        assert_eq!(list(&empty, str::to_string), "None.\n");
    }
}
