//! The command line: parsing arguments into a validated configuration,
//! running one subcommand, and printing for people (plain text, progress
//! bar) or for scripts (`--json`). The commands, flags, JSON keys and exit
//! codes are a public contract that archive scripts depend on: extend them,
//! never break them.

use crate::index::Index;
use crate::ingest::{self, Event, Report};
use crate::{eval, extract, ocr_eval, search, Error, Result};
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod audit;
mod config;
mod generate;
mod user;
mod watch;
pub use watch::WatchArgs;

/// Exit code: everything went through.
pub const EXIT_OK: u8 = 0;
/// Exit code: the run finished but some files failed (each is listed).
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit code: could not run (bad arguments, index unusable).
pub const EXIT_CANNOT_RUN: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "sohoa",
    version,
    about = "Số hóa: turn folders of scanned Vietnamese dossiers into a searchable archive"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Read defaults (index, watch folders, listen address, TLS files, jobs)
    /// from FILE [default: /etc/sohoa/sohoa.toml when it exists]; flags win
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl Cli {
    /// Parse the process's arguments and apply the config file.
    pub fn parse_with_config() -> Result<Cli> {
        config::parse_from(std::env::args_os())
    }
}

#[derive(Debug, Args)]
pub struct IndexArg {
    /// Index folder (page store + search index)
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
}

/// How an ingest runs, shared by `ingest` and `watch` (which ingests the
/// same way whenever files have settled).
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Pages OCR'd in parallel [default: number of cores]
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Remove dossiers under these folders whose folder is gone (otherwise
    /// they are only reported)
    #[arg(long)]
    pub prune: bool,
    /// Rebuild an index of an older sohoa from its store first
    #[arg(long)]
    pub reindex_if_needed: bool,
    /// Log lines on stderr as text for people, or one JSON object per line
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Folders of scanned dossiers (only read, never written)
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub index: IndexArg,
    #[command(flatten)]
    pub run: RunArgs,
    /// Write the run report (counts, failures) as JSON to FILE
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Wait for another ingest or reindex of this index instead of failing
    #[arg(long)]
    pub wait: bool,
    /// Take only shard K of N (dossiers by a stable hash of their id), so N
    /// machines can share a run; combine their indexes with `sohoa merge`
    #[arg(long, value_name = "K/N")]
    pub shard: Option<crate::scaleout::Shard>,
}

/// `export --per`: one PDF per document or per dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfPer {
    Document,
    Dossier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// OCR every dossier under the folders and add it to the index
    Ingest(IngestArgs),
    /// Keep ingesting: watch the folders and take each new or changed scan
    /// once it has stopped changing (runs until SIGTERM or Ctrl-C)
    Watch(WatchArgs),
    /// List the dossiers in the index
    List {
        #[command(flatten)]
        index: IndexArg,
        /// One JSON object per line
        #[arg(long)]
        json: bool,
    },
    /// Show one dossier: extracted fields and the OCR text of every page
    Show {
        #[arg(value_name = "DOSSIER-ID")]
        dossier: String,
        #[command(flatten)]
        index: IndexArg,
        /// One JSON object
        #[arg(long)]
        json: bool,
    },
    /// Search the dossiers (names with or without tone marks, numbers, words)
    Search {
        #[arg(value_name = "QUERY")]
        query: String,
        #[command(flatten)]
        index: IndexArg,
        /// Most dossiers to show
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// Skip this many dossiers (paging)
        #[arg(long, value_name = "N", default_value_t = 0)]
        offset: usize,
        /// One JSON object per line, one per dossier, best first
        #[arg(long)]
        json: bool,
        /// Only dossiers of this type (slug, e.g. quyet_dinh; like `loai:`)
        #[arg(long = "type", value_name = "TYPE")]
        doc_type: Option<String>,
        /// Only dossiers signed in this year or range (2022, 2020..2022; like `nam:`)
        #[arg(long, value_name = "YEAR[..YEAR]", value_parser = parse_year_arg)]
        year: Option<(i64, i64)>,
        /// Also print the total and facet counts by type and year (with
        /// --json: one last line {"total", "facets"})
        #[arg(long)]
        facets: bool,
        /// Also show near matches (fuzzy, partial) after the complete ones,
        /// even when the complete ones fill --limit
        #[arg(long)]
        near: bool,
    },
    /// Serve the read-only search page and JSON API
    Serve {
        #[command(flatten)]
        index: IndexArg,
        /// Address to listen on (a non-loopback one needs --token)
        #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Require this token on every request (?token=, a cookie, or Authorization: Bearer);
        /// once accounts exist, it gives scripts the read-only /api/* only
        #[arg(long, value_name = "T")]
        token: Option<String>,
        /// With accounts: log a session out after this long without a request
        #[arg(long, value_name = "DURATION", default_value = "30min", value_parser = watch::parse_duration)]
        session_idle: Duration,
        /// Mark the session cookie Secure: serve is reached over HTTPS (a reverse proxy)
        #[arg(long)]
        secure_cookies: bool,
        /// Also answer requests whose Host is NAME (repeatable), e.g. the
        /// name a reverse proxy is reached by; without a port, any port.
        /// Others get 421 (DNS rebinding)
        #[arg(long = "host", value_name = "NAME")]
        hosts: Vec<String>,
        /// Serve HTTPS with this PEM certificate chain (with --tls-key)
        #[arg(long, value_name = "FILE", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The PEM private key of --tls-cert
        #[arg(long, value_name = "FILE", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// Seconds a connection has to send a request head, and may stay
        /// idle between requests
        #[arg(long, value_name = "SECS", default_value_t = 10, hide = true)]
        header_timeout: u64,
        /// Connections served at once (more wait)
        #[arg(long, value_name = "N", default_value_t = 512, hide = true)]
        max_connections: usize,
    },
    /// Rebuild the search index from the page store (no OCR, no scans needed)
    Reindex {
        #[command(flatten)]
        index: IndexArg,
        /// Wait for a running ingest of this index instead of failing
        #[arg(long)]
        wait: bool,
    },
    /// Combine the stores of other index folders (e.g. from `ingest
    /// --shard`) into this one, then rebuild its index; idempotent
    Merge {
        /// Index folders (or their store/ folders) to take dossiers from
        #[arg(required = true, value_name = "STORE")]
        sources: Vec<PathBuf>,
        #[command(flatten)]
        index: IndexArg,
        /// Wait for a running ingest of this index instead of failing
        #[arg(long)]
        wait: bool,
        /// Print the merge report as JSON
        #[arg(long)]
        json: bool,
    },
    /// Write every page with its dossier's fields, one JSON object per line,
    /// for a search cluster (see docs/); or with --pdf, the archive itself:
    /// one searchable PDF/A-2b per document (or per dossier)
    Export {
        #[command(flatten)]
        index: IndexArg,
        /// Newline-delimited JSON on stdout
        #[arg(long, required_unless_present_any = ["catalog", "pdf"], conflicts_with = "pdf")]
        ndjson: bool,
        /// Write to FILE instead of stdout (a temporary file beside it,
        /// renamed when complete)
        #[arg(long, short = 'o', value_name = "FILE", conflicts_with = "pdf")]
        output: Option<PathBuf>,
        /// Write the archive catalogue, one row per dossier and per document
        /// with the archive's description fields, to FILE: CSV for Excel
        /// (FILE.csv) or JSON (FILE.json), by its extension
        #[arg(long, value_name = "FILE", conflicts_with_all = ["ndjson", "output", "pdf"])]
        catalog: Option<PathBuf>,
        /// Write searchable PDF/A-2b files under DIR: DIR/<dossier id>/<NN>-<doc_type>.pdf
        /// (or DIR/<dossier id>.pdf with --per dossier); only what changed is rebuilt
        #[arg(long, value_name = "DIR")]
        pdf: Option<PathBuf>,
        /// With --pdf: one PDF per document or per dossier [default: document]
        #[arg(long, value_enum)]
        per: Option<PdfPer>,
        /// With --pdf: print the summary as one JSON object on stdout
        #[arg(long)]
        json: bool,
        /// With --pdf: PDFs built in parallel [default: number of cores]
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
    },
    /// Correct what extraction made of a dossier: where its documents
    /// start, a document's values, or a dossier field. Kept with who and
    /// when in the index folder (never in the source folder), applied again
    /// at every reindex; the dossier is indexed again at once
    Correct {
        /// Dossier id, as `sohoa list` prints it
        #[arg(value_name = "DOSSIER")]
        dossier: String,
        #[command(flatten)]
        index: IndexArg,
        /// The documents start on these pages, e.g. 1,3,4
        #[arg(long, value_name = "PAGES", value_delimiter = ',')]
        split: Option<Vec<usize>>,
        /// The document (by its first page) that --set corrects; without
        /// it, --set corrects dossier fields
        #[arg(long, value_name = "PAGE")]
        document: Option<usize>,
        /// KEY=VALUE to set (repeatable; an empty VALUE clears)
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        /// Who makes the correction [default: $SUDO_USER, else $USER]
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Print the dossier's correction history; change nothing
        #[arg(long, conflicts_with_all = ["split", "set", "document"])]
        history: bool,
        /// Print JSON: {"dossier", "documents", "corrections"}
        #[arg(long)]
        json: bool,
        /// Wait for a running ingest of this index instead of failing
        #[arg(long)]
        wait: bool,
    },
    /// Check fixity and consistency: sources unchanged, store and index in step
    Verify {
        #[command(flatten)]
        index: IndexArg,
        /// Fix what the store can fix (re-index dossiers, drop stray documents)
        #[arg(long)]
        repair: bool,
        /// One JSON object with every problem
        #[arg(long)]
        json: bool,
    },
    /// List extracted values that failed their checks (IDs, card numbers,
    /// dates), for a person to look at; exits 0 whatever it finds
    Review {
        #[command(flatten)]
        index: IndexArg,
        /// One JSON object per line, one per value
        #[arg(long)]
        json: bool,
    },
    /// The tamper-evident audit log (<index>/audit/*.jsonl): check its hash
    /// chain, or show who did what
    Audit {
        #[command(subcommand)]
        what: audit::AuditCommand,
    },
    /// The accounts of `serve` (kept in the index folder, passwords as Argon2id)
    User {
        #[command(subcommand)]
        what: user::UserCommand,
    },
    /// Write the man pages or the shell completions into DIR (for packagers)
    #[command(hide = true)]
    Generate {
        #[arg(value_enum)]
        what: generate::Generated,
        /// Folder to write them into
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Measure OCR accuracy (character error rate), extraction and search
    /// against ground truth such as samples/truth
    Eval {
        /// A folder of scans with their true text beside them
        /// (`<page file>.gt.txt`): ingest it into a temporary index and
        /// compare sohoa and plain Tesseract page by page
        #[arg(value_name = "DIR")]
        scans: Option<PathBuf>,
        /// Parallel OCR workers for `eval <DIR>` (default: all cores)
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// With <DIR>: skip the plain-Tesseract comparison
        #[arg(long)]
        no_raw: bool,
        /// Folder of ground-truth JSON files
        #[arg(long, value_name = "DIR", default_value = "samples/truth")]
        truth: PathBuf,
        #[command(flatten)]
        index: IndexArg,
        /// One JSON object with every measure
        #[arg(long)]
        json: bool,
    },
}

/// Run one parsed command; the `u8` is the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Ingest(args) => cmd_ingest(args),
        Command::Watch(args) => watch::cmd_watch(args),
        Command::Generate { what, out } => generate::cmd_generate(what, &out),
        Command::Audit { what } => audit::cmd_audit(what),
        Command::User { what } => user::cmd_user(what),
        Command::List { index, json } => cmd_list(&index.index, json),
        Command::Show {
            dossier,
            index,
            json,
        } => cmd_show(&dossier, &index.index, json),
        Command::Search {
            query,
            index,
            limit,
            offset,
            json,
            doc_type,
            year,
            facets,
            near,
        } => {
            let req = search::Request {
                query,
                limit,
                offset,
                doc_type,
                years: year,
                near,
                fonds: None,
            };
            cmd_search(&req, &index.index, json, facets)
        }
        Command::Serve {
            index,
            addr,
            token,
            session_idle,
            secure_cookies,
            hosts,
            tls_cert,
            tls_key,
            header_timeout,
            max_connections,
        } => {
            let tls = tls_cert.zip(tls_key);
            let opts = crate::serve::ServeOptions {
                addr,
                token,
                hosts,
                accounts: crate::serve::Accounts {
                    session_idle,
                    // Served over HTTPS, by serve itself or by a proxy.
                    secure_cookies: secure_cookies || tls.is_some(),
                },
                tls,
                header_timeout: std::time::Duration::from_secs(header_timeout.max(1)),
                max_connections,
            };
            crate::serve::serve(&index.index, opts)?;
            Ok(EXIT_OK)
        }
        Command::Verify {
            index,
            repair,
            json,
        } => {
            let problems = crate::verify::verify(&index.index, repair)?;
            let mut out = std::io::stdout().lock();
            if json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&problems).expect("serialises")
                )
                .ok();
            } else {
                crate::verify::print(&problems, &mut out).ok();
            }
            Ok(if problems.remaining() == 0 {
                EXIT_OK
            } else {
                EXIT_SOME_FAILED
            })
        }
        Command::Merge {
            sources,
            index,
            wait,
            json,
        } => {
            let _lock = crate::index::IndexLock::acquire(&index.index, "merge", wait)?;
            let r = crate::scaleout::merge(&sources, &index.index)?;
            if json {
                println!("{}", serde_json::to_string(&r).expect("serialises"));
            }
            eprintln!(
                "sohoa: merged {} dossiers ({} pages) into {}, {} already there; index rebuilt with {} pages",
                r.dossiers_added,
                r.pages_added,
                index.index.display(),
                r.dossiers_unchanged,
                r.pages_indexed
            );
            for c in &r.conflicts {
                eprintln!(
                    "sohoa: conflict: {} in {}: {}; the version already merged is kept",
                    c.dossier, c.source, c.reason
                );
            }
            Ok(if r.conflicts.is_empty() {
                EXIT_OK
            } else {
                EXIT_SOME_FAILED
            })
        }
        Command::Export {
            index,
            catalog: Some(file),
            ..
        } => cmd_catalog(&index.index, &file),
        Command::Export {
            index,
            pdf: Some(dir),
            per,
            json,
            jobs,
            ..
        } => cmd_export_pdf(
            &index.index,
            dir,
            per.unwrap_or(PdfPer::Document),
            json,
            jobs,
        ),
        Command::Export {
            per, json, jobs, ..
        } if per.is_some() || json || jobs.is_some() => Err(Error::Usage(
            "--per, --json and --jobs go with --pdf DIR (--ndjson writes JSON already)".into(),
        )),
        Command::Export { index, output, .. } => cmd_export(&index.index, output.as_deref()),
        Command::Reindex { index, wait } => {
            let t = Instant::now();
            crate::store::Store::open(&index.index)?; // nothing to rebuild from: say so
            let _lock = crate::index::IndexLock::acquire(&index.index, "reindex", wait)?;
            let r = crate::index::rebuild(&index.index)?;
            eprintln!(
                "sohoa: reindexed {} pages of {} dossiers from the store in {:.2} s; \
                 {} store files skipped",
                r.pages,
                r.dossiers,
                t.elapsed().as_secs_f64(),
                r.skipped.len()
            );
            Ok(report_skipped(&r.skipped))
        }
        Command::Review { index, json } => cmd_review(&index.index, json),
        Command::Correct {
            dossier,
            index,
            split,
            document,
            set,
            by,
            history,
            json,
            wait,
        } => {
            let dossier = crate::text::nfc(&dossier);
            let analysis = if history {
                crate::folder::Reader::open(&index.index)?
                    .dossier(&dossier)?
                    .analysis
            } else {
                let set = set
                    .iter()
                    .map(|kv| {
                        kv.split_once('=')
                            .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                            .ok_or_else(|| {
                                Error::Usage(format!("--set {kv:?}: expected KEY=VALUE"))
                            })
                    })
                    .collect::<Result<Vec<_>>>()?;
                let by = by
                    .or_else(|| std::env::var("SUDO_USER").ok())
                    .or_else(|| std::env::var("USER").ok())
                    .unwrap_or_default();
                let req = crate::corrections::Request {
                    split,
                    document,
                    set,
                };
                let analysis =
                    crate::corrections::correct(&index.index, &dossier, &req, &by, wait)?;
                // Kept with who and when in corrections/ already; the audit
                // log adds it to the one tamper-evident record of actions.
                // A log that cannot be written is an error (exit 2).
                let object = json!({
                    "dossier": dossier,
                    "split": req.split,
                    "document": req.document,
                    "set": req.set.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>(),
                });
                crate::audit::append(
                    &index.index,
                    &crate::audit::Action {
                        user: by,
                        address: "local".into(),
                        action: "correct".into(),
                        object,
                    },
                )?;
                analysis
            };
            print_corrected(&dossier, &analysis, json);
            Ok(EXIT_OK)
        }
        Command::Eval {
            scans: Some(dir),
            jobs,
            no_raw,
            json,
            ..
        } => cmd_eval_scans(&dir, jobs, !no_raw, json),
        Command::Eval {
            truth, index, json, ..
        } => {
            let idx = Index::open(&index.index)?;
            let result = eval::evaluate(&idx, &truth)?;
            print_json_or(&result, json, |out| eval::print(&result, out));
            Ok(if result.passed() {
                EXIT_OK
            } else {
                EXIT_SOME_FAILED
            })
        }
    }
}

/// Tell about store files a command skipped; exit 1 if there were any.
fn report_skipped(skipped: &[crate::store::Unreadable]) -> u8 {
    for u in skipped {
        eprintln!("sohoa: skipped: {u}");
    }
    if skipped.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    }
}

/// Warn when the index folder has lost its page store: what the index
/// answers can no longer be rebuilt or shown in full. Exit 1 then.
fn warn_missing_store(index_dir: &Path) -> u8 {
    if crate::folder::IndexFolder::new(index_dir).has_store() {
        return EXIT_OK;
    }
    eprintln!(
        "sohoa: warning: {} has no page store (store/ is missing): these answers come from \
         the search index alone and cannot be rebuilt; restore store/ from a backup, or \
         ingest the scans again (do not run `sohoa reindex` before: it would empty the index)",
        crate::text::escape(&index_dir.to_string_lossy())
    );
    EXIT_SOME_FAILED
}

/// `export --ndjson`: everything is written to a temporary file first and
/// only then renamed to `--output` or copied to stdout, so a failed export
/// never leaves half of its output behind.
fn cmd_export(index_dir: &Path, output: Option<&Path>) -> Result<u8> {
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
fn cmd_catalog(index_dir: &Path, file: &Path) -> Result<u8> {
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
fn cmd_export_pdf(
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

/// Print `value` as one JSON object, or for people with `text`.
fn print_json_or<T: serde::Serialize>(
    value: &T,
    json: bool,
    text: impl FnOnce(&mut std::io::StdoutLock<'static>) -> std::io::Result<()>,
) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = if json {
        writeln!(out, "{}", serde_json::to_string(value).expect("serialises"))
    } else {
        text(&mut out)
    };
}

/// `eval <DIR>`: OCR the folder into a temporary index (removed after) and
/// compare with the truth beside the scans. Exit 1 when a page is missing or
/// a blank page disagrees.
fn cmd_eval_scans(dir: &Path, jobs: Option<usize>, raw: bool, json: bool) -> Result<u8> {
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let tmp = std::env::temp_dir().join(format!("sohoa-eval-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = ocr_eval::evaluate_dir(dir, &tmp, jobs, raw);
    let _ = std::fs::remove_dir_all(&tmp);
    let result = result?;
    print_json_or(&result, json, |out| ocr_eval::print(&result, out));
    let complete = result.pages.iter().all(|p| p.sohoa.is_some()) && result.failures.is_empty();
    Ok(if complete && result.blank_mismatches == 0 {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    })
}

/// `--jobs` of `ingest` and `watch`: at least 1, at most 4× the cores,
/// the cores when not given.
fn ocr_jobs(jobs: Option<usize>) -> Result<usize> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Ok(match jobs {
        Some(0) => return Err(Error::Usage("--jobs must be at least 1".into())),
        // Each job holds a Tesseract instance (~100 MB); far more than the
        // cores only costs memory.
        Some(n) if n > cores * 4 => {
            eprintln!(
                "sohoa: warning: --jobs {n} is more than 4× the {cores} cores; using {}",
                cores * 4
            );
            cores * 4
        }
        Some(n) => n,
        None => cores,
    })
}

/// `--log-format json`: log lines on stderr become one JSON object each.
fn init_json_logs() {
    tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

fn cmd_ingest(args: IngestArgs) -> Result<u8> {
    let jobs = ocr_jobs(args.run.jobs)?;
    let json = args.run.log_format == LogFormat::Json;
    if json {
        init_json_logs();
    }
    // SIGINT/SIGTERM: finish the pages in hand, commit, write the report.
    // A second signal stops at once (what is committed stays).
    let interrupt = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&interrupt);
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(EXIT_CANNOT_RUN));
        }
        eprintln!("sohoa: stopping after the pages in hand (signal again to stop now)");
    });
    let config = ingest::Config {
        roots: args.dirs,
        index_dir: args.index.index,
        jobs,
        wait: args.wait,
        prune: args.run.prune,
        reindex_if_needed: args.run.reindex_if_needed,
        shard: args.shard,
        interrupt: Some(interrupt),
        settled: None,
    };
    let progress = Progress::new(std::io::stderr().is_terminal() && !json, json);
    let report = ingest::run(&config, &|e| progress.event(e))?;
    progress.finish();
    if let Some(path) = &args.report {
        let mut bytes = serde_json::to_vec_pretty(&report).expect("report serialises");
        bytes.push(b'\n');
        crate::store::write_atomic(path, &bytes)?;
    }
    log_report(&report, json);
    Ok(if report.failures.is_empty() {
        EXIT_OK
    } else {
        EXIT_SOME_FAILED
    })
}

/// The end of a run on stderr: one JSON line, or the summary for people.
fn log_report(report: &Report, json: bool) {
    if json {
        tracing::info!(
            dossiers = report.dossiers,
            pages_ok = report.pages_ok,
            pages_ocr = report.pages_ocr,
            pages_unchanged = report.pages_unchanged,
            pages_failed = report.pages_failed,
            files_skipped = report.files_skipped,
            missing = report.missing.len(),
            pruned = report.pruned,
            interrupted = report.interrupted,
            seconds = report.seconds,
            "ingest finished"
        );
    } else {
        print_summary(report);
    }
}

fn print_summary(r: &Report) {
    eprintln!(
        "sohoa: {} dossiers, {} pages ok ({} OCR'd, {} unchanged), {} failed, {} files skipped, \
         {:.1} s ({:.2} pages/s with {} jobs)",
        r.dossiers,
        r.pages_ok,
        r.pages_ocr,
        r.pages_unchanged,
        r.pages_failed,
        r.files_skipped,
        r.seconds,
        r.pages_per_second,
        r.jobs
    );
    let st = &r.stage_seconds;
    eprintln!(
        "sohoa: time per stage (summed over workers): scan {:.1} s, plan {:.1} s, \
         decode and clean {:.1} s, OCR {:.1} s, index {:.1} s",
        st.scan, st.plan, st.decode, st.ocr, st.index
    );
    if r.pages_blank > 0 {
        eprintln!("sohoa: {} blank pages (no text, not OCR'd)", r.pages_blank);
    }
    if !r.low_confidence.is_empty() {
        eprintln!(
            "sohoa: {} pages read with low confidence (below {:.0}), worth a re-scan:",
            r.low_confidence.len(),
            ingest::LOW_CONFIDENCE
        );
        for p in &r.low_confidence {
            match p.page {
                Some(n) => eprintln!(
                    "  {} (page {n}): {:.0}",
                    crate::text::escape(&p.path),
                    p.mean_confidence
                ),
                None => eprintln!(
                    "  {}: {:.0}",
                    crate::text::escape(&p.path),
                    p.mean_confidence
                ),
            }
        }
    }
    if !r.missing.is_empty() {
        let verb = if r.pruned > 0 {
            "removed (--prune)"
        } else {
            "kept; --prune removes them"
        };
        eprintln!(
            "sohoa: {} dossiers whose folder is gone, {verb}:",
            r.missing.len()
        );
        for m in &r.missing {
            eprintln!(
                "  {}  ({})",
                crate::text::escape(&m.dossier),
                crate::text::escape(&m.path)
            );
        }
    }
    if !r.failures.is_empty() {
        eprintln!("sohoa: {} failures:", r.failures.len());
        for (f, pages) in summarise(&r.failures) {
            if pages > 1 {
                eprintln!(
                    "  {} ({pages} pages): {}",
                    crate::text::escape(&f.path),
                    f.reason
                );
            } else {
                eprintln!("  {f}");
            }
        }
    }
}

/// Failures with the same file and reason made one, with their page count,
/// in the order first seen: a 2,000-page TIFF of unreadable pages is one
/// line, not 2,000.
fn summarise(failures: &[ingest::Failure]) -> Vec<(&ingest::Failure, usize)> {
    let mut out: Vec<(&ingest::Failure, usize)> = Vec::new();
    let mut at: std::collections::HashMap<(&str, &str), usize> = Default::default();
    for f in failures {
        match at.get(&(f.path.as_str(), f.reason.as_str())) {
            Some(&i) if f.page.is_some() => out[i].1 += 1,
            _ => {
                at.insert((&f.path, &f.reason), out.len());
                out.push((f, 1));
            }
        }
    }
    out
}

/// A progress bar on a terminal; plain, rate-limited log lines otherwise.
struct Progress {
    bar: Option<ProgressBar>,
    /// Log as JSON lines (through `tracing`) instead of text.
    json: bool,
    log: Mutex<LogState>,
    /// Page failures seen, by file and reason: only the first is printed.
    seen: Mutex<std::collections::HashMap<(String, String), usize>>,
}

struct LogState {
    total: usize,
    done: usize,
    started: Instant,
    last: Instant,
}

impl Progress {
    fn new(terminal: bool, json: bool) -> Progress {
        let bar = terminal.then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} pages  {per_sec}  ETA {eta}  {wide_msg}",
                )
                .expect("valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            json,
            log: Mutex::new(LogState {
                total: 0,
                done: 0,
                started: now,
                last: now,
            }),
            seen: Mutex::new(Default::default()),
        }
    }

    fn event(&self, event: Event) {
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        match event {
            Event::Planned {
                pages_to_ocr,
                unchanged,
            } => {
                log.total = pages_to_ocr;
                log.started = Instant::now();
                let msg = format!("{pages_to_ocr} pages to OCR, {unchanged} unchanged");
                if let Some(bar) = &self.bar {
                    bar.set_length(pages_to_ocr as u64);
                    bar.reset_eta();
                }
                self.print(format!("sohoa: {msg}"));
            }
            Event::PageDone { file } => {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                self.page_finished(&mut log, &name);
            }
            Event::PageFailed(f) => {
                self.failed(f);
                self.page_finished(&mut log, "");
            }
            Event::Failed(f) => self.failed(f),
            Event::Scanned { dossiers, files } => self.print(format!(
                "sohoa: found {dossiers} dossiers with {files} page files; reading and hashing them"
            )),
            Event::Warning(w) => self.print(format!("sohoa: warning: {w}")),
        }
    }

    fn failed(&self, f: &ingest::Failure) {
        if f.page.is_some() {
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            let n = seen.entry((f.path.clone(), f.reason.clone())).or_insert(0);
            *n += 1;
            match *n {
                1 => {}
                2 => {
                    drop(seen);
                    self.print(format!(
                        "sohoa: more pages of {} fail the same way; counted in the summary",
                        crate::text::escape(&f.path)
                    ));
                    return;
                }
                _ => return,
            }
        }
        if self.json {
            tracing::warn!(path = %f.path, page = f.page, reason = %f.reason, "failed");
        } else {
            self.print(format!("sohoa: failed: {f}"));
        }
    }

    fn print(&self, line: String) {
        if self.json {
            let line = line.strip_prefix("sohoa: ").unwrap_or(&line);
            tracing::info!("{line}");
            return;
        }
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn page_finished(&self, log: &mut LogState, name: &str) {
        log.done += 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(name.to_string());
            return;
        }
        let every = (log.total / 10).max(1);
        if log.done.is_multiple_of(every) || log.last.elapsed() >= Duration::from_secs(10) {
            log.last = Instant::now();
            let rate = log.done as f64 / log.started.elapsed().as_secs_f64().max(1e-3);
            let eta = log.total.saturating_sub(log.done) as f64 / rate.max(1e-9);
            if self.json {
                tracing::info!(
                    done = log.done,
                    total = log.total,
                    pages_per_second = rate,
                    eta_seconds = eta,
                    "progress"
                );
            } else {
                eprintln!(
                    "sohoa: {}/{} pages, {:.2} pages/s, ETA {:.0} s",
                    log.done, log.total, rate, eta
                );
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn cmd_list(index_dir: &Path, json: bool) -> Result<u8> {
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

fn cmd_show(id: &str, index_dir: &Path, json: bool) -> Result<u8> {
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
fn print_corrected(dossier: &str, analysis: &extract::Analysis, json: bool) {
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

fn cmd_review(index_dir: &Path, json: bool) -> Result<u8> {
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

fn parse_year_arg(s: &str) -> std::result::Result<(i64, i64), String> {
    search::parse_years(s).ok_or_else(|| format!("{s:?} is not a year or range (2022, 2020..2022)"))
}

fn cmd_search(req: &search::Request, index_dir: &Path, json: bool, facets: bool) -> Result<u8> {
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
