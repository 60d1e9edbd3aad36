//! The questionnaires that assessments name, each read and checked once per run however
//! many assessments name it, and shared between threads.
//!
//! An assessment may name any path as its questionnaire, and an assessment can come from
//! someone else (a pull request). So a file that is not a valid questionnaire is reported at
//! the assessment's `questionnaire = …` line without quoting a word of it, and a run can be
//! confined to questionnaire files inside given directories ([`Questionnaires::within`]),
//! as `copro check` is: then nothing outside them is even opened.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use toml::Spanned;

use crate::questionnaire::{Questionnaire, archive_path, bundled, bundled_ids, is_bundled};
use crate::source::{Invalid, SourceFile};
use crate::text;

/// Why a kept earlier version cannot be used, before it is said at an assessment's
/// reference.
#[derive(Debug, Clone)]
enum Kept {
    /// The file is not a valid questionnaire.
    Unusable(Invalid),
    /// It is another questionnaire or version than its place says.
    Misplaced(Invalid),
}

/// Questionnaires read so far, by where they were found; safe to share between threads.
/// Each questionnaire file is read and checked once however many assessments name it.
#[derive(Debug, Default)]
pub struct Questionnaires {
    cache: Mutex<HashMap<PathBuf, Result<Arc<Questionnaire>, Invalid>>>,
    /// Earlier versions, by where they are kept (a bundled one as `id@version`), checked
    /// against the version in use.
    kept: Mutex<HashMap<PathBuf, Result<Arc<Questionnaire>, Kept>>>,
    /// When set, questionnaire files are read only inside these directories (absolute,
    /// links resolved).
    within: Option<Vec<PathBuf>>,
}

impl Questionnaires {
    /// Questionnaires that may be read from files inside `dirs` only (and the bundled ones).
    /// A directory that does not exist allows nothing.
    pub fn within(dirs: &[PathBuf]) -> Self {
        Questionnaires {
            cache: Mutex::default(),
            kept: Mutex::default(),
            within: Some(dirs.iter().filter_map(|d| d.canonicalize().ok()).collect()),
        }
    }

    /// The questionnaire an assessment's `questionnaire` key names (a bundled id, or a path
    /// relative to the assessment's directory `base`), in the `version` it was answered on
    /// where that version is kept (see `questionnaire/archive.rs`), else in the version in
    /// use.
    pub(super) fn get(
        &self,
        file: &SourceFile,
        reference: &Spanned<String>,
        version: &str,
        base: Option<&Path>,
    ) -> Result<Arc<Questionnaire>, Invalid> {
        let current = self.current(file, reference, base)?;
        if current.version == version {
            return Ok(current);
        }
        let name = reference.get_ref();
        let kept = if is_bundled(name) {
            PathBuf::from(format!("{name}@{version}"))
        } else {
            let key = base.unwrap_or(Path::new("")).join(name);
            match archive_path(&key, &current.id, version) {
                Some(path) if path.is_file() && self.allows(&path) => path,
                _ => return Ok(current),
            }
        };
        // Kept versions have a cache of their own: a file kept as an earlier version may
        // also be named directly by another assessment, and must then still be checked
        // against the version it is kept as.
        let cached = self.kept.lock().ok().and_then(|c| c.get(&kept).cloned());
        let found = match cached {
            Some(found) => found,
            None => {
                let loaded = if is_bundled(name) {
                    match bundled(&kept.to_string_lossy()) {
                        Some(q) => q,
                        // copro does not have that version: the one in use, by question id.
                        None => return Ok(current),
                    }
                } else {
                    Questionnaire::load(&kept)
                };
                let found = match loaded {
                    Ok(q) => q
                        .earlier_of(&current, version)
                        .map(Arc::new)
                        .map_err(Kept::Misplaced),
                    Err(problems) => Err(Kept::Unusable(problems)),
                };
                if let Ok(mut cache) = self.kept.lock() {
                    cache.insert(kept.clone(), found.clone());
                }
                found
            }
        };
        // What is wrong is said at this assessment's reference, in copro's own words.
        found.map_err(|problem| match problem {
            Kept::Unusable(problems) => unusable(file, reference, &kept, &problems),
            // Kept where that version belongs, but another questionnaire or version.
            Kept::Misplaced(misplaced) => {
                let d = misplaced.diagnostics.into_iter().next();
                let (message, help) = d.map(|d| (d.message, d.help)).unwrap_or_default();
                Invalid::one(file.diagnostic(
                    reference.span(),
                    format!(
                        "cannot use `{}`: {message}",
                        text::truncate(&text::one_line(&kept.display().to_string()), 80)
                    ),
                    help,
                ))
            }
        })
    }

    /// True when the questionnaire file at `path` may be read in this run.
    fn allows(&self, path: &Path) -> bool {
        match &self.within {
            Some(dirs) => {
                let real = real_path(path);
                dirs.iter().any(|d| real.starts_with(d))
            }
            None => true,
        }
    }

    /// The version in use of the questionnaire an assessment names.
    fn current(
        &self,
        file: &SourceFile,
        reference: &Spanned<String>,
        base: Option<&Path>,
    ) -> Result<Arc<Questionnaire>, Invalid> {
        let name = reference.get_ref();
        let is_bundled = is_bundled(name);
        let key = if is_bundled {
            PathBuf::from(name)
        } else {
            base.unwrap_or(Path::new("")).join(name)
        };
        let shown = |path: &Path| text::truncate(&text::one_line(&path.display().to_string()), 80);
        let at_reference = |message: String, help: String| {
            Invalid::one(file.diagnostic(reference.span(), message, help))
        };
        if !is_bundled && !self.allows(&key) {
            return Err(at_reference(
                format!(
                    "the questionnaire `{}` is outside the directories being checked",
                    shown(&key)
                ),
                format!(
                    "use a bundled questionnaire ({}) or keep the questionnaire file beside the assessments; to allow another directory, name it with --allow-questionnaires-in DIR or in the policy's `allow_questionnaires_in`",
                    bundled_ids()
                ),
            ));
        }
        let cached = self.cache.lock().ok().and_then(|c| c.get(&key).cloned());
        let loaded = match cached {
            Some(found) => found,
            None => {
                if !is_bundled && !key.exists() {
                    return Err(at_reference(
                        format!(
                            "no bundled questionnaire is called `{}`, and there is no file `{}`",
                            text::truncate(&text::one_line(name), 60),
                            shown(&key)
                        ),
                        format!(
                            "use a bundled questionnaire ({}) or the path of a questionnaire file, relative to this file",
                            bundled_ids()
                        ),
                    ));
                }
                let loaded = match bundled(name) {
                    Some(q) => q,
                    None => Questionnaire::load(&key),
                }
                .map(Arc::new);
                if let Ok(mut cache) = self.cache.lock() {
                    cache.insert(key.clone(), loaded.clone());
                }
                loaded
            }
        };
        loaded.map_err(|problems| unusable(file, reference, &key, &problems))
    }
}

/// An assessment's questionnaire that is not valid, reported at the assessment's
/// `questionnaire = …` without a word of its text: the file may be anything at all
/// (`/etc/passwd`), and this report may be read by anyone (a CI log).
fn unusable(
    file: &SourceFile,
    reference: &Spanned<String>,
    key: &Path,
    problems: &Invalid,
) -> Invalid {
    let shown = text::truncate(&text::one_line(&key.display().to_string()), 80);
    let first = problems.diagnostics.first();
    let what = match first.and_then(|d| d.place.as_ref()) {
        Some(place) => format!(
            "it is not a valid questionnaire (the first problem is on line {}, column {})",
            place.line, place.column
        ),
        // A problem with the file as a whole is copro's own words, never its text.
        None => first.map_or_else(String::new, |d| text::one_line(&d.message)),
    };
    Invalid::one(file.diagnostic(
        reference.span(),
        format!("cannot use the questionnaire `{shown}`: {what}"),
        format!(
            "see what is wrong with `copro questionnaire validate {shown}`, or name a bundled questionnaire ({})",
            bundled_ids()
        ),
    ))
}

/// `path` made absolute with links resolved, as far as it exists; the rest is added as
/// written, without `.` and `..`, so that a path to nothing is judged by where it points.
fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut real = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                real.pop();
            }
            Component::CurDir => {}
            other => {
                real.push(other);
                if let Ok(resolved) = real.canonicalize() {
                    real = resolved;
                }
            }
        }
    }
    real
}
