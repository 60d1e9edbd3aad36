//! `copro questionnaire list | show | validate`.

use anyhow::bail;

use crate::cli::{HandoutFor, QuestionnaireCommand, ShowFormat};
use crate::commands::{Exit, Output};
use copro::questionnaire::{BUNDLED, BUNDLED_EARLIER, Questionnaire, bundled, bundled_version};
use copro::report::html::Html;
use copro::report::json::Json;
use copro::report::markdown::Markdown;
use copro::report::{Handout, HandoutKind, Render, Style};
use copro::text;

pub fn run(command: QuestionnaireCommand, style: &Style) -> anyhow::Result<Output> {
    match command {
        QuestionnaireCommand::List { format, save } => {
            let mut all = Vec::new();
            for (id, _) in BUNDLED {
                if let Some(q) = bundled(id) {
                    all.push(q?);
                }
            }
            // Earlier versions, kept for the assessments made on them, after those in use.
            for (id, version, _) in BUNDLED_EARLIER {
                if let Some(q) = bundled_version(id, version) {
                    let q = q?;
                    if q.current_version.is_some() {
                        all.push(q);
                    }
                }
            }
            super::saved(Output::success(format.render(style, &all)), &save)
        }
        QuestionnaireCommand::Show {
            questionnaire,
            format,
            handout,
            role,
            save,
        } => {
            let q = Questionnaire::resolve(&questionnaire, None)?;
            let role = match role.as_deref().map(|id| (id, q.role(id))) {
                None => None,
                Some((_, Some(role))) => Some(role),
                Some((id, None)) => bail!(
                    "`{}` is not a role in {}: use one of {}",
                    text::one_line(id),
                    q.id,
                    text::list(q.roles.iter().map(|r| r.id.as_str()))
                ),
            };
            if role.is_some() && handout == Some(HandoutFor::Facilitator) {
                bail!(
                    "--role is for a participant handout (the facilitator's shows every wording): use --handout participant --role ROLE"
                );
            }
            let kind = match handout {
                Some(HandoutFor::Participant) => HandoutKind::Participant,
                Some(HandoutFor::Facilitator) | None => HandoutKind::Facilitator,
            };
            let document = Handout {
                questionnaire: &q,
                kind,
                role,
            };
            let text = match format {
                _ if handout.is_some() && matches!(format, ShowFormat::Toml | ShowFormat::Json) => {
                    bail!(
                        "a handout is Markdown or HTML, to print: use --format markdown or --format html"
                    )
                }
                ShowFormat::Html => Html.render(&document),
                ShowFormat::Markdown if handout.is_some() => Markdown.render(&document),
                ShowFormat::Toml => {
                    let mut source = text::clean(&q.file.text);
                    if !source.ends_with('\n') {
                        source.push('\n');
                    }
                    source
                }
                ShowFormat::Json => Json.render(&q),
                ShowFormat::Markdown => Markdown.render(&q),
            };
            super::saved(Output::success(text), &save)
        }
        QuestionnaireCommand::Validate { files } => {
            let mut output = Output::success(String::new());
            for file in files {
                match Questionnaire::load(&file) {
                    Ok(q) => output.stdout.push_str(&format!(
                        "ok: {}: {} {}, {} rungs, {} areas, {} questions, {} statements\n",
                        file.display(),
                        q.id,
                        q.version,
                        q.rungs.len(),
                        q.areas.len(),
                        q.questions.len(),
                        q.statements.len()
                    )),
                    Err(invalid) => {
                        output.errors.push(invalid.to_string());
                        output.exit = Exit::Invalid;
                    }
                }
            }
            Ok(output)
        }
    }
}
