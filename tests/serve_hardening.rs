//! `sohoa serve` against what comes from outside the officer's own use:
//! DNS rebinding (the `Host` check), slow and idle sockets (timeouts and
//! the connection cap), caching and framing of personal data (the security
//! headers), and HTTPS with a certificate made here (curl checks it).

mod common;

use common::web::*;
use common::*;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A request written as given (no Host added), its whole answer read.
fn raw(addr: &str, request: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let status = text.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, text)
}

fn header<'a>(a: &'a Answer, name: &str) -> Option<&'a str> {
    a.headers.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then_some(v.trim())
    })
}

const SEARCH: &str = "/api/search?q=Tr%E1%BA%A7n%20V%C4%83n%20B%E1%BA%A3y";

#[test]
fn only_the_served_address_localhost_and_given_names_are_answered() {
    let srv = Server::start(&["--host", "Archive.Example.gov.vn"]);
    let port = srv.addr.rsplit(':').next().unwrap().to_string();
    // The data is there for the right name...
    let ok = get(&srv.addr, SEARCH);
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert!(ok.json()["total"].as_u64().unwrap() >= 1);
    for host in [
        format!("localhost:{port}"),
        "archive.example.gov.vn".to_string(),
        "archive.example.gov.vn:443".to_string(),
    ] {
        let (status, _) = raw(
            &srv.addr,
            &format!("GET {SEARCH} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(status, 200, "{host}");
    }
    // ...and not for a rebound name, whatever the path, nor for none.
    for path in [SEARCH, "/", "/dossiers", "/page-image?dossier=x&page=1"] {
        let (status, text) = raw(
            &srv.addr,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"
            ),
        );
        assert_eq!(status, 421, "{path}: {text}");
        assert!(text.contains("không phục vụ"), "{text}");
        assert!(
            !text.contains("Bảy") && !text.contains("\"hits\""),
            "{text}"
        );
        assert!(text
            .to_ascii_lowercase()
            .contains("cache-control: no-store"));
    }
    let (status, text) = raw(&srv.addr, &format!("GET {SEARCH} HTTP/1.0\r\n\r\n"));
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("Host"), "{text}");
    // An absolute URL must name us too, whatever the Host says.
    let (status, _) = raw(
        &srv.addr,
        &format!(
            "GET http://evil.example{SEARCH} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            srv.addr
        ),
    );
    assert_ne!(status, 200);
    // Two Host headers are one too many.
    let (status, _) = raw(
        &srv.addr,
        &format!(
            "GET / HTTP/1.1\r\nHost: {}\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
            srv.addr
        ),
    );
    assert_eq!(status, 400);
}

#[test]
fn every_answer_has_the_security_headers_and_personal_data_is_never_stored() {
    let srv = Server::start(&[]);
    let id = enc("ho-tro-thue-nha/Danh sách tháng 6-2022");
    let personal = [
        "/".to_string(),
        "/?q=hoa".to_string(),
        "/dossiers".to_string(),
        format!("/dossiers/{id}"),
        SEARCH.to_string(),
        format!("/api/dossiers/{id}"),
        format!("/page-image?dossier={id}&page=1"),
        format!("/page-image?dossier={id}&page=1&w=240"),
        format!("/pdf/{id}"),
        "/khong-co".to_string(),
    ];
    for path in &personal {
        let a = get(&srv.addr, path);
        assert!(
            a.status == 200 || path == "/khong-co",
            "{path}: {}",
            a.status
        );
        assert_eq!(
            header(&a, "x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(header(&a, "referrer-policy"), Some("no-referrer"), "{path}");
        assert_eq!(header(&a, "cache-control"), Some("no-store"), "{path}");
        let csp = header(&a, "content-security-policy").unwrap_or_default();
        for part in [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
        ] {
            assert!(csp.contains(part), "{path}: {csp}");
        }
    }
    // The pages carry no inline style or script the policy would block.
    for path in ["/?q=hoa", &format!("/dossiers/{id}"), "/dossiers"] {
        let html = get(&srv.addr, path).text();
        assert!(!html.contains("style=\""), "{path}");
        assert!(!html.contains("<script>"), "{path}");
        assert!(!html.contains(" onclick="), "{path}");
    }
    // Only the compiled-in assets may be cached.
    for path in ["/assets/style.css", "/assets/app.js", "/favicon.svg"] {
        let a = get(&srv.addr, path);
        assert_eq!(a.status, 200);
        assert_ne!(header(&a, "cache-control"), Some("no-store"), "{path}");
        assert_eq!(header(&a, "x-content-type-options"), Some("nosniff"));
    }
}

/// Whether the server has closed `s`: end of stream or a reset.
fn closed(mut s: &TcpStream) -> bool {
    s.set_nonblocking(true).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue, // a 408 before the close, say
            Err(e) if e.kind() == ErrorKind::WouldBlock => return false,
            Err(_) => return true,
        }
    }
}

#[test]
fn slowloris_and_idle_sockets_are_closed_after_the_timeout() {
    let timeout = 2;
    let srv = Server::start(&["--header-timeout", &timeout.to_string()]);
    let start = Instant::now();
    // Eight clients sending their headers one byte a second, for ever.
    let slow: Vec<_> = (0..8)
        .map(|_| {
            let addr = srv.addr.clone();
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(&addr).unwrap();
                let begun = Instant::now();
                let head = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ");
                for b in head.bytes().chain(std::iter::repeat(b'a')) {
                    if s.write_all(&[b]).is_err() || closed(&s) {
                        return begun.elapsed();
                    }
                    std::thread::sleep(Duration::from_secs(1));
                    if begun.elapsed() > Duration::from_secs(30) {
                        break;
                    }
                }
                begun.elapsed()
            })
        })
        .collect();
    // Two hundred that connect and say nothing.
    let mut idle: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(&srv.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        idle.iter_mut().all(|s| !closed(s)),
        "idle sockets are not closed at once"
    );
    // A keep-alive connection that has been answered, then waits.
    let mut kept = TcpStream::connect(&srv.addr).unwrap();
    write!(
        kept,
        "GET /favicon.svg HTTP/1.1\r\nHost: {}\r\n\r\n",
        srv.addr
    )
    .unwrap();
    std::thread::sleep(Duration::from_secs(timeout + 2));
    let open = idle.iter_mut().filter(|s| !closed(s)).count();
    assert_eq!(open, 0, "{open} of 200 idle sockets still open");
    assert!(closed(&kept), "an idle keep-alive connection stays open");
    for t in slow {
        let lived = t.join().unwrap();
        assert!(
            lived <= Duration::from_secs(timeout + 3),
            "a slowloris socket lived {lived:?}"
        );
    }
    // And the server still answers.
    assert_eq!(get(&srv.addr, SEARCH).status, 200);
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn connections_past_the_cap_wait_for_a_place() {
    let srv = Server::start(&["--header-timeout", "2", "--max-connections", "4"]);
    let _held: Vec<TcpStream> = (0..4)
        .map(|_| TcpStream::connect(&srv.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let t = Instant::now();
    let a = get(&srv.addr, "/favicon.svg");
    assert_eq!(a.status, 200);
    // Served once the idle four timed out, not before, and not never.
    let waited = t.elapsed();
    assert!(
        waited >= Duration::from_millis(1200) && waited < Duration::from_secs(6),
        "{waited:?}"
    );
}

/// A self-signed certificate for localhost and 127.0.0.1, as PEM files.
fn certificate(dir: &std::path::Path) -> (String, String) {
    let rcgen::CertifiedKey { cert, signing_key } =
        rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).unwrap();
    let c = dir.join("cert.pem");
    let k = dir.join("key.pem");
    std::fs::write(&c, cert.pem()).unwrap();
    std::fs::write(&k, signing_key.serialize_pem()).unwrap();
    (c.to_str().unwrap().into(), k.to_str().unwrap().into())
}

fn curl(ca: &str, url: &str) -> std::process::Output {
    std::process::Command::new("curl")
        .args(["-sS", "--max-time", "60", "-i", "--cacert", ca, url])
        .output()
        .unwrap()
}

#[test]
fn https_with_a_certificate_from_flags_or_the_config_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (cert, key) = certificate(tmp.path());
    let srv = Server::start(&["--tls-cert", &cert, "--tls-key", &key]);
    let port = srv.addr.rsplit(':').next().unwrap();
    let o = curl(&cert, &format!("https://localhost:{port}{SEARCH}"));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    assert!(out.contains("\"total\""), "{out}");
    assert!(out.to_ascii_lowercase().contains("cache-control: no-store"));
    // Clear text to the TLS port gets no data.
    let mut s = TcpStream::connect(&srv.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // The server may close before the whole request is written.
    let _ = write!(s, "GET {SEARCH} HTTP/1.1\r\nHost: {}\r\n\r\n", srv.addr);
    let mut back = Vec::new();
    let _ = s.read_to_end(&mut back);
    assert!(!String::from_utf8_lossy(&back).contains("\"total\""));

    // The same files from the config file (relative to it).
    let cfg = tmp.path().join("sohoa.toml");
    std::fs::write(&cfg, "tls_cert = \"cert.pem\"\ntls_key = \"key.pem\"\n").unwrap();
    let srv = Server::start(&["--config", cfg.to_str().unwrap()]);
    let port = srv.addr.rsplit(':').next().unwrap();
    let o = curl(&cert, &format!("https://127.0.0.1:{port}/"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("HTTP/1.1 200"));

    // A key that is not PEM: exit 2 naming the file.
    let bad = tmp.path().join("bad.pem");
    std::fs::write(&bad, "not a key\n").unwrap();
    let o = run(&[
        "serve",
        "--index",
        samples_index().to_str().unwrap(),
        "--addr",
        "127.0.0.1:0",
        "--tls-cert",
        &cert,
        "--tls-key",
        bad.to_str().unwrap(),
    ]);
    assert_code(&o, 2);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("bad.pem"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
