//! `copro schema KIND`: the JSON Schemas an editor checks TOML files with. Every file copro
//! ships validates against its kind's schema, and a file copro refuses for its shape (an
//! unknown key, a wrong type, a missing field) is refused by the schema too. Files are
//! handed to the schema as a TOML language server hands them: converted to JSON, a date
//! as its text.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The schema `copro schema KIND` prints.
fn schema(kind: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_copro"))
        .args(["schema", kind])
        .output()
        .expect("copro runs");
    assert_eq!(out.status.code(), Some(0), "copro schema {kind}");
    serde_json::from_slice(&out.stdout).expect("the schema is JSON")
}

fn validator(kind: &str) -> jsonschema::Validator {
    jsonschema::draft7::new(&schema(kind)).expect("a valid draft 7 schema")
}

/// A TOML value as JSON, the way an editor's TOML language server hands it to a schema.
fn json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, json(v))).collect())
        }
    }
}

fn toml_as_json(text: &str) -> Value {
    json(toml::Value::Table(
        toml::from_str::<toml::Table>(text).expect("TOML"),
    ))
}

/// Every `.toml` file under `dir`, at any depth.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a directory").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(toml_files(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Fails with every schema error when `text` does not validate.
fn assert_valid(validator: &jsonschema::Validator, what: &Path, text: &str) {
    let instance = toml_as_json(text);
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{}: {}",
        what.display(),
        errors.join("\n")
    );
}

#[test]
fn every_bundled_questionnaire_validates() {
    let validator = validator("questionnaire");
    let files = toml_files(Path::new("questionnaires"));
    assert!(files.len() >= 2, "the bundled questionnaires: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        assert_valid(&validator, &file, &text);
    }
}

#[test]
fn every_example_assessment_and_the_example_policy_validate() {
    let assessment = validator("assessment");
    let policy = validator("policy");
    let mut assessments = 0;
    for file in toml_files(Path::new("examples")) {
        let text = std::fs::read_to_string(&file).expect("read");
        if file.file_name().is_some_and(|n| n == "copro-policy.toml") {
            assert_valid(&policy, &file, &text);
        } else {
            assert_valid(&assessment, &file, &text);
            assessments += 1;
        }
    }
    assert!(assessments >= 10, "the example assessments: {assessments}");
    // Every setting of a policy is optional.
    assert_valid(&policy, Path::new("an empty policy"), "");
}

/// What copro says of a file: its exit code and stderr, run as the file's kind is read.
fn copro_on(kind: &str, file: &Path) -> (Option<i32>, String) {
    let file = file.to_str().expect("a UTF-8 path");
    let args: Vec<&str> = match kind {
        "questionnaire" => vec!["questionnaire", "validate", file],
        "assessment" => vec!["score", file],
        _ => vec![
            "check",
            "--policy",
            file,
            "examples/assessments/riverside-home-care.toml",
        ],
    };
    let out = Command::new(env!("CARGO_BIN_EXE_copro"))
        .args(&args)
        .env("NO_COLOR", "1")
        .output()
        .expect("copro runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A shipped file with one change that breaks its shape, and what copro should say.
struct Broken {
    kind: &'static str,
    from: &'static str,
    replace: &'static str,
    with: &'static str,
    /// Words of copro's message.
    says: &'static str,
}

const BROKEN: &[Broken] = &[
    Broken {
        kind: "questionnaire",
        from: "questionnaires/tlap.toml",
        replace: "\n[[sources]]",
        with: "\ncolour = \"red\"\n[[sources]]",
        says: "unknown field `colour`",
    },
    Broken {
        kind: "questionnaire",
        from: "questionnaires/tlap.toml",
        replace: "lived_experience = true",
        with: "lived_experience = true\nage = 40",
        says: "unknown field `age`",
    },
    Broken {
        kind: "questionnaire",
        from: "questionnaires/tlap.toml",
        replace: "lived_experience = true",
        with: "lived_experience = \"yes\"",
        says: "invalid type",
    },
    Broken {
        kind: "questionnaire",
        // A kept earlier version never changes, so its version line is always there.
        from: "questionnaires/archive/tlap-1.0.0.toml",
        replace: "version = \"1.0.0\"",
        with: "version = 1",
        says: "invalid type",
    },
    Broken {
        kind: "questionnaire",
        from: "questionnaires/tlap.toml",
        replace: "\nrung = \"coercion\"",
        with: "",
        says: "missing field `rung`",
    },
    Broken {
        kind: "assessment",
        from: "examples/assessments/riverside-home-care.toml",
        replace: "\n[respondent]",
        with: "\ncolour = \"red\"\n[respondent]",
        says: "unknown field `colour`",
    },
    Broken {
        kind: "assessment",
        from: "examples/assessments/riverside-home-care.toml",
        replace: "[respondent]\n",
        with: "[respondent]\nage = 40\n",
        says: "unknown field `age`",
    },
    Broken {
        kind: "assessment",
        from: "examples/assessments/riverside-home-care.toml",
        replace: "organisation = \"Riverside Home Care\"",
        with: "organisation = 3",
        says: "invalid type",
    },
    Broken {
        kind: "assessment",
        from: "examples/assessments/riverside-home-care.toml",
        replace: "culture-priorities = \"comments-on-draft\"",
        with: "culture-priorities = 2",
        says: "invalid type",
    },
    Broken {
        kind: "assessment",
        from: "examples/assessments/riverside-home-care.toml",
        replace: "service = \"Home care for older people\"\n",
        with: "",
        says: "missing field `service`",
    },
    Broken {
        kind: "policy",
        from: "examples/copro-policy.toml",
        replace: "min_rung = \"consultation\"",
        with: "min_rungs = \"consultation\"",
        says: "unknown field `min_rungs`",
    },
    Broken {
        kind: "policy",
        from: "examples/copro-policy.toml",
        replace: "max_age_days = 730",
        with: "max_age_days = \"730\"",
        says: "invalid type",
    },
    Broken {
        kind: "policy",
        from: "examples/copro-policy.toml",
        replace: "[questionnaires.hart]\n",
        with: "[questionnaires.hart]\nmax_age_days = 30\n",
        says: "unknown field `max_age_days`",
    },
];

#[test]
fn a_file_copro_refuses_for_its_shape_is_refused_by_the_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    for broken in BROKEN {
        let what = format!("{} with `{}`", broken.from, broken.with.trim());
        let text = std::fs::read_to_string(broken.from).expect("read");
        assert!(text.contains(broken.replace), "{what}: nothing to replace");
        let text = text.replacen(broken.replace, broken.with, 1);
        let file = dir.path().join(format!("{}.toml", broken.kind));
        std::fs::write(&file, &text).expect("write");

        let (code, said) = copro_on(broken.kind, &file);
        assert_eq!(code, Some(2), "{what}: copro says {said}");
        assert!(said.contains(broken.says), "{what}: copro says {said}");

        let instance = toml_as_json(&text);
        assert!(
            !validator(broken.kind).is_valid(&instance),
            "{what}: the schema takes it"
        );
    }
}

/// Every key of `schema` (a property, at any depth) and where it is.
fn properties<'s>(at: &str, schema: &'s Value, found: &mut Vec<(String, &'s Value)>) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map {
                if key == "properties" {
                    for (name, property) in value.as_object().into_iter().flatten() {
                        found.push((format!("{at}.{name}"), property));
                    }
                }
                properties(&format!("{at}/{key}"), value, found);
            }
        }
        Value::Array(items) => {
            for item in items {
                properties(at, item, found);
            }
        }
        _ => {}
    }
}

#[test]
fn every_key_has_a_description_for_the_editor_to_show() {
    for kind in ["questionnaire", "assessment", "policy"] {
        let schema = schema(kind);
        assert!(
            schema["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "{kind}: no description of the file"
        );
        let mut found = Vec::new();
        properties(kind, &schema, &mut found);
        assert!(found.len() > 5, "{kind}: {} keys", found.len());
        for (name, property) in found {
            assert!(
                property["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{name} has no description: {property}"
            );
        }
    }
}

/// Removes every line of `text` that starts with one of `keys` followed by ` = `.
fn without(text: &str, keys: &[&str]) -> String {
    text.lines()
        .filter(|line| !keys.iter().any(|k| line.starts_with(&format!("{k} = "))))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn a_file_without_its_optional_keys_is_taken_by_copro_and_by_the_schema() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "questionnaire",
            "questionnaires/tlap.toml",
            &["help", "quoted"][..],
        ),
        (
            "assessment",
            "examples/assessments/riverside-home-care.toml",
            &["questionnaire_fingerprint", "name"],
        ),
    ];
    for (kind, from, keys) in cases {
        let original = std::fs::read_to_string(from).expect("read");
        let text = without(&original, keys);
        assert!(text.len() < original.len(), "{from}: nothing left out");
        let file = dir.path().join(format!("{kind}.toml"));
        std::fs::write(&file, &text).expect("write");
        let (code, said) = copro_on(kind, &file);
        assert_eq!(code, Some(0), "{from} without {keys:?}: {said}");
        assert_valid(&validator(kind), Path::new(from), &text);
    }
}
