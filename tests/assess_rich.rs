//! `copro assess` in a real pseudo-terminal: menus, Back, skip and review, evidence, and
//! Ctrl-C then `--resume`.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use copro::assessment::{Answer, Assessment};
use copro::questionnaire::Questionnaire;
use rexpect::session::{PtySession, spawn_command};

mod common;
use common::{asked, option_on, tlap};

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";

fn start(dir: &Path, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copro"));
    command
        .current_dir(dir)
        .arg("assess")
        .args(args)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    spawn_command(command, Some(20_000)).expect("copro starts in a pseudo-terminal")
}

/// A new self-audit saved to `audit.toml`, with `extra` arguments.
fn new_audit(dir: &Path, extra: &[&str]) -> PtySession {
    let mut args = extra.to_vec();
    args.extend([
        "--organisation",
        "Test Org",
        "--service",
        "Day care",
        "--role",
        "commissioner",
        "--assessed",
        "2026-11-23",
        "--out",
        "audit.toml",
    ]);
    start(dir, &args)
}

/// What `text` looks like to the session, which reads the terminal byte by byte.
fn seen(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// The first words of `text`, which a face wrapping to the terminal's width keeps on one
/// line.
fn first_words(text: &str) -> String {
    text.split(' ').take(4).collect::<Vec<_>>().join(" ")
}

/// Waits for `text` on the screen.
fn wait_for(p: &mut PtySession, text: &str) {
    if let Err(e) = p.exp_string(&seen(text)) {
        panic!("waiting for {text:?}: {e}");
    }
}

/// Picks menu item `n` (0-based) of the menu on screen, which starts on item 0.
fn pick(p: &mut PtySession, n: usize) {
    p.send(&DOWN.repeat(n)).expect("keys");
    p.send(ENTER).expect("enter");
    p.flush().expect("flush");
}

/// Types a line of text and presses Enter.
fn type_line(p: &mut PtySession, text: &str) {
    p.send(text).expect("typing");
    p.send(ENTER).expect("enter");
    p.flush().expect("flush");
}

/// Answers question number `k` (0-based, in the order asked) on `rung`, then goes on
/// without an evidence note.
fn answer(p: &mut PtySession, q: &Questionnaire, k: usize, rung: usize) {
    let qi = asked(q)[k];
    wait_for(p, &first_words(&q.questions[qi].prompt));
    pick(p, option_on(q, qi, rung));
    no_note(p);
}

/// At the evidence step: goes on without a note (the menu's first item).
fn no_note(p: &mut PtySession) {
    wait_for(p, "No note: go on");
    pick(p, 0);
}

fn rate_all_statements(p: &mut PtySession, q: &Questionnaire) {
    let n = q
        .statements
        .iter()
        .filter(|s| s.voice == copro::questionnaire::Voice::We)
        .count();
    for k in 1..=n {
        wait_for(p, &format!("Statements · {k} of {n}"));
        pick(p, 2);
    }
}

fn exit_code(p: &PtySession) -> String {
    format!("{:?}", p.process().wait().expect("copro exits"))
}

fn saved(dir: &Path) -> Assessment {
    let (a, _) = Assessment::load(&dir.join("audit.toml")).expect("the saved file is valid");
    a
}

#[test]
fn a_full_run_with_evidence_back_skip_and_review() {
    let q = tlap();
    let order = asked(&q);
    let top = q.rungs.len() - 1;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = new_audit(dir.path(), &[]);
    wait_for(
        &mut p,
        "Every answer is saved the moment you give it, to audit.toml",
    );

    // 1: the top rung, then an evidence note.
    wait_for(&mut p, "Culture · 1 of 6 · 1 of 24");
    pick(&mut p, option_on(&q, order[0], top));
    wait_for(&mut p, "No note: go on");
    pick(&mut p, 1);
    wait_for(&mut p, "what would show this to someone");
    type_line(&mut p, "Minutes of the March board");
    // 2: skip for now (after the options and "Don't know").
    wait_for(&mut p, "Culture · 2 of 6");
    pick(&mut p, q.questions[order[1]].options.len() + 1);
    // 3: Back returns to question 2.
    wait_for(&mut p, "Culture · 3 of 6");
    pick(&mut p, q.questions[order[2]].options.len() + 2);
    wait_for(&mut p, "Culture · 2 of 6");
    // The menu starts on the answer given, "Skip for now": Enter skips it again. Then
    // answer everything else on rung 2.
    pick(&mut p, 0);
    for k in 2..order.len() {
        answer(&mut p, &q, k, 2);
    }
    rate_all_statements(&mut p, &q);

    // The review offers the skipped question; go through it and answer it.
    wait_for(&mut p, "1 question is still without an answer");
    wait_for(&mut p, &first_words(&q.questions[order[1]].prompt));
    pick(&mut p, 0);
    // The question's menu starts on its answer, "Skip for now" (after the options and
    // "Don't know"); from there, down to the option on rung 3, round the end of the menu.
    let question = &q.questions[order[1]];
    let items = question.options.len() + 3 + usize::from(question.help.is_some());
    let skip = question.options.len() + 1;
    wait_for(&mut p, &first_words(&question.prompt));
    pick(&mut p, (option_on(&q, order[1], 3) + items - skip) % items);
    no_note(&mut p);
    wait_for(&mut p, "Overall:");
    p.exp_eof().expect("copro ends");
    assert!(exit_code(&p).contains(", 0)"), "{}", exit_code(&p));

    let a = saved(dir.path());
    assert_eq!(a.answered(), q.questions.len());
    assert_eq!(
        a.evidence[order[0]].as_deref(),
        Some("Minutes of the March board")
    );
    assert_eq!(
        a.answers[order[1]],
        Answer::Chosen(option_on(&q, order[1], 3))
    );
    assert!(a.ratings.iter().flatten().all(|&r| r == 2));
}

#[test]
fn ctrl_c_saves_restores_the_cursor_and_resume_carries_on() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = new_audit(dir.path(), &[]);
    for k in 0..5 {
        answer(&mut p, &q, k, 1);
    }
    wait_for(&mut p, "Culture · 6 of 6");
    p.send_control('c').expect("ctrl-c");
    let tail = p.exp_eof().expect("copro stops");
    assert!(
        tail.contains("Saved to audit.toml: 5 of 24 questions answered.\r\nResume with: "),
        "{tail}"
    );
    let (shown, hidden) = (tail.rfind("\x1b[?25h"), tail.rfind("\x1b[?25l"));
    assert!(shown > hidden, "the cursor is shown again");
    assert!(exit_code(&p).contains(", 130)"), "{}", exit_code(&p));
    assert_eq!(saved(dir.path()).answered(), 5);

    let mut p = start(dir.path(), &["--resume", "audit.toml"]);
    wait_for(&mut p, "Carrying on: 5 of 24 questions answered");
    wait_for(&mut p, "Culture · 6 of 6 · 6 of 24");
    for k in 5..order.len() {
        answer(&mut p, &q, k, 1);
    }
    rate_all_statements(&mut p, &q);
    wait_for(&mut p, "Overall:");
    p.exp_eof().expect("copro ends");
    assert!(exit_code(&p).contains(", 0)"));
    assert_eq!(saved(dir.path()).answered(), q.questions.len());
}

#[test]
fn escape_stops_like_ctrl_c() {
    let q = tlap();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = new_audit(dir.path(), &[]);
    answer(&mut p, &q, 0, 1);
    wait_for(&mut p, "Culture · 2 of 6");
    p.send("\x1b").expect("escape");
    p.flush().expect("flush");
    let tail = p.exp_eof().expect("copro stops");
    assert!(tail.contains("1 of 24 questions answered"), "{tail}");
    assert!(exit_code(&p).contains(", 130)"));
}

#[test]
fn plain_mode_in_a_terminal_asks_again_after_a_line_it_cannot_use() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = new_audit(dir.path(), &["--plain"]);
    wait_for(&mut p, "Culture · 1 of 6 · 1 of 24");
    type_line(&mut p, "9");
    wait_for(&mut p, "Please type a number from 1 to 7, or d, s, b");
    let first = option_on(&q, order[0], 1) + 1;
    type_line(&mut p, &first.to_string());
    wait_for(&mut p, "Evidence (optional)");
    type_line(&mut p, "");
    wait_for(&mut p, "Culture · 2 of 6 · 2 of 24");
    p.send_control('c').expect("ctrl-c");
    let tail = p.exp_eof().expect("copro stops");
    assert!(
        tail.contains("Saved to audit.toml: 1 of 24 questions answered"),
        "{tail}"
    );
    assert!(exit_code(&p).contains(", 130)"), "{}", exit_code(&p));
}
