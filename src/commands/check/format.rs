//! The reports of `copro check`, written as results arrive: human lines, JSON, GitHub
//! workflow commands and JUnit XML.

use std::io::Write;

use serde::Serialize;
use serde_json::{Value, json};

use crate::cli::CheckFormat;
use copro::check::{FileResult, Placed, QuestionnaireVersion, Status, Summary};
use copro::policy::{Policy, Reason};
use copro::report::{Style, plural};
use copro::text;

type Result = std::io::Result<()>;

/// One format of report. Results are rendered to text on the worker threads, and written
/// in file order as they come, or held until the end where the format needs its totals
/// first.
pub trait Reporter: Sync {
    /// Before the first result.
    fn begin(&self, _out: &mut dyn Write, _policy: &Policy) -> Result {
        Ok(())
    }
    /// One file's result as text (never a skipped one's).
    fn render(&self, result: &FileResult) -> String;
    /// What goes before a rendered result: before the first one when `first`.
    fn separator(&self, _first: bool) -> &'static str {
        ""
    }
    /// True when results are held and given to [`Reporter::end`] instead of written at once.
    fn holds_results(&self) -> bool {
        false
    }
    /// After the last result, with the held results if the format holds them.
    fn end(
        &self,
        out: &mut dyn Write,
        summary: &Summary,
        policy: &Policy,
        held: &[String],
    ) -> Result;
}

/// The reporter for a format.
pub fn reporter(format: CheckFormat, style: &Style) -> Box<dyn Reporter> {
    match format {
        CheckFormat::Human => Box::new(Human { color: style.color }),
        CheckFormat::Json => Box::new(Json),
        CheckFormat::Github => Box::new(Github),
        CheckFormat::Junit => Box::new(Junit),
    }
}

/// "Riverside Home Care · Consultation", or what is known of an invalid file.
fn headline(r: &FileResult) -> String {
    let placement = match (&r.placement, r.status) {
        (_, Status::Invalid | Status::Skipped) => return String::new(),
        (Some(Placed { name, .. }), _) => name.clone(),
        (None, _) => "not placed".into(),
    };
    format!(
        "{} · {placement}",
        text::one_line(r.organisation.as_deref().unwrap_or_default())
    )
}

/// "line 6: …" or the message alone for the file as a whole.
fn located(reason: &Reason) -> String {
    match reason.line {
        0 => reason.message.clone(),
        line => format!("line {line}: {}", reason.message),
    }
}

fn summary_line(summary: &Summary, policy: &Policy) -> String {
    let mut line = format!(
        "{} checked: {} passed, {} failed, {} invalid",
        plural(summary.checked(), "assessment"),
        summary.passed,
        summary.failed,
        summary.invalid
    );
    if summary.skipped > 0 {
        line.push_str(&format!(
            " (skipped {} that {})",
            plural(summary.skipped, "TOML file"),
            if summary.skipped == 1 {
                "is not an assessment"
            } else {
                "are not assessments"
            }
        ));
    }
    if let Some(file) = &policy.file {
        line.push_str(&format!("; policy {file}"));
    }
    line
}

/// One line per file and a summary, readable in a CI log.
struct Human {
    color: bool,
}

impl Human {
    fn tag(&self, status: Status) -> String {
        let (word, code) = match status {
            Status::Pass => ("PASS   ", "32"),
            Status::Fail => ("FAIL   ", "31"),
            Status::Invalid => ("INVALID", "35"),
            Status::Skipped => ("SKIPPED", "2"),
        };
        if self.color {
            format!("\x1b[1;{code}m{word}\x1b[0m")
        } else {
            word.to_string()
        }
    }
}

impl Reporter for Human {
    fn render(&self, r: &FileResult) -> String {
        let headline = headline(r);
        let gap = if headline.is_empty() { "" } else { "  " };
        let mut text = format!(
            "{} {}{gap}{headline}\n",
            self.tag(r.status),
            text::one_line(&r.file)
        );
        for reason in &r.reasons {
            text.push_str(&format!("        - {}\n", text::one_line(&located(reason))));
        }
        for warning in &r.warnings {
            text.push_str(&format!(
                "        ! {}\n",
                text::one_line(&located(warning))
            ));
        }
        for problem in &r.problems {
            for line in text::clean(&problem.to_string()).lines() {
                text.push_str(&format!("        {line}\n"));
            }
        }
        text
    }

    fn end(&self, out: &mut dyn Write, summary: &Summary, policy: &Policy, _: &[String]) -> Result {
        writeln!(out, "{}", summary_line(summary, policy))
    }
}

/// `{"results": [...], "summary": {...}, "policy": {...}}`, results written as they come.
struct Json;

/// One result as JSON: the documented, stable shape.
/// One result in JSON: the documented, stable shape. Written with borrowed fields rather
/// than built as a `Value`, as it is done once per file.
#[derive(Serialize)]
struct ResultJson<'a> {
    file: &'a str,
    status: &'static str,
    organisation: Option<&'a str>,
    service: Option<&'a str>,
    questionnaire: Option<QuestionnaireJson<'a>>,
    placement: Option<PlacementJson<'a>>,
    reasons: Vec<ReasonJson<'a>>,
    warnings: Vec<ReasonJson<'a>>,
}

#[derive(Serialize)]
struct QuestionnaireJson<'a> {
    id: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct PlacementJson<'a> {
    rung: &'a str,
    name: &'a str,
    level: usize,
}

#[derive(Serialize)]
struct ReasonJson<'a> {
    /// For an invalid file: the file the problem is in (the assessment, or the
    /// questionnaire it names); `null` for a failed rule.
    file: Option<&'a str>,
    message: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<&'a str>,
}

fn result_json(r: &FileResult) -> String {
    fn reason(x: &Reason) -> ReasonJson<'_> {
        ReasonJson {
            file: None,
            message: &x.message,
            line: (x.line > 0).then_some(x.line),
            column: None,
            help: None,
        }
    }
    let mut reasons: Vec<ReasonJson> = r.reasons.iter().map(reason).collect();
    reasons.extend(r.problems.iter().map(|p| ReasonJson {
        file: Some(&p.file),
        message: &p.message,
        line: p.place.as_ref().map(|at| at.line),
        column: p.place.as_ref().map(|at| at.column),
        help: Some(&p.help),
    }));
    let result = ResultJson {
        file: &r.file,
        status: r.status.id(),
        organisation: r.organisation.as_deref(),
        service: r.service.as_deref(),
        questionnaire: r
            .questionnaire
            .as_ref()
            .map(|QuestionnaireVersion { id, version }| QuestionnaireJson { id, version }),
        placement: r
            .placement
            .as_ref()
            .map(|Placed { rung, name, level }| PlacementJson {
                rung,
                name,
                level: *level,
            }),
        reasons,
        warnings: r.warnings.iter().map(reason).collect(),
    };
    // Serialising borrowed strings and numbers cannot fail.
    serde_json::to_string(&result).unwrap_or_default()
}

fn policy_json(policy: &Policy) -> Value {
    let minimums = |m: &copro::policy::Minimums| json!({"min_rung": m.rung, "min_area": m.areas});
    json!({
        "file": policy.file,
        "min_rung": policy.minimums.rung,
        "min_area": policy.minimums.areas,
        "max_age_days": policy.max_age_days,
        "require_evidence": policy.require_evidence,
        "other_version": policy.other_version.id(),
        "questionnaires": policy.by_questionnaire.iter().map(|(id, m)| (id.clone(), minimums(m))).collect::<serde_json::Map<_, _>>(),
    })
}

impl Reporter for Json {
    fn begin(&self, out: &mut dyn Write, _policy: &Policy) -> Result {
        write!(out, "{{\"results\": [")
    }

    fn render(&self, r: &FileResult) -> String {
        result_json(r)
    }

    fn separator(&self, first: bool) -> &'static str {
        if first { "\n  " } else { ",\n  " }
    }

    fn end(&self, out: &mut dyn Write, summary: &Summary, policy: &Policy, _: &[String]) -> Result {
        let summary = json!({
            "passed": summary.passed,
            "failed": summary.failed,
            "invalid": summary.invalid,
            "skipped": summary.skipped,
        });
        writeln!(
            out,
            "\n],\n\"summary\": {summary},\n\"policy\": {}\n}}",
            policy_json(policy)
        )
    }
}

/// GitHub Actions workflow commands: `::error file=…,line=…::…`.
struct Github;

/// Escapes a workflow command's message.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn github_command(
    level: &str,
    file: &str,
    line: usize,
    column: Option<usize>,
    message: &str,
) -> String {
    let mut place = format!("file={}", github_property(file));
    if line > 0 {
        place.push_str(&format!(",line={line}"));
    }
    if let Some(column) = column {
        place.push_str(&format!(",col={column}"));
    }
    format!(
        "::{level} {place},title=copro check::{}\n",
        github_data(message)
    )
}

impl Reporter for Github {
    fn render(&self, r: &FileResult) -> String {
        if r.status == Status::Pass && r.warnings.is_empty() {
            return format!("pass: {}  {}\n", text::one_line(&r.file), headline(r));
        }
        let mut text = String::new();
        for reason in &r.reasons {
            text.push_str(&github_command(
                "error",
                &r.file,
                reason.line,
                None,
                &reason.message,
            ));
        }
        for warning in &r.warnings {
            text.push_str(&github_command(
                "warning",
                &r.file,
                warning.line,
                None,
                &warning.message,
            ));
        }
        for p in &r.problems {
            let (line, column) = p
                .place
                .as_ref()
                .map_or((0, None), |at| (at.line, Some(at.column)));
            let message = format!("invalid assessment: {} ({})", p.message, p.help);
            // A problem in the questionnaire an assessment names is annotated on that file.
            text.push_str(&github_command("error", &p.file, line, column, &message));
        }
        text
    }

    fn end(&self, out: &mut dyn Write, summary: &Summary, policy: &Policy, _: &[String]) -> Result {
        writeln!(out, "{}", summary_line(summary, policy))
    }
}

/// JUnit XML, one test case per file. The suite's counts come first in the XML, so the
/// test cases are held (a few hundred bytes each) until the end.
struct Junit;

/// Escapes text for XML.
fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c.is_control() && c != '\n' && c != '\t')
                || c == '\u{FFFE}'
                || c == '\u{FFFF}' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

impl Reporter for Junit {
    fn render(&self, r: &FileResult) -> String {
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

    fn holds_results(&self) -> bool {
        true
    }

    fn end(
        &self,
        out: &mut dyn Write,
        summary: &Summary,
        _policy: &Policy,
        held: &[String],
    ) -> Result {
        let counts = format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\"",
            summary.checked(),
            summary.failed,
            summary.invalid
        );
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"copro check\" {counts}>\n  <testsuite name=\"copro check\" {counts}>\n{}  </testsuite>\n</testsuites>\n",
            held.concat()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_commands_escape_what_would_break_them() {
        assert_eq!(
            github_command("error", "a,b:c.toml", 3, None, "50% done\nnext"),
            "::error file=a%2Cb%3Ac.toml,line=3,title=copro check::50%25 done%0Anext\n"
        );
    }

    #[test]
    fn xml_escapes_markup_and_drops_control_characters() {
        assert_eq!(
            xml("<a & 'b'>\u{1b}\u{FFFF}"),
            "&lt;a &amp; &apos;b&apos;&gt;"
        );
    }
}
