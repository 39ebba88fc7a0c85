//! 销号 with evidence in the window, confirmed, seen in 变更记录, undone.

use std::time::Duration;

use egui_kittest::kittest::Queryable;

use commitments::model::Status;

use super::{FIVE_G, fixture, harness, harness_sized, on_disk, open_five_g};

#[test]
fn apply_for_closure_with_evidence_confirm_see_it_in_the_history_and_undo() {
    let f = fixture();
    let photo = f.plan.parent().unwrap().join("竣工照片.jpg");
    std::fs::write(&photo, b"jpeg").unwrap();
    let mut h = harness(&f.plan);
    open_five_g(&mut h);

    h.get_by_label("申请销号").click();
    h.run_steps(2);
    {
        let form = &mut h.state_mut().state.close_form;
        form.statement = "已建成1.4万座".into();
        form.evidence_path = photo.display().to_string();
    }
    h.get_by_label("添加").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("竣工照片.jpg").is_some(),
        "listed"
    );
    h.get_by_label("提交申请").click();
    h.run_steps(2);
    let c = h.state().plan().unwrap().commitments[&FIVE_G].clone();
    assert_eq!(c.status, Status::ClosureRequested);
    let ev = c.closure.as_ref().unwrap().evidence[0].clone();
    assert!(
        commitments::evidence::check(&f.plan, &ev).is_ok(),
        "copied beside the plan"
    );
    assert!(h.query_by_label_contains("📎 竣工照片.jpg").is_some());

    h.get_by_label("确认销号").click();
    h.run_steps(2);
    assert!(h.state_mut().flush());
    assert_eq!(on_disk(&f.plan).commitments[&FIVE_G].status, Status::Done);

    // 变更记录: both steps, newest first, with who did them.
    h.get_by_label("变更记录").click();
    let mut seen = false;
    for _ in 0..100 {
        h.run_steps(1);
        if h.query_by_label("确认销号").is_some() && h.query_by_label("申请销号").is_some()
        {
            seen = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(seen, "the history shows both steps");
    let confirm = h.get_by_label("确认销号").rect().top();
    let apply = h.get_by_label("申请销号").rect().top();
    assert!(confirm < apply, "newest first");

    h.get_by_label("撤销：确认销号").click();
    h.run_steps(2);
    assert!(h.state_mut().flush());
    assert_eq!(
        on_disk(&f.plan).commitments[&FIVE_G].status,
        Status::ClosureRequested
    );
    let (records, _) =
        commitments::journal::read_all(&commitments::journal::journal_path(&f.plan)).unwrap();
    let actions: Vec<_> = records.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["申请销号", "确认销号", "撤销：确认销号"]);
    assert!(records.iter().all(|r| !r.user.is_empty()));
}

#[test]
fn ticking_done_directly_waits_for_the_office_in_a_plan_with_departments() {
    let f = fixture();
    let mut plan = on_disk(&f.plan);
    plan.settings.direct_done = None;
    commitments::storage::save(&plan, &f.plan).unwrap();
    let mut h = harness(&f.plan);
    h.key_press(egui::Key::ArrowDown);
    h.run_steps(1);
    let first = h.state().state.selected.unwrap();
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert_ne!(
        h.state().plan().unwrap().commitments[&first].status,
        Status::Done
    );
    assert!(
        h.query_by_label_contains("申请销号、确认销号").is_some(),
        "says why"
    );
}

#[test]
fn a_progress_entry_carries_evidence_and_lists_it() {
    let f = fixture();
    let minutes = f.plan.parent().unwrap().join("调度会纪要.pdf");
    std::fs::write(&minutes, b"%PDF-1.4").unwrap();
    let mut h = harness_sized(&f.plan, [1400.0, 2600.0]);
    open_five_g(&mut h);
    h.get_by_label("填报进展").click();
    h.run_steps(2);
    {
        let form = &mut h.state_mut().state.progress_form;
        form.progress = "召开推进调度会".into();
        form.evidence_path = minutes.display().to_string();
    }
    h.get_by_label("添加文件").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("调度会纪要.pdf").is_some(),
        "listed before saving"
    );
    h.get_by_label("保存进展").click();
    h.run_steps(2);
    assert!(h.state_mut().flush());
    let c = on_disk(&f.plan).commitments[&FIVE_G].clone();
    let e = c.progress.last().unwrap();
    assert_eq!(e.progress, "召开推进调度会");
    assert_eq!(e.evidence.len(), 1);
    assert_eq!(e.evidence[0].name, "调度会纪要.pdf");
    assert!(commitments::evidence::check(&f.plan, &e.evidence[0]).is_ok());
    assert!(
        h.query_by_label_contains("📎 调度会纪要.pdf").is_some(),
        "the entry lists its evidence"
    );
    assert!(
        h.state().state.progress_form.evidence.is_empty(),
        "the form is cleared"
    );
}

#[test]
fn the_dashboards_awaiting_review_lists_closure_and_extension_applications() {
    let f = fixture();
    let mut plan = on_disk(&f.plan);
    let on = chrono::NaiveDate::from_ymd_opt(2023, 6, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let close = plan
        .apply_close(FIVE_G, on, "已建成", Vec::new(), "工信局")
        .unwrap();
    let extend = plan
        .request_extension(
            commitments::model::CommitmentId(2),
            on,
            to,
            "征地",
            "发改委",
        )
        .unwrap();
    commitments::model::Edit::apply_group(vec![close, extend], &mut plan).unwrap();
    commitments::storage::save(&plan, &f.plan).unwrap();

    let mut h = harness(&f.plan);
    h.get_by_label("总览").click();
    h.run_steps(3);
    h.get_by_label("待审核 2").click();
    h.run_steps(3);
    let shown: Vec<_> = h.state().view.rows.iter().map(|r| r.id).collect();
    assert_eq!(shown, [commitments::model::CommitmentId(2), FIVE_G]);
    // The sidebar says which kind each is.
    assert!(h.query_by_label_contains("销号申请 (1)").is_some());
    assert!(h.query_by_label_contains("延期申请 (1)").is_some());
}

#[test]
fn a_refused_extension_says_why_in_the_windows_language() {
    let f = fixture();
    let mut h = harness(&f.plan);
    open_five_g(&mut h);
    h.get_by_label("申请延期").click();
    h.run_steps(2);
    {
        let form = &mut h.state_mut().state.close_form;
        form.extend_to = "2024-06-30".into();
        form.extend_reason = "设备到货晚".into();
    }
    h.get_by_label("提交申请").click();
    h.run_steps(2);
    // Today is past the 2023 due date: refused, and said so in Chinese.
    assert!(
        h.query_by_label_contains("须在完成时限（2023-12-31）前申请延期")
            .is_some()
    );
    assert!(
        h.state().plan().unwrap().commitments[&FIVE_G]
            .extension
            .is_none()
    );
}
