//! The source report, scrolled to a commitment's quote and highlighted.

use egui::text::LayoutJob;
use egui::{Color32, RichText, TextFormat};

use commitments::model::CommitmentId;
use commitments::report_text;

use super::super::app::App;
use super::super::theme;
use crate::i18n::t;

#[derive(Default)]
pub struct ReportState {
    pub commitment: Option<CommitmentId>,
    /// Scroll to the highlight once, then let the user scroll.
    pub scrolled: bool,
}

impl ReportState {
    pub fn for_commitment(id: CommitmentId) -> ReportState {
        ReportState {
            commitment: Some(id),
            scrolled: false,
        }
    }
}

pub fn show(ctx: &egui::Context, app: &mut App) {
    let lang = app.lang();
    let Some(state) = &mut app.state.dialogs.report else {
        return;
    };
    let Some(doc) = &app.doc else { return };
    let plan = doc.plan();
    let text = report_text::load(&plan.source_report.text_file, Some(doc.path()));
    let quote = state
        .commitment
        .and_then(|id| plan.commitments.get(&id))
        .map(|c| c.source_quote.as_str())
        .unwrap_or("");
    let mut open = true;
    let area = app.state.dialog_area.unwrap_or(egui::Rect::EVERYTHING);
    let title = if plan.source_report.title.is_empty() {
        t(lang, "report.title").to_owned()
    } else {
        plan.source_report.title.clone()
    };
    egui::Window::new(title)
        .id(egui::Id::unique("report_window"))
        .open(&mut open)
        .default_size([640.0, 560.0])
        .constrain_to(area)
        .default_pos(area.left_top() + egui::vec2(40.0, 20.0))
        .show(ctx, |ui| {
            let Some(text) = text else {
                ui.label(RichText::new(t(lang, "report.missing")).color(theme::DANGER));
                return;
            };
            let range = report_text::locate(&text, quote);
            if !quote.is_empty() && range.is_none() {
                ui.label(RichText::new(t(lang, "report.quote_not_found")).color(theme::DANGER));
            }
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let mut offset = 0;
                    for line in text.split_inclusive('\n') {
                        let span = offset..offset + line.len();
                        offset += line.len();
                        let body = line.trim_end_matches(['\n', '\r']);
                        if body.trim().is_empty() {
                            ui.add_space(4.0);
                            continue;
                        }
                        let hit = range
                            .as_ref()
                            .filter(|r| r.start < span.end && r.end > span.start);
                        let response = match hit {
                            None => ui.add(egui::Label::new(body).wrap()),
                            Some(r) => {
                                let from = r.start.saturating_sub(span.start).min(body.len());
                                let to = (r.end - span.start).min(body.len());
                                let mut job = LayoutJob::default();
                                job.wrap.max_width = ui.available_width();
                                let normal = TextFormat {
                                    font_id: egui::TextStyle::Body.resolve(ui.style()),
                                    color: ui.visuals().text_color(),
                                    ..Default::default()
                                };
                                let marked = TextFormat {
                                    background: theme::HIGHLIGHT_BG,
                                    color: Color32::BLACK,
                                    ..normal.clone()
                                };
                                job.append(&body[..from], 0.0, normal.clone());
                                job.append(&body[from..to], 0.0, marked);
                                job.append(&body[to..], 0.0, normal);
                                ui.add(egui::Label::new(job).wrap())
                            }
                        };
                        if hit.is_some() && !state.scrolled {
                            response.scroll_to_me(Some(egui::Align::Center));
                            state.scrolled = true;
                        }
                    }
                });
        });
    if !open {
        app.state.dialogs.report = None;
    }
}
