//! Helpers shared by the tests. Each test file uses some of them.
#![allow(dead_code)]

pub mod chromium;
pub mod http;
pub mod room;

use std::process::{Command, Output};

use copro::assessment::{Answer, Assessment};
use copro::questionnaire::{Questionnaire, bundled};
use serde_json::Value;

/// A bundled questionnaire, checked.
pub fn ladder(id: &str) -> Questionnaire {
    match bundled(id) {
        Some(Ok(q)) => q,
        _ => panic!("bundled questionnaire `{id}` is missing or invalid"),
    }
}

/// The bundled TLAP questionnaire.
pub fn tlap() -> Questionnaire {
    ladder("tlap")
}

/// The questions in the order `copro assess` asks them: area by area.
pub fn asked(q: &Questionnaire) -> Vec<usize> {
    (0..q.areas.len())
        .flat_map(|a| q.questions_in(a).map(|(i, _)| i).collect::<Vec<_>>())
        .collect()
}

/// The position (0-based, as shown) of question `qi`'s option on `rung`.
pub fn option_on(q: &Questionnaire, qi: usize, rung: usize) -> usize {
    q.questions[qi]
        .options
        .iter()
        .position(|o| o.rung == rung)
        .expect("every tlap question offers every rung")
}

/// The rung of `a`'s answer to question `qi`, if it chose an option.
pub fn level(q: &Questionnaire, a: &Assessment, qi: usize) -> Option<usize> {
    match a.answers[qi] {
        Answer::Chosen(o) => Some(q.questions[qi].options[o].rung),
        _ => None,
    }
}

/// Runs copro with `args` in the crate's directory, colour settings cleared.
pub fn copro(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copro"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("copro runs")
}

/// Runs copro, expects success, and parses what it printed as JSON.
pub fn json(args: &[&str]) -> Value {
    let out = copro(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}
