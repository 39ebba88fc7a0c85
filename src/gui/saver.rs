//! Saving off the UI thread: one worker, one save at a time, the newest
//! plan only. A burst of edits becomes one write.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use commitments::model::Plan;
use commitments::storage::save::{NoFaults, SaveHooks};
use commitments::storage::{PlanStore, StorageError};

/// A save the worker should do.
struct Job {
    revision: u64,
    plan: Arc<Plan>,
    /// Write even if the file changed on disk (the user chose to keep theirs).
    force: bool,
}

/// What the worker reports back.
pub enum Outcome {
    Saved { revision: u64 },
    Failed { error: SaveError },
}

pub enum SaveError {
    /// Someone else changed the file since we read or wrote it.
    ChangedOnDisk,
    Storage(StorageError),
}

/// The save worker of one open plan.
pub struct Saver {
    /// The filesystem seam of every save: no faults, except in tests.
    #[cfg_attr(not(test), expect(dead_code))]
    hooks: Arc<Mutex<Arc<dyn SaveHooks>>>,
    jobs: Sender<Job>,
    outcomes: Receiver<Outcome>,
    in_flight: bool,
}

impl Saver {
    /// Starts the worker; `wake` is called after each save so that the UI
    /// shows the result without polling.
    pub fn start(store: Arc<Mutex<PlanStore>>, wake: impl Fn() + Send + 'static) -> Saver {
        let (jobs, job_rx) = channel::<Job>();
        let (outcome_tx, outcomes) = channel();
        let hooks: Arc<Mutex<Arc<dyn SaveHooks>>> = Arc::new(Mutex::new(Arc::new(NoFaults)));
        let worker_hooks = hooks.clone();
        std::thread::Builder::new()
            .name("plan-saver".into())
            .spawn(move || {
                while let Ok(mut job) = job_rx.recv() {
                    // Only the newest plan matters.
                    while let Ok(newer) = job_rx.try_recv() {
                        job = newer;
                    }
                    let hooks = worker_hooks
                        .lock()
                        .map(|h| h.clone())
                        .unwrap_or_else(|p| p.into_inner().clone());
                    let outcome = save(&store, &job, hooks.as_ref());
                    drop(job);
                    if outcome_tx.send(outcome).is_err() {
                        break;
                    }
                    wake();
                }
            })
            .expect("spawn the save thread");
        Saver {
            hooks,
            jobs,
            outcomes,
            in_flight: false,
        }
    }

    /// Replaces the filesystem seam (tests inject disk-full and the like).
    #[cfg(test)]
    pub fn set_hooks(&self, hooks: Arc<dyn SaveHooks>) {
        if let Ok(mut h) = self.hooks.lock() {
            *h = hooks;
        }
    }

    pub fn in_flight(&self) -> bool {
        self.in_flight
    }

    /// Queues a save of `plan` at `revision`. Returns false when a save is
    /// already running: the caller tries again when it finishes.
    pub fn request(&mut self, revision: u64, plan: Arc<Plan>, force: bool) -> bool {
        if self.in_flight {
            return false;
        }
        self.in_flight = self
            .jobs
            .send(Job {
                revision,
                plan,
                force,
            })
            .is_ok();
        self.in_flight
    }

    /// The outcome of the running save, if it has finished.
    pub fn poll(&mut self) -> Option<Outcome> {
        let outcome = self.outcomes.try_recv().ok()?;
        self.in_flight = false;
        Some(outcome)
    }

    /// Waits for the running save to finish (closing the window, tests).
    pub fn wait(&mut self) -> Option<Outcome> {
        if !self.in_flight {
            return None;
        }
        let outcome = self.outcomes.recv().ok();
        self.in_flight = false;
        outcome
    }
}

fn save(store: &Mutex<PlanStore>, job: &Job, hooks: &dyn SaveHooks) -> Outcome {
    let mut store = match store.lock() {
        Ok(s) => s,
        Err(poisoned) => poisoned.into_inner(),
    };
    if !job.force && store.changed_on_disk() {
        return Outcome::Failed {
            error: SaveError::ChangedOnDisk,
        };
    }
    match store.save_with(&job.plan, hooks) {
        Ok(_) => Outcome::Saved {
            revision: job.revision,
        },
        Err(e) => Outcome::Failed {
            error: SaveError::Storage(e),
        },
    }
}
