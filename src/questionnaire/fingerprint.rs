//! The questionnaire's fingerprint: a digest of everything an answer file depends on.
//!
//! An assessment records the fingerprint of the questionnaire it was answered against; when
//! the questionnaire's fingerprint differs later, the answers may no longer mean what they
//! meant, and copro says so. Only ids and which rung each option sits on go in, so that
//! rewording a prompt or fixing a typo does not make every stored assessment stale. This
//! module only computes the digest; comparing it is the assessment's business.

use super::hash::fnv1a;
use super::{QuestionOption, Questionnaire};

/// A digest of everything an answer file depends on: question, option, rung, statement and
/// rating ids, and which rung each option sits on. Rewording text leaves it unchanged.
pub(super) fn fingerprint(q: &Questionnaire) -> String {
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
