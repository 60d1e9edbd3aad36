//! The order respondents see options in, and the questionnaire's fingerprint.
//!
//! Authors write options bottom rung first, which is easy to read and edit. Shown in that
//! order, the best answer would always be last, so copro shows them in a mixed order
//! instead. The order is a shuffle seeded by the question's id alone: the same on every run
//! and every machine (a scripted `3` always means the same option), and unchanged when an
//! option is reworded. A shuffle that comes out close to best-first or worst-first (rank
//! correlation between position and rung beyond ±0.5) is drawn again with the next seed.

use super::{QuestionOption, Questionnaire};

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

/// A digest of everything an answer file depends on: question, option, rung, statement and
/// rating ids, and which rung each option sits on. Rewording text leaves it unchanged.
pub fn fingerprint(q: &Questionnaire) -> String {
    let mut canonical = String::new();
    for r in &q.rungs {
        canonical.push_str(&format!("rung {}\n", r.id));
    }
    for question in &q.questions {
        canonical.push_str(&format!("question {}\n", question.id));
        let mut options: Vec<&QuestionOption> = question.options.iter().collect();
        options.sort_by(|a, b| a.id.cmp(&b.id));
        for o in options {
            canonical.push_str(&format!("option {} {}\n", o.id, q.rungs[o.rung].id));
        }
    }
    for s in &q.statements {
        canonical.push_str(&format!("statement {} {}\n", s.id, s.voice.id()));
    }
    for r in &q.ratings {
        canonical.push_str(&format!("rating {}\n", r.id));
    }
    format!("{:016x}", fnv1a(canonical.as_bytes()))
}

/// FNV-1a, 64 bits: small, stable across platforms and Rust versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
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

    fn options(n: usize) -> Vec<QuestionOption> {
        (0..n)
            .map(|rung| QuestionOption {
                id: format!("o{rung}"),
                text: String::new(),
                rung,
            })
            .collect()
    }

    #[test]
    fn order_is_stable_and_not_close_to_the_ladder() {
        for id in [
            "culture-first-involved",
            "review-feedback",
            "a",
            "practice-pay",
        ] {
            let mut first = options(7);
            arrange(id, &mut first);
            let mut second = options(7);
            arrange(id, &mut second);
            let rungs: Vec<usize> = first.iter().map(|o| o.rung).collect();
            assert_eq!(rungs, second.iter().map(|o| o.rung).collect::<Vec<_>>());
            assert!(rank_correlation(&rungs).abs() <= 0.5, "{id}: {rungs:?}");
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
