//! `copro collect` in a real browser: headless Chromium, driven over WebDriver (Debian's
//! `chromium-driver`, spoken to in plain HTTP), completes a participant's interview in a
//! phone-sized window, once with scripts on and once with scripts off, and chooses some
//! answers with the keyboard alone. With scripts on it also checks that no page is wider
//! than the phone, even with the browser's text size made large.

use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;
use common::chromium::{FLAGS, chromedriver, chromium};
use common::http::request;
use common::room::{files, load, start};

/// The key WebDriver names an element by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A browser session of a running chromedriver.
struct Driver {
    child: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.call("DELETE", &format!("/session/{}", self.session), None);
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl Driver {
    /// Starts chromedriver and a phone-sized Chromium with scripts on or off, and the
    /// browser's default text size `font_px`.
    fn new(scripts: bool, font_px: u32) -> Driver {
        let port = free_port();
        let child = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let profile = tempfile::tempdir().expect("profile");
        let mut driver = Driver {
            child,
            addr,
            session: String::new(),
            _profile: profile,
        };
        let start = Instant::now();
        while driver.call("GET", "/status", None).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut args: Vec<String> = FLAGS.iter().map(|f| f.to_string()).collect();
        args.push("--window-size=390,844".into());
        args.push(format!(
            "--user-data-dir={}",
            driver._profile.path().display()
        ));
        if !scripts {
            args.push("--blink-settings=scriptEnabled=false".into());
        }
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": chromium(),
                    "args": args,
                    "prefs": { "webkit": { "webprefs": { "default_font_size": font_px } } }
                }
            }}
        });
        let created = driver
            .call("POST", "/session", Some(capabilities))
            .expect("a browser session");
        driver.session = created["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        driver
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let r = request(
            self.addr,
            method,
            path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
        .map_err(|e| e.to_string())?;
        let value: Value = serde_json::from_str(&r.body).map_err(|e| e.to_string())?;
        if r.status == 200 {
            Ok(value)
        } else {
            Err(format!("{} {path}: {value}", r.status))
        }
    }

    fn command(&self, method: &str, what: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{what}", self.session);
        match self.call(method, &path, body) {
            Ok(v) => v["value"].clone(),
            Err(e) => panic!("{e}"),
        }
    }

    fn go(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> Option<String> {
        let path = format!("/session/{}/element", self.session);
        self.call(
            "POST",
            &path,
            Some(json!({ "using": "css selector", "value": css })),
        )
        .ok()
        .and_then(|v| v["value"][ELEMENT].as_str().map(String::from))
    }

    fn click(&self, css: &str) {
        let element = self
            .find(css)
            .unwrap_or_else(|| panic!("{css} on the page"));
        self.command(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self
            .find(css)
            .unwrap_or_else(|| panic!("{css} on the page"));
        self.command(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn source(&self) -> String {
        self.command("GET", "/source", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn url(&self) -> String {
        self.command("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Waits until the page shown is no longer `previous` (a form was sent and the next
    /// page has loaded), and returns it.
    fn next_page(&self, previous: &str) -> String {
        let start = Instant::now();
        loop {
            let page = self.source();
            let ready = self.command(
                "POST",
                "/execute/sync",
                Some(json!({ "script": "return document.readyState;", "args": [] })),
            );
            // With scripts off the ready state cannot be read; the page's end is enough.
            let loaded = ready.as_str().is_none_or(|s| s == "complete");
            if page != previous && page.contains("</main>") && loaded {
                return page;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the next page did not come: {page}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Presses keys, as a person at a keyboard would.
    fn keys(&self, keys: &str) {
        let mut actions = Vec::new();
        for key in keys.chars() {
            actions.push(json!({ "type": "keyDown", "value": key.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": key.to_string() }));
        }
        self.command(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
    }

    /// The attribute `name` of the element that has the focus.
    fn focused(&self, name: &str) -> String {
        let active = self.command("GET", "/element/active", None);
        let Some(element) = active[ELEMENT].as_str() else {
            return String::new();
        };
        self.command("GET", &format!("/element/{element}/attribute/{name}"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Tabs until an element whose `name` attribute is `name` (and, if given, whose
    /// `value` is `value`) has the focus.
    fn tab_to(&self, name: &str, value: Option<&str>) {
        for _ in 0..30 {
            self.keys(TAB);
            if self.focused("name") == name && value.is_none_or(|v| self.focused("value") == v) {
                return;
            }
        }
        panic!("Tab never reached {name} {value:?}: {}", self.source());
    }

    /// How much wider than the window the page is, in CSS pixels (scripts on only).
    fn overflow(&self) -> i64 {
        self.command(
            "POST",
            "/execute/sync",
            Some(json!({
                "script": "return document.documentElement.scrollWidth - window.innerWidth;",
                "args": []
            })),
        )
        .as_i64()
        .unwrap_or(i64::MAX)
    }
}

const TAB: &str = "\u{E004}";
const SPACE: &str = " ";
const ENTER: &str = "\u{E007}";

/// Completes an interview; returns the number of pages seen.
fn complete(scripts: bool, font_px: u32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = common::tlap();
    let server = start(dir.path(), &[]);
    let driver = Driver::new(scripts, font_px);
    let room = format!("http://{}{}", server.addr, server.room);
    driver.go(&room);
    let role = q
        .roles
        .iter()
        .position(|r| r.lived_experience)
        .expect("a lived-experience role");
    driver.click(&format!("input[name=role][value=\"{role}\"]"));
    driver.type_into("#name", "Ann");
    driver.click("button[type=submit]");
    assert!(
        driver.url().contains("/p/"),
        "joined: {} {}",
        driver.url(),
        driver.source()
    );

    let mut questions = 0;
    let mut statements = 0;
    let mut page = driver.source();
    for _ in 0..200 {
        if scripts {
            assert!(driver.overflow() <= 0, "wider than the phone: {page}");
        }
        if page.contains("value=\"dont-know\"") {
            if questions < 2 {
                // The keyboard alone: Tab to the options, Space to choose, Tab to the
                // button, Enter.
                driver.tab_to("option", None);
                driver.keys(SPACE);
                driver.tab_to("action", Some("choose"));
                driver.keys(ENTER);
            } else {
                driver.click("input[name=option][value=\"0\"]");
                driver.click("button[value=choose]");
            }
            questions += 1;
        } else if page.contains("name=\"note\"") {
            if questions == 1 {
                driver.type_into("#note", "Minutes of the May meeting");
            }
            driver.click("button[value=note]");
        } else if page.contains("name=\"option\"") {
            driver.click("input[name=option][value=\"1\"]");
            driver.click("button[value=choose]");
            statements += 1;
        } else if page.contains("value=\"revisit\"") {
            driver.click("button[value=finish]");
        } else {
            assert!(page.contains("Thank you"), "an unexpected page: {page}");
            break;
        }
        page = driver.next_page(&page);
    }
    assert_eq!(questions, q.questions.len());
    assert!(statements > 0);
    drop(driver);
    let file = files(dir.path()).pop().expect("Ann's file");
    let saved = load(&file);
    assert_eq!(saved.answered(), q.questions.len(), "every answer saved");
    assert_eq!(saved.name.as_deref(), Some("Ann"));
    assert_eq!(
        saved.evidence.iter().flatten().count(),
        1,
        "the note typed on the first question"
    );
    assert_eq!(saved.ratings.iter().flatten().count(), statements);
}

#[test]
fn an_interview_on_a_phone_with_scripts_on_and_large_text() {
    complete(true, 28);
}

#[test]
fn an_interview_on_a_phone_with_scripts_off() {
    complete(false, 16);
}
