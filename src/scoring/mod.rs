//! Scoring: from a questionnaire and one assessment to a placement, with reasons.
//!
//! Everything here is a pure function of its inputs: no I/O, no printing, no clock. The
//! rule, shared by every area and the overall placement:
//!
//! * An area is placed only once enough of its questions are answered ("don't know" and
//!   skipped do not count): at least `min_answered` of them, rounded up. Otherwise it says
//!   "not enough answers" instead of guessing.
//! * A placed area sits on the **highest rung that more than `agreement` (by default half)
//!   of its answers reach**, counting an answer as reaching every rung up to its own.
//! * The overall placement applies the same rule to all answers together, once every area
//!   is placed.
//!
//! Hence: all answers on rung R place on R; a placement never lies outside the lowest and
//! highest rungs answered; raising an answer never lowers a placement.
//!
//! What to do next, once placed, is worked out in the `next_steps` module.

mod next_steps;

pub use next_steps::{NextStep, StepKind};

use crate::assessment::{Answer, Assessment};
use crate::questionnaire::{QuestionOption, Questionnaire, Voice};

/// A place on the ladder, or the reason there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The rung's level (index into the questionnaire's rungs), or `None` when there are not
    /// enough answers.
    pub rung: Option<usize>,
    /// Why this rung, in words.
    pub why: String,
}

/// One area's result.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaScore {
    /// Index into the questionnaire's areas.
    pub area: usize,
    /// The placement.
    pub placement: Placement,
    /// Questions with an option chosen.
    pub answered: usize,
    /// Questions answered "don't know".
    pub dont_know: usize,
    /// Questions skipped or not reached.
    pub unanswered: usize,
    /// Questions in the area.
    pub total: usize,
    /// Answers needed before the area is placed.
    pub needed: usize,
}

/// How the statements of one voice in one theme were rated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VoiceProfile {
    /// Statements of this voice rated.
    pub rated: usize,
    /// Statements of this voice in the theme.
    pub total: usize,
    /// The average rating, on the scale's levels (0 = lowest), when any are rated.
    pub average: Option<f64>,
    /// The rating at or below the average (index into the questionnaire's ratings).
    pub rating: Option<usize>,
}

/// One Making it Real theme's result.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeScore {
    /// Index into the questionnaire's themes.
    pub theme: usize,
    /// The organisation's "We" statements.
    pub we: VoiceProfile,
    /// People's "I" statements.
    pub i: VoiceProfile,
}

/// The whole result of scoring one assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The overall placement.
    pub overall: Placement,
    /// One per area, in the questionnaire's order.
    pub areas: Vec<AreaScore>,
    /// One per theme, in the questionnaire's order.
    pub themes: Vec<ThemeScore>,
    /// A few concrete next steps, most important first.
    pub next_steps: Vec<NextStep>,
}

/// The highest rung that more than `agreement` of `levels` reach (an answer reaches every
/// rung up to its own), or `None` for no answers. The rule behind every placement.
pub fn place(levels: &[usize], agreement: f64) -> Option<usize> {
    let top = *levels.iter().max()?;
    let n = levels.len() as f64;
    (0..=top)
        .rev()
        .find(|&rung| levels.iter().filter(|&&l| l >= rung).count() as f64 > agreement * n)
}

/// Scores one assessment, with next steps.
pub fn score(q: &Questionnaire, a: &Assessment) -> Score {
    let mut score = placements(q, a);
    explain(q, a, &mut score);
    score.next_steps = next_steps::next_steps(q, a, &score.overall, &score.areas);
    score
}

/// The placements alone, for checks over many files: every `why` is left empty and
/// `next_steps` too. [`score`] adds them.
pub fn placements(q: &Questionnaire, a: &Assessment) -> Score {
    let areas: Vec<AreaScore> = (0..q.areas.len())
        .map(|area| {
            let levels = levels(q, a, area);
            let total = q.questions_in(area).count();
            let dont_know = q
                .questions_in(area)
                .filter(|(i, _)| a.answers[*i] == Answer::DontKnow)
                .count();
            let needed = q.scoring.needed(total);
            let rung = if levels.len() >= needed {
                place(&levels, q.scoring.agreement)
            } else {
                None
            };
            AreaScore {
                area,
                placement: Placement {
                    rung,
                    why: String::new(),
                },
                answered: levels.len(),
                dont_know,
                unanswered: total - levels.len() - dont_know,
                total,
                needed,
            }
        })
        .collect();
    let overall = Placement {
        rung: if areas.iter().all(|s| s.placement.rung.is_some()) {
            place(&all_levels(q, a), q.scoring.agreement)
        } else {
            None
        },
        why: String::new(),
    };
    let themes = (0..q.themes.len())
        .map(|theme| ThemeScore {
            theme,
            we: profile(q, a, theme, Voice::We),
            i: profile(q, a, theme, Voice::I),
        })
        .collect();
    Score {
        overall,
        areas,
        themes,
        next_steps: Vec::new(),
    }
}

/// The rung of each answered question in `area`.
fn levels(q: &Questionnaire, a: &Assessment, area: usize) -> Vec<usize> {
    q.questions_in(area)
        .filter_map(|(qi, _)| level(q, a, qi))
        .collect()
}

/// The rung of every answered question.
fn all_levels(q: &Questionnaire, a: &Assessment) -> Vec<usize> {
    (0..q.questions.len())
        .filter_map(|qi| level(q, a, qi))
        .collect()
}

/// The option `a` chose for question `qi`, if it chose one.
pub(crate) fn chosen<'q>(
    q: &'q Questionnaire,
    a: &Assessment,
    qi: usize,
) -> Option<&'q QuestionOption> {
    match a.answers[qi] {
        Answer::Chosen(o) => q.questions[qi].options.get(o),
        _ => None,
    }
}

/// The rung of `a`'s answer to question `qi`, if it chose an option.
pub(crate) fn level(q: &Questionnaire, a: &Assessment, qi: usize) -> Option<usize> {
    chosen(q, a, qi).map(|o| o.rung)
}

/// Says why each placement is what it is.
fn explain(q: &Questionnaire, a: &Assessment, score: &mut Score) {
    for s in &mut score.areas {
        s.placement.why = if s.placement.rung.is_some() {
            why_placed(q, &levels(q, a, s.area), s.placement.rung)
        } else {
            format!(
                "Not enough answers: {} of {} questions answered{}; {} are needed to place this area.",
                s.answered,
                s.total,
                if s.dont_know > 0 {
                    format!(" ({} \"don't know\")", s.dont_know)
                } else {
                    String::new()
                },
                s.needed
            )
        };
    }
    let short: Vec<&str> = score
        .areas
        .iter()
        .filter(|s| s.placement.rung.is_none())
        .map(|s| q.areas[s.area].name.as_str())
        .collect();
    let all = all_levels(q, a);
    score.overall.why = if short.is_empty() {
        why_placed(q, &all, score.overall.rung)
    } else if all.is_empty() {
        "No question has an answer yet: \"don't know\" and skipped questions do not count.".into()
    } else {
        format!(
            "Not placed yet: {} {} not have enough answers.",
            join_names(&short),
            if short.len() == 1 { "does" } else { "do" }
        )
    };
}

/// Why enough answers `levels` are placed on `rung`, in words.
fn why_placed(q: &Questionnaire, levels: &[usize], rung: Option<usize>) -> String {
    let n = levels.len();
    let reach = |r: usize| levels.iter().filter(|&&l| l >= r).count();
    let share = share_words(q.scoring.agreement);
    match rung {
        None => "No questions answered yet.".into(),
        Some(r) => {
            let name = &q.rungs[r].name;
            let k = reach(r);
            let or_above = if r + 1 < q.rungs.len() {
                " or above"
            } else {
                ""
            };
            let mut why = if n == 1 {
                format!("The one answer is at {name}{or_above}.")
            } else if k == n {
                format!("All {n} answers are at {name}{or_above}.")
            } else {
                let verb = if k == 1 { "is" } else { "are" };
                format!("{k} of {n} answers {verb} at {name}{or_above}: {share}.")
            };
            if let Some(next) = q.rungs.get(r + 1) {
                match reach(r + 1) {
                    0 => why.push_str(&format!(" None reach {}.", next.name)),
                    k => {
                        let verb = if k == 1 { "reaches" } else { "reach" };
                        why.push_str(&format!(
                            " Only {k} of {n} {verb} {}: not {share}.",
                            next.name
                        ));
                    }
                }
            }
            why
        }
    }
}

/// "more than half", or "more than 60%" for other settings.
fn share_words(agreement: f64) -> String {
    if (agreement - 0.5).abs() < 1e-9 {
        "more than half".into()
    } else {
        format!("more than {}%", (agreement * 100.0).round())
    }
}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn profile(q: &Questionnaire, a: &Assessment, theme: usize, voice: Voice) -> VoiceProfile {
    let (mut total, mut rated, mut sum) = (0, 0, 0);
    for (s, statement) in q.statements.iter().enumerate() {
        if statement.theme == theme && statement.voice == voice {
            total += 1;
            if let Some(r) = a.ratings[s] {
                rated += 1;
                sum += r;
            }
        }
    }
    let average = (rated > 0).then(|| sum as f64 / rated as f64);
    VoiceProfile {
        rated,
        total,
        average,
        rating: average.map(|avg| q.rating_at(avg)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_is_the_highest_rung_more_than_half_reach() {
        assert_eq!(place(&[], 0.5), None);
        assert_eq!(place(&[3, 3, 3], 0.5), Some(3));
        // 2 of 4 reach 4: not more than half; 3 of 4 reach 2.
        assert_eq!(place(&[1, 2, 4, 5], 0.5), Some(2));
        assert_eq!(place(&[0, 6, 6], 0.5), Some(6));
        assert_eq!(place(&[0, 0, 6], 0.5), Some(0));
    }

    #[test]
    fn join_names_reads_as_a_list() {
        assert_eq!(join_names(&["Review"]), "Review");
        assert_eq!(
            join_names(&["Culture", "Practice", "Review"]),
            "Culture, Practice and Review"
        );
    }
}
