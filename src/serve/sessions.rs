//! Sessions and failed logins of a running `serve`, and the users file as
//! it last read it: the state behind the accounts gate (`auth.rs`).
//!
//! Sessions are 256 random bits (hex) mapped to a user and a CSRF token, in
//! memory only (a restart logs everyone out); one ends after the idle time
//! without a request or at logout. Failed logins are counted per key (the
//! account and the address): after five, each one more doubles the wait.
//! The users file is read again when its mtime, size or inode changes, so
//! `sohoa user` takes effect at the next request.

use super::*;
use crate::users::Users;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// The session cookie.
pub(super) const SESSION_COOKIE: &str = "sohoa_session";
/// Failed logins allowed before the back-off starts.
const FREE_FAILURES: u32 = 5;
/// Longest back-off after failed logins.
const MAX_BACKOFF: Duration = Duration::from_secs(15 * 60);

/// How `serve` treats accounts (the `serve` flags).
#[derive(Debug, Clone)]
pub struct Accounts {
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// Mark the session cookie `Secure` (served over HTTPS).
    pub secure_cookies: bool,
}

impl Default for Accounts {
    fn default() -> Accounts {
        Accounts {
            session_idle: Duration::from_secs(30 * 60),
            secure_cookies: false,
        }
    }
}

struct Session {
    user: String,
    csrf: String,
    last_seen: Instant,
}

struct Failures {
    count: u32,
    until: Option<Instant>,
}

/// The users file as last read, with what it was read at.
struct Book {
    stamp: Option<(SystemTime, u64, u64)>,
    users: Arc<Users>,
}

/// Accounts, sessions and failed logins of a running server.
pub(super) struct Auth {
    dir: PathBuf,
    book: Mutex<Book>,
    sessions: Mutex<HashMap<String, Session>>,
    failures: Mutex<HashMap<String, Failures>>,
    pub idle: Duration,
    pub secure: bool,
    /// The server listens on loopback only.
    pub loopback: bool,
    warned: std::sync::atomic::AtomicBool,
}

impl Auth {
    pub fn new(dir: &Path, accounts: &Accounts, loopback: bool) -> Auth {
        Auth {
            dir: dir.to_path_buf(),
            book: Mutex::new(Book {
                stamp: None,
                users: Arc::new(Users::default()),
            }),
            sessions: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            idle: accounts.session_idle,
            secure: accounts.secure_cookies,
            loopback,
            warned: false.into(),
        }
    }

    /// The users, read again when the file changed (`sohoa user` while
    /// serving takes effect at the next request).
    pub fn users(&self) -> Result<Arc<Users>> {
        let path = crate::folder::IndexFolder::new(&self.dir).users();
        let stamp = match std::fs::metadata(&path) {
            Ok(m) => {
                #[cfg(unix)]
                let ino = std::os::unix::fs::MetadataExt::ino(&m);
                #[cfg(not(unix))]
                let ino = 0;
                Some((m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len(), ino))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(&path, e)),
        };
        let mut book = self.book.lock().unwrap_or_else(|e| e.into_inner());
        if book.stamp != stamp {
            book.users = Arc::new(if stamp.is_some() {
                Users::load(&self.dir)?
            } else {
                Users::default()
            });
            book.stamp = stamp;
        }
        Ok(Arc::clone(&book.users))
    }

    /// A new session for `user`: its id and CSRF token.
    pub fn open_session(&self, user: &str) -> (String, String) {
        let id = crate::users::random_token();
        let csrf = crate::users::random_token();
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        let idle = self.idle;
        sessions.retain(|_, s| s.last_seen.elapsed() <= idle);
        sessions.insert(
            id.clone(),
            Session {
                user: user.to_string(),
                csrf: csrf.clone(),
                last_seen: Instant::now(),
            },
        );
        (id, csrf)
    }

    /// The user and CSRF token of a live session (and it is used now).
    pub(super) fn session(&self, id: &str) -> Option<(String, String)> {
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        let s = sessions.get_mut(id)?;
        if s.last_seen.elapsed() > self.idle {
            sessions.remove(id);
            return None;
        }
        s.last_seen = Instant::now();
        Some((s.user.clone(), s.csrf.clone()))
    }

    pub fn close_session(&self, id: &str) {
        self.sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(id);
    }

    /// How long `keys` (the account and the address) must still wait
    /// before another login attempt, if at all.
    pub fn backoff(&self, keys: &[String]) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        keys.iter()
            .filter_map(|k| failures.get(k)?.until)
            .filter(|&u| u > now)
            .map(|u| u - now)
            .max()
    }

    /// Count a failed login against each key: after [`FREE_FAILURES`],
    /// each one more doubles the wait (1 s, 2 s, 4 s, … up to 15 min).
    pub fn failed(&self, keys: &[String]) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() > 10_000 {
            let now = Instant::now();
            failures.retain(|_, f| f.until.is_some_and(|u| u > now));
        }
        for k in keys {
            let f = failures.entry(k.clone()).or_insert(Failures {
                count: 0,
                until: None,
            });
            f.count += 1;
            if f.count >= FREE_FAILURES {
                let wait =
                    Duration::from_secs(1u64 << (f.count - FREE_FAILURES).min(20)).min(MAX_BACKOFF);
                f.until = Some(Instant::now() + wait);
            }
        }
    }

    /// A good login clears the account's count (not the address's: one
    /// account of one's own must not reset the guessing of others).
    pub fn succeeded(&self, account_key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(account_key);
    }

    /// The session cookie for `id` (empty `id`: the one that deletes it).
    pub fn cookie(&self, id: &str) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        let gone = if id.is_empty() { "; Max-Age=0" } else { "" };
        format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict{secure}{gone}")
    }

    /// Note once on stderr that the audit log cannot be written (no
    /// accounts: the server goes on, e.g. on a read-only index).
    pub(super) fn warn_unlogged(&self, e: &Error) {
        if !self.warned.swap(true, std::sync::atomic::Ordering::Relaxed) {
            eprintln!("sohoa: warning: the audit log cannot be written ({e}); without accounts, serving goes on unlogged");
        }
    }
}

/// The value of cookie `name` in the request's headers.
pub(super) fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| std::str::from_utf8(v.as_bytes()).ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            let (k, v) = c.trim().split_once('=')?;
            (k == name).then(|| v.to_string())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_after_five_failures() {
        let auth = Auth::new(Path::new("/nonexistent"), &Accounts::default(), true);
        let keys = vec!["user:lan".to_string(), "addr:127.0.0.1".to_string()];
        for _ in 0..4 {
            auth.failed(&keys);
        }
        assert!(auth.backoff(&keys).is_none());
        auth.failed(&keys);
        let first = auth.backoff(&keys).unwrap();
        assert!(first <= Duration::from_secs(1), "{first:?}");
        auth.failed(&keys);
        let second = auth.backoff(&keys).unwrap();
        assert!(second > Duration::from_secs(1), "{second:?}");
        auth.succeeded("user:lan");
        assert!(auth.backoff(&keys[..1]).is_none());
        assert!(auth.backoff(&keys[1..]).is_some());
    }

    #[test]
    fn sessions_end_when_idle_or_closed() {
        let accounts = Accounts {
            session_idle: Duration::from_millis(50),
            secure_cookies: true,
        };
        let auth = Auth::new(Path::new("/nonexistent"), &accounts, true);
        let (id, csrf) = auth.open_session("lan");
        assert_eq!(auth.session(&id), Some(("lan".into(), csrf)));
        std::thread::sleep(Duration::from_millis(80));
        assert_eq!(auth.session(&id), None);
        let (id, _) = auth.open_session("lan");
        auth.close_session(&id);
        assert_eq!(auth.session(&id), None);
        assert!(auth
            .cookie("x")
            .ends_with("HttpOnly; SameSite=Strict; Secure"));
    }
}
