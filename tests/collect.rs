//! `copro collect` over HTTP: the real binary serves a room on a free port of the loopback
//! address, and the tests are the participants' phones and the trainer's laptop. They walk
//! a whole interview, try every safety rule (no code, another participant's key, a large
//! body, a post from another site, paths that try to leave the directory), and kill the
//! server with SIGKILL in the middle of an interview to carry on after a restart.
//!
//! Options are picked by position and roles by id, never by their wording.

mod common;
use common::http::{Browser, Kind, attribute, form, request};
use common::room::{files, load, start};
use copro::assessment::Answer;

/// Answers the question shown with its first option and no note.
fn answer_first(b: &mut Browser) {
    assert_eq!(b.kind(), Kind::Question, "{}", b.page);
    b.press("choose", &[("option", "0")]);
    assert_eq!(b.kind(), Kind::Evidence, "every answer asks for evidence");
    b.press("note", &[("note", "")]);
}

#[test]
fn a_participant_answers_the_whole_interview_on_their_phone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = common::tlap();
    let server = start(dir.path(), &[]);
    let mut b = server.join("person-drawing-on-support", "Ann");
    let questions = q.questions.len();
    assert!(
        b.page.contains(&format!("1 of {questions}")),
        "progress is shown"
    );
    // The question in the words the interview gives a person with lived experience.
    let first = common::asked(&q)[0];
    let wording = q.questions[first].prompt_for(copro::questionnaire::Voice::I);
    let escaped = wording
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(
        b.page.contains(&format!("<h1>{escaped}</h1>")),
        "{wording}: {}",
        b.page
    );

    // The first answer, with a note; it is in the file before the next page is shown.
    b.press("choose", &[("option", "2")]);
    assert_eq!(b.kind(), Kind::Evidence);
    b.press("note", &[("note", "Minutes of the May meeting <b>")]);
    assert!(b.page.contains("Your answer is saved."), "{}", b.page);
    let file = files(dir.path()).pop().expect("a file for Ann");
    let saved = load(&file);
    assert_eq!(saved.answers[first], Answer::Chosen(2));
    assert_eq!(
        saved.evidence[first].as_deref(),
        Some("Minutes of the May meeting <b>")
    );
    assert_eq!(saved.name.as_deref(), Some("Ann"));

    // No answer chosen: nothing changes and the page says so.
    b.press("choose", &[]);
    assert_eq!(b.kind(), Kind::Question);
    assert!(b.page.contains("role=\"alert\""), "{}", b.page);

    // Back goes to the evidence of the first question, showing the note, escaped.
    b.press("back", &[]);
    assert_eq!(b.kind(), Kind::Evidence);
    assert!(
        b.page.contains("Minutes of the May meeting &lt;b&gt;"),
        "{}",
        b.page
    );
    b.press("note", &[("note", "Minutes of the May meeting")]);

    // Don't know, skip, then the rest with the first option.
    b.press("dont-know", &[]);
    b.press("skip", &[]);
    while b.kind() == Kind::Question {
        answer_first(&mut b);
    }

    // The statements of the "I" voice, the scale explained before the first.
    assert_eq!(b.kind(), Kind::Statement, "{}", b.page);
    assert_eq!(b.options(), q.ratings.len());
    for rating in &q.ratings {
        assert!(b.page.contains(&rating.name), "the scale is explained");
    }
    let mut rated = 0;
    while b.kind() == Kind::Statement {
        b.press("choose", &[("option", "1")]);
        rated += 1;
    }
    assert_eq!(
        rated,
        q.statements
            .iter()
            .filter(|s| s.voice == copro::questionnaire::Voice::I)
            .count()
    );

    // The review offers the "don't know" and the skipped question again.
    assert_eq!(b.kind(), Kind::Review, "{}", b.page);
    b.press("revisit", &[]);
    answer_first(&mut b);
    answer_first(&mut b);
    assert_eq!(b.kind(), Kind::Done, "{}", b.page);
    assert!(
        !b.page.contains("place the organisation"),
        "no result without --show-result"
    );

    let saved = load(&file);
    assert_eq!(saved.answered(), questions);
    assert!(saved.ratings.iter().flatten().count() == rated);

    // Coming back with the private link, or the room's address and the cookie, shows the
    // end again.
    let at = b.at.clone();
    b.get(&server.room);
    assert_eq!(b.at, at);
    assert_eq!(b.kind(), Kind::Done);

    // The trainer sees counts, never names.
    let trainer = server.trainer_page();
    assert!(trainer.contains("1 joined · 1 finished"), "{trainer}");
    assert!(!trainer.contains("Ann"));
    assert!(trainer.contains("<svg"), "the QR code");

    let (status, printed) = server.end();
    assert_eq!(status.code(), Some(0), "{printed}");
    let report = std::fs::read_to_string(dir.path().join("workshop-report.html"))
        .expect("the report is written");
    assert!(report.contains("Oak Tree Care"));
    assert!(!report.contains("Ann"), "no names without --show-names");
    assert!(printed.contains("workshop-report.html"), "{printed}");
    // The files are ordinary assessments for `copro workshop`.
    let out = common::copro(&["workshop", file.to_str().expect("path"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_trainer_may_let_participants_see_their_own_result_and_names_in_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start(dir.path(), &["--show-result", "--show-names"]);
    let mut b = server.browser();
    b.get(&server.room);
    assert!(
        b.page.contains("shown under your role"),
        "participants are told before they give a name"
    );
    let mut b = server.join("commissioner", "Bob");
    while b.kind() == Kind::Question {
        answer_first(&mut b);
    }
    while b.kind() == Kind::Statement {
        b.press("skip", &[]);
    }
    assert_eq!(b.kind(), Kind::Review);
    b.press("finish", &[]);
    assert_eq!(b.kind(), Kind::Done);
    assert!(b.page.contains("place the organisation"), "{}", b.page);
    let (status, _) = server.end();
    assert_eq!(status.code(), Some(0));
    let report =
        std::fs::read_to_string(dir.path().join("workshop-report.html")).expect("the report");
    assert!(report.contains("Bob"), "names with --show-names");
}

#[test]
fn without_the_room_code_or_a_participant_key_there_is_nothing_to_see() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start(dir.path(), &[]);
    let ann = server.join("carer", "Ann");
    let get = |path: &str| {
        request(server.addr, "GET", path, &[], b"")
            .expect("answer")
            .status
    };
    // The front page only asks for the code.
    let front = request(server.addr, "GET", "/", &[], b"").expect("front");
    assert_eq!(front.status, 200);
    assert!(!front.body.contains(&server.room));
    let code = &server.room["/r/".len()..];
    assert_eq!(get("/join?code=0000-0000-0000-0000"), 404);
    let typed = request(
        server.addr,
        "GET",
        &format!("/join?code={}", code.to_lowercase()),
        &[],
        b"",
    )
    .expect("join");
    assert_eq!(typed.header("location"), Some(server.room.as_str()));

    assert_eq!(get("/r/0000000000000000"), 404, "another room code");
    assert_eq!(get("/r"), 404);
    let key = ann.at.rsplit('/').next().expect("key");
    let other = format!("{}/p/{}", server.room, "0".repeat(key.len()));
    assert_eq!(get(&other), 404, "a key that is nobody's");
    assert_eq!(
        get(&format!("/r/0000000000000000/p/{key}")),
        404,
        "another room"
    );
    let trainer_key = server.trainer.rsplit('/').next().expect("key");
    assert_eq!(
        get(&format!("{}/t/{key}", server.room)),
        404,
        "a participant's key is not the trainer's"
    );
    assert_eq!(get(&format!("/r/0000000000000000/t/{trainer_key}")), 404);

    // Pages are private: not cached, not framed, no referrer, no script.
    let page = request(server.addr, "GET", &ann.at, &[], b"").expect("page");
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert!(
        page.header("content-security-policy")
            .is_some_and(|c| c.contains("default-src 'none'"))
    );
    assert_eq!(page.header("referrer-policy"), Some("same-origin"));
}

#[test]
fn no_one_can_change_another_participants_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start(dir.path(), &[]);
    let ann = server.join("carer", "Ann");
    let mut bob = server.join("carer", "Bob");
    let before: Vec<String> = files(dir.path())
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    assert_eq!(before.len(), 2, "one file each");

    // Bob's own form key, his page's step, posted to Ann's address.
    let bob_key = attribute(&bob.page, "name=\"form\"", "value").expect("form key");
    let mut forged = bob.clone();
    let r = forged.post(
        &ann.at,
        &[
            ("form", &bob_key),
            ("step", "0"),
            ("action", "choose"),
            ("option", "0"),
        ],
    );
    assert_eq!(r.status, 403);
    // Bob's cookie on the room's address leads to Bob's page, never Ann's.
    bob.get(&server.room);
    assert_ne!(bob.at, ann.at);
    let after: Vec<String> = files(dir.path())
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("read"))
        .collect();
    assert_eq!(before, after, "nothing changed");
}

#[test]
fn forms_from_other_sites_large_bodies_and_old_pages_change_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start(dir.path(), &[]);
    let ann = server.join("commissioner", "");
    let file = files(dir.path()).pop().expect("file");
    let before = std::fs::read_to_string(&file).expect("read");
    let key = attribute(&ann.page, "name=\"form\"", "value").expect("form key");
    let body = form(&[
        ("form", &key),
        ("step", "0"),
        ("action", "choose"),
        ("option", "0"),
    ]);
    let post = |headers: &[(&str, &str)], body: &[u8]| {
        request(server.addr, "POST", &ann.at, headers, body).expect("answer")
    };
    // Another site's page posting the participant's own form.
    assert_eq!(
        post(&[("Origin", "http://evil.example")], body.as_bytes()).status,
        403
    );
    assert_eq!(
        post(&[("Sec-Fetch-Site", "cross-site")], body.as_bytes()).status,
        403
    );
    assert_eq!(post(&[("Origin", "null")], body.as_bytes()).status, 403);
    // A body far larger than any form, and a form with too many fields.
    let huge = format!("{body}&note={}", "x".repeat(200_000));
    assert_eq!(post(&[], huge.as_bytes()).status, 413);
    let many = format!("{body}{}", "&a=1".repeat(50));
    assert_eq!(post(&[], many.as_bytes()).status, 413);
    // A join from another site.
    let join = request(
        server.addr,
        "POST",
        &format!("{}/join", server.room),
        &[("Origin", "http://evil.example")],
        b"role=0",
    )
    .expect("answer");
    assert_eq!(join.status, 403);
    assert_eq!(
        files(dir.path()).len(),
        1,
        "nobody joined from another site"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), before);

    // A form made for an earlier page (another tab) changes nothing and says so.
    let mut tab = ann.clone();
    let mut other_tab = ann.clone();
    tab.press("skip", &[]);
    let after_skip = std::fs::read_to_string(&file).expect("read");
    other_tab.press("choose", &[("option", "0")]);
    assert!(other_tab.page.contains("out of date"), "{}", other_tab.page);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), after_skip);
}

#[test]
fn paths_in_requests_never_reach_the_disk() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start(dir.path(), &[]);
    let mut ann = server.join("carer", "../../../etc/passwd");
    answer_first(&mut ann);
    for path in [
        format!("{}/p/..%2F..%2Fetc%2Fpasswd", server.room),
        format!("{}/p/../../../etc/passwd", server.room),
        format!("{}/../../etc/passwd", server.room),
        "/r/%2e%2e/%2e%2e/etc/passwd".to_string(),
        format!("{}/p/{}", server.room, "A".repeat(5000)),
        "/../../../../etc/passwd".to_string(),
        format!("{}/.copro-collect/room.json", server.room),
    ] {
        let r = request(server.addr, "GET", &path, &[], b"").expect("answer");
        assert!(
            matches!(r.status, 400 | 404),
            "{path}: {} {}",
            r.status,
            r.body
        );
        assert!(!r.body.contains("root:"), "{path}");
    }
    // The name is kept in the file, not in its name.
    let names: Vec<String> = files(dir.path())
        .iter()
        .map(|f| f.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["oak-tree-care-carer-2026-11-23.toml"]);
    let saved = load(&dir.path().join(&names[0]));
    assert_eq!(saved.name.as_deref(), Some("../../../etc/passwd"));
}

#[test]
fn one_device_that_sends_too_many_requests_is_asked_to_wait() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start(dir.path(), &["--requests-per-minute", "10"]);
    let statuses: Vec<u16> = (0..30)
        .map(|_| {
            request(server.addr, "GET", "/", &[], b"")
                .expect("answer")
                .status
        })
        .collect();
    assert_eq!(statuses[0], 200);
    assert!(statuses.contains(&429), "{statuses:?}");
}

#[test]
fn after_a_kill_and_a_restart_everyone_carries_on_where_they_were() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = common::tlap();
    let server = start(dir.path(), &[]);
    let mut ann = server.join("person-drawing-on-support", "Ann");
    let mut bob = server.join("service-manager", "Bob");
    for _ in 0..3 {
        answer_first(&mut ann);
    }
    // Ann is in the middle of the evidence step of her fourth question.
    ann.press("choose", &[("option", "1")]);
    assert_eq!(ann.kind(), Kind::Evidence);
    answer_first(&mut bob);
    let room = server.room.clone();
    server.kill();

    // Every answer shown as saved is in the files.
    let asked = common::asked(&q);
    let ann_file = files(dir.path())
        .into_iter()
        .find(|f| f.to_string_lossy().contains("person-drawing"))
        .expect("Ann's file");
    let saved = load(&ann_file);
    assert_eq!(saved.answers[asked[3]], Answer::Chosen(1));
    assert_eq!(saved.given(), 4);

    let server = start(dir.path(), &[]);
    assert_eq!(server.room, room, "the same room, the same links");
    ann.addr = server.addr;
    bob.addr = server.addr;
    ann.get(&ann.at.clone());
    assert_eq!(ann.kind(), Kind::Evidence, "back at the evidence step");
    ann.press("back", &[]);
    assert_eq!(ann.kind(), Kind::Question);
    assert!(ann.page.contains("checked"), "showing the answer given");
    ann.press("choose", &[("option", "0")]);
    ann.press("note", &[("note", "")]);
    assert!(ann.page.contains(&format!("5 of {}", q.questions.len())));
    bob.get(&room);
    assert_eq!(bob.kind(), Kind::Question);
    assert!(
        bob.page.contains(&format!("2 of {}", q.questions.len())),
        "{}",
        bob.page
    );

    let trainer = server.trainer_page();
    assert!(trainer.contains("2 joined · 0 finished"), "{trainer}");
    let (status, _) = server.end();
    assert_eq!(status.code(), Some(0));
    assert_eq!(
        load(&ann_file).answers[asked[3]],
        Answer::Chosen(0),
        "the answer changed after the restart"
    );
}

#[test]
fn a_client_that_sends_its_request_too_slowly_is_cut_off() {
    use copro::collect::server::{Limits, Server};
    use copro::collect::{Collector, Room};
    use std::io::{Read, Write};

    let dir = tempfile::tempdir().expect("temp dir");
    let collector = Collector::open(Room {
        questionnaire: "tlap".into(),
        organisation: "Oak Tree Care".into(),
        service: "Home care".into(),
        assessed: copro::assessment::Date::today(),
        dir: dir.path().to_path_buf(),
        show_result: false,
        show_names: false,
    })
    .expect("a room");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("listen");
    let addr = listener.local_addr().expect("address");
    let limits = Limits {
        header_timeout: std::time::Duration::from_millis(300),
        ..Limits::default()
    };
    let server = Server::new(
        std::sync::Arc::new(collector),
        &format!("http://{addr}"),
        limits,
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = runtime.spawn(server.run(listener, async {
        let _ = stopped.await;
    }));

    // Half a request's head, then nothing: the server closes the connection.
    let mut slow = std::net::TcpStream::connect(addr).expect("connect");
    slow.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .expect("timeout");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .expect("write");
    let mut rest = Vec::new();
    let closed = slow.read_to_end(&mut rest);
    assert!(
        closed.is_ok(),
        "the server closed the connection: {closed:?}"
    );
    // A whole request is still served.
    let r = request(addr, "GET", "/", &[], b"").expect("answer");
    assert_eq!(r.status, 200);
    let _ = stop.send(());
    runtime.block_on(serving).expect("the server stops");
}

#[test]
fn someone_who_joins_and_gives_no_answer_is_left_out_of_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start(dir.path(), &["--show-names"]);
    let gone = server.join("carer", "Gone");
    assert_eq!(gone.kind(), Kind::Question);
    let mut b = server.join("carer", "Stayed");
    answer_first(&mut b);
    let (status, printed) = server.end();
    assert_eq!(status.code(), Some(0), "{printed}");
    assert!(printed.contains("report (1 participant)"), "{printed}");
    assert!(
        printed.contains("Left out: 1 participant who joined but gave no answer."),
        "{printed}"
    );
    let report =
        std::fs::read_to_string(dir.path().join("workshop-report.html")).expect("the report");
    assert!(
        report.contains("Stayed") && !report.contains("Gone"),
        "{report}"
    );
    assert_eq!(files(dir.path()).len(), 2, "both files stay in DIR");
}

/// A GET of `/` from another device on the network: the address 127.0.0.2, which the
/// loopback interface also answers to.
fn get_from_another_device(addr: std::net::SocketAddr) -> std::io::Result<String> {
    use std::io::{Read, Write};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    let stream = runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.bind("127.0.0.2:0".parse().expect("an address"))?;
        socket.connect(addr).await
    })?;
    let mut stream = stream.into_std()?;
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(30)))?;
    stream.write_all(
        format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

#[test]
fn one_device_cannot_hold_every_connection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start(dir.path(), &["--connections-per-device", "2"]);
    // This device holds two connections open, sending nothing: its third is closed.
    let idle: Vec<std::net::TcpStream> = (0..2)
        .map(|_| std::net::TcpStream::connect(server.addr).expect("connects"))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        request(server.addr, "GET", "/", &[], b"").is_err(),
        "a third connection from the same device is closed"
    );
    // Another device still gets in.
    let other = get_from_another_device(server.addr).expect("another device is answered");
    assert!(other.starts_with("HTTP/1.1 200"), "{other}");
    // Once the device lets go, it gets in again.
    drop(idle);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let again = request(server.addr, "GET", "/", &[], b"").expect("answered");
    assert_eq!(again.status, 200);
}

#[test]
fn a_room_carries_on_only_with_what_it_collects() {
    let dir = tempfile::tempdir().expect("temp dir");
    let server = start(dir.path(), &[]);
    let mut b = server.join("carer", "");
    answer_first(&mut b);
    let (status, _) = server.end();
    assert_eq!(status.code(), Some(0));
    let dir_arg = dir.path().to_str().expect("path");
    let common = ["--listen", "127.0.0.1:0", "--assessed", "2026-11-23"];
    let held = format!(
        "holds a room for tlap {}, Oak Tree Care, Home care",
        common::tlap().version
    );
    for (questionnaire, service) in [("hart", "Home care"), ("tlap", "Day centre")] {
        let mut args = vec![
            "collect",
            dir_arg,
            "--questionnaire",
            questionnaire,
            "--organisation",
            "Oak Tree Care",
            "--service",
            service,
        ];
        args.extend(common);
        let out = common::copro(&args);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&held), "{err}");
    }
}
