//! `copro check`: a gate over many stored assessments, for CI.
//!
//! Files are found first (a sorted list of paths, which is small), then read, scored and
//! judged on every core at once. Each result is written as soon as those before it are,
//! and dropped; workers stay at most a fixed number of files ahead of the writer, so memory
//! stays flat however many files there are, and the report is the same on every run.

mod format;

use std::io::Write;
use std::path::{Path, PathBuf};

use std::sync::atomic::Ordering;

use anyhow::Context;

use crate::cli::CheckArgs;
use crate::commands::{Exit, Output};
use copro::assessment::{Assessment, Date, Questionnaires};
use copro::policy::{self, Policy, Reason};
use copro::report::Style;
use copro::scoring;
use copro::source::{Diagnostic, Invalid, SourceFile};

/// How many files a worker takes at a time.
const CHUNK: usize = 32;
/// How many chunks may wait between the threads: this bounds memory.
const QUEUE: usize = 64;

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Valid, and every rule holds.
    Pass,
    /// Valid, but a rule does not hold.
    Fail,
    /// The file (or its questionnaire) cannot be read as an assessment.
    Invalid,
    /// Found in a directory, but not an assessment.
    Skipped,
}

impl Status {
    /// The word used in reports.
    pub fn id(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Invalid => "invalid",
            Status::Skipped => "skipped",
        }
    }
}

/// One file's result: small, so that many can be held while a batch is written.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The path as found.
    pub file: String,
    /// Pass, fail, invalid or skipped.
    pub status: Status,
    /// The organisation and service, when the file could be read.
    pub organisation: Option<String>,
    /// The service assessed.
    pub service: Option<String>,
    /// The questionnaire's id and version.
    pub questionnaire: Option<(String, String)>,
    /// The overall placement: rung id, name and level; `None` when not placed or invalid.
    pub placement: Option<(String, String, usize)>,
    /// Why it fails.
    pub reasons: Vec<Reason>,
    /// Things worth knowing that do not fail it.
    pub warnings: Vec<Reason>,
    /// Why it is invalid.
    pub problems: Vec<Diagnostic>,
}

impl FileResult {
    fn new(file: String, status: Status) -> Self {
        FileResult {
            file,
            status,
            organisation: None,
            service: None,
            questionnaire: None,
            placement: None,
            reasons: Vec::new(),
            warnings: Vec::new(),
            problems: Vec::new(),
        }
    }
}

/// How many files ended which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files that pass.
    pub passed: usize,
    /// Files that fail.
    pub failed: usize,
    /// Files that are invalid.
    pub invalid: usize,
    /// TOML files found in directories that are not assessments.
    pub skipped: usize,
}

impl Summary {
    fn count(&mut self, status: Status) {
        match status {
            Status::Pass => self.passed += 1,
            Status::Fail => self.failed += 1,
            Status::Invalid => self.invalid += 1,
            Status::Skipped => self.skipped += 1,
        }
    }

    /// Files checked (skipped ones are not).
    pub fn checked(&self) -> usize {
        self.passed + self.failed + self.invalid
    }
}

/// A path to check.
enum Candidate {
    /// A file named on the command line: always checked as an assessment.
    Named(PathBuf),
    /// A `.toml` file found in a directory: checked if it looks like an assessment.
    Found(PathBuf),
    /// A directory that could not be listed, and why.
    Unlisted(PathBuf, std::io::Error),
}

pub fn run(args: &CheckArgs, style: &Style) -> anyhow::Result<Output> {
    let policy = policy(args)?;
    let today = args.today.unwrap_or_else(Date::today);
    let cache = Questionnaires::default();

    let stdout = std::io::stdout();
    let mut out = Gone::new(std::io::BufWriter::new(stdout.lock()));
    let report = format::reporter(args.format, style);
    let mut summary = Summary::default();
    let mut held = Vec::new();
    let written = report.begin(&mut out, &policy).and_then(|()| {
        // Workers check a file and render its result; the writer counts and writes.
        let render = |c: &Candidate| {
            let result = check_one(c, &cache, &policy, today);
            let text = (result.status != Status::Skipped).then(|| report.render(&result));
            (result.status, text)
        };
        let mut first = true;
        let find = |found: &mut dyn FnMut(Candidate) -> bool| find(&args.paths, found);
        in_parallel(find, render, &mut |(status, text)| {
            summary.count(status);
            match text {
                Some(text) if report.holds_results() => held.push(text),
                Some(text) => {
                    out.write_all(report.separator(first).as_bytes())?;
                    out.write_all(text.as_bytes())?;
                    first = false;
                }
                None => {}
            }
            Ok(())
        })?;
        report.end(&mut out, &summary, &policy, &held)?;
        out.flush()
    });
    written.context("cannot write the report")?;

    let mut output = Output::success(String::new());
    if summary.checked() == 0 {
        output.errors.push(format!(
            "no assessments found in {}: an assessment is a .toml file with a top-level `questionnaire = …` line",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        output.exit = Exit::Invalid;
    } else if summary.invalid > 0 {
        output.exit = Exit::Invalid;
    } else if summary.failed > 0 {
        output.exit = Exit::Failed;
    }
    Ok(output)
}

/// Output whose reader may go away (`copro check … | head`): after that, the rest is
/// quietly dropped, and every file is still checked so that the exit code says what
/// copro found.
struct Gone<W> {
    out: W,
    gone: bool,
}

impl<W: Write> Gone<W> {
    fn new(out: W) -> Self {
        Gone { out, gone: false }
    }

    fn unless_gone<T>(&mut self, result: std::io::Result<T>, otherwise: T) -> std::io::Result<T> {
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(otherwise)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for Gone<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.gone {
            return Ok(buf.len());
        }
        let written = self.out.write(buf);
        self.unless_gone(written, buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.gone {
            return Ok(());
        }
        let flushed = self.out.flush();
        self.unless_gone(flushed, ())
    }
}

/// Runs `work` on every item `produce` gives, on all cores, and hands the results to
/// `write` in the items' order as they become ready. `produce` runs on a thread of its own
/// and stops when its callback says no one is listening any more. The channels between
/// the threads are bounded, so memory stays flat however many items there are.
fn in_parallel<T: Send, R: Send>(
    produce: impl FnOnce(&mut dyn FnMut(T) -> bool) + Send,
    work: impl Fn(&T) -> R + Sync,
    write: &mut dyn FnMut(R) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    // How far the writer has got: a worker waits before starting a chunk more than
    // `QUEUE` chunks ahead of it, so one slow file cannot make results pile up.
    let written = std::sync::atomic::AtomicUsize::new(0);
    let (send_items, items) = std::sync::mpsc::sync_channel::<(usize, Vec<T>)>(QUEUE);
    // Shared by the workers; when the last one stops, the producer learns it on its next send.
    let items = std::sync::Arc::new(std::sync::Mutex::new(items));
    std::thread::scope(|scope| {
        let (send_results, results) = std::sync::mpsc::sync_channel::<(usize, Vec<R>)>(QUEUE);
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut start = 0;
            let mut listening = true;
            produce(&mut |item| {
                chunk.push(item);
                if chunk.len() == CHUNK {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                    listening = send_items.send((start, full)).is_ok();
                    start += CHUNK;
                }
                listening
            });
            if !chunk.is_empty() {
                let _ = send_items.send((start, chunk));
            }
        });
        for _ in 0..workers {
            let (items, work, send_results) = (items.clone(), &work, send_results.clone());
            let written = &written;
            scope.spawn(move || {
                loop {
                    let next = items.lock().ok().and_then(|items| items.recv().ok());
                    let Some((start, chunk)) = next else { break };
                    while start >= written.load(Ordering::Acquire) + QUEUE * CHUNK {
                        std::thread::sleep(std::time::Duration::from_micros(200));
                    }
                    let done = chunk.iter().map(work).collect();
                    if send_results.send((start, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send_results);
        drop(items);
        // Chunks arrive in any order; hold the early ones until their turn. Dropping
        // `results` on an error stops the workers, and then the producer.
        let mut waiting = std::collections::BTreeMap::new();
        let mut turn = 0;
        let mut outcome = Ok(());
        'receiving: for (start, done) in results {
            waiting.insert(start, done);
            while let Some(done) = waiting.remove(&turn) {
                turn += done.len();
                for result in done {
                    outcome = write(result);
                    if outcome.is_err() {
                        break 'receiving;
                    }
                }
                written.store(turn, Ordering::Release);
            }
        }
        // Nothing more will be written: no worker may wait for its turn any longer.
        written.store(usize::MAX / 2, Ordering::Release);
        outcome
    })
}

/// The policy: the file (named, or found in the current directory), then the flags.
fn policy(args: &CheckArgs) -> anyhow::Result<Policy> {
    let default = Path::new(policy::DEFAULT_FILE);
    let mut policy = match (&args.policy, args.no_policy) {
        (Some(file), _) => Policy::load(file)?,
        (None, false) if default.is_file() => Policy::load(default)?,
        _ => Policy::default(),
    };
    if let Some(rung) = &args.min_rung {
        policy.set_min_rung(rung);
    }
    for (area, rung) in &args.min_area {
        policy.set_min_area(area, rung);
    }
    if let Some(days) = args.max_age {
        policy.max_age_days = Some(days);
    }
    if args.require_evidence {
        policy.require_evidence = true;
    }
    if let Some(rule) = args.other_version {
        policy.other_version = rule.into();
    }
    Ok(policy)
}

/// The files to check, in order: those named, and the `.toml` files under the
/// directories named, sorted within each directory, each once. Hidden entries (`.git`) are left out
/// and symbolic links to directories are not followed, so that the walk always ends. Stops
/// when `found` returns false.
fn find(paths: &[PathBuf], found: &mut dyn FnMut(Candidate) -> bool) {
    // A file reached twice (named twice, or named and inside a directory named) counts once.
    let mut seen = std::collections::HashSet::new();
    let mut found = |c: Candidate| match &c {
        Candidate::Named(p) | Candidate::Found(p) if !seen.insert(p.clone()) => true,
        _ => found(c),
    };
    let found = &mut found;
    for path in paths {
        let going = if path.is_dir() {
            walk(path, found)
        } else {
            found(Candidate::Named(path.clone()))
        };
        if !going {
            return;
        }
    }
}

fn walk(dir: &Path, found: &mut dyn FnMut(Candidate) -> bool) -> bool {
    let listed = std::fs::read_dir(dir).and_then(|entries| {
        let mut entries = entries
            .map(|e| e.and_then(|e| Ok((e.file_name(), e.path(), e.file_type()?))))
            .collect::<std::io::Result<Vec<_>>>()?;
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(entries)
    });
    let entries = match listed {
        Ok(entries) => entries,
        Err(e) => return found(Candidate::Unlisted(dir.to_path_buf(), e)),
    };
    for (name, path, kind) in entries {
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        // Only regular files (or links to them): a named pipe or a device would never end.
        let regular = kind.is_file()
            || (kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_file()));
        let going = if kind.is_dir() {
            walk(&path, found)
        } else if regular && path.extension().is_some_and(|e| e == "toml") {
            found(Candidate::Found(path))
        } else {
            true
        };
        if !going {
            return false;
        }
    }
    true
}

/// True when `text` has a top-level `questionnaire = …` line, as every assessment does.
fn looks_like_an_assessment(text: &str) -> bool {
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with('[') {
            return false;
        }
        if let Some(rest) = line.strip_prefix("questionnaire")
            && rest.trim_start().starts_with('=')
        {
            return true;
        }
    }
    false
}

fn check_one(c: &Candidate, cache: &Questionnaires, policy: &Policy, today: Date) -> FileResult {
    let (path, named) = match c {
        Candidate::Named(path) => (path, true),
        Candidate::Found(path) => (path, false),
        Candidate::Unlisted(dir, e) => {
            let mut result = FileResult::new(dir.display().to_string(), Status::Invalid);
            result.problems = vec![Diagnostic::file(
                &result.file,
                format!(
                    "cannot list the files in this directory: {}",
                    copro::source::io_reason(e)
                ),
                "check that you may read it",
            )];
            return result;
        }
    };
    let name = path.display().to_string();
    let invalid = |e: Invalid| {
        let mut result = FileResult::new(name.clone(), Status::Invalid);
        result.problems = e.diagnostics;
        result
    };
    let file = match SourceFile::read(path) {
        Ok(file) => file,
        Err(e) => return invalid(e),
    };
    if !named && !looks_like_an_assessment(&file.text) {
        return FileResult::new(name, Status::Skipped);
    }
    let (a, q) = match Assessment::parse_with(&file, path.parent(), cache) {
        Ok(loaded) => loaded,
        Err(e) => return invalid(e),
    };
    let score = scoring::placements(&q, &a);
    let verdict = policy.judge(&policy.rules_for(&q), &q, &a, &score, today);
    if !verdict.errors.is_empty() {
        let mut result = FileResult::new(name.clone(), Status::Invalid);
        result.problems = verdict
            .errors
            .iter()
            .map(|e| Diagnostic::file(&name, e, "the rules do not fit this questionnaire"))
            .collect();
        return result;
    }
    let mut result = FileResult::new(
        name,
        if verdict.passes() {
            Status::Pass
        } else {
            Status::Fail
        },
    );
    result.organisation = Some(a.organisation);
    result.service = Some(a.service);
    result.questionnaire = Some((q.id.clone(), q.version.clone()));
    result.placement = score
        .overall
        .rung
        .map(|r| (q.rungs[r].id.clone(), q.rungs[r].name.clone(), r));
    result.reasons = verdict.reasons;
    result.warnings = verdict.warnings;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assessments_are_told_apart_by_their_questionnaire_line() {
        assert!(looks_like_an_assessment(
            "# note\nquestionnaire = \"tlap\"\n"
        ));
        assert!(looks_like_an_assessment("questionnaire=\"x\""));
        assert!(!looks_like_an_assessment(
            "id = \"tlap\"\n[[rungs]]\nquestionnaire = 1\n"
        ));
        assert!(!looks_like_an_assessment("questionnaire_version = \"1\"\n"));
        assert!(!looks_like_an_assessment("min_rung = \"consultation\"\n"));
    }
}
