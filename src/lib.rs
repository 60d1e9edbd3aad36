//! copro: a self-assessment of co-production for health and social care organisations.
//!
//! An organisation answers a questionnaire; copro places it on a ladder of co-production
//! (by default Think Local Act Personal's seven rungs, from Coercion to Co-production),
//! shows how it stands in SCIE's four areas and against the Making it Real "I" and "We"
//! statements, and says what to do next to climb a rung. Everything it knows comes from
//! questionnaire files.
//!
//! The library is the engine: it loads and checks files ([`questionnaire`],
//! [`assessment`], [`policy`], with [`validate`] and [`source`]), scores them ([`scoring`],
//! [`workshop`], [`compare`]), runs the interview ([`interview`]), a room answering it on
//! their phones ([`collect`]) and the check over many files ([`check`]), and renders
//! results ([`report`]); [`schema`] describes its files for editors. It returns values and
//! never prints;
//! the only files it writes are the ones it is asked to save ([`store`]). The `copro`
//! binary (`src/main.rs`, `src/cli.rs`, `src/commands/`) parses the command line and
//! decides what goes to the terminal.

pub mod assessment;
pub mod check;
pub mod collect;
pub mod compare;
pub mod interview;
pub mod policy;
pub mod questionnaire;
pub mod report;
pub mod schema;
pub mod scoring;
pub mod source;
pub mod store;
pub mod text;
pub mod validate;
pub mod workshop;
pub mod wrap;
