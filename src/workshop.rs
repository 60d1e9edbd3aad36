//! Combining a room of respondents: the placement of all of them together, per role, the
//! spread of answers to each question, and where staff and people with lived experience see
//! things differently.
//!
//! The combined rule is the single-assessment rule ([`crate::scoring::rule`]) with one
//! change: each answer carries a weight. **The two voices weigh the same**: people with
//! lived experience (people who draw on care and support, carers) and the organisation's
//! roles share the weight as two equal halves, whatever the number of people or roles on
//! each side; within a voice every role counts the same, and within a role every
//! respondent. A respondent's weight in an area is spread over its questions, and a
//! question without an answer reaches only the bottom rung, as for one assessment. A room
//! of five managers in three roles and one person who draws on care and support gives the
//! person's answers as much weight as all five managers'. Per role, the members of the
//! role count the same. A room with only one voice says so. Everything here is a pure
//! function of its inputs.

use crate::assessment::{Answer, Assessment};
use crate::questionnaire::{Questionnaire, Voice};
use crate::scoring::{
    self, NextStep, Standing, StepKind, Voices, Vote, climb_steps, practice_steps, rule,
};

/// How many questions with the widest spread are shown.
const DISAGREEMENTS: usize = 5;
/// A spread of at least this many rungs counts as disagreement.
const DISAGREEMENT_RUNGS: usize = 2;
/// A difference of at least this many rating steps between the organisation's "We" and
/// people's "I" ratings is a perception gap.
const GAP_STEPS: f64 = 1.0;
/// How many statement gaps are shown, largest first.
const STATEMENT_GAPS: usize = 5;

/// One respondent's chosen option for a question, for the spread: its rung and the role.
#[derive(Debug, Clone, Copy)]
struct Chosen {
    level: usize,
    role: usize,
}

/// One role's result.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleResult {
    /// Index into the questionnaire's roles.
    pub role: usize,
    /// How many respondents had this role.
    pub respondents: usize,
    /// Their names, where given (shown only when asked for).
    pub names: Vec<String>,
    /// Their placement together, overall.
    pub overall: Option<usize>,
    /// Their placement together, per area.
    pub areas: Vec<Option<usize>>,
}

/// The answers to one question across the room.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    /// Index into the questionnaire's questions.
    pub question: usize,
    /// How many respondents chose an option on each rung, by rung level.
    pub counts: Vec<usize>,
    /// How many answered "don't know".
    pub dont_know: usize,
    /// The lowest and highest rungs chosen.
    pub range: Option<(usize, usize)>,
    /// Each role's lowest and highest rung, for the roles that chose an option.
    pub by_role: Vec<(usize, usize, usize)>,
}

impl Spread {
    /// How many rungs lie between the lowest and highest answers.
    pub fn width(&self) -> usize {
        self.range.map_or(0, |(low, high)| high - low)
    }
}

/// Where the organisation's view of itself and people's experience differ.
#[derive(Debug, Clone, PartialEq)]
pub enum Gap {
    /// Organisation roles rate a "We" statement differently from how people with lived
    /// experience rate the "I" statements that mirror it.
    Statement {
        /// The "We" statement.
        we: usize,
        /// The organisation roles' average rating of it (0 = the lowest rating).
        we_rating: f64,
        /// The "I" statements that mirror it.
        mirrors: Vec<usize>,
        /// People's average rating of those.
        i_rating: f64,
    },
    /// Staff and people with lived experience place the organisation on different rungs.
    Placement {
        /// The area, or `None` for the overall placement.
        area: Option<usize>,
        /// Where the staff roles together place it.
        staff: usize,
        /// Where the lived-experience roles together place it.
        lived: usize,
    },
}

impl Gap {
    /// The gap in words, each rating on the scale's own names.
    pub fn describe(&self, q: &Questionnaire) -> String {
        match self {
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
                    q.rating_words(*we_rating),
                    mirrored.join(" and "),
                    q.rating_words(*i_rating)
                )
            }
            Gap::Placement { area, staff, lived } => format!(
                "{}: the organisation's roles place it on {}, people with lived experience on {}.",
                area.map_or("Overall", |a| q.areas[a].name.as_str()),
                q.rungs[*staff].name,
                q.rungs[*lived].name
            ),
        }
    }
}

/// Where each voice on its own places the organisation: overall, and per area.
#[derive(Debug, Clone, PartialEq)]
pub struct ByVoice {
    /// The organisation's roles together.
    pub organisation: (Option<usize>, Vec<Option<usize>>),
    /// People with lived experience together.
    pub lived_experience: (Option<usize>, Vec<Option<usize>>),
}

/// The combined result of a workshop.
#[derive(Debug, Clone, PartialEq)]
pub struct Workshop {
    /// The combined placement overall.
    pub overall: Option<usize>,
    /// The combined placement per area.
    pub areas: Vec<Option<usize>>,
    /// Each role that answered, in the questionnaire's order.
    pub roles: Vec<RoleResult>,
    /// Every question's spread, in the questionnaire's order.
    pub questions: Vec<Spread>,
    /// The questions with the widest disagreement (indexes into `questions`), widest first.
    pub disagreements: Vec<usize>,
    /// Perception gaps: up to five statement gaps, largest first, then placement gaps.
    pub gaps: Vec<Gap>,
    /// What to do next, the widest perception gaps first.
    pub next_steps: Vec<NextStep>,
    /// How many respondents of each voice answered.
    pub voices: Voices,
    /// Where each voice on its own places the organisation.
    pub by_voice: ByVoice,
}

/// Combines assessments of one questionnaire.
pub fn combine(q: &Questionnaire, all: &[&Assessment]) -> Workshop {
    let (overall, areas) = placements(q, all);
    let questions: Vec<Spread> = (0..q.questions.len())
        .map(|qi| spread(q, all, qi))
        .collect();
    let disagreements = disagreements(&questions);
    let mut gaps = statement_gaps(q, all);
    let by_voice = ByVoice {
        organisation: placements(q, &group(all, |a| voice(q, a) == Voice::We)),
        lived_experience: placements(q, &group(all, |a| voice(q, a) == Voice::I)),
    };
    gaps.extend(placement_gaps(&by_voice));
    let levels = question_levels(q, all);
    let standing = Standing {
        overall,
        areas: &areas,
        levels: &levels,
    };
    let next_steps = next_steps(q, &gaps, &standing);
    Workshop {
        overall,
        areas,
        roles: role_results(q, all),
        questions,
        disagreements,
        gaps,
        next_steps,
        voices: Voices::of(q, all.iter().copied()),
        by_voice,
    }
}

/// How many of the widest statement gaps lead a workshop's next steps.
const GAPS_TO_TALK_ABOUT: usize = 2;

/// A workshop's next steps: the widest statement gaps and the overall placement gap, to
/// talk about together; then the room's climb and the practices that hold it back.
fn next_steps(q: &Questionnaire, gaps: &[Gap], standing: &Standing) -> Vec<NextStep> {
    let statements = gaps
        .iter()
        .filter(|g| matches!(g, Gap::Statement { .. }))
        .take(GAPS_TO_TALK_ABOUT);
    let overall = gaps
        .iter()
        .filter(|g| matches!(g, Gap::Placement { area: None, .. }));
    let mut steps: Vec<NextStep> = statements
        .chain(overall)
        .map(|gap| {
            let statement = match gap {
                Gap::Statement { we, .. } => Some(*we),
                Gap::Placement { .. } => None,
            };
            NextStep {
                statement,
                ..NextStep::new(
                    StepKind::Gap,
                    format!(
                        "Talk about this gap together, with the people it is about: {}",
                        gap.describe(q)
                    ),
                )
            }
        })
        .collect();
    steps.extend(standing.areas.iter().enumerate().filter(|(_, p)| p.is_none()).map(|(area, _)| NextStep {
        area: Some(area),
        ..NextStep::new(
            StepKind::Answer,
            format!(
                "{}: too few of the room's answers to place it. Ask the people who know, on both sides, and add their answers; where nobody knows, finding out is a step in itself.",
                q.areas[area].name
            ),
        )
    }));
    steps.extend(climb_steps(q, standing));
    steps.extend(practice_steps(q, standing));
    steps
}

/// Where the room's answers place each question, every respondent weighed as in the
/// combined placement; `None` where too little of the room answered it.
fn question_levels(q: &Questionnaire, all: &[&Assessment]) -> Vec<Option<usize>> {
    let weights = weights(q, all);
    let needed = q.scoring.min_answered;
    (0..q.questions.len())
        .map(|qi| {
            let votes: Vec<Vote> = all
                .iter()
                .zip(&weights)
                .map(|(a, &weight)| Vote {
                    level: scoring::level(q, a, qi),
                    weight,
                })
                .collect();
            rule::place(&votes, q.scoring.agreement, needed)
        })
        .collect()
}

/// The voice `a`'s respondent speaks in: "I" for lived experience, "We" for the
/// organisation's roles.
fn voice(q: &Questionnaire, a: &Assessment) -> Voice {
    q.roles[a.role].voice()
}

/// `a`'s chosen option for question `qi`, if it chose one.
fn chosen(q: &Questionnaire, a: &Assessment, qi: usize) -> Option<Chosen> {
    scoring::level(q, a, qi).map(|level| Chosen {
        level,
        role: a.role,
    })
}

/// Each respondent's weight in `group`: the voices present share it equally, the roles
/// present within a voice equally, and the respondents within a role equally. The weights
/// add up to one.
pub fn weights(q: &Questionnaire, group: &[&Assessment]) -> Vec<f64> {
    let voices = [Voice::We, Voice::I]
        .into_iter()
        .filter(|&v| group.iter().any(|a| voice(q, a) == v))
        .count();
    group
        .iter()
        .map(|a| {
            let mut roles: Vec<usize> = group
                .iter()
                .filter(|b| voice(q, b) == voice(q, a))
                .map(|b| b.role)
                .collect();
            roles.sort_unstable();
            roles.dedup();
            let members = group.iter().filter(|b| b.role == a.role).count();
            1.0 / (voices * roles.len() * members) as f64
        })
        .collect()
}

/// The combined placement of `group`: overall, and per area.
fn placements(q: &Questionnaire, group: &[&Assessment]) -> (Option<usize>, Vec<Option<usize>>) {
    let weights = weights(q, group);
    let areas: Vec<Option<usize>> = (0..q.areas.len())
        .map(|area| {
            let questions: Vec<usize> = q.questions_in(area).map(|(i, _)| i).collect();
            let share = 1.0 / questions.len().max(1) as f64;
            let votes: Vec<Vote> = group
                .iter()
                .zip(&weights)
                .flat_map(|(a, &weight)| {
                    questions.iter().map(move |&qi| Vote {
                        level: scoring::level(q, a, qi),
                        weight: weight * share,
                    })
                })
                .collect();
            let needed = rule::needed_share(&q.scoring, questions.len());
            rule::place(&votes, q.scoring.agreement, needed)
        })
        .collect();
    (rule::overall(&areas), areas)
}

/// The respondents of `all` that `who` picks.
fn group<'a>(all: &[&'a Assessment], who: impl Fn(&Assessment) -> bool) -> Vec<&'a Assessment> {
    all.iter().copied().filter(|a| who(a)).collect()
}

/// Each role that answered, with its respondents and their placement together.
fn role_results(q: &Questionnaire, all: &[&Assessment]) -> Vec<RoleResult> {
    (0..q.roles.len())
        .filter_map(|role| {
            let members: Vec<&&Assessment> = all.iter().filter(|a| a.role == role).collect();
            if members.is_empty() {
                return None;
            }
            let (overall, areas) = placements(q, &group(all, |a| a.role == role));
            Some(RoleResult {
                role,
                respondents: members.len(),
                names: members.iter().filter_map(|a| a.name.clone()).collect(),
                overall,
                areas,
            })
        })
        .collect()
}

/// How the room answered question `qi`.
fn spread(q: &Questionnaire, all: &[&Assessment], qi: usize) -> Spread {
    let mut counts = vec![0; q.rungs.len()];
    let mut by_role: Vec<(usize, usize, usize)> = Vec::new();
    for v in all.iter().filter_map(|a| chosen(q, a, qi)) {
        counts[v.level] += 1;
        match by_role.iter_mut().find(|(r, _, _)| *r == v.role) {
            Some((_, low, high)) => {
                *low = (*low).min(v.level);
                *high = (*high).max(v.level);
            }
            None => by_role.push((v.role, v.level, v.level)),
        }
    }
    by_role.sort();
    let low = counts.iter().position(|&c| c > 0);
    let high = counts.iter().rposition(|&c| c > 0);
    Spread {
        question: qi,
        counts,
        dont_know: all
            .iter()
            .filter(|a| a.answers[qi] == Answer::DontKnow)
            .count(),
        range: low.zip(high),
        by_role,
    }
}

/// The questions answered furthest apart (indexes into `questions`), widest first.
fn disagreements(questions: &[Spread]) -> Vec<usize> {
    let mut wide: Vec<usize> = (0..questions.len())
        .filter(|&i| questions[i].width() >= DISAGREEMENT_RUNGS)
        .collect();
    wide.sort_by_key(|&i| std::cmp::Reverse(questions[i].width()));
    wide.truncate(DISAGREEMENTS);
    wide
}

/// Where the organisation's roles and people with lived experience place the organisation
/// on different rungs: overall first, then area by area.
fn placement_gaps(by_voice: &ByVoice) -> Vec<Gap> {
    let (staff, staff_areas) = &by_voice.organisation;
    let (people, people_areas) = &by_voice.lived_experience;
    std::iter::once((None, *staff, *people))
        .chain(
            staff_areas
                .iter()
                .zip(people_areas)
                .enumerate()
                .map(|(area, (&s, &p))| (Some(area), s, p)),
        )
        .filter_map(|(area, s, p)| match (s, p) {
            (Some(staff), Some(lived)) if staff != lived => {
                Some(Gap::Placement { area, staff, lived })
            }
            _ => None,
        })
        .collect()
}

/// "We" statements rated apart from the "I" statements that mirror them, largest first.
/// Each statement counts only the ratings of the respondents whose voice it is in.
fn statement_gaps(q: &Questionnaire, all: &[&Assessment]) -> Vec<Gap> {
    let average = |statements: &[usize], voice_of: Voice| {
        let ratings: Vec<usize> = all
            .iter()
            .filter(|a| voice(q, a) == voice_of)
            .flat_map(|a| statements.iter().filter_map(|&s| a.ratings[s]))
            .collect();
        (!ratings.is_empty()).then(|| ratings.iter().sum::<usize>() as f64 / ratings.len() as f64)
    };
    let mut gaps: Vec<(f64, Gap)> = q
        .statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s.voice == Voice::We && !s.mirrors.is_empty())
        .filter_map(|(we, s)| {
            let we_rating = average(&[we], Voice::We)?;
            let i_rating = average(&s.mirrors, Voice::I)?;
            let size = (we_rating - i_rating).abs();
            (size >= GAP_STEPS - 1e-9).then(|| {
                (
                    size,
                    Gap::Statement {
                        we,
                        we_rating,
                        mirrors: s.mirrors.clone(),
                        i_rating,
                    },
                )
            })
        })
        .collect();
    gaps.sort_by(|a, b| b.0.total_cmp(&a.0));
    gaps.into_iter()
        .take(STATEMENT_GAPS)
        .map(|(_, gap)| gap)
        .collect()
}
