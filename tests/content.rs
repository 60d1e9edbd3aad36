//! The bundled questionnaires' content, measured: nothing on the surface of an option gives
//! its rung away, the text is easy to read, and a full run is not too long.
//!
//! Each test runs over the current version of every bundled questionnaire (the newest
//! version of each id, so archived copies kept for old assessments are left alone), prints
//! its figures and then asserts them. See them with
//! `cargo test --test content -- --nocapture`.
#![allow(clippy::print_stdout)] // the figures are the point of these tests

use copro::questionnaire::{BUNDLED, Question, Questionnaire, Voice, bundled};

/// The current version of every bundled questionnaire: the newest version of each id.
fn current() -> Vec<Questionnaire> {
    let mut newest: Vec<Questionnaire> = Vec::new();
    for entry in BUNDLED.iter() {
        let name = entry.0;
        let q = match bundled(name) {
            Some(Ok(q)) => q,
            Some(Err(e)) => panic!("bundled questionnaire {name} is invalid:\n{e}"),
            None => panic!("bundled questionnaire {name} is listed but not found"),
        };
        match newest.iter_mut().find(|n| n.id == q.id) {
            Some(n) if version_key(&q.version) > version_key(&n.version) => *n = q,
            Some(_) => {}
            None => newest.push(q),
        }
    }
    newest
}

/// A version as numbers to compare: `2.0.0` → `[2, 0, 0]`.
fn version_key(version: &str) -> Vec<u64> {
    version
        .split(['.', '-', '+'])
        .map(|part| part.parse().unwrap_or(0))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------

/// The words of a text, lower case, without the punctuation around them. A hyphenated word
/// ("day-to-day", "co-design") is one word; "/" separates words.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '/')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// How many times the cues in `list` occur in `text`. A cue is a word ("share"), a word
/// start ending in `*` ("partner*" matches "partners" and "partnership") or a phrase of
/// several words ("decide with").
fn cue_count(text: &str, list: &[&str]) -> f64 {
    let ws = words(text);
    let mut n = 0;
    for cue in list {
        let parts: Vec<&str> = cue.split(' ').collect();
        if parts.len() > 1 {
            n += ws
                .windows(parts.len())
                .filter(|win| win.iter().zip(&parts).all(|(w, p)| matches(w, p)))
                .count();
        } else {
            n += ws.iter().filter(|w| matches(w, cue)).count();
        }
    }
    n as f64
}

fn matches(word: &str, cue: &str) -> bool {
    match cue.strip_suffix('*') {
        Some(start) => word.starts_with(start),
        None => word == cue,
    }
}

/// Words too common to say anything about an option.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "your", "our", "their", "them", "they",
    "with", "this", "that", "what", "who", "how", "when", "where", "which", "from", "into", "have",
    "has", "had", "was", "were", "been", "its", "it's", "can", "does", "did", "any", "all", "each",
    "about", "there", "then", "than", "out", "one", "get", "gets",
];

/// The distinct words of a text that carry meaning: three letters or more, not a stopword.
fn content_words(text: &str) -> Vec<String> {
    let mut ws: Vec<String> = words(text)
        .into_iter()
        .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(&w.as_str()))
        .collect();
    ws.sort();
    ws.dedup();
    ws
}

// ---------------------------------------------------------------------------------------
// 1. Naive strategies
// ---------------------------------------------------------------------------------------

/// Partnership vocabulary: the words a respondent may take to mark the top of the ladder.
const PARTNERSHIP: &[&str] = &[
    "together",
    "share",
    "shares",
    "shared",
    "sharing",
    "equal",
    "equally",
    "equals",
    "partner*",
    "joint",
    "jointly",
    "lead",
    "leads",
    "leading",
    "led",
    "co-*",
    "power",
    "control",
    "controls",
    "alongside",
    "both",
    "decide with",
    "decides with",
    "side by side",
    "as one",
    "same vote",
    "between them",
    "mutual",
    "own",
    "full",
];

/// Hedges and conditions: the words a respondent may take to mark a middle or low rung.
const HEDGES: &[&str] = &[
    "if",
    "may",
    "might",
    "after",
    "explain*",
    "unless",
    "once",
    "then",
    "some",
    "can ask",
    "accept",
    "accepts",
    "agree",
    "agrees",
    "approve*",
    "only",
    "within",
    "as long as",
    "allow*",
    "limit*",
    "final say",
    "later",
];

/// Conditions only: the narrow set of hedges that make a say depend on someone's leave.
const CONDITIONS: &[&str] = &[
    "if",
    "unless",
    "may",
    "might",
    "as long as",
    "accept*",
    "approve*",
    "allow*",
    "provided",
    "where managers",
    "where staff",
    "where leaders",
];

/// Listening and telling: the words a respondent may take to mark the bottom of the ladder.
const LISTEN_TELL: &[&str] = &[
    "listen*",
    "hear",
    "hears",
    "heard",
    "tell",
    "tells",
    "told",
    "inform*",
    "explain*",
    "letter*",
    "newsletter*",
    "leaflet*",
    "announce*",
];

/// Decision words: a respondent may pick the option where most is decided.
const DECIDING: &[&str] = &[
    "decide*",
    "decision*",
    "choose*",
    "chose*",
    "chosen",
    "vote*",
    "votes",
    "set",
    "sets",
    "agree*",
    "approve*",
    "sign*",
    "say",
];

/// Jointness: the organisation named as a partner ("with staff", "with a worker") or as half
/// of a joint subject ("people and staff", "marks count as much as"), words a respondent may
/// take to mark the top of the ladder.
const JOINT: &[&str] = &[
    "with staff",
    "with the staff",
    "with manager*",
    "with a manager",
    "with the manager*",
    "with leader*",
    "with the leader*",
    "with trainer*",
    "with the trainer*",
    "with finance",
    "with the finance",
    "with the board",
    "with reviewer*",
    "with the reviewer*",
    "with the team",
    "with a worker",
    "with their worker",
    "with worker*",
    "with professional*",
    "with a professional",
    "with the service",
    "with youth",
    "with adult*",
    "with the adult*",
    "people and staff",
    "staff and people",
    "people and manager*",
    "manager* and people",
    "people and leader*",
    "leader* and people",
    "person and staff",
    "staff and the person",
    "person and their worker",
    "members and staff",
    "staff and members",
    "people and youth",
    "youth workers and",
    "people and adult*",
    "adults and young",
    "as much as",
];

/// Follow-through: checking, reviewing and tracking, and a regular rhythm for it, words a
/// respondent may take to mark the top of the ladder ("… and check it every year").
const FOLLOW_THROUGH: &[&str] = &[
    "check",
    "checks",
    "checked",
    "checking",
    "review",
    "reviews",
    "reviewed",
    "reviewing",
    "track",
    "tracks",
    "tracked",
    "judge",
    "judges",
    "judged",
    "monitor*",
    "every year",
    "each year",
    "every quarter",
    "each quarter",
    "every few months",
    "see it through",
    "sees it through",
    "follow it up",
    "follows it up",
];

/// A design handed over: past-tense design by people ("people designed", "wrote", "drew up",
/// "drafted", "came up with") and staff who carry it out ("carry out", "put in place", "take
/// it from there"), the template a respondent may take to mark the rung below the top.
const HANDED_OVER: &[&str] = &[
    "designed",
    "wrote",
    "written",
    "planned",
    "drafted",
    "drew up",
    "drawn up",
    "worked out",
    "shaped",
    "came up with",
    "came from",
    "came out of",
    "carry out",
    "carries out",
    "carried out",
    "put in place",
    "puts in place",
    "put into practice",
    "puts into practice",
    "take it from there",
    "takes it from there",
    "fill them",
];

/// Numbers, times and named documents: concrete detail.
const CONCRETE: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "ten",
    "twelve",
    "first",
    "half",
    "third",
    "fifth",
    "quarter*",
    "week*",
    "month*",
    "year*",
    "annual",
    "daily",
    "every",
    "each",
    "report*",
    "plan",
    "plans",
    "policy",
    "policies",
    "minutes",
    "budget*",
    "newsletter*",
    "leaflet*",
    "letter*",
    "form",
    "forms",
    "survey*",
    "agenda*",
    "website",
    "easy-read",
    "easy read",
    "list",
    "note",
    "summary",
    "guide",
    "poster*",
];

/// Refusals and limits.
const NEGATION: &[&str] = &[
    "no", "not", "never", "nothing", "without", "only", "none", "nobody", "cannot",
];

/// Words that name the organisation's people.
const ORGANISATION: &[&str] = &[
    "we",
    "our",
    "us",
    "staff",
    "manager*",
    "leader*",
    "board",
    "trainer*",
    "finance",
    "service",
    "worker*",
    "professional*",
    "council*",
    "organisation*",
];

/// Words that name the people who use services.
const PEOPLE: &[&str] = &[
    "people",
    "person",
    "they",
    "them",
    "their",
    "member*",
    "resident*",
    "carer*",
    "families",
    "young",
    "children",
    "child",
];

/// What the option's first words make its subject: +1 for the people who use services
/// ("People …", "They …", "Members …"), −1 for the organisation ("We …", "Staff …",
/// "Managers …", "Leaders …", "The service …"), 0 for anything else.
fn subject(text: &str) -> f64 {
    let ws = words(text);
    let first = ws.first().map(String::as_str).unwrap_or("");
    let second = ws.get(1).map(String::as_str).unwrap_or("");
    let article = first == "the" || first == "a";
    let people = ["people", "they", "members", "person", "residents", "carers"];
    let people_after_article = ["person", "people", "group", "panel", "members"];
    let organisation = [
        "we", "our", "staff", "managers", "leaders", "trainers", "finance",
    ];
    let organisation_after_article = [
        "service",
        "manager",
        "board",
        "council",
        "organisation",
        "worker",
        "professional",
    ];
    let is_people = people.contains(&first) || (article && people_after_article.contains(&second));
    let is_organisation =
        organisation.contains(&first) || (article && organisation_after_article.contains(&second));
    if is_people {
        1.0
    } else if is_organisation {
        -1.0
    } else {
        0.0
    }
}

/// Sentences: runs of `.`, `!` or `?` (at least one).
fn sentences(text: &str) -> f64 {
    let mut n = 0;
    let mut in_end = false;
    for c in text.trim().chars() {
        let end = matches!(c, '.' | '!' | '?');
        if end && !in_end {
            n += 1;
        }
        in_end = end;
    }
    if !text.trim().ends_with(['.', '!', '?']) {
        n += 1;
    }
    n.max(1) as f64
}

/// How much an option has in common with the question's other options: the mean share of
/// content words it shares with each of them (a test-wise respondent picks the option most
/// like the rest, or the odd one out).
fn likeness(question: &Question, i: usize) -> f64 {
    let mine = content_words(&question.options[i].text);
    let others: Vec<f64> = question
        .options
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, o)| {
            let theirs = content_words(&o.text);
            let common = mine.iter().filter(|w| theirs.contains(w)).count();
            let union = mine.len() + theirs.len() - common;
            if union == 0 {
                0.0
            } else {
                common as f64 / union as f64
            }
        })
        .collect();
    others.iter().sum::<f64>() / others.len().max(1) as f64
}

/// A naive strategy: a score for each option of a question (higher is chosen).
type Score = fn(&Question, usize) -> f64;

/// The naive strategies, each in one direction; `strategies()` adds the other.
fn base_strategies() -> Vec<(&'static str, Score)> {
    vec![
        ("length in characters", |q, i| {
            q.options[i].text.chars().count() as f64
        }),
        ("words", |q, i| words(&q.options[i].text).len() as f64),
        ("partnership vocabulary", |q, i| {
            cue_count(&q.options[i].text, PARTNERSHIP)
        }),
        ("hedges and conditions", |q, i| {
            cue_count(&q.options[i].text, HEDGES)
        }),
        ("conditions", |q, i| {
            cue_count(&q.options[i].text, CONDITIONS)
        }),
        ("listening and telling words", |q, i| {
            cue_count(&q.options[i].text, LISTEN_TELL)
        }),
        ("people as the subject", |q, i| subject(&q.options[i].text)),
        ("words shared with the prompt", |q, i| {
            let prompt = content_words(&q.prompt);
            content_words(&q.options[i].text)
                .iter()
                .filter(|w| prompt.contains(w))
                .count() as f64
        }),
        ("words shared with the lived prompt", |q, i| {
            let prompt = content_words(q.lived_prompt.as_deref().unwrap_or(&q.prompt));
            content_words(&q.options[i].text)
                .iter()
                .filter(|w| prompt.contains(w))
                .count() as f64
        }),
        ("numbers and concrete detail", |q, i| {
            let text = &q.options[i].text;
            cue_count(text, CONCRETE) + text.chars().filter(char::is_ascii_digit).count() as f64
        }),
        ("decision words", |q, i| {
            cue_count(&q.options[i].text, DECIDING)
        }),
        ("jointness words", |q, i| {
            cue_count(&q.options[i].text, JOINT)
        }),
        ("follow-through words", |q, i| {
            cue_count(&q.options[i].text, FOLLOW_THROUGH)
        }),
        ("handed-over design words", |q, i| {
            cue_count(&q.options[i].text, HANDED_OVER)
        }),
        ("refusals and limits", |q, i| {
            cue_count(&q.options[i].text, NEGATION)
        }),
        ("organisation named", |q, i| {
            cue_count(&q.options[i].text, ORGANISATION)
        }),
        ("people named", |q, i| cue_count(&q.options[i].text, PEOPLE)),
        ("sentences", |q, i| sentences(&q.options[i].text)),
        ("lists (commas and \"and\")", |q, i| {
            let text = &q.options[i].text;
            text.matches(',').count() as f64 + cue_count(text, &["and"])
        }),
        ("mean word length", |q, i| {
            let ws = words(&q.options[i].text);
            ws.iter().map(|w| w.chars().count()).sum::<usize>() as f64 / ws.len().max(1) as f64
        }),
        ("likeness to the other options", likeness),
    ]
}

/// A named strategy, in one direction.
type Strategy = (String, Box<dyn Fn(&Question, usize) -> f64>);

/// Every strategy in both directions, and the shown positions.
fn strategies() -> Vec<Strategy> {
    let mut all: Vec<Strategy> = Vec::new();
    for (name, score) in base_strategies() {
        all.push((format!("most {name}"), Box::new(score)));
        all.push((format!("least {name}"), Box::new(move |q, i| -score(q, i))));
    }
    all.push(("first shown".into(), Box::new(|_, i| -(i as f64))));
    all.push(("last shown".into(), Box::new(|_, i| i as f64)));
    all.push((
        "middle shown".into(),
        Box::new(|q, i| -((i as f64) - (q.options.len() as f64 - 1.0) / 2.0).abs()),
    ));
    all
}

/// Hits and chance for one strategy and one band of rungs.
#[derive(Default, Clone, Copy)]
struct Tally {
    hits: f64,
    expected: f64,
    variance: f64,
}

impl Tally {
    /// "Clearly better than chance": more than 2.5 standard deviations above it.
    fn threshold(&self) -> f64 {
        self.expected + 2.5 * self.variance.sqrt()
    }

    fn add(&mut self, question: &Question, chosen: &[usize], band: &dyn Fn(usize) -> bool) {
        let n = question.options.len();
        if n == 0 {
            return;
        }
        let in_band = question.options.iter().filter(|o| band(o.rung)).count();
        let p = in_band as f64 / n as f64;
        self.expected += p;
        self.variance += p * (1.0 - p);
        let share = 1.0 / chosen.len() as f64;
        self.hits += chosen
            .iter()
            .filter(|&&i| band(question.options[i].rung))
            .count() as f64
            * share;
    }
}

/// The options a strategy picks: all those with the best score.
fn chosen(question: &Question, score: &dyn Fn(&Question, usize) -> f64) -> Vec<usize> {
    let scores: Vec<f64> = (0..question.options.len())
        .map(|i| score(question, i))
        .collect();
    let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (0..scores.len())
        .filter(|&i| (scores[i] - best).abs() < 1e-9)
        .collect()
}

#[test]
fn no_naive_strategy_finds_the_top_or_bottom_of_the_ladder() {
    let mut failures = Vec::new();
    let mut out = String::new();
    for q in current() {
        let rungs = q.rungs.len();
        let top = move |r: usize| r + 2 >= rungs;
        let bottom = |r: usize| r < 2;
        out.push_str(&format!(
            "\n{} {}: naive strategies over {} questions (hits on the top two rungs / bottom two rungs; fails above the threshold)\n",
            q.id,
            q.version,
            q.questions.len()
        ));
        out.push_str(&format!(
            "  {:<44} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}\n",
            "strategy", "top", "chance", "limit", "bottom", "chance", "limit"
        ));
        for (name, score) in strategies() {
            let mut t = Tally::default();
            let mut b = Tally::default();
            for question in &q.questions {
                let picks = chosen(question, score.as_ref());
                t.add(question, &picks, &top);
                b.add(question, &picks, &bottom);
            }
            let flag = |x: &Tally| if x.hits > x.threshold() { "!" } else { " " };
            out.push_str(&format!(
                "  {:<44} {:>6.1} {:>6.1} {:>6.1}{}  {:>6.1} {:>6.1} {:>6.1}{}\n",
                name,
                t.hits,
                t.expected,
                t.threshold(),
                flag(&t),
                b.hits,
                b.expected,
                b.threshold(),
                flag(&b),
            ));
            for (band, x) in [("top", t), ("bottom", b)] {
                if x.hits > x.threshold() {
                    failures.push(format!(
                        "{}: \"{name}\" lands on the {band} two rungs {:.1} times (chance {:.1}, limit {:.1})",
                        q.id,
                        x.hits,
                        x.expected,
                        x.threshold()
                    ));
                }
            }
        }
    }
    println!("{out}");
    assert!(
        failures.is_empty(),
        "a naive strategy does clearly better than chance:\n{}",
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// 2. Readability
// ---------------------------------------------------------------------------------------

/// Syllables in one word, by a plain heuristic: count the groups of vowels (a, e, i, o, u,
/// y); a final "e" is silent ("make") unless the word ends in a consonant and "le"
/// ("table"); a final "ed" is silent unless it follows "t" or "d" ("planned", but
/// "decided"); a final "es" is silent after most consonants ("makes", but "chooses" keeps
/// it after s, z, x, ch, sh, g, c); every word has at least one. A word with digits and no
/// letters counts one syllable; a hyphenated word is the sum of its parts.
fn syllables(word: &str) -> usize {
    if word.contains('-') {
        return word
            .split('-')
            .filter(|p| !p.is_empty())
            .map(syllables)
            .sum::<usize>()
            .max(1);
    }
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    if w.is_empty() {
        return 1;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut groups = 0;
    let mut previous = false;
    for &c in &w {
        let v = vowel(c);
        if v && !previous {
            groups += 1;
        }
        previous = v;
    }
    let n = w.len();
    let ends = |s: &str| {
        let s: Vec<char> = s.chars().collect();
        n >= s.len() && w[n - s.len()..] == s[..]
    };
    let silent_e = n > 2 && w[n - 1] == 'e' && !vowel(w[n - 2]);
    let consonant_le = silent_e && w[n - 2] == 'l' && n > 3 && !vowel(w[n - 3]);
    let silent_ed = n > 3 && ends("ed") && !vowel(w[n - 3]) && !matches!(w[n - 3], 't' | 'd');
    let silent_es = n > 3
        && ends("es")
        && !vowel(w[n - 3])
        && !matches!(w[n - 3], 's' | 'z' | 'x' | 'g' | 'c')
        && !ends("ches")
        && !ends("shes");
    if (silent_e && !consonant_le) || silent_ed || silent_es {
        groups -= 1;
    }
    groups.max(1)
}

/// Flesch–Kincaid grade of a text: 0.39 × words per sentence + 11.8 × syllables per word
/// − 15.59.
fn grade(text: &str) -> f64 {
    let ws = words(text);
    if ws.is_empty() {
        return 0.0;
    }
    let syl: usize = ws.iter().map(|w| syllables(w)).sum();
    0.39 * (ws.len() as f64 / sentences(text)) + 11.8 * (syl as f64 / ws.len() as f64) - 15.59
}

/// Every text a respondent reads, with a label, except the framework's own wording
/// (`quoted = true`): prompts, lived prompts, options, help and statements.
fn readable_items(q: &Questionnaire) -> Vec<(String, String)> {
    let mut items = Vec::new();
    for question in &q.questions {
        items.push((format!("{} prompt", question.id), question.prompt.clone()));
        if let Some(text) = &question.lived_prompt {
            items.push((format!("{} lived prompt", question.id), text.clone()));
        }
        if let Some(text) = &question.help {
            items.push((format!("{} help", question.id), text.clone()));
        }
        if let Some(text) = &question.lived_help {
            items.push((format!("{} lived help", question.id), text.clone()));
        }
        for o in &question.options {
            items.push((format!("{} / {}", question.id, o.id), o.text.clone()));
        }
    }
    for s in q.statements.iter().filter(|s| !s.quoted) {
        items.push((format!("statement {}", s.id), s.text.clone()));
    }
    items
}

#[test]
fn the_text_is_easy_to_read() {
    let mut failures = Vec::new();
    let mut out = String::new();
    for q in current() {
        let mut graded: Vec<(f64, String, String)> = readable_items(&q)
            .into_iter()
            .map(|(label, text)| (grade(&text), label, text))
            .collect();
        graded.sort_by(|a, b| b.0.total_cmp(&a.0));
        let n = graded.len();
        let mut grades: Vec<f64> = graded.iter().map(|g| g.0).collect();
        grades.sort_by(f64::total_cmp);
        let median = if n == 0 {
            0.0
        } else if n % 2 == 1 {
            grades[n / 2]
        } else {
            (grades[n / 2 - 1] + grades[n / 2]) / 2.0
        };
        let above8 = grades.iter().filter(|&&g| g > 8.0).count();
        let share = above8 as f64 / n.max(1) as f64;
        out.push_str(&format!(
            "\n{} {}: Flesch–Kincaid grade over {n} items (quoted text aside): median {median:.1}, {above8} above grade 8 ({:.0}%)\n  hardest:\n",
            q.id,
            q.version,
            share * 100.0
        ));
        for (g, label, text) in graded.iter().take(10) {
            out.push_str(&format!("  {g:>5.1}  {label}: {text}\n"));
        }
        if median > 6.0 {
            failures.push(format!("{}: median grade {median:.1} is above 6", q.id));
        }
        if share > 0.10 {
            failures.push(format!(
                "{}: {above8} of {n} items ({:.0}%) are above grade 8; at most 10% may be",
                q.id,
                share * 100.0
            ));
        }
    }
    println!("{out}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------
// 3. Length
// ---------------------------------------------------------------------------------------

/// The most words one respondent may read in a full run, by questionnaire id.
const MAX_WORDS: &[(&str, usize)] = &[("tlap", 3000)];

/// Words one respondent of `voice` reads in a full run: each prompt in their wording, every
/// option, and the statements of their voice (help is shown only on request).
fn words_read(q: &Questionnaire, voice: Voice) -> usize {
    let questions: usize = q
        .questions
        .iter()
        .map(|question| {
            words(question.prompt_for(voice)).len()
                + question
                    .options
                    .iter()
                    .map(|o| words(&o.text).len())
                    .sum::<usize>()
        })
        .sum();
    let statements: usize = q
        .statements
        .iter()
        .filter(|s| s.voice == voice)
        .map(|s| words(&s.text).len())
        .sum();
    questions + statements
}

#[test]
fn a_full_run_is_not_too_long() {
    let mut failures = Vec::new();
    let mut out = String::new();
    for q in current() {
        let limit = MAX_WORDS
            .iter()
            .find(|(id, _)| *id == q.id)
            .map(|(_, n)| *n);
        let mut voices: Vec<Voice> = q.roles.iter().map(|r| r.voice()).collect();
        voices.dedup();
        if voices.is_empty() {
            voices.push(Voice::We);
        }
        for voice in [Voice::We, Voice::I] {
            if !voices.contains(&voice) {
                continue;
            }
            let n = words_read(&q, voice);
            out.push_str(&format!(
                "{} {}: a full run in the \"{}\" voice reads {n} words{}\n",
                q.id,
                q.version,
                voice.id(),
                limit.map(|l| format!(" (at most {l})")).unwrap_or_default()
            ));
            if let Some(l) = limit.filter(|&l| n > l) {
                failures.push(format!(
                    "{}: a full run in the \"{}\" voice reads {n} words, more than {l}",
                    q.id,
                    voice.id()
                ));
            }
        }
    }
    println!("\n{out}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_syllable_heuristic_counts_plain_words() {
    for (word, n) in [
        ("make", 1),
        ("table", 2),
        ("people", 2),
        ("planned", 1),
        ("decided", 3),
        ("makes", 1),
        ("chooses", 2),
        ("service", 2),
        ("co-production", 4),
        ("the", 1),
        ("2026", 1),
        ("every", 3),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
}
