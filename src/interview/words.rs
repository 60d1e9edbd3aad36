//! The words of the interview that every face shows: the opening, where answers are
//! saved, progress, the evidence question, the rating question, the review, and the labels
//! of the choices besides an answer.
//!
//! A face adds its own markup and its own way of choosing (numbers and letters, arrow keys,
//! buttons) around these words; it does not write them again, so the faces say the same
//! thing. This module only makes text: it decides nothing about the flow and never prints.

use std::path::Path;

use super::session::{Counts, Saved};
use crate::questionnaire::{Questionnaire, Rating, Voice};
use crate::report::plural;

/// The question for the organisation assessed.
pub const ORGANISATION: &str = "Organisation";
/// The question for the service, team or programme assessed.
pub const SERVICE: &str = "Service, team or programme";
/// The question for the respondent's role.
pub const ROLE: &str = "Your role";
/// Before the evidence step when the person came back to it: which question the note is for.
pub const NOTE_FOR: &str = "Back to the note for the question:";
/// The optional evidence note after an answer.
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
/// The evidence step's choice of going on without a note.
pub const NO_NOTE: &str = "No note: go on";
/// The evidence step's choice of writing a note.
pub const WRITE_NOTE: &str = "Write a note";
/// The evidence step's choice of changing the note given before.
pub const CHANGE_NOTE: &str = "Change the note";
/// The evidence step's choice of removing the note given before.
pub const REMOVE_NOTE: &str = "Remove the note";
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

/// Said on the opening screen, before anything is asked: where the answers will go.
pub fn will_save(out: Option<&Path>) -> String {
    match out {
        Some(path) => format!("Your answers will be saved in {}.", path.display()),
        None => "Your answers will be saved in this folder, in a file named after the organisation, your role and the date (choose another with --out).".into(),
    }
}

/// The evidence step's choice of keeping the note given before.
pub fn keep_note(note: &str) -> String {
    format!("Keep the note: {note}")
}

/// Said when the file the answers would go to exists already.
pub fn already_exists(path: &Path) -> String {
    format!(
        "{} already exists: it may hold your earlier answers, or someone else's.",
        path.display()
    )
}

/// The choice of carrying on with an existing file.
pub fn carry_on_with(path: &Path) -> String {
    format!("Carry on with the answers in {}", path.display())
}

/// The choice of saving to a new file instead of an existing one.
pub fn new_file(path: &Path) -> String {
    format!("Start a new file, {}", path.display())
}

/// The choice of stopping without changing an existing file.
pub const STOP: &str = "Stop: change nothing";

/// Said when piped answers go to a new file because the default one exists.
pub fn saving_instead(existing: &Path, path: &Path) -> String {
    format!(
        "{} already exists, so these answers go to {}.",
        existing.display(),
        path.display()
    )
}

/// Where answers are saved; when carrying on, with what was answered before.
pub fn saving_to(path: &Path, carrying_on: Option<Counts>) -> String {
    let mut text = format!(
        "Every answer is saved the moment you give it, to {}.",
        path.display()
    );
    if let Some(counts) = carrying_on {
        text.push_str(&format!("\nCarrying on: {}.", answered(&counts)));
    }
    text
}

/// Said when an assessment started on an earlier version of its questionnaire carries on:
/// it stays on that version, so that its answers keep their meaning.
pub fn earlier_version(id: &str, version: &str, current: &str) -> String {
    format!(
        "It carries on with {id} {version}, the version it was started on; new assessments use {id} {current}."
    )
}

/// "5 of 24 questions answered, 2 \"don't know\", 1 skipped": options chosen, then the
/// other kinds of answer when there are any.
pub fn answered(counts: &Counts) -> String {
    let mut text = format!("{} of {} questions answered", counts.answered, counts.total);
    if counts.dont_know > 0 {
        text.push_str(&format!(", {} \"don't know\"", counts.dont_know));
    }
    if counts.skipped > 0 {
        text.push_str(&format!(", {} skipped", counts.skipped));
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
pub fn statements_intro(voice: Voice, scale: &[Rating]) -> String {
    let about = match voice {
        Voice::We => "what your organisation does",
        Voice::I => "how things are for you",
    };
    let names: Vec<&str> = scale.iter().map(|r| r.name.as_str()).collect();
    let range = match (names.first(), names.last()) {
        (Some(low), Some(high)) if names.len() > 1 => {
            format!(
                " The scale goes from “{low}” (not true yet) to “{high}” (true all of the time)."
            )
        }
        _ => String::new(),
    };
    format!(
        "Now some statements about {about}. For each one, say how true it is now: {}.{range}",
        names.join(", ")
    )
}

/// Where the person is among the statements: "Statements · 2 of 14 · Workforce".
pub fn statement_progress(theme: &str, position: (usize, usize)) -> String {
    format!("Statements · {} of {} · {theme}", position.0, position.1)
}

/// "2 questions and 1 statement are still without an answer:", before the review lists
/// them.
pub fn pending(questions: usize, statements: usize) -> String {
    let mut parts = Vec::new();
    if questions > 0 || statements == 0 {
        parts.push(plural(questions, "question"));
    }
    if statements > 0 {
        parts.push(plural(statements, "statement"));
    }
    let verb = if questions + statements == 1 {
        "is"
    } else {
        "are"
    };
    format!("{} {verb} still without an answer:", parts.join(" and "))
}

/// "Saved to FILE: 14 of 24 questions answered, 1 skipped.\nResume with: COMMAND", with the
/// command `command` gives for the file, or that nothing was saved.
pub fn resume(saved: Option<&Saved>, command: impl Fn(&Path) -> String) -> String {
    match saved {
        Some(saved) => format!(
            "Saved to {}: {}.\nResume with: {}",
            saved.path.display(),
            answered(&saved.counts),
            command(&saved.path)
        ),
        None => NOTHING_SAVED.into(),
    }
}

/// A path as one shell word, quoted only when it needs to be: for commands to copy.
pub fn shell_word(path: &str) -> String {
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
        assert_eq!(pending(1, 0), "1 question is still without an answer:");
        assert_eq!(pending(3, 0), "3 questions are still without an answer:");
        assert_eq!(pending(0, 1), "1 statement is still without an answer:");
        assert_eq!(
            pending(1, 2),
            "1 question and 2 statements are still without an answer:"
        );
    }

    #[test]
    fn counts_say_what_kind_of_answers_were_given() {
        let counts = Counts {
            answered: 5,
            dont_know: 2,
            skipped: 1,
            total: 24,
        };
        assert_eq!(
            answered(&counts),
            "5 of 24 questions answered, 2 \"don't know\", 1 skipped"
        );
    }
}
