//! The rich face: menus in a terminal, with dialoguer.
//!
//! Prompts go to stderr, so that stdout carries only the result. Esc and Ctrl-C stop the
//! conversation: Esc comes back from dialoguer as "no choice", Ctrl-C as an interrupted
//! read once the interrupt handler is installed (see [`super::install_interrupt_handler`]).
//! Either way the cursor, which dialoguer hides while a menu is shown, is shown again.
//! It only turns a prompt into menus (the shared wording comes from
//! [`copro::interview::words`]) and a choice into a reply; what comes next is the session's.

use console::{Style, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, Select};

use super::{Face, Stop};
use copro::assessment::Answer;
use copro::interview::{Reply, words};
use copro::questionnaire::{Question, Rating, Statement};
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

    /// Where the person is, styled as a heading.
    fn heading(&self, progress: &str) -> Result<(), Stop> {
        self.line(&self.heading.apply_to(progress).to_string())
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
    fn keys(&self) -> String {
        "Choose with the arrow keys and Enter. Ctrl-C, or Esc in a menu, stops; your answers are kept."
            .into()
    }

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

    fn ask_question(
        &mut self,
        progress: &str,
        question: &Question,
        current: Answer,
    ) -> Result<Reply, Stop> {
        self.heading(progress)?;
        let n = question.options.len();
        let mut items: Vec<String> = question.options.iter().map(|o| o.text.clone()).collect();
        items.extend([words::DONT_KNOW, words::SKIP_FOR_NOW, words::BACK].map(String::from));
        if question.help.is_some() {
            items.push(words::HELP.into());
        }
        let default = match current {
            Answer::Chosen(o) => o,
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

    fn ask_evidence(&mut self, current: Option<&str>) -> Result<Reply, Stop> {
        let note: String = Input::with_theme(self.theme.as_ref())
            .with_prompt(words::EVIDENCE)
            .with_initial_text(current.unwrap_or_default())
            .allow_empty(true)
            .interact_text_on(&self.term)
            .map_err(stop)?;
        Ok(Reply::Evidence(Some(note)))
    }

    fn ask_statement(
        &mut self,
        progress: &str,
        statement: &Statement,
        scale: &[Rating],
        current: Option<usize>,
    ) -> Result<Reply, Stop> {
        self.heading(progress)?;
        let n = scale.len();
        let mut items: Vec<String> = scale.iter().map(|r| r.name.clone()).collect();
        items.extend([words::SKIP, words::BACK].map(String::from));
        let choice = self.menu(
            &format!("{} “{}”", words::HOW_TRUE, statement.text),
            &items,
            current.unwrap_or(0),
        )?;
        Ok(match choice {
            c if c < n => Reply::Choose(c),
            c if c == n => Reply::Skip,
            _ => Reply::Back,
        })
    }

    fn ask_review(&mut self, pending: &[&Question]) -> Result<Reply, Stop> {
        self.line(&words::pending(pending.len()))?;
        for question in pending {
            self.line(&format!("  - {}", question.prompt))?;
        }
        let items = [words::REVISIT, words::FINISH, words::BACK].map(String::from);
        Ok(match self.menu(words::WHAT_NEXT, &items, 0)? {
            0 => Reply::Revisit,
            1 => Reply::Finish,
            _ => Reply::Back,
        })
    }
}
