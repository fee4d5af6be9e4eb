//! Search benchmark: a synthetic corpus of Vietnamese dossier pages (names,
//! ID numbers, document numbers, amounts; no OCR) indexed by sohoa and by
//! SQLite FTS5 (`unicode61 remove_diacritics 2`, through the `sqlite3`
//! command-line tool), then the same fixed mix of 1,000 queries through both:
//! build time and size, latency p50/p99, and how many queries each answers
//! correctly (the right dossier in the top 3).
//!
//! `make bench-search` runs it at 100k and 1M pages; by hand:
//! `cargo bench --bench search -- --pages 100000 [--dir DIR] [--no-fts]`.
//!
//! The sohoa index is built with [`sohoa::index::Writer::put_dossier`], the
//! call `ingest` and `reindex` make for every dossier, straight from page
//! records in memory: a million store files would only measure the disk.
//!
//! `main` here builds the sohoa index and measures it; the rest is in its
//! sibling modules: `corpus` (the synthetic dossiers), `queries` (the
//! query mix and how an answer is judged), `fts5` (the SQLite peer) and
//! `report` (the rows and the tables printed).

mod corpus;
mod fts5;
mod queries;
mod report;

use corpus::{dossier, record, People, Rng};
use fts5::{csv_field, fts5};
use queries::{absent_queries, correct, false_match, queries, BenchQuery, Kind};
use report::{dir_size, percentile, Row};
use sohoa::index::Index;
use sohoa::search::{self, Request};
use sohoa::store::{DossierMeta, PageRecord};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let pages: usize =
        arg("--pages").map_or(100_000, |s| s.replace('_', "").parse().expect("--pages N"));
    let nq: usize = arg("--queries").map_or(1000, |s| s.parse().expect("--queries N"));
    let no_fts = args.iter().any(|a| a == "--no-fts");
    // --reuse: keep the sohoa index a previous run built (same corpus).
    let reuse = args.iter().any(|a| a == "--reuse");
    let dir = PathBuf::from(arg("--dir").unwrap_or_else(|| format!("target/bench-search/{pages}")));
    if !reuse {
        let _ = std::fs::remove_dir_all(&dir);
    }
    std::fs::create_dir_all(&dir).unwrap();
    eprintln!("bench-search: {pages} pages into {}", dir.display());

    // Corpus → sohoa index through put_dossier, and → a CSV for FTS5.
    let t0 = Instant::now();
    let index_dir = dir.join("sohoa");
    let index = Index::create_or_open(&index_dir).unwrap();
    let mut writer = index.writer().unwrap();
    let mut rng = Rng(0x5eed_0000);
    let mut truth = Vec::new();
    let mut people = People::default();
    let fts_db_exists = dir.join("fts5.db").is_file();
    let build_fts = !(no_fts || reuse && fts_db_exists);
    let mut csv = build_fts
        .then(|| std::io::BufWriter::new(std::fs::File::create(dir.join("pages.csv")).unwrap()));
    let mut gen_s = 0.0;
    let mut done = 0;
    while done < pages {
        let g = Instant::now();
        let (t, texts, others) = dossier(&mut rng, truth.len());
        for (name, id) in others {
            people.names.insert(name);
            people.ids.insert(id);
        }
        people.names.insert(t.name.clone());
        people.ids.insert(t.cccd.clone());
        let texts: Vec<String> = texts.into_iter().take(pages - done).collect();
        let meta = DossierMeta {
            dossier: t.id.clone(),
            path: format!("/kho/{}", t.id),
            unread: Vec::new(),
        };
        if let Some(w) = csv.as_mut() {
            for (p, text) in texts.iter().enumerate() {
                writeln!(
                    w,
                    "{},{},{},{},{}",
                    csv_field(&t.id),
                    p + 1,
                    t.doc_type,
                    t.year,
                    csv_field(text)
                )
                .unwrap();
            }
        }
        let records: Vec<PageRecord> = texts
            .into_iter()
            .enumerate()
            .map(|(p, text)| record(&t.id, p, text))
            .collect();
        gen_s += g.elapsed().as_secs_f64();
        done += records.len();
        if !reuse {
            writer.put_dossier(&meta, &records).unwrap();
        }
        truth.push(t);
        if truth.len() % 20_000 == 0 {
            eprintln!(
                "bench-search: {done} pages, {:.0} s",
                t0.elapsed().as_secs_f64()
            );
        }
    }
    writer.finish().unwrap();
    drop(csv);
    let sohoa_build = if reuse {
        f64::NAN // built by an earlier run
    } else {
        t0.elapsed().as_secs_f64() - gen_s
    };
    eprintln!(
        "bench-search: sohoa index built in {sohoa_build:.1} s ({} dossiers; generating took {gen_s:.1} s)",
        truth.len()
    );
    let by_id: HashMap<&str, usize> = truth
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut qs = queries(&truth, nq);
    qs.extend(absent_queries(&truth, &people, nq));

    // sohoa: one reader, as `serve` keeps; limit 10 as the web page asks.
    let index = Index::open(&index_dir).unwrap();
    let reader = index.reader().unwrap();
    let searcher = reader.searcher();
    eprintln!(
        "bench-search: sohoa index has {} segments",
        searcher.segment_readers().len()
    );
    let run = |q: &BenchQuery| {
        let req = Request {
            query: q.text.clone(),
            limit: 10,
            offset: 0,
            ..Request::default()
        };
        search::search_with(&index, &searcher, &req).unwrap()
    };
    for q in qs.iter().take(50) {
        run(q); // warm the page cache
    }
    // --probe "q1|q2|…": the latency of extra queries (median of 5 runs),
    // for queries outside the fixed mix such as one common word.
    if let Some(probe) = arg("--probe") {
        for text in probe.split('|') {
            let q = BenchQuery {
                kind: Kind::ToneLess,
                text: text.to_string(),
                fts: String::new(),
                filter: None,
                target: 0,
            };
            let mut ms: Vec<f64> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    run(&q);
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            ms.sort_by(f64::total_cmp);
            let total = run(&q).total;
            eprintln!(
                "bench-search: probe {text:?}: {:.2} ms, {total} dossiers",
                ms[2]
            );
        }
    }
    let mut lat = Vec::new();
    let mut by_kind: std::collections::BTreeMap<Kind, Vec<(f64, String)>> = Default::default();
    let mut ok: HashMap<Kind, (usize, usize)> = HashMap::new();
    let mut absent: HashMap<Kind, (usize, usize, usize)> = HashMap::new();
    for q in &qs {
        let t = Instant::now();
        let r = run(q);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        lat.push(ms);
        by_kind
            .entry(q.kind)
            .or_default()
            .push((ms, q.text.clone()));
        if q.kind.absent() {
            let (wrong, words) = false_match(q, &r);
            let e = absent.entry(q.kind).or_default();
            e.0 += usize::from(wrong);
            e.1 += usize::from(words);
            e.2 += 1;
            if wrong {
                eprintln!(
                    "bench-search: sohoa false match for absent {:?}: {:?}",
                    q.text,
                    r.hits
                        .iter()
                        .take(3)
                        .map(|h| (h.dossier.as_str(), h.kind.as_str()))
                        .collect::<Vec<_>>()
                );
            }
            continue;
        }
        // Right only with a complete match (exact, folded or words).
        let top: Vec<String> = r
            .hits
            .iter()
            .filter(|h| h.kind.is_complete())
            .map(|h| h.dossier.clone())
            .collect();
        let e = ok.entry(q.kind).or_default();
        e.1 += 1;
        let right = correct(q, &truth, &by_id, &top);
        e.0 += usize::from(right);
        if !right {
            eprintln!(
                "bench-search: sohoa missed {:?} (wanted {}, got {:?})",
                q.text,
                truth[q.target].id,
                &top[..top.len().min(3)]
            );
        }
    }
    lat.sort_by(f64::total_cmp);
    for (kind, mut v) in by_kind {
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let ms: Vec<f64> = v.iter().map(|x| x.0).collect();
        eprintln!(
            "bench-search: sohoa {kind:?}: p50 {:.2} ms, p99 {:.2} ms, slowest {:.2} ms ({:?})",
            percentile(&ms, 0.5),
            percentile(&ms, 0.99),
            ms[ms.len() - 1],
            v[v.len() - 1].1
        );
    }
    let mut rows = vec![Row {
        engine: "sohoa (tantivy)",
        build_s: sohoa_build,
        size_mb: dir_size(&index_dir) as f64 / 1e6,
        p50: percentile(&lat, 0.5),
        p99: percentile(&lat, 0.99),
        correct: ok,
        absent,
    }];

    if !no_fts {
        rows.push(fts5(&dir, &qs, &truth, &by_id, reuse && fts_db_exists));
    }

    report::print(pages, truth.len(), qs.len(), &rows);
}
