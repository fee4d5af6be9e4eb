//! Who the client is when `serve` sits behind a reverse proxy.
//!
//! The audit log records each request's address, and failed logins are
//! counted per address. Behind nginx every request comes from the proxy's
//! address, so the log would name the proxy and five failures from anyone
//! would hold back every officer's login. With `--trusted-proxy IP` (config
//! `trusted_proxies`), a request whose peer is one of those proxies is
//! taken to come from the address the proxies put in `X-Forwarded-For`:
//! the right-most entry that is not itself a trusted proxy (the entries to
//! its left were written by the client and prove nothing). A peer that is
//! not a trusted proxy is its own address, whatever it sends.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default)]
pub(super) struct TrustedProxies(pub Vec<IpAddr>);

impl TrustedProxies {
    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|p| p.to_canonical() == ip.to_canonical())
    }
}

/// One entry of `X-Forwarded-For`: an address, possibly with a port
/// (`203.0.113.7`, `203.0.113.7:5123`, `2001:db8::1`, `[2001:db8::1]:443`).
fn hop(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

/// The client's address: `peer` unless it is a trusted proxy, else the
/// right-most `X-Forwarded-For` entry that is not a trusted proxy. An entry
/// that is not an address ends the walk at the hop before it.
pub(super) fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    if !trusted.trusts(peer) {
        return peer;
    }
    let mut client = peer;
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for entry in entries.iter().rev() {
        let Some(ip) = hop(entry) else {
            return client;
        };
        client = ip;
        if !trusted.trusts(ip) {
            return ip;
        }
    }
    client
}

/// Middleware, outside the accounts gate: replaces the connection's peer
/// address (what the gate, the back-off and the audit log read) by the
/// client's, for requests through a trusted proxy.
pub(super) async fn real_address(
    State(trusted): State<Arc<TrustedProxies>>,
    mut req: Request,
    next: Next,
) -> Response {
    if !trusted.0.is_empty() {
        if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied()
        {
            let ip = client_ip(peer.ip(), req.headers(), &trusted);
            if ip != peer.ip() {
                req.extensions_mut()
                    .insert(ConnectInfo(SocketAddr::new(ip, 0)));
            }
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_proxy_is_believed() {
        let nginx = TrustedProxies(vec![ip("127.0.0.1")]);
        let h = headers(&["203.0.113.7"]);
        assert_eq!(client_ip(ip("127.0.0.1"), &h, &nginx), ip("203.0.113.7"));
        // Anyone else is who they are, whatever they send.
        assert_eq!(
            client_ip(ip("198.51.100.9"), &h, &nginx),
            ip("198.51.100.9")
        );
        assert_eq!(
            client_ip(ip("127.0.0.1"), &h, &TrustedProxies::default()),
            ip("127.0.0.1")
        );
        // No header: the proxy itself.
        assert_eq!(
            client_ip(ip("127.0.0.1"), &HeaderMap::new(), &nginx),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn the_rightmost_untrusted_entry_is_the_client() {
        let two = TrustedProxies(vec![ip("127.0.0.1"), ip("10.0.0.2")]);
        // The client wrote "1.1.1.1" itself; nginx appended its peer.
        let h = headers(&["1.1.1.1, 203.0.113.7, 10.0.0.2"]);
        assert_eq!(client_ip(ip("127.0.0.1"), &h, &two), ip("203.0.113.7"));
        // The same list over two headers, ports and IPv6 allowed.
        let h = headers(&["1.1.1.1", "[2001:db8::7]:5123, 10.0.0.2:80"]);
        assert_eq!(client_ip(ip("127.0.0.1"), &h, &two), ip("2001:db8::7"));
        // Garbage stops the walk at the last hop that could be read.
        let h = headers(&["203.0.113.7, not-an-address"]);
        assert_eq!(client_ip(ip("127.0.0.1"), &h, &two), ip("127.0.0.1"));
        // Every entry trusted: the left-most of them.
        let h = headers(&["10.0.0.2"]);
        assert_eq!(client_ip(ip("127.0.0.1"), &h, &two), ip("10.0.0.2"));
        // An IPv4-mapped peer is the same proxy.
        let h = headers(&["203.0.113.7"]);
        assert_eq!(
            client_ip(ip("::ffff:127.0.0.1"), &h, &two),
            ip("203.0.113.7")
        );
    }
}
