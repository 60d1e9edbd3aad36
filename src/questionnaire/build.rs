//! From the file as written to a [`Questionnaire`] that cannot be invalid.
//!
//! Every check a trainer's file can fail lives here, and every failure names the place in
//! the file, what is wrong and how to fix it. All problems are collected, not just the
//! first, so that one run of `copro questionnaire validate` shows everything to mend.

use toml::Spanned;

use super::raw::{RawQuestion, RawQuestionnaire, RawStatement};
use super::{
    Area, Index, Question, QuestionOption, Questionnaire, Rating, Role, Rung, Scoring, Source,
    Statement, Theme, Voice, fingerprint, order,
};
use crate::assessment::Answer;
use crate::source::{Invalid, SourceFile};
use crate::text;
use crate::validate::Checker;

/// The ids of one kind, in file order, for resolving references.
fn ids<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a Spanned<String>) -> Vec<&'a str> {
    items
        .iter()
        .map(|item| id(item).get_ref().as_str())
        .collect()
}

pub(super) fn build(raw: RawQuestionnaire, file: SourceFile) -> Result<Questionnaire, Invalid> {
    let mut c = Checker::new(&file);
    let source_ids = ids(raw.sources.get_ref(), |s| &s.id);
    let rung_ids = ids(raw.rungs.get_ref(), |r| &r.id);
    let area_ids = ids(raw.areas.get_ref(), |a| &a.id);
    let theme_ids = ids(&raw.themes, |t| &t.id);

    let id = c.id(&raw.id, "questionnaire");
    let version = c.text(&raw.version, "version");
    let title = c.text(&raw.title, "title");
    let description = raw.description.as_ref().map(|d| c.text(d, "description"));
    let scoring = scoring(&mut c, &raw);

    at_least(&mut c, 1, &raw.sources, "source", "[[sources]]");
    c.unique_ids("source", raw.sources.get_ref().iter().map(|s| &s.id));
    let sources = raw
        .sources
        .get_ref()
        .iter()
        .map(|s| Source {
            id: s.id.get_ref().clone(),
            name: c.text(&s.name, "name"),
        })
        .collect();
    let source = |c: &mut Checker, value: &Spanned<String>| {
        c.reference(value, "source", &source_ids, "").unwrap_or(0)
    };

    at_least(&mut c, 2, &raw.rungs, "rung", "[[rungs]]");
    c.unique_ids("rung", raw.rungs.get_ref().iter().map(|r| &r.id));
    let rungs: Vec<Rung> = raw
        .rungs
        .get_ref()
        .iter()
        .map(|r| Rung {
            id: r.id.get_ref().clone(),
            name: c.text(&r.name, "name"),
            description: c.text(&r.description, "description"),
            climb: c.text(&r.climb, "climb"),
            source: source(&mut c, &r.source),
            quoted: r.quoted,
        })
        .collect();

    at_least(&mut c, 1, &raw.areas, "area", "[[areas]]");
    c.unique_ids("area", raw.areas.get_ref().iter().map(|a| &a.id));
    let areas: Vec<Area> = raw
        .areas
        .get_ref()
        .iter()
        .map(|a| Area {
            id: a.id.get_ref().clone(),
            name: c.text(&a.name, "name"),
            description: c.text(&a.description, "description"),
            source: source(&mut c, &a.source),
            quoted: a.quoted,
        })
        .collect();

    at_least(&mut c, 1, &raw.roles, "role", "[[roles]]");
    c.unique_ids("role", raw.roles.get_ref().iter().map(|r| &r.id));
    let roles = raw
        .roles
        .get_ref()
        .iter()
        .map(|r| Role {
            id: r.id.get_ref().clone(),
            name: c.text(&r.name, "name"),
            lived_experience: r.lived_experience,
        })
        .collect();

    c.unique_ids("rating", raw.ratings.iter().map(|r| &r.id));
    let ratings: Vec<Rating> = raw
        .ratings
        .iter()
        .map(|r| Rating {
            id: r.id.get_ref().clone(),
            name: c.text(&r.name, "name"),
        })
        .collect();

    c.unique_ids("theme", raw.themes.iter().map(|t| &t.id));
    let themes: Vec<Theme> = raw
        .themes
        .iter()
        .map(|t| Theme {
            id: t.id.get_ref().clone(),
            name: c.text(&t.name, "name"),
            source: source(&mut c, &t.source),
        })
        .collect();

    c.unique_ids("statement", raw.statements.iter().map(|s| &s.id));
    let statement_ids = ids(&raw.statements, |s| &s.id);
    let voices: Vec<Option<Voice>> = raw.statements.iter().map(voice).collect();
    let statements: Vec<Statement> = raw
        .statements
        .iter()
        .map(|s| Statement {
            id: s.id.get_ref().clone(),
            voice: voice(s).unwrap_or(Voice::I),
            theme: c.reference(&s.theme, "theme", &theme_ids, "").unwrap_or(0),
            text: c.text(&s.text, "text"),
            source: source(&mut c, &s.source),
            quoted: s.quoted,
            mirrors: mirrors(&mut c, s, &statement_ids, &voices),
        })
        .collect();
    if let Some(first) = raw.statements.first()
        && ratings.len() < 2
    {
        c.error(
            first.id.span(),
            "statements need a rating scale, and this file has fewer than two ratings",
            "add [[ratings]] from lowest to highest, e.g. `not-yet`, `partly`, `mostly`, `fully`",
        );
    }
    for (i, theme) in raw.themes.iter().enumerate() {
        if !statements.iter().any(|s| s.theme == i) {
            c.error(
                theme.id.span(),
                format!("theme `{}` has no statements", theme.id.get_ref()),
                "add [[statements]] with this theme, or remove the theme",
            );
        }
    }

    at_least(&mut c, 1, &raw.questions, "question", "[[questions]]");
    c.unique_ids("question", raw.questions.get_ref().iter().map(|q| &q.id));
    let mut questions: Vec<Question> = raw
        .questions
        .get_ref()
        .iter()
        .map(|q| Question {
            id: q.id.get_ref().clone(),
            area: c.reference(&q.area, "area", &area_ids, "").unwrap_or(0),
            prompt: c.text(&q.prompt, "prompt"),
            help: q.help.as_ref().map(|h| c.text(h, "help")),
            source: source(&mut c, &q.source),
            options: options(&mut c, q, &rung_ids),
        })
        .collect();

    for (level, rung) in raw.rungs.get_ref().iter().enumerate() {
        if !questions
            .iter()
            .flat_map(|q| &q.options)
            .any(|o| o.rung == level)
        {
            c.error(
                rung.id.span(),
                format!("no option reaches rung `{}`", rung.id.get_ref()),
                format!(
                    "add an option with rung = \"{}\" to a question, or remove the rung",
                    rung.id.get_ref()
                ),
            );
        }
    }
    for (i, area) in raw.areas.get_ref().iter().enumerate() {
        if !questions.iter().any(|q| q.area == i) {
            c.error(
                area.id.span(),
                format!("area `{}` has no questions", area.id.get_ref()),
                format!(
                    "add [[questions]] with area = \"{}\", or remove the area",
                    area.id.get_ref()
                ),
            );
        }
    }
    c.finish()?;

    for q in &mut questions {
        order::arrange(&q.id, &mut q.options);
    }
    let mut questionnaire = Questionnaire {
        id,
        version,
        title,
        description,
        sources,
        rungs,
        areas,
        roles,
        ratings,
        themes,
        statements,
        questions,
        scoring,
        fingerprint: String::new(),
        file,
        index: Default::default(),
    };
    questionnaire.index = Index::of(&questionnaire);
    questionnaire.fingerprint = fingerprint::fingerprint(&questionnaire);
    Ok(questionnaire)
}

fn at_least<T>(c: &mut Checker, n: usize, list: &Spanned<Vec<T>>, kind: &str, table: &str) {
    if list.get_ref().len() < n {
        let what = if n == 1 {
            format!("at least one {kind}")
        } else {
            format!("at least {n} {kind}s")
        };
        c.error(
            list.span(),
            format!("a questionnaire needs {what}"),
            format!("add {table} tables"),
        );
    }
}

fn scoring(c: &mut Checker, raw: &RawQuestionnaire) -> Scoring {
    let mut scoring = Scoring::default();
    let Some(s) = &raw.scoring else {
        return scoring;
    };
    if let Some(a) = &s.agreement {
        let value = *a.get_ref();
        if (0.0..1.0).contains(&value) {
            scoring.agreement = value;
        } else {
            c.error(
                a.span(),
                format!("`agreement` is {value}; it must be at least 0 and less than 1"),
                "0.5 means a rung is reached when more than half of the answers are on it or above",
            );
        }
    }
    if let Some(m) = &s.min_answered {
        let value = *m.get_ref();
        if value > 0.0 && value <= 1.0 {
            scoring.min_answered = value;
        } else {
            c.error(
                m.span(),
                format!("`min_answered` is {value}; it must be more than 0 and at most 1"),
                "0.6 means an area is placed once 60% of its questions are answered",
            );
        }
    }
    scoring
}

fn voice(s: &RawStatement) -> Option<Voice> {
    match s.voice.get_ref().as_str() {
        "i" => Some(Voice::I),
        "we" => Some(Voice::We),
        _ => None,
    }
}

/// Checks a statement's voice and mirrors; returns the mirrors as statement indexes.
fn mirrors(
    c: &mut Checker,
    s: &RawStatement,
    statement_ids: &[&str],
    voices: &[Option<Voice>],
) -> Vec<usize> {
    let Some(voice) = voice(s) else {
        c.error(
            s.voice.span(),
            format!(
                "`{}` is not a known voice",
                text::truncate(&text::one_line(s.voice.get_ref()), 40)
            ),
            "use \"i\" (rated by people who draw on care and support) or \"we\" (rated by the organisation)",
        );
        return Vec::new();
    };
    let list = match (&s.mirrors, voice) {
        (None, Voice::I) => return Vec::new(),
        (Some(list), Voice::I) => {
            c.error(
                list.span(),
                "only \"we\" statements name the statements that mirror them",
                "remove `mirrors` here and list this statement in the mirrors of its \"we\" statement",
            );
            return Vec::new();
        }
        (None, Voice::We) => {
            c.error(
                s.id.span(),
                format!(
                    "\"we\" statement `{}` does not say which \"i\" statements mirror it",
                    s.id.get_ref()
                ),
                "add mirrors = [\"…\"] naming the \"i\" statements that show whether it is true for people",
            );
            return Vec::new();
        }
        (Some(list), Voice::We) => list,
    };
    if list.get_ref().is_empty() {
        c.error(
            list.span(),
            "`mirrors` is empty",
            "name at least one \"i\" statement that shows whether this is true for people",
        );
    }
    let mut found = Vec::new();
    for m in list.get_ref() {
        let Some(target) = c.reference(m, "statement", statement_ids, "") else {
            continue;
        };
        if voices[target] == Some(Voice::I) {
            found.push(target);
        } else {
            c.error(
                m.span(),
                format!("`{}` is not an \"i\" statement", m.get_ref()),
                "a \"we\" statement is mirrored by \"i\" statements only",
            );
        }
    }
    found
}

/// Checks a question's options: ids, rungs (one option per rung) and at least two.
fn options(c: &mut Checker, q: &RawQuestion, rung_ids: &[&str]) -> Vec<QuestionOption> {
    let raw = q.options.get_ref();
    if raw.len() < 2 {
        c.error(
            q.options.span(),
            format!("question `{}` has fewer than two options", q.id.get_ref()),
            "give each question an option for each rung it can reach: at least two",
        );
    }
    c.unique_ids("option", raw.iter().map(|o| &o.id));
    let mut options: Vec<QuestionOption> = Vec::new();
    let mut first_on_rung: Vec<(usize, &Spanned<String>)> = Vec::new();
    for o in raw {
        if Answer::from_keyword(o.id.get_ref()).is_some() {
            c.error(
                o.id.span(),
                format!(
                    "`{}` is a reserved word in answer files and cannot be an option id",
                    o.id.get_ref()
                ),
                "rename the option; answer files use `dont-know` and `skipped` for questions without an option",
            );
        }
        let rung = c.reference(&o.rung, "rung", rung_ids, "");
        if let Some(rung) = rung {
            match first_on_rung.iter().find(|(r, _)| *r == rung) {
                Some((_, other)) => {
                    let line = c.line_of(&other.span());
                    c.error(
                        o.rung.span(),
                        format!(
                            "question `{}` has two options on rung `{}` (the other is on line {line})",
                            q.id.get_ref(),
                            o.rung.get_ref()
                        ),
                        "each option of a question sits on its own rung: move one to another rung or merge them",
                    );
                }
                None => first_on_rung.push((rung, &o.rung)),
            }
        }
        options.push(QuestionOption {
            id: o.id.get_ref().clone(),
            text: c.text(&o.text, "text"),
            rung: rung.unwrap_or(0),
        });
    }
    options
}
