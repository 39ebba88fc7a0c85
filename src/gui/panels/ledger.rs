//! The centre: the ledger table with virtual rows, sortable columns and a
//! checkbox to tick commitments off.

use egui::{RichText, Sense, Ui};
use egui_extras::{Column, TableBuilder};

use commitments::display::report_style;
use commitments::model::Status;
use commitments::pace::Pace;
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
        let read_only = app.is_read_only();
        // On a past date every cell shows the commitment as it stood that day.
        let past = match &app.past_plan {
            Some((_, past)) if app.viewing_the_past() => Some(past),
            _ => None,
        };
        let plan = doc.plan();
        let rows = &app.view.rows;
        // What is shown out of how many, and the filter in force, above the table.
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(tr(
                    lang,
                    "filters.shown",
                    &[("shown", &rows.len()), ("total", &plan.commitments.len())],
                ))
                .strong(),
            );
            if let Some(words) = super::filters::describe(lang, plan, &app.prefs.filter) {
                ui.add(egui::Label::new(RichText::new(&words).color(theme::MUTED)).truncate())
                    .on_hover_text(&words);
            }
        });
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
        let spacing = ui.spacing().item_spacing.x;
        let least = least_widths(ui, lang, app.prefs.sort);
        app.state.ledger_least = ledger_least(least, spacing);
        let widths = column_widths_fitting(ui.available_width(), spacing, least);
        let shown = widths.map(|w| w > 0.0);
        // Only a window too narrow even for the shrunk columns scrolls sideways.
        egui::ScrollArea::horizontal().show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .striped(true)
                .sense(Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
            for w in widths.into_iter().filter(|w| *w > 0.0) {
                table = table.column(Column::exact(w).clip(true));
            }
            if let Some(row) = scroll_to {
                table = table.scroll_to_row(row, Some(egui::Align::Center));
            }
            let today = app.as_of;
            table
                .header(24.0, |mut header| {
                    for (i, (key, name)) in COLUMNS.into_iter().enumerate() {
                        if !shown[i] {
                            continue;
                        }
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
                        let Some(c) = past
                            .and_then(|p| p.commitments.get(&r.id))
                            .or_else(|| plan.commitments.get(&r.id))
                        else {
                            return;
                        };
                        let a = r.assessment;
                        row.set_selected(app.state.selected == Some(r.id));
                        col(&mut row, shown[0], |ui| {
                            // The status as of the date shown, not today's.
                            let mut done = a.status == Status::Done;
                            let name = tr(lang, "ledger.tick_label", &[("title", &c.title)]);
                            let response =
                                ui.add_enabled(!read_only, egui::Checkbox::without_text(&mut done));
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
                        col(&mut row, shown[1], |ui| {
                            let dot = ui.light_dot(lang, a.light);
                            if let Some(w) = a.warning {
                                // Which rule fired (逾期未启动 / 久未更新).
                                let _ = dot.on_hover_text(label::warning(lang, w));
                            }
                        });
                        col(&mut row, shown[2], |ui| {
                            // Cut to the column; the whole title and quote on hover.
                            let hover = if c.source_quote.is_empty() {
                                c.title.clone()
                            } else {
                                format!("{}\n\n{}", c.title, c.source_quote)
                            };
                            ui.add(egui::Label::new(&c.title).truncate())
                                .on_hover_text(hover);
                        });
                        col(&mut row, shown[3], |ui| {
                            let lead = c.lead.as_ref().map_or("", |d| plan.dept_short_name(d));
                            ui.add(egui::Label::new(lead).truncate());
                        });
                        col(&mut row, shown[4], |ui| {
                            ui.add(egui::Label::new(&c.owner).truncate());
                        });
                        col(&mut row, shown[5], |ui| {
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
                        col(&mut row, shown[6], |ui| {
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
                        col(&mut row, shown[7], |ui| {
                            let _ = match a.warning {
                                Some(w) => ui.label(format!(
                                    "{}（{}）",
                                    label::pace(lang, a.pace),
                                    label::warning(lang, w)
                                )),
                                None => ui.label(label::pace(lang, a.pace)),
                            };
                        });
                        col(&mut row, shown[8], |ui| {
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

/// One cell of a row, when its column is shown.
fn col(row: &mut egui_extras::TableRow<'_, '_>, shown: bool, add: impl FnOnce(&mut Ui)) {
    if shown {
        row.col(add);
    }
}

/// Each column at its widest and narrowest.
const WIDE: [f32; 9] = [40.0, 34.0, 0.0, 110.0, 70.0, 92.0, 170.0, 64.0, 92.0];
const NARROW: [f32; 9] = [30.0, 28.0, 0.0, 64.0, 48.0, 84.0, 90.0, 50.0, 84.0];

/// Each column at its narrowest: [`NARROW`], or what its words need (the
/// 任务 column's least is [`TITLE_MIN`], set apart).
fn narrowest(least: [f32; 9]) -> [f32; 9] {
    std::array::from_fn(|i| if i == 2 { 0.0 } else { NARROW[i].max(least[i]) })
}

/// What the headers and the 序时 words need in the window's language (the
/// English "Done", "Light" and "Overdue" are wider than 完成, 预警, 逾期).
fn least_widths(ui: &Ui, lang: crate::i18n::Lang, sorted: SortKey) -> [f32; 9] {
    let width = |text: &str, font: egui::FontId| {
        ui.ctx().fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
                .size()
                .x
        })
    };
    let body = egui::TextStyle::Body.resolve(ui.style());
    let mut least = [0.0; 9];
    for (i, (sort, key)) in COLUMNS.iter().enumerate() {
        // The sorted column's arrow, and the cell's margin.
        let arrow = if *sort == sorted { " ▲" } else { "" };
        least[i] = width(&format!("{}{arrow}", t(lang, key)), body.clone()) + 4.0;
    }
    least[7] = Pace::ALL
        .iter()
        .map(|p| width(label::pace(lang, *p), body.clone()) + 4.0)
        .fold(least[7], f32::max);
    least
}

/// Widths of the ledger's columns (完成, 预警, 任务, 牵头单位, 责任人, 完成时限,
/// 进度, 序时, 最近填报) in `available` points; 0 for a column not shown. The
/// 任务 column takes what the others leave. When the window narrows (or the
/// detail panel opens) the other columns shrink towards their narrowest so
/// that 任务 keeps [`TITLE_WANT`]; if that is not enough, 最近填报 and then
/// 责任人 are left out (the detail panel shows them); narrower still, 任务
/// gives way down to [`TITLE_MIN`], and 进度 is left out before it would
/// go below. Only a window narrower than all that scrolls sideways.
/// No column is narrower than `least` (its header and words in the
/// window's language).
pub fn column_widths_fitting(available: f32, spacing: f32, least: [f32; 9]) -> [f32; 9] {
    let narrow = narrowest(least);
    let wide: [f32; 9] = std::array::from_fn(|i| WIDE[i].max(narrow[i]));
    let mut shown = [true; 9];
    let room =
        |shown: &[bool; 9]| available - spacing * shown.iter().filter(|s| **s).count() as f32;
    let sum = |w: &[f32; 9], shown: &[bool; 9]| {
        w.iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .map(|(w, _)| *w)
            .sum::<f32>()
    };
    // What 任务 gets with every shown column at its narrowest.
    let title_room = |shown: &[bool; 9]| room(shown) - sum(&narrow, shown);
    for (i, least) in [(8, TITLE_WANT), (4, TITLE_WANT), (6, TITLE_MIN)] {
        if title_room(&shown) >= least {
            break;
        }
        shown[i] = false;
    }
    let room = room(&shown);
    let (wide_sum, narrow_sum) = (sum(&wide, &shown), sum(&narrow, &shown));
    let title = (room - narrow_sum).clamp(TITLE_MIN, TITLE_WANT);
    let mut widths = wide;
    if room - wide_sum < title {
        // Shrink the other columns in proportion, no further than narrow.
        let t = ((room - title - narrow_sum) / (wide_sum - narrow_sum)).clamp(0.0, 1.0);
        for i in 0..9 {
            widths[i] = narrow[i] + (wide[i] - narrow[i]) * t;
        }
    }
    for i in 0..9 {
        if !shown[i] {
            widths[i] = 0.0;
        }
    }
    // The title takes what is left, even below its least: a table wider
    // than the ledger's room would be drawn over the detail panel.
    widths[2] = (room - sum(&widths, &shown)).max(TITLE_FLOOR);
    widths
}

/// The 任务 column is never narrower than this (a window too narrow for
/// that scrolls sideways).
const TITLE_FLOOR: f32 = 48.0;

/// The narrowest the ledger can be without scrolling sideways: 完成, 预警,
/// 任务 at its least, 牵头单位, 完成时限 and 序时 at their narrowest (in
/// the window's language), their spacing and the panel's margins.
pub fn ledger_least(least: [f32; 9], spacing: f32) -> f32 {
    let narrow = narrowest(least);
    [0, 1, 3, 5, 7].iter().map(|&i| narrow[i]).sum::<f32>() + TITLE_MIN + spacing * 6.0 + 24.0
}

/// What the 任务 column keeps before other columns are left out.
pub const TITLE_WANT: f32 = 200.0;

/// The narrowest the 任务 column gets before the status columns shrink.
pub const TITLE_MIN: f32 = 100.0;

#[cfg(test)]
mod tests {
    use super::*;

    /// The widths with the built-in least widths (the Chinese headers fit them).
    fn column_widths(available: f32, spacing: f32) -> [f32; 9] {
        column_widths_fitting(available, spacing, [0.0; 9])
    }

    #[test]
    fn the_title_gives_way_before_the_status_columns() {
        let fits = |w: &[f32; 9], available: f32| {
            let shown = w.iter().filter(|w| **w > 0.0).count() as f32;
            w.iter().sum::<f32>() + 8.0 * shown <= available + 0.01
        };
        // Wide: every column at its width, the title takes the rest.
        let w = column_widths(1400.0, 8.0);
        assert!(w[2] > 400.0);
        assert_eq!(w[6], 170.0);
        // Narrower: the title shrinks first, down to what it wants; then the
        // others shrink so that it keeps that (1024 px with the filters).
        let w = column_widths(950.0, 8.0);
        assert_eq!(w[6], 170.0);
        assert!(w[2] >= TITLE_WANT);
        let w = column_widths(780.0, 8.0);
        assert!(w.iter().all(|w| *w > 0.0), "every column still shown");
        assert!((w[2] - TITLE_WANT).abs() < 0.01 && fits(&w, 780.0));
        // 1360 px with the filter and detail panels open: 最近填报 is left
        // out so that the title keeps what it wants.
        let w = column_widths(690.0, 8.0);
        assert_eq!(w[8], 0.0);
        assert!(w[4] > 0.0 && w[6] > 0.0);
        assert!(w[2] >= TITLE_WANT - 0.01 && fits(&w, 690.0));
        assert!(w[5] >= 84.0, "dates stay whole");
        // 1024 px with both panels (about 420 for the ledger): 责任人 goes
        // too, and 进度 once the title would be narrower than its least.
        let w = column_widths(420.0, 8.0);
        assert_eq!((w[4], w[6], w[8]), (0.0, 0.0, 0.0));
        assert!(w[2] >= TITLE_MIN && w[5] >= 84.0 && w[7] >= 50.0 && fits(&w, 420.0));
        // Narrower still: the title gives way below its least rather than
        // the table overflowing, down to its floor.
        let w = column_widths(380.0, 8.0);
        assert!(w[2] < TITLE_MIN && fits(&w, 380.0));
        let w = column_widths(200.0, 8.0);
        assert_eq!(w[2], TITLE_FLOOR);
    }
}
