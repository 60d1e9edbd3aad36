//! HTML: one self-contained page per result, to open from an email or a shared drive,
//! print on A4, and read with a screen reader.
//!
//! The page carries its styles and pictures inline (SVG), runs no script and asks no other
//! host for anything. Every piece of data goes through maud, which escapes it for HTML by
//! default: an organisation's name or a note that holds `<script>` shows as those
//! characters and runs nothing. Each picture has a title and a description that says in
//! words what it shows, and the tables beside it say it again; meaning never rests on
//! colour alone (marks are labelled).

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::parts::{
    self, Ladder, List, Section, change_words, compare_sections, names, overall_change,
    placement_label, plural, profile_label, rung_name, subtitle,
};
use super::{CheckPart, CompareReport, Handout, HandoutKind, Render, ScoreReport, WorkshopReport};
use crate::check::{FileResult, Status};
use crate::questionnaire::Questionnaire;
use crate::scoring::VoiceProfile;
use crate::text;
use crate::workshop::Gap;

/// The HTML renderer.
pub struct Html;

/// The page's styles, shared with the pages of `copro collect`: readable at any zoom,
/// contrast at least WCAG AA, and an A4 print layout that keeps figures and table rows
/// whole.
pub(crate) const STYLE: &str = r#"
:root { color: #1a1a1a; background: #ffffff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.8rem; margin: 0.5rem 0; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 2px solid #1d4e89; padding-bottom: 0.2rem; }
p.subtitle { color: #3d3d3d; margin-top: 0; }
p.placement { font-size: 1.25rem; }
p.note { border-left: 4px solid #8a4b00; padding: 0.3rem 0.8rem; background: #fff6e5; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
thead { display: table-header-group; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border: 1px solid #b8b8b8; overflow-wrap: break-word; }
th { background: #e8eef6; }
figure { margin: 1rem 0; overflow-x: auto; }
.scroll { overflow-x: auto; }
figcaption { font-size: 0.95rem; color: #3d3d3d; }
svg { width: 100%; height: auto; max-width: 44rem; display: block; }
svg text { font-family: inherit; }
.status-pass { font-weight: 600; }
.status-fail, .status-invalid { font-weight: 700; }
ul, ol { padding-left: 1.5rem; }
li { margin: 0.25rem 0; }
footer { margin-top: 3rem; font-size: 0.9rem; color: #3d3d3d; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, caption { break-after: avoid; }
  figure, tr, li { break-inside: avoid; }
  svg { max-width: 150mm; }
  section.page { break-before: page; page-break-before: always; }
  .write-in { border-bottom-color: #000000; }
}
section.question { break-inside: avoid; page-break-inside: avoid; margin: 1rem 0 1.5rem; }
section.question h3 { font-size: 1.1rem; margin: 0.5rem 0; }
ol.options { list-style: decimal; }
.box { font-size: 1.2em; padding-right: 0.35rem; }
.rung { color: #3d3d3d; font-style: italic; }
.write-in { display: inline-block; min-width: 16rem; border-bottom: 1px solid #3d3d3d; }
p.lived { border-left: 4px solid #1d4e89; padding: 0.2rem 0.8rem; background: #e8eef6; }
"#;

/// Colours of the pictures: a placed rung dark with white text, others light with dark
/// text; both pairs well above WCAG AA contrast.
const PLACED: &str = "#1d4e89";
const UNPLACED: &str = "#e8eef6";
const INK: &str = "#1a1a1a";

/// The start of a page, up to its main content: the title escaped, the styles inline.
fn head(title: &str) -> String {
    html! {
        (DOCTYPE)
        (PreEscaped("<html lang=\"en\">"))
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) }
            style { (PreEscaped(STYLE)) }
        }
        (PreEscaped("<body><main>"))
    }
    .into_string()
}

/// The end of a page, after its main content.
const TAIL: &str = "</main><footer><p>Made with copro, a self-assessment of co-production.</p></footer></body></html>\n";

/// A whole page around `body`.
fn page(title: &str, body: Markup) -> String {
    format!("{}{}{TAIL}", head(title), flat(body))
}

/// Markup as one line. In HTML a line break in text is only white space, but a report
/// printed into a CI log is read line by line: no text from a file may start a line there
/// (`::error …`), nor hold the `##[` a runner reads as a command.
fn flat(markup: Markup) -> String {
    text::defuse(&markup.into_string().replace(['\n', '\r'], " "))
}

/// A list as HTML: numbered or bulleted, or its empty words.
fn list(list: &List) -> Markup {
    let item = |i: &parts::Item| {
        html! {
            li {
                @if let Some(code) = &i.code { code { (code) } ": " }
                (i.text)
            }
        }
    };
    html! {
        @if list.items.is_empty() {
            @if !list.empty.is_empty() { p { (list.empty) } }
        } @else if list.numbered {
            ol { @for i in &list.items { (item(i)) } }
        } @else {
            ul { @for i in &list.items { (item(i)) } }
        }
    }
}

fn section(s: &Section) -> Markup {
    html! { section { h2 { (s.title) } (list(&s.list)) } }
}

/// A table with a caption, a header row and rows of cells.
fn table(caption: &str, header: &[&str], rows: Vec<Vec<String>>) -> Markup {
    html! {
        // A wide table scrolls on its own at a large zoom, not the whole page.
        div.scroll role="region" aria-label=(caption) tabindex="0" {
        table {
            caption { (caption) }
            thead { tr { @for h in header { th scope="col" { (h) } } } }
            tbody {
                @for row in rows {
                    tr {
                        @for (i, cell) in row.iter().enumerate() {
                            @if i == 0 { th scope="row" { (cell) } } @else { td { (cell) } }
                        }
                    }
                }
            }
        }
        }
    }
}

/// The ladder drawn: a bar per rung, top rung first, and beside each bar the names of what
/// is placed on it. `id` keeps the picture's title and description apart from others on
/// the page.
fn ladder_figure(
    rows: &[(String, Vec<String>)],
    description: &str,
    id: &str,
    caption: &str,
) -> Markup {
    let row_height = 36.0;
    let longest = rows
        .iter()
        .map(|(_, placed)| placed.join(", ").chars().count())
        .max()
        .unwrap_or(0);
    let width = 240.0 + 9.0 * (longest.max(10) + 2) as f64;
    let height = row_height * rows.len() as f64 + 8.0;
    html! {
        figure {
            svg viewBox=(format!("0 0 {width} {height}")) style=(format!("min-width: {}px; max-width: {}px", width * 0.75, width * 1.2)) role="img"
                aria-labelledby=(format!("{id}-title {id}-desc")) {
                title id=(format!("{id}-title")) { (caption) }
                desc id=(format!("{id}-desc")) { (description) }
                @for (n, (rung, placed)) in rows.iter().enumerate() {
                    @let y = 4.0 + row_height * n as f64;
                    @let filled = !placed.is_empty();
                    rect x="4" y=(y) width="210" height=(row_height - 6.0) rx="4"
                        fill=(if filled { PLACED } else { UNPLACED }) stroke=(PLACED) {}
                    text x="16" y=(y + 20.0) font-size="14"
                        font-weight=(if filled { "700" } else { "400" })
                        fill=(if filled { "#ffffff" } else { INK }) { (rung) }
                    @if filled {
                        text x="228" y=(y + 20.0) font-size="14" fill=(INK) {
                            "◆ " (placed.join(", "))
                        }
                    }
                }
            }
            figcaption { (caption) }
        }
    }
}

/// A [`Ladder`] drawn.
fn ladder(ladder: &Ladder, id: &str, caption: &str) -> Markup {
    ladder_figure(&ladder.by_rung(), &ladder.describe(), id, caption)
}

/// Horizontal bars, one per row, each out of `max`, with its words at the end: Making it
/// Real themes, "We" against "I".
fn bars_figure(
    id: &str,
    caption: &str,
    rows: &[(String, Option<f64>, String)],
    max: f64,
) -> Markup {
    let row_height = 26.0;
    let height = row_height * rows.len() as f64 + 8.0;
    let description: Vec<String> = rows
        .iter()
        .map(|(label, _, words)| format!("{label}: {words}."))
        .collect();
    html! {
        figure {
            svg viewBox=(format!("0 0 880 {height}")) style="min-width: 660px" role="img"
                aria-labelledby=(format!("{id}-title {id}-desc")) {
                title id=(format!("{id}-title")) { (caption) }
                desc id=(format!("{id}-desc")) { (description.join(" ")) }
                @for (n, (label, value, words)) in rows.iter().enumerate() {
                    @let y = 4.0 + row_height * n as f64;
                    text x="4" y=(y + 17.0) font-size="16" fill=(INK) { (text::truncate(label, 34)) }
                    rect x="330" y=(y + 4.0) width="200" height="16" fill=(UNPLACED) stroke=(PLACED) {}
                    @if let Some(v) = value {
                        rect x="330" y=(y + 4.0) width=(200.0 * (v / max.max(1.0)).clamp(0.0, 1.0)) height="16" fill=(PLACED) {}
                    }
                    text x="545" y=(y + 17.0) font-size="16" fill=(INK) { (words) }
                }
            }
            figcaption { (caption) }
        }
    }
}

/// A theme's bars: the "We" and the "I" average, each in words.
fn theme_rows(q: &Questionnaire, report: &ScoreReport) -> Vec<(String, Option<f64>, String)> {
    let words = |p: &VoiceProfile| profile_label(q, p);
    report
        .score
        .themes
        .iter()
        .flat_map(|t| {
            let name = &q.themes[t.theme].name;
            [
                (format!("{name} · We"), t.we.average, words(&t.we)),
                (format!("{name} · I"), t.i.average, words(&t.i)),
            ]
        })
        .collect()
}

/// Statement gaps as paired marks on the rating scale: a square for the organisation's
/// "We" rating, a circle for people's "I" rating.
fn gaps_figure(q: &Questionnaire, gaps: &[&Gap]) -> Markup {
    let row_height = 44.0;
    let height = row_height * gaps.len() as f64 + 30.0;
    let top = q.ratings.len().saturating_sub(1).max(1) as f64;
    let x = |rating: f64| 300.0 + 380.0 * (rating / top).clamp(0.0, 1.0);
    let description: Vec<String> = gaps.iter().map(|g| g.describe(q)).collect();
    html! {
        figure {
            svg viewBox=(format!("0 0 720 {height}")) style="min-width: 540px" role="img" aria-labelledby="gaps-title gaps-desc" {
                title id="gaps-title" { "Perception gaps: the organisation's “We” rating (square) against people's “I” rating (circle)" }
                desc id="gaps-desc" { (description.join(" ")) }
                @for (r, rating) in q.ratings.iter().enumerate() {
                    text x=(x(r as f64)) y="14" font-size="12" text-anchor="middle" fill=(INK) { (rating.name) }
                }
                @for (n, gap) in gaps.iter().enumerate() {
                    @if let Gap::Statement { we, we_rating, i_rating, .. } = gap {
                        @let y = 30.0 + row_height * n as f64;
                        text x="4" y=(y + 14.0) font-size="13" fill=(INK) { (text::truncate(&q.statements[*we].text, 42)) }
                        line x1=(x(0.0)) x2=(x(top)) y1=(y + 10.0) y2=(y + 10.0) stroke="#6b6b6b" {}
                        rect x=(x(*we_rating) - 7.0) y=(y + 3.0) width="14" height="14" fill=(PLACED) {}
                        text x=(x(*we_rating)) y=(y + 34.0) font-size="11" text-anchor="middle" fill=(INK) { "We" }
                        circle cx=(x(*i_rating)) cy=(y + 10.0) r="7" fill="#ffffff" stroke=(INK) stroke-width="2" {}
                        text x=(x(*i_rating)) y=(y + 34.0) font-size="11" text-anchor="middle" fill=(INK) { "I" }
                    }
                }
            }
            figcaption { "Each row is a “We” statement: the square is how the organisation rates it, the circle how people with lived experience rate the “I” statements that mirror it." }
        }
    }
}

impl Render<ScoreReport<'_>> for Html {
    fn render(&self, report: &ScoreReport) -> String {
        let q = report.questionnaire;
        let s = report.score;
        let title = format!("Where {} stands", report.assessment.organisation);
        let areas: Vec<Vec<String>> = s
            .areas
            .iter()
            .map(|a| {
                vec![
                    q.areas[a.area].name.clone(),
                    placement_label(q, a.placement.rung),
                    format!("{} of {}", a.answered, a.total),
                    a.placement.why.clone(),
                ]
            })
            .collect();
        let themes: Vec<Vec<String>> = s
            .themes
            .iter()
            .map(|t| {
                vec![
                    q.themes[t.theme].name.clone(),
                    profile_label(q, &t.we),
                    profile_label(q, &t.i),
                ]
            })
            .collect();
        let evidence = parts::evidence(report);
        let body = html! {
            header {
                h1 { (title) }
                p.subtitle { (subtitle(report)) }
            }
            p.placement { strong { "Overall: " (placement_label(q, s.overall.rung)) "." } " " (s.overall.why) }
            @if let Some(note) = parts::one_sided(&s.voices, true) { p.note { (note) } }
            (list(&parts::meaning(q, s.overall.rung)))
            section {
                h2 { "The ladder" }
                (ladder(&Ladder::of(report), "ladder", "The ladder: where the organisation, and each area, is placed"))
            }
            section {
                h2 { "Areas" }
                (table("Each area's placement and why", &["Area", "Placement", "Answered", "Why"], areas))
            }
            @if !s.themes.is_empty() {
                section {
                    h2 { "Statements" }
                    (bars_figure("themes", "Making it Real themes: the average rating of the “We” and the “I” statements", &theme_rows(q, report), q.ratings.len().saturating_sub(1) as f64))
                    (table("Making it Real themes", &["Theme", "“We” statements", "“I” statements"], themes))
                }
            }
            @if !evidence.items.is_empty() {
                section { h2 { "Evidence given" } (list(&evidence)) }
            }
            section { h2 { "Next steps" } (list(&parts::next_steps(&s.next_steps))) }
        };
        page(&title, body)
    }
}

impl Render<WorkshopReport<'_>> for Html {
    fn render(&self, report: &WorkshopReport) -> String {
        let q = report.questionnaire;
        let w = report.workshop;
        let title = format!("Workshop: {}", report.organisations.join(", "));
        let mut header = vec!["Area", "Combined"];
        header.extend(w.roles.iter().map(|r| q.roles[r.role].name.as_str()));
        let areas: Vec<Vec<String>> = w
            .areas
            .iter()
            .enumerate()
            .map(|(area, placed)| {
                let mut row = vec![q.areas[area].name.clone(), rung_name(q, *placed)];
                row.extend(w.roles.iter().map(|r| rung_name(q, r.areas[area])));
                row
            })
            .collect();
        let roles: Vec<Vec<String>> = w
            .roles
            .iter()
            .map(|r| {
                let mut row = vec![
                    q.roles[r.role].name.clone(),
                    r.respondents.to_string(),
                    rung_name(q, r.overall),
                ];
                if report.show_names {
                    row.push(names(r));
                }
                row
            })
            .collect();
        let mut role_header = vec!["Role", "Respondents", "Placement"];
        if report.show_names {
            role_header.push("Names");
        }
        let statement_gaps: Vec<&Gap> = w
            .gaps
            .iter()
            .filter(|g| matches!(g, Gap::Statement { .. }))
            .collect();
        let body = html! {
            header {
                h1 { (title) }
                p.subtitle { (q.title) " " (q.version) " · " (plural(report.respondents, "respondent")) " in " (plural(w.roles.len(), "role")) }
            }
            p.placement { strong { "Combined: " (placement_label(q, w.overall)) "." } " " (parts::weighing(&w.voices)) }
            @if let Some(note) = parts::one_sided(&w.voices, false) { p.note { (note) } }
            (list(&parts::meaning(q, w.overall)))
            section {
                h2 { "The ladder" }
                (ladder(&Ladder::of_workshop(report), "ladder", "The ladder: where the room together, and each role, places the organisation"))
            }
            section {
                h2 { "Areas" }
                (table("Each area: the room together, and each role", &header, areas))
            }
            section {
                h2 { "Roles" }
                (table("Who answered, and where each role places the organisation", &role_header, roles))
            }
            section { h2 { "Widest disagreements" } (list(&parts::disagreements(report))) }
            section {
                h2 { "Perception gaps" }
                @if !statement_gaps.is_empty() { (gaps_figure(q, &statement_gaps)) }
                (list(&parts::gaps(report)))
            }
            section { h2 { "Next steps" } (list(&parts::next_steps(&w.next_steps))) }
        };
        page(&title, body)
    }
}

impl Render<CompareReport<'_>> for Html {
    fn render(&self, report: &CompareReport) -> String {
        let (old, new, c) = (report.old, report.new, report.comparison);
        let nq = new.questionnaire;
        let title = format!("Progress: {}", new.assessment.organisation);
        let areas: Vec<Vec<String>> = c
            .areas
            .iter()
            .map(|a| {
                vec![
                    nq.areas[a.area].name.clone(),
                    rung_name(old.questionnaire, a.old),
                    rung_name(nq, a.new),
                    change_words(a.old, a.new),
                ]
            })
            .collect();
        // Before and after on the new ladder, matched by level.
        let ladder = Ladder::new(
            nq,
            vec![
                (format!("Before ({})", old.assessment.assessed), c.overall.0),
                (format!("Now ({})", new.assessment.assessed), c.overall.1),
            ],
        );
        let body = html! {
            header {
                h1 { (title) }
                p.subtitle { (new.assessment.service) " · " (old.assessment.assessed.to_string()) " → " (new.assessment.assessed.to_string()) }
            }
            @for warning in &c.warnings { p.note { strong { "Warning: " } (warning) } }
            p.placement { strong { "Overall: " (overall_change(report)) } }
            section {
                h2 { "The ladder" }
                (self::ladder(&ladder, "ladder", "The ladder: the overall placement before and now"))
            }
            section {
                h2 { "Areas" }
                (table("Each area before and now", &["Area", "Before", "Now", "Change"], areas))
            }
            @for s in compare_sections(report) { (section(&s)) }
        };
        page(&title, body)
    }
}

/// `copro check` as a page: a row per file as results arrive, then the totals and, for each
/// questionnaire, every assessment on one ladder.
impl Render<CheckPart<'_>> for Html {
    fn render(&self, part: &CheckPart) -> String {
        match part {
            CheckPart::Start { .. } => format!("{}{}", head("copro check"), CHECK_START),
            CheckPart::Between { .. } => String::new(),
            CheckPart::File(r) => flat(check_row(r)),
            CheckPart::End {
                summary, policy, ..
            } => {
                let end = html! {
                    section {
                        h2 { "Summary" }
                        p { (parts::check_summary(summary, policy)) }
                    }
                    @for (n, (questionnaire, rungs)) in summary.placed.iter().enumerate() {
                        @let rows: Vec<(String, Vec<String>)> = rungs.iter().rev().map(|(_, (name, count))| (name.clone(), vec![plural(*count, "assessment")])).collect();
                        @let description = rows.iter().map(|(name, count)| format!("{name}: {}.", count.join(""))).collect::<Vec<_>>().join(" ");
                        section {
                            h2 { "Every assessment on one ladder: " (questionnaire) }
                            (ladder_figure(&rows, &description, &format!("ladder-{n}"), &format!("How many assessments of {questionnaire} are placed on each rung reached")))
                        }
                    }
                };
                format!("{CHECK_END}{}{TAIL}", flat(end))
            }
        }
    }
}

/// The page's title and the opening of the table of files; the table is closed by
/// [`CHECK_END`], as rows come in between.
const CHECK_START: &str = "<header><h1>copro check</h1><p class=\"subtitle\">Every assessment checked, in path order.</p></header><section><h2>Assessments</h2><div class=\"scroll\" role=\"region\" aria-label=\"Assessments\" tabindex=\"0\"><table><caption>One row per file: its status, its placement and why it fails</caption><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Status</th><th scope=\"col\">Organisation and service</th><th scope=\"col\">Placement</th><th scope=\"col\">Reasons</th></tr></thead><tbody>";
const CHECK_END: &str = "</tbody></table></div></section>";

fn check_row(r: &FileResult) -> Markup {
    let status = r.status.id();
    let reasons: Vec<String> = r
        .reasons
        .iter()
        .map(parts::located)
        .chain(r.problems.iter().map(|p| p.message.clone()))
        .chain(
            r.warnings
                .iter()
                .map(|w| format!("warning: {}", parts::located(w))),
        )
        .collect();
    html! {
        tr {
            th scope="row" { (text::one_line(&r.file)) }
            td class=(format!("status-{status}")) {
                (match r.status { Status::Pass => "✓ pass", Status::Fail => "✗ fail", Status::Invalid => "⚠ invalid", Status::Skipped => "skipped" })
            }
            td { (r.organisation.as_deref().unwrap_or("")) @if let Some(s) = &r.service { " · " (s) } }
            td { (r.placement.as_ref().map_or("not placed", |p| p.name.as_str())) }
            td { @if !reasons.is_empty() { ul { @for reason in &reasons { li { (reason) } } } } }
        }
    }
}

/// A handout to print: each area a page of its own (`section.page` breaks before it), the
/// options in the order respondents see them. A participant's names no rung anywhere; the
/// facilitator's puts the ladder first and each option's rung beside it.
impl Render<Handout<'_>> for Html {
    fn render(&self, h: &Handout) -> String {
        let q = h.questionnaire;
        let facilitator = h.kind == HandoutKind::Facilitator;
        let role = h.role.and_then(|r| q.roles.get(r)).map(|r| r.name.as_str());
        let voice = parts::handout_voice(h);
        let scale: Vec<&str> = q.ratings.iter().map(|r| r.name.as_str()).collect();
        let body = html! {
            h1 { (q.title) }
            @if facilitator {
                p.subtitle { "Facilitator's copy · " code { (q.id) } " version " (q.version) }
            }
            @if let Some(description) = &q.description { p { (description) } }
            @if facilitator {
                (table(
                    "The ladder, from the top rung down",
                    &["Rung", "Name", "What it looks like", "To climb from here"],
                    q.rungs.iter().enumerate().rev().map(|(level, r)| vec![
                        (level + 1).to_string(), r.name.clone(), r.description.clone(), r.climb.clone(),
                    ]).collect(),
                ))
            } @else {
                p {
                    strong { "Role: " }
                    @match role { Some(name) => (name), None => span.write-in {} }
                }
                p { strong { "Name (if you wish): " } span.write-in {} }
                p { (parts::handout_instructions(h)) }
            }
            @for (n, area) in parts::handout_areas(h).iter().enumerate() {
                section class=(if n > 0 || facilitator { "page" } else { "" }) {
                    h2 { (area.name) }
                    p { (area.description) }
                    @for question in &area.questions {
                        section.question {
                            h3 {
                                (question.number) ". " (question.prompt)
                                @if facilitator { " " code { (question.id) } }
                            }
                            @if let Some(help) = question.help { p { em { (help) } } }
                            @if let Some((lived, help)) = question.lived {
                                p.lived {
                                    "People with lived experience are asked: " strong { (lived) }
                                    @if let Some(help) = help { br; em { (help) } }
                                }
                            }
                            ol.options {
                                @for (option, rung) in &question.options {
                                    li {
                                        @if !facilitator { span.box aria-hidden="true" { "☐" } }
                                        (option)
                                        @if let Some(rung) = rung { " " span.rung { "(" (rung) ")" } }
                                    }
                                }
                            }
                            @if !facilitator {
                                p { span.box aria-hidden="true" { "☐" } "Don't know" }
                            }
                        }
                    }
                }
            }
            @let themes = parts::handout_statements(h);
            @if !themes.is_empty() {
                section.page {
                    h2 { "Statements" }
                    @if facilitator {
                        p { "“We” statements are rated by the organisation, “I” statements by people with lived experience, on this scale: " (scale.join(", ")) "." }
                    } @else {
                        p { (crate::interview::words::statements_intro(voice, &q.ratings)) }
                    }
                    @for (theme, statements) in &themes {
                        (statement_table(theme, statements, &scale, facilitator))
                    }
                }
            }
            @if facilitator {
                section.page {
                    h2 { "Sources" }
                    ul { @for source in &q.sources { li { code { (source.id) } ": " (source.name) } } }
                }
            }
        };
        let title = match h.kind {
            HandoutKind::Participant => q.title.clone(),
            HandoutKind::Facilitator => format!("{} (facilitator's copy)", q.title),
        };
        page(&title, body)
    }
}

/// A theme's statements in a handout: for a participant a box to tick under each rating,
/// for the facilitator whose voice each is in, and its id.
fn statement_table(
    theme: &str,
    statements: &[&crate::questionnaire::Statement],
    scale: &[&str],
    facilitator: bool,
) -> Markup {
    let quoted = |s: &crate::questionnaire::Statement| format!("“{}”", s.text);
    if facilitator {
        let rows = statements
            .iter()
            .map(|s| {
                vec![
                    quoted(s),
                    match s.voice {
                        crate::questionnaire::Voice::I => "“I”".to_string(),
                        crate::questionnaire::Voice::We => "“We”".to_string(),
                    },
                    s.id.clone(),
                ]
            })
            .collect();
        return table(theme, &["Statement", "Voice", "Id"], rows);
    }
    let mut header = vec!["Statement"];
    header.extend(scale);
    let rows = statements
        .iter()
        .map(|s| {
            let mut row = vec![quoted(s)];
            row.extend(scale.iter().map(|_| "☐".to_string()));
            row
        })
        .collect();
    table(theme, &header, rows)
}
