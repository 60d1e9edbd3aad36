//! The policy loader on any bytes, and the policy resolved against both bundled ladders and
//! against none (its sections checked on their own).
#![no_main]

use std::collections::BTreeSet;
use std::sync::LazyLock;

use copro::policy::Policy;
use copro::questionnaire::{Questionnaire, bundled};
use copro::source::SourceFile;
use libfuzzer_sys::fuzz_target;

static LADDERS: LazyLock<Vec<Questionnaire>> = LazyLock::new(|| {
    ["tlap", "hart"]
        .into_iter()
        .map(|id| match bundled(id) {
            Some(Ok(q)) => q,
            _ => panic!("the bundled questionnaire {id} must load"),
        })
        .collect()
});

fuzz_target!(|data: &[u8]| {
    let Ok(file) = SourceFile::from_bytes("copro-policy.toml".into(), data.to_vec()) else {
        return;
    };
    match Policy::parse(&file) {
        Ok(policy) => {
            for q in LADDERS.iter() {
                for problem in policy.rules_for(q).errors {
                    let _ = problem.to_string();
                }
            }
            for problem in policy.unmet_sections(&BTreeSet::new()) {
                let _ = problem.to_string();
            }
        }
        Err(invalid) => {
            let _ = invalid.to_string();
        }
    }
});
