//! `sohoa watch`: ingest new and changed scans as they arrive, for as long
//! as it runs.
//!
//! The loop looks at the watched folders (woken by file-system events
//! through `notify`, and at least every `rescan` interval in case events are
//! lost or the folder is a network share that sends none), notes each page
//! file's size and modification time, and calls it settled once both have
//! stayed the same for the `settle` time by our own clock: a scanner still
//! writing a file keeps changing them, and a copy that keeps an old mtime
//! (`cp -p`) is still watched for that long. A dossier is taken only when
//! every page file in it has settled. Whenever the set of settled dossiers
//! (with their files' stats) differs from the one last ingested, it runs
//! [`ingest::run`], the same code path as `sohoa ingest`, restricted to
//! those files ([`ingest::Config::settled`]); so everything `ingest`
//! promises holds here: only new work is done, records are written
//! atomically before indexing, and a run killed at any point (`kill -9`
//! included) is completed by the next one without duplicates, because a
//! restarted watch starts with a full pass. The write lock is held only
//! during a run, so `correct` and `reindex --wait` get their turn; a run
//! that finds the lock held tries again at the next look.

use crate::ingest::{self, FileStat, Report, Settled};
use crate::{scan, Error, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// After an event, wait this long for more before looking: a scanner's
/// burst of writes makes one look, not hundreds.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Settings of a watch.
#[derive(Debug, Clone)]
pub struct Options {
    pub roots: Vec<PathBuf>,
    pub index_dir: PathBuf,
    pub jobs: usize,
    pub settle: Duration,
    pub rescan: Duration,
    /// Remove dossiers whose folder is gone (else only reported), as
    /// `ingest --prune`.
    pub prune: bool,
    /// Rebuild an index of an older schema first, as `ingest --reindex-if-needed`.
    pub reindex_if_needed: bool,
}

/// What the watch reports as it goes.
#[derive(Debug)]
pub enum Event<'a> {
    /// Watching these (canonical) folders; `events` is false when the
    /// file-system watcher could not start (only the rescan then).
    Started { roots: &'a [PathBuf], events: bool },
    /// The file-system watcher failed; the rescan carries on.
    EventsLost(&'a str),
    /// These dossiers hold files still changing (said when the set changes).
    Settling(&'a [String]),
    /// A run begins (`dossiers` settled dossiers to bring in line).
    Run { dossiers: usize },
    /// Progress of the run, as `ingest` reports it.
    Ingest(ingest::Event<'a>),
    /// A run finished.
    Ingested(&'a Report),
    /// The index is held by another process: tried again at the next look.
    Busy(&'a Error),
}

/// A page file as last seen: its stat and since when it has had it.
struct Seen {
    stat: FileStat,
    since: Instant,
}

/// The watch: call [`Watch::run`]; [`Watch::waker`] wakes it (a signal
/// handler sets the stop flag, then wakes it).
pub struct Watch {
    opts: Options,
    wake_tx: crossbeam_channel::Sender<()>,
    wake_rx: crossbeam_channel::Receiver<()>,
}

impl Watch {
    pub fn new(opts: Options) -> Watch {
        let (wake_tx, wake_rx) = crossbeam_channel::unbounded();
        Watch {
            opts,
            wake_tx,
            wake_rx,
        }
    }

    /// Something that wakes the loop from another thread.
    pub fn waker(&self) -> crossbeam_channel::Sender<()> {
        self.wake_tx.clone()
    }

    /// Watch until `stop` is set. A run in progress when it is set stops
    /// after the pages in hand and commits them (as `ingest` on SIGTERM).
    /// Returns an error only when a run cannot go on for a reason other
    /// than a busy index (store not writable, OCR engine missing, a
    /// watched folder gone).
    pub fn run(&self, stop: &Arc<AtomicBool>, on_event: &(dyn Fn(Event) + Sync)) -> Result<()> {
        let roots = ingest::input_roots(&self.opts.roots, &|e| on_event(Event::Ingest(e)))?;
        let index_abs = std::fs::create_dir_all(&self.opts.index_dir)
            .and_then(|_| self.opts.index_dir.canonicalize())
            .map_err(|e| Error::io(&self.opts.index_dir, e))?;
        let watcher = self.start_watcher(&roots);
        if let Err(e) = &watcher {
            on_event(Event::EventsLost(e));
        }
        on_event(Event::Started {
            roots: &roots,
            events: watcher.is_ok(),
        });
        let mut seen: HashMap<PathBuf, Seen> = HashMap::new();
        // The settled state last ingested; None until the first run, so a
        // (re)started watch always makes one full pass.
        let mut done: Option<BTreeMap<PathBuf, FileStat>> = None;
        let mut settling_said: Vec<String> = Vec::new();
        while !stop.load(Ordering::SeqCst) {
            let now = Instant::now();
            let found = scan::scan(&roots, Some(&index_abs));
            let mut next_settle: Option<Duration> = None;
            let mut settled = BTreeMap::new();
            let mut settling = Vec::new();
            let mut present = std::collections::HashSet::new();
            for d in &found.dossiers {
                let mut all = true;
                for f in &d.files {
                    present.insert(f.path.clone());
                    let stat = ingest::file_stat(&f.path);
                    let entry = seen
                        .entry(f.path.clone())
                        .or_insert(Seen { stat, since: now });
                    if entry.stat != stat {
                        *entry = Seen { stat, since: now };
                    }
                    let age = now.duration_since(entry.since);
                    if age < self.opts.settle {
                        all = false;
                        let left = self.opts.settle - age;
                        next_settle = Some(next_settle.map_or(left, |n| n.min(left)));
                    }
                }
                if all {
                    settled.extend(d.files.iter().map(|f| (f.path.clone(), seen[&f.path].stat)));
                } else {
                    settling.push(d.id.clone());
                }
            }
            seen.retain(|p, _| present.contains(p));
            if settling != settling_said && !settling.is_empty() {
                on_event(Event::Settling(&settling));
            }
            settling_said = settling;
            if done.as_ref() != Some(&settled) {
                let dossiers = found.dossiers.len() - settling_said.len();
                on_event(Event::Run { dossiers });
                match self.ingest(&settled, stop, on_event) {
                    Ok(report) => {
                        on_event(Event::Ingested(&report));
                        done = Some(settled);
                    }
                    Err(e @ Error::Busy { .. }) => on_event(Event::Busy(&e)),
                    Err(e) => return Err(e),
                }
            }
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let wait = next_settle.map_or(self.opts.rescan, |s| {
                // a little past the moment, so the file is settled by then
                (s + Duration::from_millis(50)).min(self.opts.rescan)
            });
            self.sleep(wait);
        }
        drop(watcher);
        Ok(())
    }

    /// One ingest of the settled files.
    fn ingest(
        &self,
        settled: &BTreeMap<PathBuf, FileStat>,
        stop: &Arc<AtomicBool>,
        on_event: &(dyn Fn(Event) + Sync),
    ) -> Result<Report> {
        let settled: Settled = settled.iter().map(|(p, s)| (p.clone(), *s)).collect();
        let config = ingest::Config {
            roots: self.opts.roots.clone(),
            index_dir: self.opts.index_dir.clone(),
            jobs: self.opts.jobs,
            wait: false,
            prune: self.opts.prune,
            reindex_if_needed: self.opts.reindex_if_needed,
            shard: None,
            interrupt: Some(Arc::clone(stop)),
            settled: Some(Arc::new(settled)),
        };
        ingest::run(&config, &|e| on_event(Event::Ingest(e)))
    }

    /// Wait up to `timeout` for a wake-up (an event, a signal); after an
    /// event, gather the burst that follows it.
    fn sleep(&self, timeout: Duration) {
        if self.wake_rx.recv_timeout(timeout).is_ok() {
            while self.wake_rx.recv_timeout(DEBOUNCE).is_ok() {}
        }
    }

    /// A recursive file-system watcher on every root that wakes the loop.
    fn start_watcher(
        &self,
        roots: &[PathBuf],
    ) -> std::result::Result<notify::RecommendedWatcher, String> {
        use notify::Watcher;
        let tx = self.wake_tx.clone();
        let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            // Errors too wake the loop: a rescan finds what was missed.
            let _ = res;
            let _ = tx.send(());
        })
        .map_err(|e| format!("file-system events unavailable ({e}); rescanning only"))?;
        for root in roots {
            watcher
                .watch(root, notify::RecursiveMode::Recursive)
                .map_err(|e| {
                    format!(
                        "cannot watch {} for events ({e}); rescanning only",
                        root.display()
                    )
                })?;
        }
        Ok(watcher)
    }
}
