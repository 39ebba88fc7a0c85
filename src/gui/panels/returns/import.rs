//! 报送 → 导入回报…: choose files (several, or a folder), then the merge
//! preview: per return, per row, what would be recorded and every problem,
//! accepted all at once or row by row, applied as one undoable action.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use commitments::display::report_style;
use commitments::model::Plan;
use commitments::returns::merge::{self, Issue, Preview, PreviewOptions, Role, Selection};
use commitments::returns::{Period, ReturnsError, collect_files};

use super::super::super::app::App;
use super::super::super::commands::Action;
use super::super::super::theme;
use crate::i18n::{Lang, label, t, tr};

pub struct ImportDialog {
    /// A return file or a folder of them.
    pub path: String,
    /// The files found, each with whether it is chosen.
    pub files: Vec<(PathBuf, bool)>,
    /// The period expected (empty: trust the forms).
    pub period: String,
    pub error: Option<String>,
    /// The preview and what the user accepts, once asked for.
    pub preview: Option<(Preview, Selection)>,
    /// Whether the preview lists rows nobody filled in (counted either way).
    pub show_unfilled: bool,
}

impl ImportDialog {
    /// Opens on the newest period's folder under `returns/` beside the
    /// plans (where 生成填报表 puts the forms and the office puts what comes
    /// back), else on `returns/` itself.
    pub fn new(data_dir: &Path) -> ImportDialog {
        let returns = data_dir.join("returns");
        let newest = std::fs::read_dir(&returns)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.is_dir()
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| Period::parse(n).is_ok())
            })
            .max();
        let mut d = ImportDialog {
            path: newest.unwrap_or(returns).display().to_string(),
            files: Vec::new(),
            period: String::new(),
            error: None,
            preview: None,
            show_unfilled: false,
        };
        // Quietly: a folder not made yet is no error on opening.
        d.list(Lang::default());
        d.error = None;
        d
    }

    /// Lists the `.xlsx` files at `path` (a folder) or the file itself.
    pub fn list(&mut self, lang: Lang) {
        self.error = None;
        match collect_files(&[PathBuf::from(self.path.trim())]) {
            Ok(files) => self.files = files.into_iter().map(|f| (f, true)).collect(),
            Err(e) => {
                self.files.clear();
                self.error = Some(match &e {
                    ReturnsError::NotFound { path } => {
                        tr(lang, "returns.not_found", &[("path", &path.display())])
                    }
                    ReturnsError::EmptyFolder { path } => {
                        tr(lang, "returns.empty_folder", &[("path", &path.display())])
                    }
                    other => other.to_string(),
                });
            }
        }
    }

    /// Reads the chosen files and previews them against `plan`.
    pub fn make_preview(&mut self, plan: &Plan, lang: Lang) {
        let chosen: Vec<PathBuf> = self
            .files
            .iter()
            .filter(|(_, on)| *on)
            .map(|(f, _)| f.clone())
            .collect();
        if chosen.is_empty() {
            self.error = Some(t(lang, "returns.no_files").to_owned());
            return;
        }
        let expected_period = if self.period.trim().is_empty() {
            None
        } else {
            match Period::parse(&self.period) {
                Ok(p) => Some(p),
                Err(_) => {
                    self.error = Some(t(lang, "returns.bad_period").to_owned());
                    return;
                }
            }
        };
        let options = PreviewOptions {
            merged_on: commitments::today(),
            expected_period,
        };
        let preview = merge::preview_files(plan, &chosen, &options);
        let selection = Selection::without_problems(&preview);
        self.error = None;
        self.preview = Some((preview, selection));
    }
}

pub fn show(ctx: &egui::Context, app: &mut App, actions: &mut Vec<Action>) {
    let lang = app.lang();
    let Some((plan, plan_path)) = app
        .doc
        .as_ref()
        .map(|d| (d.plan_arc(), d.path().to_owned()))
    else {
        return;
    };
    let Some(dialog) = &mut app.state.dialogs.returns_import else {
        return;
    };
    let mut close = false;
    let mut apply = false;
    egui::Modal::new(egui::Id::unique("returns_import")).show(ctx, |ui| {
        let screen = ctx.content_rect();
        ui.set_width((screen.width() - 80.0).clamp(480.0, 1100.0));
        ui.heading(t(lang, "returns.import_title"));
        if dialog.preview.is_none() {
            choose_files(ui, lang, dialog, &plan);
        } else {
            preview_ui(ui, lang, dialog, (screen.height() - 260.0).max(200.0));
        }
        if let Some(e) = &dialog.error {
            ui.label(RichText::new(e).color(theme::DANGER));
        }
        ui.horizontal(|ui| {
            if let Some((preview, selection)) = &dialog.preview {
                let n = count_accepted(preview, selection);
                if ui
                    .add_enabled(
                        n > 0,
                        egui::Button::new(tr(lang, "returns.apply", &[("n", &n)])),
                    )
                    .clicked()
                {
                    apply = true;
                }
                if ui.button(t(lang, "returns.back")).clicked() {
                    dialog.preview = None;
                    return;
                }
            }
            if ui.button(t(lang, "dialog.cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                close = true;
            }
        });
    });
    if apply && let Some((preview, selection)) = &mut dialog.preview {
        // Evidence is copied beside the plan before the plan names it.
        let stored = merge::store_evidence(preview, selection, &plan_path);
        let files = *stored.as_ref().unwrap_or(&0);
        match stored.map_err(|e| e.to_string()).and_then(|_| {
            merge::apply(&plan, preview, selection, commitments::today()).map_err(|e| e.to_string())
        }) {
            Ok(merged) if merged.edits.is_empty() => {
                dialog.error = Some(t(lang, "returns.nothing").to_owned());
            }
            Ok(merged) => {
                let mut message = tr(
                    lang,
                    "returns.merged",
                    &[("n", &merged.entries), ("c", &merged.commitments)],
                );
                if merged.extensions > 0 {
                    let n = merged.extensions;
                    message.push_str(&tr(lang, "returns.merged_extensions", &[("n", &n)]));
                }
                if files > 0 {
                    message.push_str(&tr(lang, "returns.merged_files", &[("n", &files)]));
                }
                actions.push(Action::Edit {
                    name: "action.merge_returns",
                    edits: merged.edits,
                    coalesce: None,
                });
                app.state.dialogs.returns_import = None;
                app.toast(message);
                return;
            }
            Err(e) => dialog.error = Some(e),
        }
    }
    if close {
        app.state.dialogs.returns_import = None;
    }
}

fn count_accepted(preview: &Preview, selection: &Selection) -> usize {
    preview
        .returns
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.rows
                .iter()
                .enumerate()
                .filter(|(j, row)| row.can_accept() && selection.is_accepted(i, *j))
                .count()
        })
        .sum()
}

fn choose_files(ui: &mut Ui, lang: Lang, dialog: &mut ImportDialog, plan: &Plan) {
    ui.horizontal(|ui| {
        ui.label(t(lang, "returns.path"));
        let field = ui.add(egui::TextEdit::singleline(&mut dialog.path).desired_width(480.0));
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button(t(lang, "returns.list")).clicked() || enter {
            dialog.list(lang);
        }
    });
    ui.label(tr(lang, "returns.files", &[("n", &dialog.files.len())]));
    egui::ScrollArea::vertical()
        .max_height(240.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (path, on) in &mut dialog.files {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.checkbox(on, name);
            }
        });
    ui.horizontal(|ui| {
        ui.label(t(lang, "returns.expect_period"));
        ui.add(egui::TextEdit::singleline(&mut dialog.period).desired_width(100.0));
        if ui.button(t(lang, "returns.preview")).clicked() {
            dialog.make_preview(plan, lang);
        }
    });
}

fn preview_ui(ui: &mut Ui, lang: Lang, dialog: &mut ImportDialog, height: f32) {
    let show_unfilled = &mut dialog.show_unfilled;
    let Some((preview, selection)) = &mut dialog.preview else {
        return;
    };
    let unfilled: usize = preview
        .returns
        .iter()
        .map(|r| r.rows.iter().filter(|row| quiet(row)).count())
        .sum();
    let rows: usize = preview
        .returns
        .iter()
        .map(|r| r.rows.iter().filter(|row| row.can_accept()).count())
        .sum();
    let problems: usize = preview
        .returns
        .iter()
        .map(|r| {
            r.rows
                .iter()
                .filter(|row| row.can_accept() && r.row_blocked(row))
                .count()
        })
        .sum();
    ui.horizontal(|ui| {
        ui.label(tr(
            lang,
            "returns.summary",
            &[
                ("returns", &preview.returns.len()),
                ("rows", &rows),
                ("problems", &problems),
            ],
        ));
        if ui.small_button(t(lang, "returns.accept_clean")).clicked() {
            *selection = Selection::without_problems(preview);
        }
        if ui.small_button(t(lang, "returns.accept_none")).clicked() {
            *selection = Selection::none(preview);
        }
        if unfilled > 0 {
            ui.checkbox(
                show_unfilled,
                tr(lang, "returns.show_unfilled", &[("n", &unfilled)]),
            );
        }
    });
    let show_unfilled = *show_unfilled;
    ui.label(RichText::new(t(lang, "returns.problem_note")).color(theme::MUTED));
    egui::ScrollArea::vertical()
        .max_height(height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for u in &preview.unreadable {
                let name = u.path.file_name().map(|n| n.to_string_lossy().into_owned());
                ui.label(
                    RichText::new(tr(
                        lang,
                        "returns.unreadable",
                        &[("file", &name.unwrap_or_default())],
                    ))
                    .color(theme::DANGER)
                    .strong(),
                );
                ui.label(RichText::new(&u.message).color(theme::DANGER));
            }
            for (i, r) in preview.returns.iter().enumerate() {
                let period = r
                    .period
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "?".into());
                let head = tr(
                    lang,
                    "returns.return_head",
                    &[
                        ("file", &r.file_name),
                        ("dept", &r.department_name),
                        ("period", &period),
                        ("date", &r.returned_on),
                    ],
                );
                let colour = if r.has_problem() {
                    theme::DANGER
                } else {
                    ui.visuals().text_color()
                };
                egui::CollapsingHeader::new(RichText::new(head).strong().color(colour))
                    .id_salt(("return", i))
                    .default_open(true)
                    .show(ui, |ui| {
                        for issue in &r.issues {
                            issue_label(ui, issue);
                        }
                        rows_grid(ui, lang, i, r, selection, show_unfilled);
                    });
            }
        });
}

fn issue_label(ui: &mut Ui, issue: &Issue) {
    let colour = if issue.is_problem() {
        theme::DANGER
    } else {
        theme::MUTED
    };
    ui.label(RichText::new(issue.zh()).color(colour));
}

fn rows_grid(
    ui: &mut Ui,
    lang: Lang,
    i: usize,
    r: &merge::ReturnPreview,
    selection: &mut Selection,
    show_unfilled: bool,
) {
    egui::Grid::new(("return_rows", i))
        .striped(true)
        .num_columns(6)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for key in [
                "returns.col_accept",
                "returns.col_id",
                "returns.col_task",
                "returns.col_role",
                "returns.col_records",
                "returns.col_issues",
            ] {
                ui.label(RichText::new(t(lang, key)).strong());
            }
            ui.end_row();
            for (j, row) in r.rows.iter().enumerate() {
                if !show_unfilled && quiet(row) {
                    continue;
                }
                let mut on = selection.is_accepted(i, j);
                let spoken = tr(lang, "returns.accept_row", &[("row", &row.line)]);
                let check = ui.add_enabled(row.can_accept(), egui::Checkbox::without_text(&mut on));
                check.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::CheckBox, row.can_accept(), on, &spoken)
                });
                if check.changed() {
                    selection.set(i, j, on);
                }
                ui.label(&row.id_text);
                // Wide enough to tell commitments apart; in full on hover.
                ui.add_sized(
                    [TASK_WIDTH, ui.spacing().interact_size.y],
                    egui::Label::new(&row.title).truncate(),
                )
                .on_hover_text(&row.title);
                ui.label(t(
                    lang,
                    match row.role {
                        Role::Lead => "returns.role_lead",
                        Role::Cooperating => "returns.role_coop",
                        Role::None => "returns.role_none",
                    },
                ));
                ui.label(records(lang, row));
                ui.vertical(|ui| {
                    for issue in &row.issues {
                        issue_label(ui, issue);
                    }
                });
                ui.end_row();
            }
        });
}

/// The width of the 任务 column of the preview.
const TASK_WIDTH: f32 = 180.0;

/// A row nobody filled in and nothing to say about: hidden unless asked.
fn quiet(row: &merge::RowPreview) -> bool {
    !row.filled && row.issues.is_empty()
}

/// What a row would record, in a few words.
fn records(lang: Lang, row: &merge::RowPreview) -> String {
    if !row.filled {
        return t(lang, "returns.unfilled").to_owned();
    }
    if row.already_merged() {
        return t(lang, "returns.already").to_owned();
    }
    if row.entry.is_none() {
        return t(lang, "returns.cannot").to_owned();
    }
    let mut parts = vec![t(lang, "returns.progress_entry").to_owned()];
    if let Some(v) = row.value() {
        let mut text = tr(
            lang,
            "returns.value",
            &[("value", &report_style(v, &row.unit))],
        );
        if let Some(before) = row.value_before {
            let delta = v - before;
            let sign = if delta >= 0.0 { "+" } else { "" };
            let delta = format!("{sign}{}", report_style(delta, &row.unit));
            text.push_str(&tr(lang, "returns.delta", &[("delta", &delta)]));
        }
        parts.push(text);
    }
    if row.closure_requested {
        parts.push(t(lang, "returns.closure").to_owned());
    }
    if let Some((to, _)) = &row.extension {
        parts.push(tr(lang, "returns.extension", &[("to", to)]));
    }
    if !row.evidence_files.is_empty() {
        parts.push(tr(
            lang,
            "returns.evidence",
            &[("n", &row.evidence_files.len())],
        ));
    }
    if let Some((from, to)) = row.status_change {
        parts.push(tr(
            lang,
            "returns.status_change",
            &[
                ("from", &label::status(lang, from)),
                ("to", &label::status(lang, to)),
            ],
        ));
    }
    parts.join("；")
}
