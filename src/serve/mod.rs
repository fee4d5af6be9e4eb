//! `sohoa serve`: a read-only web page and JSON API over an index.
//!
//! Officers search from a browser and want to see the scan with the words
//! that matched marked on it, not just a text snippet. So this module serves
//! a search page (box, results with snippets, type and year filters with
//! counts, paging), a dossier page (extracted fields, every page as an image
//! with the matched words' OCR boxes drawn over it, the OCR text beside it),
//! and the same data as JSON (`/api/search`, `/api/dossiers/{id}`).
//!
//! Safety rules: nothing is written but the image and PDF cache under
//! `<index>/cache/`, the audit log, and the corrections of users allowed to
//! make them; no path from a request reaches the file system (a
//! dossier is looked up by id in the store, and the file served is the one
//! its record names); without accounts it binds loopback unless given a
//! token, which every request must then carry; with accounts (the index's
//! `users.json`) every route but the login page wants a session
//! (`auth.rs`). HTML is rendered on the server, assets are
//! compiled into the binary, and labels are Vietnamese.
//!
//! `mod.rs` holds the state, the router (built from [`routes`]) and the
//! token rule; `auth.rs` the accounts gate (CSRF, roles, audit) and
//! `sessions.rs` its sessions and back-off;
//! `login_page.rs` login and logout; `staff.rs` corrections and the list
//! of accounts; `html.rs` the
//! escaping, URL and layout helpers; `search_page.rs` the search page and
//! `/api/search`; `dossier_page.rs` the dossier page and its API; `list_page.rs` the list
//! of every dossier;
//! `images.rs` the page images; `pdf.rs` the "Tải PDF" downloads;
//! `values.rs` values as officers read them; `people.rs` the people of a
//! dossier, a row each with their role; `trust.rs` the marks of what
//! is missing or doubtful, with `reasons.rs` their reasons in Vietnamese;
//! `errors.rs` error pages; `assets.rs` the stylesheet and script;
//! `guard.rs` the `Host` check and security headers of every answer;
//! `listen.rs` the accept loop (TLS, timeouts, connection cap).

use crate::index::Index;
use crate::search::{self, Matcher, ParsedQuery, Request, Results};
use crate::store::{DossierMeta, PageRecord};
use crate::{Error, Result};
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod assets;
mod auth;
mod client;
mod dossier_page;
mod errors;
mod guard;
mod html;
mod images;
mod list_page;
mod listen;
mod login_page;
mod pdf;
mod people;
mod reasons;
mod search_page;
mod sessions;
mod staff;
mod trust;
mod values;

use assets::*;
pub use auth::{routes, Access, Route};
use auth::{AuditNote, Viewer};
use dossier_page::*;
use errors::*;
use html::*;
use images::*;
use list_page::*;
use login_page::*;
use pdf::*;
use people::*;
use search_page::*;
pub use sessions::Accounts;
use staff::*;
use trust::*;
use values::*;

/// Results per page on the search page; most the API returns at once.
const PAGE_SIZE: usize = 10;
const MAX_LIMIT: usize = 100;
/// Cookie that carries the token after a `?token=` visit.
const TOKEN_COOKIE: &str = "sohoa_token";

struct AppState {
    dir: PathBuf,
    live: std::sync::RwLock<Arc<Live>>,
    token: Option<String>,
    cache: PathBuf,
    pdf_cache: PathBuf,
    auth: sessions::Auth,
}

/// The index as of its current generation (reopened after a `reindex`).
struct Live {
    generation: Option<String>,
    index: Index,
    reader: tantivy::IndexReader,
}

impl AppState {
    /// The current index, reopened when `reindex` has switched folders, and
    /// its reader reloaded to see the latest commit.
    fn live(&self) -> Result<Arc<Live>> {
        let generation = Index::current_generation(&self.dir)?;
        let current = Arc::clone(&self.live.read().unwrap_or_else(|e| e.into_inner()));
        if current.generation == generation {
            let _ = current.reader.reload();
            return Ok(current);
        }
        let index = Index::open(&self.dir)?;
        let reader = index.reader()?;
        let fresh = Arc::new(Live {
            generation,
            index,
            reader,
        });
        *self.live.write().unwrap_or_else(|e| e.into_inner()) = Arc::clone(&fresh);
        Ok(fresh)
    }
}

type Shared = Arc<AppState>;

/// True for loopback addresses, where no token is needed.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// How `serve` runs: where, for whom, and its limits.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on (port 0: any free one).
    pub addr: SocketAddr,
    /// Token every request must carry (`--token`).
    pub token: Option<String>,
    /// More names a request's `Host` may give (`--host`), beside the
    /// address itself.
    pub hosts: Vec<String>,
    /// Session rules once the index has accounts.
    pub accounts: Accounts,
    /// PEM certificate chain and private key: HTTPS instead of HTTP.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Time a connection has to send a request head, and may stay idle.
    pub header_timeout: std::time::Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// Reverse proxies whose `X-Forwarded-For` names the client
    /// (`--trusted-proxy`): for the audit log and the per-address back-off.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl ServeOptions {
    /// Plain HTTP on `addr`, no token, the default limits.
    pub fn new(addr: SocketAddr) -> ServeOptions {
        ServeOptions {
            addr,
            token: None,
            hosts: Vec::new(),
            accounts: Accounts::default(),
            tls: None,
            header_timeout: std::time::Duration::from_secs(10),
            max_connections: 512,
            trusted_proxies: Vec::new(),
        }
    }
}

/// Run the server until the process is stopped (accounts, if the index
/// has users, with the session rules of `opts.accounts`).
pub fn serve(index_dir: &Path, opts: ServeOptions) -> Result<()> {
    let addr = opts.addr;
    let token = opts.token.filter(|t| !t.is_empty());
    let auth = sessions::Auth::new(index_dir, &opts.accounts, is_loopback(&addr));
    let users = auth.users()?;
    if !is_loopback(&addr) && token.is_none() && users.is_empty() {
        return Err(Error::Usage(format!(
            "{addr} is reachable from other machines: make accounts (`sohoa user add`), \
             pass --token T (then every request needs it), or use a loopback address such \
             as 127.0.0.1:8080"
        )));
    }
    let tls = match &opts.tls {
        Some((cert, key)) => Some(listen::tls_acceptor(cert, key)?),
        None => None,
    };
    let index = Index::open(index_dir)?;
    let reader = index.reader()?;
    let live = Live {
        generation: Index::current_generation(index_dir)?,
        index,
        reader,
    };
    let state = Arc::new(AppState {
        dir: index_dir.to_path_buf(),
        live: std::sync::RwLock::new(Arc::new(live)),
        token,
        cache: crate::folder::IndexFolder::new(index_dir).page_cache(),
        pdf_cache: crate::folder::IndexFolder::new(index_dir).pdf_cache(),
        auth,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the web server: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
        let local = listener.local_addr().map_err(|e| Error::io("socket", e))?;
        let hosts = Arc::new(guard::Hosts::new(local, tls.is_some(), &opts.hosts));
        let scheme = if tls.is_some() { "https" } else { "http" };
        eprintln!(
            "sohoa: serving {} on {scheme}://{local}/",
            index_dir.display()
        );
        eprintln!("{}", accounts_line(&users, &state));
        let limits = listen::Limits {
            header_timeout: opts.header_timeout,
            max_connections: opts.max_connections,
        };
        let trusted = Arc::new(client::TrustedProxies(opts.trusted_proxies.clone()));
        listen::run(listener, router(state, hosts, trusted), tls, limits).await
    })
}

/// What serve says at start about accounts (after the `serving` line).
fn accounts_line(users: &crate::users::Users, state: &AppState) -> String {
    if users.is_empty() {
        let who = if state.token.is_some() {
            "ai có mã --token"
        } else {
            "chỉ máy này"
        };
        format!(
            "sohoa: không có tài khoản: {who} truy cập, chỉ tra cứu (no accounts: as before; \
             `sohoa user add` turns logins on)"
        )
    } else {
        format!(
            "sohoa: {} tài khoản: mọi trang cần đăng nhập; phiên nằm trong bộ nhớ, khởi động lại \
             là mọi người phải đăng nhập lại; hết phiên sau {} không thao tác ({} accounts, \
             sessions in memory)",
            users.users.len(),
            humantime::format_duration(state.auth.idle),
            users.users.len()
        )
    }
}

/// The handler of a route of [`routes`].
fn handler(method: &str, path: &str) -> axum::routing::MethodRouter<Shared> {
    use axum::routing::post;
    match (method, path) {
        ("GET", "/") => get(page_search),
        ("GET", "/dossiers") => get(page_list),
        ("GET", "/dossiers/{*id}") => get(page_dossier),
        ("GET", "/page-image") => get(page_image),
        ("GET", "/pdf/{*id}") => get(pdf_download),
        ("GET", "/api/search") => get(api_search),
        ("GET", "/api/dossiers/{*id}") => get(api_dossier),
        ("POST", "/api/corrections") => post(api_correct),
        ("POST", "/corrections") => post(form_correct),
        ("GET", "/admin/users") => get(admin_users),
        ("GET", "/login") => get(login_form),
        ("POST", "/login") => post(login_submit),
        ("POST", "/logout") => post(logout),
        ("GET", "/assets/style.css") => get(|| async { css(STYLE) }),
        ("GET", "/assets/app.js") => get(|| async { js(SCRIPT) }),
        ("GET", "/favicon.svg") | ("GET", "/favicon.ico") => get(|| async { svg(FAVICON) }),
        _ => unreachable!("route {method} {path} has no handler"),
    }
}

/// The router, built from [`routes`] (so the accounts rule and the tests
/// know every route), inside the token rule and the accounts gate.
fn router(state: Shared, hosts: Arc<guard::Hosts>, trusted: Arc<client::TrustedProxies>) -> Router {
    let mut r = Router::new();
    for route in routes() {
        r = r.route(route.path, handler(route.method, route.path));
    }
    r.fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            require_token,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            auth::gate,
        ))
        .layer(axum::middleware::from_fn_with_state(
            trusted,
            client::real_address,
        ))
        .layer(axum::middleware::from_fn_with_state(hosts, guard::guard))
        .with_state(state)
}

fn css(s: &'static str) -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], s).into_response()
}

fn svg(s: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        s,
    )
        .into_response()
}

fn js(s: &'static str) -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        s,
    )
        .into_response()
}

/// A plain-text error answer.
fn problem(status: StatusCode, msg: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{msg}\n"),
    )
        .into_response()
}

fn equal_ct(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// With `--token`, every request must carry it: `?token=`, the cookie set
/// after such a visit, or `Authorization: Bearer`.
async fn require_token(
    State(state): State<Shared>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let Some(token) = state.token.as_deref() else {
        return next.run(req).await;
    };
    if req.extensions().get::<auth::AccountsOn>().is_some() {
        // Accounts are on: the gate has checked the session or the token.
        return next.run(req).await;
    }
    let from_query = req.uri().query().and_then(|q| {
        url_pairs(q)
            .into_iter()
            .find(|(k, _)| k == "token")
            .map(|(_, v)| v)
    });
    let headers = req.headers();
    let from_header = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| std::str::from_utf8(v.as_bytes()).ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(&format!("{TOKEN_COOKIE}="))
                .map(str::to_string)
        });
    let ok = |t: &Option<String>| {
        t.as_deref()
            .is_some_and(|t| equal_ct(t.as_bytes(), token.as_bytes()))
    };
    if ok(&from_header) || ok(&from_cookie) {
        return next.run(req).await;
    }
    if ok(&from_query) {
        let mut resp = next.run(req).await;
        let cookie = format!("{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
        return resp;
    }
    problem(
        StatusCode::UNAUTHORIZED,
        "cần mã truy cập (token required: ?token=…, or Authorization: Bearer …)",
    )
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped_and_marks_kept() {
        assert_eq!(snippet_html("a **<b>** c"), "a <mark>&lt;b&gt;</mark> c");
        assert_eq!(esc("\"'&"), "&quot;&#39;&amp;");
    }

    #[test]
    fn urls_round_trip() {
        let id = "nguoi-co-cong/Trần Văn Bảy & co";
        assert_eq!(percent_decode(&url_encode(id)).as_deref(), Some(id));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%"), None);
    }

    #[test]
    fn only_loopback_without_token() {
        assert!(is_loopback(&"127.0.0.1:8080".parse().unwrap()));
        assert!(is_loopback(&"[::1]:80".parse().unwrap()));
        assert!(!is_loopback(&"0.0.0.0:8080".parse().unwrap()));
        let err = serve(
            Path::new("/nonexistent"),
            ServeOptions::new("0.0.0.0:0".parse().unwrap()),
        )
        .unwrap_err();
        assert!(err.to_string().contains("--token"), "{err}");
    }
}
