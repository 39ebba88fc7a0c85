//! Rotating backups: every save keeps the version it replaces under
//! `backups/<name>.<timestamp>.ron`. Autosave writes often, so the newest
//! [`KEEP`] alone would reach back only minutes; beyond them the newest
//! backup of each of the last [`KEEP_DAYS`] days and of each of the last
//! [`KEEP_MONTHS`] months is kept, so last week's and last month's returns
//! can still be found. Originals of migrated files (tagged) are never pruned.

use std::path::{Path, PathBuf};

use super::StorageError;
use super::save::parent_dir;

/// How many of the newest backups of one plan are kept, whatever their age.
pub const KEEP: usize = 20;
/// Days (with backups) whose newest backup is kept.
pub const KEEP_DAYS: usize = 30;
/// Months (with backups) whose newest backup is kept.
pub const KEEP_MONTHS: usize = 12;

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
    prune(plan_path);
    Ok(target)
}

/// The plan's backups, newest first.
pub fn list(plan_path: &Path) -> Vec<PathBuf> {
    listed(plan_path).into_iter().map(|b| b.path).collect()
}

/// A backup file and what its name says.
struct Listed {
    path: PathBuf,
    /// `20230630T120000.123`, maybe with `-N`.
    stamp: String,
    tagged: bool,
}

fn listed(plan_path: &Path) -> Vec<Listed> {
    let prefix = format!("{}.", stem(plan_path));
    let Ok(entries) = std::fs::read_dir(folder(plan_path)) else {
        return Vec::new();
    };
    let mut found: Vec<Listed> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".ron")?;
            // Only `<stem>.<timestamp>.ron` (optionally tagged): the rest of
            // the name must be a timestamp, so that the backups of
            // `plan.2024.ron` are not taken for those of `plan.ron`.
            let stamp = sort_key(rest);
            is_stamp(&stamp).then(|| Listed {
                path: e.path(),
                tagged: stamp.len() != rest.len(),
                stamp,
            })
        })
        .collect();
    found.sort_by(|a, b| b.stamp.cmp(&a.stamp));
    found
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

/// A backup and when it was made (from its name).
#[derive(Debug, Clone, PartialEq)]
pub struct Dated {
    pub path: PathBuf,
    pub made: Option<chrono::NaiveDateTime>,
}

/// The plan's backups with their times, newest first.
pub fn list_dated(plan_path: &Path) -> Vec<Dated> {
    listed(plan_path)
        .into_iter()
        .map(|b| Dated {
            made: chrono::NaiveDateTime::parse_from_str(
                b.stamp.split('-').next().unwrap_or(&b.stamp),
                "%Y%m%dT%H%M%S%.3f",
            )
            .ok(),
            path: b.path,
        })
        .collect()
}

/// The newest backup that loads (a broken plan saved before the save check
/// existed left broken backups in front of the good ones), with the backups
/// it passed over; `None` when none loads.
pub fn newest_loadable(plan_path: &Path) -> Option<Dated> {
    list_dated(plan_path)
        .into_iter()
        .find(|b| super::load::load(&b.path).is_ok())
}

/// Deletes the backups the retention rule (see the module) does not keep.
pub fn prune(plan_path: &Path) {
    let found = listed(plan_path);
    let stamps: Vec<&str> = found.iter().map(|b| b.stamp.as_str()).collect();
    for (b, keep) in found.iter().zip(retained(&stamps)) {
        if !keep && !b.tagged {
            let _ = std::fs::remove_file(&b.path);
        }
    }
}

/// Which of `stamps` (newest first) to keep: the newest [`KEEP`], and the
/// newest of each of the last [`KEEP_DAYS`] days and [`KEEP_MONTHS`] months.
pub fn retained(stamps: &[&str]) -> Vec<bool> {
    let mut days_seen = 0;
    let mut months_seen = 0;
    let mut last_day = "";
    let mut last_month = "";
    stamps
        .iter()
        .enumerate()
        .map(|(i, stamp)| {
            // `YYYYMMDD…`: the day is the first 8 characters, the month 6.
            let day = stamp.get(..8).unwrap_or(stamp);
            let month = stamp.get(..6).unwrap_or(stamp);
            let mut keep = i < KEEP;
            if day != last_day {
                last_day = day;
                days_seen += 1;
                keep |= days_seen <= KEEP_DAYS;
            }
            if month != last_month {
                last_month = month;
                months_seen += 1;
                keep |= months_seen <= KEEP_MONTHS;
            }
            keep
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Backups every hour, newest first, over `days` days from 2023-12-31 back.
    fn hourly(days: u32) -> Vec<String> {
        let end = chrono::NaiveDate::from_ymd_opt(2023, 12, 31).unwrap();
        (0..days)
            .flat_map(|d| {
                let day = end - chrono::Days::new(u64::from(d));
                (0..24)
                    .rev()
                    .map(move |h| format!("{}T{h:02}0000.000", day.format("%Y%m%d")))
            })
            .collect()
    }

    #[test]
    fn the_newest_twenty_then_one_per_day_then_one_per_month() {
        let stamps = hourly(400);
        let refs: Vec<&str> = stamps.iter().map(String::as_str).collect();
        let kept: Vec<&str> = refs
            .iter()
            .zip(retained(&refs))
            .filter(|(_, k)| *k)
            .map(|(s, _)| *s)
            .collect();
        // The newest 20 hours of the last day.
        assert_eq!(kept[..20], refs[..20]);
        // The last day also gave the newest; 29 more days give their 23:00.
        let daily: Vec<&&str> = kept.iter().filter(|s| s.contains("T23")).collect();
        assert!(daily.len() >= 30);
        assert!(kept.contains(&"20231202T230000.000"), "the 30th day back");
        assert!(!kept.contains(&"20231201T220000.000"));
        // Months: the newest backup of each of the last 12 months.
        for month in ["202301", "202306", "202311"] {
            assert!(kept.iter().any(|s| s.starts_with(month)), "{month}");
        }
        assert!(
            !kept.iter().any(|s| s.starts_with("202212")),
            "13th month back"
        );
        assert_eq!(kept.len(), 20 + 29 + 11);
    }

    #[test]
    fn a_burst_of_saves_on_one_day_keeps_twenty() {
        let stamps: Vec<String> = (0..50)
            .rev()
            .map(|n| format!("20230630T12{n:02}00.000"))
            .collect();
        let refs: Vec<&str> = stamps.iter().map(String::as_str).collect();
        assert_eq!(retained(&refs).iter().filter(|k| **k).count(), 20);
    }
}
