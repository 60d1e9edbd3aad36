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
use std::sync::OnceLock;

use crate::text;

/// The largest file copro reads. Real questionnaires and assessments are a few tens of
/// kilobytes; anything this big is not one of them.
///
/// A megabyte is twenty times the largest bundled questionnaire, and bounds the memory a
/// file can take: the TOML parser needs about thirty bytes per byte of file.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A file's name (as the user gave it) and its whole text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics: the path as given, or `questionnaires/ID.toml` for a
    /// bundled questionnaire.
    pub name: String,
    /// The file's text.
    pub text: String,
    /// Where lines start, made on the first diagnostic (see [`Index`]).
    index: OnceLock<Index>,
}

impl SourceFile {
    /// Wraps text that is already in memory.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            index: OnceLock::new(),
        }
    }

    /// Reads a file from disk, refusing anything that is not a regular file (a directory,
    /// a named pipe, a device), files over [`MAX_FILE_BYTES`] and text that is not UTF-8.
    ///
    /// What the path is gets checked before the file is opened, and the file is opened
    /// without waiting, so a named pipe never makes copro hang. A regular file is read to its
    /// end, not to the length it reports: files under `/proc` report 0 and have content.
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
        let not_regular = |metadata: &std::fs::Metadata| {
            let (what, help) = not_a_regular_file(metadata);
            fail(format!("this is {what}, not a regular file"), help)
        };
        let metadata = std::fs::metadata(path).map_err(cannot_read)?;
        if !metadata.is_file() {
            return Err(not_regular(&metadata));
        }
        let file = open_without_waiting(path).map_err(cannot_read)?;
        // The path may have been replaced between the look and the opening.
        let metadata = file.metadata().map_err(cannot_read)?;
        if !metadata.is_file() {
            return Err(not_regular(&metadata));
        }
        let too_big = || {
            fail(
                format!(
                    "the file is larger than {} MiB, the most copro reads",
                    MAX_FILE_BYTES / 1024 / 1024
                ),
                "check that this is the file you meant: questionnaires and assessments are a few kilobytes",
            )
        };
        if metadata.len() > MAX_FILE_BYTES {
            return Err(too_big());
        }
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_big());
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
            Ok(text) => Ok(SourceFile::new(name, text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
                let file = SourceFile::new(name, valid);
                Err(Invalid::one(file.diagnostic(
                    at..at,
                    "the file is not UTF-8 text (it may be binary, or saved in another encoding)",
                    "save it as UTF-8 text; copro's files are TOML",
                )))
            }
        }
    }

    /// The 1-based line and column (in characters) of a byte offset. However many are
    /// asked for, the file is read once (to index it) and then at most a block at a time.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let at = self.index().locate(self.text.as_bytes(), offset);
        (at.line, at.column)
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(self.text.as_bytes()))
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
        let at = self.index().locate(self.text.as_bytes(), start);
        // Only the start of a line is shown, so only that much of it is read: a file that is
        // one long line costs no more per diagnostic than any other.
        let line_text: String = self.text[at.line_start..]
            .chars()
            .take_while(|&c| c != '\n')
            .take(SHOWN_LINE_CHARS + 1)
            .collect();
        let marked = self.text[start..end]
            .chars()
            .take_while(|&c| c != '\n')
            .take(SHOWN_LINE_CHARS + 1)
            .count()
            .max(1);
        Diagnostic {
            file: self.name.clone(),
            place: Some(Place {
                line: at.line,
                column: at.column,
                line_text: text::truncate(
                    &text::defuse(&text::shown(line_text.trim_end())),
                    SHOWN_LINE_CHARS,
                ),
                marked,
            }),
            message: message.into(),
            help: help.into(),
        }
    }
}

/// How much of a line a diagnostic shows.
const SHOWN_LINE_CHARS: usize = 200;

/// How many bytes of a file lie between two marks of its [`Index`].
const BLOCK: usize = 4096;

/// Marks every [`BLOCK`] bytes of a file saying which line that byte is on, where that line
/// starts and how many characters come before both, so that the line and column of any
/// offset are found by reading at most one block. It takes a few bytes per block, however
/// many lines the file has.
#[derive(Debug, Clone, Default)]
struct Index {
    marks: Vec<Mark>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    /// Line breaks before the block.
    breaks: usize,
    /// Characters before the block (counting the bytes that start one).
    chars: usize,
    /// Where the line holding the block's first byte starts, and the characters before it.
    line_start: usize,
    line_start_chars: usize,
}

/// A place in a file: 1-based line and column, and the offset where its line starts.
struct Located {
    line: usize,
    column: usize,
    line_start: usize,
}

/// The characters that start in `bytes`: every byte but UTF-8 continuation bytes.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl Index {
    fn new(bytes: &[u8]) -> Self {
        let mut marks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut mark = Mark::default();
        for block in bytes.chunks(BLOCK) {
            marks.push(mark);
            for (i, &b) in block.iter().enumerate() {
                if b == b'\n' {
                    mark.breaks += 1;
                    mark.line_start = marks.len().saturating_sub(1) * BLOCK + i + 1;
                    mark.line_start_chars = mark.chars + chars_in(&block[..=i]);
                }
            }
            mark.chars += chars_in(block);
        }
        Index { marks }
    }

    /// The place of `offset`, a character boundary of `bytes`, the text this index is of.
    fn locate(&self, bytes: &[u8], offset: usize) -> Located {
        // The end of a file that ends on a block boundary lies past the last mark.
        let block = (offset / BLOCK).min(self.marks.len().saturating_sub(1));
        let mark = self.marks.get(block).copied().unwrap_or_default();
        let from = block * BLOCK;
        let within = &bytes[from.min(offset)..offset];
        let breaks = within.iter().filter(|&&b| b == b'\n').count();
        let (line_start, line_start_chars) = match within.iter().rposition(|&b| b == b'\n') {
            Some(i) => (from + i + 1, mark.chars + chars_in(&within[..=i])),
            None => (mark.line_start, mark.line_start_chars),
        };
        Located {
            line: mark.breaks + breaks + 1,
            column: mark.chars + chars_in(within) - line_start_chars + 1,
            line_start,
        }
    }
}

/// What a path that is not a regular file is, and what to do instead.
fn not_a_regular_file(metadata: &std::fs::Metadata) -> (&'static str, &'static str) {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return ("a directory", "name a .toml file inside it");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let save = "copro reads only regular files: save the text to a .toml file and name that";
        if kind.is_fifo() {
            return ("a named pipe", save);
        }
        if kind.is_socket() {
            return ("a socket", save);
        }
        if kind.is_char_device() || kind.is_block_device() {
            return ("a device", save);
        }
    }
    (
        "not a file copro can read",
        "copro reads only regular files: name a .toml file",
    )
}

/// Opens a file for reading without waiting for a writer, as opening a named pipe would.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
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
        // Each part is one line: the lines of a diagnostic are its structure.
        let message = text::line(&self.message);
        let help = text::line(&self.help);
        let file = text::line(&self.file);
        match &self.place {
            None => write!(f, "{file}: {message}")?,
            Some(place) => {
                write!(f, "{file}:{}:{}: {message}", place.line, place.column)?;
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
    /// Problems found after those, counted but not kept.
    pub omitted: usize,
}

impl Invalid {
    /// A single problem.
    pub fn one(diagnostic: Diagnostic) -> Self {
        Self::many(vec![diagnostic])
    }

    /// Problems all kept.
    pub fn many(diagnostics: Vec<Diagnostic>) -> Self {
        Invalid {
            diagnostics,
            omitted: 0,
        }
    }

    /// The problems kept, then one saying how many more there are, if any: for a list that
    /// has no room for a count.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        let mut diagnostics = self.diagnostics;
        if let (Some(first), more @ 1..) = (diagnostics.first(), self.omitted) {
            let more = Diagnostic::file(
                &first.file,
                format!("… and {more} more {}", problems(more)),
                "mend the problems above first: many of the others often share their cause",
            );
            diagnostics.push(more);
        }
        diagnostics
    }
}

fn problems(count: usize) -> &'static str {
    if count == 1 { "problem" } else { "problems" }
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
        let more = self.diagnostics.len().saturating_sub(SHOWN_PROBLEMS) + self.omitted;
        if let (Some(first), 1..) = (self.diagnostics.first(), more) {
            write!(
                f,
                "\nerror: … and {more} more {} in {}",
                problems(more),
                first.file
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
        ("expected i64", "expected a whole number"),
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
    } else if message.starts_with("invalid value: integer") {
        "the number is too large: write a smaller whole number".into()
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

    /// Line and column the slow way: counting from the start of the file.
    fn counted(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.matches('\n').count() + 1,
            text[line_start..offset].chars().count() + 1,
        )
    }

    proptest::proptest! {
        #[test]
        fn the_index_finds_what_counting_finds(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "é", "\n", "😀", "\r\n", "xyz"]),
                0..6000,
            ),
            picks in proptest::collection::vec(0usize..100_000, 1..50),
        ) {
            let text: String = pieces.concat();
            let f = SourceFile::new("f.toml", text.as_str());
            for pick in picks.into_iter().chain([0, text.len()]) {
                let offset = floor_char_boundary(&text, pick.min(text.len()));
                proptest::prop_assert_eq!(f.line_column(offset), counted(&text, offset));
            }
        }
    }

    #[test]
    fn a_long_line_is_shown_by_its_start() {
        let text = format!("a = 1\nb = \"{}\"\n", "x".repeat(100_000));
        let f = SourceFile::new("f.toml", text.as_str());
        let d = f.diagnostic(90_000..90_001, "here", "");
        let place = d.place.as_ref().expect("a place");
        assert_eq!((place.line, place.column), (2, 89_995));
        assert_eq!(place.line_text.chars().count(), SHOWN_LINE_CHARS);
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
