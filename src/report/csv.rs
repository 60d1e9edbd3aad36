//! CSV, for a spreadsheet: rows where a result has them, written with the `csv` crate.
//!
//! `copro check` gives one row per file; `copro workshop` one row per respondent and
//! question, with the role and never the name unless names are asked for. Text from files
//! stays data: control characters go as in every format ([`text::line`]), and a cell that
//! a spreadsheet would run as a formula is neutralised ([`cell`]).

use super::{CheckPart, Render, WorkshopReport};
use crate::assessment::Answer;
use crate::check::FileResult;
use crate::source::Diagnostic;
use crate::text;

/// The CSV renderer.
pub struct Csv;

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell's text: one line with nothing a terminal or a CI log acts on, and, when it would
/// start a formula, behind an apostrophe, which spreadsheets read as "this is text".
pub fn cell(value: &str) -> String {
    let line = text::line(value);
    if line.starts_with(FORMULA_STARTS) {
        format!("'{line}")
    } else {
        line
    }
}

/// One CSV record, its cells neutralised, ending in a line feed.
fn record<I, S>(cells: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let cells: Vec<String> = cells.into_iter().map(|c| cell(c.as_ref())).collect();
    // Writing to memory cannot fail, and a record's text is the cells' UTF-8.
    let written = writer
        .write_record(&cells)
        .ok()
        .and_then(|()| writer.into_inner().ok())
        .and_then(|bytes| String::from_utf8(bytes).ok());
    written.unwrap_or_default()
}

/// The columns of `copro check --format csv`.
const CHECK_COLUMNS: [&str; 11] = [
    "file",
    "status",
    "organisation",
    "service",
    "questionnaire",
    "version",
    "rung",
    "level",
    "reasons",
    "warnings",
    "problems",
];

impl Render<CheckPart<'_>> for Csv {
    fn render(&self, part: &CheckPart) -> String {
        match part {
            CheckPart::Start { .. } => record(CHECK_COLUMNS),
            CheckPart::Between { .. } | CheckPart::End { .. } => String::new(),
            CheckPart::File(result) => file_row(result),
        }
    }
}

fn file_row(r: &FileResult) -> String {
    let joined = |items: Vec<String>| items.join("; ");
    record([
        r.file.clone(),
        r.status.id().to_string(),
        r.organisation.clone().unwrap_or_default(),
        r.service.clone().unwrap_or_default(),
        r.questionnaire
            .as_ref()
            .map(|q| q.id.clone())
            .unwrap_or_default(),
        r.questionnaire
            .as_ref()
            .map(|q| q.version.clone())
            .unwrap_or_default(),
        r.placement
            .as_ref()
            .map(|p| p.rung.clone())
            .unwrap_or_default(),
        r.placement
            .as_ref()
            .map(|p| p.level.to_string())
            .unwrap_or_default(),
        joined(r.reasons.iter().map(super::parts::located).collect()),
        joined(r.warnings.iter().map(super::parts::located).collect()),
        joined(r.problems.iter().map(problem).collect()),
    ])
}

/// A problem on one line: `FILE:LINE:COLUMN: message (help)`.
fn problem(p: &Diagnostic) -> String {
    let place = p
        .place
        .as_ref()
        .map(|at| format!(":{}:{}", at.line, at.column))
        .unwrap_or_default();
    if p.help.is_empty() {
        format!("{}{place}: {}", p.file, p.message)
    } else {
        format!("{}{place}: {} ({})", p.file, p.message, p.help)
    }
}

impl Render<WorkshopReport<'_>> for Csv {
    fn render(&self, report: &WorkshopReport) -> String {
        let q = report.questionnaire;
        let mut columns = vec!["respondent"];
        if report.show_names {
            columns.push("name");
        }
        columns.extend(["role", "area", "question", "answer", "rung", "evidence"]);
        let mut out = record(columns);
        for (n, a) in report.assessments.iter().enumerate() {
            for (qi, question) in q.questions.iter().enumerate() {
                let (answer, rung) = match a.answers[qi] {
                    Answer::Chosen(o) => (
                        question.options[o].id.as_str(),
                        q.rungs[question.options[o].rung].id.as_str(),
                    ),
                    other => (other.keyword().unwrap_or_default(), ""),
                };
                let mut row = vec![(n + 1).to_string()];
                if report.show_names {
                    row.push(a.name.clone().unwrap_or_default());
                }
                row.extend([
                    q.roles[a.role].id.clone(),
                    q.areas[question.area].id.clone(),
                    question.id.clone(),
                    answer.to_string(),
                    rung.to_string(),
                    a.evidence[qi].clone().unwrap_or_default(),
                ]);
                out.push_str(&record(row));
            }
        }
        out
    }
}
