//! An open plan file: its path, its lock, and what is on disk, so that a
//! change made by someone else is noticed before it is written over.

use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{PlanLock, StorageError, load, save};
use crate::model::Plan;

/// Whether this process may write the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// The lock is held: saves are allowed.
    ReadWrite,
    /// Another process holds the lock: the plan is shown, never written.
    ReadOnly,
    /// The plan's folder cannot be written (read-only share or medium, no
    /// permission): the plan is shown, never written.
    ReadOnlyFolder,
    /// The plan file itself is marked read-only (`chmod 444`, the
    /// read-only attribute): the plan is shown, never written.
    ReadOnlyFile,
}

/// What is known of the file on disk as last read or written: size and
/// time to notice most changes cheaply, and a hash of the content for a
/// change that kept both (a sync tool restoring the time, a same-size edit
/// within the clock's resolution).
#[derive(Debug, Clone, PartialEq, Eq)]
struct DiskStamp {
    modified: Option<SystemTime>,
    len: u64,
    hash: u64,
}

fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

impl DiskStamp {
    fn of(path: &Path, bytes: &[u8]) -> Option<DiskStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(DiskStamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            hash: content_hash(bytes),
        })
    }

    /// Whether the file at `path` still holds what this stamp saw.
    fn still_matches(&self, path: &Path) -> bool {
        let Ok(meta) = std::fs::metadata(path) else {
            return false;
        };
        if meta.len() != self.len || meta.modified().ok() != self.modified {
            return false;
        }
        // Same size and time: compare the content itself.
        load::read_bytes(path).is_ok_and(|bytes| content_hash(&bytes) == self.hash)
    }
}

/// The file a plan path stands for: a symbolic link is followed once, so
/// that the lock, the save and the backup are those of the real file (a
/// save through the link would replace the link with a file).
pub fn real_path(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    path.to_owned()
}

/// Whether the file's own permissions forbid writing it.
fn file_read_only(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly())
}

/// A plan file opened for work.
#[derive(Debug)]
pub struct PlanStore {
    path: PathBuf,
    /// Held for as long as the plan is open; released when dropped.
    _lock: Option<PlanLock>,
    /// The lock of the file under all its names (hard links), when it has several.
    _inode_lock: Option<PlanLock>,
    mode: OpenMode,
    stamp: Option<DiskStamp>,
    /// What opening found about the change journal (see `journal::check`).
    journal: crate::journal::JournalReport,
}

impl PlanStore {
    /// Opens and loads a plan, taking its lock. With `allow_read_only`, a plan
    /// locked by another process, in a folder that cannot be written, or
    /// marked read-only itself, opens read-only instead of failing.
    ///
    /// A symbolic link is resolved first: [`Self::path`] is the real file.
    pub fn open(path: &Path, allow_read_only: bool) -> Result<(PlanStore, Plan), StorageError> {
        let path = &real_path(path);
        let (mut lock, mut mode) = match PlanLock::acquire(path) {
            Ok(lock) => (Some(lock), OpenMode::ReadWrite),
            Err(e) if e.is_locked() && allow_read_only => (None, OpenMode::ReadOnly),
            Err(e) if e.is_folder_not_writable() && allow_read_only => {
                (None, OpenMode::ReadOnlyFolder)
            }
            Err(e) => return Err(e),
        };
        let mut inode_lock = None;
        if lock.is_some() && has_other_names(path) {
            match PlanLock::acquire_inode(path) {
                Ok(l) => inode_lock = l,
                Err(e) if e.is_locked() && allow_read_only => {
                    lock = None;
                    mode = OpenMode::ReadOnly;
                }
                Err(e) => return Err(e),
            }
        }
        if lock.is_some() && file_read_only(path) {
            if !allow_read_only {
                return Err(StorageError::ReadOnlyFile {
                    path: path.to_owned(),
                });
            }
            lock = None;
            inode_lock = None;
            mode = OpenMode::ReadOnlyFile;
        }
        let bytes = load::read_bytes(path)?;
        let stamp = DiskStamp::of(path, &bytes);
        let text = load::text_of(bytes, path)?;
        let mut plan = load::parse_checked(&text, path)?;
        if lock.is_some() {
            save::remove_stale_temps(path);
        }
        let journal = crate::journal::check(path, &mut plan, lock.is_some());
        Ok((
            PlanStore {
                path: path.to_owned(),
                _lock: lock,
                _inode_lock: inode_lock,
                mode,
                stamp,
                journal,
            },
            plan,
        ))
    }

    /// Takes the lock of a plan that does not exist yet (New plan, Save as).
    pub fn create(path: &Path) -> Result<PlanStore, StorageError> {
        let path = &real_path(path);
        let lock = PlanLock::acquire(path)?;
        Ok(PlanStore {
            path: path.to_owned(),
            _lock: Some(lock),
            _inode_lock: None,
            mode: OpenMode::ReadWrite,
            stamp: None,
            journal: crate::journal::JournalReport {
                path: crate::journal::journal_path(path),
                problems: Vec::new(),
            },
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn mode(&self) -> OpenMode {
        self.mode
    }

    /// What opening found about the change journal.
    pub fn journal_report(&self) -> &crate::journal::JournalReport {
        &self.journal
    }

    /// Whether the file on disk changed since this process last read or
    /// wrote it: its size, time or content differ (or it appeared or went).
    pub fn changed_on_disk(&self) -> bool {
        match &self.stamp {
            Some(stamp) => !stamp.still_matches(&self.path),
            None => self.path.exists(),
        }
    }

    /// Saves the plan safely. Refuses when read-only, and a plan that would
    /// not load; the caller decides what to do when the file changed on
    /// disk (see [`Self::changed_on_disk`]).
    pub fn save(&mut self, plan: &Plan) -> Result<save::Saved, StorageError> {
        self.save_with(plan, &save::NoFaults)
    }

    /// [`Self::save`] with a fault seam.
    pub fn save_with(
        &mut self,
        plan: &Plan,
        hooks: &dyn save::SaveHooks,
    ) -> Result<save::Saved, StorageError> {
        match self.mode {
            OpenMode::ReadWrite => {}
            OpenMode::ReadOnly => {
                return Err(StorageError::Locked {
                    path: self.path.clone(),
                    lock: PlanLock::lock_path(&self.path),
                });
            }
            OpenMode::ReadOnlyFolder => {
                return Err(StorageError::FolderNotWritable {
                    path: self.path.clone(),
                    folder: save::parent_dir(&self.path).to_owned(),
                    cause: std::io::ErrorKind::PermissionDenied.into(),
                });
            }
            OpenMode::ReadOnlyFile => {
                return Err(StorageError::ReadOnlyFile {
                    path: self.path.clone(),
                });
            }
        }
        save::refuse_unloadable(plan, &self.path)?;
        let text = super::format::to_ron(plan).map_err(|e| StorageError::Serialize {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        save::refuse_too_large(&text, &self.path)?;
        save::write_journal(plan, &self.path)?;
        let saved = save::write_atomically(&self.path, text.as_bytes(), hooks, true)?;
        self.stamp = DiskStamp::of(&self.path, text.as_bytes());
        Ok(saved)
    }

    /// Re-reads the plan from disk (after someone else changed it).
    pub fn reload(&mut self) -> Result<Plan, StorageError> {
        let bytes = load::read_bytes(&self.path)?;
        let stamp = DiskStamp::of(&self.path, &bytes);
        let text = load::text_of(bytes, &self.path)?;
        let mut plan = load::parse_checked(&text, &self.path)?;
        let writable = self.mode == OpenMode::ReadWrite;
        self.journal = crate::journal::check(&self.path, &mut plan, writable);
        self.stamp = stamp;
        Ok(plan)
    }
}

/// Whether the file has other hard links (names) than this one.
fn has_other_names(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).is_ok_and(|m| m.nlink() > 1)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}
