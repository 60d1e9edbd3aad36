//! What each command does, from parsed arguments to the text it prints.
//!
//! Commands read the files they are given and return an [`Output`]: the text for stdout,
//! notes and problems for stderr, and the exit code. The binary prints it. Three write as
//! they go: `assess`, whose conversation with the person happens in the terminal (its
//! result is returned like any other), `collect`, which prints how to join before it
//! serves the room, and `check`, which streams its report to stdout as results arrive.

mod assess;
mod check;
mod collect;
mod compare;
mod completions;
mod man;
mod questionnaire;
mod schema;
mod score;
mod workshop;

use std::path::Path;

use anyhow::bail;

use crate::cli::{Cli, Command, SaveArgs};
use copro::report::Style;
use copro::store;

/// copro's exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Everything went well.
    Success = 0,
    /// A check did not pass (below threshold, stale, missing evidence).
    Failed = 1,
    /// Invalid input or usage.
    Invalid = 2,
    /// Stopped by the user (Ctrl-C or Esc), with everything given so far saved.
    Interrupted = 130,
}

impl Exit {
    /// Every exit code, in order.
    pub const ALL: [Exit; 4] = [
        Exit::Success,
        Exit::Failed,
        Exit::Invalid,
        Exit::Interrupted,
    ];

    /// What the code means, for the manual page.
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Success => "Everything went well: every file is valid, every check passed.",
            Exit::Failed => {
                "A check did not pass: an assessment is below the rung required, too old, or lacks evidence."
            }
            Exit::Invalid => {
                "Invalid input or usage: a file copro cannot read or that is not valid, or a wrong flag. The message names the file, the line and column, and the fix."
            }
            Exit::Interrupted => {
                "Stopped with Esc or Ctrl-C during copro assess; every answer given so far is saved."
            }
        }
    }
}

/// What a command produced.
#[derive(Debug)]
pub struct Output {
    /// The result, for stdout.
    pub stdout: String,
    /// Things worth knowing, for stderr (printed as `note: …`).
    pub notes: Vec<String>,
    /// Problems that did not stop the command, for stderr (printed as `error: …`).
    pub errors: Vec<String>,
    /// Lines for stderr printed as they are, after the errors (e.g. how to resume).
    pub messages: Vec<String>,
    /// The exit code.
    pub exit: Exit,
}

impl Output {
    /// A successful result.
    pub fn success(stdout: String) -> Self {
        Output {
            stdout,
            notes: Vec::new(),
            errors: Vec::new(),
            messages: Vec::new(),
            exit: Exit::Success,
        }
    }
}

/// Saves the result to `--out` when one is given, instead of printing it.
pub fn saved(mut output: Output, save: &SaveArgs) -> anyhow::Result<Output> {
    let Some(path) = &save.out else {
        return Ok(output);
    };
    may_write(path, save.force)?;
    store::write_atomic(path, &output.stdout)?;
    output.stdout.clear();
    output
        .notes
        .push(format!("the result is saved in {}", path.display()));
    Ok(output)
}

/// Refuses an `--out` file that is a directory, or that exists without `--force`. `check`
/// asks before it starts, as its work is long; the others after rendering, which is quick.
pub fn may_write(path: &Path, force: bool) -> anyhow::Result<()> {
    store::check_target(path)?;
    if path.exists() && !force {
        bail!(
            "{} already exists: choose another file with --out, or replace it with --force",
            path.display()
        );
    }
    Ok(())
}

/// Runs a parsed command line. An `Err` is invalid input: exit code 2.
pub fn run(cli: Cli, style: &Style) -> anyhow::Result<Output> {
    match cli.command {
        Command::Assess(args) => assess::run(&args, style),
        Command::Collect(args) => collect::run(&args, style),
        Command::Score(args) => score::run(&args, style),
        Command::Check(args) => check::run(&args, style),
        Command::Workshop(args) => workshop::run(&args, style),
        Command::Compare(args) => compare::run(&args, style),
        Command::Questionnaire(command) => questionnaire::run(command, style),
        Command::Completions { shell } => completions::run(shell),
        Command::Man => man::run(),
        Command::Schema { kind } => schema::run(kind),
    }
}
