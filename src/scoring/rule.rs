//! The placement rule, in one place: how answers place an area, and how areas place the
//! whole organisation. A single assessment and a workshop use the same rule; a workshop
//! only gives each answer a weight (see [`crate::workshop`]), where one assessment gives
//! every answer the same.
//!
//! * Every question of an area counts. A question without an option chosen ("don't know",
//!   skipped, not reached) counts as reaching only the bottom rung, so that no answer can
//!   score better than an honest one: choosing any option instead never lowers a placement.
//! * An area is placed once enough of its weight has an option chosen:
//!   [`Scoring::needed`] of its questions, and always more than `agreement` of them, so
//!   that the questions without an answer can never pull the placement below the lowest
//!   answer given.
//! * A placed area sits on the highest rung that more than `agreement` (by default half)
//!   of its weight reaches, an answer reaching every rung up to its own.
//! * The overall placement, once every area is placed, is the highest rung that more than
//!   half of the areas are placed at or above: one strong area cannot carry the rest.
//!
//! Pure functions, no I/O.

use crate::questionnaire::Scoring;

/// Sums of fractions such as a third are not exact: weights closer than this are equal.
const EPSILON: f64 = 1e-9;

/// One question's part in a placement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vote {
    /// The rung of the option chosen, or `None` when there is none, which reaches only the
    /// bottom rung.
    pub level: Option<usize>,
    /// How much it counts: 1 for each question of one assessment; a share of the
    /// respondent's weight in a workshop.
    pub weight: f64,
}

/// The share of an area's weight that must have an option chosen before it is placed:
/// [`Scoring::needed`] of its `questions`, as a share of them.
pub fn needed_share(scoring: &Scoring, questions: usize) -> f64 {
    if questions == 0 {
        return 1.0;
    }
    scoring.needed(questions) as f64 / questions as f64
}

/// The rung `votes` place an area on, or `None` when less than `needed` of their weight,
/// or not more than `agreement` of it, has an option chosen (or there are no votes).
pub fn place(votes: &[Vote], agreement: f64, needed: f64) -> Option<usize> {
    let total: f64 = votes.iter().map(|v| v.weight).sum();
    let answered: f64 = votes
        .iter()
        .filter(|v| v.level.is_some())
        .map(|v| v.weight)
        .sum();
    // More than `agreement` answered, always: otherwise the questions without an answer,
    // which reach only the bottom rung, could place it below every answer given.
    if total <= 0.0
        || answered + EPSILON < needed * total
        || answered <= agreement * total + EPSILON
    {
        return None;
    }
    let top = votes.iter().filter_map(|v| v.level).max()?;
    (0..=top)
        .rev()
        .find(|&rung| reach(votes, rung) > agreement * total + EPSILON)
}

/// The weight of `votes` that reaches `rung`: every vote reaches the bottom rung.
pub fn reach(votes: &[Vote], rung: usize) -> f64 {
    votes
        .iter()
        .filter(|v| rung == 0 || v.level.is_some_and(|l| l >= rung))
        .map(|v| v.weight)
        .sum()
}

/// The overall placement from the areas' placements: the highest rung that more than half
/// of the areas are placed at or above; `None` until every area is placed.
pub fn overall(areas: &[Option<usize>]) -> Option<usize> {
    // The area rule itself, one vote per area: every area is placed, so all are answered.
    let votes: Vec<Vote> = areas
        .iter()
        .map(|&level| {
            level.map(|l| Vote {
                level: Some(l),
                weight: 1.0,
            })
        })
        .collect::<Option<_>>()?;
    place(&votes, 0.5, 0.0)
}

/// How many of the areas' `levels` are at `rung` or above.
pub fn areas_at(levels: &[usize], rung: usize) -> usize {
    levels.iter().filter(|&&l| l >= rung).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn votes(levels: &[Option<usize>]) -> Vec<Vote> {
        levels
            .iter()
            .map(|&level| Vote { level, weight: 1.0 })
            .collect()
    }

    #[test]
    fn an_area_sits_on_the_highest_rung_more_than_half_reach() {
        assert_eq!(place(&[], 0.5, 0.6), None);
        assert_eq!(place(&votes(&[Some(3); 3]), 0.5, 0.6), Some(3));
        // 2 of 4 reach 4: not more than half; 3 of 4 reach 2.
        let four = votes(&[Some(1), Some(2), Some(4), Some(5)]);
        assert_eq!(place(&four, 0.5, 0.6), Some(2));
        assert_eq!(
            place(&votes(&[Some(0), Some(6), Some(6)]), 0.5, 0.6),
            Some(6)
        );
    }

    #[test]
    fn a_question_without_an_answer_reaches_only_the_bottom_rung() {
        // Three on the top rung, two on the bottom and one "don't know": 3 of 6 reach the
        // top, which is not more than half; a "don't know" cannot lift the area.
        let six = votes(&[Some(6), Some(6), Some(6), Some(0), Some(0), None]);
        assert_eq!(place(&six, 0.5, 0.6), Some(0));
        // Too few answers: not placed at all.
        assert_eq!(place(&votes(&[Some(6), None, None]), 0.5, 0.6), None);
    }

    #[test]
    fn the_overall_is_the_rung_most_areas_reach() {
        assert_eq!(overall(&[Some(6), Some(0), Some(0), Some(0)]), Some(0));
        assert_eq!(overall(&[Some(6), Some(6), Some(0), Some(0)]), Some(0));
        assert_eq!(overall(&[Some(5), Some(4), Some(3), Some(0)]), Some(3));
        assert_eq!(overall(&[Some(2), None]), None);
    }
}
