//! Rendering results: one file per output format, each implementing [`Render`] for the
//! kinds of result it shows.
//!
//! A result is first gathered into a document (a [`ScoreReport`], a [`WorkshopReport`], a
//! [`CompareReport`], a questionnaire or the list of them). The parts every format shows
//! the same way are computed once in [`parts`] as data and plain words; each format adds its
//! own markup and its own escaping, so a new format is one new file that implements
//! `Render` for the documents it shows, plus its arm in the command line's format lists.
//! Renderers return a `String`; they never print.

pub mod json;
pub mod markdown;
mod markup;
pub mod parts;
pub mod table;

pub use parts::plural;

use crate::assessment::Assessment;
use crate::compare::Comparison;
use crate::questionnaire::Questionnaire;
use crate::scoring::Score;
use crate::workshop::Workshop;

/// Renders one kind of document in one format.
pub trait Render<D: ?Sized> {
    /// The document as text.
    fn render(&self, document: &D) -> String;
}

/// How the terminal looks: whether to use colour and bold, and whether output goes to a
/// terminal at all (which decides the table width).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Use colour and bold (a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// stdout is a terminal.
    pub terminal: bool,
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
