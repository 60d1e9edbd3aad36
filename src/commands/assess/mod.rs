//! `copro assess`: the self-audit, in a rich terminal or in plain lines.
//!
//! The flow and the file live in [`copro::interview`]; this module picks the face
//! ([`rich`] or [`plain`]), asks through it for whatever the command line did not give,
//! passes replies to the session, and turns every way of stopping into the same promise:
//! what was given is saved, and the resume command is printed. It decides nothing about
//! what is asked next and writes no file itself.

mod plain;
mod rich;

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::cli::AssessArgs;
use crate::commands::{Exit, Output};
use copro::assessment::{Answer, Date};
use copro::interview::session::{LastSave, Respondent, Session, Setup};
use copro::interview::{Outcome, Prompt, Reply, words};
use copro::questionnaire::{Question, Rating, Statement};
use copro::report::Style;
use copro::text;

/// Why the conversation stopped before the end.
#[derive(Debug)]
pub enum Stop {
    /// Ctrl-C or Esc.
    Interrupted,
    /// Standard input ended.
    EndOfInput {
        /// The number of lines read.
        line: usize,
    },
    /// A line of piped input that does not answer the prompt.
    Invalid(String),
    /// The terminal failed.
    Failed(anyhow::Error),
}

/// A face of the self-audit: how prompts are shown and replies read.
pub trait Face {
    /// How to answer in this face, for the opening.
    fn keys(&self) -> String;
    /// Shows text between prompts.
    fn say(&mut self, text: &str) -> Result<(), Stop>;
    /// Asks for a line of text that may not be empty.
    fn text(&mut self, label: &str) -> Result<String, Stop>;
    /// Asks to pick one of `choices`; returns its index.
    fn pick(&mut self, label: &str, choices: &[String]) -> Result<usize, Stop>;
    /// Asks a placement question, showing where the person is and the answer given before.
    fn ask_question(
        &mut self,
        progress: &str,
        question: &Question,
        current: Answer,
    ) -> Result<Reply, Stop>;
    /// Asks for the optional evidence note, showing the one given before.
    fn ask_evidence(&mut self, current: Option<&str>) -> Result<Reply, Stop>;
    /// Asks for a statement's rating on `scale`.
    fn ask_statement(
        &mut self,
        progress: &str,
        statement: &Statement,
        scale: &[Rating],
        current: Option<usize>,
    ) -> Result<Reply, Stop>;
    /// Offers to go through the questions still without an answer, or to finish.
    fn ask_review(&mut self, pending: &[&Question]) -> Result<Reply, Stop>;

    /// Asks what the interview's prompt asks.
    fn ask(&mut self, prompt: &Prompt) -> Result<Reply, Stop> {
        match prompt {
            Prompt::Question {
                question, current, ..
            } => self.ask_question(&prompt.progress(), question, *current),
            Prompt::Evidence { current, .. } => self.ask_evidence(*current),
            Prompt::Statement {
                statement,
                scale,
                current,
                ..
            } => self.ask_statement(&prompt.progress(), statement, scale, *current),
            Prompt::Review { pending } => self.ask_review(pending),
            Prompt::Done => Ok(Reply::Finish),
        }
    }
}

/// What the interrupt handler shares with the conversation: the last save, to say how to
/// resume, and whether one of them is already stopping.
#[derive(Default)]
struct Stopping {
    last: LastSave,
    started: AtomicBool,
}

impl Stopping {
    /// True for the first caller only: the one to say how to resume.
    fn first(&self) -> bool {
        !self.started.swap(true, Ordering::SeqCst)
    }
}

pub fn run(args: &AssessArgs, style: &Style) -> anyhow::Result<Output> {
    let rich = !args.plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let stopping = Arc::new(Stopping::default());
    install_interrupt_handler(&stopping);
    let mut face: Box<dyn Face> = if rich {
        Box::new(rich::Rich::new(style.color))
    } else {
        Box::new(plain::Plain::stdio())
    };
    let result = interview(args, face.as_mut(), &stopping.last);
    drop(face);
    match result {
        Ok(session) => {
            let (questionnaire, assessment, path) = session.finish();
            let result = super::score::result(&questionnaire, &assessment, args.format, style);
            let mut output = Output::success(result);
            output
                .notes
                .push(format!("the assessment is saved in {}", path.display()));
            Ok(output)
        }
        Err(Stopped::Error(e)) => Err(e),
        Err(Stopped::Early(stop)) => Ok(stopped(stop, &stopping)),
    }
}

enum Stopped {
    Early(Stop),
    Error(anyhow::Error),
}

impl From<anyhow::Error> for Stopped {
    fn from(e: anyhow::Error) -> Self {
        Stopped::Error(e)
    }
}

impl From<Stop> for Stopped {
    fn from(stop: Stop) -> Self {
        match stop {
            Stop::Failed(e) => Stopped::Error(e),
            other => Stopped::Early(other),
        }
    }
}

/// Runs the whole conversation; returns the finished session.
fn interview(args: &AssessArgs, face: &mut dyn Face, last: &LastSave) -> Result<Session, Stopped> {
    let mut session = match &args.resume {
        Some(path) => Session::resume(path, last)?,
        None => {
            let setup = Setup::new(
                &args.questionnaire,
                args.role.as_deref(),
                args.out.clone(),
                args.force,
            )?;
            let respondent = ask_respondent(args, &setup, face)?;
            Session::start(setup, respondent, last)?
        }
    };
    face.say(&session.saving_to())?;
    while !session.is_done() {
        let reply = face.ask(&session.prompt())?;
        if session.reply(reply)? == Outcome::AtStart {
            face.say(words::AT_START)?;
        }
    }
    Ok(session)
}

/// Says what this is, then asks for whatever the command line did not give.
fn ask_respondent(
    args: &AssessArgs,
    setup: &Setup,
    face: &mut dyn Face,
) -> Result<Respondent, Stop> {
    let q = setup.questionnaire();
    face.say(&words::opening(q, &face.keys()))?;
    let organisation = given_or_asked(face, args.organisation.as_deref(), words::ORGANISATION)?;
    let service = given_or_asked(face, args.service.as_deref(), words::SERVICE)?;
    let role = match setup.role() {
        Some(role) => role,
        None => {
            let names: Vec<String> = q.roles.iter().map(|r| r.name.clone()).collect();
            face.pick(words::ROLE, &names)?
        }
    };
    Ok(Respondent {
        organisation,
        service,
        role,
        name: args.name.clone(),
        assessed: args.assessed.unwrap_or_else(Date::today),
    })
}

/// The output when the conversation stopped early. Everything given is already saved.
fn stopped(stop: Stop, stopping: &Stopping) -> Output {
    let mut output = Output::success(String::new());
    let resume = words::resume(stopping.last.get().as_ref());
    match stop {
        Stop::Interrupted => {
            if !stopping.first() {
                // The interrupt handler is already saying this and exiting.
                loop {
                    std::thread::park();
                }
            }
            output.exit = Exit::Interrupted;
        }
        Stop::EndOfInput { line } => {
            output.errors.push(format!(
                "input ended after line {line}, before the self-audit was finished"
            ));
            output.exit = Exit::Invalid;
        }
        Stop::Invalid(message) => {
            output.errors.push(message);
            output.exit = Exit::Invalid;
        }
        Stop::Failed(e) => {
            output.errors.push(format!("{e:#}"));
            output.exit = Exit::Invalid;
        }
    }
    output.messages.push(resume);
    output
}

/// On Ctrl-C, whatever is happening: restore the cursor, say how to resume, exit 130.
/// Answers are saved atomically after each one, so stopping at any instant loses nothing.
fn install_interrupt_handler(stopping: &Arc<Stopping>) {
    let stopping = Arc::clone(stopping);
    // The process runs one self-audit, so this is its only installation; a second one
    // (only possible in tests) is harmless to skip.
    let _ = ctrlc::set_handler(move || {
        if !stopping.first() {
            return;
        }
        let term = console::Term::stderr();
        if term.is_term() {
            let _ = term.show_cursor();
        }
        let _ = term.write_line("");
        let _ = term.write_line(&words::resume(stopping.last.get().as_ref()));
        std::process::exit(Exit::Interrupted as i32);
    });
}

fn given_or_asked(face: &mut dyn Face, given: Option<&str>, label: &str) -> Result<String, Stop> {
    match given.map(|g| text::one_line(g).trim().to_string()) {
        Some(g) if !g.is_empty() => Ok(g),
        _ => face.text(label),
    }
}
