//! An open plan file: its path, its lock, and what is on disk, so that a
//! change made by someone else is noticed before it is written over.

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
}

/// What is known of the file on disk as last read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DiskStamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl DiskStamp {
    fn of(path: &Path) -> Option<DiskStamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(DiskStamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// A plan file opened for work.
#[derive(Debug)]
pub struct PlanStore {
    path: PathBuf,
    /// Held for as long as the plan is open; released when dropped.
    _lock: Option<PlanLock>,
    mode: OpenMode,
    stamp: Option<DiskStamp>,
    /// What opening found about the change journal (see `journal::check`).
    journal: crate::journal::JournalReport,
}

impl PlanStore {
    /// Opens and loads a plan, taking its lock. With `allow_read_only`, a plan
    /// locked by another process, or in a folder that cannot be written,
    /// opens read-only instead of failing.
    pub fn open(path: &Path, allow_read_only: bool) -> Result<(PlanStore, Plan), StorageError> {
        let (lock, mode) = match PlanLock::acquire(path) {
            Ok(lock) => (Some(lock), OpenMode::ReadWrite),
            Err(e) if e.is_locked() && allow_read_only => (None, OpenMode::ReadOnly),
            Err(e) if e.is_folder_not_writable() && allow_read_only => {
                (None, OpenMode::ReadOnlyFolder)
            }
            Err(e) => return Err(e),
        };
        let mut plan = load::load(path)?;
        if lock.is_some() {
            save::remove_stale_temps(path);
        }
        let journal = crate::journal::check(path, &mut plan, lock.is_some());
        let stamp = DiskStamp::of(path);
        Ok((
            PlanStore {
                path: path.to_owned(),
                _lock: lock,
                mode,
                stamp,
                journal,
            },
            plan,
        ))
    }

    /// Takes the lock of a plan that does not exist yet (New plan, Save as).
    pub fn create(path: &Path) -> Result<PlanStore, StorageError> {
        let lock = PlanLock::acquire(path)?;
        Ok(PlanStore {
            path: path.to_owned(),
            _lock: Some(lock),
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

    /// Whether the file on disk changed since this process last read or wrote it.
    pub fn changed_on_disk(&self) -> bool {
        DiskStamp::of(&self.path) != self.stamp
    }

    /// Saves the plan safely. Refuses when read-only; the caller decides what
    /// to do when the file changed on disk (see [`Self::changed_on_disk`]).
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
        }
        let saved = save::save_with(plan, &self.path, hooks)?;
        self.stamp = DiskStamp::of(&self.path);
        Ok(saved)
    }

    /// Re-reads the plan from disk (after someone else changed it).
    pub fn reload(&mut self) -> Result<Plan, StorageError> {
        let mut plan = load::load(&self.path)?;
        let writable = self.mode == OpenMode::ReadWrite;
        self.journal = crate::journal::check(&self.path, &mut plan, writable);
        self.stamp = DiskStamp::of(&self.path);
        Ok(plan)
    }
}
