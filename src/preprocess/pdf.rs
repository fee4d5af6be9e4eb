//! Scanned PDFs: every PDF page becomes a page of the dossier.
//!
//! Scanners and copiers often deliver a dossier as one image-only PDF. Each
//! page is rasterised with `hayro` (pure Rust, so it builds offline from
//! crates.io) at [`RENDER_DPI`], which is what OCR wants whatever the
//! resolution of the embedded scan. A text layer, if the PDF has one, is
//! not trusted: the page is OCR'd like any other, so every page of the
//! archive is read the same way and can be checked the same way.
//! [`embedded_scan`] hands out the scan itself when a page is nothing but
//! one JPEG or CCITT image, so a PDF export can keep it as it is.

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

/// How the scan inside a PDF page is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanFilter {
    /// JPEG bytes.
    Dct,
    /// CCITT fax data with its parameters.
    Ccitt {
        k: i32,
        black_is_1: bool,
        encoded_byte_align: bool,
    },
}

/// The one image a scanned PDF page is made of, as stored in the file.
#[derive(Debug, Clone)]
pub struct EmbeddedScan {
    pub data: Vec<u8>,
    pub filter: ScanFilter,
    pub width: u32,
    pub height: u32,
    /// 1 (grey or bilevel) or 3 (RGB).
    pub components: u8,
}

/// The scan a page of a scanned PDF holds, when the page is exactly that:
/// one JPEG or CCITT image in DeviceGray or DeviceRGB, drawn upright over
/// the whole page (the area [`decode_page`] renders), nothing else drawn,
/// the page not rotated. Then the image can go into another PDF as it is,
/// in place of the rendering. Anything else: None.
pub fn embedded_scan(bytes: &[u8], index: usize) -> Option<EmbeddedScan> {
    use hayro::hayro_syntax::content::ops::TypedInstruction as Op;
    use hayro::hayro_syntax::object::{Dict, Name, Stream};
    use hayro::hayro_syntax::page::Rotation;

    let pdf = open(bytes).ok()?;
    let pages = pdf.pages();
    let page = pages.get(index)?;
    if !matches!(page.rotation(), Rotation::None) {
        return None;
    }
    // The transformation at the one image drawn.
    let mut ctm = [1.0f64, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut saved = Vec::new();
    let mut drawn: Option<([f64; 6], Vec<u8>)> = None;
    let mut ops = page.typed_operations();
    while let Some(op) = ops.next() {
        match op {
            Op::SaveState(_) => saved.push(ctm),
            Op::RestoreState(_) => ctm = saved.pop()?,
            Op::Transform(t) => {
                let m = [t.0, t.1, t.2, t.3, t.4, t.5].map(|n| n.as_f64());
                ctm = multiply(m, ctm);
            }
            Op::XObject(x) if drawn.is_none() => drawn = Some((ctm, x.0.as_ref().to_vec())),
            _ => return None,
        }
    }
    let (m, name) = drawn?;
    let stream = page.resources().x_objects.get::<Stream<'_>>(&name)?;
    let dict = stream.dict();
    let is = |key: &str, want: &[u8]| {
        dict.get::<Name<'_>>(key)
            .is_some_and(|n| n.as_ref() == want)
    };
    if !is("Subtype", b"Image")
        || dict.contains_key("SMask")
        || dict.contains_key("Mask")
        || dict.contains_key("Decode")
        || dict.get::<bool>("ImageMask").unwrap_or(false)
    {
        return None;
    }
    // Upright, and covering the rendered area within half a point.
    let area = page.intersected_crop_box();
    let (x0, y0, x1, y1) = (m[4], m[5], m[4] + m[0], m[5] + m[3]);
    let near = |a: f64, b: f64| (a - b).abs() <= 0.5;
    if m[1].abs() > 1e-6
        || m[2].abs() > 1e-6
        || !(near(x0, area.x0) && near(y0, area.y0) && near(x1, area.x1) && near(y1, area.y1))
    {
        return None;
    }
    let width = u32::try_from(dict.get::<i32>("Width")?).ok()?;
    let height = u32::try_from(dict.get::<i32>("Height")?).ok()?;
    check_size(width, height).ok()?;
    let bpc = dict.get::<i32>("BitsPerComponent")?;
    let components = if is("ColorSpace", b"DeviceGray") {
        1
    } else if is("ColorSpace", b"DeviceRGB") {
        3
    } else {
        return None;
    };
    let filters = stream.filters();
    let filter = match filters.as_slice() {
        [hayro::hayro_syntax::Filter::DctDecode] if bpc == 8 => ScanFilter::Dct,
        [hayro::hayro_syntax::Filter::CcittFaxDecode] if bpc == 1 && components == 1 => {
            let parms = dict.get::<Dict<'_>>("DecodeParms").unwrap_or_default();
            let columns = parms.get::<i32>("Columns").unwrap_or(1728);
            let rows = parms.get::<i32>("Rows").unwrap_or(0);
            let eol = parms.get::<bool>("EndOfLine").unwrap_or(false);
            if columns != width as i32 || (rows != 0 && rows != height as i32) || eol {
                return None;
            }
            ScanFilter::Ccitt {
                k: parms.get::<i32>("K").unwrap_or(0),
                black_is_1: parms.get::<bool>("BlackIs1").unwrap_or(false),
                encoded_byte_align: parms.get::<bool>("EncodedByteAlign").unwrap_or(false),
            }
        }
        _ => return None,
    };
    Some(EmbeddedScan {
        data: stream.raw_data().into_owned(),
        filter,
        width,
        height,
        components,
    })
}

/// `a` then `b`, as PDF matrices compose (`cm` premultiplies the CTM).
fn multiply(a: [f64; 6], b: [f64; 6]) -> [f64; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}
