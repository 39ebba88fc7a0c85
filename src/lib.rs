//! commitments: track the concrete commitments of a government work report.
//!
//! The library holds everything but the window: the model, plan files,
//! pace, queries and exports. The `commitments` binary puts a CLI and an
//! egui window on top of it.

pub mod diff;
pub mod display;
pub mod export;
pub mod extract;
pub mod generate;
pub mod model;
pub mod pace;
pub mod query;
pub mod returns;
pub mod row;
pub mod search;
pub mod snapshot;
pub mod storage;
pub mod validate;

/// Today's date. `COMMITMENTS_TODAY=YYYY-MM-DD` pins it, for tests and
/// for demonstrating a plan as of a fixed day.
pub fn today() -> chrono::NaiveDate {
    std::env::var("COMMITMENTS_TODAY")
        .ok()
        .and_then(|s| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
pub mod evidence;
pub mod import;
pub mod journal;
pub mod report_text;
pub mod summary;
