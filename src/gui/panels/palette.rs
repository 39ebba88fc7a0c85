//! The command palette (Ctrl+P): every command with its shortcut, from the
//! same list that feeds the menus.

use egui::RichText;

use super::super::app::App;
use super::super::commands::{Action, Command};
use super::super::theme;
use crate::i18n::t;

#[derive(Default)]
pub struct PaletteState {
    pub query: String,
    pub selected: usize,
}

pub fn show(ctx: &egui::Context, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some(state) = &mut app.state.dialogs.palette else {
        return;
    };
    let query = state.query.to_lowercase();
    let matches: Vec<Command> = Command::ALL
        .into_iter()
        .filter(|c| c.in_palette())
        .filter(|c| {
            let name = t(lang, c.name_key());
            query.is_empty()
                || name.to_lowercase().contains(&query)
                || commitments::search::initials(name).contains(&query)
        })
        .collect();
    state.selected = state.selected.min(matches.len().saturating_sub(1));
    let mut chosen = None;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("palette")).show(ctx, |ui| {
        ui.set_width(420.0);
        let r = ui.add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text(t(lang, "palette.hint"))
                .desired_width(f32::INFINITY),
        );
        r.request_focus();
        ui.input(|i| {
            if i.key_pressed(egui::Key::ArrowDown) {
                state.selected = (state.selected + 1).min(matches.len().saturating_sub(1));
            }
            if i.key_pressed(egui::Key::ArrowUp) {
                state.selected = state.selected.saturating_sub(1);
            }
            if i.key_pressed(egui::Key::Enter) {
                chosen = matches.get(state.selected).copied();
            }
            if i.key_pressed(egui::Key::Escape) {
                close = true;
            }
        });
        ui.separator();
        if matches.is_empty() {
            ui.label(RichText::new(t(lang, "palette.none")).color(theme::MUTED));
        }
        for (i, c) in matches.iter().enumerate() {
            ui.horizontal(|ui| {
                let r = ui.selectable_label(i == state.selected, t(lang, c.name_key()));
                if r.clicked() {
                    chosen = Some(*c);
                }
                if let Some(s) = c.shortcut() {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(RichText::new(ui.ctx().format_shortcut(&s)).color(theme::MUTED));
                    });
                }
            });
        }
    });
    if let Some(c) = chosen {
        app.state.dialogs.palette = None;
        if c != Command::Palette {
            actions.push(Action::Run(c));
        }
    } else if close {
        app.state.dialogs.palette = None;
    }
}
