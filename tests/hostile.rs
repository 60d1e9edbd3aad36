//! Files made to hurt: what copro promises about them ("What copro promises" in the
//! README). Each test is one promise, seen as a user would see it.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

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

/// A temporary directory holding a named pipe, `p.toml`.
#[cfg(unix)]
fn with_a_named_pipe() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let made = Command::new("mkfifo")
        .arg(dir.path().join("p.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    dir
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_by_every_command_that_reads_files() {
    let dir = with_a_named_pipe();
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

// 2. Never replace what is not an assessment.

/// `copro assess` saving to `out`, with no input: it stops after saving, or before asking.
fn assess_to(dir: &Path, out: &str) -> Output {
    copro_in(
        dir,
        &[
            "assess",
            "--plain",
            "--organisation",
            "Elm Street Housing",
            "--service",
            "Supported housing",
            "--role",
            "commissioner",
            "--out",
            out,
            "--force",
        ],
    )
}

/// The opening words of the interview: nothing may be asked before a refusal.
const INTRODUCTION: &str = "How far do we share power";

#[cfg(unix)]
#[test]
fn only_a_regular_file_is_ever_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = with_a_named_pipe();
    // A device of its own, like /dev/null, where one can be made (as root, the case that
    // matters): the test never risks the machine's own devices.
    let made_device = Command::new("mknod")
        .args(["null", "c", "1", "3"])
        .current_dir(dir.path())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let targets: &[&str] = if made_device {
        &["null", "p.toml"]
    } else {
        &["p.toml"]
    };
    for out in targets {
        let run = assess_to(dir.path(), out);
        let err = stderr(&run);
        assert_eq!(run.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!(
                "{out} is not a regular file: copro saves only to regular files"
            )),
            "{err}"
        );
        assert!(!err.contains(INTRODUCTION), "{err}");
    }
    if made_device {
        let device = std::fs::metadata(dir.path().join("null")).expect("the device");
        assert!(device.file_type().is_char_device());
    }
    let pipe = std::fs::metadata(dir.path().join("p.toml")).expect("the pipe");
    assert!(pipe.file_type().is_fifo());
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_named_before_anything_is_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink("gone/a.toml", dir.path().join("a.toml")).expect("link");
    let run = assess_to(dir.path(), "a.toml");
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("error: a.toml is a link to gone/a.toml, which does not exist"),
        "{err}"
    );
    assert!(!err.contains(INTRODUCTION), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_directory_that_cannot_be_written_is_named_before_anything_is_asked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).expect("mkdir");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Whoever may write anywhere (root) is refused in /sys instead.
    let writable = tempfile::tempfile_in(&locked).is_ok();
    let (out, shown) = if writable {
        ("/sys/copro-test.toml", "/sys")
    } else {
        ("locked/a.toml", "locked")
    };
    let run = assess_to(dir.path(), out);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(&format!("error: cannot save in {shown}: permission denied")),
        "{err}"
    );
    assert!(
        !err.contains("os error") && !err.contains(".copro-"),
        "{err}"
    );
    assert!(!err.contains(INTRODUCTION), "{err}");
}

#[cfg(unix)]
#[test]
fn a_killed_save_leaves_nothing_more_readable_and_the_next_save_cleans_up() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let first = assess_to(dir.path(), "a.toml");
    assert_eq!(
        first.status.code(),
        Some(2),
        "input ended: {}",
        stderr(&first)
    );
    let file = dir.path().join("a.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let leftovers = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(".copro-"))
            })
            .collect()
    };
    // Saves killed at random moments, every answer saved as it is given.
    let answers = "1\n".repeat(24);
    for i in 0..20u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copro"))
            .args(["assess", "--plain", "--resume", "a.toml"])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("copro starts");
        if let Some(mut input) = child.stdin.take() {
            use std::io::Write;
            let _ = input.write_all(answers.as_bytes());
        }
        std::thread::sleep(Duration::from_millis(i * 3 % 40));
        let _ = child.kill();
        let _ = child.wait();
        for leftover in leftovers() {
            let mode = std::fs::metadata(&leftover)
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(
                mode & 0o077,
                0,
                "{} is readable by others",
                leftover.display()
            );
        }
    }
    // One made by hand, as a killed save leaves it.
    std::fs::write(dir.path().join(".copro-a.toml.Xy12Zq.tmp"), "half").expect("write");
    std::fs::write(
        dir.path().join(".copro-b.toml.Xy12Zq.tmp"),
        "another file's",
    )
    .expect("write");
    let resumed = copro_in(dir.path(), &["assess", "--plain", "--resume", "a.toml"]);
    assert!(stderr(&resumed).contains("saved"), "{}", stderr(&resumed));
    let left: Vec<_> = leftovers()
        .into_iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert_eq!(left, [".copro-b.toml.Xy12Zq.tmp"]);
    let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the file keeps its permissions");
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

// 4. No file disclosure.

#[test]
fn a_file_named_as_questionnaire_is_never_quoted() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(".env"), "SECRET=hunter2\n").expect("write");
    let text = example_text().replace("questionnaire = \"tlap\"", "questionnaire = \".env\"");
    std::fs::write(dir.path().join("a.toml"), text).expect("write");
    for args in [
        &["score", "a.toml"][..],
        &["check", "a.toml", "--format", "json"],
    ] {
        let out = copro_in(dir.path(), args);
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert_eq!(out.status.code(), Some(2), "{said}");
        assert!(
            !said.contains("hunter2"),
            "{args:?} quotes the file: {said}"
        );
        assert!(
            said.contains("cannot use the questionnaire `./.env`")
                || said.contains("cannot use the questionnaire `.env`"),
            "{said}"
        );
    }
    let out = copro_in(dir.path(), &["score", "a.toml"]);
    assert!(
        stderr(&out).starts_with("error: a.toml:1:17: "),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn check_reads_questionnaires_only_where_it_was_asked_to_look() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path().join("repo");
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(repo.join("assessments")).expect("mkdir");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::copy("questionnaires/tlap.toml", outside.join("q.toml")).expect("copy");
    std::os::unix::fs::symlink(outside.join("q.toml"), repo.join("assessments/link.toml"))
        .expect("link");
    let named = |reference: &str| {
        example_text().replace(
            "questionnaire = \"tlap\"",
            &format!("questionnaire = \"{reference}\""),
        )
    };
    let write = |name: &str, text: String| {
        std::fs::write(repo.join("assessments").join(name), text).expect("write")
    };
    write("out.toml", named("../../outside/q.toml"));
    write("linked.toml", named("link.toml"));
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "assessments", "--no-policy", "--format", "json"];
        args.extend_from_slice(extra);
        let out = copro_in(&repo, &args);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        (out.status.code(), report)
    };
    let (code, report) = check(&[]);
    assert_eq!(code, Some(2));
    for result in report["results"].as_array().expect("results") {
        assert_eq!(result["status"], "invalid", "{result}");
        let message = result["reasons"][0]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("is outside the directories being checked"),
            "{message}"
        );
    }
    let outside_dir = outside.display().to_string();
    let (code, report) = check(&["--allow-questionnaires-in", &outside_dir]);
    assert_eq!(code, Some(0), "{report}");
    // The same allowance from the policy, relative to the policy file.
    std::fs::write(
        repo.join("copro-policy.toml"),
        "allow_questionnaires_in = [\"../outside\"]\n",
    )
    .expect("write");
    let out = copro_in(&repo, &["check", "assessments", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

// 5. Outputs that data cannot forge.

/// Text that tries to become structure in every format at once.
const EVIL: &str = "x\n::error file=forged.toml::forged\r\n  ::warning::forged ##[error]forged \u{1b}]0;title\u{7} \u{9b}31m \u{202e}kcab <script>alert(1)</script> <!-- hide | cell\n# heading\n- item\n";

/// EVIL as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Fails unless `out` (one format's whole output) holds only the structure copro wrote.
fn assert_unforged(what: &str, out: &str) {
    let github = what == "check github";
    let markdown = what.ends_with("markdown");
    for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\r'] {
        assert!(!out.contains(bad), "{what}: {bad:?} got through:\n{out}");
    }
    assert!(!out.contains("##["), "{what}: `##[` got through:\n{out}");
    for line in out.lines() {
        let trimmed = line.trim_start();
        if github && (trimmed.starts_with("::error ") || trimmed.starts_with("::warning ")) {
            // Copro's own: `::LEVEL file=F[,line=N][,col=N],title=copro check::MESSAGE`.
            let (_, rest) = trimmed.split_once(' ').unwrap_or_default();
            let (properties, _) = rest
                .split_once(",title=copro check::")
                .unwrap_or_else(|| panic!("{what}: a command copro did not write: {line}"));
            let mut properties = properties.split(',');
            let file = properties.next().unwrap_or_default();
            assert!(
                file.starts_with("file=") && !file.contains(':'),
                "{what}: {line}"
            );
            for p in properties {
                let number = p.strip_prefix("line=").or_else(|| p.strip_prefix("col="));
                assert!(
                    number.is_some_and(|n| n.parse::<usize>().is_ok()),
                    "{what}: {line}"
                );
            }
            continue;
        }
        assert!(
            !trimmed.starts_with("::"),
            "{what}: a forged command: {line}"
        );
        for forged in ["# heading", "- item", "<script", "<!--"] {
            assert!(
                !trimmed.starts_with(forged),
                "{what}: {forged} starts a line: {line}"
            );
        }
        if !markdown {
            continue;
        }
        for markup in ["<script", "<!--"] {
            for (at, _) in line.match_indices(markup) {
                assert!(
                    line[..at].ends_with('\\') || line[..at].ends_with("\\u003c"),
                    "{what}: raw {markup}: {line}"
                );
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn text_from_files_never_becomes_structure_in_any_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let checked = dir.path().join("checked");
    std::fs::create_dir(&checked).expect("mkdir");
    let questionnaire = std::fs::read_to_string("questionnaires/tlap.toml")
        .expect("tlap")
        .replacen(
            "name = \"Consultation\"",
            &format!("name = {}", toml_string(EVIL)),
            1,
        );
    std::fs::write(checked.join("q.toml"), questionnaire).expect("write");
    let assessment = example_text()
        .replace("questionnaire = \"tlap\"", "questionnaire = \"q.toml\"")
        .replace(
            "organisation = \"Riverside Home Care\"",
            &format!("organisation = {}", toml_string(EVIL)),
        )
        .replace(
            "[evidence]\n",
            &format!("[evidence]\nculture-priorities = {}\n", toml_string(EVIL)),
        );
    let name = "a\n::error file=forged::forged \u{1b}\u{7}\u{9b}\u{202e}##[error].toml";
    std::fs::write(checked.join(name), &assessment).expect("write");
    // Another file, invalid, so that problems are reported too.
    std::fs::write(checked.join(format!("b{name}")), "questionnaire = 1\n").expect("write");
    let file = format!("checked/{name}");
    let mut runs: Vec<(String, Vec<&str>)> = Vec::new();
    for format in ["table", "json", "markdown", "html"] {
        runs.push((
            format!("score {format}"),
            vec!["score", &file, "--format", format],
        ));
        runs.push((
            format!("workshop {format}"),
            vec!["workshop", &file, "--format", format],
        ));
        runs.push((
            format!("compare {format}"),
            vec!["compare", &file, &file, "--format", format],
        ));
    }
    runs.push((
        "workshop csv".into(),
        vec!["workshop", &file, "--format", "csv", "--show-names"],
    ));
    for format in ["human", "json", "github", "junit", "html", "csv"] {
        runs.push((
            format!("check {format}"),
            vec![
                "check",
                "checked",
                "--no-policy",
                "--min-rung",
                "co-production",
                "--format",
                format,
            ],
        ));
    }
    for (what, args) in runs {
        let out = copro_in(dir.path(), &args);
        assert!(
            matches!(out.status.code(), Some(0..=2)),
            "{what}: {}",
            stderr(&out)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_unforged(&what, &stdout);
        assert_unforged(&format!("{what} (stderr)"), &stderr(&out));
        if what.ends_with("json") {
            serde_json::from_str::<serde_json::Value>(&stdout).expect("still JSON");
        }
        if what == "check junit" {
            roxmltree::Document::parse(&stdout).expect("still XML");
        }
        if what.ends_with("csv") {
            let rows = csv_cells(&stdout);
            assert!(rows.len() > 1, "{what}: no rows:\n{stdout}");
            assert!(
                rows.iter().all(|row| row.len() == rows[0].len()),
                "{what}: rows of different lengths:\n{stdout}"
            );
        }
    }
}

/// Every record of a CSV text, header first, as a CSV reader sees it.
fn csv_cells(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("still CSV").iter().map(String::from).collect())
        .collect()
}

/// Text a spreadsheet would run as a formula, from every place a cell's text comes from.
const FORMULAS: [&str; 6] = [
    "=HYPERLINK(\"http://example.org\",\"open\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
];

#[test]
fn no_csv_cell_starts_a_formula_and_every_text_stays_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let [organisation, service, name, evidence, tab, cr] = FORMULAS;
    let assessment = example_text()
        .replace(
            "organisation = \"Riverside Home Care\"",
            &format!("organisation = {}", toml_string(organisation)),
        )
        .replace(
            "service = \"Home care for older people\"",
            &format!("service = {}", toml_string(service)),
        )
        .replace("name = \"Priya Shah\"", &format!("name = {}", toml_string(name)))
        .replace(
            "[evidence]\n",
            &format!(
                "[evidence]\nculture-priorities = {}\nculture-disagreement = {}\nculture-leaders = {}\n",
                toml_string(evidence),
                toml_string(tab),
                toml_string(cr)
            ),
        );
    std::fs::write(dir.path().join("=1+1.toml"), &assessment).expect("write");
    for args in [
        &["workshop", "=1+1.toml", "--format", "csv", "--show-names"][..],
        &["check", "=1+1.toml", "--no-policy", "--format", "csv"],
    ] {
        let out = copro_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let rows = csv_cells(&String::from_utf8_lossy(&out.stdout));
        for row in &rows {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{args:?}: a formula: {cell:?}"
                );
            }
        }
        let cells: Vec<&String> = rows.iter().flatten().collect();
        // The text is all there, behind an apostrophe; a tab or a carriage return is
        // dropped as in every format, and what follows is neutralised in turn.
        let expected: &[&str] = if args[0] == "check" {
            &[
                "'=1+1.toml",
                "'=HYPERLINK(\"http://example.org\",\"open\")",
                "'+1+cmd|' /C calc'!A0",
            ]
        } else {
            &["'-2+3", "'@SUM(A1:A9)", "'=1+1"]
        };
        for text in expected {
            assert!(
                cells.iter().any(|c| c == text),
                "{args:?}: no cell {text:?} in {rows:?}"
            );
        }
    }
}

// 6. Nothing the user typed is refused later.

mod typed {
    use copro::assessment::{Assessment, Date};
    use copro::interview::session::{LastSave, Respondent, Session, Setup};
    use copro::interview::{Prompt, Reply};
    use proptest::prelude::*;

    /// Text as a person might type it, or paste it: anything, and lengths about the limit.
    fn typed() -> impl Strategy<Value = String> {
        prop_oneof![
            "(?s).{0,12}",
            "[ \t\n]{0,3}",
            "[a-zé ]{1995,2005}",
            "(?s).{1995,2005}",
        ]
    }

    /// What a face might hand the session at each step: a number (an option, a rating,
    /// or a choice in the review), and a note.
    fn replies() -> impl Strategy<Value = Vec<(u8, Option<String>)>> {
        proptest::collection::vec((any::<u8>(), proptest::option::of(typed())), 0..60)
    }

    fn reply(prompt: &Prompt, pick: u8, note: Option<String>) -> Option<Reply> {
        let pick = usize::from(pick);
        Some(match prompt {
            Prompt::Question { question, .. } => match pick % 10 {
                0 => Reply::DontKnow,
                1 => Reply::Skip,
                2 => Reply::Back,
                _ => Reply::Choose(pick % question.options.len()),
            },
            Prompt::Evidence { .. } => Reply::Evidence(note),
            Prompt::Statement { scale, .. } => match pick % 6 {
                0 => Reply::Skip,
                1 => Reply::Back,
                _ => Reply::Choose(pick % scale.len()),
            },
            Prompt::Review { .. } if pick % 2 == 0 => Reply::Revisit,
            Prompt::Review { .. } => Reply::Finish,
            Prompt::Done => return None,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn every_file_the_interview_writes_loads(
            organisation in typed(),
            service in typed(),
            name in proptest::option::of(typed()),
            steps in replies(),
        ) {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("a.toml");
            let setup = Setup::new("tlap", Some("commissioner"), Some(path.clone()), false)
                .expect("set up");
            let role = setup.role().expect("given");
            let respondent = Respondent {
                organisation,
                service,
                role,
                name,
                assessed: Date { year: 2026, month: 11, day: 23 },
            };
            let Ok(mut session) = Session::start(setup, respondent, &LastSave::default()) else {
                // Refused before anything was written: nothing to load.
                prop_assert!(!path.exists());
                return Ok(());
            };
            for (pick, note) in steps {
                let Some(reply) = reply(&session.prompt(), pick, note) else { break };
                session.reply(reply).expect("saves");
                let loaded = Assessment::load(&path);
                prop_assert!(loaded.is_ok(), "{}", loaded.err().map(|e| e.to_string()).unwrap_or_default());
            }
            let loaded = Assessment::load(&path);
            prop_assert!(loaded.is_ok(), "{}", loaded.err().map(|e| e.to_string()).unwrap_or_default());
        }
    }
}

// 7. Policy mistakes are loud.

#[test]
fn policy_mistakes_are_reported_once_at_their_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let policy = dir.path().join("copro-policy.toml");
    std::fs::write(
        &policy,
        "[questionnaires.tlpa]\nmin_rung = \"co-design\"\n\n[questionnaires.hart]\nmin_rung = \"tokenizm\"\n",
    )
    .expect("write");
    let examples = std::fs::canonicalize("examples/assessments").expect("examples");
    let examples = examples.to_str().expect("a UTF-8 path");
    let out = copro_in(dir.path(), &["check", examples, "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let results = report["results"].as_array().expect("results");
    let invalid: Vec<_> = results
        .iter()
        .filter(|r| r["status"] == "invalid")
        .collect();
    assert_eq!(invalid.len(), 1, "once, not once per assessment: {report}");
    assert_eq!(invalid[0]["file"], "copro-policy.toml");
    let places: Vec<_> = invalid[0]["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|r| (r["line"].clone(), r["column"].clone()))
        .collect();
    assert_eq!(
        places,
        [(1.into(), 17.into()), (5.into(), 12.into())],
        "{report}"
    );
    let junit = copro_in(dir.path(), &["check", examples, "--format", "junit"]);
    let xml = String::from_utf8_lossy(&junit.stdout);
    let doc = roxmltree::Document::parse(&xml).expect("XML");
    let errors: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .filter_map(|n| n.parent())
        .filter_map(|case| case.attribute("name"))
        .collect();
    assert_eq!(errors, ["copro-policy.toml"]);
}

#[test]
fn out_of_range_numbers_in_a_policy_say_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (days, said) in [
        (
            "5000000000",
            "`max_age_days` is 5000000000; the most copro takes is 4294967295",
        ),
        ("-1", "`max_age_days` is -1; it must be 0 or more"),
        (
            "9223372036854775808",
            "the number is too large: write a smaller whole number",
        ),
    ] {
        std::fs::write(
            dir.path().join("copro-policy.toml"),
            format!("max_age_days = {days}\n"),
        )
        .expect("write");
        let out = copro_in(dir.path(), &["check", "."]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.starts_with("error: copro-policy.toml:1:16: "), "{err}");
        assert!(err.contains(said), "{err}");
        assert!(!err.contains("fix the TOML syntax"), "{err}");
    }
}
