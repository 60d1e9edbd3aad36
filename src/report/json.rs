//! Stable JSON for scripts. Field names are a contract: add fields, never rename them.

use serde_json::{Value, json};

use super::{Renderer, ScoreReport};
use crate::assessment::Answer;
use crate::questionnaire::Questionnaire;
use crate::scoring::VoiceProfile;

/// The JSON renderer.
pub struct Json;

impl Renderer for Json {
    fn score(&self, report: &ScoreReport) -> String {
        let q = report.questionnaire;
        let a = report.assessment;
        let s = report.score;
        let areas: Vec<Value> = s
            .areas
            .iter()
            .map(|area| {
                json!({
                    "id": q.areas[area.area].id,
                    "name": q.areas[area.area].name,
                    "placement": placement(q, area.placement.rung),
                    "answered": area.answered,
                    "dont_know": area.dont_know,
                    "unanswered": area.unanswered,
                    "total": area.total,
                    "needed": area.needed,
                    "why": area.placement.why,
                })
            })
            .collect();
        let themes: Vec<Value> = s
            .themes
            .iter()
            .map(|t| {
                json!({
                    "id": q.themes[t.theme].id,
                    "name": q.themes[t.theme].name,
                    "we": profile(q, &t.we),
                    "i": profile(q, &t.i),
                })
            })
            .collect();
        let steps: Vec<Value> = s
            .next_steps
            .iter()
            .map(|step| {
                json!({
                    "kind": step.kind.id(),
                    "text": step.text,
                    "area": step.area.map(|i| &q.areas[i].id),
                    "question": step.question.map(|i| &q.questions[i].id),
                    "statement": step.statement.map(|i| &q.statements[i].id),
                    "rung": step.rung.map(|i| &q.rungs[i].id),
                })
            })
            .collect();
        let answers: Vec<Value> = q
            .questions
            .iter()
            .enumerate()
            .map(|(qi, question)| {
                let (answer, rung) = match a.answers[qi] {
                    Answer::Chosen(o) => (
                        Some(question.options[o].id.as_str()),
                        Some(question.options[o].rung),
                    ),
                    Answer::DontKnow => (Some("dont-know"), None),
                    Answer::Skipped => (Some("skipped"), None),
                    Answer::Unanswered => (None, None),
                };
                json!({
                    "question": question.id,
                    "area": q.areas[question.area].id,
                    "answer": answer,
                    "rung": rung.map(|r| &q.rungs[r].id),
                    "level": rung,
                    "evidence": a.evidence[qi],
                })
            })
            .collect();
        let role = &q.roles[a.role];
        to_string(&json!({
            "questionnaire": {
                "id": q.id,
                "version": q.version,
                "title": q.title,
                "fingerprint": q.fingerprint,
            },
            "file": a.file,
            "organisation": a.organisation,
            "service": a.service,
            "assessed": a.assessed.to_string(),
            "respondent": {
                "role": role.id,
                "lived_experience": role.lived_experience,
            },
            "placement": placement(q, s.overall.rung),
            "why": s.overall.why,
            "areas": areas,
            "answers": answers,
            "themes": themes,
            "next_steps": steps,
        }))
    }
}

/// A whole questionnaire, every option with its rung.
pub fn questionnaire(q: &Questionnaire) -> String {
    let source = |i: usize| &q.sources[i].id;
    to_string(&json!({
        "id": q.id,
        "version": q.version,
        "title": q.title,
        "description": q.description,
        "fingerprint": q.fingerprint,
        "sources": q.sources.iter().map(|s| json!({"id": s.id, "name": s.name})).collect::<Vec<_>>(),
        "rungs": q.rungs.iter().enumerate().map(|(level, r)| json!({
            "id": r.id,
            "name": r.name,
            "level": level,
            "description": r.description,
            "climb": r.climb,
            "source": source(r.source),
        })).collect::<Vec<_>>(),
        "areas": q.areas.iter().map(|a| json!({
            "id": a.id,
            "name": a.name,
            "description": a.description,
            "source": source(a.source),
        })).collect::<Vec<_>>(),
        "questions": q.questions.iter().map(|question| json!({
            "id": question.id,
            "area": q.areas[question.area].id,
            "prompt": question.prompt,
            "help": question.help,
            "source": source(question.source),
            "options": question.options.iter().enumerate().map(|(n, o)| json!({
                "number": n + 1,
                "id": o.id,
                "text": o.text,
                "rung": q.rungs[o.rung].id,
                "level": o.rung,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "themes": q.themes.iter().map(|t| json!({
            "id": t.id,
            "name": t.name,
            "source": source(t.source),
        })).collect::<Vec<_>>(),
        "statements": q.statements.iter().map(|s| json!({
            "id": s.id,
            "voice": s.voice.id(),
            "theme": q.themes[s.theme].id,
            "text": s.text,
            "source": source(s.source),
            "quoted": s.quoted,
            "mirrors": s.mirrors.iter().map(|&m| &q.statements[m].id).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "roles": q.roles.iter().map(|r| json!({
            "id": r.id,
            "name": r.name,
            "lived_experience": r.lived_experience,
        })).collect::<Vec<_>>(),
        "ratings": q.ratings.iter().enumerate().map(|(level, r)| json!({
            "id": r.id,
            "name": r.name,
            "level": level,
        })).collect::<Vec<_>>(),
        "scoring": {
            "agreement": q.scoring.agreement,
            "min_answered": q.scoring.min_answered,
        },
    }))
}

/// `{rung, name, level}`, or null when not placed.
pub fn placement(q: &Questionnaire, rung: Option<usize>) -> Value {
    match rung {
        Some(level) => json!({
            "rung": q.rungs[level].id,
            "name": q.rungs[level].name,
            "level": level,
        }),
        None => Value::Null,
    }
}

fn profile(q: &Questionnaire, p: &VoiceProfile) -> Value {
    json!({
        "rated": p.rated,
        "total": p.total,
        "average": p.average.map(|a| (a * 100.0).round() / 100.0),
        "rating": p.rating.map(|r| &q.ratings[r].id),
    })
}

/// Pretty JSON with a final newline.
pub fn to_string(value: &Value) -> String {
    // Serialising a `Value` cannot fail: its keys are strings.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
