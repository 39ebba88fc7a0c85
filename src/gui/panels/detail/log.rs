//! The progress log with its form, and target adjustments.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use commitments::display::{full_style, report_style};
use commitments::model::text::clean;
use commitments::model::{Comparator, ProgressEntry, Target};
use commitments::row::target_text;

use super::super::super::number_input;
use super::super::super::theme;
use super::super::super::widgets::UiExt;
use crate::i18n::{t, tr};

use super::Ctx;

/// The "add progress" form.
#[derive(Default)]
pub struct ProgressForm {
    pub date: Option<NaiveDate>,
    pub value: String,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    pub reporter: String,
    /// 佐证材料: the path being typed and the files added (already stored).
    pub evidence_path: String,
    pub evidence: Vec<commitments::model::Evidence>,
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

pub(super) fn progress_log(
    ui: &mut Ui,
    cx: &mut Ctx<'_>,
    form: &mut ProgressForm,
    plan_path: &std::path::Path,
) {
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
                    let text = format!("{}（{}）", report_style(v, unit), full_style(v, unit));
                    ui.scope(|ui| {
                        ui.set_max_width(220.0);
                        ui.add(egui::Label::new(&text).truncate())
                            .on_hover_text(&text);
                    });
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
            if !e.evidence.is_empty() {
                ui.label(RichText::new(t(lang, "evidence.label")).color(theme::MUTED));
                super::accountability::evidence_list(ui, cx, plan_path, &e.evidence);
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
                    super::super::super::widgets::date_picker(ui, "progress_date", date)
                        .unwrap_or(date),
                );
                ui.end_row();
                if let Some(unit) = &unit {
                    ui.label(t(lang, "field.value"));
                    ui.vertical(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut form.value)
                                .hint_text(format!("1.2万{unit}"))
                                .desired_width(120.0),
                        );
                        // Under the field, while it does not read, gone once it does.
                        if let Err(p) = number_input::read(&form.value, unit) {
                            ui.field_error(&number_input::message(lang, &p, unit));
                        }
                    });
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
        let mut evidence_error = None;
        super::accountability::evidence_picker(
            ui,
            lang,
            "evidence.add",
            true,
            plan_path,
            commitments::today(),
            &mut form.evidence_path,
            &mut form.evidence,
            &mut evidence_error,
        );
        if evidence_error.is_some() {
            form.error = evidence_error;
        }
        if let Some(e) = &form.error {
            ui.field_error(e);
        }
        if ui.button(t(lang, "detail.add_progress_button")).clicked() {
            let value = number_input::read(&form.value, unit.as_deref().unwrap_or(""));
            match value {
                // Said under the value field already.
                Err(_) => form.error = None,
                Ok(None)
                    if form.progress.trim().is_empty()
                        && form.problems.trim().is_empty()
                        && form.next_steps.trim().is_empty()
                        && form.evidence.is_empty() =>
                {
                    form.error = Some(t(lang, "detail.progress_empty").to_owned());
                }
                Ok(value) => {
                    let entry = ProgressEntry {
                        date: form.date.unwrap_or_else(commitments::today),
                        value,
                        progress: clean(form.progress.trim(), true).into_owned(),
                        problems: clean(form.problems.trim(), true).into_owned(),
                        next_steps: clean(form.next_steps.trim(), true).into_owned(),
                        reporter: clean(form.reporter.trim(), false).into_owned(),
                        evidence: std::mem::take(&mut form.evidence),
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

pub(super) fn adjustments(ui: &mut Ui, cx: &mut Ctx<'_>, form: &mut AdjustForm) {
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
            let unit = target.unit.as_str();
            ui.vertical(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut form.low)
                        .hint_text(number_input::shown(target.low).0)
                        .desired_width(120.0),
                );
                if let Err(p) = number_input::read(&form.low, unit) {
                    ui.field_error(&number_input::message(lang, &p, unit));
                }
            });
            ui.end_row();
            if range {
                ui.label(t(lang, "field.high"));
                ui.vertical(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut form.high)
                            .hint_text(number_input::shown(target.high).0)
                            .desired_width(120.0),
                    );
                    if let Err(p) = number_input::read(&form.high, unit) {
                        ui.field_error(&number_input::message(lang, &p, unit));
                    }
                });
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
            let unit = target.unit.as_str();
            let read = |text: &str| match number_input::read(text, unit) {
                Ok(Some(v)) => Ok(v),
                Ok(None) => Err(number_input::Problem::NotANumber),
                Err(p) => Err(p),
            };
            let low = read(&form.low);
            let high = if range { read(&form.high) } else { low.clone() };
            match (low, high) {
                (Err(p), _) | (_, Err(p)) => {
                    // An empty field says so here; a wrong one says so under it.
                    form.error = (form.low.trim().is_empty()
                        || (range && form.high.trim().is_empty()))
                    .then(|| number_input::message(lang, &p, unit));
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
