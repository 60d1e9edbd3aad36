//! The self-audit as a state machine: where we are, what was answered, what comes next.
//!
//! Every face of the interview (the rich terminal, the plain lines, a web form) drives this
//! same machine, so they cannot drift apart, and the flow is tested here without a
//! terminal. A face shows [`Interview::prompt`], which carries everything there is to show,
//! turns what the person gave into a [`Reply`], and hands it back. The prompt carries each
//! question in the respondent's own words (people with lived experience are asked its
//! `lived_prompt` where it has one): the machine chooses the wording, never a face.
//! [`session`] wraps the machine with the assessment file: it sets a new one up, resumes
//! one, and saves after every change. [`words`] holds the wording every face shares. [`State`] lets a face that
//! keeps many interviews (a server) put one away and pick it up again.
//!
//! The flow: the placement questions area by area, then the Making it Real statements of
//! the respondent's voice ("We" for organisation roles, "I" for people with lived
//! experience), then a review of the questions skipped or answered "don't know" and the
//! statements skipped, then done. Every chosen option is followed by an optional evidence
//! note, whatever its rung: nothing asked after an answer depends on the answer, so the
//! flow never gives away which options stand high on the ladder. A face may take the note
//! with the answer ([`Reply::ChooseWithEvidence`]), and a session may turn the evidence
//! step off ([`Interview::without_evidence_prompts`]) so that every answer is one reply.
//! Back retraces every step, evidence and review included.
//!
//! The machine itself must not do I/O of any kind (no files, no terminal, no printing);
//! only [`session`] writes, and only the assessment file.

pub mod session;
mod state;
pub mod words;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use state::{State, StateError};

use crate::assessment::{Answer, Assessment};
use crate::questionnaire::{Question, Questionnaire, Rating, Statement, Voice};

/// One thing to ask, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Step {
    /// A placement question (index into the questionnaire's questions).
    Question(usize),
    /// A Making it Real statement (index into the questionnaire's statements).
    Statement(usize),
}

/// Where the interview is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Stage {
    /// Asking step `n` of the plan.
    Asking(usize),
    /// Asking for evidence for the question of step `n`.
    Evidence(usize),
    /// Offering to revisit skipped and "don't know" questions.
    Review,
    /// Finished.
    Done,
}

/// What to show the person now: everything a face needs, with nothing else in hand.
#[derive(Debug, Clone)]
pub enum Prompt<'a> {
    /// A placement question.
    Question {
        /// The question: its id and options.
        question: &'a Question,
        /// What to ask, in the respondent's own words (see [`Question::prompt_for`]):
        /// faces show this, never `question.prompt`.
        prompt: &'a str,
        /// The explanation to give on request, in the respondent's own words.
        help: Option<&'a str>,
        /// Its area's name.
        area: &'a str,
        /// Its position in its area (1-based) and the area's size.
        in_area: (usize, usize),
        /// Its position among all questions (1-based) and their number.
        overall: (usize, usize),
        /// The current answer, if it was answered before.
        current: Answer,
    },
    /// The optional evidence note after a chosen option (any option: the step must not
    /// tell which options stand high on the ladder).
    Evidence {
        /// The question just answered.
        question: &'a Question,
        /// What it asked, in the respondent's own words.
        prompt: &'a str,
        /// The note given before, if any.
        current: Option<&'a str>,
    },
    /// A Making it Real statement to rate.
    Statement {
        /// The statement.
        statement: &'a Statement,
        /// Its theme's name.
        theme: &'a str,
        /// Its position among the statements asked (1-based) and their number.
        position: (usize, usize),
        /// The scale to rate it on, lowest first: [`Reply::Choose`] names one by index.
        scale: &'a [Rating],
        /// The current rating (index into `scale`), if any.
        current: Option<usize>,
        /// Before the first statement: what the statements are and how to rate them.
        intro: Option<String>,
    },
    /// Questions skipped or answered "don't know", and statements skipped, can be revisited
    /// before finishing.
    Review {
        /// The questions, in the order asked.
        pending: Vec<Pending<'a>>,
        /// The statements without a rating, in the order asked.
        statements: Vec<&'a Statement>,
    },
    /// Nothing left to ask.
    Done,
}

/// A question still without an option, as the review lists it.
#[derive(Debug, Clone, Copy)]
pub struct Pending<'a> {
    /// The question.
    pub question: &'a Question,
    /// What it asks, in the respondent's own words.
    pub prompt: &'a str,
}

impl Prompt<'_> {
    /// Where the person is, for a question or statement: "Practice · 3 of 6 · 15 of 24",
    /// "Statements · 2 of 14 · Workforce".
    pub fn progress(&self) -> String {
        match self {
            Prompt::Question {
                area,
                in_area,
                overall,
                ..
            } => words::question_progress(area, *in_area, *overall),
            Prompt::Statement {
                theme, position, ..
            } => words::statement_progress(theme, *position),
            Prompt::Evidence { .. } | Prompt::Review { .. } | Prompt::Done => String::new(),
        }
    }
}

/// What the person answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Option `n` of the question (index in display order), or rating `n` of a statement.
    Choose(usize),
    /// Option `n` of the question with its evidence note, given together: the evidence
    /// step is not asked.
    ChooseWithEvidence(usize, String),
    /// "Don't know" (questions only).
    DontKnow,
    /// Skip for now.
    Skip,
    /// Go back one step.
    Back,
    /// The evidence note (`None` or empty: no note).
    Evidence(Option<String>),
    /// In the review: go through the pending questions again.
    Revisit,
    /// In the review: finish now.
    Finish,
}

/// What a reply did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The assessment changed: save it.
    Changed,
    /// Moved without changing anything.
    Moved,
    /// Back at the very first step: there is nothing before it.
    AtStart,
    /// The reply does not fit the prompt (e.g. "don't know" for a statement); nothing
    /// happened.
    Refused,
}

/// A self-audit in progress. It shares its questionnaire, so that many interviews of one
/// questionnaire can be held at once.
#[derive(Debug, Clone)]
pub struct Interview {
    q: Arc<Questionnaire>,
    assessment: Assessment,
    plan: Vec<Step>,
    stage: Stage,
    history: Vec<Stage>,
    /// Steps given a reply (or answered before the interview started), by plan index: the
    /// interview moves on to the next step without one.
    replied: Vec<bool>,
    /// The steps still to revisit, while going through the review.
    revisit: Option<Vec<usize>>,
    /// Ask for an evidence note after each chosen option.
    evidence_prompts: bool,
    /// The respondent's voice: which wording of each question they are asked, and which
    /// statements they rate.
    voice: Voice,
}

/// The respondent's voice: the one place an interview decides which wording of each
/// question a respondent is asked and which statements they rate. An assessment bound to
/// `q` has one of its roles; `We` only guards the impossible.
fn voice_of(q: &Questionnaire, assessment: &Assessment) -> Voice {
    q.roles
        .get(assessment.role)
        .map_or(Voice::We, |role| role.voice())
}

/// The steps of an interview of `assessment`: every question, area by area, then the
/// statements of the respondent's voice.
fn plan_of(q: &Questionnaire, voice: Voice) -> Vec<Step> {
    let mut plan: Vec<Step> = (0..q.areas.len())
        .flat_map(|area| q.questions_in(area).map(|(qi, _)| Step::Question(qi)))
        .collect();
    plan.extend(
        q.statements
            .iter()
            .enumerate()
            .filter(|(_, s)| s.voice == voice)
            .map(|(si, _)| Step::Statement(si)),
    );
    plan
}

impl Interview {
    /// Starts, or resumes, an interview: it begins at the first step not yet answered.
    /// `assessment` is one of `q` (made by [`Assessment::new`] or loaded against it).
    pub fn new(q: Arc<Questionnaire>, assessment: Assessment) -> Self {
        let voice = voice_of(&q, &assessment);
        let plan = plan_of(&q, voice);
        let replied = plan
            .iter()
            .map(|step| match *step {
                Step::Question(qi) => assessment.answers[qi] != Answer::Unanswered,
                Step::Statement(si) => assessment.ratings[si].is_some(),
            })
            .collect();
        let mut interview = Interview {
            q,
            assessment,
            plan,
            stage: Stage::Done,
            history: Vec::new(),
            replied,
            revisit: None,
            evidence_prompts: true,
            voice,
        };
        interview.stage = interview.next_open(0);
        interview
    }

    /// The same interview without the evidence step: every answer is one reply, and notes
    /// come only with [`Reply::ChooseWithEvidence`] (e.g. an answer script with one line
    /// per answer).
    pub fn without_evidence_prompts(mut self) -> Self {
        self.evidence_prompts = false;
        if let Stage::Evidence(n) = self.stage {
            self.advance(n);
        }
        self
    }

    /// The questionnaire asked.
    pub fn questionnaire(&self) -> &Arc<Questionnaire> {
        &self.q
    }

    /// The assessment as answered so far.
    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// The assessment, once the interview is over.
    pub fn into_assessment(self) -> Assessment {
        self.assessment
    }

    /// How many placement questions there are.
    pub fn questions(&self) -> usize {
        self.q.questions.len()
    }

    /// How many statements this respondent rates.
    pub fn statements(&self) -> usize {
        self.plan
            .iter()
            .filter(|s| matches!(s, Step::Statement(_)))
            .count()
    }

    /// True once there is nothing left to ask.
    pub fn is_done(&self) -> bool {
        self.stage == Stage::Done
    }

    /// What to ask now.
    pub fn prompt(&self) -> Prompt<'_> {
        let q = &*self.q;
        match self.stage {
            Stage::Asking(n) => match self.plan[n] {
                Step::Question(qi) => {
                    let question = &q.questions[qi];
                    let in_area: Vec<usize> =
                        q.questions_in(question.area).map(|(i, _)| i).collect();
                    let position = in_area.iter().position(|&i| i == qi).unwrap_or(0);
                    Prompt::Question {
                        question,
                        prompt: question.prompt_for(self.voice),
                        help: question.help_for(self.voice),
                        area: &q.areas[question.area].name,
                        in_area: (position + 1, in_area.len()),
                        overall: (n + 1, q.questions.len()),
                        current: self.assessment.answers[qi],
                    }
                }
                Step::Statement(si) => {
                    let statement = &q.statements[si];
                    let position = (n + 1 - q.questions.len(), self.statements());
                    Prompt::Statement {
                        statement,
                        theme: &q.themes[statement.theme].name,
                        position,
                        scale: &q.ratings,
                        current: self.assessment.ratings[si],
                        intro: (position.0 == 1)
                            .then(|| words::statements_intro(statement.voice, &q.ratings)),
                    }
                }
            },
            Stage::Evidence(n) => {
                let Step::Question(qi) = self.plan[n] else {
                    return Prompt::Done;
                };
                let question = &q.questions[qi];
                Prompt::Evidence {
                    question,
                    prompt: question.prompt_for(self.voice),
                    current: self.assessment.evidence[qi].as_deref(),
                }
            }
            Stage::Review => {
                let mut pending = Vec::new();
                let mut statements = Vec::new();
                for n in self.pending() {
                    match self.plan[n] {
                        Step::Question(qi) => {
                            let question = &q.questions[qi];
                            pending.push(Pending {
                                question,
                                prompt: question.prompt_for(self.voice),
                            });
                        }
                        Step::Statement(si) => statements.push(&q.statements[si]),
                    }
                }
                Prompt::Review {
                    pending,
                    statements,
                }
            }
            Stage::Done => Prompt::Done,
        }
    }

    /// Applies what the person answered.
    pub fn reply(&mut self, reply: Reply) -> Outcome {
        match (self.stage, reply) {
            (_, Reply::Back) => self.back(),
            (Stage::Asking(n), reply) => self.answer(n, reply),
            (Stage::Evidence(n), Reply::Evidence(note)) => self.evidence(n, note),
            (Stage::Review, Reply::Revisit) => self.revisit(),
            (Stage::Review, Reply::Finish) => {
                self.go(Stage::Done);
                Outcome::Moved
            }
            _ => Outcome::Refused,
        }
    }

    /// Back one step, wherever the interview is.
    fn back(&mut self) -> Outcome {
        let Some(previous) = self.history.pop() else {
            return Outcome::AtStart;
        };
        if let (Stage::Asking(n), Some(queue)) = (self.stage, self.revisit.as_mut()) {
            if previous == Stage::Review {
                self.revisit = None;
            } else {
                // Back to the question before: this one comes again after it.
                queue.insert(0, n);
            }
        }
        self.stage = previous;
        Outcome::Moved
    }

    /// A reply to step `n`, a question or a statement.
    fn answer(&mut self, n: usize, reply: Reply) -> Outcome {
        match (self.plan[n], reply) {
            (Step::Question(qi), Reply::Choose(o)) if o < self.q.questions[qi].options.len() => {
                self.assessment.answers[qi] = Answer::Chosen(o);
                if self.evidence_prompts {
                    self.go(Stage::Evidence(n));
                } else {
                    self.advance(n);
                }
                Outcome::Changed
            }
            (Step::Question(qi), Reply::ChooseWithEvidence(o, note))
                if o < self.q.questions[qi].options.len() =>
            {
                self.assessment.answers[qi] = Answer::Chosen(o);
                // The note is taken as at the evidence step, which moves on.
                self.evidence(n, Some(note));
                Outcome::Changed
            }
            (Step::Question(qi), Reply::DontKnow) => {
                self.assessment.answers[qi] = Answer::DontKnow;
                self.advance(n);
                Outcome::Changed
            }
            (Step::Question(qi), Reply::Skip) => {
                self.assessment.answers[qi] = Answer::Skipped;
                self.advance(n);
                Outcome::Changed
            }
            (Step::Statement(si), Reply::Choose(r)) if r < self.q.ratings.len() => {
                self.assessment.ratings[si] = Some(r);
                self.advance(n);
                Outcome::Changed
            }
            (Step::Statement(_), Reply::Skip) => {
                self.advance(n);
                Outcome::Moved
            }
            _ => Outcome::Refused,
        }
    }

    /// The evidence note for the question of step `n`.
    fn evidence(&mut self, n: usize, note: Option<String>) -> Outcome {
        let Step::Question(qi) = self.plan[n] else {
            return Outcome::Refused;
        };
        let note = note
            .map(|text| crate::text::one_line(&text).trim().to_string())
            .filter(|text| !text.is_empty());
        // What the assessment file could not hold is refused here, not when it is read.
        if note
            .as_deref()
            .is_some_and(|n| crate::validate::check_text(n).is_err())
        {
            return Outcome::Refused;
        }
        let changed = self.assessment.evidence[qi] != note;
        self.assessment.evidence[qi] = note;
        self.advance(n);
        if changed {
            Outcome::Changed
        } else {
            Outcome::Moved
        }
    }

    /// From the review, back to the first pending step, the others queued after it.
    fn revisit(&mut self) -> Outcome {
        let mut queue = self.pending();
        if queue.is_empty() {
            return Outcome::Refused;
        }
        let first = queue.remove(0);
        self.revisit = Some(queue);
        self.go(Stage::Asking(first));
        Outcome::Moved
    }

    /// The steps without an answer: questions skipped, answered "don't know" or not
    /// reached, and statements not rated; by plan index, in the order asked.
    fn pending(&self) -> Vec<usize> {
        (0..self.plan.len())
            .filter(|&n| match self.plan[n] {
                Step::Question(qi) => !matches!(self.assessment.answers[qi], Answer::Chosen(_)),
                Step::Statement(si) => self.assessment.ratings[si].is_none(),
            })
            .collect()
    }

    fn go(&mut self, stage: Stage) {
        self.history.push(self.stage);
        self.stage = stage;
    }

    /// Moves on from step `n`: the next question in a revisit pass, else the next step not
    /// yet answered, else the review.
    fn advance(&mut self, n: usize) {
        self.replied[n] = true;
        let next = match self.revisit.as_mut() {
            Some(queue) if !queue.is_empty() => Stage::Asking(queue.remove(0)),
            Some(_) => {
                self.revisit = None;
                self.next_open(self.plan.len())
            }
            None => self.next_open(n + 1),
        };
        self.go(next);
    }

    /// The first step from `from` with no reply yet, else the review, else done.
    fn next_open(&self, from: usize) -> Stage {
        match (from..self.plan.len()).find(|&n| !self.replied[n]) {
            Some(n) => Stage::Asking(n),
            None if self.pending().is_empty() => Stage::Done,
            None => Stage::Review,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Date;
    use crate::questionnaire::Voice;

    pub(super) fn tlap() -> Arc<Questionnaire> {
        match crate::questionnaire::bundled("tlap") {
            Some(Ok(q)) => Arc::new(q),
            _ => panic!("tlap is bundled and valid"),
        }
    }

    pub(super) fn start(q: &Arc<Questionnaire>, role: &str) -> Interview {
        let role = q.roles.iter().position(|r| r.id == role).expect("role");
        let date = Date {
            year: 2026,
            month: 11,
            day: 23,
        };
        Interview::new(q.clone(), Assessment::new(q, "Org", "Service", date, role))
    }

    /// The option of the current question on `rung`.
    pub(super) fn option_on(interview: &Interview, rung: usize) -> usize {
        match interview.prompt() {
            Prompt::Question { question, .. } => question
                .options
                .iter()
                .position(|o| o.rung == rung)
                .expect("every tlap question has every rung"),
            other => panic!("expected a question, got {other:?}"),
        }
    }

    /// Chooses the current question's option on `rung`, then leaves the evidence empty.
    pub(super) fn choose_on(interview: &mut Interview, rung: usize) {
        let o = option_on(interview, rung);
        assert_eq!(interview.reply(Reply::Choose(o)), Outcome::Changed);
        assert!(matches!(interview.prompt(), Prompt::Evidence { .. }));
        assert_eq!(interview.reply(Reply::Evidence(None)), Outcome::Moved);
    }

    /// A commissioner's interview brought to the review: every question answered on rung 1
    /// but those `left` gives another reply for (skip or don't know), every statement
    /// rated. Also the ids of the questions left, in the order asked.
    pub(super) fn to_review(
        q: &Arc<Questionnaire>,
        left: impl Fn(usize) -> Option<Reply>,
    ) -> (Interview, Vec<String>) {
        let mut i = start(q, "commissioner");
        let mut ids = Vec::new();
        for n in 0..q.questions.len() {
            match left(n) {
                Some(reply) => {
                    ids.push(question_id(&i));
                    i.reply(reply);
                }
                None => choose_on(&mut i, 1),
            }
        }
        while matches!(i.prompt(), Prompt::Statement { .. }) {
            i.reply(Reply::Choose(0));
        }
        (i, ids)
    }

    pub(super) fn question_id(interview: &Interview) -> String {
        match interview.prompt() {
            Prompt::Question { question, .. } => question.id.clone(),
            other => panic!("expected a question, got {other:?}"),
        }
    }

    #[test]
    fn a_full_run_asks_every_question_then_the_we_statements() {
        let q = tlap();
        let mut i = start(&q, "service-manager");
        for _ in 0..q.questions.len() {
            choose_on(&mut i, 2);
        }
        let mut rated = 0;
        while let Prompt::Statement { statement, .. } = i.prompt() {
            assert_eq!(statement.voice, Voice::We);
            assert_eq!(i.reply(Reply::Choose(1)), Outcome::Changed);
            rated += 1;
        }
        assert_eq!(
            rated,
            q.statements.iter().filter(|s| s.voice == Voice::We).count()
        );
        assert!(i.is_done());
        assert_eq!(i.assessment().answered(), q.questions.len());
    }

    #[test]
    fn people_with_lived_experience_rate_the_i_statements() {
        let q = tlap();
        let mut i = start(&q, "person-drawing-on-support");
        for _ in 0..q.questions.len() {
            i.reply(Reply::DontKnow);
        }
        let Prompt::Statement {
            statement,
            position,
            intro,
            ..
        } = i.prompt()
        else {
            panic!("statements follow the questions");
        };
        assert_eq!(statement.voice, Voice::I);
        assert_eq!(position.0, 1);
        // The first statement comes with what the statements are and the scale.
        let intro = intro.expect("an introduction before the first statement");
        assert!(intro.contains("how things are for you"), "{intro}");
        assert!(intro.contains("Not yet, Partly, Mostly, Fully"), "{intro}");
        assert_eq!(
            i.reply(Reply::DontKnow),
            Outcome::Refused,
            "statements have no \"don't know\""
        );
        i.reply(Reply::Choose(1));
        let Prompt::Statement { intro, .. } = i.prompt() else {
            panic!("a second statement");
        };
        assert_eq!(intro, None, "said once, before the first");
    }

    #[test]
    fn progress_counts_within_the_area_and_overall() {
        let q = tlap();
        let mut i = start(&q, "commissioner");
        let in_first_area = q.questions_in(0).count();
        for _ in 0..in_first_area {
            i.reply(Reply::Skip);
        }
        let Prompt::Question {
            area,
            in_area,
            overall,
            ..
        } = i.prompt()
        else {
            panic!("a question");
        };
        assert_eq!(area, q.areas[1].name);
        assert_eq!(in_area, (1, q.questions_in(1).count()));
        assert_eq!(overall, (in_first_area + 1, q.questions.len()));
    }

    #[test]
    fn every_chosen_option_asks_for_evidence_whatever_its_rung() {
        let q = tlap();
        let mut i = start(&q, "commissioner");
        for rung in 0..q.rungs.len() {
            let asked = question_id(&i);
            i.reply(Reply::Choose(option_on(&i, rung)));
            let Prompt::Evidence {
                question, current, ..
            } = i.prompt()
            else {
                panic!("evidence is asked after an answer on rung {rung}");
            };
            assert_eq!((question.id.as_str(), current), (asked.as_str(), None));
            i.reply(Reply::Evidence(None));
        }
        // "Don't know" and skip have nothing to show evidence for.
        i.reply(Reply::DontKnow);
        i.reply(Reply::Skip);
        assert!(matches!(i.prompt(), Prompt::Question { .. }));
        let asked = question_id(&i);
        i.reply(Reply::Choose(0));
        assert_eq!(
            i.reply(Reply::Evidence(Some("  Minutes of 12 May\n".into()))),
            Outcome::Changed
        );
        let qi = q.question(&asked).expect("question");
        assert_eq!(
            i.assessment().evidence[qi].as_deref(),
            Some("Minutes of 12 May")
        );
        // An empty note is no note, and changes nothing.
        i.reply(Reply::Choose(0));
        assert_eq!(
            i.reply(Reply::Evidence(Some(String::new()))),
            Outcome::Moved
        );
    }

    #[test]
    fn evidence_given_with_the_answer_or_no_evidence_step_at_all() {
        let q = tlap();
        let mut i = start(&q, "commissioner");
        let first = question_id(&i);
        assert_eq!(
            i.reply(Reply::ChooseWithEvidence(0, "Board minutes".into())),
            Outcome::Changed
        );
        let qi = q.question(&first).expect("question");
        assert_eq!(
            i.assessment().evidence[qi].as_deref(),
            Some("Board minutes")
        );
        assert!(
            matches!(i.prompt(), Prompt::Question { .. }),
            "no evidence step"
        );
        i.reply(Reply::Back);
        assert_eq!(question_id(&i), first, "back goes to the answer");

        let mut i = start(&q, "commissioner").without_evidence_prompts();
        for _ in 0..q.questions.len() {
            i.reply(Reply::Choose(0));
            assert!(!matches!(i.prompt(), Prompt::Evidence { .. }));
        }
        assert_eq!(i.assessment().answered(), q.questions.len());
    }

    #[test]
    fn back_retraces_questions_and_evidence() {
        let q = tlap();
        let top = q.rungs.len() - 1;
        let mut i = start(&q, "commissioner");
        assert_eq!(i.reply(Reply::Back), Outcome::AtStart);
        let first = question_id(&i);
        i.reply(Reply::Choose(option_on(&i, top)));
        // Back from the evidence returns to the answer, and forward again.
        assert_eq!(i.reply(Reply::Back), Outcome::Moved);
        assert_eq!(question_id(&i), first);
        i.reply(Reply::Choose(option_on(&i, top)));
        i.reply(Reply::Evidence(Some("A note".into())));
        let second = question_id(&i);
        assert_ne!(first, second);
        assert_eq!(i.reply(Reply::Back), Outcome::Moved);
        let Prompt::Evidence { current, .. } = i.prompt() else {
            panic!("back from the second question returns to the evidence");
        };
        assert_eq!(current, Some("A note"));
        i.reply(Reply::Back);
        let Prompt::Question {
            question, current, ..
        } = i.prompt()
        else {
            panic!("and then to the first question");
        };
        assert_eq!(question.id, first);
        assert!(
            matches!(current, Answer::Chosen(_)),
            "showing the answer given"
        );
        // Changing the answer asks for its evidence again, showing the note given.
        i.reply(Reply::Choose(option_on(&i, 0)));
        let Prompt::Evidence { current, .. } = i.prompt() else {
            panic!("evidence is asked again");
        };
        assert_eq!(current, Some("A note"));
        i.reply(Reply::Evidence(current.map(String::from)));
        assert_eq!(question_id(&i), second);
    }

    #[test]
    fn skipped_and_dont_know_questions_come_back_in_the_review() {
        let q = tlap();
        let (mut i, skipped) = to_review(&q, |n| match n {
            1 => Some(Reply::Skip),
            4 => Some(Reply::DontKnow),
            _ => None,
        });
        let Prompt::Review {
            pending,
            statements,
        } = i.prompt()
        else {
            panic!("a review follows");
        };
        assert!(statements.is_empty(), "every statement was rated");
        let ids: Vec<&str> = pending
            .iter()
            .map(|pending| pending.question.id.as_str())
            .collect();
        assert_eq!(ids, skipped);
        // Revisit, go back to the review, revisit again, and answer both.
        assert_eq!(i.reply(Reply::Revisit), Outcome::Moved);
        assert_eq!(question_id(&i), skipped[0]);
        i.reply(Reply::Back);
        assert!(matches!(i.prompt(), Prompt::Review { .. }));
        i.reply(Reply::Revisit);
        choose_on(&mut i, 3);
        assert_eq!(question_id(&i), skipped[1]);
        // Back over the evidence to the first revisited question, then forward again.
        i.reply(Reply::Back);
        i.reply(Reply::Back);
        assert_eq!(question_id(&i), skipped[0]);
        choose_on(&mut i, 3);
        assert_eq!(question_id(&i), skipped[1]);
        choose_on(&mut i, 3);
        assert!(i.is_done(), "nothing left to review");
    }

    #[test]
    fn finishing_with_questions_left_is_allowed() {
        let q = tlap();
        let (mut i, _) = to_review(&q, |_| Some(Reply::Skip));
        assert_eq!(i.reply(Reply::Finish), Outcome::Moved);
        assert!(i.is_done());
        assert_eq!(i.assessment().given(), q.questions.len());
    }

    #[test]
    fn a_resumed_interview_starts_at_the_first_unanswered_question() {
        let q = tlap();
        let mut i = start(&q, "commissioner");
        for _ in 0..5 {
            choose_on(&mut i, 2);
        }
        let sixth = question_id(&i);
        let resumed = Interview::new(q.clone(), i.into_assessment());
        assert_eq!(question_id(&resumed), sixth);
        let Prompt::Question { overall, .. } = resumed.prompt() else {
            panic!("a question");
        };
        assert_eq!(overall.0, 6);
    }

    #[test]
    fn back_from_the_review_and_forward_again_returns_to_the_review() {
        let q = tlap();
        let n = q.questions.len();
        let (mut i, _) = to_review(&q, |k| (k >= n - 2).then_some(Reply::Skip));
        assert!(matches!(i.prompt(), Prompt::Review { .. }));
        i.reply(Reply::Revisit);
        i.reply(Reply::DontKnow);
        i.reply(Reply::DontKnow);
        assert!(
            matches!(i.prompt(), Prompt::Review { .. }),
            "still pending: don't know"
        );
        i.reply(Reply::Back);
        assert!(matches!(i.prompt(), Prompt::Question { .. }));
        i.reply(Reply::DontKnow);
        assert!(
            matches!(i.prompt(), Prompt::Review { .. }),
            "rated statements are not asked again: {:?}",
            i.prompt().progress()
        );
    }

    #[test]
    fn skipped_statements_come_back_in_the_review() {
        let q = tlap();
        let mut i = start(&q, "commissioner");
        for _ in 0..q.questions.len() {
            i.reply(Reply::DontKnow);
        }
        let mut skipped = Vec::new();
        while let Prompt::Statement { statement, .. } = i.prompt() {
            skipped.push(statement.id.clone());
            i.reply(Reply::Skip);
        }
        let Prompt::Review { statements, .. } = i.prompt() else {
            panic!("a review follows");
        };
        let listed: Vec<&str> = statements.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(listed, skipped);
        i.reply(Reply::Revisit);
        for _ in 0..q.questions.len() {
            assert!(matches!(i.prompt(), Prompt::Question { .. }));
            i.reply(Reply::DontKnow);
        }
        let Prompt::Statement { statement, .. } = i.prompt() else {
            panic!("then the statements skipped");
        };
        assert_eq!(statement.id, skipped[0]);
        i.reply(Reply::Choose(1));
        let si = q.statements.iter().position(|s| s.id == skipped[0]);
        assert_eq!(i.assessment().ratings[si.expect("statement")], Some(1));
    }

    #[test]
    fn each_respondent_is_asked_in_the_words_of_their_voice() {
        let q = Arc::new(
            Questionnaire::parse(crate::source::SourceFile::new(
                "lived-wording.toml",
                include_str!("../../tests/fixtures/lived-wording.toml"),
            ))
            .expect("the fixture is valid"),
        );
        for (role, prompt, help) in [
            (
                "carer",
                "Who makes the plans for the service you use?",
                "Think of the last time the service changed something you use.",
            ),
            (
                "staff",
                "Who makes your service's plans?",
                "Plans are what the service means to do in the coming year.",
            ),
        ] {
            let mut i = start(&q, role);
            let Prompt::Question {
                prompt: asked,
                help: explained,
                ..
            } = i.prompt()
            else {
                panic!("a question first");
            };
            assert_eq!((asked, explained), (prompt, Some(help)), "{role}");
            i.reply(Reply::Choose(0));
            let Prompt::Evidence { prompt: about, .. } = i.prompt() else {
                panic!("evidence next");
            };
            assert_eq!(about, prompt, "{role}");
            i.reply(Reply::Back);
            i.reply(Reply::Skip);
            i.reply(Reply::Skip);
            while matches!(i.prompt(), Prompt::Statement { .. }) {
                i.reply(Reply::Skip);
            }
            let Prompt::Review { pending, .. } = i.prompt() else {
                panic!("a review");
            };
            assert_eq!(pending[0].prompt, prompt, "{role}");
        }
    }
}
