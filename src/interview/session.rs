//! The interview with its file: setting a new assessment up, resuming a saved one, and
//! saving after every answer.
//!
//! A face gathers who is answering, shows what the session asks and hands back what the
//! person gave; the session does the rest. It checks the questionnaire, the role and the
//! file before anyone is asked anything ([`Setup`]), chooses the file (`--out`, or a name
//! built from the organisation, the role and the date, with a number added when that file
//! exists: [`free_name`]), refuses to overwrite one by accident, records
//! the questionnaire's reference as seen from the file, and saves atomically whenever an
//! answer changed the assessment. Every save is recorded in a [`LastSave`] that can be
//! shared with whoever must say how to resume when the person stops (an interrupt handler).
//!
//! It writes the assessment file and nothing else: it never prints and never asks.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, bail};

use super::{Interview, Outcome, Prompt, Reply, State, words};
use crate::assessment::{Answer, Assessment, Date};
use crate::questionnaire::Questionnaire;
use crate::{store, text, validate};

/// What a new session is given before anyone is asked anything, checked.
#[derive(Debug, Clone)]
pub struct Setup {
    questionnaire: Arc<Questionnaire>,
    /// The questionnaire as given: a bundled id or a path.
    reference: String,
    role: Option<usize>,
    out: Option<PathBuf>,
    /// Where a file named after the respondent goes.
    dir: PathBuf,
    force: bool,
}

impl Setup {
    /// Checks the questionnaire (a bundled id or a path), the role's id if one is given,
    /// and the file to save to if one is given: it must not exist unless `force`.
    pub fn new(
        questionnaire: &str,
        role: Option<&str>,
        out: Option<PathBuf>,
        force: bool,
    ) -> anyhow::Result<Setup> {
        let q = Questionnaire::resolve(questionnaire, None)
            .map(Arc::new)
            .map_err(anyhow::Error::from)?;
        let role = match role {
            Some(id) => Some(role_of(&q, id)?),
            None => None,
        };
        match &out {
            Some(out) => refuse_to_overwrite(out, force)?,
            // The file is named after the organisation, in the current directory.
            None => store::check_directory(Path::new("."))?,
        }
        Ok(Setup {
            questionnaire: q,
            reference: questionnaire.to_string(),
            role,
            out,
            // The current directory, and file names as they are.
            dir: PathBuf::new(),
            force,
        })
    }

    /// Checks the questionnaire (a bundled id or a path) and the directory `dir`, where
    /// each respondent's file is then named after the organisation, the role and the date
    /// (see [`Setup::file_for`]): a server that keeps many respondents' files in one place.
    pub fn in_directory(questionnaire: &str, dir: &Path) -> anyhow::Result<Setup> {
        let q = Questionnaire::resolve(questionnaire, None)
            .map(Arc::new)
            .map_err(anyhow::Error::from)?;
        store::check_directory(dir)?;
        Ok(Setup {
            questionnaire: q,
            reference: questionnaire.to_string(),
            role: None,
            out: None,
            dir: dir.to_path_buf(),
            force: false,
        })
    }

    /// The questionnaire to answer: its title and size for the opening, its roles to
    /// choose from.
    pub fn questionnaire(&self) -> &Questionnaire {
        &self.questionnaire
    }

    /// The role given, if one was (index into the questionnaire's roles).
    pub fn role(&self) -> Option<usize> {
        self.role
    }

    /// The file given with `--out`, if one was.
    pub fn out(&self) -> Option<&Path> {
        self.out.as_deref()
    }

    /// The file the answers of `respondent` go to: the one given, else a name built from the
    /// organisation, the role and the date in the setup's directory (the current one unless
    /// [`Setup::in_directory`]).
    pub fn file_for(&self, respondent: &Respondent) -> PathBuf {
        match &self.out {
            Some(out) => out.clone(),
            None => {
                let role = self
                    .questionnaire
                    .roles
                    .get(respondent.role)
                    .map_or("respondent", |r| r.id.as_str());
                self.dir.join(format!(
                    "{}-{role}-{}.toml",
                    slug(&text::one_line(&respondent.organisation)),
                    respondent.assessed
                ))
            }
        }
    }

    /// Saves to `path` instead (e.g. a free name when the default one is taken).
    pub fn save_to(mut self, path: PathBuf) -> Setup {
        self.out = Some(path);
        self
    }
}

/// Who answers, about what and when: what a new session asks for once set up.
#[derive(Debug, Clone)]
pub struct Respondent {
    /// The organisation assessed.
    pub organisation: String,
    /// The service, team or programme assessed.
    pub service: String,
    /// Index into the questionnaire's roles.
    pub role: usize,
    /// The respondent's name, if given.
    pub name: Option<String>,
    /// The day of the assessment.
    pub assessed: Date,
}

/// What the last save wrote, to say how to resume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The assessment file.
    pub path: PathBuf,
    /// The questions answered by choosing an option, "don't know" and skipped.
    pub counts: Counts,
}

/// How many questions have which kind of answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Answered by choosing an option.
    pub answered: usize,
    /// Answered "don't know".
    pub dont_know: usize,
    /// Skipped.
    pub skipped: usize,
    /// The questions there are.
    pub total: usize,
}

impl Counts {
    /// The counts of `assessment`.
    pub fn of(assessment: &Assessment) -> Counts {
        let count = |kind: Answer| assessment.answers.iter().filter(|a| **a == kind).count();
        Counts {
            answered: assessment.answered(),
            dont_know: count(Answer::DontKnow),
            skipped: count(Answer::Skipped),
            total: assessment.answers.len(),
        }
    }
}

/// The last save of a session, shared: clones see the same record.
#[derive(Debug, Clone, Default)]
pub struct LastSave(Arc<Mutex<Option<Saved>>>);

impl LastSave {
    /// What the last save wrote; `None` before the first.
    pub fn get(&self) -> Option<Saved> {
        self.0.lock().ok().and_then(|saved| saved.clone())
    }

    fn set(&self, saved: Saved) {
        if let Ok(mut last) = self.0.lock() {
            *last = Some(saved);
        }
    }
}

/// An interview bound to its assessment file.
#[derive(Debug)]
pub struct Session {
    interview: Interview,
    path: PathBuf,
    resumed: bool,
    last: LastSave,
}

impl Session {
    /// Starts a new assessment and saves it at once, recording the save in `last`.
    pub fn start(setup: Setup, respondent: Respondent, last: &LastSave) -> anyhow::Result<Self> {
        let path = setup.file_for(&respondent);
        let q = setup.questionnaire;
        if respondent.role >= q.roles.len() {
            bail!(
                "there is no role {} in {}: it has {}",
                respondent.role + 1,
                q.id,
                q.roles.len()
            );
        }
        let organisation = field(&respondent.organisation, "organisation")?;
        let date = respondent.assessed;
        // Checked again even for `--out`: the file may have appeared while the person was
        // answering the opening questions, or the setup may have been used before.
        refuse_to_overwrite(&path, setup.force)?;
        let service = field(&respondent.service, "service")?;
        // A name is optional: none given, or only spaces, is no name.
        let name = match respondent.name.as_deref().map(text::one_line) {
            Some(name) if !name.is_empty() => Some(field(&name, "name")?),
            _ => None,
        };
        let mut assessment = Assessment::new(&q, &organisation, &service, date, respondent.role);
        assessment.questionnaire = reference_from(&path, &setup.reference);
        assessment.name = name;
        Self::open(Interview::new(q, assessment), path, false, last)
    }

    /// Carries on with the assessment saved at `path`, from its first unanswered question;
    /// saves it again at once (as the current version writes it), recording the save in
    /// `last`.
    pub fn resume(path: &Path, last: &LastSave) -> anyhow::Result<Self> {
        let (assessment, q) =
            Assessment::load(path).with_context(|| format!("cannot resume {}", path.display()))?;
        Self::open(
            Interview::new(q, assessment),
            path.to_path_buf(),
            true,
            last,
        )
    }

    /// Carries on with the assessment saved at `path` exactly where `state` left it (in the
    /// middle of the evidence step or a review, with back retracing the steps before), as a
    /// server does after a restart. A state that does not fit the file (another version of
    /// the questionnaire, another role, or a state of someone else's file) is set aside, and
    /// the interview carries on from the first unanswered question, as [`Session::resume`]
    /// does: the answers are in the file, so nothing given is lost either way.
    pub fn restore(path: &Path, state: State, last: &LastSave) -> anyhow::Result<Self> {
        let (assessment, q) =
            Assessment::load(path).with_context(|| format!("cannot resume {}", path.display()))?;
        let interview = match Interview::restore(q.clone(), assessment.clone(), state) {
            Ok(interview) => interview,
            Err(_) => Interview::new(q, assessment),
        };
        Self::open(interview, path.to_path_buf(), true, last)
    }

    fn open(
        interview: Interview,
        path: PathBuf,
        resumed: bool,
        last: &LastSave,
    ) -> anyhow::Result<Self> {
        let session = Session {
            interview,
            path,
            resumed,
            last: last.clone(),
        };
        session.save()?;
        Ok(session)
    }

    /// The same session without the evidence step: every answer is one reply (see
    /// [`Interview::without_evidence_prompts`]).
    pub fn without_evidence_prompts(mut self) -> Self {
        self.interview = self.interview.without_evidence_prompts();
        self
    }

    /// The interview, e.g. to keep its [`super::State`].
    pub fn interview(&self) -> &Interview {
        &self.interview
    }

    /// What to ask now.
    pub fn prompt(&self) -> Prompt<'_> {
        self.interview.prompt()
    }

    /// True once there is nothing left to ask.
    pub fn is_done(&self) -> bool {
        self.interview.is_done()
    }

    /// The assessment file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where every answer is saved, and, when resumed, how many were given before.
    pub fn saving_to(&self) -> String {
        let carrying_on = self
            .resumed
            .then(|| Counts::of(self.interview.assessment()));
        let mut text = words::saving_to(&self.path, carrying_on);
        let q = self.interview.questionnaire();
        if let Some(current) = &q.current_version {
            text.push('\n');
            text.push_str(&words::earlier_version(&q.id, &q.version, current));
        }
        text
    }

    /// Applies what the person answered, and saves when it changed the assessment. When the
    /// save fails (a full disk), the interview stays where it was, as the file does: no
    /// face shows an answer as given that the file does not hold.
    pub fn reply(&mut self, reply: Reply) -> anyhow::Result<Outcome> {
        let before = self.interview.clone();
        let outcome = self.interview.reply(reply);
        if outcome == Outcome::Changed
            && let Err(e) = self.save()
        {
            self.interview = before;
            return Err(e);
        }
        Ok(outcome)
    }

    /// The questionnaire, the assessment as answered and its file, once the session is over.
    pub fn finish(self) -> (Arc<Questionnaire>, Assessment, PathBuf) {
        let q = self.interview.questionnaire().clone();
        (q, self.interview.into_assessment(), self.path)
    }

    fn save(&self) -> anyhow::Result<()> {
        let q = self.interview.questionnaire();
        let assessment = self.interview.assessment();
        let text = assessment
            .to_toml(q)
            .context("cannot turn the answers into TOML")?;
        store::write_atomic(&self.path, &text)?;
        self.last.set(Saved {
            path: self.path.clone(),
            counts: Counts::of(assessment),
        });
        Ok(())
    }
}

/// Why a session will not save to the file it was given. The words say what is wrong; a
/// face adds how to do otherwise in its own terms (a command line's options, a web page's
/// buttons).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Taken {
    /// The path is a directory.
    #[error("{} is a directory", .0.display())]
    Directory(PathBuf),
    /// A file is there already, and replacing it was not asked for.
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
}

fn refuse_to_overwrite(path: &Path, force: bool) -> anyhow::Result<()> {
    if path.is_dir() {
        return Err(Taken::Directory(path.to_path_buf()).into());
    }
    store::check_target(path)?;
    if path.exists() && !force {
        return Err(Taken::Exists(path.to_path_buf()).into());
    }
    Ok(())
}

/// A respondent's field as the assessment file will hold it (one line, trimmed), if the
/// file's reader will accept it: the same rule for both.
fn field(given: &str, field: &str) -> anyhow::Result<String> {
    let value = text::one_line(given);
    match validate::check_text(&value) {
        Ok(()) => Ok(value),
        Err(problem) => bail!(
            "the {}; {}",
            problem.message(field).replace('`', ""),
            problem.help(field)
        ),
    }
}

fn role_of(q: &Questionnaire, id: &str) -> anyhow::Result<usize> {
    match q.role(id) {
        Some(role) => Ok(role),
        None => bail!(
            "`{}` is not a role in {}: use one of {}",
            text::one_line(id),
            q.id,
            text::list(q.roles.iter().map(|r| r.id.as_str()))
        ),
    }
}

/// How an assessment saved at `file` names the questionnaire given on the command line: a
/// bundled id as it is, a path relative to the assessment's directory (where `score` and
/// `--resume` look for it).
fn reference_from(file: &Path, questionnaire: &str) -> String {
    if crate::questionnaire::is_bundled(questionnaire) {
        return questionnaire.to_string();
    }
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match (dir.canonicalize(), Path::new(questionnaire).canonicalize()) {
        (Ok(dir), Ok(target)) => relative(&dir, &target).display().to_string(),
        _ => questionnaire.to_string(),
    }
}

/// The path of `target` seen from `dir` (both absolute).
fn relative(dir: &Path, target: &Path) -> PathBuf {
    let dir: Vec<_> = dir.components().collect();
    let target: Vec<_> = target.components().collect();
    let common = dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..dir.len() {
        path.push("..");
    }
    for part in &target[common..] {
        path.push(part);
    }
    path
}

/// `path` if no file is there, else the first of `NAME-2.toml`, `NAME-3.toml`, … that is
/// free: two people of one organisation, role and day never share a default file.
pub fn free_name(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let mut candidate = path.to_path_buf();
    let mut n = 1;
    while candidate.exists() || candidate.is_symlink() {
        n += 1;
        candidate = path.with_file_name(format!("{stem}-{n}{extension}"));
    }
    candidate
}

/// A file name made from free text: lowercase letters, digits and single hyphens.
fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    if slug.is_empty() {
        "assessment".into()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_make_plain_file_names() {
        assert_eq!(slug("Riverside Home Care"), "riverside-home-care");
        assert_eq!(slug("  St. Mary's — Day Centre! "), "st-mary-s-day-centre");
        assert_eq!(slug("???"), "assessment");
    }

    #[test]
    fn relative_paths_climb_out_of_the_directory() {
        assert_eq!(
            relative(Path::new("/a/b"), Path::new("/a/b/q.toml")),
            Path::new("q.toml")
        );
        assert_eq!(
            relative(Path::new("/a/b"), Path::new("/a/c/q.toml")),
            Path::new("../c/q.toml")
        );
    }

    #[test]
    fn an_answer_that_cannot_be_saved_is_not_taken() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("answers");
        std::fs::create_dir(&folder).expect("folder");
        let path = folder.join("audit.toml");
        let last = LastSave::default();
        let setup = Setup::new("tlap", Some("commissioner"), Some(path), false)
            .expect("a bundled questionnaire and a known role");
        let role = setup.role().expect("given");
        let mut session = Session::start(setup, respondent(role), &last).expect("starts");
        // The folder goes away: no save can succeed.
        std::fs::remove_dir_all(&folder).expect("remove the folder");
        assert!(session.reply(Reply::Choose(0)).is_err(), "the save fails");
        assert_eq!(session.interview().assessment().answered(), 0);
        assert!(
            matches!(
                session.interview().prompt(),
                Prompt::Question {
                    overall: (1, _),
                    ..
                }
            ),
            "still on the first question"
        );
    }

    fn respondent(role: usize) -> Respondent {
        Respondent {
            organisation: "Oak Tree\nCare".into(),
            service: "Home care".into(),
            role,
            name: None,
            assessed: Date {
                year: 2026,
                month: 11,
                day: 23,
            },
        }
    }

    #[test]
    fn a_session_saves_after_each_change_and_records_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("audit.toml");
        let last = LastSave::default();
        let setup = Setup::new("tlap", Some("commissioner"), Some(path.clone()), false)
            .expect("a bundled questionnaire and a known role");
        let role = setup.role().expect("given");
        let mut session = Session::start(setup, respondent(role), &last).expect("starts");
        assert_eq!(
            last.get().map(|s| s.counts.answered + s.counts.skipped),
            Some(0),
            "saved at once"
        );
        assert_eq!(session.reply(Reply::Skip).expect("saves"), Outcome::Changed);
        assert_eq!(session.reply(Reply::Back).expect("moves"), Outcome::Moved);
        let saved = last.get().expect("saved");
        assert_eq!((saved.path, saved.counts.skipped), (path.clone(), 1));
        let resumed = Session::resume(&path, &LastSave::default()).expect("resumes");
        assert_eq!(
            resumed.interview().assessment().organisation,
            "Oak Tree Care"
        );
        let questions = resumed.interview().questionnaire().questions.len();
        assert!(
            resumed.saving_to().ends_with(&format!(
                "Carrying on: 0 of {questions} questions answered, 1 skipped."
            )),
            "{}",
            resumed.saving_to()
        );
        assert!(
            Setup::new("tlap", None, Some(path), false).is_err(),
            "an existing file is not overwritten without force"
        );
    }

    #[test]
    fn a_session_is_restored_where_its_state_left_it_or_from_its_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let setup = Setup::in_directory("tlap", dir.path()).expect("set up");
        let start = |role: usize| {
            let path = free_name(&setup.file_for(&respondent(role)));
            Session::start(
                setup.clone().save_to(path),
                respondent(role),
                &LastSave::default(),
            )
            .expect("starts")
        };
        let mut first = start(0);
        assert!(
            first.path().starts_with(dir.path()),
            "named in the directory"
        );
        first.reply(Reply::Choose(0)).expect("saves");
        assert!(matches!(first.prompt(), Prompt::Evidence { .. }));
        let state = first.interview().state();
        let restored =
            Session::restore(first.path(), state.clone(), &LastSave::default()).expect("restores");
        assert!(
            matches!(restored.prompt(), Prompt::Evidence { .. }),
            "at the evidence step, as it was"
        );
        // A state that is not this file's (another role asks other statements) is set
        // aside: the interview carries on from the file's first unanswered question.
        let lived = setup
            .questionnaire()
            .roles
            .iter()
            .position(|r| r.lived_experience)
            .expect("a lived-experience role");
        let other = start(lived);
        let restored =
            Session::restore(other.path(), state, &LastSave::default()).expect("carries on");
        let Prompt::Question { overall, .. } = restored.prompt() else {
            panic!("a question");
        };
        assert_eq!(overall.0, 1);
        assert_ne!(other.path(), first.path());
    }

    #[test]
    fn default_names_carry_the_role_and_never_collide() {
        let dir = tempfile::tempdir().expect("temp dir");
        let setup = Setup::new("tlap", Some("carer"), None, false).expect("set up");
        let name = setup.file_for(&respondent(setup.role().expect("given")));
        assert_eq!(name, Path::new("oak-tree-care-carer-2026-11-23.toml"));
        let path = dir.path().join(name);
        assert_eq!(free_name(&path), path);
        std::fs::write(&path, "taken").expect("write");
        let second = free_name(&path);
        assert_eq!(
            second,
            dir.path().join("oak-tree-care-carer-2026-11-23-2.toml")
        );
        std::fs::write(&second, "taken").expect("write");
        assert!(free_name(&path).ends_with("oak-tree-care-carer-2026-11-23-3.toml"));
    }

    #[test]
    fn a_role_out_of_range_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let setup =
            Setup::new("tlap", None, Some(dir.path().join("a.toml")), false).expect("set up");
        let roles = setup.questionnaire().roles.len();
        assert!(Session::start(setup, respondent(roles), &LastSave::default()).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
    }

    #[test]
    fn a_file_that_appeared_since_the_setup_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.toml");
        let setup =
            Setup::new("tlap", Some("commissioner"), Some(path.clone()), false).expect("set up");
        std::fs::write(&path, "someone else's answers\n").expect("write");
        let role = setup.role().expect("given");
        assert!(Session::start(setup, respondent(role), &LastSave::default()).is_err());
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "someone else's answers\n"
        );
    }
}
