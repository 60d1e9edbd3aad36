//! Putting an interview away and picking it up again, e.g. when a participant's phone goes
//! to sleep and a server holding many interviews keeps only their states.
//!
//! A [`State`] is where the interview is and how it got there, without the answers (they
//! are in the assessment, saved after each one). It serialises with serde to any format.
//! [`Interview::restore`] trusts nothing in it: a state may be stale (the questionnaire was
//! changed, or the respondent's role) or written by someone hostile, and it is refused with
//! a [`StateError`] rather than allowed to panic later. This module does no I/O.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Interview, Stage, Step, plan_of, voice_of};
use crate::assessment::{Answer, Assessment};
use crate::questionnaire::Questionnaire;

/// Where an interview is and how it got there, to save and restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// The questionnaire's fingerprint, to tell a state made with another version.
    fingerprint: String,
    plan: Vec<Step>,
    stage: Stage,
    history: Vec<Stage>,
    replied: Vec<bool>,
    revisit: Option<Vec<usize>>,
}

/// Why a saved state cannot be restored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StateError {
    /// The state was saved with another version of the questionnaire.
    #[error(
        "the interview was saved with another version of the questionnaire `{0}`: carry on from the assessment file instead"
    )]
    Questionnaire(String),
    /// The assessment is not one of this questionnaire.
    #[error("the assessment does not fit the questionnaire `{questionnaire}`: {problem}")]
    Assessment {
        /// The questionnaire's id.
        questionnaire: String,
        /// What does not fit.
        problem: &'static str,
    },
    /// The state asks other steps than this assessment's respondent is asked, e.g. after
    /// a change of role.
    #[error(
        "the interview was saved for other questions than this respondent is asked: carry on from the assessment file instead"
    )]
    Plan,
    /// The state points at a step that does not exist, or could not be there.
    #[error("the saved interview is not one this questionnaire can be at: {0}")]
    Step(&'static str),
}

impl Interview {
    /// Where the interview is, to restore it later with [`Interview::restore`].
    pub fn state(&self) -> State {
        State {
            fingerprint: self.q.fingerprint.clone(),
            plan: self.plan.clone(),
            stage: self.stage,
            history: self.history.clone(),
            replied: self.replied.clone(),
            revisit: self.revisit.clone(),
        }
    }

    /// Picks up an interview of `assessment` where `state` left it, once the state is shown
    /// to fit the questionnaire and the assessment.
    pub fn restore(
        q: Arc<Questionnaire>,
        assessment: Assessment,
        state: State,
    ) -> Result<Interview, StateError> {
        if state.fingerprint != q.fingerprint {
            return Err(StateError::Questionnaire(q.id.clone()));
        }
        if let Some(problem) = misfit(&q, &assessment) {
            return Err(StateError::Assessment {
                questionnaire: q.id.clone(),
                problem,
            });
        }
        let voice = voice_of(&q, &assessment);
        if state.plan != plan_of(&q, voice) {
            return Err(StateError::Plan);
        }
        check_steps(&state)?;
        Ok(Interview {
            q,
            assessment,
            plan: state.plan,
            stage: state.stage,
            history: state.history,
            replied: state.replied,
            revisit: state.revisit,
            evidence_prompts: true,
            voice,
        })
    }
}

/// What makes `assessment` unfit to be asked with `q`, if anything.
fn misfit(q: &Questionnaire, assessment: &Assessment) -> Option<&'static str> {
    let chosen_fits = |(qi, answer): (usize, &Answer)| match answer {
        Answer::Chosen(o) => q.questions.get(qi).is_some_and(|qn| *o < qn.options.len()),
        Answer::Unanswered | Answer::DontKnow | Answer::Skipped => true,
    };
    if assessment.role >= q.roles.len() {
        Some("its role is not one of the questionnaire's")
    } else if assessment.answers.len() != q.questions.len()
        || assessment.evidence.len() != q.questions.len()
    {
        Some("it has answers for another number of questions")
    } else if assessment.ratings.len() != q.statements.len() {
        Some("it has ratings for another number of statements")
    } else if !assessment.answers.iter().enumerate().all(chosen_fits) {
        Some("an answer names an option its question does not have")
    } else if assessment
        .ratings
        .iter()
        .flatten()
        .any(|&r| r >= q.ratings.len())
    {
        Some("a rating is not on the questionnaire's scale")
    } else {
        None
    }
}

/// Checks that every step a state names is in its plan, and that evidence and revisits
/// name questions. The plan itself is checked already.
fn check_steps(state: &State) -> Result<(), StateError> {
    let is_question = |n: usize| matches!(state.plan.get(n), Some(Step::Question(_)));
    let stage_fits = |stage: &Stage| match *stage {
        Stage::Asking(n) => n < state.plan.len(),
        Stage::Evidence(n) => is_question(n),
        Stage::Review | Stage::Done => true,
    };
    if state.replied.len() != state.plan.len() {
        return Err(StateError::Step(
            "it records replies for another number of steps",
        ));
    }
    if !stage_fits(&state.stage) || !state.history.iter().all(stage_fits) {
        return Err(StateError::Step("it names a step the plan does not have"));
    }
    if let Some(queue) = &state.revisit
        && !queue.iter().all(|&n| n < state.plan.len())
    {
        return Err(StateError::Step(
            "it revisits a step the plan does not have",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::{choose_on, option_on, question_id, start, tlap, to_review};
    use super::*;
    use crate::interview::{Outcome, Prompt, Reply};

    /// The state through JSON and back, as a server would keep it.
    fn through_json(state: &State) -> State {
        let json = serde_json::to_string(state).expect("a state serialises");
        serde_json::from_str(&json).expect("and deserialises")
    }

    fn restored(i: &Interview) -> Interview {
        Interview::restore(
            i.questionnaire().clone(),
            i.assessment().clone(),
            through_json(&i.state()),
        )
        .expect("a state fits the interview it came from")
    }

    #[test]
    fn a_state_in_the_middle_of_evidence_comes_back_where_it_was() {
        let q = tlap();
        let top = q.rungs.len() - 1;
        let mut i = start(&q, "commissioner");
        choose_on(&mut i, 1);
        let asked = question_id(&i);
        i.reply(Reply::Choose(option_on(&i, top)));
        let mut r = restored(&i);
        assert_eq!(r.state(), i.state());
        let Prompt::Evidence { question, .. } = r.prompt() else {
            panic!("the evidence is asked again");
        };
        assert_eq!(question.id, asked);
        // Back still retraces the steps taken before the state was saved.
        assert_eq!(r.reply(Reply::Back), Outcome::Moved);
        assert_eq!(question_id(&r), asked);
        assert_eq!(r.reply(Reply::Back), Outcome::Moved);
        assert!(matches!(r.prompt(), Prompt::Evidence { .. }));
        assert_eq!(r.reply(Reply::Back), Outcome::Moved);
        assert_eq!(r.reply(Reply::Back), Outcome::AtStart);
        // And both go on alike.
        i.reply(Reply::Evidence(Some("Minutes".into())));
        let mut r = restored(&i);
        i.reply(Reply::Choose(0));
        r.reply(Reply::Choose(0));
        i.reply(Reply::Evidence(None));
        r.reply(Reply::Evidence(None));
        assert_eq!(r.state(), i.state());
        assert_eq!(r.assessment().evidence, i.assessment().evidence);
    }

    #[test]
    fn a_state_in_the_middle_of_a_review_revisit_comes_back_where_it_was() {
        let q = tlap();
        let (mut i, skipped) = to_review(&q, |n| (n % 7 == 0).then_some(Reply::Skip));
        assert_eq!(i.reply(Reply::Revisit), Outcome::Moved);
        choose_on(&mut i, 2);
        assert_eq!(question_id(&i), skipped[1]);
        let mut r = restored(&i);
        assert_eq!(question_id(&r), skipped[1]);
        assert_eq!(r.reply(Reply::Back), i.reply(Reply::Back));
        assert_eq!(r.reply(Reply::Back), i.reply(Reply::Back));
        assert_eq!(question_id(&r), skipped[0]);
        let lower = Reply::Choose(option_on(&r, 1));
        for reply in [lower, Reply::Evidence(None), Reply::DontKnow] {
            assert_eq!(r.reply(reply.clone()), i.reply(reply));
            assert_eq!(r.state(), i.state());
        }
        assert_eq!(question_id(&r), skipped[2]);
    }

    #[test]
    fn a_state_that_does_not_fit_is_refused() {
        let q = tlap();
        let mut i = start(&q, "commissioner");
        i.reply(Reply::Choose(option_on(&i, q.rungs.len() - 1)));
        let good = i.state();
        let refused = |state: State| {
            Interview::restore(q.clone(), i.assessment().clone(), state)
                .map(|_| ())
                .expect_err("refused")
        };
        let mut bad = good.clone();
        bad.stage = Stage::Asking(bad.plan.len());
        assert!(matches!(refused(bad), StateError::Step(_)));
        let mut bad = good.clone();
        bad.stage = Stage::Evidence(bad.plan.len() - 1);
        assert!(matches!(refused(bad), StateError::Step(_)), "a statement");
        let mut bad = good.clone();
        bad.history.push(Stage::Evidence(usize::MAX));
        assert!(matches!(refused(bad), StateError::Step(_)));
        let mut bad = good.clone();
        bad.replied.pop();
        assert!(matches!(refused(bad), StateError::Step(_)));
        let mut bad = good.clone();
        bad.revisit = Some(vec![0, good.plan.len()]);
        assert!(matches!(refused(bad), StateError::Step(_)));
        let mut bad = good.clone();
        bad.plan.swap(0, 1);
        assert_eq!(refused(bad), StateError::Plan);
        let mut bad = good.clone();
        bad.fingerprint.push('x');
        assert!(matches!(refused(bad), StateError::Questionnaire(_)));

        // Another role asks other statements.
        let other = start(&q, "person-drawing-on-support");
        let err = Interview::restore(q.clone(), other.assessment().clone(), good.clone())
            .map(|_| ())
            .expect_err("another plan");
        assert_eq!(err, StateError::Plan);
        // An assessment of another shape.
        let mut short = i.assessment().clone();
        short.answers.pop();
        let err = Interview::restore(q.clone(), short, good)
            .map(|_| ())
            .expect_err("another shape");
        assert!(matches!(err, StateError::Assessment { .. }), "{err}");
        // Text that is not a state at all.
        for text in ["{}", r#"{"stage": "nowhere"}"#, "[1, 2]"] {
            assert!(serde_json::from_str::<State>(text).is_err(), "{text}");
        }
    }
}
