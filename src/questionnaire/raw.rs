//! The questionnaire file exactly as written: serde structs that keep every value's place
//! in the file so that [`super::build`] can point at it. Nothing here is checked beyond
//! its TOML type; unknown keys are refused by the parser itself.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "copro questionnaire",
    description = "A ladder of rungs, the areas it looks at, who may answer, the questions whose options stand on the rungs, and statements to rate. Check one with `copro questionnaire validate FILE`."
)]
#[schemars(rename = "Questionnaire")]
pub struct RawQuestionnaire {
    /// The questionnaire's id, named by assessments: lowercase letters, digits and hyphens.
    #[schemars(with = "String")]
    pub id: Text,
    /// The questionnaire's version, e.g. `1.0.0`; raise it when questions change.
    #[schemars(with = "String")]
    pub version: Text,
    /// The title shown at the start and on reports.
    #[schemars(with = "String")]
    pub title: Text,
    /// Shown at the start of the self-audit.
    #[schemars(with = "Option<String>")]
    pub description: Option<Text>,
    /// How answers are placed on the ladder; leave it out for the defaults.
    pub scoring: Option<RawScoring>,
    /// The works that rungs, areas, themes, statements and questions are based on.
    #[schemars(with = "Vec<RawSource>")]
    pub sources: Spanned<Vec<RawSource>>,
    /// The ladder, bottom rung first; at least two.
    #[schemars(with = "Vec<RawRung>")]
    pub rungs: Spanned<Vec<RawRung>>,
    /// The areas the questions look at, e.g. culture, structure, practice, review.
    #[schemars(with = "Vec<RawArea>")]
    pub areas: Spanned<Vec<RawArea>>,
    /// Who may answer; each role has lived experience or speaks for the organisation.
    #[schemars(with = "Vec<RawRole>")]
    pub roles: Spanned<Vec<RawRole>>,
    /// The scale statements are rated on, lowest first (needed with statements).
    #[serde(default)]
    pub ratings: Vec<RawRating>,
    /// The themes statements are grouped in.
    #[serde(default)]
    pub themes: Vec<RawTheme>,
    /// “I” and “We” statements to rate, such as the Making it Real statements.
    #[serde(default)]
    pub statements: Vec<RawStatement>,
    /// The questions, in the order they are asked.
    #[schemars(with = "Vec<RawQuestion>")]
    pub questions: Spanned<Vec<RawQuestion>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// How answers are placed on the ladder.
#[schemars(rename = "Scoring")]
pub struct RawScoring {
    /// A rung is reached when more than this share of answers reach it (default 0.5).
    #[schemars(with = "Option<f64>")]
    pub agreement: Option<Spanned<f64>>,
    /// The share of an area's questions that must be answered to place it (default 0.6).
    #[schemars(with = "Option<f64>")]
    pub min_answered: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A work the questionnaire is based on.
#[schemars(rename = "Source")]
pub struct RawSource {
    /// The source's id, named by `source` keys.
    #[schemars(with = "String")]
    pub id: Text,
    /// The source's full name, as it is cited.
    #[schemars(with = "String")]
    pub name: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A rung of the ladder.
#[schemars(rename = "Rung")]
pub struct RawRung {
    /// The rung's id, named by options and policies.
    #[schemars(with = "String")]
    pub id: Text,
    /// The rung's name, e.g. `Consultation`.
    #[schemars(with = "String")]
    pub name: Text,
    /// What an organisation on this rung looks like.
    #[schemars(with = "String")]
    pub description: Text,
    /// What it takes to climb from this rung to the next.
    #[schemars(with = "String")]
    pub climb: Text,
    /// The id of the source the rung comes from.
    #[schemars(with = "String")]
    pub source: Text,
    /// True when the description is the source's own wording.
    #[serde(default)]
    pub quoted: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// An area the questions look at.
#[schemars(rename = "Area")]
pub struct RawArea {
    /// The area's id, named by questions and policies.
    #[schemars(with = "String")]
    pub id: Text,
    /// The area's name, e.g. `Culture`.
    #[schemars(with = "String")]
    pub name: Text,
    /// What the area covers.
    #[schemars(with = "String")]
    pub description: Text,
    /// The id of the source the area comes from.
    #[schemars(with = "String")]
    pub source: Text,
    /// True when the description is the source's own wording.
    #[serde(default)]
    pub quoted: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A role a respondent may answer in.
#[schemars(rename = "Role")]
pub struct RawRole {
    /// The role's id, written in an assessment's `[respondent]` table.
    #[schemars(with = "String")]
    pub id: Text,
    /// The role's name, e.g. `Carer`.
    #[schemars(with = "String")]
    pub name: Text,
    /// True for people with lived experience (they rate the “I” statements); false for the
    /// organisation's roles.
    pub lived_experience: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A step of the scale statements are rated on.
#[schemars(rename = "Rating")]
pub struct RawRating {
    /// The rating's id, written in an assessment's `[ratings]` table.
    #[schemars(with = "String")]
    pub id: Text,
    /// The rating's name, e.g. `Mostly`.
    #[schemars(with = "String")]
    pub name: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A theme statements are grouped in.
#[schemars(rename = "Theme")]
pub struct RawTheme {
    /// The theme's id, named by statements.
    #[schemars(with = "String")]
    pub id: Text,
    /// The theme's name.
    #[schemars(with = "String")]
    pub name: Text,
    /// The id of the source the theme comes from.
    #[schemars(with = "String")]
    pub source: Text,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// An “I” or “We” statement to rate.
#[schemars(rename = "Statement")]
pub struct RawStatement {
    /// The statement's id, written in an assessment's `[ratings]` table.
    #[schemars(with = "String")]
    pub id: Text,
    /// `we`: the organisation's commitment, rated by its roles; `i`: people's experience,
    /// rated by people with lived experience.
    #[schemars(with = "String")]
    pub voice: Text,
    /// The id of the statement's theme.
    #[schemars(with = "String")]
    pub theme: Text,
    /// The statement as respondents read it.
    #[schemars(with = "String")]
    pub text: Text,
    /// The id of the source the statement comes from.
    #[schemars(with = "String")]
    pub source: Text,
    /// True when the text is the source's own wording.
    #[serde(default)]
    pub quoted: bool,
    /// “We” statements only: the ids of the “I” statements that mirror it.
    #[schemars(with = "Option<Vec<String>>")]
    pub mirrors: Option<Spanned<Vec<Text>>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A question: its options describe what an organisation does, each on a rung.
#[schemars(rename = "Question")]
pub struct RawQuestion {
    /// The question's id, the key of its answer in an assessment's `[answers]` table.
    #[schemars(with = "String")]
    pub id: Text,
    /// The id of the area the question looks at.
    #[schemars(with = "String")]
    pub area: Text,
    /// The question as respondents read it.
    #[schemars(with = "String")]
    pub prompt: Text,
    /// The question as people with lived experience are asked it, in their own words
    /// (given for every question or for none).
    #[schemars(with = "Option<String>")]
    pub lived_prompt: Option<Text>,
    /// More about the question, shown on request.
    #[schemars(with = "Option<String>")]
    pub help: Option<Text>,
    /// More about the question for people with lived experience (only beside a
    /// `lived_prompt`).
    #[schemars(with = "Option<String>")]
    pub lived_help: Option<Text>,
    /// The id of the source the question is based on.
    #[schemars(with = "String")]
    pub source: Text,
    /// The options, at least two, each on its own rung.
    #[schemars(with = "Vec<RawOption>")]
    pub options: Spanned<Vec<RawOption>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// An option of a question.
#[schemars(rename = "Option")]
pub struct RawOption {
    /// The option's id, the value of an answer in an assessment's `[answers]` table
    /// (never `dont-know` or `skipped`).
    #[schemars(with = "String")]
    pub id: Text,
    /// What the organisation does, as respondents read it.
    #[schemars(with = "String")]
    pub text: Text,
    /// The id of the rung this practice stands on.
    #[schemars(with = "String")]
    pub rung: Text,
}
