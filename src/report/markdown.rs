//! Markdown for reports, handouts and slides.
//!
//! Every piece of text from a data file goes through [`text`], in a table cell too,
//! which keeps it on one line and escapes whatever Markdown would read as markup, so an
//! organisation's name or a question can never become a heading, a link or a table row.

use super::parts::{
    self, Ladder, List, change_words, compare_sections, names, overall_change, placement_label,
    plural, profile_label, rung_name, subtitle,
};
use super::{CompareReport, Handout, HandoutKind, Render, ScoreReport, WorkshopReport, markup};
use crate::questionnaire::{Question, Questionnaire, Voice};
use crate::scoring::Voices;

/// The Markdown renderer.
pub struct Markdown;

/// What a result with one voice says of itself, as a paragraph; nothing with both.
fn one_sided(voices: &Voices, single: bool) -> String {
    parts::one_sided(voices, single)
        .map(|note| format!("*{}*\n\n", text(note)))
        .unwrap_or_default()
}

/// What the placed rung means and what the next looks like, then a blank line.
fn meaning(q: &Questionnaire, rung: Option<usize>) -> String {
    let meaning = parts::meaning(q, rung);
    if meaning.items.is_empty() {
        return String::new();
    }
    format!("{}\n", markup::list(&meaning, text))
}

/// A level-2 heading and its list.
fn section(title: &str, list: &List) -> String {
    format!("\n## {title}\n\n{}", markup::list(list, text))
}

impl Render<ScoreReport<'_>> for Markdown {
    fn render(&self, report: &ScoreReport) -> String {
        let q = report.questionnaire;
        let s = report.score;
        let mut out = format!(
            "# Where {} stands\n\n{}\n\n**Overall: {}.** {}\n\n{}## The ladder\n\n",
            text(&report.assessment.organisation),
            text(&subtitle(report)),
            text(&placement_label(q, s.overall.rung)),
            text(&s.overall.why),
            one_sided(&s.voices, true) + &meaning(q, s.overall.rung)
        );
        out.push_str(&ladder(Ladder::of(report)));

        out.push_str("\n## Areas\n\n");
        let rows = s.areas.iter().map(|a| {
            vec![
                text(&q.areas[a.area].name),
                text(&placement_label(q, a.placement.rung)),
                format!("{} of {}", a.answered, a.total),
                text(&a.placement.why),
            ]
        });
        out.push_str(&table(&["Area", "Placement", "Answered", "Why"], rows));

        if !s.themes.is_empty() {
            out.push_str("\n## Statements\n\n");
            let rows = s.themes.iter().map(|t| {
                vec![
                    text(&q.themes[t.theme].name),
                    text(&profile_label(q, &t.we)),
                    text(&profile_label(q, &t.i)),
                ]
            });
            out.push_str(&table(
                &["Theme", "“We” statements", "“I” statements"],
                rows,
            ));
        }

        let evidence = parts::evidence(report);
        if !evidence.items.is_empty() {
            out.push_str(&section("Evidence given", &evidence));
        }
        out.push_str(&section("Next steps", &parts::next_steps(&s.next_steps)));
        out
    }
}

impl Render<WorkshopReport<'_>> for Markdown {
    fn render(&self, report: &WorkshopReport) -> String {
        let q = report.questionnaire;
        let w = report.workshop;
        let mut out = format!(
            "# Workshop: {}\n\n{} {} · {} in {}\n\n**Combined: {}.** {}\n\n{}## The ladder\n\n",
            text(&report.organisations.join(", ")),
            text(&q.title),
            text(&q.version),
            plural(report.respondents, "respondent"),
            plural(w.roles.len(), "role"),
            text(&placement_label(q, w.overall)),
            parts::weighing(&w.voices),
            one_sided(&w.voices, false) + &meaning(q, w.overall)
        );
        out.push_str(&ladder(Ladder::of_workshop(report)));

        out.push_str("\n## Areas\n\n");
        let mut header = vec!["Area".to_string(), "Combined".to_string()];
        header.extend(w.roles.iter().map(|r| text(&q.roles[r.role].name)));
        let rows = w.areas.iter().enumerate().map(|(area, placed)| {
            let mut row = vec![text(&q.areas[area].name), text(&rung_name(q, *placed))];
            row.extend(w.roles.iter().map(|r| text(&rung_name(q, r.areas[area]))));
            row
        });
        out.push_str(&table(&header, rows));

        out.push_str("\n## Roles\n\n");
        let rows = w.roles.iter().map(|r| {
            let mut row = vec![
                text(&q.roles[r.role].name),
                r.respondents.to_string(),
                text(&rung_name(q, r.overall)),
            ];
            if report.show_names {
                row.push(text(&names(r)));
            }
            row
        });
        let mut header = vec!["Role", "Respondents", "Placement"];
        if report.show_names {
            header.push("Names");
        }
        out.push_str(&table(&header, rows));

        out.push_str(&section(
            "Widest disagreements",
            &parts::disagreements(report),
        ));
        out.push_str(&section("Perception gaps", &parts::gaps(report)));
        out.push_str(&section("Next steps", &parts::next_steps(&w.next_steps)));
        out
    }
}

impl Render<CompareReport<'_>> for Markdown {
    fn render(&self, report: &CompareReport) -> String {
        let (old, new, c) = (report.old, report.new, report.comparison);
        let nq = new.questionnaire;
        let mut out = format!(
            "# Progress: {}\n\n{} · {} → {}\n\n{}**Overall: {}**\n\n## Areas\n\n",
            text(&new.assessment.organisation),
            text(&new.assessment.service),
            old.assessment.assessed,
            new.assessment.assessed,
            c.warnings
                .iter()
                .map(|w| format!("**Warning:** {}\n\n", text(w)))
                .collect::<String>(),
            text(&overall_change(report))
        );
        let rows = c.areas.iter().map(|a| {
            vec![
                text(&nq.areas[a.area].name),
                text(&rung_name(old.questionnaire, a.old)),
                text(&rung_name(nq, a.new)),
                change_words(a.old, a.new),
            ]
        });
        out.push_str(&table(&["Area", "Before", "Now", "Change"], rows));
        for s in compare_sections(report) {
            out.push_str(&section(s.title, &s.list));
        }
        out
    }
}

impl Render<[Questionnaire]> for Markdown {
    fn render(&self, all: &[Questionnaire]) -> String {
        let rows = all.iter().map(|q| {
            vec![
                format!("`{}`", text(&parts::listed_id(q))),
                text(&parts::listed_version(q)),
                text(&q.title),
                q.rungs.len().to_string(),
                q.areas.len().to_string(),
                q.questions.len().to_string(),
            ]
        });
        table(
            &["Id", "Version", "Title", "Rungs", "Areas", "Questions"],
            rows,
        )
    }
}

/// A questionnaire as a handout: the ladder, the questions with numbered options (in the
/// order respondents see them, rungs not shown), the statements, and an answer key last.
impl Render<Questionnaire> for Markdown {
    fn render(&self, q: &Questionnaire) -> String {
        handout(q)
    }
}

/// Where a printed page ends: raw HTML, which Markdown passes through to the page that is
/// printed. It is copro's own markup; no data goes in it.
const PAGE_BREAK: &str = "<div style=\"page-break-before: always\"></div>\n\n";

/// A handout: for the facilitator, the whole questionnaire as `questionnaire show` prints
/// it; for participants, the questions to answer on paper, one area per page, and nothing
/// that tells which rung an option stands for.
impl Render<Handout<'_>> for Markdown {
    fn render(&self, h: &Handout) -> String {
        match h.kind {
            HandoutKind::Facilitator => handout(h.questionnaire),
            HandoutKind::Participant => participant(h),
        }
    }
}

fn participant(h: &Handout) -> String {
    let q = h.questionnaire;
    let mut out = format!(
        "# {}

",
        text(&q.title)
    );
    if let Some(description) = &q.description {
        out.push_str(&format!(
            "{}

",
            paragraph(description)
        ));
    }
    let blank = "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_";
    let role = h
        .role
        .and_then(|r| q.roles.get(r))
        .map_or_else(|| blank.to_string(), |r| text(&r.name));
    out.push_str(&format!(
        "**Role:** {role}\\\n**Name (if you wish):** {blank}\n\n"
    ));
    out.push_str(&format!("{}\n", text(parts::handout_instructions(h))));
    for (n, area) in parts::handout_areas(h).iter().enumerate() {
        out.push('\n');
        if n > 0 {
            out.push_str(PAGE_BREAK);
        }
        out.push_str(&format!(
            "## {}\n\n{}\n",
            text(area.name),
            paragraph(area.description)
        ));
        for question in &area.questions {
            out.push_str(&format!(
                "\n**{}. {}**\n\n",
                question.number,
                text(question.prompt)
            ));
            if let Some(help) = question.help {
                out.push_str(&format!("*{}*\n\n", text(help)));
            }
            for (n, (option, _)) in question.options.iter().enumerate() {
                out.push_str(&format!("{}. ☐ {}\n", n + 1, text(option)));
            }
            out.push_str("\n☐ Don't know\n");
        }
    }
    let themes = parts::handout_statements(h);
    if !themes.is_empty() {
        let voice = parts::handout_voice(h);
        out.push('\n');
        out.push_str(PAGE_BREAK);
        out.push_str(&format!(
            "## Statements\n\n{}\n",
            text(&crate::interview::words::statements_intro(
                voice, &q.ratings
            ))
        ));
        let mut header = vec!["Statement".to_string()];
        header.extend(q.ratings.iter().map(|r| text(&r.name)));
        for (theme, statements) in themes {
            let rows = statements.iter().map(|s| {
                let mut row = vec![format!("“{}”", text(&s.text))];
                row.extend(q.ratings.iter().map(|_| "☐".to_string()));
                row
            });
            out.push_str(&format!(
                "\n### {}\n\n{}",
                text(theme),
                table(&header, rows)
            ));
        }
    }
    out
}

fn handout(q: &Questionnaire) -> String {
    let mut out = format!(
        "# {}\n\n`{}` version {}\n\n",
        text(&q.title),
        q.id,
        text(&q.version)
    );
    if let Some(description) = &q.description {
        out.push_str(&format!("{}\n\n", paragraph(description)));
    }
    out.push_str(&handout_ladder(q));
    out.push_str(&handout_questions(q));
    if !q.statements.is_empty() {
        out.push_str(&handout_statements(q));
    }
    out.push_str(&answer_key(q));
    out.push_str("\n## Sources\n\n");
    for source in &q.sources {
        out.push_str(&format!("- `{}`: {}\n", source.id, text(&source.name)));
    }
    out
}

/// The questions in the order they are asked, area by area, numbered from 1.
fn asked(q: &Questionnaire) -> impl Iterator<Item = (usize, &Question)> {
    (0..q.areas.len())
        .flat_map(|ai| q.questions_in(ai).map(|(_, question)| question))
        .enumerate()
        .map(|(n, question)| (n + 1, question))
}

fn handout_ladder(q: &Questionnaire) -> String {
    let rows = q.rungs.iter().enumerate().rev().map(|(level, r)| {
        vec![
            (level + 1).to_string(),
            text(&r.name),
            text(&r.description),
            text(&r.climb),
        ]
    });
    format!(
        "## The ladder\n\nFrom the top rung down.\n\n{}",
        table(
            &["Rung", "Name", "What it looks like", "To climb from here"],
            rows
        )
    )
}

/// The questions area by area, each with its options numbered as respondents see them.
fn handout_questions(q: &Questionnaire) -> String {
    let mut out = String::from(
        "\n## Questions\n\nChoose the one answer closest to what your organisation does now. Each question can also be answered \"don't know\" or skipped.\n",
    );
    let mut area = None;
    for (number, question) in asked(q) {
        if area != Some(question.area) {
            area = Some(question.area);
            let a = &q.areas[question.area];
            out.push_str(&format!(
                "\n### {}\n\n{}\n",
                text(&a.name),
                paragraph(&a.description)
            ));
        }
        out.push_str(&format!(
            "\n**{number}. {}** (`{}`)\n\n",
            text(&question.prompt),
            question.id
        ));
        if let Some(help) = &question.help {
            out.push_str(&format!("*{}*\n\n", text(help)));
        }
        if let Some(lived) = &question.lived_prompt {
            out.push_str(&format!(
                "People with lived experience are asked: **{}**\n\n",
                text(lived)
            ));
            if let Some(help) = &question.lived_help {
                out.push_str(&format!("*{}*\n\n", text(help)));
            }
        }
        for (n, option) in question.options.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", n + 1, text(&option.text)));
        }
    }
    out
}

/// The statements theme by theme, "We" before "I", with the rating scale.
fn handout_statements(q: &Questionnaire) -> String {
    let scale: Vec<String> = q.ratings.iter().map(|r| text(&r.name)).collect();
    let mut out = format!(
        "\n## Statements\n\n“We” statements are rated by the organisation, “I” statements by the people it works with. Rate each: {}.\n",
        scale.join(" · ")
    );
    for (ti, theme) in q.themes.iter().enumerate() {
        out.push_str(&format!("\n### {}\n\n", text(&theme.name)));
        for voice in [Voice::We, Voice::I] {
            for s in q
                .statements
                .iter()
                .filter(|s| s.theme == ti && s.voice == voice)
            {
                out.push_str(&format!("- “{}” (`{}`)\n", text(&s.text), s.id));
            }
        }
    }
    out
}

/// The rung each option stands for, question by question.
fn answer_key(q: &Questionnaire) -> String {
    let rows = asked(q).map(|(number, question)| {
        let options = question
            .options
            .iter()
            .enumerate()
            .map(|(n, o)| format!("{} {}", n + 1, q.rungs[o.rung].name))
            .collect::<Vec<_>>()
            .join(" · ");
        vec![
            number.to_string(),
            format!("`{}`", question.id),
            text(&options),
        ]
    });
    format!(
        "\n## Answer key\n\nThe rung each option stands for.\n\n{}",
        table(&["Question", "Id", "Options"], rows)
    )
}

/// The ladder as a table: a row per rung, top first, with what is placed on it.
fn ladder(ladder: Ladder) -> String {
    let rows = ladder.by_rung().into_iter().map(|(name, placed)| {
        let placed: Vec<String> = placed.iter().map(|p| text(p)).collect();
        let marked = match placed.is_empty() {
            true => String::new(),
            false => format!("● {}", placed.join(", ")),
        };
        vec![text(&name), marked]
    });
    table(&["Rung", "Placed here"], rows)
}

/// Text from a data file made safe for Markdown inside a line: one line, with every
/// character escaped that Markdown would read as markup where it stands (emphasis, code,
/// links, HTML, table cells, entities, strikethrough), so that it shows as the words it
/// is. Ordinary text ("Smith & Sons", "home_care", "Team #1") is left as written.
pub fn text(words: &str) -> String {
    let line = crate::text::line(words);
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(i + 1).copied();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let markup = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' => true,
            // Inside a word an underscore is plain text; at its edge it may open emphasis.
            '_' => !(word(before) && word(after)),
            // Only `&name;` or `&#…;` is an entity.
            '&' => after.is_some_and(|a| a.is_alphanumeric() || a == '#'),
            _ => false,
        };
        if markup {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text from a data file that starts a line of its own: as [`text`], and a marker that
/// would begin a list, a heading, a quote or a heading underline there (`-`, `+`, `#`,
/// `>`, `=`, `1.`) made plain.
fn paragraph(words: &str) -> String {
    let text = text(words);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    match text[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &text[..digits], &text[digits..]),
        Some('-' | '+' | '=' | '#' | '>') if digits == 0 => format!("\\{text}"),
        _ => text,
    }
}

fn table<S: AsRef<str>>(header: &[S], rows: impl Iterator<Item = Vec<String>>) -> String {
    let header: Vec<&str> = header.iter().map(AsRef::as_ref).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_text_cannot_become_markup() {
        assert_eq!(
            text("Evil | Ltd [click](http://x) <script>*x*</script>\nnext"),
            "Evil \\| Ltd \\[click\\](http://x) \\<script>\\*x\\*\\</script> next"
        );
        assert_eq!(
            text("_em_ &amp; ~~gone~~"),
            "\\_em\\_ \\&amp; \\~\\~gone\\~\\~"
        );
    }

    #[test]
    fn ordinary_text_is_left_as_written() {
        for plain in [
            "Smith & Sons",
            "home_care team",
            "Team #1",
            "Version 1.0.0 - draft!",
            "a > b",
        ] {
            assert_eq!(text(plain), plain);
        }
    }

    #[test]
    fn a_paragraph_cannot_start_a_list_or_underline_a_heading() {
        assert_eq!(paragraph("1. Not a list"), "1\\. Not a list");
        assert_eq!(paragraph("- not a bullet"), "\\- not a bullet");
        assert_eq!(paragraph("==="), "\\===");
        assert_eq!(paragraph("# Not a heading"), "\\# Not a heading");
        assert_eq!(paragraph("2026 was a good year"), "2026 was a good year");
    }
}
