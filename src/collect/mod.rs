//! A room answers on their own phones: many interviews held at once, one assessment file
//! per participant, in one directory.
//!
//! This module owns who is in the room and what each participant may touch; [`server`]
//! turns it into HTTP and [`pages`] into HTML. Each participant's interview is an ordinary
//! [`Session`] of the library, the same as `copro assess` drives: the web face shows its
//! prompt and hands back the reply, and the session decides what comes next and saves the
//! answer to the participant's file before the next page is shown.
//!
//! Everything needed to carry on after a restart (or `kill -9`, or a power cut) is on disk
//! in the directory: the assessment files themselves, and a hidden `.copro-collect` folder
//! that keeps the room's code and, per participant, their key and where their interview
//! stands ([`crate::interview::State`]). Request data never becomes a path: a participant
//! is found by looking their key up among those loaded, and their file's name is made here
//! from the organisation, the role and the date.
//!
//! Names given by participants go into their files only: [`Collector::counts`] tells how
//! many have joined and finished by voice and role, never who.

pub mod pages;
pub mod qr;
pub mod server;
pub mod token;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::assessment::{Assessment, Date};
use crate::interview::session::{LastSave, Respondent, Session, Setup, free_name};
use crate::interview::{Outcome, Reply, State};
use crate::questionnaire::{Questionnaire, Voice};
use crate::store;

/// What the trainer set the room up with.
#[derive(Debug, Clone)]
pub struct Room {
    /// The questionnaire: a bundled id or a path.
    pub questionnaire: String,
    /// The organisation assessed.
    pub organisation: String,
    /// The service, team or programme assessed.
    pub service: String,
    /// The day of the assessments.
    pub assessed: Date,
    /// Where the participants' files go.
    pub dir: PathBuf,
    /// Show each participant their own result on the thank-you page.
    pub show_result: bool,
    /// Names go into the room's report (participants are told so before they give one).
    pub show_names: bool,
}

/// The most participants a room takes: far more than any workshop, few enough that a
/// client with the room's code cannot fill the disk with new files.
pub const MAX_PARTICIPANTS: usize = 1000;

/// The hidden folder in the directory that keeps the room's keys and where each interview
/// stands.
pub const KEEP: &str = ".copro-collect";

/// The room's keys, kept so that a restart lets everyone carry on with the same links.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    room: String,
    trainer: String,
    /// What the room collects: the questionnaire (`id version`), organisation and
    /// service, so that a restart cannot mix another room into this one.
    #[serde(default)]
    collects: Vec<String>,
}

/// One participant as kept on disk, beside the assessment file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    /// The participant's key: in their private link and their cookie.
    key: String,
    /// The key of their forms, against requests made from other sites.
    form: String,
    /// The assessment file's name, in the directory.
    file: String,
    /// How many replies have moved the interview: a form made for an earlier page is
    /// refused rather than applied to the question now asked.
    step: u64,
    /// Where the interview stands.
    state: State,
}

/// A participant held in memory.
#[derive(Debug)]
pub struct Participant {
    record: Record,
    /// Where the record is kept.
    kept: PathBuf,
    session: Session,
    /// Something to say on the next page, once.
    notice: Option<Notice>,
}

/// Something the next page says about the last reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The answer was saved.
    Saved,
    /// Back at the very first step.
    AtStart,
    /// An answer was asked for and none was chosen.
    ChooseOne,
    /// The note was too long.
    TooLong,
    /// The form was made for an earlier page (a second tab, or the browser's back).
    Stale,
}

impl Participant {
    /// The interview.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The key of this participant's forms.
    pub fn form_key(&self) -> &str {
        &self.record.form
    }

    /// The step the page shown now is made for.
    pub fn step(&self) -> u64 {
        self.record.step
    }

    /// What to say once on the next page, taken.
    pub fn take_notice(&mut self) -> Option<Notice> {
        self.notice.take()
    }

    /// Applies a reply made on the page of `step` with the form key `form`, and saves:
    /// the answer to the assessment file first (that is what counts), then where the
    /// interview stands. A form of another step changes nothing.
    pub fn reply(&mut self, form: &str, step: u64, reply: Option<Reply>) -> anyhow::Result<()> {
        if !token::same(form, &self.record.form) {
            bail!("this form does not belong to this participant");
        }
        if step != self.record.step {
            self.notice = Some(Notice::Stale);
            return Ok(());
        }
        let Some(reply) = reply else {
            self.notice = Some(Notice::ChooseOne);
            return Ok(());
        };
        // Not saved (a full disk): the session stays where the file is, so the next page
        // does not show the answer as given.
        let outcome = self.session.reply(reply)?;
        self.notice = match outcome {
            Outcome::Changed => Some(Notice::Saved),
            Outcome::AtStart => Some(Notice::AtStart),
            Outcome::Refused => Some(Notice::ChooseOne),
            Outcome::Moved => None,
        };
        if matches!(outcome, Outcome::Changed | Outcome::Moved) {
            self.record.step += 1;
            self.record.state = self.session.interview().state();
            keep(&self.kept, &self.record)?;
        }
        Ok(())
    }

    /// Says the note given was too long; nothing is applied.
    pub fn refuse_long_note(&mut self) {
        self.notice = Some(Notice::TooLong);
    }
}

/// How many have joined and finished, for one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleCount {
    /// The role's name.
    pub role: String,
    /// The voice of its statements.
    pub voice: &'static str,
    /// Participants who chose it.
    pub joined: usize,
    /// Of those, who reached the end.
    pub finished: usize,
}

/// The room: its keys, its questionnaire and everyone in it.
#[derive(Debug)]
pub struct Collector {
    room: Room,
    setup: Setup,
    keys: Keys,
    participants: Mutex<HashMap<String, Arc<Mutex<Participant>>>>,
    /// Held while a participant joins, so that two never get one file name.
    joining: Mutex<()>,
    ended: tokio::sync::Notify,
    /// What could not be picked up again on opening, for the trainer.
    warnings: Vec<String>,
}

/// Locks a mutex, whether or not a holder panicked: the data behind it is saved after
/// every change, and a panic in one request must not stop the room.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Collector {
    /// Opens the room in `room.dir`: checks the questionnaire and the directory, and picks
    /// up the keys and the participants of an earlier run there, if any.
    pub fn open(room: Room) -> anyhow::Result<Collector> {
        let setup = Setup::in_directory(&room.questionnaire, &room.dir)?;
        let kept = room.dir.join(KEEP);
        create_private_dir(&kept)?;
        let keys_path = kept.join("room.json");
        let q = setup.questionnaire();
        let collects = vec![
            format!("{} {}", q.id, q.version),
            room.organisation.clone(),
            room.service.clone(),
        ];
        let keys = match std::fs::read_to_string(&keys_path) {
            Ok(text) => serde_json::from_str::<Keys>(&text)
                .ok()
                .filter(|k| {
                    token::well_formed(&k.room, token::ROOM)
                        && token::well_formed(&k.trainer, token::KEY)
                })
                .with_context(|| {
                    format!(
                        "{} is damaged: remove it to start a new room (the links given out so far will stop working)",
                        keys_path.display()
                    )
                })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let keys = Keys {
                    room: token::new(token::ROOM)?,
                    trainer: token::new(token::KEY)?,
                    collects: collects.clone(),
                };
                store::write_atomic(&keys_path, &to_json(&keys)?)?;
                keys
            }
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read {}", keys_path.display()));
            }
        };
        if !keys.collects.is_empty() && keys.collects != collects {
            bail!(
                "{} holds a room for {}; carry it on with the same questionnaire, organisation and service, or collect into another directory",
                room.dir.display(),
                keys.collects
                    .iter()
                    .map(|c| crate::text::one_line(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let (participants, warnings) = pick_up(&room.dir, &kept);
        Ok(Collector {
            room,
            setup,
            keys,
            participants: Mutex::new(participants),
            joining: Mutex::new(()),
            ended: tokio::sync::Notify::new(),
            warnings,
        })
    }

    /// The questionnaire new participants answer.
    pub fn questionnaire(&self) -> &Questionnaire {
        self.setup.questionnaire()
    }

    /// What the room was set up with.
    pub fn room(&self) -> &Room {
        &self.room
    }

    /// The room's code, as in its address.
    pub fn code(&self) -> &str {
        &self.keys.room
    }

    /// The trainer's key, as in the address of the trainer's page.
    pub fn trainer_key(&self) -> &str {
        &self.keys.trainer
    }

    /// What could not be picked up again on opening.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Adds a participant in role `role` (index into the questionnaire's roles), with a
    /// first name if given, and saves their new file at once. Returns their key.
    pub fn join(&self, role: usize, name: Option<&str>) -> anyhow::Result<String> {
        let _joining = lock(&self.joining);
        if lock(&self.participants).len() >= MAX_PARTICIPANTS {
            bail!(
                "the room is full ({MAX_PARTICIPANTS} participants): ask the trainer to start another"
            );
        }
        let respondent = Respondent {
            organisation: self.room.organisation.clone(),
            service: self.room.service.clone(),
            role,
            name: name.map(String::from),
            assessed: self.room.assessed,
        };
        let path = free_name(&self.setup.file_for(&respondent));
        let session = Session::start(
            self.setup.clone().save_to(path.clone()),
            respondent,
            &LastSave::default(),
        )?;
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let record = Record {
            key: token::new(token::KEY)?,
            form: token::new(token::KEY)?,
            file: file.clone(),
            step: 0,
            state: session.interview().state(),
        };
        let kept = self.room.dir.join(KEEP).join(format!("{file}.json"));
        keep(&kept, &record)?;
        let key = record.key.clone();
        lock(&self.participants).insert(
            key.clone(),
            Arc::new(Mutex::new(Participant {
                record,
                kept,
                session,
                notice: None,
            })),
        );
        Ok(key)
    }

    /// The participant whose key this is, if any.
    pub fn participant(&self, key: &str) -> Option<Arc<Mutex<Participant>>> {
        if !token::well_formed(key, token::KEY) {
            return None;
        }
        lock(&self.participants).get(key).cloned()
    }

    /// Locks a participant for a request.
    pub fn hold(participant: &Mutex<Participant>) -> MutexGuard<'_, Participant> {
        lock(participant)
    }

    /// How many have joined and finished, by role, in the questionnaire's order of roles
    /// (roles nobody chose included), then any role of a participant's file that this
    /// questionnaire does not have.
    pub fn counts(&self) -> Vec<RoleCount> {
        let q = self.questionnaire();
        let mut counts: Vec<RoleCount> = q
            .roles
            .iter()
            .map(|r| RoleCount {
                role: r.name.clone(),
                voice: voice_words(r.voice()),
                joined: 0,
                finished: 0,
            })
            .collect();
        let everyone: Vec<_> = lock(&self.participants).values().cloned().collect();
        for participant in everyone {
            let p = lock(&participant);
            let interview = p.session.interview();
            let role = interview
                .questionnaire()
                .roles
                .get(interview.assessment().role);
            let name = role.map_or_else(|| "another role".to_string(), |r| r.name.clone());
            let index = match counts.iter().position(|c| c.role == name) {
                Some(i) => i,
                None => {
                    counts.push(RoleCount {
                        role: name,
                        voice: role.map_or("", |r| voice_words(r.voice())),
                        joined: 0,
                        finished: 0,
                    });
                    counts.len() - 1
                }
            };
            counts[index].joined += 1;
            counts[index].finished += usize::from(p.session.is_done());
        }
        counts
    }

    /// The assessments answered so far, with their files, in the order of their file names.
    pub fn assessments(&self) -> Vec<(PathBuf, Assessment)> {
        let everyone: Vec<_> = lock(&self.participants).values().cloned().collect();
        let mut all: Vec<(PathBuf, Assessment)> = everyone
            .iter()
            .map(|p| {
                let p = lock(p);
                (
                    p.session.path().to_path_buf(),
                    p.session.interview().assessment().clone(),
                )
            })
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }

    /// Ends the collection: the server stops taking requests.
    pub fn end(&self) {
        self.ended.notify_one();
    }

    /// Waits until [`Collector::end`] is called.
    pub async fn ended(&self) {
        self.ended.notified().await;
    }
}

/// The words for a voice on the trainer's page.
fn voice_words(voice: Voice) -> &'static str {
    match voice {
        Voice::I => "lived experience",
        Voice::We => "organisation",
    }
}

fn to_json<T: Serialize>(value: &T) -> anyhow::Result<String> {
    serde_json::to_string(value).context("cannot write the room's records as JSON")
}

fn keep(path: &Path, record: &Record) -> anyhow::Result<()> {
    store::write_atomic(path, &to_json(record)?)
}

/// Makes the hidden folder, readable by its owner only: it holds the room's keys.
fn create_private_dir(path: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    match builder.create(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot create {}", path.display())),
    }
}

/// The participants of an earlier run in `dir`, from their records in `kept`, and what
/// could not be picked up.
fn pick_up(dir: &Path, kept: &Path) -> (HashMap<String, Arc<Mutex<Participant>>>, Vec<String>) {
    let mut participants = HashMap::new();
    let mut warnings = Vec::new();
    let Ok(entries) = std::fs::read_dir(kept) else {
        return (participants, warnings);
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_name().is_some_and(|n| n != "room.json")
        })
        .collect();
    paths.sort();
    for path in paths {
        match pick_up_one(dir, &path) {
            Ok(participant) => {
                participants.insert(
                    participant.record.key.clone(),
                    Arc::new(Mutex::new(participant)),
                );
            }
            Err(e) => warnings.push(format!("{}: {e:#}", path.display())),
        }
    }
    (participants, warnings)
}

fn pick_up_one(dir: &Path, kept: &Path) -> anyhow::Result<Participant> {
    let text = store_read(kept)?;
    let record: Record = serde_json::from_str(&text).context("not a participant's record")?;
    // The file's name must be a plain name in the directory: a record names no other file.
    let plain = Path::new(&record.file)
        .file_name()
        .is_some_and(|n| n == record.file.as_str())
        && record.file.ends_with(".toml")
        && !record.file.starts_with('.');
    if !plain || !token::well_formed(&record.key, token::KEY) {
        bail!("not a participant's record");
    }
    let session = Session::restore(
        &dir.join(&record.file),
        record.state.clone(),
        &LastSave::default(),
    )?;
    Ok(Participant {
        record,
        kept: kept.to_path_buf(),
        session,
        notice: None,
    })
}

/// Reads a small regular file.
fn store_read(path: &Path) -> anyhow::Result<String> {
    let meta = std::fs::symlink_metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if !meta.is_file() || meta.len() > 1 << 20 {
        bail!("{} is not a participant's record", path.display());
    }
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}
