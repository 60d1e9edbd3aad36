//! `copro score FILE`: load one assessment, score it, render it.

use crate::cli::ScoreArgs;
use crate::commands::Output;
use copro::assessment::Assessment;
use copro::report::{ScoreReport, Style};
use copro::scoring;

pub fn run(args: &ScoreArgs, style: &Style) -> anyhow::Result<Output> {
    let (assessment, questionnaire) = Assessment::load(&args.file)?;
    let score = scoring::score(&questionnaire, &assessment);
    let view = ScoreReport {
        questionnaire: &questionnaire,
        assessment: &assessment,
        score: &score,
    };
    let mut output = Output::success(args.format.render(style, &view));
    output.notes = assessment.notes.iter().map(ToString::to_string).collect();
    Ok(output)
}
