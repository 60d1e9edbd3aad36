//! `copro schema KIND`: the JSON Schema of a kind of file, generated from the types that
//! read it ([`copro::schema`]).

use crate::cli::SchemaKind;
use crate::commands::Output;

pub fn run(kind: SchemaKind) -> anyhow::Result<Output> {
    let schema = match kind {
        SchemaKind::Questionnaire => copro::schema::questionnaire(),
        SchemaKind::Assessment => copro::schema::assessment(),
        SchemaKind::Policy => copro::schema::policy(),
    };
    Ok(Output::success(schema))
}
