//! The panels of the window. Each reads the app and pushes actions; none
//! changes the plan itself.

pub mod banners;
pub mod changes;
pub mod charts;
pub mod dashboard;
pub mod departments;
pub mod detail;
pub mod dialogs;
pub mod export_dialog;
pub mod file_dialog;
pub mod filters;
pub mod journal;
pub mod ledger;
pub mod load_error;
pub mod notices_dialog;
pub mod opening;
pub mod palette;
pub mod plan_info;
pub mod report;
pub mod returns;
pub mod review;
pub mod status_bar;
pub mod top_bar;
