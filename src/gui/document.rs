//! The open plan: the model, its file, its undo history and its save state.
//! Every change goes through [`Document::apply`]; saving happens off the UI
//! thread shortly after the last change.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use commitments::model::{CommitmentId, Edit, EditError, Plan};
use commitments::storage::{OpenMode, PlanStore, StorageError};

use super::save_failure::SaveFailure;

use super::history::{ActionName, CoalesceKey, History};
use super::saver::{Outcome, SaveError, Saver};

/// How long after the last change the plan is saved.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(500);

/// What the top bar says about saving.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// As opened or reloaded: nothing changed, nothing saved yet.
    Unchanged,
    Saved {
        at: chrono::DateTime<chrono::Local>,
    },
    Unsaved,
    Failed(SaveFailure),
    /// Someone else changed the file: reload it, or keep ours as a new file.
    ChangedOnDisk,
}

pub struct Document {
    plan: Arc<Plan>,
    path: PathBuf,
    store: Arc<Mutex<PlanStore>>,
    saver: Saver,
    pub history: History,
    /// Bumped on every change; views recompute when it moves.
    revision: u64,
    saved_revision: u64,
    last_change: Option<Instant>,
    pub status: SaveStatus,
    /// Read-write, or read-only and why.
    mode: OpenMode,
    /// Save even though the file changed on disk (the user chose so).
    force_next: bool,
    /// The commitments each recent revision touched (`None`: possibly all),
    /// so that views update only what changed.
    touched: std::collections::VecDeque<(u64, Option<Vec<CommitmentId>>)>,
    /// Who the change journal names for this window's changes.
    user: String,
    /// The newest journal record handed to a save (never amended after).
    handed_seq: u64,
    /// The save in flight: its revision and newest journal record.
    in_flight_seq: (u64, u64),
    /// The newest journal record known written with its plan.
    saved_seq: u64,
    /// What opening found about the change journal.
    pub journal_problems: Vec<commitments::journal::JournalProblem>,
}

/// An action's name as the journal writes it: the Chinese of its i18n key.
fn action_zh(name: ActionName) -> String {
    crate::i18n::t(crate::i18n::Lang::Zh, name).to_owned()
}

/// How many revisions of touched ids are remembered.
const TOUCHED_DEPTH: usize = 64;

impl Document {
    /// Opens a plan file; a plan held by another instance, or in a folder
    /// that cannot be written, opens read-only.
    pub fn open(path: &Path, wake: impl Fn() + Send + 'static) -> Result<Document, StorageError> {
        let (store, plan) = PlanStore::open(path, true)?;
        let mode = store.mode();
        let problems = store.journal_report().problems.clone();
        let mut doc = Self::with_store(store, plan, mode, wake);
        doc.journal_problems = problems;
        Ok(doc)
    }

    /// A document for a plan that is not on disk yet; the first save creates it.
    pub fn create(
        path: &Path,
        plan: Plan,
        wake: impl Fn() + Send + 'static,
    ) -> Result<Document, StorageError> {
        if path.exists() {
            return Err(StorageError::io(
                path,
                "will not overwrite",
                std::io::Error::from(std::io::ErrorKind::AlreadyExists),
            ));
        }
        let store = PlanStore::create(path)?;
        let mut doc = Self::with_store(store, plan, OpenMode::ReadWrite, wake);
        doc.saved_revision = u64::MAX; // unsaved until written
        doc.status = SaveStatus::Unsaved;
        doc.last_change = Some(Instant::now());
        Ok(doc)
    }

    fn with_store(
        store: PlanStore,
        plan: Plan,
        mode: OpenMode,
        wake: impl Fn() + Send + 'static,
    ) -> Document {
        let path = store.path().to_owned();
        let store = Arc::new(Mutex::new(store));
        Document {
            plan: Arc::new(plan),
            path,
            saver: Saver::start(store.clone(), wake),
            store,
            history: History::default(),
            revision: 0,
            saved_revision: 0,
            last_change: None,
            status: SaveStatus::Unchanged,
            mode,
            force_next: false,
            touched: Default::default(),
            user: commitments::journal::default_user(),
            handed_seq: 0,
            in_flight_seq: (0, 0),
            saved_seq: 0,
            journal_problems: Vec::new(),
        }
    }

    /// Who the change journal names (the window's preference).
    pub fn set_user(&mut self, user: &str) {
        if !user.trim().is_empty() {
            self.user = user.trim().to_owned();
        }
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// Records what the history just did in the plan's change journal.
    fn journal(&mut self, action: String, merged: bool) {
        let changes = std::mem::take(&mut self.history.last_changes);
        let plan = Arc::make_mut(&mut self.plan);
        commitments::journal::forget_written(plan, self.saved_seq);
        if merged && commitments::journal::amend_last(plan, changes.clone(), self.handed_seq) {
            return;
        }
        commitments::journal::record(plan, &self.user, &action, changes);
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The plan, shared (cheap: a dialog keeps it while the app is borrowed).
    pub fn plan_arc(&self) -> Arc<Plan> {
        Arc::clone(&self.plan)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The commitments changed after `revision` up to now; `None` when that
    /// is not known (too long ago, or a change that may touch every one).
    pub fn touched_since(&self, revision: u64) -> Option<Vec<CommitmentId>> {
        if revision == self.revision {
            return Some(Vec::new());
        }
        let first = self.touched.front()?.0;
        if revision.wrapping_add(1) < first {
            return None;
        }
        let mut ids = Vec::new();
        for (rev, touched) in &self.touched {
            if *rev > revision {
                ids.extend(touched.as_ref()?.iter().copied());
            }
        }
        ids.sort();
        ids.dedup();
        Some(ids)
    }

    /// Replaces the filesystem seam of saves (tests inject faults).
    #[cfg(test)]
    pub fn set_save_hooks(&self, hooks: Arc<dyn commitments::storage::SaveHooks>) {
        self.saver.set_hooks(hooks);
    }

    pub fn is_read_only(&self) -> bool {
        self.mode != OpenMode::ReadWrite
    }

    /// Read-write, or read-only and why.
    pub fn mode(&self) -> OpenMode {
        self.mode
    }

    pub fn is_dirty(&self) -> bool {
        self.saved_revision != self.revision
    }

    /// Applies one user action. Refused when read-only.
    pub fn apply(
        &mut self,
        name: ActionName,
        edits: Vec<Edit>,
        coalesce: Option<CoalesceKey>,
    ) -> Result<(), EditError> {
        if self.is_read_only() {
            return Ok(());
        }
        // Department and plan-wide edits may change how every commitment
        // reads (names, thresholds); commitment edits touch only their own.
        let touched = super::history::touched(&edits);
        // Clones the plan only if the saver still holds the previous one.
        let plan = Arc::make_mut(&mut self.plan);
        self.history.apply(plan, name, edits, coalesce)?;
        let merged = self.history.last_merged;
        self.journal(action_zh(name), merged);
        self.changed(touched);
        Ok(())
    }

    pub fn undo(&mut self) -> Option<ActionName> {
        if self.is_read_only() {
            return None;
        }
        let (name, touched) = self.history.undo(Arc::make_mut(&mut self.plan))?;
        self.journal(format!("撤销：{}", action_zh(name)), false);
        self.changed(touched);
        Some(name)
    }

    pub fn redo(&mut self) -> Option<ActionName> {
        if self.is_read_only() {
            return None;
        }
        let (name, touched) = self.history.redo(Arc::make_mut(&mut self.plan))?;
        self.journal(format!("重做：{}", action_zh(name)), false);
        self.changed(touched);
        Some(name)
    }

    fn changed(&mut self, touched: Option<Vec<CommitmentId>>) {
        self.revision = self.revision.wrapping_add(1);
        self.touched.push_back((self.revision, touched));
        if self.touched.len() > TOUCHED_DEPTH {
            self.touched.pop_front();
        }
        self.last_change = Some(Instant::now());
        if !matches!(
            self.status,
            SaveStatus::ChangedOnDisk | SaveStatus::Failed(_)
        ) {
            self.status = SaveStatus::Unsaved;
        }
    }

    /// Drives autosave; call once per frame. Returns when it next needs to
    /// run, so the UI can sleep until then.
    pub fn poll(&mut self, now: Instant) -> Option<Duration> {
        if let Some(outcome) = self.saver.poll() {
            self.record(outcome);
        }
        if self.is_read_only() || !self.is_dirty() || self.saver.in_flight() {
            return None;
        }
        if matches!(
            self.status,
            SaveStatus::Failed(_) | SaveStatus::ChangedOnDisk
        ) {
            return None; // wait for the user: retry, reload, or save elsewhere
        }
        let due = self.last_change.map_or(now, |t| t + AUTOSAVE_DELAY);
        if now >= due {
            self.start_save();
            None
        } else {
            Some(due - now)
        }
    }

    fn start_save(&mut self) {
        let force = std::mem::take(&mut self.force_next);
        let seq = self.plan.journal.seq;
        if self.saver.request(self.revision, self.plan.clone(), force) {
            self.handed_seq = self.handed_seq.max(seq);
            self.in_flight_seq = (self.revision, seq);
        }
    }

    fn record(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Saved { revision } => {
                self.saved_revision = revision;
                if self.in_flight_seq.0 == revision {
                    self.saved_seq = self.saved_seq.max(self.in_flight_seq.1);
                }
                self.status = if self.is_dirty() {
                    SaveStatus::Unsaved
                } else {
                    SaveStatus::Saved {
                        at: chrono::Local::now(),
                    }
                };
            }
            Outcome::Failed { error, .. } => {
                self.status = match error {
                    SaveError::ChangedOnDisk => SaveStatus::ChangedOnDisk,
                    SaveError::Storage(e) => SaveStatus::Failed(SaveFailure::of(&e)),
                };
            }
        }
    }

    /// Saves now (Ctrl+S, retry after a failure).
    pub fn save_now(&mut self) {
        if self.is_read_only() {
            return;
        }
        if let SaveStatus::Failed(_) = self.status {
            self.status = SaveStatus::Unsaved;
        }
        if self.saver.in_flight()
            && let Some(outcome) = self.saver.wait()
        {
            self.record(outcome);
        }
        if self.is_dirty() && self.status != SaveStatus::ChangedOnDisk {
            self.start_save();
        }
    }

    /// Writes our version over a file someone else changed.
    pub fn overwrite_external(&mut self) {
        self.force_next = true;
        self.status = SaveStatus::Unsaved;
        self.start_save();
    }

    /// Re-reads the file someone else changed; our unsaved edits are dropped
    /// (the caller asks first).
    pub fn reload(&mut self) -> Result<(), StorageError> {
        let plan = {
            let mut store = self.store.lock().unwrap_or_else(|p| p.into_inner());
            store.reload()?
        };
        self.plan = Arc::new(plan);
        self.history.clear();
        self.revision = self.revision.wrapping_add(1);
        self.touched.push_back((self.revision, None));
        self.saved_revision = self.revision;
        self.status = SaveStatus::Unchanged;
        Ok(())
    }

    /// Whether the file changed on disk since we read or wrote it.
    pub fn check_external_change(&mut self) -> bool {
        let changed = self
            .store
            .try_lock()
            .map(|s| s.changed_on_disk())
            .unwrap_or(false);
        if changed && !self.saver.in_flight() {
            self.status = SaveStatus::ChangedOnDisk;
        }
        changed
    }

    /// Blocks until every change is on disk, or a save fails (closing, tests).
    pub fn flush(&mut self) -> bool {
        if let Some(outcome) = self.saver.wait() {
            self.record(outcome);
        }
        if self.is_dirty()
            && !self.is_read_only()
            && matches!(
                self.status,
                SaveStatus::Unchanged | SaveStatus::Unsaved | SaveStatus::Saved { .. }
            )
        {
            self.start_save();
            if let Some(outcome) = self.saver.wait() {
                self.record(outcome);
            }
        }
        !self.is_dirty() || self.is_read_only()
    }
}
