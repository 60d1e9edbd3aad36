//! `copro assess`: the self-audit, in a rich terminal or in plain lines.
//!
//! The flow lives in [`copro::interview`]; this module gathers who is answering, picks the
//! face ([`rich`] or [`plain`]), saves after every change, and turns every way of stopping
//! into the same promise: what was given is saved, and the resume command is printed.

mod plain;
mod rich;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context, bail};

use crate::cli::AssessArgs;
use crate::commands::{Exit, Output};
use copro::assessment::{Assessment, Date};
use copro::interview::{Interview, Outcome, Prompt, Reply};
use copro::questionnaire::Questionnaire;
use copro::report::{ScoreReport, Style};
use copro::{scoring, store, text};

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
    /// Shows text between prompts.
    fn say(&mut self, text: &str) -> Result<(), Stop>;
    /// Asks for a line of text that may not be empty.
    fn text(&mut self, label: &str) -> Result<String, Stop>;
    /// Asks to pick one of `choices`; returns its index.
    fn pick(&mut self, label: &str, choices: &[String]) -> Result<usize, Stop>;
    /// Asks what the interview's prompt asks.
    fn ask(&mut self, prompt: &Prompt, q: &Questionnaire) -> Result<Reply, Stop>;
}

/// What the interrupt handler needs to say how to resume.
struct Saved {
    path: PathBuf,
    given: usize,
    total: usize,
}

static SAVED: Mutex<Option<Saved>> = Mutex::new(None);
static STOPPING: AtomicBool = AtomicBool::new(false);

pub fn run(args: &AssessArgs, style: &Style) -> anyhow::Result<Output> {
    let rich = !args.plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    install_interrupt_handler();
    let mut face: Box<dyn Face> = if rich {
        Box::new(rich::Rich::new(style.color))
    } else {
        Box::new(plain::Plain::stdio())
    };
    let result = interview(args, face.as_mut(), rich);
    drop(face);
    match result {
        Ok((questionnaire, assessment, path)) => {
            let score = scoring::score(&questionnaire, &assessment);
            let view = ScoreReport {
                questionnaire: &questionnaire,
                assessment: &assessment,
                score: &score,
            };
            let mut output = Output::success(args.format.render(style, &view));
            output
                .notes
                .push(format!("the assessment is saved in {}", path.display()));
            Ok(output)
        }
        Err(Stopped::Error(e)) => Err(e),
        Err(Stopped::Early(stop)) => Ok(stopped(stop)),
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

/// Runs the whole conversation; returns the finished assessment and where it is saved.
fn interview(
    args: &AssessArgs,
    face: &mut dyn Face,
    rich: bool,
) -> Result<(Arc<Questionnaire>, Assessment, PathBuf), Stopped> {
    let (q, assessment, path, resumed) = match &args.resume {
        Some(path) => {
            let (assessment, q) = Assessment::load(path)
                .with_context(|| format!("cannot resume {}", path.display()))?;
            (q, assessment, path.clone(), true)
        }
        None => {
            let q = Questionnaire::resolve(&args.questionnaire, None)
                .map(Arc::new)
                .map_err(anyhow::Error::from)?;
            let role = match &args.role {
                Some(id) => Some(role_of(&q, id)?),
                None => None,
            };
            if let Some(out) = &args.out {
                refuse_to_overwrite(out, args.force)?;
            }
            face.say(&opening(&q, rich))?;
            let organisation = given_or_asked(face, args.organisation.as_deref(), "Organisation")?;
            let service =
                given_or_asked(face, args.service.as_deref(), "Service, team or programme")?;
            let role = match role {
                Some(role) => role,
                None => {
                    let names: Vec<String> = q.roles.iter().map(|r| r.name.clone()).collect();
                    face.pick("Your role", &names)?
                }
            };
            let date = args.assessed.unwrap_or_else(Date::today);
            let path = match &args.out {
                Some(out) => out.clone(),
                None => {
                    let path = PathBuf::from(format!("{}-{date}.toml", slug(&organisation)));
                    refuse_to_overwrite(&path, args.force)?;
                    path
                }
            };
            let mut assessment = Assessment::new(&q, &organisation, &service, date, role);
            assessment.questionnaire = reference_from(&path, &args.questionnaire);
            assessment.name = args.name.as_deref().map(text::one_line);
            (q, assessment, path, false)
        }
    };

    let mut interview = Interview::new(&q, assessment);
    save(&path, &q, interview.assessment())?;
    face.say(&saving_to(&path, &interview, resumed))?;
    while !interview.is_done() {
        let reply = face.ask(&interview.prompt(), &q)?;
        match interview.reply(reply) {
            Outcome::Changed => save(&path, &q, interview.assessment())?,
            Outcome::AtStart => {
                face.say("Nothing to go back to: this is where this session started.")?
            }
            Outcome::Moved | Outcome::Refused => {}
        }
    }
    let assessment = interview.into_assessment();
    Ok((q, assessment, path))
}

/// The output when the conversation stopped early. Everything given is already saved.
fn stopped(stop: Stop) -> Output {
    let mut output = Output::success(String::new());
    let resume = resume_line();
    match stop {
        Stop::Interrupted => {
            if STOPPING.swap(true, Ordering::SeqCst) {
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

/// "Saved 14 of 26 answers to FILE. Resume with: copro assess --resume FILE"
fn resume_line() -> String {
    match SAVED.lock().ok().as_deref().and_then(Option::as_ref) {
        Some(saved) => format!(
            "Saved {} of {} answers to {}. Resume with: copro assess --resume {}",
            saved.given,
            saved.total,
            saved.path.display(),
            shell_word(&saved.path.display().to_string())
        ),
        None => "Nothing was saved: no file was created yet.".into(),
    }
}

/// On Ctrl-C, whatever is happening: restore the cursor, say how to resume, exit 130.
/// Answers are saved atomically after each one, so stopping at any instant loses nothing.
fn install_interrupt_handler() {
    // A second installation (only possible in tests) is harmless to skip.
    let _ = ctrlc::set_handler(|| {
        if STOPPING.swap(true, Ordering::SeqCst) {
            return;
        }
        let term = console::Term::stderr();
        if term.is_term() {
            let _ = term.show_cursor();
        }
        let _ = term.write_line("");
        let _ = term.write_line(&resume_line());
        std::process::exit(Exit::Interrupted as i32);
    });
}

fn save(path: &Path, q: &Questionnaire, assessment: &Assessment) -> anyhow::Result<()> {
    let text = assessment
        .to_toml(q)
        .context("cannot turn the answers into TOML")?;
    store::write_atomic(path, &text)?;
    if let Ok(mut saved) = SAVED.lock() {
        *saved = Some(Saved {
            path: path.to_path_buf(),
            given: assessment.given(),
            total: q.questions.len(),
        });
    }
    Ok(())
}

fn refuse_to_overwrite(path: &Path, force: bool) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!(
            "{} is a directory: name the assessment file, e.g. --out {}",
            path.display(),
            shell_word(&path.join("assessment.toml").display().to_string())
        );
    }
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.is_dir()
    {
        bail!(
            "the directory {} does not exist: create it first, or choose another file with --out",
            dir.display()
        );
    }
    if path.exists() && !force {
        bail!(
            "{} already exists: carry on with it using `copro assess --resume {}`, choose another file with --out, or replace it with --force",
            path.display(),
            shell_word(&path.display().to_string())
        );
    }
    Ok(())
}

fn role_of(q: &Questionnaire, id: &str) -> anyhow::Result<usize> {
    match q.role(id) {
        Some(role) => Ok(role),
        None => bail!(
            "`{}` is not a role in {}: use one of {}",
            text::one_line(id),
            q.id,
            text::list(q.roles.iter().map(|r| r.id.as_str()))
        ),
    }
}

fn given_or_asked(face: &mut dyn Face, given: Option<&str>, label: &str) -> Result<String, Stop> {
    match given.map(|g| text::one_line(g).trim().to_string()) {
        Some(g) if !g.is_empty() => Ok(g),
        _ => face.text(label),
    }
}

/// What this is and how long it takes.
fn opening(q: &Questionnaire, rich: bool) -> String {
    let statements = q.statements.len() / 2;
    let minutes = (q.questions.len() * 60 + statements * 20)
        .div_ceil(60)
        .div_ceil(5)
        * 5;
    let keys = if rich {
        "Choose with the arrow keys and Enter. Ctrl-C, or Esc in a menu, stops; your answers are kept."
    } else {
        "Type the number of your answer and press Enter; d = don't know, s = skip for now, b = back, ? = help."
    };
    let mut text = format!("{}\n", q.title);
    if let Some(description) = &q.description {
        text.push_str(&format!("{description}\n"));
    }
    text.push_str(&format!(
        "There are {} questions in {} areas, then some statements to rate. It takes about {minutes} minutes.\n{keys}",
        q.questions.len(),
        q.areas.len(),
    ));
    text
}

fn saving_to(path: &Path, interview: &Interview, resumed: bool) -> String {
    let given = interview.assessment().given();
    let mut text = format!(
        "Every answer is saved the moment you give it, to {}.",
        path.display()
    );
    if resumed {
        text.push_str(&format!(
            " Carrying on: {given} of {} questions already answered.",
            interview.questions()
        ));
    }
    text
}

/// How an assessment saved at `file` names the questionnaire given on the command line: a
/// bundled id as it is, a path relative to the assessment's directory (where `score` and
/// `--resume` look for it).
fn reference_from(file: &Path, questionnaire: &str) -> String {
    if copro::questionnaire::is_bundled(questionnaire) {
        return questionnaire.to_string();
    }
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match (dir.canonicalize(), Path::new(questionnaire).canonicalize()) {
        (Ok(dir), Ok(target)) => relative(&dir, &target).display().to_string(),
        _ => questionnaire.to_string(),
    }
}

/// The path of `target` seen from `dir` (both absolute).
fn relative(dir: &Path, target: &Path) -> PathBuf {
    let dir: Vec<_> = dir.components().collect();
    let target: Vec<_> = target.components().collect();
    let common = dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..dir.len() {
        path.push("..");
    }
    for part in &target[common..] {
        path.push(part);
    }
    path
}

/// A file name made from free text: lowercase letters, digits and single hyphens.
fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    if slug.is_empty() {
        "assessment".into()
    } else {
        slug
    }
}

/// A path as one shell word, quoted only when it needs to be.
fn shell_word(path: &str) -> String {
    if path
        .chars()
        .all(|c| c.is_alphanumeric() || "-_./+:@".contains(c))
    {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_make_plain_file_names() {
        assert_eq!(slug("Riverside Home Care"), "riverside-home-care");
        assert_eq!(slug("  St. Mary's — Day Centre! "), "st-mary-s-day-centre");
        assert_eq!(slug("???"), "assessment");
    }

    #[test]
    fn relative_paths_climb_out_of_the_directory() {
        assert_eq!(
            relative(Path::new("/a/b"), Path::new("/a/b/q.toml")),
            Path::new("q.toml")
        );
        assert_eq!(
            relative(Path::new("/a/b"), Path::new("/a/c/q.toml")),
            Path::new("../c/q.toml")
        );
    }

    #[test]
    fn shell_words_quote_only_when_needed() {
        assert_eq!(shell_word("a-2026.toml"), "a-2026.toml");
        assert_eq!(shell_word("my file's.toml"), r"'my file'\''s.toml'");
    }
}
