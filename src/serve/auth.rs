//! Who is asking, and may they: the accounts rule of `serve`, in one
//! middleware ([`gate`]) around every route.
//!
//! Once the index folder has users (`sohoa user add`), every route but the
//! login page and the stylesheet, script and icon it needs wants a session:
//! a page answers with a redirect to `/login`, the API with 401. Sessions
//! are random 256-bit ids kept in memory (a restart logs everyone out), end
//! after `--session-idle` without a request or at `POST /logout`, and ride
//! in the cookie `sohoa_session` (`HttpOnly; SameSite=Strict`, `Secure`
//! with `--secure-cookies`). Every POST must carry the session's CSRF token
//! (a hidden `csrf` field the gate writes into each form, or the
//! `X-CSRF-Token` header). Roles are checked here from [`routes`], the one
//! table the router is built from, so a new route cannot miss its rule. The
//! `--token` of scripts then opens the read-only `/api/*` only.
//!
//! The gate also writes the audit line of each audited request (search,
//! dossier view, page image, PDF, correction, logout) after the handler
//! made its answer and before it is sent: when the line cannot be written
//! the answer is a 503, never the data unlogged. A request that changes
//! something (a POST) is also logged as a `request` line before the
//! handler runs, so a log that cannot be written refuses it unchanged.
//! Without users, `serve` works as before (loopback or `--token`),
//! read-only, and logs as user `-` where the folder can be written.

use super::sessions::*;
use super::*;
use crate::users::{Role, User};
use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use axum::http::Method;

/// Largest request body a POST may have (a correction is a few lines).
const MAX_BODY: usize = 1 << 20;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: the login page and what it needs.
    Public,
    /// A session of at least this role.
    Role(Role),
}

/// One route of the server.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub method: &'static str,
    /// axum's pattern; `{*id}` takes a dossier id.
    pub path: &'static str,
    pub access: Access,
}

const fn route(method: &'static str, path: &'static str, access: Access) -> Route {
    Route {
        method,
        path,
        access,
    }
}

const ANY: Access = Access::Role(Role::TraCuu);

/// Every route of the server: the router is built from this table and
/// the tests walk it.
const ROUTES: &[Route] = &[
    route("GET", "/", ANY),
    route("GET", "/dossiers", ANY),
    route("GET", "/dossiers/{*id}", ANY),
    route("GET", "/page-image", ANY),
    route("GET", "/pdf/{*id}", ANY),
    route("GET", "/api/search", ANY),
    route("GET", "/api/dossiers/{*id}", ANY),
    route("POST", "/api/corrections", Access::Role(Role::RaSoat)),
    route("POST", "/corrections", Access::Role(Role::RaSoat)),
    route("GET", "/admin/users", Access::Role(Role::QuanTri)),
    route("GET", "/login", Access::Public),
    route("POST", "/login", Access::Public),
    route("POST", "/logout", ANY),
    route("GET", "/assets/style.css", Access::Public),
    route("GET", "/assets/app.js", Access::Public),
    route("GET", "/favicon.svg", Access::Public),
    route("GET", "/favicon.ico", Access::Public),
];

/// Every route of the server, as the router has them.
pub fn routes() -> &'static [Route] {
    ROUTES
}

fn matches(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix("{*id}") {
        Some(prefix) => path.len() > prefix.len() && path.starts_with(prefix),
        None => pattern == path,
    }
}

/// The rule for a request: its route's, or for a path with no route for
/// this method, the strictest of the path's (axum answers 405 or 404 after
/// the gate), a session for an unknown path.
fn access_of(method: &Method, path: &str) -> (Option<&'static Route>, Access) {
    let method = if method == Method::HEAD {
        "GET"
    } else {
        method.as_str()
    };
    let same_path: Vec<&Route> = ROUTES.iter().filter(|r| matches(r.path, path)).collect();
    if let Some(r) = same_path.iter().find(|r| r.method == method) {
        return (Some(r), r.access);
    }
    let strictest = same_path
        .iter()
        .filter_map(|r| match r.access {
            Access::Role(role) => Some(role),
            Access::Public => None,
        })
        .max()
        .unwrap_or(Role::TraCuu);
    (None, Access::Role(strictest))
}

/// What a request is known to be by: the gate puts it in the request's
/// extensions and handlers take it as an argument.
#[derive(Debug, Clone)]
pub(super) struct Viewer {
    /// The user name; `-` without accounts, `token` for `--token`.
    pub name: String,
    pub role: Role,
    /// The fonds this viewer may see; None: every fonds.
    pub fonds: Option<Vec<String>>,
    /// The session's id and CSRF token (session viewers only).
    pub session: Option<(String, String)>,
    /// The peer's IP address.
    pub address: String,
}

impl Viewer {
    pub fn may_see(&self, dossier: &str) -> bool {
        self.fonds
            .as_ref()
            .is_none_or(|f| f.iter().any(|x| x == crate::index::fonds_of(dossier)))
    }

    pub fn has_session(&self) -> bool {
        self.session.is_some()
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> std::result::Result<Self, Response> {
        // The gate runs before every handler; without it, nobody.
        parts.extensions.get::<Viewer>().cloned().ok_or_else(|| {
            problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "no viewer (the accounts gate did not run)",
            )
        })
    }
}

/// Put in a request's extensions when accounts are on: the gate has
/// decided, `require_token` stands aside.
#[derive(Debug, Clone, Copy)]
pub(super) struct AccountsOn;

/// What a handler says it did, for the audit line (else the gate makes
/// one from the request).
#[derive(Debug, Clone)]
pub(super) struct AuditNote {
    pub action: &'static str,
    pub object: serde_json::Value,
}

/// The peer's IP address, as the audit log and the back-off know it.
pub(super) fn peer(req_extensions: &axum::http::Extensions) -> String {
    req_extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string())
}

/// Write one audit line.
pub(super) fn audit(
    state: &AppState,
    viewer_name: &str,
    address: &str,
    action: &str,
    object: serde_json::Value,
) -> Result<()> {
    crate::audit::append(
        &state.dir,
        &crate::audit::Action {
            user: viewer_name.to_string(),
            address: address.to_string(),
            action: action.to_string(),
            object,
        },
    )
    .map(|_| ())
}

/// The answer when an audit line could not be written.
pub(super) fn unlogged(e: &Error) -> Response {
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "Không ghi được nhật ký truy cập (ổ đĩa đầy hoặc thư mục chỉ đọc), nên yêu cầu này bị từ chối. \
         Báo cho người quản trị.",
        format!("the audit log cannot be written: {e}"),
    )
    .page()
}

/// The answer when a change was carried out (its request line is in the
/// log) but the line of its outcome could not be written.
pub(super) fn done_unlogged(e: &Error) -> Response {
    Problem::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "Yêu cầu đã được thực hiện và đã ghi vào nhật ký, nhưng không ghi được kết quả của nó \
         (ổ đĩa đầy hoặc thư mục chỉ đọc). Đừng gửi lại; báo cho người quản trị.",
        format!("done, but its outcome cannot be written to the audit log: {e}"),
    )
    .page()
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// A refusal in the form the route speaks: text for the API, a page else.
fn refuse(path: &str, status: StatusCode, vi: &str, en: &str) -> Response {
    let p = Problem::new(status, vi, en);
    if is_api(path) {
        p.plain()
    } else {
        p.page()
    }
}

/// The middleware around every route: who is asking, may they, CSRF, and
/// the audit line.
pub(super) async fn gate(
    State(state): State<Shared>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let address = peer(req.extensions());
    let path = req.uri().path().to_string();
    let users = match state.auth.users() {
        Ok(u) => u,
        Err(e) => {
            return refuse(
                &path,
                StatusCode::SERVICE_UNAVAILABLE,
                "Không đọc được tệp tài khoản; người quản trị cần kiểm tra nó.",
                &e.to_string(),
            )
        }
    };
    let (route, access) = access_of(req.method(), &path);
    if users.is_empty() {
        return without_accounts(&state, req, next, route, address).await;
    }
    let mut req = req;
    req.extensions_mut().insert(AccountsOn);
    if access == Access::Public {
        return next.run(req).await;
    }
    let Access::Role(needed) = access else {
        unreachable!()
    };
    // --token: scripts, the read-only API only.
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if let (Some(given), Some(token)) = (bearer, state.token.as_deref()) {
        if !equal_ct(given.as_bytes(), token.as_bytes()) {
            return problem(StatusCode::UNAUTHORIZED, "mã truy cập sai (wrong token)");
        }
        if !(is_api(&path) && req.method() == Method::GET && needed == Role::TraCuu) {
            return refuse(
                &path,
                StatusCode::FORBIDDEN,
                "Mã truy cập chỉ dùng cho API tra cứu (/api/…, GET).",
                "the token opens the read-only /api/* only",
            );
        }
        let viewer = Viewer {
            name: "token".into(),
            role: Role::TraCuu,
            fonds: None,
            session: None,
            address,
        };
        return serve_audited(&state, viewer, route, req, next, true).await;
    }
    let session = cookie_value(req.headers(), SESSION_COOKIE)
        .and_then(|id| Some((state.auth.session(&id)?, id)));
    let user: Option<(User, String, String)> = session.and_then(|((name, csrf), id)| {
        let u = users.get(&name)?.clone();
        Some((u, id, csrf))
    });
    let Some((user, id, csrf)) = user else {
        if is_api(&path) || req.method() != Method::GET {
            return problem(
                StatusCode::UNAUTHORIZED,
                "cần đăng nhập (login required: POST username and password to /login, then send the session cookie)",
            );
        }
        let back = req
            .uri()
            .path_and_query()
            .map_or("/".to_string(), |p| p.as_str().to_string());
        let to = format!("/login?next={}", url_encode(&back));
        return (
            StatusCode::FOUND,
            [
                (header::LOCATION, to),
                (header::CACHE_CONTROL, "no-store".into()),
            ],
        )
            .into_response();
    };
    if user.role < needed {
        return refuse(
            &path,
            StatusCode::FORBIDDEN,
            &format!(
                "Tài khoản {} (vai trò {}) không có quyền dùng trang này.",
                user.name,
                user.role.vi()
            ),
            "your role may not use this route",
        );
    }
    let viewer = Viewer {
        name: user.name.clone(),
        role: user.role,
        fonds: user.fonds_limit(),
        session: Some((id, csrf.clone())),
        address,
    };
    let req = if req.method() == Method::GET || req.method() == Method::HEAD {
        req
    } else {
        match check_csrf(req, &csrf).await {
            Ok(r) => r,
            Err(resp) => return resp,
        }
    };
    serve_audited(&state, viewer, route, req, next, true).await
}

/// No accounts: loopback (or `--token`, which `require_token` checks) as
/// before, read-only; audited as `-` when the log can be written.
async fn without_accounts(
    state: &Shared,
    req: axum::extract::Request,
    next: axum::middleware::Next,
    route: Option<&'static Route>,
    address: String,
) -> Response {
    let path = req.uri().path().to_string();
    if !state.auth.loopback && state.token.is_none() {
        // Accounts were removed while serving other machines.
        return refuse(
            &path,
            StatusCode::SERVICE_UNAVAILABLE,
            "Máy chủ này mở cho mạng nhưng không còn tài khoản nào; người quản trị cần tạo tài khoản.",
            "no accounts left on a server other machines can reach",
        );
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return refuse(
            &path,
            StatusCode::FORBIDDEN,
            "Chưa có tài khoản nào: máy chủ chỉ cho tra cứu. Sửa dữ liệu cần tài khoản (sohoa user add).",
            "no accounts: the server is read-only (sohoa user add makes one)",
        );
    }
    let viewer = Viewer {
        name: "-".into(),
        role: Role::QuanTri,
        fonds: None,
        session: None,
        address,
    };
    serve_audited(state, viewer, route, req, next, false).await
}

/// Run the handler as `viewer`, then write the audit line of the request
/// (refusing the answer when `must_log` and the line cannot be written),
/// and fill the forms' CSRF fields and the account bar of a page.
async fn serve_audited(
    state: &Shared,
    viewer: Viewer,
    route: Option<&'static Route>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
    must_log: bool,
) -> Response {
    let derived = route.and_then(|r| derive_note(r, req.uri()));
    // A request that changes something (a correction, a logout) is logged
    // before it is carried out, so that a log that cannot be written stops
    // it with nothing changed; its outcome line follows the answer.
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD);
    if changes && derived.is_some() {
        let object = serde_json::json!({"method": req.method().as_str(), "path": req.uri().path()});
        if let Err(e) = audit(state, &viewer.name, &viewer.address, "request", object) {
            if must_log {
                return unlogged(&e);
            }
            state.auth.warn_unlogged(&e);
        }
    }
    req.extensions_mut().insert(viewer.clone());
    let mut resp = next.run(req).await;
    let note = resp.extensions_mut().remove::<AuditNote>().or(derived);
    if let Some(note) = note {
        let mut object = note.object;
        if let Some(o) = object.as_object_mut() {
            o.insert("status".into(), resp.status().as_u16().into());
        }
        if let Err(e) = audit(state, &viewer.name, &viewer.address, note.action, object) {
            if must_log && changes {
                // Done and logged as asked for: say so rather than invite a
                // second attempt, and keep its details off the answer.
                return done_unlogged(&e);
            }
            if must_log {
                return unlogged(&e);
            }
            state.auth.warn_unlogged(&e);
        }
    }
    fill_page(resp, &viewer).await
}

/// The audit line a request makes by itself, from its route and query.
fn derive_note(route: &Route, uri: &axum::http::Uri) -> Option<AuditNote> {
    let q: HashMap<String, String> = url_pairs(uri.query().unwrap_or("")).into_iter().collect();
    let get = |k: &str| q.get(k).cloned().filter(|s| !s.is_empty());
    let id = || {
        let prefix = route.path.strip_suffix("{*id}")?;
        let raw = uri.path().strip_prefix(prefix)?;
        let id = path_decode(raw)?;
        Some(crate::text::nfc(id.trim_end_matches('/')))
    };
    let note = |action, object| Some(AuditNote { action, object });
    match route.path {
        "/" | "/api/search" => {
            let (text, doc_type, year) = (get("q"), get("type"), get("year"));
            if text.as_deref().is_none_or(|t| t.trim().is_empty())
                && doc_type.is_none()
                && year.is_none()
            {
                return None;
            }
            note(
                "search",
                serde_json::json!({"q": text.unwrap_or_default(), "type": doc_type, "year": year, "offset": get("offset")}),
            )
        }
        "/dossiers/{*id}" | "/api/dossiers/{*id}" => {
            note("view_dossier", serde_json::json!({"dossier": id()?}))
        }
        "/page-image" => note(
            "view_page",
            serde_json::json!({"dossier": get("dossier").map(|d| crate::text::nfc(&d)), "page": get("page"), "w": get("w")}),
        ),
        "/pdf/{*id}" => note(
            "download_pdf",
            serde_json::json!({"dossier": id()?, "document": get("document")}),
        ),
        "/admin/users" => note("view_users", serde_json::json!({})),
        "/logout" => note("logout", serde_json::json!({})),
        "/api/corrections" | "/corrections" => note("correct", serde_json::json!({})),
        _ => None,
    }
}

/// A URL path segment percent-decoded (`+` stays a plus).
fn path_decode(s: &str) -> Option<String> {
    percent_decode(&s.replace('+', "%2B"))
}

/// A POST's body read, its CSRF token checked against the session's (the
/// `X-CSRF-Token` header, or a `csrf` field of a form or JSON body), and
/// the request put back together for the handler.
async fn check_csrf(
    req: axum::extract::Request,
    csrf: &str,
) -> std::result::Result<axum::extract::Request, Response> {
    let (parts, body) = req.into_parts();
    let path = parts.uri.path().to_string();
    let bytes = axum::body::to_bytes(body, MAX_BODY).await.map_err(|_| {
        problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "yêu cầu quá lớn (body too large)",
        )
    })?;
    let from_header = parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let from_body = if content_type.starts_with("application/x-www-form-urlencoded") {
        std::str::from_utf8(&bytes)
            .ok()
            .and_then(|b| url_pairs(b).into_iter().find(|(k, _)| k == "csrf"))
            .map(|(_, v)| v)
    } else if content_type.starts_with("application/json") {
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v["csrf"].as_str().map(str::to_string))
    } else {
        None
    };
    let ok = from_header
        .or(from_body)
        .is_some_and(|t| equal_ct(t.as_bytes(), csrf.as_bytes()));
    if !ok {
        return Err(refuse(
            &path,
            StatusCode::FORBIDDEN,
            "Biểu mẫu đã cũ hoặc không gửi từ trang này (thiếu mã chống giả mạo). Tải lại trang rồi thử lại.",
            "CSRF token missing or wrong",
        ));
    }
    Ok(axum::extract::Request::from_parts(
        parts,
        axum::body::Body::from(bytes),
    ))
}

/// The marker in the layout where the account bar goes.
pub(super) const ACCOUNT_SLOT: &str = "<!--sohoa:account-->";
/// The marker in a POST form where its CSRF field goes.
pub(super) const CSRF_SLOT: &str = "<!--sohoa:csrf-->";

/// An HTML page with the viewer's account bar (name, role, logout) and
/// their CSRF token in each form; other answers as they are.
async fn fill_page(resp: Response, viewer: &Viewer) -> Response {
    let is_html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return problem(StatusCode::INTERNAL_SERVER_ERROR, "page body");
    };
    let html = String::from_utf8_lossy(&bytes);
    let html = match &viewer.session {
        Some((_, csrf)) => {
            let field = format!(
                "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
                esc(csrf)
            );
            let bar = format!(
                "<div class=\"account\" id=\"account\"><span>{} · {}{}</span>\
                 <form method=\"post\" action=\"/logout\">{field}\
                 <button type=\"submit\" id=\"logout\">Đăng xuất</button></form></div>",
                esc(&viewer.name),
                viewer.role.vi(),
                if viewer.role >= Role::QuanTri {
                    " · <a href=\"/admin/users\">Tài khoản</a>"
                } else {
                    ""
                }
            );
            html.replace(ACCOUNT_SLOT, &bar).replace(CSRF_SLOT, &field)
        }
        None => html.into_owned(),
    };
    let mut parts = parts;
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_has_a_rule_and_only_login_and_assets_are_public() {
        for r in routes() {
            if r.access == Access::Public {
                assert!(
                    r.path == "/login"
                        || r.path.starts_with("/assets/")
                        || r.path.starts_with("/favicon"),
                    "{r:?}"
                );
            }
        }
        let (r, a) = access_of(&Method::GET, "/dossiers/ho-ngheo/Nguyễn Thị Hoa");
        assert_eq!(r.unwrap().path, "/dossiers/{*id}");
        assert_eq!(a, ANY);
        let (r, a) = access_of(&Method::GET, "/api/corrections");
        assert!(r.is_none());
        assert_eq!(a, Access::Role(Role::RaSoat));
        assert_eq!(access_of(&Method::GET, "/nowhere").1, ANY);
    }
}
