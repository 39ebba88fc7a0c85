//! The department registry: add, rename, merge two into one (their
//! commitments move with them).

use egui::RichText;

use commitments::model::{Department, DeptId, Edit};

use super::super::app::App;
use super::super::commands::Action;
use super::super::theme;
use crate::i18n::{t, tr};

#[derive(Default)]
pub struct DepartmentsState {
    pub new_name: String,
    pub new_short: String,
    pub merge_from: Option<DeptId>,
    pub merge_into: Option<DeptId>,
    pub error: Option<String>,
}

pub fn show(ctx: &egui::Context, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some(state) = &mut app.state.dialogs.departments else {
        return;
    };
    let Some(doc) = &app.doc else { return };
    let plan = doc.plan();
    let read_only = doc.is_read_only();
    let mut open = true;
    egui::Window::new(t(lang, "dept.title"))
        .open(&mut open)
        .default_width(560.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    egui::Grid::new("departments")
                        .striped(true)
                        .num_columns(4)
                        .show(ui, |ui| {
                            ui.label(RichText::new(t(lang, "dept.name")).strong());
                            ui.label(RichText::new(t(lang, "dept.short")).strong());
                            ui.label(RichText::new(t(lang, "dept.count")).strong());
                            ui.label("");
                            ui.end_row();
                            for d in plan.departments.values() {
                                let mut renamed = d.clone();
                                let a = ui.add_enabled(
                                    !read_only,
                                    egui::TextEdit::singleline(&mut renamed.name)
                                        .desired_width(220.0),
                                );
                                let b = ui.add_enabled(
                                    !read_only,
                                    egui::TextEdit::singleline(&mut renamed.short_name)
                                        .desired_width(100.0),
                                );
                                if (a.changed() || b.changed())
                                    && !renamed.name.trim().is_empty()
                                    && !renamed.short_name.trim().is_empty()
                                {
                                    actions.push(Action::Edit {
                                        name: "action.rename_department",
                                        edits: vec![Edit::PutDepartment(renamed)],
                                        coalesce: None,
                                    });
                                }
                                if a.lost_focus() || b.lost_focus() {
                                    actions.push(Action::SealHistory);
                                }
                                let count = plan
                                    .commitments
                                    .values()
                                    .filter(|c| c.involves(&d.id))
                                    .count();
                                ui.label(count.to_string());
                                if ui.small_button(t(lang, "dept.show")).clicked() {
                                    actions.push(Action::FilterDepartment(d.id.clone()));
                                }
                                ui.end_row();
                            }
                        });
                });
            if read_only {
                return;
            }
            ui.separator();
            ui.label(RichText::new(t(lang, "dept.add")).strong());
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut state.new_name)
                        .hint_text(t(lang, "dept.name_hint"))
                        .desired_width(200.0),
                );
                ui.add(
                    egui::TextEdit::singleline(&mut state.new_short)
                        .hint_text(t(lang, "dept.short_hint"))
                        .desired_width(90.0),
                );
                if ui.button(t(lang, "dept.add_button")).clicked() {
                    let name = state.new_name.trim().to_owned();
                    let short = state.new_short.trim().to_owned();
                    if name.is_empty() || short.is_empty() {
                        state.error = Some(t(lang, "dept.need_names").to_owned());
                    } else if plan
                        .departments
                        .values()
                        .any(|d| d.name == name || d.short_name == short)
                    {
                        state.error = Some(t(lang, "dept.exists").to_owned());
                    } else {
                        let id = new_id(plan, &short);
                        actions.push(Action::Edit {
                            name: "action.add_department",
                            edits: vec![Edit::PutDepartment(Department {
                                id,
                                name,
                                short_name: short,
                            })],
                            coalesce: None,
                        });
                        state.new_name.clear();
                        state.new_short.clear();
                        state.error = None;
                    }
                }
            });
            ui.separator();
            ui.label(RichText::new(t(lang, "dept.merge")).strong());
            ui.horizontal(|ui| {
                pick(
                    ui,
                    "merge_from",
                    plan,
                    &mut state.merge_from,
                    t(lang, "dept.merge_from"),
                );
                ui.label("→");
                pick(
                    ui,
                    "merge_into",
                    plan,
                    &mut state.merge_into,
                    t(lang, "dept.merge_into"),
                );
                let ready =
                    matches!((&state.merge_from, &state.merge_into), (Some(a), Some(b)) if a != b);
                if ui
                    .add_enabled(ready, egui::Button::new(t(lang, "dept.merge_button")))
                    .clicked()
                    && let (Some(from), Some(into)) = (&state.merge_from, &state.merge_into)
                {
                    match plan.merge_departments(from, into) {
                        Ok(edits) => {
                            actions.push(Action::Edit {
                                name: "action.merge_departments",
                                edits,
                                coalesce: None,
                            });
                            state.merge_from = None;
                            state.error = None;
                        }
                        Err(e) => state.error = Some(e.to_string()),
                    }
                }
            });
            ui.label(
                RichText::new(t(lang, "dept.merge_note"))
                    .color(theme::MUTED)
                    .small(),
            );
            if let Some(e) = &state.error {
                ui.label(
                    RichText::new(tr(lang, "dept.error", &[("reason", e)])).color(theme::DANGER),
                );
            }
        });
    if !open {
        app.state.dialogs.departments = None;
    }
}

fn pick(
    ui: &mut egui::Ui,
    salt: &str,
    plan: &commitments::model::Plan,
    value: &mut Option<DeptId>,
    placeholder: &str,
) {
    let text = value.as_ref().map_or(placeholder.to_owned(), |d| {
        plan.dept_short_name(d).to_owned()
    });
    egui::ComboBox::from_id_salt(salt)
        .selected_text(text)
        .show_ui(ui, |ui| {
            for d in plan.departments.values() {
                ui.selectable_value(value, Some(d.id.clone()), &d.name);
            }
        });
}

/// A fresh id for a new department: the pinyin initials of its short name.
fn new_id(plan: &commitments::model::Plan, short: &str) -> DeptId {
    let base: String = commitments::search::initials(short)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let base = if base.is_empty() {
        "dept".to_owned()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while plan.departments.contains_key(&DeptId::new(id.clone())) {
        id = format!("{base}{n}");
        n += 1;
    }
    DeptId::new(id)
}
