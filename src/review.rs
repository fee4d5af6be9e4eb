//! `sohoa review`: the values a person has to look at.
//!
//! Extraction never corrects a value it doubts (a CCCD whose province code
//! does not exist, a BHYT card that embeds another BHXH number, a birth date
//! in the future): it keeps the value as printed and its check fails. This
//! module walks the indexed dossiers (their analysis as made at indexing, the
//! one every front-end shows) and lists every failed check with the dossier,
//! the page (when the value belongs to a known person) and the reason, so an
//! officer can compare it with the paper. It also lists the pages OCR read
//! with low confidence (a faded or damaged scan): staff can re-scan them.

use crate::folder::{DossierView, Reader};
use crate::ingest::LOW_CONFIDENCE;
use crate::Result;
use serde::Serialize;

/// One value that failed its check, or one page read badly.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    /// `value` (a failed check) or `page` (low OCR confidence).
    pub kind: &'static str,
    pub dossier: String,
    /// 1-based page of the dossier, when known.
    pub page: Option<usize>,
    /// The file that page comes from, when known.
    pub file: Option<String>,
    pub key: String,
    pub value: String,
    pub reason: String,
}

/// Every failed check of every indexed dossier, in dossier order, and the
/// dossiers of the store that are not indexed (their checks are unknown
/// until `ingest` or `reindex` adds them).
pub fn review(reader: &Reader) -> Result<(Vec<ReviewItem>, Vec<String>)> {
    let mut items = Vec::new();
    let walk = reader.each_dossier(|view| {
        items.extend(review_dossier(&view));
        Ok(())
    })?;
    Ok((items, walk.not_indexed))
}

/// The items of one dossier.
pub fn review_dossier(view: &DossierView) -> Vec<ReviewItem> {
    let DossierView {
        meta,
        pages,
        analysis,
    } = view;
    let mut items = Vec::new();
    {
        for c in analysis.invalid() {
            let file = c
                .page
                .and_then(|p| pages.get(p.wrapping_sub(1)))
                .map(|r| r.file.clone());
            items.push(ReviewItem {
                kind: "value",
                dossier: meta.dossier.clone(),
                page: c.page,
                file,
                key: c.key.clone(),
                value: c.value.clone(),
                reason: c.reason.clone(),
            });
        }
        for (i, r) in pages.iter().enumerate() {
            if !r.blank && r.mean_confidence < LOW_CONFIDENCE {
                items.push(ReviewItem {
                    kind: "page",
                    dossier: meta.dossier.clone(),
                    page: Some(i + 1),
                    file: Some(r.file.clone()),
                    key: "mean_confidence".into(),
                    value: format!("{:.1}", r.mean_confidence),
                    reason: format!(
                        "OCR read this page with low confidence (below {LOW_CONFIDENCE:.0}): \
                         check the scan, re-scan it if it is hard to read"
                    ),
                });
            }
        }
    }
    items
}

/// One line for people: `dossier (page n)  key value: reason`.
pub fn line(item: &ReviewItem) -> String {
    let page = item.page.map_or(String::new(), |p| format!(" (page {p})"));
    format!(
        "{}{}\t{} {}\t{}",
        item.dossier, page, item.key, item.value, item.reason
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DossierMeta, PageRecord, Store};

    fn page(file: &str, text: &str, confidence: f32, blank: bool) -> PageRecord {
        PageRecord {
            mean_confidence: confidence,
            blank,
            ..PageRecord::for_test("hồ sơ", file, text)
        }
    }

    #[test]
    fn pages_read_with_low_confidence_are_listed_blank_ones_not() {
        let tmp = tempfile::tempdir().unwrap();
        let store = Store::create(tmp.path()).unwrap();
        store
            .write_dossier(&DossierMeta {
                dossier: "hồ sơ".into(),
                path: "/kho/hồ sơ".into(),
                unread: Vec::new(),
            })
            .unwrap();
        store
            .write_page(&page("a.jpg", "Đơn đề nghị", 95.0, false))
            .unwrap();
        store
            .write_page(&page("b.jpg", "Dơn đề ngh¡", 41.5, false))
            .unwrap();
        store.write_page(&page("c.jpg", "", 0.0, true)).unwrap();
        let index = crate::index::Index::create_or_open(tmp.path()).unwrap();
        let (meta, records) = store.read_dossier("hồ sơ").unwrap().unwrap();
        let mut writer = index.writer().unwrap();
        writer.put_dossier(&meta, &records).unwrap();
        writer.commit().unwrap();
        let (items, not_indexed) = review(&Reader::with_index(index).unwrap()).unwrap();
        assert!(not_indexed.is_empty());
        let pages: Vec<&ReviewItem> = items.iter().filter(|i| i.kind == "page").collect();
        assert_eq!(pages.len(), 1, "{items:?}");
        assert_eq!(pages[0].file.as_deref(), Some("b.jpg"));
        assert_eq!(pages[0].page, Some(2));
        assert_eq!(pages[0].value, "41.5");
    }
}
