//! Reading a long journal a page at a time: one pass records where each
//! line starts (run it off the UI thread), then a page is a few seeks.
//! Filters (commitment, user, since, a set of commitments) parse each line
//! once, lightly, and can be cancelled.

use std::collections::HashSet;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use serde::Deserialize;

use super::Record;

/// Where each record starts in the journal file.
#[derive(Debug, Clone, Default)]
pub struct JournalIndex {
    path: PathBuf,
    /// Start and end (exclusive, without the newline) of each non-empty line.
    lines: Vec<(u64, u32)>,
}

/// Which records to show. Every part set must match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogFilter {
    pub id: Option<u32>,
    /// The user's name, exactly.
    pub user: Option<String>,
    /// Records on or after this day (local time of the record).
    pub since: Option<NaiveDate>,
    /// Records touching any of these commitments (a department's).
    pub ids: Option<HashSet<u32>>,
    /// Keep rollback markers (true for the plan-wide view without a filter).
    pub markers: bool,
}

impl LogFilter {
    pub fn is_empty(&self) -> bool {
        self.id.is_none() && self.user.is_none() && self.since.is_none() && self.ids.is_none()
    }
}

/// What a filter reads of a line.
#[derive(Deserialize)]
struct Light {
    #[serde(default)]
    at: String,
    #[serde(default)]
    user: String,
    #[serde(default)]
    changes: Vec<LightChange>,
    #[serde(default)]
    rollback: Option<(u64, u64)>,
}

#[derive(Deserialize)]
struct LightChange {
    #[serde(default)]
    id: Option<u32>,
}

impl JournalIndex {
    /// Scans the file once for line starts. A missing file is an empty journal.
    pub fn build(path: &Path) -> std::io::Result<JournalIndex> {
        let mut index = JournalIndex {
            path: path.to_owned(),
            lines: Vec::new(),
        };
        let mut file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(index),
            Err(e) => return Err(e),
        };
        let mut buf = vec![0u8; 1 << 20];
        let mut pos: u64 = 0;
        let mut start: u64 = 0;
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            for (i, b) in buf[..n].iter().enumerate() {
                if *b == b'\n' {
                    let end = pos + i as u64;
                    if end > start {
                        index.lines.push((start, (end - start) as u32));
                    }
                    start = end + 1;
                }
            }
            pos += n as u64;
        }
        // A last line without its newline is a torn write: left out.
        Ok(index)
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn raw(&self, file: &mut File, line: usize) -> Option<Vec<u8>> {
        let (start, len) = *self.lines.get(line)?;
        file.seek(SeekFrom::Start(start)).ok()?;
        let mut buf = vec![0; len as usize];
        file.read_exact(&mut buf).ok()?;
        Some(buf)
    }

    /// The records at these line numbers (damaged lines left out).
    pub fn read(&self, lines: &[u32]) -> Vec<(u32, Record)> {
        let Ok(mut file) = File::open(&self.path) else {
            return Vec::new();
        };
        lines
            .iter()
            .filter_map(|&l| {
                let raw = self.raw(&mut file, l as usize)?;
                serde_json::from_slice(&raw).ok().map(|r| (l, r))
            })
            .collect()
    }

    /// Line numbers of one page, newest first, without a filter.
    pub fn page_newest(&self, page: usize, per_page: usize) -> Vec<u32> {
        let n = self.lines.len();
        let end = n.saturating_sub(page * per_page);
        let start = end.saturating_sub(per_page);
        (start..end).rev().map(|l| l as u32).collect()
    }

    /// Line numbers matching `filter`, newest first. Stops early (with what
    /// it found) when `cancel` is set.
    pub fn matching(&self, filter: &LogFilter, cancel: &AtomicBool) -> Vec<u32> {
        let Ok(mut file) = File::open(&self.path) else {
            return Vec::new();
        };
        let since = filter.since.map(|d| d.format("%Y-%m-%d").to_string());
        let mut out = Vec::new();
        // Read in big sequential blocks rather than a seek per line.
        let mut block = Vec::new();
        let mut block_start = 0u64;
        for (i, &(start, len)) in self.lines.iter().enumerate() {
            if i % 4096 == 0 && cancel.load(Ordering::Relaxed) {
                break;
            }
            let end = start + len as u64;
            if start < block_start || end > block_start + block.len() as u64 {
                block_start = start;
                let want = (end - start).max(4 << 20);
                block.clear();
                if file.seek(SeekFrom::Start(start)).is_err() {
                    break;
                }
                if (&mut file).take(want).read_to_end(&mut block).is_err() {
                    break;
                }
            }
            let off = (start - block_start) as usize;
            let Some(line) = block.get(off..off + len as usize) else {
                continue;
            };
            let Ok(light) = serde_json::from_slice::<Light>(line) else {
                continue;
            };
            if light.rollback.is_some() {
                if filter.markers && filter.is_empty() {
                    out.push(i as u32);
                }
                continue;
            }
            if let Some(user) = &filter.user
                && &light.user != user
            {
                continue;
            }
            if let Some(since) = &since
                && light.at.get(..10).is_none_or(|d| d < since.as_str())
            {
                continue;
            }
            if let Some(id) = filter.id
                && !light.changes.iter().any(|c| c.id == Some(id))
            {
                continue;
            }
            if let Some(ids) = &filter.ids
                && !light
                    .changes
                    .iter()
                    .any(|c| c.id.is_some_and(|id| ids.contains(&id)))
            {
                continue;
            }
            out.push(i as u32);
        }
        out.reverse();
        out
    }

    /// Every user named in the journal (for the filter's choices).
    pub fn users(&self, cancel: &AtomicBool) -> Vec<String> {
        let all = LogFilter::default();
        let lines = self.matching(&all, cancel);
        let mut users: Vec<String> = self
            .read(&lines)
            .into_iter()
            .map(|(_, r)| r.user)
            .filter(|u| !u.is_empty())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        users.sort();
        users
    }
}
