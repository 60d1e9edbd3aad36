//! The checks every file kind shares: text fields, ids and references by id.
//!
//! A [`Checker`] collects problems instead of stopping at the first, so one run shows a
//! person everything to mend in their file, in file order. Questionnaires and assessments
//! both check their fields through it, so a problem reads the same wherever it is found.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use crate::source::{Diagnostic, Invalid, SourceFile};
use crate::text;

/// The longest text copro accepts in one field.
pub const MAX_TEXT_CHARS: usize = 2000;
/// The longest id copro accepts.
pub const MAX_ID_CHARS: usize = 64;

/// How many problems of one file are kept, the first in the file; the rest are counted.
/// A file of a few megabytes can hold a hundred thousand mistakes, and a person mends the
/// first ones first.
const KEPT_PROBLEMS: usize = 100;

/// Collects the problems found in one file.
pub struct Checker<'a> {
    /// The file being checked.
    pub file: &'a SourceFile,
    problems: Vec<(usize, Diagnostic)>,
    /// Problems found but not kept.
    omitted: usize,
}

impl<'a> Checker<'a> {
    /// Starts checking `file`.
    pub fn new(file: &'a SourceFile) -> Self {
        Checker {
            file,
            problems: Vec::new(),
            omitted: 0,
        }
    }

    /// Records a problem at `span`.
    pub fn error(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let at = span.start;
        self.problems
            .push((at, self.file.diagnostic(span, message, help)));
        if self.problems.len() >= 2 * KEPT_PROBLEMS {
            self.keep_the_first();
        }
    }

    /// Keeps the first [`KEPT_PROBLEMS`] in file order, counting the others.
    fn keep_the_first(&mut self) {
        self.problems.sort_by_key(|(at, _)| *at);
        self.omitted += self.problems.len().saturating_sub(KEPT_PROBLEMS);
        self.problems.truncate(KEPT_PROBLEMS);
    }

    /// True once a problem has been found.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty() || self.omitted > 0
    }

    /// The line a span starts on, for "first used on line N".
    pub fn line_of(&self, span: &Range<usize>) -> usize {
        self.file.line_column(span.start).0
    }

    /// `Ok` when nothing was found, else every problem in file order.
    pub fn finish(mut self) -> Result<(), Invalid> {
        if self.problems.is_empty() {
            return Ok(());
        }
        self.keep_the_first();
        Err(Invalid {
            diagnostics: self.problems.into_iter().map(|(_, d)| d).collect(),
            omitted: self.omitted,
        })
    }

    /// A text field, by [`check_text`]; returned trimmed, control characters removed.
    pub fn text(&mut self, value: &Spanned<String>, field: &str) -> String {
        let cleaned = text::clean(value.get_ref());
        let trimmed = cleaned.trim();
        if let Err(problem) = check_text(trimmed) {
            self.error(value.span(), problem.message(field), problem.help(field));
        }
        if trimmed.len() == cleaned.len() {
            cleaned
        } else {
            trimmed.to_string()
        }
    }

    /// A name, title or version: a text field (see [`Checker::text`]) that is shown on a
    /// line of its own or inside one, so any line break in it becomes a space.
    pub fn name(&mut self, value: &Spanned<String>, field: &str) -> String {
        text::one_line(&self.text(value, field))
    }

    /// An id: lowercase letters, digits and hyphens.
    pub fn id(&mut self, value: &Spanned<String>, kind: &str) -> String {
        let id = value.get_ref();
        if !is_valid_id(id) {
            self.error(
                value.span(),
                format!(
                    "`{}` is not a valid {kind} id",
                    text::truncate(&text::one_line(id), 40)
                ),
                format!(
                    "ids are 1 to {MAX_ID_CHARS} lowercase letters, digits and hyphens, starting with a letter or digit, e.g. `co-design`"
                ),
            );
        }
        id.clone()
    }

    /// Checks that each id of one kind is valid and used once.
    pub fn unique_ids<'t>(
        &mut self,
        kind: &str,
        values: impl IntoIterator<Item = &'t Spanned<String>>,
    ) {
        let mut first: HashMap<&str, &Spanned<String>> = HashMap::new();
        for value in values {
            self.id(value, kind);
            match first.get(value.get_ref().as_str()) {
                Some(earlier) => {
                    let line = self.line_of(&earlier.span());
                    self.error(
                        value.span(),
                        format!(
                            "duplicate {kind} id `{}` (first used on line {line})",
                            value.get_ref()
                        ),
                        format!("give each {kind} its own id"),
                    );
                }
                None => {
                    first.insert(value.get_ref(), value);
                }
            }
        }
    }

    /// Resolves a reference to one of `choices`, reporting an unknown one with the list of
    /// valid choices and `extra` ways to answer (e.g. "or `dont-know`"). The choices are
    /// only listed when the reference is unknown, so a lazy iterator costs nothing on a
    /// good file.
    pub fn reference<I, S>(
        &mut self,
        value: &Spanned<String>,
        kind: &str,
        choices: I,
        extra: &str,
    ) -> Option<usize>
    where
        I: IntoIterator<Item = S> + Clone,
        S: AsRef<str>,
    {
        let found = choices
            .clone()
            .into_iter()
            .position(|c| c.as_ref() == value.get_ref());
        if found.is_none() {
            self.unknown(value, kind, choices, extra);
        }
        found
    }

    /// Reports `value` as an unknown `kind`, listing the valid `choices`.
    pub fn unknown<S: AsRef<str>>(
        &mut self,
        value: &Spanned<String>,
        kind: &str,
        choices: impl IntoIterator<Item = S>,
        extra: &str,
    ) {
        let choices: Vec<S> = choices.into_iter().collect();
        let help = if choices.is_empty() {
            format!("there are no {kind}s to refer to yet: add one first")
        } else {
            format!(
                "use one of: {}{extra}",
                text::list(choices.iter().map(AsRef::as_ref))
            )
        };
        self.error(
            value.span(),
            format!(
                "`{}` is not a known {kind}",
                text::truncate(&text::one_line(value.get_ref()), 60)
            ),
            help,
        );
    }
}

/// What is wrong with a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MAX_TEXT_CHARS`]; the length in characters.
    TooLong(usize),
}

impl TextProblem {
    /// What is wrong with the field called `field`.
    pub fn message(self, field: &str) -> String {
        match self {
            TextProblem::Empty => format!("`{field}` is empty"),
            TextProblem::TooLong(length) => {
                format!("`{field}` is {length} characters long; the limit is {MAX_TEXT_CHARS}")
            }
        }
    }

    /// How to mend it.
    pub fn help(self, field: &str) -> String {
        match self {
            TextProblem::Empty => {
                format!("write the {field} in plain words, or remove the key if it is optional")
            }
            TextProblem::TooLong(_) => "shorten it: a person reads this on one screen".into(),
        }
    }
}

/// The one rule for a text field, however it arrives: typed at a prompt, given on the
/// command line or read from a file. `text` is trimmed, control characters removed; it
/// must not be empty, nor longer than [`MAX_TEXT_CHARS`] characters. What the interview
/// accepts by this rule, the loaders accept.
pub fn check_text(text: &str) -> Result<(), TextProblem> {
    if text.is_empty() {
        return Err(TextProblem::Empty);
    }
    // Characters are never more than bytes: count them only when it could matter.
    if text.len() > MAX_TEXT_CHARS {
        let length = text.chars().count();
        if length > MAX_TEXT_CHARS {
            return Err(TextProblem::TooLong(length));
        }
    }
    Ok(())
}

/// True for ids made of lowercase letters, digits and hyphens, as copro's files use.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= MAX_ID_CHARS
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
