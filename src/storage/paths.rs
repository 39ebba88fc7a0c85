//! Where plan files live: `saves/` in the current folder when it exists (as
//! when run from the repository), otherwise the platform's data folder.
//! `--data-dir` and `COMMITMENTS_DATA_DIR` override both.

use std::path::{Path, PathBuf};

use super::StorageError;

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "COMMITMENTS_DATA_DIR";

/// The file name of the plan opened by default.
pub const DEFAULT_PLAN_FILE: &str = "taiyuan-2023.ron";

/// The shipped Taiyuan 2023 plan, built into the program so that a first run
/// anywhere can start from it. `assets/` itself is never written.
pub const SHIPPED_PLAN: &str = include_str!("../../assets/plans/taiyuan-2023.ron");

/// The folder holding plan files, by precedence: explicit override, the
/// environment variable, `./saves` if it exists, the platform's data folder.
pub fn data_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_owned();
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    let local = PathBuf::from("saves");
    if local.is_dir() {
        return local;
    }
    directories::ProjectDirs::from("", "", "commitments")
        .map(|d| d.data_dir().join("saves"))
        .unwrap_or(local)
}

/// The default plan in `dir`, created from the shipped plan on first run.
pub fn default_plan(dir: &Path) -> Result<PathBuf, StorageError> {
    let path = dir.join(DEFAULT_PLAN_FILE);
    if !path.exists() {
        std::fs::create_dir_all(dir)
            .map_err(|e| StorageError::io(dir, "cannot create the data folder", e))?;
        // Never over a plan that appeared meanwhile, and never an empty
        // file left by a crash: the rename claims the name.
        match super::save::write_new_atomically(&path, SHIPPED_PLAN.as_bytes()) {
            Ok(_) => {}
            Err(StorageError::Io { cause, .. })
                if cause.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Ok(path)
}

/// The shipped plan, parsed.
pub fn shipped_plan() -> crate::model::Plan {
    super::load::parse_checked(SHIPPED_PLAN, Path::new("assets/plans/taiyuan-2023.ron"))
        .expect("the shipped plan is valid (tested)")
}
