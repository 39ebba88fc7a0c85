//! Filtering and sorting commitments: the same rules for the CLI's `list`,
//! the window's ledger and exports.

use chrono::{Datelike, NaiveDate};

use crate::model::{Commitment, CommitmentId, DeptId, Plan, Status};
use crate::pace::{Assessment, Light, Pace, assess};
use crate::search::{Needle, SearchText};

/// Which due dates a filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueWindow {
    /// Past due and not done.
    Overdue,
    /// Not done and due within the plan's "due soon" days.
    DueSoon,
    /// Due in the calendar quarter of the as-of date.
    ThisQuarter,
}

impl DueWindow {
    pub const ALL: [DueWindow; 3] = [
        DueWindow::Overdue,
        DueWindow::DueSoon,
        DueWindow::ThisQuarter,
    ];
}

/// Kinds, as a filter sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindFilter {
    Quantitative,
    Milestone,
    Qualitative,
}

impl KindFilter {
    pub const ALL: [KindFilter; 3] = [
        KindFilter::Quantitative,
        KindFilter::Milestone,
        KindFilter::Qualitative,
    ];

    pub fn key(self) -> &'static str {
        match self {
            KindFilter::Quantitative => "quantitative",
            KindFilter::Milestone => "milestone",
            KindFilter::Qualitative => "qualitative",
        }
    }

    fn of(c: &Commitment) -> KindFilter {
        match c.kind {
            crate::model::Kind::Quantitative(_) => KindFilter::Quantitative,
            crate::model::Kind::Milestone { .. } => KindFilter::Milestone,
            crate::model::Kind::Qualitative => KindFilter::Qualitative,
        }
    }
}

/// A filter over commitments. Values within one criterion are OR'ed;
/// different criteria are AND'ed; an empty criterion keeps everything.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    pub departments: Vec<DeptId>,
    /// Only the lead role counts for `departments`.
    pub lead_only: bool,
    /// Only the cooperating role counts for `departments` (the dashboard's
    /// cooperating table filters this way).
    pub cooperating_only: bool,
    pub statuses: Vec<Status>,
    pub lights: Vec<Light>,
    pub paces: Vec<Pace>,
    pub sections: Vec<String>,
    pub kinds: Vec<KindFilter>,
    pub due: Vec<DueWindow>,
    /// Free text: title, quote, notes, owner, department names, pinyin initials.
    pub search: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.departments.is_empty()
            && self.statuses.is_empty()
            && self.lights.is_empty()
            && self.paces.is_empty()
            && self.sections.is_empty()
            && self.kinds.is_empty()
            && self.due.is_empty()
            && self.search.trim().is_empty()
    }

    /// Whether the commitment passes every criterion but the search text.
    pub fn matches_facets(
        &self,
        plan: &Plan,
        c: &Commitment,
        a: &Assessment,
        as_of: NaiveDate,
    ) -> bool {
        self.failing(plan, c, a, as_of) == 0
    }

    /// The criteria (other than the search text) the commitment fails, as
    /// bits (see [`Group`]), so that faceted counts need one pass.
    fn failing(&self, plan: &Plan, c: &Commitment, a: &Assessment, as_of: NaiveDate) -> u8 {
        let mut failing = 0;
        let mut check = |group: Group, pass: bool| {
            if !pass {
                failing |= group as u8;
            }
        };
        check(
            Group::Department,
            self.departments.is_empty()
                || self.departments.iter().any(|d| {
                    if self.lead_only {
                        c.lead.as_ref() == Some(d)
                    } else if self.cooperating_only {
                        c.cooperating.contains(d)
                    } else {
                        c.involves(d)
                    }
                }),
        );
        check(
            Group::Status,
            self.statuses.is_empty() || self.statuses.contains(&a.status),
        );
        check(
            Group::Light,
            self.lights.is_empty() || self.lights.contains(&a.light),
        );
        check(
            Group::Pace,
            self.paces.is_empty() || self.paces.contains(&a.pace),
        );
        check(
            Group::Section,
            self.sections.is_empty() || self.sections.contains(&c.section),
        );
        check(
            Group::Kind,
            self.kinds.is_empty() || self.kinds.contains(&KindFilter::of(c)),
        );
        check(
            Group::Due,
            self.due.is_empty() || self.due.iter().any(|w| in_window(plan, c, a, *w, as_of)),
        );
        failing
    }
}

/// The criteria of a filter, as bits.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Group {
    Department = 1,
    Status = 2,
    Light = 4,
    Pace = 8,
    Section = 16,
    Kind = 32,
    Due = 64,
}

impl Group {
    /// Whether a row failing `failing` counts for this group's values: it
    /// may fail this group, but no other.
    fn counts(self, failing: u8) -> bool {
        failing & !(self as u8) == 0
    }
}

fn in_window(plan: &Plan, c: &Commitment, a: &Assessment, w: DueWindow, as_of: NaiveDate) -> bool {
    let open = !matches!(a.status, Status::Done | Status::Suspended);
    match w {
        DueWindow::Overdue => a.pace == Pace::Overdue,
        DueWindow::DueSoon => open && (0..=plan.settings.due_soon_days).contains(&a.days_left),
        DueWindow::ThisQuarter => {
            let due = plan.due_of(c);
            due.year() == as_of.year() && due.quarter() == as_of.quarter()
        }
    }
}

/// One commitment with what is derived about it on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    pub id: CommitmentId,
    pub assessment: Assessment,
}

/// The columns a ledger can be sorted by.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Id,
    Title,
    Lead,
    Owner,
    Due,
    Progress,
    Pace,
    Light,
    Status,
    LastUpdate,
}

/// Every commitment of the plan, assessed on `as_of`, in id order.
pub fn assess_all(plan: &Plan, as_of: NaiveDate) -> Vec<Row> {
    plan.commitments
        .values()
        .map(|c| Row {
            id: c.id,
            assessment: assess(plan, c, as_of),
        })
        .collect()
}

/// The rows that pass `filter`; `search` holds each commitment's searchable text.
pub fn filter_rows(
    plan: &Plan,
    rows: &[Row],
    filter: &Filter,
    search: &dyn Fn(CommitmentId, &Needle) -> bool,
    as_of: NaiveDate,
) -> Vec<Row> {
    let needle = Needle::new(&filter.search);
    with_commitments(plan, rows)
        .filter(|(c, r)| {
            filter.matches_facets(plan, c, &r.assessment, as_of)
                && (needle.is_empty() || search(r.id, &needle))
        })
        .map(|(_, r)| *r)
        .collect()
}

/// Each row with its commitment. When the rows are the whole plan in id
/// order (the usual case), they are walked beside the plan's map instead of
/// looking each one up.
fn with_commitments<'a>(
    plan: &'a Plan,
    rows: &'a [Row],
) -> Box<dyn Iterator<Item = (&'a Commitment, &'a Row)> + 'a> {
    let aligned = rows.len() == plan.commitments.len()
        && rows
            .iter()
            .zip(plan.commitments.keys())
            .all(|(r, id)| r.id == *id);
    if aligned {
        Box::new(plan.commitments.values().zip(rows.iter()))
    } else {
        Box::new(
            rows.iter()
                .filter_map(|r| plan.commitments.get(&r.id).map(|c| (c, r))),
        )
    }
}

/// Filters every commitment of the plan: the one-shot path of the CLI.
pub fn select(plan: &Plan, filter: &Filter, as_of: NaiveDate) -> Vec<Row> {
    let rows = assess_all(plan, as_of);
    filter_rows(
        plan,
        &rows,
        filter,
        &|id, needle| {
            plan.commitments
                .get(&id)
                .is_some_and(|c| needle.found_in(&SearchText::of(plan, c)))
        },
        as_of,
    )
}

/// Sorts rows by `key` (ties by id, so the order is stable and
/// deterministic). Each row's key is computed once.
pub fn sort_rows(plan: &Plan, rows: &mut [Row], key: SortKey, descending: bool) {
    fn by<K: Ord>(plan: &Plan, rows: &mut [Row], key: impl Fn(&Row, &Commitment) -> K) {
        rows.sort_by_cached_key(|r| (plan.commitments.get(&r.id).map(|c| key(r, c)), r.id));
    }
    // Progress as an integer key (tenths of a percent); none sorts first.
    let progress = |r: &Row| {
        r.assessment
            .progress_percent
            .map_or(i64::MIN, |p| (p * 10.0) as i64)
    };
    match key {
        SortKey::Id => rows.sort_by_key(|r| r.id),
        SortKey::Title => by(plan, rows, |_, c| c.title.clone()),
        SortKey::Lead => by(plan, rows, |_, c| lead_name(plan, c).to_owned()),
        SortKey::Owner => by(plan, rows, |_, c| c.owner.clone()),
        SortKey::Due => by(plan, rows, |_, c| plan.due_of(c)),
        SortKey::Progress => by(plan, rows, |r, _| progress(r)),
        SortKey::Pace => by(plan, rows, |r, _| r.assessment.pace),
        SortKey::Light => by(plan, rows, |r, _| r.assessment.light),
        SortKey::Status => by(plan, rows, |r, _| r.assessment.status),
        SortKey::LastUpdate => by(plan, rows, |_, c| last_update(c)),
    }
    if descending {
        rows.reverse();
    }
}

fn lead_name<'a>(plan: &'a Plan, c: &'a Commitment) -> &'a str {
    c.lead.as_ref().map_or("", |d| plan.dept_short_name(d))
}

/// The date of the newest progress entry.
pub fn last_update(c: &Commitment) -> Option<NaiveDate> {
    c.progress.iter().map(|e| e.date).max()
}

/// Resolves department names (full, short or id) to ids; unknown names are
/// returned as the error, with the list of known short names.
pub fn resolve_departments(plan: &Plan, names: &[String]) -> Result<Vec<DeptId>, String> {
    let mut ids = Vec::new();
    for name in names {
        let found = plan.find_departments(name);
        if found.is_empty() {
            let known: Vec<&str> = plan
                .departments
                .values()
                .map(|d| d.short_name.as_str())
                .collect();
            return Err(format!(
                "no department named '{name}'; known: {}",
                known.join(", ")
            ));
        }
        ids.extend(found);
    }
    Ok(ids)
}

/// How many commitments each filter value would show, given the other
/// criteria (the usual faceted count: choosing a value in one group does
/// not zero the others of that group).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FacetCounts {
    pub departments: Counts<DeptId>,
    pub statuses: Counts<Status>,
    pub lights: Counts<Light>,
    pub sections: Counts<String>,
    pub kinds: Counts<KindFilter>,
    pub due: Counts<DueWindow>,
}

/// A count per value; a fast hasher, since counting runs over every commitment.
pub type Counts<K> = std::collections::HashMap<K, usize, rustc_hash::FxBuildHasher>;

/// Counts every facet value over `rows` (see [`FacetCounts`]).
pub fn facet_counts(
    plan: &Plan,
    rows: &[Row],
    filter: &Filter,
    search: &dyn Fn(CommitmentId, &Needle) -> bool,
    as_of: NaiveDate,
) -> FacetCounts {
    let needle = Needle::new(&filter.search);
    let mut counts = FacetCounts::default();
    let mut sections: Counts<&str> = Default::default();
    let mut departments: Counts<&DeptId> = Default::default();
    // Enum values are counted in arrays (by declaration order), maps built at the end.
    let mut statuses = [0usize; Status::ALL.len()];
    let mut lights = [0usize; Light::ALL.len()];
    let mut kinds = [0usize; KindFilter::ALL.len()];
    let mut due = [0usize; DueWindow::ALL.len()];
    for (c, r) in with_commitments(plan, rows) {
        if !needle.is_empty() && !search(r.id, &needle) {
            continue;
        }
        let a = &r.assessment;
        let failing = filter.failing(plan, c, a, as_of);
        if failing
            & !(Group::Department as u8
                | Group::Status as u8
                | Group::Light as u8
                | Group::Section as u8
                | Group::Kind as u8
                | Group::Due as u8)
            != 0
        {
            continue; // fails a criterion that has no counts (pace)
        }
        if Group::Department.counts(failing) {
            if let Some(lead) = c.lead.as_ref().filter(|_| !filter.cooperating_only) {
                *departments.entry(lead).or_default() += 1;
            }
            if !filter.lead_only {
                for d in &c.cooperating {
                    *departments.entry(d).or_default() += 1;
                }
            }
        }
        if Group::Status.counts(failing) {
            statuses[a.status as usize] += 1;
        }
        if Group::Light.counts(failing) {
            lights[a.light as usize] += 1;
        }
        if Group::Section.counts(failing) {
            *sections.entry(c.section.as_str()).or_default() += 1;
        }
        if Group::Kind.counts(failing) {
            kinds[KindFilter::of(c) as usize] += 1;
        }
        if Group::Due.counts(failing) {
            for w in DueWindow::ALL {
                if in_window(plan, c, a, w, as_of) {
                    due[w as usize] += 1;
                }
            }
        }
    }
    fn nonzero<K: Copy + Eq + std::hash::Hash>(all: &[K], n: &[usize]) -> Counts<K> {
        all.iter()
            .zip(n)
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| (*k, *n))
            .collect()
    }
    counts.statuses = nonzero(&Status::ALL, &statuses);
    counts.lights = nonzero(&Light::ALL, &lights);
    counts.kinds = nonzero(&KindFilter::ALL, &kinds);
    counts.due = nonzero(&DueWindow::ALL, &due);
    counts.sections = sections
        .into_iter()
        .map(|(s, n)| (s.to_owned(), n))
        .collect();
    counts.departments = departments
        .into_iter()
        .map(|(d, n)| (d.clone(), n))
        .collect();
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Facet counts index arrays by declaration order: `ALL` must follow it.
    #[test]
    fn the_all_lists_follow_declaration_order() {
        assert!(
            Status::ALL
                .iter()
                .enumerate()
                .all(|(i, s)| *s as usize == i)
        );
        assert!(Light::ALL.iter().enumerate().all(|(i, l)| *l as usize == i));
        assert!(
            KindFilter::ALL
                .iter()
                .enumerate()
                .all(|(i, k)| *k as usize == i)
        );
        assert!(
            DueWindow::ALL
                .iter()
                .enumerate()
                .all(|(i, w)| *w as usize == i)
        );
    }

    /// Each count is the number of rows the filter would show with that
    /// value chosen in its group instead.
    #[test]
    fn facet_counts_match_filtering_with_the_value_chosen() {
        let plan = crate::storage::paths::shipped_plan();
        let as_of = NaiveDate::from_ymd_opt(2023, 7, 15).unwrap();
        let gxj = plan.find_departments("工信局");
        let filter = Filter {
            departments: gxj.clone(),
            lights: vec![Light::Red, Light::Green],
            ..Default::default()
        };
        let rows = assess_all(&plan, as_of);
        let counts = facet_counts(&plan, &rows, &filter, &|_, _| true, as_of);
        for s in Status::ALL {
            let f = Filter {
                statuses: vec![s],
                ..filter.clone()
            };
            assert_eq!(
                counts.statuses.get(&s).copied().unwrap_or(0),
                select(&plan, &f, as_of).len(),
                "{s:?}"
            );
        }
        for l in Light::ALL {
            let f = Filter {
                lights: vec![l],
                ..filter.clone()
            };
            assert_eq!(
                counts.lights.get(&l).copied().unwrap_or(0),
                select(&plan, &f, as_of).len(),
                "{l:?}"
            );
        }
        for k in KindFilter::ALL {
            let f = Filter {
                kinds: vec![k],
                ..filter.clone()
            };
            assert_eq!(
                counts.kinds.get(&k).copied().unwrap_or(0),
                select(&plan, &f, as_of).len(),
                "{k:?}"
            );
        }
        for d in plan.departments.keys() {
            let f = Filter {
                departments: vec![d.clone()],
                ..filter.clone()
            };
            assert_eq!(
                counts.departments.get(d).copied().unwrap_or(0),
                select(&plan, &f, as_of).len(),
                "{d}"
            );
        }
    }
}
