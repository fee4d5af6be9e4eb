//! The web front-end's test helpers: a running `sohoa serve`, a raw
//! HTTP/1.1 client, and chromedriver driving headless Chromium.
//!
//! The HTTP client is a few lines over `TcpStream` on purpose: a request
//! line with `..` or `%2e%2e` must reach the server exactly as written,
//! which URL libraries normalise away.

use super::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `sohoa serve`, stopped (by its own pid) when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        Server::start_on(samples_index(), extra)
    }

    pub fn start_on(index: &std::path::Path, extra: &[&str]) -> Server {
        let mut child = sohoa()
            .arg("serve")
            .arg("--index")
            .arg(index)
            .args(["--addr", "127.0.0.1:0"])
            .args(extra)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let line = lines.next().expect("a first line").unwrap();
        let addr = line
            .split("://")
            .nth(1)
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || for _ in lines {});
        Server { child, addr }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Answer {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {} {}", self.status, self.text()))
    }
}

/// One HTTP/1.1 request, written byte for byte as given.
pub fn http(
    addr: &str,
    method: &str,
    target: &str,
    headers: &[&str],
    body: Option<&Value>,
) -> Answer {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for h in headers {
        req.push_str(h);
        req.push_str("\r\n");
    }
    if method != "GET" {
        req.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(&body);
    s.write_all(req.as_bytes()).unwrap();
    // Read the head, then exactly the body it announces: a server may keep
    // the connection open whatever we asked (chromedriver does).
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    let split = loop {
        if let Some(p) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "connection closed before the head ended");
        raw.extend_from_slice(&buf[..n]);
    };
    let headers = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = headers[9..12].parse().unwrap();
    let lower = headers.to_ascii_lowercase();
    let mut body = raw[split + 4..].to_vec();
    let length = lower
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map(|v| v.trim().parse::<usize>().unwrap());
    if let Some(len) = length {
        while body.len() < len {
            let n = s.read(&mut buf).unwrap();
            assert!(n > 0, "connection closed inside the body");
            body.extend_from_slice(&buf[..n]);
        }
    } else if lower.contains("transfer-encoding: chunked") {
        while !body.ends_with(b"0\r\n\r\n") {
            let n = s.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            body.extend_from_slice(&buf[..n]);
        }
        body = unchunk(&body);
    } else {
        s.read_to_end(&mut body).unwrap();
    }
    Answer {
        status,
        headers,
        body,
    }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 4 + size..];
    }
}

pub fn get(addr: &str, target: &str) -> Answer {
    http(addr, "GET", target, &[], None)
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// A real browser
// ---------------------------------------------------------------------------

/// chromedriver on a free loopback port, stopped when dropped.
pub struct Driver {
    child: Child,
    addr: String,
    _profile: tempfile::TempDir,
    session: String,
}

pub const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Driver {
    pub fn start() -> Driver {
        Driver::start_sized(1280, 1000)
    }

    /// A browser whose window is `width` × `height` CSS pixels.
    pub fn start_sized(width: u32, height: u32) -> Driver {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian package chromium-driver; scripts/install-deps.sh)");
        let addr = format!("127.0.0.1:{port}");
        let t = Instant::now();
        while TcpStream::connect(&addr).is_err() {
            assert!(
                t.elapsed() < Duration::from_secs(30),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless", "--no-sandbox", "--disable-gpu",
                         "--disable-background-networking", "--disable-component-update",
                         "--no-first-run", "--disable-quic", "--disable-sync",
                         "--disable-dev-shm-usage", format!("--window-size={width},{height}"),
                         format!("--user-data-dir={}", profile.path().display())]
            }
        }}});
        let mut d = Driver {
            child,
            addr,
            _profile: profile,
            session: String::new(),
        };
        let v = d.call("POST", "/session", Some(&caps));
        d.session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        // Chromium keeps a window at least 500 px wide: the viewport is set
        // to the asked size itself.
        d.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        );
        d
    }

    /// One WebDriver command; its "value".
    pub fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let a = http(&self.addr, method, path, &[], body);
        let v = a.json();
        assert_eq!(a.status, 200, "{method} {path}: {v}");
        v.get("sessionId")
            .map(|_| v.clone())
            .unwrap_or_else(|| v["value"].clone())
    }

    pub fn s(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    /// Elements matching a CSS selector, waiting up to 30 s for one.
    pub fn find_all(&self, css: &str) -> Vec<String> {
        let t = Instant::now();
        loop {
            let v = self.call(
                "POST",
                &self.s("/elements"),
                Some(&json!({"using": "css selector", "value": css})),
            );
            let ids: Vec<String> = v
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    e[ELEMENT]
                        .as_str()
                        .unwrap_or_else(|| panic!("{css}: {v}"))
                        .to_string()
                })
                .collect();
            if !ids.is_empty() || t.elapsed() > Duration::from_secs(30) {
                return ids;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    pub fn find(&self, css: &str) -> String {
        self.find_all(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {css} on the page"))
    }

    /// Open a URL and wait for the page to load.
    pub fn goto(&self, url: &str) {
        self.call("POST", &self.s("/url"), Some(&json!({ "url": url })));
    }

    /// The text of the first element matching `css`.
    pub fn text(&self, css: &str) -> String {
        let e = self.find(css);
        self.call("GET", &self.s(&format!("/element/{e}/text")), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Click the first element matching `css`.
    pub fn click(&self, css: &str) {
        let e = self.find(css);
        self.call(
            "POST",
            &self.s(&format!("/element/{e}/click")),
            Some(&json!({})),
        );
    }

    /// Press keys (WebDriver "send keys" to the focused element).
    pub fn keys(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.call(
            "POST",
            &self.s(&format!("/element/{e}/value")),
            Some(&json!({ "text": text })),
        );
    }

    /// A PNG of the viewport, written to `path`.
    pub fn screenshot(&self, path: &std::path::Path) {
        let v = self.call("GET", &self.s("/screenshot"), None);
        let png = base64_decode(v.as_str().expect("base64 PNG"));
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, png).unwrap();
    }

    /// Run an async script (it gets its callback as the last argument).
    pub fn script_async(&self, js: &str) -> Value {
        self.call(
            "POST",
            &self.s("/execute/async"),
            Some(&json!({"script": js, "args": []})),
        )
    }

    /// Press one key on the keyboard, as a person would (WebDriver actions:
    /// the key goes to whatever has the focus).
    pub fn press(&self, key: &str) {
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]}]});
        self.call("POST", &self.s("/actions"), Some(&actions));
    }

    /// A Chrome DevTools command (chromedriver's `goog/cdp/execute`).
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.call(
            "POST",
            &self.s("/goog/cdp/execute"),
            Some(&json!({"cmd": cmd, "params": params})),
        )
    }

    /// The page printed to PDF (A4), as the browser's print would.
    pub fn print_pdf(&self) -> Vec<u8> {
        let v = self.call(
            "POST",
            &self.s("/print"),
            Some(&json!({"page": {"width": 21.0, "height": 29.7}, "background": true})),
        );
        base64_decode(v.as_str().expect("base64 PDF"))
    }

    pub fn script(&self, js: &str) -> Value {
        self.call(
            "POST",
            &self.s("/execute/sync"),
            Some(&json!({"script": js, "args": []})),
        )
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http(&self.addr, "DELETE", &self.s(""), &[], None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (WebDriver's screenshots) to bytes.
pub fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// Wait until `js` (an expression) is true on the page.
pub fn wait_true(d: &Driver, js: &str) {
    let t = Instant::now();
    loop {
        if d.script(&format!("return !!({js});")) == json!(true) {
            return;
        }
        assert!(t.elapsed() < Duration::from_secs(30), "never true: {js}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// axe-core's serious and critical violations on the current page.
pub fn axe_violations(d: &Driver) -> Vec<Value> {
    let axe = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/axe.min.js"),
    )
    .unwrap();
    d.script(&format!("{axe}\nreturn typeof axe;"));
    let v = d.script_async(
        "var done=arguments[arguments.length-1];\
         axe.run(document,{resultTypes:['violations']}).then(function(r){\
           done(r.violations.filter(function(v){return v.impact==='serious'||v.impact==='critical';})\
             .map(function(v){return {id:v.id,impact:v.impact,help:v.help,\
               nodes:v.nodes.slice(0,3).map(function(n){return n.target.join(' ');})};}));\
         },function(e){done([{id:'axe-error',help:String(e)}]);});",
    );
    v.as_array().cloned().unwrap_or_default()
}
