//! commitments: track the concrete commitments of a government work report.
//!
//! The library holds everything but the window: the model, plan files,
//! pace, queries and exports. The `commitments` binary puts a CLI and an
//! egui window on top of it.

pub mod display;
pub mod generate;
pub mod model;
pub mod pace;
pub mod query;
pub mod row;
pub mod search;
pub mod storage;
pub mod validate;
