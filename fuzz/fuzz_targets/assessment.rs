//! The assessment loader on any bytes, against a bundled questionnaire: the quick reader,
//! the full TOML parser it falls back to, and binding the ids. Whatever the quick reader
//! accepts, the full parser must accept too.
#![no_main]

use std::sync::LazyLock;

use copro::assessment::{Assessment, readers};
use copro::questionnaire::{Questionnaire, bundled};
use copro::source::SourceFile;
use libfuzzer_sys::fuzz_target;

static TLAP: LazyLock<Questionnaire> = LazyLock::new(|| match bundled("tlap") {
    Some(Ok(q)) => q,
    _ => panic!("the bundled questionnaire tlap must load"),
});

fuzz_target!(|data: &[u8]| {
    let Ok(file) = SourceFile::from_bytes("fuzz.toml".into(), data.to_vec()) else {
        return;
    };
    let quick = readers::quick(&file.text);
    let full = readers::full(&file.text);
    assert!(!quick || full, "the quick reader accepted what the full parser refuses");
    if let Err(invalid) = Assessment::parse(&file, &TLAP) {
        let _ = invalid.to_string();
    }
});
