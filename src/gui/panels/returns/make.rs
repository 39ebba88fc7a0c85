//! 报送 → 生成填报表…: period, deadline, departments, folder.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::RichText;

use commitments::model::{DeptId, Plan};
use commitments::returns::{Period, form, make};

use super::super::super::app::App;
use super::super::super::theme;
use crate::i18n::{t, tr};

pub struct MakeDialog {
    pub period: String,
    pub due: String,
    pub folder: String,
    /// Every department of the plan with its rows for the period and whether it is chosen.
    pub departments: Vec<(DeptId, String, usize, bool)>,
    /// The period the list was made for.
    listed: String,
    pub force: bool,
    pub error: Option<String>,
}

impl MakeDialog {
    /// For this month's returns (due on the 25th), in `returns/<period>/`
    /// beside the plans; a plan of another year starts on its nearest
    /// month (December of a past year, January of a coming one).
    pub fn new(plan: &Plan, data_dir: &Path, today: NaiveDate) -> MakeDialog {
        use chrono::Datelike;
        let in_year = match today.year().cmp(&plan.year) {
            std::cmp::Ordering::Equal => today,
            std::cmp::Ordering::Greater => {
                NaiveDate::from_ymd_opt(plan.year, 12, 1).unwrap_or(today)
            }
            std::cmp::Ordering::Less => NaiveDate::from_ymd_opt(plan.year, 1, 1).unwrap_or(today),
        };
        let period = Period::of(in_year);
        let mut d = MakeDialog {
            period: period.to_string(),
            due: period.default_due().format("%Y-%m-%d").to_string(),
            folder: String::new(),
            departments: Vec::new(),
            listed: String::new(),
            force: false,
            error: None,
        };
        d.folder = data_dir
            .join("returns")
            .join(period.to_string())
            .display()
            .to_string();
        d.relist(plan);
        d
    }

    fn relist(&mut self, plan: &Plan) {
        if self.listed == self.period {
            return;
        }
        let Ok(period) = Period::parse(&self.period) else {
            return;
        };
        self.departments = plan
            .departments
            .values()
            .map(|d| {
                let n = form::rows_for(plan, &d.id, period).len();
                (d.id.clone(), d.name.clone(), n, n > 0)
            })
            .collect();
        self.listed = self.period.clone();
    }
}

pub fn show(ctx: &egui::Context, app: &mut App) {
    let lang = app.lang();
    let Some(plan) = app.doc.as_ref().map(|d| d.plan_arc()) else {
        return;
    };
    let Some(dialog) = &mut app.state.dialogs.returns_make else {
        return;
    };
    dialog.relist(&plan);
    let mut make_now = false;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("returns_make")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading(t(lang, "returns.make_title"));
        egui::Grid::new("returns_make_grid")
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                ui.label(t(lang, "returns.period"));
                ui.add(egui::TextEdit::singleline(&mut dialog.period).desired_width(120.0));
                ui.end_row();
                ui.label(t(lang, "returns.due"));
                ui.add(egui::TextEdit::singleline(&mut dialog.due).desired_width(120.0));
                ui.end_row();
                ui.label(t(lang, "returns.folder"));
                ui.add(egui::TextEdit::singleline(&mut dialog.folder).desired_width(440.0));
                ui.end_row();
            });
        let owing = dialog.departments.iter().filter(|d| d.2 > 0).count();
        ui.horizontal(|ui| {
            ui.label(tr(lang, "returns.departments", &[("n", &owing)]));
            if ui.small_button(t(lang, "returns.all")).clicked() {
                for d in &mut dialog.departments {
                    d.3 = d.2 > 0;
                }
            }
            if ui.small_button(t(lang, "returns.none")).clicked() {
                for d in &mut dialog.departments {
                    d.3 = false;
                }
            }
        });
        egui::ScrollArea::vertical()
            .max_height(260.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    for (_, name, n, on) in dialog.departments.iter_mut().filter(|d| d.2 > 0) {
                        ui.checkbox(
                            on,
                            tr(lang, "returns.dept_rows", &[("name", name), ("n", n)]),
                        );
                    }
                });
            });
        ui.checkbox(&mut dialog.force, t(lang, "returns.force"));
        if let Some(e) = &dialog.error {
            ui.label(RichText::new(e).color(theme::DANGER));
        }
        ui.horizontal(|ui| {
            if ui.button(t(lang, "returns.make")).clicked() {
                make_now = true;
            }
            if ui.button(t(lang, "dialog.cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                cancel = true;
            }
        });
    });
    if cancel {
        app.state.dialogs.returns_make = None;
        return;
    }
    if !make_now {
        return;
    }
    let result = run(&plan, dialog, lang);
    match result {
        Ok(message) => {
            app.state.dialogs.returns_make = None;
            app.toast(message);
        }
        Err(e) => dialog.error = Some(e),
    }
}

fn run(plan: &Plan, dialog: &MakeDialog, lang: crate::i18n::Lang) -> Result<String, String> {
    let period =
        Period::parse(&dialog.period).map_err(|_| t(lang, "returns.bad_period").to_owned())?;
    let due = NaiveDate::parse_from_str(dialog.due.trim(), "%Y-%m-%d")
        .map_err(|_| t(lang, "returns.bad_due").to_owned())?;
    let departments: Vec<DeptId> = dialog
        .departments
        .iter()
        .filter(|d| d.3 && d.2 > 0)
        .map(|d| d.0.clone())
        .collect();
    if departments.is_empty() {
        return Err(t(lang, "returns.no_departments").to_owned());
    }
    let folder = PathBuf::from(dialog.folder.trim());
    let options = make::MakeOptions {
        period,
        departments,
        due: Some(due),
        made_on: commitments::today(),
        force: dialog.force,
    };
    let made = make::make(plan, &options, &folder).map_err(|e| match &e {
        commitments::returns::ReturnsError::Exists { path } => {
            tr(lang, "returns.exists", &[("path", &path.display())])
        }
        other => other.to_string(),
    })?;
    Ok(tr(
        lang,
        "returns.made",
        &[("n", &made.len()), ("path", &folder.display())],
    ))
}
