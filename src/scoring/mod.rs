//! Scoring: from a questionnaire and one assessment to a placement, with reasons.
//!
//! Everything here is a pure function of its inputs: no I/O, no printing, no clock. The
//! rule itself, shared with workshops, is in [`rule`]: every question of an area counts,
//! one without an answer only at the bottom rung; an area is placed once enough of its
//! questions are answered, on the highest rung that more than half of them reach; the
//! organisation, once every area is placed, on the highest rung that more than half of the
//! areas reach. This module applies it to one assessment and says why, in words.
//!
//! What to do next, once placed, is worked out in the `next_steps` module.

mod next_steps;
pub mod rule;

pub use next_steps::{NextStep, Standing, StepKind, climb_steps, practice_steps};
pub use rule::Vote;

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
    /// Whose views the result holds: one respondent's.
    pub voices: Voices,
}

/// How many respondents of each voice a result holds. A result with only one voice is one
/// side's view: the organisation's of itself, or people's experience of it, not both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Voices {
    /// Respondents in the organisation's roles ("We").
    pub organisation: usize,
    /// Respondents with lived experience ("I").
    pub lived_experience: usize,
}

impl Voices {
    /// The voices of the respondents `a`.
    pub fn of<'a>(q: &Questionnaire, all: impl IntoIterator<Item = &'a Assessment>) -> Self {
        let mut voices = Voices::default();
        for a in all {
            match q.roles[a.role].voice() {
                Voice::We => voices.organisation += 1,
                Voice::I => voices.lived_experience += 1,
            }
        }
        voices
    }

    /// True when only one of the two voices is heard.
    pub fn one_sided(&self) -> bool {
        (self.organisation == 0) != (self.lived_experience == 0)
    }
}

/// Scores one assessment, with next steps.
pub fn score(q: &Questionnaire, a: &Assessment) -> Score {
    let mut score = placements(q, a);
    explain(q, a, &mut score);
    score.next_steps = next_steps::next_steps(q, a, score.overall.rung, &score.areas);
    score
}

/// The placements alone, for checks over many files: every `why` is left empty and
/// `next_steps` too. [`score`] adds them.
pub fn placements(q: &Questionnaire, a: &Assessment) -> Score {
    let areas: Vec<AreaScore> = (0..q.areas.len())
        .map(|area| area_score(q, a, area))
        .collect();
    let placed: Vec<Option<usize>> = areas.iter().map(|s| s.placement.rung).collect();
    let themes = (0..q.themes.len())
        .map(|theme| ThemeScore {
            theme,
            we: profile(q, a, theme, Voice::We),
            i: profile(q, a, theme, Voice::I),
        })
        .collect();
    Score {
        overall: Placement {
            rung: rule::overall(&placed),
            why: String::new(),
        },
        areas,
        themes,
        next_steps: Vec::new(),
        voices: Voices::of(q, [a]),
    }
}

/// One vote for each question of `area`, all of the same weight.
fn votes(q: &Questionnaire, a: &Assessment, area: usize) -> Vec<Vote> {
    q.questions_in(area)
        .map(|(qi, _)| Vote {
            level: level(q, a, qi),
            weight: 1.0,
        })
        .collect()
}

fn area_score(q: &Questionnaire, a: &Assessment, area: usize) -> AreaScore {
    let votes = votes(q, a, area);
    let total = votes.len();
    let answered = votes.iter().filter(|v| v.level.is_some()).count();
    let dont_know = q
        .questions_in(area)
        .filter(|(i, _)| a.answers[*i] == Answer::DontKnow)
        .count();
    let needed = rule::needed_share(&q.scoring, total);
    AreaScore {
        area,
        placement: Placement {
            rung: rule::place(&votes, q.scoring.agreement, needed),
            why: String::new(),
        },
        answered,
        dont_know,
        unanswered: total - answered - dont_know,
        total,
        needed: q.scoring.needed(total),
    }
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
        s.placement.why = match s.placement.rung {
            Some(rung) => why_area(q, &votes(q, a, s.area), rung),
            None => format!(
                "Not enough answers: {} of {} questions answered{}; {} are needed to place this area.",
                s.answered,
                s.total,
                if s.dont_know > 0 {
                    format!(" ({} \"don't know\")", s.dont_know)
                } else {
                    String::new()
                },
                s.needed
            ),
        };
    }
    let short: Vec<&str> = score
        .areas
        .iter()
        .filter(|s| s.placement.rung.is_none())
        .map(|s| q.areas[s.area].name.as_str())
        .collect();
    score.overall.why = match score.overall.rung {
        Some(rung) => {
            let levels: Vec<usize> = score
                .areas
                .iter()
                .filter_map(|s| s.placement.rung)
                .collect();
            why_overall(q, &levels, rung)
        }
        None if a.answered() == 0 => {
            "No question has an answer yet: \"don't know\" and skipped questions do not count."
                .into()
        }
        None => format!(
            "Not placed yet: {} {} not have enough answers.",
            join_names(&short),
            if short.len() == 1 { "does" } else { "do" }
        ),
    };
}

/// Why an area's questions, `votes`, place it on `rung`, in words.
fn why_area(q: &Questionnaire, votes: &[Vote], rung: usize) -> String {
    let reach = |r: usize| rule::reach(votes, r).round() as usize;
    let share = share_words(q.scoring.agreement);
    let mut why = why_reached(
        q,
        rung,
        votes.len(),
        reach,
        ("questions", "answered"),
        &share,
    );
    let unanswered = votes.iter().filter(|v| v.level.is_none()).count();
    if unanswered > 0 {
        let sentence = match unanswered {
            1 => "The question without an answer counts only at the bottom rung.".to_string(),
            m => format!("The {m} questions without an answer count only at the bottom rung."),
        };
        push_sentence(&mut why, &sentence);
    }
    why
}

/// Why the areas, placed on `levels`, place the organisation on `rung`, in words.
fn why_overall(q: &Questionnaire, levels: &[usize], rung: usize) -> String {
    let reach = |r: usize| rule::areas_at(levels, r);
    why_reached(
        q,
        rung,
        levels.len(),
        reach,
        ("areas", "placed"),
        "more than half",
    )
}

/// "5 of 6 questions are answered at Informing or above: more than half. Only 3 of 6 are
/// answered at Consultation or above: not more than half." `reach` counts the `n` things
/// (`what`: their name and what they are) at a rung or above; `share` is how many must.
fn why_reached(
    q: &Questionnaire,
    rung: usize,
    n: usize,
    reach: impl Fn(usize) -> usize,
    (things, verb): (&str, &str),
    share: &str,
) -> String {
    let name = &q.rungs[rung].name;
    let mut why = match (rung, reach(rung)) {
        (0, _) => String::new(),
        (_, 1) if n == 1 => format!(
            "The one {} is {verb} at {name}{}.",
            things.trim_end_matches('s'),
            or_above(q, rung)
        ),
        (_, k) if k == n => format!(
            "All {n} {things} are {verb} at {name}{}.",
            or_above(q, rung)
        ),
        (_, k) => format!(
            "{k} of {n} {things} are {verb} at {name}{}: {share}.",
            or_above(q, rung)
        ),
    };
    if let Some(next) = q.rungs.get(rung + 1) {
        let sentence = match reach(rung + 1) {
            0 => format!("None is {verb} at {}{}.", next.name, or_above(q, rung + 1)),
            k => format!(
                "Only {k} of {n}{} {} {verb} at {}{}: not {share}.",
                if rung == 0 {
                    format!(" {things}")
                } else {
                    String::new()
                },
                if k == 1 { "is" } else { "are" },
                next.name,
                or_above(q, rung + 1)
            ),
        };
        push_sentence(&mut why, &sentence);
    }
    why
}

/// " or above", except on the top rung.
fn or_above(q: &Questionnaire, rung: usize) -> &'static str {
    if rung + 1 < q.rungs.len() {
        " or above"
    } else {
        ""
    }
}

fn push_sentence(text: &mut String, sentence: &str) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(sentence);
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
    fn join_names_reads_as_a_list() {
        assert_eq!(join_names(&["Review"]), "Review");
        assert_eq!(
            join_names(&["Culture", "Practice", "Review"]),
            "Culture, Practice and Review"
        );
    }
}
