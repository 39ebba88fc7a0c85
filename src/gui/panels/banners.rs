//! Banners under the top bar: save failures, a file changed by someone else,
//! read-only mode. They say why and offer what can be done.

use egui::{RichText, Ui};

use commitments::storage::OpenMode;

use super::super::app::App;
use super::super::commands::{Action, Command};
use super::super::document::SaveStatus;
use super::super::theme;
use crate::i18n::{t, tr};

pub fn show(ui: &mut Ui, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some(doc) = &app.doc else { return };
    let (bg, message, kind) = if app.viewing_the_past() {
        (
            theme::BANNER_WARN_BG,
            tr(lang, "banner.as_of", &[("date", &app.as_of)]),
            3,
        )
    } else if doc.is_read_only() {
        match doc.mode() {
            OpenMode::ReadOnlyFolder => (
                theme::BANNER_WARN_BG,
                t(lang, "banner.folder_read_only").to_owned(),
                4,
            ),
            OpenMode::ReadOnlyFile => (
                theme::BANNER_WARN_BG,
                t(lang, "banner.file_read_only").to_owned(),
                4,
            ),
            _ => (
                theme::BANNER_WARN_BG,
                t(lang, "banner.read_only").to_owned(),
                0,
            ),
        }
    } else {
        match &doc.status {
            SaveStatus::Failed(failure) => (
                theme::BANNER_ERROR_BG,
                tr(
                    lang,
                    "banner.save_failed",
                    &[("reason", &failure.reason(lang))],
                ),
                1,
            ),
            SaveStatus::ChangedOnDisk => (
                theme::BANNER_WARN_BG,
                t(lang, "banner.changed_on_disk").to_owned(),
                2,
            ),
            // The change journal disagreed with the plan when it was opened.
            _ if !doc.journal_problems.is_empty() => (
                theme::BANNER_WARN_BG,
                tr(
                    lang,
                    "journal.problem",
                    &[(
                        "detail",
                        &doc.journal_problems
                            .iter()
                            .map(|p| match lang {
                                crate::i18n::Lang::Zh => p.zh(),
                                crate::i18n::Lang::En => p.to_string(),
                            })
                            .collect::<Vec<_>>()
                            .join("；"),
                    )],
                ),
                5,
            ),
            _ => return,
        }
    };
    // A failed save also shows the technical detail (file, operation, cause).
    let detail = match &doc.status {
        SaveStatus::Failed(failure) if kind == 1 => Some(failure.detail.clone()),
        _ => None,
    };
    let mut reload = false;
    let mut overwrite = false;
    let mut retry = false;
    let mut back_to_today = false;
    egui::Panel::top("banner")
        .frame(egui::Frame::new().fill(bg).inner_margin(8))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(message).color(egui::Color32::BLACK));
                match kind {
                    1 => {
                        retry = ui.button(t(lang, "banner.retry")).clicked();
                        if ui.button(t(lang, "cmd.save_as")).clicked() {
                            actions.push(Action::Run(Command::SaveAs));
                        }
                    }
                    2 => {
                        reload = ui.button(t(lang, "banner.reload")).clicked();
                        overwrite = ui.button(t(lang, "banner.keep_mine")).clicked();
                        if ui.button(t(lang, "banner.keep_as_copy")).clicked() {
                            actions.push(Action::Run(Command::SaveAs));
                        }
                    }
                    3 if ui.button(t(lang, "top.today")).clicked() => {
                        back_to_today = true;
                    }
                    4 if ui.button(t(lang, "cmd.save_as")).clicked() => {
                        actions.push(Action::Run(Command::SaveAs));
                    }
                    _ => {}
                }
            });
            if let Some(detail) = &detail {
                ui.label(
                    RichText::new(detail)
                        .small()
                        .monospace()
                        .color(egui::Color32::DARK_GRAY),
                );
            }
        });
    if back_to_today {
        app.show_as_of(commitments::today());
    }
    let Some(doc) = &mut app.doc else { return };
    if retry {
        doc.save_now();
    }
    if overwrite {
        doc.overwrite_external();
    }
    if reload && let Err(e) = doc.reload() {
        app.toast(e.to_string());
    }
}
