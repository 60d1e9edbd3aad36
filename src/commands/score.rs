//! `copro score FILE`: load one assessment, score it, render it.

use std::path::Path;

use anyhow::bail;

use crate::cli::{ScoreArgs, ScoreFormat};
use crate::commands::Output;
use copro::assessment::Assessment;
use copro::check::looks_like_an_assessment;
use copro::questionnaire::Questionnaire;
use copro::report::{ScoreReport, Style};
use copro::scoring;
use copro::source::SourceFile;

pub fn run(args: &ScoreArgs, style: &Style) -> anyhow::Result<Output> {
    let (assessment, questionnaire) = match Assessment::load(&args.file) {
        Ok(loaded) => loaded,
        Err(_) if !is_assessment(&args.file) => bail!(
            "{} is not an assessment: an assessment is a TOML file with a `questionnaire = …` line, made by `copro assess` (see “The assessment file” in the README)",
            args.file.display()
        ),
        Err(e) => return Err(e.into()),
    };
    let mut output = Output::success(result(&questionnaire, &assessment, args.format, style));
    output.notes = assessment.notes.iter().map(ToString::to_string).collect();
    super::saved(output, &args.save)
}

/// False when `file` is a regular file that is not TOML at all and has no top-level
/// `questionnaire = …` line: notes or another document given by mistake, for which a TOML
/// syntax error would mislead. (TOML files that are not assessments, and empty files, have
/// their own messages.)
fn is_assessment(file: &Path) -> bool {
    // Read as every file is read: a named pipe or a device is refused, never opened.
    match SourceFile::read(file) {
        Ok(source) => {
            let text = &source.text;
            text.trim().is_empty()
                || looks_like_an_assessment(text)
                || text.parse::<toml::Table>().is_ok()
        }
        // What is wrong with it is said by the loader's own message.
        Err(_) => true,
    }
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
