//! The plain face: one prompt per line, numbered options, commands as letters or words.
//!
//! No colour, no cursor movement, no redraws: a screen reader reads it top to bottom, and
//! a script can pipe answers in. In a terminal, lines are wrapped between words to its
//! width. When input is a terminal, a line that does not answer the prompt is asked again;
//! when it is piped, it stops with the line number and what was expected, and when it is
//! piped while stderr is a terminal (a trainer making a file from a script), the
//! questions are not shown at all: only problems and the result. A number may carry an
//! evidence note on the same line (`3 Minutes of the May board`); at the evidence line,
//! `b` goes back and a line that is only a command letter or a number is not taken as a
//! note unless it is in quotes, so that a script one line out stops at once instead of
//! turning answers into notes. It only turns a prompt into lines (the shared wording comes
//! from [`copro::interview::words`]) and a line into a reply; what comes next is the
//! session's.

use std::io::{BufRead, IsTerminal, Write};

use super::{Face, Stop, Wording};
use copro::assessment::Answer;
use copro::interview::{Pending, Reply, words};
use copro::questionnaire::{Question, Rating, Statement};
use copro::text;

/// Plain prompts over any input and output.
pub struct Plain<R, W> {
    input: R,
    output: W,
    /// Input is a person at a terminal: ask again instead of stopping.
    interactive: bool,
    /// Lines read so far.
    line: usize,
    /// Something was written already (blocks after the first start with a blank line).
    started: bool,
    /// The width to wrap at, when output is a terminal.
    width: Option<usize>,
    /// Show no prompts (answers come from a script; problems still stop with a message).
    quiet: bool,
    /// The question shown last (see [`Face::last_question`]).
    last_question: Option<String>,
}

impl Plain<std::io::StdinLock<'static>, std::io::Stderr> {
    /// Plain prompts: questions on stderr (stdout carries only the result), answers from
    /// stdin.
    pub fn stdio() -> Self {
        let stdin = std::io::stdin();
        let interactive = stdin.is_terminal();
        let term = console::Term::stderr();
        let mut plain = Plain::new(stdin.lock(), std::io::stderr(), interactive);
        if term.is_term() {
            plain.width = Some(usize::from(term.size().1).clamp(20, 100));
            plain.quiet = !interactive;
        }
        plain
    }
}

/// What a line may mean at a prompt.
struct Expected<'a> {
    /// The thing asked, for messages: "question `culture-values`".
    what: String,
    /// The replies allowed, for messages: "a number from 1 to 7, or d, s, b or ?".
    words: &'a str,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    /// Plain prompts over `input` and `output`.
    pub fn new(input: R, output: W, interactive: bool) -> Self {
        Plain {
            input,
            output,
            interactive,
            line: 0,
            started: false,
            width: None,
            quiet: false,
            last_question: None,
        }
    }

    fn write(&mut self, text: &str) -> Result<(), Stop> {
        if self.quiet {
            return Ok(());
        }
        let text = text::clean(text);
        let text = match self.width {
            Some(width) => copro::wrap::wrap(&text, width, ""),
            None => text,
        };
        self.output
            .write_all(text.as_bytes())
            .and_then(|()| self.output.flush())
            .map_err(|e| Stop::Failed(e.into()))
    }

    /// Writes a block of text, set apart from the one before by a blank line.
    fn block(&mut self, text: &str) -> Result<(), Stop> {
        let gap = if self.started { "\n" } else { "" };
        self.started = true;
        self.write(&format!("{gap}{text}"))
    }

    /// Reads one line, trimmed. End of input stops the conversation.
    fn read(&mut self) -> Result<String, Stop> {
        self.write("> ")?;
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) => {
                self.write("\n")?;
                Err(Stop::EndOfInput { line: self.line })
            }
            Ok(_) => {
                self.line += 1;
                if !self.interactive {
                    // Echo piped answers, so the transcript reads like a conversation.
                    self.write(&format!("{}\n", line.trim_end()))?;
                }
                Ok(line.trim().to_string())
            }
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => Err(Stop::Invalid(format!(
                "stdin line {}: the line is not UTF-8 text",
                self.line + 1
            ))),
            Err(e) => Err(Stop::Failed(e.into())),
        }
    }

    /// Reads lines until `parse` accepts one. `?` shows `help`, when there is some, and asks
    /// again. A refused line is asked again in a terminal and stops piped input.
    fn read_until<T>(
        &mut self,
        expected: &Expected,
        help: Option<&str>,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<T, Stop> {
        loop {
            let line = self.read()?;
            if let (Some(help), "?" | "help") = (help, line.as_str()) {
                self.write(&format!("{help}\n"))?;
                continue;
            }
            if let Some(value) = parse(&line) {
                return Ok(value);
            }
            let got = text::truncate(&line, 40);
            if !self.interactive {
                return Err(Stop::Invalid(format!(
                    "stdin line {}, {}: expected {}; got `{got}`",
                    self.line, expected.what, expected.words
                )));
            }
            self.write(&format!("Please type {}.\n", expected.words))?;
        }
    }
}

/// What a line at the evidence prompt means: back (`b`), the note as it was (an empty
/// line), no note (`-`), or a new note. A line that is only a number or another command
/// letter is no note: it is most likely the next answer, a line early, and taking it as a
/// note would shift every answer after it. Such a note is typed in quotes: `"3"`.
fn evidence_reply(line: &str, current: Option<&str>) -> Option<Reply> {
    match line.to_lowercase().as_str() {
        "b" | "back" => Some(Reply::Back),
        "" => Some(Reply::Evidence(current.map(String::from))),
        "-" => Some(Reply::Evidence(None)),
        "d" | "s" | "skip" | "r" | "f" => None,
        word if word.parse::<f64>().is_ok() => None,
        _ => {
            let note = line
                .strip_prefix('"')
                .and_then(|l| l.strip_suffix('"'))
                .filter(|inner| !inner.is_empty())
                .unwrap_or(line);
            fits(note).then(|| Reply::Evidence(Some(note.to_string())))
        }
    }
}

/// True when a note fits in an assessment file: the limit the file is read with, so that a
/// note too long is refused as a line that does not answer, never saved and refused later
/// (or, in a script, silently dropped while the next line answers the wrong question).
fn fits(note: &str) -> bool {
    !matches!(
        copro::validate::check_text(text::one_line(note).trim()),
        Err(copro::validate::TextProblem::TooLong(_))
    )
}

/// An answer to a question: a number (with an evidence note after it on the same line, if
/// any) or a command letter.
fn question_reply(line: &str, options: usize) -> Option<Reply> {
    let lower = line.to_lowercase();
    match lower.as_str() {
        "d" | Answer::DONT_KNOW | "don't know" | "dont know" => return Some(Reply::DontKnow),
        _ => {}
    }
    if let Some(reply) = skip_or_back(&lower) {
        return Some(reply);
    }
    match line.split_once(char::is_whitespace) {
        Some((n, note)) if fits(note) => {
            number(n, options).map(|o| Reply::ChooseWithEvidence(o, note.trim().to_string()))
        }
        Some(_) => None,
        None => number(line, options).map(Reply::Choose),
    }
}

impl<R: BufRead, W: Write> Plain<R, W> {}

/// The number `line` names among `count` choices (1-based as typed; 0-based returned).
fn number(line: &str, count: usize) -> Option<usize> {
    line.parse::<usize>()
        .ok()
        .filter(|n| (1..=count).contains(n))
        .map(|n| n - 1)
}

fn numbered(choices: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    choices
        .into_iter()
        .enumerate()
        .map(|(n, c)| format!("  {}. {}\n", n + 1, c.as_ref()))
        .collect()
}

/// The letters a question accepts besides a number, as the opening and each question
/// list them.
fn commands(help: bool) -> String {
    format!(
        "d = don't know, s = skip for now, b = back{}",
        if help { ", ? = help" } else { "" }
    )
}

/// Skip and back, which questions and statements both accept.
fn skip_or_back(word: &str) -> Option<Reply> {
    match word {
        "s" | "skip" => Some(Reply::Skip),
        "b" | "back" => Some(Reply::Back),
        _ => None,
    }
}

impl<R: BufRead, W: Write> Face for Plain<R, W> {
    fn interactive(&self) -> bool {
        self.interactive
    }

    fn last_question(&mut self) -> &mut Option<String> {
        &mut self.last_question
    }

    fn keys(&self) -> String {
        format!(
            "Type the number of your answer and press Enter; {}. To add evidence, type it after the number: 3 Minutes of the May board.",
            commands(true)
        )
    }

    fn say(&mut self, text: &str) -> Result<(), Stop> {
        self.block(&format!("{text}\n"))
    }

    fn text(&mut self, label: &str) -> Result<String, Stop> {
        self.block(&format!("{label}:\n"))?;
        let expected = Expected {
            what: label.to_lowercase(),
            words: "some text",
        };
        self.read_until(&expected, None, |line| {
            (!line.is_empty()).then(|| text::one_line(line))
        })
    }

    fn pick(&mut self, label: &str, choices: &[String]) -> Result<usize, Stop> {
        self.block(&format!("{label}:\n{}", numbered(choices)))?;
        let words = format!("a number from 1 to {}", choices.len());
        let expected = Expected {
            what: label.to_lowercase(),
            words: &words,
        };
        self.read_until(&expected, None, |line| number(line, choices.len()))
    }

    fn ask_question(
        &mut self,
        progress: &str,
        question: &Question,
        wording: Wording,
        current: Answer,
    ) -> Result<Reply, Stop> {
        let n = question.options.len();
        let help = wording.help.is_some();
        let mut text = format!(
            "{progress}\n{}\n{}  {}\n",
            wording.prompt,
            numbered(question.options.iter().map(|o| &o.text)),
            commands(help)
        );
        match current {
            Answer::Chosen(o) => text.push_str(&format!("  (Your answer was {}.)\n", o + 1)),
            Answer::DontKnow => text.push_str("  (Your answer was: don't know.)\n"),
            Answer::Skipped | Answer::Unanswered => {}
        }
        self.block(&text)?;
        let words = format!(
            "a number from 1 to {n}, or d, s, b{}",
            if help { " or ?" } else { "" }
        );
        let expected = Expected {
            what: format!("question `{}`", question.id),
            words: &words,
        };
        self.read_until(&expected, wording.help, |line| question_reply(line, n))
    }

    fn ask_evidence(
        &mut self,
        question: &Question,
        returned: Option<&str>,
        current: Option<&str>,
    ) -> Result<Reply, Stop> {
        let mut text = String::new();
        if let Some(asked) = returned {
            text.push_str(&format!("{} {asked}\n", words::NOTE_FOR));
        }
        text.push_str(&format!("{}\n", words::EVIDENCE));
        match current {
            Some(note) => text.push_str(&format!(
                "  Now: {note}\n  Press Enter to keep it, type - to remove it, or type a new note; b = back, ? = help\n"
            )),
            None => text.push_str("  Type a note, or press Enter for none; b = back, ? = help\n"),
        }
        self.write(&text)?;
        let expected = Expected {
            what: format!("the evidence for question `{}`", question.id),
            words: "a note in words of at most 2,000 characters, an empty line for none, or b to go back (a note that is only a number or a letter goes in quotes: \"3\")",
        };
        let help = "Type what would show your answer to someone from outside (minutes, a report, a name), or press Enter for no note. b = back to the question, - = remove the note. A note that is only a number or one of the letters b, d, s, r, f goes in quotes: \"b\".";
        self.read_until(&expected, Some(help), |line| evidence_reply(line, current))
    }

    fn ask_statement(
        &mut self,
        progress: &str,
        statement: &Statement,
        scale: &[Rating],
        current: Option<usize>,
        intro: Option<&str>,
    ) -> Result<Reply, Stop> {
        if let Some(intro) = intro {
            self.say(intro)?;
        }
        let mut text = format!(
            "{progress}\n“{}”\n{}\n{}  s = skip, b = back\n",
            statement.text,
            words::HOW_TRUE,
            numbered(scale.iter().map(|r| &r.name))
        );
        if let Some(r) = current {
            text.push_str(&format!("  (Your rating was {}.)\n", r + 1));
        }
        self.block(&text)?;
        let words = format!("a number from 1 to {}, or s or b", scale.len());
        let expected = Expected {
            what: format!("statement `{}`", statement.id),
            words: &words,
        };
        self.read_until(&expected, None, |line| {
            let line = line.to_lowercase();
            skip_or_back(&line).or_else(|| number(&line, scale.len()).map(Reply::Choose))
        })
    }

    fn ask_review(
        &mut self,
        pending: &[Pending],
        statements: &[&Statement],
    ) -> Result<Reply, Stop> {
        let mut text = format!("{}\n", words::pending(pending.len(), statements.len()));
        for question in pending {
            text.push_str(&format!("  - {}\n", question.prompt));
        }
        for statement in statements {
            text.push_str(&format!("  - “{}”\n", statement.text));
        }
        text.push_str("Type r to go through them again, b to go back, or press Enter to finish.\n");
        self.block(&text)?;
        let expected = Expected {
            what: "the review".into(),
            words: "r, b or an empty line",
        };
        self.read_until(&expected, None, |line| match line.to_lowercase().as_str() {
            "r" | "revisit" => Some(Reply::Revisit),
            "b" | "back" => Some(Reply::Back),
            "" | "f" | "finish" => Some(Reply::Finish),
            _ => None,
        })
    }
}
