//! The dossier page (`/dossiers/{id}`) and `/api/dossiers/{id}`: fields,
//! every page's scan with the matched words boxed, and its OCR text.

use super::*;

/// A dossier's metadata, records and fields, by id; 404 when the store has
/// no such dossier (the id is only ever hashed into a store key).
pub(super) async fn load_dossier(
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

pub(super) async fn api_dossier(
    State(state): State<Shared>,
    UrlPath(id): UrlPath<String>,
) -> Response {
    match load_dossier(&state, id).await {
        Ok((meta, pages, analysis)) => {
            Json(search::dossier_json(&meta, &pages, &analysis)).into_response()
        }
        Err(resp) => resp,
    }
}

pub(super) async fn page_dossier(
    State(state): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let (meta, pages, analysis) = match load_dossier(&state, id).await {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let q = map.get("q").cloned().unwrap_or_default();
    let matcher = Matcher::new(&ParsedQuery::parse(&q));
    let title = dossier_title(&meta.dossier, &analysis);
    let mut body = format!(
        "<p><a id=\"back\" href=\"{}\">← Quay lại kết quả</a></p><h1>{}</h1>\
         <p class=\"meta\">Hồ sơ {} · {} trang{}</p>",
        esc(&search_url(&q, None, None, 0)),
        esc(&title),
        esc(&meta.dossier),
        pages.len(),
        match meta.unread.len() {
            0 => String::new(),
            n => format!(" · <strong>{n} tệp không đọc được</strong>"),
        }
    );
    body.push_str(&summary_html(&meta, &pages, &analysis));
    body.push_str(&fields_html(&analysis));
    body.push_str(&documents_html(
        &meta.dossier,
        &analysis.documents,
        pages.len(),
    ));
    // The pages in folder order, each unread file where its page would stand.
    let mut unread = meta.unread.iter().enumerate().peekable();
    for (i, page) in pages.iter().enumerate() {
        while let Some((k, u)) = unread.next_if(|(_, u)| {
            crate::text::natural_cmp(&u.file, &page.file)
                .then((u.page.unwrap_or(1) - 1).cmp(&page.page_in_file))
                .is_lt()
        }) {
            body.push_str(&unread_html(u, k));
        }
        body.push_str(&page_html(&meta.dossier, i + 1, page, &matcher));
    }
    for (k, u) in unread {
        body.push_str(&unread_html(u, k));
    }
    layout(&title, &body).into_response()
}

/// The extracted fields, each value with its check beside it; then the
/// checks of values no field shows (none today, but never hidden).
fn fields_html(analysis: &crate::extract::Analysis) -> String {
    let fields = &analysis.fields;
    let mut out = String::from(
        "<h2 id=\"truong\" class=\"sr\">Thông tin trích xuất</h2><table class=\"fields\"><tbody>",
    );
    let mut shown = std::collections::HashSet::new();
    for key in crate::extract::FIELD_KEYS {
        let values = fields.get(key).map(Vec::as_slice).unwrap_or_default();
        if values.is_empty() {
            continue;
        }
        let items: Vec<String> = values
            .iter()
            .map(|v| {
                let raw = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                shown.insert((key.to_string(), raw));
                format!("<li>{}</li>", value_html(key, v, analysis))
            })
            .collect();
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td><ul class=\"vals\">{}</ul></td></tr>",
            esc(field_label(key)),
            items.concat()
        );
    }
    out.push_str("</tbody></table>");
    let rest: Vec<String> = analysis
        .checks
        .iter()
        .filter(|c| c.check != crate::extract::CheckState::Valid)
        .filter(|c| !shown.contains(&(c.key.clone(), c.value.clone())))
        .map(|c| {
            format!(
                "<li>{}: <span class=\"v\">{}</span>{}</li>",
                esc(field_label(&c.key)),
                esc(&c.value),
                flag_html(c)
            )
        })
        .collect();
    if !rest.is_empty() {
        let _ = write!(
            out,
            "<h3>Giá trị khác cần kiểm tra</h3><ul class=\"others\">{}</ul>",
            rest.concat()
        );
    }
    out
}

/// One page: the scan with the matched words boxed, and its OCR text.
fn page_html(dossier: &str, n: usize, page: &PageRecord, matcher: &Matcher) -> String {
    let boxes = matcher.boxes(page);
    let (w, h) = (page.image.width.max(1), page.image.height.max(1));
    let mut out = format!(
        "<section class=\"page\" id=\"trang-{n}\"><div class=\"scan\">\
         <img src=\"/page-image?dossier={}&amp;page={n}\" alt=\"Ảnh quét trang {n}\" \
         width=\"{w}\" height=\"{h}\" loading=\"lazy\">\
         <svg viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"none\" aria-hidden=\"true\">",
        url_encode(dossier)
    );
    for [x, y, bw, bh] in boxes {
        let _ = write!(
            out,
            "<rect class=\"hit\" x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\"/>"
        );
    }
    let low = if low_confidence(page) {
        format!(
            " <span class=\"flag doubt\">Độ tin cậy thấp ({:.0}/100): nên đối chiếu với bản giấy</span>",
            page.mean_confidence
        )
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "</svg></div><div class=\"ocr\"><h3>Trang {n} — {} (độ tin cậy {:.0}){low}</h3>{}</div></section>",
        esc(&page.file),
        page.mean_confidence,
        marked_text_html(&page.text, matcher)
    );
    out
}

/// A dossier's title as an officer names it: its first document's type and
/// number and the first person ("Quyết định 312/QĐ-UBND — Vương Văn Hải"),
/// else the folder id. The type and number are the first document's own, so
/// one document's number is never shown under another's type.
pub(super) fn dossier_title(id: &str, analysis: &crate::extract::Analysis) -> String {
    let first = |key: &str| {
        analysis
            .fields
            .get(key)
            .and_then(|v| v.first())
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let doc = analysis.documents.first();
    let (doc_type, number) = match doc {
        Some(d) => (d.doc_type.clone(), d.document_no.clone()),
        None => (first("doc_type"), first("document_no")),
    };
    let mut head = Vec::new();
    if let Some(t) = doc_type.filter(|t| t != "khac") {
        head.push(type_vi(&t));
    }
    head.extend(number);
    let head = head.join(" ");
    match (head.is_empty(), first("full_name")) {
        (false, Some(name)) => format!("{head} — {name}"),
        (false, None) => head,
        (true, Some(name)) => name,
        (true, None) => id.rsplit('/').next().unwrap_or(id).to_string(),
    }
}

/// The documents of the dossier, one row each: pages, type, number, date,
/// issuer, summary, signer; with links to their pages.
pub(super) fn documents_html(
    dossier: &str,
    documents: &[crate::extract::Document],
    pages: usize,
) -> String {
    if documents.is_empty() {
        return String::new();
    }
    let pdf = format!("/pdf/{}", url_encode(dossier));
    let mut out = format!(
        "<h2>Văn bản trong hồ sơ ({}) <a class=\"pdf\" href=\"{pdf}\" download>Tải PDF cả hồ sơ</a></h2>\
         <div class=\"wide\"><table class=\"docs\"><thead><tr>\
         <th>Trang</th><th>Loại</th><th>Số, ký hiệu</th><th>Ngày</th>\
         <th>Cơ quan ban hành</th><th>Trích yếu</th><th>Người ký</th><th>PDF</th></tr></thead><tbody>",
        documents.len()
    );
    for (i, d) in documents.iter().enumerate() {
        let [first, last] = d.pages;
        let span = if first == last {
            format!("{first}")
        } else {
            format!("{first}–{last}")
        };
        let opt = |v: &Option<String>| esc(v.as_deref().unwrap_or("—"));
        let _ = write!(
            out,
            "<tr><td><a href=\"#trang-{first}\">{span}</a>/{pages}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td><a class=\"pdf\" href=\"{pdf}?document={}\" download>Tải PDF</a></td></tr>",
            esc(&d
                .doc_type
                .as_deref()
                .map(type_vi)
                .unwrap_or_else(|| "—".into())),
            opt(&d.document_no),
            esc(&d
                .signed_date
                .as_deref()
                .map(date_vi)
                .unwrap_or_else(|| "—".into())),
            opt(&d.issuer),
            opt(&d.summary),
            opt(&d.signer),
            i + 1,
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

pub(super) fn field_label(key: &str) -> &'static str {
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
        "amount_vnd" => "Số tiền",
        "address" => "Địa chỉ",
        "issuer" => "Cơ quan ban hành",
        _ => "Khác",
    }
}
