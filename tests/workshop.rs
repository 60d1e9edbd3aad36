//! `copro workshop` and `copro compare`: the combined placement's properties, a workshop
//! whose gaps and disagreements are known, refusals, names, the scripted example, and
//! progress across questionnaire versions.

use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

use copro::assessment::{Answer, Assessment, Date};
use copro::questionnaire::Questionnaire;
use copro::scoring::StepKind;
use copro::workshop::{Gap, Workshop, combine};
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

static LADDERS: LazyLock<[Questionnaire; 2]> =
    LazyLock::new(|| [common::ladder("tlap"), common::ladder("hart")]);

/// A respondent of questionnaire `q` in role `role` with one pick per question: below the
/// number of options chooses that option, above it means "don't know".
fn member(q: &Questionnaire, role: usize, picks: &[usize]) -> Assessment {
    let date = Date {
        year: 2026,
        month: 10,
        day: 15,
    };
    let mut a = Assessment::new(q, "Meadowbank", "Supported living", date, role);
    for (qi, &pick) in picks.iter().enumerate() {
        a.answers[qi] = match q.questions[qi].options.get(pick) {
            Some(_) => Answer::Chosen(pick),
            None => Answer::DontKnow,
        };
    }
    a
}

/// A room: a ladder, and one to six respondents, each a role and a pick per question.
fn room() -> impl Strategy<Value = (usize, Vec<(usize, Vec<usize>)>)> {
    (0..2usize).prop_flat_map(|which| {
        let q = &LADDERS[which];
        let picks: Vec<_> = q
            .questions
            .iter()
            .map(|question| {
                let n = question.options.len();
                prop_oneof![6 => 0..n, 1 => Just(n)]
            })
            .collect();
        let respondent = (0..q.roles.len(), picks);
        (Just(which), proptest::collection::vec(respondent, 1..7))
    })
}

fn people(q: &Questionnaire, room: &[(usize, Vec<usize>)]) -> Vec<Assessment> {
    room.iter()
        .map(|(role, picks)| member(q, *role, picks))
        .collect()
}

/// Every placement in a workshop: combined overall and per area, then each role's.
fn all_placements(w: &Workshop) -> Vec<Option<usize>> {
    let mut all = vec![w.overall];
    all.extend(&w.areas);
    for r in &w.roles {
        all.push(r.overall);
        all.extend(&r.areas);
    }
    all
}

fn combined(q: &Questionnaire, people: &[Assessment]) -> Workshop {
    combine(q, &people.iter().collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn a_unanimous_room_places_on_its_rung(which in 0..2usize, rung in 0..8usize, roles in proptest::collection::vec(0..5usize, 1..7)) {
        let q = &LADDERS[which];
        let rung = rung % q.rungs.len();
        let picks: Vec<usize> = (0..q.questions.len()).map(|qi| common::option_on(q, qi, rung)).collect();
        let room: Vec<Assessment> = roles.iter().map(|&r| member(q, r % q.roles.len(), &picks)).collect();
        let w = combined(q, &room);
        prop_assert!(all_placements(&w).iter().all(|p| *p == Some(rung)));
    }

    #[test]
    fn combined_placements_are_bounded((which, room) in room()) {
        let q = &LADDERS[which];
        let people = people(q, &room);
        let w = combined(q, &people);
        for (area, placed) in w.areas.iter().enumerate() {
            let Some(placed) = *placed else { continue };
            let levels: Vec<usize> = people.iter()
                .flat_map(|a| q.questions_in(area).filter_map(|(qi, _)| common::level(q, a, qi)))
                .collect();
            prop_assert!(levels.iter().min().is_some_and(|&m| m <= placed));
            prop_assert!(levels.iter().max().is_some_and(|&m| placed <= m));
        }
        if let Some(overall) = w.overall {
            let areas: Vec<usize> = w.areas.iter().flatten().copied().collect();
            prop_assert!(2 * areas.iter().filter(|&&r| r >= overall).count() >= areas.len());
        }
    }

    #[test]
    fn raising_or_giving_an_answer_never_lowers_a_placement((which, room) in room(), who in any::<prop::sample::Index>(), question in any::<prop::sample::Index>(), option in any::<prop::sample::Index>()) {
        let q = &LADDERS[which];
        let before = people(q, &room);
        let (i, qi) = (who.index(before.len()), question.index(q.questions.len()));
        let old = common::level(q, &before[i], qi);
        let choices: Vec<usize> = (0..q.questions[qi].options.len())
            .filter(|&o| old.is_none_or(|old| q.questions[qi].options[o].rung > old))
            .collect();
        if choices.is_empty() {
            return Ok(());
        }
        let mut after = before.clone();
        after[i].answers[qi] = Answer::Chosen(choices[option.index(choices.len())]);
        let (w1, w2) = (combined(q, &before), combined(q, &after));
        for (p1, p2) in all_placements(&w1).into_iter().zip(all_placements(&w2)) {
            if let Some(p1) = p1 {
                prop_assert!(p2.is_some_and(|p2| p2 >= p1), "{:?} became {:?}", p1, p2);
            }
        }
    }

    #[test]
    fn more_people_or_roles_on_one_side_change_nothing((which, room) in room(), copies in proptest::collection::vec(any::<prop::sample::Index>(), 1..4)) {
        // Everyone on the organisation's side gives the same answers as the first of them:
        // adding more of them, in any of the organisation's roles, changes no placement.
        let q = &LADDERS[which];
        let staff_roles: Vec<usize> = (0..q.roles.len()).filter(|&r| !q.roles[r].lived_experience).collect();
        let mut people = people(q, &room);
        let Some(first) = people.iter().position(|a| !q.roles[a.role].lived_experience) else {
            return Ok(());
        };
        let answers = people[first].answers.clone();
        for a in people.iter_mut().filter(|a| !q.roles[a.role].lived_experience) {
            a.answers = answers.clone();
        }
        let before = combined(q, &people);
        for copy in copies {
            let mut more = people[first].clone();
            more.role = staff_roles[copy.index(staff_roles.len())];
            people.push(more);
        }
        let after = combined(q, &people);
        prop_assert_eq!(before.overall, after.overall);
        prop_assert_eq!(before.areas, after.areas);
    }
}

/// A respondent in `role` who answers only the questions in `answers` (id and rung), and
/// "don't know" to every other.
fn answering(role: &str, answers: &[(&str, &str)], rest: Option<&str>) -> Assessment {
    let q = &*TLAP;
    let mut a = respondent(role, 0, 0, &[]);
    for (qi, question) in q.questions.iter().enumerate() {
        let rung = answers
            .iter()
            .find(|(id, _)| *id == question.id)
            .map(|(_, rung)| *rung)
            .or(rest);
        a.answers[qi] = match rung.and_then(|r| q.rung(r)) {
            Some(level) => Answer::Chosen(common::option_on(q, qi, level)),
            None => Answer::DontKnow,
        };
    }
    a
}

#[test]
fn one_answer_and_many_dont_knows_cannot_lift_the_room() {
    // A senior leader answers one culture question on Co-production and "don't know" to the
    // rest; a carer answers one structure question on Co-production and the rest on
    // Educating. Nothing is placed above Educating.
    let q = &*TLAP;
    let leader = answering(
        "senior-leader",
        &[("culture-priorities", "co-production")],
        None,
    );
    let carer = answering(
        "carer",
        &[("structure-budget", "co-production")],
        Some("educating"),
    );
    let w = combine(q, &[&leader, &carer]);
    let educating = q.rung("educating");
    assert!(w.overall <= educating, "{:?}", w.overall);
    assert!(w.areas.iter().all(|a| *a <= educating), "{:?}", w.areas);
}

#[test]
fn five_staff_in_several_roles_cannot_outvote_one_person() {
    // Five staff in three roles all answer on Co-design; one person who draws on care and
    // support answers on Informing. The person holds half the weight: not more than half
    // reaches any rung above Informing.
    let q = &*TLAP;
    let staff: Vec<Assessment> = [
        "service-manager",
        "service-manager",
        "frontline-worker",
        "frontline-worker",
        "senior-leader",
    ]
    .iter()
    .map(|role| respondent(role, 5, 2, &[]))
    .collect();
    let person = respondent("person-drawing-on-support", 2, 1, &[]);
    let mut room: Vec<&Assessment> = staff.iter().collect();
    room.push(&person);
    let w = combine(q, &room);
    assert_eq!(w.overall, q.rung("informing"));
    assert!(w.areas.iter().all(|a| *a == q.rung("informing")));
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

    // The two voices weigh the same: the person who draws on support (Educating) holds half
    // the weight, the manager (Co-design) and the worker (Engagement) a quarter each. Only
    // half reaches Consultation or above: not more than half, so the room is on Educating.
    let engagement = q.rung("engagement");
    let educating = q.rung("educating");
    assert_eq!(w.overall, educating);
    assert!(w.areas.iter().all(|a| *a == educating));
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
            ("person-drawing-on-support", 1, educating)
        ]
    );

    // The next steps start with the widest gaps, to talk about together, then climb.
    let kinds: Vec<StepKind> = w.next_steps.iter().map(|s| s.kind).collect();
    assert_eq!(&kinds[..3], [StepKind::Gap, StepKind::Gap, StepKind::Gap]);
    assert_eq!(kinds[3], StepKind::Climb);
    assert!(
        w.next_steps[3]
            .text
            .starts_with("Climb from Educating to Informing")
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

/// A file begun and left before the first answer is no respondent: it would put every
/// question on the bottom rung for its role. It is left out with a note, and a room with
/// no answer at all is refused.
#[test]
fn a_file_with_no_answer_is_left_out_of_the_room() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ruth = std::fs::read_to_string("examples/workshop/assessments/ruth.toml").expect("example");
    let header = ruth.split("[answers]").next().expect("the header");
    let empty = dir.path().join("empty.toml");
    std::fs::write(
        &empty,
        format!("{header}[answers]\n").replace("role = \"senior-leader\"", "role = \"carer\""),
    )
    .expect("write");
    let ruth_path = "examples/workshop/assessments/ruth.toml";
    let empty_path = empty.to_str().expect("path");
    let alone = json(&["workshop", ruth_path, "--format", "json"]);
    let with_empty = json(&["workshop", ruth_path, empty_path, "--format", "json"]);
    assert_eq!(with_empty["placement"], alone["placement"]);
    assert_eq!(with_empty["respondents"], alone["respondents"]);
    let both = copro(&["workshop", ruth_path, empty_path, "--format", "json"]);
    let err = String::from_utf8_lossy(&both.stderr);
    assert!(
        err.contains("empty.toml has no answer yet, so it is left out of the room"),
        "{err}"
    );

    let out = copro(&["workshop", empty.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("none of these files has an answer yet"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    for format in ["table", "json", "markdown", "csv"] {
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

/// The records of a CSV text, header first, read by a CSV reader.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(String::from).collect())
        .collect()
}

#[test]
fn the_example_workshop_as_csv_is_a_row_per_respondent_and_question() {
    let files = workshop_files();
    let q = &*TLAP;
    for show_names in [false, true] {
        let mut args = vec!["workshop", "--format", "csv"];
        args.extend(files.iter().map(String::as_str));
        if show_names {
            args.push("--show-names");
        }
        let out = copro(&args);
        assert_eq!(out.status.code(), Some(0));
        let records = csv_records(&String::from_utf8_lossy(&out.stdout));
        let mut header = vec!["respondent"];
        if show_names {
            header.push("name");
        }
        header.extend(["role", "area", "question", "answer", "rung", "evidence"]);
        assert_eq!(records[0], header);
        assert_eq!(records.len(), 1 + files.len() * q.questions.len());
        let column = |name: &str| header.iter().position(|h| *h == name).expect("column");
        let mut rows = records[1..].iter();
        for (n, file) in files.iter().enumerate() {
            let (a, _) = Assessment::load(Path::new(file)).expect("an example");
            for (qi, question) in q.questions.iter().enumerate() {
                let row = rows.next().expect("a row");
                assert_eq!(row[0], (n + 1).to_string(), "{file}");
                if show_names {
                    assert_eq!(Some(&row[1]), a.name.as_ref(), "{file}");
                }
                assert_eq!(row[column("role")], q.roles[a.role].id, "{file}");
                assert_eq!(row[column("question")], question.id, "{file}");
                let (answer, rung) = match a.answers[qi] {
                    Answer::Chosen(o) => (
                        question.options[o].id.clone(),
                        q.rungs[question.options[o].rung].id.clone(),
                    ),
                    other => (
                        other.keyword().unwrap_or_default().to_string(),
                        String::new(),
                    ),
                };
                assert_eq!(row[column("answer")], answer, "{file} {}", question.id);
                assert_eq!(row[column("rung")], rung, "{file} {}", question.id);
                assert_eq!(
                    row[column("evidence")],
                    a.evidence[qi].clone().unwrap_or_default(),
                    "{file} {}",
                    question.id
                );
            }
        }
    }
}

#[test]
fn csv_is_offered_only_where_results_are_rows() {
    for args in [
        &[
            "score",
            "examples/assessments/riverside-home-care.toml",
            "--format",
            "csv",
        ][..],
        &[
            "compare",
            "examples/progress/riverside-2025.toml",
            "examples/progress/riverside-2026.toml",
            "--format",
            "csv",
        ],
    ] {
        let out = copro(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("invalid value 'csv' for '--format <FORMAT>'"),
            "{args:?}: {err}"
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
    // Found out since: answered now, "don't know" or skipped before. Not a move.
    assert_eq!(c["areas"][1]["new"]["rung"], "consultation");
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

#[test]
fn a_result_with_one_voice_says_so_in_every_format() {
    let staff = [
        "examples/workshop/assessments/ruth.toml",
        "examples/workshop/assessments/amira.toml",
    ];
    let w = json(&["workshop", staff[0], staff[1], "--format", "json"]);
    assert_eq!(w["voices"]["one_sided"], true);
    assert_eq!(w["voices"]["lived_experience"], 0);
    let note = w["voices"]["note"].as_str().expect("a note");
    assert!(
        note.starts_with("Only the organisation's roles answered"),
        "{note}"
    );
    for format in ["table", "markdown"] {
        let out = copro(&["workshop", staff[0], staff[1], "--format", format]);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Only the organisation's roles answered")
        );
    }
    // Both voices: nothing to say.
    let both = json(&[
        "workshop",
        staff[0],
        "examples/workshop/assessments/joe.toml",
        "--format",
        "json",
    ]);
    assert_eq!(both["voices"]["one_sided"], false);
    assert!(both["voices"]["note"].is_null());
    // One assessment is one person's view.
    let one = json(&["score", staff[0], "--format", "json"]);
    assert_eq!(one["voices"]["one_sided"], true);
    assert!(
        one["voices"]["note"]
            .as_str()
            .is_some_and(|n| n.starts_with("This is one person's view, from the organisation"))
    );
}

#[test]
fn compare_lists_what_is_no_longer_known_and_warns_about_dates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = "examples/progress/riverside-2025.toml";
    let text = std::fs::read_to_string("examples/progress/riverside-2026.toml").expect("example");
    // The question Riverside's 2025 steps were about is "don't know" now: that is not a
    // step done, and it is listed as no longer known.
    let before = json(&["score", old, "--format", "json"]);
    let step = before["next_steps"]
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["kind"] == "practice"))
        .expect("a practice step")
        .clone();
    let practice = step["question"].as_str().expect("its question").to_string();
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("{practice} = ")))
        .expect("answered in 2026");
    let new = dir.path().join("riverside-2026.toml");
    std::fs::write(
        &new,
        text.replace(line, &format!("{practice} = \"dont-know\"")),
    )
    .expect("write");
    let new = new.to_str().expect("path");
    let c = json(&["compare", old, new, "--format", "json"]);
    assert_eq!(c["no_longer_known"], serde_json::json!([practice]));
    let done = c["steps_done"].as_array().expect("steps");
    assert!(
        done.iter().all(|s| s["text"] != step["text"]),
        "a practice about a question no longer known is not done: {done:?}"
    );
    assert_eq!(c["warnings"], serde_json::json!([]));

    // The same day, and the wrong order, are warned about.
    let same = json(&["compare", old, old, "--format", "json"]);
    assert!(
        same["warnings"][0]
            .as_str()
            .is_some_and(|w| w.starts_with("both assessments are dated 2025-"))
    );
    let swapped = json(&["compare", new, old, "--format", "json"]);
    assert!(
        swapped["warnings"][0]
            .as_str()
            .is_some_and(|w| w.starts_with("the newer assessment is dated"))
    );

    // Neither placed reads as plain English.
    let willow = "examples/assessments/willow-lane-day-centre.toml";
    let out = copro(&["compare", willow, willow]);
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("Overall: not placed, then or now"),
        "{table}"
    );
    assert!(table.contains("still not placed"), "{table}");
}

/// The shell blocks of the README's "Running a workshop", run as written one after the
/// other in an empty folder with `copro` on the PATH, as after `cargo install --path .`.
/// (`copro collect`, a server that runs until the trainer ends it, is shown as a `console`
/// block, which is not run: `tests/collect.rs` runs it.)
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
