//! Finding the files `copro check` reads: the paths named, and the `.toml` files under
//! the directories named, streamed one by one in a stable order as they are found.
//!
//! A directory is walked recursively, its entries sorted by name; hidden entries (`.git`)
//! are left out, symbolic links to directories are not followed so that the walk always
//! ends, and only regular files (or links to them) are given, as a named pipe or a device
//! would never end. A file reached twice counts once. Nothing here reads a file's text:
//! [`looks_like_an_assessment`] is for the check that does.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};

/// A path to check.
#[derive(Debug)]
pub enum Candidate {
    /// A file named on the command line: always checked as an assessment.
    Named(PathBuf),
    /// A `.toml` file found in a directory: checked if it looks like an assessment.
    Found(PathBuf),
    /// A directory that could not be listed.
    Unlisted {
        /// The directory.
        dir: PathBuf,
        /// Why it could not be listed.
        error: std::io::Error,
    },
}

/// Gives `found` the files to check, in order: those named, and the `.toml` files under the
/// directories named, sorted within each directory, each once. Stops when `found` returns
/// false.
pub fn find(paths: &[PathBuf], found: &mut dyn FnMut(Candidate) -> bool) {
    // A file reached twice (named twice, or named and inside a directory named) counts once.
    let mut seen = HashSet::new();
    let mut found = |c: Candidate| match &c {
        Candidate::Named(p) | Candidate::Found(p) if !seen.insert(p.clone()) => true,
        _ => found(c),
    };
    let found = &mut found;
    for path in paths {
        let going = if path.is_dir() {
            walk(path, found)
        } else {
            found(Candidate::Named(path.clone()))
        };
        if !going {
            return;
        }
    }
}

/// One entry of a directory.
struct Entry {
    name: OsString,
    path: PathBuf,
    kind: FileType,
}

/// The entries of `dir`, sorted by name.
fn list(dir: &Path) -> std::io::Result<Vec<Entry>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|e| {
            e.and_then(|e| {
                Ok(Entry {
                    name: e.file_name(),
                    path: e.path(),
                    kind: e.file_type()?,
                })
            })
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(entries)
}

/// Gives `found` the files under `dir`; false when `found` said to stop.
fn walk(dir: &Path, found: &mut dyn FnMut(Candidate) -> bool) -> bool {
    let entries = match list(dir) {
        Ok(entries) => entries,
        Err(error) => {
            return found(Candidate::Unlisted {
                dir: dir.to_path_buf(),
                error,
            });
        }
    };
    for Entry { name, path, kind } in entries {
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        // Only regular files (or links to them): a named pipe or a device would never end.
        let regular = kind.is_file()
            || (kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_file()));
        let going = if kind.is_dir() {
            walk(&path, found)
        } else if regular && path.extension().is_some_and(|e| e == "toml") {
            found(Candidate::Found(path))
        } else {
            true
        };
        if !going {
            return false;
        }
    }
    true
}

/// True when `text` has a top-level `questionnaire = …` line, as every assessment does.
pub fn looks_like_an_assessment(text: &str) -> bool {
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with('[') {
            return false;
        }
        if let Some(rest) = line.strip_prefix("questionnaire")
            && rest.trim_start().starts_with('=')
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assessments_are_told_apart_by_their_questionnaire_line() {
        assert!(looks_like_an_assessment(
            "# note\nquestionnaire = \"tlap\"\n"
        ));
        assert!(looks_like_an_assessment("questionnaire=\"x\""));
        assert!(!looks_like_an_assessment(
            "id = \"tlap\"\n[[rungs]]\nquestionnaire = 1\n"
        ));
        assert!(!looks_like_an_assessment("questionnaire_version = \"1\"\n"));
        assert!(!looks_like_an_assessment("min_rung = \"consultation\"\n"));
    }
}
