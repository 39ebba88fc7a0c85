//! The draft list of a review: one card per draft with what it says (the
//! target the report's way and in full), its decision, and the buttons to
//! accept, edit, split, merge with the next or drop it.

use egui::{RichText, Ui};

use commitments::display::full_style;
use commitments::extract::review::{Decision, DuplicateOf, ReviewDraft, duplicate_of};
use commitments::model::{Comparator, Kind, Plan};
use commitments::row::target_text;

use super::super::super::theme;
use super::{ReviewMode, ReviewState};
use crate::i18n::{Lang, t, tr};

/// What a card asked for.
enum Op {
    Select,
    Decide(Decision),
    Edit,
    Split,
    Merge,
}

pub(super) fn list(ui: &mut Ui, lang: Lang, state: &mut ReviewState, plan: Option<&Plan>) {
    ui.heading(t(lang, "review.drafts_heading"));
    if state.review.is_empty() {
        ui.label(RichText::new(t(lang, "review.no_drafts")).color(theme::MUTED));
        return;
    }
    let mut op = None;
    egui::ScrollArea::vertical()
        .id_salt("review_drafts")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let len = state.review.len();
            for i in 0..len {
                let d = &state.review.drafts()[i];
                let duplicate = match (state.mode, plan) {
                    (ReviewMode::Supplement, Some(p)) => duplicate_of(p, &d.draft),
                    _ => None,
                };
                let selected = state.selected == Some(i);
                let response = ui
                    .push_id(i, |ui| {
                        card(ui, lang, i, d, selected, i + 1 < len, duplicate, &mut op)
                    })
                    .response;
                if selected && state.scroll_list {
                    response.scroll_to_me(Some(egui::Align::Min));
                    state.scroll_list = false;
                }
                if state.editing == Some(i) {
                    ui.push_id(("editor", i), |ui| super::editor::show(ui, lang, state, i));
                }
            }
        });
    let Some((i, op)) = op else { return };
    let result = match op {
        Op::Select => {
            state.select(i, false);
            Ok(())
        }
        Op::Decide(d) => state.review.decide(i, d),
        Op::Edit => {
            state.editing = if state.editing == Some(i) {
                None
            } else {
                Some(i)
            };
            state.buffers.clear();
            state.select(i, false);
            Ok(())
        }
        Op::Split => state.review.split(i).map(|copy| {
            state.editing = Some(copy);
            state.select(copy, false);
        }),
        Op::Merge => state.review.merge_with_next(i).map(|()| {
            state.editing = None;
            state.select(i, false);
        }),
    };
    state.error = result.err().map(|e| e.to_string());
}

#[allow(clippy::too_many_arguments)]
fn card(
    ui: &mut Ui,
    lang: Lang,
    i: usize,
    d: &ReviewDraft,
    selected: bool,
    has_next: bool,
    duplicate: Option<DuplicateOf>,
    op: &mut Option<(usize, Op)>,
) {
    let draft = &d.draft;
    let dropped = d.decision == Decision::Dropped;
    let stroke = if selected {
        egui::Stroke::new(2.0, theme::REVIEW_SELECTED)
    } else {
        egui::Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
    };
    let frame = egui::Frame::group(ui.style())
        .stroke(stroke)
        .fill(match d.decision {
            Decision::Accepted => theme::REVIEW_ACCEPTED_BG,
            _ => egui::Color32::TRANSPARENT,
        });
    // The card senses clicks (select) underneath its buttons: a sense given
    // through the builder is registered before the children, so the buttons
    // stay on top; `interact` after the fact would take their clicks.
    let card = egui::UiBuilder::new().sense(egui::Sense::click());
    let inner = ui.scope_builder(card, |ui| {
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                let (kind_key, color) = match draft.kind {
                    Kind::Quantitative(_) => ("kind.quantitative", theme::REVIEW_TARGET_BG),
                    Kind::Milestone { .. } => ("kind.milestone", theme::REVIEW_MILESTONE_BG),
                    Kind::Qualitative => ("kind.qualitative", theme::REVIEW_QUALITATIVE_BG),
                };
                ui.label(RichText::new(format!("{}", i + 1)).strong());
                ui.label(
                    RichText::new(t(lang, kind_key))
                        .small()
                        .background_color(color)
                        .color(egui::Color32::BLACK),
                );
                let decision = match d.decision {
                    Decision::Pending => "review.pending",
                    Decision::Accepted => "review.accepted",
                    Decision::Dropped => "review.dropped",
                };
                ui.label(RichText::new(t(lang, decision)).small().color(theme::MUTED));
            });
            let mut title = RichText::new(&draft.title).strong();
            if dropped {
                title = title.strikethrough().color(theme::REVIEW_SKIPPED);
            }
            ui.add(egui::Label::new(title).wrap());
            if let Some(target) = draft.kind.target() {
                let full = match target.comparator {
                    Comparator::Range => format!(
                        "{}–{}",
                        full_style(target.low, &target.unit),
                        full_style(target.high, &target.unit)
                    ),
                    Comparator::AtMost => full_style(target.high, &target.unit),
                    _ => full_style(target.low, &target.unit),
                };
                ui.label(tr(
                    lang,
                    "review.target_line",
                    &[
                        ("metric", &target.metric),
                        ("reads", &target_text(target)),
                        ("full", &full),
                    ],
                ));
            }
            let deadline = if draft.due_implied {
                t(lang, "review.due_implied").to_owned()
            } else {
                draft.deadline_text.clone()
            };
            let lead = draft
                .lead_department
                .as_deref()
                .map(|l| tr(lang, "review.lead_draft", &[("lead", &l)]))
                .unwrap_or_else(|| t(lang, "review.no_lead").to_owned());
            ui.label(
                RichText::new(tr(
                    lang,
                    "review.due_line",
                    &[
                        ("due", &draft.due),
                        ("deadline", &deadline),
                        ("lead", &lead),
                    ],
                ))
                .small()
                .color(theme::MUTED),
            );
            if !draft.section.is_empty() {
                ui.label(
                    RichText::new(tr(
                        lang,
                        "review.section_line",
                        &[("section", &draft.section)],
                    ))
                    .small()
                    .color(theme::MUTED),
                );
            }
            if let Some(dup) = duplicate {
                ui.label(
                    RichText::new(tr(lang, "review.duplicate", &[("id", &dup.id())]))
                        .small()
                        .color(theme::DANGER),
                );
            }
            ui.horizontal_wrapped(|ui| {
                let mut button = |ui: &mut Ui, key: &'static str, enabled: bool, what: Op| {
                    if ui
                        .add_enabled(enabled, egui::Button::new(t(lang, key)).small())
                        .clicked()
                    {
                        *op = Some((i, what));
                    }
                };
                if d.decision == Decision::Accepted {
                    button(ui, "review.unaccept", true, Op::Decide(Decision::Pending));
                } else {
                    button(ui, "review.accept", true, Op::Decide(Decision::Accepted));
                }
                button(ui, "review.edit", true, Op::Edit);
                button(ui, "review.split", true, Op::Split);
                button(ui, "review.merge", has_next, Op::Merge);
                if dropped {
                    button(ui, "review.restore", true, Op::Decide(Decision::Pending));
                } else {
                    button(ui, "review.drop", true, Op::Decide(Decision::Dropped));
                }
            });
        })
    });
    let r = inner.response;
    if r.clicked() && op.is_none() {
        *op = Some((i, Op::Select));
    }
}
