//! Markdown for reports, handouts and slides.

use super::{
    CompareReport, Ladder, Renderer, ScoreReport, WorkshopReport, change_words, compare_sections,
    disagreement_list, evidence_lines, gap_list, names, numbered_steps, placement_label, plural,
    profile_label, rung_name, subtitle,
};
use crate::questionnaire::{Questionnaire, Voice};

/// The Markdown renderer.
pub struct Markdown;

impl Renderer for Markdown {
    fn score(&self, report: &ScoreReport) -> String {
        let q = report.questionnaire;
        let s = report.score;
        let mut out = format!(
            "# Where {} stands\n\n{}\n\n**Overall: {}.** {}\n\n## The ladder\n\n",
            cell(&report.assessment.organisation),
            cell(&subtitle(report)),
            cell(&placement_label(q, s.overall.rung)),
            s.overall.why
        );
        out.push_str(&ladder(Ladder::of(report)));

        out.push_str("\n## Areas\n\n");
        let rows = s.areas.iter().map(|a| {
            vec![
                cell(&q.areas[a.area].name),
                cell(&placement_label(q, a.placement.rung)),
                format!("{} of {}", a.answered, a.total),
                cell(&a.placement.why),
            ]
        });
        out.push_str(&table(
            &strings(&["Area", "Placement", "Answered", "Why"]),
            rows,
        ));

        if !s.themes.is_empty() {
            out.push_str("\n## Statements\n\n");
            let rows = s.themes.iter().map(|t| {
                vec![
                    cell(&q.themes[t.theme].name),
                    cell(&profile_label(q, &t.we)),
                    cell(&profile_label(q, &t.i)),
                ]
            });
            out.push_str(&table(
                &strings(&["Theme", "“We” statements", "“I” statements"]),
                rows,
            ));
        }

        let evidence = evidence_lines(report);
        if !evidence.is_empty() {
            out.push_str("\n## Evidence given\n\n");
            for line in evidence {
                out.push_str(&format!("- {line}\n"));
            }
        }

        out.push_str("\n## Next steps\n\n");
        out.push_str(&numbered_steps(s));
        out
    }

    fn workshop(&self, report: &WorkshopReport) -> String {
        let q = report.questionnaire;
        let w = report.workshop;
        let mut out = format!(
            "# Workshop: {}\n\n{} {} · {} in {}\n\n**Combined: {}.** Every role counts the same, however many people in it answered.\n\n## The ladder\n\n",
            cell(&report.organisations.join(", ")),
            cell(&q.title),
            q.version,
            plural(report.respondents, "respondent"),
            plural(w.roles.len(), "role"),
            cell(&placement_label(q, w.overall)),
        );
        out.push_str(&ladder(Ladder::of_workshop(report)));

        out.push_str("\n## Areas\n\n");
        let mut header = strings(&["Area", "Combined"]);
        header.extend(w.roles.iter().map(|r| cell(&q.roles[r.role].name)));
        let rows = w.areas.iter().enumerate().map(|(area, placed)| {
            let mut row = vec![cell(&q.areas[area].name), cell(&rung_name(q, *placed))];
            row.extend(w.roles.iter().map(|r| cell(&rung_name(q, r.areas[area]))));
            row
        });
        out.push_str(&table(&header, rows));

        out.push_str("\n## Roles\n\n");
        let rows = w.roles.iter().map(|r| {
            let mut row = vec![
                cell(&q.roles[r.role].name),
                r.respondents.to_string(),
                cell(&rung_name(q, r.overall)),
            ];
            if report.show_names {
                row.push(cell(&names(r)));
            }
            row
        });
        let mut header = strings(&["Role", "Respondents", "Placement"]);
        if report.show_names {
            header.push("Names".into());
        }
        out.push_str(&table(&header, rows));

        out.push_str("\n## Widest disagreements\n\n");
        out.push_str(&disagreement_list(report));
        out.push_str("\n## Perception gaps\n\n");
        out.push_str(&gap_list(report));
        out
    }

    fn compare(&self, report: &CompareReport) -> String {
        let (old, new, c) = (report.old, report.new, report.comparison);
        let nq = new.questionnaire;
        let mut out = format!(
            "# Progress: {}\n\n{} · {} → {}\n\n**Overall: {} → {}** ({})\n\n## Areas\n\n",
            cell(&new.assessment.organisation),
            cell(&new.assessment.service),
            old.assessment.assessed,
            new.assessment.assessed,
            cell(&rung_name(old.questionnaire, c.overall.0)),
            cell(&rung_name(nq, c.overall.1)),
            change_words(c.overall.0, c.overall.1)
        );
        let rows = c.areas.iter().map(|a| {
            vec![
                cell(&nq.areas[a.area].name),
                cell(&rung_name(old.questionnaire, a.old)),
                cell(&rung_name(nq, a.new)),
                change_words(a.old, a.new),
            ]
        });
        out.push_str(&table(&strings(&["Area", "Before", "Now", "Change"]), rows));
        for (title, list) in compare_sections(report) {
            out.push_str(&format!("\n## {title}\n\n{list}"));
        }
        out
    }
}

/// A questionnaire as a handout: the ladder, the questions with numbered options (in the
/// order respondents see them, rungs not shown), the statements, and an answer key last.
pub fn questionnaire(q: &Questionnaire) -> String {
    let mut out = format!("# {}\n\n`{}` version {}\n\n", q.title, q.id, q.version);
    if let Some(description) = &q.description {
        out.push_str(&format!("{description}\n\n"));
    }

    out.push_str("## The ladder\n\nFrom the top rung down.\n\n");
    let rows = q.rungs.iter().enumerate().rev().map(|(level, r)| {
        vec![
            (level + 1).to_string(),
            cell(&r.name),
            cell(&r.description),
            cell(&r.climb),
        ]
    });
    out.push_str(&table(
        &strings(&["Rung", "Name", "What it looks like", "To climb from here"]),
        rows,
    ));

    out.push_str("\n## Questions\n\nChoose the one answer closest to what your organisation does now. Each question can also be answered \"don't know\" or skipped.\n");
    let mut number = 0;
    for (ai, area) in q.areas.iter().enumerate() {
        out.push_str(&format!("\n### {}\n\n{}\n", area.name, area.description));
        for (_, question) in q.questions_in(ai) {
            number += 1;
            out.push_str(&format!(
                "\n**{number}. {}** (`{}`)\n\n",
                question.prompt, question.id
            ));
            if let Some(help) = &question.help {
                out.push_str(&format!("*{help}*\n\n"));
            }
            for (n, option) in question.options.iter().enumerate() {
                out.push_str(&format!("{}. {}\n", n + 1, option.text));
            }
        }
    }

    if !q.statements.is_empty() {
        let scale: Vec<&str> = q.ratings.iter().map(|r| r.name.as_str()).collect();
        out.push_str(&format!(
            "\n## Statements\n\n“We” statements are rated by the organisation, “I” statements by the people it works with. Rate each: {}.\n",
            scale.join(" · ")
        ));
        for (ti, theme) in q.themes.iter().enumerate() {
            out.push_str(&format!("\n### {}\n\n", theme.name));
            for voice in [Voice::We, Voice::I] {
                for s in q
                    .statements
                    .iter()
                    .filter(|s| s.theme == ti && s.voice == voice)
                {
                    out.push_str(&format!("- “{}” (`{}`)\n", s.text, s.id));
                }
            }
        }
    }

    out.push_str("\n## Answer key\n\nThe rung each option stands for.\n\n");
    let mut number = 0;
    let mut rows = Vec::new();
    for ai in 0..q.areas.len() {
        for (_, question) in q.questions_in(ai) {
            number += 1;
            let options = question
                .options
                .iter()
                .enumerate()
                .map(|(n, o)| format!("{} {}", n + 1, q.rungs[o.rung].name))
                .collect::<Vec<_>>()
                .join(" · ");
            rows.push(vec![
                number.to_string(),
                format!("`{}`", question.id),
                cell(&options),
            ]);
        }
    }
    out.push_str(&table(
        &strings(&["Question", "Id", "Options"]),
        rows.into_iter(),
    ));

    out.push_str("\n## Sources\n\n");
    for source in &q.sources {
        out.push_str(&format!("- `{}`: {}\n", source.id, source.name));
    }
    out
}

/// The ladder as a table: a row per rung, top first, a column per placement.
fn ladder(ladder: Ladder) -> String {
    let mut header = vec!["Rung".to_string()];
    header.extend(ladder.columns.iter().map(|c| cell(c)));
    let rows = ladder.rows.iter().map(|(name, marks)| {
        let mut row = vec![cell(name)];
        row.extend(marks.iter().map(|&m| if m { "●" } else { "" }.to_string()));
        row
    });
    table(&header, rows)
}

/// Text made safe for a table cell: one line, `|` escaped.
fn cell(text: &str) -> String {
    crate::text::one_line(text).replace('|', "\\|")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn table(header: &[String], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = format!(
        "| {} |\n|{}\n",
        header.join(" | "),
        "---|".repeat(header.len())
    );
    for row in rows {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}
