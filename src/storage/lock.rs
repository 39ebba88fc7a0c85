//! One writer per plan: a lock file beside the plan, held while a process
//! may write it. A second writer is refused with a clear message.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::StorageError;
use super::save::parent_dir;

/// Holds a plan's lock until dropped.
#[derive(Debug)]
pub struct PlanLock {
    _file: File,
    path: PathBuf,
}

impl PlanLock {
    /// The lock file of a plan: `.<name>.lock` beside it.
    pub fn lock_path(plan_path: &Path) -> PathBuf {
        let name = plan_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        parent_dir(plan_path).join(format!(".{name}.lock"))
    }

    /// Takes the lock, or fails at once with [`StorageError::Locked`] (held
    /// elsewhere) or [`StorageError::FolderNotWritable`].
    pub fn acquire(plan_path: &Path) -> Result<PlanLock, StorageError> {
        let path = Self::lock_path(plan_path);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| match e.kind() {
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                    StorageError::FolderNotWritable {
                        path: plan_path.to_owned(),
                        folder: parent_dir(plan_path).to_owned(),
                        cause: e,
                    }
                }
                _ => StorageError::io(&path, "cannot open the lock file", e),
            })?;
        match file.try_lock() {
            Ok(()) => Ok(PlanLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(StorageError::Locked {
                path: plan_path.to_owned(),
                lock: path,
            }),
            Err(TryLockError::Error(e)) => Err(StorageError::io(&path, "cannot lock", e)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}
