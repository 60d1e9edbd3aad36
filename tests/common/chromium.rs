//! Headless Chromium for the tests that open pages in a real browser, and its WebDriver
//! server. Both are installed (Debian's `chromium` and `chromium-driver`) when missing and
//! the tests run as root, so that the README's test command does everything on a fresh
//! machine.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The flags Chromium needs to run headless as root on a machine without a network: with
/// no sandbox, no GPU, and none of the background connections it would wait on.
pub const FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// The browser, installed first if need be.
pub fn chromium() -> &'static Path {
    static CHROMIUM: OnceLock<PathBuf> = OnceLock::new();
    CHROMIUM.get_or_init(|| installed("/usr/bin/chromium", "chromium"))
}

/// Chromium's WebDriver server, installed first if need be.
pub fn chromedriver() -> &'static Path {
    static DRIVER: OnceLock<PathBuf> = OnceLock::new();
    chromium();
    DRIVER.get_or_init(|| installed("/usr/bin/chromedriver", "chromium-driver"))
}

fn installed(path: &str, package: &str) -> PathBuf {
    let path = PathBuf::from(path);
    if !path.exists() {
        install(package);
    }
    assert!(
        path.exists(),
        "these tests need Debian's `{package}` package (as root: apt-get install {package})"
    );
    path
}

fn install(package: &str) {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0"));
    if !root {
        return;
    }
    for args in [vec!["update", "-qq"], vec!["install", "-y", "-qq", package]] {
        let status = Command::new("apt-get")
            .args(&args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .stdout(Stdio::null())
            .status();
        assert!(status.is_ok_and(|s| s.success()), "apt-get {args:?} failed");
    }
}
