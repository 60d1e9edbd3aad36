//! `copro check` over a tree of stored assessments: every gate, the policy file and its
//! override by flags, every format (JSON and JUnit parsed), and the exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const TODAY: &str = "2026-11-23";

fn example(name: &str) -> String {
    std::fs::read_to_string(Path::new("examples/assessments").join(name)).expect("example")
}

/// The version of the bundled tlap questionnaire in use, which the examples are answered on.
fn tlap_version() -> String {
    match copro::questionnaire::bundled("tlap") {
        Some(Ok(q)) => q.version,
        _ => panic!("tlap is bundled and valid"),
    }
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A repository of assessments: passing, failing and invalid ones in nested directories,
/// with other files beside them.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    // Informing overall and in culture (practice alone on Consultation); assessed 2026-09-14,
    // evidence on its one top answer.
    write(
        d,
        "assessments/riverside.toml",
        &example("riverside-home-care.toml"),
    );
    // Co-design overall, many top answers without evidence.
    write(
        d,
        "assessments/councils/northgate.toml",
        &example("northgate-council-adult-social-care.toml"),
    );
    // An old one.
    write(
        d,
        "assessments/councils/2024/northgate-old.toml",
        &example("northgate-council-adult-social-care.toml")
            .replace("assessed = 2026-10-02", "assessed = 2024-10-02"),
    );
    // A broken one: an option that does not exist.
    write(
        d,
        "assessments/broken/riverside-typo.toml",
        &example("riverside-home-care.toml")
            .replace("culture-priorities = \"", "culture-priorities = \"x-"),
    );
    // Things that are not assessments.
    write(
        d,
        "assessments/notes.toml",
        "title = \"Notes for the quarterly review\"\n",
    );
    write(d, "assessments/README.md", "# Assessments\n");
    write(d, "assessments/.drafts/draft.toml", "not even TOML");
    dir
}

fn copro(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copro"))
        .current_dir(cwd)
        .args(args)
        .args(["--today", TODAY])
        .env_remove("NO_COLOR")
        .output()
        .expect("copro runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(cwd: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = copro(cwd, &all);
    let value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    (out.status.code(), value)
}

/// The status of each file, by its name.
fn statuses(report: &Value) -> Vec<(String, String)> {
    report["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let file = PathBuf::from(r["file"].as_str().expect("file"));
            let name = file
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, r["status"].as_str().expect("status").to_string())
        })
        .collect()
}

fn reasons(report: &Value, name: &str) -> Vec<String> {
    report["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with(name)))
        .map(|r| {
            r["reasons"]
                .as_array()
                .expect("reasons")
                .iter()
                .map(|x| x["message"].as_str().expect("message").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_file_is_reported_and_one_bad_file_stops_nothing() {
    let repo = repository();
    let (code, report) = json(repo.path(), &["check", "assessments"]);
    assert_eq!(code, Some(2), "an invalid file makes the exit code 2");
    assert_eq!(
        statuses(&report),
        [
            ("riverside-typo.toml".into(), "invalid".into()),
            ("northgate-old.toml".into(), "pass".into()),
            ("northgate.toml".into(), "pass".into()),
            ("riverside.toml".into(), "pass".into()),
        ],
        "sorted by path; notes.toml is skipped, .drafts and README.md are not looked at"
    );
    assert_eq!(
        report["summary"],
        serde_json::json!({"passed": 3, "failed": 0, "invalid": 1, "skipped": 1})
    );
    let invalid = &report["results"][0]["reasons"][0];
    assert!(
        invalid["message"]
            .as_str()
            .is_some_and(|m| m.contains("is not a known option for question `culture-priorities`"))
    );
    assert_eq!(invalid["line"], 13);
    assert!(
        invalid["column"].is_u64()
            && invalid["help"]
                .as_str()
                .is_some_and(|h| h.starts_with("use one of"))
    );
}

#[test]
fn exit_codes_follow_the_worst_result() {
    let repo = repository();
    let d = repo.path();
    assert_eq!(
        copro(d, &["check", "assessments/riverside.toml"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        copro(
            d,
            &[
                "check",
                "assessments/riverside.toml",
                "--min-rung",
                "engagement"
            ]
        )
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        copro(d, &["check", "assessments", "--min-rung", "engagement"])
            .status
            .code(),
        Some(2)
    );
    let empty = d.join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    let out = copro(d, &["check", "empty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no assessments found in empty"));
    let out = copro(d, &["check", "assessments/notes.toml"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a file named on the command line is always checked"
    );
}

#[test]
fn the_minimum_rung_overall_and_per_area() {
    let repo = repository();
    let d = repo.path();
    let (code, report) = json(
        d,
        &[
            "check",
            "assessments/riverside.toml",
            "assessments/councils/northgate.toml",
            "--min-rung",
            "engagement",
        ],
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        reasons(&report, "riverside.toml"),
        ["overall: placed on Informing, below the minimum Engagement"]
    );
    assert!(reasons(&report, "northgate.toml").is_empty());
    let (code, report) = json(
        d,
        &[
            "check",
            "assessments/riverside.toml",
            "--min-area",
            "culture=consultation",
            "--min-area",
            "practice=consultation",
        ],
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        reasons(&report, "riverside.toml"),
        ["Culture: placed on Informing, below the minimum Consultation"]
    );
    // A rule that does not fit the questionnaire is a wrong call, not a failed assessment:
    // reported once, as the flag's own result, after the files.
    let (code, report) = json(
        d,
        &[
            "check",
            "assessments/riverside.toml",
            "--min-area",
            "finance=consultation",
        ],
    );
    assert_eq!(code, Some(2));
    assert_eq!(report["results"][0]["status"], "pass");
    assert_eq!(report["results"][1]["file"], "--min-area");
    assert_eq!(report["results"][1]["status"], "invalid");
    assert!(reasons(&report, "--min-area")[0].contains("area `finance`, which tlap does not have"));
    let (code, _) = json(
        d,
        &[
            "check",
            "assessments/riverside.toml",
            "--min-rung",
            "consultaton",
        ],
    );
    assert_eq!(code, Some(2), "a misspelt rung");
    let out = copro(d, &["check", "assessments", "--min-area", "culture"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not AREA=RUNG"));
}

#[test]
fn age_evidence_and_questionnaire_version() {
    let repo = repository();
    let d = repo.path();
    let (code, report) = json(d, &["check", "assessments/councils", "--max-age", "365"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        reasons(&report, "northgate-old.toml"),
        ["assessed on 2024-10-02, 782 days ago: the policy allows 365"]
    );
    assert!(reasons(&report, "northgate.toml").is_empty());

    let (_, report) = json(
        d,
        &[
            "check",
            "assessments/councils/northgate.toml",
            "assessments/riverside.toml",
            "--require-evidence",
        ],
    );
    let missing = reasons(&report, "northgate.toml");
    assert_eq!(missing.len(), 9, "{missing:?}");
    assert_eq!(
        missing[0],
        "`culture-disagreement` is answered on Co-design with no evidence note: add one under [evidence]"
    );
    assert!(
        reasons(&report, "riverside.toml").is_empty(),
        "its one top answer has evidence"
    );

    write(
        d,
        "old-version.toml",
        &example("riverside-home-care.toml").replace(
            &format!("questionnaire_version = \"{}\"", tlap_version()),
            "questionnaire_version = \"0.9.0\"",
        ),
    );
    let (code, report) = json(d, &["check", "old-version.toml"]);
    assert_eq!(code, Some(0), "warn is the default");
    assert!(
        report["results"][0]["warnings"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("answered against tlap 0.9.0"))
    );
    let (code, _) = json(d, &["check", "old-version.toml", "--other-version", "fail"]);
    assert_eq!(code, Some(1));
    let (code, report) = json(
        d,
        &["check", "old-version.toml", "--other-version", "accept"],
    );
    assert_eq!(code, Some(0));
    assert_eq!(report["results"][0]["warnings"], serde_json::json!([]));
}

#[test]
fn a_policy_file_is_picked_up_and_flags_override_it() {
    let repo = repository();
    let d = repo.path();
    write(
        d,
        "copro-policy.toml",
        "min_rung = \"co-design\"\nmax_age_days = 365\n",
    );
    let (code, report) = json(
        d,
        &[
            "check",
            "assessments/riverside.toml",
            "assessments/councils",
        ],
    );
    assert_eq!(code, Some(1));
    assert_eq!(report["policy"]["file"], "copro-policy.toml");
    assert_eq!(report["policy"]["min_rung"], "co-design");
    assert_eq!(
        statuses(&report)
            .iter()
            .filter(|(_, s)| s == "fail")
            .count(),
        2,
        "riverside is too low, the old one too old"
    );
    // A flag overrides the file's rung; the file's age limit still holds.
    let (_, report) = json(
        d,
        &[
            "check",
            "assessments/riverside.toml",
            "assessments/councils",
            "--min-rung",
            "informing",
        ],
    );
    assert_eq!(
        statuses(&report)
            .iter()
            .filter(|(_, s)| s == "fail")
            .count(),
        1
    );
    assert_eq!(reasons(&report, "northgate-old.toml").len(), 1);
    // --no-policy ignores it; --policy names another.
    let (code, _) = json(d, &["check", "assessments/councils", "--no-policy"]);
    assert_eq!(code, Some(0));
    write(d, "ci/strict.toml", "min_rung = \"co-production\"\n");
    let (code, report) = json(
        d,
        &[
            "check",
            "assessments/councils",
            "--policy",
            "ci/strict.toml",
        ],
    );
    assert_eq!(code, Some(1));
    assert_eq!(report["policy"]["file"], "ci/strict.toml");
}

#[test]
fn a_policy_for_one_questionnaire_applies_to_its_assessments_only() {
    let repo = repository();
    let d = repo.path();
    write(
        d,
        "assessments/youth/brightside.toml",
        &example("brightside-youth-service-hart.toml"),
    );
    write(
        d,
        "copro-policy.toml",
        "min_rung = \"informing\"\n[questionnaires.hart]\nmin_rung = \"adult-initiated\"\n",
    );
    let (_, report) = json(
        d,
        &["check", "assessments/youth", "assessments/riverside.toml"],
    );
    assert_eq!(reasons(&report, "riverside.toml"), Vec::<String>::new());
    assert_eq!(
        reasons(&report, "brightside.toml"),
        [
            "overall: placed on Assigned but informed, below the minimum Adult-initiated, shared decisions with children"
        ]
    );
}

#[test]
fn a_broken_policy_is_refused_with_its_place() {
    let repo = repository();
    let d = repo.path();
    write(
        d,
        "copro-policy.toml",
        "min_rung = \"consultation\"\nmax_age_days = \"a year\"\n",
    );
    let out = copro(d, &["check", "assessments"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("copro-policy.toml:2:16: invalid type: string \"a year\", expected"),
        "{err}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing is checked under a broken policy"
    );
}

#[test]
fn human_output_has_a_line_per_file_and_a_summary() {
    let repo = repository();
    let out = copro(
        repo.path(),
        &["check", "assessments", "--min-rung", "engagement"],
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("INVALID assessments/broken/riverside-typo.toml"),
        "{text}"
    );
    assert!(text.contains("FAIL    assessments/riverside.toml  Riverside Home Care · Informing\n        - overall: placed on Informing, below the minimum Engagement\n"), "{text}");
    assert!(
        text.contains("PASS    assessments/councils/northgate.toml  Northgate Council · Co-design")
    );
    assert_eq!(
        lines.last(),
        Some(
            &"4 assessments checked: 2 passed, 1 failed, 1 invalid (skipped 1 TOML file that is not an assessment)"
        )
    );
    assert!(!text.contains('\x1b'), "no colour in a pipe");
}

#[test]
fn github_output_annotates_the_lines() {
    let repo = repository();
    let out = copro(
        repo.path(),
        &[
            "check",
            "assessments",
            "--max-age",
            "365",
            "--format",
            "github",
        ],
    );
    let text = stdout(&out);
    assert!(text.contains("::error file=assessments/councils/2024/northgate-old.toml,line=6,title=copro check::assessed on 2024-10-02, 782 days ago: the policy allows 365\n"), "{text}");
    assert!(text.contains("::error file=assessments/broken/riverside-typo.toml,line=13,col=22,title=copro check::invalid assessment: `x-comments-on-draft` is not a known option"), "{text}");
    assert!(text.contains("pass: assessments/riverside.toml"));
}

#[test]
fn junit_output_is_xml_with_a_test_case_per_file() {
    let repo = repository();
    let out = copro(
        repo.path(),
        &[
            "check",
            "assessments",
            "--min-rung",
            "engagement",
            "--format",
            "junit",
        ],
    );
    let text = stdout(&out);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("a suite");
    assert_eq!(suite.attribute("tests"), Some("4"));
    assert_eq!(suite.attribute("failures"), Some("1"));
    assert_eq!(suite.attribute("errors"), Some("1"));
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 4);
    let failed = cases
        .iter()
        .find(|c| c.attribute("name") == Some("assessments/riverside.toml"))
        .expect("riverside");
    let failure = failed
        .children()
        .find(|n| n.has_tag_name("failure"))
        .expect("a failure");
    assert_eq!(
        failure.attribute("message"),
        Some("overall: placed on Informing, below the minimum Engagement")
    );
    let broken = cases
        .iter()
        .find(|c| {
            c.attribute("name")
                .is_some_and(|n| n.ends_with("riverside-typo.toml"))
        })
        .expect("typo");
    assert!(broken.children().any(|n| n.has_tag_name("error")));
}

#[test]
fn an_assessment_of_a_questionnaire_of_ones_own_is_found_relative_to_it() {
    let repo = repository();
    let d = repo.path();
    let minimal = std::fs::read_to_string("tests/cmd/questionnaire-validate.in/minimal.toml")
        .expect("fixture");
    write(d, "team/questionnaire.toml", &minimal);
    write(
        d,
        "team/2026/q3.toml",
        "questionnaire = \"../questionnaire.toml\"\nquestionnaire_version = \"1.0.0\"\norganisation = \"Elm\"\nservice = \"S\"\nassessed = 2026-08-01\n[respondent]\nrole = \"staff\"\n[answers]\nplans = \"comments\"\nchecks = \"survey\"\n",
    );
    let (code, report) = json(d, &["check", "team", "--min-rung", "asked"]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(statuses(&report), [("q3.toml".into(), "pass".into())]);
    assert_eq!(
        report["summary"]["skipped"], 1,
        "the questionnaire file beside it is skipped"
    );
}

#[test]
fn a_reader_that_stops_early_does_not_leave_copro_waiting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = example("riverside-home-care.toml");
    for i in 0..3000 {
        write(dir.path(), &format!("many/{}/{i:04}.toml", i % 7), &text);
    }
    // The last file is broken: the exit code must say so even though nobody reads that far.
    write(
        dir.path(),
        "many/zz/broken.toml",
        &text.replace("culture-priorities = \"", "culture-priorities = \"x-"),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_copro"))
        .current_dir(dir.path())
        .args(["check", "many"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("copro runs");
    let mut first = String::new();
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    std::io::BufRead::read_line(&mut stdout, &mut first).expect("a line");
    assert!(first.starts_with("PASS    many/0/0000.toml"), "{first}");
    drop(stdout);
    // copro must notice the closed pipe and end; a minute is far more than it needs.
    for _ in 0..600 {
        if let Some(status) = child.try_wait().expect("status") {
            let mut stderr = String::new();
            let pipe = child.stderr.as_mut().expect("stderr");
            std::io::Read::read_to_string(pipe, &mut stderr).expect("stderr");
            // Every file was checked, the broken last one included: 2, invalid; and not
            // because the report could not be written.
            assert_eq!(status.code(), Some(2), "{status:?}; {stderr}");
            assert_eq!(stderr, "", "a reader that goes is not an error");
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("copro kept running after its reader stopped");
}
