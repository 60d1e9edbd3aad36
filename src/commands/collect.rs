//! `copro collect DIR`: a room answers on their own phones.
//!
//! The room and its server live in [`copro::collect`]; this module chooses the address to
//! listen on, prints how to join (the address, a QR code and the code to type) and the
//! trainer's page, serves until Ctrl-C or the trainer's button, and then writes the room's
//! report with `copro workshop`'s own code. Ending this way is the normal end of a
//! workshop, so it exits with 0 once the report is written.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};

use crate::cli::{CollectArgs, SaveArgs, WorkshopArgs, WorkshopFormat};
use crate::commands::Output;
use copro::assessment::Date;
use copro::collect::server::{Limits, Server};
use copro::collect::{Collector, Room, qr, token};
use copro::questionnaire::Questionnaire;
use copro::report::Style;
use copro::{store, text};

/// The report's file name, in DIR.
const REPORT: &str = "workshop-report.html";

pub fn run(args: &CollectArgs, style: &Style) -> anyhow::Result<Output> {
    let dir = &args.dir;
    let organisation = checked(&args.organisation, "--organisation")?;
    let service = checked(&args.service, "--service")?;
    // The questionnaire is checked before a directory is made for its answers.
    Questionnaire::resolve(&args.questionnaire, None)?;
    if !dir.exists() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    } else if !dir.is_dir() {
        bail!(
            "{} is not a directory: name a directory for the participants' files",
            dir.display()
        );
    }
    let collector = Arc::new(Collector::open(Room {
        questionnaire: args.questionnaire.clone(),
        organisation,
        service,
        assessed: args.assessed.unwrap_or_else(Date::today),
        dir: dir.clone(),
        show_result: args.show_result,
        show_names: args.show_names,
    })?);
    let (address, lan) = match args.listen {
        Some(address) => (address, None),
        None if args.lan => {
            let ip = lan_address()?;
            (SocketAddr::new(ip, args.port), Some(ip))
        }
        None => (
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), args.port),
            None,
        ),
    };
    let listener = std::net::TcpListener::bind(address).map_err(|e| {
        anyhow::anyhow!(
            "cannot listen on {address}: {}; choose another port with --port, or another address with --listen",
            copro::source::io_reason(&e)
        )
    })?;
    listener
        .set_nonblocking(true)
        .context("cannot set up the server")?;
    let bound = listener.local_addr().context("cannot set up the server")?;
    // Listening on every address: show the one phones on the network would use.
    let shown = if bound.ip().is_unspecified() {
        SocketAddr::new(lan_address().unwrap_or(bound.ip()), bound.port())
    } else {
        bound
    };
    let limits = Limits {
        per_minute: Some(args.requests_per_minute),
        per_device: args.connections_per_device as usize,
        ..Limits::default()
    };
    let server = Server::new(collector.clone(), &format!("http://{shown}"), limits);
    say(&banner(&collector, &server, lan, bound));
    // Saves run on blocking threads; a few are enough to keep the disk busy, and each
    // thread more costs memory (its stack and its allocator's heap).
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(8)
        .build()
        .context("cannot start the server")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        server.run(listener, interrupted()).await;
        Ok::<(), std::io::Error>(())
    })?;
    // Saves under way are finished; nothing else is left running.
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    say("\nCollection ended.");
    report(&collector, args, style)
}

/// The organisation or the service as the files will hold it, refused when it is empty.
fn checked(given: &str, flag: &str) -> anyhow::Result<String> {
    let value = text::one_line(given);
    if value.is_empty() {
        bail!("{flag} is empty: give the name to show participants and to keep in every file");
    }
    Ok(value)
}

/// Ctrl-C, or on Unix a request to terminate.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// This computer's address on the local network: the one its default route leaves from.
/// Connecting a UDP socket only chooses the route; nothing is sent.
fn lan_address() -> anyhow::Result<IpAddr> {
    let found = std::net::UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|socket| {
            socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9))?;
            socket.local_addr()
        })
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    match found {
        Some(ip) => Ok(ip),
        None => bail!(
            "this computer has no address on a local network: join a Wi-Fi network, or give the address with --listen ADDR:PORT"
        ),
    }
}

fn banner(
    collector: &Collector,
    server: &Server,
    lan: Option<IpAddr>,
    bound: SocketAddr,
) -> String {
    let q = collector.questionnaire();
    let room = collector.room();
    let address = server.room_address();
    let mut lines = vec![
        format!(
            "copro collect: {} for {}, {}",
            text::one_line(&q.title),
            text::one_line(&room.organisation),
            text::one_line(&room.service)
        ),
        String::new(),
    ];
    if let Some(ip) = lan {
        lines.push(format!(
            "Listening on {ip}, this computer's address on the local network (--lan)."
        ));
    } else if bound.ip().is_loopback() {
        lines.push(
            "Listening on this computer only: use --lan to let phones on the same Wi-Fi join."
                .into(),
        );
    } else {
        lines.push(format!("Listening on {bound}."));
    }
    lines.push(format!("Participants open: {address}"));
    lines.push(format!(
        "or go to {} and type the code {}",
        server.front_address(),
        token::grouped(collector.code())
    ));
    if let Some(code) = qr::terminal(&address) {
        lines.push(code);
    }
    lines.push(format!(
        "Trainer's page, for the projector (keep this address to yourself): {}",
        server.trainer_address()
    ));
    let joined = collector.counts().iter().map(|c| c.joined).sum::<usize>();
    if joined > 0 {
        lines.push(format!(
            "Carrying on: {} from before can continue with their links.",
            copro::report::plural(joined, "participant")
        ));
    }
    for warning in collector.warnings() {
        lines.push(format!("warning: {}", text::one_line(warning)));
    }
    lines.push(format!(
        "Answers are saved in {}, one file per participant. Press Ctrl-C, or the button on the trainer's page, to end and write the report.",
        room.dir.display()
    ));
    lines.join("\n")
}

/// Prints a line for the trainer as it happens.
fn say(text: &str) {
    let _ = console::Term::stdout().write_line(&text::defuse(&text::clean(text)));
}

/// Writes the room's report into DIR, with `copro workshop`'s own code.
fn report(collector: &Collector, args: &CollectArgs, style: &Style) -> anyhow::Result<Output> {
    // Someone who joined and gave no answer (a phone that opened the page, a second tab)
    // is left out, as `workshop` leaves out such a file; the file stays in DIR.
    let (answered, silent) = super::workshop::respondents(collector.assessments());
    let files: Vec<PathBuf> = answered.into_iter().map(|(path, _)| path).collect();
    if files.is_empty() {
        let why = match silent.len() {
            0 => "Nobody joined".to_string(),
            n => format!(
                "{} joined but gave no answer",
                copro::report::plural(n, "participant")
            ),
        };
        return Ok(Output::success(format!("{why}, so there is no report.\n")));
    }
    let workshop = WorkshopArgs {
        files: files.clone(),
        format: WorkshopFormat::Html,
        allow_mixed: false,
        show_names: args.show_names,
        save: SaveArgs {
            out: None,
            force: false,
        },
    };
    let mut output = super::workshop::run(&workshop, style)?;
    let path = args.dir.join(REPORT);
    store::write_atomic(&path, &output.stdout)?;
    output.stdout = format!(
        "The room's report ({}) is saved in {}.\n",
        copro::report::plural(files.len(), "participant"),
        path.display(),
    );
    if !silent.is_empty() {
        output.stdout.push_str(&format!(
            "Left out: {} who joined but gave no answer.\n",
            copro::report::plural(silent.len(), "participant")
        ));
    }
    output.stdout.push_str(&format!(
        "For other formats: copro workshop {} --format markdown\n",
        shell_glob(&args.dir)
    ));
    Ok(output)
}

/// `DIR/*.toml` to paste into a shell.
fn shell_glob(dir: &Path) -> String {
    let dir = copro::interview::words::shell_word(&dir.display().to_string());
    format!("{dir}/*.toml")
}
