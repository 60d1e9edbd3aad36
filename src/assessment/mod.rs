//! The stored answers file: one respondent's assessment of one service.
//!
//! An assessment is TOML a person can read, edit and diff: which questionnaire it answers
//! (by bundled id or by path), who answered and when, the chosen option for each question
//! (or `dont-know` / `skipped`), evidence notes and statement ratings. Loading checks every
//! id against the questionnaire and points at the exact place of anything unknown, listing
//! the valid choices.

mod bind;
mod cache;
mod date;
mod fast;
mod write;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

pub use cache::Questionnaires;
pub use date::Date;

use crate::questionnaire::Questionnaire;
use crate::source::{Invalid, SourceFile, other_kind, parse_toml};

/// The answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Not reached yet.
    Unanswered,
    /// An option (index into the question's options).
    Chosen(usize),
    /// The respondent does not know.
    DontKnow,
    /// The respondent skipped it, to come back later.
    Skipped,
}

impl Answer {
    /// The word an assessment file uses for "don't know".
    pub const DONT_KNOW: &'static str = "dont-know";
    /// The word an assessment file uses for a skipped question.
    pub const SKIPPED: &'static str = "skipped";

    /// The word an assessment file uses for an answer without an option, if it is one.
    /// These words can never be option ids.
    pub fn keyword(self) -> Option<&'static str> {
        match self {
            Answer::DontKnow => Some(Self::DONT_KNOW),
            Answer::Skipped => Some(Self::SKIPPED),
            Answer::Unanswered | Answer::Chosen(_) => None,
        }
    }

    /// The answer a keyword of the assessment file stands for.
    pub fn from_keyword(word: &str) -> Option<Answer> {
        match word {
            Self::DONT_KNOW => Some(Answer::DontKnow),
            Self::SKIPPED => Some(Answer::Skipped),
            _ => None,
        }
    }
}

/// A checked assessment, bound to its questionnaire.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The file's name as given.
    pub file: String,
    /// The questionnaire reference as written (bundled id or path).
    pub questionnaire: String,
    /// The questionnaire's version when the answers were given.
    pub questionnaire_version: String,
    /// The questionnaire's fingerprint when the answers were given, if recorded.
    pub questionnaire_fingerprint: Option<String>,
    /// The organisation assessed.
    pub organisation: String,
    /// The service, team or programme assessed.
    pub service: String,
    /// The day of the assessment.
    pub assessed: Date,
    /// Index into the questionnaire's roles.
    pub role: usize,
    /// The respondent's name, if given. Never shown in combined reports.
    pub name: Option<String>,
    /// One answer per question, by question index.
    pub answers: Vec<Answer>,
    /// Evidence notes, by question index.
    pub evidence: Vec<Option<String>>,
    /// Statement ratings (index into the questionnaire's ratings), by statement index.
    pub ratings: Vec<Option<usize>>,
    /// Things worth knowing that do not stop scoring, e.g. a newer questionnaire version.
    pub notes: Vec<Note>,
    /// The line of `assessed` in the file (0 when not read from a file).
    pub assessed_line: usize,
    /// The line of each question's answer in the file (0 when it has none).
    pub answer_lines: Vec<usize>,
}

/// Something worth knowing about an assessment that does not stop it being scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// It was answered against another version of its questionnaire, or the questionnaire
    /// has changed since; answers were matched by question id.
    QuestionnaireChanged(String),
    /// The respondent rated statements meant for the other voice; they still count.
    OtherVoice(String),
}

impl Note {
    /// The note in words.
    pub fn message(&self) -> &str {
        match self {
            Note::QuestionnaireChanged(message) | Note::OtherVoice(message) => message,
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// The fields of an assessment file as written, each with its place in the file. The doc
/// comments of the fields are the descriptions of `copro schema assessment`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "copro assessment",
    description = "One respondent's answers to a questionnaire. Score it with `copro score FILE`."
)]
#[schemars(rename = "Assessment")]
pub(crate) struct RawAssessment {
    /// The questionnaire answered: a bundled id such as `tlap`, or a path relative to this
    /// file.
    #[schemars(with = "String")]
    questionnaire: Spanned<String>,
    /// The questionnaire's version when the answers were given.
    #[schemars(with = "String")]
    questionnaire_version: Spanned<String>,
    /// Optional: the questionnaire's fingerprint when the answers were given, to notice a
    /// changed questionnaire.
    #[schemars(with = "Option<String>")]
    questionnaire_fingerprint: Option<Spanned<String>>,
    /// The organisation assessed.
    #[schemars(with = "String")]
    organisation: Spanned<String>,
    /// The service, team or programme assessed.
    #[schemars(with = "String")]
    service: Spanned<String>,
    /// The day of the assessment, a TOML date without quotes: assessed = 2026-10-14.
    #[schemars(schema_with = "crate::schema::toml_date")]
    assessed: Spanned<toml::value::Datetime>,
    /// Who answered.
    respondent: RawRespondent,
    /// The answers: question id = option id, or `dont-know`, or `skipped`. Questions left
    /// out are unanswered.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    answers: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Evidence notes: question id = what would show the answer to an outsider.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    evidence: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Statement ratings: statement id = rating id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    ratings: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// Who answered.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Respondent")]
struct RawRespondent {
    /// One of the questionnaire's role ids, e.g. `commissioner`.
    #[schemars(with = "String")]
    role: Spanned<String>,
    /// Optional: the respondent's name, never shown in combined reports.
    #[schemars(with = "Option<String>")]
    name: Option<Spanned<String>>,
}

impl Assessment {
    /// True when anything was answered: an option, "don't know" or a rating (a file made
    /// when someone began, and left before the first answer, has none).
    pub fn has_answers(&self) -> bool {
        self.answers
            .iter()
            .any(|a| matches!(a, Answer::Chosen(_) | Answer::DontKnow))
            || self.ratings.iter().any(Option::is_some)
    }

    /// Reads an assessment and the questionnaire it names (a relative path is taken from
    /// the assessment's directory).
    pub fn load(path: &Path) -> Result<(Assessment, Arc<Questionnaire>), Invalid> {
        Self::load_with(path, &Questionnaires::default())
    }

    /// Like [`Assessment::load`], taking questionnaires from `cache` when they were read
    /// before: how many assessments are loaded quickly.
    pub fn load_with(
        path: &Path,
        cache: &Questionnaires,
    ) -> Result<(Assessment, Arc<Questionnaire>), Invalid> {
        Self::parse_with(&SourceFile::read(path)?, path.parent(), cache)
    }

    /// Parses an assessment already read, finding its questionnaire from `base` (the
    /// assessment's directory) through `cache`.
    pub fn parse_with(
        file: &SourceFile,
        base: Option<&Path>,
        cache: &Questionnaires,
    ) -> Result<(Assessment, Arc<Questionnaire>), Invalid> {
        let raw = parse(file)?;
        let questionnaire = cache.get(
            file,
            &raw.questionnaire,
            raw.questionnaire_version.get_ref(),
            base,
        )?;
        let assessment = bind::bind(file, raw, &questionnaire)?;
        Ok((assessment, questionnaire))
    }

    /// Parses an assessment's text against a questionnaire already loaded.
    pub fn parse(file: &SourceFile, questionnaire: &Questionnaire) -> Result<Assessment, Invalid> {
        bind::bind(file, parse(file)?, questionnaire)
    }

    /// A new assessment of `questionnaire` with nothing answered yet.
    pub fn new(
        questionnaire: &Questionnaire,
        organisation: &str,
        service: &str,
        assessed: Date,
        role: usize,
    ) -> Self {
        Assessment {
            file: String::new(),
            questionnaire: questionnaire.id.clone(),
            questionnaire_version: questionnaire.version.clone(),
            questionnaire_fingerprint: Some(questionnaire.fingerprint.clone()),
            organisation: organisation.to_string(),
            service: service.to_string(),
            assessed,
            role,
            name: None,
            answers: vec![Answer::Unanswered; questionnaire.questions.len()],
            evidence: vec![None; questionnaire.questions.len()],
            ratings: vec![None; questionnaire.statements.len()],
            notes: Vec::new(),
            assessed_line: 0,
            answer_lines: vec![0; questionnaire.questions.len()],
        }
    }

    /// How many questions have an answer of any kind (an option, "don't know" or skipped).
    pub fn given(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| **a != Answer::Unanswered)
            .count()
    }

    /// How many questions have an option chosen.
    pub fn answered(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| matches!(a, Answer::Chosen(_)))
            .count()
    }
}

fn parse(file: &SourceFile) -> Result<RawAssessment, Invalid> {
    if let Some(raw) = fast::parse(&file.text) {
        return Ok(raw);
    }
    parse_toml(
        file,
        "an assessment names its questionnaire, organisation, service, date and respondent; see “The assessment file” in the README",
    )
    .map_err(|e| {
        other_kind(
            file,
            e,
            &["rungs", "questions"],
            "this is a questionnaire, not an assessment",
            "check a questionnaire with `copro questionnaire validate FILE`; an assessment names its questionnaire with `questionnaire = \"…\"`",
        )
    })
}

/// The two readers of an assessment's fields, for the benchmark that keeps the quick
/// reader's reason measured. On every file the quick reader accepts, both give the same
/// fields (its tests compare them); on any other, only the full TOML parser is used.
#[doc(hidden)]
pub mod readers {
    /// True when the quick reader reads `text` (the plain shape copro writes).
    pub fn quick(text: &str) -> bool {
        super::fast::parse(text).is_some()
    }

    /// True when the full TOML parser reads `text` as an assessment's fields.
    pub fn full(text: &str) -> bool {
        toml::from_str::<super::RawAssessment>(text).is_ok()
    }
}
