//! The window while a large plan is being read: which file, how big, how long.

use egui::{RichText, Ui};

use super::super::app::App;
use super::super::theme;
use crate::i18n::tr;

pub fn show(ui: &mut Ui, app: &App) {
    let lang = app.lang();
    let Some(opening) = &app.opening else { return };
    let name = opening
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    egui::CentralPanel::default_margins().show(ui, |ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.vertical_centered(|ui| {
            ui.spinner();
            ui.add_space(8.0);
            ui.heading(tr(lang, "opening.title", &[("name", &name)]));
            ui.label(
                RichText::new(tr(
                    lang,
                    "opening.detail",
                    &[
                        ("mb", &format!("{:.0}", opening.bytes as f64 / 1_000_000.0)),
                        ("path", &opening.path.display()),
                    ],
                ))
                .color(theme::MUTED),
            );
        });
    });
}
