//! The rich face: menus in a terminal, with dialoguer.
//!
//! Prompts go to stderr, so that stdout carries only the result. Esc and Ctrl-C stop the
//! conversation: Esc comes back from dialoguer as "no choice", Ctrl-C as an interrupted
//! read once the interrupt handler is installed (see [`super::install_interrupt_handler`]).
//! Either way the cursor, which dialoguer hides while a menu is shown, is shown again.
//! Text is cleaned of control characters first and styled after, and wrapped between words
//! to the terminal's width before a menu draws it, so that a redraw clears exactly what was
//! drawn. A menu starts on the answer given before. It only turns a prompt into menus (the shared wording comes from
//! [`copro::interview::words`]) and a choice into a reply; what comes next is the session's.

use console::{Style, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, Select};

use super::{Face, Stop, Wording};
use copro::assessment::Answer;
use copro::interview::{Pending, Reply, words};
use copro::questionnaire::{Question, Rating, Statement};
use copro::text;

/// Menus in a terminal.
pub struct Rich {
    term: Term,
    theme: Box<dyn Theme>,
    heading: Style,
    /// The question shown last (see [`Face::last_question`]).
    last_question: Option<String>,
}

/// The widest a line gets, even in a wide terminal, to stay easy to read.
const MAX_WIDTH: usize = 100;

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
            last_question: None,
        }
    }

    /// The terminal's width, at most [`MAX_WIDTH`].
    fn width(&self) -> usize {
        usize::from(self.term.size().1).clamp(20, MAX_WIDTH)
    }

    /// `text` cleaned and wrapped to `room` columns less than the width.
    fn fit(&self, text: &str, room: usize, indent: &str) -> String {
        copro::wrap::wrap(&text::clean(text), self.width() - room, indent)
    }

    /// A menu, starting on item `default`; `Stop::Interrupted` when the person pressed
    /// Esc. The choice is written under the prompt once made, when `echo`.
    fn menu(
        &self,
        prompt: &str,
        items: &[String],
        default: usize,
        echo: bool,
    ) -> Result<usize, Stop> {
        // The theme writes "? " before the prompt and " ›" after it, "❯ " before an item.
        let shown: Vec<String> = items.iter().map(|i| self.fit(i, 2, "  ")).collect();
        let choice = Select::with_theme(self.theme.as_ref())
            .with_prompt(self.fit(prompt, 4, ""))
            .items(&shown)
            .default(default.min(items.len().saturating_sub(1)))
            .report(false)
            .interact_on_opt(&self.term);
        match choice {
            Ok(Some(n)) => {
                if echo {
                    self.line(&format!("{prompt}\n  → {}", items[n]))?;
                }
                Ok(n)
            }
            Ok(None) => Err(Stop::Interrupted),
            Err(e) => Err(stop(e)),
        }
    }

    /// A line of text typed in, starting from `initial`; empty only if `allow_empty`, and
    /// never longer than an assessment file may hold.
    fn input(&self, label: &str, initial: &str, allow_empty: bool) -> Result<String, Stop> {
        let value: String = Input::with_theme(self.theme.as_ref())
            .with_prompt(self.fit(label, 4, ""))
            .with_initial_text(initial)
            .allow_empty(allow_empty)
            .report(false)
            .validate_with(|v: &String| match too_long(v) {
                Some(problem) => Err(problem),
                None if allow_empty || !v.trim().is_empty() => Ok(()),
                None => Err("please type something".to_string()),
            })
            .interact_text_on(&self.term)
            .map_err(stop)?;
        let value = text::one_line(&value).trim().to_string();
        self.line(&format!("{label}\n  → {value}"))?;
        Ok(value)
    }

    /// Where the person is, as a heading: cleaned and wrapped first, then styled.
    fn heading(&self, progress: &str) -> Result<(), Stop> {
        let styled = format!("\n{}", self.heading.apply_to(self.fit(progress, 0, "")));
        self.term
            .write_line(&styled)
            .map_err(|e| Stop::Failed(e.into()))
    }

    /// Writes `text`, cleaned and wrapped.
    fn line(&self, text: &str) -> Result<(), Stop> {
        self.term
            .write_line(&self.fit(text, 0, ""))
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
    fn interactive(&self) -> bool {
        true
    }

    fn last_question(&mut self) -> &mut Option<String> {
        &mut self.last_question
    }

    fn keys(&self) -> String {
        "Choose with the arrow keys and Enter. Ctrl-C, or Esc in a menu, stops; your answers are kept."
            .into()
    }

    fn say(&mut self, text: &str) -> Result<(), Stop> {
        self.line(&format!("{text}\n"))
    }

    fn text(&mut self, label: &str) -> Result<String, Stop> {
        self.input(label, "", false)
    }

    fn pick(&mut self, label: &str, choices: &[String]) -> Result<usize, Stop> {
        self.menu(label, choices, 0, true)
    }

    fn ask_question(
        &mut self,
        progress: &str,
        question: &Question,
        wording: Wording,
        current: Answer,
    ) -> Result<Reply, Stop> {
        self.heading(progress)?;
        let n = question.options.len();
        let mut items: Vec<String> = question.options.iter().map(|o| o.text.clone()).collect();
        items.extend([words::DONT_KNOW, words::SKIP_FOR_NOW, words::BACK].map(String::from));
        if wording.help.is_some() {
            items.push(words::HELP.into());
        }
        let mut default = match current {
            Answer::Chosen(o) => o,
            Answer::DontKnow => n,
            Answer::Skipped => n + 1,
            Answer::Unanswered => 0,
        };
        loop {
            let choice = self.menu(wording.prompt, &items, default, true)?;
            default = choice;
            if choice < n {
                return Ok(Reply::Choose(choice));
            }
            return Ok(match choice - n {
                0 => Reply::DontKnow,
                1 => Reply::Skip,
                2 => Reply::Back,
                _ => {
                    if let Some(help) = wording.help {
                        self.line(&format!("  {help}"))?;
                    }
                    continue;
                }
            });
        }
    }

    fn ask_evidence(
        &mut self,
        _question: &Question,
        returned: Option<&str>,
        current: Option<&str>,
    ) -> Result<Reply, Stop> {
        if let Some(asked) = returned {
            self.line(&format!("{} {asked}", words::NOTE_FOR))?;
        }
        // A menu first, so that Back is one choice away and Enter goes on.
        let items: Vec<String> = match current {
            Some(note) => vec![
                words::keep_note(note),
                words::CHANGE_NOTE.into(),
                words::REMOVE_NOTE.into(),
                words::BACK.into(),
            ],
            None => vec![
                words::NO_NOTE.into(),
                words::WRITE_NOTE.into(),
                words::BACK.into(),
            ],
        };
        let choice = self.menu(words::EVIDENCE, &items, 0, false)?;
        Ok(match (choice, current) {
            (c, _) if c + 1 == items.len() => Reply::Back,
            (0, _) => Reply::Evidence(current.map(String::from)),
            (2, Some(_)) => Reply::Evidence(None),
            _ => Reply::Evidence(Some(self.input(
                words::EVIDENCE,
                current.unwrap_or_default(),
                true,
            )?)),
        })
    }

    fn ask_statement(
        &mut self,
        progress: &str,
        statement: &Statement,
        scale: &[Rating],
        current: Option<usize>,
        intro: Option<&str>,
    ) -> Result<Reply, Stop> {
        if let Some(intro) = intro {
            self.say(intro)?;
        }
        self.heading(progress)?;
        let n = scale.len();
        let mut items: Vec<String> = scale.iter().map(|r| r.name.clone()).collect();
        items.extend([words::SKIP, words::BACK].map(String::from));
        let choice = self.menu(
            &format!("{} “{}”", words::HOW_TRUE, statement.text),
            &items,
            current.unwrap_or(0),
            true,
        )?;
        Ok(match choice {
            c if c < n => Reply::Choose(c),
            c if c == n => Reply::Skip,
            _ => Reply::Back,
        })
    }

    fn ask_review(
        &mut self,
        pending: &[Pending],
        statements: &[&Statement],
    ) -> Result<Reply, Stop> {
        self.line(&words::pending(pending.len(), statements.len()))?;
        for question in pending {
            self.line(&format!("  - {}", question.prompt))?;
        }
        for statement in statements {
            self.line(&format!("  - “{}”", statement.text))?;
        }
        let items = [words::REVISIT, words::FINISH, words::BACK].map(String::from);
        Ok(match self.menu(words::WHAT_NEXT, &items, 0, true)? {
            0 => Reply::Revisit,
            1 => Reply::Finish,
            _ => Reply::Back,
        })
    }
}

/// What is wrong with text longer than an assessment file may hold, if it is: the same
/// limit the file is read with, so that nothing typed is refused later.
fn too_long(text: &str) -> Option<String> {
    match copro::validate::check_text(text::one_line(text).trim()) {
        Err(copro::validate::TextProblem::TooLong(length)) => Some(format!(
            "this is {length} characters; at most {} fit",
            copro::validate::MAX_TEXT_CHARS
        )),
        _ => None,
    }
}
