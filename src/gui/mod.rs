//! The desktop window.

use std::path::PathBuf;

pub fn run(_file: Option<PathBuf>, _data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    anyhow::bail!("the window is not built yet")
}
