//! The command line: parsing arguments into a validated configuration,
//! running one subcommand, and printing for people (plain text, progress
//! bar) or for scripts (`--json`). The commands, flags, JSON keys and exit
//! codes are a public contract that archive scripts depend on: extend them,
//! never break them.

use crate::index::Index;
use crate::{eval, ocr_eval, search, Error, Result};
use clap::{Args, Parser, Subcommand};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod audit;
mod config;
mod export;
mod generate;
mod ingest;
mod lookup;
mod user;
mod watch;
pub use watch::WatchArgs;

use export::{cmd_catalog, cmd_export, cmd_export_pdf};
use ingest::{cmd_ingest, init_json_logs, log_report, ocr_jobs, Progress};
use lookup::{cmd_list, cmd_review, cmd_search, cmd_show, print_corrected};

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
        /// A reverse proxy in front of serve (repeatable): for requests from
        /// it, the client is the address it puts in X-Forwarded-For (audit
        /// log, login back-off). Others' X-Forwarded-For is never read
        #[arg(long = "trusted-proxy", value_name = "IP")]
        trusted_proxies: Vec<std::net::IpAddr>,
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
            trusted_proxies,
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
                trusted_proxies,
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

fn parse_year_arg(s: &str) -> std::result::Result<(i64, i64), String> {
    search::parse_years(s).ok_or_else(|| format!("{s:?} is not a year or range (2022, 2020..2022)"))
}
