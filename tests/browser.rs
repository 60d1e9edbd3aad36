//! HTML reports opened in a real browser: headless Chromium takes a screenshot of each and
//! prints it to PDF, and runs the page made of hostile text to show that nothing in it ran.
//! Chromium is installed when it is missing (see `common/chromium.rs`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::chromium::{FLAGS, chromium};
use common::copro;

/// Runs headless Chromium on `page` with `args`, with a fresh profile and no network
/// chatter; kills it after a minute. Returns what it printed.
fn browse(page: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().expect("profile");
    let mut child = Command::new(chromium())
        .args(FLAGS)
        .arg("--hide-scrollbars")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("status").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish with {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes what copro prints for `args` to `dir/name`.
fn report(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = copro(args);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.join(name);
    std::fs::write(&path, out.stdout).expect("write");
    path
}

/// How many pages a PDF has: its page objects, not the page tree.
fn pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

#[test]
fn example_reports_render_print_and_run_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let workshop = std::fs::read_dir("examples/workshop/assessments")
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path().display().to_string()))
        .filter(|p| p.ends_with(".toml"))
        .collect::<Vec<_>>();
    let mut workshop_args = vec!["workshop"];
    workshop_args.extend(workshop.iter().map(String::as_str));
    workshop_args.extend(["--format", "html"]);
    let reports = [
        (
            report(
                d,
                "score.html",
                &[
                    "score",
                    "examples/assessments/riverside-home-care.toml",
                    "--format",
                    "html",
                ],
            ),
            1..=5,
        ),
        (report(d, "workshop.html", &workshop_args), 2..=8),
        (
            report(
                d,
                "compare.html",
                &[
                    "compare",
                    "examples/progress/riverside-2025.toml",
                    "examples/progress/riverside-2026.toml",
                    "--format",
                    "html",
                ],
            ),
            1..=5,
        ),
        (
            report(
                d,
                "check.html",
                &[
                    "check",
                    "examples",
                    "--format",
                    "html",
                    "--today",
                    "2026-11-23",
                ],
            ),
            1..=6,
        ),
    ];
    for (page, expected_pages) in &reports {
        let png = page.with_extension("png");
        browse(
            page,
            &[
                format!("--screenshot={}", png.display()),
                "--window-size=1000,1400".into(),
            ],
        );
        let image = std::fs::read(&png).expect("a screenshot");
        assert!(image.starts_with(b"\x89PNG"), "{}", png.display());
        assert!(image.len() > 20_000, "{} looks empty", png.display());
        let pdf = page.with_extension("pdf");
        browse(
            page,
            &[
                format!("--print-to-pdf={}", pdf.display()),
                "--no-pdf-header-footer".into(),
            ],
        );
        let n = pages(&std::fs::read(&pdf).expect("a PDF"));
        assert!(
            expected_pages.contains(&n),
            "{} printed on {n} pages",
            page.display()
        );
    }

    // A report made of hostile text: after the browser has run the page, the title is
    // still the organisation's name as text and no element came from the data.
    let organisation = "<script>document.title='PWNED'</script> Ltd";
    let hostile = d.join("hostile.toml");
    std::fs::write(
        &hostile,
        std::fs::read_to_string("examples/assessments/riverside-home-care.toml")
            .expect("example")
            .replace(
                "organisation = \"Riverside Home Care\"",
                &format!("organisation = \"{organisation}\""),
            )
            .replace(
                "[evidence]",
                "[evidence]\nculture-priorities = '\"><img src=x onerror=\"document.title=1\"></style>'",
            ),
    )
    .expect("write");
    let page = report(
        d,
        "hostile.html",
        &["score", hostile.to_str().expect("path"), "--format", "html"],
    );
    let dom = browse(&page, &["--dump-dom".into()]);
    assert!(
        dom.contains(
            "<title>Where &lt;script&gt;document.title='PWNED'&lt;/script&gt; Ltd stands</title>"
        ),
        "{dom}"
    );
    assert!(!dom.contains("<img"), "no image element from the data");
    assert!(!dom.contains("<script"), "no script element from the data");
}
