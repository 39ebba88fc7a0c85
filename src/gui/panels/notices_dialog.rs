//! 报送 → 生成督办通知…: one 督办通知 (.docx) per lead department with red
//! (or chosen) commitments, previewed before anything is written. The
//! numbers taken are recorded in the plan as one undoable edit.

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::RichText;

use commitments::export::Snapshot;
use commitments::export::docx::{self, Notice, NoticeOptions, output};
use commitments::model::{DeptId, Edit, Plan, PlanSettings};
use commitments::pace::Light;
use commitments::query::Filter;

use super::super::app::App;
use super::super::commands::Action;
use super::super::theme;
use super::super::widgets::date_picker;
use crate::i18n::{t, tr};

/// The lights a notice can be asked for.
const LIGHTS: [(Light, &str); 2] = [(Light::Red, "light.red"), (Light::Yellow, "light.yellow")];

pub struct NoticesDialog {
    pub lights: Vec<Light>,
    /// Lead departments (id, full name); the chosen ones in `chosen`.
    pub departments: Vec<(DeptId, String)>,
    pub chosen: Vec<DeptId>,
    pub respond_by: NaiveDate,
    pub folder: String,
    /// The notice shown in the preview.
    pub shown: usize,
    pub error: Option<String>,
    /// The notices as the options stand (recomputed when they change).
    cache: Option<(Vec<Notice>, Vec<u32>)>,
}

impl NoticesDialog {
    pub fn new(plan: &Plan, data_dir: &std::path::Path, today: NaiveDate) -> NoticesDialog {
        let mut departments: Vec<(DeptId, String)> = plan
            .departments
            .values()
            .filter(|d| {
                plan.commitments
                    .values()
                    .any(|c| c.lead.as_ref() == Some(&d.id))
            })
            .map(|d| (d.id.clone(), d.name.clone()))
            .collect();
        departments.sort_by(|a, b| a.1.cmp(&b.1));
        NoticesDialog {
            lights: vec![Light::Red],
            departments,
            chosen: Vec::new(),
            respond_by: today + chrono::Days::new(10),
            folder: data_dir
                .join("notices")
                .join(today.to_string())
                .display()
                .to_string(),
            shown: 0,
            error: None,
            cache: None,
        }
    }

    /// The notices the options ask for, as of `today`.
    pub fn notices(&mut self, plan: &Plan, today: NaiveDate) -> &(Vec<Notice>, Vec<u32>) {
        self.cache.get_or_insert_with(|| {
            let filter = Filter {
                departments: self.chosen.clone(),
                lead_only: true,
                lights: self.lights.clone(),
                ..Filter::default()
            };
            let description = commitments::export::describe_filter(plan, &filter);
            let snapshot = Snapshot::build(plan, &filter, today, description);
            let mut options = NoticeOptions::for_snapshot(&snapshot);
            options.lights = self.lights.clone();
            options.respond_by = self.respond_by;
            docx::notices(&snapshot, &options)
        })
    }

    fn changed(&mut self) {
        self.cache = None;
        self.shown = 0;
        self.error = None;
    }
}

pub fn show(ctx: &egui::Context, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let today = commitments::today();
    let Some(doc) = &app.doc else { return };
    let read_only = doc.is_read_only();
    let plan = doc.plan();
    let Some(dialog) = &mut app.state.dialogs.notices else {
        return;
    };
    let mut go = false;
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("notices_dialog")).show(ctx, |ui| {
        ui.set_width(620.0);
        ui.heading(t(lang, "notices.title"));
        ui.horizontal(|ui| {
            ui.label(t(lang, "notices.lights"));
            for (light, key) in LIGHTS {
                let mut on = dialog.lights.contains(&light);
                if ui.checkbox(&mut on, t(lang, key)).changed() {
                    dialog.lights.retain(|l| *l != light);
                    if on {
                        dialog.lights.push(light);
                    }
                    dialog.changed();
                }
            }
        });
        ui.label(t(lang, "notices.departments"));
        egui::ScrollArea::vertical()
            .id_salt("notices_departments")
            .max_height(90.0)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let mut changed = false;
                    for (id, name) in &dialog.departments {
                        let mut on = dialog.chosen.contains(id);
                        if ui.checkbox(&mut on, name).changed() {
                            dialog.chosen.retain(|d| d != id);
                            if on {
                                dialog.chosen.push(id.clone());
                            }
                            changed = true;
                        }
                    }
                    if changed {
                        dialog.changed();
                    }
                });
            });
        ui.horizontal(|ui| {
            ui.label(t(lang, "notices.respond_by"));
            if let Some(d) = date_picker(ui, "notices_respond_by", dialog.respond_by) {
                dialog.respond_by = d;
                dialog.changed();
            }
        });
        ui.label(t(lang, "notices.folder"));
        ui.add(egui::TextEdit::singleline(&mut dialog.folder).desired_width(f32::INFINITY));
        ui.separator();

        let (notices, unled) = dialog.notices(plan, today).clone();
        if dialog.lights.is_empty() || notices.is_empty() {
            ui.label(RichText::new(t(lang, "notices.none")).color(theme::MUTED));
        } else {
            let ids: usize = notices.iter().map(|n| n.ids.len()).sum();
            ui.label(tr(
                lang,
                "notices.summary",
                &[("n", &notices.len()), ("count", &ids)],
            ));
            ui.horizontal_wrapped(|ui| {
                for (i, n) in notices.iter().enumerate() {
                    let label = format!("{} {}", n.reference(), n.department);
                    if ui.selectable_label(dialog.shown == i, label).clicked() {
                        dialog.shown = i;
                    }
                }
            });
            if let Some(n) = notices.get(dialog.shown) {
                egui::ScrollArea::vertical()
                    .id_salt("notices_preview")
                    .max_height(220.0)
                    .show(ui, |ui| {
                        ui.label(n.document.plain_text());
                    });
            }
        }
        if !unled.is_empty() {
            ui.label(
                RichText::new(tr(lang, "notices.unled", &[("n", &unled.len())]))
                    .color(theme::MUTED),
            );
        }
        if read_only {
            ui.label(RichText::new(t(lang, "notices.read_only")).color(theme::DANGER));
        }
        if let Some(e) = &dialog.error {
            ui.label(RichText::new(e).color(theme::DANGER));
        }
        ui.horizontal(|ui| {
            let can = !read_only && !dialog.lights.is_empty() && !notices.is_empty();
            go = ui
                .add_enabled(can, egui::Button::new(t(lang, "notices.write")))
                .clicked();
            cancel = ui.button(t(lang, "dialog.cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
    });
    if cancel {
        app.state.dialogs.notices = None;
        return;
    }
    if !go {
        return;
    }
    let plan = plan.clone();
    let Some(dialog) = &mut app.state.dialogs.notices else {
        return;
    };
    let (notices, _) = dialog.notices(&plan, today).clone();
    let dir = PathBuf::from(dialog.folder.trim());
    match write(lang, &plan, &notices, &dir) {
        Ok((written, edit)) => {
            actions.push(Action::Edit {
                name: "action.record_notices",
                edits: vec![edit],
                coalesce: None,
            });
            app.state.dialogs.notices = None;
            app.toast(tr(
                lang,
                "notices.done",
                &[("n", &written), ("path", &dir.display())],
            ));
        }
        Err((written, edit, e)) => {
            if let Some(edit) = edit {
                actions.push(Action::Edit {
                    name: "action.record_notices",
                    edits: vec![edit],
                    coalesce: None,
                });
            }
            dialog.error = Some(tr(
                lang,
                "notices.failed",
                &[("n", &written), ("reason", &e)],
            ));
            dialog.cache = None;
        }
    }
}

type Failure = (usize, Option<Edit>, String);

/// Writes the notices; the edit records the numbers of those written.
#[allow(clippy::result_large_err)] // once per click; the failure carries the edit to keep
fn write(
    lang: crate::i18n::Lang,
    plan: &Plan,
    notices: &[Notice],
    dir: &std::path::Path,
) -> Result<(usize, Edit), Failure> {
    use super::super::output_error::docs_text;
    let fail = |e: String| (0, None, e);
    output::prepare_folder(dir).map_err(|e| fail(docs_text(lang, &e)))?;
    let names: Vec<String> = notices.iter().map(|n| n.file_name()).collect();
    let paths = output::plan_files(dir, &names).map_err(|e| fail(docs_text(lang, &e)))?;
    let mut files = Vec::with_capacity(notices.len());
    for (path, n) in paths.into_iter().zip(notices) {
        files.push((
            path,
            n.document.to_bytes().map_err(|e| fail(e.to_string()))?,
        ));
    }
    let (written, error) = output::write_files(&files);
    let record = |written: usize| {
        notices[..written].last().map(|n| {
            Edit::SetSettings(PlanSettings {
                documents: docx::with_sequence(&plan.settings.documents, n.year, n.number),
                ..plan.settings.clone()
            })
        })
    };
    match error {
        None => match record(written) {
            Some(edit) => Ok((written, edit)),
            None => Err(fail(String::new())),
        },
        Some(e) => Err((written, record(written), docs_text(lang, &e))),
    }
}
