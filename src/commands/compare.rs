//! `copro compare OLD NEW`: progress between two assessments.

use anyhow::bail;

use crate::cli::CompareArgs;
use crate::commands::Output;
use copro::assessment::Assessment;
use copro::compare;
use copro::report::{CompareReport, ScoreReport, Style};
use copro::scoring;

pub fn run(args: &CompareArgs, style: &Style) -> anyhow::Result<Output> {
    let (old, old_q) = Assessment::load(&args.old)?;
    let (new, new_q) = Assessment::load(&args.new)?;
    if old.organisation != new.organisation && !args.allow_mixed {
        bail!(
            "{} assesses {} but {} assesses {}: compare one organisation's assessments, or pass --allow-mixed",
            args.old.display(),
            old.organisation,
            args.new.display(),
            new.organisation
        );
    }
    if old_q.id != new_q.id {
        bail!(
            "{} answers {} but {} answers {}: only assessments of one questionnaire can be compared",
            args.old.display(),
            old_q.id,
            args.new.display(),
            new_q.id
        );
    }
    let old_score = scoring::score(&old_q, &old);
    let new_score = scoring::score(&new_q, &new);
    let comparison = compare::compare((&old_q, &old, &old_score), (&new_q, &new, &new_score));
    let view = CompareReport {
        old: ScoreReport {
            questionnaire: &old_q,
            assessment: &old,
            score: &old_score,
        },
        new: ScoreReport {
            questionnaire: &new_q,
            assessment: &new,
            score: &new_score,
        },
        comparison: &comparison,
    };
    let mut output = Output::success(args.format.render(style, &view));
    output.notes = old
        .notes
        .iter()
        .chain(&new.notes)
        .map(ToString::to_string)
        .collect();
    super::saved(output, &args.save)
}
