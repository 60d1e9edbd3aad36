//! `copro collect` under a full room: 60 participants answer the whole `tlap`
//! questionnaire at the same moment over loopback, each as fast as the server lets them.
//!
//! Reports the answers lost (given and shown as saved, but not in the files afterwards:
//! must be 0), the time from submitting an answer to having the next page (median, 99th
//! percentile and worst, the save to disk included), and the server's peak memory.
//!
//! Run with `cargo bench --bench collect`, or `cargo bench --bench collect -- N THINK` for
//! N participants (60) who each think for about THINK milliseconds (0: none, the server
//! flooded) before each reply; the pause is drawn between half and one and a half times
//! THINK, differently for each participant.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use copro::assessment::{Answer, Assessment};
use copro::questionnaire::bundled;

#[path = "../tests/common/http.rs"]
mod http;
use http::{Browser, Kind, attribute, form, request};

/// What one participant did: the options chosen in the order asked, the statements rated,
/// and how long each answer took to come back as the next page.
struct Run {
    file_hint: String,
    chosen: Vec<usize>,
    rated: usize,
    latencies: Vec<Duration>,
}

fn main() {
    let numbers: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let participants = numbers.first().map_or(60, |&n| n as usize);
    let think = Duration::from_millis(numbers.get(1).copied().unwrap_or(0));
    let q = match bundled("tlap") {
        Some(Ok(q)) => q,
        _ => panic!("tlap is bundled"),
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_copro"))
        .arg("collect")
        .arg(dir.path())
        .args([
            "--organisation",
            "Bench Care",
            "--service",
            "Home care",
            "--listen",
            "127.0.0.1:0",
            // Every simulated phone shares one address here: no limit per device.
            "--requests-per-minute",
            "4294967295",
            "--connections-per-device",
            "4294967295",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("copro starts");
    let (addr, room, trainer) = addresses(&mut child);
    let pid = child.id();

    let start = Barrier::new(participants);
    let start = Arc::new(start);
    let began = Instant::now();
    let runs: Vec<Run> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..participants)
            .map(|n| {
                let start = start.clone();
                let room = room.clone();
                let roles = q.roles.len();
                scope.spawn(move || participant(addr, &room, n % roles, n, think, &start))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a participant finished"))
            .collect()
    });
    let elapsed = began.elapsed();
    let peak = peak_memory(pid);

    // End the collection as the trainer would, so that copro writes its report.
    let page = request(addr, "GET", &trainer, &[], b"").expect("trainer page");
    let key = attribute(&page.body, "name=\"form\"", "value").expect("end form");
    let origin = format!("http://{addr}");
    request(
        addr,
        "POST",
        &format!("{trainer}/end"),
        &[("Origin", &origin)],
        form(&[("form", &key)]).as_bytes(),
    )
    .expect("end");
    let _ = child.wait();

    let lost = lost_answers(dir.path(), &q, &runs);
    let mut latencies: Vec<Duration> = runs.iter().flat_map(|r| r.latencies.clone()).collect();
    latencies.sort();
    let at = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let answers: usize = runs.iter().map(|r| r.chosen.len() + r.rated).sum();
    let report = dir.path().join("workshop-report.html").exists();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("participants           {participants}");
    println!("thinking per reply     about {} ms", think.as_millis());
    println!("answers given          {answers}");
    println!("answers lost           {lost}");
    println!("submissions timed      {}", latencies.len());
    println!(
        "submit to next page    median {:.1} ms, p99 {:.1} ms, worst {:.1} ms",
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0))
    );
    println!("whole room             {:.2} s", elapsed.as_secs_f64());
    println!(
        "server's peak memory   {}",
        peak.map_or("unknown".into(), |kb| format!(
            "{:.1} MB",
            kb as f64 / 1024.0
        ))
    );
    println!("report written         {report}");
    if lost > 0 {
        std::process::exit(1);
    }
}

/// The room's address, its path and the trainer's page's path, from what copro prints.
fn addresses(child: &mut std::process::Child) -> (std::net::SocketAddr, String, String) {
    use std::io::{BufRead, BufReader};
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let mut room = None;
    let mut trainer = None;
    for line in lines.by_ref() {
        let line = line.expect("a line");
        if let Some(rest) = line.strip_prefix("Participants open: ") {
            room = Some(rest.trim().to_string());
        }
        if line.starts_with("Trainer's page") {
            trainer = line.split_whitespace().last().map(String::from);
        }
        if line.starts_with("Answers are saved in") {
            break;
        }
    }
    // Keep reading, so that copro never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let split = |address: String| {
        let rest = address.strip_prefix("http://").expect("http").to_string();
        let at = rest.find('/').expect("a path");
        (
            rest[..at].parse().expect("an address"),
            rest[at..].to_string(),
        )
    };
    let (addr, room) = split(room.expect("the room's address"));
    let (_, trainer) = split(trainer.expect("the trainer's page"));
    (addr, room, trainer)
}

fn participant(
    addr: std::net::SocketAddr,
    room: &str,
    role: usize,
    n: usize,
    think: Duration,
    start: &Barrier,
) -> Run {
    let mut b = Browser::new(addr);
    b.get(room);
    b.post(
        &format!("{room}/join"),
        &[("role", &role.to_string()), ("name", "")],
    );
    let file_hint = b.at.rsplit('/').next().unwrap_or_default().to_string();
    start.wait();
    let mut chosen = Vec::new();
    let mut rated = 0;
    let mut latencies = Vec::new();
    // A small random generator of its own for each participant (xorshift).
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64 ^ (n as u64 + 1);
    let mut timed = |b: &mut Browser, action: &str, extra: &[(&str, &str)]| {
        if !think.is_zero() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let fraction = 0.5 + (seed % 1000) as f64 / 1000.0;
            std::thread::sleep(think.mul_f64(fraction));
        }
        let t = Instant::now();
        let r = b.press(action, extra);
        assert_eq!(r.status, 200, "{}", b.page);
        latencies.push(t.elapsed());
    };
    for _ in 0..1000 {
        match b.kind() {
            Kind::Question => {
                let option = (n + chosen.len()) % b.options();
                chosen.push(option);
                timed(&mut b, "choose", &[("option", &option.to_string())]);
            }
            Kind::Evidence => timed(&mut b, "note", &[("note", "")]),
            Kind::Statement => {
                rated += 1;
                timed(&mut b, "choose", &[("option", "1")]);
            }
            Kind::Review => timed(&mut b, "finish", &[]),
            Kind::Done => break,
            Kind::Other => panic!("an unexpected page: {}", b.page),
        }
    }
    assert_eq!(b.kind(), Kind::Done);
    Run {
        file_hint,
        chosen,
        rated,
        latencies,
    }
}

/// Answers given but not in the files: every participant's file is found by its form of
/// record, and compared answer by answer.
fn lost_answers(dir: &Path, q: &copro::questionnaire::Questionnaire, runs: &[Run]) -> usize {
    let asked: Vec<usize> = (0..q.areas.len())
        .flat_map(|a| q.questions_in(a).map(|(i, _)| i).collect::<Vec<_>>())
        .collect();
    let records = std::fs::read_dir(dir.join(".copro-collect"))
        .expect("records")
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect::<Vec<_>>();
    let mut lost = 0;
    for run in runs {
        let record = records
            .iter()
            .find(|r| r.contains(&run.file_hint))
            .expect("a record for every participant");
        let value: serde_json::Value = serde_json::from_str(record).expect("a record");
        let file = dir.join(value["file"].as_str().expect("a file"));
        let (a, _): (Assessment, _) = Assessment::load(&file).expect("a valid file");
        for (k, &option) in run.chosen.iter().enumerate() {
            if a.answers[asked[k]] != Answer::Chosen(option) {
                lost += 1;
            }
        }
        lost += run.rated.saturating_sub(a.ratings.iter().flatten().count());
    }
    lost
}

/// The peak resident memory of process `pid`, in kB (Linux).
fn peak_memory(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
