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
        (self.departments.is_empty()
            || self.departments.iter().any(|d| {
                if self.lead_only {
                    c.lead.as_ref() == Some(d)
                } else {
                    c.involves(d)
                }
            }))
            && (self.statuses.is_empty() || self.statuses.contains(&a.status))
            && (self.lights.is_empty() || self.lights.contains(&a.light))
            && (self.paces.is_empty() || self.paces.contains(&a.pace))
            && (self.sections.is_empty() || self.sections.contains(&c.section))
            && (self.kinds.is_empty() || self.kinds.contains(&KindFilter::of(c)))
            && (self.due.is_empty() || self.due.iter().any(|w| in_window(plan, c, a, *w, as_of)))
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
    rows.iter()
        .filter(|r| {
            let Some(c) = plan.commitments.get(&r.id) else {
                return false;
            };
            filter.matches_facets(plan, c, &r.assessment, as_of)
                && (needle.is_empty() || search(r.id, &needle))
        })
        .copied()
        .collect()
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

/// Sorts rows by `key` (ties by id, so the order is stable and deterministic).
pub fn sort_rows(plan: &Plan, rows: &mut [Row], key: SortKey, descending: bool) {
    use std::cmp::Ordering;
    let get = |id: &CommitmentId| plan.commitments.get(id);
    let cmp = |a: &Row, b: &Row| -> Ordering {
        let (Some(ca), Some(cb)) = (get(&a.id), get(&b.id)) else {
            return a.id.cmp(&b.id);
        };
        let by = match key {
            SortKey::Id => Ordering::Equal,
            SortKey::Title => ca.title.cmp(&cb.title),
            SortKey::Lead => lead_name(plan, ca).cmp(lead_name(plan, cb)),
            SortKey::Owner => ca.owner.cmp(&cb.owner),
            SortKey::Due => plan.due_of(ca).cmp(&plan.due_of(cb)),
            SortKey::Progress => a
                .assessment
                .progress_percent
                .unwrap_or(-1.0)
                .total_cmp(&b.assessment.progress_percent.unwrap_or(-1.0)),
            SortKey::Pace => a.assessment.pace.cmp(&b.assessment.pace),
            SortKey::Light => a.assessment.light.cmp(&b.assessment.light),
            SortKey::Status => a.assessment.status.cmp(&b.assessment.status),
            SortKey::LastUpdate => last_update(ca).cmp(&last_update(cb)),
        };
        by.then(a.id.cmp(&b.id))
    };
    rows.sort_by(|a, b| if descending { cmp(b, a) } else { cmp(a, b) });
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
    pub departments: std::collections::HashMap<DeptId, usize>,
    pub statuses: std::collections::HashMap<Status, usize>,
    pub lights: std::collections::HashMap<Light, usize>,
    pub sections: std::collections::HashMap<String, usize>,
    pub kinds: std::collections::HashMap<KindFilter, usize>,
    pub due: std::collections::HashMap<DueWindow, usize>,
}

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
    let base = Filter {
        search: String::new(),
        ..filter.clone()
    };
    // One filter per group, with that group's criterion removed.
    let without_dept = Filter {
        departments: Vec::new(),
        ..base.clone()
    };
    let without_status = Filter {
        statuses: Vec::new(),
        ..base.clone()
    };
    let without_light = Filter {
        lights: Vec::new(),
        ..base.clone()
    };
    let without_section = Filter {
        sections: Vec::new(),
        ..base.clone()
    };
    let without_kind = Filter {
        kinds: Vec::new(),
        ..base.clone()
    };
    let without_due = Filter {
        due: Vec::new(),
        ..base.clone()
    };
    for r in rows {
        let Some(c) = plan.commitments.get(&r.id) else {
            continue;
        };
        if !needle.is_empty() && !search(r.id, &needle) {
            continue;
        }
        let a = &r.assessment;
        if without_dept.matches_facets(plan, c, a, as_of) {
            let mut add = |d: &DeptId| *counts.departments.entry(d.clone()).or_default() += 1;
            if let Some(lead) = &c.lead {
                add(lead);
            }
            if !filter.lead_only {
                for d in &c.cooperating {
                    add(d);
                }
            }
        }
        if without_status.matches_facets(plan, c, a, as_of) {
            *counts.statuses.entry(a.status).or_default() += 1;
        }
        if without_light.matches_facets(plan, c, a, as_of) {
            *counts.lights.entry(a.light).or_default() += 1;
        }
        if without_section.matches_facets(plan, c, a, as_of) {
            *counts.sections.entry(c.section.clone()).or_default() += 1;
        }
        if without_kind.matches_facets(plan, c, a, as_of) {
            *counts.kinds.entry(KindFilter::of(c)).or_default() += 1;
        }
        if without_due.matches_facets(plan, c, a, as_of) {
            for w in DueWindow::ALL {
                if in_window(plan, c, a, w, as_of) {
                    *counts.due.entry(w).or_default() += 1;
                }
            }
        }
    }
    counts
}
