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

    /// Takes the lock, or fails within 0.1 s with [`StorageError::Locked`] (held
    /// elsewhere) or [`StorageError::FolderNotWritable`].
    pub fn acquire(plan_path: &Path) -> Result<PlanLock, StorageError> {
        let path = Self::lock_path(plan_path);
        let file = match OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        {
            Ok(file) => file,
            // A lock file left by another user on a shared folder cannot be
            // opened for writing, yet it can be locked: a lock needs only
            // an open file. The folder itself may well be writable.
            Err(e) if e.kind() == ErrorKind::PermissionDenied && path.is_file() => {
                File::open(&path).map_err(|_| Self::not_writable(plan_path, e))?
            }
            Err(e) => {
                return Err(match e.kind() {
                    ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
                        Self::not_writable(plan_path, e)
                    }
                    _ => StorageError::io(&path, "cannot open the lock file", e),
                });
            }
        };
        Self::lock_file(file, path, plan_path)
    }

    /// Takes the lock of the file itself, whatever its names: a plan with
    /// several hard links is locked under each of them through this one
    /// (`commitments-locks/<device>-<inode>.lock` in the temp folder).
    /// `None` where files have no inode number.
    pub fn acquire_inode(plan_path: &Path) -> Result<Option<PlanLock>, StorageError> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let Ok(meta) = std::fs::metadata(plan_path) else {
                return Ok(None);
            };
            let dir = std::env::temp_dir().join("commitments-locks");
            if std::fs::create_dir_all(&dir).is_err() {
                return Ok(None);
            }
            let path = dir.join(format!("{}-{}.lock", meta.dev(), meta.ino()));
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .or_else(|_| File::open(&path));
            match file {
                Ok(file) => Self::lock_file(file, path, plan_path).map(Some),
                Err(_) => Ok(None),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = plan_path;
            Ok(None)
        }
    }

    fn lock_file(file: File, path: PathBuf, plan_path: &Path) -> Result<PlanLock, StorageError> {
        // A lock released a moment ago can still be held for an instant by
        // a child process another thread is starting (its copy of the file
        // lives until it execs): try a few times over 0.1 s before saying
        // the plan is in use.
        let mut tries = 0;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(PlanLock { _file: file, path }),
                Err(TryLockError::WouldBlock) if tries < 4 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StorageError::Locked {
                        path: plan_path.to_owned(),
                        lock: path,
                    });
                }
                Err(TryLockError::Error(e)) => {
                    return Err(StorageError::io(&path, "cannot lock", e));
                }
            }
        }
    }

    fn not_writable(plan_path: &Path, cause: std::io::Error) -> StorageError {
        StorageError::FolderNotWritable {
            path: plan_path.to_owned(),
            folder: parent_dir(plan_path).to_owned(),
            cause,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}
