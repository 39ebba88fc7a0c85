//! Running a command of the one list that feeds menus, shortcuts and the
//! palette ([`Command`]): undo and redo, files, views, dialogs, commitments.

use commitments::model::{Edit, Kind};

use super::super::commands::{Action, Command};
use super::super::panels;
use super::App;
use crate::i18n::{Lang, t, tr};

impl App {
    pub(super) fn run_command(&mut self, command: Command) {
        let lang = self.lang();
        if command.changes_plan() && self.is_read_only() {
            let key = if self.viewing_the_past() {
                "toast.as_of_read_only"
            } else {
                "toast.read_only"
            };
            self.toast(t(lang, key).to_owned());
            return;
        }
        match command {
            Command::Undo => {
                if let Some(name) = self.doc.as_mut().and_then(|d| d.undo()) {
                    self.state.number_buffers.clear();
                    self.toast(tr(lang, "toast.undone", &[("action", &t(lang, name))]));
                }
            }
            Command::Redo => {
                if let Some(name) = self.doc.as_mut().and_then(|d| d.redo()) {
                    self.state.number_buffers.clear();
                    self.toast(tr(lang, "toast.redone", &[("action", &t(lang, name))]));
                }
            }
            Command::Save => {
                if let Some(doc) = &mut self.doc {
                    doc.save_now();
                }
            }
            Command::NewPlan => {
                self.state.dialogs.file =
                    Some(panels::file_dialog::FileDialog::new_plan(&self.data_dir));
            }
            Command::Open => {
                self.state.dialogs.file =
                    Some(panels::file_dialog::FileDialog::open(&self.data_dir));
            }
            Command::SaveAs => {
                if self.doc.is_some() {
                    self.state.dialogs.file =
                        Some(panels::file_dialog::FileDialog::save_as(&self.data_dir));
                }
            }
            Command::NewCommitment => {
                let Some(plan) = self.plan() else { return };
                let id = plan.next_commitment_id();
                let mut c = commitments::model::Commitment::new(
                    id,
                    t(lang, "new.title"),
                    Kind::Qualitative,
                );
                c.due = Some(plan.period_end());
                // A new commitment belongs to the department being looked at.
                c.lead = self.prefs.filter.departments.first().cloned();
                self.edit("action.new", vec![Edit::Insert(Box::new(c))], None);
                self.state.selected = Some(id);
                self.state.scroll_to_selected = true;
                self.reveal(id);
            }
            Command::Duplicate => {
                let Some(id) = self.state.selected else {
                    return;
                };
                let Some(edit) = self.plan().and_then(|p| p.duplicate(id).ok()) else {
                    return;
                };
                let new_id = edit.commitment_id();
                self.edit("action.duplicate", vec![edit], None);
                if let Some(new_id) = new_id {
                    self.state.selected = Some(new_id);
                    self.state.scroll_to_selected = true;
                    self.reveal(new_id);
                }
            }
            Command::Delete => {
                if let Some(id) = self.state.selected {
                    self.state.dialogs.confirm_delete = Some(id);
                }
            }
            Command::ToggleDone => {
                let Some(id) = self.state.selected else {
                    return;
                };
                let done = self
                    .plan()
                    .and_then(|p| p.commitments.get(&id))
                    .is_some_and(|c| c.status == commitments::model::Status::Done);
                self.apply_action(if done {
                    Action::Untick(id)
                } else {
                    Action::Tick(id)
                });
            }
            Command::FocusSearch => self.state.focus_search = true,
            Command::ClearFilters => self.prefs.filter = Default::default(),
            Command::Palette => {
                self.state.dialogs.palette = match self.state.dialogs.palette {
                    Some(_) => None,
                    None => Some(Default::default()),
                }
            }
            Command::Departments => {
                self.state.dialogs.departments = Some(Default::default());
            }
            Command::Export => {
                if let Some(doc) = &self.doc {
                    self.state.dialogs.export = Some(panels::export_dialog::ExportDialog::new(
                        doc.path(),
                        &doc.plan().title,
                        &self.data_dir,
                        self.prefs.export_dir.as_deref(),
                        self.as_of,
                    ));
                }
            }
            Command::GenerateNotices => {
                if let Some(doc) = &self.doc {
                    self.state.dialogs.notices = Some(panels::notices_dialog::NoticesDialog::new(
                        doc.plan(),
                        &self.data_dir,
                        self.as_of,
                    ));
                }
            }
            Command::SaveSnapshot => {
                let Some(doc) = &self.doc else { return };
                let message = match commitments::snapshot::take(doc.plan(), doc.path(), self.as_of)
                {
                    Ok(path) => tr(lang, "toast.snapshot_saved", &[("path", &path.display())]),
                    Err(e) => tr(lang, "toast.snapshot_failed", &[("reason", &e)]),
                };
                self.toast(message);
            }
            Command::ChangesSince => {
                if let Some(doc) = &self.doc {
                    self.state.dialogs.changes = Some(panels::changes::ChangesState::for_plan(
                        doc.path(),
                        self.as_of,
                    ));
                }
            }
            Command::ChangeLog => {
                if self.doc.is_some() {
                    self.state.dialogs.journal = Some(Default::default());
                }
            }
            Command::ShowReport => {
                self.state.dialogs.report = Some(panels::report::ReportState::default());
            }
            Command::SwitchLanguage => {
                self.prefs.lang = match self.prefs.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
            }
            Command::SelectNext | Command::SelectPrevious => {
                self.refresh_view();
                let rows = &self.view.rows;
                if rows.is_empty() {
                    return;
                }
                let current = self.state.selected.and_then(|id| self.view.position(id));
                let next = match (command, current) {
                    (Command::SelectNext, Some(i)) => (i + 1).min(rows.len() - 1),
                    (Command::SelectPrevious, Some(i)) => i.saturating_sub(1),
                    _ => 0,
                };
                self.state.selected = Some(rows[next].id);
                self.state.scroll_to_selected = true;
                self.state.number_buffers.clear();
            }
            Command::OpenDetail => {
                if self.state.selected.is_none() {
                    self.run_command(Command::SelectNext);
                }
            }
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::MakeReturnForms => {
                if let Some(plan) = self.plan() {
                    self.state.dialogs.returns_make = Some(panels::returns::MakeDialog::new(
                        plan,
                        &self.data_dir,
                        commitments::today(),
                    ));
                }
            }
            Command::ImportReturns => {
                if self.doc.is_some() {
                    self.state.dialogs.returns_import =
                        Some(panels::returns::ImportDialog::new(&self.data_dir));
                }
            }
            Command::PlanInfo => self.state.dialogs.plan_info = self.doc.is_some(),
            Command::FromReport | Command::SupplementFromReport => {
                use panels::review::{ReviewMode, source::ReportSource};
                let mode = if command == Command::FromReport {
                    ReviewMode::NewPlan
                } else if self.doc.is_some() && !self.is_read_only() {
                    ReviewMode::Supplement
                } else {
                    self.toast(t(lang, "toast.read_only").to_owned());
                    return;
                };
                self.state.dialogs.report_source = Some(ReportSource::new(mode, &self.data_dir));
            }
        }
    }
}
