//! `sohoa review`: the values a person has to look at.
//!
//! Extraction never corrects a value it doubts (a CCCD whose province code
//! does not exist, a BHYT card that embeds another BHXH number, a birth date
//! in the future): it keeps the value as printed and its check fails. This
//! module walks the page store and lists every failed check with the dossier,
//! the page (when the value belongs to a known person) and the reason, so an
//! officer can compare it with the paper.

use crate::extract;
use crate::store::Store;
use crate::Result;
use serde::Serialize;

/// One value that failed its check.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    pub dossier: String,
    /// 1-based page of the dossier, when known.
    pub page: Option<usize>,
    /// The file that page comes from, when known.
    pub file: Option<String>,
    pub key: String,
    pub value: String,
    pub reason: String,
}

/// Every failed check of every dossier in the store, in dossier order.
pub fn review(store: &Store) -> Result<Vec<ReviewItem>> {
    let mut items = Vec::new();
    for meta in store.dossiers()? {
        let Some((meta, pages)) = store.read_dossier(&meta.dossier)? else {
            continue;
        };
        let analysis = extract::analyse(&pages);
        for c in analysis.invalid() {
            let file = c
                .page
                .and_then(|p| pages.get(p.wrapping_sub(1)))
                .map(|r| r.file.clone());
            items.push(ReviewItem {
                dossier: meta.dossier.clone(),
                page: c.page,
                file,
                key: c.key.clone(),
                value: c.value.clone(),
                reason: c.reason.clone(),
            });
        }
    }
    Ok(items)
}

/// One line for people: `dossier (page n)  key value: reason`.
pub fn line(item: &ReviewItem) -> String {
    let page = item.page.map_or(String::new(), |p| format!(" (page {p})"));
    format!(
        "{}{}\t{} {}\t{}",
        item.dossier, page, item.key, item.value, item.reason
    )
}
