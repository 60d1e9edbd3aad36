//! The properties every placement of one assessment keeps, checked on random assessments of
//! both bundled ladders: unanimous answers place on their rung; a placement lies between
//! the lowest and highest rung answered; raising an answer never lowers a placement; no
//! answer scores better than an honest one; one strong area cannot carry the rest; and an
//! area without enough answers is "not enough answers", never a guess. (Workshops: the
//! same, in `tests/workshop.rs`.)

use copro::assessment::{Answer, Assessment, Date};
use copro::questionnaire::Questionnaire;
use copro::scoring::{Score, StepKind, score};
use proptest::prelude::*;
use std::sync::LazyLock;

mod common;
use common::{ladder, level};

static LADDERS: LazyLock<[Questionnaire; 2]> = LazyLock::new(|| [ladder("tlap"), ladder("hart")]);

fn ladders() -> &'static [Questionnaire; 2] {
    &LADDERS
}

/// An assessment from one pick per question: below the number of options chooses that
/// option; the two values above mean "don't know" and "skipped".
fn assessment(q: &Questionnaire, picks: &[usize]) -> Assessment {
    let date = Date {
        year: 2026,
        month: 11,
        day: 1,
    };
    let mut a = Assessment::new(q, "Test organisation", "Test service", date, 0);
    for (qi, &pick) in picks.iter().enumerate() {
        let options = q.questions[qi].options.len();
        a.answers[qi] = match pick {
            p if p < options => Answer::Chosen(p),
            p if p == options => Answer::DontKnow,
            _ => Answer::Skipped,
        };
    }
    a
}

/// Every placement in a score: overall first, then each area's.
fn placements(s: &Score) -> Vec<Option<usize>> {
    std::iter::once(s.overall.rung)
        .chain(s.areas.iter().map(|a| a.placement.rung))
        .collect()
}

/// Picks for every question of a questionnaire, mostly options, sometimes not.
fn picks(q: &Questionnaire) -> impl Strategy<Value = Vec<usize>> + use<> {
    let ranges: Vec<_> = q
        .questions
        .iter()
        .map(|question| {
            let n = question.options.len();
            prop_oneof![8 => 0..n, 1 => n..n + 2]
        })
        .collect();
    ranges
}

fn any_ladder() -> impl Strategy<Value = (usize, Vec<usize>)> {
    (0..2usize).prop_flat_map(|i| (Just(i), picks(&ladders()[i])))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn unanimous_answers_place_on_their_rung(which in 0..2usize, rung in 0..8usize) {
        let q = &ladders()[which];
        let rung = rung % q.rungs.len();
        let picks: Vec<usize> = q
            .questions
            .iter()
            .map(|question| {
                question.options.iter().position(|o| o.rung == rung).unwrap_or(question.options.len())
            })
            .collect();
        let a = assessment(q, &picks);
        let s = score(q, &a);
        for (area, placement) in s.areas.iter().map(|a| (a.area, a.placement.rung)) {
            if placement.is_some() {
                prop_assert_eq!(placement, Some(rung), "area {}", q.areas[area].id);
            }
        }
        if s.overall.rung.is_some() {
            prop_assert_eq!(s.overall.rung, Some(rung));
        }
        // Both bundled ladders offer every rung in every question: nothing is left unplaced.
        prop_assert!(placements(&s).iter().all(Option::is_some));
    }

    #[test]
    fn placements_lie_between_the_lowest_and_highest_answers((which, picks) in any_ladder()) {
        let q = &ladders()[which];
        let a = assessment(q, &picks);
        let s = score(q, &a);
        let all: Vec<usize> = (0..q.questions.len()).filter_map(|qi| level(q, &a, qi)).collect();
        if let Some(r) = s.overall.rung {
            prop_assert!(all.iter().min().is_some_and(|&m| m <= r));
            prop_assert!(all.iter().max().is_some_and(|&m| r <= m));
        }
        for area in &s.areas {
            let levels: Vec<usize> = q.questions_in(area.area).filter_map(|(qi, _)| level(q, &a, qi)).collect();
            if let Some(r) = area.placement.rung {
                prop_assert!(levels.iter().min().is_some_and(|&m| m <= r));
                prop_assert!(levels.iter().max().is_some_and(|&m| r <= m));
            }
        }
    }

    #[test]
    fn raising_an_answer_never_lowers_a_placement((which, picks) in any_ladder(), which_question in any::<prop::sample::Index>()) {
        let q = &ladders()[which];
        let before = assessment(q, &picks);
        let qi = which_question.index(q.questions.len());
        let Some(old) = level(q, &before, qi) else { return Ok(()) };
        let Some(up) = q.questions[qi].options.iter().position(|o| o.rung > old) else { return Ok(()) };
        let mut after = before.clone();
        after.answers[qi] = Answer::Chosen(up);
        let (s1, s2) = (score(q, &before), score(q, &after));
        for (p1, p2) in placements(&s1).into_iter().zip(placements(&s2)) {
            // Same answers counted, one of them higher: a placement can only stay or rise.
            prop_assert_eq!(p1.is_some(), p2.is_some());
            prop_assert!(p2 >= p1, "{:?} became {:?}", p1, p2);
        }
    }

    #[test]
    fn too_few_answers_place_nothing_rather_than_guess((which, picks) in any_ladder()) {
        let q = &ladders()[which];
        let a = assessment(q, &picks);
        let s = score(q, &a);
        for area in &s.areas {
            let answered = q.questions_in(area.area).filter(|(qi, _)| level(q, &a, *qi).is_some()).count();
            prop_assert_eq!(area.answered, answered);
            prop_assert_eq!(area.placement.rung.is_some(), answered >= q.scoring.needed(area.total));
            prop_assert!(area.needed * 2 > area.total, "always more than half answered");
        }
        let every_area_placed = s.areas.iter().all(|a| a.placement.rung.is_some());
        prop_assert_eq!(s.overall.rung.is_some(), every_area_placed);
    }

    #[test]
    fn no_answer_scores_better_than_an_honest_one((which, picks) in any_ladder(), which_question in any::<prop::sample::Index>(), option in any::<prop::sample::Index>()) {
        let q = &ladders()[which];
        let before = assessment(q, &picks);
        let qi = which_question.index(q.questions.len());
        if level(q, &before, qi).is_some() {
            return Ok(());
        }
        let mut after = before.clone();
        after.answers[qi] = Answer::Chosen(option.index(q.questions[qi].options.len()));
        let (s1, s2) = (score(q, &before), score(q, &after));
        for (p1, p2) in placements(&s1).into_iter().zip(placements(&s2)) {
            // An option instead of "don't know" or a skip: placed stays placed, never lower.
            if let Some(p1) = p1 {
                prop_assert!(p2.is_some_and(|p2| p2 >= p1), "{:?} became {:?}", p1, p2);
            }
        }
    }

    #[test]
    fn practice_steps_only_ever_climb((which, picks) in any_ladder()) {
        let q = &ladders()[which];
        let s = score(q, &assessment(q, &picks));
        for step in s.next_steps.iter().filter(|s| s.kind == StepKind::Practice) {
            let area = step.area.expect("a practice is in an area");
            let reached = s.overall.rung.or(s.areas[area].placement.rung);
            prop_assert!(reached.is_some(), "{}", step.text);
            prop_assert!(step.rung > reached, "{} at {:?}", step.text, reached);
        }
    }

    #[test]
    fn one_strong_area_cannot_carry_the_rest((which, picks) in any_ladder()) {
        let q = &ladders()[which];
        let s = score(q, &assessment(q, &picks));
        if let Some(overall) = s.overall.rung {
            let areas: Vec<usize> = s.areas.iter().filter_map(|a| a.placement.rung).collect();
            let at_or_above = areas.iter().filter(|&&r| r >= overall).count();
            prop_assert!(2 * at_or_above >= areas.len(), "{:?} placed {}", areas, overall);
            prop_assert!(areas.iter().min().is_some_and(|&m| m <= overall));
            prop_assert!(areas.iter().max().is_some_and(|&m| overall <= m));
        }
    }
}

/// The option of question `qi` on `rung`.
fn on(q: &Questionnaire, qi: usize, rung: usize) -> Answer {
    Answer::Chosen(common::option_on(q, qi, rung))
}

#[test]
fn a_dont_know_cannot_lift_a_placement() {
    // Three answers on Co-production and three on Coercion in every area: placed on
    // Coercion. A "don't know" instead of one Coercion answer changes nothing.
    let q = &ladders()[0];
    let top = q.rungs.len() - 1;
    let mut a = assessment(q, &vec![0; q.questions.len()]);
    for area in 0..q.areas.len() {
        for (n, (qi, _)) in q.questions_in(area).enumerate() {
            a.answers[qi] = on(q, qi, if n < 3 { top } else { 0 });
        }
    }
    let before = score(q, &a);
    assert_eq!(before.overall.rung, Some(0));
    let (culture_coercion, _) = q.questions_in(0).nth(3).expect("six culture questions");
    a.answers[culture_coercion] = Answer::DontKnow;
    let after = score(q, &a);
    assert_eq!(placements(&after), placements(&before));
    assert!(placements(&after).iter().all(|p| *p == Some(0)));
}

#[test]
fn next_steps_climb_from_the_placement_and_never_point_down() {
    // Every area: four answers on Consultation, one on Educating, one on Informing. Placed
    // on Consultation; the steps climb to Engagement, from different areas.
    let q = &ladders()[0];
    let (educating, informing, consultation) = (1, 2, 3);
    let mut a = assessment(q, &vec![0; q.questions.len()]);
    for area in 0..q.areas.len() {
        for (n, (qi, _)) in q.questions_in(area).enumerate() {
            let rung = match n {
                0 => educating,
                1 => informing,
                _ => consultation,
            };
            a.answers[qi] = on(q, qi, rung);
        }
    }
    let s = score(q, &a);
    assert_eq!(s.overall.rung, Some(consultation));
    assert!(
        s.next_steps[0]
            .text
            .starts_with("Climb from Consultation to Engagement")
    );
    let practices: Vec<_> = s
        .next_steps
        .iter()
        .filter(|s| s.kind == StepKind::Practice)
        .collect();
    assert_eq!(practices.len(), 3);
    assert!(practices.iter().all(|p| p.rung == Some(consultation + 1)));
    let mut areas: Vec<_> = practices.iter().map(|p| p.area).collect();
    areas.dedup();
    assert_eq!(areas.len(), 3, "three areas, not three answers of one");
}
