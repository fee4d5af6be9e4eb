//! The client side of the accounts tests: `sohoa user` with a password on
//! stdin, requests with a body written byte for byte, logins and the
//! session they give (cookie and CSRF token), request targets for the
//! router's route patterns, and a snapshot of a folder's files.

use crate::common::web::*;
use crate::common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

/// `sohoa user add NAME ARGS…` with the password on stdin; its output.
pub fn user_cmd(ix: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = sohoa()
        .arg("user")
        .args(args)
        .arg("--index")
        .arg(ix)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

pub fn add_user(ix: &Path, name: &str, pw: &str, args: &[&str]) {
    let mut all = vec!["add", name];
    all.extend_from_slice(args);
    let o = user_cmd(ix, &all, &format!("{pw}\n"));
    assert_code(&o, 0);
}

/// A dossier id in a URL path: each segment percent-encoded, `/` kept.
pub fn path_of(id: &str) -> String {
    id.split('/').map(enc).collect::<Vec<_>>().join("/")
}

/// One request with a body of `content_type`, written byte for byte.
pub fn send(
    addr: &str,
    method: &str,
    target: &str,
    headers: &[&str],
    body: Option<(&str, &str)>,
) -> Answer {
    if body.is_none() && method == "GET" {
        return http(addr, method, target, headers, None);
    }
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let (ct, body) = body.unwrap_or(("application/x-www-form-urlencoded", ""));
    let mut req = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: {ct}\r\nContent-Length: {}\r\n",
        body.len()
    );
    for h in headers {
        req.push_str(h);
        req.push_str("\r\n");
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    Answer {
        status: head[9..12].parse().unwrap(),
        headers: head,
        body: raw[split + 4..].to_vec(),
    }
}

pub fn header(a: &Answer, name: &str) -> Option<String> {
    let name = format!("{}:", name.to_ascii_lowercase());
    a.headers.lines().find_map(|l| {
        l.to_ascii_lowercase()
            .starts_with(&name)
            .then(|| l[name.len()..].trim().to_string())
    })
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn try_login(addr: &str, name: &str, pw: &str) -> Answer {
    let body = form(&[("username", name), ("password", pw)]);
    send(
        addr,
        "POST",
        "/login",
        &[],
        Some(("application/x-www-form-urlencoded", &body)),
    )
}

/// A logged-in session: its `Cookie:` header and its CSRF token.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub fn login(addr: &str, name: &str, pw: &str) -> Session {
    let a = try_login(addr, name, pw);
    assert_eq!(a.status, 303, "{}", a.text());
    let set = a
        .headers
        .lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .find(|l| l.contains("sohoa_session="))
        .expect("a session cookie")
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    assert!(set.contains("Path=/"), "{set}");
    let id = set
        .split("sohoa_session=")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(id.len(), 64, "256 bits in hex: {id}");
    let cookie = format!("Cookie: sohoa_session={id}");
    let page = http(addr, "GET", "/", &[&cookie], None);
    assert_eq!(page.status, 200);
    let text = page.text();
    let csrf = text
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .expect("the logout form's CSRF field")
        .split('"')
        .next()
        .unwrap()
        .to_string();
    Session { cookie, csrf }
}

/// `POST /api/corrections` of the JSON `fix` in session `s`, with its
/// cookie and its own CSRF token.
pub fn correct_as(addr: &str, s: &Session, fix: &str) -> Answer {
    let token = format!("X-CSRF-Token: {}", s.csrf);
    send(
        addr,
        "POST",
        "/api/corrections",
        &[&s.cookie, &token],
        Some(("application/json", fix)),
    )
}

/// A request target for a route pattern (the dossier `id`, a page image
/// of it).
pub fn target_of(path: &str, id: &str) -> String {
    match path {
        "/page-image" => format!("/page-image?dossier={}&page=1", enc(id)),
        p if p.ends_with("{*id}") => format!("{}{}", p.trim_end_matches("{*id}"), path_of(id)),
        p => p.to_string(),
    }
}

/// Every file under `dir` with its bytes (empty when there is no `dir`).
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}
