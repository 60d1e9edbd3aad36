//! The questionnaire file exactly as written: serde structs that keep every value's place
//! in the file so that [`super::build`] can point at it. Nothing here is checked beyond
//! its TOML type; unknown keys are refused by the parser itself.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    pub id: Text,
    pub version: Text,
    pub title: Text,
    pub description: Option<Text>,
    pub scoring: Option<RawScoring>,
    pub sources: Spanned<Vec<RawSource>>,
    pub rungs: Spanned<Vec<RawRung>>,
    pub areas: Spanned<Vec<RawArea>>,
    pub roles: Spanned<Vec<RawRole>>,
    #[serde(default)]
    pub ratings: Vec<RawRating>,
    #[serde(default)]
    pub themes: Vec<RawTheme>,
    #[serde(default)]
    pub statements: Vec<RawStatement>,
    pub questions: Spanned<Vec<RawQuestion>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScoring {
    pub agreement: Option<Spanned<f64>>,
    pub min_answered: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Text,
    pub name: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRung {
    pub id: Text,
    pub name: Text,
    pub description: Text,
    pub climb: Text,
    pub source: Text,
    #[serde(default)]
    pub quoted: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArea {
    pub id: Text,
    pub name: Text,
    pub description: Text,
    pub source: Text,
    #[serde(default)]
    pub quoted: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    pub id: Text,
    pub name: Text,
    pub lived_experience: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRating {
    pub id: Text,
    pub name: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    pub id: Text,
    pub name: Text,
    pub source: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatement {
    pub id: Text,
    pub voice: Text,
    pub theme: Text,
    pub text: Text,
    pub source: Text,
    #[serde(default)]
    pub quoted: bool,
    pub mirrors: Option<Spanned<Vec<Text>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: Text,
    pub area: Text,
    pub prompt: Text,
    pub lived_prompt: Option<Text>,
    pub help: Option<Text>,
    pub lived_help: Option<Text>,
    pub source: Text,
    pub options: Spanned<Vec<RawOption>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Text,
    pub text: Text,
    pub rung: Text,
}
