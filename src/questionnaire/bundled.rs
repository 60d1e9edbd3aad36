//! The questionnaires that ship inside the binary, so copro works from any directory with
//! no install step. They go through exactly the same parsing and checks as a trainer's file.
//!
//! Earlier versions of them ship too ([`BUNDLED_EARLIER`]), so that an assessment answered
//! on one is still scored on the questions and options it answered (see `archive.rs`).
//! A bundled questionnaire is named by its id (`tlap`, the version in use) or by its id and
//! a version (`tlap@1.0.0`).

use super::Questionnaire;
use crate::source::{Invalid, SourceFile};

/// Bundled questionnaires, the versions in use: id and TOML text.
pub const BUNDLED: [(&str, &str); 2] = [
    ("tlap", include_str!("../../questionnaires/tlap.toml")),
    ("hart", include_str!("../../questionnaires/hart.toml")),
];

/// Earlier versions of the bundled questionnaires, kept unchanged: id, version and TOML
/// text. A version joins this list, as `questionnaires/archive/ID-VERSION.toml`, when the
/// questionnaire in [`BUNDLED`] moves on from it.
pub const BUNDLED_EARLIER: [(&str, &str, &str); 2] = [
    (
        "tlap",
        "1.0.0",
        include_str!("../../questionnaires/archive/tlap-1.0.0.toml"),
    ),
    (
        "hart",
        "1.0.0",
        include_str!("../../questionnaires/archive/hart-1.0.0.toml"),
    ),
];

/// The bundled questionnaires' ids as a list for a hint: `tlap`, `hart`.
pub fn bundled_ids() -> String {
    crate::text::list(BUNDLED.iter().map(|(id, _)| *id))
}

/// True when a questionnaire with this id (or `id@version`) is bundled (without reading it).
pub fn is_bundled(reference: &str) -> bool {
    match reference.split_once('@') {
        Some((id, version)) => {
            BUNDLED.iter().any(|(name, _)| *name == id)
                && (BUNDLED_EARLIER
                    .iter()
                    .any(|(name, v, _)| *name == id && *v == version)
                    || bundled(id).is_some_and(|q| q.is_ok_and(|q| q.version == version)))
        }
        None => BUNDLED.iter().any(|(name, _)| *name == reference),
    }
}

/// The bundled questionnaire with this id, checked, if there is one: the version in use,
/// or, for `id@version`, that version.
pub fn bundled(reference: &str) -> Option<Result<Questionnaire, Invalid>> {
    if let Some((id, version)) = reference.split_once('@') {
        return bundled_version(id, version);
    }
    BUNDLED
        .iter()
        .find(|(name, _)| *name == reference)
        .map(|(name, text)| parse(format!("questionnaires/{name}.toml"), text))
}

/// The bundled questionnaires' ids, in the order of [`BUNDLED`]: what a shell offers to
/// complete.
pub fn bundled_id_list() -> Vec<&'static str> {
    BUNDLED.iter().map(|(id, _)| *id).collect()
}

/// Every bundled questionnaire, checked: the versions in use, then the earlier versions
/// kept ([`BUNDLED_EARLIER`]), each marked with the version in use
/// ([`Questionnaire::current_version`]).
pub fn every_bundled() -> Vec<Result<Questionnaire, Invalid>> {
    let earlier = BUNDLED_EARLIER
        .iter()
        .filter_map(|(name, v, _)| bundled_version(name, v));
    BUNDLED
        .iter()
        .map(|(name, text)| parse(format!("questionnaires/{name}.toml"), text))
        .chain(earlier)
        .collect()
}

fn parse(path: String, text: &'static str) -> Result<Questionnaire, Invalid> {
    Questionnaire::parse(SourceFile::new(path, text))
}

/// Version `version` of the bundled questionnaire `id`, checked, if copro has it: the
/// version in use, or an earlier one marked as such.
pub fn bundled_version(id: &str, version: &str) -> Option<Result<Questionnaire, Invalid>> {
    let current = match bundled(id)? {
        Ok(q) => q,
        Err(e) => return Some(Err(e)),
    };
    if current.version == version {
        return Some(Ok(current));
    }
    BUNDLED_EARLIER
        .iter()
        .find(|(name, v, _)| *name == id && *v == version)
        .map(|(name, v, text)| {
            parse(format!("questionnaires/archive/{name}-{v}.toml"), text)
                .and_then(|q| q.earlier_of(&current, version))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_questionnaire_is_valid_and_keeps_its_id() {
        for (id, _) in BUNDLED {
            let q = match bundled(id) {
                Some(Ok(q)) => q,
                Some(Err(e)) => panic!("bundled questionnaire {id} is invalid:\n{e}"),
                None => panic!("{id} is listed but not found"),
            };
            assert_eq!(q.id, id);
            assert_eq!(q.current_version, None);
        }
    }

    #[test]
    fn every_earlier_version_is_valid_and_is_the_version_it_is_kept_as() {
        for (id, version, _) in BUNDLED_EARLIER {
            let q = match bundled(&format!("{id}@{version}")) {
                Some(Ok(q)) => q,
                Some(Err(e)) => panic!("{id} {version} is invalid:\n{e}"),
                None => panic!("{id} {version} is listed but not found"),
            };
            assert_eq!((q.id.as_str(), q.version.as_str()), (id, version));
            assert!(is_bundled(&format!("{id}@{version}")));
        }
        assert!(bundled("tlap@0.1.0").is_none());
        assert!(!is_bundled("tlap@0.1.0"));
    }
}
