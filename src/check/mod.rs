//! The engine of `copro check`, a gate over many stored assessments: what checking one
//! file produces ([`FileResult`], [`Status`], [`Summary`]) and the check itself
//! ([`Check::check_one`]). [`find`] streams the files to check and [`in_order`] runs the
//! checks on every core, giving the results back in the files' order.
//!
//! A [`Check`] holds what every file of a run shares: the policy, today's date, the
//! questionnaires read so far and the policy resolved against each of them, so that work
//! which depends only on the questionnaire is done once. It returns values and never
//! writes: the binary renders the results and decides the exit code.

mod pipeline;
mod walk;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::assessment::{Assessment, Date, Questionnaires};
use crate::policy::{Policy, Reason, Rules};
use crate::questionnaire::Questionnaire;
use crate::scoring;
use crate::source::{Diagnostic, SourceFile, io_reason};

pub use pipeline::in_order;
pub use walk::{Candidate, find, looks_like_an_assessment};

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

/// The questionnaire an assessment answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionnaireVersion {
    /// Its id, e.g. `tlap`.
    pub id: String,
    /// Its version.
    pub version: String,
}

/// Where an assessment is placed overall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The rung's id.
    pub rung: String,
    /// The rung's name.
    pub name: String,
    /// The rung's level: 0 is the lowest.
    pub level: usize,
}

/// One file's result: small, so that many can be held while a batch is written.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The path as found.
    pub file: String,
    /// Pass, fail, invalid or skipped.
    pub status: Status,
    /// The organisation, when the file could be read.
    pub organisation: Option<String>,
    /// The service assessed.
    pub service: Option<String>,
    /// The questionnaire answered.
    pub questionnaire: Option<QuestionnaireVersion>,
    /// The overall placement; `None` when not placed or invalid.
    pub placement: Option<Placed>,
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

    fn invalid(file: String, problems: Vec<Diagnostic>) -> Self {
        FileResult {
            problems,
            ..FileResult::new(file, Status::Invalid)
        }
    }
}

/// How many files ended which way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files that pass.
    pub passed: usize,
    /// Files that fail.
    pub failed: usize,
    /// Files that are invalid.
    pub invalid: usize,
    /// TOML files found in directories that are not assessments.
    pub skipped: usize,
    /// For each questionnaire (by id), how many assessments are placed on each rung
    /// reached: by the rung's level, its name and how many. A picture of a whole repository.
    pub placed: BTreeMap<String, BTreeMap<usize, (String, usize)>>,
}

impl Summary {
    /// Counts one more file.
    pub fn count(&mut self, status: Status) {
        match status {
            Status::Pass => self.passed += 1,
            Status::Fail => self.failed += 1,
            Status::Invalid => self.invalid += 1,
            Status::Skipped => self.skipped += 1,
        }
    }

    /// Counts one more assessment of `questionnaire` placed on `placed`.
    pub fn place(&mut self, questionnaire: &str, placed: &Placed) {
        let rungs = self.placed.entry(questionnaire.to_string()).or_default();
        rungs
            .entry(placed.level)
            .or_insert_with(|| (placed.name.clone(), 0))
            .1 += 1;
    }

    /// Files checked (skipped ones are not).
    pub fn checked(&self) -> usize {
        self.passed + self.failed + self.invalid
    }
}

/// One run of `copro check`: what every file is checked against, and what is worked out
/// once and shared by all of them. Safe to share between threads.
pub struct Check<'p> {
    policy: &'p Policy,
    today: Date,
    questionnaires: Questionnaires,
    /// The policy resolved against each questionnaire met. The key is the questionnaire's
    /// place in memory: [`Questionnaires`] reads each questionnaire file once and keeps it
    /// for the whole run, so one questionnaire is always the same `Arc`, and two files
    /// that share an id but differ (a local copy with other areas) are never confused.
    rules: Mutex<HashMap<usize, Arc<Rules>>>,
    /// The ids of the questionnaires met, and where the policy did not fit them: reported
    /// once, at the end ([`Check::policy_result`]).
    met: Mutex<(BTreeSet<String>, Vec<Diagnostic>)>,
}

impl<'p> Check<'p> {
    /// A run that holds files to `policy`, measuring ages from `today`.
    pub fn new(policy: &'p Policy, today: Date) -> Self {
        Check {
            policy,
            today,
            questionnaires: Questionnaires::default(),
            rules: Mutex::new(HashMap::new()),
            met: Mutex::default(),
        }
    }

    /// Confines the questionnaire files that assessments may name to those inside `dirs`
    /// (bundled questionnaires are always allowed): an assessment naming any other file is
    /// invalid, and that file is not opened.
    pub fn questionnaires_within(mut self, dirs: &[PathBuf]) -> Self {
        self.questionnaires = Questionnaires::within(dirs);
        self
    }

    /// Checks one file: reads, scores and judges it. Whatever is wrong with the file is in
    /// the result; this never fails.
    pub fn check_one(&self, candidate: &Candidate) -> FileResult {
        let (path, named) = match candidate {
            Candidate::Named(path) => (path, true),
            Candidate::Found(path) => (path, false),
            Candidate::Unlisted { dir, error } => return unlisted(dir, error),
        };
        let name = path.display().to_string();
        let file = match SourceFile::read(path) {
            Ok(file) => file,
            Err(e) => return FileResult::invalid(name, e.into_diagnostics()),
        };
        if !named && !walk::looks_like_an_assessment(&file.text) {
            return FileResult::new(name, Status::Skipped);
        }
        match Assessment::parse_with(&file, path.parent(), &self.questionnaires) {
            Ok((a, q)) => self.judged(name, a, q),
            Err(e) => FileResult::invalid(name, e.into_diagnostics()),
        }
    }

    /// The result of a valid assessment `a` of `q`, in the file `name`.
    fn judged(&self, name: String, a: Assessment, q: Arc<Questionnaire>) -> FileResult {
        let score = scoring::placements(&q, &a);
        let verdict = self
            .policy
            .judge(&self.rules_for(&q), &q, &a, &score, self.today);
        let status = if verdict.passes() {
            Status::Pass
        } else {
            Status::Fail
        };
        FileResult {
            organisation: Some(a.organisation),
            service: Some(a.service),
            questionnaire: Some(QuestionnaireVersion {
                id: q.id.clone(),
                version: q.version.clone(),
            }),
            placement: score.overall.rung.map(|level| Placed {
                rung: q.rungs[level].id.clone(),
                name: q.rungs[level].name.clone(),
                level,
            }),
            reasons: verdict.reasons,
            warnings: verdict.warnings,
            ..FileResult::new(name, status)
        }
    }

    /// The policy resolved against `q`: worked out the first time `q` is met.
    fn rules_for(&self, q: &Arc<Questionnaire>) -> Arc<Rules> {
        let key = Arc::as_ptr(q) as usize;
        if let Some(rules) = self.rules.lock().ok().and_then(|r| r.get(&key).cloned()) {
            return rules;
        }
        let rules = Arc::new(self.policy.rules_for(q));
        if let Ok(mut met) = self.met.lock() {
            met.0.insert(q.id.clone());
            met.1.extend(rules.errors.iter().cloned());
        }
        match self.rules.lock() {
            Ok(mut cache) => Arc::clone(cache.entry(key).or_insert(rules)),
            Err(_) => rules,
        }
    }
}

impl Check<'_> {
    /// Where the policy does not fit the questionnaires met in the run or named by its
    /// sections, as one result for the policy file (or the flags), once the run is over;
    /// `None` when it fits. Each mistake is reported once, however many assessments it
    /// touched.
    pub fn policy_result(&self) -> Option<FileResult> {
        let (met, mut problems) = match self.met.lock() {
            Ok(met) => met.clone(),
            Err(_) => return None,
        };
        problems.extend(self.policy.unmet_sections(&met));
        let place = |d: &Diagnostic| d.place.as_ref().map(|p| (p.line, p.column));
        problems
            .sort_by(|a, b| (&a.file, place(a), &a.message).cmp(&(&b.file, place(b), &b.message)));
        problems.dedup();
        let first = problems.first()?;
        let name = self
            .policy
            .file
            .clone()
            .unwrap_or_else(|| first.file.clone());
        Some(FileResult::invalid(name, problems))
    }
}

/// The result for a directory that could not be listed.
fn unlisted(dir: &Path, error: &std::io::Error) -> FileResult {
    let file = dir.display().to_string();
    let problem = Diagnostic::file(
        &file,
        format!(
            "cannot list the files in this directory: {}",
            io_reason(error)
        ),
        "check that you may read it",
    );
    FileResult::invalid(file, vec![problem])
}
