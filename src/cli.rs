//! The command line: clap derive structs whose doc comments are the help text.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, StringValueParser, TypedValueParser};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use copro::assessment::Date;
use copro::policy::OtherVersion;
use copro::questionnaire::{Questionnaire, bundled_id_list, every_bundled};
use copro::report::csv::Csv;
use copro::report::github::Github;
use copro::report::html::Html;
use copro::report::json::Json;
use copro::report::junit::Junit;
use copro::report::markdown::Markdown;
use copro::report::table::Table;
use copro::report::{CheckPart, Render, Style};

/// Find out how far your organisation shares power with the people who use its services.
///
/// copro places an organisation on the ladder of co-production (Coercion, Educating,
/// Informing, Consultation, Engagement, Co-design, Co-production), shows how it stands in
/// SCIE's four areas (culture, structure, practice, review) and against the Making it Real
/// "I" and "We" statements, and says what to do next to climb a rung.
#[derive(Debug, Parser)]
#[command(name = "copro", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

const AFTER_HELP: &str = "\
Examples:
  copro assess
  copro collect workshop/ --organisation Riverside --service \"Home care\" --lan
  copro score examples/assessments/riverside-home-care.toml
  copro score my-assessment.toml --format json
  copro check examples/ --min-rung consultation
  copro workshop examples/workshop/assessments/*.toml --format markdown
  copro compare examples/progress/riverside-2025.toml examples/progress/riverside-2026.toml
  copro questionnaire list
  copro questionnaire show tlap --format toml > my-questionnaire.toml
  copro questionnaire validate my-questionnaire.toml
  copro completions bash > ~/.local/share/bash-completion/completions/copro
  copro man | man -l -
  copro schema questionnaire > questionnaire.schema.json

Exit codes: 0 success, 1 a check did not pass, 2 invalid input or usage, 130 stopped with
Esc or Ctrl-C (answers saved).";

/// copro's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take the self-audit: answer the questions in a terminal, saved as you go.
    Assess(AssessArgs),
    /// Run a workshop on people's own phones: a web server, one assessment file each.
    Collect(CollectArgs),
    /// Score a stored assessment: the ladder, the placement, the areas and next steps.
    Score(ScoreArgs),
    /// Check stored assessments against a policy: valid, recent, at or above a rung.
    Check(CheckArgs),
    /// Combine a room of respondents: per role, the spread of answers, perception gaps.
    Workshop(WorkshopArgs),
    /// Progress between two assessments of one organisation.
    Compare(CompareArgs),
    /// List, show and validate questionnaires.
    #[command(
        subcommand,
        after_help = "\
Examples:
  copro questionnaire list
  copro questionnaire show hart
  copro questionnaire validate my-questionnaire.toml"
    )]
    Questionnaire(QuestionnaireCommand),
    /// Print a completion script for a shell: commands, flags, formats, questionnaire ids.
    #[command(after_help = "\
Save the script where the shell looks for completions (see the README), then open a new
shell.

Examples:
  copro completions bash > ~/.local/share/bash-completion/completions/copro
  copro completions zsh > ~/.zfunc/_copro
  copro completions fish > ~/.config/fish/completions/copro.fish
  copro completions powershell >> $PROFILE")]
    Completions {
        /// The shell.
        shell: Shell,
    },
    /// Print copro's manual page (roff): every command, the exit codes and the files.
    #[command(after_help = "\
Examples:
  copro man | man -l -
  copro man > ~/.local/share/man/man1/copro.1")]
    Man,
    /// Print the JSON Schema of a kind of file, for editors that check TOML as it is typed.
    #[command(after_help = "\
The schema describes each key, so an editor with a TOML language server (Taplo, or Even
Better TOML in VS Code) can complete keys and show what they mean. Save it, then name it in
the first line of a file:
  #:schema ./questionnaire.schema.json

Examples:
  copro schema questionnaire > questionnaire.schema.json
  copro schema assessment > assessment.schema.json
  copro schema policy > copro-policy.schema.json")]
    Schema {
        /// The kind of file.
        kind: SchemaKind,
    },
}

/// The kinds of file copro reads, each with a JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A questionnaire: the ladder, areas, roles, questions and statements.
    Questionnaire,
    /// An assessment: one respondent's answers.
    Assessment,
    /// The policy of `copro check` (copro-policy.toml).
    Policy,
}

/// Parses the command line. Only `--version` reads the bundled questionnaires, to name
/// their versions; every other call starts without them.
pub fn parse(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    if args.get(1).is_some_and(|first| first == "--version") {
        command = command.long_version(long_version());
    }
    let matches = command.try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// The command line as clap sees it, `--version` text included: for the manual page and
/// the completion scripts.
pub fn command() -> clap::Command {
    Cli::command().long_version(long_version())
}

/// copro's version, then every bundled questionnaire with its version: those in use with
/// their titles, then the earlier versions kept, marked as such.
fn long_version() -> String {
    let mut text = format!("{}\nbundled questionnaires:", env!("CARGO_PKG_VERSION"));
    for q in every_bundled() {
        match q {
            Ok(q) if q.current_version.is_some() => text.push_str(&format!(
                "\n  {} {}  (earlier version, kept for assessments made on it)",
                q.id, q.version
            )),
            Ok(q) => text.push_str(&format!("\n  {} {}  {}", q.id, q.version, q.title)),
            Err(invalid) => text.push_str(&format!("\n  {invalid}")),
        }
    }
    text
}

/// A questionnaire named by a bundled id or a path: any text is taken, and the bundled ids
/// are offered to complete (help leaves them out, as a path is as good).
#[derive(Clone)]
struct Reference;

impl TypedValueParser for Reference {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(bundled_id_list().into_iter().map(|id| {
            PossibleValue::new(id).help("a bundled questionnaire")
        })))
    }
}

/// Arguments of `copro assess`.
#[derive(Debug, Args)]
#[command(after_help = "\
Every answer is saved the moment it is given. Stop at any time (Esc or Ctrl-C, exit code
130) and carry on later with the command copro prints, e.g.
`copro assess --resume FILE --plain`.

In a terminal, copro shows menus to choose from with the arrow keys. With --plain, or when
input or output is not a terminal, it asks one question per line instead: type the option's
number, or d (don't know), s (skip for now), b (back), ? (help). Every answer may be followed
by an evidence note: type it after the number on the same line (`3 Minutes of the May
board`), or on the evidence line that follows. Plain mode works with screen readers and can
be scripted; with --no-evidence-prompts every answer is exactly one line:
  printf '2\\n5\\n2 Minutes of the May planning day\\nd\\n' | copro assess --plain --no-evidence-prompts --organisation Riverside --service \"Home care\" --role commissioner

Examples:
  copro assess
  copro assess --questionnaire hart --out brightside.toml
  copro assess --resume riverside-home-care-commissioner-2026-11-23.toml")]
pub struct AssessArgs {
    /// The questionnaire: a bundled id (see `copro questionnaire list`) or a file's path.
    #[arg(long, value_name = "ID|PATH", default_value = "tlap", value_parser = Reference, hide_possible_values = true)]
    pub questionnaire: String,
    /// The organisation assessed (asked if not given).
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,
    /// The service, team or programme assessed (asked if not given).
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,
    /// Your role: one of the questionnaire's role ids, e.g. `commissioner` (asked if not given).
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Your name, kept in the file (optional; never shown in combined reports).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The date of the assessment [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub assessed: Option<Date>,
    /// The file to save to [default: built from the organisation and the date, in the
    /// current directory].
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the file if it already exists.
    #[arg(long)]
    pub force: bool,
    /// Carry on with a saved assessment, from its first unanswered question.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["questionnaire", "organisation", "service", "role", "name", "assessed", "out", "force"])]
    pub resume: Option<PathBuf>,
    /// One prompt per line, numbered options, no colour or cursor movement.
    #[arg(long)]
    pub plain: bool,
    /// Ask no evidence note after each answer: every answer is one line of a script, and a
    /// note goes on the same line, after the number.
    #[arg(long)]
    pub no_evidence_prompts: bool,
    /// How to show the result at the end.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,
}

/// Arguments of `copro collect`.
#[derive(Debug, Args)]
#[command(after_help = "\
copro prints the address for participants, a QR code of it and a short code to type, and
the address of the trainer's page for the projector (joined and finished by role, never
names). Each participant chooses their role, then answers the same interview as `copro
assess`, one question per page; every answer is saved to their own file in DIR the moment
it is given, and a phone that sleeps comes back to where it was.

End the collection with Ctrl-C or the button on the trainer's page: copro writes the room's
report, DIR/workshop-report.html, and exits with 0. Starting copro collect again on the same
DIR lets everyone carry on with the same links.

By default only this computer can reach the server; --lan lets phones on the same network
join (on a network you trust: anyone on it who has the code can answer).

Examples:
  copro collect workshop/ --organisation \"Meadowbank Community Support\" --service \"Supported living\" --lan
  copro collect answers/ --questionnaire hart --organisation Brightside --service \"Youth service\" --listen 0.0.0.0:8080
  copro workshop workshop/*.toml --format markdown")]
pub struct CollectArgs {
    /// The directory for the participants' files (created if missing).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The questionnaire: a bundled id (see `copro questionnaire list`) or a file's path.
    #[arg(long, value_name = "ID|PATH", default_value = "tlap")]
    pub questionnaire: String,
    /// The organisation assessed.
    #[arg(long, value_name = "NAME", required = true)]
    pub organisation: String,
    /// The service, team or programme assessed.
    #[arg(long, value_name = "NAME", required = true)]
    pub service: String,
    /// The date of the assessments [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub assessed: Option<Date>,
    /// The address and port to listen on [default: 127.0.0.1 and --port].
    #[arg(long, value_name = "ADDR:PORT", conflicts_with_all = ["lan", "port"])]
    pub listen: Option<std::net::SocketAddr>,
    /// Listen on this computer's address on the local network, so that phones on the same
    /// Wi-Fi can join; copro says which address it chose.
    #[arg(long)]
    pub lan: bool,
    /// The port to listen on.
    #[arg(long, value_name = "PORT", default_value_t = 8765)]
    pub port: u16,
    /// Show each participant their own result on the thank-you page.
    #[arg(long)]
    pub show_result: bool,
    /// Show participants' names under their roles in the room's report.
    #[arg(long)]
    pub show_names: bool,
    /// Requests one device may make per minute before it is asked to wait.
    #[arg(long, value_name = "N", default_value_t = 600, value_parser = clap::value_parser!(u32).range(10..))]
    pub requests_per_minute: u32,
    /// Connections one device may hold open at once; one more is closed at once, so that
    /// no device can take every connection the room has.
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u32).range(2..))]
    pub connections_per_device: u32,
}

/// Where a result goes: stdout, or a file saved atomically.
#[derive(Debug, Args)]
pub struct SaveArgs {
    /// Save the result to this file instead of printing it (written whole or not at all).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it already exists.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// Arguments of `copro check`.
#[derive(Debug, Args)]
#[command(after_help = "\
Each file is reported as pass, fail (with every reason) or invalid (with its place and the
problem); one bad file never stops the others. Exit 0 when all pass, 1 when any fails, 2
when any is invalid or the call is wrong.

Directories are searched recursively for .toml files (hidden directories such as .git are
left out). A file found there is checked as an assessment when it has a top-level
`questionnaire = ...` line; other TOML files (questionnaires, the policy) are skipped and
counted. A file named on the command line is always checked as an assessment.

The rules can live in a policy file, copro-policy.toml in the current directory (or
--policy FILE), so that a repository versions its own rules; flags override the file:
  min_rung = \"consultation\"
  max_age_days = 365
  require_evidence = true
  other_version = \"warn\"
  [min_area]
  review = \"informing\"
  [questionnaires.hart]
  min_rung = \"consulted-informed\"

Examples:
  copro check examples/
  copro check assessments/ --min-rung engagement --max-age 365 --format github
  copro check assessments/ --policy ci/copro-policy.toml --format junit > copro.xml")]
pub struct CheckArgs {
    /// Assessment files, and directories to search for them.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Fail assessments placed overall below this rung (a rung id, e.g. `consultation`).
    #[arg(long, value_name = "RUNG")]
    pub min_rung: Option<String>,
    /// Fail assessments whose area is placed below a rung; repeat for more areas.
    #[arg(long, value_name = "AREA=RUNG", value_parser = area_and_rung)]
    pub min_area: Vec<(String, String)>,
    /// Fail assessments made more than this many days ago.
    #[arg(long, value_name = "DAYS")]
    pub max_age: Option<u32>,
    /// Fail answers on the top two rungs that have no evidence note.
    #[arg(long)]
    pub require_evidence: bool,
    /// What to do with an assessment made against another version of its questionnaire
    /// [default: warn].
    #[arg(long, value_name = "RULE", value_parser = other_version())]
    pub other_version: Option<OtherVersion>,
    /// The policy file [default: copro-policy.toml in the current directory, if there is one].
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Ignore copro-policy.toml in the current directory.
    #[arg(long, conflicts_with = "policy")]
    pub no_policy: bool,
    /// Measure ages from this date [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
    /// Also accept questionnaire files in this directory; repeat for more. Otherwise only
    /// bundled questionnaires and files inside the paths checked or the current directory
    /// are read.
    #[arg(long, value_name = "DIR")]
    pub allow_questionnaires_in: Vec<PathBuf>,
    /// How to report.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Where the result goes.
    #[command(flatten)]
    pub save: SaveArgs,
}

/// Output formats of `copro check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per file and a summary, for a CI log.
    Human,
    /// A stable JSON object: `summary` and `results`.
    Json,
    /// GitHub Actions workflow commands, so problems show on the changed lines.
    Github,
    /// JUnit XML, one test case per file.
    Junit,
    /// One self-contained HTML page: a row per file and every assessment on one ladder.
    Html,
    /// CSV for a spreadsheet, one row per file.
    Csv,
}

impl CheckFormat {
    /// The renderer of `copro check`'s report in this format.
    pub fn renderer(self, style: &Style) -> Box<dyn for<'a> Render<CheckPart<'a>> + Sync> {
        match self {
            CheckFormat::Human => Box::new(Table { style: *style }),
            CheckFormat::Json => Box::new(Json),
            CheckFormat::Github => Box::new(Github),
            CheckFormat::Junit => Box::new(Junit),
            CheckFormat::Html => Box::new(Html),
            CheckFormat::Csv => Box::new(Csv),
        }
    }
}

/// `--other-version`: one of the engine's rules, by id; `--help` lists them.
fn other_version() -> impl TypedValueParser<Value = OtherVersion> {
    PossibleValuesParser::new(
        OtherVersion::ALL.map(|rule| PossibleValue::new(rule.id()).help(rule.meaning())),
    )
    .try_map(|id| OtherVersion::from_id(&id).ok_or("not a rule for other versions"))
}

fn area_and_rung(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((area, rung)) if !area.trim().is_empty() && !rung.trim().is_empty() => {
            Ok((area.trim().to_string(), rung.trim().to_string()))
        }
        _ => Err(format!("`{text}` is not AREA=RUNG, e.g. review=informing")),
    }
}

/// Arguments of `copro workshop`.
#[derive(Debug, Args)]
#[command(after_help = "\
Combines assessments of one organisation made with one questionnaire by different
respondents. In the combined placement, people with lived experience and the organisation's
roles count as two equal halves; within each, every role counts the same, however many
people in it answered. Respondents' names are never shown unless --show-names: roles only.

Examples:
  copro workshop examples/workshop/assessments/*.toml
  copro workshop examples/workshop/assessments/*.toml --format markdown > slides.md
  copro workshop examples/workshop/assessments/*.toml --format csv > answers.csv")]
pub struct WorkshopArgs {
    /// The assessment files, one per respondent.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// How to show the result.
    #[arg(long, value_enum, default_value_t = WorkshopFormat::Table)]
    pub format: WorkshopFormat,
    /// Combine assessments of different organisations (one questionnaire is still needed).
    #[arg(long)]
    pub allow_mixed: bool,
    /// Show respondents' names under their roles.
    #[arg(long)]
    pub show_names: bool,
    /// Where the result goes.
    #[command(flatten)]
    pub save: SaveArgs,
}

/// Arguments of `copro compare`.
#[derive(Debug, Args)]
#[command(after_help = "\
The two may answer different versions of a questionnaire: questions are matched by id, and
those only one of them has are listed as added or removed.

Example:
  copro compare examples/progress/riverside-2025.toml examples/progress/riverside-2026.toml")]
pub struct CompareArgs {
    /// The earlier assessment.
    pub old: PathBuf,
    /// The later assessment.
    pub new: PathBuf,
    /// How to show the result.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,
    /// Compare assessments of different organisations.
    #[arg(long)]
    pub allow_mixed: bool,
    /// Where the result goes.
    #[command(flatten)]
    pub save: SaveArgs,
}

/// Arguments of `copro score`.
#[derive(Debug, Args)]
#[command(after_help = "\
The questionnaire is the one the assessment names (a bundled id such as `tlap`, or a path
relative to the assessment file). See the README for how placement works.

Examples:
  copro score examples/assessments/riverside-home-care.toml
  copro score my-assessment.toml --format html --out report.html")]
pub struct ScoreArgs {
    /// The assessment file (TOML).
    pub file: PathBuf,
    /// How to show the result.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,
    /// Where the result goes.
    #[command(flatten)]
    pub save: SaveArgs,
}

/// Output formats of `copro score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// The ladder, areas and next steps as tables, for a terminal.
    Table,
    /// A stable JSON object, for scripts.
    Json,
    /// Markdown, to paste into a report.
    Markdown,
    /// One self-contained HTML page with the ladder drawn, to share, open and print.
    Html,
}

impl ScoreFormat {
    /// `document` in this format.
    pub fn render<D: ?Sized>(self, style: &Style, document: &D) -> String
    where
        Table: Render<D>,
        Json: Render<D>,
        Markdown: Render<D>,
        Html: Render<D>,
    {
        match self {
            ScoreFormat::Table => Table { style: *style }.render(document),
            ScoreFormat::Json => Json.render(document),
            ScoreFormat::Markdown => Markdown.render(document),
            ScoreFormat::Html => Html.render(document),
        }
    }
}

/// Output formats of `copro workshop`: those of `score`, and a spreadsheet's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WorkshopFormat {
    /// The ladder, areas and next steps as tables, for a terminal.
    Table,
    /// A stable JSON object, for scripts.
    Json,
    /// Markdown, to paste into a report.
    Markdown,
    /// One self-contained HTML page with the ladder drawn, to share, open and print.
    Html,
    /// CSV for a spreadsheet: one row per respondent and question (roles, never names
    /// unless --show-names).
    Csv,
}

impl WorkshopFormat {
    /// `report` in this format.
    pub fn render(self, style: &Style, report: &copro::report::WorkshopReport) -> String {
        match self {
            WorkshopFormat::Table => ScoreFormat::Table.render(style, report),
            WorkshopFormat::Json => ScoreFormat::Json.render(style, report),
            WorkshopFormat::Markdown => ScoreFormat::Markdown.render(style, report),
            WorkshopFormat::Html => ScoreFormat::Html.render(style, report),
            WorkshopFormat::Csv => Csv.render(report),
        }
    }
}

/// Output formats of `copro questionnaire list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table, for a terminal.
    Table,
    /// A JSON list, for scripts.
    Json,
    /// A Markdown table.
    Markdown,
}

impl ListFormat {
    /// The list in this format.
    pub fn render(self, style: &Style, all: &[Questionnaire]) -> String {
        match self {
            ListFormat::Table => Table { style: *style }.render(all),
            ListFormat::Json => Json.render(all),
            ListFormat::Markdown => Markdown.render(all),
        }
    }
}

/// `copro questionnaire …`
#[derive(Debug, Subcommand)]
pub enum QuestionnaireCommand {
    /// List the bundled questionnaires.
    #[command(after_help = "\
Examples:
  copro questionnaire list
  copro questionnaire list --format json")]
    List {
        /// How to show the list.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Where the list goes.
        #[command(flatten)]
        save: SaveArgs,
    },
    /// Show a questionnaire: its ladder, areas, questions and statements.
    #[command(after_help = "\
To write your own questionnaire, start from a bundled one. To print handouts for a
session on paper, one area per page, use --handout.

Examples:
  copro questionnaire show tlap
  copro questionnaire show tlap@1.0.0
  copro questionnaire show tlap --format toml > my-questionnaire.toml
  copro questionnaire show tlap --handout participant --format html --out handout.html
  copro questionnaire show tlap --handout participant --role carer --format html --out carers.html
  copro questionnaire show tlap --handout facilitator --format html --out key.html")]
    Show {
        /// A bundled questionnaire's id (see `copro questionnaire list`), with @VERSION for
        /// an earlier version (tlap@1.0.0), or a file's path.
        #[arg(value_name = "ID|PATH", value_parser = Reference, hide_possible_values = true)]
        questionnaire: String,
        /// How to show it: the full TOML source (to copy and adapt), JSON, Markdown, or HTML
        /// to print.
        #[arg(long, value_enum, default_value_t = ShowFormat::Markdown)]
        format: ShowFormat,
        /// A handout to print (Markdown or HTML): for participants (no ladder, no rung
        /// names, no answer key; space for role and name) or for the facilitator (with the
        /// ladder and the key).
        #[arg(long, value_enum, value_name = "FOR")]
        handout: Option<HandoutFor>,
        /// The participants' role: the handout asks in its words (people with lived
        /// experience are asked in their own) and lists its statements.
        #[arg(long, value_name = "ROLE", requires = "handout")]
        role: Option<String>,
        /// Where it goes.
        #[command(flatten)]
        save: SaveArgs,
    },
    /// Check questionnaire files; exit 0 when all are valid, 2 otherwise.
    #[command(after_help = "\
Examples:
  copro questionnaire validate my-questionnaire.toml
  copro questionnaire validate questionnaires/*.toml")]
    Validate {
        /// The questionnaire files (TOML).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// Output formats of `copro questionnaire show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The questionnaire's TOML source, to copy and adapt.
    Toml,
    /// A stable JSON object, for scripts.
    Json,
    /// A readable document: the ladder, the questions with numbered options, an answer key.
    Markdown,
    /// One page to print: the facilitator's handout unless --handout says otherwise.
    Html,
}

/// Whose handout `copro questionnaire show --handout` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HandoutFor {
    /// The people answering: no ladder, no rung names, no answer key.
    Participant,
    /// The person running the session: with the ladder and the answer key.
    Facilitator,
}
