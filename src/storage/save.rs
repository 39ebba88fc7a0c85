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
    refuse_unloadable(plan, path)?;
    let text = super::format::to_ron(plan).map_err(|e| StorageError::Serialize {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    refuse_too_large(&text, path)?;
    write_journal(plan, path)?;
    write_atomically(path, text.as_bytes(), hooks, true)
}

/// Writes the change journal's records of this version, before the plan
/// that names them (see `journal`): every way of saving a plan goes here.
pub fn write_journal(plan: &Plan, path: &Path) -> Result<(), StorageError> {
    crate::journal::write_pending(path, plan).map_err(|e| {
        StorageError::io(
            crate::journal::journal_path(path),
            "cannot write the change journal",
            e,
        )
    })
}

/// Refuses a plan the loader would refuse (a value that is not finite, a
/// low above its high, …): written, it could not be opened again, and each
/// later save would push good backups out for broken ones.
pub fn refuse_unloadable(plan: &Plan, path: &Path) -> Result<(), StorageError> {
    let problems = plan.problems();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StorageError::WouldNotLoad {
            path: path.to_owned(),
            problems,
        })
    }
}

/// Refuses plan text larger than a plan may be to be read again.
pub fn refuse_too_large(text: &str, path: &Path) -> Result<(), StorageError> {
    let max = super::load::MAX_PLAN_BYTES;
    if text.len() as u64 > max {
        return Err(StorageError::TooLarge {
            path: path.to_owned(),
            limit: format!(
                "not saved: the plan would be {} MB; plans are limited to {} MB",
                text.len() / 1_000_000,
                max / 1_000_000
            ),
        });
    }
    Ok(())
}

/// The folder and file name a write to `path` goes through; a folder is
/// refused.
fn destination(path: &Path) -> Result<(PathBuf, String), StorageError> {
    if path.is_dir() {
        return Err(StorageError::IsDirectory {
            path: path.to_owned(),
        });
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan.ron".to_owned());
    Ok((parent_dir(path), file_name))
}

/// Writes `bytes` to `path` through a temp file; with `keep_backup`, the
/// version it replaces is kept under `backups/`.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    hooks: &dyn SaveHooks,
    keep_backup: bool,
) -> Result<Saved, StorageError> {
    let (dir, file_name) = destination(path)?;
    let io = |op: &'static str| move |e| StorageError::io(path, op, e);

    hooks
        .before(SaveStep::CreateTemp)
        .map_err(io("cannot create a temporary file"))?;
    let mut temp = new_temp(path, &dir, &file_name)?;
    // From here on, an early return drops `temp`, which deletes the temp file.
    keep_permissions(path, temp.as_file());
    hooks.before(SaveStep::Write).map_err(io("cannot write"))?;
    // Through the plain file: the temp file's own writer would name its
    // random path in the error, where the user knows only the plan.
    temp.as_file_mut()
        .write_all(bytes)
        .map_err(io("cannot write"))?;
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
        Some(keep_replaced(path)?)
    } else {
        None
    };

    hooks
        .before(SaveStep::Rename)
        .map_err(io("cannot replace the plan file"))?;
    temp.persist(path).map_err(|e| {
        StorageError::io(path, "cannot replace the plan file", without_path(e.error))
    })?;
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

/// Keeps the version a save replaces. The original of a file written in an
/// older format (`format_version` below this build's) is kept tagged
/// `v<N>.`, never pruned: the file an older build can still open.
fn keep_replaced(path: &Path) -> Result<PathBuf, StorageError> {
    match on_disk_version(path) {
        Some(found) if found < crate::model::FORMAT_VERSION => {
            backup::keep_tagged(path, &format!("v{found}."))
        }
        _ => backup::keep(path),
    }
}

/// The `format_version` a plan file on disk names, read from its first
/// kilobytes (the field comes first in every file this program writes).
pub fn on_disk_version(path: &Path) -> Option<u32> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .ok()?
        .take(4096)
        .read_to_end(&mut head)
        .ok()?;
    let text = String::from_utf8_lossy(&head);
    let rest = &text[text.find("format_version")? + "format_version".len()..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Writes `bytes` to `path` through a temp file, only if no file of that
/// name exists (checked and claimed by the rename itself, so that two
/// writers cannot both take it and a crash never leaves an empty file).
/// An existing file is `AlreadyExists` in [`StorageError::Io`].
pub fn write_new_atomically(path: &Path, bytes: &[u8]) -> Result<Saved, StorageError> {
    let (dir, file_name) = destination(path)?;
    let mut temp = new_temp(path, &dir, &file_name)?;
    keep_permissions(path, temp.as_file());
    let io = |op: &'static str| move |e| StorageError::io(path, op, e);
    temp.as_file_mut()
        .write_all(bytes)
        .map_err(io("cannot write"))?;
    temp.as_file()
        .sync_all()
        .map_err(io("cannot flush to disk"))?;
    temp.persist_noclobber(path)
        .map_err(|e| StorageError::io(path, "cannot create", without_path(e.error)))?;
    sync_dir(&dir).map_err(|e| StorageError::io(&dir, "cannot flush the folder", e))?;
    Ok(Saved {
        path: path.to_owned(),
        bytes: bytes.len(),
        backup: None,
    })
}

/// A temp file beside `path`; an error names `path`, not the temp file.
fn new_temp(
    path: &Path,
    dir: &Path,
    file_name: &str,
) -> Result<tempfile::NamedTempFile, StorageError> {
    tempfile::Builder::new()
        .prefix(&temp_prefix(file_name))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            StorageError::io(
                path,
                "cannot create a temporary file in its folder",
                without_path(e),
            )
        })
}

/// The error tempfile wrapped with its random path ("… at path …"), as the
/// OS gave it.
fn without_path(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    let shown = e.to_string();
    match shown.split_once(" at path ") {
        Some((cause, _)) => std::io::Error::new(e.kind(), cause.to_owned()),
        None => e,
    }
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
