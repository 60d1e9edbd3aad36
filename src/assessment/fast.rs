//! A quick reader for assessment files in the plain shape copro writes them.
//!
//! `copro check` reads thousands of assessments, and a general TOML parser spends most of
//! the time on features these files never use. This reader accepts only that plain shape:
//! comments, the tables `[respondent]`, `[answers]`, `[evidence]` and `[ratings]`, bare
//! keys, strings in double quotes without escapes, and the `assessed` date. Given anything
//! else (an escape, a literal string, an inline table, a repeated key, an unknown key, a
//! missing one) it returns `None` and the file goes to the full TOML parser, which gives
//! the result, or the exact error. What it does accept, it reads exactly as the full
//! parser would: the tests compare the two.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;
use toml::value::Datetime;

use super::{RawAssessment, RawRespondent};

/// Which table a line belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Top,
    Respondent,
    Answers,
    Evidence,
    Ratings,
}

/// The assessment in `text`, or `None` when it is not in the plain shape.
pub fn parse(text: &str) -> Option<RawAssessment> {
    // TOML allows no control character but tab anywhere, and a carriage return only before
    // a line feed. Checked once over the whole text, the lines need not check it again.
    // (A fold rather than `any`, so that the compiler checks many bytes at a time.)
    let bad = |b: u8| (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0x7F;
    if text.bytes().fold(false, |found, b| found | bad(b))
        || text
            .match_indices('\r')
            .any(|(i, _)| !text[i + 1..].starts_with('\n'))
    {
        return None;
    }
    Tables::read(text)?.assessment()
}

/// A top-level or `[respondent]` table: keys to their span and value.
type Fields<'t> = BTreeMap<&'t str, (Range<usize>, Value)>;

/// The tables of a file in the plain shape, as read line by line.
#[derive(Default)]
struct Tables<'t> {
    top: Fields<'t>,
    respondent: Fields<'t>,
    /// `[answers]`, `[evidence]` and `[ratings]`.
    maps: [BTreeMap<Spanned<String>, Spanned<String>>; 3],
    /// Which of `[respondent]`, `[answers]`, `[evidence]` and `[ratings]` were seen.
    seen: [bool; 4],
}

impl<'t> Tables<'t> {
    /// Reads every line; `None` at the first that is not in the plain shape.
    fn read(text: &'t str) -> Option<Self> {
        let mut tables = Tables::default();
        let mut table = Table::Top;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let offset = at;
            at += line.len();
            let line = line.strip_suffix('\n').unwrap_or(line);
            let line = line.strip_suffix('\r').unwrap_or(line);
            match Line::read(line, offset)? {
                None => {}
                Some(Line::Header(name)) => table = tables.header(name)?,
                Some(Line::Pair(key, key_span, value)) => {
                    tables.pair(table, key, key_span, value)?
                }
            }
        }
        Some(tables)
    }

    /// Starts a table, each at most once.
    fn header(&mut self, name: &str) -> Option<Table> {
        let (next, index) = match name {
            "respondent" => (Table::Respondent, 0),
            "answers" => (Table::Answers, 1),
            "evidence" => (Table::Evidence, 2),
            "ratings" => (Table::Ratings, 3),
            _ => return None,
        };
        (!std::mem::replace(&mut self.seen[index], true)).then_some(next)
    }

    /// Adds a key and its value to `table`, each key at most once.
    fn pair(&mut self, table: Table, key: &'t str, span: Range<usize>, value: Value) -> Option<()> {
        match table {
            Table::Top => insert(&mut self.top, key, span, value),
            Table::Respondent => insert(&mut self.respondent, key, span, value),
            Table::Answers | Table::Evidence | Table::Ratings => {
                let Value::Text(value_span, text) = value else {
                    return None;
                };
                let map = &mut self.maps[table as usize - 2];
                let key = Spanned::new(span, key.to_string());
                map.insert(key, Spanned::new(value_span, text))
                    .is_none()
                    .then_some(())
            }
        }
    }

    /// The assessment's fields, when every one it needs is there and nothing else is.
    fn assessment(mut self) -> Option<RawAssessment> {
        let text_of = |table: &mut Fields, key: &str| match table.remove(key) {
            Some((_, Value::Text(span, text))) => Some(Some(Spanned::new(span, text))),
            Some(_) => None,
            None => Some(None),
        };
        let top = &mut self.top;
        let questionnaire = text_of(top, "questionnaire")??;
        let questionnaire_version = text_of(top, "questionnaire_version")??;
        let questionnaire_fingerprint = text_of(top, "questionnaire_fingerprint")?;
        let organisation = text_of(top, "organisation")??;
        let service = text_of(top, "service")??;
        let assessed = match top.remove("assessed") {
            Some((_, Value::Date(span, date))) => Spanned::new(span, date),
            _ => return None,
        };
        let role = text_of(&mut self.respondent, "role")??;
        let name = text_of(&mut self.respondent, "name")?;
        if !self.top.is_empty() || !self.respondent.is_empty() || !self.seen[0] {
            return None;
        }
        let [answers, evidence, ratings] = self.maps;
        Some(RawAssessment {
            questionnaire,
            questionnaire_version,
            questionnaire_fingerprint,
            organisation,
            service,
            assessed,
            respondent: RawRespondent { role, name },
            answers,
            evidence,
            ratings,
        })
    }
}

/// A value in the plain shape.
enum Value {
    /// A string, with the span of its quotes and its text.
    Text(Range<usize>, String),
    /// A local date.
    Date(Range<usize>, Datetime),
}

fn insert<'t>(
    table: &mut Fields<'t>,
    key: &'t str,
    span: Range<usize>,
    value: Value,
) -> Option<()> {
    table.insert(key, (span, value)).is_none().then_some(())
}

/// A line that says something: a table header, or a key and its value.
enum Line<'t> {
    Header(&'t str),
    Pair(&'t str, Range<usize>, Value),
}

impl<'t> Line<'t> {
    /// Reads a line that starts at byte `offset` of the file: `Some(None)` for a blank or
    /// comment line, `None` when the line is not in the plain shape.
    fn read(line: &'t str, offset: usize) -> Option<Option<Line<'t>>> {
        let bytes = line.as_bytes();
        let blank = |from: usize| {
            let rest = line[from..].trim_start_matches([' ', '\t']);
            rest.is_empty() || rest.starts_with('#')
        };
        let start = line.len() - line.trim_start_matches([' ', '\t']).len();
        match bytes.get(start) {
            None | Some(b'#') => return Some(None),
            Some(b'[') => {
                let close = start + line[start..].find(']')?;
                let name = line[start + 1..close].trim_matches([' ', '\t']);
                return blank(close + 1).then_some(Some(Line::Header(name)));
            }
            Some(_) => {}
        }
        let key_end = start
            + bytes[start..]
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
                .unwrap_or(bytes.len() - start);
        let key = &line[start..key_end];
        let after_key = line[key_end..].trim_start_matches([' ', '\t']);
        let after_equals = after_key.strip_prefix('=')?;
        let value_at = line.len() - after_equals.trim_start_matches([' ', '\t']).len();
        if key.is_empty() {
            return None;
        }
        let (value, value_end) = if bytes.get(value_at) == Some(&b'"') {
            let close = value_at + 1 + line[value_at + 1..].find('"')?;
            let inner = &line[value_at + 1..close];
            if inner.contains('\\') {
                return None;
            }
            let span = offset + value_at..offset + close + 1;
            (Value::Text(span, inner.to_string()), close + 1)
        } else {
            let end = value_at + 10;
            let date: Datetime = line.get(value_at..end)?.parse().ok()?;
            if date.date.is_none() || date.time.is_some() || date.offset.is_some() {
                return None;
            }
            (Value::Date(offset + value_at..offset + end, date), end)
        };
        blank(value_end).then_some(Some(Line::Pair(
            key,
            offset + start..offset + key_end,
            value,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the full TOML parser makes of `text`, for comparison.
    fn full(text: &str) -> Option<RawAssessment> {
        toml::from_str(text).ok()
    }

    fn same(a: &RawAssessment, b: &RawAssessment) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    #[test]
    fn reads_every_example_exactly_as_the_full_parser_does() {
        for entry in std::fs::read_dir("examples/assessments").expect("examples") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            let fast =
                parse(&text).unwrap_or_else(|| panic!("{} is in the plain shape", path.display()));
            let slow = full(&text).expect("valid TOML");
            assert!(same(&fast, &slow), "{}", path.display());
        }
    }

    #[test]
    fn leaves_anything_unusual_to_the_full_parser() {
        let base =
            std::fs::read_to_string("examples/assessments/riverside-home-care.toml").expect("read");
        for (from, to) in [
            (
                "organisation = \"Riverside Home Care\"",
                "organisation = 'Riverside Home Care'",
            ),
            (
                "organisation = \"Riverside Home Care\"",
                "organisation = \"Riverside \\\"Home\\\" Care\"",
            ),
            ("service = ", "service = 3\nx = "),
            ("[answers]", "[answers]\n[answers]"),
            ("[answers]", "[answer]"),
            ("assessed = 2026-09-14", "assessed = 2026-09-14T10:00:00"),
            ("assessed = 2026-09-14", "assessed = 2026-02-30"),
            ("assessed = 2026-09-14", "assessed = \"2026-09-14\""),
            (
                "role = \"service-manager\"",
                "role = \"service-manager\"\nrole = \"carer\"",
            ),
            (
                "culture-values = ",
                "culture-values = \"x\"\nculture-values = ",
            ),
            (
                "[respondent]\nrole = \"service-manager\"",
                "respondent = { role = \"service-manager\" }",
            ),
            ("questionnaire = \"tlap\"\n", ""),
        ] {
            assert!(base.contains(from), "{from}");
            let text = base.replacen(from, to, 1);
            assert!(parse(&text).is_none(), "{to}");
        }
    }

    #[test]
    fn comments_spacing_and_line_endings_read_the_same() {
        let text = "# an assessment\r\nquestionnaire = \"tlap\"   # bundled\r\nquestionnaire_version=\"1.0.0\"\norganisation = \"A # B\"\nservice = \"S\"\n\tassessed = 2026-01-02\n\n[ respondent ]\nrole = \"carer\"\n[answers]\nculture-values = \"x\"\n[ratings]\n";
        let fast = parse(text).expect("plain shape");
        let slow = full(text).expect("valid TOML");
        assert!(same(&fast, &slow), "{fast:?}\n{slow:?}");
    }

    proptest::proptest! {
        /// Whatever the quick reader accepts, it reads as the full parser does; and it
        /// accepts nothing the full parser refuses.
        #[test]
        fn agrees_with_the_full_parser(text in file()) {
            if let Some(fast) = parse(&text) {
                let slow = full(&text);
                proptest::prop_assert!(slow.as_ref().is_some_and(|slow| same(&fast, slow)), "{text}");
            }
        }
    }

    /// An assessment file in many spellings: spacing, comments, line endings, values, and
    /// now and then a line that does not belong.
    fn file() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let value = prop_oneof![
            Just("\"tlap\""),
            Just("\"a # b\""),
            Just("\"\""),
            Just("\"é\té\""),
            Just("2026-01-31"),
            Just("2026-13-01"),
            Just("'lit'"),
            Just("\"a\\\"b\""),
            Just("3"),
        ];
        let space = prop_oneof![Just(""), Just(" "), Just("\t"), Just("  ")];
        let end = prop_oneof![Just("\n"), Just("\r\n"), Just(" # note\n"), Just("#x\n")];
        let noise = prop_oneof![
            Just("[ratings]\n"),
            Just("[ answers ]\n"),
            Just("# comment\n"),
            Just("\n"),
            Just("x = \"y\"\n"),
            Just("name = \"N\"\n"),
            Just("[answers]\n"),
            Just("a.b = \"c\"\n"),
        ];
        let pairs = [
            ("questionnaire", "\"tlap\""),
            ("questionnaire_version", "\"1.0.0\""),
            ("organisation", "\"Org\""),
            ("service", "\"S\""),
            ("assessed", "2026-01-02"),
            ("[respondent]", ""),
            ("role", "\"carer\""),
            ("[answers]", ""),
            ("culture-values", "\"values-published\""),
            ("review-feedback", "\"dont-know\""),
            ("[evidence]", ""),
            ("culture-values", "\"Minutes, May\""),
        ];
        (
            proptest::collection::vec((space.clone(), space.clone(), space, end), pairs.len()),
            proptest::option::of((0..pairs.len(), value)),
            proptest::option::of((0..pairs.len(), noise)),
        )
            .prop_map(move |(spelling, changed, noise)| {
                let mut text = String::new();
                for (i, ((key, value), (a, b, c, e))) in pairs.iter().zip(spelling).enumerate() {
                    if let Some((at, line)) = noise
                        && at == i
                    {
                        text.push_str(line);
                    }
                    if key.starts_with('[') {
                        text.push_str(&format!("{a}{key}{e}"));
                        continue;
                    }
                    let value = match changed {
                        Some((at, v)) if at == i => v,
                        _ => value,
                    };
                    text.push_str(&format!("{a}{key}{b}={c}{value}{e}"));
                }
                text
            })
    }
}
