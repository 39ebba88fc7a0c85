//! Pace (序时进度) and lights, checked by hand on a small plan for 2023 with
//! the default thresholds: yellow from 10 points behind, red beyond 30,
//! ahead from 5 points ahead, blue within 30 days of the due date, 左右
//! within 5 %.
//!
//! Expected shares are counted in whole days, both ends included: by the end
//! of 2023-07-02 183 of 365 days have passed (50.1 %).

use chrono::NaiveDate;
use commitments::model::{
    Commitment, CommitmentId, Comparator, Department, DeptId, Edit, Kind, Plan, ProgressEntry,
    Status, SubMilestone, Target,
};
use commitments::pace::{Light, Pace, assess};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, m, d).unwrap()
}

fn plan() -> Plan {
    let mut plan = Plan::new("2023年测试计划", 2023);
    // Pace as such; the warning rules have their own tests (issue 12).
    plan.settings.not_started_months = 0;
    plan.settings.stale_months = 0;
    plan.departments.insert(
        DeptId::new("gxj"),
        Department {
            id: DeptId::new("gxj"),
            name: "市工业和信息化局".to_owned(),
            short_name: "工信局".to_owned(),
        },
    );
    plan
}

fn count(goal: f64) -> Target {
    Target {
        metric: "5G基站".to_owned(),
        comparator: Comparator::AtLeast,
        low: goal,
        high: goal,
        unit: "座".to_owned(),
        cumulative: true,
        baseline: Some(0.0),
        baseline_date: None,
        better: None,
    }
}

fn rate(metric: &str, comparator: Comparator, value: f64) -> Target {
    Target {
        metric: metric.to_owned(),
        comparator,
        low: value,
        high: value,
        unit: "%".to_owned(),
        cumulative: false,
        baseline: None,
        baseline_date: None,
        better: None,
    }
}

fn entry(date: NaiveDate, value: Option<f64>) -> ProgressEntry {
    ProgressEntry {
        date,
        value,
        progress: "按计划推进".to_owned(),
        problems: String::new(),
        next_steps: String::new(),
        reporter: "联络员".to_owned(),
        evidence: Vec::new(),
    }
}

/// Adds a commitment of `kind` (due at the end of the year unless `due`).
fn add(plan: &mut Plan, kind: Kind, due: Option<NaiveDate>) -> CommitmentId {
    let id = plan.next_commitment_id();
    let mut c = Commitment::new(id, format!("任务{id}"), kind);
    c.lead = Some(DeptId::new("gxj"));
    c.due = due;
    Edit::Insert(Box::new(c)).apply(plan).unwrap();
    id
}

/// Records a return through the domain rule, as the window does.
fn report(plan: &mut Plan, id: CommitmentId, date: NaiveDate, value: Option<f64>) {
    plan.add_progress(id, entry(date, value))
        .unwrap()
        .apply(plan)
        .unwrap();
}

fn tick(plan: &mut Plan, id: CommitmentId, on: NaiveDate) {
    plan.tick(id, on).unwrap().apply(plan).unwrap();
}

fn check(plan: &Plan, id: CommitmentId, as_of: NaiveDate) -> (Pace, Light) {
    let a = assess(plan, &plan.commitments[&id], as_of);
    (a.pace, a.light)
}

// ---------------------------------------------------------------- cumulative counts

/// 50 of 100 on 2023-07-01, seen on 2023-07-02: 50 % done, 50.1 % expected.
#[test]
fn half_way_at_mid_year_is_on_pace() {
    let mut plan = plan();
    let id = add(&mut plan, Kind::Quantitative(count(100.0)), None);
    report(&mut plan, id, day(7, 1), Some(50.0));
    let a = assess(&plan, &plan.commitments[&id], day(7, 2));
    assert_eq!((a.pace, a.light), (Pace::OnPace, Light::Green));
    assert_eq!(a.status, Status::InProgress);
    assert_eq!(a.current, Some(50.0));
    assert_eq!(a.progress_percent, Some(50.0));
    assert!((a.expected_percent - 183.0 / 365.0 * 100.0).abs() < 1e-9);
    assert_eq!(a.days_left, 182);
}

/// 10 of 100 at mid-year: 40.1 points behind, beyond the red threshold of 30.
#[test]
fn far_behind_at_mid_year_is_red() {
    let mut plan = plan();
    let id = add(&mut plan, Kind::Quantitative(count(100.0)), None);
    report(&mut plan, id, day(7, 1), Some(10.0));
    assert_eq!(check(&plan, id, day(7, 2)), (Pace::Behind, Light::Red));
}

/// 35 of 100 at mid-year: 15.1 points behind, between yellow (10) and red (30).
#[test]
fn somewhat_behind_at_mid_year_is_yellow() {
    let mut plan = plan();
    let id = add(&mut plan, Kind::Quantitative(count(100.0)), None);
    report(&mut plan, id, day(7, 1), Some(35.0));
    assert_eq!(check(&plan, id, day(7, 2)), (Pace::Behind, Light::Yellow));
}

/// 90 of 100 at mid-year: 39.9 points ahead.
#[test]
fn well_ahead_at_mid_year_is_ahead_and_green() {
    let mut plan = plan();
    let id = add(&mut plan, Kind::Quantitative(count(100.0)), None);
    report(&mut plan, id, day(7, 1), Some(90.0));
    assert_eq!(check(&plan, id, day(7, 2)), (Pace::Ahead, Light::Green));
}

/// The thresholds are the plan's: with red from 45 points, 40.1 behind is yellow.
#[test]
fn thresholds_come_from_the_plan_settings() {
    let mut plan = plan();
    plan.settings.red_behind_points = 45.0;
    let id = add(&mut plan, Kind::Quantitative(count(100.0)), None);
    report(&mut plan, id, day(7, 1), Some(10.0));
    assert_eq!(check(&plan, id, day(7, 2)), (Pace::Behind, Light::Yellow));
}

// ---------------------------------------------------------------- levels and rates

/// CPI 3 % 左右, 3.4 % recorded: 0.4 off, beyond the 5 % tolerance (0.15).
/// A level that misses is at least yellow.
#[test]
fn cpi_above_an_approx_target_is_behind() {
    let mut plan = plan();
    let id = add(
        &mut plan,
        Kind::Quantitative(rate("居民消费价格涨幅", Comparator::Approx, 3.0)),
        None,
    );
    report(&mut plan, id, day(7, 15), Some(3.4));
    let (pace, light) = check(&plan, id, day(7, 31));
    assert_eq!(pace, Pace::Behind);
    assert!(matches!(light, Light::Yellow | Light::Red), "{light:?}");
}

/// GDP growth 6.5 % 左右, 6.5 % recorded.
#[test]
fn gdp_on_an_approx_target_is_on_pace() {
    let mut plan = plan();
    let id = add(
        &mut plan,
        Kind::Quantitative(rate("地区生产总值增速", Comparator::Approx, 6.5)),
        None,
    );
    report(&mut plan, id, day(7, 20), Some(6.5));
    let a = assess(&plan, &plan.commitments[&id], day(7, 31));
    assert_eq!((a.pace, a.light), (Pace::OnPace, Light::Green));
    assert_eq!(a.progress_percent, Some(100.0));
}

/// A level with no value yet is not judged behind.
#[test]
fn level_without_a_value_is_not_behind() {
    let mut plan = plan();
    let id = add(
        &mut plan,
        Kind::Quantitative(rate("地区生产总值增速", Comparator::Approx, 6.5)),
        None,
    );
    assert_eq!(check(&plan, id, day(7, 31)), (Pace::OnPace, Light::Green));
}

// ---------------------------------------------------------------- milestones and status

/// Due 2023-06-30, not done, seen 2023-07-15.
#[test]
fn overdue_milestone_is_red() {
    let mut plan = plan();
    let id = add(
        &mut plan,
        Kind::Milestone {
            sub_milestones: vec![],
        },
        Some(day(6, 30)),
    );
    let a = assess(&plan, &plan.commitments[&id], day(7, 15));
    assert_eq!((a.pace, a.light), (Pace::Overdue, Light::Red));
    assert_eq!(a.days_left, -15);
}

#[test]
fn done_milestone_is_green() {
    let mut plan = plan();
    let id = add(
        &mut plan,
        Kind::Milestone {
            sub_milestones: vec![],
        },
        Some(day(6, 30)),
    );
    tick(&mut plan, id, day(6, 20));
    let a = assess(&plan, &plan.commitments[&id], day(7, 15));
    assert_eq!((a.pace, a.light), (Pace::Done, Light::Green));
    assert_eq!(a.status, Status::Done);
    assert_eq!(a.progress_percent, Some(100.0));
}

/// Sub-milestones: two of three due by 2023-07-15, one done: 33 points behind.
#[test]
fn milestone_behind_its_steps_is_red() {
    let mut plan = plan();
    let step = |title: &str, due, done_on| SubMilestone {
        title: title.to_owned(),
        due,
        done_on,
    };
    let id = add(
        &mut plan,
        Kind::Milestone {
            sub_milestones: vec![
                step("完成立项", day(3, 31), Some(day(3, 25))),
                step("开工建设", day(6, 30), None),
                step("主体完工", day(11, 30), None),
            ],
        },
        None,
    );
    let a = assess(&plan, &plan.commitments[&id], day(7, 15));
    assert_eq!((a.pace, a.light), (Pace::Behind, Light::Red));
    assert!((a.progress_percent.unwrap() - 100.0 / 3.0).abs() < 1e-9);
}

/// Due in 21 days and nothing says it is behind.
#[test]
fn due_soon_and_on_pace_is_blue() {
    let mut plan = plan();
    let id = add(&mut plan, Kind::Qualitative, Some(day(8, 10)));
    let a = assess(&plan, &plan.commitments[&id], day(7, 20));
    assert_eq!((a.pace, a.light), (Pace::OnPace, Light::Blue));
    assert_eq!(a.days_left, 21);
    // A day before the window it is green.
    assert_eq!(check(&plan, id, day(7, 10)), (Pace::OnPace, Light::Green));
}

#[test]
fn suspended_is_grey() {
    let mut plan = plan();
    let id = add(
        &mut plan,
        Kind::Quantitative(count(100.0)),
        Some(day(6, 30)),
    );
    plan.set_status(id, Status::Suspended, day(3, 1), "资金未到位，暂缓实施")
        .unwrap()
        .apply(&mut plan)
        .unwrap();
    // Even past due and with nothing done.
    assert_eq!(check(&plan, id, day(7, 15)), (Pace::Suspended, Light::Grey));
    // Before it was suspended it is judged as usual: 16 % expected, none done.
    assert_eq!(check(&plan, id, day(1, 29)), (Pace::Behind, Light::Yellow));
}

// ---------------------------------------------------------------- as of a date

/// A count of 100 with returns of 20 (03-31) and 55 (06-30), ticked done on
/// 2023-10-15.
#[test]
fn as_of_follows_the_log_and_the_status_history() {
    let mut plan = plan();
    let id = add(&mut plan, Kind::Quantitative(count(100.0)), None);
    report(&mut plan, id, day(3, 31), Some(20.0));
    report(&mut plan, id, day(6, 30), Some(55.0));
    tick(&mut plan, id, day(10, 15));
    let c = &plan.commitments[&id];

    // Before any return: not started, nothing done, 12.6 % of the year gone.
    let a = assess(&plan, c, day(2, 15));
    assert_eq!(a.status, Status::NotStarted);
    assert_eq!(a.current, None);
    assert_eq!((a.pace, a.light), (Pace::Behind, Light::Yellow));

    // Mid-way: 55 done, 52.3 % expected.
    let a = assess(&plan, c, day(7, 10));
    assert_eq!(a.status, Status::InProgress);
    assert_eq!(a.current, Some(55.0));
    assert_eq!((a.pace, a.light), (Pace::OnPace, Light::Green));

    // The day before it was ticked: 55 done, 78.6 % expected.
    let a = assess(&plan, c, day(10, 14));
    assert_eq!(a.status, Status::InProgress);
    assert_eq!((a.pace, a.light), (Pace::Behind, Light::Yellow));

    // After it was done.
    let a = assess(&plan, c, day(11, 1));
    assert_eq!(a.status, Status::Done);
    assert_eq!((a.pace, a.light), (Pace::Done, Light::Green));
}

/// A target of 100 raised to 200 on 2023-09-15; 60 built by 2023-08-01.
#[test]
fn target_adjustment_takes_effect_on_its_date() {
    let mut plan = plan();
    let id = add(&mut plan, Kind::Quantitative(count(100.0)), None);
    report(&mut plan, id, day(8, 1), Some(60.0));
    plan.adjust_target(id, count(200.0), day(9, 15), "上级下达任务调增")
        .unwrap()
        .apply(&mut plan)
        .unwrap();
    let c = &plan.commitments[&id];
    assert_eq!(c.kind.target().unwrap().low, 200.0);
    assert_eq!(c.adjustments.len(), 1);

    // August: the old target, 60 of 100 against 63.6 % expected.
    assert_eq!(c.target_as_of(day(8, 20)).unwrap().low, 100.0);
    let a = assess(&plan, c, day(8, 20));
    assert_eq!(a.progress_percent, Some(60.0));
    assert_eq!((a.pace, a.light), (Pace::OnPace, Light::Green));

    // On the day and after: the new target, 60 of 200 against 77.5 % expected.
    assert_eq!(c.target_as_of(day(9, 15)).unwrap().low, 200.0);
    let a = assess(&plan, c, day(10, 10));
    assert_eq!(a.progress_percent, Some(30.0));
    assert_eq!((a.pace, a.light), (Pace::Behind, Light::Red));
}

/// Two adjustments: 100 → 150 on 05-01, 150 → 200 on 09-01. Each date sees
/// the target then in force.
#[test]
fn successive_adjustments_each_apply_from_their_date() {
    let mut plan = plan();
    let id = add(&mut plan, Kind::Quantitative(count(100.0)), None);
    for (goal, on) in [(150.0, day(5, 1)), (200.0, day(9, 1))] {
        plan.adjust_target(id, count(goal), on, "调整")
            .unwrap()
            .apply(&mut plan)
            .unwrap();
    }
    let c = &plan.commitments[&id];
    let goal_on = |d| c.target_as_of(d).unwrap().low;
    assert_eq!(goal_on(day(4, 30)), 100.0);
    assert_eq!(goal_on(day(5, 1)), 150.0);
    assert_eq!(goal_on(day(8, 31)), 150.0);
    assert_eq!(goal_on(day(9, 1)), 200.0);
}

/// Ticked on 10-15, un-ticked on 11-01: done in between, in progress after.
#[test]
fn untick_is_seen_from_its_date() {
    let mut plan = plan();
    let id = add(&mut plan, Kind::Quantitative(count(100.0)), None);
    report(&mut plan, id, day(3, 31), Some(90.0));
    tick(&mut plan, id, day(10, 15));
    plan.untick(id, day(11, 1))
        .unwrap()
        .apply(&mut plan)
        .unwrap();
    let c = &plan.commitments[&id];
    assert_eq!(c.status, Status::InProgress);
    assert_eq!(c.done_on, None);
    assert_eq!(assess(&plan, c, day(10, 20)).pace, Pace::Done);
    let a = assess(&plan, c, day(11, 2));
    assert_eq!(a.status, Status::InProgress);
    // 90 of 100 against 83.8 % expected.
    assert_eq!((a.pace, a.light), (Pace::Ahead, Light::Green));
}

#[test]
fn not_started_months_after_start_is_red_and_no_update_for_long_is_yellow() {
    use commitments::pace::Warning;
    let mut plan = Plan::new("计划", 2023);
    let mut c = commitments::model::Commitment::new(
        commitments::model::CommitmentId(1),
        "深化改革",
        commitments::model::Kind::Qualitative,
    );
    let on = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    plan.commitments.insert(c.id, c.clone());
    let a = commitments::pace::assess(&plan, &c, on("2023-07-15"));
    assert_eq!(
        (a.light, a.warning),
        (Light::Red, Some(Warning::NotStarted))
    );
    let a = commitments::pace::assess(&plan, &c, on("2023-03-31"));
    assert_eq!(a.warning, None, "within three months");
    c.add_progress(commitments::model::ProgressEntry {
        date: on("2023-03-01"),
        value: None,
        progress: "启动".into(),
        problems: String::new(),
        next_steps: String::new(),
        reporter: String::new(),
        evidence: Vec::new(),
    });
    let a = commitments::pace::assess(&plan, &c, on("2023-07-15"));
    assert_eq!((a.light, a.warning), (Light::Yellow, Some(Warning::Stale)));
    plan.settings.stale_months = 0;
    let a = commitments::pace::assess(&plan, &c, on("2023-07-15"));
    assert_eq!(a.warning, None);
}

#[test]
fn over_performing_an_approx_growth_target_is_met_and_cpi_is_met_below() {
    use commitments::model::{Better, Comparator, Target};
    let t = |metric: &str| Target {
        metric: metric.into(),
        comparator: Comparator::Approx,
        low: 6.5,
        high: 6.5,
        unit: "%".into(),
        cumulative: false,
        baseline: None,
        baseline_date: None,
        better: None,
    };
    assert_eq!(t("地区生产总值增速").better(), Better::Higher);
    assert!(t("地区生产总值增速").is_met_by(7.5, 0.05));
    assert_eq!(t("居民消费价格指数涨幅").better(), Better::Lower);
    assert!(!t("居民消费价格指数涨幅").is_met_by(7.5, 0.05));
    assert!(t("居民消费价格指数涨幅").is_met_by(2.0, 0.05));
    let band = Target {
        better: Some(Better::Both),
        ..t("地区生产总值增速")
    };
    assert!(!band.is_met_by(7.5, 0.05));
}
