//! Filtering and sorting commitments: the same rules for the CLI's `list`,
//! the window's ledger and exports.

use chrono::{Datelike, NaiveDate};

mod index;
mod sort;

pub use index::{LedgerIndex, Selection};

use crate::model::{Commitment, CommitmentId, DeptId, Plan, Status};
use crate::pace::{Assessment, Light, Pace};

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

/// Applications waiting for the office (待审核): a 申请销号 to confirm or
/// send back, a 申请延期 to approve or reject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Review {
    Closure,
    Extension,
}

impl Review {
    pub const ALL: [Review; 2] = [Review::Closure, Review::Extension];

    /// Whether a commitment with this status (as assessed) and a pending
    /// extension request or none awaits this review.
    pub(crate) fn awaits(self, status: Status, extension_pending: bool) -> bool {
        match self {
            Review::Closure => status == Status::ClosureRequested,
            Review::Extension => extension_pending,
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
    /// Applications waiting for the office (待审核).
    pub review: Vec<Review>,
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
            && self.review.is_empty()
            && self.search.trim().is_empty()
    }

    /// Whether the commitment passes every criterion but the search text:
    /// the rule stated one commitment at a time. [`LedgerIndex`] applies the
    /// same rule in bulk, and a test holds the two equal.
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
                || self.departments.iter().any(|d| match self.role() {
                    DeptRole::Lead => c.lead.as_ref() == Some(d),
                    DeptRole::Cooperating => c.cooperating.contains(d),
                    DeptRole::Any => c.involves(d),
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
            self.due.is_empty()
                || self
                    .due
                    .iter()
                    .any(|w| in_window(plan.settings.due_soon_days, plan.due_of(c), a, *w, as_of)),
        );
        check(
            Group::Review,
            self.review.is_empty()
                || self
                    .review
                    .iter()
                    .any(|r| r.awaits(a.status, c.extension.is_some())),
        );
        failing
    }
}

impl Filter {
    /// Which role counts for `departments`; `lead_only` wins if both are set.
    fn role(&self) -> DeptRole {
        if self.lead_only {
            DeptRole::Lead
        } else if self.cooperating_only {
            DeptRole::Cooperating
        } else {
            DeptRole::Any
        }
    }
}

/// The role a department filter asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DeptRole {
    Any,
    Lead,
    Cooperating,
}

/// The criteria of a filter, as bits.
#[derive(Clone, Copy)]
#[repr(u8)]
pub(crate) enum Group {
    Department = 1,
    Status = 2,
    Light = 4,
    Pace = 8,
    Section = 16,
    Kind = 32,
    Due = 64,
    Review = 128,
}

impl Group {
    /// Whether a row failing `failing` counts for this group's values: it
    /// may fail this group, but no other.
    fn counts(self, failing: u8) -> bool {
        failing & !(self as u8) == 0
    }
}

/// Whether a commitment due on `due`, assessed as `a`, falls in window `w`.
fn in_window(
    due_soon_days: i64,
    due: NaiveDate,
    a: &Assessment,
    w: DueWindow,
    as_of: NaiveDate,
) -> bool {
    let open = !matches!(a.status, Status::Done | Status::Suspended);
    match w {
        DueWindow::Overdue => a.pace == Pace::Overdue,
        DueWindow::DueSoon => open && (0..=due_soon_days).contains(&a.days_left),
        DueWindow::ThisQuarter => due.year() == as_of.year() && due.quarter() == as_of.quarter(),
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

impl SortKey {
    /// Every key, in declaration order (`key as usize` indexes this list).
    pub const ALL: [SortKey; 10] = [
        SortKey::Id,
        SortKey::Title,
        SortKey::Lead,
        SortKey::Owner,
        SortKey::Due,
        SortKey::Progress,
        SortKey::Pace,
        SortKey::Light,
        SortKey::Status,
        SortKey::LastUpdate,
    ];
}

/// The commitments of the plan that pass `filter` on `as_of`, in id order:
/// the one-shot path of the CLI and the exports.
pub fn select(plan: &Plan, filter: &Filter, as_of: NaiveDate) -> Vec<Row> {
    LedgerIndex::build(plan, as_of).matching(plan, filter, SortKey::Id, false)
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
    pub review: Counts<Review>,
}

/// A count per value; a fast hasher, since counting runs over every commitment.
pub type Counts<K> = std::collections::HashMap<K, usize, rustc_hash::FxBuildHasher>;

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
        assert!(
            SortKey::ALL
                .iter()
                .enumerate()
                .all(|(i, k)| *k as usize == i)
        );
        assert!(
            Review::ALL
                .iter()
                .enumerate()
                .all(|(i, r)| *r as usize == i)
        );
    }
}
