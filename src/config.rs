//! The config file of an installed sohoa: `/etc/sohoa/sohoa.toml`, or the
//! file `--config` names.
//!
//! It gives the defaults a department sets once: the index folder, the
//! folders `watch` takes scans from, the address `serve` listens on, the
//! names it answers to, its TLS files, and the number of OCR jobs. Flags on the command line win over it.
//! An absent default file means no config (not an error); an absent file
//! named with `--config` is an error. A key this sohoa does not know is an
//! error naming the key (a misspelt `idnex` must not silently fall back to
//! `./index`). Relative paths in the file are relative to the file's folder.

use crate::{Error, Result};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Where the config file is looked for when `--config` is not given.
pub const DEFAULT_PATH: &str = "/etc/sohoa/sohoa.toml";

/// The keys of the config file, all optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Index folder (`--index`).
    pub index: Option<PathBuf>,
    /// Folders `watch` takes scans from (its `DIR...`).
    #[serde(default)]
    pub watch: Vec<PathBuf>,
    /// Address `serve` listens on (`--addr`).
    pub listen: Option<SocketAddr>,
    /// More names `serve` answers to (`--host`), beside its address.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// Reverse proxies whose `X-Forwarded-For` names the client
    /// (`--trusted-proxy`).
    #[serde(default)]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// TLS certificate chain (PEM) for `serve` (`--tls-cert`).
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM) for `serve` (`--tls-key`).
    pub tls_key: Option<PathBuf>,
    /// OCR jobs of `ingest` and `watch` (`--jobs`).
    pub jobs: Option<usize>,
    /// Where it was read from (not a key).
    #[serde(skip)]
    pub path: PathBuf,
}

impl Config {
    /// Parse `text`, the contents of `path`; relative paths are made
    /// relative to `path`'s folder.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let mut c: Config = toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            reason: e.message().to_string(),
        })?;
        if c.jobs == Some(0) {
            return Err(Error::Config {
                path: path.to_path_buf(),
                reason: "jobs must be at least 1".into(),
            });
        }
        if c.tls_cert.is_some() != c.tls_key.is_some() {
            return Err(Error::Config {
                path: path.to_path_buf(),
                reason: "tls_cert and tls_key go together".into(),
            });
        }
        let base = path.parent().unwrap_or(Path::new(""));
        let rel = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        c.index.as_mut().map(rel);
        c.watch.iter_mut().for_each(rel);
        c.tls_cert.as_mut().map(rel);
        c.tls_key.as_mut().map(rel);
        c.path = path.to_path_buf();
        Ok(c)
    }
}

/// The config of this run: the file `explicit` names (which must exist),
/// else [`DEFAULT_PATH`] if it exists, else none.
pub fn load(explicit: Option<&Path>) -> Result<Option<Config>> {
    let path = explicit.unwrap_or(Path::new(DEFAULT_PATH));
    match std::fs::read_to_string(path) {
        Ok(text) => Config::parse(&text, path).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_read_and_paths_are_relative_to_the_file() {
        let text = r#"
            index = "index"
            watch = ["/srv/scans", "incoming"]
            listen = "0.0.0.0:8443"
            hosts = ["archive.example.gov.vn"]
            trusted_proxies = ["127.0.0.1", "::1"]
            tls_cert = "/etc/sohoa/cert.pem"
            tls_key = "key.pem"
            jobs = 3
        "#;
        let c = Config::parse(text, Path::new("/etc/sohoa/sohoa.toml")).unwrap();
        assert_eq!(c.index, Some(PathBuf::from("/etc/sohoa/index")));
        assert_eq!(
            c.watch,
            vec![
                PathBuf::from("/srv/scans"),
                PathBuf::from("/etc/sohoa/incoming")
            ]
        );
        assert_eq!(c.listen, Some("0.0.0.0:8443".parse().unwrap()));
        assert_eq!(c.hosts, vec!["archive.example.gov.vn".to_string()]);
        assert_eq!(
            c.trusted_proxies,
            vec![
                "127.0.0.1".parse::<std::net::IpAddr>().unwrap(),
                "::1".parse().unwrap()
            ]
        );
        assert_eq!(c.tls_cert, Some(PathBuf::from("/etc/sohoa/cert.pem")));
        assert_eq!(c.tls_key, Some(PathBuf::from("/etc/sohoa/key.pem")));
        assert_eq!(c.jobs, Some(3));
    }

    #[test]
    fn an_empty_file_is_no_setting() {
        let c = Config::parse("# nothing yet\n", Path::new("/x/s.toml")).unwrap();
        assert_eq!(c.index, None);
        assert!(c.watch.is_empty());
    }

    #[test]
    fn an_unknown_key_is_an_error_naming_it() {
        let e = Config::parse("idnex = \"/var/lib/sohoa\"\n", Path::new("/x/s.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("idnex"), "{e}");
        assert!(e.contains("/x/s.toml"), "{e}");
    }

    #[test]
    fn bad_values_are_errors_naming_the_file() {
        for text in [
            "jobs = 0",
            "jobs = \"two\"",
            "listen = \"localhost\"",
            "tls_cert = \"c.pem\"",
            "watch = \"/srv\"",
        ] {
            let e = Config::parse(text, Path::new("/x/s.toml")).unwrap_err();
            assert!(e.to_string().contains("/x/s.toml"), "{text}: {e}");
        }
    }

    #[test]
    fn a_missing_default_file_is_no_config_but_a_named_one_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let absent = tmp.path().join("absent.toml");
        assert!(load(Some(&absent)).is_err());
        let given = tmp.path().join("s.toml");
        std::fs::write(&given, "jobs = 2\n").unwrap();
        assert_eq!(load(Some(&given)).unwrap().unwrap().jobs, Some(2));
    }
}
