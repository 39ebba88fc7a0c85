//! Windows over the ledger: confirmations, the palette, departments, the
//! report text, the file chooser.

use egui::RichText;

use super::super::app::App;
use super::super::commands::Action;
use crate::i18n::{t, tr};

pub fn show(ctx: &egui::Context, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    if let Some(id) = app.state.dialogs.confirm_delete {
        let title = app
            .plan()
            .and_then(|p| p.commitments.get(&id))
            .map(|c| c.title.clone())
            .unwrap_or_default();
        let mut close = false;
        egui::Modal::new(egui::Id::unique("confirm_delete")).show(ctx, |ui| {
            ui.heading(t(lang, "delete.title"));
            ui.label(tr(lang, "delete.body", &[("title", &title)]));
            ui.horizontal(|ui| {
                if ui
                    .button(
                        RichText::new(t(lang, "delete.confirm")).color(super::super::theme::DANGER),
                    )
                    .clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Enter))
                {
                    actions.push(Action::ConfirmDelete(id));
                    close = true;
                }
                if ui.button(t(lang, "dialog.cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    close = true;
                }
            });
        });
        if close {
            app.state.dialogs.confirm_delete = None;
        }
    }
    if app.state.dialogs.confirm_close {
        let mut decision = None;
        egui::Modal::new(egui::Id::unique("confirm_close")).show(ctx, |ui| {
            ui.heading(t(lang, "close.title"));
            let (reason, _) = app.save_state_text();
            ui.label(tr(lang, "close.body", &[("reason", &reason)]));
            ui.horizontal(|ui| {
                if ui.button(t(lang, "close.save_as")).clicked() {
                    decision = Some(0);
                }
                if ui
                    .button(
                        RichText::new(t(lang, "close.discard")).color(super::super::theme::DANGER),
                    )
                    .clicked()
                {
                    decision = Some(1);
                }
                if ui.button(t(lang, "dialog.cancel")).clicked() {
                    decision = Some(2);
                }
            });
        });
        match decision {
            Some(0) => {
                app.state.dialogs.confirm_close = false;
                actions.push(Action::Run(super::super::commands::Command::SaveAs));
            }
            Some(1) => {
                app.state.dialogs.confirm_close = false;
                app.confirm_close();
            }
            Some(_) => app.state.dialogs.confirm_close = false,
            None => {}
        }
    }
    super::palette::show(ctx, app, actions);
    super::changes::show(ctx, app, actions);
    super::journal::show(ctx, app);
    super::departments::show(ctx, app, actions);
    super::report::show(ctx, app);
    super::file_dialog::show(ctx, app);
    super::export_dialog::show(ctx, app, actions);
    super::notices_dialog::show(ctx, app, actions);
    super::returns::show(ctx, app, actions);
    super::review::source::show(ctx, app);
}
