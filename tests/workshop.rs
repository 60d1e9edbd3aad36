//! `copro workshop` and `copro compare`: the combined placement's properties, a workshop
//! whose gaps and disagreements are known, refusals, names, the scripted example, and
//! progress across questionnaire versions.

use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

use copro::assessment::{Answer, Assessment, Date};
use copro::questionnaire::Questionnaire;
use copro::workshop::{Gap, combine, place_by_role};
use proptest::prelude::*;

mod common;
use common::{copro, json};

static TLAP: LazyLock<Questionnaire> = LazyLock::new(common::tlap);

/// A respondent in `role` answering every question on `rung` and rating every statement of
/// their voice `rating`, except those in `except`.
fn respondent(role: &str, rung: usize, rating: usize, except: &[(&str, usize)]) -> Assessment {
    let q = &*TLAP;
    let role = q.role(role).expect("role");
    let date = Date {
        year: 2026,
        month: 10,
        day: 15,
    };
    let mut a = Assessment::new(q, "Meadowbank", "Supported living", date, role);
    for (qi, question) in q.questions.iter().enumerate() {
        let o = question
            .options
            .iter()
            .position(|o| o.rung == rung)
            .expect("every rung");
        a.answers[qi] = Answer::Chosen(o);
    }
    let voice = q.roles[role].voice();
    for (si, s) in q.statements.iter().enumerate() {
        if s.voice == voice {
            a.ratings[si] = Some(
                except
                    .iter()
                    .find(|(id, _)| *id == s.id)
                    .map_or(rating, |(_, r)| *r),
            );
        }
    }
    a
}

proptest! {
    #[test]
    fn unanimous_votes_place_on_their_rung(level in 0..8usize, roles in proptest::collection::vec(0..4usize, 1..12)) {
        let votes: Vec<(usize, usize)> = roles.iter().map(|&r| (level, r)).collect();
        prop_assert_eq!(place_by_role(&votes, 4, 0.5), Some(level));
    }

    #[test]
    fn the_combined_placement_is_bounded_and_monotone(
        votes in proptest::collection::vec((0..8usize, 0..4usize), 1..20),
        which in any::<prop::sample::Index>(),
    ) {
        let placed = place_by_role(&votes, 4, 0.5).expect("votes place");
        let low = votes.iter().map(|v| v.0).min().unwrap_or(0);
        let high = votes.iter().map(|v| v.0).max().unwrap_or(0);
        prop_assert!(low <= placed && placed <= high);
        let mut raised = votes.clone();
        let i = which.index(raised.len());
        raised[i].0 += 1;
        prop_assert!(place_by_role(&raised, 4, 0.5) >= Some(placed));
    }
}

#[test]
fn too_few_answers_in_an_area_place_nothing() {
    let q = &*TLAP;
    let mut a = respondent("commissioner", 3, 1, &[]);
    for (qi, _) in q.questions_in(0) {
        a.answers[qi] = Answer::DontKnow;
    }
    let w = combine(q, &[&a]);
    assert_eq!(w.areas[0], None);
    assert_eq!(w.overall, None, "not every area is placed");
    assert_eq!(w.areas[1], Some(3));
}

#[test]
fn a_workshop_with_known_gaps_and_disagreements() {
    let q = &*TLAP;
    let manager = respondent("service-manager", 5, 3, &[]);
    let worker = respondent("frontline-worker", 4, 2, &[]);
    let person = respondent(
        "person-drawing-on-support",
        1,
        0,
        &[("i-respect-dignity", 3)],
    );
    let w = combine(q, &[&manager, &worker, &person]);

    // Each role counts the same: 5, 4 and 1; two of three roles reach Engagement.
    let engagement = q.rung("engagement");
    assert_eq!(w.overall, engagement);
    assert!(w.areas.iter().all(|a| *a == engagement));
    let roles: Vec<(&str, usize, Option<usize>)> = w
        .roles
        .iter()
        .map(|r| (q.roles[r.role].id.as_str(), r.respondents, r.overall))
        .collect();
    assert_eq!(
        roles,
        [
            ("service-manager", 1, q.rung("co-design")),
            ("frontline-worker", 1, engagement),
            ("person-drawing-on-support", 1, q.rung("educating"))
        ]
    );

    // Every question spreads from Educating to Co-design: the first five are shown.
    assert_eq!(w.disagreements, [0, 1, 2, 3, 4]);
    assert_eq!(w.questions[0].range, Some((1, 5)));
    assert_eq!(w.questions[0].counts, [0, 1, 0, 0, 1, 1, 0]);

    // Staff (5 and 4) place it on Engagement, the person on Educating: overall and in every area.
    let placement_gaps: Vec<&Gap> = w
        .gaps
        .iter()
        .filter(|g| matches!(g, Gap::Placement { .. }))
        .collect();
    assert_eq!(placement_gaps.len(), 1 + q.areas.len());
    assert_eq!(
        placement_gaps[0],
        &Gap::Placement {
            area: None,
            staff: 4,
            lived: 1
        }
    );

    // Staff rate the "We" statements 2.5 on average; the person rates the "I" statements 0,
    // except one. The five largest gaps are the ones whose mirrors were all rated 0.
    let statement_gaps: Vec<(f64, f64, Vec<&str>)> = w
        .gaps
        .iter()
        .filter_map(|g| match g {
            Gap::Statement {
                we_rating,
                i_rating,
                mirrors,
                ..
            } => Some((
                *we_rating,
                *i_rating,
                mirrors
                    .iter()
                    .map(|&m| q.statements[m].id.as_str())
                    .collect(),
            )),
            Gap::Placement { .. } => None,
        })
        .collect();
    assert_eq!(statement_gaps.len(), 5);
    for (we, i, mirrors) in &statement_gaps {
        assert_eq!((*we, *i), (2.5, 0.0), "{mirrors:?}");
        assert!(!mirrors.contains(&"i-respect-dignity"));
    }
}

#[test]
fn files_of_different_organisations_or_questionnaires_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ruth = std::fs::read_to_string("examples/workshop/assessments/ruth.toml").expect("example");
    let other = dir.path().join("other.toml");
    std::fs::write(
        &other,
        ruth.replace("Meadowbank Community Support", "Elm Street Housing"),
    )
    .expect("write");
    let out = copro(&[
        "workshop",
        "examples/workshop/assessments/ruth.toml",
        other.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("different organisations")
            && err.contains("ruth.toml (Meadowbank Community Support)")
            && err.contains("other.toml (Elm Street Housing)"),
        "{err}"
    );
    let out = copro(&[
        "workshop",
        "examples/workshop/assessments/ruth.toml",
        other.to_str().expect("path"),
        "--allow-mixed",
    ]);
    assert_eq!(out.status.code(), Some(0));

    let out = copro(&[
        "workshop",
        "examples/workshop/assessments/ruth.toml",
        "examples/assessments/brightside-youth-service-hart.toml",
        "--allow-mixed",
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "different ladders never combine"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("different questionnaires"));
}

fn workshop_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("examples/workshop/assessments")
        .expect("assessments")
        .map(|e| e.expect("entry").path().display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn names_are_shown_only_when_asked_for() {
    let files = workshop_files();
    for format in ["table", "json", "markdown"] {
        let mut args = vec!["workshop", "--format", format];
        args.extend(files.iter().map(String::as_str));
        let out = copro(&args);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        for name in ["Ruth", "David", "Amira", "Sam", "Joe", "Grace", "Tom"] {
            assert!(!text.contains(name), "{format} shows {name}");
        }
        args.push("--show-names");
        let text = String::from_utf8_lossy(&copro(&args).stdout).into_owned();
        assert!(
            text.contains("Ruth") && text.contains("Grace"),
            "{format} with --show-names"
        );
    }
}

#[test]
fn the_example_workshop_has_real_gaps_in_json() {
    let files = workshop_files();
    let mut args = vec!["workshop", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let w = json(&args);
    assert_eq!(w["respondents"], 7);
    assert!(w["roles"].as_array().is_some_and(|r| r.len() >= 3));
    assert!(
        w["roles"]
            .as_array()
            .expect("roles")
            .iter()
            .any(|r| r["lived_experience"] == true)
    );
    assert!(w["placement"]["rung"].is_string());
    assert!(
        w["gaps"]
            .as_array()
            .is_some_and(|g| g.iter().any(|g| g["kind"] == "statement"))
    );
    assert!(
        w["gaps"]
            .as_array()
            .is_some_and(|g| g.iter().any(|g| g["kind"] == "placement"))
    );
    assert!(
        !w["disagreements"]
            .as_array()
            .expect("disagreements")
            .is_empty()
    );
    assert_eq!(
        w["questions"].as_array().map(Vec::len),
        Some(TLAP.questions.len())
    );
}

#[test]
fn the_workshop_script_regenerates_the_example() {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("workshop");
    std::fs::create_dir_all(copy.join("scripts")).expect("mkdir");
    for file in ["run.sh", "participants.csv"] {
        std::fs::copy(Path::new("examples/workshop").join(file), copy.join(file)).expect("copy");
    }
    for entry in std::fs::read_dir("examples/workshop/scripts").expect("scripts") {
        let path = entry.expect("entry").path();
        std::fs::copy(
            &path,
            copy.join("scripts").join(path.file_name().expect("name")),
        )
        .expect("copy");
    }
    let status = Command::new("bash")
        .arg(copy.join("run.sh"))
        .env("COPRO", env!("CARGO_BIN_EXE_copro"))
        .status()
        .expect("bash runs");
    assert!(status.success());
    let read = |p: &Path| std::fs::read_to_string(p).expect("read");
    assert_eq!(
        read(&copy.join("report.md")),
        read(Path::new("examples/workshop/report.md"))
    );
    for file in workshop_files() {
        let name = Path::new(&file).file_name().expect("name");
        assert_eq!(
            read(&copy.join("assessments").join(name)),
            read(Path::new(&file)),
            "{file}"
        );
    }
}

#[test]
fn compare_shows_the_progress_example() {
    let c = json(&[
        "compare",
        "examples/progress/riverside-2025.toml",
        "examples/progress/riverside-2026.toml",
        "--format",
        "json",
    ]);
    assert_eq!(c["placement"]["old"]["rung"], "informing");
    assert_eq!(c["placement"]["new"]["rung"], "consultation");
    assert_eq!(c["placement"]["change"], "up 1 rung");
    assert_eq!(c["up"].as_array().map(Vec::len), Some(7));
    assert_eq!(c["down"][0]["question"], "culture-disagreement");
    assert_eq!(c["down"][0]["old"]["rung"], "consultation");
    assert!(
        c["steps_done"]
            .as_array()
            .is_some_and(|s| s.iter().any(|x| x["kind"] == "climb"))
    );
    assert_eq!(c["added"], serde_json::json!([]));
}

#[test]
fn compare_across_questionnaire_versions_matches_questions_by_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let v1 = std::fs::read_to_string("tests/cmd/questionnaire-validate.in/minimal.toml")
        .expect("fixture");
    // Version 2 drops `checks` and asks `budget` instead.
    let v2 = v1
        .replace("version = \"1.0.0\"", "version = \"2.0.0\"")
        .replace("id = \"checks\"", "id = \"budget\"")
        .replace(
            "Who checks how a service is doing?",
            "Who decides how the budget is spent?",
        );
    std::fs::write(d.join("v1.toml"), &v1).expect("write");
    std::fs::write(d.join("v2.toml"), &v2).expect("write");
    let assessment = |q: &str, version: &str, plans: &str, second: &str| {
        format!(
            "questionnaire = \"{q}\"\nquestionnaire_version = \"{version}\"\norganisation = \"Elm\"\nservice = \"S\"\nassessed = 2026-01-01\n[respondent]\nrole = \"staff\"\n[answers]\nplans = \"{plans}\"\n{second}\n"
        )
    };
    std::fs::write(
        d.join("old.toml"),
        assessment("v1.toml", "1.0.0", "managers", "checks = \"staff\""),
    )
    .expect("write");
    std::fs::write(
        d.join("new.toml"),
        assessment("v2.toml", "2.0.0", "together", "budget = \"joint\""),
    )
    .expect("write");
    let c = json(&[
        "compare",
        d.join("old.toml").to_str().expect("path"),
        d.join("new.toml").to_str().expect("path"),
        "--format",
        "json",
    ]);
    assert_eq!(c["added"], serde_json::json!(["budget"]));
    assert_eq!(c["removed"], serde_json::json!(["checks"]));
    assert_eq!(c["up"][0]["question"], "plans");
    assert_eq!(c["up"][0]["old"]["rung"], "told");
    assert_eq!(c["up"][0]["new"]["rung"], "together");
    let text = String::from_utf8_lossy(
        &copro(&[
            "compare",
            d.join("old.toml").to_str().expect("path"),
            d.join("new.toml").to_str().expect("path"),
        ])
        .stdout,
    )
    .into_owned();
    assert!(
        text.contains("Questions added since\n- `budget`: Who decides how the budget is spent?"),
        "{text}"
    );
    assert!(
        text.contains("Questions removed since\n- `checks`: Who checks how a service is doing?"),
        "{text}"
    );
}

#[test]
fn compare_names_each_rung_from_its_own_ladder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let v1 = std::fs::read_to_string("tests/cmd/questionnaire-validate.in/minimal.toml")
        .expect("fixture");
    // Version 2 has one rung fewer: "together" is gone.
    let start = v1
        .find("[[rungs]]\nid = \"together\"")
        .expect("the top rung");
    let end = start + v1[start..].find("[[areas]]").expect("areas follow");
    let v2 = format!("{}{}", &v1[..start], &v1[end..])
        .replace("version = \"1.0.0\"", "version = \"2.0.0\"")
        .replace("rung = \"together\"", "rung = \"asked\"")
        .replace("[[questions.options]]\nid = \"comments\"\ntext = \"Managers ask for comments on a draft.\"\nrung = \"asked\"\n\n", "")
        .replace("[[questions.options]]\nid = \"survey\"\ntext = \"Staff run a survey and read the answers.\"\nrung = \"asked\"\n\n", "");
    std::fs::write(d.join("v1.toml"), &v1).expect("write");
    std::fs::write(d.join("v2.toml"), &v2).expect("write");
    let assessment = |q: &str, plans: &str, checks: &str| {
        format!(
            "questionnaire = \"{q}\"\nquestionnaire_version = \"1.0.0\"\norganisation = \"Elm\"\nservice = \"S\"\nassessed = 2026-01-01\n[respondent]\nrole = \"staff\"\n[answers]\nplans = \"{plans}\"\nchecks = \"{checks}\"\n"
        )
    };
    std::fs::write(
        d.join("old.toml"),
        assessment("v1.toml", "together", "joint"),
    )
    .expect("write");
    std::fs::write(
        d.join("new.toml"),
        assessment("v2.toml", "managers", "staff"),
    )
    .expect("write");
    let (old, new) = (d.join("old.toml"), d.join("new.toml"));
    for format in ["table", "json", "markdown"] {
        let out = copro(&[
            "compare",
            old.to_str().expect("path"),
            new.to_str().expect("path"),
            "--format",
            format,
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Together"),
            "{format}: the old rung is named"
        );
    }
}

#[test]
fn compare_refuses_two_organisations_without_allow_mixed() {
    let out = copro(&[
        "compare",
        "examples/assessments/riverside-home-care.toml",
        "examples/assessments/harbour-mental-health-uneven.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-mixed"));
    let out = copro(&[
        "compare",
        "examples/assessments/riverside-home-care.toml",
        "examples/assessments/harbour-mental-health-uneven.toml",
        "--allow-mixed",
    ]);
    assert_eq!(out.status.code(), Some(0));
}

/// The shell blocks of the README's "Running a workshop", run as written one after the
/// other in an empty folder with `copro` on the PATH, as after `cargo install --path .`.
#[test]
fn the_readme_workshop_steps_run_in_a_fresh_folder() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let section = readme
        .split("\n## Running a workshop\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has a workshop section");
    let blocks: Vec<&str> = section
        .split("```sh\n")
        .skip(1)
        .filter_map(|block| block.split("\n```").next())
        .collect();
    assert!(blocks.len() >= 3, "the steps are shell blocks: {blocks:?}");
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join(".bin");
    std::fs::create_dir(&bin).expect("bin");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_copro"), bin.join("copro")).expect("link");
    let out = Command::new("bash")
        .args(["-e", "-c", &blocks.join("\n")])
        .current_dir(dir.path())
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Workshop: Meadowbank Community Support"),
        "{stdout}"
    );
    let (joe, _) = Assessment::load(&dir.path().join("assessments/joe.toml")).expect("joe");
    let (example, _) =
        Assessment::load(Path::new("examples/workshop/assessments/joe.toml")).expect("example");
    assert_eq!(joe.answers, example.answers);
    assert_eq!(joe.ratings, example.ratings);
    assert!(joe.evidence.iter().flatten().count() == 1);
}
