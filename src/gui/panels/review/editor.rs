//! Editing one draft of a review: every field, the target's included, with
//! the target shown the report's way and in full. Numbers that do not parse
//! stay in their field with a message and never reach the draft.

use egui::{RichText, Ui};

use commitments::display::{full_style, parse_number, trim_number};
use commitments::extract::review::year_end;
use commitments::model::{Comparator, Kind, Target};
use commitments::row::target_text;

use super::super::super::theme;
use super::super::super::widgets::{UiExt, date_picker};
use super::ReviewState;
use crate::i18n::{Lang, label, t, tr};

pub(super) fn show(ui: &mut Ui, lang: Lang, state: &mut ReviewState, index: usize) {
    let Some(current) = state.review.drafts().get(index).map(|d| d.draft.clone()) else {
        state.editing = None;
        return;
    };
    let mut d = current.clone();
    let mut close = false;
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, theme::REVIEW_SELECTED))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(tr(lang, "review.editing", &[("n", &(index + 1))])).strong());
            egui::Grid::new("review_editor")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    ui.label(t(lang, "field.title"));
                    ui.add(egui::TextEdit::singleline(&mut d.title).desired_width(f32::INFINITY));
                    ui.end_row();
                    ui.label(t(lang, "field.section"));
                    ui.add(egui::TextEdit::singleline(&mut d.section).desired_width(f32::INFINITY));
                    ui.end_row();
                    ui.label(t(lang, "field.source_quote"));
                    ui.add(
                        egui::TextEdit::multiline(&mut d.quote)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    );
                    ui.end_row();
                    ui.label(t(lang, "field.due"));
                    ui.horizontal(|ui| {
                        if let Some(date) = date_picker(ui, "review_due", d.due) {
                            d.due = date;
                            d.due_implied = false;
                        }
                        let l = ui.label(t(lang, "review.deadline_text"));
                        ui.add(
                            egui::TextEdit::singleline(&mut d.deadline_text).desired_width(90.0),
                        )
                        .labelled_by(l.id);
                    });
                    ui.end_row();
                    ui.label(t(lang, "field.lead"));
                    let mut lead = d.lead_department.clone().unwrap_or_default();
                    ui.add(
                        egui::TextEdit::singleline(&mut lead)
                            .hint_text(t(lang, "review.lead_hint"))
                            .desired_width(f32::INFINITY),
                    );
                    let lead = lead.trim();
                    d.lead_department = (!lead.is_empty()).then(|| lead.to_owned());
                    ui.end_row();
                });
            kind(ui, lang, state, &mut d, index);
            if ui.button(t(lang, "review.done_editing")).clicked() {
                close = true;
            }
        });
    if d.deadline_text != current.deadline_text && d.deadline_text.trim().is_empty() {
        d.due_implied = d.due == year_end(state.review.year());
    }
    if d != current
        && let Err(e) = state.review.edit(index, d)
    {
        state.error = Some(e.to_string());
    }
    if close {
        state.editing = None;
        state.buffers.clear();
    }
}

fn kind(
    ui: &mut Ui,
    lang: Lang,
    state: &mut ReviewState,
    d: &mut commitments::extract::Draft,
    index: usize,
) {
    let current = match d.kind {
        Kind::Quantitative(_) => 0,
        Kind::Milestone { .. } => 1,
        Kind::Qualitative => 2,
    };
    let mut choice = current;
    ui.horizontal(|ui| {
        ui.label(t(lang, "detail.kind_heading"));
        for (i, key) in ["kind.quantitative", "kind.milestone", "kind.qualitative"]
            .into_iter()
            .enumerate()
        {
            ui.radio_value(&mut choice, i, t(lang, key));
        }
    });
    if choice != current {
        d.kind = match choice {
            0 => Kind::Quantitative(Target {
                metric: d.title.clone(),
                comparator: Comparator::AtLeast,
                low: 1.0,
                high: 1.0,
                unit: "项".to_owned(),
                cumulative: true,
                baseline: None,
                baseline_date: None,
                better: None,
            }),
            1 => Kind::Milestone {
                sub_milestones: Vec::new(),
            },
            _ => Kind::Qualitative,
        };
        state.buffers.clear();
        return;
    }
    let Kind::Quantitative(target) = &mut d.kind else {
        return;
    };
    let range = target.comparator == Comparator::Range;
    egui::Grid::new(("review_target", index))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label(t(lang, "field.metric"));
            ui.add(egui::TextEdit::singleline(&mut target.metric).desired_width(f32::INFINITY));
            ui.end_row();
            ui.label(t(lang, "field.comparator"));
            egui::ComboBox::from_id_salt("review_comparator")
                .selected_text(label::comparator(lang, target.comparator))
                .show_ui(ui, |ui| {
                    for cmp in Comparator::ALL {
                        ui.selectable_value(
                            &mut target.comparator,
                            cmp,
                            label::comparator(lang, cmp),
                        );
                    }
                });
            ui.end_row();
            let (low_key, low_value) = match target.comparator {
                Comparator::Range => ("field.low", target.low),
                Comparator::AtMost => ("field.target_value", target.high),
                _ => ("field.target_value", target.low),
            };
            ui.label(t(lang, low_key));
            ui.vertical(|ui| {
                if let Some(v) = number(ui, lang, state, "low", low_value) {
                    match target.comparator {
                        Comparator::Range => target.low = v,
                        _ => {
                            target.low = v;
                            target.high = v;
                        }
                    }
                }
            });
            ui.end_row();
            if range {
                ui.label(t(lang, "field.high"));
                ui.vertical(|ui| {
                    if let Some(v) = number(ui, lang, state, "high", target.high) {
                        target.high = v;
                    }
                });
                ui.end_row();
            } else if target.high != target.low {
                // Leaving a range: one value again.
                target.high = target.low;
            }
            ui.label(t(lang, "field.unit"));
            ui.add(egui::TextEdit::singleline(&mut target.unit).desired_width(80.0));
            ui.end_row();
            ui.label(t(lang, "field.cumulative"));
            ui.checkbox(&mut target.cumulative, t(lang, "field.cumulative_hint"));
            ui.end_row();
            ui.label(t(lang, "field.target_reads"));
            let full = if range {
                format!(
                    "{}–{}",
                    full_style(target.low, &target.unit),
                    full_style(target.high, &target.unit)
                )
            } else {
                full_style(target.goal(), &target.unit)
            };
            ui.add(
                egui::Label::new(
                    RichText::new(format!("{}（{}）", target_text(target), full))
                        .color(theme::MUTED),
                )
                .wrap(),
            );
            ui.end_row();
        });
    if range && target.low > target.high {
        ui.field_error(t(lang, "field.low_above_high"));
    }
}

/// A number field: the text typed is kept while it does not parse.
fn number(ui: &mut Ui, lang: Lang, state: &mut ReviewState, key: &str, value: f64) -> Option<f64> {
    let shown = trim_number(value, 4);
    let mut text = state.buffers.get(key).cloned().unwrap_or(shown);
    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(120.0));
    let parsed = parse_number(&text);
    let mut result = None;
    if r.changed() {
        if let Ok(v) = parsed
            && v != value
        {
            result = Some(v);
        }
        state.buffers.insert(key.to_owned(), text.clone());
    }
    match &parsed {
        Err(message) if state.buffers.contains_key(key) => {
            ui.field_error(&tr(lang, "field.not_a_number", &[("detail", message)]));
        }
        Ok(_) if r.lost_focus() => {
            state.buffers.remove(key);
        }
        _ => {}
    }
    result
}
