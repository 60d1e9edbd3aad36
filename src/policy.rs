//! The rules `copro check` holds stored assessments to, and the judging itself.
//!
//! A repository keeps its rules in a policy file (by default `copro-policy.toml` in the
//! current directory) so that they are versioned with the assessments; flags on the
//! command line override it. A policy is first resolved against a questionnaire
//! ([`Rules`]: rung and area positions, and where it does not fit), once for all of that
//! questionnaire's assessments; judging one is then a pure function of the policy, those
//! rules, the assessment, its score and today's date.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::assessment::{Answer, Assessment, Date, Note};
use crate::questionnaire::Questionnaire;
use crate::scoring::Score;
use crate::source::{Diagnostic, Invalid, SourceFile, parse_toml};
use crate::validate::Checker;

/// The policy file picked up from the current directory when no `--policy` is given.
pub const DEFAULT_FILE: &str = "copro-policy.toml";

/// What to do with an assessment made against another version of its questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OtherVersion {
    /// Score it and say nothing: on the version it was answered on where that version is
    /// kept, else on the version in use, matched by question id.
    Accept,
    /// Score it, and warn.
    #[default]
    Warn,
    /// Fail it: it must be answered again on the current version.
    Fail,
}

impl OtherVersion {
    /// Every rule, in the order a policy's help lists them.
    pub const ALL: [OtherVersion; 3] =
        [OtherVersion::Accept, OtherVersion::Warn, OtherVersion::Fail];

    /// The rule a policy file names by its id, e.g. `fail`.
    pub fn from_id(id: &str) -> Option<OtherVersion> {
        Self::ALL.into_iter().find(|rule| rule.id() == id)
    }

    /// What the rule does, in words, for help texts.
    pub fn meaning(self) -> &'static str {
        match self {
            OtherVersion::Accept => "Score it and say nothing",
            OtherVersion::Warn => "Score it, and warn",
            OtherVersion::Fail => "Fail it: it must be answered again on the current version",
        }
    }

    /// The word used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            OtherVersion::Accept => "accept",
            OtherVersion::Warn => "warn",
            OtherVersion::Fail => "fail",
        }
    }
}

/// Minimum placements: overall, and per area. Ids are rung and area ids of the
/// questionnaire an assessment answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Minimums {
    /// The lowest overall rung that passes.
    pub rung: Option<String>,
    /// The lowest rung that passes, by area id.
    pub areas: BTreeMap<String, String>,
    /// Where the policy file sets each, to point there when it does not fit a
    /// questionnaire; none for a minimum set by a flag.
    pub places: Places,
}

/// Where in the policy file its minimums are written: a diagnostic at each, its message
/// still to be said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// The `min_rung` value.
    pub rung: Option<Diagnostic>,
    /// Each `min_area` key (the area) and value (the rung).
    pub areas: BTreeMap<String, (Diagnostic, Diagnostic)>,
}

impl Minimums {
    /// These minimums with `other`'s set on top.
    fn overlaid(&self, other: &Minimums) -> Minimums {
        let mut areas = self.areas.clone();
        areas.extend(other.areas.clone());
        let mut area_places = self.places.areas.clone();
        area_places.extend(other.places.areas.clone());
        let (rung, rung_place) = match &other.rung {
            Some(rung) => (Some(rung.clone()), other.places.rung.clone()),
            None => (self.rung.clone(), self.places.rung.clone()),
        };
        Minimums {
            rung,
            areas,
            places: Places {
                rung: rung_place,
                areas: area_places,
            },
        }
    }
}

/// Everything `copro check` holds assessments to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// The file the policy came from, if any.
    pub file: Option<String>,
    /// Minimums for every questionnaire.
    pub minimums: Minimums,
    /// Minimums for one questionnaire, by its id, over the general ones.
    pub by_questionnaire: BTreeMap<String, Minimums>,
    /// Where each `[questionnaires.ID]` section starts in the policy file, by id.
    pub sections: BTreeMap<String, Diagnostic>,
    /// The most days since `assessed`.
    pub max_age_days: Option<u32>,
    /// Answers on the top two rungs need an evidence note.
    pub require_evidence: bool,
    /// What to do with an assessment of another questionnaire version.
    pub other_version: OtherVersion,
    /// Directories outside those checked where questionnaire files may be, as the policy
    /// file names them relative to itself (here already joined to its directory).
    pub allow_questionnaires_in: Vec<PathBuf>,
}

/// The policy file as written. The doc comments of the fields are the descriptions of
/// `copro schema policy`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "copro check policy",
    description = "The rules of `copro check` (copro-policy.toml); flags on the command line override them."
)]
#[schemars(rename = "Policy")]
pub(crate) struct RawPolicy {
    /// Fail assessments placed overall below this rung (a rung id, e.g. `consultation`).
    #[schemars(with = "Option<String>")]
    min_rung: Option<Spanned<String>>,
    /// Fail assessments whose area is placed below a rung: area id = rung id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    min_area: BTreeMap<Spanned<String>, Spanned<String>>,
    /// Fail assessments made more than this many days ago.
    #[schemars(with = "Option<i64>")]
    max_age_days: Option<Spanned<i64>>,
    /// Fail answers on the top two rungs that have no evidence note.
    require_evidence: Option<bool>,
    /// What to do with an assessment made against another version of its questionnaire:
    /// `accept`, `warn` (the default) or `fail`.
    #[serde(default)]
    #[schemars(schema_with = "other_version_schema")]
    other_version: Option<Spanned<String>>,
    /// Minimums for the assessments of one questionnaire, over the settings above:
    /// [questionnaires.ID].
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, RawMinimums>")]
    questionnaires: BTreeMap<Spanned<String>, RawMinimums>,
    /// More directories where assessments may find questionnaire files, relative to this
    /// file.
    #[serde(default)]
    allow_questionnaires_in: Vec<String>,
}

/// `other_version`: one of the rules' ids.
fn other_version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "enum": OtherVersion::ALL.map(OtherVersion::id),
    })
}

/// Minimums for the assessments of one questionnaire.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Minimums")]
struct RawMinimums {
    /// Fail assessments placed overall below this rung of the questionnaire.
    #[schemars(with = "Option<String>")]
    min_rung: Option<Spanned<String>>,
    /// Fail assessments whose area is placed below a rung: area id = rung id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    min_area: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// A path written in the file `file`, relative to that file's directory.
fn beside(file: &str, path: &str) -> PathBuf {
    match Path::new(file).parent() {
        Some(dir) => dir.join(path),
        None => PathBuf::from(path),
    }
}

impl Policy {
    /// Reads and checks a policy file.
    pub fn load(path: &Path) -> Result<Policy, Invalid> {
        let file = SourceFile::read(path)?;
        Self::parse(&file)
    }

    /// Parses and checks a policy's text.
    pub fn parse(file: &SourceFile) -> Result<Policy, Invalid> {
        let raw: RawPolicy = parse_toml(
            file,
            "a policy sets min_rung, [min_area], max_age_days, require_evidence or other_version; see “Checking stored assessments” in the README",
        )?;
        let mut c = Checker::new(file);
        let max_age_days = raw.max_age_days.as_ref().and_then(|days| {
            let value = *days.get_ref();
            match u32::try_from(value) {
                Ok(d) => Some(d),
                Err(_) => {
                    let range = if value < 0 {
                        "it must be 0 or more".to_string()
                    } else {
                        format!("the most copro takes is {}", u32::MAX)
                    };
                    c.error(
                        days.span(),
                        format!("`max_age_days` is {value}; {range}"),
                        "write the most days since an assessment, e.g. max_age_days = 365",
                    );
                    None
                }
            }
        });
        let other_version = match &raw.other_version {
            None => OtherVersion::default(),
            Some(value) => OtherVersion::from_id(value.get_ref()).unwrap_or_else(|| {
                // Not a rule: say so at the value, listing the rules.
                let choices = OtherVersion::ALL.map(OtherVersion::id);
                c.unknown(value, "value for `other_version`", choices, "");
                OtherVersion::default()
            }),
        };
        let at = |value: &Spanned<String>| file.diagnostic(value.span(), "", "");
        let mut minimums = |rung: &Option<Spanned<String>>, areas: &BTreeMap<_, _>| Minimums {
            rung: rung.as_ref().map(|r: &Spanned<String>| c.id(r, "rung")),
            areas: areas
                .iter()
                .map(|(area, rung): (&Spanned<String>, &Spanned<String>)| {
                    (c.id(area, "area"), c.id(rung, "rung"))
                })
                .collect(),
            places: Places {
                rung: rung.as_ref().map(at),
                areas: areas
                    .iter()
                    .map(|(area, rung): (&Spanned<String>, &Spanned<String>)| {
                        (area.get_ref().clone(), (at(area), at(rung)))
                    })
                    .collect(),
            },
        };
        let general = minimums(&raw.min_rung, &raw.min_area);
        let by_questionnaire = raw
            .questionnaires
            .iter()
            .map(|(id, m)| (id.get_ref().clone(), minimums(&m.min_rung, &m.min_area)))
            .collect();
        let sections = raw
            .questionnaires
            .keys()
            .map(|id| (id.get_ref().clone(), at(id)))
            .collect();
        c.finish()?;
        Ok(Policy {
            file: Some(file.name.clone()),
            minimums: general,
            by_questionnaire,
            sections,
            max_age_days,
            require_evidence: raw.require_evidence.unwrap_or(false),
            other_version,
            allow_questionnaires_in: raw
                .allow_questionnaires_in
                .iter()
                .map(|dir| beside(&file.name, dir))
                .collect(),
        })
    }

    /// Sets the overall minimum for every questionnaire, over what the file says.
    pub fn set_min_rung(&mut self, rung: &str) {
        self.minimums.rung = Some(rung.to_string());
        self.minimums.places.rung = None;
        for m in self.by_questionnaire.values_mut() {
            m.rung = None;
            m.places.rung = None;
        }
    }

    /// Sets an area's minimum for every questionnaire, over what the file says.
    pub fn set_min_area(&mut self, area: &str, rung: &str) {
        self.minimums
            .areas
            .insert(area.to_string(), rung.to_string());
        self.minimums.places.areas.remove(area);
        for m in self.by_questionnaire.values_mut() {
            m.areas.remove(area);
            m.places.areas.remove(area);
        }
    }

    /// The minimums for assessments of questionnaire `id`.
    pub fn minimums_for(&self, id: &str) -> Minimums {
        match self.by_questionnaire.get(id) {
            Some(specific) => self.minimums.overlaid(specific),
            None => self.minimums.clone(),
        }
    }

    /// This policy resolved against questionnaire `q`: its minimums as positions in `q`'s
    /// rungs and areas, and the errors where it names a rung or area `q` does not have.
    /// It depends only on the questionnaire, so it is worked out once for all of its
    /// assessments.
    pub fn rules_for(&self, q: &Questionnaire) -> Rules {
        let minimums = self.minimums_for(&q.id);
        let mut errors = Vec::new();
        let places = &minimums.places;
        let min_rung = minimums.rung.as_deref().and_then(|min| {
            let at = self.place(places.rung.as_ref(), "--min-rung");
            rung_position(q, min, at, &mut errors)
        });
        let mut min_areas = Vec::new();
        for (area_id, min) in &minimums.areas {
            let (area_at, rung_at) = match places.areas.get(area_id) {
                Some((area, rung)) => (Some(area), Some(rung)),
                None => (None, None),
            };
            let Some(area) = q.areas.iter().position(|x| x.id == *area_id) else {
                let mut error = self.place(area_at, "--min-area");
                error.message = format!(
                    "the policy names area `{area_id}`, which {} does not have",
                    q.id
                );
                error.help = format!(
                    "use one of its areas: {}",
                    crate::text::list(q.areas.iter().map(|x| x.id.as_str()))
                );
                errors.push(error);
                continue;
            };
            let at = self.place(rung_at, "--min-area");
            if let Some(rung) = rung_position(q, min, at, &mut errors) {
                min_areas.push(AreaMinimum { area, rung });
            }
        }
        Rules {
            questionnaire: q.id.clone(),
            rungs: q.rungs.iter().map(|r| r.id.clone()).collect(),
            areas: q.areas.iter().map(|x| x.id.clone()).collect(),
            min_rung,
            min_areas,
            errors,
        }
    }

    /// A diagnostic at `place` in the policy file, or about `flag` when a flag set it.
    fn place(&self, place: Option<&Diagnostic>, flag: &str) -> Diagnostic {
        place
            .cloned()
            .unwrap_or_else(|| Diagnostic::file(flag, "", ""))
    }

    /// Where this policy does not fit the questionnaires named by its sections that no
    /// assessment of a run answered (`met` holds those that were): what a section for a
    /// bundled questionnaire sets is resolved against it, and a section for a
    /// questionnaire that is neither bundled nor met is itself a mistake (a misspelt id).
    pub fn unmet_sections(&self, met: &BTreeSet<String>) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (id, section) in &self.sections {
            if met.contains(id) {
                continue;
            }
            match crate::questionnaire::bundled(id) {
                Some(Ok(q)) => {
                    let own = Policy {
                        by_questionnaire: self
                            .by_questionnaire
                            .get_key_value(id)
                            .map(|(id, m)| (id.clone(), m.clone()))
                            .into_iter()
                            .collect(),
                        ..Policy::default()
                    };
                    problems.extend(own.rules_for(&q).errors);
                }
                _ => {
                    let mut problem = section.clone();
                    problem.message = format!(
                        "no assessment checked answers a questionnaire `{id}`, and no bundled questionnaire has that id"
                    );
                    problem.help = format!(
                        "correct the id ({} are bundled; your own questionnaire's is its `id`), or remove the section",
                        crate::questionnaire::bundled_ids()
                    );
                    problems.push(problem);
                }
            }
        }
        problems
    }

    /// Judges one scored assessment of `q` by `rules`, this policy resolved against `q` (see
    /// [`Policy::rules_for`]). Rules resolved against another questionnaire are not used:
    /// they are resolved again for `q`.
    pub fn judge(
        &self,
        rules: &Rules,
        q: &Questionnaire,
        a: &Assessment,
        score: &Score,
        today: Date,
    ) -> Verdict {
        let resolved;
        let rules = if rules.fits(q) {
            rules
        } else {
            resolved = self.rules_for(q);
            &resolved
        };
        let mut verdict = Verdict::default();
        for text in rules.shortfalls(q, score) {
            verdict.fail(text, 0);
        }

        if let Some(max) = self.max_age_days {
            let age = today.days_since_epoch() - a.assessed.days_since_epoch();
            if age < 0 {
                verdict.fail(
                    format!("assessed on {}, which is after today ({today})", a.assessed),
                    a.assessed_line,
                );
            } else if age > i64::from(max) {
                verdict.fail(
                    format!(
                        "assessed on {}, {age} days ago: the policy allows {max}",
                        a.assessed
                    ),
                    a.assessed_line,
                );
            }
        }

        if self.require_evidence {
            for (qi, answer) in a.answers.iter().enumerate() {
                if let Answer::Chosen(o) = answer {
                    let rung = q.questions[qi].options[*o].rung;
                    if q.needs_evidence(rung) && a.evidence[qi].is_none() {
                        verdict.fail(
                            format!(
                                "`{}` is answered on {} with no evidence note: add one under [evidence]",
                                q.questions[qi].id, q.rungs[rung].name
                            ),
                            a.answer_lines[qi],
                        );
                    }
                }
            }
        }

        for note in &a.notes {
            match (note, self.other_version) {
                (Note::QuestionnaireChanged(_), OtherVersion::Accept) => {}
                (Note::QuestionnaireChanged(message), OtherVersion::Fail) => {
                    verdict.fail(message.clone(), 1)
                }
                _ => verdict.warnings.push(Reason {
                    message: note.to_string(),
                    line: 1,
                }),
            }
        }
        verdict
    }
}

/// "overall: placed on Informing, below the minimum Consultation", or `None` when the
/// placement is at or above the minimum.
fn below(what: &str, q: &Questionnaire, placed: Option<usize>, min: usize) -> Option<String> {
    let minimum = &q.rungs[min].name;
    match placed {
        Some(p) if p >= min => None,
        Some(p) => Some(format!(
            "{what}: placed on {}, below the minimum {minimum}",
            q.rungs[p].name
        )),
        None => Some(format!(
            "{what}: not placed (not enough answers); the minimum is {minimum}"
        )),
    }
}

/// The position of rung `id` in `q`, or `None` with the error that says how to fix the
/// policy.
/// The position of rung `id` in `q`, or an error at `at` saying it has no such rung.
fn rung_position(
    q: &Questionnaire,
    id: &str,
    mut at: Diagnostic,
    errors: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let position = q.rungs.iter().position(|r| r.id == id);
    if position.is_none() {
        at.message = format!("the policy's minimum `{id}` is not a rung of {}", q.id);
        at.help = format!(
            "use one of its rungs ({}), or set a minimum for this questionnaire under [questionnaires.{}]",
            crate::text::list(q.rungs.iter().map(|r| r.id.as_str())),
            q.id
        );
        errors.push(at);
    }
    position
}

/// A policy resolved against one questionnaire (see [`Policy::rules_for`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// The id, rung ids and area ids of the questionnaire resolved against: the positions
    /// below hold for any questionnaire with the same.
    questionnaire: String,
    rungs: Vec<String>,
    areas: Vec<String>,
    /// The lowest overall rung that passes, as a position in the rungs.
    pub min_rung: Option<usize>,
    /// The lowest rung that passes in an area, in the order of the areas' ids.
    pub min_areas: Vec<AreaMinimum>,
    /// Where the policy does not fit the questionnaire (a rung or area it does not have),
    /// at the place in the policy file (or the flag) that says so. A mistake in the call,
    /// to report once; assessments are judged by the rules that do fit.
    pub errors: Vec<Diagnostic>,
}

impl Rules {
    /// True when these rules were resolved against a questionnaire with `q`'s id, rungs
    /// and areas, so that their positions hold for `q`.
    pub fn fits(&self, q: &Questionnaire) -> bool {
        self.questionnaire == q.id
            && self.rungs.iter().eq(q.rungs.iter().map(|r| &r.id))
            && self.areas.iter().eq(q.areas.iter().map(|x| &x.id))
    }

    /// Where `score`, of an assessment of `q`, is placed below these minimums: overall
    /// first, then the areas.
    fn shortfalls<'a>(
        &'a self,
        q: &'a Questionnaire,
        score: &'a Score,
    ) -> impl Iterator<Item = String> + 'a {
        let overall = self
            .min_rung
            .and_then(|min| below("overall", q, score.overall.rung, min));
        let areas = self
            .min_areas
            .iter()
            .filter_map(|&AreaMinimum { area, rung }| {
                below(
                    &q.areas[area].name,
                    q,
                    score.areas[area].placement.rung,
                    rung,
                )
            });
        overall.into_iter().chain(areas)
    }
}

/// An area's minimum, resolved: positions in the questionnaire's areas and rungs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaMinimum {
    /// The area's position.
    pub area: usize,
    /// The lowest rung that passes, as a position.
    pub rung: usize,
}

/// Why an assessment fails or deserves a warning, and where in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// What is wrong, in words.
    pub message: String,
    /// The line in the assessment file it is about (0: the file as a whole).
    pub line: usize,
}

/// What the policy says of one assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// Why it fails; empty when it passes.
    pub reasons: Vec<Reason>,
    /// Things worth knowing that do not fail it.
    pub warnings: Vec<Reason>,
}

impl Verdict {
    fn fail(&mut self, message: String, line: usize) {
        self.reasons.push(Reason { message, line });
    }

    /// True when nothing fails.
    pub fn passes(&self) -> bool {
        self.reasons.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring;

    fn policy(text: &str) -> Result<Policy, Invalid> {
        Policy::parse(&SourceFile::new("copro-policy.toml", text))
    }

    fn riverside() -> (Assessment, std::sync::Arc<Questionnaire>) {
        Assessment::load(Path::new("examples/assessments/riverside-home-care.toml"))
            .expect("the example loads")
    }

    fn day(text: &str) -> Date {
        text.parse().expect("a date")
    }

    #[test]
    fn a_policy_file_reads_every_setting() {
        let p = policy(
            "min_rung = \"consultation\"\nmax_age_days = 365\nrequire_evidence = true\nother_version = \"fail\"\n[min_area]\nreview = \"informing\"\n[questionnaires.hart]\nmin_rung = \"tokenism\"\n",
        )
        .expect("valid");
        assert_eq!(p.minimums.rung.as_deref(), Some("consultation"));
        assert_eq!(p.max_age_days, Some(365));
        assert!(p.require_evidence);
        assert_eq!(p.other_version, OtherVersion::Fail);
        let hart = p.minimums_for("hart");
        assert_eq!(hart.rung.as_deref(), Some("tokenism"));
        assert_eq!(
            hart.areas.get("review").map(String::as_str),
            Some("informing")
        );
    }

    #[test]
    fn a_bad_policy_points_at_the_value() {
        let e = policy("max_age_days = -3\nother_version = \"maybe\"\n").expect_err("invalid");
        let text = e.to_string();
        assert!(
            text.contains("copro-policy.toml:1:16: `max_age_days` is -3"),
            "{text}"
        );
        assert!(
            text.contains(
                "copro-policy.toml:2:17: `maybe` is not a known value for `other_version`"
            ),
            "{text}"
        );
        assert!(
            text.contains("use one of: `accept`, `warn`, `fail`"),
            "{text}"
        );
        let e = policy("min_rungs = \"x\"\n").expect_err("unknown key");
        assert!(e.to_string().contains("unknown field `min_rungs`"));
    }

    #[test]
    fn every_other_version_rule_is_read_by_its_id() {
        for rule in OtherVersion::ALL {
            assert_eq!(OtherVersion::from_id(rule.id()), Some(rule));
        }
        assert_eq!(OtherVersion::from_id("Fail"), None);
    }

    #[test]
    fn flags_override_the_file_for_every_questionnaire() {
        let mut p = policy("[questionnaires.tlap]\nmin_rung = \"co-design\"\nmin_area = { review = \"co-design\" }\n").expect("valid");
        p.set_min_rung("informing");
        p.set_min_area("review", "educating");
        let m = p.minimums_for("tlap");
        assert_eq!(m.rung.as_deref(), Some("informing"));
        assert_eq!(m.areas.get("review").map(String::as_str), Some("educating"));
    }

    #[test]
    fn judging_gives_every_reason() {
        let (a, q) = riverside();
        let s = scoring::score(&q, &a);
        let mut p = policy("min_rung = \"engagement\"\nmax_age_days = 30\nrequire_evidence = true\n[min_area]\nculture = \"consultation\"\n").expect("valid");
        let v = p.judge(&p.rules_for(&q), &q, &a, &s, day("2026-11-23"));
        let messages: Vec<&str> = v.reasons.iter().map(|r| r.message.as_str()).collect();
        assert!(
            messages.contains(&"overall: placed on Informing, below the minimum Engagement"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"Culture: placed on Informing, below the minimum Consultation"),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("assessed on 2026-09-14, 70 days ago")),
            "{messages:?}"
        );
        assert!(
            v.reasons.iter().any(|r| r.line == 6),
            "the age points at `assessed`"
        );
        // Riverside's one top-two answer has evidence: no evidence reason.
        assert!(
            !messages.iter().any(|m| m.contains("no evidence note")),
            "{messages:?}"
        );
        p.minimums = Minimums::default();
        p.max_age_days = Some(70);
        assert!(
            p.judge(&p.rules_for(&q), &q, &a, &s, day("2026-11-23"))
                .passes(),
            "70 days is allowed"
        );
        assert!(
            !p.judge(&p.rules_for(&q), &q, &a, &s, day("2026-09-13"))
                .passes(),
            "a future date fails"
        );
    }

    #[test]
    fn a_rung_of_another_ladder_fails_with_the_fix() {
        let (a, q) = riverside();
        let s = scoring::score(&q, &a);
        let p = policy("min_rung = \"tokenism\"\n").expect("valid");
        let rules = p.rules_for(&q);
        let error = &rules.errors[0];
        assert_eq!(
            error.message,
            "the policy's minimum `tokenism` is not a rung of tlap"
        );
        assert!(error.help.contains("[questionnaires.tlap]"));
        assert_eq!(
            error.place.as_ref().map(|at| (at.line, at.column)),
            Some((1, 12))
        );
        assert!(
            p.judge(&rules, &q, &a, &s, day("2026-11-23")).passes(),
            "judged by the rules that fit"
        );
    }

    #[test]
    fn rules_give_the_errors_in_order_and_are_not_used_for_another_ladder() {
        let (a, q) = riverside();
        let s = scoring::score(&q, &a);
        let p = policy("min_rung = \"tokenism\"\n[min_area]\nculture = \"consultation\"\nnowhere = \"informing\"\nreview = \"nothing\"\n").expect("valid");
        let rules = p.rules_for(&q);
        assert_eq!(rules.min_rung, None);
        assert_eq!(rules.min_areas.len(), 1, "{rules:?}");
        let errors: Vec<&str> = rules.errors.iter().map(|e| &e.message[..20]).collect();
        assert_eq!(
            errors,
            [
                "the policy's minimum",
                "the policy names are",
                "the policy's minimum"
            ]
        );
        assert!(
            rules.errors[2]
                .message
                .starts_with("the policy's minimum `nothing`")
        );
        let hart = crate::questionnaire::bundled("hart")
            .expect("bundled")
            .expect("valid");
        let other = p.rules_for(&hart);
        assert!(!other.fits(&q) && rules.fits(&q));
        assert_eq!(
            p.judge(&other, &q, &a, &s, day("2026-11-23")),
            p.judge(&rules, &q, &a, &s, day("2026-11-23")),
            "rules resolved against another ladder are resolved again"
        );
    }
}
