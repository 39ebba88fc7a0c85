//! The application: holds the open document and the UI state, lays out the
//! panels, and applies the actions they emit after the UI pass.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use egui::Ui;

use commitments::model::{CommitmentId, Edit, Plan};
use commitments::storage::{StorageError, paths};

use super::commands::{Action, Command};
use super::document::{Document, SaveStatus};
use super::load_failure::LoadFailure;
use super::opening::{Opened, Opening};
use super::panels;
use super::prefs::{MainView, Prefs, STORAGE_KEY};
use super::view::LedgerView;
use crate::i18n::{Lang, t, tr};

mod run_command;

/// What the window was started with.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    pub file: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
}

/// Windows and dialogs that may be open over the ledger.
#[derive(Default)]
pub struct Dialogs {
    pub palette: Option<panels::palette::PaletteState>,
    pub confirm_delete: Option<CommitmentId>,
    pub departments: Option<panels::departments::DepartmentsState>,
    pub report: Option<panels::report::ReportState>,
    pub changes: Option<panels::changes::ChangesState>,
    pub export: Option<panels::export_dialog::ExportDialog>,
    pub file: Option<panels::file_dialog::FileDialog>,
    pub confirm_close: bool,
    pub notices: Option<panels::notices_dialog::NoticesDialog>,
    pub returns_make: Option<panels::returns::MakeDialog>,
    pub returns_import: Option<panels::returns::ImportDialog>,
    pub report_source: Option<panels::review::source::ReportSource>,
    pub journal: Option<panels::journal::JournalWindow>,
    /// 文件 → 计划信息…
    pub plan_info: bool,
}

/// Transient UI state that is not a preference.
#[derive(Default)]
pub struct UiState {
    pub selected: Option<CommitmentId>,
    /// The ledger's least width in the window's language, as the last frame
    /// measured it (0 before): the detail panel never leaves it less.
    pub ledger_least: f32,
    /// Scroll the ledger to the selection on the next frame.
    pub scroll_to_selected: bool,
    pub focus_search: bool,
    /// What the user typed into number fields that did not parse (kept, never lost).
    pub number_buffers: HashMap<egui::Id, String>,
    /// A short message after undo/redo and other actions.
    pub toast: Option<(String, Instant)>,
    pub dialogs: Dialogs,
    pub progress_form: panels::detail::ProgressForm,
    pub dashboard: panels::dashboard::DashboardCache,
    pub adjust_form: panels::detail::AdjustForm,
    /// The period shown under 报送情况 on the dashboard (default: the as-of month).
    pub returns_period: Option<commitments::returns::Period>,
    /// The review of a report's drafts (从报告新建计划 / 补充), shown in
    /// place of the ledger while it is open.
    pub review: Option<panels::review::ReviewState>,
    /// The detail panel shows the 变更记录 tab.
    pub detail_history: bool,
    pub detail_journal: super::journal_view::JournalView,
    pub close_form: panels::detail::CloseForm,
    /// Where windows over the ledger may go: below the menu bar and banners.
    pub dialog_area: Option<egui::Rect>,
}

pub struct App {
    pub prefs: Prefs,
    pub data_dir: PathBuf,
    pub doc: Option<Document>,
    pub load_failure: Option<LoadFailure>,
    pub view: LedgerView,
    pub state: UiState,
    /// The date the plan is judged on: today, unless the user picked another
    /// (then the window is read-only). Read it; change it with [`App::show_as_of`].
    pub as_of: NaiveDate,
    /// Whether the user picked `as_of`; otherwise it follows the calendar, so
    /// a window left open overnight does not become read-only.
    as_of_picked: bool,
    ctx: egui::Context,
    actions: Vec<Action>,
    /// Set once the user confirmed closing with unsaved edits.
    allow_close: bool,
    /// Distinguishes documents in the view cache.
    doc_serial: usize,
    /// The plan as it stood on the as-of date, when that is in the past:
    /// (document serial, revision, date) it was computed for, and the plan.
    pub past_plan: Option<((usize, u64, NaiveDate), Plan)>,
    /// A large plan being read on a worker thread.
    pub opening: Option<Opening>,
    /// Frames run so far, and frames that showed the plan (or why it could
    /// not be opened): the startup probe reports both.
    frames: u64,
    plan_frames: u64,
}

impl App {
    pub fn new(cc: &eframe::CreationContext<'_>, launch: Launch) -> App {
        super::install_look(&cc.egui_ctx);
        let prefs = Prefs::load(cc.storage);
        Self::with_prefs(cc.egui_ctx.clone(), prefs, launch)
    }

    /// Builds the app on a context (the window, or a test harness).
    pub fn with_prefs(ctx: egui::Context, prefs: Prefs, launch: Launch) -> App {
        let data_dir = paths::data_dir(launch.data_dir.as_deref());
        let mut app = App {
            prefs,
            data_dir: data_dir.clone(),
            doc: None,
            load_failure: None,
            view: LedgerView::default(),
            state: UiState::default(),
            as_of: commitments::today(),
            as_of_picked: false,
            ctx,
            actions: Vec::new(),
            allow_close: false,
            doc_serial: 0,
            past_plan: None,
            opening: None,
            frames: 0,
            plan_frames: 0,
        };
        let path = match launch.file {
            Some(f) => Ok(f),
            None => paths::default_plan(&data_dir),
        };
        match path {
            Ok(p) => app.open(&p),
            Err(e) => {
                let p = data_dir.join(paths::DEFAULT_PLAN_FILE);
                app.load_failure = Some(LoadFailure::setting_up(&p, &e));
            }
        }
        app
    }

    /// Judges the plan on `date`; today's date returns to the live, editable plan.
    pub fn show_as_of(&mut self, date: NaiveDate) {
        self.as_of = date;
        self.as_of_picked = date != commitments::today();
    }

    /// Whether the window shows a past date (as-of mode): read-only.
    pub fn viewing_the_past(&self) -> bool {
        self.as_of != commitments::today()
    }

    /// Edits are refused: another process holds the plan, or a past date is shown.
    pub fn is_read_only(&self) -> bool {
        self.viewing_the_past() || self.doc.as_ref().is_some_and(|d| d.is_read_only())
    }

    pub fn lang(&self) -> Lang {
        self.prefs.lang
    }

    /// Opens a plan file in place of the current one (which is saved and
    /// closed first). A large file is read on a worker thread while the
    /// window says so ([`Opening`]).
    pub fn open(&mut self, path: &Path) {
        if let Some(doc) = &mut self.doc {
            doc.flush();
        }
        let ctx = self.ctx.clone();
        let wake = move || ctx.request_repaint();
        if let Some(bytes) = Opening::worth_it(path)
            && let Some(opening) = Opening::start(path, bytes, wake.clone())
        {
            self.doc = None;
            self.load_failure = None;
            self.opening = Some(opening);
            return;
        }
        let result = Document::open(path, wake);
        self.opened(path, result);
    }

    fn opened(&mut self, path: &Path, result: Result<Document, StorageError>) {
        match result {
            Ok(doc) => {
                self.prefs.remember(path);
                self.install(doc);
            }
            Err(e) => {
                self.doc = None;
                self.load_failure = Some(LoadFailure::opening(path, &e));
            }
        }
    }

    /// Takes the result of a background opening, once there is one.
    fn poll_opening(&mut self) {
        let Some(outcome) = self.opening.as_ref().and_then(Opening::poll) else {
            return;
        };
        let Some(opening) = self.opening.take() else {
            return;
        };
        match outcome {
            Opened::Document(doc) => self.opened(&opening.path, Ok(doc)),
            Opened::Failed(e) => self.opened(&opening.path, Err(e)),
            Opened::Lost => {
                let e = StorageError::io(
                    &opening.path,
                    "cannot read",
                    std::io::Error::other("the reading thread stopped unexpectedly"),
                );
                self.opened(&opening.path, Err(e));
            }
        }
    }

    fn install(&mut self, doc: Document) {
        // Filters are kept per plan: leave this one's, take up the new one's.
        if let Some(old) = &self.doc {
            let old = old.path().to_owned();
            self.prefs.keep_filter(&old);
        }
        let first = self.doc.is_none() && self.doc_serial == 0;
        self.prefs.take_filter(doc.path(), first);
        // Filters naming departments or sections of another plan would hide everything.
        let plan = doc.plan();
        self.prefs
            .filter
            .departments
            .retain(|d| plan.departments.contains_key(d));
        let sections = plan.sections();
        self.prefs.filter.sections.retain(|s| sections.contains(s));
        self.doc = Some(doc);
        self.load_failure = None;
        self.doc_serial += 1;
        self.state.selected = None;
        self.state.number_buffers.clear();
    }

    /// Starts a document at a new path from a plan (New plan, Save as, recovery).
    pub fn start_new(&mut self, path: &Path, plan: Plan) {
        if let Some(doc) = &mut self.doc {
            doc.flush();
        }
        let ctx = self.ctx.clone();
        match Document::create(path, plan, move || ctx.request_repaint()) {
            Ok(mut doc) => {
                doc.save_now();
                doc.flush();
                self.prefs.remember(path);
                self.install(doc);
            }
            Err(e) => self.toast(e.to_string()),
        }
    }

    pub fn toast(&mut self, message: String) {
        self.state.toast = Some((message, Instant::now()));
    }

    /// Blocks until every change is on disk (tests and closing).
    pub fn flush(&mut self) -> bool {
        self.doc.as_mut().is_none_or(|d| d.flush())
    }

    pub fn plan(&self) -> Option<&Plan> {
        self.doc.as_ref().map(|d| d.plan())
    }

    /// Keeps the past plan in step with the as-of date (computed once per date and revision).
    fn refresh_past_plan(&mut self) {
        let Some(doc) = &self.doc else { return };
        if !self.viewing_the_past() {
            self.past_plan = None;
            return;
        }
        let key = (self.doc_serial, doc.revision(), self.as_of);
        if self.past_plan.as_ref().map(|(k, _)| *k) != Some(key) {
            self.past_plan = Some((key, doc.plan().as_of(self.as_of)));
        }
    }

    fn refresh_view(&mut self) {
        if let Some(doc) = &self.doc {
            self.view.refresh(
                doc,
                self.doc_serial,
                &self.prefs.filter,
                self.as_of,
                self.prefs.sort,
                self.prefs.descending,
            );
        }
    }

    /// When the window comes back into focus, look for changes made to the
    /// file by someone else (no polling while idle).
    fn watch_external_changes(&mut self, ui: &Ui) {
        let focused = ui.ctx().input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        if focused && let Some(doc) = &mut self.doc {
            doc.check_external_change();
        }
    }

    fn shortcuts(&mut self, ui: &Ui) {
        let typing = ui.ctx().egui_wants_keyboard_input();
        let modal = self.state.dialogs.palette.is_some()
            || self.state.dialogs.confirm_delete.is_some()
            || self.state.dialogs.file.is_some()
            || self.state.dialogs.export.is_some()
            || self.state.dialogs.notices.is_some()
            || self.state.dialogs.confirm_close
            || self.state.dialogs.returns_make.is_some()
            || self.state.dialogs.returns_import.is_some()
            || self.state.dialogs.report_source.is_some()
            || self.state.review.is_some();
        let fired = ui
            .ctx()
            .input_mut(|input| Command::fire(input, typing, modal));
        // Undo in a focused text field belongs to the field.
        for command in fired {
            if typing && matches!(command, Command::Undo | Command::Redo) {
                self.actions.push(Action::SealHistory);
            }
            self.actions.push(Action::Run(command));
        }
    }

    /// Applies what the panels asked for.
    fn apply_actions(&mut self) {
        let actions = std::mem::take(&mut self.actions);
        for action in actions {
            self.apply_action(action);
        }
    }

    fn apply_action(&mut self, action: Action) {
        let _lang = self.lang();
        let today = commitments::today();
        match action {
            Action::Run(command) => self.run_command(command),
            Action::Edit {
                name,
                edits,
                coalesce,
            } => self.edit(name, edits, coalesce),
            Action::SealHistory => {
                if let Some(doc) = &mut self.doc {
                    doc.history.seal();
                }
            }
            Action::Select(id) => {
                if self.state.selected != Some(id) {
                    self.state.selected = Some(id);
                    self.state.number_buffers.clear();
                    self.state.progress_form = Default::default();
                    self.state.adjust_form = Default::default();
                    self.state.close_form = Default::default();
                    self.state.detail_journal = Default::default();
                }
            }
            Action::Tick(id) => {
                if self.plan().is_some_and(|p| !p.direct_done_allowed()) {
                    self.toast(t(_lang, "toast.tick_needs_review").to_owned());
                    return;
                }
                if let Some(edit) = self.plan().and_then(|p| p.tick(id, today).ok()) {
                    self.edit("action.tick", vec![edit], None);
                }
            }
            Action::Untick(id) => {
                if let Some(edit) = self.plan().and_then(|p| p.untick(id, today).ok()) {
                    self.edit("action.untick", vec![edit], None);
                }
            }
            Action::ConfirmDelete(id) => {
                self.edit("action.delete", vec![Edit::Remove(id)], None);
                if self.state.selected == Some(id) {
                    self.state.selected = None;
                }
            }
            Action::FilterDepartment(d) => {
                self.prefs.filter.departments = vec![d];
            }
            Action::ShowInLedger(filter) => {
                self.prefs.filter = *filter;
                self.prefs.view = MainView::Ledger;
            }
            Action::ShowQuote(id) => {
                self.state.dialogs.report = Some(panels::report::ReportState::for_commitment(id));
            }
            Action::OpenPath(path) => {
                self.state.dialogs.file = None;
                self.open(&path);
            }
            Action::Toast(message) => self.toast(message),
        }
    }

    fn edit(
        &mut self,
        name: &'static str,
        edits: Vec<Edit>,
        coalesce: Option<super::history::CoalesceKey>,
    ) {
        let lang = self.lang();
        if self.viewing_the_past() {
            self.toast(t(lang, "toast.as_of_read_only").to_owned());
            return;
        }
        let Some(doc) = &mut self.doc else { return };
        if doc.is_read_only() {
            self.toast(t(lang, "toast.read_only").to_owned());
            return;
        }
        if let Err(e) = doc.apply(name, edits, coalesce) {
            self.toast(tr(lang, "toast.edit_failed", &[("reason", &e)]));
        }
    }

    /// Makes sure `id` is visible: clears filters that would hide it.
    fn reveal(&mut self, id: CommitmentId) {
        self.refresh_view();
        if self.view.position(id).is_none() {
            self.prefs.filter = Default::default();
        }
    }

    /// Saves on close; asks first when edits could not be saved.
    fn handle_close(&mut self, ui: &Ui) {
        if !ui.ctx().input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        let saved = self.flush();
        if !saved {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.state.dialogs.confirm_close = true;
        }
    }

    pub fn confirm_close(&mut self) {
        self.allow_close = true;
        self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// The whole UI pass: panels read, actions are applied after.
    pub fn frame(&mut self, ui: &mut Ui) {
        super::widgets::set_lang(ui.ctx(), self.lang());
        self.poll_opening();
        if self.opening.is_some() {
            panels::opening::show(ui, self);
            return;
        }
        if !self.as_of_picked {
            self.as_of = commitments::today();
        }
        self.watch_external_changes(ui);
        panels::journal::sync_user(self);
        self.shortcuts(ui);
        self.refresh_view();
        self.refresh_past_plan();

        if self.state.review.is_some() {
            let mut actions = Vec::new();
            panels::review::show(ui, self, &mut actions);
            panels::file_dialog::show(ui.ctx(), self);
            self.actions.extend(actions);
            self.apply_actions();
            if let Some(doc) = &mut self.doc
                && let Some(wait) = doc.poll(Instant::now())
            {
                ui.ctx().request_repaint_after(wait);
            }
            self.handle_close(ui);
            return;
        }

        if self.doc.is_none() {
            let mut actions = Vec::new();
            panels::load_error::show(ui, self, &mut actions);
            self.actions.extend(actions);
            panels::file_dialog::show(ui.ctx(), self);
            self.apply_actions();
            return;
        }

        let mut actions = Vec::new();
        panels::top_bar::show(ui, self, &mut actions);
        panels::banners::show(ui, self, &mut actions);
        panels::plan_info::banner(ui, self);
        panels::status_bar::show(ui, self);
        self.state.dialog_area = Some(ui.available_rect_before_wrap());
        panels::filters::show(ui, self, &mut actions);
        if self.state.selected.is_some() {
            panels::detail::show(ui, self, &mut actions);
        }
        match self.prefs.view {
            MainView::Ledger => panels::ledger::show(ui, self, &mut actions),
            MainView::Dashboard => panels::dashboard::show(ui, self, &mut actions),
        }
        panels::dialogs::show(ui.ctx(), self, &mut actions);
        panels::journal::ask_user(ui.ctx(), self);
        panels::plan_info::dialog(ui.ctx(), self);
        self.actions.extend(actions);
        self.apply_actions();
        self.refresh_view();

        if let Some(doc) = &mut self.doc
            && let Some(wait) = doc.poll(Instant::now())
        {
            ui.ctx().request_repaint_after(wait);
        }
        if let Some((_, at)) = &self.state.toast {
            let left = std::time::Duration::from_secs(4).saturating_sub(at.elapsed());
            if left.is_zero() {
                self.state.toast = None;
            } else {
                ui.ctx().request_repaint_after(left);
            }
        }
        self.handle_close(ui);
    }

    /// The save-state text of the top bar.
    pub fn save_state_text(&self) -> (String, bool) {
        let lang = self.lang();
        let Some(doc) = &self.doc else {
            return (String::new(), false);
        };
        if doc.is_read_only() {
            return (t(lang, "save.read_only").to_owned(), true);
        }
        match &doc.status {
            SaveStatus::Unchanged => (t(lang, "save.unchanged").to_owned(), false),
            SaveStatus::Saved { at } => (
                tr(lang, "save.saved_at", &[("time", &at.format("%H:%M"))]),
                false,
            ),
            SaveStatus::Unsaved => (t(lang, "save.unsaved").to_owned(), false),
            SaveStatus::Failed(failure) => (
                tr(lang, "save.failed", &[("reason", &failure.reason(lang))]),
                true,
            ),
            SaveStatus::ChangedOnDisk => (t(lang, "save.changed_on_disk").to_owned(), true),
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if super::startup::probing() {
            // A frame starts once the one before was painted.
            if self.frames == 1 {
                super::startup::painted("first frame");
            }
            if self.plan_frames == 1 {
                super::startup::painted("plan shown");
                super::startup::close(ui.ctx());
            }
            ui.ctx().request_repaint();
        }
        self.frames += 1;
        self.frame(ui);
        if self.opening.is_none() {
            self.plan_frames += 1;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(doc) = &self.doc {
            let path = doc.path().to_owned();
            self.prefs.keep_filter(&path);
        }
        eframe::set_value(storage, STORAGE_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush();
    }
}
