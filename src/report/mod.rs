//! Rendering results: one file per output format, all behind [`Renderer`].
//!
//! Renderers turn values into a `String`; they never print. The pieces every format shows
//! the same way (the ladder grid, placement labels, theme cells) are computed here once, so
//! the formats cannot drift apart. Text from data files is already free of control
//! characters when it reaches a renderer (see [`crate::text`]).

pub mod json;
pub mod markdown;
pub mod table;

use crate::assessment::Assessment;
use crate::questionnaire::Questionnaire;
use crate::scoring::{Score, VoiceProfile};

/// How the terminal looks: whether to use colour and bold, and whether output goes to a
/// terminal at all (which decides the table width).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Use colour and bold (a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// stdout is a terminal.
    pub terminal: bool,
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables for a terminal.
    Table,
    /// Stable JSON for scripts.
    Json,
    /// Markdown for reports and slides.
    Markdown,
}

/// One scored assessment, with what it was scored against.
#[derive(Debug, Clone, Copy)]
pub struct ScoreReport<'a> {
    /// The questionnaire.
    pub questionnaire: &'a Questionnaire,
    /// The assessment.
    pub assessment: &'a Assessment,
    /// Its score.
    pub score: &'a Score,
}

/// Renders copro's results in one format.
pub trait Renderer {
    /// A scored assessment.
    fn score(&self, report: &ScoreReport) -> String;
}

/// The renderer for a format.
pub fn renderer(format: Format, style: &Style) -> Box<dyn Renderer> {
    match format {
        Format::Table => Box::new(table::Table { style: *style }),
        Format::Json => Box::new(json::Json),
        Format::Markdown => Box::new(markdown::Markdown),
    }
}

/// "Engagement (rung 5 of 7)", or "not enough answers".
pub fn placement_label(q: &Questionnaire, rung: Option<usize>) -> String {
    match rung {
        Some(r) => format!("{} (rung {} of {})", q.rungs[r].name, r + 1, q.rungs.len()),
        None => "not enough answers".into(),
    }
}

/// "Mostly (3 of 4 rated)", or "not rated".
pub fn profile_label(q: &Questionnaire, p: &VoiceProfile) -> String {
    match p.rating {
        Some(r) => format!("{} ({} of {} rated)", q.ratings[r].name, p.rated, p.total),
        None if p.total == 0 => "no statements".into(),
        None => "not rated".into(),
    }
}

/// The ladder as a grid: the column names (overall, then each area) and, top rung first,
/// each rung's name and whether each column is placed on it.
pub struct Ladder {
    /// "Overall", then the areas' names.
    pub columns: Vec<String>,
    /// Top rung first: the rung's name and one mark per column.
    pub rows: Vec<(String, Vec<bool>)>,
}

impl Ladder {
    /// The ladder of one scored assessment.
    pub fn of(report: &ScoreReport) -> Self {
        let q = report.questionnaire;
        let s = report.score;
        let mut columns = vec!["Overall".to_string()];
        columns.extend(s.areas.iter().map(|a| q.areas[a.area].name.clone()));
        let placements: Vec<Option<usize>> = std::iter::once(s.overall.rung)
            .chain(s.areas.iter().map(|a| a.placement.rung))
            .collect();
        let rows = q
            .rungs
            .iter()
            .enumerate()
            .rev()
            .map(|(level, rung)| {
                let marks = placements.iter().map(|p| *p == Some(level)).collect();
                (rung.name.clone(), marks)
            })
            .collect();
        Ladder { columns, rows }
    }
}

/// The next steps as a numbered list, one per line (the same in a terminal and Markdown).
pub fn numbered_steps(score: &Score) -> String {
    if score.next_steps.is_empty() {
        return "None: every answer is on the top rung.\n".into();
    }
    score
        .next_steps
        .iter()
        .enumerate()
        .map(|(n, step)| format!("{}. {}\n", n + 1, step.text))
        .collect()
}

/// The evidence notes of an assessment, one line each: the area, the question and the note.
pub fn evidence_lines(report: &ScoreReport) -> Vec<String> {
    let q = report.questionnaire;
    report
        .assessment
        .evidence
        .iter()
        .enumerate()
        .filter_map(|(qi, note)| {
            let question = &q.questions[qi];
            note.as_ref().map(|note| {
                format!(
                    "{}: “{}” {}",
                    q.areas[question.area].name, question.prompt, note
                )
            })
        })
        .collect()
}

/// The line under a result's title: organisation, service, date, role, questionnaire.
pub fn subtitle(report: &ScoreReport) -> String {
    let a = report.assessment;
    let q = report.questionnaire;
    format!(
        "{} · {} · assessed {} by {} · {} {}",
        a.organisation,
        a.service,
        a.assessed,
        article(&q.roles[a.role].name),
        q.title,
        q.version
    )
}

fn article(role: &str) -> String {
    let vowel = role
        .chars()
        .next()
        .is_some_and(|c| "AEIOUaeiou".contains(c));
    format!("{} {}", if vowel { "an" } else { "a" }, role.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::article;

    #[test]
    fn article_fits_the_role() {
        assert_eq!(article("Service manager"), "a service manager");
        assert_eq!(article("Unpaid carer"), "an unpaid carer");
    }
}
