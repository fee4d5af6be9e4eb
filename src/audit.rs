//! The audit log: who did what to which object, tamper-evident.
//!
//! One JSON line per action in `<index>/audit/<yyyy-mm>.jsonl` (a file a
//! month, UTC; the chain runs on across files in name order): `time`,
//! `user`, `address`, `action`, `object`, then `prev`, the `hash` of the
//! line before (64 zeros for the first line), and `hash`, the BLAKE3 of
//! this line's own fields up to `prev`. So an edited line no longer matches
//! its own hash, a removed line leaves the next one pointing at a hash that
//! is not the one before it, and a reordered line points at another line
//! of the log. [`verify`] names the first such line. Removing the last
//! lines of the log cannot be seen from the log alone (no later line
//! names them): keep a copy of the last `hash` elsewhere to anchor it.
//!
//! [`append`] writes under an exclusive lock (`audit/.lock`), appends the
//! line and fsyncs it (and the folder when it made the file); any failure
//! is an error, never a skipped line, so a caller can refuse what it could
//! not log.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The `prev` of the first line.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, as the caller says it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub user: String,
    /// Where it came from (`local` for the command line).
    pub address: String,
    /// `correct`, `login`, `search`, `view`, …
    pub action: String,
    /// What it was done to, e.g. `{"dossier": "…"}`.
    pub object: serde_json::Value,
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// RFC 3339, UTC, milliseconds.
    pub time: String,
    #[serde(flatten)]
    pub action: Action,
    pub prev: String,
    pub hash: String,
}

/// The fields a line's hash covers, in line order.
#[derive(Serialize)]
struct Hashed<'a> {
    time: &'a str,
    user: &'a str,
    address: &'a str,
    action: &'a str,
    object: &'a serde_json::Value,
    prev: &'a str,
}

fn hash_of(time: &str, a: &Action, prev: &str) -> String {
    let h = Hashed {
        time,
        user: &a.user,
        address: &a.address,
        action: &a.action,
        object: &a.object,
        prev,
    };
    let bytes = serde_json::to_vec(&h).expect("serialises");
    blake3::hash(&bytes).to_hex().to_string()
}

/// The audit folder of an index folder.
pub fn folder(index_dir: &Path) -> PathBuf {
    index_dir.join("audit")
}

/// The log's files, in chain order.
fn files(index_dir: &Path) -> Result<Vec<PathBuf>> {
    let dir = folder(index_dir);
    let read = match std::fs::read_dir(&dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut out = Vec::new();
    for e in read {
        let p = e.map_err(|e| Error::io(&dir, e))?.path();
        if p.extension().is_some_and(|x| x == "jsonl") {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

/// Append one line for `action`, now. Returns the entry written.
pub fn append(index_dir: &Path, action: &Action) -> Result<Entry> {
    let dir = folder(index_dir);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let lock_path = dir.join(".lock");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))?;
    lock.lock().map_err(|e| Error::io(&lock_path, e))?;
    let prev = match files(index_dir)?.last() {
        Some(last) => last_hash(last)?,
        None => GENESIS.to_string(),
    };
    let now = std::time::SystemTime::now();
    let time = humantime::format_rfc3339_millis(now).to_string();
    let entry = Entry {
        hash: hash_of(&time, action, &prev),
        time,
        action: action.clone(),
        prev,
    };
    let path = dir.join(format!("{}.jsonl", &entry.time[..7]));
    let created = !path.exists();
    let mut line = serde_json::to_vec(&entry).expect("serialises");
    line.push(b'\n');
    // Owner only: the lines name who was searched for (names, ID numbers).
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    f.write_all(&line)
        .and_then(|_| f.sync_all())
        .map_err(|e| Error::io(&path, e))?;
    if created {
        std::fs::File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io(&dir, e))?;
    }
    Ok(entry)
}

/// The `hash` of the last line of `path` (a torn last line is an error:
/// `audit verify` names it).
fn last_hash(path: &Path) -> Result<String> {
    let text = tail(path).map_err(|e| Error::io(path, e))?;
    let Some(line) = text.lines().rev().find(|l| !l.trim().is_empty()) else {
        return Ok(GENESIS.to_string());
    };
    let e: Entry = serde_json::from_str(line).map_err(|source| Error::Record {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(e.hash)
}

/// The end of `path` holding its last whole line: the last 64 KiB when a
/// line break before the last line is in them, else the whole file. `serve`
/// appends a line per request, so reading a month's log each time would
/// grow with the log.
fn tail(path: &Path) -> std::io::Result<String> {
    use std::io::{Read, Seek, SeekFrom};
    const CHUNK: u64 = 64 * 1024;
    let mut f = std::fs::File::open(path)?;
    let len = f.metadata()?.len();
    if len > CHUNK {
        f.seek(SeekFrom::Start(len - CHUNK))?;
        let mut buf = Vec::with_capacity(CHUNK as usize);
        (&mut f).take(CHUNK).read_to_end(&mut buf)?;
        let body = buf.strip_suffix(b"\n").unwrap_or(&buf);
        if let Some(nl) = body.iter().rposition(|&b| b == b'\n') {
            return Ok(String::from_utf8_lossy(&buf[nl + 1..]).into_owned());
        }
        f.seek(SeekFrom::Start(0))?;
    }
    let mut text = String::new();
    f.read_to_string(&mut text)?;
    Ok(text)
}

/// The first line that breaks the chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Break {
    pub file: String,
    /// 1-based line number within the file.
    pub line: usize,
    /// `edited`, `removed` (a line before it is missing) or `reordered`.
    pub kind: &'static str,
    pub reason: String,
}

/// The outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub lines: usize,
    /// None when the chain is whole.
    pub first_bad: Option<Break>,
}

/// Check the whole chain.
pub fn verify(index_dir: &Path) -> Result<Verdict> {
    let mut lines = Vec::new(); // (file, line no, parsed or error)
    for path in files(index_dir)? {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        for (i, l) in text.lines().enumerate() {
            lines.push((path.clone(), i + 1, serde_json::from_str::<Entry>(l)));
        }
    }
    let hashes: std::collections::HashSet<String> = lines
        .iter()
        .filter_map(|(_, _, e)| e.as_ref().ok().map(|e| e.hash.clone()))
        .collect();
    let mut prev = GENESIS.to_string();
    for (path, n, entry) in &lines {
        let at = |kind: &'static str, reason: String| Break {
            file: path.to_string_lossy().into_owned(),
            line: *n,
            kind,
            reason,
        };
        let e = match entry {
            Ok(e) => e,
            Err(err) => {
                let b = at("edited", format!("not an audit line ({err})"));
                return Ok(verdict(lines.len(), b));
            }
        };
        if hash_of(&e.time, &e.action, &e.prev) != e.hash {
            let b = at("edited", "its contents do not match its hash".into());
            return Ok(verdict(lines.len(), b));
        }
        if e.prev != prev {
            let b = if hashes.contains(&e.prev) || e.prev == GENESIS {
                at(
                    "reordered",
                    "it follows another line than the one before it".into(),
                )
            } else {
                at(
                    "removed",
                    "the line it follows is not in the log (removed, or rewritten with a new hash)"
                        .into(),
                )
            };
            return Ok(verdict(lines.len(), b));
        }
        prev = e.hash.clone();
    }
    Ok(Verdict {
        lines: lines.len(),
        first_bad: None,
    })
}

fn verdict(lines: usize, b: Break) -> Verdict {
    Verdict {
        lines,
        first_bad: Some(b),
    }
}

/// Which lines `audit show` prints.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub user: Option<String>,
    /// `yyyy-mm-dd` (UTC) or a full RFC 3339 time: lines at or after it.
    pub since: Option<String>,
    pub dossier: Option<String>,
}

/// The lines that pass `filter`, oldest first (unreadable lines skipped:
/// `audit verify` is what judges them).
pub fn show(index_dir: &Path, filter: &Filter) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    for path in files(index_dir)? {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        for l in text.lines() {
            let Ok(e) = serde_json::from_str::<Entry>(l) else {
                continue;
            };
            let keep = filter.user.as_ref().is_none_or(|u| *u == e.action.user)
                && filter
                    .since
                    .as_ref()
                    .is_none_or(|s| e.time.as_str() >= s.as_str())
                && filter
                    .dossier
                    .as_ref()
                    .is_none_or(|d| e.action.object["dossier"].as_str() == Some(d.as_str()));
            if keep {
                out.push(e);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_log_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let action = Action {
            user: "lan".into(),
            address: "127.0.0.1".into(),
            action: "search".into(),
            object: serde_json::json!({"q": "Trần Văn Bảy"}),
        };
        append(tmp.path(), &action).unwrap();
        let file = files(tmp.path()).unwrap().pop().unwrap();
        let mode = std::fs::metadata(file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    use super::*;

    fn log_of(n: usize) -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        for i in 0..n {
            let a = Action {
                user: if i % 2 == 0 { "lan" } else { "hung" }.into(),
                address: "local".into(),
                action: "correct".into(),
                object: serde_json::json!({"dossier": format!("hồ sơ {i}")}),
            };
            append(tmp.path(), &a).unwrap();
        }
        let file = files(tmp.path()).unwrap().pop().unwrap();
        (tmp, file)
    }

    fn rewrite(file: &Path, f: impl FnOnce(&mut Vec<String>)) {
        let mut lines: Vec<String> = std::fs::read_to_string(file)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        f(&mut lines);
        std::fs::write(file, lines.join("\n") + "\n").unwrap();
    }

    fn first_bad(dir: &Path) -> (usize, &'static str) {
        let b = verify(dir).unwrap().first_bad.expect("a break");
        (b.line, b.kind)
    }

    #[test]
    fn a_whole_chain_verifies() {
        let (tmp, _) = log_of(4);
        let v = verify(tmp.path()).unwrap();
        assert_eq!((v.lines, v.first_bad), (4, None));
        assert_eq!(
            verify(tempfile::tempdir().unwrap().path()).unwrap().lines,
            0
        );
    }

    #[test]
    fn an_edited_line_is_named() {
        let (tmp, file) = log_of(4);
        rewrite(&file, |l| l[1] = l[1].replace("hung", "lan"));
        assert_eq!(first_bad(tmp.path()), (2, "edited"));
        rewrite(&file, |l| l[1] = "{not json".into());
        assert_eq!(first_bad(tmp.path()), (2, "edited"));
    }

    #[test]
    fn a_removed_line_is_named_by_the_one_after_it() {
        let (tmp, file) = log_of(4);
        rewrite(&file, |l| {
            l.remove(1);
        });
        assert_eq!(first_bad(tmp.path()), (2, "removed"));
        let (tmp, file) = log_of(3);
        rewrite(&file, |l| {
            l.remove(0);
        });
        assert_eq!(first_bad(tmp.path()), (1, "removed"));
    }

    #[test]
    fn reordered_lines_are_named() {
        let (tmp, file) = log_of(4);
        rewrite(&file, |l| l.swap(1, 2));
        assert_eq!(first_bad(tmp.path()), (2, "reordered"));
    }

    #[test]
    fn a_line_rehashed_after_editing_still_breaks_the_next() {
        let (tmp, file) = log_of(3);
        rewrite(&file, |l| {
            let mut e: Entry = serde_json::from_str(&l[0]).unwrap();
            e.action.user = "mallory".into();
            e.hash = hash_of(&e.time, &e.action, &e.prev);
            l[0] = serde_json::to_string(&e).unwrap();
        });
        assert_eq!(first_bad(tmp.path()), (2, "removed"));
    }

    #[test]
    fn a_long_log_chains_from_its_last_line() {
        let tmp = tempfile::tempdir().unwrap();
        let a = |i: usize| Action {
            user: "lan".into(),
            address: "local".into(),
            action: "search".into(),
            // Lines of about 1 KiB: the log passes the 64 KiB tail.
            object: serde_json::json!({"q": "x".repeat(1000), "i": i}),
        };
        for i in 0..100 {
            append(tmp.path(), &a(i)).unwrap();
        }
        let v = verify(tmp.path()).unwrap();
        assert_eq!((v.lines, v.first_bad), (100, None));
    }

    #[test]
    fn appending_where_it_cannot_write_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("audit"), b"a file, not a folder").unwrap();
        let a = Action {
            user: "lan".into(),
            address: "local".into(),
            action: "correct".into(),
            object: serde_json::json!({}),
        };
        let e = append(tmp.path(), &a).unwrap_err();
        assert!(e.to_string().contains("audit"), "{e}");
    }

    #[test]
    fn show_filters_by_user_time_and_dossier() {
        let (tmp, _) = log_of(4);
        let by = |f: Filter| show(tmp.path(), &f).unwrap().len();
        assert_eq!(by(Filter::default()), 4);
        let user = Some("hung".to_string());
        assert_eq!(
            by(Filter {
                user,
                ..Default::default()
            }),
            2
        );
        let dossier = Some("hồ sơ 2".to_string());
        assert_eq!(
            by(Filter {
                dossier,
                ..Default::default()
            }),
            1
        );
        let since = Some("2999-01-01".to_string());
        assert_eq!(
            by(Filter {
                since,
                ..Default::default()
            }),
            0
        );
        let since = Some("2000-01-01".to_string());
        assert_eq!(
            by(Filter {
                since,
                ..Default::default()
            }),
            4
        );
    }
}
