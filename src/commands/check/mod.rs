//! `copro check`: a gate over many stored assessments, for CI.
//!
//! Files are found first (a sorted list of paths, which is small), then read, scored and
//! judged on every core at once. Each result is written as soon as those before it are,
//! and dropped; workers stay at most a fixed number of files ahead of the writer, so memory
//! stays flat however many files there are, and the report is the same on every run.

mod format;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::assessment::{Assessment, Date, Questionnaires};
use crate::cli::CheckArgs;
use crate::commands::{Exit, Output};
use crate::policy::{self, Policy, Reason};
use crate::report::Style;
use crate::scoring;
use crate::source::{Diagnostic, Invalid, SourceFile};

/// How many files may be judged ahead of the last one written.
const AHEAD: usize = 1024;
/// How many files a worker takes at a time.
const CHUNK: usize = 32;

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

/// A path to check, and whether it was named on the command line.
struct Candidate {
    path: PathBuf,
    named: bool,
}

pub fn run(args: &CheckArgs, style: &Style) -> anyhow::Result<Output> {
    let policy = policy(args)?;
    let today = args.today.unwrap_or_else(Date::today);
    let candidates = find(&args.paths)?;
    let cache = Questionnaires::default();

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut report = format::reporter(args.format, style);
    let mut summary = Summary::default();
    let written = report.begin(&mut out, &policy).and_then(|()| {
        let mut write = |result: FileResult| -> std::io::Result<()> {
            summary.count(result.status);
            if result.status == Status::Skipped {
                return Ok(());
            }
            report.result(&mut out, &result)
        };
        in_parallel(
            &candidates,
            |c| check_one(c, &cache, &policy, today),
            &mut write,
        )?;
        report.end(&mut out, &summary, &policy)?;
        out.flush()
    });
    match written {
        // A reader that stops early (`copro check … | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("cannot write the report")?,
    }

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

/// Runs `work` on every item on all cores, and hands the results to `write` in the
/// items' order as they become ready. Workers take the next few items as they finish, and
/// never run more than `AHEAD` items ahead of what was written, so memory stays flat.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    write: &mut dyn FnMut(R) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Vec<R>)>(AHEAD / CHUNK);
        for _ in 0..workers {
            let send = send.clone();
            let (next, written, work) = (&next, &written, &work);
            scope.spawn(move || {
                loop {
                    let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                    if start >= items.len() {
                        break;
                    }
                    while start >= written.load(Ordering::Acquire) + AHEAD {
                        std::thread::yield_now();
                    }
                    let end = (start + CHUNK).min(items.len());
                    let results = items[start..end].iter().map(work).collect();
                    if send.send((start, results)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Chunks arrive in any order; hold the early ones until their turn.
        let mut waiting = std::collections::BTreeMap::new();
        let mut turn = 0;
        let mut outcome = Ok(());
        'receiving: for (start, results) in receive {
            waiting.insert(start, results);
            while let Some(results) = waiting.remove(&turn) {
                turn += results.len();
                for result in results {
                    outcome = write(result);
                    if outcome.is_err() {
                        break 'receiving;
                    }
                }
                written.store(turn, Ordering::Release);
            }
        }
        // Release any worker waiting for its turn: nothing more will be written.
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
        policy.other_version = rule;
    }
    Ok(policy)
}

/// The files to check: those named, and the `.toml` files under the directories named,
/// sorted within each directory. Hidden entries (`.git`) are left out and symbolic links
/// to directories are not followed, so that the walk always ends.
fn find(paths: &[PathBuf]) -> anyhow::Result<Vec<Candidate>> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found)
                .with_context(|| format!("cannot list the files in {}", path.display()))?;
        } else {
            found.push(Candidate {
                path: path.clone(),
                named: true,
            });
        }
    }
    if found.is_empty() {
        bail!(
            "no .toml files in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<Candidate>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            walk(&path, found)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(Candidate { path, named: false });
        }
    }
    Ok(())
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
    let name = c.path.display().to_string();
    let invalid = |e: Invalid| {
        let mut result = FileResult::new(name.clone(), Status::Invalid);
        result.problems = e.diagnostics;
        result
    };
    let file = match SourceFile::read(&c.path) {
        Ok(file) => file,
        Err(e) => return invalid(e),
    };
    if !c.named && !looks_like_an_assessment(&file.text) {
        return FileResult::new(name, Status::Skipped);
    }
    let (a, q) = match Assessment::parse_with(&file, c.path.parent(), cache) {
        Ok(loaded) => loaded,
        Err(e) => return invalid(e),
    };
    let score = scoring::placements(&q, &a);
    let verdict = policy.judge(&q, &a, &score, today);
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
