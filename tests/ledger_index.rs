//! The ledger index (the window's and the CLI's fast path) against the rule
//! stated one commitment at a time: the same rows, in the same order, with
//! the same faceted counts; and an index patched after edits equals one
//! built afresh.

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::subsequence;

use commitments::generate::{Profile, generate};
use commitments::model::{
    Commitment, CommitmentId, DeptId, Edit, ExtensionRequest, FieldValue, Plan, Status,
};
use commitments::pace::{Assessment, Light, Pace, assess};
use commitments::query::{
    Counts, DueWindow, Filter, KindFilter, LedgerIndex, Review, Row, SortKey, last_update,
};
use commitments::search::{Needle, SearchText};
use proptest::test_runner::TestCaseError;

const COMMITMENTS: usize = 240;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 8, 20).unwrap()
}

/// A generated plan with applications waiting for the office: every 7th
/// commitment applied for 销号, every 5th asked for an extension.
fn plan(seed: u64) -> Plan {
    let mut plan = generate(COMMITMENTS, seed, Profile::Realistic);
    for c in plan.commitments.values_mut() {
        let on = NaiveDate::from_ymd_opt(2023, 6, 1).unwrap();
        if c.id.0 % 7 == 0 && c.status != Status::Done {
            c.status = Status::ClosureRequested;
        }
        if c.id.0 % 5 == 0 {
            c.extension = Some(ExtensionRequest {
                on,
                to: NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(),
                reason: "征地".to_owned(),
                by: String::new(),
            });
        }
    }
    plan
}

/// A filter over `plan`'s own departments and sections, plus one of each
/// that the plan does not have.
fn filter_for(plan: &Plan) -> BoxedStrategy<Filter> {
    let mut departments: Vec<DeptId> = plan.departments.keys().cloned().collect();
    departments.push(DeptId::new("nowhere"));
    let mut sections = plan.sections();
    sections.push("不存在的部分".to_owned());
    (
        subsequence(departments.clone(), 0..=3),
        any::<(bool, bool)>(),
        subsequence(Status::ALL.to_vec(), 0..=2),
        subsequence(Light::ALL.to_vec(), 0..=2),
        subsequence(Pace::ALL.to_vec(), 0..=2),
        subsequence(sections.clone(), 0..=2),
        subsequence(KindFilter::ALL.to_vec(), 0..=2),
        (
            subsequence(DueWindow::ALL.to_vec(), 0..=2),
            subsequence(Review::ALL.to_vec(), 0..=1),
        ),
        prop::sample::select(vec!["", "", "5g", "gxj", "基站", "建设 2023", "zzz", "局"]),
    )
        .prop_map(
            |(
                departments,
                (lead_only, cooperating_only),
                statuses,
                lights,
                paces,
                sections,
                kinds,
                (due, review),
                search,
            )| {
                Filter {
                    departments,
                    lead_only,
                    cooperating_only,
                    statuses,
                    lights,
                    paces,
                    sections,
                    kinds,
                    due,
                    review,
                    search: search.to_owned(),
                }
            },
        )
        .boxed()
}

/// Column values as the ledger promises to order them (ties by id).
#[derive(PartialEq, PartialOrd)]
enum Expected {
    Text(String),
    Date(Option<NaiveDate>),
    Number(f64),
}

fn expected_key(plan: &Plan, c: &Commitment, a: &Assessment, key: SortKey) -> Expected {
    match key {
        SortKey::Id => Expected::Number(c.id.0 as f64),
        SortKey::Title => Expected::Text(c.title.clone()),
        SortKey::Lead => Expected::Text(
            c.lead
                .as_ref()
                .map_or(String::new(), |d| plan.dept_short_name(d).to_owned()),
        ),
        SortKey::Owner => Expected::Text(c.owner.clone()),
        SortKey::Due => Expected::Date(Some(plan.due_of(c))),
        // Progress is ordered by tenths of a percent; nothing measured first.
        SortKey::Progress => Expected::Number(
            a.progress_percent
                .map_or(f64::NEG_INFINITY, |p| (p * 10.0).trunc()),
        ),
        SortKey::Pace => Expected::Number(a.pace as u8 as f64),
        SortKey::Light => Expected::Number(a.light as u8 as f64),
        SortKey::Status => Expected::Number(a.status as u8 as f64),
        SortKey::LastUpdate => Expected::Date(last_update(c)),
    }
}

/// The rows the rule keeps, sorted the slow way.
fn expected_rows(plan: &Plan, filter: &Filter, key: SortKey, descending: bool) -> Vec<Row> {
    let needle = Needle::new(&filter.search);
    let mut rows: Vec<(Expected, CommitmentId, Row)> = plan
        .commitments
        .values()
        .filter_map(|c| {
            let a = assess(plan, c, as_of());
            let keep = filter.matches_facets(plan, c, &a, as_of())
                && (needle.is_empty() || needle.found_in(&SearchText::of(plan, c)));
            keep.then(|| {
                (
                    expected_key(plan, c, &a, key),
                    c.id,
                    Row {
                        id: c.id,
                        assessment: a,
                    },
                )
            })
        })
        .collect();
    rows.sort_by(|x, y| (&x.0, x.1).partial_cmp(&(&y.0, y.1)).unwrap());
    if descending {
        rows.reverse();
    }
    rows.into_iter().map(|(_, _, r)| r).collect()
}

/// Each value's count equals what the filter shows with that value chosen.
fn same_counts<K: Eq + std::hash::Hash + std::fmt::Debug>(
    counts: &Counts<K>,
    values: impl IntoIterator<Item = K>,
    shown_with: impl Fn(&K) -> usize,
) -> Result<(), TestCaseError> {
    for value in values {
        let count = counts.get(&value).copied().unwrap_or(0);
        prop_assert_eq!(count, shown_with(&value), "{:?}", value);
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn seeded_plan_and_filter() -> impl Strategy<Value = (Plan, Filter)> {
    (0u64..6).prop_flat_map(|seed| {
        let plan = plan(seed);
        let filter = filter_for(&plan);
        (Just(plan), filter)
    })
}

fn sort_key() -> impl Strategy<Value = SortKey> {
    prop::sample::select(SortKey::ALL.to_vec())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_index_keeps_and_orders_rows_as_the_rule_says(
        (plan, filter) in seeded_plan_and_filter(),
        key in sort_key(),
        descending in any::<bool>(),
    ) {
        let expected = expected_rows(&plan, &filter, key, descending);
        let mut index = LedgerIndex::build(&plan, as_of());
        // The one-shot path first: it must not depend on search texts kept
        // by an earlier search.
        prop_assert_eq!(&index.matching(&plan, &filter, key, descending), &expected);
        prop_assert_eq!(index.select(&plan, &filter, key, descending).rows, expected);
    }

    /// Each faceted count is the number of rows the filter would keep with
    /// that value chosen in its group instead.
    #[test]
    fn facet_counts_are_what_choosing_the_value_would_show(
        (plan, filter) in seeded_plan_and_filter(),
    ) {
        let mut index = LedgerIndex::build(&plan, as_of());
        let counts = index.select(&plan, &filter, SortKey::Id, false).counts;
        let shown = |f: Filter| expected_rows(&plan, &f, SortKey::Id, false).len();
        let with = |change: &dyn Fn(&mut Filter)| {
            let mut f = filter.clone();
            change(&mut f);
            shown(f)
        };
        same_counts(&counts.statuses, Status::ALL, |s| with(&|f| f.statuses = vec![*s]))?;
        same_counts(&counts.lights, Light::ALL, |l| with(&|f| f.lights = vec![*l]))?;
        same_counts(&counts.kinds, KindFilter::ALL, |k| with(&|f| f.kinds = vec![*k]))?;
        same_counts(&counts.due, DueWindow::ALL, |w| with(&|f| f.due = vec![*w]))?;
        same_counts(&counts.review, Review::ALL, |r| with(&|f| f.review = vec![*r]))?;
        same_counts(&counts.sections, plan.sections(), |s| {
            with(&|f| f.sections = vec![s.clone()])
        })?;
        // A commitment counts once per role it has, so department counts
        // are the filter's when only one role is asked for.
        if filter.lead_only || filter.cooperating_only {
            same_counts(&counts.departments, plan.departments.keys().cloned(), |d| {
                with(&|f| f.departments = vec![d.clone()])
            })?;
        }
    }
}

/// One change to a commitment, as the window makes them.
#[derive(Debug, Clone)]
enum Change {
    Title(usize, String),
    Owner(usize, String),
    Lead(usize, usize),
    Due(usize, u32),
    Tick(usize),
    Remove(usize),
    Duplicate(usize),
}

fn change() -> impl Strategy<Value = Change> {
    let at = 0..COMMITMENTS;
    let name =
        prop::sample::select(vec!["", "啊", "新建5G基站", "zz", "中"]).prop_map(String::from);
    prop_oneof![
        (at.clone(), name.clone()).prop_map(|(i, s)| Change::Title(i, s)),
        (at.clone(), name).prop_map(|(i, s)| Change::Owner(i, s)),
        (at.clone(), 0usize..50).prop_map(|(i, d)| Change::Lead(i, d)),
        (at.clone(), 1u32..365).prop_map(|(i, d)| Change::Due(i, d)),
        at.clone().prop_map(Change::Tick),
        at.clone().prop_map(Change::Remove),
        at.prop_map(Change::Duplicate),
    ]
}

impl Change {
    fn edit(&self, plan: &Plan) -> Option<Edit> {
        let nth = |i: &usize| {
            *plan
                .commitments
                .keys()
                .nth(i % plan.commitments.len())
                .unwrap()
        };
        let set = |i: &usize, value| Edit::SetField { id: nth(i), value };
        Some(match self {
            Change::Title(i, s) => set(i, FieldValue::Title(s.clone())),
            Change::Owner(i, s) => set(i, FieldValue::Owner(s.clone())),
            Change::Lead(i, d) => {
                let dept = plan
                    .departments
                    .keys()
                    .nth(d % plan.departments.len())
                    .cloned();
                set(i, FieldValue::Lead(dept))
            }
            Change::Due(i, day) => set(i, FieldValue::Due(NaiveDate::from_yo_opt(2023, *day))),
            Change::Tick(i) => plan.tick(nth(i), as_of()).ok()?,
            Change::Remove(i) => Edit::Remove(nth(i)),
            Change::Duplicate(i) => plan.duplicate(nth(i)).ok()?,
        })
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn an_index_patched_after_edits_equals_one_built_afresh(
        seed in 0u64..6,
        changes in prop::collection::vec(change(), 1..6),
        (filter_seed, key, descending) in (0u64..1000, sort_key(), any::<bool>()),
    ) {
        let mut plan = plan(seed);
        let mut index = LedgerIndex::build(&plan, as_of());
        // Search texts and the sort order exist before the edits, as in the window.
        let search = Filter { search: "5g".into(), ..Filter::default() };
        index.select(&plan, &search, key, descending);
        for change in &changes {
            let Some(edit) = change.edit(&plan) else { continue };
            let touched = edit.commitment_id().into_iter().collect::<Vec<_>>();
            if edit.apply(&mut plan).is_err() {
                continue;
            }
            index.update(&plan, &touched);
        }
        let mut fresh = LedgerIndex::build(&plan, as_of());
        prop_assert_eq!(index.rows(), fresh.rows());
        prop_assert_eq!(index.sections(), fresh.sections());
        let filters = [
            Filter::default(),
            search,
            Filter { departments: plan.departments.keys().skip((filter_seed % 7) as usize).take(2).cloned().collect(), ..Filter::default() },
        ];
        for filter in filters {
            prop_assert_eq!(
                index.select(&plan, &filter, key, descending),
                fresh.select(&plan, &filter, key, descending)
            );
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// Typing a search one character at a time (each search narrowing the
    /// last, with edits in between) finds what a fresh index finds.
    #[test]
    fn searches_typed_one_character_at_a_time_equal_fresh_ones(
        seed in 0u64..6,
        query in prop::sample::select(vec!["gxj", "5g基站", "建设 2023", "局 zz", "新建5G基站"]),
        edits in prop::collection::vec((0usize..40, change()), 0..4),
        key in sort_key(),
    ) {
        let mut plan = plan(seed);
        let mut index = LedgerIndex::build(&plan, as_of());
        let mut typed = String::new();
        for (step, ch) in query.chars().enumerate() {
            typed.push(ch);
            for (at, change) in &edits {
                if *at == step {
                    let Some(edit) = change.edit(&plan) else { continue };
                    let touched = edit.commitment_id().into_iter().collect::<Vec<_>>();
                    if edit.apply(&mut plan).is_ok() {
                        index.update(&plan, &touched);
                    }
                }
            }
            let filter = Filter { search: typed.clone(), ..Filter::default() };
            let mut fresh = LedgerIndex::build(&plan, as_of());
            prop_assert_eq!(
                index.select(&plan, &filter, key, false),
                fresh.select(&plan, &filter, key, false),
                "after typing {:?}", typed
            );
        }
    }
}

/// A plan large enough to be searched on several threads finds what the
/// one-shot path (no threads, no kept results) finds, row for row.
#[test]
fn a_search_split_across_threads_finds_what_one_pass_finds() {
    let plan = generate(25_000, 11, Profile::Realistic);
    let mut index = LedgerIndex::build(&plan, as_of());
    for search in ["5g", "5g基", "gxj", "建设 2023", "zzz"] {
        let filter = Filter {
            search: search.to_owned(),
            ..Filter::default()
        };
        let one_pass =
            LedgerIndex::build(&plan, as_of()).matching(&plan, &filter, SortKey::Id, false);
        assert_eq!(
            index.select(&plan, &filter, SortKey::Id, false).rows,
            one_pass,
            "{search}"
        );
    }
}
