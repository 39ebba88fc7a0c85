//! The review screen (从报告新建计划 / 从报告补充): the report on the left
//! with every draft highlighted, the drafts on the right. It is a view of
//! the library's [`Review`]; nothing enters a plan until the user confirms,
//! then a new plan goes through the save-as chooser and a supplement is one
//! undoable action on the open plan.

mod drafts;
mod editor;
pub mod source;
mod text;

use std::collections::HashMap;
use std::ops::Range;

use egui::{RichText, Ui};

use commitments::extract::review::Review;

use super::super::app::App;
use super::super::commands::Action;
use super::super::theme;
use super::file_dialog::FileDialog;
use crate::i18n::{Lang, t, tr};

/// A review for a new plan, or to add to the open one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewMode {
    NewPlan,
    Supplement,
}

/// The review screen's state.
pub struct ReviewState {
    pub review: Review,
    pub mode: ReviewMode,
    /// The new plan's title and year.
    pub title: String,
    pub year: i32,
    /// The draft looked at (highlighted on both sides).
    pub selected: Option<usize>,
    /// The draft whose editor is open.
    pub editing: Option<usize>,
    /// Scroll the list, or the text, to the selected draft on the next frame.
    pub scroll_list: bool,
    pub scroll_text: bool,
    /// The text selected on the left (bytes), to make a draft from.
    pub selection: Option<Range<usize>>,
    /// What the user typed into number fields that did not parse.
    pub buffers: HashMap<String, String>,
    /// Asking before throwing the review away.
    pub confirm_cancel: bool,
    /// Why the last operation was refused.
    pub error: Option<String>,
}

impl ReviewState {
    pub fn new(review: Review, mode: ReviewMode) -> ReviewState {
        let year = review.year();
        ReviewState {
            review,
            mode,
            title: format!("{year}年政府工作报告重点任务"),
            year,
            selected: None,
            editing: None,
            scroll_list: false,
            scroll_text: false,
            selection: None,
            buffers: HashMap::new(),
            confirm_cancel: false,
            error: None,
        }
    }

    /// Looks at a draft; `from_text` says which side was clicked, so the
    /// other one scrolls.
    pub fn select(&mut self, index: usize, from_text: bool) {
        self.selected = Some(index);
        self.scroll_list = from_text;
        self.scroll_text = !from_text;
    }
}

/// The whole screen, in place of the ledger.
pub fn show(ui: &mut Ui, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some(state) = &mut app.state.review else {
        return;
    };
    let mut outcome = None;
    egui::Panel::top("review_top").show(ui, |ui| {
        outcome = top(ui, lang, state);
    });
    egui::Panel::right("review_drafts")
        .resizable(true)
        .default_size(470.0)
        .min_size(360.0)
        .show(ui, |ui| {
            drafts::list(ui, lang, state, app.doc.as_ref().map(|d| d.plan()));
        });
    egui::CentralPanel::default().show(ui, |ui| text::report(ui, lang, state));
    if state.confirm_cancel {
        confirm_cancel(ui.ctx(), lang, state, &mut outcome);
    }
    match outcome {
        Some(Outcome::Cancel) => app.state.review = None,
        Some(Outcome::Confirm) => confirm(app, actions),
        None => {}
    }
}

enum Outcome {
    Confirm,
    Cancel,
}

fn top(ui: &mut Ui, lang: Lang, state: &mut ReviewState) -> Option<Outcome> {
    let (pending, accepted, dropped) = state.review.counts();
    let mut outcome = None;
    ui.horizontal_wrapped(|ui| {
        let heading = match state.mode {
            ReviewMode::NewPlan => "review.heading_new",
            ReviewMode::Supplement => "review.heading_supplement",
        };
        ui.heading(t(lang, heading));
        ui.label(
            RichText::new(tr(
                lang,
                "review.counts",
                &[
                    ("n", &state.review.len()),
                    ("accepted", &accepted),
                    ("pending", &pending),
                    ("dropped", &dropped),
                ],
            ))
            .color(theme::MUTED),
        );
    });
    ui.horizontal_wrapped(|ui| {
        if state.mode == ReviewMode::NewPlan {
            let l = ui.label(t(lang, "review.plan_title"));
            ui.add(egui::TextEdit::singleline(&mut state.title).desired_width(260.0))
                .labelled_by(l.id);
            let l = ui.label(t(lang, "review.year"));
            ui.add(egui::DragValue::new(&mut state.year).range(1900..=2200))
                .labelled_by(l.id);
            ui.separator();
        }
        if ui
            .add_enabled(
                pending > 0,
                egui::Button::new(t(lang, "review.accept_pending")),
            )
            .clicked()
        {
            state.review.accept_pending();
        }
        let confirm = match state.mode {
            ReviewMode::NewPlan => "review.confirm_new",
            ReviewMode::Supplement => "review.confirm_supplement",
        };
        let ready = accepted > 0 && !state.title.trim().is_empty();
        if ui
            .add_enabled(
                ready,
                egui::Button::new(RichText::new(t(lang, confirm)).strong()),
            )
            .on_disabled_hover_text(t(lang, "review.nothing_accepted"))
            .clicked()
        {
            outcome = Some(Outcome::Confirm);
        }
        if ui.button(t(lang, "review.cancel")).clicked() {
            if accepted > 0 || !state.review.is_empty() {
                state.confirm_cancel = true;
            } else {
                outcome = Some(Outcome::Cancel);
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        for (key, color) in [
            ("kind.quantitative", theme::REVIEW_TARGET_BG),
            ("kind.milestone", theme::REVIEW_MILESTONE_BG),
            ("kind.qualitative", theme::REVIEW_QUALITATIVE_BG),
        ] {
            swatch(ui, color);
            ui.label(RichText::new(t(lang, key)).small());
        }
        ui.label(
            RichText::new(t(lang, "review.legend_skipped"))
                .small()
                .color(theme::REVIEW_SKIPPED),
        );
    });
    if let Some(e) = &state.error {
        ui.label(RichText::new(e).color(theme::DANGER));
    }
    ui.add_space(2.0);
    outcome
}

fn swatch(ui: &mut Ui, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, color);
}

fn confirm_cancel(
    ctx: &egui::Context,
    lang: Lang,
    state: &mut ReviewState,
    outcome: &mut Option<Outcome>,
) {
    egui::Modal::new(egui::Id::unique("review_confirm_cancel")).show(ctx, |ui| {
        ui.heading(t(lang, "review.cancel_title"));
        ui.label(t(lang, "review.cancel_body"));
        ui.horizontal(|ui| {
            if ui
                .button(RichText::new(t(lang, "review.cancel_discard")).color(theme::DANGER))
                .clicked()
            {
                *outcome = Some(Outcome::Cancel);
            }
            if ui.button(t(lang, "review.cancel_keep")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                state.confirm_cancel = false;
            }
        });
    });
}

/// Confirming: a new plan goes to the save-as chooser (the review stays
/// open until it is written); a supplement is one undoable edit group.
fn confirm(app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let read_only = app.is_read_only();
    let Some(state) = &mut app.state.review else {
        return;
    };
    match state.mode {
        ReviewMode::NewPlan => {
            let plan = state.review.into_plan(&state.title, state.year);
            let text = state.review.text().to_owned();
            app.state.dialogs.file = Some(FileDialog::from_report(&app.data_dir, plan, text));
        }
        ReviewMode::Supplement => {
            if read_only {
                state.error = Some(t(lang, "toast.read_only").to_owned());
                return;
            }
            let Some(plan) = app.doc.as_ref().map(|d| d.plan()) else {
                return;
            };
            let supplement = state.review.supplement(plan);
            let (added, skipped) = (supplement.added.len(), supplement.skipped.len());
            if added > 0 {
                actions.push(Action::Edit {
                    name: "action.supplement",
                    edits: supplement.edits,
                    coalesce: None,
                });
            }
            app.state.review = None;
            app.toast(tr(
                lang,
                "review.supplemented",
                &[("added", &added), ("skipped", &skipped)],
            ));
        }
    }
}
