//! Reading an index folder that may not be written: a read-only snapshot,
//! a backup mounted read-only, a folder the reading user does not own.
//!
//! tantivy takes a lock file (`.tantivy-meta.lock`) in the index folder
//! while it reads `meta.json`, so that a writer's garbage collection does
//! not delete the segments of the commit being opened. Creating that file
//! fails in a folder that cannot be written, and `list`, `search`, `show`,
//! `serve` and `verify` used to stop there. [`Tolerant`] wraps the folder's
//! directory: when that one lock cannot be created *because the folder is
//! read-only or not ours* (EROFS, EACCES, EPERM), the read goes on without
//! it. No sohoa writer can be working in a folder that cannot be written,
//! so there is nothing to guard against; every other lock (the index
//! writer's) and every other error is passed through unchanged.

use std::path::Path;
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

/// A directory that reads without the meta lock where it cannot be taken.
#[derive(Debug, Clone)]
pub struct Tolerant(MmapDirectory);

impl Tolerant {
    pub fn open(dir: &Path) -> Result<Tolerant, tantivy::directory::error::OpenDirectoryError> {
        MmapDirectory::open(dir).map(Tolerant)
    }
}

/// Is this the error of a folder that may not be written?
pub fn is_not_writable(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
    ) || e.raw_os_error() == Some(1) // EPERM
}

impl Directory for Tolerant {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && is_not_writable(&e) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }
    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
