//! What officers and scripts ask of an index from the command line: `list`,
//! `show`, `review` and `search`, printed for people or as JSON.

use super::{warn_missing_store, EXIT_OK};
use crate::index::Index;
use crate::{extract, search, Result};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::Path;

pub(super) fn cmd_list(index_dir: &Path, json: bool) -> Result<u8> {
    let index = Index::open(index_dir)?;
    let code = warn_missing_store(index_dir);
    let mut out = std::io::stdout().lock();
    for d in search::list(&index)? {
        let line = if json {
            serde_json::to_string(&d).expect("serialises")
        } else {
            format!(
                "{}\t{} page{}\t{}\t{}",
                crate::text::escape(&d.dossier),
                d.pages,
                if d.pages == 1 { "" } else { "s" },
                d.doc_type,
                crate::text::escape(&d.path)
            )
        };
        if writeln!(out, "{line}").is_err() {
            break; // closed pipe (e.g. `| head`): stop quietly
        }
    }
    Ok(code)
}

pub(super) fn cmd_show(id: &str, index_dir: &Path, json: bool) -> Result<u8> {
    let view = crate::folder::Reader::open(index_dir)?.dossier(id)?;
    let crate::folder::DossierView {
        meta,
        pages,
        analysis,
    } = &view;
    let fields = &analysis.fields;
    let doc_type = crate::index::dossier_doc_type(fields);
    let mut out = std::io::stdout().lock();
    if json {
        let obj = search::dossier_json(meta, pages, analysis);
        writeln!(out, "{obj}").ok();
        return Ok(EXIT_OK);
    }
    let mut s = format!(
        "Dossier: {}\nPath:    {}\nType:    {}\nPages:   {}\n\nFields:\n",
        meta.dossier,
        meta.path,
        doc_type,
        pages.len()
    );
    for key in extract::FIELD_KEYS {
        let values = fields.get(key).map(Vec::as_slice).unwrap_or_default();
        if !values.is_empty() {
            let shown: Vec<String> = values
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .collect();
            s.push_str(&format!("  {key:<20} {}\n", shown.join("; ")));
        }
    }
    for c in analysis.invalid() {
        s.push_str(&format!(
            "  CHECK FAILED         {} {}: {}\n",
            c.key, c.value, c.reason
        ));
    }
    for (i, p) in pages.iter().enumerate() {
        let file_page = if p.pages_in_file > 1 {
            format!(", page {} of the file", p.page_in_file + 1)
        } else {
            String::new()
        };
        s.push_str(&format!(
            "\n── page {} ({}{}, confidence {:.0}) ──\n{}\n",
            i + 1,
            p.file,
            file_page,
            p.mean_confidence,
            p.text
        ));
    }
    out.write_all(s.as_bytes()).ok();
    Ok(EXIT_OK)
}

/// A dossier's documents and correction history, as `correct` prints them.
pub(super) fn print_corrected(dossier: &str, analysis: &extract::Analysis, json: bool) {
    if json {
        let v = json!({
            "dossier": dossier,
            "documents": analysis.documents,
            "corrections": analysis.corrections,
        });
        println!("{}", serde_json::to_string_pretty(&v).expect("serialises"));
        return;
    }
    for (i, d) in analysis.documents.iter().enumerate() {
        println!(
            "document {} (pages {}-{}): {} {} {} {}",
            i + 1,
            d.pages[0],
            d.pages[1],
            d.doc_type.as_deref().unwrap_or("-"),
            d.document_no.as_deref().unwrap_or("-"),
            d.signed_date.as_deref().unwrap_or("-"),
            d.issuer.as_deref().unwrap_or("-"),
        );
    }
    for c in &analysis.corrections {
        println!(
            "{} {} {}{}",
            c.at,
            crate::text::escape(&c.by),
            c.change,
            if c.applied { "" } else { " (not applied)" }
        );
    }
}

pub(super) fn cmd_review(index_dir: &Path, json: bool) -> Result<u8> {
    let (items, not_indexed) = crate::review::review(&crate::folder::Reader::open(index_dir)?)?;
    for id in &not_indexed {
        eprintln!(
            "sohoa: {} is stored but not indexed: run `sohoa reindex` to check it",
            crate::text::escape(id)
        );
    }
    let mut out = std::io::stdout().lock();
    for item in &items {
        let line = if json {
            serde_json::to_string(item).expect("serialises")
        } else {
            crate::review::line(item)
        };
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    drop(out);
    if !json {
        eprintln!("sohoa: {} values to review", items.len());
    }
    Ok(EXIT_OK)
}

pub(super) fn cmd_search(
    req: &search::Request,
    index_dir: &Path,
    json: bool,
    facets: bool,
) -> Result<u8> {
    let index = Index::open(index_dir)?;
    let code = warn_missing_store(index_dir);
    let results = search::search_request(&index, req)?;
    let (query, offset, hits) = (&req.query, req.offset, &results.hits);
    for note in &results.notes {
        eprintln!("sohoa: note: {note}");
    }
    let mut out = std::io::stdout().lock();
    let bold = !json && std::io::stdout().is_terminal();
    if !json && hits.is_empty() {
        eprintln!("sohoa: no dossier matches {query:?}");
    } else if !json && results.total == 0 {
        eprintln!("sohoa: no dossier matches {query:?} completely; near matches follow");
    }
    let mut near_said = false;
    for (i, hit) in hits.iter().enumerate() {
        let text = if json {
            serde_json::to_string(hit).expect("serialises")
        } else {
            let snippet = if bold {
                highlight_ansi(&hit.snippet)
            } else {
                hit.snippet.clone()
            };
            let mut head = String::new();
            if !hit.kind.is_complete() && !near_said {
                near_said = true;
                head = match results.near_total {
                    Some(n) => format!("-- near matches, not complete ({n} dossiers):\n"),
                    None => "-- near matches, not complete:\n".into(),
                };
            }
            // The document the page is in, when the dossier holds several.
            let document = match &hit.document {
                Some(d) if d.of > 1 => format!(
                    ", document {}/{}: {}{}",
                    d.index,
                    d.of,
                    d.doc_type.as_deref().unwrap_or("?"),
                    d.document_no
                        .as_deref()
                        .map_or(String::new(), |n| format!(" {}", crate::text::escape(n)))
                ),
                _ => String::new(),
            };
            format!(
                "{head}{}. {}  (page {}{document}, {}, score {:.2})\n   {}\n   {}",
                offset + i + 1,
                crate::text::escape(&hit.dossier),
                hit.page,
                hit.kind.as_str(),
                hit.score,
                crate::text::escape(&hit.path),
                snippet
            )
        };
        if writeln!(out, "{text}").is_err() {
            break;
        }
    }
    if facets {
        let line = if json {
            json!({"total": results.total, "facets": results.facets, "near_total": results.near_total})
                .to_string()
        } else {
            let counts = |m: &std::collections::BTreeMap<String, usize>| {
                m.iter()
                    .map(|(k, n)| format!("{k} {n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            format!(
                "{} dossiers; by type: {}; by year: {}",
                results.total,
                counts(&results.facets.doc_type),
                counts(&results.facets.year)
            )
        };
        writeln!(out, "{line}").ok();
    }
    Ok(code)
}

/// Turn `**word**` marks into bold on a terminal.
fn highlight_ansi(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split("**").enumerate() {
        if i % 2 == 1 {
            out.push_str("\x1b[1m");
            out.push_str(part);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(part);
        }
    }
    out
}
