//! Stable JSON for scripts. Field names are a contract: add fields, never rename them.

use serde::Serialize;
use serde_json::{Value, json};

use super::parts::{self, change_words, moved_text};
use super::{CheckPart, CompareReport, Render, ScoreReport, WorkshopReport};
use crate::assessment::{Answer, Assessment};
use crate::check::{FileResult, Placed, QuestionnaireVersion};
use crate::compare::Moved;
use crate::policy::{Policy, Reason};
use crate::questionnaire::Questionnaire;
use crate::scoring::{AreaScore, NextStep, ThemeScore, VoiceProfile, Voices};
use crate::workshop::{Gap, Spread};

/// The JSON renderer.
pub struct Json;

impl Render<ScoreReport<'_>> for Json {
    fn render(&self, report: &ScoreReport) -> String {
        let q = report.questionnaire;
        let a = report.assessment;
        let s = report.score;
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
            "meaning": meaning(q, s.overall.rung),
            "voices": voices(&s.voices, true),
            "areas": s.areas.iter().map(|area| area_score(q, area)).collect::<Vec<_>>(),
            "answers": (0..q.questions.len()).map(|qi| answer(q, a, qi)).collect::<Vec<_>>(),
            "themes": s.themes.iter().map(|t| theme(q, t)).collect::<Vec<_>>(),
            "next_steps": s.next_steps.iter().map(|step| next_step(q, step)).collect::<Vec<_>>(),
        }))
    }
}

fn area_score(q: &Questionnaire, area: &AreaScore) -> Value {
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
}

fn theme(q: &Questionnaire, t: &ThemeScore) -> Value {
    json!({
        "id": q.themes[t.theme].id,
        "name": q.themes[t.theme].name,
        "we": profile(q, &t.we),
        "i": profile(q, &t.i),
    })
}

fn next_step(q: &Questionnaire, step: &NextStep) -> Value {
    json!({
        "kind": step.kind.id(),
        "text": step.text,
        "area": step.area.map(|i| &q.areas[i].id),
        "question": step.question.map(|i| &q.questions[i].id),
        "statement": step.statement.map(|i| &q.statements[i].id),
        "rung": step.rung.map(|i| &q.rungs[i].id),
    })
}

/// Question `qi`'s answer: the option and its rung, a keyword, or null.
fn answer(q: &Questionnaire, a: &Assessment, qi: usize) -> Value {
    let question = &q.questions[qi];
    let (answer, rung) = match a.answers[qi] {
        Answer::Chosen(o) => (
            Some(question.options[o].id.as_str()),
            Some(question.options[o].rung),
        ),
        other => (other.keyword(), None),
    };
    json!({
        "question": question.id,
        "area": q.areas[question.area].id,
        "answer": answer,
        "rung": rung.map(|r| &q.rungs[r].id),
        "level": rung,
        "evidence": a.evidence[qi],
    })
}

impl Render<WorkshopReport<'_>> for Json {
    fn render(&self, report: &WorkshopReport) -> String {
        let q = report.questionnaire;
        let w = report.workshop;
        let areas: Vec<Value> = w
            .areas
            .iter()
            .enumerate()
            .map(|(area, placed)| {
                json!({
                    "id": q.areas[area].id,
                    "name": q.areas[area].name,
                    "placement": placement(q, *placed),
                    "by_role": w.roles.iter().map(|r| json!({
                        "role": q.roles[r.role].id,
                        "placement": placement(q, r.areas[area]),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let roles: Vec<Value> = w
            .roles
            .iter()
            .map(|r| {
                let mut role = json!({
                    "role": q.roles[r.role].id,
                    "name": q.roles[r.role].name,
                    "lived_experience": q.roles[r.role].lived_experience,
                    "respondents": r.respondents,
                    "placement": placement(q, r.overall),
                });
                if report.show_names {
                    role["names"] = json!(r.names);
                }
                role
            })
            .collect();
        to_string(&json!({
            "questionnaire": {"id": q.id, "version": q.version, "title": q.title},
            "organisations": report.organisations,
            "respondents": report.respondents,
            "placement": placement(q, w.overall),
            "areas": areas,
            "roles": roles,
            "questions": w.questions.iter().map(|s| spread(q, s)).collect::<Vec<_>>(),
            "disagreements": w.disagreements.iter().map(|&i| spread(q, &w.questions[i])).collect::<Vec<_>>(),
            "gaps": w.gaps.iter().map(|g| gap(q, g)).collect::<Vec<_>>(),
            "meaning": meaning(q, w.overall),
            "voices": voices(&w.voices, false),
            "by_voice": {
                "organisation": placement(q, w.by_voice.organisation.0),
                "lived_experience": placement(q, w.by_voice.lived_experience.0),
            },
            "next_steps": w.next_steps.iter().map(|step| next_step(q, step)).collect::<Vec<_>>(),
        }))
    }
}

/// How the room answered one question.
fn spread(q: &Questionnaire, s: &Spread) -> Value {
    json!({
        "question": q.questions[s.question].id,
        "area": q.areas[q.questions[s.question].area].id,
        "prompt": q.questions[s.question].prompt,
        "answers": q.rungs.iter().zip(&s.counts).filter(|(_, n)| **n > 0)
            .map(|(r, n)| (r.id.clone(), json!(n))).collect::<serde_json::Map<_, _>>(),
        "dont_know": s.dont_know,
        "lowest": s.range.map(|(low, _)| &q.rungs[low].id),
        "highest": s.range.map(|(_, high)| &q.rungs[high].id),
        "spread": s.width(),
        "by_role": s.by_role.iter().map(|&(role, low, high)| json!({
            "role": q.roles[role].id,
            "lowest": q.rungs[low].id,
            "highest": q.rungs[high].id,
        })).collect::<Vec<_>>(),
    })
}

fn gap(q: &Questionnaire, gap: &Gap) -> Value {
    match gap {
        Gap::Statement {
            we,
            we_rating,
            mirrors,
            i_rating,
        } => json!({
            "kind": "statement",
            "we": {"id": q.statements[*we].id, "text": q.statements[*we].text, "rating": round(*we_rating)},
            "i": {
                "statements": mirrors.iter().map(|&i| json!({"id": q.statements[i].id, "text": q.statements[i].text})).collect::<Vec<_>>(),
                "rating": round(*i_rating),
            },
            "difference": round(we_rating - i_rating),
            "text": gap.describe(q),
        }),
        Gap::Placement { area, staff, lived } => json!({
            "kind": "placement",
            "area": area.map(|a| &q.areas[a].id),
            "staff": placement(q, Some(*staff)),
            "lived_experience": placement(q, Some(*lived)),
            "text": gap.describe(q),
        }),
    }
}

impl Render<CompareReport<'_>> for Json {
    fn render(&self, report: &CompareReport) -> String {
        let (old, new, c) = (report.old, report.new, report.comparison);
        let (oq, nq) = (old.questionnaire, new.questionnaire);
        let side = |r: &ScoreReport| {
            json!({
                "file": r.assessment.file,
                "assessed": r.assessment.assessed.to_string(),
                "questionnaire": {"id": r.questionnaire.id, "version": r.questionnaire.version},
                "placement": placement(r.questionnaire, r.score.overall.rung),
            })
        };
        let moved = |m: &Moved| {
            let before = &oq.questions[m.old_question].options[m.old_option];
            let now = &nq.questions[m.new_question].options[m.new_option];
            json!({
                "question": nq.questions[m.new_question].id,
                "area": nq.areas[nq.questions[m.new_question].area].id,
                "old": {"option": before.id, "text": before.text, "rung": oq.rungs[before.rung].id, "level": before.rung},
                "new": {"option": now.id, "text": now.text, "rung": nq.rungs[now.rung].id, "level": now.rung},
                "text": moved_text(report, m),
            })
        };
        let steps = |list: &[usize], score: &crate::scoring::Score| {
            list.iter()
                .map(|&i| json!({"kind": score.next_steps[i].kind.id(), "text": score.next_steps[i].text}))
                .collect::<Vec<_>>()
        };
        to_string(&json!({
            "organisation": new.assessment.organisation,
            "old": side(&old),
            "new": side(&new),
            "placement": {
                "old": placement(oq, c.overall.0),
                "new": placement(nq, c.overall.1),
                "change": change_words(c.overall.0, c.overall.1),
            },
            "areas": c.areas.iter().map(|a| json!({
                "id": nq.areas[a.area].id,
                "name": nq.areas[a.area].name,
                "old": placement(oq, a.old),
                "new": placement(nq, a.new),
                "change": change_words(a.old, a.new),
            })).collect::<Vec<_>>(),
            "up": c.up.iter().map(moved).collect::<Vec<_>>(),
            "down": c.down.iter().map(moved).collect::<Vec<_>>(),
            "added": c.added.iter().map(|&i| &nq.questions[i].id).collect::<Vec<_>>(),
            "removed": c.removed.iter().map(|&i| &oq.questions[i].id).collect::<Vec<_>>(),
            "reworded": c.reworded.iter().map(|&i| {
                let (now, before) = parts::reworded(c, old, new, i);
                json!({"id": nq.questions[i].id, "prompt": now, "was": before})
            }).collect::<Vec<_>>(),
            "steps_done": steps(&c.done, old.score),
            "steps_new": steps(&c.fresh, new.score),
            "no_longer_known": c.unknown_now.iter().map(|&i| &nq.questions[i].id).collect::<Vec<_>>(),
            "warnings": c.warnings,
        }))
    }
}

/// The bundled questionnaires: the fields of each that say what it is.
impl Render<[Questionnaire]> for Json {
    fn render(&self, all: &[Questionnaire]) -> String {
        to_string(&json!(
            all.iter()
                .map(|q| json!({
                    "id": q.id,
                    "version": q.version,
                    "current_version": q.current_version.as_ref().unwrap_or(&q.version),
                    "title": q.title,
                    "fingerprint": q.fingerprint,
                    "rungs": q.rungs.len(),
                    "areas": q.areas.len(),
                    "questions": q.questions.len(),
                    "statements": q.statements.len(),
                }))
                .collect::<Vec<_>>()
        ))
    }
}

/// A whole questionnaire, every option with its rung.
impl Render<Questionnaire> for Json {
    fn render(&self, q: &Questionnaire) -> String {
        questionnaire(q)
    }
}

fn questionnaire(q: &Questionnaire) -> String {
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
            "lived_prompt": question.lived_prompt,
            "lived_help": question.lived_help,
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

/// One result in JSON: the documented, stable shape. Written with borrowed fields rather
/// than built as a `Value`, as it is done once per file.
#[derive(Serialize)]
struct ResultJson<'a> {
    file: &'a str,
    status: &'static str,
    organisation: Option<&'a str>,
    service: Option<&'a str>,
    questionnaire: Option<QuestionnaireJson<'a>>,
    placement: Option<PlacementJson<'a>>,
    reasons: Vec<ReasonJson<'a>>,
    warnings: Vec<ReasonJson<'a>>,
}

#[derive(Serialize)]
struct QuestionnaireJson<'a> {
    id: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct PlacementJson<'a> {
    rung: &'a str,
    name: &'a str,
    level: usize,
}

#[derive(Serialize)]
struct ReasonJson<'a> {
    /// For an invalid file: the file the problem is in (the assessment, or the
    /// questionnaire it names); `null` for a failed rule.
    file: Option<&'a str>,
    message: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    help: Option<&'a str>,
}

fn result_json(r: &FileResult) -> String {
    fn reason(x: &Reason) -> ReasonJson<'_> {
        ReasonJson {
            file: None,
            message: &x.message,
            line: (x.line > 0).then_some(x.line),
            column: None,
            help: None,
        }
    }
    let mut reasons: Vec<ReasonJson> = r.reasons.iter().map(reason).collect();
    reasons.extend(r.problems.iter().map(|p| ReasonJson {
        file: Some(&p.file),
        message: &p.message,
        line: p.place.as_ref().map(|at| at.line),
        column: p.place.as_ref().map(|at| at.column),
        help: Some(&p.help),
    }));
    let result = ResultJson {
        file: &r.file,
        status: r.status.id(),
        organisation: r.organisation.as_deref(),
        service: r.service.as_deref(),
        questionnaire: r
            .questionnaire
            .as_ref()
            .map(|QuestionnaireVersion { id, version }| QuestionnaireJson { id, version }),
        placement: r
            .placement
            .as_ref()
            .map(|Placed { rung, name, level }| PlacementJson {
                rung,
                name,
                level: *level,
            }),
        reasons,
        warnings: r.warnings.iter().map(reason).collect(),
    };
    // Serialising borrowed strings and numbers cannot fail.
    safe(serde_json::to_string(&result).unwrap_or_default())
}

fn policy_json(policy: &Policy) -> Value {
    let minimums = |m: &crate::policy::Minimums| json!({"min_rung": m.rung, "min_area": m.areas});
    json!({
        "file": policy.file,
        "min_rung": policy.minimums.rung,
        "min_area": policy.minimums.areas,
        "max_age_days": policy.max_age_days,
        "require_evidence": policy.require_evidence,
        "other_version": policy.other_version.id(),
        "questionnaires": policy.by_questionnaire.iter().map(|(id, m)| (id.clone(), minimums(m))).collect::<serde_json::Map<_, _>>(),
    })
}

/// `copro check`: `{"results": [...], "summary": {...}, "policy": {...}}`, the results
/// written as they come.
impl Render<CheckPart<'_>> for Json {
    fn render(&self, part: &CheckPart) -> String {
        match part {
            CheckPart::Start { .. } => "{\"results\": [".into(),
            CheckPart::Between { first: true } => "\n  ".into(),
            CheckPart::Between { first: false } => ",\n  ".into(),
            CheckPart::File(r) => result_json(r),
            CheckPart::End {
                summary, policy, ..
            } => {
                let summary = json!({
                    "passed": summary.passed,
                    "failed": summary.failed,
                    "invalid": summary.invalid,
                    "skipped": summary.skipped,
                });
                format!(
                    "\n],\n\"summary\": {summary},\n\"policy\": {}\n}}\n",
                    policy_json(policy)
                )
            }
        }
    }
}

/// Whose views the result holds: `{organisation, lived_experience, one_sided, note}`.
fn voices(v: &Voices, single: bool) -> Value {
    json!({
        "organisation": v.organisation,
        "lived_experience": v.lived_experience,
        "one_sided": v.one_sided(),
        "note": parts::one_sided(v, single),
    })
}

/// What the placed rung means and what the next looks like: `{placed, next}`, each
/// `{rung, name, description}` or null.
fn meaning(q: &Questionnaire, rung: Option<usize>) -> Value {
    let described = |r: usize| {
        json!({
            "rung": q.rungs[r].id,
            "name": q.rungs[r].name,
            "description": q.rungs[r].description,
        })
    };
    json!({
        "placed": rung.map(described),
        "next": rung.map(|r| r + 1).filter(|&r| r < q.rungs.len()).map(described),
    })
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
        "average": p.average.map(round),
        "rating": p.rating.map(|r| &q.ratings[r].id),
    })
}

/// A rating average to two places.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Pretty JSON with a final newline.
pub fn to_string(value: &Value) -> String {
    // Serialising a `Value` cannot fail: its keys are strings.
    let mut text = safe(serde_json::to_string_pretty(value).unwrap_or_default());
    text.push('\n');
    text
}

/// JSON that shows nothing but what it means wherever it is printed: the characters that
/// serde_json leaves as they are and a terminal or a CI log would act on (DEL, the C1
/// controls such as U+009B, the marks that reverse text) written as `\uXXXX`, and the `[`
/// of `##[` as `\u005b`. All of them can only stand inside strings, where the escape means
/// the same character.
fn safe(json: String) -> String {
    if !json.contains("##[") && !json.chars().any(crate::text::is_unsafe) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if crate::text::is_unsafe(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else if c == '[' && out.ends_with("##") {
            out.push_str("\\u005b");
        } else {
            out.push(c);
        }
    }
    out
}
