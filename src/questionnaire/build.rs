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

/// Every id a reference can name, as written, for resolving references to indexes.
struct Ids<'a> {
    sources: Vec<&'a str>,
    rungs: Vec<&'a str>,
    areas: Vec<&'a str>,
    themes: Vec<&'a str>,
    statements: Vec<&'a str>,
}

impl<'a> Ids<'a> {
    fn of(raw: &'a RawQuestionnaire) -> Self {
        Ids {
            sources: ids(raw.sources.get_ref(), |s| &s.id),
            rungs: ids(raw.rungs.get_ref(), |r| &r.id),
            areas: ids(raw.areas.get_ref(), |a| &a.id),
            themes: ids(&raw.themes, |t| &t.id),
            statements: ids(&raw.statements, |s| &s.id),
        }
    }

    /// The source `value` names (the first when it names none; the problem is recorded).
    fn source(&self, c: &mut Checker, value: &Spanned<String>) -> usize {
        c.reference(value, "source", &self.sources, "").unwrap_or(0)
    }
}

pub(super) fn build(raw: RawQuestionnaire, file: SourceFile) -> Result<Questionnaire, Invalid> {
    let mut c = Checker::new(&file);
    let ids = Ids::of(&raw);

    let id = c.id(&raw.id, "questionnaire");
    let version = c.name(&raw.version, "version");
    let title = c.name(&raw.title, "title");
    let description = raw.description.as_ref().map(|d| c.text(d, "description"));
    let scoring = scoring(&mut c, &raw);
    let sources = sources(&mut c, &raw);
    let rungs = rungs(&mut c, &raw, &ids);
    let areas = areas(&mut c, &raw, &ids);
    let roles = roles(&mut c, &raw);
    let ratings = ratings(&mut c, &raw);
    let themes = themes(&mut c, &raw, &ids);
    let statements = statements(&mut c, &raw, &ids, ratings.len());
    let mut questions = questions(&mut c, &raw, &ids);
    reachability(&mut c, &raw, &questions);
    lived_wording(&mut c, &raw, &roles);
    c.finish()?;

    for q in &mut questions {
        order::arrange(&q.id, &mut q.options);
    }
    let mut questionnaire = Questionnaire {
        id,
        version,
        current_version: None,
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

/// The sources: at least one, ids unique.
fn sources(c: &mut Checker, raw: &RawQuestionnaire) -> Vec<Source> {
    at_least(c, 1, &raw.sources, "source", "[[sources]]");
    c.unique_ids("source", raw.sources.get_ref().iter().map(|s| &s.id));
    raw.sources
        .get_ref()
        .iter()
        .map(|s| Source {
            id: s.id.get_ref().clone(),
            name: c.name(&s.name, "name"),
        })
        .collect()
}

/// The ladder: at least two rungs, ids unique.
fn rungs(c: &mut Checker, raw: &RawQuestionnaire, ids: &Ids) -> Vec<Rung> {
    at_least(c, 2, &raw.rungs, "rung", "[[rungs]]");
    c.unique_ids("rung", raw.rungs.get_ref().iter().map(|r| &r.id));
    raw.rungs
        .get_ref()
        .iter()
        .map(|r| Rung {
            id: r.id.get_ref().clone(),
            name: c.name(&r.name, "name"),
            description: c.text(&r.description, "description"),
            climb: c.text(&r.climb, "climb"),
            source: ids.source(c, &r.source),
            quoted: r.quoted,
        })
        .collect()
}

/// The areas: at least one, ids unique.
fn areas(c: &mut Checker, raw: &RawQuestionnaire, ids: &Ids) -> Vec<Area> {
    at_least(c, 1, &raw.areas, "area", "[[areas]]");
    c.unique_ids("area", raw.areas.get_ref().iter().map(|a| &a.id));
    raw.areas
        .get_ref()
        .iter()
        .map(|a| Area {
            id: a.id.get_ref().clone(),
            name: c.name(&a.name, "name"),
            description: c.text(&a.description, "description"),
            source: ids.source(c, &a.source),
            quoted: a.quoted,
        })
        .collect()
}

/// The respondents' roles: at least one, ids unique.
fn roles(c: &mut Checker, raw: &RawQuestionnaire) -> Vec<Role> {
    at_least(c, 1, &raw.roles, "role", "[[roles]]");
    c.unique_ids("role", raw.roles.get_ref().iter().map(|r| &r.id));
    raw.roles
        .get_ref()
        .iter()
        .map(|r| Role {
            id: r.id.get_ref().clone(),
            name: c.name(&r.name, "name"),
            lived_experience: r.lived_experience,
        })
        .collect()
}

/// The statement rating scale, ids unique. Whether there are enough ratings depends on
/// whether there are statements: see [`statements`].
fn ratings(c: &mut Checker, raw: &RawQuestionnaire) -> Vec<Rating> {
    c.unique_ids("rating", raw.ratings.iter().map(|r| &r.id));
    raw.ratings
        .iter()
        .map(|r| Rating {
            id: r.id.get_ref().clone(),
            name: c.name(&r.name, "name"),
        })
        .collect()
}

/// The Making it Real themes, ids unique. Whether each has statements: see [`statements`].
fn themes(c: &mut Checker, raw: &RawQuestionnaire, ids: &Ids) -> Vec<Theme> {
    c.unique_ids("theme", raw.themes.iter().map(|t| &t.id));
    raw.themes
        .iter()
        .map(|t| Theme {
            id: t.id.get_ref().clone(),
            name: c.name(&t.name, "name"),
            source: ids.source(c, &t.source),
        })
        .collect()
}

/// The statements, ids unique, with their voices and mirrors; then that statements have a
/// rating scale (`ratings` of them) and that every theme has statements.
fn statements(
    c: &mut Checker,
    raw: &RawQuestionnaire,
    ids: &Ids,
    ratings: usize,
) -> Vec<Statement> {
    c.unique_ids("statement", raw.statements.iter().map(|s| &s.id));
    let voices: Vec<Option<Voice>> = raw.statements.iter().map(voice).collect();
    let statements: Vec<Statement> = raw
        .statements
        .iter()
        .map(|s| Statement {
            id: s.id.get_ref().clone(),
            voice: voice(s).unwrap_or(Voice::I),
            theme: c.reference(&s.theme, "theme", &ids.themes, "").unwrap_or(0),
            text: c.text(&s.text, "text"),
            source: ids.source(c, &s.source),
            quoted: s.quoted,
            mirrors: mirrors(c, s, &ids.statements, &voices),
        })
        .collect();
    if let Some(first) = raw.statements.first()
        && ratings < 2
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
    statements
}

/// The placement questions: at least one, ids unique, each with its options, in file order.
fn questions(c: &mut Checker, raw: &RawQuestionnaire, ids: &Ids) -> Vec<Question> {
    at_least(c, 1, &raw.questions, "question", "[[questions]]");
    c.unique_ids("question", raw.questions.get_ref().iter().map(|q| &q.id));
    raw.questions
        .get_ref()
        .iter()
        .map(|q| Question {
            id: q.id.get_ref().clone(),
            area: c.reference(&q.area, "area", &ids.areas, "").unwrap_or(0),
            prompt: c.text(&q.prompt, "prompt"),
            lived_prompt: q.lived_prompt.as_ref().map(|p| c.text(p, "lived_prompt")),
            help: q.help.as_ref().map(|h| c.text(h, "help")),
            lived_help: q.lived_help.as_ref().map(|h| c.text(h, "lived_help")),
            source: ids.source(c, &q.source),
            options: options(c, q, &ids.rungs),
        })
        .collect()
}

/// Wording for people with lived experience is given for every question or for none, so
/// that no one reads half the questionnaire as if they ran the organisation; only where a
/// role with lived experience will read it; and help of their own only beside a prompt of
/// their own.
fn lived_wording(c: &mut Checker, raw: &RawQuestionnaire, roles: &[Role]) {
    let questions = raw.questions.get_ref();
    let worded = questions
        .iter()
        .filter(|q| q.lived_prompt.is_some())
        .count();
    if worded > 0 && !roles.iter().any(|r| r.lived_experience) {
        c.error(
            raw.roles.span(),
            "questions have a `lived_prompt`, but no role has lived experience to read it",
            "add a role with lived_experience = true, or remove the lived_prompt lines",
        );
    }
    for q in questions {
        if worded > 0 && q.lived_prompt.is_none() {
            c.error(
                q.id.span(),
                format!(
                    "question `{}` has no `lived_prompt`, while other questions have one",
                    q.id.get_ref()
                ),
                "add lived_prompt = \"…\": the question as a person who draws on care and \
                 support would be asked it (or remove lived_prompt from every question)",
            );
        }
        if let (Some(help), None) = (&q.lived_help, &q.lived_prompt) {
            c.error(
                help.span(),
                "`lived_help` without a `lived_prompt`",
                "add lived_prompt = \"…\" to this question, or rename lived_help to help",
            );
        }
    }
}

/// Every rung is reached by some option, and every area has questions.
fn reachability(c: &mut Checker, raw: &RawQuestionnaire, questions: &[Question]) {
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
    Voice::from_id(s.voice.get_ref())
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
