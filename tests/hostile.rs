//! Files made to hurt: what copro promises about them ("What copro promises" in the
//! README). Each test is one promise, seen as a user would see it.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod common;

/// Runs copro in `dir` with no input, and kills it if it has not ended after 20 seconds:
/// a test of "never hangs" must not hang itself.
fn copro_in(dir: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_copro"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copro starts");
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(child.wait_with_output()));
    match receive.recv_timeout(Duration::from_secs(20)) {
        Ok(output) => output.expect("copro's output"),
        Err(_) => {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            panic!("copro {args:?} was still running after 20 seconds");
        }
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const EXAMPLE: &str = "examples/assessments/riverside-home-care.toml";

fn example_text() -> String {
    std::fs::read_to_string(EXAMPLE).expect("the example assessment")
}

// 1. Never hang.

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_by_every_command_that_reads_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let made = Command::new("mkfifo")
        .arg(dir.path().join("p.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let example = std::fs::canonicalize(EXAMPLE).expect("example");
    let example = example.to_str().expect("a UTF-8 path");
    for args in [
        &["score", "p.toml"][..],
        &["questionnaire", "validate", "p.toml"],
        &["questionnaire", "show", "p.toml"],
        &["check", "p.toml"],
        &["check", "--policy", "p.toml", example],
        &["workshop", "p.toml"],
        &["compare", "p.toml", example],
        &["assess", "--plain", "--resume", "p.toml"],
        &["assess", "--plain", "--questionnaire", "p.toml"],
    ] {
        let out = copro_in(dir.path(), args);
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {said}");
        assert!(
            said.contains("p.toml: this is a named pipe, not a regular file"),
            "{args:?}: {said}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_under_proc_is_read_for_what_it_holds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = copro_in(
        dir.path(),
        &["questionnaire", "validate", "/proc/self/status"],
    );
    assert_eq!(out.status.code(), Some(2));
    // Its first line is "Name:\tcopro", which is not TOML: it was read, not taken as empty.
    assert!(
        stderr(&out).starts_with("error: /proc/self/status:1:"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("empty"), "{}", stderr(&out));
}

// 3. Diagnostics in linear time and bounded memory (timed in bench/diagnostics.py).

#[test]
fn a_file_full_of_mistakes_shows_the_first_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let unknown: String = (0..20_000)
        .map(|i| format!("unknown-question-{i} = \"x\"\n"))
        .collect();
    let text = example_text().replace("[evidence]\n", &format!("[evidence]\n{unknown}"));
    std::fs::write(dir.path().join("a.toml"), &text).expect("write");
    let out = copro_in(dir.path(), &["score", "a.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let first_line = text
        .lines()
        .position(|l| l.starts_with("unknown-question-0 "))
        .expect("the first mistake")
        + 1;
    assert!(
        err.starts_with(&format!("error: a.toml:{first_line}:1: ")),
        "{err}"
    );
    assert!(err.contains("… and 19990 more problems in a.toml"), "{err}");
    // Every problem is counted, also when only the first are kept.
    let out = copro_in(dir.path(), &["check", "a.toml", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let reasons = report["results"][0]["reasons"].as_array().expect("reasons");
    let last = reasons.last().expect("a reason");
    assert!(
        last["message"]
            .as_str()
            .is_some_and(|m| m.contains("and 19900 more problems")),
        "{last}"
    );
}
