//! `copro score FILE`: load one assessment, score it, render it.

use crate::assessment::Assessment;
use crate::cli::{ScoreArgs, ScoreFormat};
use crate::commands::Output;
use crate::report::{self, ScoreReport, Style};
use crate::scoring;

pub fn run(args: &ScoreArgs, style: &Style) -> anyhow::Result<Output> {
    let (assessment, questionnaire) = Assessment::load(&args.file)?;
    let score = scoring::score(&questionnaire, &assessment);
    let view = ScoreReport {
        questionnaire: &questionnaire,
        assessment: &assessment,
        score: &score,
    };
    let renderer = match args.format {
        ScoreFormat::Table => report::renderer(report::Format::Table, style),
        ScoreFormat::Json => report::renderer(report::Format::Json, style),
        ScoreFormat::Markdown => report::renderer(report::Format::Markdown, style),
    };
    let mut output = Output::success(renderer.score(&view));
    output.notes = assessment.notes.clone();
    Ok(output)
}
