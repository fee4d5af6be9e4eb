//! `sohoa serve`: a read-only web page and JSON API over an index.
//!
//! Officers search from a browser and want to see the scan with the words
//! that matched marked on it, not just a text snippet. So this module serves
//! a search page (box, results with snippets, type and year filters with
//! counts, paging), a dossier page (extracted fields, every page as an image
//! with the matched words' OCR boxes drawn over it, the OCR text beside it),
//! and the same data as JSON (`/api/search`, `/api/dossiers/{id}`).
//!
//! Safety rules: nothing is ever written except the image cache under
//! `<index>/cache/`; no path from a request reaches the file system (a
//! dossier is looked up by id in the store, and the file served is the one
//! its record names); it binds loopback unless given a token, which every
//! request must then carry. HTML is rendered on the server, assets are
//! compiled into the binary, and labels are Vietnamese.

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

/// Results per page on the search page; most the API returns at once.
const PAGE_SIZE: usize = 10;
const MAX_LIMIT: usize = 100;
/// Cookie that carries the token after a `?token=` visit.
const TOKEN_COOKIE: &str = "sohoa_token";

const STYLE: &str = r#"
body{font-family:system-ui,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#f6f6f4}
header{background:#8b1a1a;color:#fff;padding:.6rem 1rem}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:1200px;margin:0 auto;padding:1rem}
form.search{display:flex;gap:.5rem;margin-bottom:1rem}form.search input[type=search]{flex:1;font-size:1.1rem;padding:.4rem}
button{font-size:1rem;padding:.4rem .9rem}
.layout{display:flex;gap:1.5rem}.facets{min-width:12rem}.facets h3{margin:.2rem 0;font-size:.95rem}
.facets ul{list-style:none;padding:0;margin:0 0 1rem}.facets a.on{font-weight:700}
ol.hits{padding-left:1.4rem}ol.hits li{margin-bottom:1rem}.meta{color:#666;font-size:.85rem}
mark{background:#ffe066;padding:0 .1em}
.pager a{margin-right:1rem}
.results{flex:1}.results h2{font-size:1.05rem;margin:.3rem 0 .6rem}h2#near{margin-top:1.6rem;color:#7a4b00}
ol.hits.near li{opacity:.92}.how{font-style:italic}li.exact .how,li.folded .how{color:#1d6b2a}
li.fuzzy .how,li.partial .how{color:#a04000}
.chips a.chip{display:inline-block;background:#fff;border:1px solid #8b1a1a;border-radius:1rem;padding:.1rem .6rem;margin-right:.4rem;color:#8b1a1a;text-decoration:none}
p.none{font-size:1.05rem}
@media (max-width:700px){.layout{flex-direction:column;gap:.5rem}.facets{min-width:0;display:flex;flex-wrap:wrap;gap:0 1.5rem}}
.fields td{padding:.15rem .8rem .15rem 0;vertical-align:top}.fields td:first-child{color:#555}
.page{display:flex;gap:1rem;margin:1.5rem 0;align-items:flex-start;background:#fff;padding:.8rem;border:1px solid #ddd}
.scan{position:relative;flex:0 0 55%}.scan img{width:100%;display:block;border:1px solid #ccc}
.scan svg{position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none}
.scan rect.hit{fill:rgba(255,200,0,.35);stroke:#d40000;stroke-width:3px;vector-effect:non-scaling-stroke}
.ocr{flex:1;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.85rem;max-height:80vh;overflow:auto}
.note{color:#8a5a00}
"#;

/// Fits each box layer to its image's real size (in case the record's
/// dimensions differ), and scrolls to the first highlighted page.
const SCRIPT: &str = r#"
document.querySelectorAll('.scan img').forEach(function(img){
  function fit(){var s=img.parentNode.querySelector('svg');
    if(s&&img.naturalWidth){s.setAttribute('viewBox','0 0 '+img.naturalWidth+' '+img.naturalHeight);}}
  if(img.complete){fit();}else{img.addEventListener('load',fit);}
});
var first=document.querySelector('rect.hit');if(first){first.closest('.page').scrollIntoView();}
"#;

struct AppState {
    dir: PathBuf,
    live: std::sync::RwLock<Arc<Live>>,
    token: Option<String>,
    cache: PathBuf,
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

/// Run the server until the process is stopped.
pub fn serve(index_dir: &Path, addr: SocketAddr, token: Option<String>) -> Result<()> {
    let token = token.filter(|t| !t.is_empty());
    if !is_loopback(&addr) && token.is_none() {
        return Err(Error::Usage(format!(
            "{addr} is reachable from other machines: pass --token T (then every request \
             needs it), or use a loopback address such as 127.0.0.1:8080"
        )));
    }
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
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the web server: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
        let local = listener.local_addr().map_err(|e| Error::io("socket", e))?;
        eprintln!("sohoa: serving {} on http://{local}/", index_dir.display());
        axum::serve(listener, router(state))
            .await
            .map_err(|e| Error::io("socket", e))
    })
}

fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(page_search))
        .route("/dossiers/{*id}", get(page_dossier))
        .route("/page-image", get(page_image))
        .route("/api/search", get(api_search))
        .route("/api/dossiers/{*id}", get(api_dossier))
        .route("/assets/style.css", get(|| async { css(STYLE) }))
        .route("/assets/app.js", get(|| async { js(SCRIPT) }))
        .fallback(|| async { problem(StatusCode::NOT_FOUND, "không tìm thấy (not found)") })
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            require_token,
        ))
        .with_state(state)
}

fn css(s: &'static str) -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], s).into_response()
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

/// `a=1&b=2` decoded (`+` as space), for the token check.
fn url_pairs(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Some((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

fn percent_decode(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// `s` percent-encoded for a URL query value or path segment.
fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Text made safe inside HTML elements and quoted attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A snippet's `**word**` marks as `<mark>`, the rest escaped.
fn snippet_html(s: &str) -> String {
    s.split("**")
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<mark>{}</mark>", esc(part))
            } else {
                esc(part)
            }
        })
        .collect()
}

/// A whole page text with every matched word in `<mark>`.
fn marked_text_html(text: &str, matcher: &Matcher) -> String {
    let spans = crate::text::word_spans(text);
    let marks = matcher.marks(text, &spans);
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for (&(a, b), m) in spans.iter().zip(&marks) {
        out.push_str(&esc(&text[pos..a]));
        if *m {
            let _ = write!(out, "<mark>{}</mark>", esc(&text[a..b]));
        } else {
            out.push_str(&esc(&text[a..b]));
        }
        pos = b;
    }
    out.push_str(&esc(&text[pos..]));
    out
}

fn layout(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} — sohoa</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
         <body><header><a href=\"/\">Số hóa hồ sơ — Tra cứu</a></header><main>{body}</main>\
         <script src=\"/assets/app.js\"></script></body></html>",
        esc(title)
    ))
}

/// Search parameters shared by the page and the API.
struct Params {
    q: String,
    doc_type: Option<String>,
    year: Option<String>,
    years: Option<(i64, i64)>,
    limit: usize,
    offset: usize,
    /// `near=1`: near matches too, even when the complete ones fill the page.
    near: bool,
}

fn params(
    map: &HashMap<String, String>,
    default_limit: usize,
) -> std::result::Result<Params, String> {
    let num = |key: &str, default: usize| -> std::result::Result<usize, String> {
        match map.get(key).map(|s| s.trim()).filter(|s| !s.is_empty()) {
            None => Ok(default),
            Some(s) => s
                .parse()
                .map_err(|_| format!("{key} must be a whole number, not {s:?}")),
        }
    };
    let year = map
        .get("year")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let years = match &year {
        None => None,
        Some(y) => Some(
            search::parse_years(y)
                .ok_or_else(|| format!("year must be 2022 or 2020..2022, not {y:?}"))?,
        ),
    };
    Ok(Params {
        q: map.get("q").cloned().unwrap_or_default(),
        doc_type: map
            .get("type")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        year,
        years,
        limit: num("limit", default_limit)?.min(MAX_LIMIT),
        offset: num("offset", 0)?.min(1_000_000),
        near: map
            .get("near")
            .is_some_and(|s| matches!(s.trim(), "1" | "true" | "yes")),
    })
}

/// Run a search on a blocking thread (tantivy is synchronous).
async fn run_search(state: &Shared, p: &Params) -> std::result::Result<Results, Response> {
    let req = Request {
        query: p.q.clone(),
        limit: p.limit,
        offset: p.offset,
        doc_type: p.doc_type.clone(),
        years: p.years,
        near: p.near,
    };
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || {
        let live = state.live()?;
        search::search_with(&live.index, &live.reader.searcher(), &req)
    })
    .await
    .map_err(|e| problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?
    .map_err(|e| problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))
}

async fn api_search(
    State(state): State<Shared>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let p = match params(&map, PAGE_SIZE) {
        Ok(p) => p,
        Err(msg) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!({"error": msg})),
            )
                .into_response()
        }
    };
    match run_search(&state, &p).await {
        Ok(results) => Json(results).into_response(),
        Err(resp) => resp,
    }
}

/// A search-page URL with these parameters.
fn search_url(q: &str, doc_type: Option<&str>, year: Option<&str>, offset: usize) -> String {
    let mut url = format!("/?q={}", url_encode(q));
    if let Some(t) = doc_type {
        let _ = write!(url, "&type={}", url_encode(t));
    }
    if let Some(y) = year {
        let _ = write!(url, "&year={}", url_encode(y));
    }
    if offset > 0 {
        let _ = write!(url, "&offset={offset}");
    }
    url
}

async fn page_search(
    State(state): State<Shared>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let p = match params(&map, PAGE_SIZE) {
        Ok(p) => Params {
            limit: PAGE_SIZE,
            ..p
        },
        Err(msg) => return problem(StatusCode::BAD_REQUEST, &msg),
    };
    let mut body = format!(
        "<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">\
         <input type=\"search\" name=\"q\" id=\"q\" value=\"{}\" autofocus \
         placeholder=\"Họ tên, số CCCD, số văn bản… (có dấu hoặc không dấu)\" aria-label=\"Tìm kiếm\">",
        esc(&p.q)
    );
    body.push_str("<button type=\"submit\" id=\"go\">Tìm kiếm</button></form>");
    if p.q.trim().is_empty() && p.doc_type.is_none() && p.year.is_none() {
        body.push_str(
            "<p>Gõ họ tên (có dấu hoặc không dấu), số CCCD/CMND, số điện thoại, số văn bản \
             hoặc bất kỳ từ nào. Lọc: <code>loai:quyet_dinh</code>, <code>nam:2022</code>, \
             <code>nam:2020..2022</code>, <code>cccd:…</code>, <code>ten:\"…\"</code>, \
             <code>so:…</code>; cụm từ chính xác trong \"ngoặc kép\".</p>",
        );
        return layout("Tra cứu hồ sơ", &body).into_response();
    }
    let results = match run_search(&state, &p).await {
        Ok(r) => r,
        Err(resp) => return resp,
    };
    for note in &results.notes {
        let _ = write!(body, "<p class=\"note\">Lưu ý: {}</p>", esc(note));
    }
    // Filters apply to this search only: shown as chips that remove them,
    // never carried silently into the next one typed in the box.
    if p.doc_type.is_some() || p.year.is_some() {
        body.push_str("<p class=\"chips\" id=\"filters\">Đang lọc: ");
        if let Some(t) = &p.doc_type {
            let url = search_url(&p.q, None, p.year.as_deref(), 0);
            let _ = write!(
                body,
                "<a class=\"chip\" href=\"{}\" title=\"Bỏ bộ lọc\">Loại: {} ✕</a> ",
                esc(&url),
                esc(t)
            );
        }
        if let Some(y) = &p.year {
            let url = search_url(&p.q, p.doc_type.as_deref(), None, 0);
            let _ = write!(
                body,
                "<a class=\"chip\" href=\"{}\" title=\"Bỏ bộ lọc\">Năm: {} ✕</a>",
                esc(&url),
                esc(y)
            );
        }
        body.push_str("</p>");
    }
    if results.hits.is_empty() {
        body.push_str("<p id=\"none\" class=\"none\">Không tìm thấy hồ sơ nào.</p>");
        return layout(&format!("{} — tìm kiếm", p.q), &body).into_response();
    }
    body.push_str("<div class=\"layout\"><aside class=\"facets\">");
    let facet = |body: &mut String,
                 title: &str,
                 counts: &std::collections::BTreeMap<String, usize>,
                 is_type: bool| {
        let current = if is_type {
            p.doc_type.as_deref()
        } else {
            p.year.as_deref()
        };
        if counts.is_empty() && current.is_none() {
            return; // no complete hit has one: no empty heading
        }
        let _ = write!(body, "<h3>{title}</h3><ul>");
        if current.is_some() {
            let url = if is_type {
                search_url(&p.q, None, p.year.as_deref(), 0)
            } else {
                search_url(&p.q, p.doc_type.as_deref(), None, 0)
            };
            let _ = write!(body, "<li><a href=\"{}\">(tất cả)</a></li>", esc(&url));
        }
        let mut entries: Vec<(&String, &usize)> = counts.iter().collect();
        if !is_type {
            entries.reverse(); // newest year first
        }
        for (k, n) in entries {
            let url = if is_type {
                search_url(&p.q, Some(k), p.year.as_deref(), 0)
            } else {
                search_url(&p.q, p.doc_type.as_deref(), Some(k), 0)
            };
            let on = if current == Some(k.as_str()) {
                " class=\"on\""
            } else {
                ""
            };
            let _ = write!(
                body,
                "<li><a{on} href=\"{}\">{}</a> ({n})</li>",
                esc(&url),
                esc(k)
            );
        }
        body.push_str("</ul>");
    };
    facet(&mut body, "Loại văn bản", &results.facets.doc_type, true);
    facet(&mut body, "Năm ký", &results.facets.year, false);
    body.push_str("</aside><div class=\"results\">");
    let parsed = ParsedQuery::parse(&p.q);
    let (complete, near): (Vec<_>, Vec<_>) =
        results.hits.iter().partition(|h| h.kind.is_complete());
    let _ = write!(
        body,
        "<h2 id=\"total\">Kết quả phù hợp: {} hồ sơ</h2>",
        results.total
    );
    if complete.is_empty() {
        body.push_str("<p class=\"none\">Không có hồ sơ nào khớp đầy đủ.</p>");
    } else {
        let _ = write!(body, "<ol class=\"hits\" start=\"{}\">", p.offset + 1);
        for hit in &complete {
            body.push_str(&hit_html(hit, &p.q, &parsed));
        }
        body.push_str("</ol>");
    }
    if !near.is_empty() {
        let _ = write!(
            body,
            "<h2 id=\"near\">Kết quả gần đúng — không khớp đầy đủ{}</h2>\
             <ol class=\"hits near\">",
            results
                .near_total
                .map(|n| format!(": {n} hồ sơ"))
                .unwrap_or_default()
        );
        for hit in &near {
            body.push_str(&hit_html(hit, &p.q, &parsed));
        }
        body.push_str("</ol>");
    }
    body.push_str("</div></div><p class=\"pager\">");

    if p.offset > 0 {
        let url = search_url(
            &p.q,
            p.doc_type.as_deref(),
            p.year.as_deref(),
            p.offset.saturating_sub(PAGE_SIZE),
        );
        let _ = write!(
            body,
            "<a rel=\"prev\" href=\"{}\">← Trang trước</a>",
            esc(&url)
        );
    }
    if p.offset + PAGE_SIZE < results.total {
        let url = search_url(
            &p.q,
            p.doc_type.as_deref(),
            p.year.as_deref(),
            p.offset + PAGE_SIZE,
        );
        let _ = write!(
            body,
            "<a rel=\"next\" href=\"{}\">Trang sau →</a>",
            esc(&url)
        );
    }
    body.push_str("</p>");
    layout(&format!("{} — tìm kiếm", p.q), &body).into_response()
}

/// One search hit: the dossier link, what matched in words, the snippet.
fn hit_html(hit: &search::Hit, q: &str, parsed: &ParsedQuery) -> String {
    let url = format!("/dossiers/{}?q={}", url_encode(&hit.dossier), url_encode(q));
    let how = match_words_vi(hit, parsed);
    // "Văn bản 2/3: Quyết định 312/QĐ-UBND" when the dossier holds several.
    let document = match &hit.document {
        Some(d) if d.of > 1 => {
            let kind = d
                .doc_type
                .as_deref()
                .and_then(crate::extract::doc_type_name)
                .unwrap_or("văn bản");
            let no = d
                .document_no
                .as_deref()
                .map_or(String::new(), |n| format!(" {n}"));
            format!(" · văn bản {}/{}: {kind}{no}", d.index, d.of)
        }
        _ => String::new(),
    };
    format!(
        "<li class=\"hit {}\"><a class=\"dossier\" href=\"{}#trang-{}\">{}</a> \
         <span class=\"meta\">trang {}{} · <span class=\"how\">{}</span></span>\
         <div class=\"snippet\">{}</div></li>",
        hit.kind.as_str(),
        esc(&url),
        hit.page,
        esc(&hit.dossier),
        hit.page,
        esc(&document),
        esc(&how),
        snippet_html(&hit.snippet)
    )
}

/// How a hit matched, said in Vietnamese for the officer.
fn match_words_vi(hit: &search::Hit, parsed: &ParsedQuery) -> String {
    use search::MatchKind;
    match hit.kind {
        MatchKind::Exact => "khớp chính xác".into(),
        MatchKind::Folded => "khớp không dấu (dấu thanh khác với từ gõ)".into(),
        MatchKind::Words => "có đủ các từ nhưng không liền nhau".into(),
        MatchKind::Fuzzy => "gần đúng: có từ chỉ khớp gần giống (có thể do lỗi nhận dạng)".into(),
        MatchKind::Partial => {
            // The query's words in order, less those found (in order too).
            let mut found = hit.matched_words.iter().peekable();
            let missing: Vec<&String> = parsed
                .words
                .iter()
                .chain(parsed.phrases.iter().flatten())
                .filter(|w| {
                    if found.peek() == Some(w) {
                        found.next();
                        false
                    } else {
                        true
                    }
                })
                .collect();
            let list: Vec<String> = missing.iter().map(|w| format!("«{w}»")).collect();
            format!("gần đúng: thiếu từ {}", list.join(", "))
        }
    }
}

/// A dossier's metadata, records and fields, by id; 404 when the store has
/// no such dossier (the id is only ever hashed into a store key).
async fn load_dossier(
    state: &Shared,
    id: String,
) -> std::result::Result<(DossierMeta, Vec<PageRecord>, crate::extract::Analysis), Response> {
    let state = Arc::clone(state);
    let id = crate::text::nfc(id.trim_end_matches('/'));
    tokio::task::spawn_blocking(move || -> Result<_> {
        let live = state.live()?;
        let store = live.index.store()?;
        let view = crate::folder::dossier_view(&live.index, &live.reader.searcher(), &store, &id)?;
        Ok((view.meta, view.pages, view.analysis))
    })
    .await
    .map_err(|e| problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()))?
    .map_err(|e| match e {
        Error::NoSuchDossier(_) => problem(
            StatusCode::NOT_FOUND,
            "không có hồ sơ này (no such dossier)",
        ),
        Error::NotIndexed { .. } => problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "hồ sơ này đã lưu nhưng chưa được lập chỉ mục; chạy `sohoa reindex` \
             (stored but not indexed yet)",
        ),
        e => problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    })
}

async fn api_dossier(State(state): State<Shared>, UrlPath(id): UrlPath<String>) -> Response {
    match load_dossier(&state, id).await {
        Ok((meta, pages, analysis)) => {
            Json(search::dossier_json(&meta, &pages, &analysis)).into_response()
        }
        Err(resp) => resp,
    }
}

async fn page_dossier(
    State(state): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let (meta, pages, analysis) = match load_dossier(&state, id).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let fields = &analysis.fields;
    let q = map.get("q").cloned().unwrap_or_default();
    let matcher = Matcher::new(&ParsedQuery::parse(&q));
    let mut body = format!(
        "<p><a id=\"back\" href=\"{}\">← Quay lại kết quả</a></p><h1>{}</h1><p class=\"meta\">{}</p>\
         <table class=\"fields\">",
        esc(&search_url(&q, None, None, 0)),
        esc(&meta.dossier),
        esc(&meta.path)
    );
    for key in crate::extract::FIELD_KEYS {
        let values = fields.get(key).map(Vec::as_slice).unwrap_or_default();
        if values.is_empty() {
            continue;
        }
        let shown: Vec<String> = values
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect();
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(field_label(key)),
            esc(&shown.join("; "))
        );
    }
    body.push_str("</table>");
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let boxes = matcher.boxes(page);
        let (w, h) = (page.image.width.max(1), page.image.height.max(1));
        let _ = write!(
            body,
            "<section class=\"page\" id=\"trang-{n}\"><div class=\"scan\">\
             <img src=\"/page-image?dossier={}&amp;page={n}\" alt=\"Trang {n}\" loading=\"lazy\">\
             <svg viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"none\">",
            url_encode(&meta.dossier)
        );
        for [x, y, bw, bh] in boxes {
            let _ = write!(
                body,
                "<rect class=\"hit\" x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\"/>"
            );
        }
        let _ = write!(
            body,
            "</svg></div><div class=\"ocr\"><h3>Trang {n} — {} (độ tin cậy {:.0})</h3>{}</div></section>",
            esc(&page.file),
            page.mean_confidence,
            marked_text_html(&page.text, &matcher)
        );
    }
    layout(&meta.dossier, &body).into_response()
}

fn field_label(key: &str) -> &'static str {
    match key {
        "doc_type" => "Loại văn bản",
        "document_no" => "Số văn bản",
        "signed_date" => "Ngày ký",
        "full_name" => "Họ và tên",
        "date_of_birth" => "Ngày sinh",
        "gender" => "Giới tính",
        "citizen_id" => "Số CCCD/CMND",
        "social_insurance_no" => "Số BHXH",
        "health_insurance_no" => "Số thẻ BHYT",
        "phone" => "Điện thoại",
        "amount_vnd" => "Số tiền (đồng)",
        "address" => "Địa chỉ",
        "issuer" => "Cơ quan ban hành",
        _ => "Khác",
    }
}

/// The PNG of page `page` (1-based) of a dossier: the file its store
/// record names, decoded as OCR saw it, cached under `<index>/cache/pages/`.
async fn page_image(
    State(state): State<Shared>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let Some(id) = map.get("dossier").cloned() else {
        return problem(StatusCode::BAD_REQUEST, "dossier= is required");
    };
    let Some(n) = map
        .get("page")
        .and_then(|p| p.parse::<usize>().ok())
        .filter(|&n| n >= 1)
    else {
        return problem(
            StatusCode::BAD_REQUEST,
            "page= must be a page number from 1",
        );
    };
    let (meta, pages, _) = match load_dossier(&state, id).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let Some(page) = pages.get(n - 1).cloned() else {
        return problem(StatusCode::NOT_FOUND, "không có trang này (no such page)");
    };
    let state = Arc::clone(&state);
    let png = tokio::task::spawn_blocking(move || page_png(&state.cache, &meta, &page)).await;
    match png {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "private, max-age=3600"),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(msg)) => problem(StatusCode::INTERNAL_SERVER_ERROR, &msg),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// PNG bytes of one recorded page, from the cache or decoded afresh.
fn page_png(
    cache: &Path,
    meta: &DossierMeta,
    page: &PageRecord,
) -> std::result::Result<Vec<u8>, String> {
    let hash = page.content_hash.trim_start_matches("blake3:");
    let name = format!(
        "{:016x}-{}-{}.png",
        crate::index::dossier_key(&meta.dossier),
        &hash[..hash.len().min(24)],
        page.page_in_file
    );
    let cached = cache.join(name);
    if let Ok(bytes) = std::fs::read(&cached) {
        return Ok(bytes);
    }
    // The path comes from the store record, never from the request.
    let source = Path::new(&meta.path).join(&page.file);
    let bytes = std::fs::read(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    if crate::store::content_hash(&bytes) != page.content_hash {
        return Err(format!(
            "{}: the file changed since it was read; run `sohoa ingest` again",
            source.display()
        ));
    }
    let img = crate::preprocess::decode_page(&bytes, page.page_in_file)?;
    let gray = image::GrayImage::from_raw(img.width, img.height, img.gray)
        .ok_or_else(|| "decoded page has the wrong size".to_string())?;
    let mut png = Vec::new();
    gray.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    if std::fs::create_dir_all(cache).is_ok() {
        let _ = crate::store::write_atomic(&cached, &png);
    }
    Ok(png)
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
            "0.0.0.0:0".parse().unwrap(),
            None,
        )
        .unwrap_err();
        assert!(err.to_string().contains("--token"), "{err}");
    }
}
