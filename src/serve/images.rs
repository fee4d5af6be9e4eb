//! Page images: the scan a store record names, decoded as OCR saw it,
//! cached under `<index>/cache/pages/`.

use super::*;

/// The JPEG of page `page` (1-based) of a dossier: the file its store
/// record names, decoded as OCR saw it, cached under `<index>/cache/pages/`.
/// `w=` asks for it narrower (one of [`WIDTHS`]: the screen's copy and the
/// thumbnail); without it, at full size (zoom). Its ETag is the source's
/// content hash, page and width, so a browser that has it gets
/// `304 Not Modified`; it is `no-store` all the same (a scan holds personal
/// data, and must not stay in a shared computer's cache).
pub(super) async fn page_image(
    State(state): State<Shared>,
    viewer: Viewer,
    Query(map): Query<HashMap<String, String>>,
    headers: axum::http::HeaderMap,
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
    let width = match map.get("w").map(|w| w.parse::<u32>()) {
        None => None,
        Some(Ok(w)) if WIDTHS.contains(&w) => Some(w),
        Some(_) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "w= phải là một trong các chiều rộng 240, 1200",
            )
        }
    };
    let (meta, pages, _) = match load_dossier(&state, &viewer, id).await {
        Ok(x) => x,
        Err(p) => return p.plain(),
    };
    let Some(page) = pages.get(n - 1).cloned() else {
        return problem(StatusCode::NOT_FOUND, "không có trang này (no such page)");
    };
    let etag = format!("\"{}\"", cache_name(&meta, &page, width));
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if fresh {
        return (
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, etag),
                (header::CACHE_CONTROL, "no-store".into()),
            ],
        )
            .into_response();
    }
    // A cached copy is read at once; a decode waits for one of the few
    // places (and then finds the copy another request just made).
    let cached = state.cache.join(cache_name(&meta, &page, width)).is_file();
    let _place = if cached {
        None
    } else {
        DECODES.acquire().await.ok()
    };
    let state = Arc::clone(&state);
    let jpeg =
        tokio::task::spawn_blocking(move || page_jpeg(&state.cache, &meta, &page, width)).await;
    match jpeg {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "image/jpeg".to_string()),
                (header::CACHE_CONTROL, "no-store".into()),
                (header::ETAG, etag),
            ],
            bytes,
        )
            .into_response(),
        Ok(Err(msg)) => problem(StatusCode::INTERNAL_SERVER_ERROR, &msg),
        Err(e) => problem(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// Decodes of a scan (page images not yet cached, PDFs being built) at
/// once: one per core of a small server. Each holds a 300 dpi page or
/// more in memory (tens of MB); 50 officers opening the same new dossier
/// would otherwise decode its pages 50 times over in parallel (2.4 GB of
/// RSS and 30 s answers in `make bench-load` before this bound).
pub(super) static DECODES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// JPEG quality of page images: the scans' grey text stays sharp at a
/// quarter of a PNG's bytes.
const JPEG_QUALITY: u8 = 80;

/// The narrower copies served: a thumbnail, and the page as a screen shows
/// it fitted (a 300 dpi A4 scan is 2480 px wide, 1.5 MB; at 1200 px it is
/// a quarter of that and still sharp on a 2× screen at fit width).
pub(super) const WIDTHS: [u32; 2] = [240, 1200];
pub(super) const THUMB_WIDTH: u32 = 240;
pub(super) const SCREEN_WIDTH: u32 = 1200;

/// The cache file name (and ETag) of a page image: dossier, source content
/// and page in file.
fn cache_name(meta: &DossierMeta, page: &PageRecord, width: Option<u32>) -> String {
    let hash = page.content_hash.trim_start_matches("blake3:");
    let size = width.map_or(String::new(), |w| format!("-w{w}"));
    format!(
        "{:016x}-{}-{}{size}.jpg",
        crate::index::dossier_key(&meta.dossier),
        &hash[..hash.len().min(24)],
        page.page_in_file
    )
}

/// JPEG bytes of one recorded page, from the cache or decoded afresh.
pub(super) fn page_jpeg(
    cache: &Path,
    meta: &DossierMeta,
    page: &PageRecord,
    width: Option<u32>,
) -> std::result::Result<Vec<u8>, String> {
    let cached = cache.join(cache_name(meta, page, width));
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
    let mut gray = image::GrayImage::from_raw(img.width, img.height, img.gray)
        .ok_or_else(|| "decoded page has the wrong size".to_string())?;
    if let Some(w) = width.filter(|&w| w < gray.width()) {
        let h = (u64::from(gray.height()) * u64::from(w) / u64::from(gray.width())).max(1) as u32;
        gray = image::imageops::resize(&gray, w, h, image::imageops::FilterType::Triangle);
    }
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(&gray)
        .map_err(|e| e.to_string())?;
    if std::fs::create_dir_all(cache).is_ok() {
        let _ = crate::store::write_atomic(&cached, &jpeg);
    }
    Ok(jpeg)
}
