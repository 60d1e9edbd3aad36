//! `copro assess`: the self-audit, in a rich terminal or in plain lines.
//!
//! The flow and the file live in [`copro::interview`]; this module picks the face
//! ([`rich`] or [`plain`]), asks through it for whatever the command line did not give,
//! passes replies to the session, and turns every way of stopping into the same promise:
//! what was given is saved, and a resume command is printed that runs when pasted (it
//! names this very copro when `copro` on the PATH is another one or none) and keeps the
//! face and the options that shape the session. It decides nothing about what is asked
//! next and writes no file itself. A file that exists already is never thrown away: in a
//! terminal the person may carry on with it; piped answers go to a free name instead.

mod plain;
mod rich;

use std::io::IsTerminal;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::ValueEnum;

use crate::cli::{AssessArgs, ScoreFormat};
use crate::commands::{Exit, Output};
use copro::assessment::{Answer, Date};
use copro::interview::session::{LastSave, Respondent, Session, Setup, Taken, free_name};
use copro::interview::{Outcome, Pending, Prompt, Reply, words};
use copro::questionnaire::{Question, Rating, Statement};
use copro::report::Style;
use copro::text;

/// A question's wording for the respondent, as the interview chose it.
#[derive(Debug, Clone, Copy)]
pub struct Wording<'a> {
    /// What is asked.
    pub prompt: &'a str,
    /// The explanation on request, if there is one.
    pub help: Option<&'a str>,
}

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
    /// A person answers (not a script): something unexpected may be asked about.
    fn interactive(&self) -> bool;
    /// How to answer in this face, for the opening.
    fn keys(&self) -> String;
    /// Shows text between prompts.
    fn say(&mut self, text: &str) -> Result<(), Stop>;
    /// Asks for a line of text that may not be empty.
    fn text(&mut self, label: &str) -> Result<String, Stop>;
    /// Asks to pick one of `choices`; returns its index.
    fn pick(&mut self, label: &str, choices: &[String]) -> Result<usize, Stop>;
    /// Asks a placement question, showing where the person is and the answer given before.
    /// `wording` is the question's prompt and help in this respondent's words, as the
    /// interview chose them.
    fn ask_question(
        &mut self,
        progress: &str,
        question: &Question,
        wording: Wording,
        current: Answer,
    ) -> Result<Reply, Stop>;
    /// Asks for the optional evidence note for `question`, showing the one given before.
    /// `returned` is the question's wording when the person came back to this note from a
    /// later step (Back): the face names the question, since the last one it showed is
    /// another.
    fn ask_evidence(
        &mut self,
        question: &Question,
        returned: Option<&str>,
        current: Option<&str>,
    ) -> Result<Reply, Stop>;
    /// The id of the question this face showed last: kept by the face, set by [`Face::ask`].
    fn last_question(&mut self) -> &mut Option<String>;
    /// Asks for a statement's rating on `scale`, after `intro` before the first one.
    fn ask_statement(
        &mut self,
        progress: &str,
        statement: &Statement,
        scale: &[Rating],
        current: Option<usize>,
        intro: Option<&str>,
    ) -> Result<Reply, Stop>;
    /// Offers to go through the questions and statements still without an answer, or to
    /// finish.
    fn ask_review(&mut self, pending: &[Pending], statements: &[&Statement])
    -> Result<Reply, Stop>;

    /// Asks what the interview's prompt asks.
    fn ask(&mut self, prompt: &Prompt) -> Result<Reply, Stop> {
        match prompt {
            Prompt::Question {
                question,
                prompt: asked,
                help,
                current,
                ..
            } => {
                *self.last_question() = Some(question.id.clone());
                self.ask_question(
                    &prompt.progress(),
                    question,
                    Wording {
                        prompt: asked,
                        help: *help,
                    },
                    *current,
                )
            }
            Prompt::Evidence {
                question,
                prompt: asked,
                current,
            } => {
                let last = self.last_question().replace(question.id.clone());
                let returned = (last.as_deref() != Some(question.id.as_str())).then_some(*asked);
                self.ask_evidence(question, returned, *current)
            }
            Prompt::Statement {
                statement,
                scale,
                current,
                intro,
                ..
            } => self.ask_statement(
                &prompt.progress(),
                statement,
                scale,
                *current,
                intro.as_deref(),
            ),
            Prompt::Review {
                pending,
                statements,
            } => self.ask_review(pending, statements),
            Prompt::Done => Ok(Reply::Finish),
        }
    }
}

/// What the interrupt handler shares with the conversation: the last save and the command
/// to resume, to say how to carry on, and whether one of them is already stopping.
struct Stopping {
    last: LastSave,
    resume: ResumeCommand,
    /// The face is the rich one, whose menus hide the cursor.
    rich: bool,
    started: AtomicBool,
}

impl Stopping {
    /// True for the first caller only: the one to say how to resume.
    fn first(&self) -> bool {
        !self.started.swap(true, Ordering::SeqCst)
    }

    /// How much was saved, and the command to carry on. In a terminal, the words are
    /// wrapped between words to its width; the command stays on one line, to paste.
    fn how_to_resume(&self) -> String {
        let text = words::resume(self.last.get().as_ref(), |path| self.resume.command(path));
        let term = console::Term::stderr();
        if !term.is_term() {
            return text;
        }
        let width = usize::from(term.size().1).max(20);
        let (said, command) = text.split_once("\nResume with: ").unwrap_or((&text, ""));
        let mut wrapped = copro::wrap::wrap(said, width, "");
        if !command.is_empty() {
            wrapped.push_str(&format!("\nResume with: {command}"));
        }
        wrapped
    }
}

/// The command that carries on with a file, as one to paste into a shell.
struct ResumeCommand {
    /// The program: `copro` when that is this program, else this program's path.
    program: String,
    /// The options to keep, each with a leading space.
    options: String,
}

impl ResumeCommand {
    fn new(args: &AssessArgs, plain: bool) -> Self {
        let mut options = String::new();
        if plain {
            options.push_str(" --plain");
        }
        if args.no_evidence_prompts {
            options.push_str(" --no-evidence-prompts");
        }
        if args.format != ScoreFormat::Table {
            if let Some(value) = args.format.to_possible_value() {
                options.push_str(&format!(" --format {}", value.get_name()));
            }
        }
        ResumeCommand {
            program: program(),
            options,
        }
    }

    fn command(&self, path: &Path) -> String {
        format!(
            "{} assess --resume {}{}",
            self.program,
            words::shell_word(&path.display().to_string()),
            self.options
        )
    }
}

/// How to run this copro from a shell: `copro` when the PATH finds this very program, else
/// its full path (e.g. `target/release/copro` after `cargo run`).
fn program() -> String {
    let Ok(this) = std::env::current_exe().and_then(|p| p.canonicalize()) else {
        return "copro".into();
    };
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("copro"))
            .find(|p| p.is_file())
    });
    match on_path.and_then(|p| p.canonicalize().ok()) {
        Some(found) if found == this => "copro".into(),
        _ => words::shell_word(&this.display().to_string()),
    }
}

pub fn run(args: &AssessArgs, style: &Style) -> anyhow::Result<Output> {
    let rich = !args.plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let stopping = Arc::new(Stopping {
        last: LastSave::default(),
        resume: ResumeCommand::new(args, !rich),
        rich,
        started: AtomicBool::new(false),
    });
    install_interrupt_handler(&stopping);
    let mut face: Box<dyn Face> = if rich {
        Box::new(rich::Rich::new(style.color))
    } else {
        Box::new(plain::Plain::stdio())
    };
    let result = interview(args, face.as_mut(), &stopping);
    drop(face);
    // In plain mode the result is plain too: no colour, no box drawing, one row a line.
    let style = if rich {
        *style
    } else {
        Style {
            color: false,
            plain: true,
            ..*style
        }
    };
    match result {
        Ok(session) => {
            let (questionnaire, assessment, path) = session.finish();
            let result = super::score::result(&questionnaire, &assessment, args.format, &style);
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
fn interview(
    args: &AssessArgs,
    face: &mut dyn Face,
    stopping: &Stopping,
) -> Result<Session, Stopped> {
    let last = &stopping.last;
    let session = match &args.resume {
        Some(path) => Session::resume(path, last)?,
        None => start(args, face, stopping)?,
    };
    let mut session = if args.no_evidence_prompts {
        session.without_evidence_prompts()
    } else {
        session
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

/// A new session, or the one in a file that exists already if the person chooses to carry
/// on with it. Nothing the person typed is thrown away: an existing default file leads to a
/// free name instead, and an existing `--out` file is offered before anything is asked.
fn start(args: &AssessArgs, face: &mut dyn Face, stopping: &Stopping) -> Result<Session, Stopped> {
    let last = &stopping.last;
    if let Some(out) = args
        .out
        .as_deref()
        .filter(|out| out.is_file() && !args.force)
    {
        if face.interactive() {
            let choices = [words::carry_on_with(out), words::STOP.to_string()];
            if face.pick(&words::already_exists(out), &choices)? == 0 {
                return Ok(Session::resume(out, last)?);
            }
        }
        return Err(Stopped::Error(anyhow::anyhow!(
            "{} already exists: carry on with it using `{}`, choose another file with --out, or replace it with --force",
            out.display(),
            stopping.resume.command(out)
        )));
    }
    let advised = |e| advice(e, &stopping.resume);
    let setup = Setup::new(
        &args.questionnaire,
        args.role.as_deref(),
        args.out.clone(),
        args.force,
    )
    .map_err(advised)?;
    let respondent = ask_respondent(args, &setup, face)?;
    let path = setup.file_for(&respondent);
    if setup.out().is_some() || args.force || !path.exists() {
        return Ok(Session::start(setup, respondent, last).map_err(advised)?);
    }
    let free = free_name(&path);
    if face.interactive() {
        let choices = [words::carry_on_with(&path), words::new_file(&free)];
        if face.pick(&words::already_exists(&path), &choices)? == 0 {
            return Ok(Session::resume(&path, last)?);
        }
    } else {
        face.say(&words::saving_instead(&path, &free))?;
    }
    Ok(Session::start(setup.save_to(free), respondent, last).map_err(advised)?)
}

/// A file the session will not save to, with what to do instead on this command line.
fn advice(error: anyhow::Error, resume: &ResumeCommand) -> anyhow::Error {
    match error.downcast_ref::<Taken>() {
        Some(Taken::Directory(path)) => anyhow::anyhow!(
            "{} is a directory: name the assessment file, e.g. --out {}",
            path.display(),
            words::shell_word(&path.join("assessment.toml").display().to_string())
        ),
        Some(Taken::Exists(path)) => anyhow::anyhow!(
            "{} already exists: carry on with it using `{}`, choose another file with --out, or replace it with --force",
            path.display(),
            resume.command(path)
        ),
        None => error,
    }
}

/// Says what this is and where the answers will go, then asks for whatever the command
/// line did not give.
fn ask_respondent(
    args: &AssessArgs,
    setup: &Setup,
    face: &mut dyn Face,
) -> Result<Respondent, Stop> {
    let q = setup.questionnaire();
    face.say(&words::opening(q, &face.keys()))?;
    face.say(&words::will_save(setup.out()))?;
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
    let resume = stopping.how_to_resume();
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

/// On Ctrl-C, whatever is happening: restore the cursor (in the rich face only: plain mode
/// writes no escape sequence), say how to resume, exit 130. Answers are saved atomically
/// after each one, so stopping at any instant loses nothing.
fn install_interrupt_handler(stopping: &Arc<Stopping>) {
    let stopping = Arc::clone(stopping);
    // The process runs one self-audit, so this is its only installation; a second one
    // (only possible in tests) is harmless to skip.
    let _ = ctrlc::set_handler(move || {
        if !stopping.first() {
            return;
        }
        let term = console::Term::stderr();
        if stopping.rich && term.is_term() {
            let _ = term.show_cursor();
        }
        let _ = term.write_line("");
        let _ = term.write_line(&text::clean(&stopping.how_to_resume()));
        std::process::exit(Exit::Interrupted as i32);
    });
}

fn given_or_asked(face: &mut dyn Face, given: Option<&str>, label: &str) -> Result<String, Stop> {
    match given.map(|g| text::one_line(g).trim().to_string()) {
        Some(g) if !g.is_empty() => Ok(g),
        _ => face.text(label),
    }
}
