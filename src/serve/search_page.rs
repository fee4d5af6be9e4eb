//! The search page (`/`) and `/api/search`: parameters, the results with
//! their facets and paging, and how each hit matched, in Vietnamese.

use super::*;

/// Search parameters shared by the page and the API.
pub(super) struct Params {
    q: String,
    doc_type: Option<String>,
    year: Option<String>,
    years: Option<(i64, i64)>,
    limit: usize,
    offset: usize,
    /// `near=1`: near matches too, even when the complete ones fill the page.
    near: bool,
}

pub(super) fn params(
    map: &HashMap<String, String>,
    default_limit: usize,
) -> std::result::Result<Params, Problem> {
    let num = |key: &str, default: usize| -> std::result::Result<usize, Problem> {
        match map.get(key).map(|s| s.trim()).filter(|s| !s.is_empty()) {
            None => Ok(default),
            Some(s) => s.parse().map_err(|_| {
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    format!("Tham số {key}= phải là một số nguyên không âm, không phải «{s}»."),
                    format!("{key} must be a whole number, not {s:?}"),
                )
            }),
        }
    };
    let year = map
        .get("year")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let years = match &year {
        None => None,
        Some(y) => Some(search::parse_years(y).ok_or_else(|| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                format!("Năm phải viết như 2022 hoặc 2020..2022, không phải «{y}»."),
                format!("year must be 2022 or 2020..2022, not {y:?}"),
            )
        })?),
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

/// Run a search on a blocking thread (tantivy is synchronous), limited
/// inside the query to the viewer's fonds.
pub(super) async fn run_search(
    state: &Shared,
    viewer: &Viewer,
    p: &Params,
) -> std::result::Result<Results, Problem> {
    let req = Request {
        query: p.q.clone(),
        limit: p.limit,
        offset: p.offset,
        doc_type: p.doc_type.clone(),
        years: p.years,
        near: p.near,
        fonds: viewer.fonds.clone(),
    };
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || {
        let live = state.live()?;
        search::search_with(&live.index, &live.reader.searcher(), &req)
    })
    .await
    .map_err(Problem::internal)?
    .map_err(Problem::internal)
}

pub(super) async fn api_search(
    State(state): State<Shared>,
    viewer: Viewer,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let p = match params(&map, PAGE_SIZE) {
        Ok(p) => p,
        Err(problem) => {
            return (
                problem.status,
                Json(serde_json::json!({"error": problem.en})),
            )
                .into_response()
        }
    };
    match run_search(&state, &viewer, &p).await {
        Ok(results) => Json(results).into_response(),
        Err(p) => p.plain(),
    }
}

/// What the results page shows of each hit's dossier beyond the hit.
/// A dossier that cannot be read just has none of it.
#[derive(Default)]
pub(super) struct Extra {
    /// Its stored metadata (the files it could not read).
    pub meta: Option<DossierMeta>,
    /// Its analysis (fields, checks).
    pub analysis: Option<crate::extract::Analysis>,
    /// The mean OCR confidence of the matched page, when it is low.
    pub low_confidence: Option<f32>,
}

/// By dossier id.
pub(super) type Extras = HashMap<String, Extra>;

/// The extras of the shown hits (one per dossier): one metadata file, the
/// stored analysis and the matched page's record each.
pub(super) async fn hit_extras(state: &Shared, hits: &[search::Hit]) -> Extras {
    let state = Arc::clone(state);
    let wanted: Vec<(String, String, usize)> = hits
        .iter()
        .map(|h| {
            let page = usize::try_from(h.file_page.saturating_sub(1)).unwrap_or(0);
            (h.dossier.clone(), h.file.clone(), page)
        })
        .collect();
    tokio::task::spawn_blocking(move || {
        let Ok(live) = state.live() else {
            return Extras::new();
        };
        let searcher = live.reader.searcher();
        let store = live.index.store().ok();
        wanted
            .into_iter()
            .map(|(id, file, page)| {
                let meta = store.as_ref().and_then(|s| s.read_meta(&id));
                let analysis = live.index.analysis(&searcher, &id).ok().flatten();
                let low_confidence = store
                    .as_ref()
                    .and_then(|s| s.read_page(&id, &file, page))
                    .filter(low_confidence)
                    .map(|p| p.mean_confidence);
                let extra = Extra {
                    meta,
                    analysis,
                    low_confidence,
                };
                (id, extra)
            })
            .collect()
    })
    .await
    .unwrap_or_default()
}

/// A search-page URL with these parameters.
pub(super) fn search_url(
    q: &str,
    doc_type: Option<&str>,
    year: Option<&str>,
    offset: usize,
) -> String {
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

pub(super) async fn page_search(
    State(state): State<Shared>,
    viewer: Viewer,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let p = match params(&map, PAGE_SIZE) {
        Ok(p) => Params {
            limit: PAGE_SIZE,
            ..p
        },
        Err(p) => return p.page(),
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
        return page_layout("Tra cứu hồ sơ", &body, None).into_response();
    }
    let results = match run_search(&state, &viewer, &p).await {
        Ok(r) => r,
        Err(p) => return p.page(),
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
                esc(&type_vi(t))
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
        return page_layout(&format!("{} — tìm kiếm", p.q), &body, None).into_response();
    }
    body.push_str(
        "<div class=\"layout\"><aside aria-label=\"Bộ lọc\"><details class=\"facets\" open>\
         <summary>Bộ lọc theo loại, năm</summary>",
    );
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
            let label = if is_type { type_vi(k) } else { k.clone() };
            let _ = write!(
                body,
                "<li><a{on} href=\"{}\">{}</a> ({n})</li>",
                esc(&url),
                esc(&label)
            );
        }
        body.push_str("</ul>");
    };
    facet(&mut body, "Loại văn bản", &results.facets.doc_type, true);
    facet(&mut body, "Năm ký", &results.facets.year, false);
    body.push_str("</details></aside><div class=\"results\">");
    let parsed = ParsedQuery::parse(&p.q);
    let here = search_url(&p.q, p.doc_type.as_deref(), p.year.as_deref(), p.offset);
    let top = results
        .hits
        .iter()
        .map(|h| h.score)
        .fold(0f32, f32::max)
        .max(f32::MIN_POSITIVE);
    let extras = hit_extras(&state, &results.hits).await;
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
            body.push_str(&hit_html(
                hit,
                (&p.q, &here),
                &parsed,
                hit.score / top,
                extras.get(&hit.dossier),
            ));
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
            body.push_str(&hit_html(
                hit,
                (&p.q, &here),
                &parsed,
                hit.score / top,
                extras.get(&hit.dossier),
            ));
        }
        body.push_str("</ol>");
    }
    body.push_str("</div></div><p class=\"pager\">");
    body.push_str(&pager_links(p.offset, PAGE_SIZE, results.total, |o| {
        search_url(&p.q, p.doc_type.as_deref(), p.year.as_deref(), o)
    }));
    body.push_str("</p>");
    page_layout(&format!("{} — tìm kiếm", p.q), &body, None).into_response()
}

/// One search hit: the dossier link, what matched in words, the snippet.
/// `(q, here)`: the query and this results page's address (the dossier
/// page's way back); `relevance`: the score against the best hit's, 0–1.
pub(super) fn hit_html(
    hit: &search::Hit,
    (q, here): (&str, &str),
    parsed: &ParsedQuery,
    relevance: f32,
    extra: Option<&Extra>,
) -> String {
    let mut flags = extra.map_or(String::new(), |e| {
        hit_flags(e.meta.as_ref(), e.analysis.as_ref())
    });
    if let Some(conf) = extra.and_then(|e| e.low_confidence) {
        let _ = write!(
            flags,
            " <span class=\"flag doubt\">Trang {} nhận dạng với độ tin cậy thấp ({conf:.0}/100)</span>",
            hit.page
        );
    }
    let analysis = extra.and_then(|e| e.analysis.as_ref());
    let title = analysis.map_or_else(|| hit.dossier.clone(), |a| dossier_title(&hit.dossier, a));
    let keys = analysis.map_or(String::new(), key_fields_html);
    let url = format!(
        "/dossiers/{}?q={}&from={}",
        url_encode(&hit.dossier),
        url_encode(q),
        url_encode(here)
    );
    let pct = (relevance.clamp(0.0, 1.0) * 100.0).round() as u32;
    // The bar's width by class, in tens: the CSP allows no inline style.
    let step = (pct + 5) / 10 * 10;
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
        "<li class=\"hit {}\"><a class=\"dossier\" href=\"{}#trang-{}\">{}</a>{flags}\
         <div class=\"id\">{}</div>{keys}\
         <div class=\"meta\"><span class=\"relevance\" title=\"Mức liên quan {pct}%\"><span class=\"r{step}\"></span></span>\
         <span class=\"sr\">Mức liên quan {pct}%.</span> trang {}{} · <span class=\"how\">{}</span></div>\
         <div class=\"snippet\">{}</div></li>",
        hit.kind.as_str(),
        esc(&url),
        hit.page,
        esc(&title),
        esc(&hit.dossier),
        hit.page,
        esc(&document),
        esc(&how),
        snippet_html(&hit.snippet)
    )
}

/// How a hit matched, said in Vietnamese for the officer.
pub(super) fn match_words_vi(hit: &search::Hit, parsed: &ParsedQuery) -> String {
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

/// The key fields of a hit's dossier, on one line: type, number, date
/// (of its first document, as the title: a certificate's number is not
/// shown beside the application's type), the people (first three), the
/// first ID.
pub(super) fn key_fields_html(a: &crate::extract::Analysis) -> String {
    let first = a.documents.first();
    let of_first = |key: &str| -> Option<Vec<serde_json::Value>> {
        let d = first?;
        let v = match key {
            "doc_type" => d.doc_type.clone(),
            "document_no" => d.document_no.clone(),
            "signed_date" => d.signed_date.clone(),
            _ => return None,
        };
        Some(v.map(serde_json::Value::String).into_iter().collect())
    };
    let mut out = String::new();
    let mut item = |label: &str, key: &str, most: usize| {
        let own = of_first(key);
        let values = match &own {
            Some(v) => v.as_slice(),
            None => a.fields.get(key).map(Vec::as_slice).unwrap_or_default(),
        };
        if values.is_empty() {
            return;
        }
        let mut shown: Vec<String> = values.iter().take(most).map(|v| value_vi(key, v)).collect();
        if values.len() > most && key == "full_name" {
            shown.push(format!("và {} người khác", values.len() - most));
        }
        let _ = write!(
            out,
            "<div><dt>{label}</dt><dd>{}</dd></div>",
            esc(&shown.join(", "))
        );
    };
    item("Loại:", "doc_type", 1);
    item("Số:", "document_no", 1);
    item("Ngày ký:", "signed_date", 1);
    item("Họ tên:", "full_name", 3);
    item("CCCD:", "citizen_id", 1);
    if out.is_empty() {
        return out;
    }
    format!("<dl class=\"keys\">{out}</dl>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_on_a_poorly_read_page_says_so() {
        let hit = search::Hit {
            dossier: "hs/Lò Văn Minh".into(),
            path: String::new(),
            score: 1.0,
            page: 2,
            file: "b.jpg".into(),
            file_page: 1,
            snippet: "**Lò Văn Minh**".into(),
            kind: search::MatchKind::Exact,
            matched_words: Vec::new(),
            document: None,
        };
        let parsed = ParsedQuery::parse("Lò Văn Minh");
        let extra = Extra {
            low_confidence: Some(41.5),
            ..Extra::default()
        };
        let html = hit_html(&hit, ("Lò Văn Minh", "/"), &parsed, 1.0, Some(&extra));
        assert!(
            html.contains("Trang 2 nhận dạng với độ tin cậy thấp (42/100)"),
            "{html}"
        );
        let plain = hit_html(
            &hit,
            ("Lò Văn Minh", "/"),
            &parsed,
            1.0,
            Some(&Extra::default()),
        );
        assert!(!plain.contains("độ tin cậy thấp"), "{plain}");
    }
}
