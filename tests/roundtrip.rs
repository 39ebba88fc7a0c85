//! Plan files round-trip: any valid plan written with `to_ron` reads back
//! equal, through text and through a real save and load; the shipped plan
//! re-serializes byte for byte.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Days, NaiveDate};
use commitments::model::{
    Commitment, CommitmentId, Comparator, Department, DeptId, Kind, Plan, PlanSettings,
    ProgressEntry, SourceReport, Status, StatusChange, SubMilestone, Target, TargetAdjustment,
};
use commitments::storage::{self, format::to_ron, load::parse_checked};
use proptest::collection::{btree_set, vec};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

const SHIPPED: &str = include_str!("../assets/plans/taiyuan-2023.ron");

// ---------------------------------------------------------------- strategies

const DEPT_POOL: [&str; 6] = ["gxj", "fgw", "swj", "kjj", "czj", "tjj"];

/// Any text, including CJK, emoji, quotes, backslashes, RON syntax and
/// control characters pasted from other programs.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ]{1,8}",
        "[太原市工业和信息化局推进建成万亿座项目年底前，。、“”（）]{1,12}",
        "[😀🎉🚀✅👍🏽]{1,3}",
        "[a-z太原😀\"'\\\\(),:\\[\\]{}#/*\n\t\r ]{1,10}",
        "[\\x00-\\x1f\\x7f\u{85}\u{2028}\u{feff}a]{1,6}",
        "\\PC{0,10}",
    ]
    .boxed()
}

/// Text with something besides whitespace: titles, names, units.
fn nonblank() -> BoxedStrategy<String> {
    text()
        .prop_map(|s| {
            if s.trim().is_empty() {
                format!("项{s}")
            } else {
                s
            }
        })
        .boxed()
}

fn date() -> BoxedStrategy<NaiveDate> {
    (0u64..365)
        .prop_map(|d| {
            NaiveDate::from_ymd_opt(2023, 1, 1)
                .unwrap()
                .checked_add_days(Days::new(d))
                .unwrap()
        })
        .boxed()
}

/// Any finite number: tiny, huge, negative, subnormal, report-style amounts.
fn number() -> BoxedStrategy<f64> {
    prop_oneof![
        Just(0.0),
        (0u32..200_000).prop_map(|n| n as f64 * 1e4),
        (0u32..1000).prop_map(|n| n as f64 / 10.0),
        prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
    ]
    .boxed()
}

fn non_negative() -> BoxedStrategy<f64> {
    number().prop_map(f64::abs).boxed()
}

fn target() -> BoxedStrategy<Target> {
    (
        text(),
        prop::sample::select(&Comparator::ALL[..]),
        (number(), number()),
        nonblank(),
        any::<bool>(),
        prop::option::of(number()),
        prop::option::of(date()),
    )
        .prop_map(
            |(metric, comparator, (a, b), unit, cumulative, baseline, baseline_date)| Target {
                metric,
                comparator,
                low: a.min(b),
                high: a.max(b),
                unit,
                cumulative,
                baseline,
                baseline_date,
                better: None,
            },
        )
        .boxed()
}

fn kind() -> BoxedStrategy<Kind> {
    let sub = (nonblank(), date(), prop::option::of(date())).prop_map(|(title, due, done_on)| {
        SubMilestone {
            title,
            due,
            done_on,
        }
    });
    prop_oneof![
        target().prop_map(Kind::Quantitative),
        vec(sub, 0..3).prop_map(|sub_milestones| Kind::Milestone { sub_milestones }),
        Just(Kind::Qualitative),
    ]
    .boxed()
}

fn status() -> BoxedStrategy<Status> {
    prop::sample::select(&Status::ALL[..]).boxed()
}

fn progress_entry() -> BoxedStrategy<ProgressEntry> {
    (
        date(),
        prop::option::of(number()),
        text(),
        text(),
        text(),
        text(),
    )
        .prop_map(
            |(date, value, progress, problems, next_steps, reporter)| ProgressEntry {
                date,
                value,
                progress,
                problems,
                next_steps,
                reporter,
                evidence: Vec::new(),
            },
        )
        .boxed()
}

fn status_change() -> BoxedStrategy<StatusChange> {
    (date(), status(), status(), text())
        .prop_map(|(on, from, to, reason)| StatusChange {
            on,
            from,
            to,
            reason,
        })
        .boxed()
}

fn adjustment() -> BoxedStrategy<TargetAdjustment> {
    (date(), target(), target(), text())
        .prop_map(|(date, old, new, reason)| TargetAdjustment {
            date,
            old,
            new,
            reason,
        })
        .boxed()
}

/// A valid commitment whose departments are among `depts`.
fn commitment(id: CommitmentId, depts: Vec<DeptId>) -> BoxedStrategy<Commitment> {
    let (lead, cooperating) = if depts.is_empty() {
        (Just(None).boxed(), Just(Vec::new()).boxed())
    } else {
        let dept = prop::sample::select(depts);
        (
            prop::option::of(dept.clone()).boxed(),
            vec(dept, 0..3).boxed(),
        )
    };
    (
        (
            nonblank(),
            text(),
            text(),
            kind(),
            lead,
            cooperating,
            text(),
        ),
        (
            (prop::option::of(date()), prop::option::of(date())),
            status(),
            date(),
            any::<bool>(),
            text(),
        ),
        (
            vec(status_change(), 0..3),
            vec(progress_entry(), 0..4),
            vec(adjustment(), 0..2),
            text(),
            vec(text(), 0..3),
        ),
    )
        .prop_map(
            move |(
                (title, section, source_quote, kind, lead, mut cooperating, owner),
                ((start, due), status, done, has_done_on, status_reason),
                (status_history, mut progress, adjustments, notes, tags),
            )| {
                cooperating.retain(|d| Some(d) != lead.as_ref());
                let (start, due) = match (start, due) {
                    (Some(s), Some(d)) if d < s => (Some(d), Some(s)),
                    other => other,
                };
                progress.sort_by_key(|e| e.date);
                Commitment {
                    id,
                    title,
                    section,
                    source_quote,
                    kind,
                    lead,
                    cooperating,
                    owner,
                    start,
                    due,
                    status,
                    done_on: (status == Status::Done || has_done_on).then_some(done),
                    status_reason,
                    status_history,
                    progress,
                    adjustments,
                    notes,
                    tags,
                    closure: None,
                    extension: None,
                    extensions: Vec::new(),
                }
            },
        )
        .boxed()
}

fn settings() -> BoxedStrategy<PlanSettings> {
    (
        non_negative(),
        non_negative(),
        non_negative(),
        0i64..400,
        non_negative(),
    )
        .prop_map(
            |(
                yellow_behind_points,
                red_behind_points,
                ahead_points,
                due_soon_days,
                approx_tolerance,
            )| PlanSettings {
                yellow_behind_points,
                red_behind_points,
                ahead_points,
                due_soon_days,
                approx_tolerance,
                ..PlanSettings::default()
            },
        )
        .boxed()
}

/// A valid plan: unique ids, departments that exist, low <= high, finite
/// numbers, non-empty titles, names and units.
fn valid_plan() -> BoxedStrategy<Plan> {
    let department = (prop::sample::select(&DEPT_POOL[..]), nonblank(), nonblank()).prop_map(
        |(id, name, short_name)| Department {
            id: DeptId::new(id),
            name,
            short_name,
        },
    );
    (
        vec(department, 0..=4),
        btree_set(any::<u32>(), 0..=8),
        (nonblank(), text(), 1900i32..=2200, text(), text(), text()),
        settings(),
    )
        .prop_flat_map(
            |(depts, ids, (title, issuer, year, report, text_file, notes), settings)| {
                let departments: BTreeMap<DeptId, Department> =
                    depts.into_iter().map(|d| (d.id.clone(), d)).collect();
                let dept_ids: Vec<DeptId> = departments.keys().cloned().collect();
                let commitments: Vec<_> = ids
                    .into_iter()
                    .map(|id| commitment(CommitmentId(id), dept_ids.clone()))
                    .collect();
                let plan = Plan {
                    format_version: commitments::model::FORMAT_VERSION,
                    title,
                    issuer,
                    year,
                    source_report: SourceReport {
                        title: report,
                        text_file,
                    },
                    settings,
                    notes,
                    departments,
                    commitments: BTreeMap::new(),
                    id: "plan-0123456789abcdef".to_owned(),
                    returns: Vec::new(),
                    journal: Default::default(),
                };
                (Just(plan), commitments)
            },
        )
        .prop_map(|(mut plan, commitments)| {
            plan.commitments = commitments.into_iter().map(|c| (c.id, c)).collect();
            plan
        })
        .boxed()
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/proptest-regressions/roundtrip.txt",
        ))),
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn text_roundtrip(plan in valid_plan()) {
        prop_assert_eq!(plan.problems(), vec![], "the generator made an invalid plan");
        let text = to_ron(&plan).expect("serializes");
        let back = parse_checked(&text, Path::new("plan.ron"))
            .unwrap_or_else(|e| panic!("{e}\n--- text ---\n{text}"));
        prop_assert_eq!(&back, &plan);
        // Writing again gives the same text: files do not drift.
        prop_assert_eq!(to_ron(&back).unwrap(), text);
    }
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn save_and_load_roundtrip(plan in valid_plan()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("计划 2023.ron");
        let saved = storage::save(&plan, &path).expect("saves");
        prop_assert_eq!(saved.backup, None);
        prop_assert_eq!(saved.bytes as u64, std::fs::metadata(&path).unwrap().len());
        let back = storage::load(&path).expect("loads");
        prop_assert_eq!(&back, &plan);
        prop_assert_eq!(std::fs::read_to_string(&path).unwrap(), to_ron(&plan).unwrap());
    }
}

// ---------------------------------------------------------------- shipped plan

#[test]
fn shipped_plan_reserializes_byte_identically() {
    let plan = parse_checked(SHIPPED, Path::new("assets/plans/taiyuan-2023.ron")).unwrap();
    let text = to_ron(&plan).unwrap();
    if text != SHIPPED {
        let line = text
            .lines()
            .zip(SHIPPED.lines())
            .position(|(a, b)| a != b)
            .map_or(text.lines().count().min(SHIPPED.lines().count()), |i| i);
        panic!(
            "first difference at line {}: wrote {:?}, file has {:?}",
            line + 1,
            text.lines().nth(line),
            SHIPPED.lines().nth(line)
        );
    }
}

#[test]
fn shipped_plan_survives_save_and_load() {
    let plan = storage::paths::shipped_plan();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taiyuan-2023.ron");
    storage::save(&plan, &path).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SHIPPED);
    assert_eq!(storage::load(&path).unwrap(), plan);
}

/// The awkward cases, spelled out: control characters, quotes and RON syntax
/// in text, and numbers that decimal printing tends to lose.
#[test]
fn awkward_text_and_numbers_roundtrip() {
    let mut plan = Plan::new("标题\u{0}带\u{1b}[31m控制符\r\n和\"引号\"", 2023);
    plan.notes = "),\n  commitments: [\n// 注释 /* 不是 */ r#\"raw\"#".to_owned();
    let mut c = Commitment::new(
        CommitmentId(u32::MAX),
        "5G基站😀\u{2028}\u{feff}",
        Kind::Quantitative(Target {
            metric: "地区生产总值增速".to_owned(),
            comparator: Comparator::Range,
            low: 0.1 + 0.2,
            high: f64::MAX,
            unit: "%".to_owned(),
            cumulative: false,
            baseline: Some(-f64::MIN_POSITIVE / 3.0),
            baseline_date: None,
            better: None,
        }),
    );
    for (i, v) in [1e-310, 1e21, 123_456_789.123_456_79, -0.0, 1.0 / 3.0]
        .into_iter()
        .enumerate()
    {
        c.add_progress(ProgressEntry {
            date: NaiveDate::from_ymd_opt(2023, 1 + i as u32, 1).unwrap(),
            value: Some(v),
            progress: format!("第{i}次\t\\n"),
            problems: String::new(),
            next_steps: String::new(),
            reporter: String::new(),
            evidence: Vec::new(),
        });
    }
    plan.commitments.insert(c.id, c);
    assert_eq!(plan.problems(), vec![]);
    let text = to_ron(&plan).unwrap();
    let back = parse_checked(&text, Path::new("plan.ron")).unwrap();
    assert_eq!(back, plan);
    // Bit for bit, not only ==: -0.0 stays -0.0.
    let values = |p: &Plan| -> Vec<u64> {
        p.commitments
            .values()
            .next()
            .unwrap()
            .progress
            .iter()
            .map(|e| e.value.unwrap().to_bits())
            .collect()
    };
    assert_eq!(values(&back), values(&plan));
}
