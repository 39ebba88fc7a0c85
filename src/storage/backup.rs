//! Rotating backups: every save keeps the version it replaces under
//! `backups/<name>.<timestamp>.ron`; the newest [`KEEP`] are kept.

use std::path::{Path, PathBuf};

use super::StorageError;
use super::save::parent_dir;

/// How many backups of one plan are kept.
pub const KEEP: usize = 20;

/// The backup folder of a plan: `backups/` beside it.
pub fn folder(plan_path: &Path) -> PathBuf {
    parent_dir(plan_path).join("backups")
}

fn stem(plan_path: &Path) -> String {
    plan_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".to_owned())
}

/// Keeps the current file at `plan_path` as a new backup and prunes old ones.
pub fn keep(plan_path: &Path) -> Result<PathBuf, StorageError> {
    keep_tagged(plan_path, "")
}

/// Like [`keep`], with a tag before the timestamp (e.g. `v0.` for the
/// original of a migrated file).
pub fn keep_tagged(plan_path: &Path, tag: &str) -> Result<PathBuf, StorageError> {
    let dir = folder(plan_path);
    std::fs::create_dir_all(&dir)
        .map_err(|e| StorageError::io(&dir, "cannot create the backup folder", e))?;
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S%.3f").to_string();
    let base = format!("{}.{tag}{stamp}", stem(plan_path));
    let mut target = dir.join(format!("{base}.ron"));
    let mut n = 1;
    while target.exists() {
        target = dir.join(format!("{base}-{n}.ron"));
        n += 1;
    }
    // A hard link costs nothing and keeps the old bytes once the plan is
    // renamed over; where links are not possible, copy.
    if std::fs::hard_link(plan_path, &target).is_err() {
        std::fs::copy(plan_path, &target)
            .map_err(|e| StorageError::io(&target, "cannot write the backup", e))?;
    }
    prune(plan_path, KEEP);
    Ok(target)
}

/// The plan's backups, newest first.
pub fn list(plan_path: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}.", stem(plan_path));
    let Ok(entries) = std::fs::read_dir(folder(plan_path)) else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".ron")?;
            // Only `<stem>.<timestamp>.ron` (optionally tagged): the rest of
            // the name must be a timestamp, so that the backups of
            // `plan.2024.ron` are not taken for those of `plan.ron`.
            is_stamp(&sort_key(rest)).then(|| (sort_key(rest), e.path()))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0));
    found.into_iter().map(|(_, p)| p).collect()
}

/// Orders backups by timestamp whatever their tag.
fn sort_key(rest: &str) -> String {
    match rest.split_once('.') {
        Some((tag, stamp)) if tag.starts_with('v') => stamp.to_owned(),
        _ => rest.to_owned(),
    }
}

/// Whether `s` is a backup timestamp: `20230630T120000.123`, maybe with a
/// `-N` suffix for backups made within the same millisecond.
fn is_stamp(s: &str) -> bool {
    let (stamp, n) = match s.split_once('-') {
        Some((stamp, n)) => (stamp, Some(n)),
        None => (s, None),
    };
    let digits = |b: &[u8]| !b.is_empty() && b.iter().all(u8::is_ascii_digit);
    let b = stamp.as_bytes();
    b.len() == 19
        && digits(&b[..8])
        && b[8] == b'T'
        && digits(&b[9..15])
        && b[15] == b'.'
        && digits(&b[16..])
        && n.is_none_or(|n| digits(n.as_bytes()))
}

/// The newest backup, if any.
pub fn newest(plan_path: &Path) -> Option<PathBuf> {
    list(plan_path).into_iter().next()
}

/// Deletes all but the newest `keep` backups.
pub fn prune(plan_path: &Path, keep: usize) {
    for old in list(plan_path).into_iter().skip(keep) {
        let _ = std::fs::remove_file(old);
    }
}
