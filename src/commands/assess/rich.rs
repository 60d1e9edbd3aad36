//! The rich face: menus in a terminal, with dialoguer.
//!
//! Prompts go to stderr, so that stdout carries only the result. Esc and Ctrl-C stop the
//! conversation: Esc comes back from dialoguer as "no choice", Ctrl-C as an interrupted
//! read once the interrupt handler is installed (see [`super::install_interrupt_handler`]).
//! Either way the cursor, which dialoguer hides while a menu is shown, is shown again.

use console::{Style, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, Select};

use super::{Face, Stop};
use copro::assessment::Answer;
use copro::interview::{Prompt, Reply};
use copro::questionnaire::Questionnaire;
use copro::text;

/// Menus in a terminal.
pub struct Rich {
    term: Term,
    theme: Box<dyn Theme>,
    heading: Style,
}

impl Rich {
    /// A rich face on stderr, with colour or without.
    pub fn new(color: bool) -> Self {
        let (theme, heading): (Box<dyn Theme>, Style) = if color {
            (
                Box::new(ColorfulTheme::default()),
                Style::new().bold().cyan(),
            )
        } else {
            (Box::new(SimpleTheme), Style::new())
        };
        Rich {
            term: Term::stderr(),
            theme,
            heading,
        }
    }

    /// A menu; `None` when the person pressed Esc.
    fn menu(&self, prompt: &str, items: &[String], default: usize) -> Result<usize, Stop> {
        let choice = Select::with_theme(self.theme.as_ref())
            .with_prompt(text::clean(prompt))
            .items(items)
            .default(default)
            .interact_on_opt(&self.term);
        match choice {
            Ok(Some(n)) => Ok(n),
            Ok(None) => Err(Stop::Interrupted),
            Err(e) => Err(stop(e)),
        }
    }

    fn line(&self, text: &str) -> Result<(), Stop> {
        self.term
            .write_line(&text::clean(text))
            .map_err(|e| Stop::Failed(e.into()))
    }
}

impl Drop for Rich {
    fn drop(&mut self) {
        let _ = self.term.show_cursor();
    }
}

/// A dialoguer error as a reason to stop: Ctrl-C is an interruption, anything else a
/// terminal failure.
fn stop(error: dialoguer::Error) -> Stop {
    let dialoguer::Error::IO(io) = error;
    if io.kind() == std::io::ErrorKind::Interrupted {
        Stop::Interrupted
    } else {
        Stop::Failed(io.into())
    }
}

impl Face for Rich {
    fn say(&mut self, text: &str) -> Result<(), Stop> {
        self.line(&format!("{text}\n"))
    }

    fn text(&mut self, label: &str) -> Result<String, Stop> {
        let value: String = Input::with_theme(self.theme.as_ref())
            .with_prompt(label)
            .validate_with(|v: &String| {
                if v.trim().is_empty() {
                    Err("please type something")
                } else {
                    Ok(())
                }
            })
            .interact_text_on(&self.term)
            .map_err(stop)?;
        Ok(text::one_line(&value).trim().to_string())
    }

    fn pick(&mut self, label: &str, choices: &[String]) -> Result<usize, Stop> {
        self.menu(label, choices, 0)
    }

    fn ask(&mut self, prompt: &Prompt, q: &Questionnaire) -> Result<Reply, Stop> {
        match prompt {
            Prompt::Question {
                question, current, ..
            } => {
                self.line(&self.heading.apply_to(prompt.progress()).to_string())?;
                let n = question.options.len();
                let mut items: Vec<String> =
                    question.options.iter().map(|o| o.text.clone()).collect();
                items.extend(["Don't know".into(), "Skip for now".into(), "Back".into()]);
                if question.help.is_some() {
                    items.push("What does this question mean?".into());
                }
                let default = match current {
                    Answer::Chosen(o) => *o,
                    Answer::DontKnow => n,
                    Answer::Skipped | Answer::Unanswered => 0,
                };
                loop {
                    let choice = self.menu(&question.prompt, &items, default)?;
                    if choice < n {
                        return Ok(Reply::Choose(choice));
                    }
                    return Ok(match choice - n {
                        0 => Reply::DontKnow,
                        1 => Reply::Skip,
                        2 => Reply::Back,
                        _ => {
                            if let Some(help) = &question.help {
                                self.line(&format!("  {help}"))?;
                            }
                            continue;
                        }
                    });
                }
            }
            Prompt::Evidence { current, .. } => {
                let note: String = Input::with_theme(self.theme.as_ref())
                    .with_prompt(
                        "Evidence (optional): what would show this to someone from outside?",
                    )
                    .with_initial_text(current.unwrap_or_default())
                    .allow_empty(true)
                    .interact_text_on(&self.term)
                    .map_err(stop)?;
                Ok(Reply::Evidence(Some(note)))
            }
            Prompt::Statement {
                statement, current, ..
            } => {
                self.line(&self.heading.apply_to(prompt.progress()).to_string())?;
                let n = q.ratings.len();
                let mut items: Vec<String> = q.ratings.iter().map(|r| r.name.clone()).collect();
                items.extend(["Skip".into(), "Back".into()]);
                let choice = self.menu(
                    &format!("How true is this now? “{}”", statement.text),
                    &items,
                    current.unwrap_or(0),
                )?;
                Ok(match choice {
                    c if c < n => Reply::Choose(c),
                    c if c == n => Reply::Skip,
                    _ => Reply::Back,
                })
            }
            Prompt::Review { pending } => {
                self.line(&format!(
                    "{} {} still without an answer:",
                    pending.len(),
                    if pending.len() == 1 {
                        "question is"
                    } else {
                        "questions are"
                    }
                ))?;
                for &qi in pending {
                    self.line(&format!("  - {}", q.questions[qi].prompt))?;
                }
                let items = vec![
                    "Go through them again".to_string(),
                    "Finish now".to_string(),
                    "Back".to_string(),
                ];
                Ok(match self.menu("What next?", &items, 0)? {
                    0 => Reply::Revisit,
                    1 => Reply::Finish,
                    _ => Reply::Back,
                })
            }
            Prompt::Done => Ok(Reply::Finish),
        }
    }
}
