//! The change journal as the window reads it: the file is indexed and
//! filtered on a worker thread (a journal of a million records never stalls
//! a frame), pages are read by seeking. Records not yet saved (pending in
//! the plan) are shown first.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use commitments::journal::{JournalIndex, LogFilter, Record};
use commitments::model::Plan;

/// What the worker produced for one (file length, filter).
struct Done {
    key: (PathBuf, u64, LogFilter),
    index: Arc<JournalIndex>,
    lines: Arc<Vec<u32>>,
    /// The newest record number in the file.
    last_seq: u64,
}

#[derive(Default)]
pub struct JournalView {
    /// The (path, length, filter) asked for last.
    asked: Option<(PathBuf, u64, LogFilter)>,
    result: Arc<Mutex<Option<Done>>>,
    cancel: Arc<AtomicBool>,
    /// The page shown (0: newest).
    pub page: usize,
}

pub const PER_PAGE: usize = 50;

impl JournalView {
    /// Asks for the records of `filter`; cheap when nothing changed (one
    /// `metadata` call). The window repaints when the worker is done.
    pub fn want(&mut self, plan_path: &Path, filter: &LogFilter, ctx: &egui::Context) {
        let path = commitments::journal::journal_path(plan_path);
        let len = std::fs::metadata(&path).map_or(0, |m| m.len());
        let key = (path.clone(), len, filter.clone());
        if self.asked.as_ref() == Some(&key) {
            return;
        }
        if self.asked.as_ref().is_some_and(|(_, _, f)| f != filter) {
            self.page = 0;
        }
        self.asked = Some(key.clone());
        self.cancel.store(true, Ordering::Relaxed);
        let cancel = Arc::new(AtomicBool::new(false));
        self.cancel = cancel.clone();
        let result = self.result.clone();
        // Reuse the index when only the filter changed.
        let reuse = result.lock().ok().and_then(|r| {
            r.as_ref()
                .filter(|d| d.key.0 == key.0 && d.key.1 == key.1)
                .map(|d| (d.index.clone(), d.last_seq))
        });
        let ctx = ctx.clone();
        let _ = std::thread::Builder::new()
            .name("journal-index".into())
            .spawn(move || {
                let (index, last_seq) = match reuse {
                    Some(r) => r,
                    None => {
                        let index = Arc::new(JournalIndex::build(&key.0).unwrap_or_default());
                        let last = index
                            .len()
                            .checked_sub(1)
                            .and_then(|l| index.read(&[l as u32]).pop())
                            .map_or(0, |(_, r)| r.seq);
                        (index, last)
                    }
                };
                let lines = index.matching(&key.2, &cancel);
                if cancel.load(Ordering::Relaxed) {
                    return;
                }
                if let Ok(mut r) = result.lock() {
                    *r = Some(Done {
                        key,
                        index,
                        lines: Arc::new(lines),
                        last_seq,
                    });
                }
                ctx.request_repaint();
            });
    }

    /// Whether the worker has not answered the last question yet.
    pub fn busy(&self) -> bool {
        let Ok(r) = self.result.lock() else {
            return false;
        };
        r.as_ref().map(|d| &d.key) != self.asked.as_ref()
    }

    /// The records of the current page, newest first: unsaved ones (that
    /// match `keep`) on the first page, then the file's. Also the total.
    pub fn page(
        &self,
        plan: &Plan,
        keep: impl Fn(&Record) -> bool,
    ) -> (Vec<(Record, bool)>, usize) {
        let guard = self.result.lock().ok();
        let done = guard.as_ref().and_then(|g| g.as_ref());
        let last_seq = done.map_or(0, |d| d.last_seq);
        let mut out: Vec<(Record, bool)> = Vec::new();
        let pending: Vec<Record> = plan
            .journal
            .pending
            .iter()
            .rev()
            .filter(|(seq, _)| *seq > last_seq)
            .filter_map(|(_, line)| serde_json::from_str::<Record>(line).ok())
            .filter(|r| r.rollback.is_none() && keep(r))
            .collect();
        let total = pending.len() + done.map_or(0, |d| d.lines.len());
        if self.page == 0 {
            out.extend(pending.into_iter().map(|r| (r, false)));
        }
        if let Some(d) = done {
            let start = self.page * PER_PAGE;
            let lines: Vec<u32> = d.lines.iter().skip(start).take(PER_PAGE).copied().collect();
            out.extend(d.index.read(&lines).into_iter().map(|(_, r)| (r, true)));
        }
        (out, total)
    }
}
