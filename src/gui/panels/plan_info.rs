//! The plan's notes (that the departments are a draft to confirm, what the
//! report text is missing): a banner on first open that can be dismissed,
//! and 文件 → 计划信息… with the plan's particulars and its notes in full.

use egui::{RichText, Ui};

use super::super::app::App;
use super::super::theme;
use crate::i18n::{t, tr};

/// The notes banner under the top bar, until dismissed for these notes.
pub fn banner(ui: &mut Ui, app: &mut App) {
    let lang = app.lang();
    let Some(doc) = &app.doc else { return };
    let notes = doc.plan().notes.trim().to_owned();
    let path = doc.path().to_owned();
    if notes.is_empty() || app.prefs.notes_dismissed(&path, &notes) {
        return;
    }
    let mut dismiss = false;
    let mut more = false;
    egui::Panel::top("notes_banner")
        .frame(
            egui::Frame::new()
                .fill(theme::BANNER_INFO_BG)
                .inner_margin(8),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(t(lang, "notes.banner"))
                        .strong()
                        .color(egui::Color32::BLACK),
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    dismiss = ui.button(t(lang, "notes.dismiss")).clicked();
                    more = ui.button(t(lang, "cmd.plan_info")).clicked();
                    ui.add(
                        egui::Label::new(RichText::new(&notes).color(egui::Color32::BLACK))
                            .truncate(),
                    )
                    .on_hover_text(&notes);
                });
            });
        });
    if more {
        app.state.dialogs.plan_info = true;
    }
    if dismiss {
        app.prefs.dismiss_notes(&path, &notes);
    }
}

/// 计划信息: title, issuer, year, file, counts, the source report, the notes.
pub fn dialog(ctx: &egui::Context, app: &mut App) {
    if !app.state.dialogs.plan_info {
        return;
    }
    let lang = app.lang();
    let Some(doc) = &app.doc else { return };
    let plan = doc.plan();
    let mut open = true;
    let mut close = false;
    let area = app.state.dialog_area.unwrap_or(egui::Rect::EVERYTHING);
    egui::Window::new(t(lang, "plan_info.title"))
        .open(&mut open)
        .default_size([560.0, 420.0])
        .constrain_to(area)
        .default_pos(area.left_top() + egui::vec2(40.0, 20.0))
        .show(ctx, |ui| {
            egui::Grid::new("plan_info_grid")
                .num_columns(2)
                .spacing([16.0, 6.0])
                .show(ui, |ui| {
                    let rows = [
                        ("plan_info.plan_title", plan.title.clone()),
                        ("plan_info.issuer", plan.issuer.clone()),
                        ("plan_info.year", plan.year.to_string()),
                        ("plan_info.file", doc.path().display().to_string()),
                        (
                            "plan_info.counts",
                            tr(
                                lang,
                                "plan_info.counts_value",
                                &[
                                    ("n", &plan.commitments.len()),
                                    ("d", &plan.departments.len()),
                                ],
                            ),
                        ),
                        ("plan_info.report", plan.source_report.title.clone()),
                    ];
                    for (key, value) in rows {
                        ui.label(RichText::new(t(lang, key)).color(theme::MUTED));
                        ui.add(egui::Label::new(value).wrap());
                        ui.end_row();
                    }
                });
            ui.add_space(theme::GAP);
            ui.label(RichText::new(t(lang, "plan_info.notes")).strong());
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    if plan.notes.trim().is_empty() {
                        ui.label(RichText::new(t(lang, "plan_info.no_notes")).color(theme::MUTED));
                    } else {
                        ui.add(egui::Label::new(plan.notes.trim()).wrap());
                    }
                });
            ui.add_space(theme::GAP);
            close = ui.button(t(lang, "dialog.ok")).clicked();
        });
    if !open || close {
        app.state.dialogs.plan_info = false;
    }
}
