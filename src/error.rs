//! The one error type of the library.
//!
//! Errors that stop a whole command (an index that cannot be opened, a store
//! that cannot be written) are `Error` values; the binary maps them to exit
//! code 2. A page that cannot be read is *not* an error of this kind: it is a
//! [`crate::ingest::Failure`] collected into the run report, and the run goes on.

use std::path::PathBuf;

/// Everything that can go wrong in the library, with the file it is about.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: invalid JSON record")]
    Record {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("OCR engine: {0}")]
    Ocr(String),
    #[error("index {path}: {reason}")]
    Index { path: PathBuf, reason: String },
    #[error("search index: {0}; if it is damaged, `sohoa reindex` rebuilds it from the store")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The current tantivy generation cannot be read (a truncated or
    /// missing segment file): the store still holds everything.
    #[error(
        "search index {path} is damaged ({reason}); `sohoa reindex` rebuilds it from the store"
    )]
    Damaged { path: PathBuf, reason: String },
    #[error("no dossier {0:?} in the store (see `sohoa list`)")]
    NoSuchDossier(String),
    /// In the store but not in the index: a run stopped between writing the
    /// records and committing the index.
    #[error(
        "dossier {dossier:?} is stored but not indexed yet; run `sohoa reindex --index {}`",
        index.display()
    )]
    NotIndexed { dossier: String, index: PathBuf },
    /// Another sohoa process holds the index's write lock (or tantivy's):
    /// the same words as [`Error::Index`], a variant of its own so that a
    /// long-running caller (`watch`) can try again later.
    #[error("index {path}: {reason}")]
    Busy { path: PathBuf, reason: String },
    /// The config file cannot be used (bad TOML, an unknown key, a bad value).
    #[error("config file {path}: {reason}")]
    Config { path: PathBuf, reason: String },
    #[error("{0}")]
    Usage(String),
}

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
