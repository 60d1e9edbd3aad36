//! The command line, tested as data: each `tests/cmd/*.md` file is a set of commands with
//! their exact output and exit code. `TRYCMD=overwrite cargo test --test cli_tests`
//! rewrites the expected output after an intended change; review the diff.

#[test]
fn cli() {
    trycmd::TestCases::new()
        .case("tests/cmd/*.md")
        .case("tests/cmd/*.toml");
}
