//! The dossier page (`/dossiers/{id}`) and `/api/dossiers/{id}`: fields,
//! every page's scan with the matched words boxed, and its OCR text.

use super::*;

/// A dossier's metadata, records and fields, by id; 404 when the store has
/// no such dossier (the id is only ever hashed into a store key), and the
/// same 404 when it is outside the viewer's fonds (existence does not
/// leak). Every dossier, page-image and PDF route reads through here.
pub(super) async fn load_dossier(
    state: &Shared,
    viewer: &Viewer,
    id: String,
) -> std::result::Result<(DossierMeta, Vec<PageRecord>, crate::extract::Analysis), Problem> {
    let state = Arc::clone(state);
    let id = crate::text::nfc(id.trim_end_matches('/'));
    let may_see = viewer.may_see(&id);
    tokio::task::spawn_blocking(move || -> Result<_> {
        if !may_see {
            return Err(Error::NoSuchDossier(id));
        }
        let live = state.live()?;
        let store = live.index.store()?;
        let view = crate::folder::dossier_view(&live.index, &live.reader.searcher(), &store, &id)?;
        Ok((view.meta, view.pages, view.analysis))
    })
    .await
    .map_err(Problem::internal)?
    .map_err(|e| match e {
        Error::NoSuchDossier(id) => Problem::new(
            StatusCode::NOT_FOUND,
            format!("Không có hồ sơ «{id}» trong kho. Có thể mã hồ sơ bị gõ sai, hoặc hồ sơ đã được gỡ khỏi kho."),
            "no such dossier",
        ),
        Error::NotIndexed { .. } => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "Hồ sơ này đã lưu nhưng chưa được lập chỉ mục; người quản trị cần chạy `sohoa reindex`.",
            "stored but not indexed yet",
        ),
        e => Problem::internal(e),
    })
}

pub(super) async fn api_dossier(
    State(state): State<Shared>,
    viewer: Viewer,
    UrlPath(id): UrlPath<String>,
) -> Response {
    match load_dossier(&state, &viewer, id).await {
        Ok((meta, pages, analysis)) => {
            Json(search::dossier_json(&meta, &pages, &analysis)).into_response()
        }
        Err(p) => p.plain(),
    }
}

pub(super) async fn page_dossier(
    State(state): State<Shared>,
    viewer: Viewer,
    UrlPath(id): UrlPath<String>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let (meta, pages, analysis) = match load_dossier(&state, &viewer, id).await {
        Ok(x) => x,
        Err(p) => return p.page(),
    };
    let q = map.get("q").cloned().unwrap_or_default();
    let matcher = Matcher::new(&ParsedQuery::parse(&q));
    let title = dossier_title(&meta.dossier, &analysis);
    // Back to the very results (or list page) the officer came from, with
    // their filters and paging; only an address of this site's own pages.
    let from = map
        .get("from")
        .filter(|f| f.starts_with("/?") || f.starts_with("/dossiers?") || *f == "/dossiers")
        .cloned();
    let (back, back_label) = match from {
        Some(f) if f.starts_with("/dossiers") => (f, "← Quay lại danh sách hồ sơ"),
        Some(f) => (f, "← Quay lại kết quả"),
        None => (search_url(&q, None, None, 0), "← Quay lại kết quả"),
    };
    let copy = match copy_of(&meta.dossier) {
        Some(original) => copy_note(&state, original).await,
        None => String::new(),
    };
    let mut body = format!(
        "<p><a id=\"back\" href=\"{}\">{back_label}</a></p><h1>{}</h1>\
         <p class=\"meta\">Hồ sơ {} · {} trang{}</p>{copy}",
        esc(&back),
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
    body.push_str(&correction_form_html(
        &viewer,
        &meta.dossier,
        analysis.documents.len(),
    ));
    body.push_str(&viewer_head(&meta.dossier, &pages));
    // The pages in folder order, each unread file where its page would stand.
    let mut unread = meta.unread.iter().enumerate().peekable();
    for (i, page) in pages.iter().enumerate() {
        while let Some((k, u)) = unread.next_if(|(_, u)| {
            crate::text::natural_cmp(&u.file, &page.file)
                .then(
                    u.page
                        .unwrap_or(1)
                        .saturating_sub(1)
                        .cmp(&page.page_in_file),
                )
                .is_lt()
        }) {
            body.push_str(&unread_html(u, k));
        }
        body.push_str(&page_html(
            &meta.dossier,
            &title,
            (i + 1, pages.len()),
            page,
            &matcher,
        ));
    }
    for (k, u) in unread {
        body.push_str(&unread_html(u, k));
    }
    body.push_str("</div></section>");
    page_layout(&title, &body, Some(&q)).into_response()
}

/// What the page says of a copy: that it is one, and a link to the dossier
/// it copies when the store has it.
async fn copy_note(state: &Shared, original: String) -> String {
    let state = Arc::clone(state);
    let id = original.clone();
    let exists = tokio::task::spawn_blocking(move || {
        let live = state.live().ok()?;
        live.index.store().ok()?.read_meta(&id)
    })
    .await
    .ok()
    .flatten()
    .is_some();
    if exists {
        format!(
            "<p class=\"copynote\"><span class=\"flag copy\">Bản sao</span> Thư mục này là bản sao của hồ sơ \
             <a href=\"/dossiers/{}\">{}</a>: khi trích dẫn, dùng hồ sơ gốc.</p>",
            url_encode(&original),
            esc(&original)
        )
    } else {
        format!(
            "<p class=\"copynote\"><span class=\"flag copy\">Bản sao</span> Tên thư mục ghi đây là bản sao \
             (của «{}»), nhưng kho không có hồ sơ gốc đó.</p>",
            esc(&original)
        )
    }
}

/// The extracted fields, each value with its check beside it; then the
/// checks of values no field shows (none today, but never hidden).
fn fields_html(analysis: &crate::extract::Analysis) -> String {
    let fields = &analysis.fields;
    let mut out = String::from(
        "<h2 id=\"truong\" class=\"sr\">Thông tin trích xuất</h2><table class=\"fields\"><tbody>",
    );
    let mut shown = std::collections::HashSet::new();
    // With several people, their names, dates and IDs go in the people
    // table, a row each, not pooled here where none says whose is whose.
    let per_person = several_people(analysis);
    for key in crate::extract::FIELD_KEYS {
        let values = fields.get(key).map(Vec::as_slice).unwrap_or_default();
        let in_table = |v: &serde_json::Value| {
            per_person
                && is_person_key(key)
                && analysis
                    .records
                    .iter()
                    .any(|r| v.as_str().is_some_and(|s| r.get(key) == Some(s)))
        };
        let items: Vec<String> = values
            .iter()
            .filter(|v| !in_table(v))
            .map(|v| {
                let raw = v.as_str().map_or_else(|| v.to_string(), str::to_string);
                shown.insert((key.to_string(), raw));
                format!("<li>{}</li>", value_html(key, v, analysis))
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td><ul class=\"vals\">{}</ul></td></tr>",
            esc(field_label(key)),
            items.concat()
        );
    }
    out.push_str("</tbody></table>");
    out.push_str(&people_html(analysis, &mut shown));
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

/// The page viewer's head: its toolbar (previous/next, "Trang x/n", zoom,
/// print), shown once the script runs, and the strip of thumbnails; it
/// opens the `<div class="pages">` the pages go into.
fn viewer_head(dossier: &str, pages: &[PageRecord]) -> String {
    let n = pages.len();
    let mut out = format!(
        "<section class=\"viewer\" id=\"viewer\" aria-labelledby=\"viewer-h\" data-zoom=\"fit\">\
         <h2 id=\"viewer-h\">Các trang ({n})</h2>\
         <div class=\"viewbar\"><div class=\"toolbar\" role=\"toolbar\" aria-label=\"Xem trang\">\
         <button type=\"button\" id=\"prev\">‹ Trang trước</button>\
         <span id=\"pos\" aria-live=\"polite\">Trang 1/{n}</span>\
         <button type=\"button\" id=\"next\">Trang sau ›</button>\
         <span class=\"zoom\" role=\"group\" aria-label=\"Thu phóng (phím + và −)\">\
         <button type=\"button\" data-zoom=\"fit\" aria-pressed=\"true\">Vừa khung</button>\
         <button type=\"button\" data-zoom=\"1\" aria-pressed=\"false\">100%</button>\
         <button type=\"button\" data-zoom=\"2\" aria-pressed=\"false\">200%</button></span>\
         <label class=\"print-ocr\"><input type=\"checkbox\" id=\"print-ocr\"> In kèm chữ nhận dạng</label>\
         <button type=\"button\" id=\"print\">In</button></div>"
    );
    if n > 1 {
        out.push_str("<nav class=\"thumbs\" aria-label=\"Các trang của hồ sơ\"><ol>");
        for (i, p) in pages.iter().enumerate() {
            let k = i + 1;
            let (w, h) = thumb_size(p);
            let _ = write!(
                out,
                "<li><a href=\"#trang-{k}\" data-page=\"{i}\"><img src=\"/page-image?dossier={}&amp;page={k}&amp;w={THUMB_WIDTH}\" \
                 width=\"{w}\" height=\"{h}\" alt=\"\" loading=\"lazy\"><span>Trang {k}</span></a></li>",
                url_encode(dossier)
            );
        }
        out.push_str("</ol></nav>");
    }
    out.push_str("</div><div class=\"pages\">");
    out
}

/// The shown size of a page's thumbnail (CSS pixels, 48 wide).
fn thumb_size(page: &PageRecord) -> (u32, u32) {
    let (w, h) = (page.image.width.max(1), page.image.height.max(1));
    (48, (u64::from(h) * 48 / u64::from(w)).max(1) as u32)
}

/// One page: the scan with the matched words boxed, and its OCR text.
fn page_html(
    dossier: &str,
    head: &str,
    (n, total): (usize, usize),
    page: &PageRecord,
    matcher: &Matcher,
) -> String {
    let boxes = matcher.boxes(page);
    let (w, h) = (page.image.width.max(1), page.image.height.max(1));
    let src = format!("/page-image?dossier={}&amp;page={n}", url_encode(dossier));
    let mut out = format!(
        "<section class=\"page\" id=\"trang-{n}\"><p class=\"print-head\">{} — trang {n}/{total}</p>\
         <div class=\"scanbox\"><div class=\"scan\">\
         <img src=\"{src}&amp;w={SCREEN_WIDTH}\" data-full=\"{src}\" alt=\"Ảnh quét trang {n}\" \
         width=\"{w}\" height=\"{h}\" loading=\"lazy\">\
         <svg viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"none\" aria-hidden=\"true\">",
        esc(head)
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
        "</svg></div></div><div class=\"ocr\" tabindex=\"0\" aria-label=\"Chữ nhận dạng trang {n}\"><h3>Trang {n} — {} (độ tin cậy {:.0}){low}</h3>{}</div></section>",
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
