//! The questionnaires that assessments name, each read and checked once per run however
//! many assessments name it, and shared between threads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use toml::Spanned;

use crate::questionnaire::{BUNDLED, Questionnaire, bundled, is_bundled};
use crate::source::{Invalid, SourceFile};
use crate::text;

/// Questionnaires read so far, by where they were found; safe to share between threads.
/// Each questionnaire file is read and checked once however many assessments name it.
#[derive(Debug, Default)]
pub struct Questionnaires {
    cache: Mutex<HashMap<PathBuf, Result<Arc<Questionnaire>, Invalid>>>,
}

impl Questionnaires {
    /// The questionnaire an assessment's `questionnaire` key names: a bundled id, or a path
    /// relative to the assessment's directory `base`.
    pub(super) fn get(
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
        if let Some(found) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return found;
        }
        if !is_bundled && !key.is_file() {
            return Err(Invalid::one(file.diagnostic(
                reference.span(),
                format!(
                    "no bundled questionnaire is called `{}`, and there is no file `{}`",
                    text::truncate(&text::one_line(name), 60),
                    text::truncate(&text::one_line(&key.display().to_string()), 80)
                ),
                format!(
                    "use a bundled questionnaire ({}) or the path of a questionnaire file, relative to this file",
                    text::list(BUNDLED.iter().map(|(id, _)| *id))
                ),
            )));
        }
        let loaded = match bundled(name) {
            Some(q) => q,
            None => Questionnaire::load(&key),
        }
        .map(Arc::new);
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, loaded.clone());
        }
        loaded
    }
}
