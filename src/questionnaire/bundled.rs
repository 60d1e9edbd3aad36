//! The questionnaires that ship inside the binary, so copro works from any directory with
//! no install step. They go through exactly the same parsing and checks as a trainer's file.

use super::Questionnaire;
use crate::source::{Invalid, SourceFile};

/// Bundled questionnaires: id and TOML text.
pub const BUNDLED: [(&str, &str); 2] = [
    ("tlap", include_str!("../../questionnaires/tlap.toml")),
    ("hart", include_str!("../../questionnaires/hart.toml")),
];

/// The bundled questionnaires' ids as a list for a hint: `tlap`, `hart`.
pub fn bundled_ids() -> String {
    crate::text::list(BUNDLED.iter().map(|(id, _)| *id))
}

/// True when a questionnaire with this id is bundled (without reading it).
pub fn is_bundled(id: &str) -> bool {
    BUNDLED.iter().any(|(name, _)| *name == id)
}

/// The bundled questionnaire with this id, checked, if there is one.
pub fn bundled(id: &str) -> Option<Result<Questionnaire, Invalid>> {
    BUNDLED
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(name, text)| parse(name, text))
}

/// The ids a bundled questionnaire can be named by, each once, in the order of [`BUNDLED`]:
/// what a shell offers to complete.
pub fn bundled_id_list() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for (id, _) in BUNDLED {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// Every bundled questionnaire, checked, in the order of [`BUNDLED`]: each entry, so an id
/// bundled in more than one version comes once per version.
pub fn every_bundled() -> Vec<Result<Questionnaire, Invalid>> {
    BUNDLED
        .iter()
        .map(|(name, text)| parse(name, text))
        .collect()
}

fn parse(name: &str, text: &'static str) -> Result<Questionnaire, Invalid> {
    Questionnaire::parse(SourceFile::new(format!("questionnaires/{name}.toml"), text))
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
        }
    }
}
