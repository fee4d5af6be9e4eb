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
    let fields = &analysis.fields;
    let q = map.get("q").cloned().unwrap_or_default();
    let matcher = Matcher::new(&ParsedQuery::parse(&q));
    let title = dossier_title(&meta.dossier, &analysis);
    let mut body = format!(
        "<p><a id=\"back\" href=\"{}\">← Quay lại kết quả</a></p><h1>{}</h1>\
         <p class=\"meta\">Hồ sơ {} · {} trang</p><table class=\"fields\">",
        esc(&search_url(&q, None, None, 0)),
        esc(&title),
        esc(&meta.dossier),
        pages.len()
    );
    for key in crate::extract::FIELD_KEYS {
        let values = fields.get(key).map(Vec::as_slice).unwrap_or_default();
        if values.is_empty() {
            continue;
        }
        let shown: Vec<String> = values.iter().map(|v| value_vi(key, v)).collect();
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td></tr>",
            esc(field_label(key)),
            esc(&shown.join("; "))
        );
    }
    body.push_str("</table>");
    body.push_str(&documents_html(
        &meta.dossier,
        &analysis.documents,
        pages.len(),
    ));
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let boxes = matcher.boxes(page);
        let (w, h) = (page.image.width.max(1), page.image.height.max(1));
        let _ = write!(
            body,
            "<section class=\"page\" id=\"trang-{n}\"><div class=\"scan\">\
             <img src=\"/page-image?dossier={}&amp;page={n}\" alt=\"Trang {n}\" \
             width=\"{w}\" height=\"{h}\" loading=\"lazy\">\
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
    layout(&title, &body).into_response()
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
