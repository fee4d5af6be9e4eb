//! The login page (`GET /login`), the login itself (`POST /login`, the
//! form's `username` and `password`) and `POST /logout`.
//!
//! An unknown name and a wrong password get the same answer after the same
//! Argon2 work. Failed logins are counted per account and per address;
//! after five, each attempt waits twice as long as the one before (429 with
//! `Retry-After`), checked before any password is. The form carries a
//! token that must match the `sohoa_login` cookie set with it, and a POST
//! a browser sends from another site (its `Origin` or `Sec-Fetch-Site`) is
//! refused, so no other page can log a browser in; a script posts
//! `username` and `password` alone.

use super::*;
use axum::extract::ConnectInfo;

/// The cookie the login form's token is checked against.
const LOGIN_COOKIE: &str = "sohoa_login";

#[derive(Debug, serde::Deserialize)]
pub(super) struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf: Option<String>,
}

/// Where to go after logging in: a path of this site only.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// The login page, with `message` (a failed attempt) above the form.
fn login_html(state: &AppState, next: &str, message: Option<&str>, status: StatusCode) -> Response {
    let token = crate::users::random_token();
    let note = match message {
        Some(m) => format!(
            "<p class=\"note\" id=\"error\" role=\"alert\">{}</p>",
            esc(m)
        ),
        None => String::new(),
    };
    let body = format!(
        "<section class=\"login\" aria-labelledby=\"login-h\"><h1 id=\"login-h\">Đăng nhập</h1>{note}\
         <form method=\"post\" action=\"/login\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{token}\">\
         <input type=\"hidden\" name=\"next\" value=\"{}\">\
         <p><label for=\"username\">Tên đăng nhập</label><br>\
         <input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus></p>\
         <p><label for=\"password\">Mật khẩu</label><br>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\
         <p><button type=\"submit\" id=\"login\">Đăng nhập</button></p></form>\
         <p class=\"meta\">Phiên làm việc tự kết thúc sau {} không thao tác. Quên mật khẩu: \
         nhờ người quản trị đặt lại.</p></section>",
        esc(&safe_next(next)),
        idle_vi(state.auth.idle)
    );
    let secure = if state.auth.secure { "; Secure" } else { "" };
    let cookie = format!(
        "{LOGIN_COOKIE}={token}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{secure}"
    );
    (
        status,
        [
            (header::SET_COOKIE, cookie),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
        login_layout("Đăng nhập", &body),
    )
        .into_response()
}

/// A duration as the page says it ("30 phút").
fn idle_vi(d: std::time::Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 && s.is_multiple_of(3600) {
        format!("{} giờ", s / 3600)
    } else if s >= 60 && s.is_multiple_of(60) {
        format!("{} phút", s / 60)
    } else {
        format!("{} giây", s.max(1))
    }
}

pub(super) async fn login_form(
    State(state): State<Shared>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let next = map.get("next").map_or("/", String::as_str);
    match state.auth.users() {
        Ok(u) if u.is_empty() => error_page(
            StatusCode::NOT_FOUND,
            "Máy chủ này chưa có tài khoản nào nên không cần đăng nhập: mở trang tra cứu.",
        ),
        _ => login_html(&state, next, None, StatusCode::OK),
    }
}

/// True when a browser says the POST comes from another site.
fn cross_site(headers: &axum::http::HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| *o != "null");
    let origin_other = origin.is_some_and(|o| o.split_once("://").map(|(_, h)| h) != host);
    let fetch_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site" || v == "same-site");
    origin_other || fetch_site
}

pub(super) async fn login_submit(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    axum::Form(form): axum::Form<LoginForm>,
) -> Response {
    let address = peer.ip().to_string();
    let next = safe_next(&form.next);
    let forged = cross_site(&headers)
        || sessions::cookie_value(&headers, LOGIN_COOKIE).is_some_and(|c| {
            form.csrf
                .as_deref()
                .is_none_or(|t| !equal_ct(t.as_bytes(), c.as_bytes()))
        });
    if forged {
        return error_page(
            StatusCode::FORBIDDEN,
            "Biểu mẫu đăng nhập đã cũ hoặc không gửi từ trang này. Tải lại trang đăng nhập rồi thử lại.",
        );
    }
    let name = form.username.trim().to_string();
    let keys = vec![format!("user:{name}"), format!("addr:{address}")];
    let log = |user: &str, action: &str, object: serde_json::Value| {
        auth::audit(&state, user, &address, action, object)
    };
    if let Some(wait) = state.auth.backoff(&keys) {
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        if let Err(e) = log(
            &name,
            "login_failed",
            serde_json::json!({"reason": "back-off", "retry_after": secs}),
        ) {
            return auth::unlogged(&e);
        }
        let mut resp = error_page(
            StatusCode::TOO_MANY_REQUESTS,
            &format!("Đăng nhập sai quá nhiều lần. Chờ {secs} giây rồi thử lại."),
        );
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return resp;
    }
    let users = match state.auth.users() {
        Ok(u) => u,
        Err(e) => return Problem::internal(e).page(),
    };
    let password = form.password;
    let who = name.clone();
    let checked = tokio::task::spawn_blocking(move || users.check(&who, &password).cloned())
        .await
        .ok()
        .flatten();
    let Some(user) = checked else {
        state.auth.failed(&keys);
        if let Err(e) = log(
            &name,
            "login_failed",
            serde_json::json!({"reason": "wrong name or password"}),
        ) {
            return auth::unlogged(&e);
        }
        return login_html(
            &state,
            &next,
            Some("Tên đăng nhập hoặc mật khẩu không đúng."),
            StatusCode::UNAUTHORIZED,
        );
    };
    state.auth.succeeded(&keys[0]);
    let (id, _csrf) = state.auth.open_session(&user.name);
    if let Err(e) = log(
        &user.name,
        "login",
        serde_json::json!({"role": user.role.as_str()}),
    ) {
        state.auth.close_session(&id);
        return auth::unlogged(&e);
    }
    let mut resp = (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, next),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
    )
        .into_response();
    for c in [
        state.auth.cookie(&id),
        format!("{LOGIN_COOKIE}=; Path=/login; Max-Age=0"),
    ] {
        if let Ok(v) = HeaderValue::from_str(&c) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}

/// `POST /logout`: the session ends (the gate has checked its CSRF token
/// and writes the audit line).
pub(super) async fn logout(State(state): State<Shared>, viewer: Viewer) -> Response {
    if let Some((id, _)) = &viewer.session {
        state.auth.close_session(id);
    }
    let mut resp = (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, "/login".to_string()),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&state.auth.cookie("")) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}
