//! Writing plan files so that a crash at any moment leaves either the old or
//! the new version: temp file in the same folder, fsync, backup of the old
//! version, rename over, fsync the folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{StorageError, backup};
use crate::model::Plan;

/// The steps of a save, in order. Tests fail one of them to prove that the
/// plan on disk survives (see [`SaveHooks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    CreateTemp,
    Write,
    SyncFile,
    Backup,
    Rename,
    SyncDir,
}

/// A seam in front of each filesystem step of a save. The real one does
/// nothing; a test one returns an error (disk full, permission denied) at
/// the step it wants to fail.
pub trait SaveHooks: Send + Sync {
    fn before(&self, step: SaveStep) -> std::io::Result<()>;
}

/// The hooks of a real save: no faults.
pub struct NoFaults;

impl SaveHooks for NoFaults {
    fn before(&self, _step: SaveStep) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    pub bytes: usize,
    /// Where the replaced version went, if there was one.
    pub backup: Option<PathBuf>,
}

/// Saves `plan` to `path` safely (see the module comment).
pub fn save(plan: &Plan, path: &Path) -> Result<Saved, StorageError> {
    save_with(plan, path, &NoFaults)
}

/// [`save`] with a fault seam.
pub fn save_with(plan: &Plan, path: &Path, hooks: &dyn SaveHooks) -> Result<Saved, StorageError> {
    let text = super::format::to_ron(plan).map_err(|e| StorageError::Serialize {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    // The change journal's records of this version go first (see `journal`).
    crate::journal::write_pending(path, plan).map_err(|e| {
        StorageError::io(
            crate::journal::journal_path(path),
            "cannot write the change journal",
            e,
        )
    })?;
    write_atomically(path, text.as_bytes(), hooks, true)
}

/// Writes `bytes` to `path` through a temp file; with `keep_backup`, the
/// version it replaces is kept under `backups/`.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    hooks: &dyn SaveHooks,
    keep_backup: bool,
) -> Result<Saved, StorageError> {
    if path.is_dir() {
        return Err(StorageError::IsDirectory {
            path: path.to_owned(),
        });
    }
    let dir = parent_dir(path);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan.ron".to_owned());
    let io = |op: &'static str| move |e| StorageError::io(path, op, e);

    hooks
        .before(SaveStep::CreateTemp)
        .map_err(io("cannot create a temporary file"))?;
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(&file_name))
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| StorageError::io(&dir, "cannot create a temporary file in the folder", e))?;
    // From here on, an early return drops `temp`, which deletes the temp file.
    keep_permissions(path, temp.as_file());
    hooks.before(SaveStep::Write).map_err(io("cannot write"))?;
    temp.write_all(bytes).map_err(io("cannot write"))?;
    hooks
        .before(SaveStep::SyncFile)
        .map_err(io("cannot flush to disk"))?;
    temp.as_file()
        .sync_all()
        .map_err(io("cannot flush to disk"))?;

    let backup = if keep_backup && path.exists() {
        hooks
            .before(SaveStep::Backup)
            .map_err(io("cannot keep a backup"))?;
        Some(backup::keep(path)?)
    } else {
        None
    };

    hooks
        .before(SaveStep::Rename)
        .map_err(io("cannot replace the plan file"))?;
    temp.persist(path)
        .map_err(|e| StorageError::io(path, "cannot replace the plan file", e.error))?;
    hooks
        .before(SaveStep::SyncDir)
        .map_err(io("cannot flush the folder"))?;
    sync_dir(&dir).map_err(|e| StorageError::io(&dir, "cannot flush the folder", e))?;
    Ok(Saved {
        path: path.to_owned(),
        bytes: bytes.len(),
        backup,
    })
}

/// The prefix of this plan's temp files: hidden, named after the plan.
pub fn temp_prefix(file_name: &str) -> String {
    format!(".{file_name}.")
}

/// Removes temp files a killed writer left beside the plan. Call only while
/// holding the plan's lock, so no live writer owns them.
pub fn remove_stale_temps(path: &Path) -> usize {
    let dir = parent_dir(path);
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let prefix = temp_prefix(&name);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && n.ends_with(".tmp")
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// The folder holding `path` (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Gives the new file the permissions of the one it replaces (temp files
/// are created private), or the usual 0644 for a new plan.
fn keep_permissions(path: &Path, temp: &std::fs::File) {
    let perms = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::Permissions::from_mode(0o644)
            }
            #[cfg(not(unix))]
            {
                return;
            }
        }
    };
    let _ = temp.set_permissions(perms);
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    // Windows has no directory fsync; the rename itself is durable there.
    Ok(())
}
