//! UI preferences kept between runs in eframe's storage (never in the plan).

use std::path::PathBuf;

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

    pub fn remember(&mut self, path: &std::path::Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }
}
