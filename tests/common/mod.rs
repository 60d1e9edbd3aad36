//! Helpers shared by the command-line tests.

use std::process::{Command, Output};

use serde_json::Value;

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
