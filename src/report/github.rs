//! `copro check` as GitHub Actions workflow commands (`::error file=…,line=…::…`), so that
//! problems show on the lines they are about. Every file name and message is escaped as a
//! workflow command's property or data, so that no text from a file can end a command or
//! start another.

use super::parts::{check_summary, headline};
use super::{CheckPart, Render};
use crate::check::{FileResult, Status};
use crate::text;

/// The GitHub Actions renderer.
pub struct Github;

/// Escapes a workflow command's message as the runner reads it back (`%`, CR and LF), after
/// making it one line without control or invisible characters.
fn github_data(words: &str) -> String {
    text::line(words)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value: as its message, and `:` and `,`, which
/// would end the value.
fn github_property(words: &str) -> String {
    github_data(words).replace(':', "%3A").replace(',', "%2C")
}

fn github_command(
    level: &str,
    file: &str,
    line: usize,
    column: Option<usize>,
    message: &str,
) -> String {
    let mut place = format!("file={}", github_property(file));
    if line > 0 {
        place.push_str(&format!(",line={line}"));
    }
    if let Some(column) = column {
        place.push_str(&format!(",col={column}"));
    }
    format!(
        "::{level} {place},title=copro check::{}\n",
        github_data(message)
    )
}

impl Render<CheckPart<'_>> for Github {
    fn render(&self, part: &CheckPart) -> String {
        match part {
            CheckPart::File(r) => file(r),
            CheckPart::End {
                summary, policy, ..
            } => format!("{}\n", text::line(&check_summary(summary, policy))),
            CheckPart::Start { .. } | CheckPart::Between { .. } => String::new(),
        }
    }
}

/// A file that passes as a plain line; every reason, warning and problem of any other as
/// an annotation on its file and line.
fn file(r: &FileResult) -> String {
    if r.status == Status::Pass && r.warnings.is_empty() {
        return format!(
            "pass: {}  {}\n",
            text::line(&r.file),
            text::line(&headline(r))
        );
    }
    let mut text = String::new();
    for reason in &r.reasons {
        text.push_str(&github_command(
            "error",
            &r.file,
            reason.line,
            None,
            &reason.message,
        ));
    }
    for warning in &r.warnings {
        text.push_str(&github_command(
            "warning",
            &r.file,
            warning.line,
            None,
            &warning.message,
        ));
    }
    for p in &r.problems {
        let (line, column) = p
            .place
            .as_ref()
            .map_or((0, None), |at| (at.line, Some(at.column)));
        let message = format!("invalid assessment: {} ({})", p.message, p.help);
        // A problem in the questionnaire an assessment names is annotated on that file.
        text.push_str(&github_command("error", &p.file, line, column, &message));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_commands_escape_what_would_break_them() {
        assert_eq!(
            github_command("error", "a,b:c.toml", 3, None, "50% done\nnext"),
            "::error file=a%2Cb%3Ac.toml,line=3,title=copro check::50%25 done next\n"
        );
        assert_eq!(
            github_command(
                "error",
                "\u{1b}a\u{9b}\u{202e}\n::error file=x",
                0,
                None,
                "##[error]x"
            ),
            "::error file=a %3A%3Aerror file=x,title=copro check::## [error]x\n"
        );
    }
}
