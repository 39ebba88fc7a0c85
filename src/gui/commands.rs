//! Everything the user can do: one list feeds the menus, the keyboard
//! shortcuts and the command palette. Panels never change the plan; they
//! push [`Action`]s that the app applies after the UI pass.

use egui::{Key, KeyboardShortcut, Modifiers};

use commitments::model::{CommitmentId, DeptId, Edit};

use super::history::{ActionName, CoalesceKey};

/// A command without arguments: menus, shortcuts, palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Undo,
    Redo,
    Save,
    NewPlan,
    Open,
    SaveAs,
    NewCommitment,
    Duplicate,
    Delete,
    ToggleDone,
    FocusSearch,
    ClearFilters,
    Palette,
    Departments,
    ShowReport,
    Export,
    SaveSnapshot,
    ChangesSince,
    SwitchLanguage,
    SelectNext,
    SelectPrevious,
    OpenDetail,
    Quit,
    GenerateNotices,
    MakeReturnForms,
    ImportReturns,
    FromReport,
    SupplementFromReport,
    ChangeLog,
    PlanInfo,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Command; 30] = [
        Command::NewPlan,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::Undo,
        Command::Redo,
        Command::NewCommitment,
        Command::Duplicate,
        Command::Delete,
        Command::ToggleDone,
        Command::FocusSearch,
        Command::ClearFilters,
        Command::Departments,
        Command::ShowReport,
        Command::Export,
        Command::SaveSnapshot,
        Command::ChangesSince,
        Command::SwitchLanguage,
        Command::Palette,
        Command::SelectNext,
        Command::SelectPrevious,
        Command::OpenDetail,
        Command::Quit,
        Command::GenerateNotices,
        Command::MakeReturnForms,
        Command::ImportReturns,
        Command::FromReport,
        Command::SupplementFromReport,
        Command::ChangeLog,
        Command::PlanInfo,
    ];

    /// The i18n key of its name.
    pub fn name_key(self) -> &'static str {
        match self {
            Command::Undo => "cmd.undo",
            Command::Redo => "cmd.redo",
            Command::Save => "cmd.save",
            Command::NewPlan => "cmd.new_plan",
            Command::Open => "cmd.open",
            Command::SaveAs => "cmd.save_as",
            Command::NewCommitment => "cmd.new_commitment",
            Command::Duplicate => "cmd.duplicate",
            Command::Delete => "cmd.delete",
            Command::ToggleDone => "cmd.toggle_done",
            Command::FocusSearch => "cmd.focus_search",
            Command::ClearFilters => "cmd.clear_filters",
            Command::Palette => "cmd.palette",
            Command::Departments => "cmd.departments",
            Command::ShowReport => "cmd.show_report",
            Command::Export => "cmd.export",
            Command::SaveSnapshot => "cmd.save_snapshot",
            Command::ChangesSince => "cmd.changes_since",
            Command::SwitchLanguage => "cmd.switch_language",
            Command::SelectNext => "cmd.select_next",
            Command::SelectPrevious => "cmd.select_previous",
            Command::OpenDetail => "cmd.open_detail",
            Command::Quit => "cmd.quit",
            Command::GenerateNotices => "cmd.generate_notices",
            Command::MakeReturnForms => "cmd.make_return_forms",
            Command::ImportReturns => "cmd.import_returns",
            Command::FromReport => "cmd.from_report",
            Command::SupplementFromReport => "cmd.supplement_from_report",
            Command::ChangeLog => "cmd.change_log",
            Command::PlanInfo => "cmd.plan_info",
        }
    }

    /// Its keyboard shortcut. Shortcuts without a modifier only act when no
    /// text field has focus (see [`Command::needs_ledger_focus`]).
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let plain = |key| Some(KeyboardShortcut::new(Modifiers::NONE, key));
        match self {
            Command::Undo => ctrl(Key::Z),
            Command::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )),
            Command::Save => ctrl(Key::S),
            Command::NewPlan => None,
            Command::Open => ctrl(Key::O),
            Command::SaveAs => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S,
            )),
            Command::NewCommitment => ctrl(Key::N),
            Command::Duplicate => ctrl(Key::D),
            Command::Delete => plain(Key::Delete),
            Command::ToggleDone => plain(Key::Space),
            Command::FocusSearch => ctrl(Key::F),
            Command::ClearFilters => None,
            Command::Palette => ctrl(Key::P),
            Command::Departments => None,
            Command::ShowReport => None,
            Command::Export => ctrl(Key::E),
            Command::SaveSnapshot => None,
            Command::ChangesSince => None,
            Command::SwitchLanguage => None,
            Command::SelectNext => plain(Key::ArrowDown),
            Command::SelectPrevious => plain(Key::ArrowUp),
            Command::OpenDetail => plain(Key::Enter),
            Command::Quit => ctrl(Key::Q),
            Command::GenerateNotices => None,
            Command::MakeReturnForms => None,
            Command::ImportReturns => None,
            Command::FromReport | Command::SupplementFromReport => None,
            Command::ChangeLog => None,
            Command::PlanInfo => None,
        }
    }

    /// More shortcuts for the same command (Ctrl+Y for redo).
    pub fn extra_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Command::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            _ => None,
        }
    }

    /// Every (command, shortcut) pair, those with more modifiers first:
    /// egui's `consume_shortcut` ignores an extra Shift, so Ctrl+Shift+Z
    /// must be tried before Ctrl+Z takes it (and Ctrl+Shift+S before Ctrl+S).
    pub fn shortcuts_longest_first() -> Vec<(Command, KeyboardShortcut)> {
        let mut all: Vec<(Command, KeyboardShortcut)> = Command::ALL
            .into_iter()
            .flat_map(|c| {
                [c.shortcut(), c.extra_shortcut()]
                    .into_iter()
                    .flatten()
                    .map(move |s| (c, s))
            })
            .collect();
        let count = |m: Modifiers| {
            [m.alt, m.ctrl || m.command || m.mac_cmd, m.shift]
                .into_iter()
                .filter(|b| *b)
                .count()
        };
        all.sort_by_key(|(_, s)| std::cmp::Reverse(count(s.modifiers)));
        all
    }

    /// Consumes the shortcuts pressed in this frame's input and returns
    /// their commands (the longer shortcut wins; see above). While typing or
    /// under a modal dialog plain keys do nothing; under a modal only the
    /// palette's shortcut acts.
    pub fn fire(input: &mut egui::InputState, typing: bool, modal: bool) -> Vec<Command> {
        let mut fired = Vec::new();
        for (command, shortcut) in Command::shortcuts_longest_first() {
            if command.needs_ledger_focus() && (typing || modal) {
                continue;
            }
            if modal && command != Command::Palette {
                continue;
            }
            if input.consume_shortcut(&shortcut) {
                fired.push(command);
            }
        }
        fired
    }

    /// Whether running it changes the plan: refused (and its menu entry
    /// disabled) while the window is read-only, as when it shows a past date.
    pub fn changes_plan(self) -> bool {
        matches!(
            self,
            Command::Undo
                | Command::Redo
                | Command::NewCommitment
                | Command::Duplicate
                | Command::Delete
                | Command::ToggleDone
                | Command::SupplementFromReport
                | Command::ImportReturns
        )
    }

    /// Plain-key shortcuts must not fire while the user types in a field.
    pub fn needs_ledger_focus(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }

    /// The i18n key of the menu it sits in, for menus built from the list
    /// (报送); `None` for commands placed by hand.
    pub fn menu_key(self) -> Option<&'static str> {
        match self {
            Command::GenerateNotices | Command::MakeReturnForms | Command::ImportReturns => {
                Some("menu.submit")
            }
            _ => None,
        }
    }

    /// Whether it appears in the palette (navigation keys do not).
    pub fn in_palette(self) -> bool {
        !matches!(
            self,
            Command::SelectNext | Command::SelectPrevious | Command::OpenDetail
        )
    }
}

/// Something a panel asks the app to do after the UI pass.
#[derive(Debug, Clone)]
pub enum Action {
    Run(Command),
    /// One user action's edits, applied as one undo step.
    Edit {
        name: ActionName,
        edits: Vec<Edit>,
        coalesce: Option<CoalesceKey>,
    },
    /// The typing run in a field ended (focus left it).
    SealHistory,
    Select(CommitmentId),
    Tick(CommitmentId),
    Untick(CommitmentId),
    ConfirmDelete(CommitmentId),
    /// Filter the ledger to one department (from the department list).
    FilterDepartment(DeptId),
    /// Show the ledger with exactly this filter (a number on the dashboard).
    ShowInLedger(Box<commitments::query::Filter>),
    ShowQuote(CommitmentId),
    OpenPath(std::path::PathBuf),
    /// Say something in the status bar (a file that would not open).
    Toast(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The commands one key press fires, through a real egui context.
    fn press(shortcut: KeyboardShortcut) -> Vec<Command> {
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            events: vec![
                egui::Event::ModifiersChanged(shortcut.modifiers),
                egui::Event::Key {
                    key: shortcut.logical_key,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers: shortcut.modifiers,
                },
            ],
            ..Default::default()
        };
        let mut fired = Vec::new();
        let mut out = ctx.run_ui(input, |ui| {
            fired = ui.ctx().input_mut(|i| Command::fire(i, false, false));
        });
        out.textures_delta.clear();
        fired
    }

    fn shift_ctrl(key: Key) -> KeyboardShortcut {
        KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key)
    }

    #[test]
    fn ctrl_shift_z_redoes_and_ctrl_shift_s_saves_as() {
        assert_eq!(press(shift_ctrl(Key::Z)), vec![Command::Redo]);
        assert_eq!(press(shift_ctrl(Key::S)), vec![Command::SaveAs]);
    }

    #[test]
    fn every_listed_shortcut_fires_exactly_its_command() {
        for command in Command::ALL {
            for shortcut in [command.shortcut(), command.extra_shortcut()]
                .into_iter()
                .flatten()
            {
                assert_eq!(press(shortcut), vec![command], "{shortcut:?}");
            }
        }
    }

    /// The shortcuts the README and the menus name.
    #[test]
    fn the_shortcuts_the_readme_names_fire_their_commands() {
        let ctrl = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let plain = |k| KeyboardShortcut::new(Modifiers::NONE, k);
        let cases = [
            (ctrl(Key::Z), Command::Undo),
            (shift_ctrl(Key::Z), Command::Redo),
            (ctrl(Key::Y), Command::Redo),
            (ctrl(Key::S), Command::Save),
            (shift_ctrl(Key::S), Command::SaveAs),
            (ctrl(Key::O), Command::Open),
            (ctrl(Key::N), Command::NewCommitment),
            (ctrl(Key::D), Command::Duplicate),
            (ctrl(Key::F), Command::FocusSearch),
            (ctrl(Key::P), Command::Palette),
            (ctrl(Key::E), Command::Export),
            (ctrl(Key::Q), Command::Quit),
            (plain(Key::Delete), Command::Delete),
            (plain(Key::Space), Command::ToggleDone),
            (plain(Key::ArrowDown), Command::SelectNext),
            (plain(Key::ArrowUp), Command::SelectPrevious),
            (plain(Key::Enter), Command::OpenDetail),
        ];
        for (shortcut, command) in cases {
            assert_eq!(press(shortcut), vec![command], "{shortcut:?}");
        }
    }
}
