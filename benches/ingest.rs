//! Ingest throughput and memory against the alternatives, in one run.
//!
//! `make bench` (or `cargo bench --bench ingest -- [--corpus DIR] [--jobs N]
//! [--scale PAGES] [--keep]`). On a corpus of scanned pages (by default the 12 pages
//! `benches/gen_corpus.py` renders), it times, one after the other:
//!
//! - a sequential loop of `tesseract IMG - -l vie` (OMP_THREAD_LIMIT=1): what
//!   an IT department would script;
//! - OCRmyPDF with `--jobs N`, if it is installed;
//! - `sohoa ingest --jobs 1` and `--jobs N`, every stage on, fresh indexes;
//! - an unchanged re-run, and `reindex`, of the `--jobs N` index.
//!
//! Then, for memory and re-run costs at scale, it builds an archive of
//! `--scale` pages (100,000 by default) from hard links to the corpus, with a
//! store holding the OCR records of the real run for every one of them (as
//! if they had all been OCR'd), and times an unchanged `ingest` and a
//! `reindex` over it. Peak memory (max RSS) comes from GNU time
//! (`/usr/bin/time`, Debian package `time`).
//!
//! Pages/s are wall-clock. "Of ideal" compares with N × the rate of the
//! sequential Tesseract loop.

use serde_json::Value;
use sohoa::store::{DossierMeta, PageRecord, Store};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

struct Args {
    corpus: Option<PathBuf>,
    jobs: usize,
    scale: usize,
    work: PathBuf,
    /// Keep the scaled archive and its index (for profiling).
    keep: bool,
}

fn args() -> Args {
    let mut a = Args {
        corpus: None,
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
        scale: 100_000,
        work: PathBuf::from("target/bench-ingest"),
        keep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = || it.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--corpus" => a.corpus = Some(PathBuf::from(val())),
            "--jobs" => a.jobs = val().parse().expect("--jobs N"),
            "--scale" => a.scale = val().parse().expect("--scale PAGES"),
            "--work" => a.work = PathBuf::from(val()),
            "--keep" => a.keep = true,
            "--bench" => {} // passed by `cargo bench`
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

/// Wall seconds and peak RSS (MB) of a command, through GNU time when there.
fn measure(cmd: &mut Command, work: &Path) -> (f64, Option<f64>, std::process::Output) {
    let gnu_time = Path::new("/usr/bin/time");
    let rss_file = work.join("rss.txt");
    let t = Instant::now();
    let out = if gnu_time.exists() {
        let mut wrapped = Command::new(gnu_time);
        wrapped
            .args(["-f", "%M", "-o"])
            .arg(&rss_file)
            .arg(cmd.get_program())
            .args(cmd.get_args());
        for (k, v) in cmd.get_envs() {
            match v {
                Some(v) => wrapped.env(k, v),
                None => wrapped.env_remove(k),
            };
        }
        wrapped.output().expect("command runs")
    } else {
        cmd.output().expect("command runs")
    };
    let secs = t.elapsed().as_secs_f64();
    let rss = std::fs::read_to_string(&rss_file)
        .ok()
        .and_then(|s| s.lines().last()?.trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    let _ = std::fs::remove_file(&rss_file);
    (secs, rss, out)
}

fn pages_in(corpus: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(corpus)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| sohoa::scan::is_page_file(p))
        .collect();
    v.sort();
    v
}

struct Row {
    what: String,
    pages: usize,
    secs: f64,
    rss: Option<f64>,
    note: String,
}

fn print_rows(rows: &[Row]) {
    println!(
        "{:<40} {:>8} {:>9} {:>9} {:>10}  note",
        "run", "pages", "seconds", "pages/s", "peak MB"
    );
    for r in rows {
        println!(
            "{:<40} {:>8} {:>9.2} {:>9.1} {:>10}  {}",
            r.what,
            r.pages,
            r.secs,
            r.pages as f64 / r.secs,
            r.rss.map_or("-".into(), |m| format!("{m:.0}")),
            r.note
        );
    }
}

fn sohoa_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("bench path");
    // target/release/deps/ingest-… → target/release/sohoa
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|p| p.join("sohoa"))
        .expect("target dir");
    assert!(
        bin.exists(),
        "{}: build it first (cargo build --release)",
        bin.display()
    );
    bin
}

fn report(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("report written")).expect("report JSON")
}

fn main() {
    let a = args();
    let sohoa = sohoa_bin();
    std::fs::create_dir_all(&a.work).unwrap();
    let work = a.work.canonicalize().unwrap();
    let corpus = match &a.corpus {
        Some(c) => c.canonicalize().expect("corpus folder"),
        None => {
            let c = work.join("corpus");
            let ok = Command::new("python3")
                .arg("benches/gen_corpus.py")
                .arg(&c)
                .arg("12")
                .status()
                .expect("python3 runs");
            assert!(
                ok.success(),
                "benches/gen_corpus.py failed (pip install pillow?)"
            );
            c
        }
    };
    let pages = pages_in(&corpus);
    let n = pages.len();
    let jobs = a.jobs;
    eprintln!("corpus: {n} page files under {}", corpus.display());
    let mut rows = Vec::new();

    // 1. a sequential tesseract loop
    let t = Instant::now();
    let mut peak: Option<f64> = None;
    for p in &pages {
        let (_, rss, out) = measure(
            Command::new("tesseract")
                .arg(p)
                .args(["-", "-l", "vie"])
                .env("OMP_THREAD_LIMIT", "1"),
            &work,
        );
        assert!(out.status.success(), "tesseract failed on {}", p.display());
        peak = match (peak, rss) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
    let loop_secs = t.elapsed().as_secs_f64();
    let single_rate = n as f64 / loop_secs;
    rows.push(Row {
        what: "tesseract IMG - -l vie, one after another".into(),
        pages: n,
        secs: loop_secs,
        rss: peak,
        note: "OMP_THREAD_LIMIT=1".into(),
    });

    // 2. OCRmyPDF, if there
    if Command::new("ocrmypdf").arg("--version").output().is_ok() {
        let t = Instant::now();
        for (i, p) in pages.iter().enumerate() {
            let out = work.join(format!("ocrmypdf-{i}.pdf"));
            let _ = Command::new("ocrmypdf")
                .args([
                    "-l",
                    "vie",
                    "--jobs",
                    &jobs.to_string(),
                    "--image-dpi",
                    "300",
                ])
                .arg(p)
                .arg(&out)
                .output();
        }
        rows.push(Row {
            what: format!("ocrmypdf --jobs {jobs}, one file after another"),
            pages: n,
            secs: t.elapsed().as_secs_f64(),
            rss: None,
            note: String::new(),
        });
    } else {
        eprintln!("ocrmypdf: not installed, left out");
    }

    // 3. sohoa, fresh indexes
    let mut first_secs = 0.0;
    let index_n = work.join(format!("index-{jobs}"));
    for j in [1, jobs] {
        let index = work.join(format!("index-{j}"));
        let _ = std::fs::remove_dir_all(&index);
        let rep = work.join(format!("report-{j}.json"));
        let (secs, rss, out) = measure(
            Command::new(&sohoa)
                .arg("ingest")
                .arg(&corpus)
                .arg("--index")
                .arg(&index)
                .args(["--jobs", &j.to_string()])
                .arg("--report")
                .arg(&rep),
            &work,
        );
        assert!(
            out.status.code() == Some(0),
            "sohoa ingest failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let r = report(&rep);
        let st = &r["stage_seconds"];
        let (dec, ocr) = (
            st["decode"].as_f64().unwrap_or(0.0),
            st["ocr"].as_f64().unwrap_or(0.0),
        );
        let ideal = j as f64 * single_rate;
        rows.push(Row {
            what: format!("sohoa ingest --jobs {j}"),
            pages: r["pages_ocr"].as_u64().unwrap_or(0) as usize,
            secs,
            rss,
            note: format!(
                "{:.0}% of ideal ({j} × the loop's rate); {:.2}× the loop; decode+clean {:.0}% of page time",
                100.0 * (n as f64 / secs) / ideal,
                loop_secs / secs,
                100.0 * dec / (dec + ocr).max(1e-9)
            ),
        });
        if j == jobs {
            first_secs = secs;
        }
    }

    // 4. unchanged re-run and reindex of the --jobs N index
    let (secs, rss, _) = measure(
        Command::new(&sohoa)
            .arg("ingest")
            .arg(&corpus)
            .arg("--index")
            .arg(&index_n),
        &work,
    );
    rows.push(Row {
        what: "unchanged re-run".into(),
        pages: n,
        secs,
        rss,
        note: format!("{:.1}% of the first run", 100.0 * secs / first_secs),
    });
    let (secs, rss, _) = measure(
        Command::new(&sohoa)
            .args(["reindex", "--index"])
            .arg(&index_n),
        &work,
    );
    rows.push(Row {
        what: "reindex".into(),
        pages: n,
        secs,
        rss,
        note: "small: mostly start-up".into(),
    });

    // 5. the same at scale, from the real records
    if a.scale > 0 {
        let (big, big_index, total) = build_scaled(&work, &index_n, a.scale);
        for what in [
            format!("ingest, {total} pages already in the store"),
            format!("unchanged re-run, {total} pages"),
        ] {
            let (secs, rss, out) = measure(
                Command::new(&sohoa)
                    .arg("ingest")
                    .arg(&big)
                    .arg("--index")
                    .arg(&big_index)
                    .args(["--jobs", &jobs.to_string()]),
                &work,
            );
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let note = if what.starts_with("ingest") {
                "no OCR; every dossier indexed from its records"
            } else {
                "every file stat'ed, every dossier checked against its index digest"
            };
            rows.push(Row {
                what,
                pages: total,
                secs,
                rss,
                note: note.into(),
            });
        }
        let (secs, rss, out) = measure(
            Command::new(&sohoa)
                .args(["reindex", "--index"])
                .arg(&big_index),
            &work,
        );
        assert!(out.status.success());
        rows.push(Row {
            what: format!("reindex, {total} pages"),
            pages: total,
            secs,
            rss,
            note: "records parsed, fields extracted, tantivy built".into(),
        });
        if !a.keep {
            let _ = std::fs::remove_dir_all(&big);
            let _ = std::fs::remove_dir_all(&big_index);
        }
    }
    println!();
    print_rows(&rows);
    println!(
        "\nideal for --jobs {jobs}: {:.2} pages/s ({jobs} × {:.2}, the sequential loop's rate)",
        jobs as f64 * single_rate,
        single_rate
    );
    println!("search latency: `make bench-search` (sohoa vs SQLite FTS5 at 100k and 1M pages)");
}

/// An archive of about `scale` pages: dossier folders of hard links to the
/// corpus's dossiers, and a store with a copy of the real OCR record of
/// each page (dossier id and path changed), so `ingest` finds every page
/// unchanged. Its index is built by the first ingest over it.
fn build_scaled(work: &Path, index: &Path, scale: usize) -> (PathBuf, PathBuf, usize) {
    let big = work.join("scaled");
    let big_index = work.join("scaled-index");
    let _ = std::fs::remove_dir_all(&big);
    let _ = std::fs::remove_dir_all(&big_index);
    let store = Store::open(index).expect("bench index store");
    let target = Store::create(&big_index).unwrap();
    let templates: Vec<(DossierMeta, Vec<PageRecord>)> = store
        .dossiers()
        .unwrap()
        .into_iter()
        .filter_map(|m| store.read_dossier(&m.dossier).unwrap())
        .collect();
    assert!(!templates.is_empty());
    let t = Instant::now();
    let mut total = 0;
    let mut i = 0;
    while total < scale {
        let (meta, records) = &templates[i % templates.len()];
        let src = Path::new(&meta.path);
        let id = format!("kho/{:03}/hồ sơ {i:06}", i / 1000);
        let dir = big.join(&id);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(src).unwrap() {
            let p = entry.unwrap().path();
            std::fs::hard_link(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
        let meta = DossierMeta {
            dossier: id.clone(),
            path: dir.to_string_lossy().into_owned(),
            unread: Vec::new(),
        };
        target.write_dossier(&meta).unwrap();
        for r in records {
            let mut r = r.clone();
            r.dossier = id.clone();
            let mut bytes = serde_json::to_vec(&r).unwrap();
            bytes.push(b'\n');
            // no fsync per file here: this is set-up, not what is measured
            std::fs::write(target.page_path(&id, &r.file, r.page_in_file), bytes).unwrap();
            total += 1;
        }
        i += 1;
    }
    eprintln!(
        "scaled archive: {total} pages in {i} dossiers, built in {:.0} s",
        t.elapsed().as_secs_f64()
    );
    // the ingest root is `big`, so ids are relative to it
    (big, big_index, total)
}
