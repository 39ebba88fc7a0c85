//! The status bar: the plan file, and the last message (undone, exported, …).

use egui::{RichText, Ui};

use super::super::app::App;
use super::super::theme;

pub fn show(ui: &mut Ui, app: &App) {
    let Some(doc) = &app.doc else { return };
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(doc.path().display().to_string())
                        .small()
                        .color(theme::MUTED),
                )
                .truncate(),
            );
            if let Some((message, _)) = &app.state.toast {
                ui.separator();
                ui.add(egui::Label::new(RichText::new(message).small()).truncate());
            }
        });
    });
}
