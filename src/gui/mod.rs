//! The desktop window: a ledger that people tick off, filter by department
//! and edit, in Chinese by default. It changes plans only through the
//! library's edits and writes them only through its safe storage.

mod app;
mod commands;
mod document;
mod fonts;
mod history;
mod journal_view;
mod load_failure;
mod number_input;
mod opening;
mod output_error;
mod panels;
mod prefs;
mod save_failure;
mod saver;
pub mod startup;
mod theme;
mod view;
mod widgets;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

pub use app::{App, Launch};

/// Opens the window and runs until it is closed.
pub fn run(file: Option<PathBuf>, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("督查台账 · commitments")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([900.0, 560.0]),
        persist_window: true,
        ..Default::default()
    };
    let launch = Launch { file, data_dir };
    eframe::run_native(
        "commitments",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, launch)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// Fonts and theme: what the window sets up on its context (and what a
/// headless frame in a benchmark needs too).
pub fn install_look(ctx: &egui::Context) {
    fonts::install(ctx);
    theme::apply(ctx);
}
