//! "Changes since…": pick a saved snapshot and see what changed between it
//! and the plan as shown (newly done, status and light changes, values with
//! their delta, new, removed and re-targeted commitments).

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::RichText;

use commitments::diff::{Changes, diff};
use commitments::snapshot;

use super::super::app::App;
use super::super::commands::Action;
use super::super::theme;
use crate::i18n::{Lang, t, tr};

#[derive(Default)]
pub struct ChangesState {
    pub snapshots: Vec<(NaiveDate, PathBuf)>,
    pub chosen: Option<usize>,
    pub result: Option<Result<Changes, String>>,
}

impl ChangesState {
    /// Opens on the latest snapshot not newer than the date shown (else the
    /// latest), so the window never opens blank.
    pub fn for_plan(plan_path: &std::path::Path, as_of: NaiveDate) -> ChangesState {
        let snapshots = snapshot::list(plan_path);
        let chosen = snapshots
            .iter()
            .rposition(|(d, _)| *d <= as_of)
            .or_else(|| snapshots.len().checked_sub(1));
        ChangesState {
            snapshots,
            chosen,
            ..Default::default()
        }
    }
}

pub fn show(ctx: &egui::Context, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some(state) = &mut app.state.dialogs.changes else {
        return;
    };
    let Some(doc) = &app.doc else { return };
    let mut open = true;
    let area = app.state.dialog_area.unwrap_or(egui::Rect::EVERYTHING);
    egui::Window::new(t(lang, "changes.title"))
        .open(&mut open)
        .default_size([620.0, 520.0])
        .constrain_to(area)
        .default_pos(area.left_top() + egui::vec2(40.0, 20.0))
        .show(ctx, |ui| {
            if state.snapshots.is_empty() {
                ui.label(RichText::new(t(lang, "changes.none")).color(theme::MUTED));
                return;
            }
            ui.horizontal_wrapped(|ui| {
                ui.label(t(lang, "changes.since"));
                for (i, (date, _)) in state.snapshots.iter().enumerate() {
                    let text = tr(lang, "changes.snapshot_of", &[("date", date)]);
                    if ui.selectable_label(state.chosen == Some(i), text).clicked() {
                        state.chosen = Some(i);
                        state.result = None;
                    }
                }
            });
            let Some(i) = state.chosen else { return };
            let (date, path) = &state.snapshots[i];
            let result = state.result.get_or_insert_with(|| {
                commitments::storage::load(path)
                    .map(|old| diff(&old, doc.plan(), *date, app.as_of))
                    .map_err(|e| e.to_string())
            });
            ui.separator();
            match result {
                Err(e) => {
                    ui.label(RichText::new(e.as_str()).color(theme::DANGER));
                }
                Ok(changes) if changes.is_empty() => {
                    ui.label(tr(
                        lang,
                        "changes.nothing",
                        &[("from", date), ("to", &app.as_of)],
                    ));
                }
                Ok(changes) => {
                    let summary = changes.summary();
                    let summary = match lang {
                        Lang::Zh => summary.describe_zh(),
                        Lang::En => summary.describe_en(),
                    };
                    ui.label(RichText::new(summary).strong());
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            for c in &changes.entries {
                                ui.horizontal_wrapped(|ui| {
                                    if ui.link(format!("#{} {}", c.id, c.title)).clicked() {
                                        actions.push(Action::Select(c.id));
                                    }
                                    ui.label(match lang {
                                        Lang::Zh => c.kind.describe_zh(),
                                        Lang::En => c.kind.describe_en(),
                                    });
                                });
                            }
                        });
                }
            }
        });
    if !open {
        app.state.dialogs.changes = None;
    }
}
