//! Questionnaires: the ladder, the areas, the questions and the Making it Real statements.
//!
//! A questionnaire is data. It is read from TOML (bundled in the binary or from a path,
//! through the same code), checked in `build.rs`, and only then becomes a [`Questionnaire`]:
//! a value whose references are all resolved to indexes, so that scoring and reports never
//! meet a dangling id. Nothing in copro knows how many rungs a ladder has or what they are
//! called; that all comes from here.

mod archive;
mod build;
mod bundled;
mod fingerprint;
mod hash;
mod order;
pub(crate) mod raw;

use std::collections::HashMap;
use std::path::Path;

pub use archive::archive_path;
pub use bundled::{
    BUNDLED, BUNDLED_EARLIER, bundled, bundled_id_list, bundled_ids, bundled_version,
    every_bundled, is_bundled,
};

use crate::source::{Diagnostic, Invalid, SourceFile};
use crate::text;

/// A checked questionnaire.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    /// Short id, e.g. `tlap`.
    pub id: String,
    /// The author's version; bumped when questions change.
    pub version: String,
    /// For an earlier version kept so that the assessments made on it keep their meaning
    /// (see `archive.rs`), the version in use now; `None` for the version in use.
    pub current_version: Option<String>,
    /// One-line title.
    pub title: String,
    /// A few sentences for the person answering.
    pub description: Option<String>,
    /// The frameworks the content is based on.
    pub sources: Vec<Source>,
    /// The ladder, bottom rung first: a rung's level is its index.
    pub rungs: Vec<Rung>,
    /// The areas an organisation is placed in.
    pub areas: Vec<Area>,
    /// Who can answer.
    pub roles: Vec<Role>,
    /// The scale for rating statements, lowest first.
    pub ratings: Vec<Rating>,
    /// Making it Real themes.
    pub themes: Vec<Theme>,
    /// Making it Real "I" and "We" statements.
    pub statements: Vec<Statement>,
    /// The placement questions, in the order they are asked.
    pub questions: Vec<Question>,
    /// How answers become a placement.
    pub scoring: Scoring,
    /// A digest of everything answers depend on (question, option, rung, statement and
    /// rating ids). It changes when an assessment made earlier might no longer fit.
    pub fingerprint: String,
    /// Question and statement ids to their indexes, for reading many assessments quickly.
    pub index: Index,
    /// The file it came from, for `questionnaire show --format toml` and diagnostics.
    pub file: SourceFile,
}

/// A framework or publication content is based on.
#[derive(Debug, Clone)]
pub struct Source {
    /// Id used by `source = "…"`.
    pub id: String,
    /// Plain name: organisation and title.
    pub name: String,
}

/// One rung of the ladder.
#[derive(Debug, Clone)]
pub struct Rung {
    /// Id used by options, e.g. `co-design`.
    pub id: String,
    /// Display name, e.g. `Co-design`.
    pub name: String,
    /// What the rung looks like.
    pub description: String,
    /// What it takes to climb from this rung to the next (on the top rung: how to keep it).
    pub climb: String,
    /// Index into [`Questionnaire::sources`].
    pub source: usize,
    /// True when `description` is the framework's own wording.
    pub quoted: bool,
}

/// One of the areas an organisation is placed in (SCIE: culture, structure, practice, review).
#[derive(Debug, Clone)]
pub struct Area {
    /// Id used by questions.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the area covers.
    pub description: String,
    /// Index into [`Questionnaire::sources`].
    pub source: usize,
    /// True when `description` is the framework's own wording.
    pub quoted: bool,
}

/// A respondent's role.
#[derive(Debug, Clone)]
pub struct Role {
    /// Id used in assessment files.
    pub id: String,
    /// Display name.
    pub name: String,
    /// True for people who draw on care and support, carers and the like: they rate the
    /// "I" statements.
    pub lived_experience: bool,
}

impl Role {
    /// The voice of the statements this role rates: "I" for people with lived experience,
    /// "We" for the organisation's roles.
    pub fn voice(&self) -> Voice {
        if self.lived_experience {
            Voice::I
        } else {
            Voice::We
        }
    }
}

/// One step of the statement rating scale.
#[derive(Debug, Clone)]
pub struct Rating {
    /// Id used in assessment files, e.g. `partly`.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// A Making it Real theme.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Id used by statements.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Index into [`Questionnaire::sources`].
    pub source: usize,
}

/// Whose voice a statement is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voice {
    /// "I …": how it feels to a person who draws on care and support.
    I,
    /// "We …": what the organisation does.
    We,
}

impl Voice {
    /// The id used in files and JSON: `i` or `we`.
    pub fn id(self) -> &'static str {
        match self {
            Voice::I => "i",
            Voice::We => "we",
        }
    }

    /// The voice with this id, as [`Voice::id`] writes it.
    pub fn from_id(id: &str) -> Option<Voice> {
        [Voice::I, Voice::We].into_iter().find(|v| v.id() == id)
    }
}

/// A Making it Real statement.
#[derive(Debug, Clone)]
pub struct Statement {
    /// Id used in assessment files.
    pub id: String,
    /// "I" or "We".
    pub voice: Voice,
    /// Index into [`Questionnaire::themes`].
    pub theme: usize,
    /// The statement.
    pub text: String,
    /// Index into [`Questionnaire::sources`].
    pub source: usize,
    /// True when the text is the framework's own wording.
    pub quoted: bool,
    /// For a "We" statement, the "I" statements that show whether it is true for people
    /// (indexes into [`Questionnaire::statements`]).
    pub mirrors: Vec<usize>,
}

/// A placement question.
#[derive(Debug, Clone)]
pub struct Question {
    /// Id used in assessment files.
    pub id: String,
    /// Index into [`Questionnaire::areas`].
    pub area: usize,
    /// What is asked of the organisation's roles.
    pub prompt: String,
    /// What is asked of people with lived experience, in their own words ("when this
    /// service plans a change, when do people like you first hear of it?"), where the
    /// questionnaire gives it; otherwise they are asked [`Question::prompt`].
    pub lived_prompt: Option<String>,
    /// Optional explanation, shown on request.
    pub help: Option<String>,
    /// The explanation for people with lived experience, where it differs.
    pub lived_help: Option<String>,
    /// Index into [`Questionnaire::sources`].
    pub source: usize,
    /// The options in the order respondents see them (see `order.rs`): option `n` in a
    /// plain-mode script is `options[n - 1]`.
    pub options: Vec<QuestionOption>,
}

impl Question {
    /// What is asked of a respondent of this voice.
    pub fn prompt_for(&self, voice: Voice) -> &str {
        match (voice, &self.lived_prompt) {
            (Voice::I, Some(lived)) => lived,
            _ => &self.prompt,
        }
    }

    /// The explanation for a respondent of this voice, if there is one.
    pub fn help_for(&self, voice: Voice) -> Option<&str> {
        match (voice, &self.lived_help) {
            (Voice::I, Some(lived)) => Some(lived),
            _ => self.help.as_deref(),
        }
    }

    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<usize> {
        self.options.iter().position(|o| o.id == id)
    }

    /// The option on the lowest rung above `level`, if the question has one.
    pub fn option_above(&self, level: usize) -> Option<&QuestionOption> {
        self.options
            .iter()
            .filter(|o| o.rung > level)
            .min_by_key(|o| o.rung)
    }
}

/// One answer to a question: an observable practice on one rung.
#[derive(Debug, Clone)]
pub struct QuestionOption {
    /// Id used in assessment files.
    pub id: String,
    /// The practice, as the respondent reads it.
    pub text: String,
    /// Index into [`Questionnaire::rungs`]: the rung's level.
    pub rung: usize,
}

/// Question and statement ids to their indexes.
#[derive(Debug, Clone, Default)]
pub struct Index {
    questions: HashMap<String, usize>,
    statements: HashMap<String, usize>,
}

impl Index {
    /// The index of a checked questionnaire.
    pub fn of(q: &Questionnaire) -> Self {
        Index {
            questions: q
                .questions
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.clone(), i))
                .collect(),
            statements: q
                .statements
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.clone(), i))
                .collect(),
        }
    }
}

/// Scoring settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scoring {
    /// A rung is reached when more than this share of answers are on it or above.
    pub agreement: f64,
    /// The share of an area's questions that must be answered before it is placed.
    pub min_answered: f64,
}

impl Scoring {
    /// How many of an area's `questions` must be answered before it is placed: at least
    /// `min_answered` of them, rounded up, and always more than `agreement` of them, so that
    /// the questions without an answer can never decide the placement; at least one (none
    /// for an area without questions, which validation refuses anyway).
    pub fn needed(&self, questions: usize) -> usize {
        let share = (self.min_answered * questions as f64).ceil() as usize;
        let more_than_agreement = (self.agreement * questions as f64).floor() as usize + 1;
        share
            .max(more_than_agreement)
            .clamp(questions.min(1), questions)
    }
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            agreement: 0.5,
            min_answered: 0.6,
        }
    }
}

impl Questionnaire {
    /// Parses and checks a questionnaire's text.
    pub fn parse(file: SourceFile) -> Result<Self, Invalid> {
        let raw: raw::RawQuestionnaire = crate::source::parse_toml(
            &file,
            "start from a bundled questionnaire: copro questionnaire show tlap --format toml > my-questionnaire.toml",
        )
        .map_err(|e| {
            crate::source::other_kind(
                &file,
                e,
                &["answers", "respondent"],
                "this is an assessment, not a questionnaire",
                "score an assessment with `copro score FILE`",
            )
        })?;
        build::build(raw, file)
    }

    /// Reads and checks a questionnaire file.
    pub fn load(path: &Path) -> Result<Self, Invalid> {
        Self::parse(SourceFile::read(path)?)
    }

    /// A bundled questionnaire by id, or else a file by path: how `ID|PATH` arguments and
    /// the `questionnaire` key of an assessment are resolved. A relative path is taken from
    /// `base` (the assessment's directory) when given.
    pub fn resolve(reference: &str, base: Option<&Path>) -> Result<Self, Invalid> {
        if let Some(q) = bundled(reference) {
            return q;
        }
        let path = match base {
            Some(dir) if Path::new(reference).is_relative() => dir.join(reference),
            _ => Path::new(reference).to_path_buf(),
        };
        if let Some((id, version)) = reference.split_once('@')
            && is_bundled(id)
            && !path.exists()
        {
            let kept = std::iter::once(bundled(id).and_then(Result::ok).map(|q| q.version))
                .flatten()
                .chain(
                    BUNDLED_EARLIER
                        .iter()
                        .filter(|(name, _, _)| *name == id)
                        .map(|(_, v, _)| v.to_string()),
                )
                .map(|v| format!("{id}@{v}"));
            let mut kept: Vec<String> = kept.collect();
            kept.dedup();
            return Err(Invalid::one(Diagnostic::file(
                reference,
                format!(
                    "copro does not have version {} of `{id}`",
                    text::truncate(&text::one_line(version), 40)
                ),
                format!("use one of {}", text::list(kept.iter().map(String::as_str))),
            )));
        }
        if !path.exists() {
            return Err(Invalid::one(Diagnostic::file(
                reference,
                "no bundled questionnaire has this id, and there is no file at this path",
                format!(
                    "use a bundled questionnaire ({}) or the path of a questionnaire file; `copro questionnaire list` shows the bundled ones",
                    text::list(BUNDLED.iter().map(|(id, _)| *id))
                ),
            )));
        }
        Self::load(&path)
    }

    /// The rung with this id.
    pub fn rung(&self, id: &str) -> Option<usize> {
        self.rungs.iter().position(|r| r.id == id)
    }

    /// The area with this id.
    pub fn area(&self, id: &str) -> Option<usize> {
        self.areas.iter().position(|a| a.id == id)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<usize> {
        self.index.questions.get(id).copied()
    }

    /// The statement with this id.
    pub fn statement(&self, id: &str) -> Option<usize> {
        self.index.statements.get(id).copied()
    }

    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.id == id)
    }

    /// The rating with this id.
    pub fn rating(&self, id: &str) -> Option<usize> {
        self.ratings.iter().position(|r| r.id == id)
    }

    /// True when an answer on `rung` calls for evidence: the top two rungs are the claims
    /// an outsider would want to see shown. `copro check --require-evidence` fails an answer
    /// there without a note. (The interview offers a note after every answer, so that the
    /// offer gives no rung away.)
    pub fn needs_evidence(&self, rung: usize) -> bool {
        rung + 2 >= self.rungs.len()
    }

    /// The rating an average of ratings comes to: the one at or below it (0 = the lowest).
    pub fn rating_at(&self, average: f64) -> usize {
        // The small allowance keeps 2.9999… (three ratings averaged) on 3.
        ((average + 1e-9).floor().max(0.0) as usize).min(self.ratings.len().saturating_sub(1))
    }

    /// An average of ratings in words, on the scale's own names: "mostly" when it is one
    /// of them, else "between partly and mostly", so that an average never reads as the
    /// lower rating alone.
    pub fn rating_words(&self, average: f64) -> String {
        let low = self.rating_at(average);
        let name = |r: usize| self.ratings[r].name.to_lowercase();
        match self.ratings.get(low + 1) {
            Some(_) if average - low as f64 > 1e-9 => {
                format!("between {} and {}", name(low), name(low + 1))
            }
            _ => name(low),
        }
    }

    /// The questions of one area, in order.
    pub fn questions_in(&self, area: usize) -> impl Iterator<Item = (usize, &Question)> {
        self.questions
            .iter()
            .enumerate()
            .filter(move |(_, q)| q.area == area)
    }
}
