//! HTML and URL helpers: escaping, percent coding, marked text, the page layout.

use super::*;

/// `a=1&b=2` decoded (`+` as space), for the token check.
pub(super) fn url_pairs(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Some((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

pub(super) fn percent_decode(s: &str) -> Option<String> {
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
pub(super) fn url_encode(s: &str) -> String {
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
pub(super) fn esc(s: &str) -> String {
    crate::text::escape_markup(s)
}

/// A snippet's `**word**` marks as `<mark>`, the rest escaped.
pub(super) fn snippet_html(s: &str) -> String {
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
pub(super) fn marked_text_html(text: &str, matcher: &Matcher) -> String {
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

/// The site's layout: a skip link, the header (home, the list of dossiers,
/// and the search box unless the page has its own: `search` is None), the
/// main content, the script.
pub(super) fn page_layout(title: &str, body: &str, search: Option<&str>) -> Html<String> {
    layout(title, body, search, true)
}

/// The layout of the login page: no link to the list of dossiers, which a
/// visitor without a session could only be sent back from.
pub(super) fn login_layout(title: &str, body: &str) -> Html<String> {
    layout(title, body, None, false)
}

fn layout(title: &str, body: &str, search: Option<&str>, nav: bool) -> Html<String> {
    let nav = if nav {
        "<nav aria-label=\"Trang chính\"><ul><li><a href=\"/dossiers\">Danh sách hồ sơ</a></li></ul></nav>"
    } else {
        ""
    };
    let form = search.map_or(String::new(), |q| {
        format!(
            "<form action=\"/\" method=\"get\" role=\"search\">\
             <label class=\"sr\" for=\"hq\">Tìm hồ sơ</label>\
             <input type=\"search\" name=\"q\" id=\"hq\" value=\"{}\" placeholder=\"Tìm họ tên, số CCCD, số văn bản…\">\
             <button type=\"submit\">Tìm</button></form>",
            esc(q)
        )
    });
    Html(format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} — sohoa</title><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
         <body><a class=\"skip\" href=\"#main\">Bỏ qua, đến nội dung chính</a>\
         <header class=\"top\"><a href=\"/\">Số hóa hồ sơ — Tra cứu</a>\
         {nav}{form}{}</header>\
         <main id=\"main\" tabindex=\"-1\">{body}</main>\
         <script src=\"/assets/app.js\"></script></body></html>",
        esc(title),
        auth::ACCOUNT_SLOT
    ))
}

/// The links between pages of a long answer: "← Trang trước", "Trang x/y"
/// and "Trang sau →", each an address `url` makes from an offset.
pub(super) fn pager_links(
    offset: usize,
    per_page: usize,
    total: usize,
    url: impl Fn(usize) -> String,
) -> String {
    let mut out = String::new();
    if offset > 0 {
        let _ = write!(
            out,
            "<a rel=\"prev\" href=\"{}\">← Trang trước</a>",
            esc(&url(offset.saturating_sub(per_page)))
        );
    }
    if total > per_page {
        let _ = write!(
            out,
            "<span>Trang {}/{}</span>",
            offset / per_page + 1,
            total.div_ceil(per_page)
        );
    }
    if offset + per_page < total {
        let _ = write!(
            out,
            "<a rel=\"next\" href=\"{}\">Trang sau →</a>",
            esc(&url(offset + per_page))
        );
    }
    out
}
