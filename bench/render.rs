//! How long rendering a report takes: HTML (and, for comparison, the terminal tables) for a
//! scored example and the example workshop, already loaded and scored, best of many runs.
//!
//!     cargo bench --bench render
//!
//! The target is under 10 ms for an HTML report.

// A benchmark is a program whose job is to print its figures.
#![allow(clippy::print_stdout)]

use std::path::Path;
use std::time::{Duration, Instant};

use copro::assessment::Assessment;
use copro::report::html::Html;
use copro::report::table::Table;
use copro::report::{Render, ScoreReport, Style, WorkshopReport};
use copro::{scoring, workshop};

const RUNS: usize = 200;

/// The fastest of `RUNS` renders, and the length of what it rendered.
fn best(render: impl Fn() -> String) -> (Duration, usize) {
    let mut fastest = Duration::MAX;
    let mut length = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        length = render().len();
        fastest = fastest.min(start.elapsed());
    }
    (fastest, length)
}

fn show(what: &str, (time, bytes): (Duration, usize)) {
    println!(
        "  {what:<28} {:7.3} ms   ({} KB)",
        time.as_secs_f64() * 1000.0,
        bytes / 1024
    );
}

fn main() {
    let Ok((a, q)) = Assessment::load(Path::new("examples/assessments/riverside-home-care.toml"))
    else {
        println!("run from the repository: the examples are read from examples/");
        return;
    };
    let score = scoring::score(&q, &a);
    let view = ScoreReport {
        questionnaire: &q,
        assessment: &a,
        score: &score,
    };
    let mut room = Vec::new();
    for entry in std::fs::read_dir("examples/workshop/assessments")
        .into_iter()
        .flatten()
        .flatten()
    {
        if let Ok((a, _)) = Assessment::load(&entry.path()) {
            room.push(a);
        }
    }
    let all: Vec<&Assessment> = room.iter().collect();
    let combined = workshop::combine(&q, &all);
    let room_view = WorkshopReport {
        questionnaire: &q,
        organisations: vec!["Meadowbank Community Support".into()],
        respondents: all.len(),
        assessments: &all,
        workshop: &combined,
        show_names: false,
    };
    let table = Table {
        style: Style::default(),
    };
    println!("Rendering reports, best of {RUNS} runs:");
    show("score, HTML", best(|| Html.render(&view)));
    show("score, terminal tables", best(|| table.render(&view)));
    show(
        "workshop (7 people), HTML",
        best(|| Html.render(&room_view)),
    );
    show(
        "workshop, terminal tables",
        best(|| table.render(&room_view)),
    );
}
