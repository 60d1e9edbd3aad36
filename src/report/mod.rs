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
use crate::compare::{Comparison, Moved};
use crate::questionnaire::Questionnaire;
use crate::scoring::{Score, VoiceProfile};
use crate::workshop::{Gap, Spread, Workshop};

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

/// A workshop: many respondents combined.
#[derive(Debug, Clone)]
pub struct WorkshopReport<'a> {
    /// The questionnaire they all answered.
    pub questionnaire: &'a Questionnaire,
    /// The organisations assessed (one, unless mixing was allowed).
    pub organisations: Vec<String>,
    /// How many respondents.
    pub respondents: usize,
    /// The combined result.
    pub workshop: &'a Workshop,
    /// Show respondents' names under their roles.
    pub show_names: bool,
}

/// Two scored assessments and what changed between them.
#[derive(Debug, Clone, Copy)]
pub struct CompareReport<'a> {
    /// The earlier one.
    pub old: ScoreReport<'a>,
    /// The later one.
    pub new: ScoreReport<'a>,
    /// What changed.
    pub comparison: &'a Comparison,
}

/// Renders copro's results in one format.
pub trait Renderer {
    /// A scored assessment.
    fn score(&self, report: &ScoreReport) -> String;
    /// A workshop.
    fn workshop(&self, report: &WorkshopReport) -> String;
    /// Progress between two assessments.
    fn compare(&self, report: &CompareReport) -> String;
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
    /// The ladder of one scored assessment: overall, then each area.
    pub fn of(report: &ScoreReport) -> Self {
        let q = report.questionnaire;
        let s = report.score;
        let columns = std::iter::once(("Overall".to_string(), s.overall.rung))
            .chain(
                s.areas
                    .iter()
                    .map(|a| (q.areas[a.area].name.clone(), a.placement.rung)),
            )
            .collect();
        Self::new(q, columns)
    }

    /// The ladder of a workshop: combined, then each role.
    pub fn of_workshop(report: &WorkshopReport) -> Self {
        let q = report.questionnaire;
        let w = report.workshop;
        let columns = std::iter::once(("Combined".to_string(), w.overall))
            .chain(
                w.roles
                    .iter()
                    .map(|r| (q.roles[r.role].name.clone(), r.overall)),
            )
            .collect();
        Self::new(q, columns)
    }

    /// A ladder with one column per named placement.
    pub fn new(q: &Questionnaire, columns: Vec<(String, Option<usize>)>) -> Self {
        let (columns, placements): (Vec<String>, Vec<Option<usize>>) = columns.into_iter().unzip();
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

/// "3 respondents", "1 role".
pub fn plural(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}

/// A role's respondents' names, or how many gave none.
pub fn names(role: &crate::workshop::RoleResult) -> String {
    let unnamed = role.respondents - role.names.len();
    let mut all = role.names.clone();
    if unnamed > 0 {
        all.push(format!("{unnamed} without a name"));
    }
    all.join(", ")
}

/// Lines as a bulleted list, or `none` when there are none: the same in a terminal and in
/// Markdown.
pub fn bullets(lines: impl IntoIterator<Item = String>, none: &str) -> String {
    let list: String = lines
        .into_iter()
        .map(|line| format!("- {line}\n"))
        .collect();
    if list.is_empty() {
        format!("{none}\n")
    } else {
        list
    }
}

/// A workshop's widest disagreements as a numbered list.
pub fn disagreement_list(report: &WorkshopReport) -> String {
    let w = report.workshop;
    if w.disagreements.is_empty() {
        return "None: on every question the answers lie within one rung.\n".into();
    }
    w.disagreements
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            format!(
                "{}. {}\n",
                n + 1,
                disagreement_text(report.questionnaire, &w.questions[i])
            )
        })
        .collect()
}

/// A workshop's perception gaps as a list.
pub fn gap_list(report: &WorkshopReport) -> String {
    bullets(
        report
            .workshop
            .gaps
            .iter()
            .map(|gap| gap_text(report.questionnaire, gap)),
        "None found between staff and people with lived experience.",
    )
}

/// The sections of a comparison after the areas, as (title, list) pairs: what moved, the
/// questions added and removed (when there are any), and the next steps done and new.
pub fn compare_sections(report: &CompareReport) -> Vec<(&'static str, String)> {
    let (old, new, c) = (report.old, report.new, report.comparison);
    let moved = |list: &[Moved]| bullets(list.iter().map(|m| moved_text(report, m)), "None.");
    let questions = |list: &[usize], q: &Questionnaire| {
        bullets(
            list.iter()
                .map(|&i| format!("`{}`: {}", q.questions[i].id, q.questions[i].prompt)),
            "",
        )
    };
    let steps = |list: &[usize], score: &Score| {
        bullets(
            list.iter().map(|&i| score.next_steps[i].text.clone()),
            "None.",
        )
    };
    let mut sections = vec![("Moved up", moved(&c.up)), ("Moved down", moved(&c.down))];
    if !c.added.is_empty() {
        sections.push((
            "Questions added since",
            questions(&c.added, new.questionnaire),
        ));
    }
    if !c.removed.is_empty() {
        sections.push((
            "Questions removed since",
            questions(&c.removed, old.questionnaire),
        ));
    }
    sections.push(("Next steps no longer needed", steps(&c.done, old.score)));
    sections.push(("New next steps", steps(&c.fresh, new.score)));
    sections
}

/// A rung's name, or "not placed".
pub fn rung_name(q: &Questionnaire, rung: Option<usize>) -> String {
    rung.map_or_else(|| "not placed".into(), |r| q.rungs[r].name.clone())
}

/// How a placement moved: "up 1 rung", "no change", "newly placed", …
pub fn change_words(old: Option<usize>, new: Option<usize>) -> String {
    let rungs = |n: usize| format!("{n} {}", if n == 1 { "rung" } else { "rungs" });
    match (old, new) {
        (Some(o), Some(n)) if n > o => format!("up {}", rungs(n - o)),
        (Some(o), Some(n)) if n < o => format!("down {}", rungs(o - n)),
        (Some(_), Some(_)) => "no change".into(),
        (None, Some(_)) => "newly placed".into(),
        (Some(_), None) => "no longer placed".into(),
        (None, None) => "not placed".into(),
    }
}

/// A question that moved, in words: the practice before and now.
pub fn moved_text(report: &CompareReport, m: &Moved) -> String {
    let (oq, nq) = (report.old.questionnaire, report.new.questionnaire);
    let before = &oq.questions[m.old_question].options[m.old_option];
    let question = &nq.questions[m.new_question];
    let now = &question.options[m.new_option];
    format!(
        "{}: “{}” Before: “{}” ({}). Now: “{}” ({}).",
        nq.areas[question.area].name,
        question.prompt,
        before.text,
        oq.rungs[before.rung].name,
        now.text,
        nq.rungs[now.rung].name
    )
}

/// A question the room disagreed on, in words: the range, and each role's.
pub fn disagreement_text(q: &Questionnaire, spread: &Spread) -> String {
    let question = &q.questions[spread.question];
    let range = |low: usize, high: usize| {
        if low == high {
            q.rungs[low].name.clone()
        } else {
            format!("{} to {}", q.rungs[low].name, q.rungs[high].name)
        }
    };
    let (low, high) = spread.range.unwrap_or((0, 0));
    let roles: Vec<String> = spread
        .by_role
        .iter()
        .map(|&(role, low, high)| format!("{}: {}", q.roles[role].name, range(low, high)))
        .collect();
    format!(
        "{}: “{}” Answers range from {} ({}).",
        q.areas[question.area].name,
        question.prompt,
        range(low, high),
        roles.join("; ")
    )
}

/// A perception gap, in words.
pub fn gap_text(q: &Questionnaire, gap: &Gap) -> String {
    let rating = |average: f64| {
        let level = q.rating_at(average);
        format!("{} ({average:.1})", q.ratings[level].name.to_lowercase())
    };
    match gap {
        Gap::Statement {
            we,
            we_rating,
            mirrors,
            i_rating,
        } => {
            let mirrored: Vec<String> = mirrors
                .iter()
                .map(|&i| format!("“{}”", q.statements[i].text))
                .collect();
            format!(
                "The organisation rates “{}” {}; people with lived experience rate {} {}.",
                q.statements[*we].text,
                rating(*we_rating),
                mirrored.join(" and "),
                rating(*i_rating)
            )
        }
        Gap::Placement { area, staff, lived } => format!(
            "{}: staff place it on {}, people with lived experience on {}.",
            area.map_or("Overall", |a| q.areas[a].name.as_str()),
            q.rungs[*staff].name,
            q.rungs[*lived].name
        ),
    }
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
