//! The write lock of an index folder: one `ingest`, `reindex` or `watch`
//! writes at a time, and a second one is told who holds it.

use crate::folder::IndexFolder;
use crate::{Error, Result};
use std::path::Path;

/// Holder of an index folder's write lock: one writer at a time (`ingest`
/// and `watch`'s runs, `reindex`, `merge`, `correct`, `verify --repair`). The lock is an advisory file lock, released by the OS when the
/// process ends however it ends (`kill -9` included); the file tells
/// others who holds it.
pub struct IndexLock {
    _file: std::fs::File,
}

/// Who holds a lock, as written into the lock file.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Holder {
    pid: u32,
    host: String,
    since: String,
    command: String,
}

impl IndexLock {
    /// Take the lock of `dir` (created if needed). Without `wait`, fail at
    /// once naming the holder; with it, block until the holder is done.
    pub fn acquire(dir: &Path, command: &str, wait: bool) -> Result<IndexLock> {
        use std::io::{Read, Seek, Write};
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let path = IndexFolder::new(dir).lock();
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = file.read_to_string(&mut text);
                let who = serde_json::from_str::<Holder>(&text)
                    .map(|h| {
                        format!(
                            "sohoa {} (pid {} on {}, since {})",
                            h.command, h.pid, h.host, h.since
                        )
                    })
                    .unwrap_or_else(|_| "another sohoa process".into());
                if !wait {
                    return Err(Error::Busy {
                        path: dir.to_path_buf(),
                        reason: format!("in use by {who}; wait for it to finish, or pass --wait"),
                    });
                }
                eprintln!("sohoa: waiting for {who} to release {}", dir.display());
                file.lock().map_err(|e| Error::io(&path, e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        let holder = Holder {
            pid: std::process::id(),
            host: std::fs::read_to_string("/proc/sys/kernel/hostname")
                .map(|h| h.trim().to_string())
                .unwrap_or_else(|_| "unknown host".into()),
            since: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
            command: command.into(),
        };
        let body = serde_json::to_vec(&holder).expect("holder serialises");
        let written = file
            .set_len(0)
            .and_then(|_| file.rewind())
            .and_then(|_| file.write_all(&body));
        written.map_err(|e| Error::io(&path, e))?;
        Ok(IndexLock { _file: file })
    }
}
