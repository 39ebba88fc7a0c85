//! The report text of a review, every draft highlighted by kind (past
//! results the extractor skipped greyed). A click on a highlight looks at
//! its draft; a selection can become a draft.

use std::ops::Range;

use egui::text::{CCursor, LayoutJob, LayoutSection};
use egui::{Color32, RichText, Stroke, TextFormat, Ui};

use commitments::extract::review::{Decision, Review};
use commitments::model::Kind;

use super::super::super::theme;
use super::ReviewState;
use crate::i18n::{Lang, t};

pub(super) fn report(ui: &mut Ui, lang: Lang, state: &mut ReviewState) {
    ui.horizontal_wrapped(|ui| {
        let selected = state
            .selection
            .clone()
            .filter(|r| !r.is_empty() && r.end <= state.review.text().len());
        if ui
            .add_enabled(
                selected.is_some(),
                egui::Button::new(t(lang, "review.add_selection")),
            )
            .on_disabled_hover_text(t(lang, "review.select_hint"))
            .clicked()
            && let Some(range) = selected
        {
            match state.review.add_selection(range) {
                Ok(i) => {
                    state.error = None;
                    state.selection = None;
                    state.select(i, true);
                    state.editing = Some(i);
                }
                Err(e) => state.error = Some(e.to_string()),
            }
        }
        ui.label(
            RichText::new(t(lang, "review.select_hint"))
                .small()
                .color(theme::MUTED),
        );
    });
    ui.separator();
    if state.review.text().trim().is_empty() {
        ui.label(RichText::new(t(lang, "review.no_text")).color(theme::MUTED));
        return;
    }
    let body = egui::TextStyle::Body.resolve(ui.style());
    let normal_color = ui.visuals().text_color();
    egui::ScrollArea::vertical()
        .id_salt("review_text")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let review = &state.review;
            let selected = state.selected;
            let mut layouter = |ui: &Ui, _buf: &dyn egui::TextBuffer, wrap: f32| {
                let mut job = highlighted(review, selected, body.clone(), normal_color);
                job.wrap.max_width = wrap;
                ui.ctx().fonts_mut(|f| f.layout_job(job))
            };
            let mut text: &str = review.text();
            let output = egui::TextEdit::multiline(&mut text)
                .id_salt("review_report_text")
                .desired_width(f32::INFINITY)
                .frame(egui::Frame::NONE)
                .layouter(&mut layouter)
                .show(ui);
            let text = state.review.text();
            // What the user selected, kept for the button above.
            let selection = output.cursor_range.and_then(|r| {
                let chars = r.as_sorted_char_range();
                (chars.start.0 < chars.end.0)
                    .then(|| byte_of(text, chars.start.0)..byte_of(text, chars.end.0))
            });
            let clicked = if output.response.clicked() && selection.is_none() {
                output
                    .cursor_range
                    .and_then(|r| state.review.draft_at(byte_of(text, r.primary.index.0)))
            } else {
                None
            };
            state.selection = selection;
            if let Some(i) = clicked {
                state.select(i, true);
            }
            let text = state.review.text();
            if state.scroll_text
                && let Some(span) = state
                    .selected
                    .and_then(|i| state.review.drafts().get(i))
                    .map(|d| d.draft.span.clone())
                    .filter(|s| !s.is_empty())
            {
                let at = CCursor::new(text[..span.start].chars().count());
                let rect = output
                    .galley
                    .pos_from_cursor(at)
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(rect.expand(40.0), Some(egui::Align::Center));
            }
            state.scroll_text = false;
        });
}

/// The byte offset of char `index` of `text` (its end when past it).
fn byte_of(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// The text as a layout job: drafts on a background by kind, the selected
/// one outlined in a stronger colour, dropped ones struck through, skipped
/// past results greyed.
pub(super) fn highlighted(
    review: &Review,
    selected: Option<usize>,
    font: egui::FontId,
    color: Color32,
) -> LayoutJob {
    let text = review.text();
    // Cut the text wherever a span starts or ends; style each piece by the
    // strongest mark covering it.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for d in review.drafts() {
        cuts.extend([d.draft.span.start, d.draft.span.end]);
    }
    for r in review.skipped() {
        cuts.extend([r.start, r.end]);
    }
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob {
        text: text.to_owned(),
        ..Default::default()
    };
    for w in cuts.windows(2) {
        let piece = w[0]..w[1];
        if piece.is_empty() {
            continue;
        }
        let mut format = TextFormat {
            font_id: font.clone(),
            color,
            ..Default::default()
        };
        if review.skipped().iter().any(|r| covers(r, &piece)) {
            format.color = theme::REVIEW_SKIPPED;
        }
        let mut best: Option<(u8, usize)> = None;
        for (i, d) in review.drafts().iter().enumerate() {
            if !covers(&d.draft.span, &piece) {
                continue;
            }
            let rank = match (Some(i) == selected, d.decision) {
                (true, _) => 4,
                (false, Decision::Accepted) => 3,
                (false, Decision::Pending) => 2,
                (false, Decision::Dropped) => 1,
            };
            if best.is_none_or(|(r, _)| rank > r) {
                best = Some((rank, i));
            }
        }
        if let Some((rank, i)) = best {
            let d = &review.drafts()[i];
            format.background = match d.draft.kind {
                Kind::Quantitative(_) => theme::REVIEW_TARGET_BG,
                Kind::Milestone { .. } => theme::REVIEW_MILESTONE_BG,
                Kind::Qualitative => theme::REVIEW_QUALITATIVE_BG,
            };
            format.color = Color32::BLACK;
            if rank == 4 {
                format.background = theme::HIGHLIGHT_BG;
                format.underline = Stroke::new(2.0, theme::REVIEW_SELECTED);
            } else if rank == 1 {
                format.background = Color32::TRANSPARENT;
                format.color = theme::REVIEW_SKIPPED;
                format.strikethrough = Stroke::new(1.0, theme::REVIEW_SKIPPED);
            }
        }
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: piece.start.into()..piece.end.into(),
            format,
        });
    }
    job
}

fn covers(span: &Range<usize>, piece: &Range<usize>) -> bool {
    span.start <= piece.start && piece.end <= span.end && !span.is_empty()
}
