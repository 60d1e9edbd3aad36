//! `copro check`: the policy from its file and the flags, the engine ([`copro::check`])
//! run over the paths named, the report written to stdout as results come, and the exit
//! code: 0 when all pass, 1 when any fails, 2 when any is invalid or none was found.

mod broken_pipe;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::CheckArgs;
use crate::commands::{Exit, Output};
use broken_pipe::Gone;
use copro::assessment::Date;
use copro::check::{Check, Placed, Status, Summary};
use copro::policy::{self, Policy};
use copro::report::{CheckPart, Render, Style};

pub fn run(args: &CheckArgs, style: &Style) -> anyhow::Result<Output> {
    let policy = policy(args)?;
    let check = Check::new(&policy, args.today.unwrap_or_else(Date::today))
        .questionnaires_within(&questionnaire_dirs(args, &policy));
    let report = args.format.renderer(style);
    let summary = match &args.save.out {
        Some(path) => {
            super::may_write(path, args.save.force)?;
            let mut text = Vec::new();
            let summary = write_report(args, &check, report.as_ref(), &policy, &mut text)?;
            copro::store::write_atomic(path, &String::from_utf8_lossy(&text))?;
            summary
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = Gone::new(std::io::BufWriter::new(stdout.lock()));
            write_report(args, &check, report.as_ref(), &policy, &mut out)
                .context("cannot write the report")?
        }
    };

    let mut output = Output::success(String::new());
    if let Some(path) = &args.save.out {
        output
            .notes
            .push(format!("the report is saved in {}", path.display()));
    }
    if summary.checked() == 0 {
        output.errors.push(format!(
            "no assessments found in {}: an assessment is a .toml file with a top-level `questionnaire = …` line",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        output.exit = Exit::Invalid;
    } else if summary.invalid > 0 {
        output.exit = Exit::Invalid;
    } else if summary.failed > 0 {
        output.exit = Exit::Failed;
    }
    Ok(output)
}

/// A file's result as the writer needs it, rendered on a worker thread.
struct Rendered {
    status: Status,
    /// The questionnaire's id and the overall placement, for the summary's tally.
    placed: Option<(String, Placed)>,
    /// The report's text for it; `None` for a skipped file.
    text: Option<String>,
}

/// Checks every file and writes the report as results come, in the files' order; returns
/// how many files ended which way.
fn write_report(
    args: &CheckArgs,
    check: &Check,
    report: &(dyn for<'a> Render<CheckPart<'a>> + Sync),
    policy: &Policy,
    out: &mut dyn Write,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    let mut held = Vec::new();
    let mut first = true;
    out.write_all(report.render(&CheckPart::Start { policy }).as_bytes())?;
    // Workers check a file and render its result; the writer counts and writes.
    let render = |c: &_| {
        let result = check.check_one(c);
        let text =
            (result.status != Status::Skipped).then(|| report.render(&CheckPart::File(&result)));
        let placed = result
            .questionnaire
            .as_ref()
            .zip(result.placement.as_ref())
            .map(|(q, p)| (q.id.clone(), p.clone()));
        Rendered {
            status: result.status,
            placed,
            text,
        }
    };
    let find = |found: &mut dyn FnMut(_) -> bool| copro::check::find(&args.paths, found);
    let mut emit = |status: Status,
                    placed: Option<(String, Placed)>,
                    text: Option<String>|
     -> std::io::Result<()> {
        summary.count(status);
        if let Some((questionnaire, placed)) = placed {
            summary.place(&questionnaire, &placed);
        }
        match text {
            Some(text) if report.holds_parts() => held.push(text),
            Some(text) => {
                out.write_all(report.render(&CheckPart::Between { first }).as_bytes())?;
                out.write_all(copro::text::defuse(&text).as_bytes())?;
                first = false;
            }
            None => {}
        }
        Ok(())
    };
    copro::check::in_order(
        find,
        render,
        &mut |Rendered {
                  status,
                  placed,
                  text,
              }| emit(status, placed, text),
    )?;
    // Where the policy does not fit, once, as a result of its own after the files.
    if let Some(result) = check.policy_result() {
        emit(
            result.status,
            None,
            Some(report.render(&CheckPart::File(&result))),
        )?;
    }
    let end = CheckPart::End {
        summary: &summary,
        policy,
        held: &held,
    };
    out.write_all(copro::text::defuse(&report.render(&end)).as_bytes())?;
    out.flush()?;
    Ok(summary)
}

/// Where assessments may find questionnaire files: the paths checked (a file's
/// directory), the current directory, and those allowed by the flags and the policy.
fn questionnaire_dirs(args: &CheckArgs, policy: &Policy) -> Vec<PathBuf> {
    let checked = args.paths.iter().map(|p| {
        if p.is_dir() {
            p.clone()
        } else {
            p.parent().map_or_else(PathBuf::new, Path::to_path_buf)
        }
    });
    checked
        .chain([PathBuf::from(".")])
        .chain(args.allow_questionnaires_in.iter().cloned())
        .chain(policy.allow_questionnaires_in.iter().cloned())
        .map(|p| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p
            }
        })
        .collect()
}

/// The policy: the file (named, or found in the current directory), then the flags.
fn policy(args: &CheckArgs) -> anyhow::Result<Policy> {
    let default = Path::new(policy::DEFAULT_FILE);
    let mut policy = match (&args.policy, args.no_policy) {
        (Some(file), _) => Policy::load(file)?,
        (None, false) if default.is_file() => Policy::load(default)?,
        _ => Policy::default(),
    };
    if let Some(rung) = &args.min_rung {
        policy.set_min_rung(rung);
    }
    for (area, rung) in &args.min_area {
        policy.set_min_area(area, rung);
    }
    if let Some(days) = args.max_age {
        policy.max_age_days = Some(days);
    }
    if args.require_evidence {
        policy.require_evidence = true;
    }
    if let Some(rule) = args.other_version {
        policy.other_version = rule;
    }
    Ok(policy)
}
