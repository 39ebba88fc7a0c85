//! A plan that failed to load: the error with file, line and column, the
//! newest backup to recover from, and nothing written over the broken file.

use egui::{RichText, Ui};

use super::super::app::App;
use super::super::commands::{Action, Command};
use super::super::theme;
use crate::i18n::{t, tr};

pub fn show(ui: &mut Ui, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some(failure) = &app.load_failure else {
        return;
    };
    let mut recover = None;
    egui::CentralPanel::default_margins().show(ui, |ui| {
        ui.add_space(24.0);
        ui.heading(t(lang, "load.title"));
        ui.add_space(8.0);
        ui.label(RichText::new(failure.cause.explain(lang)).strong());
        ui.add_space(8.0);
        egui::Frame::new()
            .fill(theme::BANNER_ERROR_BG)
            .inner_margin(12)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(&failure.message)
                        .monospace()
                        .color(egui::Color32::BLACK),
                );
            });
        ui.add_space(8.0);
        ui.label(tr(
            lang,
            "load.untouched",
            &[("path", &failure.path.display())],
        ));
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if let Some(backup) = &failure.newest_backup {
                if ui
                    .button(tr(
                        lang,
                        "load.open_backup",
                        &[(
                            "name",
                            &backup
                                .file_name()
                                .map(|n| n.to_string_lossy())
                                .unwrap_or_default(),
                        )],
                    ))
                    .clicked()
                {
                    recover = Some(backup.clone());
                }
            } else {
                ui.label(RichText::new(t(lang, "load.no_backup")).color(theme::MUTED));
            }
            if ui.button(t(lang, "cmd.open")).clicked() {
                actions.push(Action::Run(Command::Open));
            }
            if ui.button(t(lang, "cmd.new_plan")).clicked() {
                actions.push(Action::Run(Command::NewPlan));
            }
        });
        let others: Vec<_> = failure
            .backups
            .iter()
            .filter(|b| Some(&b.path) != failure.newest_backup.as_ref())
            .collect();
        if !others.is_empty() {
            ui.add_space(12.0);
            ui.label(RichText::new(t(lang, "load.other_backups")).strong());
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .show(ui, |ui| {
                    for b in others {
                        let when = b
                            .made
                            .map(|m| m.format("%Y-%m-%d %H:%M:%S").to_string())
                            .unwrap_or_default();
                        let name = b
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        ui.horizontal(|ui| {
                            ui.label(when);
                            if ui.link(name).clicked() {
                                recover = Some(b.path.clone());
                            }
                        });
                    }
                });
        }
    });
    if let Some(backup) = recover {
        recover_from(app, &backup);
    }
}

/// Opens a backup as a new plan file beside the broken one, which stays as it is.
fn recover_from(app: &mut App, backup: &std::path::Path) {
    let Some(failure) = &app.load_failure else {
        return;
    };
    let broken = failure.path.clone();
    match commitments::storage::load(backup) {
        Ok(plan) => {
            let stem = broken
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "plan".into());
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let target = broken.with_file_name(format!("{stem}.recovered-{stamp}.ron"));
            app.start_new(&target, plan);
        }
        Err(e) => {
            if let Some(f) = &mut app.load_failure {
                f.message = format!("{}\n\n{e}", f.message);
                if f.newest_backup.as_deref() == Some(backup) {
                    f.newest_backup = None;
                }
            }
        }
    }
}
