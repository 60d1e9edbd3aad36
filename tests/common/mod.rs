//! Helpers shared by the tests. Each test file uses some of them.
#![allow(dead_code)]

pub mod chromium;
pub mod http;
pub mod room;

use std::path::Path;
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

/// Copies the questionnaire with wording for lived experience (tests/fixtures) into `dir`
/// as `lived.toml`, the name the tests give it.
pub fn copy_lived_fixture(dir: &Path) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lived-wording.toml");
    std::fs::copy(&fixture, dir.join("lived.toml")).expect("copy the fixture");
}

/// Runs copro with `args` in the crate's directory, colour settings cleared.
pub fn copro(args: &[&str]) -> Output {
    copro_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs copro with `args` in `dir`, colour settings cleared.
pub fn copro_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copro"))
        .current_dir(dir)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("copro runs")
}

/// Runs copro, expects success, and gives what it printed.
pub fn stdout(args: &[&str]) -> String {
    succeeded(args, copro(args))
}

/// Runs copro, expects success, and parses what it printed as JSON.
pub fn json(args: &[&str]) -> Value {
    json_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs copro in `dir`, expects success, and parses what it printed as JSON.
pub fn json_in(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&succeeded(args, copro_in(dir, args))).expect("valid JSON")
}

fn succeeded(args: &[&str], out: Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "copro {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}
