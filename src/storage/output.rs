//! The guarded writer of every file the app makes that is not the plan it
//! has open: exports, 通报 and 督办通知, forms, generated plans, report
//! texts. It never writes onto a plan, a backup or a snapshot; it writes
//! temp-file-and-rename like a plan save; it cleans the temp files a killed
//! writer left; and it replaces an existing file only when asked.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::save::{NoFaults, Saved, parent_dir, write_atomically};
use super::{PlanLock, StorageError};

/// Temp files of the app's naming older than this are taken as left by a
/// killed writer (a live one finishes a file in seconds).
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(5 * 60);

/// What an existing file is, when it must not be written over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protected {
    /// A plan file (it reads as one, or has a lock file beside it).
    Plan,
    /// A file in a plan's `backups/` folder.
    Backup,
    /// A file in a plan's `snapshots/` folder.
    Snapshot,
}

impl Protected {
    pub fn describe(self) -> &'static str {
        match self {
            Protected::Plan => "a plan file",
            Protected::Backup => "a backup of a plan",
            Protected::Snapshot => "a snapshot of a plan",
        }
    }
}

/// Writes `bytes` to `path` whole or not at all. Refuses a folder, a plan,
/// a backup or a snapshot (whatever `force` says), and an existing file
/// unless `force`.
pub fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<Saved, StorageError> {
    check_output(path, force)?;
    clean_stale_temps(&parent_dir(path));
    write_atomically(path, bytes, &NoFaults, false)
}

/// The checks of [`write_output`] alone (dialogs call it before the work).
pub fn check_output(path: &Path, force: bool) -> Result<(), StorageError> {
    if path.is_dir() {
        return Err(StorageError::OutputIsFolder {
            path: path.to_owned(),
        });
    }
    if let Some(what) = protected(path) {
        return Err(StorageError::WouldOverwrite {
            path: path.to_owned(),
            what: what.describe(),
        });
    }
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(StorageError::OutputExists {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Whether writing `path` would replace something the app must keep: the
/// path as given and, through links, the file it reaches.
pub fn protected(path: &Path) -> Option<Protected> {
    let real = std::fs::canonicalize(path).ok();
    std::iter::once(path.to_owned())
        .chain(real)
        .find_map(|p| protected_one(&p))
}

fn protected_one(path: &Path) -> Option<Protected> {
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    match folder.as_deref() {
        Some("backups") => return Some(Protected::Backup),
        Some("snapshots") => return Some(Protected::Snapshot),
        _ => {}
    }
    if PlanLock::lock_path(path).exists() || looks_like_plan(path) {
        return Some(Protected::Plan);
    }
    None
}

/// Whether the file at `path` starts like a plan file (its first
/// kilobytes name a `format_version`). Only regular files are read.
pub fn looks_like_plan(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let Ok(file) = std::fs::File::open(path) else {
        // Unreadable: a `.ron` is taken for a plan, to be safe.
        return path.extension().is_some_and(|e| e == "ron");
    };
    let mut head = Vec::with_capacity(8192);
    if file.take(8192).read_to_end(&mut head).is_err() {
        return path.extension().is_some_and(|e| e == "ron");
    }
    let text = String::from_utf8_lossy(&head);
    text.contains("format_version")
}

/// Whether `name` is one of the app's temp files: `.<name>.XXXXXX.tmp`.
pub fn is_app_temp(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    match inner.rsplit_once('.') {
        Some((stem, random)) => {
            !stem.is_empty()
                && random.len() == 6
                && random.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    }
}

/// Removes the app's temp files in `dir` older than [`STALE_TEMP_AGE`]
/// (left by a writer that was killed). Returns how many went.
pub fn clean_stale_temps(dir: &Path) -> usize {
    clean_temps_older_than(dir, STALE_TEMP_AGE)
}

/// [`clean_stale_temps`] with a chosen age (tests).
pub fn clean_temps_older_than(dir: &Path, age: Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    entries
        .flatten()
        .filter(|e| is_app_temp(&e.file_name().to_string_lossy()))
        .filter(|e| {
            e.metadata().ok().is_some_and(|m| {
                m.is_file()
                    && m.modified()
                        .ok()
                        .and_then(|t| now.duration_since(t).ok())
                        .is_some_and(|d| d >= age)
            })
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// The paths of `dir`'s stale temp files (for messages and tests).
pub fn stale_temps(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| is_app_temp(&e.file_name().to_string_lossy()))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names() {
        assert!(is_app_temp(".plan.ron.a1B2c3.tmp"));
        assert!(is_app_temp(".p.2023-06-30.ron.abcdef.tmp"));
        assert!(!is_app_temp("plan.ron.abcdef.tmp"));
        assert!(!is_app_temp(".plan.ron.lock"));
        assert!(!is_app_temp(".abcdef.tmp"));
        assert!(!is_app_temp(".x.abc.tmp"));
    }

    #[test]
    fn refuses_plans_backups_snapshots_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("p.ron");
        std::fs::write(&plan, "(format_version: 1, title: \"x\")").unwrap();
        let e = write_output(&plan, b"a,b", true).unwrap_err();
        assert!(e.to_string().contains("a plan file"), "{e}");
        for sub in ["backups", "snapshots"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
            let f = dir.path().join(sub).join("p.x.ron");
            assert!(write_output(&f, b"x", true).is_err());
        }
        let e = write_output(dir.path(), b"x", true).unwrap_err();
        assert!(e.to_string().contains("folder"), "{e}");
        let out = dir.path().join("out.csv");
        write_output(&out, b"1", false).unwrap();
        assert!(write_output(&out, b"2", false).is_err());
        write_output(&out, b"2", true).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"2");
    }
}
