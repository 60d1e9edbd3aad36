//! Command-line behaviour that snapshot files cannot express well: the JSON contracts,
//! enormous and hostile input, and colour.

use std::path::Path;

use serde_json::Value;

mod common;
use common::{copro, json};

fn examples() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("examples/assessments")
        .expect("examples exist")
        .map(|e| e.expect("entry").path().display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn questionnaire_json_lists_every_option_with_its_rung() {
    for id in ["tlap", "hart"] {
        let q = json(&["questionnaire", "show", id, "--format", "json"]);
        let rungs: Vec<&str> = q["rungs"]
            .as_array()
            .expect("rungs")
            .iter()
            .map(|r| r["id"].as_str().expect("id"))
            .collect();
        for (level, rung) in q["rungs"].as_array().expect("rungs").iter().enumerate() {
            assert_eq!(rung["level"], level);
            assert!(rung["name"].is_string());
        }
        let areas: Vec<&str> = q["areas"]
            .as_array()
            .expect("areas")
            .iter()
            .map(|a| a["id"].as_str().expect("id"))
            .collect();
        let mut reached = vec![false; rungs.len()];
        for question in q["questions"].as_array().expect("questions") {
            assert!(areas.contains(&question["area"].as_str().expect("area")));
            assert!(question["prompt"].as_str().is_some_and(|p| !p.is_empty()));
            for option in question["options"].as_array().expect("options") {
                let rung = option["rung"]
                    .as_str()
                    .expect("every option names its rung");
                let level = rungs.iter().position(|r| *r == rung).expect("a known rung");
                reached[level] = true;
                assert!(option["id"].is_string() && option["text"].is_string());
            }
        }
        assert!(reached.iter().all(|&r| r), "{id}: every rung is reachable");
        for s in q["statements"].as_array().expect("statements") {
            assert!(["i", "we"].contains(&s["voice"].as_str().expect("voice")));
            assert!(s["theme"].is_string() && s["text"].is_string());
        }
        assert!(!q["roles"].as_array().expect("roles").is_empty());
    }
}

#[test]
fn bundled_content_meets_its_minimums() {
    let tlap = json(&["questionnaire", "show", "tlap", "--format", "json"]);
    assert_eq!(tlap["rungs"].as_array().map(Vec::len), Some(7));
    for area in ["culture", "structure", "practice", "review"] {
        let n = tlap["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .filter(|q| q["area"] == area)
            .count();
        assert!(n >= 5, "tlap {area} has {n} questions");
    }
    let themes = tlap["themes"].as_array().expect("themes");
    assert_eq!(themes.len(), 6);
    for theme in themes {
        for voice in ["i", "we"] {
            let n = tlap["statements"]
                .as_array()
                .expect("statements")
                .iter()
                .filter(|s| s["theme"] == theme["id"] && s["voice"] == voice)
                .count();
            assert!(n >= 2, "theme {} has {n} {voice} statements", theme["id"]);
        }
    }
    // The four "I" and four "We" statements of the TLAP guidance, word for word.
    let quoted: Vec<&str> = tlap["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .filter(|s| s["quoted"] == true)
        .map(|s| s["text"].as_str().expect("text"))
        .collect();
    for text in [
        "I am valued for the contribution I make to my community",
        "I am supported by people who see me as a unique person with strengths, abilities and aspirations",
        "I am treated with respect and dignity",
        "I have opportunities to help shape the services the Council provide",
        "We work with people as equal partners and combine our respective knowledge and experience to support joint decision-making",
        "We work in partnership with others",
        "We look for ways to involve people in their communities, so they feel included and valued for their contribution",
        "We have a 'can do' approach which focusses on what matters to people",
    ] {
        assert!(quoted.contains(&text), "missing: {text}");
    }
    let hart = json(&["questionnaire", "show", "hart", "--format", "json"]);
    assert_eq!(hart["rungs"].as_array().map(Vec::len), Some(8));
    assert!(hart["questions"].as_array().map(Vec::len) >= Some(12));
}

#[test]
fn score_json_follows_the_contract_on_every_example() {
    let mut placed = std::collections::BTreeSet::new();
    for file in examples() {
        let s = json(&["score", &file, "--format", "json"]);
        assert!(s["questionnaire"]["id"].is_string() && s["questionnaire"]["version"].is_string());
        match &s["placement"] {
            Value::Null => {}
            p => {
                assert!(p["rung"].is_string() && p["name"].is_string() && p["level"].is_u64());
                placed.insert(p["rung"].as_str().expect("rung").to_string());
            }
        }
        for area in s["areas"].as_array().expect("areas") {
            assert!(area["id"].is_string() && area["name"].is_string());
            assert!(area["answered"].as_u64() <= area["total"].as_u64());
            assert!(area["placement"].is_null() || area["placement"]["level"].is_u64());
        }
        assert!(s["themes"].is_array());
        let steps = s["next_steps"].as_array().expect("next steps");
        assert!(!steps.is_empty() && steps.iter().all(|step| step["text"].is_string()));
    }
    assert!(
        placed.len() >= 3,
        "the examples show at least three placements: {placed:?}"
    );
}

#[test]
fn an_enormous_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.toml");
    let title = "x".repeat(5 * 1024 * 1024);
    std::fs::write(&path, format!("id = \"huge\"\ntitle = \"{title}\"\n")).expect("write");
    let out = copro(&["questionnaire", "validate", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("huge.toml") && stderr.contains("MiB"),
        "{stderr}"
    );
    assert!(stderr.len() < 1000);
}

#[test]
fn an_enormous_string_is_reported_briefly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.toml");
    let base = std::fs::read_to_string("tests/cmd/questionnaire-validate.in/minimal.toml")
        .expect("fixture");
    let long = "Who decides? ".repeat(60_000);
    std::fs::write(&path, base.replace("Who makes the plans?", &long)).expect("write");
    let out = copro(&["questionnaire", "validate", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is 779999 characters long; the limit is 2000"),
        "{stderr}"
    );
    assert!(stderr.len() < 2000, "the message stays short");
}

#[test]
fn control_characters_in_data_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = dir.path().join("q.toml");
    let base = std::fs::read_to_string("tests/cmd/questionnaire-validate.in/minimal.toml")
        .expect("fixture");
    std::fs::write(
        &q,
        base.replace(
            "A minimal ladder",
            "A \\u001b[31mred\\u001b[0m ladder\\u0007",
        ),
    )
    .expect("write");
    let a = dir.path().join("a.toml");
    std::fs::write(
        &a,
        "questionnaire = \"q.toml\"\nquestionnaire_version = \"1.0.0\"\norganisation = \"Evil \\u001b]0;owned\\u0007 Ltd\"\nservice = \"x\"\nassessed = 2026-01-01\n[respondent]\nrole = \"staff\"\n[answers]\nplans = \"together\"\nchecks = \"joint\"\n",
    )
    .expect("write");
    for args in [
        vec!["questionnaire", "show", q.to_str().expect("path")],
        vec![
            "questionnaire",
            "show",
            q.to_str().expect("path"),
            "--format",
            "toml",
        ],
        vec!["score", a.to_str().expect("path")],
        vec!["score", a.to_str().expect("path"), "--format", "markdown"],
    ] {
        let out = copro(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let all = [out.stdout, out.stderr].concat();
        assert!(
            !all.iter().any(|&b| b == 0x1b || b == 0x07),
            "{args:?} printed a control character"
        );
    }
    // In JSON the text arrives as it was bound: the words kept, the control characters
    // gone, so a program that prints a field cannot be made to move the cursor either.
    let s = json(&["score", a.to_str().expect("path"), "--format", "json"]);
    assert_eq!(s["organisation"], "Evil ]0;owned Ltd");
    assert_eq!(s["questionnaire"]["title"], "A [31mred[0m ladder");
}

#[test]
fn output_to_a_pipe_has_no_colour() {
    for file in examples() {
        let out = copro(&["score", &file]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{file}: a result is printed");
        assert!(!out.stdout.contains(&0x1b), "{file}");
    }
}

#[test]
fn examples_name_their_questionnaire_by_bundled_id() {
    assert!(Path::new("examples/assessments").is_dir());
    let hart = examples()
        .into_iter()
        .filter(|f| {
            std::fs::read_to_string(f).is_ok_and(|t| t.contains("questionnaire = \"hart\""))
        })
        .count();
    assert!(hart >= 1, "one example is on Hart's ladder");
}

#[test]
fn the_readme_assessment_example_scores() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let start = readme
        .find("```toml\nquestionnaire = ")
        .expect("the README shows an assessment")
        + "```toml\n".len();
    let example = &readme[start..start + readme[start..].find("```").expect("closed block")];
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("example.toml");
    std::fs::write(&path, example).expect("write");
    let out = copro(&["score", path.to_str().expect("path"), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
