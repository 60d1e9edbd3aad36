//! Files as text, and diagnostics that point into them.
//!
//! Every problem copro finds in a file is reported as a [`Diagnostic`]: the file, the line
//! and column, what is wrong, the offending line with a marker under it, and how to fix it.
//! This module turns byte spans (from the TOML parser) into those places. It reads files
//! only when asked to, through [`SourceFile::read`].

use std::fmt;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

use crate::text;

/// The largest file copro reads. Real questionnaires and assessments are a few tens of
/// kilobytes; anything this big is not one of them.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
const MIB: f64 = 1024.0 * 1024.0;

/// A file's name (as the user gave it) and its whole text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics: the path as given, or `questionnaires/ID.toml` for a
    /// bundled questionnaire.
    pub name: String,
    /// The file's text.
    pub text: String,
}

impl SourceFile {
    /// Wraps text that is already in memory.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// Reads a file from disk, refusing directories, huge files and text that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, Invalid> {
        let name = path.display().to_string();
        let fail =
            |message: String, help: &str| Invalid::one(Diagnostic::file(&name, message, help));
        let cannot_read = |e: std::io::Error| {
            fail(
                format!("cannot read the file: {}", io_reason(&e)),
                "check the path and that you may read it",
            )
        };
        let file = std::fs::File::open(path).map_err(cannot_read)?;
        let metadata = file.metadata().map_err(cannot_read)?;
        if metadata.is_dir() {
            return Err(fail(
                "this is a directory, not a file".into(),
                "name a .toml file inside it",
            ));
        }
        if metadata.len() > MAX_FILE_BYTES {
            return Err(fail(
                format!(
                    "the file is {:.1} MiB; copro reads files of at most {} MiB",
                    metadata.len() as f64 / MIB,
                    MAX_FILE_BYTES / 1024 / 1024
                ),
                "check that this is the file you meant: questionnaires and assessments are a few kilobytes",
            ));
        }
        // A regular file is read in one go, as long as it says it is. Anything else is read
        // to at most one byte past the limit: a device such as /dev/zero reports a length of
        // 0 but never ends.
        let limit = if metadata.is_file() {
            metadata.len()
        } else {
            MAX_FILE_BYTES + 1
        };
        let mut bytes = Vec::with_capacity(limit.min(MAX_FILE_BYTES + 1) as usize);
        file.take(limit)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(fail(
                format!(
                    "the file is larger than {} MiB, the most copro reads",
                    MAX_FILE_BYTES / 1024 / 1024
                ),
                "check that this is the file you meant: questionnaires and assessments are a few kilobytes",
            ));
        }
        Self::from_bytes(name, bytes)
    }

    /// Checks that `bytes` are UTF-8 text, pointing at the first byte that is not.
    /// A byte-order mark at the start is dropped: some editors add one, and it is invisible.
    pub fn from_bytes(name: String, mut bytes: Vec<u8>) -> Result<Self, Invalid> {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile { name, text }),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
                let file = SourceFile { name, text: valid };
                Err(Invalid::one(file.diagnostic(
                    at..at,
                    "the file is not UTF-8 text (it may be binary, or saved in another encoding)",
                    "save it as UTF-8 text; copro's files are TOML",
                )))
            }
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column)
    }

    /// A diagnostic at `span` in this file.
    pub fn diagnostic(
        &self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
        let end = floor_char_boundary(&self.text, span.end.clamp(start, self.text.len()));
        let (line, column) = self.line_column(start);
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let line_text = &self.text[line_start..line_end];
        let marked = self.text[start..end.min(line_end)].chars().count().max(1);
        Diagnostic {
            file: self.name.clone(),
            place: Some(Place {
                line,
                column,
                line_text: text::truncate(&text::shown(line_text.trim_end()), 200),
                marked,
            }),
            message: message.into(),
            help: help.into(),
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The reason an I/O operation failed, without Rust's "(os error 2)" suffix.
pub fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_lowercase(),
                None => text,
            }
        }
    }
}

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The text of that line, cleaned for printing.
    line_text: String,
    /// How many characters to mark from `column`.
    marked: usize,
}

/// One problem in one file: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file's name as given.
    pub file: String,
    /// Line and column, when the problem is at a place in the file.
    pub place: Option<Place>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl Diagnostic {
    /// A problem with the file as a whole (it cannot be read, say).
    pub fn file(file: &str, message: impl Into<String>, help: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            place: None,
            message: message.into(),
            help: help.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = text::clean(&self.message);
        let help = text::clean(&self.help);
        match &self.place {
            None => write!(f, "{}: {message}", self.file)?,
            Some(place) => {
                write!(
                    f,
                    "{}:{}:{}: {message}",
                    self.file, place.line, place.column
                )?;
                let number = place.line.to_string();
                let pad = " ".repeat(number.len());
                let indent = place
                    .line_text
                    .chars()
                    .take(place.column.saturating_sub(1))
                    .count();
                let marked = place
                    .marked
                    .min(place.line_text.chars().count().saturating_sub(indent))
                    .max(1);
                write!(
                    f,
                    "\n{pad} |\n{number} | {}\n{pad} | {}{}",
                    place.line_text,
                    " ".repeat(indent),
                    "^".repeat(marked)
                )?;
            }
        }
        if !help.is_empty() {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// One or more problems that make a file unusable. Exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The problems, in the order they appear in the file.
    pub diagnostics: Vec<Diagnostic>,
}

impl Invalid {
    /// A single problem.
    pub fn one(diagnostic: Diagnostic) -> Self {
        Invalid {
            diagnostics: vec![diagnostic],
        }
    }
}

impl std::error::Error for Invalid {}

/// How many problems of one file are shown; the rest are counted. A file answered against
/// the wrong questionnaire can have dozens, all with the same cause.
const SHOWN_PROBLEMS: usize = 10;

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().take(SHOWN_PROBLEMS).enumerate() {
            if i > 0 {
                write!(f, "\nerror: ")?;
            }
            write!(f, "{d}")?;
        }
        let more = self.diagnostics.len().saturating_sub(SHOWN_PROBLEMS);
        if more > 0 {
            write!(
                f,
                "\nerror: … and {more} more {} in {}",
                if more == 1 { "problem" } else { "problems" },
                self.diagnostics[0].file
            )?;
        }
        Ok(())
    }
}

/// Parses a file's TOML into `T`. An empty file gets its own message, with `start` saying
/// how to begin one; any other problem points at its place in the file.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    start: &str,
) -> Result<T, Invalid> {
    if file.text.trim().is_empty() {
        return Err(Invalid::one(file.diagnostic(
            0..0,
            "the file is empty",
            start,
        )));
    }
    toml::from_str(&file.text).map_err(|e| Invalid::one(toml_error(file, &e)))
}

/// When a file that failed to parse as one kind is really another kind (it has any of
/// `keys` at the top level), says so instead of listing fields it should not have.
pub fn other_kind(
    file: &SourceFile,
    error: Invalid,
    keys: &[&str],
    message: &str,
    help: &str,
) -> Invalid {
    match toml::from_str::<toml::Table>(&file.text) {
        Ok(table) if keys.iter().any(|k| table.contains_key(*k)) => {
            Invalid::one(file.diagnostic(0..0, message, help))
        }
        _ => error,
    }
}

/// Turns a TOML parse or shape error into a diagnostic with a fix.
fn toml_error(file: &SourceFile, error: &toml::de::Error) -> Diagnostic {
    let span = error.span().unwrap_or(0..0);
    let message = plain_types(error.message().trim());
    let help = toml_help(&message);
    file.diagnostic(span, message, help)
}

/// The TOML reader names Rust types ("expected f64"); say what they are in TOML.
fn plain_types(message: &str) -> String {
    let mut message = message.to_string();
    for (rust, plain) in [
        ("expected f64", "expected a number"),
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        (
            "expected a sequence",
            "expected a list, like [\"a\", \"b\"]",
        ),
        ("expected a map", "expected a table"),
        (
            "expected a TOML datetime",
            "expected a date like 2026-10-14, without quotes",
        ),
    ] {
        message = message.replace(rust, plain);
    }
    if let Some(at) = message.find("expected struct ") {
        message.replace_range(at.., "expected a table");
    }
    message
}

fn toml_help(message: &str) -> String {
    if message.starts_with("unknown field") {
        "remove this key or correct its spelling".into()
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        format!("add {rest} to this table")
    } else if message.starts_with("invalid type") {
        "change the value to the type named above (text goes in \"quotes\")".into()
    } else if message.starts_with("duplicate key") {
        "each key may appear once in a table: remove or rename one of them".into()
    } else if message.starts_with("unknown variant") {
        "use one of the values listed above".into()
    } else {
        "fix the TOML syntax here (see https://toml.io for the format)".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new("f.toml", "a = 1\nbé = \"x\"\n");
        assert_eq!(f.line_column(0), (1, 1));
        assert_eq!(f.line_column(6), (2, 1));
        // "bé = " is 6 bytes but 5 characters
        assert_eq!(f.line_column(12), (2, 6));
    }

    #[test]
    fn diagnostic_shows_the_line_and_marks_the_span() {
        let f = SourceFile::new("f.toml", "a = 1\nrung = \"codesign\"\n");
        let d = f.diagnostic(13..23, "unknown rung `codesign`", "use `co-design`");
        assert_eq!(
            d.to_string(),
            "f.toml:2:8: unknown rung `codesign`\n  |\n2 | rung = \"codesign\"\n  |        ^^^^^^^^^^\n  = help: use `co-design`"
        );
    }

    #[test]
    fn non_utf8_is_located() {
        let err = SourceFile::from_bytes("j.toml".into(), b"a = 1\nb\xff".to_vec())
            .expect_err("invalid UTF-8 must be refused");
        assert_eq!(
            err.diagnostics[0]
                .place
                .as_ref()
                .map(|p| (p.line, p.column)),
            Some((2, 2))
        );
    }
}
