//! 销号与延期 in the detail panel: apply for closure with a statement and
//! evidence, the office's confirm / send back; request an extension, the
//! office's approve / reject; the evidence listed (name, size, date) and
//! opened with the system viewer, a missing file reported.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use commitments::evidence;
use commitments::model::{Evidence, Status};

use super::super::super::commands::Action;
use super::super::super::theme;
use super::super::super::widgets::UiExt;
use super::Ctx;
use crate::i18n::{t, tr};

/// The forms' text, kept while the commitment stays selected.
#[derive(Default)]
pub struct CloseForm {
    pub statement: String,
    pub evidence_path: String,
    pub evidence: Vec<Evidence>,
    pub reason: String,
    pub extend_to: String,
    pub extend_reason: String,
    pub error: Option<String>,
}

pub(super) fn show(
    ui: &mut Ui,
    cx: &mut Ctx<'_>,
    form: &mut CloseForm,
    plan_path: &std::path::Path,
    user: &str,
) {
    let lang = cx.lang;
    let c = cx.c;
    let plan = cx.plan;
    let today = commitments::today();
    let enabled = !cx.read_only;
    ui.section_heading(t(lang, "close.heading"));

    match (&c.closure, c.status) {
        (Some(req), Status::ClosureRequested) => {
            ui.label(
                RichText::new(tr(lang, "close.pending", &[("date", &req.on)]))
                    .color(theme::CLOSURE_PENDING)
                    .strong(),
            );
            ui.label(&req.statement);
            evidence_list(ui, cx, plan_path, &req.evidence);
            ui.horizontal(|ui| {
                ui.label(t(lang, "close.reason"));
                ui.add_enabled(enabled, egui::TextEdit::singleline(&mut form.reason));
            });
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(enabled, egui::Button::new(t(lang, "close.confirm")))
                    .clicked()
                {
                    push(
                        cx,
                        "action.confirm_close",
                        plan.confirm_close(c.id, today),
                        form,
                    );
                }
                if ui
                    .add_enabled(enabled, egui::Button::new(t(lang, "close.reject")))
                    .clicked()
                {
                    if form.reason.trim().is_empty() {
                        form.error = Some(t(lang, "close.need_reason").to_owned());
                    } else {
                        let reason = form.reason.trim().to_owned();
                        push(
                            cx,
                            "action.reject_close",
                            plan.reject_close(c.id, today, &reason),
                            form,
                        );
                    }
                }
            });
        }
        (Some(req), Status::Done) => {
            ui.label(tr(lang, "close.closed", &[("date", &req.on)]));
            ui.label(RichText::new(&req.statement).small());
            evidence_list(ui, cx, plan_path, &req.evidence);
        }
        _ if c.status != Status::Done => {
            ui.collapsing(t(lang, "close.apply"), |ui| {
                ui.label(t(lang, "close.statement"));
                ui.add_enabled(
                    enabled,
                    egui::TextEdit::multiline(&mut form.statement)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY),
                );
                evidence_picker(
                    ui,
                    lang,
                    "close.add_evidence",
                    enabled,
                    plan_path,
                    today,
                    &mut form.evidence_path,
                    &mut form.evidence,
                    &mut form.error,
                );
                if ui
                    .add_enabled(enabled, egui::Button::new(t(lang, "close.submit")))
                    .clicked()
                {
                    let statement =
                        commitments::model::text::clean(form.statement.trim(), true).into_owned();
                    if statement.is_empty() {
                        form.error = Some(t(lang, "close.need_statement").to_owned());
                    } else {
                        let edit = plan.apply_close(
                            c.id,
                            today,
                            &statement,
                            std::mem::take(&mut form.evidence),
                            user,
                        );
                        push(cx, "action.apply_close", edit, form);
                        form.statement.clear();
                    }
                }
            });
        }
        _ => {}
    }

    // 延期.
    if let Some(req) = &c.extension {
        ui.label(
            RichText::new(tr(
                lang,
                "extend.pending",
                &[("to", &req.to), ("reason", &req.reason)],
            ))
            .color(theme::CLOSURE_PENDING),
        );
        ui.horizontal(|ui| {
            ui.label(t(lang, "close.reason"));
            ui.add_enabled(enabled, egui::TextEdit::singleline(&mut form.reason));
        });
        ui.horizontal(|ui| {
            if ui
                .add_enabled(enabled, egui::Button::new(t(lang, "extend.approve")))
                .clicked()
            {
                push(
                    cx,
                    "action.approve_extension",
                    plan.approve_extension(c.id, today),
                    form,
                );
            }
            if ui
                .add_enabled(enabled, egui::Button::new(t(lang, "extend.reject")))
                .clicked()
            {
                let reason = form.reason.trim().to_owned();
                push(
                    cx,
                    "action.reject_extension",
                    plan.reject_extension(c.id, today, &reason),
                    form,
                );
            }
        });
    } else if !matches!(c.status, Status::Done) {
        ui.collapsing(t(lang, "extend.apply"), |ui| {
            ui.horizontal(|ui| {
                ui.label(t(lang, "extend.to"));
                ui.add_enabled(
                    enabled,
                    egui::TextEdit::singleline(&mut form.extend_to)
                        .hint_text("2023-12-31")
                        .desired_width(100.0),
                );
            });
            ui.horizontal(|ui| {
                ui.label(t(lang, "close.reason"));
                ui.add_enabled(enabled, egui::TextEdit::singleline(&mut form.extend_reason));
            });
            if ui
                .add_enabled(enabled, egui::Button::new(t(lang, "close.submit")))
                .clicked()
            {
                match NaiveDate::parse_from_str(form.extend_to.trim(), "%Y-%m-%d") {
                    Ok(to) => {
                        let reason = form.extend_reason.trim().to_owned();
                        push(
                            cx,
                            "action.request_extension",
                            plan.request_extension(c.id, today, to, &reason, user),
                            form,
                        );
                    }
                    Err(_) => form.error = Some(t(lang, "journal.bad_date").to_owned()),
                }
            }
        });
    }
    for e in &c.extensions {
        let verdict = if e.approved {
            t(lang, "extend.approved")
        } else {
            t(lang, "extend.rejected")
        };
        let old = e.old.unwrap_or_else(|| plan.period_end());
        let reason = if e.ruling.is_empty() {
            &e.reason
        } else {
            &e.ruling
        };
        ui.label(
            RichText::new(tr(
                lang,
                "extend.history",
                &[
                    ("on", &e.decided_on),
                    ("old", &old),
                    ("new", &e.new),
                    ("verdict", &verdict),
                    ("reason", reason),
                ],
            ))
            .small()
            .color(theme::MUTED),
        );
    }
    if let Some(error) = &form.error {
        ui.field_error(error);
    }
}

fn push(
    cx: &mut Ctx<'_>,
    name: &'static str,
    edit: Result<commitments::model::Edit, commitments::model::StepError>,
    form: &mut CloseForm,
) {
    match edit {
        Ok(edit) => {
            cx.actions.push(Action::Edit {
                name,
                edits: vec![edit],
                coalesce: None,
            });
            form.error = None;
            form.reason.clear();
        }
        Err(e) => form.error = Some(step_error_text(cx.lang, &e)),
    }
}

/// Why a 销号/延期 step was refused, in the window's language.
fn step_error_text(lang: crate::i18n::Lang, e: &commitments::model::StepError) -> String {
    use commitments::model::StepError;
    match e {
        StepError::Edit(edit) => edit.to_string(),
        StepError::AlreadyDone(_) => t(lang, "step.already_done").to_owned(),
        StepError::NoClosureRequest(_) => t(lang, "step.no_closure").to_owned(),
        StepError::NoExtensionRequest(_) => t(lang, "step.no_extension").to_owned(),
        StepError::TooLate { due, today } => {
            tr(lang, "step.too_late", &[("due", due), ("today", today)])
        }
        StepError::NotLater { to, due } => tr(lang, "step.not_later", &[("to", to), ("due", due)]),
        StepError::Empty("statement") => t(lang, "step.need_statement").to_owned(),
        StepError::Empty(_) => t(lang, "step.need_reason").to_owned(),
    }
}

/// A path field and 添加 for evidence files, files dropped onto the window
/// taken too (by the first picker shown), the files chosen so far listed
/// with a 移除 each. Files are copied into `<plan>.files/` as they are
/// added; one that cannot be read is said in `error`.
#[allow(clippy::too_many_arguments)]
pub(super) fn evidence_picker(
    ui: &mut Ui,
    lang: crate::i18n::Lang,
    add_key: &'static str,
    enabled: bool,
    plan_path: &std::path::Path,
    today: NaiveDate,
    path_text: &mut String,
    chosen: &mut Vec<Evidence>,
    error: &mut Option<String>,
) {
    let add = |path: &std::path::Path, chosen: &mut Vec<Evidence>, error: &mut Option<String>| {
        match evidence::attach(plan_path, path, today) {
            Ok(e) => {
                if !chosen.iter().any(|c| c.stored == e.stored) {
                    chosen.push(e);
                }
                *error = None;
                true
            }
            Err(e) => {
                *error = Some(evidence_error_text(lang, &e));
                false
            }
        }
    };
    ui.label(t(lang, "close.evidence"));
    ui.horizontal(|ui| {
        ui.add_enabled(
            enabled,
            egui::TextEdit::singleline(path_text).desired_width(220.0),
        );
        if ui
            .add_enabled(enabled, egui::Button::new(t(lang, add_key)))
            .clicked()
        {
            let path = path_text.trim().trim_matches('"').to_owned();
            if path.is_empty() {
                *error = Some(t(lang, "evidence.no_path").to_owned());
            } else if add(std::path::Path::new(&path), chosen, error) {
                path_text.clear();
            }
        }
    });
    ui.label(
        RichText::new(t(lang, "evidence.drop_hint"))
            .small()
            .color(theme::MUTED),
    );
    if enabled {
        let dropped = ui
            .ctx()
            .input_mut(|i| std::mem::take(&mut i.raw.dropped_files));
        for file in dropped {
            add(file.path(), chosen, error);
        }
    }
    let mut remove = None;
    for (i, e) in chosen.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("📎 {}（{}）", e.name, evidence::size_text(e.size))).small(),
            );
            if ui.small_button(t(lang, "evidence.remove")).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        // The stored copy stays: content-addressed, it may serve another entry.
        chosen.remove(i);
    }
}

/// An evidence file that could not be added, in the window's language.
fn evidence_error_text(lang: crate::i18n::Lang, e: &evidence::EvidenceError) -> String {
    use evidence::EvidenceError;
    match e {
        EvidenceError::Read { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
            tr(lang, "evidence.not_found", &[("path", &path.display())])
        }
        EvidenceError::Read { path, source } => tr(
            lang,
            "evidence.cannot_read",
            &[("path", &path.display()), ("why", source)],
        ),
        EvidenceError::Store { path, source } => tr(
            lang,
            "evidence.cannot_store",
            &[("path", &path.display()), ("why", source)],
        ),
        other => other.to_string(),
    }
}

pub(super) fn evidence_list(
    ui: &mut Ui,
    cx: &mut Ctx<'_>,
    plan_path: &std::path::Path,
    list: &[Evidence],
) {
    let lang = cx.lang;
    for e in list {
        ui.horizontal(|ui| {
            ui.label(format!(
                "📎 {}  {}  {}",
                e.name,
                evidence::size_text(e.size),
                e.added
            ));
            match evidence::check(plan_path, e) {
                Ok(_) => {
                    if ui.small_button(t(lang, "close.open_file")).clicked()
                        && let Err(why) = evidence::open(plan_path, e)
                    {
                        // No viewer for the file's type, or none at all.
                        let why = match &why {
                            evidence::EvidenceError::Open { source, .. } => source.to_string(),
                            other => other.to_string(),
                        };
                        cx.actions.push(Action::Toast(tr(
                            lang,
                            "evidence.cannot_open",
                            &[("name", &e.name), ("why", &why)],
                        )));
                    }
                }
                Err(evidence::EvidenceError::BadName { .. }) => {
                    ui.label(
                        RichText::new(tr(lang, "evidence.bad_name", &[("name", &e.name)]))
                            .color(theme::DANGER)
                            .small(),
                    );
                }
                Err(_) => {
                    ui.label(
                        RichText::new(tr(lang, "close.missing", &[("name", &e.name)]))
                            .color(theme::DANGER)
                            .small(),
                    );
                }
            }
        });
    }
}
