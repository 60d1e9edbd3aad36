//! `copro score FILE`: load one assessment, score it, render it.

use crate::cli::{ScoreArgs, ScoreFormat};
use crate::commands::Output;
use copro::assessment::Assessment;
use copro::questionnaire::Questionnaire;
use copro::report::{ScoreReport, Style};
use copro::scoring;

pub fn run(args: &ScoreArgs, style: &Style) -> anyhow::Result<Output> {
    let (assessment, questionnaire) = Assessment::load(&args.file)?;
    let mut output = Output::success(result(&questionnaire, &assessment, args.format, style));
    output.notes = assessment.notes.iter().map(ToString::to_string).collect();
    super::saved(output, &args.save)
}

/// An assessment's score in `format`: what `score` prints, and `assess` at the end.
pub fn result(
    questionnaire: &Questionnaire,
    assessment: &Assessment,
    format: ScoreFormat,
    style: &Style,
) -> String {
    let score = scoring::score(questionnaire, assessment);
    let view = ScoreReport {
        questionnaire,
        assessment,
        score: &score,
    };
    format.render(style, &view)
}
