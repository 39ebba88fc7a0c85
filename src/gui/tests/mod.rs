//! UI tests: the real app, driven by labels through egui_kittest.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use commitments::model::{CommitmentId, Status};
use commitments::storage::{self, paths};

use super::app::{App, Launch};
use crate::i18n::Lang;

/// The 5G base-station commitment of the shipped plan.
const FIVE_G: CommitmentId = CommitmentId(35);
const FIVE_G_TITLE: &str = "5G基站达到1.4万座以上";

struct Fixture {
    _dir: tempfile::TempDir,
    plan: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let plan = paths::default_plan(dir.path()).unwrap();
    // These tests tick done directly (a plan with departments otherwise
    // closes through 申请销号 → 确认销号, see tests/journal.rs).
    let mut p = storage::load(&plan).unwrap();
    p.settings.direct_done = Some(true);
    storage::save(&p, &plan).unwrap();
    // That save backed up the version before it: the tests start with none.
    std::fs::remove_dir_all(storage::backup::folder(&plan)).unwrap();
    Fixture { _dir: dir, plan }
}

fn harness(plan: &Path) -> Harness<'static, App> {
    harness_sized(plan, [1400.0, 900.0])
}

/// A window of another size (a tall one reaches the bottom of the detail panel).
fn harness_sized(plan: &Path, size: [f32; 2]) -> Harness<'static, App> {
    let launch = Launch {
        file: Some(plan.to_owned()),
        data_dir: plan.parent().map(Path::to_owned),
    };
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| App::new(cc, launch));
    harness.run_steps(3);
    harness
}

fn search(harness: &mut Harness<'_, App>, text: &str) {
    harness.state_mut().prefs.filter.search = text.to_owned();
    harness.run_steps(2);
}

/// Finds the 5G commitment and opens it in the detail panel.
fn open_five_g(h: &mut Harness<'_, App>) {
    search(h, "5G");
    h.state_mut().state.selected = Some(FIVE_G);
    h.run_steps(2);
}

/// Opens the 5G commitment in the detail panel and focuses its owner field.
fn focus_the_owner_field(h: &mut Harness<'_, App>) {
    search(h, "5G");
    h.state_mut().state.selected = Some(FIVE_G);
    h.run_steps(2);
    // The owner field stands beside its label in the detail panel (the
    // rightmost "责任人"; the other is the ledger's column header).
    let field = h
        .get_all_by_label("责任人")
        .max_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .unwrap()
        .rect();
    let inputs: Vec<_> = h
        .get_all_by_role(egui::Role::TextInput)
        .filter(|n| (n.rect().center().y - field.center().y).abs() < 8.0)
        .collect();
    assert_eq!(inputs.len(), 1, "one text field on the owner row");
    inputs[0].focus();
    h.run_steps(1);
}

fn on_disk(path: &Path) -> commitments::model::Plan {
    storage::load(path).unwrap()
}

#[test]
fn ticking_a_row_saves_it_done_and_undo_brings_it_back() {
    let f = fixture();
    let mut h = harness(&f.plan);
    search(&mut h, "5G");
    h.get_by_label(&format!("勾选完成：{FIVE_G_TITLE}")).click();
    h.run_steps(2);
    assert!(h.state_mut().flush());
    let plan = on_disk(&f.plan);
    assert_eq!(plan.commitments[&FIVE_G].status, Status::Done);
    assert_eq!(
        plan.commitments[&FIVE_G].done_on,
        Some(commitments::today())
    );

    h.get_by_label("撤销：勾选完成").click();
    h.run_steps(2);
    assert!(h.state_mut().flush());
    assert_eq!(
        on_disk(&f.plan).commitments[&FIVE_G].status,
        Status::NotStarted
    );
}

#[test]
fn filtering_by_a_department_shows_only_its_commitments() {
    let f = fixture();
    let mut h = harness(&f.plan);
    h.get_by_label_contains("工信局 (").click();
    h.run_steps(2);
    let app = h.state();
    let plan = app.plan().unwrap();
    let gxj = plan.find_departments("工信局")[0].clone();
    let expected: Vec<_> = plan
        .commitments
        .values()
        .filter(|c| c.involves(&gxj))
        .map(|c| c.id)
        .collect();
    let mut shown: Vec<_> = app.view.rows.iter().map(|r| r.id).collect();
    shown.sort();
    assert_eq!(shown, expected);
    assert!(shown.contains(&FIVE_G));
    // The 5G row is on screen, the GDP row (发改委) is not.
    assert!(
        h.query_by_label(&format!("勾选完成：{FIVE_G_TITLE}"))
            .is_some()
    );
    assert!(
        h.query_by_label("勾选完成：地区生产总值增长6.5%左右")
            .is_none()
    );
}

#[test]
fn search_finds_pinyin_initials() {
    let f = fixture();
    let mut h = harness(&f.plan);
    h.get_by_role_and_label(egui::Role::TextInput, "搜索")
        .type_text("gxj");
    h.run_steps(2);
    let app = h.state();
    assert!(!app.view.rows.is_empty());
    let plan = app.plan().unwrap();
    let gxj = plan.find_departments("工信局")[0].clone();
    assert!(
        app.view
            .rows
            .iter()
            .any(|r| plan.commitments[&r.id].involves(&gxj))
    );
    assert!(app.view.rows.iter().any(|r| r.id == FIVE_G));
}

#[test]
fn editing_the_owner_is_one_undo_step_and_redo_restores_it() {
    let f = fixture();
    let mut h = harness(&f.plan);
    focus_the_owner_field(&mut h);
    h.get_all_by_role(egui::Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("张三");
    h.run_steps(2);
    h.key_press(egui::Key::Tab);
    h.run_steps(2);
    assert_eq!(h.state().plan().unwrap().commitments[&FIVE_G].owner, "张三");

    h.get_by_label("撤销：修改责任人").click();
    h.run_steps(2);
    assert_eq!(h.state().plan().unwrap().commitments[&FIVE_G].owner, "");
    h.get_by_label("重做：修改责任人").click();
    h.run_steps(2);
    assert_eq!(h.state().plan().unwrap().commitments[&FIVE_G].owner, "张三");
}

#[test]
fn a_letter_in_a_number_field_is_refused_at_the_field() {
    let f = fixture();
    let mut h = harness(&f.plan);
    open_five_g(&mut h);
    let before = h.state().plan().unwrap().clone();
    let field = h.get_by_label("目标值").rect();
    let input = h
        .get_all_by_role(egui::Role::TextInput)
        .find(|n| (n.rect().center().y - field.center().y).abs() < 8.0)
        .unwrap();
    input.focus();
    h.run_steps(1);
    h.get_all_by_role(egui::Role::TextInput)
        .find(|n| n.is_focused())
        .unwrap()
        .type_text("x");
    h.run_steps(2);
    assert!(h.query_by_label_contains("不是有效数字，未保存").is_some());
    assert_eq!(h.state().plan().unwrap(), &before, "the plan is unchanged");
}

#[test]
fn delete_asks_first_and_undo_restores() {
    let f = fixture();
    let mut h = harness(&f.plan);
    open_five_g(&mut h);
    // The Delete key asks, like the button at the foot of the detail panel.
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    assert!(
        h.state().plan().unwrap().commitments.contains_key(&FIVE_G),
        "not before confirming"
    );
    h.get_by_label("删除").click();
    h.run_steps(2);
    assert!(!h.state().plan().unwrap().commitments.contains_key(&FIVE_G));
    h.get_by_label("撤销：删除任务").click();
    h.run_steps(2);
    assert!(h.state().plan().unwrap().commitments.contains_key(&FIVE_G));
}

#[test]
fn switching_the_language_changes_every_label() {
    let f = fixture();
    let mut h = harness(&f.plan);
    assert!(h.query_by_label("筛选").is_some());
    h.get_by_label("视图").click();
    h.run_steps(2);
    h.get_by_label("English").click();
    h.run_steps(2);
    assert_eq!(h.state().prefs.lang, Lang::En);
    assert!(h.query_by_label("Filters").is_some());
    assert!(h.query_by_label("筛选").is_none());
}

#[test]
fn an_empty_filter_result_offers_to_clear_the_filters() {
    let f = fixture();
    let mut h = harness(&f.plan);
    search(&mut h, "没有这样的任务");
    assert!(h.query_by_label("没有符合筛选条件的任务。").is_some());
    h.get_all_by_label("清除筛选").last().unwrap().click();
    h.run_steps(2);
    assert_eq!(h.state().view.rows.len(), 82);
}

#[test]
fn a_broken_plan_shows_the_error_and_is_not_written() {
    let f = fixture();
    std::fs::write(
        &f.plan,
        "(format_version: 1, title: \"x\", year: 2023, commitments: [",
    )
    .unwrap();
    let before = std::fs::read(&f.plan).unwrap();
    let mut h = harness(&f.plan);
    assert!(h.query_by_label("无法打开计划").is_some());
    assert!(
        h.query_by_label_contains(":1:").is_some(),
        "the message gives line and column"
    );
    h.run_steps(3);
    drop(h);
    assert_eq!(std::fs::read(&f.plan).unwrap(), before);
}

#[test]
fn the_ledger_view_after_edits_equals_one_computed_afresh() {
    use super::view::LedgerView;
    use commitments::model::{Edit, FieldValue};

    let f = fixture();
    let mut h = harness(&f.plan);
    search(&mut h, "张");
    assert!(h.state().view.rows.is_empty());
    // Edits that change the search text, the assessment, and the set of commitments.
    let app = h.state_mut();
    let doc = app.doc.as_mut().unwrap();
    let set_owner = Edit::SetField {
        id: FIVE_G,
        value: FieldValue::Owner("张三".into()),
    };
    doc.apply("action.edit_owner", vec![set_owner], None)
        .unwrap();
    let tick = doc
        .plan()
        .tick(CommitmentId(1), commitments::today())
        .unwrap();
    doc.apply("action.tick", vec![tick], None).unwrap();
    doc.apply("action.delete", vec![Edit::Remove(CommitmentId(2))], None)
        .unwrap();
    h.run_steps(2);
    // Undo and redo update the view incrementally too.
    h.state_mut().doc.as_mut().unwrap().undo();
    h.run_steps(1);
    h.state_mut().doc.as_mut().unwrap().redo();
    h.run_steps(1);
    h.state_mut().doc.as_mut().unwrap().undo();
    h.run_steps(2);

    let app = h.state();
    let mut fresh = LedgerView::default();
    let doc = app.doc.as_ref().unwrap();
    fresh.refresh(
        doc,
        usize::MAX,
        &app.prefs.filter,
        app.as_of,
        app.prefs.sort,
        app.prefs.descending,
    );
    assert_eq!(app.view.rows, fresh.rows);
    assert_eq!(app.view.counts, fresh.counts);
    assert_eq!(app.view.rows.len(), 1, "the new owner is found");
    assert!(
        app.plan()
            .unwrap()
            .commitments
            .contains_key(&CommitmentId(2)),
        "the delete was undone"
    );
}

#[test]
fn clicking_a_departments_behind_count_filters_the_ledger_to_exactly_those() {
    use commitments::pace::Pace;

    let f = fixture();
    let mut h = harness(&f.plan);
    h.state_mut()
        .show_as_of(chrono::NaiveDate::from_ymd_opt(2023, 7, 15).unwrap());
    h.get_by_label("总览").click();
    h.run_steps(3);
    h.get_by_label_contains("市工业和信息化局 · 欠序时 · ")
        .click();
    h.run_steps(3);

    let app = h.state();
    assert_eq!(app.prefs.view, super::prefs::MainView::Ledger);
    let plan = app.plan().unwrap();
    let gxj = plan.find_departments("工信局")[0].clone();
    let expected: Vec<_> = app
        .view
        .all()
        .iter()
        .filter(|r| {
            plan.commitments[&r.id].lead.as_ref() == Some(&gxj) && r.assessment.pace == Pace::Behind
        })
        .map(|r| r.id)
        .collect();
    let shown: Vec<_> = app.view.rows.iter().map(|r| r.id).collect();
    assert!(!expected.is_empty());
    assert_eq!(shown, expected);
    // 培育专精特新中小企业100户: a count with nothing reported by mid-July.
    // (The 5G target is a level: with no value yet it is not judged behind.)
    assert!(shown.contains(&CommitmentId(28)));
}

#[test]
fn a_past_date_is_read_only_and_says_so() {
    let f = fixture();
    let mut h = harness(&f.plan);
    h.state_mut()
        .show_as_of(chrono::NaiveDate::from_ymd_opt(2023, 7, 15).unwrap());
    search(&mut h, "5G");
    assert!(
        h.query_by_label_contains("正在查看截至 2023-07-15 的台账")
            .is_some()
    );
    h.get_by_label(&format!("勾选完成：{FIVE_G_TITLE}")).click();
    h.run_steps(2);
    assert_eq!(
        h.state().plan().unwrap().commitments[&FIVE_G].status,
        Status::NotStarted
    );
    h.get_all_by_label("回到今天").next().unwrap().click();
    h.run_steps(2);
    assert!(!h.state().viewing_the_past());
}

#[test]
fn the_keyboard_moves_ticks_and_deletes() {
    let f = fixture();
    let mut h = harness(&f.plan);
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(1);
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(1);
    let second = h.state().view.rows[1].id;
    assert_eq!(h.state().state.selected, Some(second));
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert_eq!(
        h.state().plan().unwrap().commitments[&second].status,
        Status::Done
    );
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert_ne!(
        h.state().plan().unwrap().commitments[&second].status,
        Status::Done
    );
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(
        h.state().plan().unwrap().commitments.contains_key(&second),
        "Escape cancels"
    );
}

#[test]
fn the_palette_lists_commands_with_shortcuts_and_runs_them() {
    let f = fixture();
    let mut h = harness(&f.plan);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.run_steps(2);
    assert!(h.query_by_label("单位管理").is_some());
    h.get_by_label("单位管理").click();
    h.run_steps(2);
    assert!(h.state().state.dialogs.palette.is_none());
    assert!(h.state().state.dialogs.departments.is_some());
}

/// Fails every save at the rename, like a full disk, until switched off.
struct DiskFull(std::sync::atomic::AtomicBool);

impl commitments::storage::SaveHooks for DiskFull {
    fn before(&self, step: commitments::storage::SaveStep) -> std::io::Result<()> {
        if self.0.load(std::sync::atomic::Ordering::SeqCst)
            && step == commitments::storage::SaveStep::Write
        {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ));
        }
        Ok(())
    }
}

#[test]
fn a_failed_save_says_why_keeps_the_edit_and_retry_succeeds() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let f = fixture();
    let before = std::fs::read(&f.plan).unwrap();
    let mut h = harness(&f.plan);
    let fault = Arc::new(DiskFull(AtomicBool::new(true)));
    h.state()
        .doc
        .as_ref()
        .unwrap()
        .set_save_hooks(fault.clone());
    search(&mut h, "5G");
    h.get_by_label(&format!("勾选完成：{FIVE_G_TITLE}")).click();
    h.run_steps(2);
    assert!(!h.state_mut().flush(), "the save failed");
    h.run_steps(2);
    assert!(
        h.get_all_by_label_contains("保存失败：磁盘空间不足")
            .count()
            >= 1,
        "a banner says why in words"
    );
    assert!(
        h.query_by_label_contains("cannot").is_some(),
        "and gives the technical detail"
    );
    assert_eq!(
        std::fs::read(&f.plan).unwrap(),
        before,
        "the plan on disk is the previous version"
    );
    assert_eq!(
        h.state().plan().unwrap().commitments[&FIVE_G].status,
        Status::Done,
        "the edit stays"
    );

    fault.0.store(false, Ordering::SeqCst);
    h.get_by_label("重试").click();
    h.run_steps(2);
    assert!(h.state_mut().flush());
    assert_eq!(on_disk(&f.plan).commitments[&FIVE_G].status, Status::Done);
}

#[test]
fn a_plan_changed_by_another_program_is_not_written_over() {
    let f = fixture();
    let mut h = harness(&f.plan);
    // Someone else saves the plan (a sync tool, another program).
    let mut theirs = on_disk(&f.plan);
    theirs.title = "他人修改的标题".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    storage::save(&theirs, &f.plan).unwrap();
    h.state_mut().doc.as_mut().unwrap().check_external_change();
    h.run_steps(2);
    assert!(h.query_by_label_contains("已被其他程序修改").is_some());
    // Our edit is kept in memory, not saved over theirs.
    search(&mut h, "5G");
    h.get_by_label(&format!("勾选完成：{FIVE_G_TITLE}")).click();
    h.run_steps(2);
    h.state_mut().flush();
    assert_eq!(on_disk(&f.plan).title, "他人修改的标题");
    // Reloading takes their version.
    h.get_by_label("重新载入（放弃我的修改）").click();
    h.run_steps(2);
    assert_eq!(h.state().plan().unwrap().title, "他人修改的标题");
}

#[test]
fn a_snapshot_then_changes_since_names_what_was_done() {
    let f = fixture();
    let mut h = harness(&f.plan);
    h.get_by_label("文件").click();
    h.run_steps(2);
    h.get_by_label("保存快照（按截至日期）").click();
    h.run_steps(2);
    let snap = commitments::snapshot::snapshot_path(&f.plan, commitments::today());
    assert!(storage::load(&snap).is_ok(), "the snapshot is a plan file");

    search(&mut h, "5G");
    h.get_by_label(&format!("勾选完成：{FIVE_G_TITLE}")).click();
    h.run_steps(2);
    h.get_by_label("视图").click();
    h.run_steps(2);
    h.get_by_label("与快照比较变化…").click();
    // A new window is laid out invisibly on its first frame.
    h.run_steps(3);
    h.get_by_label(&format!("快照 {}", commitments::today()))
        .click();
    h.run_steps(3);
    assert!(h.query_all_by_label_contains("新完成").count() >= 1);
    assert!(
        h.query_all_by_label_contains(&format!("#35 {FIVE_G_TITLE}"))
            .count()
            == 1
    );
    // In English, the same changes in English.
    h.state_mut().prefs.lang = crate::i18n::Lang::En;
    h.run_steps(3);
    assert!(
        h.query_all_by_label_contains(&format!("Done ({})", commitments::today()))
            .count()
            >= 1
    );
    assert!(
        h.query_all_by_label_contains("commitment(s) changed")
            .count()
            >= 1
    );
}

#[test]
fn export_writes_the_filtered_ledger_as_a_workbook() {
    use calamine::{Reader, Xlsx, open_workbook};

    let f = fixture();
    let mut h = harness(&f.plan);
    h.get_by_label_contains("工信局 (").click();
    h.run_steps(2);
    let shown = h.state().view.rows.len();
    h.get_by_label("导出…").click();
    h.run_steps(3);
    let path = std::path::PathBuf::from(&h.state().state.dialogs.export.as_ref().unwrap().path);
    h.get_by_label("导出").click();
    h.run_steps(2);
    assert!(
        h.state().state.dialogs.export.is_none(),
        "the dialog closes after writing"
    );
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let detail = book.worksheet_range("明细").unwrap();
    let titles: Vec<String> = detail.rows().map(|r| r[1].to_string()).collect();
    assert!(titles.iter().any(|t| t == FIVE_G_TITLE));
    assert!(
        titles.len() > shown,
        "a header and one row per commitment shown"
    );
    assert!(
        !titles.iter().any(|t| t == "地区生产总值增长6.5%左右"),
        "the filter holds"
    );

    // A second export to the same file is refused, the file kept.
    let before = std::fs::read(&path).unwrap();
    h.run_steps(10); // the closed dialog fades out
    h.get_by_label("导出…").click();
    h.run_steps(3);
    h.state_mut().state.dialogs.export.as_mut().unwrap().path = path.display().to_string();
    h.get_by_label("导出").click();
    h.run_steps(2);
    assert!(
        h.state()
            .state
            .dialogs
            .export
            .as_ref()
            .unwrap()
            .error
            .is_some()
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

mod holes;
mod journal;
mod opening;
mod returns;
mod review;
mod ux;

/// Text pasted from a spreadsheet or a web page (line ends, a tab, a bell)
/// is kept as a reader sees it: a one-line field gets spaces, never
/// invisible control characters.
#[test]
fn pasted_control_characters_are_dropped_at_the_field() {
    let f = fixture();
    let mut h = harness(&f.plan);
    focus_the_owner_field(&mut h);
    h.event(egui::Event::Paste("张三\t李四\u{7}".to_owned()));
    h.run_steps(2);
    h.key_press(egui::Key::Tab);
    h.run_steps(2);
    let owner = &h.state().plan().unwrap().commitments[&FIVE_G].owner;
    assert!(!owner.chars().any(char::is_control), "{owner:?}");
    assert!(
        owner.contains("张三") && owner.contains("李四"),
        "{owner:?}"
    );
}
