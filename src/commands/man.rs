//! `copro man`: the manual page (roff), generated from the command line itself so it never
//! drifts from `--help`: every command with its synopsis, options and examples, then the
//! exit codes and the files copro reads and writes.

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::commands::{Exit, Output};

/// The files copro reads and writes, for the FILES section: name, then what it is.
const FILES: [(&str, &str); 5] = [
    (
        "ASSESSMENT.toml",
        "One respondent's answers. Written by copro assess (to --out FILE, or to ORGANISATION-ROLE-DATE.toml in the current directory), saved after every answer; read by score, check, workshop and compare.",
    ),
    (
        "QUESTIONNAIRE.toml",
        "A questionnaire of your own, named by its path (--questionnaire, or the questionnaire key of an assessment, relative to the assessment's directory). The bundled questionnaires are inside the binary; copro questionnaire show ID --format toml prints one to start from.",
    ),
    (
        "copro-policy.toml",
        "The rules of copro check, read from the current directory unless --policy FILE or --no-policy is given.",
    ),
    (
        "--out FILE",
        "A report or an assessment, written whole or not at all: to a temporary file in the same directory, then renamed over FILE. An existing FILE is replaced only with --force (or when it is the assessment being resumed).",
    ),
    (
        "*.schema.json",
        "The JSON Schemas printed by copro schema, for an editor; copro itself never reads them.",
    ),
];

pub fn run() -> anyhow::Result<Output> {
    let mut command = crate::cli::command();
    command.build();
    let man = Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    for sub in leaves(&command) {
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
        let mut heading = Roff::new();
        heading.control("SH", [name.to_uppercase().as_str()]);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            heading.text([roman(about.to_string())]);
        }
        heading.to_writer(&mut page)?;
        let man = Man::new(sub.clone());
        let mut parts = Vec::new();
        man.render_synopsis_section(&mut parts)?;
        man.render_options_section(&mut parts)?;
        // Within a command's section, its synopsis and options are subsections.
        let parts = String::from_utf8(parts)?
            .replace(".SH SYNOPSIS\n", ".SS Synopsis\n")
            .replace(".SH OPTIONS\n", ".SS Options\n");
        page.extend_from_slice(parts.as_bytes());
        if let Some(after) = sub.get_after_long_help().or_else(|| sub.get_after_help()) {
            let mut notes = Roff::new();
            notes.control("SS", ["Notes and examples"]);
            preformatted(&mut notes, &after.to_string());
            notes.to_writer(&mut page)?;
        }
    }
    let mut end = Roff::new();
    if let Some(after) = command.get_after_help() {
        end.control("SH", ["EXAMPLES"]);
        preformatted(&mut end, &after.to_string());
    }
    end.control("SH", ["EXIT STATUS"]);
    for exit in Exit::ALL {
        end.control("TP", []);
        end.text([bold((exit as u8).to_string())]);
        end.text([roman(exit.meaning())]);
    }
    end.control("SH", ["FILES"]);
    for (file, what) in FILES {
        end.control("TP", []);
        end.text([bold(file)]);
        end.text([roman(what)]);
    }
    end.control("SH", ["ENVIRONMENT"]);
    end.control("TP", []);
    end.text([bold("NO_COLOR")]);
    end.text([roman("When set and not empty, copro prints no colour.")]);
    if let Some(version) = command.get_long_version() {
        end.control("SH", ["VERSION"]);
        preformatted(&mut end, &format!("copro {version}"));
    }
    end.to_writer(&mut page)?;
    // Each piece starts with the same definition of the apostrophe; once is enough.
    let page = String::from_utf8(page)?;
    let mut pieces = page.split(APOSTROPHE);
    let first = pieces.next().unwrap_or_default();
    let rest: String = pieces.collect();
    Ok(Output::success(format!("{first}{APOSTROPHE}{rest}")))
}

/// How roff is told to print an apostrophe as one, which every rendered piece begins with.
const APOSTROPHE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The commands that do something, in the order of `--help`: `copro score`, and for a
/// command with commands of its own, each of them (`copro questionnaire list`, …).
fn leaves(command: &clap::Command) -> Vec<&clap::Command> {
    let mut found = Vec::new();
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" || sub.is_hide_set() {
            continue;
        }
        if sub.has_subcommands() {
            found.extend(leaves(sub));
        } else {
            found.push(sub);
        }
    }
    found
}

/// Text laid out as written, line for line: examples must not be run together.
fn preformatted(roff: &mut Roff, text: &str) {
    roff.control("nf", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
}
