//! Export…: the snapshot of what the window shows (its filter and as-of
//! date) as xlsx, csv, html or markdown, with the changes since a snapshot
//! when one is chosen. Written whole or not at all; never over a file.

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::RichText;

use commitments::export::{Format, Snapshot, describe_filter};
use commitments::storage::save::{NoFaults, write_atomically};

use super::super::app::App;
use super::super::theme;
use crate::i18n::{t, tr};

pub struct ExportDialog {
    pub format: Format,
    pub path: String,
    /// The snapshot whose changes go into 本月变化, if any.
    pub since: Option<(NaiveDate, PathBuf)>,
    pub snapshots: Vec<(NaiveDate, PathBuf)>,
    pub error: Option<String>,
}

impl ExportDialog {
    pub fn new(
        plan_path: &std::path::Path,
        data_dir: &std::path::Path,
        as_of: NaiveDate,
    ) -> ExportDialog {
        let stem = plan_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let format = Format::Xlsx;
        ExportDialog {
            format,
            path: data_dir
                .join("exports")
                .join(format!("{stem}-{as_of}.{}", format.key()))
                .display()
                .to_string(),
            since: None,
            snapshots: commitments::snapshot::list(plan_path),
            error: None,
        }
    }

    /// Keeps the file extension in step with the format.
    fn set_format(&mut self, format: Format) {
        let path = PathBuf::from(&self.path).with_extension(format.key());
        self.path = path.display().to_string();
        self.format = format;
    }
}

pub fn show(ctx: &egui::Context, app: &mut App) {
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
            }
            for snap in &dialog.snapshots {
                let on = dialog.since.as_ref().map(|s| s.0) == Some(snap.0);
                if ui
                    .radio(on, tr(lang, "changes.snapshot_of", &[("date", &snap.0)]))
                    .clicked()
                {
                    dialog.since = Some(snap.clone());
                }
            }
        });
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
        Ok(n) => {
            app.state.dialogs.export = None;
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

/// Writes the export; returns how many commitments it holds.
fn write(app: &App, path: &std::path::Path) -> Result<usize, String> {
    let lang = app.lang();
    let (Some(doc), Some(dialog)) = (&app.doc, &app.state.dialogs.export) else {
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
        snapshot.add_changes_since(&old, plan, *date);
    }
    let bytes = dialog
        .format
        .to_bytes(&snapshot)
        .map_err(|e| e.to_string())?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    write_atomically(path, &bytes, &NoFaults, false).map_err(|e| e.to_string())?;
    Ok(snapshot.rows.len())
}
