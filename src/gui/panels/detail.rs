//! The right panel: every field of the selected commitment, its progress
//! log, sub-milestones and target adjustments. Each change is an action;
//! input that does not parse stays in the field with a message and never
//! reaches the plan.

use std::collections::HashMap;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use commitments::display::{full_style, parse_number, report_style, trim_number};
use commitments::model::{
    Commitment, Comparator, Edit, Field, FieldValue, Kind, Plan, ProgressEntry, Status,
    SubMilestone, Target,
};
use commitments::row::target_text;

use super::super::app::App;
use super::super::commands::{Action, Command};
use super::super::theme;
use super::super::widgets::UiExt;
use crate::i18n::{Lang, label, t, tr};

/// The "add progress" form.
#[derive(Default)]
pub struct ProgressForm {
    pub date: Option<NaiveDate>,
    pub value: String,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    pub reporter: String,
    pub error: Option<String>,
}

/// The "adjust target" form.
#[derive(Default)]
pub struct AdjustForm {
    pub low: String,
    pub high: String,
    pub reason: String,
    pub error: Option<String>,
}

struct Ctx<'a> {
    lang: Lang,
    plan: &'a Plan,
    c: &'a Commitment,
    actions: &'a mut Vec<Action>,
    buffers: &'a mut HashMap<egui::Id, String>,
    read_only: bool,
}

impl Ctx<'_> {
    fn set(&mut self, name: &'static str, value: FieldValue) {
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

    fn replace(&mut self, name: &'static str, edit: Option<Edit>) {
        if let Some(edit) = edit {
            self.actions.push(Action::Edit {
                name,
                edits: vec![edit],
                coalesce: None,
            });
        }
    }

    /// A text field bound to one field of the commitment.
    fn text(
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
            self.set(name, make(text));
        }
        if r.lost_focus() {
            self.actions.push(Action::SealHistory);
        }
    }

    /// A number field: what the user types is kept while it does not parse,
    /// with a message under the field; the plan only ever sees numbers.
    fn number(&mut self, ui: &mut Ui, id_salt: &str, current: Option<f64>) -> Option<Option<f64>> {
        let id = ui.scope_id().with(self.c.id).with(id_salt);
        let shown = current.map(|v| trim_number(v, 4)).unwrap_or_default();
        let mut text = self.buffers.get(&id).cloned().unwrap_or(shown);
        let r = ui.add_enabled(
            !self.read_only,
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(120.0),
        );
        let mut result = None;
        let parsed = if text.trim().is_empty() {
            Ok(None)
        } else {
            parse_number(&text).map(Some)
        };
        if r.changed() {
            if let Ok(v) = parsed {
                if v != current {
                    result = Some(v);
                }
            }
            self.buffers.insert(id, text.clone());
        }
        if let Err(message) = &parsed {
            if self.buffers.contains_key(&id) {
                ui.field_error(&tr(self.lang, "field.not_a_number", &[("detail", message)]));
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
    egui::Panel::right("detail")
        .resizable(true)
        .default_size(theme::DETAIL_PANEL_WIDTH)
        .min_size(320.0)
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
                    kind(ui, &mut cx);
                    super::charts::commitment(ui, lang, plan, c, as_of);
                    quote(ui, &mut cx);
                    progress_log(ui, &mut cx, &mut state.progress_form);
                    if c.kind.target().is_some() {
                        adjustments(ui, &mut cx, &mut state.adjust_form);
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
            egui::ComboBox::from_id_salt("section")
                .width(260.0)
                .selected_text(RichText::new(&section).small())
                .show_ui(ui, |ui| {
                    for s in plan.sections() {
                        ui.selectable_value(&mut section, s.clone(), s);
                    }
                });
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
                .width(260.0)
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
            ui.menu_button(coop_text, |ui| {
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
            if let (Some(s), Some(d)) = (c.start, c.due) {
                if d < s {
                    ui.label("");
                    ui.field_error(t(lang, "field.due_before_start"));
                    ui.end_row();
                }
            }

            ui.label(t(lang, "field.status"));
            let mut status = c.status;
            egui::ComboBox::from_id_salt("status")
                .selected_text(label::status(lang, status))
                .show_ui(ui, |ui| {
                    for s in Status::ALL {
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

fn default_target(c: &Commitment) -> Target {
    Target {
        metric: c.title.clone(),
        comparator: Comparator::AtLeast,
        low: 1.0,
        high: 1.0,
        unit: "项".to_owned(),
        cumulative: true,
        baseline: None,
        baseline_date: None,
    }
}

fn kind(ui: &mut Ui, cx: &mut Ctx<'_>) {
    let lang = cx.lang;
    let c = cx.c;
    ui.section_heading(t(lang, "detail.kind_heading"));
    let current = match c.kind {
        Kind::Quantitative(_) => 0,
        Kind::Milestone { .. } => 1,
        Kind::Qualitative => 2,
    };
    let mut choice = current;
    ui.horizontal(|ui| {
        for (i, key) in ["kind.quantitative", "kind.milestone", "kind.qualitative"]
            .into_iter()
            .enumerate()
        {
            ui.add_enabled_ui(!cx.read_only, |ui| {
                ui.radio_value(&mut choice, i, t(lang, key))
            });
        }
    });
    if choice != current {
        let kind = match choice {
            0 => Kind::Quantitative(default_target(c)),
            1 => Kind::Milestone {
                sub_milestones: Vec::new(),
            },
            _ => Kind::Qualitative,
        };
        cx.replace(
            "action.edit_kind",
            Some(Edit::SetField {
                id: c.id,
                value: FieldValue::Kind(kind),
            }),
        );
        return;
    }
    match &c.kind {
        Kind::Quantitative(target) => target_editor(ui, cx, target),
        Kind::Milestone { sub_milestones } => milestones(ui, cx, sub_milestones),
        Kind::Qualitative => {}
    }
}

fn target_editor(ui: &mut Ui, cx: &mut Ctx<'_>, target: &Target) {
    let lang = cx.lang;
    let id = cx.c.id;
    let mut new = target.clone();
    let mut range = false;
    egui::Grid::new("target")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label(t(lang, "field.metric"));
            ui.add_enabled(
                !cx.read_only,
                egui::TextEdit::singleline(&mut new.metric).desired_width(f32::INFINITY),
            );
            ui.end_row();
            ui.label(t(lang, "field.comparator"));
            egui::ComboBox::from_id_salt("comparator")
                .selected_text(label::comparator(lang, new.comparator))
                .show_ui(ui, |ui| {
                    for cmp in Comparator::ALL {
                        ui.selectable_value(&mut new.comparator, cmp, label::comparator(lang, cmp));
                    }
                });
            ui.end_row();
            range = new.comparator == Comparator::Range;
            ui.label(t(
                lang,
                if range {
                    "field.low"
                } else {
                    "field.target_value"
                },
            ));
            ui.vertical(|ui| {
                if let Some(Some(v)) = cx.number(ui, "low", Some(new.low)) {
                    new.low = v;
                    if !range {
                        new.high = v;
                    }
                }
            });
            ui.end_row();
            if range {
                ui.label(t(lang, "field.high"));
                ui.vertical(|ui| {
                    if let Some(Some(v)) = cx.number(ui, "high", Some(new.high)) {
                        new.high = v;
                    }
                });
                ui.end_row();
            }
            ui.label(t(lang, "field.unit"));
            ui.add_enabled(
                !cx.read_only,
                egui::TextEdit::singleline(&mut new.unit).desired_width(80.0),
            );
            ui.end_row();
            ui.label(t(lang, "field.cumulative"));
            ui.add_enabled(
                !cx.read_only,
                egui::Checkbox::new(&mut new.cumulative, t(lang, "field.cumulative_hint")),
            );
            ui.end_row();
            ui.label(t(lang, "field.baseline"));
            ui.vertical(|ui| {
                if let Some(v) = cx.number(ui, "baseline", new.baseline) {
                    new.baseline = v;
                }
            });
            ui.end_row();
            ui.label(t(lang, "field.target_reads"));
            ui.label(
                RichText::new(format!(
                    "{}（{}）",
                    target_text(&new),
                    full_style(new.low, &new.unit)
                ))
                .color(theme::MUTED),
            );
            ui.end_row();
        });
    if range && new.low > new.high {
        ui.field_error(t(lang, "field.low_above_high"));
        return;
    }
    if new != *target {
        cx.actions.push(Action::Edit {
            name: "action.edit_target",
            edits: vec![Edit::SetField {
                id,
                value: FieldValue::Kind(Kind::Quantitative(new)),
            }],
            coalesce: Some((id, Field::Kind)),
        });
    }
}

fn milestones(ui: &mut Ui, cx: &mut Ctx<'_>, subs: &[SubMilestone]) {
    let lang = cx.lang;
    let c = cx.c;
    let mut new = subs.to_vec();
    let mut remove = None;
    ui.label(RichText::new(t(lang, "detail.sub_milestones")).strong());
    if subs.is_empty() {
        ui.label(RichText::new(t(lang, "detail.no_sub_milestones")).color(theme::MUTED));
    }
    for (i, s) in new.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let mut done = s.done_on.is_some();
            if ui
                .add_enabled(!cx.read_only, egui::Checkbox::without_text(&mut done))
                .changed()
            {
                s.done_on = done.then(commitments::today);
            }
            ui.add_enabled(
                !cx.read_only,
                egui::TextEdit::singleline(&mut s.title).desired_width(150.0),
            );
            ui.push_id(i, |ui| {
                if let Some(Some(d)) = ui.date_field(lang, "sub_due", Some(s.due), s.due, false) {
                    s.due = d;
                }
            });
            if ui
                .add_enabled(!cx.read_only, egui::Button::new(t(lang, "detail.remove")))
                .on_hover_text(t(lang, "detail.remove"))
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        new.remove(i);
    }
    if ui
        .add_enabled(
            !cx.read_only,
            egui::Button::new(t(lang, "detail.add_sub_milestone")),
        )
        .clicked()
    {
        new.push(SubMilestone {
            title: t(lang, "detail.new_sub_milestone").to_owned(),
            due: cx.plan.due_of(c),
            done_on: None,
        });
    }
    if new != subs {
        cx.actions.push(Action::Edit {
            name: "action.edit_milestones",
            edits: vec![Edit::SetField {
                id: c.id,
                value: FieldValue::Kind(Kind::Milestone {
                    sub_milestones: new,
                }),
            }],
            coalesce: Some((c.id, Field::Kind)),
        });
    }
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

fn progress_log(ui: &mut Ui, cx: &mut Ctx<'_>, form: &mut ProgressForm) {
    let lang = cx.lang;
    let c = cx.c;
    let plan = cx.plan;
    ui.section_heading(t(lang, "detail.progress_heading"));
    let unit = c.kind.target().map(|t| t.unit.clone());
    if c.progress.is_empty() {
        ui.label(RichText::new(t(lang, "detail.no_progress")).color(theme::MUTED));
    }
    for (i, e) in c.progress.iter().enumerate().rev() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(e.date.to_string()).strong());
                if let (Some(v), Some(unit)) = (e.value, &unit) {
                    ui.label(format!(
                        "{}（{}）",
                        report_style(v, unit),
                        full_style(v, unit)
                    ));
                }
                if !e.reporter.is_empty() {
                    ui.label(RichText::new(&e.reporter).color(theme::MUTED));
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .add_enabled(
                            !cx.read_only,
                            egui::Button::new(t(lang, "detail.remove")).small(),
                        )
                        .on_hover_text(t(lang, "detail.remove"))
                        .clicked()
                    {
                        cx.replace("action.remove_progress", plan.remove_progress(c.id, i).ok());
                    }
                });
            });
            for (key, text) in [
                ("field.progress", &e.progress),
                ("field.problems", &e.problems),
                ("field.next_steps", &e.next_steps),
            ] {
                if !text.is_empty() {
                    ui.label(format!("{}：{text}", t(lang, key)));
                }
            }
        });
    }
    if cx.read_only {
        return;
    }
    ui.collapsing(t(lang, "detail.add_progress"), |ui| {
        egui::Grid::new("progress_form")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                ui.label(t(lang, "field.date"));
                let today = commitments::today();
                let date = form.date.unwrap_or(today);
                form.date = Some(
                    super::super::widgets::date_picker(ui, "progress_date", date).unwrap_or(date),
                );
                ui.end_row();
                if unit.is_some() {
                    ui.label(t(lang, "field.value"));
                    ui.add(
                        egui::TextEdit::singleline(&mut form.value)
                            .hint_text("1.2万")
                            .desired_width(120.0),
                    );
                    ui.end_row();
                }
                for (key, text) in [
                    ("field.progress", &mut form.progress),
                    ("field.problems", &mut form.problems),
                    ("field.next_steps", &mut form.next_steps),
                ] {
                    ui.label(t(lang, key));
                    ui.add(
                        egui::TextEdit::multiline(text)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    );
                    ui.end_row();
                }
                ui.label(t(lang, "field.reporter"));
                ui.add(egui::TextEdit::singleline(&mut form.reporter));
                ui.end_row();
            });
        if let Some(e) = &form.error {
            ui.field_error(e);
        }
        if ui.button(t(lang, "detail.add_progress_button")).clicked() {
            let value = if form.value.trim().is_empty() {
                Ok(None)
            } else {
                parse_number(&form.value).map(Some)
            };
            match value {
                Err(detail) => {
                    form.error = Some(tr(lang, "field.not_a_number", &[("detail", &detail)]))
                }
                Ok(None)
                    if form.progress.trim().is_empty()
                        && form.problems.trim().is_empty()
                        && form.next_steps.trim().is_empty() =>
                {
                    form.error = Some(t(lang, "detail.progress_empty").to_owned());
                }
                Ok(value) => {
                    let entry = ProgressEntry {
                        date: form.date.unwrap_or_else(commitments::today),
                        value,
                        progress: form.progress.trim().to_owned(),
                        problems: form.problems.trim().to_owned(),
                        next_steps: form.next_steps.trim().to_owned(),
                        reporter: form.reporter.trim().to_owned(),
                    };
                    cx.replace("action.add_progress", plan.add_progress(c.id, entry).ok());
                    let reporter = std::mem::take(&mut form.reporter);
                    *form = ProgressForm {
                        reporter,
                        ..Default::default()
                    };
                }
            }
        }
    });
}

fn adjustments(ui: &mut Ui, cx: &mut Ctx<'_>, form: &mut AdjustForm) {
    let lang = cx.lang;
    let c = cx.c;
    let Some(target) = c.kind.target() else {
        return;
    };
    ui.section_heading(t(lang, "detail.adjust_heading"));
    for a in &c.adjustments {
        ui.label(tr(
            lang,
            "detail.adjustment_line",
            &[
                ("date", &a.date),
                ("old", &target_text(&a.old)),
                ("new", &target_text(&a.new)),
                ("reason", &a.reason),
            ],
        ));
    }
    if cx.read_only {
        return;
    }
    ui.collapsing(t(lang, "detail.adjust_open"), |ui| {
        let range = target.comparator == Comparator::Range;
        egui::Grid::new("adjust").num_columns(2).show(ui, |ui| {
            ui.label(t(
                lang,
                if range {
                    "field.low"
                } else {
                    "field.target_value"
                },
            ));
            ui.add(
                egui::TextEdit::singleline(&mut form.low)
                    .hint_text(trim_number(target.low, 4))
                    .desired_width(120.0),
            );
            ui.end_row();
            if range {
                ui.label(t(lang, "field.high"));
                ui.add(
                    egui::TextEdit::singleline(&mut form.high)
                        .hint_text(trim_number(target.high, 4))
                        .desired_width(120.0),
                );
                ui.end_row();
            }
            ui.label(t(lang, "field.reason"));
            ui.add(egui::TextEdit::singleline(&mut form.reason));
            ui.end_row();
        });
        if let Some(e) = &form.error {
            ui.field_error(e);
        }
        if ui.button(t(lang, "detail.adjust_button")).clicked() {
            let low = parse_number(&form.low);
            let high = if range {
                parse_number(&form.high)
            } else {
                low.clone()
            };
            match (low, high) {
                (Err(d), _) | (_, Err(d)) => {
                    form.error = Some(tr(lang, "field.not_a_number", &[("detail", &d)]))
                }
                (Ok(low), Ok(high)) if low > high => {
                    form.error = Some(t(lang, "field.low_above_high").to_owned())
                }
                _ if form.reason.trim().is_empty() => {
                    form.error = Some(t(lang, "detail.reason_required").to_owned())
                }
                (Ok(low), Ok(high)) => {
                    let new = Target {
                        low,
                        high,
                        ..target.clone()
                    };
                    cx.replace(
                        "action.adjust_target",
                        cx.plan
                            .adjust_target(c.id, new, commitments::today(), form.reason.trim())
                            .ok(),
                    );
                    *form = AdjustForm::default();
                }
            }
        }
    });
}
