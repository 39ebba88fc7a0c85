//! 报送: the import dialog's merge preview (problems shown, accepted all
//! or row by row) applied as one undoable action, and 报送情况.

#[path = "../../../tests/common/fill_xlsx.rs"]
mod fill_xlsx;

use commitments::returns::make::{MakeOptions, make};
use commitments::returns::{Period, form, read};
use egui_kittest::kittest::Queryable;

use super::{FIVE_G, fixture, harness, on_disk};

#[test]
fn the_merge_preview_shows_problems_and_applies_what_is_accepted_as_one_action() {
    let f = fixture();
    let plan = on_disk(&f.plan);
    let gxj = plan.find_departments("工信局")[0].clone();
    let forms = f.plan.parent().unwrap().join("returns");
    let made = make(
        &plan,
        &MakeOptions {
            period: Period::parse("2023-05").unwrap(),
            departments: vec![gxj],
            due: None,
            made_on: chrono::NaiveDate::from_ymd_opt(2023, 5, 10).unwrap(),
            force: false,
        },
        &forms,
    )
    .unwrap();
    // 工信局 fills in the 5G row with 1.4 (meaning 1.4万: a problem) and
    // another row with a note (clean).
    let path = &made[0].path;
    let found = read::read(path).unwrap();
    let five_g = found.rows.iter().find(|r| r.seen.id == "35").unwrap();
    let other = found.rows.iter().find(|r| r.seen.id != "35").unwrap();
    let other_id = commitments::model::CommitmentId(other.seen.id.parse().unwrap());
    let bytes = std::fs::read(path).unwrap();
    use fill_xlsx::Cell;
    let filled = fill_xlsx::set_cells(
        &bytes,
        1,
        &[
            (form::DATE_ROW, form::DATE_COL, Cell::Text("2023-05-20")),
            (five_g.sheet_row, form::COL_VALUE, Cell::Num(1.4)),
            (five_g.sheet_row, form::COL_NOTE, Cell::Text("基站建设加快")),
            (other.sheet_row, form::COL_NOTE, Cell::Text("按计划推进")),
            (other.sheet_row, form::COL_REPORTER, Cell::Text("张三")),
        ],
    );
    std::fs::write(path, filled).unwrap();
    let before = on_disk(&f.plan);

    let mut h = harness(&f.plan);
    h.get_by_label("报送").click();
    h.run_steps(2);
    h.get_by_label("导入回报…").click();
    // The menu closes, then the dialog fades in: it is there on the third frame.
    h.run_steps(4);
    h.get_by_label("预览").click();
    // The preview's list grows to its height over a few frames: wait for
    // it to settle before clicking the buttons below it.
    h.run_steps(30);
    // The problem is shown and its row is not accepted; the clean row is.
    assert!(
        h.query_by_label_contains("数值与目标量级不符").is_some(),
        "the 万 slip is shown"
    );
    // Rows nobody filled in are counted, and listed only when asked.
    let unfilled = h.state().state.dialogs.returns_import.as_ref().unwrap();
    let (preview, _) = unfilled.preview.as_ref().unwrap();
    let quiet = preview.returns[0].rows.iter().filter(|r| !r.filled).count();
    let toggle = format!("显示未填写的行（{quiet}）");
    assert!(quiet > 0 && h.query_by_label(&toggle).is_some());
    let shown =
        |h: &egui_kittest::Harness<'_, super::App>| h.query_all_by_label_contains("未填写").count();
    let before_toggle = shown(&h);
    h.get_by_label(&toggle).click();
    h.run_steps(3);
    assert!(
        shown(&h) >= before_toggle + quiet,
        "the unfilled rows are listed"
    );
    h.get_by_label(&toggle).click();
    // The list shrinks back over a few frames (as it grew): let it settle.
    h.run_steps(30);
    h.get_by_label("导入所选（1 行）").click();
    h.run_steps(2);
    assert!(h.state_mut().flush());
    let after = on_disk(&f.plan);
    assert_eq!(
        after.commitments[&other_id].progress.len(),
        before.commitments[&other_id].progress.len() + 1
    );
    assert_eq!(
        after.commitments[&FIVE_G].progress,
        before.commitments[&FIVE_G].progress
    );
    assert_eq!(after.returns.len(), 1);

    // One action: one undo takes it all back.
    h.get_by_label("撤销：导入回报").click();
    h.run_steps(2);
    assert!(h.state_mut().flush());
    assert_eq!(on_disk(&f.plan), before);

    // Again, this time accepting the 5G row by hand as well.
    h.get_by_label("报送").click();
    h.run_steps(2);
    h.get_by_label("导入回报…").click();
    // The menu closes, then the dialog fades in: it is there on the third frame.
    h.run_steps(4);
    h.get_by_label("预览").click();
    // The preview's list grows to its height over a few frames: wait for
    // it to settle before clicking the buttons below it.
    h.run_steps(30);
    let line = five_g.sheet_row + 1;
    h.get_by_label(&format!("接受第 {line} 行")).click();
    h.run_steps(2);
    h.get_by_label("导入所选（2 行）").click();
    h.run_steps(2);
    assert!(h.state_mut().flush());
    let after = on_disk(&f.plan);
    assert_eq!(
        after.commitments[&FIVE_G].progress.last().unwrap().value,
        Some(1.4)
    );
    assert!(h.state().state.dialogs.returns_import.is_none());
}

#[test]
fn the_dashboard_lists_who_has_not_returned() {
    let f = fixture();
    let mut h = harness(&f.plan);
    h.state_mut().prefs.view = super::super::prefs::MainView::Dashboard;
    h.state_mut().state.returns_period = Some(Period::parse("2023-05").unwrap());
    h.run_steps(3);
    assert!(h.query_by_label("报送情况").is_some());
    assert!(h.query_by_label_contains("催报：").is_some());
}
