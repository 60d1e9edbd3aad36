//! JSON Schemas of the files copro reads, for editors that check TOML as it is typed
//! (`copro schema KIND`).
//!
//! Each schema is generated from the serde types that read the file, so a key, a type or a
//! required field cannot differ between the schema and the reader; their doc comments are
//! the descriptions an editor shows on hover. A schema checks a file's shape only: what
//! refers to what (a rung an option names, an answer's question) is checked by copro when
//! it reads the file. The schemas follow JSON Schema draft 7, which editors know best.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

use crate::assessment::RawAssessment;
use crate::policy::RawPolicy;
use crate::questionnaire::raw::RawQuestionnaire;

/// The schema of a questionnaire file, as pretty JSON.
pub fn questionnaire() -> String {
    render::<RawQuestionnaire>()
}

/// The schema of an assessment file, as pretty JSON.
pub fn assessment() -> String {
    render::<RawAssessment>()
}

/// The schema of a policy file (`copro-policy.toml`), as pretty JSON.
pub fn policy() -> String {
    render::<RawPolicy>()
}

fn render<T: JsonSchema>() -> String {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    if let Some(map) = schema.as_object_mut() {
        unwrap_descriptions(map);
    }
    // The schema's own order: `$schema`, title and description first.
    let mut text =
        serde_json::to_string_pretty(&schema).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// Joins the lines of every description: a doc comment is wrapped to fit the source, an
/// editor wraps hover text to fit its window.
fn unwrap_descriptions(map: &mut Map<String, Value>) {
    for (key, value) in map.iter_mut() {
        match value {
            Value::String(text) if key == "description" => {
                *text = text
                    .split('\n')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            Value::Object(inner) => unwrap_descriptions(inner),
            Value::Array(items) => {
                for item in items {
                    if let Value::Object(inner) = item {
                        unwrap_descriptions(inner);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A TOML date, as a TOML language server hands it to a schema: text in the form
/// YYYY-MM-DD.
pub(crate) fn toml_date(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "format": "date",
    })
}
