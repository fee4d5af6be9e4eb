//! "Tải PDF": a document's or a whole dossier's searchable PDF/A, built on
//! request from the store ([`crate::pdf::build`]) and cached under
//! `<index>/cache/pdf/` by its input digest, so a second download, or one
//! after an unchanged reindex, is a file read.

use super::*;

/// `GET /pdf/{id}` (the whole dossier) or `/pdf/{id}?document=N` (its N-th
/// document, 1-based).
pub(super) async fn pdf_download(
    State(state): State<Shared>,
    viewer: Viewer,
    UrlPath(id): UrlPath<String>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let scope = match map.get("document") {
        None => crate::pdf::Scope::Dossier,
        Some(n) => match n.parse::<usize>() {
            Ok(n) if n >= 1 => crate::pdf::Scope::Document(n - 1),
            _ => {
                return error_page(
                    StatusCode::BAD_REQUEST,
                    "document= phải là số thứ tự của văn bản trong hồ sơ, từ 1.",
                )
            }
        },
    };
    let (meta, pages, analysis) = match load_dossier(&state, &viewer, id).await {
        Ok(x) => x,
        Err(p) => return p.page(),
    };
    let view = crate::folder::DossierView {
        meta,
        pages,
        analysis,
    };
    if let crate::pdf::Scope::Document(i) = scope {
        if i >= crate::pdf::documents(&view).len() {
            return error_page(
                StatusCode::NOT_FOUND,
                "Hồ sơ này không có văn bản số thứ tự đó.",
            );
        }
    }
    let cache = state.pdf_cache.clone();
    let _place = DECODES.acquire().await.ok();
    let built = tokio::task::spawn_blocking(move || cached_pdf(&cache, &view, scope)).await;
    match built {
        Ok(Ok((name, bytes))) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (header::CONTENT_DISPOSITION, attachment(&name)),
                (header::CACHE_CONTROL, "no-store".into()),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(msg)) => problem(StatusCode::INTERNAL_SERVER_ERROR, &msg),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// The file name offered and the PDF bytes, from the cache or built.
fn cached_pdf(
    cache: &Path,
    view: &crate::folder::DossierView,
    scope: crate::pdf::Scope,
) -> std::result::Result<(String, Vec<u8>), String> {
    let docs = crate::pdf::documents(view);
    let doc_type = match scope {
        crate::pdf::Scope::Document(i) => docs.get(i).and_then(|d| d.doc_type.as_deref()),
        crate::pdf::Scope::Dossier => None,
    };
    let path = crate::pdf::output_path(&view.meta.dossier, scope, doc_type)?;
    let name = path.rsplit('/').next().unwrap_or(&path).to_string();
    let name = match scope {
        // "03-quyet_dinh.pdf" alone would not say which dossier it is from.
        crate::pdf::Scope::Document(_) => {
            let folder = view.meta.dossier.rsplit('/').next().unwrap_or("");
            format!("{folder} {name}")
        }
        crate::pdf::Scope::Dossier => name,
    };
    let file = cache.join(format!("{}.pdf", &crate::pdf::digest(view, scope)[..32]));
    if let Ok(bytes) = std::fs::read(&file) {
        return Ok((name, bytes));
    }
    let bytes = crate::pdf::build(view, scope).map_err(|f| format!("{}: {}", f.path, f.reason))?;
    if std::fs::create_dir_all(cache).is_ok() {
        let _ = crate::store::write_atomic(&file, &bytes);
    }
    Ok((name, bytes))
}

/// `Content-Disposition` for a download named `name`: an ASCII fallback
/// and the UTF-8 name (RFC 6266 / 5987), so Vietnamese names survive.
fn attachment(name: &str) -> String {
    let ascii: String = crate::text::fold(name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " .-_()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        url_encode(name)
    )
}
