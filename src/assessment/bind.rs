//! Binding an assessment file's fields to its questionnaire: every id resolved to an index,
//! every unknown one reported at its place with the valid choices, and notes for what is
//! worth knowing but does not stop scoring (another questionnaire version, ratings of the
//! other voice).

use toml::Spanned;

use super::{Answer, Assessment, Date, Note, RawAssessment};
use crate::questionnaire::{Questionnaire, Voice};
use crate::source::{Invalid, SourceFile};
use crate::validate::Checker;

/// Binds `raw` to `q`, reporting every unknown id and bad value in file order.
pub(super) fn bind(
    file: &SourceFile,
    raw: RawAssessment,
    q: &Questionnaire,
) -> Result<Assessment, Invalid> {
    let mut c = Checker::new(file);
    let version = c.name(&raw.questionnaire_version, "questionnaire_version");
    let fingerprint = raw
        .questionnaire_fingerprint
        .as_ref()
        .map(|f| c.text(f, "questionnaire_fingerprint"));
    let organisation = c.name(&raw.organisation, "organisation");
    let service = c.name(&raw.service, "service");
    let assessed = date(&mut c, &raw.assessed);
    let role = known(
        &mut c,
        &raw.respondent.role,
        "role",
        q.role(raw.respondent.role.get_ref()),
        q.roles.iter().map(|r| &r.id),
    )
    .unwrap_or(0);
    let name = raw.respondent.name.as_ref().map(|n| c.name(n, "name"));
    let lines = LineIndex::new(&file.text);
    let (answers, answer_lines) = answers(&mut c, &raw, q, &lines);
    let evidence = evidence(&mut c, &raw, q);
    let ratings = ratings(&mut c, &raw, q);
    if c.has_problems() && version != q.version {
        not_kept(&mut c, &raw, q);
    }
    c.finish()?;

    let mut assessment = Assessment {
        file: file.name.clone(),
        questionnaire: raw.questionnaire.get_ref().clone(),
        questionnaire_version: version,
        questionnaire_fingerprint: fingerprint,
        organisation,
        service,
        assessed,
        role,
        name,
        answers,
        evidence,
        ratings,
        notes: Vec::new(),
        assessed_line: lines.line(raw.assessed.span().start),
        answer_lines,
    };
    assessment.notes = notes(&assessment, q);
    Ok(assessment)
}

/// Why ids of an assessment answered on another version are unknown: that version is not
/// kept, and how to keep it (see `questionnaire/archive.rs`).
fn not_kept(c: &mut Checker, raw: &RawAssessment, q: &Questionnaire) {
    let version = raw.questionnaire_version.get_ref();
    let reference = raw.questionnaire.get_ref();
    let shown = crate::text::truncate(&crate::text::one_line(version), 40);
    let help = if crate::questionnaire::is_bundled(reference) {
        format!(
            "answer it again on {} {} with `copro assess`, or remove the answers {} {} no longer has",
            q.id, q.version, q.id, q.version
        )
    } else {
        format!(
            "keep version {} of the questionnaire beside it as archive/{}-{}.toml, and the answers are read on that version; or answer again on {}",
            shown, q.id, shown, q.version
        )
    };
    c.error(
        raw.questionnaire_version.span(),
        format!(
            "this was answered on {} {}, which is not kept, so its answers are read against {} {}",
            q.id, shown, q.id, q.version
        ),
        help,
    );
}

/// `found` when the lookup by id succeeded; otherwise `value` is reported as an unknown
/// `kind` with the valid `choices`. Known ids are looked up directly, so the list of
/// choices is only gathered for a file that needs it.
fn known<S: AsRef<str>>(
    c: &mut Checker,
    value: &Spanned<String>,
    kind: &str,
    found: Option<usize>,
    choices: impl IntoIterator<Item = S>,
) -> Option<usize> {
    if found.is_none() {
        c.unknown(value, kind, choices, "");
    }
    found
}

fn question(c: &mut Checker, q: &Questionnaire, key: &Spanned<String>) -> Option<usize> {
    let found = q.question(key.get_ref());
    known(c, key, "question", found, q.questions.iter().map(|x| &x.id))
}

/// The answers, by question, and the line each is on.
fn answers(
    c: &mut Checker,
    raw: &RawAssessment,
    q: &Questionnaire,
    lines: &LineIndex,
) -> (Vec<Answer>, Vec<usize>) {
    let mut answers = vec![Answer::Unanswered; q.questions.len()];
    let mut answer_lines = vec![0; q.questions.len()];
    for (key, value) in &raw.answers {
        let Some(qi) = question(c, q, key) else {
            continue;
        };
        answer_lines[qi] = lines.line(key.span().start);
        let question = &q.questions[qi];
        let id = value.get_ref().as_str();
        answers[qi] = match (Answer::from_keyword(id), question.option(id)) {
            (Some(keyword), _) => keyword,
            (None, Some(o)) => Answer::Chosen(o),
            (None, None) => {
                c.unknown(
                    value,
                    &format!("option for question `{}`", question.id),
                    question.options.iter().map(|o| &o.id),
                    &format!(", or `{}` or `{}`", Answer::DONT_KNOW, Answer::SKIPPED),
                );
                Answer::Unanswered
            }
        };
    }
    (answers, answer_lines)
}

/// The evidence notes, by question.
fn evidence(c: &mut Checker, raw: &RawAssessment, q: &Questionnaire) -> Vec<Option<String>> {
    let mut evidence = vec![None; q.questions.len()];
    for (key, value) in &raw.evidence {
        if let Some(qi) = question(c, q, key) {
            evidence[qi] = Some(c.text(value, "evidence"));
        }
    }
    evidence
}

/// The statement ratings, by statement.
fn ratings(c: &mut Checker, raw: &RawAssessment, q: &Questionnaire) -> Vec<Option<usize>> {
    let mut ratings = vec![None; q.statements.len()];
    for (key, value) in &raw.ratings {
        let found = q.statement(key.get_ref());
        let statement = known(
            c,
            key,
            "statement",
            found,
            q.statements.iter().map(|s| &s.id),
        );
        let found = q.rating(value.get_ref());
        let rating = known(c, value, "rating", found, q.ratings.iter().map(|r| &r.id));
        if let Some(si) = statement {
            ratings[si] = rating;
        }
    }
    ratings
}

/// What is worth knowing about a bound assessment: a changed questionnaire first, then
/// ratings given in the other voice.
fn notes(a: &Assessment, q: &Questionnaire) -> Vec<Note> {
    let mut notes = Vec::new();
    let version = &a.questionnaire_version;
    let changed = *version == q.version
        && a.questionnaire_fingerprint
            .as_ref()
            .is_some_and(|f| *f != q.fingerprint);
    if *version != q.version {
        notes.push(Note::QuestionnaireChanged(format!(
            "{} was answered against {} {version}; the questionnaire is now {} {}. Answers were matched by question id.",
            a.file, q.id, q.id, q.version
        )));
    } else if changed {
        // One note: a kept version that differs from the one answered is not scored "as
        // answered".
        let now = match &q.current_version {
            Some(current) => format!(
                " to the kept {} {version}; {} is now {current}. To compare like with like, answer it again on {current}.",
                q.id, q.id
            ),
            None => ".".to_string(),
        };
        notes.push(Note::QuestionnaireChanged(format!(
            "{} {version} has changed since {} was answered: its questions or options differ. Answers were matched by question id{now}",
            q.id, a.file
        )));
    } else if let Some(current) = &q.current_version {
        notes.push(Note::QuestionnaireChanged(format!(
            "{} was answered on {} {version}, and is read and scored on that version, as answered; {} is now {current}. To compare like with like, answer it again on {current}.",
            a.file, q.id, q.id
        )));
    }
    let role = &q.roles[a.role];
    let own_voice = role.voice();
    let other_voice = (0..q.statements.len())
        .filter(|&si| a.ratings[si].is_some() && q.statements[si].voice != own_voice)
        .count();
    if other_voice > 0 {
        let (theirs, whose) = match own_voice {
            Voice::We => ("“I”", "people with lived experience"),
            Voice::I => ("“We”", "the organisation"),
        };
        let one = other_voice == 1;
        notes.push(Note::OtherVoice(format!(
            "{}: the respondent ({}) rated {other_voice} {theirs} {}, which {} meant for {whose}; {} counted as given.",
            a.file,
            role.name.to_lowercase(),
            if one { "statement" } else { "statements" },
            if one { "is" } else { "are" },
            if one { "it is" } else { "they are" },
        )));
    }
    notes
}

/// Line numbers of byte offsets, from one pass over the text.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line of `offset`.
    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

fn date(c: &mut Checker, value: &Spanned<toml::value::Datetime>) -> Date {
    let dt = value.get_ref();
    match (dt.date, dt.time) {
        (Some(d), None) => Date {
            year: i32::from(d.year),
            month: d.month,
            day: d.day,
        },
        _ => {
            c.error(
                value.span(),
                "`assessed` must be a date alone",
                "write the day of the assessment as YYYY-MM-DD, e.g. assessed = 2026-10-14 (no quotes, no time)",
            );
            Date {
                year: 1970,
                month: 1,
                day: 1,
            }
        }
    }
}
