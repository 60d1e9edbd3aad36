//! `copro check` as JUnit XML, one test case per file, for CI systems that read test
//! reports. The suite's counts come first in the XML, so the test cases are held (a few
//! hundred bytes each) until the end. Every piece of text is escaped for XML, and
//! characters XML cannot hold are dropped.

use super::parts::located;
use super::{CheckPart, Render};
use crate::check::{FileResult, Status, Summary};
use crate::policy::Reason;
use crate::text;

/// The JUnit renderer.
pub struct Junit;

/// Escapes text for XML, dropping control and invisible characters and writing `##[`, which
/// a CI log would read as a command, as `## [`. Line breaks and tabs are written as
/// character references: the same to a reader of the XML, never a new line in a log.
fn xml(words: &str) -> String {
    let mut escaped = String::with_capacity(words.len());
    for c in text::defuse(words).chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // The same characters to a reader of the XML, but never a new line in a log.
            '\n' => escaped.push_str("&#10;"),
            '\t' => escaped.push_str("&#9;"),
            // Characters XML 1.0 does not allow at all, and those no report shows.
            c if (text::is_unsafe(c) && c != '\n' && c != '\t')
                || c == '\u{FFFE}'
                || c == '\u{FFFF}' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

impl Render<CheckPart<'_>> for Junit {
    fn render(&self, part: &CheckPart) -> String {
        match part {
            CheckPart::File(r) => test_case(r),
            CheckPart::End { summary, held, .. } => suites(summary, held),
            CheckPart::Start { .. } | CheckPart::Between { .. } => String::new(),
        }
    }

    fn holds_parts(&self) -> bool {
        true
    }
}

/// One file as a test case: a `<failure>` when it fails, an `<error>` when it is invalid.
fn test_case(r: &FileResult) -> String {
    let name = xml(&r.file);
    let mut case = String::new();
    case.push_str(&format!(
        "    <testcase name=\"{name}\" classname=\"copro.check\" file=\"{name}\">\n"
    ));
    let lines = |reasons: &[Reason]| {
        reasons
            .iter()
            .map(|x| xml(&located(x)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    match r.status {
        Status::Fail => case.push_str(&format!(
            "      <failure message=\"{}\" type=\"policy\">{}</failure>\n",
            xml(&r.reasons[0].message),
            lines(&r.reasons)
        )),
        Status::Invalid => {
            let first = r
                .problems
                .first()
                .map(|p| p.message.as_str())
                .unwrap_or_default();
            let all: Vec<String> = r.problems.iter().map(|p| xml(&p.to_string())).collect();
            case.push_str(&format!(
                "      <error message=\"{}\" type=\"invalid\">{}</error>\n",
                xml(first),
                all.join("\n")
            ));
        }
        Status::Pass | Status::Skipped => {}
    }
    if !r.warnings.is_empty() {
        case.push_str(&format!(
            "      <system-out>{}</system-out>\n",
            lines(&r.warnings)
        ));
    }
    case.push_str("    </testcase>\n");
    case
}

/// The whole document: the counts, then the test cases held until they were known.
fn suites(summary: &Summary, held: &[String]) -> String {
    let counts = format!(
        "tests=\"{}\" failures=\"{}\" errors=\"{}\"",
        summary.checked(),
        summary.failed,
        summary.invalid
    );
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"copro check\" {counts}>\n  <testsuite name=\"copro check\" {counts}>\n{}  </testsuite>\n</testsuites>\n",
        held.concat()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(
            xml("<a & 'b'>\u{1b}\u{FFFF}"),
            "&lt;a &amp; &apos;b&apos;&gt;"
        );
    }
}
