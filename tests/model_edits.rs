//! Undo and redo of every edit: applying an edit (or a group of edits from a
//! domain rule) and then its inverse gives back the plan it started from, and
//! applying the inverse's inverse gives the edited plan again. An edit that
//! fails leaves the plan as it was.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use commitments::model::{
    Commitment, CommitmentId, Comparator, Department, DeptId, Edit, EditError, FieldValue, Kind,
    Plan, PlanSettings, ProgressEntry, SourceReport, Status, StatusChange, SubMilestone, Target,
    TargetAdjustment,
};
use proptest::collection::{btree_set, vec};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

// ---------------------------------------------------------------- strategies

/// Department ids used by commitments and the registry. Only some of them are
/// in a given plan's registry, so edits also name departments that are not.
const DEPT_POOL: [&str; 6] = ["gxj", "fgw", "swj", "kjj", "czj", "tjj"];

/// Strings as people type them: ASCII, CJK, emoji, quotes, newlines, any
/// printable character, and the empty string.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 ]{1,8}",
        "[太原市工业和信息化局推进建成万亿座项目年底前，。、“”]{1,10}",
        "[😀🎉🚀✅👍🏽]{1,3}",
        "[a-z太原😀\"\\\\\n\t ]{1,8}",
        "\\PC{0,10}",
    ]
    .boxed()
}

fn date_2023() -> BoxedStrategy<NaiveDate> {
    (0u64..365)
        .prop_map(|d| {
            NaiveDate::from_ymd_opt(2023, 1, 1)
                .unwrap()
                .checked_add_days(Days::new(d))
                .unwrap()
        })
        .boxed()
}

/// Finite numbers only: NaN would make a plan unequal to itself.
fn number() -> BoxedStrategy<f64> {
    prop_oneof![
        Just(0.0),
        -1e6..1e6f64,
        (0u32..200_000).prop_map(|n| n as f64 * 1e4),
        prop::num::f64::NORMAL,
    ]
    .boxed()
}

fn dept_id() -> BoxedStrategy<DeptId> {
    prop::sample::select(&DEPT_POOL[..])
        .prop_map(DeptId::new)
        .boxed()
}

fn department() -> BoxedStrategy<Department> {
    (dept_id(), text(), text())
        .prop_map(|(id, name, short_name)| Department {
            id,
            name,
            short_name,
        })
        .boxed()
}

fn comparator() -> BoxedStrategy<Comparator> {
    prop::sample::select(&Comparator::ALL[..]).boxed()
}

fn status() -> BoxedStrategy<Status> {
    prop::sample::select(&Status::ALL[..]).boxed()
}

fn target() -> BoxedStrategy<Target> {
    (
        text(),
        comparator(),
        number(),
        number(),
        text(),
        any::<bool>(),
        prop::option::of(number()),
        prop::option::of(date_2023()),
    )
        .prop_map(
            |(metric, comparator, low, high, unit, cumulative, baseline, baseline_date)| Target {
                metric,
                comparator,
                low,
                high,
                unit,
                cumulative,
                baseline,
                baseline_date,
                better: None,
            },
        )
        .boxed()
}

fn sub_milestone() -> BoxedStrategy<SubMilestone> {
    (text(), date_2023(), prop::option::of(date_2023()))
        .prop_map(|(title, due, done_on)| SubMilestone {
            title,
            due,
            done_on,
        })
        .boxed()
}

fn kind() -> BoxedStrategy<Kind> {
    prop_oneof![
        target().prop_map(Kind::Quantitative),
        vec(sub_milestone(), 0..3).prop_map(|sub_milestones| Kind::Milestone { sub_milestones }),
        Just(Kind::Qualitative),
    ]
    .boxed()
}

fn progress_entry() -> BoxedStrategy<ProgressEntry> {
    (
        date_2023(),
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
    (date_2023(), status(), status(), text())
        .prop_map(|(on, from, to, reason)| StatusChange {
            on,
            from,
            to,
            reason,
        })
        .boxed()
}

fn adjustment() -> BoxedStrategy<TargetAdjustment> {
    (date_2023(), target(), target(), text())
        .prop_map(|(date, old, new, reason)| TargetAdjustment {
            date,
            old,
            new,
            reason,
        })
        .boxed()
}

/// Any commitment, valid or not (empty titles, due before start, ...): edits
/// do not validate, so undo must work whatever the content.
fn commitment_with(id: CommitmentId, depts: Vec<DeptId>) -> BoxedStrategy<Commitment> {
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
        (text(), text(), text(), kind(), lead, cooperating, text()),
        (
            prop::option::of(date_2023()),
            prop::option::of(date_2023()),
            status(),
            prop::option::of(date_2023()),
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
                (title, section, source_quote, kind, lead, cooperating, owner),
                (start, due, status, done_on, status_reason),
                (status_history, mut progress, adjustments, notes, tags),
            )| {
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
                    done_on,
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

fn commitment() -> BoxedStrategy<Commitment> {
    (1u32..40)
        .prop_flat_map(|id| {
            commitment_with(
                CommitmentId(id),
                DEPT_POOL.iter().map(|d| DeptId::new(*d)).collect(),
            )
        })
        .boxed()
}

fn settings() -> BoxedStrategy<PlanSettings> {
    (number(), number(), number(), -10i64..400, number())
        .prop_map(
            |(
                yellow_behind_points,
                red_behind_points,
                ahead_points,
                due_soon_days,
                approx_tolerance,
            )| {
                PlanSettings {
                    yellow_behind_points,
                    red_behind_points,
                    ahead_points,
                    due_soon_days,
                    approx_tolerance,
                    ..PlanSettings::default()
                }
            },
        )
        .boxed()
}

/// A small plan: 0-4 departments, 0-8 commitments. Commitments refer only to
/// departments of the registry, as in every plan that loads (see
/// `put_department_over_a_dangling_reference` for why that matters).
fn plan() -> BoxedStrategy<Plan> {
    (
        vec(department(), 0..=4),
        btree_set(1u32..40, 0..=8),
        text(),
        settings(),
    )
        .prop_flat_map(|(depts, ids, title, settings)| {
            let departments: BTreeMap<DeptId, Department> =
                depts.into_iter().map(|d| (d.id.clone(), d)).collect();
            let dept_ids: Vec<DeptId> = departments.keys().cloned().collect();
            let commitments: Vec<_> = ids
                .into_iter()
                .map(|id| commitment_with(CommitmentId(id), dept_ids.clone()))
                .collect();
            (Just(departments), commitments, Just(title), Just(settings))
        })
        .prop_map(|(departments, commitments, title, settings)| Plan {
            format_version: commitments::model::FORMAT_VERSION,
            title,
            issuer: "太原市人民政府".to_owned(),
            year: 2023,
            source_report: SourceReport::default(),
            settings,
            notes: String::new(),
            departments,
            commitments: commitments.into_iter().map(|c| (c.id, c)).collect(),
            id: "plan-0123456789abcdef".to_owned(),
            returns: Vec::new(),
            journal: Default::default(),
        })
        .boxed()
}

fn field_value() -> BoxedStrategy<FieldValue> {
    prop_oneof![
        text().prop_map(FieldValue::Title),
        text().prop_map(FieldValue::Section),
        text().prop_map(FieldValue::SourceQuote),
        text().prop_map(FieldValue::Owner),
        text().prop_map(FieldValue::Notes),
        prop::option::of(dept_id()).prop_map(FieldValue::Lead),
        vec(dept_id(), 0..3).prop_map(FieldValue::Cooperating),
        prop::option::of(date_2023()).prop_map(FieldValue::Start),
        prop::option::of(date_2023()).prop_map(FieldValue::Due),
        vec(text(), 0..3).prop_map(FieldValue::Tags),
        kind().prop_map(FieldValue::Kind),
    ]
    .boxed()
}

/// Which commitment an action is about: one of the plan's (by index, wrapped
/// around) or a raw id that may not exist.
#[derive(Debug, Clone)]
enum Pick {
    Existing(usize),
    Raw(u32),
}

impl Pick {
    fn id(&self, plan: &Plan) -> CommitmentId {
        match self {
            Pick::Existing(i) if !plan.commitments.is_empty() => *plan
                .commitments
                .keys()
                .nth(i % plan.commitments.len())
                .unwrap(),
            Pick::Existing(i) => CommitmentId(*i as u32),
            Pick::Raw(id) => CommitmentId(*id),
        }
    }
}

fn pick() -> BoxedStrategy<Pick> {
    prop_oneof![
        4 => any::<usize>().prop_map(Pick::Existing),
        1 => (0u32..45).prop_map(Pick::Raw),
    ]
    .boxed()
}

/// Which department an action is about: one of the registry's or any of the pool.
#[derive(Debug, Clone)]
enum DeptPick {
    Existing(usize),
    Pool(DeptId),
}

impl DeptPick {
    fn id(&self, plan: &Plan) -> DeptId {
        match self {
            DeptPick::Existing(i) if !plan.departments.is_empty() => plan
                .departments
                .keys()
                .nth(i % plan.departments.len())
                .unwrap()
                .clone(),
            DeptPick::Existing(_) => DeptId::new("gxj"),
            DeptPick::Pool(id) => id.clone(),
        }
    }
}

fn dept_pick() -> BoxedStrategy<DeptPick> {
    prop_oneof![
        3 => any::<usize>().prop_map(DeptPick::Existing),
        1 => dept_id().prop_map(DeptPick::Pool),
    ]
    .boxed()
}

/// One change a person can make: a raw edit or a domain rule.
#[derive(Debug, Clone)]
enum Action {
    SetField(Pick, FieldValue),
    Replace(Pick, Commitment),
    Insert(Pick, Commitment),
    Remove(Pick),
    PutDepartment(Department),
    RemoveDepartment(DeptPick),
    SetPlanTitle(String),
    SetSettings(PlanSettings),
    Tick(Pick, NaiveDate),
    Untick(Pick, NaiveDate),
    SetStatus(Pick, Status, NaiveDate, String),
    SetDoneOn(Pick, NaiveDate),
    AddProgress(Pick, ProgressEntry),
    RemoveProgress(Pick, usize),
    AdjustTarget(Pick, Target, NaiveDate, String),
    Duplicate(Pick),
    MergeDepartments(DeptPick, DeptPick),
}

fn action() -> BoxedStrategy<Action> {
    let raw = prop_oneof![
        (pick(), field_value()).prop_map(|(p, v)| Action::SetField(p, v)),
        (pick(), commitment()).prop_map(|(p, c)| Action::Replace(p, c)),
        (pick(), commitment()).prop_map(|(p, c)| Action::Insert(p, c)),
        pick().prop_map(Action::Remove),
        department().prop_map(Action::PutDepartment),
        dept_pick().prop_map(Action::RemoveDepartment),
        text().prop_map(Action::SetPlanTitle),
        settings().prop_map(Action::SetSettings),
    ];
    let rules = prop_oneof![
        (pick(), date_2023()).prop_map(|(p, d)| Action::Tick(p, d)),
        (pick(), date_2023()).prop_map(|(p, d)| Action::Untick(p, d)),
        (pick(), status(), date_2023(), text())
            .prop_map(|(p, s, d, r)| Action::SetStatus(p, s, d, r)),
        (pick(), date_2023()).prop_map(|(p, d)| Action::SetDoneOn(p, d)),
        (pick(), progress_entry()).prop_map(|(p, e)| Action::AddProgress(p, e)),
        (pick(), 0usize..5).prop_map(|(p, i)| Action::RemoveProgress(p, i)),
        (pick(), target(), date_2023(), text())
            .prop_map(|(p, t, d, r)| Action::AdjustTarget(p, t, d, r)),
        pick().prop_map(Action::Duplicate),
        (dept_pick(), dept_pick()).prop_map(|(a, b)| Action::MergeDepartments(a, b)),
    ];
    prop_oneof![raw, rules].boxed()
}

impl Action {
    /// The edits this action makes on `plan`, or the rule's refusal.
    fn edits(&self, plan: &Plan) -> Result<Vec<Edit>, EditError> {
        let one = |e: Edit| Ok(vec![e]);
        match self.clone() {
            Action::SetField(p, value) => one(Edit::SetField {
                id: p.id(plan),
                value,
            }),
            Action::Replace(p, mut c) => {
                c.id = p.id(plan);
                one(Edit::Replace(Box::new(c)))
            }
            Action::Insert(p, mut c) => {
                c.id = p.id(plan);
                one(Edit::Insert(Box::new(c)))
            }
            Action::Remove(p) => one(Edit::Remove(p.id(plan))),
            Action::PutDepartment(d) => one(Edit::PutDepartment(d)),
            Action::RemoveDepartment(d) => one(Edit::RemoveDepartment(d.id(plan))),
            Action::SetPlanTitle(t) => one(Edit::SetPlanTitle(t)),
            Action::SetSettings(s) => one(Edit::SetSettings(s)),
            Action::Tick(p, on) => plan.tick(p.id(plan), on).map(|e| vec![e]),
            Action::Untick(p, on) => plan.untick(p.id(plan), on).map(|e| vec![e]),
            Action::SetStatus(p, to, on, reason) => plan
                .set_status(p.id(plan), to, on, &reason)
                .map(|e| vec![e]),
            Action::SetDoneOn(p, on) => plan.set_done_on(p.id(plan), on).map(|e| vec![e]),
            Action::AddProgress(p, entry) => plan.add_progress(p.id(plan), entry).map(|e| vec![e]),
            Action::RemoveProgress(p, i) => plan.remove_progress(p.id(plan), i).map(|e| vec![e]),
            Action::AdjustTarget(p, t, on, reason) => plan
                .adjust_target(p.id(plan), t, on, &reason)
                .map(|e| vec![e]),
            Action::Duplicate(p) => plan.duplicate(p.id(plan)).map(|e| vec![e]),
            Action::MergeDepartments(from, into) => {
                plan.merge_departments(&from.id(plan), &into.id(plan))
            }
        }
    }
}

/// Applies edits the way the undo history does: one edit with `Edit::apply`,
/// several with `Edit::apply_group`. Returns the inverse edits.
fn apply(edits: Vec<Edit>, plan: &mut Plan) -> Result<Vec<Edit>, EditError> {
    if edits.len() == 1 {
        let edit = edits.into_iter().next().unwrap();
        edit.apply(plan).map(|inverse| vec![inverse])
    } else {
        Edit::apply_group(edits, plan)
    }
}

/// Whether a commitment names a department that is not in the registry.
fn has_dangling_reference(plan: &Plan) -> bool {
    plan.commitments.values().any(|c| {
        c.lead
            .iter()
            .chain(&c.cooperating)
            .any(|d| !plan.departments.contains_key(d))
    })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 512,
        // Integration tests have no lib.rs beside them for the default.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/proptest-regressions/model_edits.txt",
        ))),
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config())]

    /// Edit, undo, redo, undo: each step gives exactly the plan it should.
    #[test]
    fn undo_restores_and_redo_reapplies(mut plan in plan(), action in action()) {
        let original = plan.clone();
        let edits = match action.edits(&plan) {
            Ok(edits) => edits,
            // A rule that refuses makes no edit at all.
            Err(_) => return Ok(()),
        };
        match apply(edits, &mut plan) {
            Err(_) => prop_assert_eq!(&plan, &original, "a failed edit changed the plan"),
            Ok(undo) => {
                let edited = plan.clone();
                let redo = apply(undo, &mut plan).expect("the inverse applies");
                prop_assert_eq!(&plan, &original, "undo did not restore the plan");
                let undo_again = apply(redo, &mut plan).expect("the inverse's inverse applies");
                prop_assert_eq!(&plan, &edited, "redo did not give the edited plan");
                apply(undo_again, &mut plan).expect("undo after redo applies");
                prop_assert_eq!(&plan, &original, "undo after redo did not restore the plan");
            }
        }
    }

    /// A sequence of changes kept on an undo stack: undoing them all gives the
    /// original plan, redoing them all gives the final plan.
    ///
    /// Like the window and the CLI, the history keeps only edits after which
    /// every department a commitment names is in the registry; an edit that
    /// would leave a dangling reference is undone at once (see
    /// `put_department_over_a_dangling_reference`).
    #[test]
    fn undo_stack_unwinds_a_sequence(mut plan in plan(), actions in vec(action(), 1..8)) {
        let original = plan.clone();
        let mut undo_stack = Vec::new();
        for action in &actions {
            let before = plan.clone();
            let Ok(edits) = action.edits(&plan) else { continue };
            match apply(edits, &mut plan) {
                Ok(undo) if has_dangling_reference(&plan) => {
                    apply(undo, &mut plan).expect("undo applies");
                    prop_assert_eq!(&plan, &before, "undo did not restore the plan");
                }
                Ok(undo) => undo_stack.push(undo),
                Err(_) => prop_assert_eq!(&plan, &before, "a failed edit changed the plan"),
            }
        }
        let last = plan.clone();
        let mut redo_stack = Vec::new();
        while let Some(undo) = undo_stack.pop() {
            redo_stack.push(apply(undo, &mut plan).expect("undo applies"));
        }
        prop_assert_eq!(&plan, &original);
        while let Some(redo) = redo_stack.pop() {
            apply(redo, &mut plan).expect("redo applies");
        }
        prop_assert_eq!(&plan, &last);
    }

    /// A group whose last edit fails is rolled back whole.
    #[test]
    fn failing_group_leaves_the_plan_unchanged(mut plan in plan(), action in action()) {
        let original = plan.clone();
        let Ok(mut edits) = action.edits(&plan) else { return Ok(()) };
        // Whether the edits apply by themselves, on a copy.
        let alone_ok = Edit::apply_group(edits.clone(), &mut plan.clone()).is_ok();
        let missing = CommitmentId(1_000_000);
        edits.push(Edit::Remove(missing));
        let result = Edit::apply_group(edits, &mut plan);
        if alone_ok {
            prop_assert_eq!(result, Err(EditError::NoSuchCommitment(missing)));
        } else {
            prop_assert!(result.is_err());
        }
        prop_assert_eq!(&plan, &original);
    }

    /// Every way a single edit can fail, on any plan: the error is the right
    /// one and the plan is untouched.
    #[test]
    fn failing_edits_leave_the_plan_unchanged(
        mut plan in plan(),
        value in field_value(),
        c in commitment(),
    ) {
        let original = plan.clone();
        let missing = CommitmentId(1_000_000);
        let existing = plan.commitments.keys().next().copied();

        let mut failing = vec![
            (Edit::SetField { id: missing, value }, EditError::NoSuchCommitment(missing)),
            (
                Edit::Replace(Box::new(Commitment { id: missing, ..c.clone() })),
                EditError::NoSuchCommitment(missing),
            ),
            (Edit::Remove(missing), EditError::NoSuchCommitment(missing)),
            (
                Edit::RemoveDepartment(DeptId::new("no-such")),
                EditError::NoSuchDepartment(DeptId::new("no-such")),
            ),
        ];
        if let Some(id) = existing {
            failing.push((
                Edit::Insert(Box::new(Commitment { id, ..c.clone() })),
                EditError::DuplicateCommitment(id),
            ));
        }
        if let Some(dept) = plan.commitments.values().find_map(|c| c.lead.clone()) {
            failing.push((
                Edit::RemoveDepartment(dept.clone()),
                EditError::DepartmentInUse(dept),
            ));
        }
        for (edit, expected) in failing {
            let shown = format!("{edit:?}");
            prop_assert_eq!(edit.apply(&mut plan), Err(expected), "{}", shown);
            prop_assert_eq!(&plan, &original, "{} changed the plan", shown);
        }

        // The rules refuse missing commitments and departments without an edit.
        let on = NaiveDate::from_ymd_opt(2023, 6, 1).unwrap();
        prop_assert_eq!(plan.tick(missing, on), Err(EditError::NoSuchCommitment(missing)));
        prop_assert_eq!(plan.untick(missing, on), Err(EditError::NoSuchCommitment(missing)));
        prop_assert_eq!(plan.duplicate(missing), Err(EditError::NoSuchCommitment(missing)));
        let nobody = DeptId::new("no-such");
        prop_assert_eq!(
            plan.merge_departments(&nobody, &DeptId::new("gxj")),
            Err(EditError::NoSuchDepartment(nobody.clone()))
        );
    }
}

// ---------------------------------------------------------------- examples

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, m, d).unwrap()
}

fn dept(id: &str, short: &str) -> Department {
    Department {
        id: DeptId::new(id),
        name: format!("市{short}"),
        short_name: short.to_owned(),
    }
}

fn small_plan() -> Plan {
    let mut plan = Plan::new("测试计划", 2023);
    for d in [
        dept("gxj", "工信局"),
        dept("fgw", "发改委"),
        dept("swj", "商务局"),
    ] {
        plan.departments.insert(d.id.clone(), d);
    }
    let mut a = Commitment::new(CommitmentId(1), "新建5G基站", Kind::Qualitative);
    a.lead = Some(DeptId::new("gxj"));
    a.cooperating = vec![DeptId::new("fgw"), DeptId::new("swj")];
    let mut b = Commitment::new(CommitmentId(2), "招商引资", Kind::Qualitative);
    b.lead = Some(DeptId::new("fgw"));
    b.cooperating = vec![DeptId::new("gxj")];
    plan.commitments.insert(a.id, a);
    plan.commitments.insert(b.id, b);
    plan
}

#[test]
fn tick_then_untick_then_undo_both() {
    let mut plan = small_plan();
    let original = plan.clone();
    let id = CommitmentId(1);

    let undo_tick = plan.tick(id, day(6, 30)).unwrap().apply(&mut plan).unwrap();
    let ticked = plan.clone();
    assert_eq!(plan.commitments[&id].status, Status::Done);
    assert_eq!(plan.commitments[&id].done_on, Some(day(6, 30)));

    let undo_untick = plan
        .untick(id, day(7, 1))
        .unwrap()
        .apply(&mut plan)
        .unwrap();
    assert_eq!(plan.commitments[&id].status, Status::NotStarted);
    assert_eq!(plan.commitments[&id].done_on, None);

    undo_untick.apply(&mut plan).unwrap();
    assert_eq!(plan, ticked);
    undo_tick.apply(&mut plan).unwrap();
    assert_eq!(plan, original);
}

#[test]
fn merge_departments_is_one_undoable_group() {
    let mut plan = small_plan();
    let original = plan.clone();
    let edits = plan
        .merge_departments(&DeptId::new("gxj"), &DeptId::new("fgw"))
        .unwrap();
    // Two commitments move, then the department leaves the registry.
    assert_eq!(edits.len(), 3);
    let undo = Edit::apply_group(edits, &mut plan).unwrap();
    assert!(!plan.departments.contains_key(&DeptId::new("gxj")));
    let a = &plan.commitments[&CommitmentId(1)];
    assert_eq!(a.lead, Some(DeptId::new("fgw")));
    assert_eq!(a.cooperating, vec![DeptId::new("swj")]);
    let b = &plan.commitments[&CommitmentId(2)];
    assert_eq!(b.lead, Some(DeptId::new("fgw")));
    assert!(b.cooperating.is_empty());
    let merged = plan.clone();

    let redo = Edit::apply_group(undo, &mut plan).unwrap();
    assert_eq!(plan, original);
    Edit::apply_group(redo, &mut plan).unwrap();
    assert_eq!(plan, merged);
}

#[test]
fn duplicate_takes_a_fresh_id_and_undo_removes_it() {
    let mut plan = small_plan();
    let original = plan.clone();
    let undo = plan
        .duplicate(CommitmentId(1))
        .unwrap()
        .apply(&mut plan)
        .unwrap();
    assert_eq!(undo, Edit::Remove(CommitmentId(3)));
    assert_eq!(plan.commitments[&CommitmentId(3)].title, "新建5G基站");
    undo.apply(&mut plan).unwrap();
    assert_eq!(plan, original);
}

/// Edits do not check department references, so a commitment can be made to
/// name a department that is not in the registry. Adding that department
/// afterwards has `RemoveDepartment` as its inverse, which refuses a
/// department in use: that undo is refused, but it never half-applies. (No
/// plan that loads has such a reference; `undo_stack_unwinds_a_sequence`
/// keeps to such plans.)
#[test]
fn put_department_over_a_dangling_reference() {
    let mut plan = small_plan();
    Edit::SetField {
        id: CommitmentId(2),
        value: FieldValue::Lead(Some(DeptId::new("kjj"))),
    }
    .apply(&mut plan)
    .unwrap();
    assert!(has_dangling_reference(&plan));
    let undo_put = Edit::PutDepartment(dept("kjj", "科技局"))
        .apply(&mut plan)
        .unwrap();
    assert_eq!(undo_put, Edit::RemoveDepartment(DeptId::new("kjj")));
    let with_kjj = plan.clone();
    assert_eq!(
        undo_put.apply(&mut plan),
        Err(EditError::DepartmentInUse(DeptId::new("kjj")))
    );
    assert_eq!(plan, with_kjj);
}

/// Merging a department into itself changes nothing: it neither deletes the
/// department (when no commitment names it) nor fails as "still in use".
#[test]
fn merge_department_into_itself_changes_nothing() {
    let mut plan = small_plan();
    let original = plan.clone();
    for id in ["gxj", "fgw", "swj"] {
        let id = DeptId::new(id);
        let edits = plan.merge_departments(&id, &id).unwrap();
        Edit::apply_group(edits, &mut plan).unwrap();
        assert_eq!(plan, original, "merging {id} into itself");
    }
    // And for a department no commitment names.
    let mut plan = small_plan();
    plan.departments
        .insert(DeptId::new("kjj"), dept("kjj", "科技局"));
    let original = plan.clone();
    let kjj = DeptId::new("kjj");
    let edits = plan.merge_departments(&kjj, &kjj).unwrap();
    Edit::apply_group(edits, &mut plan).unwrap();
    assert_eq!(
        plan, original,
        "merging an unused department into itself deleted it"
    );
}
