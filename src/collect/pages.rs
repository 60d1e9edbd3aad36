//! The pages of `copro collect`, as HTML: the web face of the interview.
//!
//! A page shows what the session's [`Prompt`] carries, in the session's own words
//! ([`words`]), as a plain form that works without script: one question per page, every
//! control labelled, buttons large enough for a thumb, and text that grows with the
//! browser's text size. The pages say nothing the terminal faces do not: they decide
//! nothing about the flow. Every piece of text from a file or a participant goes through
//! maud, which escapes it for HTML.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Notice, RoleCount};
use crate::assessment::{Answer, Assessment};
use crate::interview::session::Counts;
use crate::interview::{Prompt, words};
use crate::questionnaire::Questionnaire;
use crate::report::html::STYLE;

/// The styles of the forms, after the reports' own.
const FORM_STYLE: &str = r#"
body { max-width: 40rem; font-size: 1.125rem; }
h1 { font-size: 1.5rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1rem; min-width: 0; }
legend { padding: 0; }
.option { display: flex; gap: 0.75rem; align-items: flex-start; border: 2px solid #5a5a5a; border-radius: 0.5rem; padding: 0.75rem; margin: 0.5rem 0; }
.option input { width: 1.5rem; height: 1.5rem; margin: 0.1rem 0 0; flex: none; }
.option label { flex: 1; }
.option:focus-within { outline: 3px solid #1d4e89; outline-offset: 2px; }
label.field { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
input[type=text], textarea { font: inherit; width: 100%; box-sizing: border-box; padding: 0.5rem; border: 2px solid #5a5a5a; border-radius: 0.25rem; }
textarea { min-height: 6rem; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 1rem 0; }
button { font: inherit; min-height: 2.75rem; padding: 0.5rem 1rem; border-radius: 0.5rem; border: 2px solid #1d4e89; background: #ffffff; color: #1d4e89; cursor: pointer; }
button.go { background: #1d4e89; color: #ffffff; font-weight: 600; }
button:focus { outline: 3px solid #8a4b00; outline-offset: 2px; }
p.progress { color: #3d3d3d; margin: 0; }
p.status { border-left: 4px solid #1d4e89; padding: 0.3rem 0.8rem; background: #e8eef6; }
p.problem { border-left: 4px solid #a00000; padding: 0.3rem 0.8rem; background: #fbeaea; }
details { margin: 0.5rem 0 1rem; }
summary { cursor: pointer; color: #1d4e89; text-decoration: underline; padding: 0.25rem 0; }
.code { font-family: ui-monospace, monospace; font-size: 2.5rem; letter-spacing: 0.1em; }
.qr svg { max-width: 18rem; }
.count { font-size: 1.5rem; }
"#;

/// How long the longest note may be, in characters.
pub const MAX_NOTE: usize = 2000;

/// How long a first name may be, in characters.
pub const MAX_NAME: usize = 60;

/// A whole page.
fn page(title: &str, refresh: bool, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if refresh { meta http-equiv="refresh" content="5"; }
                title { (title) }
                style { (PreEscaped(STYLE)) (PreEscaped(FORM_STYLE)) }
            }
            body { main { (body) } }
        }
    }
    .into_string()
}

/// A page that only says something: an error, or the end of the collection.
pub fn message(title: &str, text: &str) -> String {
    page(title, false, html! { h1 { (title) } p { (text) } })
}

/// The front page: type the room's code.
pub fn code_entry(wrong: bool) -> String {
    page(
        "Join the session",
        false,
        html! {
            h1 { "Join the session" }
            @if wrong {
                p.problem role="alert" { "That code is not right. Check it on the screen and type it again." }
            }
            form method="get" action="/join" {
                label.field for="code" { "The code on the screen" }
                input #code type="text" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" required;
                div.buttons { button.go type="submit" { "Join" } }
            }
        },
    )
}

/// The room's first page: choose a role, give a first name if you like.
pub fn join(
    q: &Questionnaire,
    organisation: &str,
    service: &str,
    action: &str,
    show_names: bool,
    problem: bool,
) -> String {
    let opening = words::opening(
        q,
        "Choose one answer on each page and press the button to go on. Every answer is saved the moment you give it.",
    );
    page(
        &q.title,
        false,
        html! {
            h1 { (q.title) }
            p { "About " strong { (organisation) } ", " (service) "." }
            @for line in opening.lines().skip(1) { p { (line) } }
            @if problem {
                p.problem role="alert" { "Choose your role to start." }
            }
            form method="post" action=(action) {
                fieldset {
                    legend { h2 { (words::ROLE) } }
                    @for (i, role) in q.roles.iter().enumerate() {
                        div.option {
                            input type="radio" name="role" value=(i) id={ "role-" (i) } required;
                            label for={ "role-" (i) } { (role.name) }
                        }
                    }
                }
                label.field for="name" { "Your first name (optional)" }
                p #name-hint {
                    @if show_names {
                        "It is kept with your answers, and shown under your role in the room's results. It is never shown on the screen."
                    } @else {
                        "It is kept with your answers only. It is never shown on the screen or in the room's results."
                    }
                }
                input #name type="text" name="name" maxlength=(MAX_NAME) autocomplete="given-name" aria-describedby="name-hint";
                div.buttons { button.go type="submit" { "Start" } }
            }
        },
    )
}

/// What a participant's page needs besides the prompt.
#[derive(Debug, Clone, Copy)]
pub struct Form<'a> {
    /// Where the form goes: the participant's private address.
    pub action: &'a str,
    /// The key of the participant's forms.
    pub key: &'a str,
    /// The step the page is made for.
    pub step: u64,
    /// What to say about the last reply.
    pub notice: Option<Notice>,
    /// Show the participant's own result at the end.
    pub show_result: bool,
}

fn notice(notice: Option<Notice>) -> Markup {
    let (class, text) = match notice {
        None => return html! {},
        Some(Notice::Saved) => ("status", "Your answer is saved."),
        Some(Notice::AtStart) => ("status", words::AT_START),
        Some(Notice::ChooseOne) => (
            "problem",
            "Choose one of the answers first, or use one of the other buttons.",
        ),
        Some(Notice::TooLong) => ("problem", "That note is too long: please shorten it."),
        Some(Notice::Stale) => (
            "problem",
            "That page was out of date (perhaps open in another tab), so nothing was changed. This is where you are now.",
        ),
    };
    let role = if class == "problem" {
        "alert"
    } else {
        "status"
    };
    html! { p class=(class) role=(role) { (text) } }
}

fn hidden(form: &Form) -> Markup {
    html! {
        input type="hidden" name="form" value=(form.key);
        input type="hidden" name="step" value=(form.step);
    }
}

fn button(action: &str, text: &str, go: bool) -> Markup {
    html! {
        @if go {
            button.go type="submit" name="action" value=(action) { (text) }
        } @else {
            button type="submit" name="action" value=(action) { (text) }
        }
    }
}

/// What a participant is asked now, as a page.
pub fn prompt(q: &Questionnaire, prompt: &Prompt, assessment: &Assessment, form: &Form) -> String {
    let progress = prompt.progress();
    let (title, body) = match prompt {
        Prompt::Question {
            question,
            prompt: wording,
            help,
            current,
            ..
        } => (
            *wording,
            html! {
                form method="post" action=(form.action) {
                    (hidden(form))
                    fieldset {
                        legend { p.progress { (progress) } h1 { (wording) } }
                        @if let Some(help) = help {
                            details { summary { (words::HELP) } p { (help) } }
                        }
                        @for (i, option) in question.options.iter().enumerate() {
                            div.option {
                                input type="radio" name="option" value=(i) id={ "option-" (i) }
                                    checked[*current == Answer::Chosen(i)];
                                label for={ "option-" (i) } { (option.text) }
                            }
                        }
                    }
                    div.buttons {
                        (button("choose", "Save and go on", true))
                        (button("dont-know", words::DONT_KNOW, false))
                        (button("skip", words::SKIP_FOR_NOW, false))
                        (button("back", words::BACK, false))
                    }
                }
            },
        ),
        Prompt::Evidence {
            prompt: wording,
            current,
            ..
        } => (
            words::EVIDENCE,
            html! {
                form method="post" action=(form.action) {
                    (hidden(form))
                    p.progress { "About: " (wording) }
                    h1 { label for="note" { (words::EVIDENCE) } }
                    p #note-hint { "For example a meeting's minutes, a report, or what people said. Leave it empty to go on without a note." }
                    textarea #note name="note" maxlength=(MAX_NOTE) aria-describedby="note-hint" {
                        (current.unwrap_or_default())
                    }
                    div.buttons {
                        (button("note", "Save and go on", true))
                        (button("back", words::BACK, false))
                    }
                }
            },
        ),
        Prompt::Statement {
            statement,
            scale,
            current,
            intro,
            ..
        } => (
            statement.text.as_str(),
            html! {
                @if let Some(intro) = intro { p.status { (intro) } }
                form method="post" action=(form.action) {
                    (hidden(form))
                    fieldset {
                        legend { p.progress { (progress) } h1 { (statement.text) } p { (words::HOW_TRUE) } }
                        @for (i, rating) in scale.iter().enumerate() {
                            div.option {
                                input type="radio" name="option" value=(i) id={ "option-" (i) }
                                    checked[*current == Some(i)];
                                label for={ "option-" (i) } { (rating.name) }
                            }
                        }
                    }
                    div.buttons {
                        (button("choose", "Save and go on", true))
                        (button("skip", words::SKIP, false))
                        (button("back", words::BACK, false))
                    }
                }
            },
        ),
        Prompt::Review {
            pending,
            statements,
        } => (
            "Nearly done",
            html! {
                h1 { "Nearly done" }
                p { (words::pending(pending.len(), statements.len())) }
                ul {
                    @for pending in pending { li { (pending.prompt) } }
                    @for statement in statements { li { (statement.text) } }
                }
                form method="post" action=(form.action) {
                    (hidden(form))
                    p { (words::WHAT_NEXT) }
                    div.buttons {
                        (button("revisit", words::REVISIT, true))
                        (button("finish", words::FINISH, false))
                        (button("back", words::BACK, false))
                    }
                }
            },
        ),
        Prompt::Done => (
            "Thank you",
            html! {
                h1 { "Thank you" }
                p { "Your answers are saved: " (words::answered(&Counts::of(assessment))) "." }
                @if form.show_result {
                    @let score = crate::scoring::score(q, assessment);
                    p {
                        "Your own answers place the organisation on: "
                        strong {
                            @match score.overall.rung.and_then(|r| q.rungs.get(r)) {
                                Some(rung) => (rung.name),
                                None => "no rung yet (not enough answers)",
                            }
                        }
                        "."
                    }
                }
                p { "The room's result, everyone's answers together, is shown at the end of the session." }
                form method="post" action=(form.action) {
                    (hidden(form))
                    div.buttons { (button("back", "Back: change an answer", false)) }
                }
            },
        ),
    };
    page(
        title,
        false,
        html! {
            p.progress { (q.title) }
            (notice(form.notice))
            (body)
            p.progress {
                "This page's address is your private link: bookmark it to come back, even if your phone sleeps. Do not share it."
            }
        },
    )
}

/// What the trainer's page shows.
#[derive(Debug, Clone)]
pub struct Projector<'a> {
    /// The questionnaire's title.
    pub title: &'a str,
    /// The organisation assessed.
    pub organisation: &'a str,
    /// The room's address.
    pub address: &'a str,
    /// The front page, where the code is typed.
    pub front: &'a str,
    /// The room's code, grouped.
    pub code: &'a str,
    /// The room's address as an SVG QR code.
    pub qr: Option<String>,
    /// Joined and finished, by role.
    pub counts: &'a [RoleCount],
    /// Where the end button posts.
    pub end: &'a str,
    /// The key of the trainer's forms.
    pub key: &'a str,
}

/// The trainer's page, for the projector: how to join, who has joined and finished (counts
/// only, never names), and a button to end the collection. It refreshes itself without
/// script.
pub fn projector(p: &Projector) -> String {
    let joined: usize = p.counts.iter().map(|c| c.joined).sum();
    let finished: usize = p.counts.iter().map(|c| c.finished).sum();
    page(
        p.title,
        true,
        html! {
            h1 { (p.title) ": " (p.organisation) }
            section {
                h2 { "Join on your phone" }
                @if let Some(qr) = &p.qr {
                    div.qr role="img" aria-label="QR code of the address below" { (PreEscaped(qr)) }
                }
                p { "Scan the code, or open " strong { (p.front) } " and type:" }
                p.code { (p.code) }
                p { "Full address: " (p.address) }
            }
            section {
                h2 { "In the room" }
                p.count { (joined) " joined · " (finished) " finished" }
                table {
                    caption { "Participants by role" }
                    thead { tr { th scope="col" { "Role" } th scope="col" { "Voice" } th scope="col" { "Joined" } th scope="col" { "Finished" } } }
                    tbody {
                        @for c in p.counts {
                            tr { th scope="row" { (c.role) } td { (c.voice) } td { (c.joined) } td { (c.finished) } }
                        }
                    }
                }
            }
            form method="post" action=(p.end) {
                input type="hidden" name="form" value=(p.key);
                div.buttons { button.go type="submit" { "End collection and write the report" } }
            }
        },
    )
}
