//! The change journal: replaying it from a plan's first saved version gives
//! the plan now (a property test over random actions, saves and interrupted
//! saves); the CLI's log and accountability steps (销号, 延期) with their
//! records; a journal damaged, missing or behind is reported, never fatal.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use proptest::prelude::*;

use commitments::generate::{Profile, generate};
use commitments::journal::{self, JournalProblem};
use commitments::model::{CommitmentId, Edit, FieldValue, Plan, ProgressEntry, Status};
use commitments::storage::{self, PlanStore};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// What a random step does.
#[derive(Debug, Clone)]
enum Step {
    Tick(u8),
    Untick(u8),
    Progress(u8, u16),
    Owner(u8, String),
    Due(u8, u16),
    ApplyClose(u8),
    Confirm(u8),
    Reject(u8),
    Extend(u8),
    Approve(u8),
    Duplicate(u8),
    Remove(u8),
    Title(String),
    /// Undo the last action (apply its inverse, recorded as an action).
    Undo,
    Save,
    /// Records written to the journal, the plan never saved (a kill
    /// between the two): reopening rolls them back.
    Interrupted,
}

fn step() -> impl Strategy<Value = Step> {
    let id = 0u8..12;
    prop_oneof![
        id.clone().prop_map(Step::Tick),
        id.clone().prop_map(Step::Untick),
        (id.clone(), 0u16..400).prop_map(|(i, v)| Step::Progress(i, v)),
        (id.clone(), "[张李王][一二三]{0,2}").prop_map(|(i, s)| Step::Owner(i, s)),
        (id.clone(), 0u16..300).prop_map(|(i, v)| Step::Due(i, v)),
        id.clone().prop_map(Step::ApplyClose),
        id.clone().prop_map(Step::Confirm),
        id.clone().prop_map(Step::Reject),
        id.clone().prop_map(Step::Extend),
        id.clone().prop_map(Step::Approve),
        id.clone().prop_map(Step::Duplicate),
        id.clone().prop_map(Step::Remove),
        "[计划报告]{1,4}".prop_map(Step::Title),
        Just(Step::Undo),
        Just(Step::Save),
        Just(Step::Save),
        Just(Step::Interrupted),
    ]
}

fn nth_id(plan: &Plan, n: u8) -> Option<CommitmentId> {
    let ids: Vec<_> = plan.commitments.keys().copied().collect();
    (!ids.is_empty()).then(|| ids[n as usize % ids.len()])
}

/// The edits of a step, if it applies to this plan.
fn edits_of(plan: &Plan, s: &Step) -> Option<(Vec<Edit>, &'static str)> {
    let on = d("2023-06-01");
    let id = |n: &u8| nth_id(plan, *n);
    Some(match s {
        Step::Tick(n) => (vec![plan.tick(id(n)?, on).ok()?], "勾选完成"),
        Step::Untick(n) => (vec![plan.untick(id(n)?, on).ok()?], "取消勾选"),
        Step::Progress(n, v) => {
            let id = id(n)?;
            let quantitative = plan.commitments[&id].kind.target().is_some();
            let entry = ProgressEntry {
                date: on,
                value: quantitative.then_some(f64::from(*v) * 1.5),
                progress: format!("进展{v}"),
                problems: String::new(),
                next_steps: String::new(),
                reporter: "填报人".into(),
                evidence: Vec::new(),
            };
            (vec![plan.add_progress(id, entry).ok()?], "填报进展")
        }
        Step::Owner(n, o) => (
            vec![Edit::SetField {
                id: id(n)?,
                value: FieldValue::Owner(o.clone()),
            }],
            "修改责任人",
        ),
        Step::Due(n, days) => (
            vec![Edit::SetField {
                id: id(n)?,
                value: FieldValue::Due(Some(d("2023-03-01") + chrono::Days::new(u64::from(*days)))),
            }],
            "修改完成时限",
        ),
        Step::ApplyClose(n) => (
            vec![
                plan.apply_close(id(n)?, on, "已完成", vec![], "工信局")
                    .ok()?,
            ],
            "申请销号",
        ),
        Step::Confirm(n) => (vec![plan.confirm_close(id(n)?, on).ok()?], "确认销号"),
        Step::Reject(n) => (
            vec![plan.reject_close(id(n)?, on, "佐证不足").ok()?],
            "退回",
        ),
        Step::Extend(n) => {
            let id = id(n)?;
            let due = plan.due_of(&plan.commitments[&id]);
            let to = due + chrono::Days::new(30);
            let on = due.min(on);
            (
                vec![plan.request_extension(id, on, to, "拆迁", "").ok()?],
                "申请延期",
            )
        }
        Step::Approve(n) => (vec![plan.approve_extension(id(n)?, on).ok()?], "批准延期"),
        Step::Duplicate(n) => (vec![plan.duplicate(id(n)?).ok()?], "复制"),
        Step::Remove(n) => (vec![Edit::Remove(id(n)?)], "删除"),
        Step::Title(t) => (vec![Edit::SetPlanTitle(t.clone())], "修改计划标题"),
        Step::Undo | Step::Save | Step::Interrupted => return None,
    })
}

/// The plan as the journal tells it: the first version, then every record
/// that is in the plan, replayed.
fn replayed(first: &Plan, journal_path: &Path) -> Plan {
    let (records, damaged) = journal::read_all(journal_path).unwrap();
    assert!(damaged.is_empty(), "{damaged:?}");
    let mut plan = first.clone();
    for r in journal::effective(&records) {
        journal::replay(&mut plan, r).unwrap();
    }
    plan
}

fn same_content(a: &Plan, b: &Plan) -> bool {
    let mut a = a.clone();
    a.journal = b.journal.clone();
    a == *b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn replaying_the_journal_from_the_first_version_gives_the_plan_now(
        steps in proptest::collection::vec(step(), 1..40),
        seed in 0u64..1000,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.ron");
        storage::save(&generate(12, seed, Profile::Realistic), &path).unwrap();
        let first = storage::load(&path).unwrap();
        let (mut store, mut plan) = PlanStore::open(&path, false).unwrap();
        let mut undo: Vec<(Vec<Edit>, &str)> = Vec::new();
        for s in &steps {
            match s {
                Step::Save => {
                    store.save(&plan).unwrap();
                }
                Step::Interrupted => {
                    // The journal gets the records, the plan file does not.
                    journal::write_pending(&path, &plan).unwrap();
                    drop(store);
                    let (s2, p2) = PlanStore::open(&path, false).unwrap();
                    let report = s2.journal_report().clone();
                    let rolled = report.problems.iter().any(|p| matches!(p, JournalProblem::RolledBack { .. }));
                    let had_pending = plan.journal.seq > p2.journal.seq;
                    prop_assert_eq!(rolled, had_pending, "{:?}", report);
                    prop_assert!(report.problems.iter().all(|p| matches!(p, JournalProblem::RolledBack { .. })), "{:?}", report);
                    store = s2;
                    plan = p2;
                    undo.clear();
                }
                Step::Undo => {
                    if let Some((inverse, name)) = undo.pop() {
                        journal::apply_and_record(&mut plan, inverse, "测试", &format!("撤销：{name}")).unwrap();
                    }
                }
                other => {
                    if let Some((edits, name)) = edits_of(&plan, other) {
                        let inverse = journal::apply_and_record(&mut plan, edits, "测试", name).unwrap();
                        undo.push((inverse, name));
                    }
                }
            }
        }
        store.save(&plan).unwrap();
        drop(store);
        let (store, now) = PlanStore::open(&path, false).unwrap();
        prop_assert!(store.journal_report().is_ok(), "{:?}", store.journal_report());
        let journal_path = journal::journal_path(&path);
        let again = replayed(&first, &journal_path);
        prop_assert!(same_content(&again, &now), "replayed:\n{:#?}\nnow:\n{:#?}", again.commitments, now.commitments);
    }
}

#[test]
fn a_missing_or_damaged_journal_is_reported_and_continued() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    storage::save(&generate(5, 1, Profile::Realistic), &path).unwrap();
    let (mut store, mut plan) = PlanStore::open(&path, false).unwrap();
    let id = *plan.commitments.keys().next().unwrap();
    let e = plan.tick(id, d("2023-05-01")).unwrap();
    journal::apply_and_record(&mut plan, vec![e], "甲", "勾选完成").unwrap();
    store.save(&plan).unwrap();
    drop(store);
    let jp = journal::journal_path(&path);
    let first = std::fs::read(&jp).unwrap();
    assert_eq!(first.iter().filter(|b| **b == b'\n').count(), 1);

    // Missing: reported, the plan opens, the next record starts a new journal.
    std::fs::remove_file(&jp).unwrap();
    let (mut store, mut plan) = PlanStore::open(&path, false).unwrap();
    assert!(matches!(
        store.journal_report().problems[..],
        [JournalProblem::Missing { plan_seq: 1 }]
    ));
    let e = plan.untick(id, d("2023-05-02")).unwrap();
    journal::apply_and_record(&mut plan, vec![e], "乙", "取消勾选").unwrap();
    store.save(&plan).unwrap();
    drop(store);
    let (records, _) = journal::read_all(&jp).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].seq, 2);

    // A torn last line (a write cut short) and garbage: reported, appended after.
    let mut bytes = std::fs::read(&jp).unwrap();
    bytes.extend_from_slice(b"{\"seq\":3,\"at\":\"2023");
    std::fs::write(&jp, &bytes).unwrap();
    let (store, _) = PlanStore::open(&path, false).unwrap();
    assert!(
        store
            .journal_report()
            .problems
            .contains(&JournalProblem::Torn)
    );
    drop(store);
    let after = std::fs::read(&jp).unwrap();
    assert!(after.starts_with(&bytes), "never rewritten");
    let (store, _) = PlanStore::open(&path, false).unwrap();
    assert!(
        store.journal_report().is_ok(),
        "{:?}",
        store.journal_report()
    );

    // Behind: the journal lost its last record (restored from an old copy).
    drop(store);
    std::fs::write(&jp, b"").unwrap();
    let (store, _) = PlanStore::open(&path, false).unwrap();
    assert!(matches!(
        store.journal_report().problems[..],
        [JournalProblem::Behind { plan_seq: 2, .. }]
    ));
}

const TODAY: &str = "2023-07-01";

fn cli(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_commitments"))
        .args(["--file", dir.join("plan.ron").to_str().unwrap()])
        .args(args)
        .env("COMMITMENTS_TODAY", TODAY)
        .env("COMMITMENTS_USER", "督查室小王")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_cli_closes_with_evidence_extends_and_logs_who_did_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let mut plan = generate(6, 3, Profile::Realistic);
    for c in plan.commitments.values_mut() {
        c.status = Status::InProgress;
        c.due = Some(d("2023-09-30"));
    }
    storage::save(&plan, &path).unwrap();
    let photo = dir.path().join("现场照片.jpg");
    std::fs::write(&photo, b"photo").unwrap();

    let (ok, out, err) = cli(
        dir.path(),
        &[
            "apply-close",
            "1",
            "--statement",
            "已建成投用",
            "--evidence",
            photo.to_str().unwrap(),
        ],
    );
    assert!(ok, "{out}{err}");
    let plan = storage::load(&path).unwrap();
    let c = &plan.commitments[&CommitmentId(1)];
    assert_eq!(c.status, Status::ClosureRequested);
    let ev = &c.closure.as_ref().unwrap().evidence[0];
    assert_eq!(ev.name, "现场照片.jpg");
    assert!(commitments::evidence::check(&path, ev).is_ok());

    assert!(
        !cli(dir.path(), &["confirm-close", "2"]).0,
        "no application, no closure"
    );
    let (ok, _, err) = cli(dir.path(), &["--user", "主任", "confirm-close", "1"]);
    assert!(ok, "{err}");
    let c = storage::load(&path).unwrap().commitments[&CommitmentId(1)].clone();
    assert_eq!((c.status, c.done_on), (Status::Done, Some(d(TODAY))));

    assert!(cli(dir.path(), &["apply-close", "2", "--statement", "完成"]).0);
    assert!(cli(dir.path(), &["reject-close", "2", "--reason", "佐证不足"]).0);
    let c = storage::load(&path).unwrap().commitments[&CommitmentId(2)].clone();
    assert_eq!(c.status, Status::InProgress);

    let (ok, _, err) = cli(
        dir.path(),
        &[
            "request-extension",
            "3",
            "--to",
            "2023-12-31",
            "--reason",
            "征地",
        ],
    );
    assert!(ok, "{err}");
    // 待审核: the pending extension is listed, and an application for 销号.
    assert!(cli(dir.path(), &["apply-close", "6", "--statement", "完成"]).0);
    let (ok, out, err) = cli(
        dir.path(),
        &["list", "--pending-review", "--format", "json"],
    );
    assert!(ok, "{err}");
    let listed: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let ids: Vec<u64> = listed.iter().map(|c| c["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [3, 6], "{out}");
    assert!(cli(dir.path(), &["approve-extension", "3"]).0);
    let c = storage::load(&path).unwrap().commitments[&CommitmentId(3)].clone();
    assert_eq!(c.due, Some(d("2023-12-31")));
    assert_eq!(c.extensions[0].old, Some(d("2023-09-30")));
    assert!(
        cli(
            dir.path(),
            &[
                "request-extension",
                "4",
                "--to",
                "2023-12-31",
                "--reason",
                "x"
            ]
        )
        .0
    );
    assert!(
        cli(
            dir.path(),
            &["reject-extension", "4", "--reason", "理由不足"]
        )
        .0
    );
    // After the due date has passed: refused.
    let (ok, _, err) = cli(
        dir.path(),
        &[
            "request-extension",
            "5",
            "--to",
            "2023-06-30",
            "--reason",
            "x",
        ],
    );
    assert!(!ok && err.contains("after the current one"), "{err}");

    let (ok, out, _) = cli(dir.path(), &["log", "1"]);
    assert!(ok);
    assert!(
        out.contains("申请销号") && out.contains("确认销号"),
        "{out}"
    );
    assert!(out.contains("督查室小王") && out.contains("主任"), "{out}");
    // Newest first.
    assert!(
        out.find("确认销号").unwrap() < out.find("申请销号").unwrap(),
        "{out}"
    );
    let (_, out, _) = cli(dir.path(), &["log", "--user", "主任", "--format", "json"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["action"], "确认销号");
    let (_, out, _) = cli(
        dir.path(),
        &["log", "--since", "2099-01-01", "--format", "json"],
    );
    assert_eq!(out.trim(), "[]");
}

#[test]
fn the_cli_attaches_evidence_to_a_progress_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.ron");
    let plan = generate(3, 2, Profile::Realistic);
    storage::save(&plan, &path).unwrap();
    let minutes = dir.path().join("调度会纪要.pdf");
    std::fs::write(&minutes, b"%PDF-1.4 minutes").unwrap();
    let (ok, out, err) = cli(
        dir.path(),
        &[
            "progress",
            "1",
            "--on",
            "2023-05-20",
            "--evidence",
            minutes.to_str().unwrap(),
        ],
    );
    assert!(ok, "evidence alone is progress worth recording: {out}{err}");
    let plan = storage::load(&path).unwrap();
    let e = plan.commitments[&CommitmentId(1)]
        .progress
        .last()
        .unwrap()
        .clone();
    assert_eq!(e.evidence.len(), 1);
    assert_eq!(e.evidence[0].name, "调度会纪要.pdf");
    assert!(commitments::evidence::check(&path, &e.evidence[0]).is_ok());

    // A file that is not there: a clear error naming it, nothing recorded.
    let (ok, _, err) = cli(
        dir.path(),
        &[
            "progress",
            "1",
            "--note",
            "x",
            "--evidence",
            "没有这个文件.jpg",
        ],
    );
    assert!(!ok && err.contains("没有这个文件.jpg"), "{err}");
    let after = storage::load(&path).unwrap();
    assert_eq!(
        after.commitments[&CommitmentId(1)].progress.len(),
        plan.commitments[&CommitmentId(1)].progress.len()
    );
}
