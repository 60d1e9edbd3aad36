//! `copro workshop FILE…`: combine a room of respondents.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::bail;

use crate::cli::WorkshopArgs;
use crate::commands::Output;
use copro::assessment::{Assessment, Questionnaires};
use copro::questionnaire::Questionnaire;
use copro::report::{Style, WorkshopReport};
use copro::source::Invalid;
use copro::workshop;

pub fn run(args: &WorkshopArgs, style: &Style) -> anyhow::Result<Output> {
    let (loaded, q) = load_all(&args.files)?;
    let (loaded, silent) = respondents(loaded);
    if loaded.is_empty() {
        bail!(
            "none of these files has an answer yet: {}; answer at least one question or statement in each",
            silent
                .iter()
                .map(|(path, _)| path.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let mut organisations: Vec<String> = Vec::new();
    for (_, a) in &loaded {
        if !organisations.contains(&a.organisation) {
            organisations.push(a.organisation.clone());
        }
    }
    if organisations.len() > 1 && !args.allow_mixed {
        bail!(
            "these files assess different organisations: {}; combine one organisation at a time, or pass --allow-mixed",
            loaded
                .iter()
                .map(|(path, a)| format!("{} ({})", path.display(), a.organisation))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let all: Vec<&Assessment> = loaded.iter().map(|(_, a)| a).collect();
    let result = workshop::combine(&q, &all);
    let view = WorkshopReport {
        questionnaire: &q,
        organisations,
        respondents: all.len(),
        assessments: &all,
        workshop: &result,
        show_names: args.show_names,
    };
    let mut output = Output::success(args.format.render(style, &view));
    output.notes.extend(silent.iter().map(|(path, _)| {
        format!(
            "{} has no answer yet, so it is left out of the room",
            path.display()
        )
    }));
    for (_, a) in &loaded {
        output.notes.extend(a.notes.iter().map(ToString::to_string));
    }
    super::saved(output, &args.save)
}

/// Assessments with the files they came from.
pub(crate) type Loaded = Vec<(PathBuf, Assessment)>;

/// The respondents among `loaded`, and the files with no answer at all (begun and left
/// before the first answer): those are no respondents, since every question in them would
/// count on the bottom rung for their role.
pub(crate) fn respondents(loaded: Loaded) -> (Loaded, Loaded) {
    loaded.into_iter().partition(|(_, a)| a.has_answers())
}

/// Loads every file (reporting every invalid one), and checks that they answer one
/// questionnaire.
pub(crate) fn load_all(files: &[PathBuf]) -> anyhow::Result<(Loaded, Arc<Questionnaire>)> {
    let cache = Questionnaires::default();
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    let mut questionnaires: Vec<(PathBuf, Arc<Questionnaire>)> = Vec::new();
    let mut seen = Vec::new();
    for file in files {
        // One respondent's file named twice must not count twice.
        let same = file.canonicalize().unwrap_or_else(|_| file.clone());
        if seen.contains(&same) {
            continue;
        }
        seen.push(same);
        match Assessment::load_with(file, &cache) {
            Ok((a, q)) => {
                questionnaires.push((file.clone(), q));
                loaded.push((file.clone(), a));
            }
            Err(e) => problems.extend(e.into_diagnostics()),
        }
    }
    if !problems.is_empty() {
        return Err(Invalid::many(problems).into());
    }
    let Some((_, first)) = questionnaires.first() else {
        bail!("no assessment files given");
    };
    let first = first.clone();
    // Answers to different versions are not combined: their questions, options and even
    // areas may differ, so a combined placement would mean neither version's.
    if questionnaires.iter().all(|(_, q)| q.id == first.id)
        && questionnaires
            .iter()
            .any(|(_, q)| q.version != first.version)
    {
        let newest = questionnaires
            .iter()
            .find_map(|(_, q)| q.current_version.clone())
            .unwrap_or_else(|| first.version.clone());
        bail!(
            "these files answer different versions of {}: {}; a workshop combines answers to one version, so answer the older ones again on {} (or combine each version on its own)",
            first.id,
            questionnaires
                .iter()
                .map(|(path, q)| format!("{} ({})", path.display(), q.version))
                .collect::<Vec<_>>()
                .join(", "),
            newest
        );
    }
    if questionnaires
        .iter()
        .any(|(_, q)| q.id != first.id || q.fingerprint != first.fingerprint)
    {
        bail!(
            "these files answer different questionnaires: {}; their answers cannot be combined",
            questionnaires
                .iter()
                .map(|(path, q)| format!("{} ({} {})", path.display(), q.id, q.version))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok((loaded, first))
}
