//! `copro assess` in a real pseudo-terminal, in both faces, as a newcomer meets it: menus,
//! Back over answers and their evidence, skip and review, Ctrl-C and the resume command
//! pasted as printed, colour, plain text to the end, wrapping to the terminal's width, and
//! where the answers go.

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

/// A shell command line run in a pseudo-terminal `columns` wide, in `dir`, with `path` as
/// the PATH; colour as the terminal allows unless `NO_COLOR` is in `env`.
fn shell(dir: &Path, columns: u16, path: &str, env: &[(&str, &str)], line: &str) -> PtySession {
    let mut command = Command::new("bash");
    command
        .current_dir(dir)
        .args(["-c", &format!("stty cols {columns} rows 60; {line}")])
        .env("PATH", path)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR");
    for (key, value) in env {
        command.env(key, value);
    }
    spawn_command(command, Some(20_000)).expect("bash starts in a pseudo-terminal")
}

/// The program under test, quoted for a shell.
fn program() -> String {
    format!("'{}'", env!("CARGO_BIN_EXE_copro"))
}

/// What the session read back as text: the bytes, as UTF-8.
fn text_of(read: &str) -> String {
    let bytes: Vec<u8> = read.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `text` without escape sequences (CSI `ESC [ … letter`, and `ESC` with one character).
fn unescaped(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        if chars.next() == Some('[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() || c == '~' {
                    break;
                }
            }
        }
    }
    out
}

/// True for the characters that draw boxes and tables (U+2500 to U+257F).
fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
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

/// The heading over question number `k` (0-based, in the order asked): its area and its
/// place in the area, e.g. "Culture · 2 of 6".
fn place(q: &Questionnaire, k: usize) -> String {
    let qi = asked(q)[k];
    let area = q.questions[qi].area;
    let first = asked(q)
        .iter()
        .position(|&i| q.questions[i].area == area)
        .expect("the question's area is asked");
    format!(
        "{} · {} of {}",
        q.areas[area].name,
        k - first + 1,
        q.questions_in(area).count()
    )
}

/// The whole heading over question number `k`, with its place among all the questions,
/// e.g. "Culture · 2 of 6 · 2 of 24".
fn heading(q: &Questionnaire, k: usize) -> String {
    format!("{} · {} of {}", place(q, k), k + 1, q.questions.len())
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
    saved_as(dir, "audit.toml")
}

fn saved_as(dir: &Path, name: &str) -> Assessment {
    let (a, _) = Assessment::load(&dir.join(name)).expect("the saved file is valid");
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
    wait_for(&mut p, &heading(&q, 0));
    pick(&mut p, option_on(&q, order[0], top));
    wait_for(&mut p, "No note: go on");
    pick(&mut p, 1);
    wait_for(&mut p, "what would show this to someone");
    type_line(&mut p, "Minutes of the March board");
    // 2: skip for now (after the options and "Don't know").
    wait_for(&mut p, &place(&q, 1));
    pick(&mut p, q.questions[order[1]].options.len() + 1);
    // 3: Back returns to question 2.
    wait_for(&mut p, &place(&q, 2));
    pick(&mut p, q.questions[order[2]].options.len() + 2);
    wait_for(&mut p, &place(&q, 1));
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
    wait_for(&mut p, &place(&q, 5));
    p.send_control('c').expect("ctrl-c");
    let tail = p.exp_eof().expect("copro stops");
    assert!(
        tail.contains(&format!(
            "Saved to audit.toml: 5 of {} questions answered.\r\nResume with: ",
            q.questions.len()
        )),
        "{tail}"
    );
    let (shown, hidden) = (tail.rfind("\x1b[?25h"), tail.rfind("\x1b[?25l"));
    assert!(shown > hidden, "the cursor is shown again");
    assert!(exit_code(&p).contains(", 130)"), "{}", exit_code(&p));
    assert_eq!(saved(dir.path()).answered(), 5);

    let mut p = start(dir.path(), &["--resume", "audit.toml"]);
    wait_for(
        &mut p,
        &format!("Carrying on: 5 of {} questions answered", q.questions.len()),
    );
    wait_for(&mut p, &heading(&q, 5));
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
    wait_for(&mut p, &place(&q, 1));
    p.send("\x1b").expect("escape");
    p.flush().expect("flush");
    let tail = p.exp_eof().expect("copro stops");
    assert!(
        tail.contains(&format!("1 of {} questions answered", q.questions.len())),
        "{tail}"
    );
    assert!(exit_code(&p).contains(", 130)"));
}

#[test]
fn plain_mode_in_a_terminal_asks_again_after_a_line_it_cannot_use() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = new_audit(dir.path(), &["--plain"]);
    wait_for(&mut p, &heading(&q, 0));
    type_line(&mut p, "9");
    wait_for(
        &mut p,
        &format!(
            "Please type a number from 1 to {}, or d, s, b",
            q.questions[order[0]].options.len()
        ),
    );
    let first = option_on(&q, order[0], 1) + 1;
    type_line(&mut p, &first.to_string());
    wait_for(&mut p, "Evidence (optional)");
    type_line(&mut p, "");
    wait_for(&mut p, &heading(&q, 1));
    p.send_control('c').expect("ctrl-c");
    let tail = p.exp_eof().expect("copro stops");
    assert!(
        tail.contains(&format!(
            "Saved to audit.toml: 1 of {} questions answered",
            q.questions.len()
        )),
        "{tail}"
    );
    assert!(exit_code(&p).contains(", 130)"), "{}", exit_code(&p));
}

/// Item by item: Back from the next question reaches the note, Back again the answer; the
/// menu starts on the answer given, and the note is kept when the answer changes. The note
/// is offered after an answer on the bottom rung too.
#[test]
fn back_retraces_an_answer_and_its_evidence_in_the_rich_face() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = new_audit(dir.path(), &[]);
    let first = option_on(&q, order[0], 0);
    wait_for(&mut p, &first_words(&q.questions[order[0]].prompt));
    pick(&mut p, first);
    wait_for(&mut p, "No note: go on");
    pick(&mut p, 1);
    wait_for(&mut p, "what would show this to");
    type_line(&mut p, "Minutes of the May board");
    wait_for(&mut p, &place(&q, 1));
    pick(&mut p, q.questions[order[1]].options.len() + 2);
    wait_for(&mut p, "Keep the note: Minutes of the May board");
    pick(&mut p, 3);
    wait_for(&mut p, &place(&q, 0));
    let chosen = &q.questions[order[0]].options[first].text;
    wait_for(&mut p, &format!("> {}", first_words(chosen)));
    pick(&mut p, 1);
    wait_for(&mut p, "Keep the note: Minutes of the May board");
    pick(&mut p, 0);
    wait_for(&mut p, &place(&q, 1));
    p.send_control('c').expect("ctrl-c");
    p.exp_eof().expect("copro stops");
    let a = saved(dir.path());
    assert_eq!(a.answers[order[0]], Answer::Chosen(first + 1));
    assert_eq!(
        a.evidence[order[0]].as_deref(),
        Some("Minutes of the May board")
    );
}

/// Plain mode: at the evidence line `b` goes back, `d` is asked again, `?` says how to type a
/// note that is only a letter, and a quoted letter is a note.
#[test]
fn back_and_command_letters_at_the_evidence_line_in_plain_mode() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = new_audit(dir.path(), &["--plain"]);
    wait_for(&mut p, &heading(&q, 0));
    type_line(&mut p, "3");
    wait_for(&mut p, "Type a note, or press Enter for none; b = back");
    type_line(&mut p, "d");
    wait_for(&mut p, "Please type a note in words");
    type_line(&mut p, "?");
    wait_for(&mut p, "quotes: \"b\"");
    type_line(&mut p, "b");
    wait_for(&mut p, "(Your answer was 3.)");
    type_line(&mut p, "2");
    type_line(&mut p, "\"b\"");
    wait_for(&mut p, &heading(&q, 1));
    type_line(&mut p, "b");
    wait_for(&mut p, "Now: b");
    type_line(&mut p, "b");
    wait_for(&mut p, "(Your answer was 2.)");
    type_line(&mut p, "5");
    type_line(&mut p, "");
    wait_for(&mut p, &heading(&q, 1));
    type_line(&mut p, "s");
    wait_for(&mut p, &heading(&q, 2));
    p.send_control('c').expect("ctrl-c");
    let tail = text_of(&p.exp_eof().expect("copro stops"));
    assert!(
        tail.contains(&format!(
            "1 of {} questions answered, 1 skipped",
            q.questions.len()
        )),
        "{tail}"
    );
    let a = saved(dir.path());
    assert_eq!(a.answers[order[0]], Answer::Chosen(4));
    assert_eq!(a.evidence[order[0]].as_deref(), Some("b"));
}

/// In colour, the heading's codes reach the terminal whole: none is left as text.
#[test]
fn colour_headings_leave_no_stray_codes() {
    let q = tlap();
    let dir = tempfile::tempdir().expect("temp dir");
    let line = format!(
        "{} assess --organisation O --service S --role commissioner --out a.toml",
        program()
    );
    let mut p = shell(dir.path(), 80, "/usr/bin:/bin", &[], &line);
    let before = p
        .exp_string(&seen(&first_words(&q.questions[asked(&q)[0]].prompt)))
        .expect("the first question");
    let shown = text_of(&before);
    assert!(
        shown.contains("\x1b[36m"),
        "the heading is in colour: {shown:?}"
    );
    let plain = unescaped(&shown);
    assert!(plain.contains(&heading(&q, 0)), "{plain:?}");
    for code in ["[36m", "[1m", "[0m"] {
        assert!(!plain.contains(code), "{code} shown as text: {plain:?}");
    }
    p.send_control('c').expect("ctrl-c");
    p.exp_eof().expect("copro stops");
}

/// A whole plain session with stdout on the terminal, result included, and Ctrl-C in plain
/// mode: no escape sequence and no box drawing anywhere.
#[test]
fn plain_mode_is_plain_text_to_the_end() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = new_audit(dir.path(), &["--plain"]);
    let mut all = String::new();
    for (k, &qi) in order.iter().enumerate() {
        all.push_str(
            &p.exp_string(&seen(&format!("· {} of {}", k + 1, order.len())))
                .expect("question"),
        );
        type_line(
            &mut p,
            &(option_on(&q, qi, k % q.rungs.len()) + 1).to_string(),
        );
        type_line(&mut p, "");
    }
    for _ in 0..q
        .statements
        .iter()
        .filter(|s| s.voice == copro::questionnaire::Voice::We)
        .count()
    {
        all.push_str(&p.exp_string("s = skip, b = back").expect("statement"));
        type_line(&mut p, "2");
    }
    all.push_str(&p.exp_eof().expect("copro ends"));
    assert!(exit_code(&p).contains(", 0)"), "{}", exit_code(&p));
    let all = text_of(&all);
    assert!(
        all.contains("Overall:") && all.contains("Next steps"),
        "{all}"
    );
    assert!(!all.contains('\x1b'), "an escape sequence: {all:?}");
    assert!(!all.chars().any(is_box_drawing), "box drawing: {all}");

    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = new_audit(dir.path(), &["--plain"]);
    wait_for(&mut p, &heading(&q, 0));
    p.send_control('c').expect("ctrl-c");
    let tail = text_of(&p.exp_eof().expect("copro stops"));
    assert!(tail.contains("Resume with:"), "{tail}");
    assert!(
        !tail.contains('\x1b'),
        "an escape sequence on Ctrl-C: {tail:?}"
    );
}

/// The resume command printed on Ctrl-C runs when pasted into a shell where `copro` is not
/// on the PATH, and keeps plain mode; once copro is on the PATH it is named `copro`.
#[test]
fn the_resume_command_runs_when_pasted_and_keeps_the_face() {
    let q = tlap();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut p = new_audit(dir.path(), &["--plain"]);
    wait_for(&mut p, &heading(&q, 0));
    type_line(&mut p, "1 Minutes");
    wait_for(&mut p, &heading(&q, 1));
    p.send_control('c').expect("ctrl-c");
    let tail = text_of(&p.exp_eof().expect("copro stops"));
    let hint = tail
        .lines()
        .find_map(|l| l.trim_end().strip_prefix("Resume with: "))
        .unwrap_or_else(|| panic!("no resume command: {tail}"))
        .to_string();
    assert!(
        hint.ends_with("assess --resume audit.toml --plain"),
        "{hint}"
    );

    let mut pasted = shell(dir.path(), 80, "/usr/bin:/bin", &[], &hint);
    wait_for(
        &mut pasted,
        &format!(
            "Carrying on: 1 of {} questions answered.",
            q.questions.len()
        ),
    );
    wait_for(&mut pasted, &heading(&q, 1));
    wait_for(&mut pasted, "  1. ");
    pasted.send_control('c').expect("ctrl-c");
    let tail = text_of(&pasted.exp_eof().expect("copro stops"));
    assert!(!tail.contains('\x1b'), "still plain: {tail:?}");

    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).expect("bin");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_copro"), bin.join("copro")).expect("link");
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let mut p = shell(dir.path(), 80, &path, &[], &hint);
    wait_for(&mut p, &heading(&q, 1));
    p.send_control('c').expect("ctrl-c");
    let tail = text_of(&p.exp_eof().expect("copro stops"));
    assert!(
        tail.contains("Resume with: copro assess --resume audit.toml --plain"),
        "{tail}"
    );
}

/// In a narrow terminal no line of either face runs over the edge, and no word is broken.
#[test]
fn text_wraps_between_words_to_the_terminal_width() {
    let q = tlap();
    let question = &q.questions[asked(&q)[0]];
    let dir = tempfile::tempdir().expect("temp dir");
    for (face, end) in [("", "Back"), ("--plain", "\n> ")] {
        let line = format!(
            "{} assess {face} --organisation O --service S --role commissioner --out {}.toml",
            program(),
            if face.is_empty() { "rich" } else { "plain" }
        );
        let mut p = shell(dir.path(), 44, "/usr/bin:/bin", &[("NO_COLOR", "1")], &line);
        let shown = unescaped(&text_of(&p.exp_string(end).expect("the first question")));
        for line in shown.lines().map(|l| l.trim_end_matches('\r')) {
            assert!(line.chars().count() <= 44, "{face}: too long: {line:?}");
        }
        let words: Vec<&str> = shown.split_whitespace().collect();
        let flowing = words.join(" ");
        for text in
            std::iter::once(&question.prompt).chain(question.options.iter().map(|o| &o.text))
        {
            assert!(
                flowing.contains(text.as_str()),
                "{face}: {text:?} broken in {flowing:?}"
            );
        }
        p.send_control('c').expect("ctrl-c");
        p.exp_eof().expect("copro stops");
    }
}

/// The opening says where answers go; the default name carries the role, and when it is
/// taken copro offers to carry on with it or to start a new file, keeping what was typed.
#[test]
fn where_answers_go_and_an_existing_file_is_offered() {
    let q = tlap();
    let dir = tempfile::tempdir().expect("temp dir");
    let args = [
        "--organisation",
        "Test Org",
        "--service",
        "Day care",
        "--assessed",
        "2026-11-23",
    ];
    let name = "test-org-commissioner-2026-11-23.toml";
    for round in 0..3 {
        let mut p = start(dir.path(), &args);
        wait_for(
            &mut p,
            "Your answers will be saved in this folder, in a file named",
        );
        wait_for(&mut p, "Your role");
        pick(&mut p, 0);
        match round {
            0 => wait_for(&mut p, name),
            1 => {
                wait_for(&mut p, name);
                wait_for(&mut p, "already exists");
                wait_for(&mut p, "Start a new file");
                wait_for(&mut p, "test-org-commissioner-2026-11-23-2.toml");
                pick(&mut p, 1);
                wait_for(&mut p, "saved the moment you give it");
                wait_for(&mut p, "test-org-commissioner-2026-11-23-2.toml");
            }
            _ => {
                wait_for(&mut p, "Carry on with the answers in");
                pick(&mut p, 0);
                wait_for(
                    &mut p,
                    &format!("Carrying on: 1 of {} questions answered", q.questions.len()),
                );
            }
        }
        if round == 0 {
            wait_for(&mut p, &place(&q, 0));
            pick(&mut p, 0);
            no_note(&mut p);
        }
        wait_for(&mut p, &format!("{} · ", q.areas[0].name));
        p.send_control('c').expect("ctrl-c");
        p.exp_eof().expect("copro stops");
    }
    assert!(
        dir.path()
            .join("test-org-commissioner-2026-11-23-2.toml")
            .is_file()
    );
}

/// Making a participant's file from a script, as the README's workshop step does, in a
/// trainer's terminal: the questions are not printed, only what went wrong, if anything.
#[test]
fn making_a_file_from_a_script_does_not_flood_the_terminal() {
    let q = tlap();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut script: String = asked(&q)
        .iter()
        .map(|&qi| format!("{} Notes\n", option_on(&q, qi, 2) + 1))
        .collect();
    let we = q
        .statements
        .iter()
        .filter(|s| s.voice == copro::questionnaire::Voice::We)
        .count();
    script.push_str(&"2\n".repeat(we));
    std::fs::write(dir.path().join("ruth.txt"), script).expect("script");
    let line = format!(
        "{} assess --plain --no-evidence-prompts --organisation O --service S --role commissioner --out ruth.toml < ruth.txt > /dev/null; echo \"exit $?\"",
        program()
    );
    let mut p = shell(dir.path(), 80, "/usr/bin:/bin", &[], &line);
    let shown = text_of(&p.exp_eof().expect("copro ends"));
    assert!(shown.contains("exit 0"), "{shown}");
    assert!(!shown.contains(&place(&q, 0)), "{shown}");
    assert!(shown.lines().count() <= 3, "{shown}");
    assert_eq!(
        saved_as(dir.path(), "ruth.toml").answered(),
        q.questions.len()
    );
}

/// The result in a narrow terminal: its sentences and lists break between words, within
/// the width.
#[test]
fn the_result_wraps_between_words_to_the_terminal_width() {
    let dir = tempfile::tempdir().expect("temp dir");
    let example = std::fs::canonicalize("examples/assessments/riverside-home-care.toml")
        .expect("the example");
    let line = format!("{} score '{}'", program(), example.display());
    let mut p = shell(dir.path(), 60, "/usr/bin:/bin", &[("NO_COLOR", "1")], &line);
    let shown = unescaped(&text_of(&p.exp_eof().expect("copro ends")));
    for line in shown.lines().map(|l| l.trim_end_matches('\r')) {
        assert!(line.chars().count() <= 60, "too long: {line:?}");
    }
    let steps = shown.split("Next steps").nth(1).expect("next steps");
    assert!(steps.contains("Make this true"), "{steps}");
}

/// Plain text in a terminal, for a screen reader, wraps between words too, result
/// included: each table row is a line that names its columns, the rest of it indented.
#[test]
fn the_plain_result_wraps_between_words_and_names_its_columns() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        "examples/assessments/riverside-home-care.toml",
        dir.path().join("r.toml"),
    )
    .expect("copy the example");
    // The review is the only step left: Enter finishes it.
    let line = format!(
        "printf '\\n' | {} assess --resume r.toml --plain",
        program()
    );
    let mut p = shell(dir.path(), 60, "/usr/bin:/bin", &[], &line);
    let shown = text_of(&p.exp_eof().expect("copro ends"));
    assert!(!shown.contains('\x1b'), "an escape sequence: {shown:?}");
    for line in shown.lines().map(|l| l.trim_end_matches('\r')) {
        assert!(line.chars().count() <= 60, "too long: {line:?}");
    }
    let result = shown.split("Where Riverside").nth(1).expect("the result");
    assert!(
        result.contains("Culture; Placement: Informing (rung 3 of 7); Answered:"),
        "{result}"
    );
    assert!(result.contains("\n    "), "a row's rest indented: {result}");
}

/// The rich face asks a carer in their own words, help included.
#[test]
fn the_rich_face_asks_a_carer_in_their_own_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    common::copy_lived_fixture(dir.path());
    let mut p = start(
        dir.path(),
        &[
            "--questionnaire",
            "lived.toml",
            "--organisation",
            "Elm Street Housing",
            "--service",
            "Supported housing",
            "--role",
            "carer",
            "--out",
            "audit.toml",
        ],
    );
    wait_for(&mut p, "Who makes the plans for the service you use?");
    // Three options, then don't know, skip, back and help.
    pick(&mut p, 6);
    wait_for(
        &mut p,
        "Think of the last time the service changed something you use.",
    );
    pick(&mut p, 4);
    wait_for(&mut p, "Who checks how the service you use is doing?");
    p.send_control('c').expect("ctrl-c");
    let rest = text_of(&p.exp_eof().expect("copro stops"));
    assert!(!rest.contains("Who checks how your service"), "{rest}");
}
