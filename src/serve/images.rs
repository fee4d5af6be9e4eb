//! Page images: the scan a store record names, decoded as OCR saw it,
//! cached under `<index>/cache/pages/`.

use super::*;

/// The PNG of page `page` (1-based) of a dossier: the file its store
/// record names, decoded as OCR saw it, cached under `<index>/cache/pages/`.
pub(super) async fn page_image(
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
pub(super) fn page_png(
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
