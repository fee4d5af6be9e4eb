//! The accounts of `sohoa serve`: who may search, correct and manage users.
//!
//! A department's archive is read by several officers, and not every one
//! may see every fonds (phông: a top-level folder of the archive), so
//! `serve` needs accounts once it leaves a single person's laptop. They live
//! in the index folder (`users.json`, [`crate::folder::IndexFolder::users`],
//! mode 0600), so an index carries its own users; `sohoa user` is the only
//! writer (atomically: temp file, fsync, rename, fsync of the folder).
//! Passwords are kept as Argon2id PHC strings (the `argon2` crate's default
//! parameters: 19 MiB, 2 passes), never in clear.
//!
//! Roles grow: `tra_cuu` searches and views, `ra_soat` also corrects splits
//! and values, `quan_tri` also sees the users. A user limited to fonds sees
//! only dossiers whose id starts with one of them ([`User::may_see`]; the
//! search is limited inside its query through the index's `fonds` field).

use crate::{Error, Result};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// What a user may do; each role may do what the ones before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Tra cứu: search and view.
    TraCuu,
    /// Rà soát: also correct splits and values.
    RaSoat,
    /// Quản trị: also the users.
    QuanTri,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::TraCuu => "tra_cuu",
            Role::RaSoat => "ra_soat",
            Role::QuanTri => "quan_tri",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "tra_cuu" => Some(Role::TraCuu),
            "ra_soat" => Some(Role::RaSoat),
            "quan_tri" => Some(Role::QuanTri),
            _ => None,
        }
    }

    /// The role as the web page names it.
    pub fn vi(self) -> &'static str {
        match self {
            Role::TraCuu => "Tra cứu",
            Role::RaSoat => "Rà soát",
            Role::QuanTri => "Quản trị",
        }
    }
}

/// One account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub name: String,
    pub role: Role,
    /// The fonds this user may see; empty = every fonds.
    #[serde(default)]
    pub fonds: Vec<String>,
    /// Argon2id PHC string.
    pub password: String,
    /// RFC 3339, when the account was made.
    pub created: String,
}

impl User {
    /// True when the user may see dossier `id` (its first path component
    /// is one of the user's fonds, or the user has no limit).
    pub fn may_see(&self, id: &str) -> bool {
        self.fonds.is_empty() || self.fonds.iter().any(|f| f == crate::index::fonds_of(id))
    }

    /// The fonds limit as a search wants it: None for every fonds.
    pub fn fonds_limit(&self) -> Option<Vec<String>> {
        (!self.fonds.is_empty()).then(|| self.fonds.clone())
    }
}

/// The users file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Users {
    pub version: u32,
    pub users: Vec<User>,
}

/// Version of the users file's format.
const VERSION: u32 = 1;

impl Users {
    /// The users of the index folder `dir`; no file = no users.
    pub fn load(dir: &Path) -> Result<Users> {
        let path = crate::folder::IndexFolder::new(dir).users();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Users::default()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        serde_json::from_slice(&bytes).map_err(|source| Error::Record { path, source })
    }

    /// Write the users file of `dir` atomically, readable by its owner only.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let path = crate::folder::IndexFolder::new(dir).users();
        let mut out = self.clone();
        out.version = VERSION;
        let mut bytes = serde_json::to_vec_pretty(&out).expect("users serialise");
        bytes.push(b'\n');
        write_private(&path, &bytes)
    }

    /// Read the users file of `dir`, change it with `change`, and write it
    /// back, all under an exclusive lock (`users.lock`, waited for), so that
    /// two `sohoa user` commands at once cannot lose one another's change.
    /// Nothing is written when `change` fails.
    pub fn update<T>(dir: &Path, change: impl FnOnce(&mut Users) -> Result<T>) -> Result<T> {
        let path = crate::folder::IndexFolder::new(dir).users_lock();
        let lock = owner_only()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        lock.lock().map_err(|e| Error::io(&path, e))?;
        let mut users = Users::load(dir)?;
        let out = change(&mut users)?;
        users.save(dir)?;
        drop(lock); // released when the file closes
        Ok(out)
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name == name)
    }

    /// Add a new account; an existing name is an error.
    pub fn add(
        &mut self,
        name: &str,
        role: Role,
        fonds: Vec<String>,
        password: &str,
    ) -> Result<()> {
        check_name(name)?;
        if self.get(name).is_some() {
            return Err(Error::Usage(format!(
                "user {name:?} exists already (change its password with `sohoa user passwd`)"
            )));
        }
        for f in &fonds {
            if f.is_empty() || f.contains('/') {
                return Err(Error::Usage(format!(
                    "--fonds {f:?}: a fonds is one top-level folder name, without '/'"
                )));
            }
        }
        let password = hash_password(password)?;
        self.users.push(User {
            name: name.to_string(),
            role,
            fonds,
            password,
            created: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
        });
        Ok(())
    }

    /// Set a user's password.
    pub fn passwd(&mut self, name: &str, password: &str) -> Result<()> {
        let hash = hash_password(password)?;
        let user = self
            .users
            .iter_mut()
            .find(|u| u.name == name)
            .ok_or_else(|| no_such_user(name))?;
        user.password = hash;
        Ok(())
    }

    /// Remove a user.
    pub fn remove(&mut self, name: &str) -> Result<()> {
        let before = self.users.len();
        self.users.retain(|u| u.name != name);
        if self.users.len() == before {
            return Err(no_such_user(name));
        }
        Ok(())
    }

    /// The user `name` if `password` is theirs. An unknown name costs the
    /// same Argon2 work (against a dummy hash) as a wrong password.
    pub fn check(&self, name: &str, password: &str) -> Option<&User> {
        match self.get(name) {
            Some(u) => verify_password(&u.password, password).then_some(u),
            None => {
                let _ = verify_password(dummy_hash(), password);
                None
            }
        }
    }
}

fn no_such_user(name: &str) -> Error {
    Error::Usage(format!("no user {name:?} (see `sohoa user list`)"))
}

/// A user name: 1 to 64 letters, digits, `.`, `_` or `-`.
fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "user name {name:?}: use 1 to 64 letters, digits, '.', '_' or '-'"
        )))
    }
}

/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 8;

/// An Argon2id PHC string of `password` with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(Error::Usage(format!(
            "the password is too short: at least {MIN_PASSWORD} characters"
        )));
    }
    let salt = SaltString::encode_b64(&random_bytes::<16>())
        .map_err(|e| Error::Usage(format!("password salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Usage(format!("password hashing: {e}")))
}

/// True when `password` matches the PHC string `hash`.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash no password is known for, checked when the name is unknown.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let pw: String = random_bytes::<16>()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        hash_password(&pw).unwrap_or_default()
    })
}

/// `N` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    // The OS random source failing is not something to go on without.
    getrandom::fill(&mut b).expect("the operating system's random source");
    b
}

/// 32 random bytes as 64 hex digits (session ids, CSRF tokens).
pub fn random_token() -> String {
    random_bytes::<32>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Options of a file this module creates: mode 0600, for its owner only
/// (the users file holds password hashes).
fn owner_only() -> std::fs::OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    let mut opts = std::fs::OpenOptions::new();
    opts.mode(0o600);
    opts
}

/// Write `bytes` to `path` atomically with mode 0600.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = owner_only()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_argon2id_and_checked() {
        let h = hash_password("mật khẩu dài").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password(&h, "mật khẩu dài"));
        assert!(!verify_password(&h, "mật khẩu dai"));
        assert!(!verify_password("not a hash", "x"));
        assert!(hash_password("short").is_err());
    }

    #[test]
    fn users_file_round_trips_private() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(Users::load(tmp.path()).unwrap().is_empty());
        let mut u = Users::default();
        u.add(
            "lan",
            Role::RaSoat,
            vec!["nguoi-co-cong".into()],
            "password1",
        )
        .unwrap();
        assert!(u.add("lan", Role::TraCuu, vec![], "password2").is_err());
        assert!(u.add("a b", Role::TraCuu, vec![], "password2").is_err());
        u.save(tmp.path()).unwrap();
        let back = Users::load(tmp.path()).unwrap();
        assert_eq!(back.users, u.users);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(tmp.path().join("users.json"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let lan = back.check("lan", "password1").unwrap();
        assert!(lan.may_see("nguoi-co-cong/Trần Văn Bảy"));
        assert!(!lan.may_see("ho-ngheo/Nguyễn Thị Hoa"));
        assert!(back.check("lan", "password2").is_none());
        assert!(back.check("hung", "password1").is_none());
        let mut back = back;
        back.remove("lan").unwrap();
        assert!(back.remove("lan").is_err());
    }

    #[test]
    fn changes_at_once_are_all_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        // Each add hashes a password (Argon2, tens of ms) between reading
        // and writing the file: without the lock most adds would be lost.
        std::thread::scope(|s| {
            for i in 0..6 {
                s.spawn(move || {
                    Users::update(dir, |u| {
                        u.add(&format!("nv{i}"), Role::TraCuu, vec![], "password1")
                    })
                    .unwrap()
                });
            }
        });
        let mut names: Vec<String> = Users::load(dir)
            .unwrap()
            .users
            .into_iter()
            .map(|u| u.name)
            .collect();
        names.sort();
        assert_eq!(names, ["nv0", "nv1", "nv2", "nv3", "nv4", "nv5"]);
        // A change that fails writes nothing.
        let before = std::fs::read(dir.join("users.json")).unwrap();
        assert!(Users::update(dir, |u| u.remove("nobody")).is_err());
        assert_eq!(std::fs::read(dir.join("users.json")).unwrap(), before);
    }

    #[test]
    fn roles_grow() {
        assert!(Role::TraCuu < Role::RaSoat && Role::RaSoat < Role::QuanTri);
        assert_eq!(Role::parse("ra_soat"), Some(Role::RaSoat));
        assert_eq!(Role::parse("admin"), None);
    }
}
