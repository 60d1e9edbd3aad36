//! The `copro` binary: parse the arguments, run the command, print, exit with a code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

mod cli;
mod commands;

use commands::{Exit, Output};
use copro::report::Style;
use mimalloc::MiMalloc;

/// `copro check` reads thousands of small files, each parsed into many small strings;
/// mimalloc makes those allocations markedly cheaper than the system allocator.
#[global_allocator]
static ALLOCATOR: MiMalloc = MiMalloc;

fn main() -> ExitCode {
    let cli = match cli::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors; clap knows which is which.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                Exit::Invalid as u8
            } else {
                0
            });
        }
    };
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let style = Style {
        color: terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        terminal,
        plain: false,
    };
    match commands::run(cli, &style) {
        Ok(output) => finish(output),
        Err(error) => {
            report_error(&format!("{error:#}"));
            ExitCode::from(Exit::Invalid as u8)
        }
    }
}

fn finish(output: Output) -> ExitCode {
    for note in &output.notes {
        report_line(&format!("note: {}", copro::text::line(note)));
    }
    for problem in &output.errors {
        report_error(problem);
    }
    for message in &output.messages {
        report_line(message);
    }
    let mut stdout = std::io::stdout().lock();
    // Data can say `##[` anywhere; a CI log must never read it as a command.
    match stdout
        .write_all(copro::text::defuse(&output.stdout).as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`copro … | head`) is not an error worth a message.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            report_error(&format!("cannot write the result: {e}"));
            ExitCode::from(Exit::Invalid as u8)
        }
        _ => ExitCode::from(output.exit as u8),
    }
}

fn report_error(message: &str) {
    report_line(&format!("error: {message}"));
}

#[allow(clippy::print_stderr)]
fn report_line(line: &str) {
    eprintln!("{}", copro::text::defuse(&copro::text::clean(line)));
}
