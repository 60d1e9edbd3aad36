//! `copro completions SHELL`: a completion script generated from the command line itself,
//! so it offers exactly the commands, flags and values `--help` lists.

use clap_complete::Shell;

use crate::commands::Output;

pub fn run(shell: Shell) -> anyhow::Result<Output> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut crate::cli::command(), "copro", &mut script);
    Ok(Output::success(String::from_utf8(script)?))
}
