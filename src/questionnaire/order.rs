//! The order respondents see options in.
//!
//! Authors write options bottom rung first, which is easy to read and edit. Shown in that
//! order, the best answer would always be last, so copro shows them in a mixed order
//! instead. The order is a shuffle seeded by the question's id alone: the same on every run
//! and every machine (a scripted `3` always means the same option), and unchanged when an
//! option is reworded. A shuffle that comes out close to best-first or worst-first (rank
//! correlation between position and rung beyond ±0.5) is drawn again with the next seed.

use super::QuestionOption;
use super::hash::fnv1a;

/// Puts `options` (file order) into the order respondents see.
pub fn arrange(question_id: &str, options: &mut Vec<QuestionOption>) {
    let original = std::mem::take(options);
    let n = original.len();
    let mut chosen: Vec<usize> = (0..n).collect();
    for salt in 0u64..64 {
        let mut indexes: Vec<usize> = (0..n).collect();
        let mut state = fnv1a(question_id.as_bytes()) ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for i in (1..n).rev() {
            state = xorshift(state);
            let j = (state % (i as u64 + 1)) as usize;
            indexes.swap(i, j);
        }
        chosen = indexes;
        let rungs: Vec<usize> = chosen.iter().map(|&i| original[i].rung).collect();
        if n < 4 || rank_correlation(&rungs).abs() <= 0.5 {
            break;
        }
    }
    let mut slots: Vec<Option<QuestionOption>> = original.into_iter().map(Some).collect();
    *options = chosen
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect();
}

/// Spearman's rank correlation between position and rung (rungs within a question are
/// distinct, so ranks have no ties).
fn rank_correlation(rungs: &[usize]) -> f64 {
    let n = rungs.len();
    if n < 2 {
        return 0.0;
    }
    let mut sorted: Vec<usize> = rungs.to_vec();
    sorted.sort_unstable();
    let d2: f64 = rungs
        .iter()
        .enumerate()
        .map(|(position, rung)| {
            let rank = sorted.iter().position(|r| r == rung).unwrap_or(position);
            let d = position as f64 - rank as f64;
            d * d
        })
        .sum();
    let n = n as f64;
    1.0 - 6.0 * d2 / (n * (n * n - 1.0))
}

fn xorshift(mut x: u64) -> u64 {
    if x == 0 {
        x = 0x2545_F491_4F6C_DD1D;
    }
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::questionnaire::{Questionnaire, bundled};

    fn tlap() -> Questionnaire {
        match bundled("tlap") {
            Some(Ok(q)) => q,
            _ => panic!("the bundled tlap questionnaire is missing or invalid"),
        }
    }

    /// The rung of each option of question `id`, in the order respondents see them.
    fn shown(q: &Questionnaire, id: &str) -> Vec<usize> {
        let Some(qi) = q.question(id) else {
            panic!("tlap has no question `{id}`");
        };
        q.questions[qi].options.iter().map(|o| o.rung).collect()
    }

    /// The kept tlap 1.0.0, which never changes.
    fn tlap_1_0_0() -> Questionnaire {
        match bundled("tlap@1.0.0") {
            Some(Ok(q)) => q,
            _ => panic!("the kept tlap 1.0.0 is missing or invalid"),
        }
    }

    #[test]
    fn tlap_options_are_shown_in_a_fixed_order() {
        // Option `n` of an answer script means the `n`th of these: a change to the shuffle
        // would change what every script answers, so the order is pinned here, on the kept
        // 1.0.0, whose options never change.
        let q = tlap_1_0_0();
        for (id, rungs) in [
            ("culture-priorities", [5, 3, 0, 1, 4, 6, 2]),
            ("structure-board", [5, 0, 1, 2, 6, 4, 3]),
            ("practice-agenda", [2, 6, 0, 5, 1, 3, 4]),
            ("review-feedback", [6, 5, 2, 1, 0, 3, 4]),
        ] {
            assert_eq!(shown(&q, id), rungs, "{id}");
        }
    }

    #[test]
    fn a_question_kept_with_its_rungs_is_shown_in_the_same_order_in_every_version() {
        // The shuffle is seeded by the question's id alone: rewording the options, or
        // giving them new ids, leaves the order of rungs as it was.
        let (old, new) = (tlap_1_0_0(), tlap());
        let mut same = 0;
        for question in &new.questions {
            if old.question(&question.id).is_none() {
                continue;
            }
            let (before, now) = (shown(&old, &question.id), shown(&new, &question.id));
            let mut rungs = (before.clone(), now.clone());
            rungs.0.sort_unstable();
            rungs.1.sort_unstable();
            if rungs.0 == rungs.1 {
                assert_eq!(before, now, "{}", question.id);
                same += 1;
            }
        }
        assert!(same >= 4, "{same} questions kept with their rungs");
    }

    #[test]
    fn no_tlap_question_is_shown_close_to_ladder_order() {
        let q = tlap();
        for question in &q.questions {
            let rungs = shown(&q, &question.id);
            assert!(
                rank_correlation(&rungs).abs() <= 0.5,
                "{}: {rungs:?}",
                question.id
            );
            let mut sorted = rungs.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..7).collect::<Vec<_>>(), "every option kept once");
        }
    }

    #[test]
    fn correlation_of_the_ladder_order_is_one() {
        assert!((rank_correlation(&[0, 1, 2, 3]) - 1.0).abs() < 1e-9);
        assert!((rank_correlation(&[3, 2, 1, 0]) + 1.0).abs() < 1e-9);
    }
}
