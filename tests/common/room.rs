//! A running `copro collect` for the tests: the real binary on a free port of the loopback
//! address, with its addresses read from what it prints.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use copro::assessment::Assessment;

use super::http::{Browser, Kind, attribute, form, request};

/// A running `copro collect`.
pub struct Collect {
    child: Child,
    pub addr: SocketAddr,
    /// The room's path, `/r/CODE`.
    pub room: String,
    /// The trainer's page's path.
    pub trainer: String,
    /// Everything printed so far.
    printed: Arc<Mutex<String>>,
}

/// The path of an `http://ADDR/…` address.
fn path_of(address: &str) -> (SocketAddr, String) {
    let rest = address
        .trim()
        .strip_prefix("http://")
        .expect("an http address");
    let (host, path) = rest.split_at(rest.find('/').expect("a path"));
    (host.parse().expect("an address"), path.to_string())
}

pub fn start(dir: &Path, extra: &[&str]) -> Collect {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copro"))
        .arg("collect")
        .arg(dir)
        .args([
            "--organisation",
            "Oak Tree Care",
            "--service",
            "Home care",
            "--listen",
            "127.0.0.1:0",
            "--assessed",
            "2026-11-23",
        ])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copro starts");
    let stdout = child.stdout.take().expect("stdout");
    let printed = Arc::new(Mutex::new(String::new()));
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let printed = printed.clone();
        std::thread::spawn(move || {
            let mut told = false;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                printed.lock().expect("lock").push_str(&format!("{line}\n"));
                if !told && line.starts_with("Answers are saved in") {
                    told = true;
                    let _ = tx.send(());
                }
            }
        });
    }
    if rx.recv_timeout(Duration::from_secs(60)).is_err() {
        let _ = child.kill();
        let out = child.wait_with_output().expect("output");
        panic!(
            "copro collect did not start: {}{}",
            printed.lock().expect("lock"),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = printed.lock().expect("lock").clone();
    let find = |prefix: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .and_then(|rest| rest.split_whitespace().last())
            .map(String::from)
            .unwrap_or_else(|| panic!("`{prefix}` in {text}"))
    };
    let (addr, room) = path_of(&find("Participants open:"));
    let (_, trainer) = path_of(&find("Trainer's page"));
    Collect {
        child,
        addr,
        room,
        trainer,
        printed,
    }
}

impl Collect {
    pub fn browser(&self) -> Browser {
        Browser::new(self.addr)
    }

    /// A participant who joined in `role` (an id of tlap's roles).
    pub fn join(&self, role: &str, name: &str) -> Browser {
        let q = super::tlap();
        let index = q
            .roles
            .iter()
            .position(|r| r.id == role)
            .expect("a tlap role");
        let mut b = self.browser();
        let page = b.get(&self.room);
        assert_eq!(page.status, 200);
        assert_eq!(
            b.page.matches("name=\"role\"").count(),
            q.roles.len(),
            "every role offered"
        );
        let response = b.post(
            &format!("{}/join", self.room),
            &[("role", &index.to_string()), ("name", name)],
        );
        assert_eq!(response.status, 200, "{}", b.page);
        assert_eq!(b.kind(), Kind::Question);
        b
    }

    pub fn trainer_page(&self) -> String {
        let r = request(self.addr, "GET", &self.trainer, &[], b"").expect("trainer page");
        assert_eq!(r.status, 200);
        r.body
    }

    /// Presses the trainer's end button and waits for copro to finish.
    pub fn end(mut self) -> (ExitStatus, String) {
        let page = self.trainer_page();
        let key = attribute(&page, "name=\"form\"", "value").expect("the end form");
        let body = form(&[("form", &key)]);
        let origin = format!("http://{}", self.addr);
        let r = request(
            self.addr,
            "POST",
            &format!("{}/end", self.trainer),
            &[("Origin", &origin)],
            body.as_bytes(),
        )
        .expect("end");
        assert_eq!(r.status, 200, "{}", r.body);
        let status = wait(&mut self.child);
        std::thread::sleep(Duration::from_millis(100));
        let printed = self.printed.lock().expect("lock").clone();
        (status, printed)
    }

    /// Kills copro as a power cut would: SIGKILL, nothing to tidy up.
    pub fn kill(mut self) {
        self.child.kill().expect("kill");
        let _ = self.child.wait();
    }
}

impl Drop for Collect {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait(child: &mut Child) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("status") {
            return status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "copro collect did not stop"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The participants' assessment files in `dir`.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

pub fn load(path: &Path) -> Assessment {
    Assessment::load(path).expect("a valid assessment").0
}
