//! Assessments answered on an earlier version of a questionnaire keep their meaning: copies
//! of the examples as answered on `tlap` and `hart` 1.0.0 keep the placements recorded when
//! they were made, whatever version is in use now, alone and as a workshop.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.0.0")
}

/// Runs copro in the fixtures' directory; its JSON output.
fn json(args: &[&str]) -> Value {
    common::json_in(&fixtures(), args)
}

/// The overall placement and each area's, as recorded in placements.json.
fn placements(result: &Value) -> Value {
    let areas: serde_json::Map<String, Value> = result["areas"]
        .as_array()
        .expect("areas")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().expect("area id").to_string(),
                a["placement"].clone(),
            )
        })
        .collect();
    serde_json::json!({ "placement": result["placement"], "areas": areas })
}

fn recorded() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(fixtures().join("placements.json")).expect("recorded");
    match serde_json::from_str(&text).expect("JSON") {
        Value::Object(map) => map,
        other => panic!("placements.json is not an object: {other}"),
    }
}

#[test]
fn every_assessment_answered_on_1_0_0_keeps_its_placement() {
    let recorded = recorded();
    let mut checked = 0;
    for (file, expected) in &recorded {
        if !file.ends_with(".toml") {
            continue;
        }
        let result = json(&["score", file, "--format", "json"]);
        assert_eq!(&placements(&result), expected, "{file}");
        assert_eq!(result["questionnaire"]["version"], "1.0.0", "{file}");
        checked += 1;
    }
    let on_disk = ["assessments", "progress", "workshop"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(fixtures().join(dir)).expect("fixture dir"))
        .count();
    assert_eq!(
        checked, on_disk,
        "every stored file has a recorded placement"
    );
    assert!(checked >= 14);
}

#[test]
fn a_workshop_of_1_0_0_answers_keeps_its_combined_placement() {
    let recorded = recorded();
    let mut files: Vec<String> = std::fs::read_dir(fixtures().join("workshop"))
        .expect("fixture dir")
        .map(|e| {
            format!(
                "workshop/{}",
                e.expect("entry").file_name().to_string_lossy()
            )
        })
        .collect();
    files.sort();
    let mut args = vec!["workshop", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let result = json(&args);
    assert_eq!(&placements(&result), &recorded["workshop (combined)"]);
}

/// An assessment that names a kept version but another fingerprint was not answered on the
/// version copro keeps: one note says so, and none claims it is scored as answered.
#[test]
fn a_kept_version_that_changed_since_gets_one_note_that_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(fixtures().join("assessments/riverside-home-care.toml"))
        .expect("fixture");
    let changed = text.replacen(
        "questionnaire_fingerprint = \"",
        "questionnaire_fingerprint = \"0000",
        1,
    );
    assert_ne!(changed, text, "the fixture records a fingerprint");
    std::fs::write(dir.path().join("changed.toml"), changed).expect("write");
    let out = common::copro_in(dir.path(), &["score", "changed.toml", "--format", "json"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    let notes: Vec<&str> = said.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(notes.len(), 1, "{said}");
    assert!(
        notes[0].contains("tlap 1.0.0 has changed since changed.toml was answered")
            && notes[0].contains("matched by question id to the kept tlap 1.0.0"),
        "{said}"
    );
    assert!(
        !said.contains("scored on that version, as answered"),
        "{said}"
    );
    let result: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    assert_eq!(result["questionnaire"]["version"], "1.0.0");
}
