//! `sohoa export` on the command line: `--ndjson` for a search cluster,
//! `--catalog` for the archive, `--pdf` for the searchable PDF/A files,
//! each written whole or not at all, with its summary and exit code.

use super::{report_skipped, PdfPer, EXIT_OK, EXIT_SOME_FAILED};
use crate::{Error, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `export --ndjson`: everything is written to a temporary file first and
/// only then renamed to `--output` or copied to stdout, so a failed export
/// never leaves half of its output behind.
pub(super) fn cmd_export(index_dir: &Path, output: Option<&Path>) -> Result<u8> {
    let target = output.map(Path::to_path_buf);
    let dir = match &target {
        Some(t) => t
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        None => std::env::temp_dir(),
    };
    let tmp = dir.join(format!(".sohoa-export-{}.tmp", std::process::id()));
    let result = (|| -> Result<crate::scaleout::Exported> {
        let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let mut out = std::io::BufWriter::new(file);
        let r = crate::scaleout::export(index_dir, &mut out)?;
        let file = out
            .into_inner()
            .map_err(|e| Error::io(&tmp, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&tmp, e))?;
        match &target {
            Some(t) => std::fs::rename(&tmp, t).map_err(|e| Error::io(t, e))?,
            None => {
                let mut f = std::fs::File::open(&tmp).map_err(|e| Error::io(&tmp, e))?;
                let mut stdout = std::io::stdout().lock();
                std::io::copy(&mut f, &mut stdout)
                    .and_then(|_| stdout.flush())
                    .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
            }
        }
        Ok(r)
    })();
    let _ = std::fs::remove_file(&tmp);
    let r = result?;
    for id in &r.not_indexed {
        eprintln!(
            "sohoa: {} is stored but not indexed; left out (run `sohoa reindex`)",
            crate::text::escape(id)
        );
    }
    eprintln!(
        "sohoa: exported {} pages; {} store files skipped",
        r.pages,
        r.skipped.len()
    );
    let code = report_skipped(&r.skipped);
    Ok(if r.not_indexed.is_empty() {
        code
    } else {
        EXIT_SOME_FAILED
    })
}

/// `export --catalog FILE`: the catalogue written atomically, a summary on
/// stderr; exit 1 when dossiers were left out (each is named).
pub(super) fn cmd_catalog(index_dir: &Path, file: &Path) -> Result<u8> {
    let w = crate::catalog::write(index_dir, file)?;
    for id in &w.walk.not_indexed {
        eprintln!(
            "sohoa: {} is stored but not indexed; left out of the catalogue (run `sohoa reindex`)",
            crate::text::escape(id)
        );
    }
    let code = report_skipped(&w.walk.unreadable);
    eprintln!(
        "sohoa: catalogue of {} dossiers and {} documents written to {} ({}); {} store files skipped",
        w.dossiers,
        w.documents,
        crate::text::escape(&file.to_string_lossy()),
        w.format.name(),
        w.walk.unreadable.len()
    );
    Ok(if w.walk.not_indexed.is_empty() {
        code
    } else {
        EXIT_SOME_FAILED
    })
}

/// `export --pdf DIR`: the PDFs, progress on stderr, then the summary
/// (stderr, or JSON on stdout); exit 1 when any output failed or store
/// files were skipped.
pub(super) fn cmd_export_pdf(
    index_dir: &Path,
    dir: PathBuf,
    per: PdfPer,
    json: bool,
    jobs: Option<usize>,
) -> Result<u8> {
    let jobs = match jobs {
        Some(0) => return Err(Error::Usage("--jobs must be at least 1".into())),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let opts = crate::pdf::Options {
        out_dir: dir,
        per: match per {
            PdfPer::Document => crate::pdf::Per::Document,
            PdfPer::Dossier => crate::pdf::Per::Dossier,
        },
        jobs,
    };
    let started = Instant::now();
    let last = Mutex::new(Instant::now());
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} pages built  {per_sec}  {wide_msg}")
                .expect("valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(250));
        bar
    });
    let progress = |pages: usize, outputs: usize| {
        if let Some(bar) = &bar {
            bar.set_position(pages as u64);
            bar.set_message(format!("{outputs} PDFs"));
            return;
        }
        let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
        if last.elapsed() >= Duration::from_secs(10) {
            *last = Instant::now();
            let rate = pages as f64 / started.elapsed().as_secs_f64().max(1e-3);
            eprintln!("sohoa: {outputs} PDFs done, {pages} pages built, {rate:.1} pages/s");
        }
    };
    let r = crate::pdf::export(index_dir, &opts, &progress)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    crate::pdf::print(&r, &mut std::io::stderr().lock()).ok();
    if json {
        println!("{}", serde_json::to_string(&r).expect("serialises"));
    }
    let code = report_skipped(&r.skipped);
    Ok(
        if r.failed.is_empty() && r.not_indexed.is_empty() && code == EXIT_OK {
            EXIT_OK
        } else {
            EXIT_SOME_FAILED
        },
    )
}
