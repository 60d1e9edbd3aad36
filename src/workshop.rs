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
    let roles = q.roles.len();
    let vote = |a: &Assessment, qi: usize| match a.answers[qi] {
        Answer::Chosen(o) => Some(Vote {
            level: q.questions[qi].options[o].rung,
            role: a.role,
        }),
        _ => None,
    };
    // Placement of the answers of `who` (a filter on respondents), per area and overall.
    let placements = |who: &dyn Fn(&Assessment) -> bool| {
        let areas: Vec<Option<usize>> = (0..q.areas.len())
            .map(|area| {
                let questions: Vec<usize> = q.questions_in(area).map(|(i, _)| i).collect();
                let votes: Vec<Vote> = all
                    .iter()
                    .filter(|a| who(a))
                    .flat_map(|a| questions.iter().filter_map(move |&qi| vote(a, qi)))
                    .collect();
                let covered = questions
                    .iter()
                    .filter(|&&qi| all.iter().any(|a| who(a) && vote(a, qi).is_some()))
                    .count();
                let needed = q.scoring.needed(questions.len());
                (covered >= needed)
                    .then(|| weighted(&votes, roles, q.scoring.agreement))
                    .flatten()
            })
            .collect();
        let overall = if areas.iter().all(Option::is_some) {
            let votes: Vec<Vote> = all
                .iter()
                .filter(|a| who(a))
                .flat_map(|a| (0..q.questions.len()).filter_map(move |qi| vote(a, qi)))
                .collect();
            weighted(&votes, roles, q.scoring.agreement)
        } else {
            None
        };
        (overall, areas)
    };

    let (overall, areas) = placements(&|_| true);
    let role_results = (0..roles)
        .filter_map(|role| {
            let members: Vec<&&Assessment> = all.iter().filter(|a| a.role == role).collect();
            if members.is_empty() {
                return None;
            }
            let (overall, areas) = placements(&|a| a.role == role);
            Some(RoleResult {
                role,
                respondents: members.len(),
                names: members.iter().filter_map(|a| a.name.clone()).collect(),
                overall,
                areas,
            })
        })
        .collect();

    let questions: Vec<Spread> = (0..q.questions.len())
        .map(|qi| {
            let mut counts = vec![0; q.rungs.len()];
            let mut by_role: Vec<(usize, usize, usize)> = Vec::new();
            for v in all.iter().filter_map(|a| vote(a, qi)) {
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
        })
        .collect();
    let mut disagreements: Vec<usize> = (0..questions.len())
        .filter(|&i| questions[i].width() >= DISAGREEMENT_RUNGS)
        .collect();
    disagreements.sort_by_key(|&i| std::cmp::Reverse(questions[i].width()));
    disagreements.truncate(DISAGREEMENTS);

    let lived = |a: &Assessment| q.roles[a.role].lived_experience;
    let mut gaps = statement_gaps(q, all, &lived);
    let (staff, staff_areas) = placements(&|a| !lived(a));
    let (people, people_areas) = placements(&|a| lived(a));
    let pairs = std::iter::once((None, staff, people)).chain(
        staff_areas
            .iter()
            .zip(&people_areas)
            .enumerate()
            .map(|(area, (&s, &p))| (Some(area), s, p)),
    );
    for (area, s, p) in pairs {
        if let (Some(staff), Some(lived)) = (s, p)
            && staff != lived
        {
            gaps.push(Gap::Placement { area, staff, lived });
        }
    }

    Workshop {
        overall,
        areas,
        roles: role_results,
        questions,
        disagreements,
        gaps,
    }
}

/// "We" statements rated apart from the "I" statements that mirror them, largest first.
fn statement_gaps(
    q: &Questionnaire,
    all: &[&Assessment],
    lived: &dyn Fn(&Assessment) -> bool,
) -> Vec<Gap> {
    let average = |statements: &[usize], by_lived: bool| {
        let ratings: Vec<usize> = all
            .iter()
            .filter(|a| lived(a) == by_lived)
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
            let we_rating = average(&[we], false)?;
            let i_rating = average(&s.mirrors, true)?;
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
