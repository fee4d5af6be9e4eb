//! What staff do beyond searching: corrections (role `ra_soat`) and the
//! list of accounts (role `quan_tri`).
//!
//! A correction goes through [`crate::corrections::correct`], the code
//! `sohoa correct` runs (checked before anything is written, kept with who
//! and when, the dossier indexed again at once), by the logged-in user.
//! `POST /api/corrections` takes JSON for scripts; `POST /corrections` the
//! value form of the dossier page, then goes back to the dossier. A dossier
//! outside the user's fonds is "not found", as everywhere.

use super::*;
use crate::users::Role;

/// A correction as posted.
#[derive(Debug, Default, serde::Deserialize)]
pub(super) struct CorrectionBody {
    #[serde(default)]
    dossier: String,
    /// New first pages of the documents.
    #[serde(default)]
    split: Option<Vec<usize>>,
    /// The document (by first page) `set` applies to; none: dossier fields.
    #[serde(default)]
    document: Option<usize>,
    /// KEY → VALUE (an empty VALUE clears).
    #[serde(default)]
    set: std::collections::BTreeMap<String, String>,
}

/// Apply a correction as `viewer`; the JSON of `sohoa correct --json` or
/// the problem, with the audit note either way.
async fn run_correction(
    state: &Shared,
    viewer: &Viewer,
    body: CorrectionBody,
) -> (std::result::Result<serde_json::Value, Problem>, AuditNote) {
    let dossier = crate::text::nfc(body.dossier.trim_end_matches('/'));
    let req = crate::corrections::Request {
        split: body.split,
        document: body.document,
        set: body.set.into_iter().collect(),
    };
    let note = AuditNote {
        action: "correct",
        object: serde_json::json!({
            "dossier": dossier,
            "split": req.split,
            "document": req.document,
            "set": req.set.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(),
        }),
    };
    if !viewer.may_see(&dossier) {
        return (Err(no_such_dossier(&dossier)), note);
    }
    let st = Arc::clone(state);
    let by = viewer.name.clone();
    let id = dossier.clone();
    let done = tokio::task::spawn_blocking(move || {
        crate::corrections::correct(&st.dir, &id, &req, &by, false)
    })
    .await;
    let result = match done {
        Err(e) => Err(Problem::internal(e)),
        Ok(Ok(analysis)) => Ok(serde_json::json!({
            "dossier": dossier,
            "documents": analysis.documents,
            "corrections": analysis.corrections,
        })),
        Ok(Err(e)) => Err(match e {
            Error::NoSuchDossier(id) => no_such_dossier(&id),
            Error::Usage(m) => Problem::new(
                StatusCode::BAD_REQUEST,
                format!("Không sửa được: {m}"),
                m.clone(),
            ),
            e @ Error::Busy { .. } => Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "Kho đang được cập nhật (một lần nhập đang chạy); thử lại sau ít phút.",
                e.to_string(),
            ),
            e => Problem::internal(e),
        }),
    };
    (result, note)
}

/// The same answer as for a dossier the store does not have.
fn no_such_dossier(id: &str) -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        format!("Không có hồ sơ «{id}» trong kho. Có thể mã hồ sơ bị gõ sai, hoặc hồ sơ đã được gỡ khỏi kho."),
        "no such dossier",
    )
}

/// `POST /api/corrections`: {"dossier", "split"?, "document"?, "set"?: {KEY: VALUE}}.
pub(super) async fn api_correct(
    State(state): State<Shared>,
    viewer: Viewer,
    body: axum::body::Bytes,
) -> Response {
    let body: CorrectionBody = match serde_json::from_slice(&body) {
        Ok(b) => b,
        Err(e) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!({"error": format!("bad JSON: {e}")})),
            )
                .into_response()
        }
    };
    let (result, note) = run_correction(&state, &viewer, body).await;
    let mut resp = match result {
        Ok(v) => Json(v).into_response(),
        Err(p) => (p.status, Json(serde_json::json!({"error": p.en}))).into_response(),
    };
    resp.extensions_mut().insert(note);
    resp
}

/// The dossier page's value form.
#[derive(Debug, serde::Deserialize)]
pub(super) struct CorrectionForm {
    dossier: String,
    /// First page of the document; empty: a dossier field.
    #[serde(default)]
    document: String,
    key: String,
    #[serde(default)]
    value: String,
}

/// `POST /corrections`: one value from the dossier page's form, then back
/// to the dossier.
pub(super) async fn form_correct(
    State(state): State<Shared>,
    viewer: Viewer,
    axum::Form(form): axum::Form<CorrectionForm>,
) -> Response {
    let document = match form.document.trim() {
        "" => None,
        n => match n.parse::<usize>() {
            Ok(n) => Some(n),
            Err(_) => {
                return error_page(
                    StatusCode::BAD_REQUEST,
                    "Văn bản phải là số trang đầu của nó.",
                )
            }
        },
    };
    let body = CorrectionBody {
        dossier: form.dossier.clone(),
        split: None,
        document,
        set: [(form.key.trim().to_string(), form.value)].into(),
    };
    let (result, note) = run_correction(&state, &viewer, body).await;
    let mut resp = match result {
        Ok(_) => (
            StatusCode::SEE_OTHER,
            [(
                header::LOCATION,
                format!("/dossiers/{}", url_encode(&form.dossier)),
            )],
        )
            .into_response(),
        Err(p) => p.page(),
    };
    resp.extensions_mut().insert(note);
    resp
}

/// The value form on a dossier page, for a viewer who may correct.
pub(super) fn correction_form_html(viewer: &Viewer, dossier: &str, documents: usize) -> String {
    if viewer.role < Role::RaSoat || !viewer.has_session() {
        return String::new();
    }
    let keys: String = crate::corrections::DOCUMENT_KEYS
        .iter()
        .map(|k| format!("<option value=\"{k}\">{}</option>", field_label(k)))
        .collect();
    format!(
        "<section class=\"correct\" aria-labelledby=\"fix-h\"><h2 id=\"fix-h\">Sửa một giá trị</h2>\
         <form method=\"post\" action=\"/corrections\" id=\"correct\">{}\
         <input type=\"hidden\" name=\"dossier\" value=\"{}\">\
         <p><label for=\"fix-doc\">Văn bản (trang đầu; {documents} văn bản)</label> \
         <input id=\"fix-doc\" name=\"document\" inputmode=\"numeric\" size=\"4\" required></p>\
         <p><label for=\"fix-key\">Mục</label> <select id=\"fix-key\" name=\"key\">{keys}</select></p>\
         <p><label for=\"fix-value\">Giá trị đúng (để trống là xóa)</label> \
         <input id=\"fix-value\" name=\"value\"></p>\
         <p><button type=\"submit\">Lưu sửa đổi</button></p></form></section>",
        auth::CSRF_SLOT,
        esc(dossier)
    )
}

/// `GET /admin/users`: the accounts (never their password hashes).
pub(super) async fn admin_users(State(state): State<Shared>) -> Response {
    let users = match state.auth.users() {
        Ok(u) => u,
        Err(e) => return Problem::internal(e).page(),
    };
    let mut rows = String::new();
    for u in &users.users {
        let fonds = if u.fonds.is_empty() {
            "mọi phông".to_string()
        } else {
            u.fonds.join(", ")
        };
        let _ = write!(
            rows,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&u.name),
            u.role.vi(),
            esc(&fonds),
            esc(&u.created)
        );
    }
    let body = format!(
        "<h1>Tài khoản</h1><p>Thêm, đổi mật khẩu hoặc xóa tài khoản bằng lệnh \
         <code>sohoa user</code> trên máy chủ.</p>\
         <div class=\"wide\"><table class=\"list\" id=\"users\"><thead><tr><th scope=\"col\">Tên</th>\
         <th scope=\"col\">Vai trò</th><th scope=\"col\">Phông được xem</th><th scope=\"col\">Tạo lúc</th></tr></thead>\
         <tbody>{rows}</tbody></table></div>"
    );
    page_layout("Tài khoản", &body, Some("")).into_response()
}
