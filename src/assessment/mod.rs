//! The stored answers file: one respondent's assessment of one service.
//!
//! An assessment is TOML a person can read, edit and diff: which questionnaire it answers
//! (by bundled id or by path), who answered and when, the chosen option for each question
//! (or `dont-know` / `skipped`), evidence notes and statement ratings. Loading checks every
//! id against the questionnaire and points at the exact place of anything unknown, listing
//! the valid choices.

mod fast;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Deserialize;
use toml::Spanned;

use crate::questionnaire::{BUNDLED, Questionnaire, Voice, bundled, is_bundled};
use crate::source::{Invalid, SourceFile, other_kind, parse_toml};
use crate::text;
use crate::validate::Checker;

/// The answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Not reached yet.
    Unanswered,
    /// An option (index into the question's options).
    Chosen(usize),
    /// The respondent does not know.
    DontKnow,
    /// The respondent skipped it, to come back later.
    Skipped,
}

impl Answer {
    /// The word an assessment file uses for "don't know".
    pub const DONT_KNOW: &'static str = "dont-know";
    /// The word an assessment file uses for a skipped question.
    pub const SKIPPED: &'static str = "skipped";

    /// The word an assessment file uses for an answer without an option, if it is one.
    /// These words can never be option ids.
    pub fn keyword(self) -> Option<&'static str> {
        match self {
            Answer::DontKnow => Some(Self::DONT_KNOW),
            Answer::Skipped => Some(Self::SKIPPED),
            Answer::Unanswered | Answer::Chosen(_) => None,
        }
    }

    /// The answer a keyword of the assessment file stands for.
    pub fn from_keyword(word: &str) -> Option<Answer> {
        match word {
            Self::DONT_KNOW => Some(Answer::DontKnow),
            Self::SKIPPED => Some(Answer::Skipped),
            _ => None,
        }
    }
}

/// A calendar date (the day an assessment was made).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// Days since 1970-01-01 (negative before), for comparing dates.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl Date {
    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Self {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Today, by the system clock (UTC).
    pub fn today() -> Self {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Self::from_days_since_epoch((seconds / 86_400) as i64)
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    /// Parses `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2026-10-14");
        match text.trim().parse::<toml::value::Datetime>() {
            Ok(toml::value::Datetime {
                date: Some(d),
                time: None,
                offset: None,
            }) => Ok(Date {
                year: i32::from(d.year),
                month: d.month,
                day: d.day,
            }),
            _ => Err(invalid()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A checked assessment, bound to its questionnaire.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The file's name as given.
    pub file: String,
    /// The questionnaire reference as written (bundled id or path).
    pub questionnaire: String,
    /// The questionnaire's version when the answers were given.
    pub questionnaire_version: String,
    /// The questionnaire's fingerprint when the answers were given, if recorded.
    pub questionnaire_fingerprint: Option<String>,
    /// The organisation assessed.
    pub organisation: String,
    /// The service, team or programme assessed.
    pub service: String,
    /// The day of the assessment.
    pub assessed: Date,
    /// Index into the questionnaire's roles.
    pub role: usize,
    /// The respondent's name, if given. Never shown in combined reports.
    pub name: Option<String>,
    /// One answer per question, by question index.
    pub answers: Vec<Answer>,
    /// Evidence notes, by question index.
    pub evidence: Vec<Option<String>>,
    /// Statement ratings (index into the questionnaire's ratings), by statement index.
    pub ratings: Vec<Option<usize>>,
    /// Things worth knowing that do not stop scoring, e.g. a newer questionnaire version.
    pub notes: Vec<String>,
    /// The questionnaire's version or fingerprint differs from the one answered; the first
    /// note says so.
    pub questionnaire_changed: bool,
    /// The line of `assessed` in the file (0 when not read from a file).
    pub assessed_line: usize,
    /// The line of each question's answer in the file (0 when it has none).
    pub answer_lines: Vec<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssessment {
    questionnaire: Spanned<String>,
    questionnaire_version: Spanned<String>,
    questionnaire_fingerprint: Option<Spanned<String>>,
    organisation: Spanned<String>,
    service: Spanned<String>,
    assessed: Spanned<toml::value::Datetime>,
    respondent: RawRespondent,
    #[serde(default)]
    answers: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    evidence: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    ratings: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRespondent {
    role: Spanned<String>,
    name: Option<Spanned<String>>,
}

impl Assessment {
    /// Reads an assessment and the questionnaire it names (a relative path is taken from
    /// the assessment's directory).
    pub fn load(path: &Path) -> Result<(Assessment, Arc<Questionnaire>), Invalid> {
        Self::load_with(path, &Questionnaires::default())
    }

    /// Like [`Assessment::load`], taking questionnaires from `cache` when they were read
    /// before: how many assessments are loaded quickly.
    pub fn load_with(
        path: &Path,
        cache: &Questionnaires,
    ) -> Result<(Assessment, Arc<Questionnaire>), Invalid> {
        Self::parse_with(&SourceFile::read(path)?, path.parent(), cache)
    }

    /// Parses an assessment already read, finding its questionnaire from `base` (the
    /// assessment's directory) through `cache`.
    pub fn parse_with(
        file: &SourceFile,
        base: Option<&Path>,
        cache: &Questionnaires,
    ) -> Result<(Assessment, Arc<Questionnaire>), Invalid> {
        let raw = parse(file)?;
        let questionnaire = cache.get(file, &raw.questionnaire, base)?;
        let assessment = bind(file, raw, &questionnaire)?;
        Ok((assessment, questionnaire))
    }

    /// Parses an assessment's text against a questionnaire already loaded.
    pub fn parse(file: &SourceFile, questionnaire: &Questionnaire) -> Result<Assessment, Invalid> {
        bind(file, parse(file)?, questionnaire)
    }

    /// A new assessment of `questionnaire` with nothing answered yet.
    pub fn new(
        questionnaire: &Questionnaire,
        organisation: &str,
        service: &str,
        assessed: Date,
        role: usize,
    ) -> Self {
        Assessment {
            file: String::new(),
            questionnaire: questionnaire.id.clone(),
            questionnaire_version: questionnaire.version.clone(),
            questionnaire_fingerprint: Some(questionnaire.fingerprint.clone()),
            organisation: organisation.to_string(),
            service: service.to_string(),
            assessed,
            role,
            name: None,
            answers: vec![Answer::Unanswered; questionnaire.questions.len()],
            evidence: vec![None; questionnaire.questions.len()],
            ratings: vec![None; questionnaire.statements.len()],
            notes: Vec::new(),
            questionnaire_changed: false,
            assessed_line: 0,
            answer_lines: vec![0; questionnaire.questions.len()],
        }
    }

    /// The assessment as the TOML of an assessment file: questions, evidence and ratings in
    /// the questionnaire's order, so that files diff well.
    pub fn to_toml(&self, q: &Questionnaire) -> Result<String, toml::ser::Error> {
        use toml::{Table, Value};
        let text = |s: &str| Value::String(s.to_string());
        let mut doc = Table::new();
        doc.insert("questionnaire".into(), text(&self.questionnaire));
        doc.insert("questionnaire_version".into(), text(&q.version));
        doc.insert("questionnaire_fingerprint".into(), text(&q.fingerprint));
        doc.insert("organisation".into(), text(&self.organisation));
        doc.insert("service".into(), text(&self.service));
        if let Ok(date) = self.assessed.to_string().parse() {
            doc.insert("assessed".into(), Value::Datetime(date));
        }
        let mut respondent = Table::new();
        respondent.insert("role".into(), text(&q.roles[self.role].id));
        if let Some(name) = &self.name {
            respondent.insert("name".into(), text(name));
        }
        doc.insert("respondent".into(), Value::Table(respondent));
        let mut answers = Table::new();
        let mut evidence = Table::new();
        for (qi, question) in q.questions.iter().enumerate() {
            let answer = match self.answers[qi] {
                Answer::Chosen(o) => Some(question.options[o].id.as_str()),
                other => other.keyword(),
            };
            if let Some(answer) = answer {
                answers.insert(question.id.clone(), text(answer));
            }
            if let Some(note) = &self.evidence[qi] {
                evidence.insert(question.id.clone(), text(note));
            }
        }
        let mut ratings = Table::new();
        for (si, rating) in self.ratings.iter().enumerate() {
            if let Some(r) = rating {
                ratings.insert(q.statements[si].id.clone(), text(&q.ratings[*r].id));
            }
        }
        for (key, table) in [
            ("answers", answers),
            ("evidence", evidence),
            ("ratings", ratings),
        ] {
            doc.insert(key.into(), Value::Table(table));
        }
        toml::to_string(&doc)
    }

    /// How many questions have an answer of any kind (an option, "don't know" or skipped).
    pub fn given(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| **a != Answer::Unanswered)
            .count()
    }

    /// How many questions have an option chosen.
    pub fn answered(&self) -> usize {
        self.answers
            .iter()
            .filter(|a| matches!(a, Answer::Chosen(_)))
            .count()
    }
}

fn parse(file: &SourceFile) -> Result<RawAssessment, Invalid> {
    if let Some(raw) = fast::parse(&file.text) {
        return Ok(raw);
    }
    parse_toml(
        file,
        "an assessment names its questionnaire, organisation, service, date and respondent; see “The assessment file” in the README",
    )
    .map_err(|e| {
        other_kind(
            file,
            e,
            &["rungs", "questions"],
            "this is a questionnaire, not an assessment",
            "check a questionnaire with `copro questionnaire validate FILE`; an assessment names its questionnaire with `questionnaire = \"…\"`",
        )
    })
}

/// Questionnaires read so far, by where they were found; safe to share between threads.
/// Each questionnaire file is read and checked once however many assessments name it.
#[derive(Debug, Default)]
pub struct Questionnaires {
    cache: Mutex<HashMap<PathBuf, Result<Arc<Questionnaire>, Invalid>>>,
}

impl Questionnaires {
    /// The questionnaire an assessment's `questionnaire` key names: a bundled id, or a path
    /// relative to the assessment's directory `base`.
    fn get(
        &self,
        file: &SourceFile,
        reference: &Spanned<String>,
        base: Option<&Path>,
    ) -> Result<Arc<Questionnaire>, Invalid> {
        let name = reference.get_ref();
        let is_bundled = is_bundled(name);
        let key = if is_bundled {
            PathBuf::from(name)
        } else {
            base.unwrap_or(Path::new("")).join(name)
        };
        if let Some(found) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return found;
        }
        if !is_bundled && !key.is_file() {
            return Err(Invalid::one(file.diagnostic(
                reference.span(),
                format!(
                    "no bundled questionnaire is called `{}`, and there is no file `{}`",
                    text::truncate(&text::one_line(name), 60),
                    text::truncate(&text::one_line(&key.display().to_string()), 80)
                ),
                format!(
                    "use a bundled questionnaire ({}) or the path of a questionnaire file, relative to this file",
                    text::list(BUNDLED.iter().map(|(id, _)| *id))
                ),
            )));
        }
        let loaded = match bundled(name) {
            Some(q) => q,
            None => Questionnaire::load(&key),
        }
        .map(Arc::new);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, loaded.clone());
        }
        loaded
    }
}

fn bind(file: &SourceFile, raw: RawAssessment, q: &Questionnaire) -> Result<Assessment, Invalid> {
    let mut c = Checker::new(file);
    let question_ids: Vec<&str> = q.questions.iter().map(|x| x.id.as_str()).collect();
    let statement_ids: Vec<&str> = q.statements.iter().map(|x| x.id.as_str()).collect();
    let rating_ids: Vec<&str> = q.ratings.iter().map(|x| x.id.as_str()).collect();
    let role_ids: Vec<&str> = q.roles.iter().map(|x| x.id.as_str()).collect();

    let version = c.text(&raw.questionnaire_version, "questionnaire_version");
    let fingerprint = raw
        .questionnaire_fingerprint
        .as_ref()
        .map(|f| c.text(f, "questionnaire_fingerprint"));
    let organisation = text::one_line(&c.text(&raw.organisation, "organisation"));
    let service = text::one_line(&c.text(&raw.service, "service"));
    let assessed = date(&mut c, &raw.assessed);
    let role = c
        .reference(&raw.respondent.role, "role", &role_ids, "")
        .unwrap_or(0);
    let name = raw
        .respondent
        .name
        .as_ref()
        .map(|n| text::one_line(&c.text(n, "name")));

    let line_of = LineIndex::new(&file.text);
    let mut answers = vec![Answer::Unanswered; q.questions.len()];
    let mut answer_lines = vec![0; q.questions.len()];
    // Known ids are looked up directly; only an unknown one goes through the checker, which
    // reports it with the list of choices.
    let question = |c: &mut Checker, key: &Spanned<String>| {
        q.question(key.get_ref())
            .or_else(|| c.reference(key, "question", &question_ids, ""))
    };
    for (key, value) in &raw.answers {
        let Some(qi) = question(&mut c, key) else {
            continue;
        };
        answer_lines[qi] = line_of.line(key.span().start);
        let question = &q.questions[qi];
        let id = value.get_ref().as_str();
        answers[qi] = match Answer::from_keyword(id) {
            Some(keyword) => keyword,
            None => match question.option(id) {
                Some(o) => Answer::Chosen(o),
                None => {
                    let option_ids: Vec<&str> =
                        question.options.iter().map(|o| o.id.as_str()).collect();
                    c.reference(
                        value,
                        &format!("option for question `{}`", question.id),
                        &option_ids,
                        ", or `dont-know` or `skipped`",
                    );
                    Answer::Unanswered
                }
            },
        };
    }
    let mut evidence = vec![None; q.questions.len()];
    for (key, value) in &raw.evidence {
        if let Some(qi) = question(&mut c, key) {
            evidence[qi] = Some(c.text(value, "evidence"));
        }
    }
    let mut ratings = vec![None; q.statements.len()];
    for (key, value) in &raw.ratings {
        let statement = q
            .statement(key.get_ref())
            .or_else(|| c.reference(key, "statement", &statement_ids, ""));
        let rating = c.reference(value, "rating", &rating_ids, "");
        if let Some(si) = statement {
            ratings[si] = rating;
        }
    }
    c.finish()?;

    let mut notes = Vec::new();
    let fingerprint_changed = fingerprint.as_ref().is_some_and(|f| *f != q.fingerprint);
    if version != q.version {
        notes.push(format!(
            "{} was answered against {} {version}; the questionnaire is now {} {}. Answers were matched by question id.",
            file.name, q.id, q.id, q.version
        ));
    } else if fingerprint_changed {
        notes.push(format!(
            "{} {version} has changed since {} was answered: its questions or options differ. Answers were matched by question id.",
            q.id, file.name
        ));
    }
    let questionnaire_changed = !notes.is_empty();
    let own_voice = q.roles[role].voice();
    let other_voice = (0..q.statements.len())
        .filter(|&si| ratings[si].is_some() && q.statements[si].voice != own_voice)
        .count();
    if other_voice > 0 {
        let (theirs, whose) = match own_voice {
            Voice::We => ("“I”", "people with lived experience"),
            Voice::I => ("“We”", "the organisation"),
        };
        notes.push(format!(
            "{}: the respondent ({}) rated {other_voice} {theirs} {}, which {} meant for {whose}; {} counted as given.",
            file.name,
            q.roles[role].name.to_lowercase(),
            if other_voice == 1 { "statement" } else { "statements" },
            if other_voice == 1 { "is" } else { "are" },
            if other_voice == 1 { "it is" } else { "they are" },
        ));
    }
    Ok(Assessment {
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
        questionnaire_changed,
        notes,
        assessed_line: line_of.line(raw.assessed.span().start),
        answer_lines,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_epoch_matches_known_dates() {
        let d = |year, month, day| Date { year, month, day }.days_since_epoch();
        assert_eq!(d(1970, 1, 1), 0);
        assert_eq!(d(2000, 3, 1), 11_017);
        assert_eq!(d(2026, 11, 22) - d(2025, 11, 22), 365);
        assert_eq!(d(2024, 3, 1) - d(2024, 2, 28), 2);
    }

    #[test]
    fn dates_convert_both_ways_and_parse() {
        for days in [-1, 0, 11_017, 20_415, 60_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(
            "2026-02-28".parse(),
            Ok(Date {
                year: 2026,
                month: 2,
                day: 28
            })
        );
        assert!("2026-02-30".parse::<Date>().is_err());
        assert!("28/02/2026".parse::<Date>().is_err());
    }

    #[test]
    fn a_saved_assessment_reads_back_the_same() {
        let q = match crate::questionnaire::bundled("tlap") {
            Some(Ok(q)) => q,
            _ => panic!("tlap is bundled"),
        };
        let date = Date {
            year: 2026,
            month: 11,
            day: 23,
        };
        let mut a = Assessment::new(&q, "Org \"quoted\" = [x]", "Service", date, 2);
        a.name = Some("Sam".into());
        a.answers[0] = Answer::Chosen(3);
        a.answers[1] = Answer::DontKnow;
        a.answers[2] = Answer::Skipped;
        a.evidence[0] = Some("Minutes, 12 May; see \\shared\\board".into());
        a.ratings[4] = Some(2);
        let text = a.to_toml(&q).expect("serialises");
        let back = Assessment::parse(&SourceFile::new("a.toml", &text), &q).expect("parses");
        assert_eq!(back.organisation, a.organisation);
        assert_eq!(back.name, a.name);
        assert_eq!(back.role, 2);
        assert_eq!(back.assessed, date);
        assert_eq!(back.answers, a.answers);
        assert_eq!(back.evidence, a.evidence);
        assert_eq!(back.ratings, a.ratings);
        assert!(back.notes.is_empty());
    }
}
