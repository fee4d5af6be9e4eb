//! What is measured and how it is shown: an engine's row (build time,
//! size on disk, latency percentiles, right answers and false matches by
//! query kind) and the two tables printed on standard output.

use crate::queries::Kind;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn dir_size(p: &Path) -> u64 {
    walk(p)
        .iter()
        .map(|f| f.metadata().map(|m| m.len()).unwrap_or(0))
        .sum()
}

pub fn walk(p: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    } else if p.is_file() {
        out.push(p.to_path_buf());
    }
    out
}

pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

pub struct Row {
    pub engine: &'static str,
    pub build_s: f64,
    pub size_mb: f64,
    pub p50: f64,
    pub p99: f64,
    pub correct: HashMap<Kind, (usize, usize)>,
    /// Absent queries: (false matches, with a `words` hit, asked) per kind.
    pub absent: HashMap<Kind, (usize, usize, usize)>,
}

/// The tables: one row per engine for the present queries, then one for
/// the absent ones.
pub fn print(pages: usize, dossiers: usize, queries: usize, rows: &[Row]) {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\n{pages} pages, {} dossiers, {} queries; load average {}",
        dossiers,
        queries,
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "{:<18} {:>9} {:>9} {:>9} {:>9}  present: right dossier in top 3 with a complete match, all | toneless toned id doc_no phrase filter",
        "engine", "build s", "size MB", "p50 ms", "p99 ms"
    );
    let present = [
        Kind::ToneLess,
        Kind::Toned,
        Kind::Id,
        Kind::DocNo,
        Kind::Phrase,
        Kind::Filter,
    ];
    let absent = [
        Kind::OtherGiven,
        Kind::Swapped,
        Kind::ToneChanged,
        Kind::IdOff,
        Kind::Nonsense,
    ];
    for r in rows {
        let total: usize = r.correct.values().map(|c| c.0).sum();
        let asked: usize = r.correct.values().map(|c| c.1).sum();
        let per: Vec<String> = present
            .iter()
            .map(|k| {
                let (a, b) = r.correct.get(k).copied().unwrap_or_default();
                format!("{a}/{b}")
            })
            .collect();
        println!(
            "{:<18} {:>9.1} {:>9.0} {:>9.2} {:>9.2}  {total}/{asked} | {}",
            r.engine,
            r.build_s,
            r.size_mb,
            r.p50,
            r.p99,
            per.join(" ")
        );
    }
    println!(
        "\n{:<18} absent: false matches (sohoa: an exact or folded hit, for a changed tone an exact one; \
         nonsense: any hit; FTS5: any row), all | other-given swapped tone-changed id-off nonsense; [with a `words` hit]",
        "engine"
    );
    for r in rows {
        let wrong: usize = r.absent.values().map(|c| c.0).sum();
        let asked: usize = r.absent.values().map(|c| c.2).sum();
        let words: usize = r.absent.values().map(|c| c.1).sum();
        let per: Vec<String> = absent
            .iter()
            .map(|k| {
                let (a, _, b) = r.absent.get(k).copied().unwrap_or_default();
                format!("{a}/{b}")
            })
            .collect();
        println!(
            "{:<18} {wrong}/{asked} | {} [{words}]",
            r.engine,
            per.join(" ")
        );
    }
}
