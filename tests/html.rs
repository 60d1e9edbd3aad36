//! `--format html`: every command renders every example as a valid, self-contained,
//! accessible page, and text from files never becomes markup. Parsed with html5ever, the
//! parser that follows the HTML standard's rules, which reports every parse error.

use std::path::Path;

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

mod common;
use common::copro;

/// A page parsed: its parse errors and its elements, in document order.
struct Page {
    errors: Vec<String>,
    elements: Vec<Element>,
}

/// One element: its name, its attributes and all the text inside it.
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Page {
    fn parse(html: &str) -> Page {
        let opts = ParseOpts {
            tree_builder: TreeBuilderOpts {
                exact_errors: true,
                ..Default::default()
            },
            ..Default::default()
        };
        let dom = parse_document(RcDom::default(), opts)
            .from_utf8()
            .read_from(&mut html.as_bytes())
            .expect("reading from memory");
        let mut elements = Vec::new();
        walk(&dom.document, &mut elements);
        let errors = dom.errors.borrow().iter().map(|e| e.to_string()).collect();
        Page { errors, elements }
    }

    /// The elements named `name`.
    fn all(&self, name: &str) -> Vec<&Element> {
        self.elements.iter().filter(|e| e.name == name).collect()
    }

    fn text(&self) -> String {
        self.all("body")
            .first()
            .map(|e| e.text.clone())
            .unwrap_or_default()
    }
}

/// Every element under `node` with its attributes and all the text inside it.
fn walk(node: &Handle, out: &mut Vec<Element>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let attrs = attrs
            .borrow()
            .iter()
            .map(|a| (a.name.local.to_string(), a.value.to_string()))
            .collect();
        out.push(Element {
            name: name.local.to_string(),
            attrs,
            text: text_of(node),
        });
    }
    for child in node.children.borrow().iter() {
        walk(child, out);
    }
}

fn text_of(node: &Handle) -> String {
    let mut text = String::new();
    if let NodeData::Text { contents } = &node.data {
        text.push_str(&contents.borrow());
    }
    for child in node.children.borrow().iter() {
        text.push_str(&text_of(child));
    }
    text
}

/// Runs copro and parses its HTML, which it must print with exit code `code`.
fn page(args: &[&str], code: i32) -> Page {
    let out = copro(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(html.starts_with("<!DOCTYPE html>"), "{args:?}");
    Page::parse(&html)
}

/// What every page must be: valid, in English, self-contained, no script, every picture
/// titled and described.
fn assert_good(page: &Page, what: &str) {
    assert!(page.errors.is_empty(), "{what}: {:?}", page.errors);
    let html = page.all("html");
    assert_eq!(
        html[0].attrs,
        [("lang".to_string(), "en".to_string())],
        "{what}"
    );
    assert!(
        !page.all("title")[0].text.trim().is_empty(),
        "{what}: a title"
    );
    assert_eq!(page.all("h1").len(), 1, "{what}: one main heading");
    assert_eq!(page.all("main").len(), 1, "{what}: a main landmark");
    for banned in ["script", "img", "link", "iframe", "object"] {
        assert!(page.all(banned).is_empty(), "{what}: no <{banned}>");
    }
    for Element { name, attrs, .. } in &page.elements {
        for (attr, value) in attrs {
            assert!(
                !(attr == "src" || attr == "href" || value.contains("://")),
                "{what}: <{name} {attr}={value}> reaches outside the page"
            );
            assert!(!attr.starts_with("on"), "{what}: <{name} {attr}>");
        }
    }
    for svg in page.all("svg") {
        assert!(
            svg.attrs.iter().any(|(a, v)| a == "role" && v == "img"),
            "{what}"
        );
        assert!(
            svg.attrs.iter().any(|(a, _)| a == "aria-labelledby"),
            "{what}"
        );
    }
    assert_eq!(
        page.all("svg").len(),
        page.all("desc").len(),
        "{what}: every picture is described in words"
    );
    for table in page.all("table") {
        assert!(!table.text.is_empty(), "{what}: a table with content");
    }
}

fn toml_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn every_command_renders_every_example_as_a_good_page() {
    let mut examples = toml_files("examples/assessments");
    examples.extend(toml_files("examples/progress"));
    examples.extend(toml_files("examples/workshop/assessments"));
    for file in &examples {
        let p = page(&["score", file, "--format", "html"], 0);
        assert_good(&p, file);
        assert!(
            p.all("svg").len() >= 2,
            "{file}: the ladder and the themes drawn"
        );
    }
    let workshop: Vec<String> = toml_files("examples/workshop/assessments");
    let mut args = vec!["workshop"];
    args.extend(workshop.iter().map(String::as_str));
    args.extend(["--format", "html"]);
    let w = page(&args, 0);
    assert_good(&w, "workshop");
    assert!(w.text().contains("People with lived experience"));
    let c = page(
        &[
            "compare",
            "examples/progress/riverside-2025.toml",
            "examples/progress/riverside-2026.toml",
            "--format",
            "html",
        ],
        0,
    );
    assert_good(&c, "compare");
    assert!(c.text().contains("Informing → Consultation (up 1 rung)"));
    let k = page(
        &[
            "check",
            "examples",
            "--format",
            "html",
            "--today",
            "2026-11-23",
            "--policy",
            "examples/copro-policy.toml",
        ],
        1,
    );
    assert_good(&k, "check");
    assert_eq!(k.all("tr").len(), 1 + 14, "a header row and a row per file");
    assert!(k.text().contains("Every assessment on one ladder: tlap"));
}

#[test]
fn text_from_files_shows_as_text_and_runs_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = hostile_files(dir.path());
    let organisation = "<script>document.title='PWNED'</script> Ltd";
    for (args, shown) in [
        (
            vec!["score", hostile.as_str(), "--format", "html"],
            vec![organisation, "\"><img src=x onerror=alert(1)>"],
        ),
        (
            vec!["workshop", hostile.as_str(), "--format", "html"],
            vec![organisation],
        ),
    ] {
        let p = page(&args, 0);
        assert_good(&p, &format!("{args:?}"));
        assert_eq!(p.all("style").len(), 1, "only copro's own styles");
        assert!(p.all("title")[0].text.contains(organisation), "{args:?}");
        for shown in shown {
            assert!(p.text().contains(shown), "{args:?} shows {shown:?} as text");
        }
    }
    let p = page(
        &[
            "check",
            dir.path().to_str().expect("path"),
            "--format",
            "html",
        ],
        0,
    );
    assert_good(&p, "check");
    assert!(p.text().contains("</style><h1>x"));
    assert!(
        p.text().contains("\"><b>bold.toml"),
        "the file name shows as text"
    );
    assert!(p.all("b").is_empty(), "and makes nothing bold");
}

/// An assessment whose organisation, service and evidence hold markup, on a questionnaire
/// whose prompt does too. Returns the assessment's path.
fn hostile_files(dir: &Path) -> String {
    let questionnaire = std::fs::read_to_string("tests/cmd/questionnaire-validate.in/minimal.toml")
        .expect("fixture")
        .replace(
            "Who checks how a service is doing?",
            "Who checks? <script>alert(2)</script>",
        );
    std::fs::write(dir.join("q.toml"), questionnaire).expect("write");
    let assessment = "questionnaire = \"q.toml\"\nquestionnaire_version = \"1.0.0\"\norganisation = \"<script>document.title='PWNED'</script> Ltd\"\nservice = \"</style><h1>x\"\nassessed = 2026-01-01\n[respondent]\nrole = \"staff\"\n[answers]\nplans = \"together\"\nchecks = \"joint\"\n[evidence]\nchecks = '\"><img src=x onerror=alert(1)>'\n";
    let path = dir.join("hostile.toml");
    std::fs::write(&path, assessment).expect("write");
    std::fs::write(dir.join("\"><b>bold.toml"), assessment).expect("a file named with markup");
    path.display().to_string()
}

#[test]
fn out_saves_the_result_and_replaces_a_file_only_with_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("report.html");
    let out = report.to_str().expect("path");
    let example = "examples/assessments/riverside-home-care.toml";
    let first = copro(&["score", example, "--format", "html", "--out", out]);
    assert_eq!(first.status.code(), Some(0));
    assert!(first.stdout.is_empty(), "saved, not printed");
    let saved = std::fs::read_to_string(&report).expect("saved");
    assert!(Page::parse(&saved).errors.is_empty());
    let again = copro(&["score", example, "--format", "html", "--out", out]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    std::fs::write(&report, "kept").expect("write");
    let refused = copro(&["workshop", example, "--out", out]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&report).expect("read"), "kept");
    let check = copro(&[
        "check", "examples", "--format", "html", "--out", out, "--force",
    ]);
    assert_eq!(check.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&report)
            .expect("read")
            .contains("copro check")
    );
}

#[test]
fn handouts_are_good_pages_and_show_a_questionnaires_markup_as_text() {
    for id in ["tlap", "hart", "tests/fixtures/lived-wording.toml"] {
        for handout in ["participant", "facilitator"] {
            let p = page(
                &[
                    "questionnaire",
                    "show",
                    id,
                    "--handout",
                    handout,
                    "--format",
                    "html",
                ],
                0,
            );
            assert_good(&p, &format!("{id} {handout}"));
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    hostile_files(dir.path());
    let q = dir.path().join("q.toml");
    let q = q.to_str().expect("path");
    for handout in ["participant", "facilitator"] {
        let p = page(
            &[
                "questionnaire",
                "show",
                q,
                "--handout",
                handout,
                "--format",
                "html",
            ],
            0,
        );
        assert_good(&p, handout);
        assert!(
            p.text().contains("Who checks? <script>alert(2)</script>"),
            "{handout}"
        );
    }
}
