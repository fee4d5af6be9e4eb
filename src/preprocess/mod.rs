//! Decoding page files into grey images, and cleaning them up for OCR.
//!
//! Scans arrive as JPEG, PNG, TIFF (often multi-page, bilevel CCITT G3/G4)
//! and image-only PDFs. [`decode_page`] turns one page of one file into an
//! 8-bit grey image plus the resolution the file claims. It never trusts the
//! extension (the format is sniffed from the bytes), keeps memory bounded
//! through decoder limits, and reports every problem as a reason string that
//! ends up in the run report next to the file's path. [`clean`] then does
//! what a person's eye does without noticing: it brings the page to ~300
//! dpi, flattens uneven light, levels skewed lines, turns a page that lies
//! on its side and recognises an empty back side, so that OCR sees a page
//! it can read. [`decode_page_colour`] decodes the same page keeping its
//! colour, for the PDF export.

mod clean;
pub mod lept;
mod pdf;
pub use pdf::{embedded_scan, EmbeddedScan, ScanFilter};

pub use clean::{clean, rotate_box_back, Cleaned, Geometry, ASSUMED_DPI, TARGET_DPI};

use std::io::Cursor;

/// Resolutions outside this range are treated as absent (a file claiming
/// 1 dpi or 72 dpi from a camera default is common and meaningless).
const PLAUSIBLE_DPI: std::ops::RangeInclusive<f32> = 100.0..=2400.0;

/// Largest page side we accept, in pixels (A0 at 600 dpi is ~28,000).
const MAX_SIDE: u32 = 30_000;

/// Largest decoded buffer for one page.
const MAX_ALLOC: u64 = 1 << 30;

/// Most pixels in one page: A2 at 600 dpi is 140 million. A tiny file that
/// declares more (a decompression bomb) is refused before it is decoded,
/// so memory per worker stays bounded.
const MAX_PIXELS: u64 = 150_000_000;

fn check_size(w: u32, h: u32) -> Result<(), String> {
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS
    {
        return Err(format!(
            "image of {w}×{h} pixels is too large or empty (at most {MAX_SIDE} a side and \
             {} million pixels)",
            MAX_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Container format, sniffed from the first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    Tiff,
    Pdf,
}

impl Format {
    /// Format from magic bytes, or None for anything else.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Format::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if bytes.starts_with(b"II*\0")
            || bytes.starts_with(b"MM\0*")
            || bytes.starts_with(b"II+\0")
            || bytes.starts_with(b"MM\0+")
        {
            Some(Format::Tiff)
        } else if bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
        {
            // PDF readers accept the header anywhere in the first kilobyte.
            Some(Format::Pdf)
        } else {
            None
        }
    }
}

/// One decoded page, ready for OCR.
#[derive(Debug, Clone)]
pub struct PageImage {
    pub width: u32,
    pub height: u32,
    /// Row-major 8-bit grey pixels, `width * height` bytes.
    pub gray: Vec<u8>,
    /// Horizontal resolution the file states, if plausible.
    pub dpi: Option<f32>,
    /// Vertical resolution, when the file states a different one (a fax is
    /// 204 × 98 dpi).
    pub dpi_y: Option<f32>,
}

fn format_of(bytes: &[u8]) -> Result<Format, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    Format::sniff(bytes).ok_or_else(|| "not a JPEG, PNG, TIFF or PDF (unrecognised content)".into())
}

/// Number of pages in the file: the full-resolution images of a TIFF, the
/// pages of a PDF, 1 otherwise.
pub fn count_pages(bytes: &[u8]) -> Result<usize, String> {
    match format_of(bytes)? {
        Format::Pdf => pdf::count_pages(bytes),
        Format::Tiff => {
            let mut dec = tiff_decoder(bytes)?;
            let mut pages = 0;
            walk_tiff_pages(&mut dec, |_| {
                pages += 1;
                pages > 100_000
            })?;
            if pages > 100_000 {
                return Err("TIFF has more than 100,000 pages".into());
            }
            if pages == 0 {
                return Err("TIFF holds only thumbnails, no page".into());
            }
            Ok(pages)
        }
        _ => Ok(1),
    }
}

/// Visit the image directories of a TIFF that are pages, skipping
/// reduced-resolution copies (thumbnails, NewSubfileType bit 0); stop, with
/// the decoder on that page, when `visit` returns true.
fn walk_tiff_pages<R: std::io::Read + std::io::Seek>(
    dec: &mut tiff::decoder::Decoder<R>,
    mut visit: impl FnMut(usize) -> bool,
) -> Result<(), String> {
    let mut ifd = 0;
    loop {
        let subfile = dec
            .find_tag_unsigned::<u32>(tiff::tags::Tag::NewSubfileType)
            .ok()
            .flatten()
            .unwrap_or(0);
        if subfile & 1 == 0 && visit(ifd) {
            return Ok(());
        }
        if !dec.more_images() {
            return Ok(());
        }
        ifd += 1;
        dec.next_image()
            .map_err(|e| format!("TIFF image {}: {e}", ifd + 1))?;
    }
}

/// Decode page `index` (0-based) of a file's bytes into a grey image.
pub fn decode_page(bytes: &[u8], index: usize) -> Result<PageImage, String> {
    let format = format_of(bytes)?;
    if !matches!(format, Format::Tiff | Format::Pdf) && index > 0 {
        return Err(format!(
            "page {} requested from a single-page image",
            index + 1
        ));
    }
    match format {
        Format::Pdf => pdf::decode_page(bytes, index),
        Format::Tiff => decode_tiff_page(bytes, index),
        Format::Jpeg => {
            if !jpeg_complete(bytes) {
                return Err("truncated JPEG: the image data has no end marker \
                            (an interrupted scan or copy?)"
                    .into());
            }
            decode_with_image(bytes, image::ImageFormat::Jpeg, jpeg_dpi(bytes))
        }
        Format::Png => decode_with_image(bytes, image::ImageFormat::Png, png_dpi(bytes)),
    }
}

/// One decoded page in colour, for putting the scan itself in a PDF: RGB
/// when the page has colour (a red seal, a blue signature), grey otherwise.
#[derive(Debug, Clone)]
pub struct ColourPage {
    pub width: u32,
    pub height: u32,
    /// 1 (grey) or 3 (RGB), interleaved, row-major.
    pub channels: u8,
    pub pixels: Vec<u8>,
}

/// Decode page `index` of a file keeping its colour: JPEG and PNG through
/// `image` (EXIF orientation applied, transparency composited onto white,
/// exactly as [`decode_page`] does, so the pixels line up with the stored
/// word boxes); TIFF and PDF pages as [`decode_page`]'s grey. An RGB image
/// whose pixels are all grey comes back as grey.
pub fn decode_page_colour(bytes: &[u8], index: usize) -> Result<ColourPage, String> {
    let format = format_of(bytes)?;
    let image_format = match format {
        Format::Jpeg if index == 0 => {
            if !jpeg_complete(bytes) {
                return Err("truncated JPEG: the image data has no end marker".into());
            }
            image::ImageFormat::Jpeg
        }
        Format::Png if index == 0 => image::ImageFormat::Png,
        _ => {
            let page = decode_page(bytes, index)?;
            return Ok(ColourPage {
                width: page.width,
                height: page.height,
                channels: 1,
                pixels: page.gray,
            });
        }
    };
    let img = open_with_image(bytes, image_format)?;
    let colour = img.color();
    if !colour.has_color() {
        let page = grey_of(img);
        return Ok(ColourPage {
            width: page.width(),
            height: page.height(),
            channels: 1,
            pixels: page.into_raw(),
        });
    }
    let rgb = if colour.has_alpha() {
        let rgba = img.into_rgba8();
        let (w, h) = rgba.dimensions();
        let px = rgba
            .pixels()
            .flat_map(|p| {
                let a = u32::from(p.0[3]);
                [0, 1, 2].map(|c| ((u32::from(p.0[c]) * a + 255 * (255 - a)) / 255) as u8)
            })
            .collect();
        image::RgbImage::from_raw(w, h, px).expect("same size")
    } else {
        img.into_rgb8()
    };
    let (width, height) = rgb.dimensions();
    let pixels = rgb.into_raw();
    if pixels.chunks_exact(3).all(|p| p[0] == p[1] && p[1] == p[2]) {
        return Ok(ColourPage {
            width,
            height,
            channels: 1,
            pixels: pixels.chunks_exact(3).map(|p| p[0]).collect(),
        });
    }
    Ok(ColourPage {
        width,
        height,
        channels: 3,
        pixels,
    })
}

/// Decode with `image` under the decoder limits, EXIF orientation applied.
fn open_with_image(
    bytes: &[u8],
    format: image::ImageFormat,
) -> Result<image::DynamicImage, String> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let fail = |e: image::ImageError| format!("cannot decode image: {}", e.to_string().trim());
    let decoder = reader.into_decoder().map_err(fail)?;
    let (w, h) = image::ImageDecoder::dimensions(&decoder);
    check_size(w, h)?;
    let mut decoder = decoder;
    // A phone or camera scan says which way is up in its EXIF orientation.
    let orientation = image::ImageDecoder::orientation(&mut decoder).ok();
    let mut img = image::DynamicImage::from_decoder(decoder).map_err(fail)?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(img)
}

/// 8-bit grey of a decoded image; transparent means paper: composited onto
/// white, or a transparent background would turn black.
fn grey_of(img: image::DynamicImage) -> image::GrayImage {
    if img.color().has_alpha() {
        let rgba = img.into_luma_alpha8();
        let (w, h) = rgba.dimensions();
        let px = rgba
            .pixels()
            .map(|p| {
                let (v, a) = (u32::from(p.0[0]), u32::from(p.0[1]));
                ((v * a + 255 * (255 - a)) / 255) as u8
            })
            .collect();
        image::GrayImage::from_raw(w, h, px).expect("same size")
    } else {
        img.into_luma8()
    }
}

fn decode_with_image(
    bytes: &[u8],
    format: image::ImageFormat,
    dpi: Option<f32>,
) -> Result<PageImage, String> {
    let gray = grey_of(open_with_image(bytes, format)?);
    Ok(PageImage {
        width: gray.width(),
        height: gray.height(),
        gray: gray.into_raw(),
        dpi,
        dpi_y: None,
    })
}

fn tiff_decoder(bytes: &[u8]) -> Result<tiff::decoder::Decoder<Cursor<&[u8]>>, String> {
    let mut limits = tiff::decoder::Limits::default();
    limits.decoding_buffer_size = MAX_ALLOC as usize;
    tiff::decoder::Decoder::new(Cursor::new(bytes))
        .map(|d| d.with_limits(limits))
        .map_err(|e| format!("TIFF: {e}"))
}

fn decode_tiff_page(bytes: &[u8], index: usize) -> Result<PageImage, String> {
    use tiff::decoder::DecodingResult;
    use tiff::ColorType;

    let mut dec = tiff_decoder(bytes)?;
    let mut seen = 0;
    let mut found = None;
    walk_tiff_pages(&mut dec, |ifd| {
        if seen == index {
            found = Some(ifd);
        }
        seen += 1;
        found.is_some()
    })?;
    let Some(ifd) = found else {
        return Err(format!("TIFF has no page {}", index + 1));
    };
    let (w, h) = dec.dimensions().map_err(|e| format!("TIFF: {e}"))?;
    check_size(w, h)?;
    let (dpi, dpi_y) = tiff_dpi(&mut dec);
    // What the `tiff` crate cannot decode (CCITT G3, palette, old-style
    // JPEG, …) Leptonica, which Tesseract is built on, usually can.
    let leptonica = |why: String| -> Result<PageImage, String> {
        let pix = lept::Pix::read_tiff(bytes, ifd)
            .map_err(|_| format!("TIFF page {}: {why}", index + 1))?;
        let (pw, ph) = (pix.width(), pix.height());
        check_size(pw, ph)?;
        Ok(PageImage {
            width: pw,
            height: ph,
            gray: pix.gray_bytes()?,
            dpi,
            dpi_y,
        })
    };
    let color = match dec.colortype() {
        Ok(c) => c,
        Err(e) => return leptonica(e.to_string()),
    };
    let data = match dec.read_image() {
        Ok(d) => d,
        Err(e @ tiff::TiffError::UnsupportedError(_)) => return leptonica(e.to_string()),
        Err(e) => return Err(format!("TIFF page {}: {e}", index + 1)),
    };
    let (w_us, h_us) = (w as usize, h as usize);
    let n = w_us * h_us;
    let gray: Vec<u8> = match (color, data) {
        (ColorType::Gray(1), DecodingResult::U8(buf)) => {
            let stride = w_us.div_ceil(8);
            let mut out = Vec::with_capacity(n);
            for row in buf.chunks(stride).take(h_us) {
                for x in 0..w_us {
                    let bit = row.get(x / 8).map_or(1, |b| (b >> (7 - (x % 8))) & 1);
                    out.push(if bit == 1 { 255 } else { 0 });
                }
            }
            out
        }
        (ColorType::Gray(8), DecodingResult::U8(buf)) => buf,
        (ColorType::Gray(16), DecodingResult::U16(buf)) => {
            buf.iter().map(|v| (v >> 8) as u8).collect()
        }
        (ColorType::GrayA(8), DecodingResult::U8(buf)) => buf.chunks(2).map(|p| p[0]).collect(),
        (ColorType::RGB(8), DecodingResult::U8(buf)) => buf.chunks(3).map(luma).collect(),
        (ColorType::RGBA(8), DecodingResult::U8(buf)) => buf.chunks(4).map(luma).collect(),
        (ColorType::RGB(16), DecodingResult::U16(buf)) => buf
            .chunks(3)
            .map(|p| luma(&[(p[0] >> 8) as u8, (p[1] >> 8) as u8, (p[2] >> 8) as u8]))
            .collect(),
        (ColorType::CMYK(8), DecodingResult::U8(buf)) => buf
            .chunks(4)
            .map(|p| {
                let k = 255 - p[3] as u32;
                let rgb = [p[0], p[1], p[2]].map(|c| ((255 - c as u32) * k / 255) as u8);
                luma(&rgb)
            })
            .collect(),
        (c, _) => return leptonica(format!("colour type {c:?} is not supported")),
    };
    if gray.len() < n {
        return Err(format!(
            "TIFF page {} is truncated ({} of {} pixels)",
            index + 1,
            gray.len(),
            n
        ));
    }
    let mut gray = gray;
    gray.truncate(n);
    Ok(PageImage {
        width: w,
        height: h,
        gray,
        dpi,
        dpi_y,
    })
}

fn luma(p: &[u8]) -> u8 {
    // ITU-R BT.601, as image's to_luma8 uses.
    ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8
}

fn plausible(dpi: f32) -> Option<f32> {
    PLAUSIBLE_DPI.contains(&dpi).then_some(dpi)
}

/// Horizontal resolution, and the vertical one when it differs (a fax's
/// 98 dpi lines are below the plausible range for a scan, but real).
fn tiff_dpi<R: std::io::Read + std::io::Seek>(
    dec: &mut tiff::decoder::Decoder<R>,
) -> (Option<f32>, Option<f32>) {
    use tiff::decoder::ifd::Value;
    use tiff::tags::Tag;
    let unit = dec
        .find_tag_unsigned::<u16>(Tag::ResolutionUnit)
        .ok()
        .flatten()
        .unwrap_or(2);
    let mut read = |tag: Tag| -> Option<f32> {
        let res = match dec.find_tag(tag).ok()?? {
            Value::Rational(n, d) if d != 0 => n as f32 / d as f32,
            Value::Float(f) => f,
            _ => return None,
        };
        match unit {
            3 => Some(res * 2.54),
            2 => Some(res),
            _ => None,
        }
    };
    let x = read(Tag::XResolution).and_then(plausible);
    let y = read(Tag::YResolution);
    let y = match (x, y) {
        (Some(x), Some(y)) if (y - x).abs() > 1.0 && (50.0..=2400.0).contains(&y) => Some(y),
        _ => None,
    };
    (x, y)
}

/// Resolution from a PNG's pHYs chunk (pixels per metre).
fn png_dpi(bytes: &[u8]) -> Option<f32> {
    let mut pos = 8;
    while pos + 12 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().ok()?) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        let data = bytes.get(pos + 8..pos + 8 + len)?;
        match kind {
            b"pHYs" if len >= 9 => {
                let ppm = u32::from_be_bytes(data[0..4].try_into().ok()?);
                return (data[8] == 1)
                    .then(|| plausible(ppm as f32 * 0.0254))
                    .flatten();
            }
            b"IDAT" | b"IEND" => return None,
            _ => {}
        }
        pos += 12 + len;
    }
    None
}

/// Does the JPEG's image data end with an end-of-image marker? Decoders
/// quietly fill a truncated JPEG with grey; a scan cut short must fail
/// instead. Markers before the first start-of-scan are skipped by length,
/// so an EXIF thumbnail's own end marker does not count. Headers we cannot
/// walk are left to the decoder to judge.
fn jpeg_complete(bytes: &[u8]) -> bool {
    let mut pos = 2;
    loop {
        if pos + 4 > bytes.len() {
            return false; // cut inside the headers
        }
        if bytes[pos] != 0xFF {
            return true; // unusual header layout: the decoder decides
        }
        let marker = bytes[pos + 1];
        if marker == 0xFF {
            pos += 1; // fill byte
            continue;
        }
        let len = u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]) as usize;
        if marker == 0xDA {
            let scan = &bytes[(pos + 2 + len).min(bytes.len())..];
            return scan.windows(2).any(|w| w == [0xFF, 0xD9]);
        }
        pos += 2 + len;
    }
}

/// Resolution from a JPEG's JFIF APP0 segment.
fn jpeg_dpi(bytes: &[u8]) -> Option<f32> {
    let mut pos = 2;
    while pos + 4 <= bytes.len() && bytes[pos] == 0xFF {
        let marker = bytes[pos + 1];
        let len = u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]) as usize;
        if marker == 0xE0 {
            let seg = bytes.get(pos + 4..pos + 2 + len)?;
            if seg.len() >= 12 && seg.starts_with(b"JFIF\0") {
                let unit = seg[7];
                let x = u16::from_be_bytes([seg[8], seg[9]]) as f32;
                return match unit {
                    1 => plausible(x),
                    2 => plausible(x * 2.54),
                    _ => None,
                };
            }
        }
        if marker == 0xDA || len < 2 {
            return None;
        }
        pos += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_exif_orientation_is_applied() {
        // 40×20, a black bar on the left; EXIF says "turn 90° clockwise"
        let page =
            decode_page(include_bytes!("../../tests/fixtures/exif_rotate_90.jpg"), 0).unwrap();
        assert_eq!((page.width, page.height), (20, 40));
        // the bar is now along the top
        assert!(page.gray[10] < 60, "{}", page.gray[10]);
        assert!(page.gray[(30 * 20 + 10) as usize] > 200);
    }

    #[test]
    fn cmyk_jpeg_and_transparent_png_decode_to_paper_white() {
        let cmyk = decode_page(include_bytes!("../../tests/fixtures/cmyk.jpg"), 0).unwrap();
        assert_eq!((cmyk.width, cmyk.height), (16, 8));
        assert!(cmyk.gray.iter().all(|&v| v > 200), "{:?}", &cmyk.gray[..8]);
        let png = decode_page(include_bytes!("../../tests/fixtures/transparent.png"), 0).unwrap();
        // opaque black bar on the left, transparent (paper) elsewhere
        assert!(png.gray[0] < 10);
        assert_eq!(png.gray[10], 255);
    }

    fn encode(format: image::ImageFormat) -> Vec<u8> {
        let img = image::GrayImage::from_fn(40, 30, |x, _| image::Luma([(x * 6) as u8]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    #[test]
    fn decodes_png_jpeg_tiff_to_grey() {
        for f in [
            image::ImageFormat::Png,
            image::ImageFormat::Jpeg,
            image::ImageFormat::Tiff,
        ] {
            let bytes = encode(f);
            assert_eq!(count_pages(&bytes).unwrap(), 1, "{f:?}");
            let page = decode_page(&bytes, 0).unwrap();
            assert_eq!(
                (page.width, page.height, page.gray.len()),
                (40, 30, 1200),
                "{f:?}"
            );
        }
    }

    #[test]
    fn bad_bytes_give_reasons_not_panics() {
        assert_eq!(decode_page(b"", 0).unwrap_err(), "empty file");
        assert!(decode_page(b"hello world", 0)
            .unwrap_err()
            .contains("not a JPEG"));
        let png = encode(image::ImageFormat::Png);
        let truncated = &png[..png.len() / 2];
        assert!(decode_page(truncated, 0).is_err());
        let jpeg = encode(image::ImageFormat::Jpeg);
        assert!(decode_page(&jpeg[..40], 0).is_err());
        let cut = decode_page(&jpeg[..jpeg.len() - 10], 0).unwrap_err();
        assert!(cut.contains("truncated JPEG"), "{cut}");
        assert!(decode_page(&png, 1).is_err());
        assert!(count_pages(b"II*\0\xff\xff\xff\xff").is_err());
    }

    #[test]
    fn reads_png_and_jfif_resolution() {
        let mut enc = Vec::new();
        {
            let mut e = image::codecs::jpeg::JpegEncoder::new(&mut enc);
            e.set_pixel_density(image::codecs::jpeg::PixelDensity::dpi(300));
            let img = image::GrayImage::new(8, 8);
            e.encode_image(&img).unwrap();
        }
        assert_eq!(jpeg_dpi(&enc), Some(300.0));
        assert_eq!(png_dpi(&encode(image::ImageFormat::Png)), None);
    }

    #[test]
    fn tiff_thumbnails_are_not_pages() {
        use tiff::encoder::{colortype::Gray8, TiffEncoder};
        let mut buf = Cursor::new(Vec::new());
        {
            let mut enc = TiffEncoder::new(&mut buf).unwrap();
            enc.write_image::<Gray8>(40, 30, &[200u8; 1200]).unwrap();
            let mut thumb = enc.new_image::<Gray8>(4, 3).unwrap();
            thumb
                .encoder()
                .write_tag(tiff::tags::Tag::NewSubfileType, 1u32)
                .unwrap();
            thumb.write_data(&[0u8; 12]).unwrap();
            enc.write_image::<Gray8>(20, 10, &[100u8; 200]).unwrap();
        }
        let bytes = buf.into_inner();
        assert_eq!(count_pages(&bytes).unwrap(), 2);
        let second = decode_page(&bytes, 1).unwrap();
        assert_eq!((second.width, second.height, second.gray[0]), (20, 10, 100));
        assert!(decode_page(&bytes, 2).unwrap_err().contains("no page 3"));
    }
}
