//! 变更记录: the plan-wide change history (filters: who, since, department;
//! paged), and one record as both it and the detail panel's tab show it.

use std::collections::HashSet;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use commitments::journal::{self, LogFilter, Record};
use commitments::model::{DeptId, Plan};

use super::super::app::App;
use super::super::journal_view::{JournalView, PER_PAGE};
use super::super::theme;
use crate::i18n::{Lang, t, tr};

#[derive(Default)]
pub struct JournalWindow {
    pub view: JournalView,
    pub user: String,
    pub since: String,
    pub department: Option<DeptId>,
}

/// One record: number, time, who, action, what it touched, its changes
/// (`only`: those of one commitment).
pub fn record_ui(ui: &mut Ui, lang: Lang, plan: &Plan, r: &Record, saved: bool, only: Option<u32>) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let at = r.at.get(..16).unwrap_or(&r.at).replace('T', " ");
        if let Some((from, to)) = r.rollback {
            ui.label(
                RichText::new(format!(
                    "#{}  {at}  {}",
                    r.seq,
                    tr(lang, "journal.rollback", &[("from", &from), ("to", &to)])
                ))
                .color(theme::MUTED),
            );
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("#{}", r.seq)).color(theme::MUTED));
            ui.label(at);
            ui.label(RichText::new(&r.user).strong());
            ui.label(&r.action);
            if !saved {
                ui.label(
                    RichText::new(t(lang, "journal.unsaved"))
                        .color(theme::JOURNAL_UNSAVED)
                        .small(),
                );
            }
        });
        if only.is_none() {
            let ids: Vec<String> = r
                .ids()
                .take(5)
                .map(|id| {
                    let title = plan
                        .commitments
                        .get(&commitments::model::CommitmentId(id))
                        .map_or("", |c| c.title.as_str());
                    format!("{id} {title}")
                })
                .collect();
            let text = if ids.is_empty() {
                t(lang, "journal.plan_wide").to_owned()
            } else {
                ids.join("；")
            };
            ui.label(RichText::new(text).small());
        }
        for c in r
            .changes
            .iter()
            .filter(|c| only.is_none_or(|id| c.id == Some(id)))
            .take(8)
        {
            ui.label(
                RichText::new(journal::change_text(c))
                    .small()
                    .color(theme::MUTED),
            );
        }
    });
}

/// The pager under a list: previous, page n of m, next.
pub fn pager(ui: &mut Ui, lang: Lang, view: &mut JournalView, total: usize) {
    let pages = total.div_ceil(PER_PAGE).max(1);
    ui.horizontal(|ui| {
        ui.label(tr(lang, "journal.count", &[("n", &total)]));
        if ui
            .add_enabled(view.page > 0, egui::Button::new(t(lang, "journal.prev")))
            .clicked()
        {
            view.page -= 1;
        }
        ui.label(tr(
            lang,
            "journal.page",
            &[("p", &(view.page + 1)), ("n", &pages)],
        ));
        if ui
            .add_enabled(
                view.page + 1 < pages,
                egui::Button::new(t(lang, "journal.next")),
            )
            .clicked()
        {
            view.page += 1;
        }
    });
}

pub fn show(ctx: &egui::Context, app: &mut App) {
    let lang = app.lang();
    let Some(state) = &mut app.state.dialogs.journal else {
        return;
    };
    let Some(doc) = &app.doc else { return };
    let plan = doc.plan();
    let mut open = true;
    egui::Window::new(t(lang, "journal.title"))
        .open(&mut open)
        .default_size([640.0, 520.0])
        .show(ctx, |ui| {
            let mut bad_date = false;
            ui.horizontal(|ui| {
                ui.label(t(lang, "journal.user"));
                ui.add(egui::TextEdit::singleline(&mut state.user).desired_width(90.0));
                ui.label(t(lang, "journal.since"));
                ui.add(
                    egui::TextEdit::singleline(&mut state.since)
                        .hint_text("2023-07-01")
                        .desired_width(96.0),
                );
                ui.label(t(lang, "journal.department"));
                let shown = state
                    .department
                    .as_ref()
                    .map_or(t(lang, "journal.all").to_owned(), |d| {
                        plan.dept_short_name(d).to_owned()
                    });
                egui::ComboBox::from_id_salt("journal_dept")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut state.department, None, t(lang, "journal.all"));
                        for d in plan.departments.values() {
                            ui.selectable_value(
                                &mut state.department,
                                Some(d.id.clone()),
                                &d.short_name,
                            );
                        }
                    });
            });
            let since = state.since.trim();
            let since = if since.is_empty() {
                None
            } else {
                match NaiveDate::parse_from_str(since, "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => {
                        bad_date = true;
                        None
                    }
                }
            };
            if bad_date {
                ui.label(
                    RichText::new(t(lang, "journal.bad_date"))
                        .color(theme::DANGER)
                        .small(),
                );
            }
            let ids: Option<HashSet<u32>> = state.department.as_ref().map(|d| {
                plan.commitments
                    .values()
                    .filter(|c| c.involves(d))
                    .map(|c| c.id.0)
                    .collect()
            });
            let user = state.user.trim();
            let filter = LogFilter {
                id: None,
                user: (!user.is_empty()).then(|| user.to_owned()),
                since,
                ids,
                markers: true,
            };
            state.view.want(doc.path(), &filter, ctx);
            let keep = |r: &Record| {
                filter.user.as_ref().is_none_or(|u| &r.user == u)
                    && filter
                        .since
                        .is_none_or(|d| r.at.get(..10).is_some_and(|a| a >= d.to_string().as_str()))
                    && filter
                        .ids
                        .as_ref()
                        .is_none_or(|ids| r.ids().any(|id| ids.contains(&id)))
            };
            let (records, total) = state.view.page(plan, keep);
            pager(ui, lang, &mut state.view, total);
            ui.separator();
            if state.view.busy() {
                ui.label(RichText::new(t(lang, "journal.loading")).color(theme::MUTED));
            }
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if records.is_empty() && !state.view.busy() {
                        ui.label(RichText::new(t(lang, "journal.empty")).color(theme::MUTED));
                    }
                    for (r, saved) in &records {
                        record_ui(ui, lang, plan, r, *saved, None);
                    }
                });
        });
    if !open {
        app.state.dialogs.journal = None;
    }
}

/// Gives the open document the user's name from the preferences.
pub fn sync_user(app: &mut App) {
    if app.prefs.user.trim().is_empty() {
        return;
    }
    if let Some(doc) = &mut app.doc
        && doc.user() != app.prefs.user.trim()
    {
        doc.set_user(&app.prefs.user);
    }
}

/// Asks once for the name the change journal records (prefilled with the
/// system account name). Not in tests: they run as the system account.
pub fn ask_user(ctx: &egui::Context, app: &mut App) {
    if cfg!(test) || !app.prefs.user.is_empty() {
        return;
    }
    let lang = app.lang();
    let id = ui_id();
    let mut name = ctx
        .data_mut(|d| d.get_temp::<String>(id))
        .unwrap_or_else(journal::default_user);
    let mut done = false;
    egui::Window::new(t(lang, "journal.title"))
        .id(id)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -40.0])
        .show(ctx, |ui| {
            ui.label(t(lang, "journal.me"));
            ui.horizontal(|ui| {
                let r = ui.text_edit_singleline(&mut name);
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button(t(lang, "journal.me_ok")).clicked() || enter {
                    done = !name.trim().is_empty();
                }
            });
        });
    if done {
        app.prefs.user = name.trim().to_owned();
    } else {
        ctx.data_mut(|d| d.insert_temp(id, name));
    }
}

fn ui_id() -> egui::Id {
    egui::Id::NULL.with("journal_ask_user")
}
