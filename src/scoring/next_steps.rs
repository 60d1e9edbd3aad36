//! Next steps: from a placement to a few concrete things to do, most important first.
//!
//! They come from the data, never from code that knows the ladder: answers still needed
//! where an area cannot be placed, the climb from the placed rung to the next, the lowest
//! answers with the practice one rung up (never a practice at or below the rung reached),
//! and the weakest statements with the statements that mirror them. Like the rest of
//! scoring, a pure function of its inputs.

use super::{AreaScore, Placement, chosen};
use crate::assessment::Assessment;
use crate::questionnaire::{QuestionOption, Questionnaire, Voice};

/// How many practice steps and statement steps a result suggests at most.
const PRACTICE_STEPS: usize = 3;
const STATEMENT_STEPS: usize = 2;

/// What a next step is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Answer more questions before a placement can be given.
    Answer,
    /// The climb from the placed rung to the next.
    Climb,
    /// A question answered low, with the practice one rung up.
    Practice,
    /// A weakly rated statement.
    Statement,
}

impl StepKind {
    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            StepKind::Answer => "answer",
            StepKind::Climb => "climb",
            StepKind::Practice => "practice",
            StepKind::Statement => "statement",
        }
    }
}

/// One concrete thing to do next.
#[derive(Debug, Clone, PartialEq)]
pub struct NextStep {
    /// What kind of step.
    pub kind: StepKind,
    /// The step, in words.
    pub text: String,
    /// The area it is about, if any.
    pub area: Option<usize>,
    /// The question it is about, if any.
    pub question: Option<usize>,
    /// The statement it is about, if any.
    pub statement: Option<usize>,
    /// The rung it leads to, if any.
    pub rung: Option<usize>,
}

impl NextStep {
    /// A step of `kind` about nothing in particular yet.
    fn new(kind: StepKind, text: String) -> Self {
        NextStep {
            kind,
            text,
            area: None,
            question: None,
            statement: None,
            rung: None,
        }
    }
}

/// The next steps for an assessment placed `overall` and per area: answers needed first,
/// then the climb, the practices and the statements.
pub(super) fn next_steps(
    q: &Questionnaire,
    a: &Assessment,
    overall: &Placement,
    areas: &[AreaScore],
) -> Vec<NextStep> {
    let mut steps = answer_steps(q, areas);
    steps.extend(climb_step(q, overall.rung));
    steps.extend(practice_steps(q, a, overall.rung));
    steps.extend(statement_steps(q, a));
    steps
}

/// For each area without a placement, how many more answers it needs.
fn answer_steps(q: &Questionnaire, areas: &[AreaScore]) -> Vec<NextStep> {
    areas
        .iter()
        .filter(|s| s.placement.rung.is_none())
        .map(|s| {
            let more = s.needed - s.answered;
            NextStep {
                area: Some(s.area),
                ..NextStep::new(
                    StepKind::Answer,
                    format!(
                        "Answer {more} more {} in {} ({} of {} answered). Where nobody knows, finding out is a step in itself: ask the people who would.",
                        if more == 1 { "question" } else { "questions" },
                        q.areas[s.area].name,
                        s.answered,
                        s.total
                    ),
                )
            }
        })
        .collect()
}

/// The climb from the placed rung to the next (on the top rung: how to keep it).
fn climb_step(q: &Questionnaire, overall: Option<usize>) -> Option<NextStep> {
    let r = overall?;
    let rung = &q.rungs[r];
    let text = match q.rungs.get(r + 1) {
        Some(next) => format!("Climb from {} to {}: {}", rung.name, next.name, rung.climb),
        None => format!("Keep {}: {}", rung.name, rung.climb),
    };
    Some(NextStep {
        rung: Some((r + 1).min(q.rungs.len() - 1)),
        ..NextStep::new(StepKind::Climb, text)
    })
}

/// An answer that a practice one rung up could improve.
struct Low<'q> {
    level: usize,
    question: usize,
    now: &'q QuestionOption,
    up: &'q QuestionOption,
}

/// The lowest answers that have a practice above them, with that practice: below the
/// overall placement when there is one, else simply the lowest.
fn practice_steps(q: &Questionnaire, a: &Assessment, overall: Option<usize>) -> Vec<NextStep> {
    let mut low: Vec<Low> = (0..q.questions.len())
        .filter_map(|qi| {
            let now = chosen(q, a, qi)?;
            let up = q.questions[qi].option_above(now.rung)?;
            Some(Low {
                level: now.rung,
                question: qi,
                now,
                up,
            })
        })
        .filter(|l| overall.is_none_or(|r| l.level <= r))
        .collect();
    low.sort_by_key(|l| (l.level, l.question));
    if let Some(r) = overall
        && low.iter().any(|l| l.level < r)
    {
        low.retain(|l| l.level < r);
    }
    low.iter()
        .take(PRACTICE_STEPS)
        .map(|l| {
            let question = &q.questions[l.question];
            NextStep {
                area: Some(question.area),
                question: Some(l.question),
                rung: Some(l.up.rung),
                ..NextStep::new(
                    StepKind::Practice,
                    format!(
                        "{}: “{}” Now: “{}” ({}). One rung up: “{}” ({}).",
                        q.areas[question.area].name,
                        question.prompt,
                        l.now.text,
                        q.rungs[l.level].name,
                        l.up.text,
                        q.rungs[l.up.rung].name
                    ),
                )
            }
        })
        .collect()
}

/// The weakest statements, lowest rating first. "We" statements are the organisation's
/// commitments and come first; a lived-experience respondent rates "I" statements instead.
fn statement_steps(q: &Questionnaire, a: &Assessment) -> Vec<NextStep> {
    let top = q.ratings.len().saturating_sub(1);
    let mut weak: Vec<(usize, usize)> = a
        .ratings
        .iter()
        .enumerate()
        .filter_map(|(si, r)| r.map(|r| (r, si)))
        .filter(|&(r, _)| r < top)
        .collect();
    weak.sort_by_key(|&(r, si)| (q.statements[si].voice != Voice::We, r, si));
    weak.iter()
        .take(STATEMENT_STEPS)
        .map(|&(r, si)| NextStep {
            statement: Some(si),
            ..NextStep::new(StepKind::Statement, statement_text(q, si, r))
        })
        .collect()
}

/// What to do about statement `si`, rated `rating`: make a "We" statement true and ask
/// whether people agree, or work on the commitment an "I" statement mirrors.
fn statement_text(q: &Questionnaire, si: usize, rating: usize) -> String {
    let s = &q.statements[si];
    let rating = q.ratings[rating].name.to_lowercase();
    match s.voice {
        Voice::We => {
            let mirror = s
                .mirrors
                .first()
                .map(|&m| {
                    format!(
                        " Ask the people it is about whether they would say: “{}”",
                        q.statements[m].text
                    )
                })
                .unwrap_or_default();
            format!("Make this true: “{}” (rated {rating}).{mirror}", s.text)
        }
        Voice::I => {
            let commitment = q
                .statements
                .iter()
                .find(|w| w.mirrors.contains(&si))
                .map(|w| format!(" The organisation's commitment to work on: “{}”", w.text))
                .unwrap_or_default();
            format!("People say “{}” is {rating} true.{commitment}", s.text)
        }
    }
}
