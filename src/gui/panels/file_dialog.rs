//! Open, Save as and New plan: a small chooser over the data folder with a
//! path field for anywhere else. It never overwrites an existing file.

use std::path::{Path, PathBuf};

use chrono::Datelike;
use egui::RichText;

use commitments::model::Plan;

use super::super::app::App;
use super::super::theme;
use crate::i18n::{t, tr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Open,
    SaveAs,
    NewPlan,
    /// A plan made from a report's review, with the report text to keep beside it.
    FromReport,
}

pub struct FileDialog {
    pub mode: Mode,
    pub path: String,
    pub title: String,
    pub files: Vec<PathBuf>,
    pub error: Option<String>,
    /// The plan and report text a review made ([`Mode::FromReport`]).
    pub from_report: Option<Box<(Plan, String)>>,
}

impl FileDialog {
    fn new(mode: Mode, dir: &Path, name: &str) -> FileDialog {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "ron") && p.is_file())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        FileDialog {
            mode,
            path: dir.join(name).display().to_string(),
            title: String::new(),
            files,
            error: None,
            from_report: None,
        }
    }

    pub fn open(dir: &Path) -> FileDialog {
        Self::new(Mode::Open, dir, "")
    }

    pub fn save_as(dir: &Path) -> FileDialog {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M");
        Self::new(Mode::SaveAs, dir, &format!("plan-{stamp}.ron"))
    }

    pub fn new_plan(dir: &Path) -> FileDialog {
        let year = commitments::today().year();
        let mut d = Self::new(Mode::NewPlan, dir, &format!("plan-{year}.ron"));
        d.title = format!("{year}年政府工作报告重点任务");
        d
    }

    /// Saving the plan a review made: a name the user confirms, never an
    /// existing file; the report text is written beside it.
    pub fn from_report(dir: &Path, plan: Plan, text: String) -> FileDialog {
        let mut d = Self::new(Mode::FromReport, dir, &format!("plan-{}.ron", plan.year));
        d.from_report = Some(Box::new((plan, text)));
        d
    }
}

pub fn show(ctx: &egui::Context, app: &mut App) {
    let lang = app.lang();
    let Some(dialog) = &mut app.state.dialogs.file else {
        return;
    };
    let heading = match dialog.mode {
        Mode::Open => t(lang, "cmd.open"),
        Mode::SaveAs => t(lang, "cmd.save_as"),
        Mode::NewPlan => t(lang, "cmd.new_plan"),
        Mode::FromReport => t(lang, "review.save_heading"),
    };
    let mut done = None;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("file_dialog")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(heading);
        if dialog.mode == Mode::NewPlan {
            ui.label(t(lang, "file.plan_title"));
            ui.add(egui::TextEdit::singleline(&mut dialog.title).desired_width(f32::INFINITY));
        }
        ui.label(t(lang, "file.path"));
        ui.add(egui::TextEdit::singleline(&mut dialog.path).desired_width(f32::INFINITY));
        if dialog.mode == Mode::Open {
            ui.label(RichText::new(t(lang, "file.in_folder")).color(theme::MUTED));
            egui::ScrollArea::vertical()
                .max_height(200.0)
                .show(ui, |ui| {
                    if dialog.files.is_empty() {
                        ui.label(RichText::new(t(lang, "file.none")).color(theme::MUTED));
                    }
                    for f in &dialog.files {
                        let name = f
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let r = ui.selectable_label(dialog.path == f.display().to_string(), name);
                        if r.clicked() {
                            dialog.path = f.display().to_string();
                        }
                        if r.double_clicked() {
                            done = Some(f.clone());
                        }
                    }
                });
        }
        if let Some(e) = &dialog.error {
            ui.label(RichText::new(e).color(theme::DANGER));
        }
        ui.horizontal(|ui| {
            if ui.button(t(lang, "dialog.ok")).clicked() {
                done = Some(PathBuf::from(dialog.path.trim()));
            }
            if ui.button(t(lang, "dialog.cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                cancel = true;
            }
        });
    });
    if cancel {
        app.state.dialogs.file = None;
        return;
    }
    let Some(path) = done else { return };
    let mode = dialog.mode;
    let title = dialog.title.trim().to_owned();
    let path = if path.extension().is_none() {
        path.with_extension("ron")
    } else {
        path
    };
    let error = match mode {
        Mode::Open if !path.is_file() => {
            Some(tr(lang, "file.not_found", &[("path", &path.display())]))
        }
        Mode::SaveAs | Mode::NewPlan | Mode::FromReport if path.exists() => {
            Some(tr(lang, "file.exists", &[("path", &path.display())]))
        }
        Mode::FromReport if commitments::extract::review::report_file_for(&path).exists() => {
            let beside = commitments::extract::review::report_file_for(&path);
            Some(tr(lang, "file.exists", &[("path", &beside.display())]))
        }
        Mode::NewPlan if title.is_empty() => Some(t(lang, "file.need_title").to_owned()),
        _ => None,
    };
    if let Some(e) = error {
        if let Some(d) = &mut app.state.dialogs.file {
            d.error = Some(e);
        }
        return;
    }
    let from_report = dialog.from_report.take();
    app.state.dialogs.file = None;
    match mode {
        Mode::Open => app.open(&path),
        Mode::SaveAs => {
            if let Some(plan) = app.plan().cloned() {
                app.start_new(&path, plan);
            }
        }
        Mode::NewPlan => {
            let mut plan = Plan::new(title, commitments::today().year());
            plan.notes = String::new();
            app.start_new(&path, plan);
        }
        Mode::FromReport => {
            let Some(pending) = from_report else { return };
            let (mut plan, text) = *pending;
            match commitments::extract::review::write_report_beside(&path, &text) {
                Ok(name) => plan.source_report.text_file = name,
                Err(e) => {
                    app.toast(tr(lang, "review.report_not_written", &[("reason", &e)]));
                }
            }
            app.start_new(&path, plan);
            if app.doc.as_ref().is_some_and(|d| d.path() == path) {
                app.state.review = None;
            }
        }
    }
}
