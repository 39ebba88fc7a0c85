//! The kind of a commitment and its target or sub-milestones.

use egui::{RichText, Ui};

use commitments::display::full_style;
use commitments::model::{
    Commitment, Comparator, Edit, Field, FieldValue, Kind, SubMilestone, Target,
};
use commitments::row::target_text;

use super::super::super::commands::Action;
use super::super::super::theme;
use super::super::super::widgets::UiExt;
use crate::i18n::{label, t};

use super::Ctx;

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
        better: None,
    }
}

pub(super) fn kind(ui: &mut Ui, cx: &mut Ctx<'_>) {
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
    let unit = target.unit.clone();
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
            // Which side is better (越高越好 / 越低越好 / 区间): read from the
            // metric's words until the user sets it.
            ui.label(t(lang, "target.better"));
            let shown = new.better();
            let mut better = shown;
            egui::ComboBox::from_id_salt("better")
                .selected_text(better_label(lang, shown))
                .show_ui(ui, |ui| {
                    for b in commitments::model::Better::ALL {
                        ui.selectable_value(&mut better, b, better_label(lang, b));
                    }
                });
            if better != shown && !cx.read_only {
                new.better = Some(better);
            }
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
                if let Some(Some(v)) = cx.number(ui, "low", Some(new.low), &unit) {
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
                    if let Some(Some(v)) = cx.number(ui, "high", Some(new.high), &unit) {
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
            // Short beside the box (the panel is 320 points at its least);
            // what it means on hover.
            ui.add_enabled(
                !cx.read_only,
                egui::Checkbox::new(&mut new.cumulative, t(lang, "field.cumulative_short")),
            )
            .on_hover_text(t(lang, "field.cumulative_hint"));
            ui.end_row();
            ui.label(t(lang, "field.baseline"));
            ui.vertical(|ui| {
                if let Some(v) = cx.number(ui, "baseline", new.baseline, &unit) {
                    new.baseline = v;
                }
            });
            ui.end_row();
            ui.label(t(lang, "field.target_reads"));
            // A huge value would push the panel off screen: cut to the
            // panel's width, in full on hover.
            let reads = format!(
                "{}（{}）",
                target_text(&new),
                full_style(new.low, &new.unit)
            );
            ui.add(egui::Label::new(RichText::new(&reads).color(theme::MUTED)).truncate())
                .on_hover_text(&reads);
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

fn better_label(lang: crate::i18n::Lang, b: commitments::model::Better) -> &'static str {
    t(
        lang,
        match b {
            commitments::model::Better::Higher => "target.better_higher",
            commitments::model::Better::Lower => "target.better_lower",
            commitments::model::Better::Both => "target.better_both",
        },
    )
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
