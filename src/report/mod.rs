//! Rendering results: one file per output format, each implementing [`Render`] for the
//! kinds of result it shows.
//!
//! A result is first gathered into a document (a [`ScoreReport`], a [`WorkshopReport`], a
//! [`CompareReport`], a questionnaire or the list of them, and `copro check`'s report in the
//! parts it is written in as results arrive, [`CheckPart`]). The parts every format shows
//! the same way are computed once in [`parts`] as data and plain words; each format adds its
//! own markup and its own escaping, so a new format is one new file that implements
//! `Render` for the documents it shows, plus its arm in the command line's format lists.
//! Renderers return a `String`; they never print.

pub mod csv;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
mod markup;
pub mod parts;
pub mod table;

pub use parts::plural;

use crate::assessment::Assessment;
use crate::check::{FileResult, Summary};
use crate::compare::Comparison;
use crate::policy::Policy;
use crate::questionnaire::Questionnaire;
use crate::scoring::Score;
use crate::workshop::Workshop;

/// Renders one kind of document in one format.
pub trait Render<D: ?Sized> {
    /// The document as text.
    fn render(&self, document: &D) -> String;

    /// For a document written in parts as they come ([`CheckPart`]): true when the format
    /// needs the totals before the parts, so that the parts are held and given to the last
    /// one.
    fn holds_parts(&self) -> bool {
        false
    }
}

/// How the terminal looks: whether to use colour and bold, whether output goes to a
/// terminal at all (which decides the table width), and whether it must be plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Use colour and bold (a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// stdout is a terminal.
    pub terminal: bool,
    /// Plain text for a screen reader, read top to bottom (`copro assess --plain`): tables
    /// without box drawing, one row a line, marks in words.
    pub plain: bool,
}

/// One scored assessment, with what it was scored against.
#[derive(Debug, Clone, Copy)]
pub struct ScoreReport<'a> {
    /// The questionnaire.
    pub questionnaire: &'a Questionnaire,
    /// The assessment.
    pub assessment: &'a Assessment,
    /// Its score.
    pub score: &'a Score,
}

/// A workshop: many respondents combined.
#[derive(Debug, Clone)]
pub struct WorkshopReport<'a> {
    /// The questionnaire they all answered.
    pub questionnaire: &'a Questionnaire,
    /// The organisations assessed (one, unless mixing was allowed).
    pub organisations: Vec<String>,
    /// How many respondents.
    pub respondents: usize,
    /// Each respondent's assessment, in the order given.
    pub assessments: &'a [&'a Assessment],
    /// The combined result.
    pub workshop: &'a Workshop,
    /// Show respondents' names under their roles.
    pub show_names: bool,
}

/// Two scored assessments and what changed between them.
#[derive(Debug, Clone, Copy)]
pub struct CompareReport<'a> {
    /// The earlier one.
    pub old: ScoreReport<'a>,
    /// The later one.
    pub new: ScoreReport<'a>,
    /// What changed.
    pub comparison: &'a Comparison,
}

/// Which handout `questionnaire show --handout` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoutKind {
    /// For the people answering on paper: the questions of one voice in its own words, the
    /// options in the order respondents see them, boxes to tick, space for role and name,
    /// and nothing that gives a rung away (no ladder, no rung names, no answer key).
    Participant,
    /// For the person running the session: the ladder, every question in both wordings,
    /// each option with its rung, all statements, and the answer key.
    Facilitator,
}

/// A questionnaire as a handout to print, one area per page.
#[derive(Debug, Clone, Copy)]
pub struct Handout<'a> {
    /// The questionnaire.
    pub questionnaire: &'a Questionnaire,
    /// Whose handout.
    pub kind: HandoutKind,
    /// The respondents' role, for a participant handout: its wording and its statements
    /// ("I" statements for people with lived experience), and its name on the page.
    /// Without one, the organisation's wording and "We" statements, and a role to fill in.
    pub role: Option<usize>,
}

/// `copro check`'s report, in the parts it is written in as results arrive, in order:
/// the start, then for each file the part between results and the file's result, then the
/// end.
#[derive(Debug, Clone, Copy)]
pub enum CheckPart<'a> {
    /// Before the first result.
    Start {
        /// The rules applied.
        policy: &'a Policy,
    },
    /// What goes before a result: before the first one when `first`.
    Between {
        /// This is the first result.
        first: bool,
    },
    /// One file's result (never a skipped one's).
    File(&'a FileResult),
    /// After the last result.
    End {
        /// How many files ended which way.
        summary: &'a Summary,
        /// The rules applied.
        policy: &'a Policy,
        /// The rendered results, when the format holds them ([`Render::holds_parts`]).
        held: &'a [String],
    },
}
