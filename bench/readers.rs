//! Why `copro check` has a quick reader for assessment files: it times the quick reader
//! and the full TOML parser on the same files, already in memory, best of five.
//!
//!     cargo bench --bench readers -- DIR
//!
//! `bench/check.py` runs it on the files it generates.

// A benchmark is a program whose job is to print its figures.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use copro::assessment::readers;

const RUNS: usize = 5;

fn main() {
    // `cargo bench` passes `--bench`; the directory is the first other argument.
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("usage: cargo bench --bench readers -- DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect();
    let (quick, quick_read) = best(&texts, readers::quick);
    let (full, full_read) = best(&texts, readers::full);
    println!(
        "  quick reader {:8.1} ms   ({quick_read} of {} files read)",
        ms(quick),
        texts.len()
    );
    println!(
        "  full parser  {:8.1} ms   ({full_read} of {} files read)",
        ms(full),
        texts.len()
    );
    println!(
        "  the quick reader takes {:.2}x the time of the full parser",
        quick.as_secs_f64() / full.as_secs_f64()
    );
}

/// The best time of `RUNS` passes of `read` over every text, and how many it read.
fn best(texts: &[String], read: fn(&str) -> bool) -> (Duration, usize) {
    let mut fastest = Duration::MAX;
    let mut count = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        count = texts.iter().filter(|t| read(t)).count();
        fastest = fastest.min(start.elapsed());
    }
    (fastest, count)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}
