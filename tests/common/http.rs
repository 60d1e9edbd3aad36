//! A small HTTP/1.1 client over a plain socket, for tests and the benchmark of
//! `copro collect`: one request per connection, every header and byte under the caller's
//! control (oversized bodies, forged origins, odd paths).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A response: status, headers (names in lower case) and body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// The first header of this name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one request and reads the whole response.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    // A server may answer (413) and close before reading a large body.
    let _ = stream.write_all(body);
    // Read until the body is whole: to its length when the server gives one (a server may
    // keep the connection open), else to the end.
    let mut raw = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    loop {
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n")
            && let Ok(response) = parse(&raw)
            && let Some(length) = response
                .header("content-length")
                .and_then(|l| l.parse::<usize>().ok())
            && raw.len() >= split + 4 + length
        {
            return Ok(response);
        }
        let n = stream.read(&mut buffer)?;
        if n == 0 {
            return parse(&raw);
        }
        raw.extend_from_slice(&buffer[..n]);
    }
}

fn parse(raw: &[u8]) -> std::io::Result<Response> {
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "not an HTTP response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(bad)?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&raw[split + 4..]).into_owned(),
    })
}

/// `name=value&…`, percent-encoded.
pub fn form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(n, v)| format!("{}={}", encode(n), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of the attribute `attr` of the first element that has `marker` before it in
/// the same tag, e.g. `value` after `name="form"`.
pub fn attribute(page: &str, marker: &str, attr: &str) -> Option<String> {
    let at = page.find(marker)?;
    let start = if marker.starts_with('<') {
        at
    } else {
        page[..at].rfind('<')?
    };
    let end = at + page[at..].find('>')?;
    let tag = &page[start..end];
    let key = format!("{attr}=\"");
    let from = tag.find(&key)? + key.len();
    let to = from + tag[from..].find('"')?;
    Some(tag[from..to].replace("&amp;", "&"))
}

/// A participant's browser: a cookie, and the page it is on.
#[derive(Debug, Clone)]
pub struct Browser {
    pub addr: SocketAddr,
    pub cookie: Option<String>,
    /// The address of the page shown.
    pub at: String,
    pub page: String,
}

impl Browser {
    pub fn new(addr: SocketAddr) -> Self {
        Browser {
            addr,
            cookie: None,
            at: String::new(),
            page: String::new(),
        }
    }

    fn headers(&self, post: bool) -> Vec<(&'static str, String)> {
        let mut headers = Vec::new();
        if let Some(cookie) = &self.cookie {
            headers.push(("Cookie", cookie.clone()));
        }
        if post {
            headers.push(("Origin", format!("http://{}", self.addr)));
            headers.push((
                "Content-Type",
                "application/x-www-form-urlencoded".to_string(),
            ));
        }
        headers
    }

    fn send(&mut self, method: &str, path: &str, body: &str) -> Response {
        let headers = self.headers(method == "POST");
        let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let response = request(self.addr, method, path, &headers, body.as_bytes())
            .expect("the server answers");
        if let Some(cookie) = response.header("set-cookie") {
            self.cookie = cookie.split(';').next().map(String::from);
        }
        response
    }

    /// Opens `path`, following redirects as a browser does.
    pub fn get(&mut self, path: &str) -> Response {
        let mut path = path.to_string();
        loop {
            let response = self.send("GET", &path, "");
            match response.header("location") {
                Some(next)
                    if response.status == 303
                        || response.status == 302
                        || response.status == 307 =>
                {
                    path = next.to_string();
                }
                _ => {
                    self.at = path;
                    self.page = response.body.clone();
                    return response;
                }
            }
        }
    }

    /// Posts a form to `path`, then follows the redirect to the next page.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let response = self.send("POST", path, &form(fields));
        match response.header("location") {
            Some(next) if response.status == 303 => {
                let next = next.to_string();
                self.get(&next)
            }
            _ => {
                self.page = response.body.clone();
                response
            }
        }
    }

    /// Presses the button `action` on the page shown, with `extra` fields.
    pub fn press(&mut self, action: &str, extra: &[(&str, &str)]) -> Response {
        let form_key = attribute(&self.page, "name=\"form\"", "value").expect("a form key");
        let step = attribute(&self.page, "name=\"step\"", "value").expect("a step");
        let target = attribute(&self.page, "<form method=\"post\"", "action").expect("a form");
        let mut fields = vec![
            ("form", form_key.as_str()),
            ("step", step.as_str()),
            ("action", action),
        ];
        fields.extend_from_slice(extra);
        self.post(&target, &fields)
    }

    /// What kind of page is shown.
    pub fn kind(&self) -> Kind {
        let p = &self.page;
        if p.contains("value=\"dont-know\"") {
            Kind::Question
        } else if p.contains("name=\"note\"") {
            Kind::Evidence
        } else if p.contains("value=\"revisit\"") {
            Kind::Review
        } else if p.contains("name=\"option\"") {
            Kind::Statement
        } else if p.contains("<h1>Thank you</h1>") {
            Kind::Done
        } else {
            Kind::Other
        }
    }

    /// How many options the page offers.
    pub fn options(&self) -> usize {
        self.page.matches("name=\"option\"").count()
    }
}

/// The kinds of page in a participant's journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Question,
    Evidence,
    Statement,
    Review,
    Done,
    Other,
}
