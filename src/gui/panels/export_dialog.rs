//! Export…: the snapshot of what the window shows (its filter and as-of
//! date) as xlsx, csv, html, markdown or the Word 督查通报 (docx, with its
//! issue number, issuer and a preview of its text), with the changes since
//! a snapshot when one is chosen. Written whole or not at all; never over a
//! file. The 通报's issue number is recorded in the plan (an undoable edit).

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::RichText;

use chrono::Datelike;

use commitments::export::docx::{self, BulletinOptions};
use commitments::export::{Format, Snapshot, describe_filter};
use commitments::model::{Edit, PlanSettings};

use super::super::app::App;
use super::super::commands::Action;
use super::super::theme;
use crate::i18n::{t, tr};

pub struct ExportDialog {
    pub format: Format,
    pub path: String,
    /// The snapshot whose changes go into 本月变化, if any.
    pub since: Option<(NaiveDate, PathBuf)>,
    pub snapshots: Vec<(NaiveDate, PathBuf)>,
    pub error: Option<String>,
    /// docx: 第N期 as typed, and the issuing office.
    pub issue_number: String,
    pub issuer: String,
    /// docx: the text of the 通报 as the options stand (recomputed when
    /// they change).
    pub preview: Option<String>,
}

impl ExportDialog {
    /// Offers the folder last exported to (else `exports/` in the data
    /// folder) and a name from the plan's title and the date:
    /// `太原市2023年政府工作报告重点任务-2023-07-15.xlsx`.
    pub fn new(
        plan_path: &std::path::Path,
        plan_title: &str,
        data_dir: &std::path::Path,
        last_dir: Option<&std::path::Path>,
        as_of: NaiveDate,
    ) -> ExportDialog {
        let stem = plan_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = file_name_part(plan_title).unwrap_or(stem);
        let folder = last_dir
            .filter(|d| d.is_dir())
            .map(std::path::Path::to_path_buf)
            .unwrap_or_else(|| data_dir.join("exports"));
        let format = Format::Xlsx;
        ExportDialog {
            format,
            path: folder
                .join(format!("{name}-{as_of}.{}", format.key()))
                .display()
                .to_string(),
            since: None,
            snapshots: commitments::snapshot::list(plan_path),
            error: None,
            issue_number: String::new(),
            issuer: String::new(),
            preview: None,
        }
    }

    /// Keeps the file extension in step with the format.
    fn set_format(&mut self, format: Format) {
        let path = PathBuf::from(&self.path).with_extension(format.key());
        self.path = path.display().to_string();
        self.format = format;
        self.preview = None;
    }

    /// The 通报's options: the defaults of the snapshot, with the issue
    /// number and issuer typed here (filled in the first time).
    fn bulletin_options(&mut self, snapshot: &Snapshot) -> Result<BulletinOptions, String> {
        let mut options = BulletinOptions::for_snapshot(snapshot);
        if self.issue_number.trim().is_empty() {
            self.issue_number = options.issue_number.to_string();
        }
        if self.issuer.trim().is_empty() {
            self.issuer = options.issuer.clone();
        }
        options.issue_number = self
            .issue_number
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| self.issue_number.trim().to_owned())?;
        options.issuer = self.issuer.trim().to_owned();
        options.since = self.since.as_ref().map(|s| s.0);
        Ok(options)
    }
}

pub fn show(ctx: &egui::Context, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some(dialog) = &mut app.state.dialogs.export else {
        return;
    };
    let Some(doc) = &app.doc else { return };
    let plan = doc.plan();
    let filter_text = describe_filter(plan, &app.prefs.filter);
    let mut go = false;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("export_dialog")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(t(lang, "export.title"));
        ui.label(tr(
            lang,
            "export.what",
            &[
                ("date", &app.as_of),
                ("filter", &filter_text),
                ("n", &app.view.rows.len()),
            ],
        ));
        ui.horizontal(|ui| {
            ui.label(t(lang, "export.format"));
            for (format, key) in [
                (Format::Xlsx, "export.xlsx"),
                (Format::Csv, "export.csv"),
                (Format::Html, "export.html"),
                (Format::Markdown, "export.md"),
                (Format::Docx, "export.docx"),
            ] {
                if ui.radio(dialog.format == format, t(lang, key)).clicked() {
                    dialog.set_format(format);
                }
            }
        });
        ui.label(t(lang, "file.path"));
        ui.add(egui::TextEdit::singleline(&mut dialog.path).desired_width(f32::INFINITY));
        ui.horizontal_wrapped(|ui| {
            ui.label(t(lang, "export.since"));
            if ui
                .radio(dialog.since.is_none(), t(lang, "export.since_none"))
                .clicked()
            {
                dialog.since = None;
                dialog.preview = None;
            }
            for snap in &dialog.snapshots {
                let on = dialog.since.as_ref().map(|s| s.0) == Some(snap.0);
                if ui
                    .radio(on, tr(lang, "changes.snapshot_of", &[("date", &snap.0)]))
                    .clicked()
                {
                    dialog.since = Some(snap.clone());
                    dialog.preview = None;
                }
            }
        });
        if dialog.format == Format::Docx {
            docx_options(ui, lang, dialog, plan, &app.prefs.filter, app.as_of);
        }
        if let Some(e) = &dialog.error {
            ui.label(RichText::new(e).color(theme::DANGER));
        }
        ui.horizontal(|ui| {
            go = ui.button(t(lang, "export.write")).clicked();
            cancel = ui.button(t(lang, "dialog.cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
    });
    if cancel {
        app.state.dialogs.export = None;
        return;
    }
    if !go {
        return;
    }
    let path = PathBuf::from(dialog.path.trim());
    let result = write(app, &path);
    match result {
        Ok((n, edit)) => {
            if let Some(edit) = edit {
                actions.push(Action::Edit {
                    name: "action.record_issue",
                    edits: vec![edit],
                    coalesce: None,
                });
            }
            app.state.dialogs.export = None;
            app.prefs.export_dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map(std::path::Path::to_path_buf);
            app.toast(tr(
                lang,
                "export.done",
                &[("path", &path.display()), ("n", &n)],
            ));
        }
        Err(e) => {
            if let Some(d) = &mut app.state.dialogs.export {
                d.error = Some(e);
            }
        }
    }
}

/// Writes the export; returns how many commitments it holds and, for the
/// 通报, the edit that records its issue number.
fn write(app: &mut App, path: &std::path::Path) -> Result<(usize, Option<Edit>), String> {
    let lang = app.lang();
    let (Some(doc), Some(dialog)) = (&app.doc, &mut app.state.dialogs.export) else {
        return Err(String::new());
    };
    if path.exists() {
        return Err(tr(lang, "file.exists", &[("path", &path.display())]));
    }
    let plan = doc.plan();
    let filter = &app.prefs.filter;
    let mut snapshot = Snapshot::build(plan, filter, app.as_of, describe_filter(plan, filter));
    if let Some((date, snap)) = &dialog.since {
        let old = commitments::storage::load(snap).map_err(|e| e.to_string())?;
        snapshot
            .add_changes_since(&old, plan, *date)
            .map_err(|e| e.to_string())?;
    }
    let mut edit = None;
    let bytes = if dialog.format == Format::Docx {
        let options = dialog
            .bulletin_options(&snapshot)
            .map_err(|typed| tr(lang, "export.bad_issue", &[("typed", &typed)]))?;
        let year = snapshot.as_of.year();
        let docs = docx::with_issue_recorded(&plan.settings.documents, year, options.issue_number);
        if docs != plan.settings.documents {
            edit = Some(Edit::SetSettings(PlanSettings {
                documents: docs,
                ..plan.settings.clone()
            }));
        }
        docx::bulletin(&snapshot, &options)
            .to_bytes()
            .map_err(|e| e.to_string())?
    } else {
        dialog
            .format
            .to_bytes(&snapshot)
            .map_err(|e| e.to_string())?
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    // The guarded writer: never over a plan, a backup or a snapshot, nor
    // over any file (the dialog refused existing ones above).
    commitments::storage::write_output(path, &bytes, false)
        .map_err(|e| super::super::output_error::text(lang, &e))?;
    Ok((snapshot.rows.len(), edit))
}

/// The 通报's issue number and issuer, the "already used" warning, and a
/// preview of its text.
fn docx_options(
    ui: &mut egui::Ui,
    lang: crate::i18n::Lang,
    dialog: &mut ExportDialog,
    plan: &commitments::model::Plan,
    filter: &commitments::query::Filter,
    as_of: NaiveDate,
) {
    let snapshot = || {
        let mut s = Snapshot::build(plan, filter, as_of, describe_filter(plan, filter));
        if let Some((date, snap)) = &dialog.since
            && let Ok(old) = commitments::storage::load(snap)
        {
            // A snapshot after the date shown is refused when writing.
            let _ = s.add_changes_since(&old, plan, *date);
        }
        s
    };
    if dialog.issue_number.is_empty() || dialog.issuer.is_empty() {
        let docs = &plan.settings.documents;
        if dialog.issue_number.is_empty() {
            dialog.issue_number = docx::next_issue_number(docs, as_of.year()).to_string();
        }
        if dialog.issuer.is_empty() {
            dialog.issuer = docx::office(docs, &plan.issuer);
        }
    }
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(t(lang, "export.issue_number"));
        changed |= ui
            .add(egui::TextEdit::singleline(&mut dialog.issue_number).desired_width(60.0))
            .changed();
        ui.label(t(lang, "export.issuer"));
        changed |= ui
            .add(egui::TextEdit::singleline(&mut dialog.issuer).desired_width(240.0))
            .changed();
    });
    if let Ok(n) = dialog.issue_number.trim().parse::<u32>() {
        let docs = &plan.settings.documents;
        let year = as_of.year();
        if docx::issue_used(docs, year, n) {
            ui.label(
                RichText::new(tr(
                    lang,
                    "export.issue_used",
                    &[("n", &n), ("next", &docx::next_issue_number(docs, year))],
                ))
                .color(theme::LIGHT_YELLOW),
            );
        }
    }
    if changed {
        dialog.preview = None;
    }
    ui.label(t(lang, "export.preview"));
    if dialog.preview.is_none() {
        let s = snapshot();
        dialog.preview = Some(match dialog.bulletin_options(&s) {
            Ok(o) => docx::bulletin(&s, &o).plain_text(),
            Err(typed) => tr(lang, "export.bad_issue", &[("typed", &typed)]),
        });
    }
    egui::ScrollArea::vertical()
        .id_salt("export_preview")
        .max_height(220.0)
        .show(ui, |ui| {
            ui.label(dialog.preview.as_deref().unwrap_or_default());
        });
}

/// A plan title made fit for a file name on Windows and Linux: characters a
/// file name cannot hold become "_", spaces and dots at the ends go, and
/// it is cut to 60 characters. `None` when nothing is left.
pub fn file_name_part(title: &str) -> Option<String> {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(60)
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    (!cleaned.is_empty()).then(|| cleaned.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_name_is_the_plan_title_and_the_date() {
        let dir = tempfile::tempdir().unwrap();
        let d = ExportDialog::new(
            std::path::Path::new("saves/taiyuan-2023.ron"),
            "太原市2023年政府工作报告重点任务",
            dir.path(),
            None,
            NaiveDate::from_ymd_opt(2023, 7, 15).unwrap(),
        );
        assert_eq!(
            d.path,
            dir.path()
                .join("exports")
                .join("太原市2023年政府工作报告重点任务-2023-07-15.xlsx")
                .display()
                .to_string()
        );
        // The folder last used is offered when it still exists.
        let last = dir.path().join("sent");
        std::fs::create_dir(&last).unwrap();
        let d = ExportDialog::new(
            std::path::Path::new("p.ron"),
            "a/b: c?",
            dir.path(),
            Some(&last),
            NaiveDate::from_ymd_opt(2023, 7, 15).unwrap(),
        );
        assert_eq!(
            d.path,
            last.join("a_b_ c_-2023-07-15.xlsx").display().to_string()
        );
    }
}
