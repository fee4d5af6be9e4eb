//! The scanned page as a PDF image, and where it goes on the page.
//!
//! An archive keeps the scan, not a copy of it. A JPEG scan goes into the
//! PDF as its own bytes (DCTDecode: no second lossy encoding, colour such as
//! a red seal kept, and the same bytes every time); so do an 8-bit PNG's
//! compressed rows (Flate with PNG predictors: lossless, nothing decoded)
//! and the JPEG or CCITT image a scanned PDF page is made of. A page that
//! is only black and white (a CCITT TIFF, a 1-bit PNG) becomes CCITT G4,
//! lossless and a few tens of kilobytes; any other page (grey or colour
//! TIFF, a CMYK or 12-bit JPEG, a PDF page drawn otherwise) is encoded as
//! JPEG at [`JPEG_QUALITY`]. Pixels are never resampled: the page keeps its
//! scanned resolution. Where the image goes on the page is
//! [`super::place`]'s.

use crate::store::PageRecord;
use std::io::Cursor;

/// JPEG quality for pages that must be encoded: text edges stay clean at
/// 300 dpi, and a grey A4 page takes a few hundred kilobytes.
pub const JPEG_QUALITY: u8 = 80;

/// How the image's bytes are compressed in the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// JPEG bytes (the scan's own, or encoded here).
    Dct,
    /// A PNG's own image data: zlib with PNG row filters (PDF's predictor 15).
    PngFlate,
    /// CCITT fax data, 1 bit per pixel: Group 4 (`k` −1) as encoded here,
    /// or whatever a scanned PDF held.
    Ccitt {
        k: i32,
        black_is_1: bool,
        encoded_byte_align: bool,
    },
}

/// CCITT Group 4 as [`g4`] writes it: 0 is black.
pub const G4: Compression = Compression::Ccitt {
    k: -1,
    black_is_1: false,
    encoded_byte_align: false,
};

/// One page image ready to be written as an image XObject.
pub struct PageImage {
    pub data: Vec<u8>,
    pub compression: Compression,
    /// Size of the pixel grid the data holds (before any EXIF turn).
    pub width: u32,
    pub height: u32,
    /// 1 (grey or bilevel) or 3 (RGB).
    pub components: u8,
    /// EXIF orientation of those bytes: how the stored grid becomes the
    /// decoded page the boxes refer to.
    pub orientation: image::metadata::Orientation,
}

/// The image of one page of `bytes` (the record's source file, already
/// checked against its hash), with the same pixel size the record was
/// read at.
pub fn page_image(bytes: &[u8], rec: &PageRecord) -> Result<PageImage, String> {
    if let Some(img) = jpeg_as_is(bytes, rec)? {
        return Ok(img);
    }
    if let Some(img) = png_as_is(bytes, rec)? {
        return Ok(img);
    }
    if let Some(img) = pdf_scan_as_is(bytes, rec) {
        return Ok(img);
    }
    let page = crate::preprocess::decode_page_colour(bytes, rec.page_in_file)?;
    if (page.width, page.height) != (rec.image.width, rec.image.height) {
        return Err(size_changed(page.width, page.height, rec));
    }
    encode(&page)
}

/// A PNG's own compressed image data, when PDF reads it as it is: 8-bit
/// grey or RGB, not interlaced, no transparency, no EXIF turn. PDF's Flate
/// filter with predictor 15 is PNG's compression and row filters, so the
/// page goes in losslessly without decoding or encoding anything (as
/// img2pdf and OCRmyPDF do), at the PNG's size.
fn png_as_is(bytes: &[u8], rec: &PageRecord) -> Result<Option<PageImage>, String> {
    if rec.page_in_file != 0 || !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(None);
    }
    let mut pos = 8;
    let mut header = None;
    let mut data = Vec::new();
    while pos + 12 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().expect("4 bytes")) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        let Some(body) = bytes.get(pos + 8..pos + 8 + len) else {
            return Ok(None);
        };
        match kind {
            b"IHDR" if body.len() == 13 => header = Some(body),
            b"IDAT" => data.extend_from_slice(body),
            b"tRNS" | b"eXIf" => return Ok(None),
            b"IEND" => break,
            _ => {}
        }
        pos += 12 + len;
    }
    let Some(h) = header else {
        return Ok(None);
    };
    let width = u32::from_be_bytes(h[0..4].try_into().expect("4 bytes"));
    let height = u32::from_be_bytes(h[4..8].try_into().expect("4 bytes"));
    let (depth, colour, interlace) = (h[8], h[9], h[12]);
    let components = match colour {
        0 => 1,
        2 => 3,
        _ => return Ok(None),
    };
    if depth != 8 || interlace != 0 || data.is_empty() {
        return Ok(None);
    }
    if (width, height) != (rec.image.width, rec.image.height) {
        return Err(size_changed(width, height, rec));
    }
    Ok(Some(PageImage {
        data,
        compression: Compression::PngFlate,
        width,
        height,
        components,
        orientation: image::metadata::Orientation::NoTransforms,
    }))
}

/// The scan inside a scanned PDF page, as it is stored there, when it is
/// the whole page (see [`crate::preprocess::embedded_scan`]): drawn over
/// the page, it stands where the rendering the boxes were read on stood.
fn pdf_scan_as_is(bytes: &[u8], rec: &PageRecord) -> Option<PageImage> {
    use crate::preprocess::ScanFilter;
    if crate::preprocess::Format::sniff(bytes) != Some(crate::preprocess::Format::Pdf) {
        return None;
    }
    let scan = crate::preprocess::embedded_scan(bytes, rec.page_in_file)?;
    let compression = match scan.filter {
        ScanFilter::Dct => {
            let f = jpeg_frame(&scan.data)?;
            let fits = matches!(f.marker, 0xC0..=0xC2)
                && f.precision == 8
                && (f.width, f.height, f.components) == (scan.width, scan.height, scan.components);
            if !fits {
                return None;
            }
            Compression::Dct
        }
        ScanFilter::Ccitt {
            k,
            black_is_1,
            encoded_byte_align,
        } => Compression::Ccitt {
            k,
            black_is_1,
            encoded_byte_align,
        },
    };
    Some(PageImage {
        data: scan.data,
        compression,
        width: scan.width,
        height: scan.height,
        components: scan.components,
        orientation: image::metadata::Orientation::NoTransforms,
    })
}

fn size_changed(w: u32, h: u32, rec: &PageRecord) -> String {
    format!(
        "the page decodes to {w}×{h} pixels, but it was read at {}×{}; run `sohoa ingest` again",
        rec.image.width, rec.image.height
    )
}

/// Encode a decoded page: CCITT G4 when every pixel is black or white,
/// JPEG otherwise.
pub fn encode(page: &crate::preprocess::ColourPage) -> Result<PageImage, String> {
    let (width, height) = (page.width, page.height);
    let common = |data, compression, components| PageImage {
        data,
        compression,
        width,
        height,
        components,
        orientation: image::metadata::Orientation::NoTransforms,
    };
    if page.channels == 1 && page.pixels.iter().all(|&v| v == 0 || v == 255) {
        return Ok(common(g4(&page.pixels, width, height)?, G4, 1));
    }
    let colour = match page.channels {
        1 => image::ExtendedColorType::L8,
        _ => image::ExtendedColorType::Rgb8,
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode(&page.pixels, width, height, colour)
        .map_err(|e| format!("cannot encode the page as JPEG: {e}"))?;
    Ok(common(out, Compression::Dct, page.channels))
}

/// CCITT Group 4 of a bilevel grey image (0 black, 255 white).
pub fn g4(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    use fax::{encoder::Encoder, Color, VecWriter};
    let w = u16::try_from(width).map_err(|_| format!("page {width} pixels wide is too wide"))?;
    let mut enc = Encoder::new(VecWriter::new());
    for row in pixels.chunks_exact(width as usize).take(height as usize) {
        let pels = row
            .iter()
            .map(|&v| if v == 0 { Color::Black } else { Color::White });
        match enc.encode_line(pels, w) {
            Ok(()) => {}
            Err(never) => match never {},
        }
    }
    match enc.finish() {
        Ok(writer) => Ok(writer.finish()),
        Err(never) => match never {},
    }
}

/// What a JPEG's frame header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct JpegFrame {
    /// SOF marker (0xC0 baseline, 0xC1 extended, 0xC2 progressive, …).
    marker: u8,
    precision: u8,
    width: u32,
    height: u32,
    components: u8,
}

/// The frame header of a JPEG, walking the segments before the first scan.
fn jpeg_frame(bytes: &[u8]) -> Option<JpegFrame> {
    let mut pos = 2;
    while pos + 4 <= bytes.len() {
        if bytes[pos] != 0xFF {
            return None;
        }
        let marker = bytes[pos + 1];
        if marker == 0xFF {
            pos += 1;
            continue;
        }
        let len = u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]) as usize;
        let seg = bytes.get(pos + 4..pos + 2 + len)?;
        match marker {
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if seg.len() < 6 {
                    return None;
                }
                return Some(JpegFrame {
                    marker,
                    precision: seg[0],
                    height: u32::from(u16::from_be_bytes([seg[1], seg[2]])),
                    width: u32::from(u16::from_be_bytes([seg[3], seg[4]])),
                    components: seg[5],
                });
            }
            0xDA => return None,
            _ => {}
        }
        pos += 2 + len;
    }
    None
}

/// The JPEG's own bytes, when a PDF reader shows them exactly as sohoa
/// decoded them: 8-bit baseline, extended or progressive Huffman (what
/// DCTDecode reads), grey or YCbCr/RGB (not CMYK, which needs a CMYK output
/// intent and whose Adobe inversion readers disagree on), and the same page
/// size once its EXIF orientation is applied.
fn jpeg_as_is(bytes: &[u8], rec: &PageRecord) -> Result<Option<PageImage>, String> {
    if rec.page_in_file != 0 || !bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(None);
    }
    let Some(frame) = jpeg_frame(bytes) else {
        return Ok(None);
    };
    let readable = matches!(frame.marker, 0xC0..=0xC2)
        && frame.precision == 8
        && matches!(frame.components, 1 | 3);
    if !readable || frame.width == 0 || frame.height == 0 {
        return Ok(None);
    }
    let mut decoder = image::codecs::jpeg::JpegDecoder::new(Cursor::new(bytes))
        .map_err(|e| format!("cannot read the JPEG header: {e}"))?;
    let orientation = image::ImageDecoder::orientation(&mut decoder)
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let (w, h) = oriented_size(orientation, frame.width, frame.height);
    if (w, h) != (rec.image.width, rec.image.height) {
        return Err(size_changed(w, h, rec));
    }
    Ok(Some(PageImage {
        data: bytes.to_vec(),
        compression: Compression::Dct,
        width: frame.width,
        height: frame.height,
        components: frame.components,
        orientation,
    }))
}

/// Size of a `w`×`h` grid once `o` is applied.
pub(super) fn oriented_size(o: image::metadata::Orientation, w: u32, h: u32) -> (u32, u32) {
    use image::metadata::Orientation::*;
    match o {
        Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH => (h, w),
        _ => (w, h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g4_round_trips_through_the_decoder() {
        let (w, h) = (203u32, 61u32);
        // text-like strokes, a frame, long runs, single pixels
        let px: Vec<u8> = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                let ink = x == 0
                    || y == h - 1
                    || (x / 3 + y / 5) % 7 == 0
                    || (x * 7 + y * 13) % 29 == 0
                    || (40..180).contains(&x) && y == 30;
                if ink {
                    0
                } else {
                    255
                }
            })
            .collect();
        let data = g4(&px, w, h).unwrap();
        let mut rows = Vec::new();
        fax::decoder::decode_g4(data.iter().copied(), w as u16, Some(h as u16), |line| {
            let mut row = vec![255u8; w as usize];
            // `line` lists the positions where the colour changes, white first
            let mut black = false;
            let mut at = 0usize;
            for &t in line.iter().chain(std::iter::once(&(w as u16))) {
                if black {
                    row[at..t as usize].fill(0);
                }
                at = t as usize;
                black = !black;
            }
            rows.push(row);
        })
        .unwrap();
        assert_eq!(rows.len(), h as usize);
        assert_eq!(rows.concat(), px);
        assert!(data.len() < px.len() / 8, "{} bytes", data.len());
    }

    #[test]
    fn jpeg_frames_are_read_and_cmyk_is_not_kept_as_is() {
        let cmyk = include_bytes!("../../tests/fixtures/cmyk.jpg");
        let f = jpeg_frame(cmyk).unwrap();
        assert_eq!((f.width, f.height, f.components), (16, 8, 4));
        let mut grey = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut grey)
            .encode(&[128u8; 40 * 30], 40, 30, image::ExtendedColorType::L8)
            .unwrap();
        let f = jpeg_frame(&grey).unwrap();
        assert_eq!(
            (f.marker, f.precision, f.width, f.height, f.components),
            (0xC0, 8, 40, 30, 1)
        );
        assert_eq!(jpeg_frame(b"\xFF\xD8\xFF\xE0\x00"), None);
    }

    fn png(img: image::DynamicImage) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn an_8_bit_png_goes_in_as_its_own_rows_and_others_are_encoded() {
        let mut rec = PageRecord::for_test("d", "a.png", "");
        rec.image.width = 40;
        rec.image.height = 30;
        let grey = image::GrayImage::from_fn(40, 30, |x, y| image::Luma([(x * 5 + y) as u8]));
        let bytes = png(grey.clone().into());
        let img = page_image(&bytes, &rec).unwrap();
        assert_eq!(
            (img.compression, img.components),
            (Compression::PngFlate, 1)
        );
        // the zlib stream of the IDAT chunk, untouched
        assert_eq!(&img.data[..], &bytes[41..41 + img.data.len()]);
        let rgb = image::RgbImage::from_fn(40, 30, |x, _| image::Rgb([200, (x * 6) as u8, 40]));
        let img = page_image(&png(rgb.into()), &rec).unwrap();
        assert_eq!(
            (img.compression, img.components),
            (Compression::PngFlate, 3)
        );
        // transparency must be composited: decoded and encoded
        let rgba = image::RgbaImage::from_fn(40, 30, |x, _| image::Rgba([0, 0, 0, (x * 6) as u8]));
        let img = page_image(&png(rgba.into()), &rec).unwrap();
        assert_eq!((img.compression, img.components), (Compression::Dct, 1));
        // black and white only: CCITT G4
        let bw = image::GrayImage::from_fn(40, 30, |x, _| {
            image::Luma([if x % 3 == 0 { 0 } else { 255 }])
        });
        let bw = image::DynamicImage::from(bw).into_luma_alpha8();
        let img = page_image(&png(bw.into()), &rec).unwrap();
        assert_eq!(img.compression, G4);
        // a page of another size than was read is refused
        rec.image.width = 41;
        let err = page_image(&bytes, &rec).err().unwrap();
        assert!(err.contains("40×30"), "{err}");
    }
}
