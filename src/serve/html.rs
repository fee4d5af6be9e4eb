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

pub(super) fn layout(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} — sohoa</title><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\
         <link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
         <body><header><a href=\"/\">Số hóa hồ sơ — Tra cứu</a></header><main>{body}</main>\
         <script src=\"/assets/app.js\"></script></body></html>",
        esc(title)
    ))
}
