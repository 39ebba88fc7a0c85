//! UI preferences kept between runs in eframe's storage (never in the plan).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use commitments::query::{Filter, SortKey};

use crate::i18n::Lang;

pub const STORAGE_KEY: &str = "commitments.prefs";
const RECENT_MAX: usize = 8;

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub filter: Filter,
    pub sort: SortKey,
    pub descending: bool,
    /// Plans opened lately, newest first.
    pub recent: Vec<PathBuf>,
    pub view: MainView,
    pub dashboard_role: commitments::summary::Role,
    /// Who the change journal names for this window's changes; empty: not
    /// asked yet (then the system account name).
    pub user: String,
    /// What is kept per plan, keyed by the plan file's full path
    /// ([`plan_key`]): its filters, and the notes the user dismissed.
    pub plans: BTreeMap<String, PlanPrefs>,
    /// The folder an export was last written to.
    pub export_dir: Option<PathBuf>,
}

/// Preferences of one plan.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PlanPrefs {
    pub filter: Filter,
    /// The hash of the notes whose banner was dismissed (changed notes show again).
    pub notes_dismissed: Option<u64>,
}

/// The key of a plan in [`Prefs::plans`]: its full path.
pub fn plan_key(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_owned())
        .display()
        .to_string()
}

/// The hash by which dismissed notes are recognised.
pub fn notes_hash(notes: &str) -> u64 {
    commitments::model::stable_hash(notes.as_bytes())
}

/// What the centre of the window shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MainView {
    /// 台账
    #[default]
    Ledger,
    /// 总览
    Dashboard,
}

impl Prefs {
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Prefs {
        storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default()
    }

    /// Keeps the filter in force as `path`'s (when leaving it or saving prefs).
    pub fn keep_filter(&mut self, path: &Path) {
        let filter = self.filter.clone();
        self.plans.entry(plan_key(path)).or_default().filter = filter;
    }

    /// Takes up `path`'s own filter: the one kept for it, else none (a plan
    /// opened for the first time is not filtered by another plan's choices).
    /// The first plan of a session keeps a filter saved before filters were
    /// kept per plan (`first`).
    pub fn take_filter(&mut self, path: &Path, first: bool) {
        if let Some(kept) = self.plans.get(&plan_key(path)) {
            self.filter = kept.filter.clone();
        } else if !(first && self.plans.is_empty()) {
            self.filter = Filter::default();
        }
    }

    /// Whether the banner for these notes of `path` was dismissed.
    pub fn notes_dismissed(&self, path: &Path, notes: &str) -> bool {
        self.plans
            .get(&plan_key(path))
            .and_then(|p| p.notes_dismissed)
            == Some(notes_hash(notes))
    }

    pub fn dismiss_notes(&mut self, path: &Path, notes: &str) {
        self.plans
            .entry(plan_key(path))
            .or_default()
            .notes_dismissed = Some(notes_hash(notes));
    }

    pub fn remember(&mut self, path: &std::path::Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }
}
