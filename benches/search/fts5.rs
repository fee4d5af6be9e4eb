//! The peer: the same corpus and queries through SQLite FTS5
//! (`unicode61 remove_diacritics 2`) and the `sqlite3` command-line tool,
//! built from the CSV `main` writes while generating the corpus.

use crate::corpus::Truth;
use crate::queries::{correct, BenchQuery, Kind};
use crate::report::{dir_size, percentile, Row};
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Instant;

pub fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

pub fn sql_str(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The same corpus and queries through SQLite FTS5 and the sqlite3 tool:
/// one process runs every query with `.timer on` (its own timing per
/// statement), grouped one row per dossier, best bm25 first.
pub fn fts5(
    dir: &Path,
    qs: &[BenchQuery],
    truth: &[Truth],
    by_id: &HashMap<&str, usize>,
    reuse: bool,
) -> Row {
    let db = dir.join("fts5.db");
    let t0 = Instant::now();
    if reuse {
        return fts5_queries(&db, qs, truth, by_id, f64::NAN);
    }
    let build = format!(
        "CREATE TABLE raw(dossier, page, doc_type, year, text);\n\
         .import --csv {} raw\n\
         CREATE VIRTUAL TABLE pages USING fts5(dossier UNINDEXED, page UNINDEXED, doc_type UNINDEXED, \
         year UNINDEXED, text, tokenize='unicode61 remove_diacritics 2');\n\
         INSERT INTO pages SELECT dossier, page, doc_type, CAST(year AS INTEGER), text FROM raw;\n\
         DROP TABLE raw;\nVACUUM;\n",
        dir.join("pages.csv").display()
    );
    sqlite(&db, &build);
    let build_s = t0.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(dir.join("pages.csv"));
    eprintln!("bench-search: FTS5 built in {build_s:.1} s");
    fts5_queries(&db, qs, truth, by_id, build_s)
}

/// The queries through an FTS5 database built by [`fts5`].
pub fn fts5_queries(
    db: &Path,
    qs: &[BenchQuery],
    truth: &[Truth],
    by_id: &HashMap<&str, usize>,
    build_s: f64,
) -> Row {
    let mut script = String::from(".mode list\n.separator |\n");
    // Warm-up as for sohoa, then the measured run.
    for (i, q) in qs.iter().take(50).chain(qs.iter()).enumerate() {
        let filter = q
            .filter
            .map(|(t, lo, hi)| {
                format!(
                    " AND doc_type = {} AND year BETWEEN {lo} AND {hi}",
                    sql_str(t)
                )
            })
            .unwrap_or_default();
        script.push_str(&format!(".timer off\nSELECT '@@{i}';\n.timer on\n"));
        script.push_str(&format!(
            "SELECT dossier FROM pages WHERE pages MATCH {}{filter} GROUP BY dossier ORDER BY min(rank) LIMIT 10;\n",
            sql_str(&q.fts)
        ));
    }
    let out = sqlite(db, &script);
    let mut lat = Vec::new();
    let mut ok: HashMap<Kind, (usize, usize)> = HashMap::new();
    let mut absent: HashMap<Kind, (usize, usize, usize)> = HashMap::new();
    let mut current: Option<usize> = None;
    let mut top: Vec<String> = Vec::new();
    let warm = qs.len().min(50);
    for line in out.lines() {
        if let Some(i) = line.strip_prefix("@@") {
            current = i.parse().ok();
            top.clear();
        } else if let Some(rest) = line.strip_prefix("Run Time: real ") {
            let secs: f64 = rest.split_whitespace().next().unwrap().parse().unwrap();
            if let Some(i) = current.filter(|&i| i >= warm) {
                let q = &qs[i - warm];
                lat.push(secs * 1000.0);
                if q.kind.absent() {
                    // FTS5 cannot say how a row matched: any row is presented as a match.
                    let e = absent.entry(q.kind).or_default();
                    e.0 += usize::from(!top.is_empty());
                    e.2 += 1;
                } else {
                    let e = ok.entry(q.kind).or_default();
                    e.1 += 1;
                    e.0 += usize::from(correct(q, truth, by_id, &top));
                }
            }
            current = None;
        } else if current.is_some() {
            top.push(line.to_string());
        }
    }
    lat.sort_by(f64::total_cmp);
    Row {
        engine: "SQLite FTS5",
        build_s,
        size_mb: dir_size(db) as f64 / 1e6,
        p50: percentile(&lat, 0.5),
        p99: percentile(&lat, 0.99),
        correct: ok,
        absent,
    }
}

/// Run an SQL script through the sqlite3 tool; its standard output.
pub fn sqlite(db: &Path, script: &str) -> String {
    let mut child = std::process::Command::new("sqlite3")
        .arg(db)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the sqlite3 tool (Debian package sqlite3)");
    let mut stdin = child.stdin.take().unwrap();
    let script = script.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(script.as_bytes()));
    let mut out = String::new();
    let stdout = child.stdout.take().unwrap();
    for line in std::io::BufReader::new(stdout).lines() {
        out.push_str(&line.unwrap());
        out.push('\n');
    }
    feeder.join().unwrap().unwrap();
    assert!(child.wait().unwrap().success(), "sqlite3 failed");
    out
}
