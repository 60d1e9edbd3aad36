//! copro among the user's other tools: `--version`, an example in every `--help`, shell
//! completions (tried in a real bash) and the manual page. The schemas are in
//! `tests/schema.rs`, CSV with the formats it belongs to.

use std::process::{Command, Stdio};

use copro::questionnaire::{bundled_id_list, every_bundled};

mod common;
use common::copro;

fn stdout(args: &[&str]) -> String {
    let out = copro(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "copro {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn version_names_every_bundled_questionnaire_and_its_version() {
    let text = stdout(&["--version"]);
    assert!(text.starts_with(&format!("copro {}\n", env!("CARGO_PKG_VERSION"))));
    let bundled = every_bundled();
    assert!(bundled.len() >= 2);
    let mut earlier = 0;
    for q in bundled {
        let q = q.expect("a valid bundled questionnaire");
        let line = text
            .lines()
            .find(|line| {
                line.trim_start()
                    .starts_with(&format!("{} {}  ", q.id, q.version))
            })
            .unwrap_or_else(|| panic!("{} {} is missing from:\n{text}", q.id, q.version));
        // A kept earlier version says what it is there for; one in use gives its title.
        if q.current_version.is_some() {
            earlier += 1;
            assert!(
                line.ends_with("(earlier version, kept for assessments made on it)"),
                "{line}"
            );
        } else {
            assert!(line.ends_with(&q.title), "{line}");
        }
    }
    assert!(earlier >= 1, "an earlier version is kept:\n{text}");
}

/// The commands `copro … --help` lists under "Commands:", `help` left out.
fn commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect()
}

/// Every command, as the words that run it: `["score"]`, `["questionnaire", "list"]`, ….
fn every_command() -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut todo: Vec<Vec<String>> = vec![Vec::new()];
    while let Some(path) = todo.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        for name in commands(&stdout(&args)) {
            let mut sub = path.clone();
            sub.push(name);
            found.push(sub.clone());
            todo.push(sub);
        }
    }
    found.sort();
    found
}

#[test]
fn every_help_shows_an_example() {
    let all = every_command();
    for expected in ["completions", "man", "schema", "score", "workshop"] {
        assert!(all.iter().any(|c| c == &[expected]), "{expected}: {all:?}");
    }
    for path in std::iter::once(Vec::new()).chain(all) {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = stdout(&args);
        assert!(
            help.lines().any(|line| line.starts_with("Example")),
            "copro {args:?} has no example:\n{help}"
        );
        let example = help
            .lines()
            .skip_while(|line| !line.starts_with("Example"))
            .nth(1)
            .unwrap_or_default();
        let command = format!("  copro {}", path.join(" "));
        assert!(
            example.starts_with(command.trim_end()),
            "copro {args:?}: the first example is not of this command: {example}"
        );
    }
}

/// What bash offers when Tab is pressed after `line` (ending in the word being completed),
/// with copro's completion script loaded.
fn bash_offers(script: &str, line: &str) -> Vec<String> {
    let program = format!(
        r#"{script}
COMP_LINE='{line}'
COMP_POINT=${{#COMP_LINE}}
read -r -a COMP_WORDS <<< "$COMP_LINE"
case "$COMP_LINE" in *' ') COMP_WORDS+=("");; esac
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
_copro copro "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}"
"#
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(program)
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn bash_completes_commands_questionnaire_ids_and_formats() {
    let script = stdout(&["completions", "bash"]);
    assert!(script.contains("complete -F _copro"));
    let ids = bundled_id_list();
    assert!(ids.contains(&"tlap") && ids.contains(&"hart"));
    let offers = |line: &str| bash_offers(&script, line);

    let commands = offers("copro ");
    for command in ["assess", "score", "check", "completions", "man", "schema"] {
        assert!(commands.iter().any(|c| c == command), "{commands:?}");
    }
    assert_eq!(offers("copro assess --questionnaire "), ids);
    assert_eq!(offers("copro assess --questionnaire h"), ["hart"]);
    let show = offers("copro questionnaire show ");
    for id in &ids {
        assert!(show.iter().any(|c| c == id), "{show:?}");
    }
    assert_eq!(
        offers("copro workshop --format "),
        ["table", "json", "markdown", "html", "csv"]
    );
    assert_eq!(
        offers("copro score --format "),
        ["table", "json", "markdown", "html"]
    );
    assert_eq!(offers("copro check x --format c"), ["csv"]);
    assert_eq!(
        offers("copro schema "),
        ["-h", "--help", "questionnaire", "assessment", "policy"]
    );
}

#[test]
fn every_shell_gets_a_script_with_the_commands_and_flags_and_most_with_the_values() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&["completions", shell]);
        for word in ["schema", "questionnaire", "show-names"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
        // PowerShell's and Elvish's scripts complete commands and flags only.
        if matches!(shell, "bash" | "zsh" | "fish") {
            for word in bundled_id_list().into_iter().chain(["csv", "junit"]) {
                assert!(script.contains(word), "{shell}: no {word}");
            }
        }
    }
    let out = copro(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'tcsh'"));
}

#[test]
fn the_manual_has_every_command_the_exit_codes_and_the_files() {
    let page = stdout(&["man"]);
    assert!(page.contains(".TH copro 1"));
    for path in every_command() {
        if path == ["questionnaire"] {
            continue; // its commands have sections of their own
        }
        let heading = format!(".SH \"COPRO {}\"", path.join(" ").to_uppercase());
        assert!(page.contains(&heading), "no {heading}");
    }
    let section = |name: &str| {
        let start = page
            .find(&format!(".SH {name}\n"))
            .unwrap_or_else(|| panic!("no {name} section"));
        let rest = &page[start + 4..];
        rest[..rest.find("\n.SH ").unwrap_or(rest.len())].to_string()
    };
    let exit = section("\"EXIT STATUS\"");
    for code in ["0", "1", "2", "130"] {
        assert!(
            exit.contains(&format!("\n\\fB{code}\\fR\n")),
            "{code}: {exit}"
        );
    }
    let files = section("FILES");
    for file in [
        "copro\\-policy.toml",
        "ASSESSMENT.toml",
        "QUESTIONNAIRE.toml",
        "\\-\\-out",
    ] {
        assert!(files.contains(file), "{file}: {files}");
    }
}

/// The page as `man` shows it, when `man` is installed.
#[test]
fn the_manual_renders_with_man_when_it_is_installed() {
    let Ok(mut child) = Command::new("man")
        .args(["-l", "-"])
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "100")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        // Without man there is nothing to render with; the page's structure is tested
        // above.
        return;
    };
    let page = stdout(&["man"]);
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("stdin");
        input
            .write_all(page.as_bytes())
            .expect("man reads the page");
    }
    let out = child.wait_with_output().expect("man ends");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for words in ["COPRO WORKSHOP", "EXIT STATUS", "copro-policy.toml", "130"] {
        assert!(shown.contains(words), "{words}:\n{shown}");
    }
}
