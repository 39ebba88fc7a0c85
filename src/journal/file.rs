//! The journal file: appending the records a save includes (just before the
//! plan is written), reading its tail, and checking it against the plan when
//! the plan is opened. The file is only ever appended to.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{Plan, stable_hash};

use super::record::{Change, Record};
use super::{JournalError, JournalProblem, JournalReport};

/// `<plan>.journal` beside the plan (`taiyuan-2023.ron` → `taiyuan-2023.journal`).
pub fn journal_path(plan_path: &Path) -> PathBuf {
    plan_path.with_extension("journal")
}

/// Only the sequence number of a line, read without the rest.
#[derive(Deserialize)]
struct SeqOnly {
    seq: u64,
    #[serde(default)]
    rollback: Option<(u64, u64)>,
}

fn now_text() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string()
}

/// Records one action into the plan: the line waits in the plan's pending
/// list until the next save writes it, and the plan's mark moves to it.
/// Returns the record's number, or `None` when nothing changed.
pub fn record(plan: &mut Plan, user: &str, action: &str, changes: Vec<Change>) -> Option<u64> {
    if changes.is_empty() {
        return None;
    }
    let seq = plan.journal.last_seq.max(plan.journal.seq) + 1;
    let record = Record {
        seq,
        at: now_text(),
        user: user.to_owned(),
        action: action.to_owned(),
        changes,
        rollback: None,
        note: String::new(),
    };
    push(plan, &record);
    Some(seq)
}

fn push(plan: &mut Plan, record: &Record) {
    let line = serde_json::to_string(record).unwrap_or_default();
    let mark = &mut plan.journal;
    mark.seq = record.seq;
    mark.hash = stable_hash(line.as_bytes());
    mark.last_seq = mark.last_seq.max(record.seq);
    mark.pending.push((record.seq, line));
}

/// Merges `changes` into the newest pending record (typing in one field is
/// one record, as it is one undo step), when that record is newer than
/// `handed`, the newest record any save may have seen. Returns false when
/// it cannot (the caller records anew).
pub fn amend_last(plan: &mut Plan, changes: Vec<Change>, handed: u64) -> bool {
    let Some((seq, line)) = plan.journal.pending.last() else {
        return false;
    };
    if *seq <= handed || *seq != plan.journal.seq {
        return false;
    }
    let Ok(mut record) = serde_json::from_str::<Record>(line) else {
        return false;
    };
    for change in changes {
        match record
            .changes
            .iter_mut()
            .find(|c| c.id == change.id && c.dept == change.dept && c.field == change.field)
        {
            Some(existing) => existing.new = change.new,
            None => record.changes.push(change),
        }
    }
    record.changes.retain(|c| c.old != c.new);
    record.at = now_text();
    plan.journal.pending.pop();
    if record.changes.is_empty() {
        // Typed back to where it was: the record says nothing; keep the
        // number (never reused) as an empty note so the mark stays exact.
        record.note = "无变化".into();
    }
    push(plan, &record);
    true
}

/// Drops pending records up to `seq` (a save that included them finished).
pub fn forget_written(plan: &mut Plan, seq: u64) {
    plan.journal.pending.retain(|(s, _)| *s > seq);
}

/// The end of the journal: the last complete line's number and whether a
/// torn line (a write cut short) follows it.
struct Tail {
    last_seq: Option<u64>,
    torn: bool,
}

fn read_tail(file: &mut File) -> std::io::Result<Tail> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(Tail {
            last_seq: None,
            torn: false,
        });
    }
    let mut window: u64 = 16 * 1024;
    loop {
        let start = len.saturating_sub(window);
        file.seek(SeekFrom::Start(start))?;
        let mut buf = Vec::with_capacity((len - start) as usize);
        (&mut *file).take(len - start).read_to_end(&mut buf)?;
        let torn = buf.last() != Some(&b'\n');
        let mut lines: Vec<&[u8]> = buf.split(|b| *b == b'\n').collect();
        if torn {
            lines.pop();
        } else {
            lines.pop(); // the empty piece after the final newline
        }
        let whole = start == 0;
        let first_partial = !whole;
        for (i, line) in lines.iter().enumerate().rev() {
            if i == 0 && first_partial {
                break;
            }
            if let Ok(s) = serde_json::from_slice::<SeqOnly>(line) {
                return Ok(Tail {
                    last_seq: Some(s.seq),
                    torn,
                });
            }
        }
        if whole {
            return Ok(Tail {
                last_seq: None,
                torn,
            });
        }
        window *= 4;
    }
}

/// The save hook: appends the plan's pending records that the journal does
/// not hold yet, and flushes them to disk, before the plan is written. A
/// plan with no pending record touches nothing.
pub fn write_pending(plan_path: &Path, plan: &Plan) -> std::io::Result<()> {
    if plan.journal.pending.is_empty() {
        return Ok(());
    }
    let path = journal_path(plan_path);
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(&path)?;
    let tail = read_tail(&mut file)?;
    let after = tail.last_seq.unwrap_or(0);
    let mut buf = Vec::new();
    if tail.torn {
        buf.push(b'\n');
    }
    for (seq, line) in &plan.journal.pending {
        if *seq > after {
            buf.extend_from_slice(line.as_bytes());
            buf.push(b'\n');
        }
    }
    if buf.is_empty() || buf == b"\n" {
        return Ok(());
    }
    file.write_all(&buf)?;
    file.sync_data()
}

/// Checks the journal against the plan just opened: records after the
/// plan's mark are an interrupted save (or the plan was replaced by an older
/// version) and get a rollback marker appended, when `writable`; a journal
/// that is missing, behind or damaged is reported. Never blocks opening.
/// Sets the plan's next record number.
pub fn check(plan_path: &Path, plan: &mut Plan, writable: bool) -> JournalReport {
    let path = journal_path(plan_path);
    let mut report = JournalReport {
        path: path.clone(),
        problems: Vec::new(),
    };
    let mark = plan.journal.seq;
    let mut file = match OpenOptions::new().read(true).append(writable).open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if mark > 0 {
                report
                    .problems
                    .push(JournalProblem::Missing { plan_seq: mark });
            }
            return report;
        }
        Err(e) => {
            report.problems.push(JournalProblem::Unreadable {
                message: e.to_string(),
            });
            return report;
        }
    };
    match scan_back(&mut file, mark) {
        Err(e) => report.problems.push(JournalProblem::Unreadable {
            message: e.to_string(),
        }),
        Ok(scan) => {
            plan.journal.last_seq = plan.journal.last_seq.max(scan.max_seq).max(mark);
            if scan.torn {
                report.problems.push(JournalProblem::Torn);
            }
            match scan.mark_hash {
                // A plan without a mark includes no record: any record of
                // the journal is beyond it (rolled back below).
                None if mark == 0 => {}
                None => report.problems.push(JournalProblem::Behind {
                    plan_seq: mark,
                    journal_last: scan.max_seq_before_mark,
                }),
                Some(h) if h != plan.journal.hash => {
                    report.problems.push(JournalProblem::Mismatch { seq: mark })
                }
                Some(_) => {}
            }
            let uncovered: Vec<u64> = scan
                .after
                .iter()
                .copied()
                .filter(|s| !scan.covered.iter().any(|(a, b)| a <= s && s <= b))
                .collect();
            if let (Some(&from), Some(&to)) = (uncovered.iter().min(), uncovered.iter().max()) {
                report.problems.push(JournalProblem::RolledBack {
                    from,
                    to,
                    written: writable,
                });
                if writable {
                    let seq = plan.journal.last_seq + 1;
                    let marker = Record {
                        seq,
                        at: now_text(),
                        user: String::new(),
                        action: String::new(),
                        changes: Vec::new(),
                        rollback: Some((from, to)),
                        note: "保存未完成，这些记录不在计划中".into(),
                    };
                    let mut buf = Vec::new();
                    if scan.torn {
                        buf.push(b'\n');
                    }
                    buf.extend_from_slice(
                        serde_json::to_string(&marker)
                            .unwrap_or_default()
                            .as_bytes(),
                    );
                    buf.push(b'\n');
                    match file.write_all(&buf).and_then(|_| file.sync_data()) {
                        Ok(()) => plan.journal.last_seq = seq,
                        Err(e) => report.problems.push(JournalProblem::Unreadable {
                            message: e.to_string(),
                        }),
                    }
                }
            } else if scan.torn && writable {
                // End the torn line so the next record starts on its own.
                let _ = file.write_all(b"\n").and_then(|_| file.sync_data());
            }
        }
    }
    report
}

struct Scan {
    max_seq: u64,
    max_seq_before_mark: u64,
    /// The hash of the line numbered like the plan's mark, if found.
    mark_hash: Option<u64>,
    /// Data records after the mark.
    after: Vec<u64>,
    /// Ranges already rolled back by markers after the mark.
    covered: Vec<(u64, u64)>,
    torn: bool,
}

/// Reads lines from the end back to the plan's mark (usually only the last
/// line: the cost does not grow with the journal).
fn scan_back(file: &mut File, mark: u64) -> std::io::Result<Scan> {
    let len = file.metadata()?.len();
    let mut window: u64 = 16 * 1024;
    loop {
        let start = len.saturating_sub(window);
        file.seek(SeekFrom::Start(start))?;
        let mut buf = Vec::with_capacity((len - start) as usize);
        (&*file).take(len - start).read_to_end(&mut buf)?;
        let torn = !buf.is_empty() && buf.last() != Some(&b'\n');
        let mut scan = Scan {
            max_seq: 0,
            max_seq_before_mark: 0,
            mark_hash: None,
            after: Vec::new(),
            covered: Vec::new(),
            torn,
        };
        let pieces: Vec<&[u8]> = buf.split(|b| *b == b'\n').collect();
        let n = pieces.len();
        let mut reached = false;
        for (i, line) in pieces.iter().enumerate().rev() {
            if (i == 0 && start > 0) || line.is_empty() {
                continue;
            }
            let Ok(s) = serde_json::from_slice::<SeqOnly>(line) else {
                if i + 1 < n {
                    // A damaged line inside the file: skipped, reported by readers.
                }
                continue;
            };
            scan.max_seq = scan.max_seq.max(s.seq);
            if s.seq > mark {
                match s.rollback {
                    Some(range) => scan.covered.push(range),
                    None => scan.after.push(s.seq),
                }
            } else {
                if s.seq == mark {
                    scan.mark_hash = Some(stable_hash(line));
                }
                scan.max_seq_before_mark = s.seq;
                reached = true;
                break;
            }
        }
        if reached || start == 0 {
            return Ok(scan);
        }
        window = window.saturating_mul(4);
    }
}

/// Reads every record; damaged lines are reported with their line number.
pub fn read_all(path: &Path) -> Result<(Vec<Record>, Vec<String>), JournalError> {
    let text = match std::fs::read(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => {
            return Err(JournalError::Io {
                path: path.to_owned(),
                source: e,
            });
        }
    };
    let mut records = Vec::new();
    let mut damaged = Vec::new();
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Record>(line) {
            Ok(r) => records.push(r),
            Err(e) => damaged.push(format!("{}:{}: {e}", path.display(), i + 1)),
        }
    }
    Ok((records, damaged))
}

/// The records that are in the plan: data records not rolled back.
pub fn effective(records: &[Record]) -> Vec<&Record> {
    let covered: Vec<(u64, u64)> = records.iter().filter_map(|r| r.rollback).collect();
    records
        .iter()
        .filter(|r| r.rollback.is_none())
        .filter(|r| !covered.iter().any(|(a, b)| *a <= r.seq && r.seq <= *b))
        .collect()
}
