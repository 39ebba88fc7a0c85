//! 报送: making the departments' forms, importing their returns (with the
//! merge preview), and 报送情况 on the dashboard. The work is the library's
//! (`commitments::returns`); these are thin dialogs over it.

mod import;
mod make;
pub mod status;

pub use import::ImportDialog;
pub use make::MakeDialog;

use super::super::app::App;
use super::super::commands::Action;

pub fn show(ctx: &egui::Context, app: &mut App, actions: &mut Vec<Action>) {
    make::show(ctx, app);
    import::show(ctx, app, actions);
}
