//! The words of the interview that every face shows: the opening, where answers are
//! saved, progress, the evidence question, the rating question, the review, and the labels
//! of the choices besides an answer.
//!
//! A face adds its own markup and its own way of choosing (numbers and letters, arrow keys,
//! buttons) around these words; it does not write them again, so the faces say the same
//! thing. This module only makes text: it decides nothing about the flow and never prints.

use std::path::Path;

use super::session::Saved;
use crate::questionnaire::Questionnaire;

/// The question for the organisation assessed.
pub const ORGANISATION: &str = "Organisation";
/// The question for the service, team or programme assessed.
pub const SERVICE: &str = "Service, team or programme";
/// The question for the respondent's role.
pub const ROLE: &str = "Your role";
/// The optional evidence note after an answer on one of the top two rungs.
pub const EVIDENCE: &str = "Evidence (optional): what would show this to someone from outside?";
/// The question put for every statement.
pub const HOW_TRUE: &str = "How true is this now?";
/// Said when Back is chosen at the first step.
pub const AT_START: &str = "Nothing to go back to: this is where this session started.";
/// The choice of "don't know" for a question.
pub const DONT_KNOW: &str = "Don't know";
/// The choice of skipping a question, to come back to it in the review.
pub const SKIP_FOR_NOW: &str = "Skip for now";
/// The choice of skipping a statement.
pub const SKIP: &str = "Skip";
/// The choice of going back one step.
pub const BACK: &str = "Back";
/// The choice of showing a question's help.
pub const HELP: &str = "What does this question mean?";
/// The review's question.
pub const WHAT_NEXT: &str = "What next?";
/// The review's choice of going through the pending questions again.
pub const REVISIT: &str = "Go through them again";
/// The review's choice of finishing now.
pub const FINISH: &str = "Finish now";
/// Said on stopping before any file was written.
pub const NOTHING_SAVED: &str = "Nothing was saved: no file was created yet.";

/// What this is and how long it takes, followed by `keys`: how to answer in this face.
pub fn opening(q: &Questionnaire, keys: &str) -> String {
    let statements = q.statements.len() / 2;
    let minutes = (q.questions.len() * 60 + statements * 20)
        .div_ceil(60)
        .div_ceil(5)
        * 5;
    let mut text = format!("{}\n", q.title);
    if let Some(description) = &q.description {
        text.push_str(&format!("{description}\n"));
    }
    text.push_str(&format!(
        "There are {} questions in {} areas, then some statements to rate. It takes about {minutes} minutes.\n{keys}",
        q.questions.len(),
        q.areas.len(),
    ));
    text
}

/// Where answers are saved; when carrying on, with how many of how many questions were
/// answered before.
pub fn saving_to(path: &Path, carrying_on: Option<(usize, usize)>) -> String {
    let mut text = format!(
        "Every answer is saved the moment you give it, to {}.",
        path.display()
    );
    if let Some((given, questions)) = carrying_on {
        text.push_str(&format!(
            " Carrying on: {given} of {questions} questions already answered."
        ));
    }
    text
}

/// "Practice · 3 of 6 · 15 of 24": a question's place in its area and among all questions.
pub fn question_progress(area: &str, in_area: (usize, usize), overall: (usize, usize)) -> String {
    format!(
        "{area} · {} of {} · {} of {}",
        in_area.0, in_area.1, overall.0, overall.1
    )
}

/// "Statements · 2 of 14 · Workforce": a statement's place among those asked, and its theme.
pub fn statement_progress(theme: &str, position: (usize, usize)) -> String {
    format!("Statements · {} of {} · {theme}", position.0, position.1)
}

/// "2 questions are still without an answer:", before the review lists them.
pub fn pending(count: usize) -> String {
    format!(
        "{count} {} still without an answer:",
        if count == 1 {
            "question is"
        } else {
            "questions are"
        }
    )
}

/// "Saved 14 of 24 answers to FILE. Resume with: copro assess --resume FILE", or that
/// nothing was saved.
pub fn resume(saved: Option<&Saved>) -> String {
    match saved {
        Some(saved) => format!(
            "Saved {} of {} answers to {}. Resume with: copro assess --resume {}",
            saved.given,
            saved.total,
            saved.path.display(),
            shell_word(&saved.path.display().to_string())
        ),
        None => NOTHING_SAVED.into(),
    }
}

/// A path as one shell word, quoted only when it needs to be: for commands to copy.
pub(crate) fn shell_word(path: &str) -> String {
    if path
        .chars()
        .all(|c| c.is_alphanumeric() || "-_./+:@".contains(c))
    {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_quote_only_when_needed() {
        assert_eq!(shell_word("a-2026.toml"), "a-2026.toml");
        assert_eq!(shell_word("my file's.toml"), r"'my file'\''s.toml'");
    }

    #[test]
    fn one_pending_question_is_singular() {
        assert_eq!(pending(1), "1 question is still without an answer:");
        assert_eq!(pending(3), "3 questions are still without an answer:");
    }
}
