//! `diff` between two dated snapshots names every change, exactly: a small
//! plan is frozen with `Plan::as_of` on 2023-03-31, changed the way people
//! change it (progress, tick, untick, suspend, retarget, add, remove, lead,
//! owner and due date), frozen again on 2023-06-30, and the two compared.

use chrono::NaiveDate;
use serde_json::{Value, json};

use commitments::diff::{Change, ChangeKind, Changes, diff};
use commitments::generate::{Profile, generate};
use commitments::model::{
    Commitment, CommitmentId, Comparator, Department, DeptId, Edit, EditError, FieldValue, Kind,
    Plan, ProgressEntry, Status, Target,
};
use commitments::pace::Light;
use commitments::storage::paths;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn target(low: f64) -> Target {
    Target {
        metric: "5G基站数量".into(),
        comparator: Comparator::AtLeast,
        low,
        high: low,
        unit: "座".into(),
        cumulative: true,
        baseline: None,
        baseline_date: None,
        better: None,
    }
}

fn entry(date: &str, value: Option<f64>, note: &str) -> ProgressEntry {
    ProgressEntry {
        date: d(date),
        value,
        progress: note.into(),
        problems: String::new(),
        next_steps: String::new(),
        reporter: "王科长".into(),
        evidence: Vec::new(),
    }
}

fn apply(plan: &mut Plan, edit: Edit) {
    edit.apply(plan).expect("the edit applies");
}

/// Applies the edit a domain rule makes.
fn rule(plan: &mut Plan, make: impl FnOnce(&Plan) -> Result<Edit, EditError>) {
    let edit = make(plan).expect("the rule makes an edit");
    apply(plan, edit);
}

const FIVE_G: CommitmentId = CommitmentId(1);
const REFORM: CommitmentId = CommitmentId(2);
const REOPEN: CommitmentId = CommitmentId(3);
const SUSPEND: CommitmentId = CommitmentId(4);
const LAGGING: CommitmentId = CommitmentId(5);
const REASSIGN: CommitmentId = CommitmentId(6);
const DROPPED: CommitmentId = CommitmentId(7);
const UNTOUCHED: CommitmentId = CommitmentId(8);
const ADDED: CommitmentId = CommitmentId(9);

/// The plan as it stood on 2023-03-31: nothing in it is dated later.
fn plan_in_march() -> Plan {
    let mut plan = Plan::new("测试计划", 2023);
    // These cases are about what changed, not the office's warnings (issue 12).
    plan.settings.not_started_months = 0;
    plan.settings.stale_months = 0;
    for (id, name, short) in [
        ("gxj", "市工业和信息化局", "工信局"),
        ("fgw", "市发展和改革委员会", "发改委"),
    ] {
        plan.departments.insert(
            DeptId::new(id),
            Department {
                id: DeptId::new(id),
                name: name.into(),
                short_name: short.into(),
            },
        );
    }
    let mut add = |id: CommitmentId, title: &str, kind: Kind| {
        let mut c = Commitment::new(id, title, kind);
        c.lead = Some(DeptId::new("gxj"));
        plan.commitments.insert(id, c);
    };
    add(
        FIVE_G,
        "5G基站达到1.4万座以上",
        Kind::Quantitative(target(14000.0)),
    );
    add(REFORM, "深化国资国企改革", Kind::Qualitative);
    add(REOPEN, "优化营商环境", Kind::Qualitative);
    add(SUSPEND, "筹办国际会展", Kind::Qualitative);
    add(
        LAGGING,
        "新增城镇就业8万人",
        Kind::Quantitative(Target {
            metric: "城镇新增就业".into(),
            unit: "人".into(),
            ..target(80000.0)
        }),
    );
    add(REASSIGN, "推进数字政府建设", Kind::Qualitative);
    add(DROPPED, "重复录入的任务", Kind::Qualitative);
    add(UNTOUCHED, "持续改善空气质量", Kind::Qualitative);

    rule(&mut plan, |p| {
        p.add_progress(FIVE_G, entry("2023-03-15", Some(9000.0), "已建成9000座"))
    });
    rule(&mut plan, |p| {
        p.add_progress(REFORM, entry("2023-03-01", None, "方案已起草"))
    });
    rule(&mut plan, |p| {
        p.add_progress(REOPEN, entry("2023-02-01", None, "启动"))
    });
    rule(&mut plan, |p| p.tick(REOPEN, d("2023-03-10")));
    plan
}

/// What happened between 04-01 and 06-30, applied to the live plan.
fn the_quarter(plan: &mut Plan) {
    rule(plan, |p| {
        p.adjust_target(FIVE_G, target(15000.0), d("2023-05-01"), "省里下达任务增加")
    });
    rule(plan, |p| {
        p.add_progress(FIVE_G, entry("2023-05-20", Some(10500.0), "新建1500座"))
    });
    rule(plan, |p| p.tick(REFORM, d("2023-06-15")));
    rule(plan, |p| p.untick(REOPEN, d("2023-04-20")));
    rule(plan, |p| {
        p.set_status(SUSPEND, Status::Suspended, d("2023-05-05"), "会展延期")
    });
    for value in [
        FieldValue::Lead(Some(DeptId::new("fgw"))),
        FieldValue::Owner("张三".into()),
        FieldValue::Due(Some(d("2023-09-30"))),
    ] {
        apply(
            plan,
            Edit::SetField {
                id: REASSIGN,
                value,
            },
        );
    }
    apply(plan, Edit::Remove(DROPPED));
    let mut added = Commitment::new(ADDED, "建设城市大脑", Kind::Qualitative);
    added.lead = Some(DeptId::new("gxj"));
    assert_eq!(plan.next_commitment_id(), ADDED);
    apply(plan, Edit::Insert(Box::new(added)));
}

/// The two snapshots.
fn march_and_june() -> (Plan, Plan) {
    let mut plan = plan_in_march();
    let march = plan.as_of(d("2023-03-31"));
    assert_eq!(march, plan, "nothing in the March plan is dated later");
    the_quarter(&mut plan);
    (march, plan.as_of(d("2023-06-30")))
}

fn the_changes() -> Changes {
    let (march, june) = march_and_june();
    diff(&march, &june, d("2023-03-31"), d("2023-06-30"))
}

fn change(id: CommitmentId, title: &str, kind: ChangeKind) -> Change {
    Change {
        id,
        title: title.into(),
        kind,
    }
}

#[test]
fn diff_between_two_dated_snapshots_names_every_change_exactly() {
    let changes = the_changes();
    let expected = vec![
        change(
            FIVE_G,
            "5G基站达到1.4万座以上",
            ChangeKind::ValueChanged {
                from: Some(9000.0),
                to: Some(10500.0),
                delta: Some(1500.0),
                unit: "座".into(),
            },
        ),
        change(
            FIVE_G,
            "5G基站达到1.4万座以上",
            ChangeKind::Retargeted {
                from: target(14000.0),
                to: target(15000.0),
                reason: "省里下达任务增加".into(),
            },
        ),
        change(
            FIVE_G,
            "5G基站达到1.4万座以上",
            ChangeKind::ProgressAdded { count: 1 },
        ),
        change(
            REFORM,
            "深化国资国企改革",
            ChangeKind::NewlyDone {
                on: d("2023-06-15"),
            },
        ),
        change(
            REOPEN,
            "优化营商环境",
            ChangeKind::Reopened {
                to: Status::InProgress,
            },
        ),
        change(
            SUSPEND,
            "筹办国际会展",
            ChangeKind::StatusChanged {
                from: Status::NotStarted,
                to: Status::Suspended,
            },
        ),
        change(
            LAGGING,
            "新增城镇就业8万人",
            ChangeKind::LightChanged {
                from: Light::Yellow,
                to: Light::Red,
            },
        ),
        change(
            REASSIGN,
            "推进数字政府建设",
            ChangeKind::LeadChanged {
                from: Some("市工业和信息化局".into()),
                to: Some("市发展和改革委员会".into()),
            },
        ),
        change(
            REASSIGN,
            "推进数字政府建设",
            ChangeKind::OwnerChanged {
                from: String::new(),
                to: "张三".into(),
            },
        ),
        change(
            REASSIGN,
            "推进数字政府建设",
            ChangeKind::DueChanged {
                from: d("2023-12-31"),
                to: d("2023-09-30"),
            },
        ),
        change(DROPPED, "重复录入的任务", ChangeKind::Removed),
        change(ADDED, "建设城市大脑", ChangeKind::Added),
    ];
    assert_eq!(changes.entries, expected);
    assert!(
        changes.of(UNTOUCHED).next().is_none(),
        "an untouched commitment is not listed"
    );

    // Every kind of change is exercised, once each here.
    let mut keys: Vec<&str> = changes.entries.iter().map(|c| c.kind.key()).collect();
    keys.sort();
    let mut all = ChangeKind::KEYS.to_vec();
    all.sort();
    assert_eq!(keys, all);

    let summary = changes.summary();
    assert_eq!(summary.commitments, 8);
    assert_eq!(
        (summary.added, summary.removed, summary.newly_done),
        (1, 1, 1)
    );
    assert_eq!(summary.value_changed + summary.light_changed, 2);
}

#[test]
fn changes_are_said_in_plain_chinese() {
    let changes = the_changes();
    let text = |id: CommitmentId| -> Vec<String> {
        changes.of(id).map(Change::describe_zh).collect::<Vec<_>>()
    };
    assert_eq!(
        text(FIVE_G),
        [
            "当前值：9000座 → 1.05万座（+1500座）",
            "目标调整：≥1.4万座 → ≥1.5万座（原因：省里下达任务增加）",
            "新报进展1条",
        ]
    );
    assert_eq!(text(REFORM), ["新完成（2023-06-15）"]);
    assert_eq!(text(REOPEN), ["撤销完成，改为推进中"]);
    assert_eq!(text(SUSPEND), ["状态：未启动 → 暂缓"]);
    assert_eq!(text(LAGGING), ["预警：黄灯 → 红灯"]);
    assert_eq!(
        text(REASSIGN),
        [
            "牵头单位：市工业和信息化局 → 市发展和改革委员会",
            "责任人：未填 → 张三",
            "完成时限：2023-12-31 → 2023-09-30",
        ]
    );
    assert_eq!(text(DROPPED), ["任务已删除"]);
    assert_eq!(text(ADDED), ["新增任务"]);
    assert_eq!(
        changes.summary().describe_zh(),
        "变化任务8项：新增1项，删除1项，新完成1项，撤销完成1项，状态变化1项，预警变化1项，\
         数值更新1项，目标调整1项，牵头单位变化1项，责任人变化1项，时限变化1项，新报进展1项"
    );
}

/// The window's English UI says the same changes in English.
#[test]
fn changes_are_said_in_english_for_the_english_window() {
    let changes = the_changes();
    let text = |id: CommitmentId| -> Vec<String> {
        changes
            .of(id)
            .map(|c| c.kind.describe_en())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        text(FIVE_G),
        [
            "Value: 9000座 → 1.05万座 (+1500座)",
            "Target: ≥1.4万座 → ≥1.5万座 (reason: 省里下达任务增加)",
            "1 new progress report(s)",
        ]
    );
    assert_eq!(text(REFORM), ["Done (2023-06-15)"]);
    assert_eq!(text(REOPEN), ["Reopened, now in progress"]);
    assert_eq!(text(SUSPEND), ["Status: not started → suspended"]);
    assert_eq!(text(LAGGING), ["Light: yellow → red"]);
    assert_eq!(
        changes.summary().describe_en(),
        "8 commitment(s) changed: 1 new, 1 deleted, 1 done, 1 reopened, 1 status changes, \
         1 light changes, 1 value updates, 1 target adjustments, 1 lead changes, \
         1 owner changes, 1 due date changes, 1 progress reports"
    );
}

#[test]
fn backwards_the_changes_are_reversed() {
    let (march, june) = march_and_june();
    let back = diff(&june, &march, d("2023-06-30"), d("2023-03-31"));
    let five_g: Vec<String> = back.of(FIVE_G).map(Change::describe_zh).collect();
    assert_eq!(
        five_g,
        [
            "当前值：1.05万座 → 9000座（-1500座）",
            "目标调整：≥1.5万座 → ≥1.4万座",
        ],
        "the older side has no adjustment to give a reason, and no entry it lacks"
    );
    assert_eq!(back.of(ADDED).next().unwrap().kind, ChangeKind::Removed);
    assert_eq!(back.of(DROPPED).next().unwrap().kind, ChangeKind::Added);
    assert_eq!(
        back.of(REOPEN).next().unwrap().kind,
        ChangeKind::NewlyDone {
            on: d("2023-03-10")
        }
    );
    assert_eq!(
        back.of(REFORM).next().unwrap().kind,
        ChangeKind::Reopened {
            to: Status::InProgress
        }
    );
}

#[test]
fn json_has_a_snake_case_kind_tag_the_fields_and_the_text() {
    let changes = the_changes();
    let value = serde_json::to_value(&changes).unwrap();
    let entries = value["entries"].as_array().unwrap();
    assert_eq!(entries.len(), changes.entries.len());
    assert_eq!(
        entries[0],
        json!({
            "id": 1,
            "title": "5G基站达到1.4万座以上",
            "kind": "value_changed",
            "from": 9000.0,
            "to": 10500.0,
            "delta": 1500.0,
            "unit": "座",
            "text": "当前值：9000座 → 1.05万座（+1500座）",
        })
    );
    let find = |kind: &str| -> &Value {
        entries
            .iter()
            .find(|e| e["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind}"))
    };
    assert_eq!(find("newly_done")["on"], "2023-06-15");
    assert_eq!(find("light_changed")["from"], "yellow");
    assert_eq!(find("light_changed")["to"], "red");
    assert_eq!(find("status_changed")["to"], "suspended");
    assert_eq!(find("reopened")["to"], "in_progress");
    assert_eq!(find("retargeted")["to"]["low"], 15000.0);
    assert_eq!(find("added")["id"], 9);
    assert_eq!(find("added").as_object().unwrap().len(), 4);
}

#[test]
fn a_plan_compared_with_itself_has_no_changes() {
    let mut plans = vec![plan_in_march(), paths::shipped_plan()];
    let mut quarter = plan_in_march();
    the_quarter(&mut quarter);
    plans.push(quarter);
    for seed in [1, 2, 3] {
        plans.push(generate(300, seed, Profile::Realistic));
        plans.push(generate(100, seed, Profile::Bare));
    }
    let dates = [
        "2023-01-01",
        "2023-03-31",
        "2023-06-30",
        "2023-12-31",
        "2024-06-30",
    ];
    for plan in &plans {
        for date in dates.map(d) {
            let changes = diff(plan, plan, date, date);
            assert!(changes.is_empty(), "{}: {date}: {changes:?}", plan.title);
            assert_eq!(changes.summary().describe_zh(), "无变化");
            // The plan as of a date compared with itself, judged on that
            // date, is the plan judged on that date: nothing differs.
            let frozen = plan.as_of(date);
            let changes = diff(&frozen, plan, date, date);
            assert!(
                changes.is_empty(),
                "{}: as of {date}: {changes:?}",
                plan.title
            );
        }
    }
}
