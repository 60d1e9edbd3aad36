//! The parts every format shows the same way, as data and plain words: the ladder grid,
//! lists (next steps, evidence, disagreements, gaps, what changed), placement labels and
//! the sentences that describe a gap or a move. Nothing here adds markup or escapes: each
//! format does that for itself, so a new format never has to undo another's.

use super::{CompareReport, Handout, HandoutKind, ScoreReport, WorkshopReport};
use crate::check::{FileResult, Placed, Status, Summary};
use crate::compare::Moved;
use crate::policy::{Policy, Reason};
use crate::questionnaire::{Questionnaire, Statement, Voice};
use crate::scoring::{NextStep, Score, VoiceProfile, Voices};
use crate::workshop::{RoleResult, Spread};

/// How a workshop weighs its respondents, in one sentence under the combined placement:
/// only when both voices answered (a one-sided room says so instead, see [`one_sided`]).
pub fn weighing(voices: &Voices) -> &'static str {
    if voices.one_sided() { "" } else { WEIGHING }
}

/// How a workshop weighs its respondents.
const WEIGHING: &str = "People with lived experience and the organisation's roles count as two equal halves; within each, every role counts the same, however many people in it answered.";

/// A list, as data: each format adds its own markup and escaping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// The items, in order.
    pub items: Vec<Item>,
    /// Numbered (an order that matters) or bulleted.
    pub numbered: bool,
    /// What to say instead when there are no items.
    pub empty: &'static str,
}

/// One item of a list: words, perhaps after an id that is shown as code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// An id to show as code before the words, e.g. a question id.
    pub code: Option<String>,
    /// The words.
    pub text: String,
}

impl Item {
    /// An item of words alone.
    pub fn text(text: String) -> Self {
        Item { code: None, text }
    }
}

impl List {
    fn of(numbered: bool, empty: &'static str, texts: impl IntoIterator<Item = String>) -> Self {
        List {
            items: texts.into_iter().map(Item::text).collect(),
            numbered,
            empty,
        }
    }
}

/// A titled part of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading.
    pub title: &'static str,
    /// What it lists.
    pub list: List,
}

/// The next steps, most important first.
pub fn next_steps(steps: &[NextStep]) -> List {
    List::of(
        true,
        "None: every answer is on the top rung.",
        steps.iter().map(|step| step.text.clone()),
    )
}

/// What a result with one voice says of itself, or nothing when both voices are heard.
/// `single` is true for one assessment.
pub fn one_sided(voices: &Voices, single: bool) -> Option<&'static str> {
    if !voices.one_sided() {
        return None;
    }
    Some(match (voices.organisation > 0, single) {
        (true, true) => {
            "This is one person's view, from the organisation: it shows how the organisation sees itself, not how people who draw on care and support experience it. To hear both, run a workshop with them (copro workshop)."
        }
        (true, false) => {
            "Only the organisation's roles answered: this shows how the organisation sees itself, not how people who draw on care and support experience it. Ask people with lived experience to answer too."
        }
        (false, true) => {
            "This is one person's view, from someone with lived experience: it shows how the organisation is experienced, not how it sees itself. Combine it with staff answers in a workshop (copro workshop)."
        }
        (false, false) => {
            "Only people with lived experience answered: this shows how the organisation is experienced, not how it sees itself. Ask the organisation's roles to answer too."
        }
    })
}

/// What the placed rung means and what the next one looks like, in the questionnaire's
/// own words (TLAP's for the bundled ladder); nothing when not placed.
pub fn meaning(q: &Questionnaire, rung: Option<usize>) -> List {
    let mut lines = Vec::new();
    if let Some(r) = rung {
        let placed = &q.rungs[r];
        lines.push(format!(
            "What {} means: {}",
            placed.name, placed.description
        ));
        if let Some(next) = q.rungs.get(r + 1) {
            lines.push(format!(
                "What {} looks like: {}",
                next.name, next.description
            ));
        }
    }
    List::of(false, "", lines)
}

/// The evidence notes of an assessment: the area, the question and the note.
pub fn evidence(report: &ScoreReport) -> List {
    let q = report.questionnaire;
    let notes = report
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
        });
    List::of(false, "None given.", notes)
}

/// A workshop's widest disagreements, widest first.
pub fn disagreements(report: &WorkshopReport) -> List {
    let w = report.workshop;
    List::of(
        true,
        "None: on every question the answers lie within one rung.",
        w.disagreements
            .iter()
            .map(|&i| disagreement_text(report.questionnaire, &w.questions[i])),
    )
}

/// A workshop's perception gaps.
pub fn gaps(report: &WorkshopReport) -> List {
    let empty = if report.workshop.voices.one_sided() {
        "None can be found: gaps need answers from both the organisation's roles and people with lived experience."
    } else {
        "None found between the organisation's roles and people with lived experience."
    };
    List::of(
        false,
        empty,
        report
            .workshop
            .gaps
            .iter()
            .map(|gap| gap.describe(report.questionnaire)),
    )
}

/// Each role's respondents by name (shown only when asked for).
pub fn respondents(report: &WorkshopReport) -> List {
    let q = report.questionnaire;
    List::of(
        false,
        "None.",
        report
            .workshop
            .roles
            .iter()
            .map(|r| format!("{}: {}", q.roles[r.role].name, names(r))),
    )
}

/// A reworded question's wording now and before (question `nq` of the new questionnaire),
/// in the voice of the new assessment's respondent.
pub fn reworded<'a>(
    c: &crate::compare::Comparison,
    old: ScoreReport<'a>,
    new: ScoreReport<'a>,
    nq: usize,
) -> (&'a str, &'a str) {
    let now = &new.questionnaire.questions[nq];
    let before = old
        .questionnaire
        .question(&now.id)
        .map_or("", |oq| old.questionnaire.questions[oq].prompt_for(c.voice));
    (now.prompt_for(c.voice), before)
}

/// The sections of a comparison after the areas: what moved, the questions added, removed
/// and reworded (when there are any), and the next steps done and new.
pub fn compare_sections(report: &CompareReport) -> Vec<Section> {
    let (old, new, c) = (report.old, report.new, report.comparison);
    let moved =
        |list: &[Moved]| List::of(false, "None.", list.iter().map(|m| moved_text(report, m)));
    let questions = |list: &[usize], q: &Questionnaire| List {
        items: list
            .iter()
            .map(|&i| Item {
                code: Some(q.questions[i].id.clone()),
                text: q.questions[i].prompt.clone(),
            })
            .collect(),
        numbered: false,
        empty: "None.",
    };
    let steps = |list: &[usize], score: &Score| {
        List::of(
            false,
            "None.",
            list.iter().map(|&i| score.next_steps[i].text.clone()),
        )
    };
    let section = |title, list| Section { title, list };
    let mut sections = vec![
        section("Moved up", moved(&c.up)),
        section("Moved down", moved(&c.down)),
    ];
    if !c.added.is_empty() {
        sections.push(section(
            "Questions added since",
            questions(&c.added, new.questionnaire),
        ));
    }
    if !c.removed.is_empty() {
        sections.push(section(
            "Questions removed since",
            questions(&c.removed, old.questionnaire),
        ));
    }
    if !c.reworded.is_empty() {
        sections.push(section(
            "Questions reworded since",
            List {
                items: c
                    .reworded
                    .iter()
                    .map(|&nq| {
                        let (now, before) = reworded(c, old, new, nq);
                        Item {
                            code: Some(new.questionnaire.questions[nq].id.clone()),
                            text: format!("{now} (was: {before})"),
                        }
                    })
                    .collect(),
                numbered: false,
                empty: "None.",
            },
        ));
    }
    if !c.unknown_now.is_empty() {
        sections.push(section(
            "No longer known: answered before, not now",
            questions(&c.unknown_now, new.questionnaire),
        ));
    }
    sections.push(section(
        "Next steps no longer needed",
        steps(&c.done, old.score),
    ));
    sections.push(section("New next steps", steps(&c.fresh, new.score)));
    sections
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
        Some(_) => {
            let words = p
                .average
                .map_or_else(String::new, |avg| q.rating_words(avg));
            format!(
                "{} ({} of {} rated)",
                crate::text::first_letter(&words, true),
                p.rated,
                p.total
            )
        }
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

    /// The ladder of a workshop: combined, then each voice that answered, then each role.
    pub fn of_workshop(report: &WorkshopReport) -> Self {
        let q = report.questionnaire;
        let w = report.workshop;
        let voices = [
            (
                "Organisation's roles",
                w.voices.organisation,
                w.by_voice.organisation.0,
            ),
            (
                "People with lived experience",
                w.voices.lived_experience,
                w.by_voice.lived_experience.0,
            ),
        ];
        let columns = std::iter::once(("Combined".to_string(), w.overall))
            .chain(
                voices
                    .into_iter()
                    .filter(|(_, respondents, _)| *respondents > 0)
                    .map(|(name, _, placed)| (name.to_string(), placed)),
            )
            .chain(
                w.roles
                    .iter()
                    .map(|r| (q.roles[r.role].name.clone(), r.overall)),
            )
            .collect();
        Self::new(q, columns)
    }

    /// Top rung first: each rung's name and the names of the columns placed on it.
    pub fn by_rung(&self) -> Vec<(String, Vec<String>)> {
        self.rows
            .iter()
            .map(|(name, marks)| {
                let placed = self
                    .columns
                    .iter()
                    .zip(marks)
                    .filter(|(_, m)| **m)
                    .map(|(c, _)| c.clone())
                    .collect();
                (name.clone(), placed)
            })
            .collect()
    }

    /// Where each column is placed, in words: "Overall: Informing. Culture: Informing."
    pub fn describe(&self) -> String {
        self.columns
            .iter()
            .enumerate()
            .map(|(column, name)| {
                let rung = self
                    .rows
                    .iter()
                    .find(|(_, marks)| marks.get(column).copied().unwrap_or(false))
                    .map_or("not placed", |(rung, _)| rung.as_str());
                format!("{name}: {rung}.")
            })
            .collect::<Vec<_>>()
            .join(" ")
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

/// "3 respondents", "1 role".
pub fn plural(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}

/// A role's respondents' names, or how many gave none.
pub fn names(role: &RoleResult) -> String {
    let unnamed = role.respondents - role.names.len();
    let mut all = role.names.clone();
    if unnamed > 0 {
        all.push(format!("{unnamed} without a name"));
    }
    all.join(", ")
}

/// The overall placement before and after, in words: "Informing → Consultation (up 1
/// rung)", or "not placed, then or now".
pub fn overall_change(report: &CompareReport) -> String {
    let c = report.comparison;
    match c.overall {
        (None, None) => "not placed, then or now".into(),
        (old, new) => format!(
            "{} → {} ({})",
            rung_name(report.old.questionnaire, old),
            rung_name(report.new.questionnaire, new),
            change_words(old, new)
        ),
    }
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
        (None, None) => "still not placed".into(),
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

/// The line under a result's title: organisation, service, date, role, questionnaire.
pub fn subtitle(report: &ScoreReport) -> String {
    let a = report.assessment;
    let q = report.questionnaire;
    format!(
        "{} · {} · assessed {} by {} · {}, version {}",
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

/// "Riverside Home Care · Consultation", or what is known of an invalid file.
pub fn headline(r: &FileResult) -> String {
    let placement = match (&r.placement, r.status) {
        (_, Status::Invalid | Status::Skipped) => return String::new(),
        (Some(Placed { name, .. }), _) => name.clone(),
        (None, _) => "not placed".into(),
    };
    format!(
        "{} · {placement}",
        crate::text::one_line(r.organisation.as_deref().unwrap_or_default())
    )
}

/// "line 6: …" or the message alone for the file as a whole.
pub fn located(reason: &Reason) -> String {
    match reason.line {
        0 => reason.message.clone(),
        line => format!("line {line}: {}", reason.message),
    }
}

/// "5 assessments checked: 2 passed, 3 failed, 0 invalid; policy FILE".
pub fn check_summary(summary: &Summary, policy: &Policy) -> String {
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

/// How `questionnaire list` names a questionnaire: its id for the version in use,
/// `id@version` for an earlier version kept for the assessments made on it.
pub fn listed_id(q: &Questionnaire) -> String {
    match &q.current_version {
        Some(_) => format!("{}@{}", q.id, q.version),
        None => q.id.clone(),
    }
}

/// How `questionnaire list` shows a questionnaire's version: an earlier one says so.
pub fn listed_version(q: &Questionnaire) -> String {
    match &q.current_version {
        Some(current) => format!("{} (earlier; {current} in use)", q.version),
        None => q.version.clone(),
    }
}

/// One area of a handout: a page when printed.
#[derive(Debug, Clone)]
pub struct HandoutArea<'a> {
    /// The area's name.
    pub name: &'a str,
    /// What it covers.
    pub description: &'a str,
    /// Its questions, in the order asked.
    pub questions: Vec<HandoutQuestion<'a>>,
}

/// A question as a handout shows it.
#[derive(Debug, Clone)]
pub struct HandoutQuestion<'a> {
    /// Its number among all questions, as asked (1-based).
    pub number: usize,
    /// Its id (shown to the facilitator only).
    pub id: &'a str,
    /// What is asked, in the handout's voice.
    pub prompt: &'a str,
    /// The explanation, in the handout's voice.
    pub help: Option<&'a str>,
    /// For the facilitator, the wording for people with lived experience, where the
    /// question has one: prompt and help.
    pub lived: Option<(&'a str, Option<&'a str>)>,
    /// The options in the order respondents see them: the text, and for the facilitator
    /// the name of its rung.
    pub options: Vec<(&'a str, Option<&'a str>)>,
}

/// The voice a handout speaks in: its role's, else the organisation's.
pub fn handout_voice(h: &Handout) -> Voice {
    h.role
        .and_then(|r| h.questionnaire.roles.get(r))
        .map_or(Voice::We, |role| role.voice())
}

/// The handout's areas, each with its questions in the handout's voice; options carry
/// their rung only in the facilitator's handout.
pub fn handout_areas<'a>(h: &Handout<'a>) -> Vec<HandoutArea<'a>> {
    let q = h.questionnaire;
    let voice = handout_voice(h);
    let facilitator = h.kind == HandoutKind::Facilitator;
    let mut number = 0;
    q.areas
        .iter()
        .enumerate()
        .map(|(ai, area)| HandoutArea {
            name: &area.name,
            description: &area.description,
            questions: q
                .questions_in(ai)
                .map(|(_, question)| {
                    number += 1;
                    HandoutQuestion {
                        number,
                        id: &question.id,
                        prompt: question.prompt_for(voice),
                        help: question.help_for(voice),
                        lived: question
                            .lived_prompt
                            .as_deref()
                            .filter(|_| facilitator)
                            .map(|p| (p, question.lived_help.as_deref())),
                        options: question
                            .options
                            .iter()
                            .map(|o| {
                                let rung = facilitator.then_some(q.rungs[o.rung].name.as_str());
                                (o.text.as_str(), rung)
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The statements a handout lists, theme by theme (themes without any left out): for a
/// participant those of the handout's voice, for the facilitator all, "We" before "I".
pub fn handout_statements<'a>(h: &Handout<'a>) -> Vec<(&'a str, Vec<&'a Statement>)> {
    let q = h.questionnaire;
    let voices: &[Voice] = match h.kind {
        HandoutKind::Facilitator => &[Voice::We, Voice::I],
        HandoutKind::Participant if handout_voice(h) == Voice::I => &[Voice::I],
        HandoutKind::Participant => &[Voice::We],
    };
    q.themes
        .iter()
        .enumerate()
        .map(|(ti, theme)| {
            let statements = voices
                .iter()
                .flat_map(|&voice| {
                    q.statements
                        .iter()
                        .filter(move |s| s.theme == ti && s.voice == voice)
                })
                .collect();
            (theme.name.as_str(), statements)
        })
        .filter(|(_, statements): &(&str, Vec<&Statement>)| !statements.is_empty())
        .collect()
}

/// What the participant handout asks of the person, before the questions.
pub fn handout_instructions(h: &Handout) -> &'static str {
    match handout_voice(h) {
        Voice::We => {
            "For each question, tick the one answer closest to what your organisation does now, not what you hope or plan to do. If you do not know, tick “Don't know”."
        }
        Voice::I => {
            "For each question, tick the one answer closest to what you see happening now. There are no right or wrong answers. If you do not know, tick “Don't know”."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{article, listed_id, listed_version};

    #[test]
    fn an_earlier_version_is_listed_by_id_and_version_and_marked() {
        let mut q = match crate::questionnaire::bundled("hart") {
            Some(Ok(q)) => q,
            _ => panic!("hart is bundled"),
        };
        assert_eq!(
            (listed_id(&q), listed_version(&q)),
            (q.id.clone(), q.version.clone())
        );
        q.current_version = Some("9.0.0".into());
        assert_eq!(listed_id(&q), format!("hart@{}", q.version));
        assert_eq!(
            listed_version(&q),
            format!("{} (earlier; 9.0.0 in use)", q.version)
        );
    }

    #[test]
    fn article_fits_the_role() {
        assert_eq!(article("Service manager"), "a service manager");
        assert_eq!(article("Unpaid carer"), "an unpaid carer");
    }
}
