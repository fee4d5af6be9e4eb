//! What every answer of `sohoa serve` goes through, whatever the mode (no
//! users, token, accounts): the `Host` check and the security headers.
//!
//! The `Host` check is the defence against DNS rebinding: a page on
//! `evil.example` whose name the attacker re-points at 127.0.0.1 can make a
//! browser on the officer's machine read the loopback server as its own
//! origin, CCCD numbers included. The browser still sends `Host:
//! evil.example`, so only the names this server is reached by are answered:
//! the address it is bound to (and `localhost` when that is loopback), any
//! IP literal on its port when it is bound to every address (`0.0.0.0`,
//! `::`; an IP literal cannot be rebound), and each `--host NAME`. Others
//! get 421, a request without any `Host` 400.
//!
//! The headers: `nosniff`, a Content-Security-Policy that allows only this
//! server's own stylesheet, script and images (no inline code, no framing),
//! `Referrer-Policy: no-referrer` (a search URL holds the names searched),
//! and `Cache-Control: no-store` on everything but the compiled-in assets:
//! pages, API answers, page images and PDFs all hold personal data that
//! must not stay in a shared computer's browser cache.

use super::*;
use std::collections::HashSet;
use std::net::IpAddr;

/// The policy of every answer: only this server's own files, no inline
/// script or style, no frames, forms only back to this server.
pub(super) const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/// The names a request's `Host` may give.
#[derive(Debug)]
pub(super) struct Hosts {
    /// `host:port` forms, lower case, each accepted as written.
    exact: HashSet<String>,
    /// `--host` names given without a port: accepted with any port (the
    /// port a reverse proxy listens on is its own business).
    names: HashSet<String>,
    /// Bound to every address: any IP literal with this port.
    any_ip_on: Option<u16>,
    /// 443 with TLS, 80 without: the port a `Host` may leave out.
    default_port: u16,
}

impl Hosts {
    /// The names for a server bound to `local` (its real port, not 0),
    /// with or without TLS, plus the `--host` values `given`.
    pub(super) fn new(local: SocketAddr, tls: bool, given: &[String]) -> Hosts {
        let default_port = if tls { 443 } else { 80 };
        let port = local.port();
        let mut hosts = Hosts {
            exact: HashSet::new(),
            names: HashSet::new(),
            any_ip_on: None,
            default_port,
        };
        let ip = match local.ip() {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("[{v6}]"),
        };
        hosts.add_exact(&ip, port);
        if local.ip().is_loopback() {
            hosts.add_exact("localhost", port);
        }
        if local.ip().is_unspecified() {
            hosts.any_ip_on = Some(port);
        }
        for g in given {
            let g = normalise(g);
            match split_port(&g) {
                (name, Some(p)) => {
                    hosts.exact.insert(format!("{name}:{p}"));
                }
                (name, None) => {
                    hosts.names.insert(name.to_string());
                }
            }
        }
        hosts
    }

    fn add_exact(&mut self, name: &str, port: u16) {
        self.exact.insert(format!("{name}:{port}"));
        if port == self.default_port {
            self.exact.insert(name.to_string());
        }
    }

    /// Whether a request naming `host` (a `Host` header or the authority
    /// of an absolute URL) is for this server.
    pub(super) fn allows(&self, host: &str) -> bool {
        let host = normalise(host);
        if self.exact.contains(&host) {
            return true;
        }
        let (name, port) = split_port(&host);
        let port = match port {
            Some(p) => match p.parse::<u16>() {
                Ok(p) => p,
                Err(_) => return false,
            },
            None => self.default_port,
        };
        if self.names.contains(name) {
            return true;
        }
        let literal = name.trim_start_matches('[').trim_end_matches(']');
        self.any_ip_on == Some(port) && literal.parse::<IpAddr>().is_ok()
    }
}

/// Lower case, without the trailing dot of a fully qualified name.
fn normalise(host: &str) -> String {
    let host = host.trim().to_ascii_lowercase();
    let (name, port) = split_port(&host);
    let name = name.strip_suffix('.').unwrap_or(name);
    match port {
        Some(p) => format!("{name}:{p}"),
        None => name.to_string(),
    }
}

/// `name:port` → (name, port); `[v6]:port` keeps the brackets on the name.
fn split_port(host: &str) -> (&str, Option<&str>) {
    if host.starts_with('[') {
        return match host.find(']') {
            Some(end) => {
                let port = host[end + 1..].strip_prefix(':');
                (&host[..=end], port)
            }
            None => (host, None),
        };
    }
    match host.rsplit_once(':') {
        // A bare IPv6 address without brackets is not a valid Host; keep it whole.
        Some((name, port)) if !name.contains(':') => (name, Some(port)),
        _ => (host, None),
    }
}

/// Paths whose answers may be cached: the compiled-in stylesheet, script
/// and icon, which hold nothing about anyone.
fn cacheable(path: &str) -> bool {
    path.starts_with("/assets/") || path == "/favicon.svg" || path == "/favicon.ico"
}

/// Middleware on every route and the fallback: the `Host` check, then
/// the security headers on whatever comes back (error answers too).
pub(super) async fn guard(
    State(hosts): State<Arc<Hosts>>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let may_cache = cacheable(req.uri().path());
    let mut resp = match refusal(&hosts, &req) {
        None => next.run(req).await,
        Some(refusal) => refusal,
    };
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    // For browsers older than CSP's frame-ancestors.
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !may_cache {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    resp
}

/// The answer refusing the request, if it is not for us: every name the
/// request gives for the server (each `Host` header and an absolute URL's
/// authority) must be one of ours, and there must be one.
fn refusal(hosts: &Hosts, req: &axum::extract::Request) -> Option<Response> {
    let mut named = Vec::new();
    for v in req.headers().get_all(header::HOST) {
        match v.to_str() {
            Ok(s) => named.push(s.to_string()),
            Err(_) => return Some(bad_host()),
        }
    }
    if named.len() > 1 {
        return Some(bad_host());
    }
    if let Some(a) = req.uri().authority() {
        named.push(a.as_str().to_string());
    }
    if named.is_empty() {
        return Some(problem(
            StatusCode::BAD_REQUEST,
            "Yêu cầu thiếu tiêu đề Host (a request needs a Host header: HTTP/1.1)",
        ));
    }
    named.iter().find(|h| !hosts.allows(h)).map(|h| {
        let shown: String = h.chars().take(100).collect();
        problem(
            StatusCode::MISDIRECTED_REQUEST,
            &format!(
                "Máy chủ này không phục vụ tên \"{shown}\". Hãy mở bằng địa chỉ của máy chủ, \
                     hoặc chạy sohoa serve với --host TÊN (Host not served: add --host NAME)"
            ),
        )
    })
}

fn bad_host() -> Response {
    problem(
        StatusCode::BAD_REQUEST,
        "Tiêu đề Host không hợp lệ (one Host header, in ASCII)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(addr: &str, tls: bool, given: &[&str]) -> Hosts {
        let given: Vec<String> = given.iter().map(|s| s.to_string()).collect();
        Hosts::new(addr.parse().unwrap(), tls, &given)
    }

    #[test]
    fn loopback_answers_its_address_and_localhost_only() {
        let h = hosts("127.0.0.1:8080", false, &[]);
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST:8080",
            "localhost.:8080",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8080",
            "127.0.0.1",
            "127.0.0.1:8081",
            "localhost",
            "10.0.0.1:8080",
            "",
            "127.0.0.1:8080:1",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
        let v6 = hosts("[::1]:8080", false, &[]);
        assert!(v6.allows("[::1]:8080") && v6.allows("localhost:8080"));
        assert!(!v6.allows("::1:8080"));
    }

    #[test]
    fn given_names_with_or_without_a_port_and_the_default_port() {
        let h = hosts(
            "127.0.0.1:443",
            true,
            &["archive.example.gov.vn", "intra.local:8443"],
        );
        assert!(h.allows("127.0.0.1") && h.allows("localhost"));
        assert!(h.allows("Archive.Example.gov.vn"));
        assert!(h.allows("archive.example.gov.vn:443"));
        assert!(h.allows("archive.example.gov.vn:8000"));
        assert!(h.allows("intra.local:8443"));
        assert!(!h.allows("intra.local"));
        assert!(!h.allows("example.gov.vn"));
    }

    #[test]
    fn every_address_answers_ip_literals_on_its_port_but_no_other_name() {
        let h = hosts("0.0.0.0:8080", false, &["so.example"]);
        assert!(h.allows("192.168.1.20:8080") && h.allows("[fe80::1]:8080"));
        assert!(!h.allows("192.168.1.20:9999") && !h.allows("192.168.1.20"));
        assert!(!h.allows("evil.example:8080"));
        assert!(h.allows("so.example"));
    }

    #[test]
    fn only_assets_may_be_cached() {
        assert!(cacheable("/assets/style.css") && cacheable("/favicon.ico"));
        for p in ["/", "/api/search", "/page-image", "/pdf/x", "/dossiers/a"] {
            assert!(!cacheable(p), "{p}");
        }
    }
}
