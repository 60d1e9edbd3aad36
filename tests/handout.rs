//! Handouts to print: a participant's gives no rung away (no ladder, no rung name or id,
//! no answer key) in Markdown or HTML, for both bundled questionnaires and every role; the
//! facilitator's has the key; each area starts a page of its own.

use serde_json::Value;

mod common;
use common::stdout;

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.to_lowercase()],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// How often `word` appears in the text a respondent reads in the questionnaire itself
/// (title, description, areas, questions in both wordings, options, statements, roles,
/// ratings), the title counted twice (an HTML page also carries it as its title).
fn in_own_words(q: &Value, word: &str) -> usize {
    let mut texts: Vec<String> = ["title", "description"]
        .iter()
        .flat_map(|k| strings(&q[*k]))
        .collect();
    texts.extend(strings(&q["title"]));
    for key in ["areas", "roles", "ratings"] {
        for item in q[key].as_array().into_iter().flatten() {
            texts.extend(strings(&item["name"]));
            texts.extend(strings(&item["description"]));
        }
    }
    for question in q["questions"].as_array().into_iter().flatten() {
        for key in ["prompt", "help", "lived_prompt", "lived_help"] {
            texts.extend(strings(&question[key]));
        }
        for option in question["options"].as_array().into_iter().flatten() {
            texts.extend(strings(&option["text"]));
        }
    }
    for statement in q["statements"].as_array().into_iter().flatten() {
        texts.extend(strings(&statement["text"]));
    }
    texts.iter().map(|t| t.matches(word).count()).sum()
}

/// The rung names and ids of a questionnaire, lowercase: each rung's name, then its id.
fn rung_words(q: &Value) -> Vec<String> {
    q["rungs"]
        .as_array()
        .expect("rungs")
        .iter()
        .flat_map(|r| [&r["name"], &r["id"]])
        .map(|v| v.as_str().expect("text").to_lowercase())
        .collect()
}

#[test]
fn a_participant_handout_names_no_rung_for_any_role_in_either_format() {
    for id in ["tlap", "hart"] {
        let q: Value =
            serde_json::from_str(&stdout(&["questionnaire", "show", id, "--format", "json"]))
                .expect("JSON");
        let roles: Vec<&str> = q["roles"]
            .as_array()
            .expect("roles")
            .iter()
            .map(|r| r["id"].as_str().expect("id"))
            .collect();
        let words = rung_words(&q);
        for format in ["markdown", "html"] {
            let facilitator = stdout(&[
                "questionnaire",
                "show",
                id,
                "--handout",
                "facilitator",
                "--format",
                format,
            ])
            .to_lowercase();
            // The key names every rung: what the participant handout is checked for can be
            // found.
            for word in words.iter().step_by(2) {
                assert!(
                    facilitator.matches(word.as_str()).count() > in_own_words(&q, word),
                    "{id} {format}: the facilitator's handout names rung `{word}`"
                );
            }
            // Without a role, then in each role's words.
            let handouts = std::iter::once(None)
                .chain(roles.iter().copied().map(Some))
                .map(|role| {
                    let mut args = vec!["questionnaire", "show", id, "--handout", "participant"];
                    args.extend(role.map(|r| ["--role", r]).into_iter().flatten());
                    args.extend(["--format", format]);
                    (role.unwrap_or("no role").to_string(), stdout(&args))
                });
            for (role, handout) in handouts {
                // The footer of every copro page names what copro is, not a rung.
                let handout = handout
                    .to_lowercase()
                    .replace("made with copro, a self-assessment of co-production.", "");
                for word in &words {
                    assert!(
                        handout.matches(word.as_str()).count() <= in_own_words(&q, word),
                        "{id} {format} ({role}): the participant handout names rung `{word}`"
                    );
                }
                assert!(!handout.contains("answer key"), "{id} {format} ({role})");
                assert!(handout.contains("don't know"), "{id} {format} ({role})");
            }
        }
    }
}

#[test]
fn each_area_of_a_printed_handout_starts_a_page() {
    let q: Value = serde_json::from_str(&stdout(&[
        "questionnaire",
        "show",
        "tlap",
        "--format",
        "json",
    ]))
    .expect("JSON");
    let areas = q["areas"].as_array().expect("areas").len();
    let html = stdout(&[
        "questionnaire",
        "show",
        "tlap",
        "--handout",
        "participant",
        "--format",
        "html",
    ]);
    // The first area shares the first page with the title and the space for role and
    // name; every other area, and the statements, start a page.
    assert_eq!(html.matches("<section class=\"page\">").count(), areas);
    assert!(html.contains("page-break-before: always"));
    let markdown = stdout(&["questionnaire", "show", "tlap", "--handout", "participant"]);
    assert_eq!(markdown.matches("page-break-before: always").count(), areas);
    assert!(markdown.contains("**Role:**") && markdown.contains("**Name (if you wish):**"));
}

#[test]
fn options_are_printed_in_the_order_respondents_see_them() {
    let q: Value = serde_json::from_str(&stdout(&[
        "questionnaire",
        "show",
        "hart",
        "--format",
        "json",
    ]))
    .expect("JSON");
    let markdown = stdout(&["questionnaire", "show", "hart", "--handout", "participant"]);
    let first = &q["questions"][0]["options"];
    let shown: Vec<usize> = first
        .as_array()
        .expect("options")
        .iter()
        .map(|o| {
            let text = o["text"].as_str().expect("text");
            markdown.find(text).expect("every option is printed")
        })
        .collect();
    assert!(shown.windows(2).all(|w| w[0] < w[1]), "{shown:?}");
    assert_eq!(first[0]["number"], 1);
}
