//! Snapshots: the plan frozen as it stood on a date, kept beside it as
//! `snapshots/<plan>.<YYYY-MM-DD>.ron`. A snapshot is a normal plan file
//! (same format, loads with [`storage::load`](crate::storage::load)), so
//! that any two of them, or one and the live plan, can be compared with
//! [`diff`](crate::diff::diff).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::Plan;
use crate::storage::StorageError;
use crate::storage::output::clean_stale_temps;
use crate::storage::save::{
    NoFaults, parent_dir, refuse_unloadable, write_atomically, write_new_atomically,
};

/// The snapshot folder of a plan: `snapshots/` beside it.
pub fn folder(plan_path: &Path) -> PathBuf {
    parent_dir(plan_path).join("snapshots")
}

fn stem(plan_path: &Path) -> String {
    plan_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".to_owned())
}

/// Where the snapshot of `date` of the plan at `plan_path` lives:
/// `<plan folder>/snapshots/<plan stem>.<YYYY-MM-DD>.ron`.
pub fn snapshot_path(plan_path: &Path, date: NaiveDate) -> PathBuf {
    folder(plan_path).join(format!(
        "{}.{}.ron",
        stem(plan_path),
        date.format("%Y-%m-%d")
    ))
}

/// The date in a snapshot's file name (`<stem>.<YYYY-MM-DD>.ron`), if it has one.
pub fn date_of(path: &Path) -> Option<NaiveDate> {
    let name = path.file_name()?.to_str()?;
    let rest = name.strip_suffix(".ron")?;
    let (stem, date) = rest.rsplit_once('.')?;
    if stem.is_empty() || date.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// Freezes `plan` as it stood on `as_of` (see [`Plan::as_of`]) into its
/// snapshot file and returns the path. An existing snapshot of that date is
/// never overwritten: [`StorageError::SnapshotExists`].
pub fn take(plan: &Plan, plan_path: &Path, as_of: NaiveDate) -> Result<PathBuf, StorageError> {
    write(plan, plan_path, as_of, false)
}

/// Like [`take`], replacing a snapshot of the same date if there is one.
pub fn take_replacing(
    plan: &Plan,
    plan_path: &Path,
    as_of: NaiveDate,
) -> Result<PathBuf, StorageError> {
    write(plan, plan_path, as_of, true)
}

fn write(
    plan: &Plan,
    plan_path: &Path,
    as_of: NaiveDate,
    replace: bool,
) -> Result<PathBuf, StorageError> {
    let path = snapshot_path(plan_path, as_of);
    let frozen = plan.as_of(as_of);
    refuse_unloadable(&frozen, &path)?;
    let text = crate::storage::format::to_ron(&frozen).map_err(|e| StorageError::Serialize {
        path: path.clone(),
        message: e.to_string(),
    })?;
    let dir = folder(plan_path);
    std::fs::create_dir_all(&dir)
        .map_err(|e| StorageError::io(&dir, "cannot create the snapshot folder", e))?;
    clean_stale_temps(&dir);
    if replace {
        write_atomically(&path, text.as_bytes(), &NoFaults, false)?;
        return Ok(path);
    }
    set_aside_damaged(plan_path, as_of);
    // The rename claims the name: two writers cannot both take it, and a
    // crash leaves no empty file behind.
    match write_new_atomically(&path, text.as_bytes()) {
        Ok(_) => Ok(path),
        Err(StorageError::Io { cause, .. })
            if cause.kind() == std::io::ErrorKind::AlreadyExists =>
        {
            Err(StorageError::SnapshotExists { path, date: as_of })
        }
        Err(e) => Err(e),
    }
}

/// A snapshot of `date` that does not load (empty, cut short by a crash
/// before snapshots were written through a temp file, damaged) is moved
/// aside to `<name>.damaged-<time>` so that a new one can be taken; a
/// snapshot that loads is left alone. Returns where the damaged one went.
pub fn set_aside_damaged(plan_path: &Path, date: NaiveDate) -> Option<PathBuf> {
    let path = snapshot_path(plan_path, date);
    if !path.is_file() || crate::storage::load(&path).is_ok() {
        return None;
    }
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S");
    let name = path.file_name()?.to_string_lossy().into_owned();
    let aside = path.with_file_name(format!("{name}.damaged-{stamp}"));
    std::fs::rename(&path, &aside).ok()?;
    Some(aside)
}

/// The plan's snapshots with their dates, newest first.
pub fn list(plan_path: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let prefix = format!("{}.", stem(plan_path));
    let Ok(entries) = std::fs::read_dir(folder(plan_path)) else {
        return Vec::new();
    };
    let mut found: Vec<(NaiveDate, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let date = name.strip_prefix(&prefix)?.strip_suffix(".ron")?;
            // Only `<stem>.<date>.ron`: not the snapshots of `plan.2024.ron`
            // when listing those of `plan.ron`.
            if date.len() != 10 {
                return None;
            }
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
            Some((date, e.path()))
        })
        .collect();
    found.sort_by_key(|(date, _)| std::cmp::Reverse(*date));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn path_and_date_go_both_ways() {
        let p = snapshot_path(Path::new("/data/taiyuan-2023.ron"), d("2023-03-31"));
        assert_eq!(p, Path::new("/data/snapshots/taiyuan-2023.2023-03-31.ron"));
        assert_eq!(date_of(&p), Some(d("2023-03-31")));
        assert_eq!(
            snapshot_path(Path::new("plan.ron"), d("2023-01-02")),
            Path::new("./snapshots/plan.2023-01-02.ron")
        );
        assert_eq!(date_of(Path::new("taiyuan-2023.ron")), None);
        assert_eq!(date_of(Path::new("plan.2023-13-01.ron")), None);
        assert_eq!(date_of(Path::new(".2023-01-01.ron")), None);
    }

    #[test]
    fn take_refuses_to_overwrite_and_list_is_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let plan_path = dir.path().join("p.ron");
        let plan = Plan::new("测试", 2023);
        let a = take(&plan, &plan_path, d("2023-03-31")).unwrap();
        let b = take(&plan, &plan_path, d("2023-06-30")).unwrap();
        assert_eq!(crate::storage::load(&a).unwrap(), plan);
        let err = take(&plan, &plan_path, d("2023-03-31")).unwrap_err();
        assert!(
            matches!(err, StorageError::SnapshotExists { .. }),
            "{err:?}"
        );
        let mut renamed = plan.clone();
        renamed.title = "改名".into();
        take_replacing(&renamed, &plan_path, d("2023-03-31")).unwrap();
        assert_eq!(crate::storage::load(&a).unwrap().title, "改名");
        // Another plan's snapshots are not this one's.
        take(&plan, &dir.path().join("p.2024.ron"), d("2023-05-01")).unwrap();
        std::fs::write(folder(&plan_path).join("p.notes.ron"), "").unwrap();
        assert_eq!(
            list(&plan_path),
            vec![(d("2023-06-30"), b), (d("2023-03-31"), a)]
        );
    }
}
