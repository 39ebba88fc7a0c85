//! The centre: the ledger table with virtual rows, sortable columns and a
//! checkbox to tick commitments off.

use egui::{RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use commitments::display::report_style;
use commitments::model::Status;
use commitments::query::SortKey;
use commitments::row::target_text;

use super::super::app::App;
use super::super::commands::{Action, Command};
use super::super::theme;
use super::super::widgets::UiExt;
use crate::i18n::{label, t, tr};

const COLUMNS: [(SortKey, &str); 9] = [
    (SortKey::Status, "col.done"),
    (SortKey::Light, "col.light"),
    (SortKey::Title, "col.title"),
    (SortKey::Lead, "col.lead"),
    (SortKey::Owner, "col.owner"),
    (SortKey::Due, "col.due"),
    (SortKey::Progress, "col.progress"),
    (SortKey::Pace, "col.pace"),
    (SortKey::LastUpdate, "col.last_update"),
];

pub fn show(ui: &mut Ui, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    egui::CentralPanel::default_margins().show(ui, |ui| {
        let Some(doc) = &app.doc else { return };
        let plan = doc.plan();
        let rows = &app.view.rows;
        if rows.is_empty() {
            ui.add_space(40.0);
            ui.vertical_centered(|ui| {
                if plan.commitments.is_empty() {
                    ui.label(RichText::new(t(lang, "ledger.empty_plan")).heading());
                    if ui.button(t(lang, "cmd.new_commitment")).clicked() {
                        actions.push(Action::Run(Command::NewCommitment));
                    }
                } else {
                    ui.label(RichText::new(t(lang, "ledger.no_match")).heading());
                    if ui.button(t(lang, "cmd.clear_filters")).clicked() {
                        actions.push(Action::Run(Command::ClearFilters));
                    }
                }
            });
            return;
        }
        let scroll_to = if app.state.scroll_to_selected {
            app.state.scroll_to_selected = false;
            app.state.selected.and_then(|id| app.view.position(id))
        } else {
            None
        };
        // Text in rows must not swallow the clicks that select a row.
        ui.style_mut().interaction.selectable_labels = false;
        // A narrow window scrolls the table sideways rather than cutting columns.
        egui::ScrollArea::horizontal().show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .striped(true)
                .resizable(true)
                .sense(Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(40.0))
                .column(Column::exact(34.0))
                .column(Column::remainder().at_least(200.0).clip(true))
                .column(Column::initial(110.0).clip(true))
                .column(Column::initial(70.0).clip(true))
                .column(Column::initial(92.0))
                .column(Column::initial(170.0))
                .column(Column::initial(64.0))
                .column(Column::initial(92.0));
            if let Some(row) = scroll_to {
                table = table.scroll_to_row(row, Some(egui::Align::Center));
            }
            let today = app.as_of;
            table
                .header(24.0, |mut header| {
                    for (key, name) in COLUMNS {
                        header.col(|ui| {
                            let active = app.prefs.sort == key;
                            let arrow = match (active, app.prefs.descending) {
                                (true, false) => " ▲",
                                (true, true) => " ▼",
                                _ => "",
                            };
                            let text = format!("{}{arrow}", t(lang, name));
                            if ui
                                .add(egui::Button::new(RichText::new(text).strong()).frame(false))
                                .clicked()
                            {
                                if active {
                                    app.prefs.descending = !app.prefs.descending;
                                } else {
                                    app.prefs.sort = key;
                                    app.prefs.descending = false;
                                }
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(theme::ROW_HEIGHT, rows.len(), |mut row| {
                        let r = rows[row.index()];
                        let Some(c) = plan.commitments.get(&r.id) else {
                            return;
                        };
                        let a = r.assessment;
                        row.set_selected(app.state.selected == Some(r.id));
                        row.col(|ui| {
                            let mut done = c.status == Status::Done;
                            let name = tr(lang, "ledger.tick_label", &[("title", &c.title)]);
                            let response = ui.add(egui::Checkbox::without_text(&mut done));
                            response.widget_info(|| {
                                egui::WidgetInfo::selected(egui::Role::CheckBox, true, done, &name)
                            });
                            if response.changed() {
                                actions.push(if done {
                                    Action::Tick(r.id)
                                } else {
                                    Action::Untick(r.id)
                                });
                            }
                        });
                        row.col(|ui| {
                            let dot = ui.light_dot(lang, a.light);
                            if let Some(w) = a.warning {
                                // Which rule fired (逾期未启动 / 久未更新).
                                let _ = dot.on_hover_text(label::warning(lang, w));
                            }
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(&c.title).truncate())
                                .on_hover_text(&c.source_quote);
                        });
                        row.col(|ui| {
                            let lead = c.lead.as_ref().map_or("", |d| plan.dept_short_name(d));
                            ui.add(egui::Label::new(lead).truncate());
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(&c.owner).truncate());
                        });
                        row.col(|ui| {
                            let due = plan.due_of(c);
                            let overdue = due < today
                                && !matches!(a.status, Status::Done | Status::Suspended);
                            let text = RichText::new(due.to_string());
                            ui.label(if overdue {
                                text.color(theme::DANGER)
                            } else {
                                text
                            });
                        });
                        row.col(|ui| {
                            let text = match (c.kind.target(), a.current) {
                                (Some(t), Some(v)) => {
                                    format!("{} / {}", report_style(v, &t.unit), target_text(t))
                                }
                                (Some(t), None) => format!("— / {}", target_text(t)),
                                _ => a
                                    .progress_percent
                                    .map(|p| format!("{p:.0}%"))
                                    .unwrap_or_default(),
                            };
                            if a.progress_percent.is_some_and(|p| p >= 1.0) {
                                ui.progress_bar(
                                    a.progress_percent,
                                    &text,
                                    theme::light_color(a.light),
                                );
                            } else {
                                ui.label(RichText::new(text).color(theme::MUTED));
                            }
                        });
                        row.col(|ui| {
                            let _ = match a.warning {
                                Some(w) => ui.label(format!(
                                    "{}（{}）",
                                    label::pace(lang, a.pace),
                                    label::warning(lang, w)
                                )),
                                None => ui.label(label::pace(lang, a.pace)),
                            };
                        });
                        row.col(|ui| {
                            let last = commitments::query::last_update(c);
                            ui.label(
                                RichText::new(last.map(|d| d.to_string()).unwrap_or_default())
                                    .color(theme::MUTED),
                            );
                        });
                        let response = row.response();
                        if response.clicked() {
                            actions.push(Action::Select(r.id));
                        }
                        if response.double_clicked() {
                            actions.push(Action::Select(r.id));
                            actions.push(Action::Run(Command::OpenDetail));
                        }
                    });
                });
        });
    });
}
