//! Searchable PDF/A: the digitised archive itself, one PDF per document (or
//! per dossier), built from the page store without OCR.
//!
//! A reader of the archive in twenty years needs the scans and their text
//! in one file any viewer opens, not sohoa. Each page is the scan at its
//! scanned resolution ([`image`]), with the stored words laid invisibly on
//! their boxes ([`text`]), and the file says what it is ([`meta`]): title,
//! issuer, number, date, language, PDF/A-2b. [`build`] makes the bytes of
//! one document or one dossier of a [`DossierView`] (what `serve` can offer
//! for download); [`export`] writes a whole index's documents into a folder,
//! rebuilding only what changed.
//!
//! The bytes depend on the records and the scans alone (no clock, no
//! hash-map order, the file ID derived from the inputs), so the same input
//! gives the same file.

mod export;
mod image;
mod meta;
mod place;
mod text;

pub use export::{export, output_path, print, Failed, Options, Per, Report};
pub use meta::type_label;

use crate::extract::Document;
use crate::folder::DossierView;
use crate::ingest::Failure;
use crate::store::PageRecord;
use pdf_writer::types::{CidFontType, FontFlags, OutputIntentSubtype, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use std::path::Path;

/// Version of what [`build`] writes: part of every output's digest, so a
/// sohoa that writes PDFs differently rebuilds them.
pub const FORMAT_VERSION: u32 = 2;

/// What one PDF holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One document of the dossier (index into [`documents`]).
    Document(usize),
    /// Every page of the dossier, with one bookmark per document.
    Dossier,
}

/// A dossier's documents: the stored analysis's, or for an index made
/// before documents existed, one document spanning every page, described by
/// the dossier's first type, number, date and issuer.
pub fn documents(view: &DossierView) -> Vec<Document> {
    if !view.analysis.documents.is_empty() || view.pages.is_empty() {
        return view.analysis.documents.clone();
    }
    let first = |key: &str| {
        view.analysis
            .fields
            .get(key)
            .and_then(|v| v.first())
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    vec![Document {
        pages: [1, view.pages.len()],
        doc_type: first("doc_type"),
        document_no: first("document_no"),
        signed_date: first("signed_date"),
        issuer: first("issuer"),
        ..Document::default()
    }]
}

/// The pages a scope covers, in order.
fn pages_of<'a>(
    view: &'a DossierView,
    docs: &[Document],
    scope: Scope,
) -> Result<&'a [PageRecord], String> {
    match scope {
        Scope::Dossier => Ok(&view.pages),
        Scope::Document(i) => {
            let doc = docs
                .get(i)
                .ok_or_else(|| format!("the dossier has no document {}", i + 1))?;
            let [a, b] = doc.pages;
            if a == 0 || b < a || b > view.pages.len() {
                return Err(format!(
                    "document {} spans pages {a}–{b}, but the store holds {} pages of the \
                     dossier; run `sohoa verify`",
                    i + 1,
                    view.pages.len()
                ));
            }
            Ok(&view.pages[a - 1..b])
        }
    }
}

/// Digest of everything an output is made from: the format version, the
/// scope, the dossier id, the documents and every page record (text, boxes,
/// source hash). Equal digests, equal bytes.
pub fn digest(view: &DossierView, scope: Scope) -> String {
    let docs = documents(view);
    let mut h = blake3::Hasher::new();
    h.update(format!("sohoa-pdf {FORMAT_VERSION} {}\n", meta::PRODUCER).as_bytes());
    h.update(view.meta.dossier.as_bytes());
    h.update(b"\n");
    let (pages, docs_in): (&[PageRecord], &[Document]) = match scope {
        Scope::Dossier => {
            h.update(b"dossier\n");
            (&view.pages, &docs)
        }
        Scope::Document(i) => {
            h.update(format!("document {i}\n").as_bytes());
            let pages = pages_of(view, &docs, scope).unwrap_or_default();
            (pages, docs.get(i..=i).unwrap_or_default())
        }
    };
    h.update(&serde_json::to_vec(docs_in).expect("documents serialise"));
    for p in pages {
        h.update(b"\n");
        h.update(&serde_json::to_vec(p).expect("records serialise"));
    }
    h.finalize().to_hex().to_string()
}

/// The bytes of one PDF/A-2b: the document `scope` names, or the whole
/// dossier. Reads the scans the records name (refusing one whose content
/// changed since it was read) and nothing else.
pub fn build(view: &DossierView, scope: Scope) -> Result<Vec<u8>, Failure> {
    let docs = documents(view);
    let pages = pages_of(view, &docs, scope)
        .map_err(|reason| Failure::new(Path::new(&view.meta.path), reason))?;
    let mut images = Vec::with_capacity(pages.len());
    let mut source: Option<(&str, Vec<u8>)> = None;
    for rec in pages {
        let path = Path::new(&view.meta.path).join(&rec.file);
        let fail = |reason: String| Failure {
            path: path.to_string_lossy().into_owned(),
            page: (rec.pages_in_file > 1).then_some(rec.page_in_file + 1),
            reason,
        };
        if source.as_ref().is_none_or(|(f, _)| *f != rec.file) {
            let bytes =
                read_source(&path, &rec.content_hash).map_err(|r| Failure::new(&path, r))?;
            source = Some((&rec.file, bytes));
        }
        let bytes = &source.as_ref().expect("just read").1;
        images.push(image::page_image(bytes, rec).map_err(fail)?);
    }
    let id = digest(view, scope);
    let created = pages.iter().map(|p| p.ocr_at).max().filter(|&t| t > 0);
    let dossier = &view.meta.dossier;
    let (meta, outline) = match scope {
        Scope::Document(i) => (meta::of_document(dossier, &docs[i], created, &id), vec![]),
        Scope::Dossier => (
            meta::of_dossier(dossier, &docs, created, &id),
            docs.iter()
                .filter(|d| d.pages[0] >= 1 && d.pages[0] <= pages.len())
                .map(|d| (meta::document_title(d), d.pages[0] - 1))
                .collect(),
        ),
    };
    Ok(assemble(pages, &images, &meta, &outline))
}

/// A source file's bytes, when its content is still what was read.
fn read_source(path: &Path, hash: &str) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            "the scan is gone (moved or deleted since it was read)".into()
        }
        _ => format!("cannot read the scan: {e}"),
    })?;
    if crate::store::content_hash(&bytes) != hash {
        return Err("the scan changed since it was read; run `sohoa ingest` again".into());
    }
    Ok(bytes)
}

fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).expect("writing to memory");
    e.finish().expect("writing to memory")
}

/// Object numbers, handed out in order.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Write the PDF: catalog (language, XMP, sRGB output intent, bookmarks),
/// one page per record with its image and text layer, the glyphless font.
fn assemble(
    pages: &[PageRecord],
    images: &[image::PageImage],
    meta: &meta::Meta,
    outline: &[(String, usize)],
) -> Vec<u8> {
    let mut pdf = Pdf::with_settings(pdf_writer::Settings { pretty: false });
    pdf.set_version(1, 7);
    let mut refs = Refs(0);
    let catalog_id = refs.next();
    let pages_id = refs.next();
    let info_id = refs.next();
    let xmp_id = refs.next();
    let icc_id = refs.next();
    let font_id = refs.next();
    let cid_font_id = refs.next();
    let descriptor_id = refs.next();
    let font_file_id = refs.next();
    let to_unicode_id = refs.next();
    let cid_to_gid_id = refs.next();
    let page_ids: Vec<(Ref, Ref, Ref)> = pages
        .iter()
        .map(|_| (refs.next(), refs.next(), refs.next()))
        .collect();
    let outline_id = (!outline.is_empty()).then(|| refs.next());
    let item_ids: Vec<Ref> = outline.iter().map(|_| refs.next()).collect();

    {
        let mut cat = pdf.catalog(catalog_id);
        cat.pages(pages_id);
        cat.lang(TextStr("vi"));
        cat.metadata(xmp_id);
        if let Some(o) = outline_id {
            cat.outlines(o);
            cat.page_mode(pdf_writer::types::PageMode::UseOutlines);
        }
        cat.output_intents()
            .push()
            .subtype(OutputIntentSubtype::PDFA)
            .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
            .info(TextStr("sRGB IEC61966-2.1"))
            .dest_output_profile(icc_id);
    }
    pdf.pages(pages_id)
        .kids(page_ids.iter().map(|p| p.0))
        .count(pages.len() as i32);

    let font = Name(b"F1");
    let mut cids = text::Cids::default();
    for ((rec, img), &(page_id, content_id, image_id)) in pages.iter().zip(images).zip(&page_ids) {
        let place = place::Placement::of(rec);
        let place = place.levelled(text::slope(rec, &place));
        let mut page = pdf.page(page_id);
        page.parent(pages_id);
        page.media_box(Rect::new(
            0.0,
            0.0,
            place.width_pt as f32,
            place.height_pt as f32,
        ));
        page.contents(content_id);
        {
            let mut res = page.resources();
            res.x_objects().pair(Name(b"Im0"), image_id);
            res.fonts().pair(font, font_id);
        }
        page.finish();

        let mut content = Content::new();
        content.save_state();
        content.transform(place.image_matrix(img).as_f32());
        content.x_object(Name(b"Im0"));
        content.restore_state();
        text::draw(&mut content, rec, &place, font, &mut cids);
        let content = deflate(&content.finish().into_vec());
        pdf.stream(content_id, &content).filter(Filter::FlateDecode);

        let mut x = pdf.image_xobject(image_id, &img.data);
        x.width(img.width as i32);
        x.height(img.height as i32);
        match img.components {
            3 => x.color_space().device_rgb(),
            _ => x.color_space().device_gray(),
        };
        match img.compression {
            image::Compression::Dct => {
                x.filter(Filter::DctDecode);
                x.bits_per_component(8);
            }
            image::Compression::PngFlate => {
                x.filter(Filter::FlateDecode);
                x.bits_per_component(8);
                x.decode_parms()
                    .predictor(pdf_writer::types::Predictor::PngOptimum)
                    .colors(i32::from(img.components))
                    .bits_per_component(8)
                    .columns(img.width as i32);
            }
            image::Compression::Ccitt {
                k,
                black_is_1,
                encoded_byte_align,
            } => {
                x.filter(Filter::CcittFaxDecode);
                x.bits_per_component(1);
                let mut parms = x.decode_parms();
                parms.k(k).columns(img.width as i32).rows(img.height as i32);
                if black_is_1 {
                    parms.black_is_1(true);
                }
                if encoded_byte_align {
                    parms.encoded_byte_align(true);
                }
            }
        }
    }

    // The glyphless font, with what the pages' text used.
    pdf.type0_font(font_id)
        .base_font(Name(b"GlyphLessFont"))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font_id)
        .to_unicode(to_unicode_id);
    pdf.cid_font(cid_font_id)
        .subtype(CidFontType::Type2)
        .base_font(Name(b"GlyphLessFont"))
        .system_info(SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        })
        .font_descriptor(descriptor_id)
        .default_width(text::GLYPH_WIDTH)
        .cid_to_gid_map_stream(cid_to_gid_id);
    pdf.font_descriptor(descriptor_id)
        .name(Name(b"GlyphLessFont"))
        .flags(FontFlags::FIXED_PITCH | FontFlags::SYMBOLIC)
        .bbox(Rect::new(0.0, 0.0, text::GLYPH_WIDTH, 1000.0))
        .italic_angle(0.0)
        .ascent(1000.0)
        .descent(-1.0)
        .cap_height(1000.0)
        .stem_v(80.0)
        .font_file2(font_file_id);
    let font_file = deflate(text::GLYPHLESS_TTF);
    pdf.stream(font_file_id, &font_file)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), text::GLYPHLESS_TTF.len() as i32);
    let to_unicode = deflate(&cids.to_unicode());
    pdf.cmap(to_unicode_id, &to_unicode)
        .filter(Filter::FlateDecode);
    let cid_to_gid = deflate(&cids.cid_to_gid());
    pdf.stream(cid_to_gid_id, &cid_to_gid)
        .filter(Filter::FlateDecode);

    let icc = deflate(meta::SRGB_ICC);
    pdf.icc_profile(icc_id, &icc)
        .n(3)
        .filter(Filter::FlateDecode);

    if let Some(o) = outline_id {
        let mut out = pdf.outline(o);
        out.first(item_ids[0]);
        out.last(*item_ids.last().expect("not empty"));
        out.count(item_ids.len() as i32);
        out.finish();
        for (i, ((title, page), &id)) in outline.iter().zip(&item_ids).enumerate() {
            let mut item = pdf.outline_item(id);
            item.title(TextStr(title));
            item.parent(o);
            if i > 0 {
                item.prev(item_ids[i - 1]);
            }
            if let Some(&n) = item_ids.get(i + 1) {
                item.next(n);
            }
            item.dest().page(page_ids[*page].0).fit();
        }
    }

    pdf.metadata(xmp_id, &meta::xmp(meta));
    meta::write_info(&mut pdf, info_id, meta);
    let id = hex16(&meta.id);
    pdf.set_file_id((id.clone(), id));
    pdf.finish()
}

/// The first 16 bytes of a hex digest (the file ID PDF/A requires).
fn hex16(hex: &str) -> Vec<u8> {
    (0..16)
        .map(|i| {
            hex.get(2 * i..2 * i + 2)
                .and_then(|b| u8::from_str_radix(b, 16).ok())
                .unwrap_or(0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 300 dpi page of `w`×`h` pixels with two words on one line.
    fn record(w: u32, h: u32) -> PageRecord {
        let mut rec = PageRecord::for_test("nhóm/Trần Văn Bảy", "trang 1.png", "Trần Văn");
        rec.image.width = w;
        rec.image.height = h;
        rec.image.dpi = Some(300.0);
        rec.ocr_at = 1_700_000_000;
        rec.words = vec![
            crate::ocr::Word {
                text: "Trần".into(),
                bbox: [300, 300, 120, 40],
                confidence: 95.0,
                line: [1, 1, 1],
                doubtful: false,
            },
            crate::ocr::Word {
                text: "Văn".into(),
                bbox: [440, 300, 100, 40],
                confidence: 95.0,
                line: [1, 1, 1],
                doubtful: false,
            },
        ];
        rec
    }

    fn one_page_pdf() -> Vec<u8> {
        let rec = record(600, 400);
        let page = crate::preprocess::ColourPage {
            width: 600,
            height: 400,
            channels: 1,
            pixels: (0..600 * 400)
                .map(|i| if i % 7 == 0 { 0 } else { 255 })
                .collect(),
        };
        let img = image::encode(&page).unwrap();
        assert_eq!(img.compression, image::G4);
        let meta = meta::of_document("nhóm/Trần Văn Bảy", &Document::default(), Some(1), "00ff");
        assemble(&[rec], &[img], &meta, &[])
    }

    #[test]
    fn a_pdf_is_pdf_a_shaped_and_the_same_every_time() {
        let a = one_page_pdf();
        assert_eq!(a, one_page_pdf());
        assert!(a.starts_with(b"%PDF-1.7\n%\x80\x80\x80\x80"));
        let s = String::from_utf8_lossy(&a);
        for want in [
            "/S/GTS_PDFA1",
            "/Lang(vi)",
            "/Subtype/XML",
            "/FontFile2",
            "/CIDToGIDMap",
            "/ToUnicode",
            "/DW 500",
            "/Filter/CCITTFaxDecode",
            "/K -1",
            "<pdfaid:part>2</pdfaid:part>",
            "/ID[<00FF0000",
            "/MediaBox[0 0 144 96]",
        ] {
            assert!(s.contains(want), "{want} missing");
        }
        for never in [
            "/Encrypt",
            "/JavaScript",
            "/SMask",
            "/Interpolate true",
            "/CA ",
        ] {
            assert!(!s.contains(never), "{never} present");
        }
    }
}
