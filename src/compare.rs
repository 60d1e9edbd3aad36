//! Progress between two assessments: what moved, what is done, what is new.
//!
//! The two may answer different versions of a questionnaire: questions, areas and rungs
//! are matched by id, and the questions only one of them has are listed as added or
//! removed, those asked in other words as reworded. Rungs are compared by level (0 = the bottom rung). A pure function of its
//! inputs, like scoring.

use crate::assessment::{Answer, Assessment};
use crate::questionnaire::{Questionnaire, Voice};
use crate::scoring::{NextStep, Score, StepKind};

/// A question answered on different rungs in the two assessments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The question in the old questionnaire.
    pub old_question: usize,
    /// The question in the new questionnaire.
    pub new_question: usize,
    /// The option chosen before (index into the old question's options).
    pub old_option: usize,
    /// The option chosen now.
    pub new_option: usize,
}

/// One area's placement before and after, by level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaChange {
    /// The area in the new questionnaire.
    pub area: usize,
    /// The old placement (a rung of the old questionnaire), if the old questionnaire has
    /// the area and placed it.
    pub old: Option<usize>,
    /// The new placement.
    pub new: Option<usize>,
}

/// What changed between two assessments.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The overall placement before and after.
    pub overall: (Option<usize>, Option<usize>),
    /// Each area of the new questionnaire.
    pub areas: Vec<AreaChange>,
    /// Questions answered on a higher rung now, most rungs first.
    pub up: Vec<Moved>,
    /// Questions answered on a lower rung now, most rungs first.
    pub down: Vec<Moved>,
    /// Questions only the new questionnaire has.
    pub added: Vec<usize>,
    /// Questions only the old questionnaire has.
    pub removed: Vec<usize>,
    /// Questions both have, asked in other words now (indexes into the new questionnaire's
    /// questions): the same id with another prompt in the respondent's voice ([`Self::voice`]).
    /// Their answers are still compared, but the question may not mean quite what it did.
    pub reworded: Vec<usize>,
    /// The voice of the new assessment's respondent: the wording that counts for
    /// [`Self::reworded`].
    pub voice: Voice,
    /// Questions answered with an option before and "don't know", skipped or not reached
    /// now (indexes into the new questionnaire's questions): not progress, a gap to fill.
    pub unknown_now: Vec<usize>,
    /// Old next steps that are no longer needed (indexes into the old score's steps); a
    /// step about a question no longer known is not among them.
    pub done: Vec<usize>,
    /// New next steps that were not there before (indexes into the new score's steps).
    pub fresh: Vec<usize>,
    /// What may make the comparison misleading: the two dated the same day, or the newer
    /// one dated before the older.
    pub warnings: Vec<String>,
}

/// Compares an old assessment (and its score) with a new one.
pub fn compare(
    (old_q, old, old_score): (&Questionnaire, &Assessment, &Score),
    (new_q, new, new_score): (&Questionnaire, &Assessment, &Score),
) -> Comparison {
    let mut up = Vec::new();
    let mut down = Vec::new();
    let mut added = Vec::new();
    let mut reworded = Vec::new();
    let mut unknown_now = Vec::new();
    let voice = new_q.roles[new.role].voice();
    for (nq, question) in new_q.questions.iter().enumerate() {
        let Some(oq) = old_q.question(&question.id) else {
            added.push(nq);
            continue;
        };
        let before = &old_q.questions[oq];
        if before.prompt_for(voice) != question.prompt_for(voice) {
            reworded.push(nq);
        }
        if matches!(old.answers[oq], Answer::Chosen(_))
            && !matches!(new.answers[nq], Answer::Chosen(_))
        {
            unknown_now.push(nq);
        }
        if let (Answer::Chosen(o), Answer::Chosen(n)) = (old.answers[oq], new.answers[nq]) {
            let (before, after) = (
                old_q.questions[oq].options[o].rung,
                question.options[n].rung,
            );
            let moved = Moved {
                old_question: oq,
                new_question: nq,
                old_option: o,
                new_option: n,
            };
            if after > before {
                up.push((after - before, moved));
            } else if after < before {
                down.push((before - after, moved));
            }
        }
    }
    let by_size = |list: Vec<(usize, Moved)>| {
        let mut list = list;
        list.sort_by_key(|(size, m)| (std::cmp::Reverse(*size), m.new_question));
        list.into_iter().map(|(_, m)| m).collect()
    };
    let removed = old_q
        .questions
        .iter()
        .enumerate()
        .filter(|(_, x)| new_q.question(&x.id).is_none())
        .map(|(i, _)| i)
        .collect();
    let areas = new_q
        .areas
        .iter()
        .enumerate()
        .map(|(area, a)| AreaChange {
            area,
            old: old_q
                .area(&a.id)
                .and_then(|o| old_score.areas[o].placement.rung),
            new: new_score.areas[area].placement.rung,
        })
        .collect();
    let old_steps = Subject::all(old_q, old_score);
    let new_steps = Subject::all(new_q, new_score);
    let unknown_ids: Vec<&str> = unknown_now
        .iter()
        .map(|&nq| new_q.questions[nq].id.as_str())
        .collect();
    // A step about a question is done only when the question is answered now, and a
    // practice only when the answer reaches the rung the practice led to.
    let reached = |step: &Subject| {
        let Some(id) = step.question else {
            return true;
        };
        if unknown_ids.contains(&id) {
            return false;
        }
        match (
            step.kind,
            new_q.question(id),
            step.rung.and_then(|r| new_q.rung(r)),
        ) {
            (StepKind::Practice, Some(nq), Some(target)) => {
                crate::scoring::level(new_q, new, nq).is_some_and(|level| level >= target)
            }
            _ => true,
        }
    };
    let done = only_in(&old_steps, &new_steps)
        .into_iter()
        .filter(|&i| reached(&old_steps[i]))
        .collect();
    Comparison {
        overall: (old_score.overall.rung, new_score.overall.rung),
        areas,
        up: by_size(up),
        down: by_size(down),
        added,
        removed,
        reworded,
        voice,
        unknown_now,
        done,
        fresh: only_in(&new_steps, &old_steps),
        warnings: date_warnings(old, new),
    }
}

/// A warning when the newer assessment is not dated after the older one.
fn date_warnings(old: &Assessment, new: &Assessment) -> Vec<String> {
    if new.assessed == old.assessed {
        vec![format!(
            "both assessments are dated {}: progress shows over time, so compare assessments made on different days",
            new.assessed
        )]
    } else if new.assessed < old.assessed {
        vec![format!(
            "the newer assessment is dated {}, before the older one ({}): name the older file first, then the newer",
            new.assessed, old.assessed
        )]
    } else {
        Vec::new()
    }
}

/// The indexes of the steps in `these` that `those` does not have.
fn only_in(these: &[Subject], those: &[Subject]) -> Vec<usize> {
    these
        .iter()
        .enumerate()
        .filter(|(_, step)| !those.contains(step))
        .map(|(i, _)| i)
        .collect()
}

/// What a next step is about, by ids, so that steps of two questionnaires compare: two
/// steps are the same when they are of the same kind about the same area, question,
/// statement and rung, whatever their wording.
#[derive(Debug, PartialEq, Eq)]
struct Subject<'q> {
    kind: StepKind,
    area: Option<&'q str>,
    question: Option<&'q str>,
    statement: Option<&'q str>,
    rung: Option<&'q str>,
}

impl<'q> Subject<'q> {
    fn of(q: &'q Questionnaire, step: &NextStep) -> Self {
        Subject {
            kind: step.kind,
            area: step.area.map(|i| q.areas[i].id.as_str()),
            question: step.question.map(|i| q.questions[i].id.as_str()),
            statement: step.statement.map(|i| q.statements[i].id.as_str()),
            rung: step.rung.map(|i| q.rungs[i].id.as_str()),
        }
    }

    /// What each of `score`'s next steps is about, in order.
    fn all(q: &'q Questionnaire, score: &Score) -> Vec<Self> {
        score.next_steps.iter().map(|s| Subject::of(q, s)).collect()
    }
}
