//! `copro assess` in plain mode, driven through piped standard input as a trainer's script
//! would: a full run, an invalid line, end of input then `--resume`, and a loop that kills
//! the process at random moments to show that the saved file is never broken and never
//! loses a confirmed answer.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use copro::assessment::Assessment;
use copro::questionnaire::{Questionnaire, Voice};

mod common;
use common::{asked, option_on, tlap};

fn copro(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_copro"));
    command.current_dir(dir);
    command
}

fn new_audit(dir: &Path) -> Command {
    let mut command = copro(dir);
    command.args([
        "assess",
        "--organisation",
        "Elm Street Housing",
        "--service",
        "Supported housing",
        "--role",
        "commissioner",
        "--assessed",
        "2026-11-23",
        "--out",
        "audit.toml",
    ]);
    command
}

fn run(mut command: Command, input: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copro starts");
    // A closed pipe is fine: copro may stop reading early.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    child.wait_with_output().expect("copro ends")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The lines that answer question `qi` on `rung`: the option's number, then the evidence
/// line that follows every chosen option, whatever its rung.
fn lines_for(q: &Questionnaire, qi: usize, rung: usize, evidence: &str) -> String {
    let n = option_on(q, qi, rung) + 1;
    format!("{n}\n{evidence}\n")
}

/// The line that answers question `qi` on `rung` with `--no-evidence-prompts`: the
/// option's number, and the evidence after it on the same line.
fn line_for(q: &Questionnaire, qi: usize, rung: usize, evidence: &str) -> String {
    let n = option_on(q, qi, rung) + 1;
    format!("{n} {evidence}").trim_end().to_string() + "\n"
}

fn statements(q: &Questionnaire, rating: usize) -> String {
    let n = q.statements.iter().filter(|s| s.voice == Voice::We).count();
    format!("{rating}\n").repeat(n)
}

fn saved(dir: &Path) -> Assessment {
    let (a, _) = Assessment::load(&dir.join("audit.toml")).expect("the saved file is valid");
    a
}

#[test]
fn a_scripted_run_saves_an_assessment_that_scores() {
    let q = tlap();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut script = String::new();
    for (k, &qi) in asked(&q).iter().enumerate() {
        script.push_str(&lines_for(
            &q,
            qi,
            k % q.rungs.len(),
            "Board minutes, March",
        ));
    }
    script.push_str(&statements(&q, 3));
    let out = run(new_audit(dir.path()), &script);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (prompts, result) = (
        stderr(&out),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    );
    let first = format!(
        "{} · 1 of {} · 1 of {}",
        q.areas[0].name,
        q.questions_in(0).count(),
        q.questions.len()
    );
    assert!(prompts.contains(&first), "questions go to stderr: {first}");
    assert!(
        result.starts_with("Where Elm Street Housing stands") && result.contains("Overall: "),
        "stdout carries only the result"
    );
    assert!(
        !prompts.contains('\x1b') && !result.contains('\x1b'),
        "no colour or cursor movement in plain mode"
    );

    let a = saved(dir.path());
    assert_eq!(a.answered(), q.questions.len());
    assert!(
        a.evidence
            .iter()
            .flatten()
            .all(|e| e == "Board minutes, March")
    );
    assert_eq!(a.evidence.iter().flatten().count(), q.questions.len());
    let scored = copro(dir.path())
        .args(["score", "audit.toml", "--format", "json"])
        .output()
        .expect("score runs");
    assert_eq!(scored.status.code(), Some(0));
}

#[test]
fn commands_skip_dont_know_back_and_help_work_by_letter() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    // 1: skip; 2: don't know; 3: back to 2; 2: answer on rung 1; then ? on question 3
    // (which has help) and answer it; then all the rest on rung 1, review: revisit 1.
    let mut script = String::from("s\nd\nb\n");
    script.push_str(&lines_for(&q, order[1], 1, ""));
    assert!(
        q.questions[order[2]].help.is_some(),
        "the third question has help"
    );
    script.push_str("?\n");
    for &qi in &order[2..] {
        script.push_str(&lines_for(&q, qi, 1, ""));
    }
    script.push_str(&statements(&q, 1));
    script.push_str("r\n");
    script.push_str(&lines_for(&q, order[0], 2, ""));
    let out = run(new_audit(dir.path()), &script);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let prompts = stderr(&out);
    assert!(prompts.contains(q.questions[order[2]].help.as_deref().unwrap_or_default()));
    assert!(prompts.contains("1 question is still without an answer"));
    assert_eq!(saved(dir.path()).answered(), q.questions.len());
}

/// Back from a question to the note of the one before names that question, since the
/// last one shown is another; an evidence step right after its answer does not repeat it.
#[test]
fn back_to_a_note_names_its_question() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut script = lines_for(&q, order[0], 1, "");
    script.push_str("b\n");
    let out = run(new_audit(dir.path()), &script);
    let prompts = stderr(&out);
    let first = &q.questions[order[0]].prompt;
    let named = format!("Back to the note for the question: {first}");
    assert_eq!(prompts.matches(&named).count(), 1, "{prompts}");
    let (before, after) = prompts.split_once(&named).expect("named");
    assert!(
        before.contains(q.questions[order[1]].prompt.as_str()),
        "named after the second question was shown: {prompts}"
    );
    assert!(after.starts_with("\nEvidence (optional)"), "{after}");
}

#[test]
fn an_invalid_line_stops_with_its_line_number_and_keeps_what_came_before() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut script = String::new();
    for &qi in &order[..3] {
        script.push_str(&lines_for(&q, qi, 2, ""));
    }
    script.push_str("9\n");
    let out = run(new_audit(dir.path()), &script);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let fourth = &q.questions[order[3]];
    let (id, n) = (&fourth.id, fourth.options.len());
    assert!(n < 9, "9 is not an option's number");
    let help = if fourth.help.is_some() { " or ?" } else { "" };
    assert!(
        err.contains(&format!(
            "stdin line 7, question `{id}`: expected a number from 1 to {n}, or d, s, b{help}; got `9`"
        )),
        "{err}"
    );
    let total = q.questions.len();
    assert!(
        err.contains(&format!(
            "Saved to audit.toml: 3 of {total} questions answered.\nResume with: "
        )),
        "{err}"
    );
    assert!(
        err.contains(" assess --resume audit.toml --plain\n"),
        "{err}"
    );
    assert_eq!(saved(dir.path()).answered(), 3);
}

#[test]
fn end_of_input_saves_and_resume_finishes() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let first: String = order[..10]
        .iter()
        .map(|&qi| lines_for(&q, qi, 3, ""))
        .collect();
    let out = run(new_audit(dir.path()), &first);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("input ended after line 20"), "{err}");
    let total = q.questions.len();
    assert!(
        err.contains(&format!(
            "Saved to audit.toml: 10 of {total} questions answered."
        )),
        "{err}"
    );

    let mut rest: String = order[10..]
        .iter()
        .map(|&qi| lines_for(&q, qi, 3, ""))
        .collect();
    rest.push_str(&statements(&q, 2));
    let mut resume = copro(dir.path());
    resume.args(["assess", "--resume", "audit.toml"]);
    let out = run(resume, &rest);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("Carrying on: 10 of {total} questions answered")));
    let a = saved(dir.path());
    assert_eq!(a.answered(), total);
    assert_eq!(a.organisation, "Elm Street Housing");
}

#[test]
fn an_existing_file_is_never_overwritten_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("audit.toml"), "keep me\n").expect("write");
    let out = run(new_audit(dir.path()), "1\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("audit.toml already exists"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("audit.toml")).expect("read"),
        "keep me\n"
    );
    let mut forced = new_audit(dir.path());
    forced.arg("--force");
    let out = run(forced, "1\n");
    assert_eq!(out.status.code(), Some(2), "input ends after one answer");
    assert_eq!(saved(dir.path()).given(), 1);
}

#[test]
fn organisation_service_and_role_are_asked_when_not_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = copro(dir.path());
    command.args(["assess", "--assessed", "2026-11-23"]);
    let out = run(command, "Oak Tree Care\nHome care\n1\n");
    assert_eq!(
        out.status.code(),
        Some(2),
        "input ends before the first answer"
    );
    let prompts = stderr(&out);
    assert!(prompts.contains("Organisation:") && prompts.contains("Your role:"));
    let (a, q) = Assessment::load(
        &dir.path()
            .join("oak-tree-care-commissioner-2026-11-23.toml"),
    )
    .expect("saved under a name built from the organisation, role and date");
    assert_eq!(a.service, "Home care");
    assert_eq!(q.roles[a.role].id, q.roles[0].id);
}

#[test]
fn an_unknown_role_is_refused_before_anything_is_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = copro(dir.path());
    command.args([
        "assess",
        "--organisation",
        "O",
        "--service",
        "S",
        "--role",
        "boss",
    ]);
    let out = run(command, "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`boss` is not a role in tlap: use one of `commissioner`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("list").count(),
        0,
        "no file is created"
    );
}

/// Kills `copro assess` at random moments while it answers and saves, many times over.
/// After each kill the file must parse, and hold every answer whose next prompt had
/// already appeared (an answer is saved before the next question is shown).
#[test]
fn killing_the_process_at_any_moment_never_breaks_the_file_or_loses_a_confirmed_answer() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..25 {
        let resuming = dir.path().join("audit.toml").exists();
        let mut command = if resuming {
            let mut c = copro(dir.path());
            c.args(["assess", "--resume", "audit.toml"]);
            c
        } else {
            new_audit(dir.path())
        };
        let before = if resuming {
            saved(dir.path()).given()
        } else {
            0
        };
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("copro starts");
        let mut stdin = child.stdin.take().expect("stdin");
        let mut prompts = BufReader::new(child.stderr.take().expect("stderr"));
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let answers = 1 + (seed % 4) as usize;
        let mut confirmed = before;
        let mut line = String::new();
        for (k, &qi) in order.iter().enumerate().skip(before).take(answers) {
            // Wait for the question's progress line, then answer it.
            let progress = format!("· {} of {}", k + 1, order.len());
            loop {
                line.clear();
                if prompts.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                if line.trim_end().ends_with(&progress) {
                    confirmed = k;
                    break;
                }
            }
            let _ = stdin.write_all(lines_for(&q, qi, (k + round) % 5, "").as_bytes());
            let _ = stdin.flush();
        }
        // Let it work for up to 3 ms, then kill it outright.
        std::thread::sleep(Duration::from_micros(seed % 3000));
        let _ = child.kill();
        let _ = child.wait();
        let a = saved(dir.path());
        assert!(
            a.given() >= confirmed,
            "round {round}: {} answers saved, but {confirmed} had been confirmed",
            a.given()
        );
        if a.given() == order.len() {
            break;
        }
    }
}

/// A trainer's script with `--no-evidence-prompts`: one line per question and statement,
/// notes on the answer line, whatever the rungs answered.
#[test]
fn a_script_without_evidence_prompts_is_one_line_per_answer() {
    let q = tlap();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut script = String::new();
    for (k, &qi) in asked(&q).iter().enumerate() {
        let note = if k % 3 == 0 { "Minutes of 12 May" } else { "" };
        script.push_str(&line_for(&q, qi, k % q.rungs.len(), note));
    }
    script.push_str(&statements(&q, 2));
    let mut command = new_audit(dir.path());
    command.arg("--no-evidence-prompts");
    let out = run(command, &script);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Evidence (optional)"));
    let a = saved(dir.path());
    assert_eq!(a.answered(), q.questions.len());
    for (k, &qi) in asked(&q).iter().enumerate() {
        let expected = (k % 3 == 0).then_some("Minutes of 12 May");
        assert_eq!(a.evidence[qi].as_deref(), expected, "question {k}");
    }
}

/// A script missing one evidence line stops at once, naming the question whose evidence
/// was being read and the script's line, instead of turning later answers into notes.
#[test]
fn a_script_one_line_short_stops_at_the_evidence_it_was_reading() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut script = lines_for(&q, order[0], 6, "Board minutes");
    // The second answer's evidence line is missing: the third answer comes next.
    script.push_str(&format!("{}\n", option_on(&q, order[1], 2) + 1));
    script.push_str(&lines_for(&q, order[2], 3, ""));
    let out = run(new_audit(dir.path()), &script);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let id = &q.questions[order[1]].id;
    assert!(
        err.contains(&format!(
            "stdin line 4, the evidence for question `{id}`: expected a note in words"
        )),
        "{err}"
    );
    let a = saved(dir.path());
    assert_eq!(a.answered(), 2, "the answers before the slip are kept");
    assert_eq!(a.evidence[order[1]], None, "no number became a note");
}

#[test]
fn a_note_too_long_for_the_file_stops_the_script_at_its_line() {
    let q = tlap();
    let order = asked(&q);
    let dir = tempfile::tempdir().expect("temp dir");
    // A note on the answer's line, and one at the evidence prompt, each over the limit:
    // neither is dropped while the next line answers the wrong question.
    let long = "a".repeat(2100);
    for script in [
        format!("{} {long}\n2\n", option_on(&q, order[0], 1) + 1),
        format!("{}\n{long}\n2\n", option_on(&q, order[0], 1) + 1),
    ] {
        let out = run(new_audit(dir.path()), &script);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        let same_line = script.starts_with(&format!("{} a", option_on(&q, order[0], 1) + 1));
        let line = if same_line { 1 } else { 2 };
        assert!(err.contains(&format!("stdin line {line},")), "{err}");
        if !same_line {
            assert!(err.contains("at most 2,000 characters"), "{err}");
        }
        for entry in std::fs::read_dir(dir.path()).expect("list").flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A plain-mode run of the lived-wording fixture by `role`: help on the first question,
/// then "don't know" to both, then every statement skipped and the review finished.
fn lived_run(role: &str) -> (String, Assessment) {
    let dir = tempfile::tempdir().expect("temp dir");
    common::copy_lived_fixture(dir.path());
    let mut command = copro(dir.path());
    command.args([
        "assess",
        "--questionnaire",
        "lived.toml",
        "--organisation",
        "Elm Street Housing",
        "--service",
        "Supported housing",
        "--role",
        role,
        "--assessed",
        "2026-11-23",
        "--out",
        "audit.toml",
    ]);
    let out = run(command, "?\nd\nd\ns\n\n");
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, _) = Assessment::load(&dir.path().join("audit.toml")).expect("saved and valid");
    (String::from_utf8_lossy(&out.stderr).into_owned(), a)
}

#[test]
fn a_carer_is_asked_in_their_own_words_and_staff_in_the_organisations() {
    let (carer, saved) = lived_run("carer");
    assert_eq!(
        saved.given(),
        2,
        "both questions were answered \"don't know\""
    );
    for lived in [
        "Who makes the plans for the service you use?",
        "Think of the last time the service changed something you use.",
        "Who checks how the service you use is doing?",
    ] {
        assert!(carer.contains(lived), "the carer sees {lived:?}:\n{carer}");
    }
    for ordinary in [
        "Who makes your service's plans?",
        "Plans are what the service means to do in the coming year.",
        "Who checks how your service is doing?",
    ] {
        assert!(
            !carer.contains(ordinary),
            "the carer never sees {ordinary:?}:\n{carer}"
        );
    }
    // The review lists what is still open in the same words.
    assert!(
        carer.contains("  - Who makes the plans for the service you use?"),
        "{carer}"
    );

    let (staff, _) = lived_run("staff");
    for ordinary in [
        "Who makes your service's plans?",
        "Plans are what the service means to do in the coming year.",
        "  - Who checks how your service is doing?",
    ] {
        assert!(staff.contains(ordinary), "staff see {ordinary:?}:\n{staff}");
    }
    assert!(!staff.contains("the service you use"), "{staff}");
}

#[test]
fn resuming_an_assessment_started_on_an_earlier_version_carries_on_with_that_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/versions.in");
    std::fs::create_dir(dir.path().join("archive")).expect("archive dir");
    for file in ["ladder.toml", "archive/ladder-1.0.0.toml"] {
        std::fs::copy(fixtures.join(file), dir.path().join(file)).expect("copy");
    }
    // The 1.0.0 assessment without its answer to the last question.
    let old = std::fs::read_to_string(fixtures.join("old.toml")).expect("fixture");
    let started: String = old
        .lines()
        .filter(|l| !l.starts_with("feedback"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("old.toml"), started).expect("write");

    let mut command = copro(dir.path());
    command.args(["assess", "--plain", "--resume", "old.toml"]);
    let out = run(command, "2\n\n");
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("It carries on with ladder 1.0.0, the version it was started on; new assessments use ladder 2.0.0."),
        "{said}"
    );
    // The question left is 1.0.0's last, asked as 1.0.0 asks it.
    assert!(said.contains("What happens to complaints?"), "{said}");
    let saved = std::fs::read_to_string(dir.path().join("old.toml")).expect("saved");
    assert!(
        saved.contains("questionnaire_version = \"1.0.0\""),
        "{saved}"
    );
    assert!(
        saved.contains("checks = \"joint\""),
        "1.0.0's answers are kept:\n{saved}"
    );
    assert!(saved.contains("feedback = "), "{saved}");
    assert!(
        !saved.contains("money"),
        "2.0.0's new question is not asked:\n{saved}"
    );
}
