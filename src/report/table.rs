//! For a terminal: tables drawn with comfy-table, and `copro check`'s lines for a CI log.
//! Text from data files arrives cleaned of control characters; lists keep it on one line.

use comfy_table::presets::{NOTHING, UTF8_FULL_CONDENSED};
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Width};

use super::parts::{
    self, Ladder, List, change_words, check_summary, compare_sections, headline, located,
    overall_change, placement_label, plural, profile_label, rung_name, subtitle,
};
use super::{CheckPart, CompareReport, Render, ScoreReport, Style, WorkshopReport, markup};
use crate::check::{FileResult, Status};
use crate::questionnaire::Questionnaire;
use crate::text;

/// Width used when stdout is not a terminal (a pipe, a file, a CI log).
const DEFAULT_WIDTH: u16 = 100;
/// The mark of a placed rung on the ladder.
const MARK: &str = "●";
/// The mark of a placed rung on the ladder in plain text, for a screen reader.
const PLAIN_MARK: &str = "placed";

/// The terminal renderer.
pub struct Table {
    /// Colour and width.
    pub style: Style,
}

impl Table {
    fn table(&self, header: &[&str]) -> comfy_table::Table {
        let mut table = comfy_table::Table::new();
        if self.style.plain {
            // No borders, and each row on one line so that it reads left to right.
            table
                .load_style(NOTHING)
                .set_content_arrangement(ContentArrangement::Disabled);
            table.set_header(header.iter().map(Cell::new));
            return table;
        }
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if self.style.terminal {
            if let Some(width) = table.width() {
                table.set_width(width.min(120));
            }
        } else {
            table.force_no_tty().set_width(DEFAULT_WIDTH);
        }
        if self.style.color {
            table.enforce_styling();
        }
        table.set_header(header.iter().map(|h| self.strong(Cell::new(h))));
        table
    }

    fn strong(&self, cell: Cell) -> Cell {
        if self.style.color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }

    fn heading(&self, text: &str) -> String {
        if self.style.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// What the placed rung means and what the next looks like, then a blank line.
    fn meaning(&self, q: &Questionnaire, rung: Option<usize>) -> String {
        let meaning = parts::meaning(q, rung);
        if meaning.items.is_empty() {
            return "\n".into();
        }
        format!("{}\n", self.list(&meaning))
    }

    /// A heading and its list, then a blank line.
    fn section(&self, title: &str, list: &List) -> String {
        format!("{}\n{}\n", self.heading(title), self.list(list))
    }

    /// A list, its items wrapped between words to the terminal's width when there is one
    /// (plain text for a screen reader keeps an item on one line).
    fn list(&self, list: &List) -> String {
        self.wrapped(&markup::list(list, text::line), "   ")
    }

    /// `text` wrapped between words to the terminal's width when there is one and the
    /// output is not plain text; lines after the first of a paragraph start with `indent`.
    fn wrapped(&self, text: &str, indent: &str) -> String {
        match comfy_table::Table::new().width() {
            Some(width) if self.style.terminal && !self.style.plain => {
                crate::wrap::wrap(text, usize::from(width.min(120)), indent)
            }
            _ => text.to_string(),
        }
    }

    /// The ladder, top rung first: each rung and what is placed on it.
    fn ladder(&self, ladder: Ladder) -> String {
        let mut table = self.table(&["Rung", "Placed here"]);
        let mark = if self.style.plain { PLAIN_MARK } else { MARK };
        for (name, placed) in ladder.by_rung() {
            let cell = match placed.is_empty() {
                true => Cell::new(""),
                false => Cell::new(format!("{mark} {}", placed.join(", "))),
            };
            let cell = match (placed.is_empty(), self.style.color) {
                (false, true) => cell.fg(Color::Cyan).add_attribute(Attribute::Bold),
                _ => cell,
            };
            table.add_row(vec![Cell::new(name), cell]);
        }
        table.to_string()
    }
}

impl Render<ScoreReport<'_>> for Table {
    fn render(&self, report: &ScoreReport) -> String {
        let q = report.questionnaire;
        let s = report.score;
        let mut out = String::new();
        out.push_str(&self.heading(&format!("Where {} stands", report.assessment.organisation)));
        out.push('\n');
        out.push_str(&self.wrapped(&subtitle(report), ""));
        out.push_str("\n\n");
        out.push_str(&format!(
            "Overall: {}\n{}\n",
            self.heading(&placement_label(q, s.overall.rung)),
            self.wrapped(&s.overall.why, "")
        ));
        if let Some(note) = parts::one_sided(&s.voices, true) {
            out.push_str(&format!("{note}\n"));
        }
        out.push_str(&self.meaning(q, s.overall.rung));
        out.push_str(&self.ladder(Ladder::of(report)));
        out.push_str("\n\n");

        let mut areas = self.table(&["Area", "Placement", "Answered", "Why"]);
        for a in &s.areas {
            areas.add_row(vec![
                Cell::new(&q.areas[a.area].name),
                Cell::new(placement_label(q, a.placement.rung)),
                Cell::new(format!("{} of {}", a.answered, a.total)),
                Cell::new(&a.placement.why),
            ]);
        }
        out.push_str(&areas.to_string());
        out.push_str("\n\n");

        if !s.themes.is_empty() {
            let mut themes = self.table(&["Theme", "“We” statements", "“I” statements"]);
            for t in &s.themes {
                themes.add_row(vec![
                    Cell::new(&q.themes[t.theme].name),
                    Cell::new(profile_label(q, &t.we)),
                    Cell::new(profile_label(q, &t.i)),
                ]);
            }
            out.push_str(&themes.to_string());
            out.push_str("\n\n");
        }

        let evidence = parts::evidence(report);
        if !evidence.items.is_empty() {
            out.push_str(&self.section("Evidence given", &evidence));
        }
        out.push_str(&self.heading("Next steps"));
        out.push('\n');
        out.push_str(&self.list(&parts::next_steps(&s.next_steps)));
        out
    }
}

impl Render<WorkshopReport<'_>> for Table {
    fn render(&self, report: &WorkshopReport) -> String {
        let q = report.questionnaire;
        let w = report.workshop;
        let mut out = format!(
            "{}\n{} · {} · {} in {}\n\n",
            self.heading(&format!("Workshop: {}", report.organisations.join(", "))),
            q.title,
            q.version,
            plural(report.respondents, "respondent"),
            plural(w.roles.len(), "role")
        );
        out.push_str(&format!(
            "Combined: {}\n",
            self.heading(&placement_label(q, w.overall))
        ));
        let weighing = parts::weighing(&w.voices);
        if !weighing.is_empty() {
            out.push_str(&format!("{weighing}\n"));
        }
        if let Some(note) = parts::one_sided(&w.voices, false) {
            out.push_str(&format!("{note}\n"));
        }
        out.push_str(&self.meaning(q, w.overall));
        out.push_str(&self.ladder(Ladder::of_workshop(report)));
        out.push_str("\n\n");

        let mut header = vec!["Area".to_string(), "Combined".to_string()];
        header.extend(w.roles.iter().map(|r| q.roles[r.role].name.clone()));
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut areas = self.table(&header);
        // Rung names are never broken across lines, even if the table grows wider.
        let longest = q
            .rungs
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(0);
        let keep = ColumnConstraint::LowerBoundary(Width::Fixed(longest as u16 + 2));
        areas.set_constraints(std::iter::repeat_n(keep, header.len()));
        for (area, placed) in w.areas.iter().enumerate() {
            let mut row = vec![q.areas[area].name.clone(), rung_name(q, *placed)];
            row.extend(w.roles.iter().map(|r| rung_name(q, r.areas[area])));
            areas.add_row(row);
        }
        out.push_str(&areas.to_string());
        out.push_str("\n\n");

        out.push_str(&self.section("Widest disagreements", &parts::disagreements(report)));
        out.push_str(&self.section("Perception gaps", &parts::gaps(report)));
        out.push_str(&self.heading("Next steps"));
        out.push('\n');
        out.push_str(&self.list(&parts::next_steps(&w.next_steps)));
        if report.show_names {
            out.push('\n');
            out.push_str(&self.heading("Respondents"));
            out.push('\n');
            out.push_str(&self.list(&parts::respondents(report)));
        }
        out
    }
}

impl Render<CompareReport<'_>> for Table {
    fn render(&self, report: &CompareReport) -> String {
        let (old, new, c) = (report.old, report.new, report.comparison);
        let nq = new.questionnaire;
        let mut out = format!(
            "{}\n{} · {} → {}\n\n",
            self.heading(&format!("Progress: {}", new.assessment.organisation)),
            new.assessment.service,
            old.assessment.assessed,
            new.assessment.assessed
        );
        for warning in &c.warnings {
            out.push_str(&format!("Warning: {warning}\n\n"));
        }
        out.push_str(&format!(
            "Overall: {}\n\n",
            self.heading(&overall_change(report))
        ));
        let mut areas = self.table(&["Area", "Before", "Now", "Change"]);
        for a in &c.areas {
            areas.add_row(vec![
                nq.areas[a.area].name.clone(),
                rung_name(old.questionnaire, a.old),
                rung_name(nq, a.new),
                change_words(a.old, a.new),
            ]);
        }
        out.push_str(&areas.to_string());
        out.push_str("\n\n");
        for section in compare_sections(report) {
            out.push_str(&self.section(section.title, &section.list));
        }
        out.trim_end().to_string() + "\n"
    }
}

impl Render<[Questionnaire]> for Table {
    fn render(&self, all: &[Questionnaire]) -> String {
        let mut table = self.table(&["Id", "Version", "Title", "Rungs", "Areas", "Questions"]);
        for q in all {
            table.add_row(vec![
                Cell::new(parts::listed_id(q)),
                Cell::new(parts::listed_version(q)),
                Cell::new(&q.title),
                Cell::new(q.rungs.len()),
                Cell::new(q.areas.len()),
                Cell::new(q.questions.len()),
            ]);
        }
        format!(
            "{table}\n\nShow one with `copro questionnaire show ID`; copy one to adapt with `copro questionnaire show ID --format toml`.\n"
        )
    }
}

impl Table {
    fn tag(&self, status: Status) -> String {
        let (word, code) = match status {
            Status::Pass => ("PASS   ", "32"),
            Status::Fail => ("FAIL   ", "31"),
            Status::Invalid => ("INVALID", "35"),
            Status::Skipped => ("SKIPPED", "2"),
        };
        if self.style.color {
            format!("\x1b[1;{code}m{word}\x1b[0m")
        } else {
            word.to_string()
        }
    }
}

/// `copro check` in a CI log: a line per file, its reasons indented, and a summary.
impl Render<CheckPart<'_>> for Table {
    fn render(&self, part: &CheckPart) -> String {
        match part {
            CheckPart::File(r) => self.check_file(r),
            CheckPart::End {
                summary, policy, ..
            } => format!("{}\n", check_summary(summary, policy)),
            CheckPart::Start { .. } | CheckPart::Between { .. } => String::new(),
        }
    }
}

impl Table {
    fn check_file(&self, r: &FileResult) -> String {
        let headline = headline(r);
        let gap = if headline.is_empty() { "" } else { "  " };
        let mut text = format!(
            "{} {}{gap}{headline}\n",
            self.tag(r.status),
            text::line(&r.file)
        );
        for reason in &r.reasons {
            text.push_str(&format!("        - {}\n", text::line(&located(reason))));
        }
        for warning in &r.warnings {
            text.push_str(&format!("        ! {}\n", text::line(&located(warning))));
        }
        for problem in &r.problems {
            for line in text::defuse(&text::clean(&problem.to_string())).lines() {
                text.push_str(&format!("        {line}\n"));
            }
        }
        text
    }
}
