//! Scanned PDFs: every PDF page becomes a page of the dossier.
//!
//! Scanners and copiers often deliver a dossier as one image-only PDF. Each
//! page is rasterised with `hayro` (pure Rust, so it builds offline from
//! crates.io) at [`RENDER_DPI`], which is what OCR wants whatever the
//! resolution of the embedded scan. A text layer, if the PDF has one, is
//! not trusted: the page is OCR'd like any other, so every page of the
//! archive is read the same way and can be checked the same way.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

use super::{check_size, PageImage};

/// Most pixels a PDF page is rendered to: 40 million is A3 at 400 dpi. A
/// larger page (a 20,000-pt drawing) is rendered at a lower resolution, so
/// rendering (RGBA) stays near 160 MB per worker.
const MAX_RENDER_PIXELS: u64 = 40_000_000;

/// Resolution pages are rendered at.
pub const RENDER_DPI: f32 = 300.0;

/// Most pages a PDF may have.
const MAX_PAGES: usize = 100_000;

fn open(bytes: &[u8]) -> Result<Pdf, String> {
    Pdf::new(bytes.to_vec()).map_err(|e| format!("cannot read PDF: {e:?}"))
}

/// Number of pages of a PDF.
pub fn count_pages(bytes: &[u8]) -> Result<usize, String> {
    let pdf = open(bytes)?;
    let n = pdf.pages().len();
    if n == 0 {
        return Err("PDF has no pages".into());
    }
    if n > MAX_PAGES {
        return Err(format!("PDF has more than {MAX_PAGES} pages"));
    }
    Ok(n)
}

/// Rasterise page `index` (0-based) to grey.
pub fn decode_page(bytes: &[u8], index: usize) -> Result<PageImage, String> {
    let pdf = open(bytes)?;
    let pages = pdf.pages();
    let page = pages
        .get(index)
        .ok_or_else(|| format!("PDF has no page {}", index + 1))?;
    let (w_pt, h_pt) = page.render_dimensions();
    if !(w_pt.is_finite() && h_pt.is_finite()) || w_pt < 1.0 || h_pt < 1.0 {
        return Err(format!("PDF page {} has no usable size", index + 1));
    }
    // 300 dpi, or less for a page so large it would pass the pixel limit.
    let mut scale = RENDER_DPI / 72.0;
    let pixels = f64::from(w_pt * scale) * f64::from(h_pt * scale);
    if pixels > MAX_RENDER_PIXELS as f64 {
        scale *= (MAX_RENDER_PIXELS as f64 / pixels).sqrt() as f32 * 0.99;
    }
    let (w, h) = ((w_pt * scale) as u32, (h_pt * scale) as u32);
    if w > u32::from(u16::MAX) || h > u32::from(u16::MAX) {
        return Err(format!("PDF page {} is too large to render", index + 1));
    }
    check_size(w, h)?;
    let pixmap = hayro::render(
        page,
        &RenderCache::new(),
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: WHITE,
        },
    );
    let (pw, ph) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    let gray = pixmap
        .data()
        .iter()
        .map(|p| {
            // premultiplied on a white background: composite onto white
            let a = u32::from(p.a);
            let c = |v: u8| u32::from(v) + (255 - a);
            ((c(p.r) * 299 + c(p.g) * 587 + c(p.b) * 114) / 1000).min(255) as u8
        })
        .collect();
    Ok(PageImage {
        width: pw,
        height: ph,
        gray,
        dpi: Some(RENDER_DPI * scale / (RENDER_DPI / 72.0)),
        dpi_y: None,
    })
}
