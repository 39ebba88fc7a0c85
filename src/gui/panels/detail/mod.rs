//! The right panel: every field of the selected commitment, its progress
//! log, sub-milestones and target adjustments. Each change is an action;
//! input that does not parse stays in the field with a message and never
//! reaches the plan.

mod accountability;
mod history;
mod log;
mod target;

pub use accountability::CloseForm;
pub use log::{AdjustForm, ProgressForm};

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use commitments::model::{Commitment, Edit, Field, FieldValue, Plan, Status};

use super::super::app::App;
use super::super::commands::{Action, Command};
use super::super::number_input;
use super::super::theme;
use super::super::widgets::UiExt;
use crate::i18n::{Lang, label, t, tr};

pub(super) struct Ctx<'a> {
    pub(super) lang: Lang,
    pub(super) plan: &'a Plan,
    pub(super) c: &'a Commitment,
    pub(super) actions: &'a mut Vec<Action>,
    pub(super) buffers: &'a mut HashMap<egui::Id, String>,
    pub(super) read_only: bool,
}

impl Ctx<'_> {
    pub(super) fn set(&mut self, name: &'static str, value: FieldValue) {
        let field = value.field();
        self.actions.push(Action::Edit {
            name,
            edits: vec![Edit::SetField {
                id: self.c.id,
                value,
            }],
            coalesce: Some((self.c.id, field)),
        });
    }

    pub(super) fn replace(&mut self, name: &'static str, edit: Option<Edit>) {
        if let Some(edit) = edit {
            self.actions.push(Action::Edit {
                name,
                edits: vec![edit],
                coalesce: None,
            });
        }
    }

    /// A text field bound to one field of the commitment.
    pub(super) fn text(
        &mut self,
        ui: &mut Ui,
        name: &'static str,
        current: &str,
        multiline: bool,
        make: fn(String) -> FieldValue,
    ) {
        let mut text = current.to_owned();
        let edit = if multiline {
            egui::TextEdit::multiline(&mut text)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
        } else {
            egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY)
        };
        let r = ui.add_enabled(!self.read_only, edit);
        if r.changed() {
            let text = commitments::model::text::clean(&text, multiline).into_owned();
            self.set(name, make(text));
        }
        if r.lost_focus() {
            self.actions.push(Action::SealHistory);
        }
    }

    /// A number field: what the user types is kept while it does not parse,
    /// with a message under the field; the plan only ever sees numbers.
    /// `unit` is the field's unit: typed after the number it is accepted.
    /// A value too wide for the field is shown shortened (1.0e307), in full
    /// on hover.
    pub(super) fn number(
        &mut self,
        ui: &mut Ui,
        id_salt: &str,
        current: Option<f64>,
        unit: &str,
    ) -> Option<Option<f64>> {
        let id = ui.scope_id().with(self.c.id).with(id_salt);
        let (shown, full) = match current.map(number_input::shown) {
            Some((text, full)) => (text, full),
            None => (String::new(), None),
        };
        let edited = self.buffers.get(&id).cloned();
        let mut text = edited.clone().unwrap_or(shown);
        let mut r = ui.add_enabled(
            !self.read_only,
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(120.0),
        );
        if let Some(full) = full.filter(|_| edited.is_none()) {
            r = r.on_hover_text(full);
        }
        let mut result = None;
        let parsed = number_input::read(&text, unit);
        if r.changed() {
            if let Ok(v) = parsed
                && v != current
            {
                result = Some(v);
            }
            self.buffers.insert(id, text.clone());
        }
        if let Err(problem) = &parsed {
            if self.buffers.contains_key(&id) {
                ui.field_error(&number_input::message(self.lang, problem, unit));
            }
        } else if r.lost_focus() {
            self.buffers.remove(&id);
        }
        if r.lost_focus() {
            self.actions.push(Action::SealHistory);
        }
        result
    }
}

pub fn show(ui: &mut Ui, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some(id) = app.state.selected else { return };
    let read_only = app.is_read_only();
    let Some(doc) = &app.doc else { return };
    // On a past date the panel shows the commitment as it stood that day.
    let plan = match &app.past_plan {
        Some((_, past)) if app.as_of != commitments::today() => past,
        _ => doc.plan(),
    };
    let Some(c) = plan.commitments.get(&id) else {
        return;
    };
    let state = &mut app.state;
    let as_of = app.as_of;
    let plan_path = doc.path().to_owned();
    let user = doc.user().to_owned();
    // A width restored from preferences (or dragged wide) never covers the
    // ledger: the panel leaves the ledger its least width, as the ledger
    // measured it last frame (LEDGER_MIN_WIDTH before it has).
    let room = ui.available_width();
    let ledger = theme::LEDGER_MIN_WIDTH.max(state.ledger_least);
    let max = (room - ledger).max(theme::DETAIL_PANEL_MIN_WIDTH);
    egui::Panel::right("detail")
        .resizable(true)
        .default_size(
            theme::DETAIL_PANEL_WIDTH
                .min(room * 0.4)
                .max(theme::DETAIL_PANEL_MIN_WIDTH),
        )
        .min_size(theme::DETAIL_PANEL_MIN_WIDTH)
        .max_size(max)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(tr(lang, "detail.heading", &[("id", &id)]));
                ui.status_chip(lang, c.status);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("×")
                        .on_hover_text(t(lang, "detail.close"))
                        .clicked()
                    {
                        state.selected = None;
                    }
                });
            });
            summary(ui, lang, plan, c, as_of);
            ui.horizontal(|ui| {
                ui.selectable_value(
                    &mut state.detail_history,
                    false,
                    t(lang, "detail.tab_fields"),
                );
                ui.selectable_value(
                    &mut state.detail_history,
                    true,
                    t(lang, "detail.tab_history"),
                );
            });
            if state.detail_history {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        history::show(ui, lang, plan, &plan_path, id, &mut state.detail_journal);
                    });
                return;
            }
            let mut cx = Ctx {
                lang,
                plan,
                c,
                actions,
                buffers: &mut state.number_buffers,
                read_only,
            };
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    basics(ui, &mut cx, as_of);
                    accountability::show(ui, &mut cx, &mut state.close_form, &plan_path, &user);
                    target::kind(ui, &mut cx);
                    super::charts::commitment(ui, lang, plan, c, as_of);
                    quote(ui, &mut cx);
                    log::progress_log(ui, &mut cx, &mut state.progress_form, &plan_path);
                    if c.kind.target().is_some() {
                        log::adjustments(ui, &mut cx, &mut state.adjust_form);
                    }
                    ui.section_heading(t(lang, "field.notes"));
                    cx.text(ui, "action.edit_notes", &c.notes, true, FieldValue::Notes);
                    ui.add_space(theme::GAP);
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(!read_only, egui::Button::new(t(lang, "cmd.duplicate")))
                            .clicked()
                        {
                            cx.actions.push(Action::Run(Command::Duplicate));
                        }
                        if ui
                            .add_enabled(!read_only, egui::Button::new(t(lang, "cmd.delete")))
                            .clicked()
                        {
                            cx.actions.push(Action::Run(Command::Delete));
                        }
                    });
                });
        });
}

fn basics(ui: &mut Ui, cx: &mut Ctx<'_>, as_of: NaiveDate) {
    let lang = cx.lang;
    let c = cx.c;
    let plan = cx.plan;
    egui::Grid::new("basics")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label(t(lang, "field.title"));
            cx.text(ui, "action.edit_title", &c.title, false, FieldValue::Title);
            ui.end_row();

            ui.label(t(lang, "field.section"));
            let mut section = c.section.clone();
            // Cut to the panel (a section heading can be long); in full on hover.
            egui::ComboBox::from_id_salt("section")
                .width(picker_width(ui))
                .truncate()
                .selected_text(RichText::new(&section).small())
                .show_ui(ui, |ui| {
                    for s in plan.sections() {
                        ui.selectable_value(&mut section, s.clone(), s);
                    }
                })
                .response
                .on_hover_text(&c.section);
            if section != c.section {
                cx.replace(
                    "action.edit_section",
                    Some(Edit::SetField {
                        id: c.id,
                        value: FieldValue::Section(section),
                    }),
                );
            }
            ui.end_row();

            ui.label(t(lang, "field.lead"));
            let mut lead = c.lead.clone();
            let lead_text = lead.as_ref().map_or(t(lang, "field.none").to_owned(), |d| {
                plan.dept_name(d).to_owned()
            });
            egui::ComboBox::from_id_salt("lead")
                .width(picker_width(ui))
                .truncate()
                .selected_text(lead_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut lead, None, t(lang, "field.none"));
                    for d in plan.departments.values() {
                        ui.selectable_value(&mut lead, Some(d.id.clone()), &d.name);
                    }
                });
            if lead != c.lead && !cx.read_only {
                // The new lead leaves the cooperating list.
                let coop: Vec<_> = c
                    .cooperating
                    .iter()
                    .filter(|d| Some(*d) != lead.as_ref())
                    .cloned()
                    .collect();
                let mut edits = vec![Edit::SetField {
                    id: c.id,
                    value: FieldValue::Lead(lead),
                }];
                if coop != c.cooperating {
                    edits.push(Edit::SetField {
                        id: c.id,
                        value: FieldValue::Cooperating(coop),
                    });
                }
                cx.actions.push(Action::Edit {
                    name: "action.edit_lead",
                    edits,
                    coalesce: None,
                });
            }
            ui.end_row();

            ui.label(t(lang, "field.cooperating"));
            let coop_text = if c.cooperating.is_empty() {
                t(lang, "field.none").to_owned()
            } else {
                c.cooperating
                    .iter()
                    .map(|d| plan.dept_short_name(d))
                    .collect::<Vec<_>>()
                    .join("、")
            };
            // Wrapped: a long list must not widen the panel over the ledger.
            let coop_button = egui::Button::new(coop_text).wrap();
            egui::containers::menu::MenuButton::from_button(coop_button).ui(ui, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for d in plan.departments.values() {
                            if c.lead.as_ref() == Some(&d.id) {
                                continue;
                            }
                            let mut on = c.cooperating.contains(&d.id);
                            if ui.checkbox(&mut on, &d.name).changed() && !cx.read_only {
                                let mut coop = c.cooperating.clone();
                                if on {
                                    coop.push(d.id.clone());
                                } else {
                                    coop.retain(|x| x != &d.id);
                                }
                                cx.replace(
                                    "action.edit_cooperating",
                                    Some(Edit::SetField {
                                        id: c.id,
                                        value: FieldValue::Cooperating(coop),
                                    }),
                                );
                            }
                        }
                    });
            });
            ui.end_row();

            ui.label(t(lang, "field.owner"));
            cx.text(ui, "action.edit_owner", &c.owner, false, FieldValue::Owner);
            ui.end_row();

            ui.label(t(lang, "field.start"));
            if let Some(v) = ui.date_field(lang, "start", c.start, plan.period_start(), true) {
                cx.replace(
                    "action.edit_start",
                    Some(Edit::SetField {
                        id: c.id,
                        value: FieldValue::Start(v),
                    }),
                );
            }
            ui.end_row();

            ui.label(t(lang, "field.due"));
            if let Some(v) = ui.date_field(lang, "due", c.due, plan.period_end(), true) {
                cx.replace(
                    "action.edit_due",
                    Some(Edit::SetField {
                        id: c.id,
                        value: FieldValue::Due(v),
                    }),
                );
            }
            ui.end_row();
            if let (Some(s), Some(d)) = (c.start, c.due)
                && d < s
            {
                ui.label("");
                ui.field_error(t(lang, "field.due_before_start"));
                ui.end_row();
            }

            ui.label(t(lang, "field.status"));
            let mut status = c.status;
            egui::ComboBox::from_id_salt("status")
                .selected_text(label::status(lang, status))
                .show_ui(ui, |ui| {
                    for s in Status::ALL {
                        // 已完成 / 申请销号 go through the office's steps
                        // unless the plan allows ticking done directly.
                        let steps = s == Status::ClosureRequested
                            || (s == Status::Done && !plan.direct_done_allowed());
                        if steps && s != c.status {
                            continue;
                        }
                        ui.selectable_value(&mut status, s, label::status(lang, s));
                    }
                });
            if status != c.status {
                cx.replace(
                    "action.edit_status",
                    plan.set_status(c.id, status, commitments::today(), "").ok(),
                );
            }
            ui.end_row();

            if c.status == Status::Done {
                ui.label(t(lang, "field.done_on"));
                if let Some(Some(d)) = ui.date_field(lang, "done_on", c.done_on, as_of, false) {
                    cx.replace("action.edit_done_on", plan.set_done_on(c.id, d).ok());
                }
                ui.end_row();
            }
            if c.status == Status::Suspended {
                ui.label(t(lang, "field.suspend_reason"));
                let mut reason = c.status_reason.clone();
                let r = ui.add_enabled(
                    !cx.read_only,
                    egui::TextEdit::singleline(&mut reason).desired_width(f32::INFINITY),
                );
                if r.changed() {
                    let mut changed = c.clone();
                    changed.status_reason = reason.clone();
                    if let Some(last) = changed.status_history.last_mut() {
                        last.reason = reason;
                    }
                    cx.actions.push(Action::Edit {
                        name: "action.edit_status",
                        edits: vec![Edit::Replace(Box::new(changed))],
                        coalesce: Some((c.id, Field::Notes)),
                    });
                }
                ui.end_row();
            }

            ui.label(t(lang, "field.tags"));
            let mut tags = c.tags.join("，");
            let r = ui.add_enabled(
                !cx.read_only,
                egui::TextEdit::singleline(&mut tags).hint_text(t(lang, "field.tags_hint")),
            );
            if r.changed() {
                let list = tags
                    .split([',', '，', '、'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                cx.set("action.edit_tags", FieldValue::Tags(list));
            }
            if r.lost_focus() {
                cx.actions.push(Action::SealHistory);
            }
            ui.end_row();
        });
}

fn quote(ui: &mut Ui, cx: &mut Ctx<'_>) {
    let lang = cx.lang;
    let c = cx.c;
    ui.horizontal(|ui| {
        ui.label(RichText::new(t(lang, "field.source_quote")).strong());
        if !c.source_quote.is_empty() && ui.small_button(t(lang, "detail.view_in_report")).clicked()
        {
            cx.actions.push(Action::ShowQuote(c.id));
        }
    });
    ui.separator();
    cx.text(
        ui,
        "action.edit_quote",
        &c.source_quote,
        true,
        FieldValue::SourceQuote,
    );
}

/// The top of the panel: 完成进度 %, 序时进度 % and the pace word, so the
/// effect of a progress entry is seen without closing the panel.
fn summary(ui: &mut Ui, lang: Lang, plan: &Plan, c: &Commitment, as_of: NaiveDate) {
    let a = commitments::pace::assess(plan, c, as_of);
    ui.horizontal_wrapped(|ui| {
        ui.light_dot(lang, a.light);
        let done = match a.progress_percent {
            Some(p) => tr(lang, "detail.progress", &[("p", &percent(p))]),
            None => t(lang, "detail.no_measure").to_owned(),
        };
        ui.label(RichText::new(done).strong());
        ui.label(tr(
            lang,
            "detail.expected",
            &[("p", &percent(a.expected_percent))],
        ));
        ui.label(
            RichText::new(label::pace(lang, a.pace))
                .strong()
                .color(theme::light_color(a.light)),
        );
    });
}

/// A percentage for the summary; an absurd one (a typo of 1e307) shortened.
fn percent(p: f64) -> String {
    if p.abs() < 1e6 {
        format!("{p:.1}%")
    } else {
        format!("{p:.1e}%")
    }
}

/// A picker in the fields' grid: 260 points, or what the panel has left
/// beside the label (a narrow panel, or English labels, must not push the
/// grid wider than the panel).
fn picker_width(ui: &Ui) -> f32 {
    (ui.available_width() - 24.0).clamp(120.0, 260.0)
}
