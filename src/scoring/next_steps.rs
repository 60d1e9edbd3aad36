//! Next steps: from a placement to a few concrete things to do, most important first.
//!
//! They come from the data, never from code that knows the ladder: answers still needed
//! where an area cannot be placed; the climb from the placed rung to the next (for each
//! placed area when the organisation is not placed yet); the questions that hold the
//! placement back, each with its practice on the rung to climb to, from different areas
//! where they can (never a practice at or below the rung reached); and the weakest
//! statements with the statements that mirror them. A workshop uses the climb and the
//! practices too, from where the room stands. Like the rest of scoring, a pure function of
//! its inputs.

use super::{AreaScore, level};
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
    /// Where the organisation and people with lived experience see things differently.
    Gap,
}

impl StepKind {
    /// The id used in JSON.
    pub fn id(self) -> &'static str {
        match self {
            StepKind::Answer => "answer",
            StepKind::Climb => "climb",
            StepKind::Practice => "practice",
            StepKind::Statement => "statement",
            StepKind::Gap => "gap",
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
    pub fn new(kind: StepKind, text: String) -> Self {
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

/// Where an assessment, or a room together, stands: what next steps are worked out from.
#[derive(Debug, Clone, Copy)]
pub struct Standing<'a> {
    /// The overall placement.
    pub overall: Option<usize>,
    /// Each area's placement.
    pub areas: &'a [Option<usize>],
    /// The rung each question is answered on: one assessment's answer, or where the room's
    /// answers to it place it; `None` without an answer.
    pub levels: &'a [Option<usize>],
}

/// The next steps for one assessment placed as `areas` say: answers needed first, then the
/// climb, the practices and the statements.
pub(super) fn next_steps(
    q: &Questionnaire,
    a: &Assessment,
    overall: Option<usize>,
    areas: &[AreaScore],
) -> Vec<NextStep> {
    let placed: Vec<Option<usize>> = areas.iter().map(|s| s.placement.rung).collect();
    let levels: Vec<Option<usize>> = (0..q.questions.len()).map(|qi| level(q, a, qi)).collect();
    let standing = Standing {
        overall,
        areas: &placed,
        levels: &levels,
    };
    let mut steps = answer_steps(q, areas);
    steps.extend(climb_steps(q, &standing));
    steps.extend(practice_steps(q, &standing));
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

/// The climb from the placed rung to the next (on the top rung: how to keep it); when the
/// organisation is not placed yet, the climb of each area that is.
pub fn climb_steps(q: &Questionnaire, standing: &Standing) -> Vec<NextStep> {
    if let Some(r) = standing.overall {
        return vec![climb(q, r, None)];
    }
    standing
        .areas
        .iter()
        .enumerate()
        .filter_map(|(area, placed)| placed.map(|r| climb(q, r, Some(area))))
        .collect()
}

/// The climb from rung `r`, for the organisation or for one area.
fn climb(q: &Questionnaire, r: usize, area: Option<usize>) -> NextStep {
    let rung = &q.rungs[r];
    let text = match q.rungs.get(r + 1) {
        Some(next) => format!("Climb from {} to {}: {}", rung.name, next.name, rung.climb),
        None => format!("Keep {}: {}", rung.name, rung.climb),
    };
    let text = match area {
        Some(area) => format!(
            "{}: {}",
            q.areas[area].name,
            crate::text::first_letter(&text, false)
        ),
        None => text,
    };
    NextStep {
        area,
        rung: Some((r + 1).min(q.rungs.len() - 1)),
        ..NextStep::new(StepKind::Climb, text)
    }
}

/// A question that holds a placement back, and the practice on the rung to climb to.
#[derive(Clone, Copy)]
struct Holding<'q> {
    level: usize,
    question: usize,
    area: usize,
    now: Option<&'q QuestionOption>,
    up: &'q QuestionOption,
}

/// The questions that hold the placement back (answered at or below the rung reached:
/// the organisation's, or the area's while the organisation is not placed), lowest first and
/// from different areas where they can, each with the practice on the rung to climb to, or
/// the nearest above it where the question has none there.
pub fn practice_steps(q: &Questionnaire, standing: &Standing) -> Vec<NextStep> {
    let mut by_area: Vec<Vec<Holding>> = vec![Vec::new(); q.areas.len()];
    for (qi, question) in q.questions.iter().enumerate() {
        let Some(level) = standing.levels[qi] else {
            continue;
        };
        let Some(reached) = standing.overall.or(standing.areas[question.area]) else {
            continue;
        };
        if level > reached {
            continue;
        }
        let target = question
            .options
            .iter()
            .find(|o| o.rung == reached + 1)
            .or_else(|| question.option_above(reached));
        if let Some(up) = target {
            by_area[question.area].push(Holding {
                level,
                question: qi,
                area: question.area,
                now: question.options.iter().find(|o| o.rung == level),
                up,
            });
        }
    }
    for list in &mut by_area {
        list.sort_by_key(|h| (h.level, h.question));
    }
    // Round by round, the lowest of each area's next candidates first.
    let mut chosen: Vec<Holding> = Vec::new();
    let mut round = 0;
    while chosen.len() < PRACTICE_STEPS {
        let mut this_round: Vec<&Holding> = by_area.iter().filter_map(|l| l.get(round)).collect();
        if this_round.is_empty() {
            break;
        }
        this_round.sort_by_key(|h| (h.level, h.question));
        for h in this_round.into_iter().take(PRACTICE_STEPS - chosen.len()) {
            chosen.push(*h);
        }
        round += 1;
    }
    chosen.iter().map(|h| practice(q, h)).collect()
}

fn practice(q: &Questionnaire, h: &Holding) -> NextStep {
    let question = &q.questions[h.question];
    let now = match h.now {
        Some(option) => format!("“{}” ({})", option.text, q.rungs[h.level].name),
        None => q.rungs[h.level].name.clone(),
    };
    NextStep {
        area: Some(h.area),
        question: Some(h.question),
        rung: Some(h.up.rung),
        ..NextStep::new(
            StepKind::Practice,
            format!(
                "{}: “{}” Now: {now}. To reach {}: “{}”",
                q.areas[h.area].name, question.prompt, q.rungs[h.up.rung].name, h.up.text
            ),
        )
    }
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
