//! Writing an assessment file: the TOML a person can read, edit and diff, with questions,
//! evidence and ratings in the questionnaire's order. Saving it atomically is
//! [`crate::store`]'s job.

use super::{Answer, Assessment};
use crate::questionnaire::Questionnaire;

impl Assessment {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Date;
    use crate::source::SourceFile;

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
