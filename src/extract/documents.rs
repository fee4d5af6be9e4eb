//! The documents (văn bản) inside a dossier.
//!
//! A dossier folder is a bag of pages, but an archive describes what is in
//! it document by document: an application, a certificate and a decision
//! each have their own type, number, date, issuer and signer. This file turns
//! a dossier's analysis into its [`Document`]s. Until page boundaries are
//! read, a dossier is one document spanning all its pages, described by the
//! dossier's own fields.

use super::analyse::{Document, Record};
use super::Fields;

/// The one document spanning all `pages` pages, described by the dossier's
/// fields: its first type, number, signing date and issuer, its signer and
/// the people it names.
pub(super) fn whole(fields: &Fields, records: &[Record], pages: usize) -> Option<Document> {
    if pages == 0 {
        return None;
    }
    let first =
        |key: &str| -> Option<String> { fields.get(key)?.first()?.as_str().map(str::to_string) };
    let signer = records
        .iter()
        .find(|r| r.role.as_deref() == Some("nguoi_ky"))
        .and_then(|r| r.full_name.clone());
    let people = fields
        .get("full_name")
        .map(|v| {
            v.iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .filter(|n| Some(n) != signer.as_ref())
                .collect()
        })
        .unwrap_or_default();
    Some(Document {
        pages: [1, pages],
        doc_type: first("doc_type"),
        document_no: first("document_no"),
        signed_date: first("signed_date"),
        issuer: first("issuer"),
        summary: None,
        signer,
        people,
    })
}
