//! The top bar: menus, plan title, as-of date, save state, undo/redo, search.

use egui::{RichText, Ui};

use super::super::app::App;
use super::super::commands::{Action, Command};
use super::super::prefs::MainView;
use super::super::theme;
use super::super::widgets::date_picker;
use crate::i18n::{Lang, t, tr};

pub fn show(ui: &mut Ui, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let read_only = app.is_read_only();
    egui::Panel::top("top_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t(lang, "menu.file"), |ui| {
                for c in [
                    Command::NewPlan,
                    Command::Open,
                    Command::Save,
                    Command::SaveAs,
                    Command::Export,
                    Command::SaveSnapshot,
                    Command::FromReport,
                    Command::SupplementFromReport,
                    Command::PlanInfo,
                ] {
                    command_button(ui, lang, c, read_only, actions);
                }
                if !app.prefs.recent.is_empty() {
                    ui.menu_button(t(lang, "menu.recent"), |ui| {
                        for path in &app.prefs.recent {
                            if ui.button(path.display().to_string()).clicked() {
                                actions.push(Action::OpenPath(path.clone()));
                            }
                        }
                    });
                }
                ui.separator();
                command_button(ui, lang, Command::Quit, read_only, actions);
            });
            ui.menu_button(t(lang, "menu.edit"), |ui| {
                for c in [
                    Command::Undo,
                    Command::Redo,
                    Command::NewCommitment,
                    Command::Duplicate,
                    Command::Delete,
                    Command::ToggleDone,
                ] {
                    command_button(ui, lang, c, read_only, actions);
                }
            });
            ui.menu_button(t(lang, "menu.view"), |ui| {
                for c in [
                    Command::FocusSearch,
                    Command::ClearFilters,
                    Command::Departments,
                    Command::ShowReport,
                    Command::ChangesSince,
                    Command::ChangeLog,
                    Command::Palette,
                ] {
                    command_button(ui, lang, c, read_only, actions);
                }
                ui.separator();
                ui.label(t(lang, "menu.language"));
                for l in Lang::ALL {
                    if ui.radio(lang == l, l.native_name()).clicked() && lang != l {
                        actions.push(Action::Run(Command::SwitchLanguage));
                    }
                }
            });
            // The 报送 menu built from the command list (each command names its menu).
            {
                let menu = "menu.submit";
                ui.menu_button(t(lang, menu), |ui| {
                    for c in Command::ALL
                        .into_iter()
                        .filter(|c| c.menu_key() == Some(menu))
                    {
                        command_button(ui, lang, c, read_only, actions);
                    }
                });
            }
        });

        let mut new_as_of = None;
        let (save_text, save_bad) = app.save_state_text();
        // Search is laid out first at the right; everything else flows left
        // to right in what remains and wraps onto a second line rather than
        // running into it (down to 1024 px wide).
        // Both layouts are given one row's height, not what the panel has:
        // a layout centred in the panel's height made a wrapped bar taller
        // each frame until it filled the window.
        let row = egui::vec2(ui.available_width(), ROW_HEIGHT);
        let across = egui::Layout::right_to_left(egui::Align::Center);
        ui.allocate_ui_with_layout(row, across, |ui| {
            let Some(doc) = &app.doc else { return };
            let narrow = ui.available_width() < 1200.0;
            let search = ui.add(
                egui::TextEdit::singleline(&mut app.prefs.filter.search)
                    .hint_text(t(lang, "top.search_hint"))
                    .desired_width(if narrow { 150.0 } else { 220.0 }),
            );
            if app.state.focus_search {
                search.request_focus();
                app.state.focus_search = false;
            }
            let label = ui.label(t(lang, "top.search"));
            search.labelled_by(label.id);
            bar(ui);
            let flow = egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true);
            let rest = egui::vec2(ui.available_width(), ROW_HEIGHT);
            ui.allocate_ui_with_layout(rest, flow, |ui| {
                let title_width = if narrow { 150.0 } else { 320.0 };
                ui.allocate_ui(egui::vec2(title_width, 28.0), |ui| {
                    ui.add(egui::Label::new(RichText::new(&doc.plan().title).heading()).truncate())
                        .on_hover_text(&doc.plan().title);
                });
                bar(ui);
                ui.selectable_value(
                    &mut app.prefs.view,
                    MainView::Ledger,
                    t(lang, "top.view_ledger"),
                );
                ui.selectable_value(
                    &mut app.prefs.view,
                    MainView::Dashboard,
                    t(lang, "top.view_dashboard"),
                );
                bar(ui);
                ui.label(t(lang, "top.as_of"));
                if let Some(as_of) = date_picker(ui, "as_of", app.as_of) {
                    new_as_of = Some(as_of);
                }
                if app.as_of != commitments::today()
                    && ui.small_button(t(lang, "top.today")).clicked()
                {
                    new_as_of = Some(commitments::today());
                }
                bar(ui);
                let color = if save_bad {
                    theme::DANGER
                } else {
                    theme::MUTED
                };
                ui.label(RichText::new(&save_text).color(color));
                bar(ui);

                let undo = doc.history.undo_name();
                let redo = doc.history.redo_name();
                let undo_text = match undo {
                    Some(name) => tr(lang, "top.undo_named", &[("action", &t(lang, name))]),
                    None => t(lang, "cmd.undo").to_owned(),
                };
                if short_button(ui, undo.is_some() && !read_only, &undo_text).clicked() {
                    actions.push(Action::Run(Command::Undo));
                }
                let redo_text = match redo {
                    Some(name) => tr(lang, "top.redo_named", &[("action", &t(lang, name))]),
                    None => t(lang, "cmd.redo").to_owned(),
                };
                if short_button(ui, redo.is_some() && !read_only, &redo_text).clicked() {
                    actions.push(Action::Run(Command::Redo));
                }
                bar(ui);
                if ui.button(t(lang, "top.export")).clicked() {
                    actions.push(Action::Run(Command::Export));
                }
            });
        });
        if let Some(date) = new_as_of {
            app.show_as_of(date);
        }
    });
}

/// The height of one row of the top bar (the plan's title is a heading).
const ROW_HEIGHT: f32 = 28.0;

/// A vertical rule between groups of the top bar, one control high. (A
/// `Separator` takes the whole height it is offered: once the bar wrapped
/// onto a second line, the rules, and the bar, grew to the window's height.)
fn bar(ui: &mut Ui) {
    let size = egui::vec2(ui.spacing().item_spacing.x, ui.spacing().interact_size.y);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let stroke = ui.visuals().widgets.noninteractive.bg_stroke;
    ui.painter().vline(rect.center().x, rect.y_range(), stroke);
}

/// A menu entry for a command, with its shortcut written beside it.
/// Disabled when it would change a plan that is read-only.
pub fn command_button(
    ui: &mut Ui,
    lang: Lang,
    command: Command,
    read_only: bool,
    actions: &mut Vec<Action>,
) {
    let mut button = egui::Button::new(t(lang, command.name_key()));
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    let enabled = !(read_only && command.changes_plan());
    if ui.add_enabled(enabled, button).clicked() {
        actions.push(Action::Run(command));
        ui.close();
    }
}

/// A button whose text is cut (with "…") past [`SHORT_BUTTON_CHARS`]
/// characters, the whole text on hover and for screen readers.
fn short_button(ui: &mut Ui, enabled: bool, text: &str) -> egui::Response {
    let shown = shorten(text, SHORT_BUTTON_CHARS);
    let r = ui.add_enabled(enabled, egui::Button::new(&shown));
    let full = text.to_owned();
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &full));
    if shown != text {
        r.on_hover_text(text)
    } else {
        r
    }
}

/// Undo/redo labels longer than this are cut.
const SHORT_BUTTON_CHARS: usize = 12;

/// `text` cut to `max` characters, the last one an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}
