//! The questionnaire loader on any bytes: reading as UTF-8, parsing, checking.
#![no_main]

use copro::questionnaire::Questionnaire;
use copro::source::SourceFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = SourceFile::from_bytes("fuzz.toml".into(), data.to_vec()) {
        if let Err(invalid) = Questionnaire::parse(file) {
            // Diagnostics are rendered too: that is where line and column are worked out.
            let _ = invalid.to_string();
        }
    }
});
