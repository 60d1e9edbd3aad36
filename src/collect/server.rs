//! The web server of `copro collect`: HTTP on top of the room, with the limits a laptop on
//! a venue's Wi-Fi needs.
//!
//! axum routes requests to a few handlers that find the room and the participant by their
//! keys, hand the reply to the participant's session, and answer with a page or a redirect
//! to it (so a reload never sends an answer twice). hyper serves each connection with a
//! time limit on reading a request's head; tower-http limits the body's size and the time a
//! request may take; a guard in front of every route limits requests per client, refuses
//! forms posted from another site, and adds the headers that keep pages private (no cache,
//! no referrer to other sites, no framing, no script). Saving happens off the async
//! threads, and the redirect that shows the next page is sent only once the answer is on
//! disk.

use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tower::ServiceExt;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use super::pages::{self, Form, MAX_NAME, MAX_NOTE, Projector};
use super::{Collector, qr, token};
use crate::interview::Reply;

/// The limits every client is held to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub body_bytes: usize,
    /// The most fields a form may have.
    pub fields: usize,
    /// Requests a client (an address) may make per minute, with as many at once; `None`:
    /// no limit (a benchmark on loopback).
    pub per_minute: Option<u32>,
    /// The time a client has to send a request's head.
    pub header_timeout: Duration,
    /// The time a request may take, its body included.
    pub request_timeout: Duration,
    /// The most connections open at once.
    pub connections: usize,
    /// The most connections one client (an address) may hold open at once.
    pub per_device: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 16 * 1024,
            fields: 8,
            per_minute: Some(600),
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(20),
            connections: 512,
            per_device: 16,
        }
    }
}

/// The address a request came from, set on every request by the connection.
#[derive(Debug, Clone, Copy)]
struct Peer(IpAddr);

/// Requests per client: a bucket per address that fills at the limit per minute.
#[derive(Debug)]
struct Limiter {
    per_minute: Option<u32>,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl Limiter {
    fn allow(&self, ip: IpAddr) -> bool {
        let Some(per_minute) = self.per_minute else {
            return true;
        };
        let capacity = f64::from(per_minute);
        let now = Instant::now();
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() > 10_000 {
            // Forget clients whose bucket has filled up again.
            buckets.retain(|_, (level, at)| {
                *level + now.duration_since(*at).as_secs_f64() * capacity / 60.0 < capacity
            });
        }
        let (level, at) = buckets.entry(ip).or_insert((capacity, now));
        *level = (*level + now.duration_since(*at).as_secs_f64() * capacity / 60.0).min(capacity);
        *at = now;
        if *level >= 1.0 {
            *level -= 1.0;
            true
        } else {
            false
        }
    }
}

/// What every handler shares.
#[derive(Debug)]
struct App {
    collector: Arc<Collector>,
    base: String,
    limits: Limits,
    limiter: Limiter,
}

/// The server of one room.
#[derive(Debug, Clone)]
pub struct Server {
    app: Arc<App>,
}

impl Server {
    /// A server for `collector`, reached at `base` (e.g. `http://192.168.1.20:8765`).
    pub fn new(collector: Arc<Collector>, base: &str, limits: Limits) -> Server {
        Server {
            app: Arc::new(App {
                collector,
                base: base.trim_end_matches('/').to_string(),
                limits,
                limiter: Limiter {
                    per_minute: limits.per_minute,
                    buckets: Mutex::new(HashMap::new()),
                },
            }),
        }
    }

    /// The room's address, for participants.
    pub fn room_address(&self) -> String {
        format!("{}/r/{}", self.app.base, self.app.collector.code())
    }

    /// The front page, where the room's code can be typed.
    pub fn front_address(&self) -> String {
        format!("{}/", self.app.base)
    }

    /// The trainer's page.
    pub fn trainer_address(&self) -> String {
        format!(
            "{}/r/{}/t/{}",
            self.app.base,
            self.app.collector.code(),
            self.app.collector.trainer_key()
        )
    }

    /// Serves on `listener` until `stop` completes or the trainer ends the collection;
    /// then lets requests under way finish (for at most five seconds).
    pub async fn run(self, listener: TcpListener, stop: impl Future<Output = ()>) {
        let router = router(self.app.clone());
        let slots = Arc::new(tokio::sync::Semaphore::new(self.app.limits.connections));
        let devices = Devices::new(self.app.limits.per_device);
        let (closing, closed) = tokio::sync::watch::channel(false);
        let mut tasks = tokio::task::JoinSet::new();
        let header_timeout = self.app.limits.header_timeout;
        tokio::pin!(stop);
        loop {
            let (stream, peer) = tokio::select! {
                () = &mut stop => break,
                () = self.app.collector.ended() => break,
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    // Out of file descriptors, or a connection reset before it was taken:
                    // wait a little rather than spin.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
            };
            while tasks.try_join_next().is_some() {}
            // A device over its share is turned away before it can take a shared slot.
            let Some(device) = devices.take(peer.ip()) else {
                continue;
            };
            let Ok(permit) = slots.clone().try_acquire_owned() else {
                continue;
            };
            let router = router.clone();
            let mut closed = closed.clone();
            tasks.spawn(async move {
                let _permit = (permit, device);
                let service = hyper::service::service_fn(
                    move |mut request: Request<hyper::body::Incoming>| {
                        request.extensions_mut().insert(Peer(peer.ip()));
                        router.clone().oneshot(request)
                    },
                );
                let mut builder = hyper::server::conn::http1::Builder::new();
                builder
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_timeout);
                let connection = builder.serve_connection(TokioIo::new(stream), service);
                tokio::pin!(connection);
                tokio::select! {
                    _ = connection.as_mut() => {}
                    _ = closed.changed() => {
                        connection.as_mut().graceful_shutdown();
                        let _ = connection.await;
                    }
                }
            });
        }
        let _ = closing.send(true);
        let _ = tokio::time::timeout(Duration::from_secs(5), async {
            while tasks.join_next().await.is_some() {}
        })
        .await;
    }
}

fn router(app: Arc<App>) -> Router {
    let limits = app.limits;
    Router::new()
        .route("/", get(front))
        .route("/join", get(code_typed))
        .route("/r/{room}", get(room))
        .route("/r/{room}/join", post(join))
        .route("/r/{room}/p/{key}", get(participant).post(reply))
        .route("/r/{room}/t/{key}", get(trainer))
        .route("/r/{room}/t/{key}/end", post(end))
        .fallback(async || not_found())
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .with_state(app)
}

/// A page with a status.
fn page(status: StatusCode, html: String) -> Response {
    (status, Html(html)).into_response()
}

fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        pages::message(
            "Nothing here",
            "There is nothing at this address. Check the address or the code on the screen.",
        ),
    )
}

fn refused(text: &str) -> Response {
    page(StatusCode::FORBIDDEN, pages::message("Not sent", text))
}

fn bad_request(text: &str) -> Response {
    page(
        StatusCode::BAD_REQUEST,
        pages::message("Not understood", text),
    )
}

/// Connections open per client address, so that one device cannot hold every connection
/// the room has (idle connections cost an attacker nothing).
#[derive(Clone)]
struct Devices {
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
    most: usize,
}

/// One open connection of a device; closing it gives the place back.
struct Device {
    devices: Devices,
    ip: IpAddr,
}

impl Devices {
    fn new(most: usize) -> Self {
        Devices {
            open: Arc::default(),
            most,
        }
    }

    /// A place for one more connection from `ip`, if it has fewer than its most open.
    fn take(&self, ip: IpAddr) -> Option<Device> {
        let mut open = super::lock(&self.open);
        let count = open.entry(ip).or_insert(0);
        if *count >= self.most {
            return None;
        }
        *count += 1;
        Some(Device {
            devices: self.clone(),
            ip,
        })
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        let mut open = super::lock(&self.devices.open);
        if let Some(count) = open.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// A page saying the last step was not saved. What went wrong stays on the server: its
/// words name the trainer's files, which are no participant's business.
fn failed(_error: &anyhow::Error) -> Response {
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        pages::message(
            "Not saved",
            "Your last answer could not be saved on the trainer's computer (its disk may be full). Please tell the trainer, then try again.",
        ),
    )
}

/// In front of every route: requests per client, forms from other sites, private headers.
async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<Peer>().map(|p| p.0);
    if let Some(ip) = peer
        && !app.limiter.allow(ip)
    {
        let mut response = page(
            StatusCode::TOO_MANY_REQUESTS,
            pages::message(
                "Too many requests",
                "This device has sent too many requests: wait a minute, then reload the page.",
            ),
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return secured(response);
    }
    if request.method() == Method::POST && !same_site(request.headers()) {
        return secured(refused(
            "This form was sent from another site, so it was not accepted.",
        ));
    }
    secured(next.run(request).await)
}

/// True unless the browser says the request comes from another site: `Sec-Fetch-Site`
/// where it is sent, else `Origin` against `Host`.
fn same_site(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site")
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match (text("origin"), text("host")) {
        (None, _) => true,
        (Some(origin), Some(host)) => {
            origin.strip_prefix("http://") == Some(host)
                || origin.strip_prefix("https://") == Some(host)
        }
        (Some(_), None) => false,
    }
}

/// The headers that keep every page private to the device showing it.
fn secured(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Not `no-referrer`: with it, browsers send `Origin: null` on forms, which the
        // check against other sites must refuse.
        (header::REFERRER_POLICY, "same-origin"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// True when `given` is this room's code.
fn is_room(app: &App, given: &str) -> bool {
    token::well_formed(given, token::ROOM) && token::same(given, app.collector.code())
}

/// A form's fields, within the limits; the first of a name counts.
fn fields(app: &App, body: &Bytes) -> Result<HashMap<String, String>, Response> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|_| bad_request("The form could not be read."))?;
    if pairs.len() > app.limits.fields {
        return Err(page(
            StatusCode::PAYLOAD_TOO_LARGE,
            pages::message("Too much", "The form has too many fields."),
        ));
    }
    let mut map = HashMap::new();
    for (name, value) in pairs {
        map.entry(name).or_insert(value);
    }
    Ok(map)
}

/// Runs blocking work (a save) off the async threads.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(work).await.ok()
}

async fn front() -> Response {
    page(StatusCode::OK, pages::code_entry(false))
}

#[derive(Debug, serde::Deserialize)]
struct Code {
    code: Option<String>,
}

async fn code_typed(State(app): State<Arc<App>>, Query(code): Query<Code>) -> Response {
    let typed = token::typed(code.code.as_deref().unwrap_or_default());
    if is_room(&app, &typed) {
        Redirect::to(&format!("/r/{typed}")).into_response()
    } else {
        page(StatusCode::NOT_FOUND, pages::code_entry(true))
    }
}

/// The participant's key from the cookie, if it is one of this room's.
fn cookie_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix("copro="))
        .map(String::from)
}

fn join_page(app: &App, problem: bool) -> String {
    let room = &app.collector.room;
    pages::join(
        app.collector.questionnaire(),
        &room.organisation,
        &room.service,
        &format!("/r/{}/join", app.collector.code()),
        room.show_names,
        problem,
    )
}

async fn room(
    State(app): State<Arc<App>>,
    Path(room): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !is_room(&app, &room) {
        return not_found();
    }
    if let Some(key) = cookie_key(&headers)
        && app.collector.participant(&key).is_some()
    {
        return Redirect::to(&format!("/r/{room}/p/{key}")).into_response();
    }
    page(StatusCode::OK, join_page(&app, false))
}

async fn join(State(app): State<Arc<App>>, Path(room): Path<String>, body: Bytes) -> Response {
    if !is_room(&app, &room) {
        return not_found();
    }
    let fields = match fields(&app, &body) {
        Ok(fields) => fields,
        Err(response) => return response,
    };
    let roles = app.collector.questionnaire().roles.len();
    let Some(role) = fields
        .get("role")
        .and_then(|r| r.parse::<usize>().ok())
        .filter(|&r| r < roles)
    else {
        return page(StatusCode::BAD_REQUEST, join_page(&app, true));
    };
    let name = fields
        .get("name")
        .map(|n| crate::text::one_line(n))
        .filter(|n| !n.is_empty());
    if name.as_ref().is_some_and(|n| n.chars().count() > MAX_NAME) {
        return bad_request("That name is too long: a first name is enough.");
    }
    let collector = app.collector.clone();
    let joined = blocking(move || collector.join(role, name.as_deref())).await;
    match joined {
        Some(Ok(key)) => {
            let mut response = Redirect::to(&format!("/r/{room}/p/{key}")).into_response();
            let cookie =
                format!("copro={key}; Path=/r/{room}; Max-Age=604800; HttpOnly; SameSite=Strict");
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            response
        }
        Some(Err(e)) => bad_request(&crate::text::one_line(&format!("{e:#}"))),
        None => failed(&anyhow::anyhow!("the server stopped")),
    }
}

async fn participant(
    State(app): State<Arc<App>>,
    Path((room, key)): Path<(String, String)>,
) -> Response {
    if !is_room(&app, &room) {
        return not_found();
    }
    let Some(participant) = app.collector.participant(&key) else {
        return not_found();
    };
    let action = format!("/r/{room}/p/{key}");
    let show_result = app.collector.room.show_result;
    let html = blocking(move || {
        let mut p = Collector::hold(&participant);
        let notice = p.take_notice();
        let session = p.session();
        let form = Form {
            action: &action,
            key: p.form_key(),
            step: p.step(),
            notice,
            show_result,
        };
        pages::prompt(
            session.interview().questionnaire(),
            &session.prompt(),
            session.interview().assessment(),
            &form,
        )
    })
    .await;
    match html {
        Some(html) => page(StatusCode::OK, html),
        None => failed(&anyhow::anyhow!("the page could not be made")),
    }
}

/// The reply a form asks for; `Ok(None)`: an answer was asked for and none chosen;
/// `Err(())`: a note too long.
fn reply_of(fields: &HashMap<String, String>) -> Result<Result<Option<Reply>, ()>, Response> {
    let chosen = || fields.get("option").and_then(|o| o.parse::<usize>().ok());
    Ok(Ok(match fields.get("action").map(String::as_str) {
        Some("choose") => chosen().map(Reply::Choose),
        Some("dont-know") => Some(Reply::DontKnow),
        Some("skip") => Some(Reply::Skip),
        Some("back") => Some(Reply::Back),
        Some("revisit") => Some(Reply::Revisit),
        Some("finish") => Some(Reply::Finish),
        Some("note") => {
            let note = fields.get("note").cloned().unwrap_or_default();
            if note.chars().count() > MAX_NOTE {
                return Ok(Err(()));
            }
            Some(Reply::Evidence(Some(note)))
        }
        _ => return Err(bad_request("The form did not say what to do.")),
    }))
}

async fn reply(
    State(app): State<Arc<App>>,
    Path((room, key)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if !is_room(&app, &room) {
        return not_found();
    }
    let Some(participant) = app.collector.participant(&key) else {
        return not_found();
    };
    let fields = match fields(&app, &body) {
        Ok(fields) => fields,
        Err(response) => return response,
    };
    let reply = match reply_of(&fields) {
        Ok(reply) => reply,
        Err(response) => return response,
    };
    let form = fields.get("form").cloned().unwrap_or_default();
    let Some(step) = fields.get("step").and_then(|s| s.parse::<u64>().ok()) else {
        return bad_request("The form did not say which page it came from.");
    };
    let saved = blocking(move || {
        let mut p = Collector::hold(&participant);
        match reply {
            Ok(reply) => p.reply(&form, step, reply),
            Err(()) => {
                if token::same(&form, p.form_key()) {
                    p.refuse_long_note();
                    Ok(())
                } else {
                    Err(anyhow::anyhow!(
                        "this form does not belong to this participant"
                    ))
                }
            }
        }
        .map_err(|e| (e, token::same(&form, p.form_key())))
    })
    .await;
    match saved {
        Some(Ok(())) => Redirect::to(&format!("/r/{room}/p/{key}")).into_response(),
        Some(Err((_, false))) => refused("This form does not belong to this page."),
        Some(Err((e, true))) => failed(&e),
        None => failed(&anyhow::anyhow!("the server stopped")),
    }
}

fn is_trainer(app: &App, room: &str, key: &str) -> bool {
    is_room(app, room)
        && token::well_formed(key, token::KEY)
        && token::same(key, app.collector.trainer_key())
}

async fn trainer(
    State(app): State<Arc<App>>,
    Path((room, key)): Path<(String, String)>,
) -> Response {
    if !is_trainer(&app, &room, &key) {
        return not_found();
    }
    let collector = app.collector.clone();
    let address = format!("{}/r/{}", app.base, collector.code());
    let front = format!("{}/", app.base);
    let end = format!("/r/{room}/t/{key}/end");
    let counts = collector.counts();
    let q = collector.questionnaire();
    let code = token::grouped(collector.code());
    let html = pages::projector(&Projector {
        title: &q.title,
        organisation: &collector.room.organisation,
        address: &address,
        front: &front,
        code: &code,
        qr: qr::svg(&address),
        counts: &counts,
        end: &end,
        key: collector.trainer_key(),
    });
    page(StatusCode::OK, html)
}

async fn end(
    State(app): State<Arc<App>>,
    Path((room, key)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if !is_trainer(&app, &room, &key) {
        return not_found();
    }
    let fields = match fields(&app, &body) {
        Ok(fields) => fields,
        Err(response) => return response,
    };
    if !fields
        .get("form")
        .is_some_and(|f| token::same(f, app.collector.trainer_key()))
    {
        return refused("This form does not belong to this page.");
    }
    app.collector.end();
    page(
        StatusCode::OK,
        pages::message(
            "Collection ended",
            "No more answers are taken. The room's report is written beside the answers.",
        ),
    )
}
