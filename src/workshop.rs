//! Combining a room of respondents: the placement of all of them together, per role, the
//! spread of answers to each question, and where staff and people with lived experience see
//! things differently.
//!
//! The combined rule is the single-assessment rule with one change: **every role counts
//! the same**, however many people in it answered. Each answer is weighted by one over the
//! number of answers its role gave in that area (or overall), and a rung is reached when
//! more than `agreement` of the weight reaches it. A room of five managers and one person
//! who draws on care and support gives the person's answers as much weight as the five
//! managers'. An area is placed once enough of its questions (`min_answered`) have an
//! answer from someone. Like the single rule: unanimous answers place on their rung, the
//! placement lies between the lowest and highest answers, raising an answer never lowers
//! it, and too few answers say so. Everything here is a pure function of its inputs.

use crate::assessment::{Answer, Assessment};
use crate::questionnaire::{Questionnaire, Voice};
use crate::scoring;

/// How many questions with the widest spread are shown.
const DISAGREEMENTS: usize = 5;
/// A spread of at least this many rungs counts as disagreement.
const DISAGREEMENT_RUNGS: usize = 2;
/// A difference of at least this many rating steps between the organisation's "We" and
/// people's "I" ratings is a perception gap.
const GAP_STEPS: f64 = 1.0;
/// How many statement gaps are shown, largest first.
const STATEMENT_GAPS: usize = 5;

/// One answer in a combined placement: its rung, and the role that gave it.
#[derive(Debug, Clone, Copy)]
struct Vote {
    level: usize,
    role: usize,
}

/// The highest rung reached by more than `agreement` of the weight, each role's answers
/// sharing one unit of weight; `None` for no answers.
pub fn place_by_role(votes: &[(usize, usize)], roles: usize, agreement: f64) -> Option<usize> {
    let votes: Vec<Vote> = votes
        .iter()
        .map(|&(level, role)| Vote { level, role })
        .collect();
    weighted(&votes, roles, agreement)
}

fn weighted(votes: &[Vote], roles: usize, agreement: f64) -> Option<usize> {
    let top = votes.iter().map(|v| v.level).max()?;
    let mut per_role = vec![0usize; roles];
    for v in votes {
        per_role[v.role] += 1;
    }
    let weight = |v: &Vote| 1.0 / per_role[v.role] as f64;
    let total: f64 = votes.iter().map(weight).sum();
    (0..=top).rev().find(|&rung| {
        let reached: f64 = votes.iter().filter(|v| v.level >= rung).map(weight).sum();
        reached > agreement * total + 1e-9
    })
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
}

/// Combines assessments of one questionnaire.
pub fn combine(q: &Questionnaire, all: &[&Assessment]) -> Workshop {
    let (overall, areas) = placements(q, all, &|_| true);
    let questions: Vec<Spread> = (0..q.questions.len())
        .map(|qi| spread(q, all, qi))
        .collect();
    let disagreements = disagreements(&questions);
    let mut gaps = statement_gaps(q, all);
    gaps.extend(placement_gaps(q, all));
    Workshop {
        overall,
        areas,
        roles: role_results(q, all),
        questions,
        disagreements,
        gaps,
    }
}

/// The voice `a`'s respondent speaks in: "I" for lived experience, "We" for the
/// organisation's roles.
fn voice(q: &Questionnaire, a: &Assessment) -> Voice {
    q.roles[a.role].voice()
}

/// `a`'s answer to question `qi` as a vote, if it chose an option.
fn vote(q: &Questionnaire, a: &Assessment, qi: usize) -> Option<Vote> {
    scoring::level(q, a, qi).map(|level| Vote {
        level,
        role: a.role,
    })
}

/// The votes of the respondents `who` picks on the questions `questions`.
fn votes(
    q: &Questionnaire,
    all: &[&Assessment],
    who: &dyn Fn(&Assessment) -> bool,
    questions: &[usize],
) -> Vec<Vote> {
    all.iter()
        .filter(|a| who(a))
        .flat_map(|a| questions.iter().filter_map(|&qi| vote(q, a, qi)))
        .collect()
}

/// The combined placement of the respondents `who` picks: overall, and per area.
fn placements(
    q: &Questionnaire,
    all: &[&Assessment],
    who: &dyn Fn(&Assessment) -> bool,
) -> (Option<usize>, Vec<Option<usize>>) {
    let roles = q.roles.len();
    let areas: Vec<Option<usize>> = (0..q.areas.len())
        .map(|area| {
            let questions: Vec<usize> = q.questions_in(area).map(|(i, _)| i).collect();
            let covered = questions
                .iter()
                .filter(|&&qi| all.iter().any(|a| who(a) && vote(q, a, qi).is_some()))
                .count();
            let needed = q.scoring.needed(questions.len());
            (covered >= needed)
                .then(|| weighted(&votes(q, all, who, &questions), roles, q.scoring.agreement))
                .flatten()
        })
        .collect();
    let overall = if areas.iter().all(Option::is_some) {
        let questions: Vec<usize> = (0..q.questions.len()).collect();
        weighted(&votes(q, all, who, &questions), roles, q.scoring.agreement)
    } else {
        None
    };
    (overall, areas)
}

/// Each role that answered, with its respondents and their placement together.
fn role_results(q: &Questionnaire, all: &[&Assessment]) -> Vec<RoleResult> {
    (0..q.roles.len())
        .filter_map(|role| {
            let members: Vec<&&Assessment> = all.iter().filter(|a| a.role == role).collect();
            if members.is_empty() {
                return None;
            }
            let (overall, areas) = placements(q, all, &|a| a.role == role);
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
    for v in all.iter().filter_map(|a| vote(q, a, qi)) {
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
fn placement_gaps(q: &Questionnaire, all: &[&Assessment]) -> Vec<Gap> {
    let (staff, staff_areas) = placements(q, all, &|a| voice(q, a) == Voice::We);
    let (people, people_areas) = placements(q, all, &|a| voice(q, a) == Voice::I);
    std::iter::once((None, staff, people))
        .chain(
            staff_areas
                .iter()
                .zip(&people_areas)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_counts_the_same() {
        // Five managers (role 0) on rung 4, one person (role 1) on rung 1: by head count
        // rung 4 would win; by role, half the weight is on 1, so not more than half reaches
        // 2, 3 or 4 (exactly half) and the placement is 1.
        let votes = [(4, 0), (4, 0), (4, 0), (4, 0), (4, 0), (1, 1)];
        assert_eq!(place_by_role(&votes, 2, 0.5), Some(1));
        // A second person on rung 4 tips it.
        let votes = [(4, 0), (4, 0), (1, 1), (4, 1)];
        assert_eq!(place_by_role(&votes, 2, 0.5), Some(4));
        assert_eq!(place_by_role(&[], 2, 0.5), None);
    }
}
