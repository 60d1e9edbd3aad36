//! Earlier versions of a questionnaire, kept so that an assessment answered on one keeps
//! meaning what it meant.
//!
//! When a questionnaire's questions change, its author gives it a new version. An
//! assessment names the version it was answered on; where that version is kept, the
//! assessment is read and scored on it, exactly as answered, and only a note says that a
//! newer version is in use. Where it is not kept, the assessment is matched to the version
//! in use by question id, as before. The bundled questionnaires keep their earlier versions
//! inside the binary ([`super::bundled`]); a questionnaire file keeps them beside it, as
//! `archive/ID-VERSION.toml` in its directory. This module owns that rule; the assessment
//! cache only asks it.

use std::path::{Path, PathBuf};

use super::Questionnaire;
use crate::source::{Diagnostic, Invalid};

/// The file version `version` of questionnaire `id` is kept in, beside the questionnaire
/// file at `path`: `archive/ID-VERSION.toml` in the same directory. `None` when the id or
/// version could not be part of a file name (a version is written by anyone who edits an
/// assessment, so it must not lead out of that directory).
pub fn archive_path(path: &Path, id: &str, version: &str) -> Option<PathBuf> {
    let plain = |s: &str| {
        !s.is_empty()
            && !s.starts_with('.')
            && s.len() <= 64
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
    };
    if !plain(id) || !plain(version) {
        return None;
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    Some(dir.join("archive").join(format!("{id}-{version}.toml")))
}

impl Questionnaire {
    /// This questionnaire, found where version `version` of `current` is kept, marked as
    /// that earlier version; refused when it is another questionnaire or another version
    /// than its place says.
    pub fn earlier_of(mut self, current: &Questionnaire, version: &str) -> Result<Self, Invalid> {
        if self.id != current.id || self.version != version {
            return Err(Invalid::one(Diagnostic::file(
                &self.file.name,
                // Nothing of the file's own text: it is named by whoever wrote the assessment.
                format!(
                    "this file is kept as version {} of `{}`, but its id or version inside differ",
                    crate::text::truncate(&crate::text::one_line(version), 40),
                    current.id
                ),
                format!(
                    "put version {} of `{}` there unchanged: an earlier version is kept as archive/{}-VERSION.toml, with that id and version inside",
                    crate::text::truncate(&crate::text::one_line(version), 40),
                    current.id,
                    current.id
                ),
            )));
        }
        self.current_version = Some(current.version.clone());
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archived_version_sits_beside_its_questionnaire_and_never_outside() {
        assert_eq!(
            archive_path(Path::new("dir/ours.toml"), "ours", "1.0.0"),
            Some(PathBuf::from("dir/archive/ours-1.0.0.toml"))
        );
        for version in ["../../etc/passwd", "1/2", "", ".hidden", "1.0 beta"] {
            assert_eq!(archive_path(Path::new("ours.toml"), "ours", version), None);
        }
    }
}
