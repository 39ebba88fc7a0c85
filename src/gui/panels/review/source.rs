//! Where a review's text comes from: a report file (read by the library's
//! reader) or text pasted in. Bad input is said in the dialog; nothing is
//! lost.

use std::path::Path;

use egui::RichText;

use commitments::extract::review::Review;
use commitments::extract::{ExtractOptions, Extraction};

use super::super::super::app::App;
use super::super::super::theme;
use super::{ReviewMode, ReviewState};
use crate::i18n::{Lang, t, tr};

/// The extractor a review runs (the library's; tests put their own).
pub type Extractor = fn(&str, &ExtractOptions) -> Extraction;

pub struct ReportSource {
    pub mode: ReviewMode,
    /// A report file (.txt, .docx, .md).
    pub path: String,
    /// Or its text, pasted.
    pub pasted: String,
    /// The report's year; empty: read from the text.
    pub year: String,
    pub error: Option<String>,
    pub extractor: Extractor,
}

impl ReportSource {
    pub fn new(mode: ReviewMode, dir: &Path) -> ReportSource {
        ReportSource {
            mode,
            path: dir.display().to_string() + std::path::MAIN_SEPARATOR_STR,
            pasted: String::new(),
            year: String::new(),
            error: None,
            extractor: commitments::extract::extract,
        }
    }

    /// The review of the pasted text, or of the file when nothing is pasted.
    fn start(&self, lang: Lang) -> Result<ReviewState, String> {
        let year = match self.year.trim() {
            "" => None,
            y => match y.parse::<i32>() {
                Ok(y) if (1900..=2200).contains(&y) => Some(y),
                _ => return Err(tr(lang, "review.bad_year", &[("year", &y)])),
            },
        };
        let text = if self.pasted.trim().is_empty() {
            let path = Path::new(self.path.trim());
            if self.path.trim().is_empty() || path.is_dir() {
                return Err(t(lang, "review.need_text").to_owned());
            }
            commitments::extract::read::read_report(path).map_err(|e| e.to_string())?
        } else {
            commitments::model::text::clean(&self.pasted, true).into_owned()
        };
        let options = ExtractOptions { year };
        let extraction = (self.extractor)(&text, &options);
        let past = commitments::extract::review::past_spans(&extraction);
        let review = Review::new(text, extraction).with_skipped(past);
        let mut state = ReviewState::new(review, self.mode);
        if let Some(y) = year {
            state.year = y;
            state.title = format!("{y}年政府工作报告重点任务");
        }
        Ok(state)
    }
}

pub fn show(ctx: &egui::Context, app: &mut App) {
    let lang = app.lang();
    let Some(source) = &mut app.state.dialogs.report_source else {
        return;
    };
    let mut start = false;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("report_source")).show(ctx, |ui| {
        ui.set_width(600.0);
        let heading = match source.mode {
            ReviewMode::NewPlan => "cmd.from_report",
            ReviewMode::Supplement => "cmd.supplement_from_report",
        };
        ui.heading(t(lang, heading));
        ui.label(RichText::new(t(lang, "review.source_intro")).color(theme::MUTED));
        let l = ui.label(t(lang, "review.source_file"));
        ui.add(egui::TextEdit::singleline(&mut source.path).desired_width(f32::INFINITY))
            .labelled_by(l.id);
        let l = ui.label(t(lang, "review.source_paste"));
        egui::ScrollArea::vertical()
            .max_height(220.0)
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(&mut source.pasted)
                        .desired_rows(10)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            });
        ui.horizontal(|ui| {
            let l = ui.label(t(lang, "review.source_year"));
            ui.add(
                egui::TextEdit::singleline(&mut source.year)
                    .hint_text(t(lang, "review.source_year_hint"))
                    .desired_width(120.0),
            )
            .labelled_by(l.id);
        });
        if let Some(e) = &source.error {
            ui.add(egui::Label::new(RichText::new(e).color(theme::DANGER)).wrap());
        }
        ui.horizontal(|ui| {
            if ui.button(t(lang, "review.start")).clicked() {
                start = true;
            }
            if ui.button(t(lang, "dialog.cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                cancel = true;
            }
        });
    });
    if cancel {
        app.state.dialogs.report_source = None;
        return;
    }
    if !start {
        return;
    }
    match source.start(lang) {
        Ok(review) => {
            app.state.dialogs.report_source = None;
            app.state.review = Some(review);
        }
        Err(e) => source.error = Some(e),
    }
}
