//! The counts of the summary tables. They come from [`crate::summary`], the
//! tallies the dashboard shows, so that the window and the exports agree;
//! exports add the suspended commitments (the dashboard leaves them out of
//! its columns) and name departments in full.

use crate::model::{Plan, Status};
use crate::pace::{Light, Pace};
use crate::query::Row;
use crate::row::LedgerRow;
use crate::summary::{self, Role};

use super::{NO_LEAD, NO_SECTION};

/// The headers of a tally's figures, in the order of [`Tally::values`].
pub const HEADERS: [&str; 6] = ["任务数", "已完成", "达序时", "欠序时", "逾期", "暂缓"];

/// How many commitments of a group stand where. Ahead counts as on pace;
/// `total` is the sum of the others.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: usize,
    pub done: usize,
    pub on_pace: usize,
    pub behind: usize,
    pub overdue: usize,
    pub suspended: usize,
}

impl From<summary::Tally> for Tally {
    fn from(t: summary::Tally) -> Tally {
        let judged = t.done + t.on_pace + t.behind + t.overdue;
        Tally {
            total: t.total,
            done: t.done,
            on_pace: t.on_pace,
            behind: t.behind,
            overdue: t.overdue,
            suspended: t.total.saturating_sub(judged),
        }
    }
}

impl Tally {
    /// The figures in the order of [`HEADERS`].
    pub fn values(&self) -> [usize; 6] {
        [
            self.total,
            self.done,
            self.on_pace,
            self.behind,
            self.overdue,
            self.suspended,
        ]
    }

    /// The sum of several tallies.
    pub fn sum<'a>(tallies: impl IntoIterator<Item = &'a Tally>) -> Tally {
        tallies.into_iter().fold(Tally::default(), |a, b| Tally {
            total: a.total + b.total,
            done: a.done + b.done,
            on_pace: a.on_pace + b.on_pace,
            behind: a.behind + b.behind,
            overdue: a.overdue + b.overdue,
            suspended: a.suspended + b.suspended,
        })
    }
}

/// One row of a per-department or per-section table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTally {
    pub name: String,
    pub tally: Tally,
}

/// Counts of every status, light and pace, in the order of their `ALL`
/// lists (values with no commitment are listed with 0).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub commitments: usize,
    pub by_status: Vec<(Status, usize)>,
    pub by_light: Vec<(Light, usize)>,
    pub by_pace: Vec<(Pace, usize)>,
    pub tally: Tally,
}

impl Totals {
    /// The totals of the selected commitments (`rows`, and the same as ledger rows).
    pub fn of(rows: &[Row], ledger: &[LedgerRow]) -> Totals {
        Totals {
            commitments: rows.len(),
            by_status: count(&Status::ALL, ledger, |r| r.status),
            by_light: count(&Light::ALL, ledger, |r| r.light),
            by_pace: count(&Pace::ALL, ledger, |r| r.pace),
            tally: summary::total(rows).into(),
        }
    }

    pub fn status(&self, s: Status) -> usize {
        lookup(&self.by_status, s)
    }

    pub fn light(&self, l: Light) -> usize {
        lookup(&self.by_light, l)
    }

    pub fn pace(&self, p: Pace) -> usize {
        lookup(&self.by_pace, p)
    }
}

fn count<T: Copy + PartialEq>(
    all: &[T],
    rows: &[LedgerRow],
    key: impl Fn(&LedgerRow) -> T,
) -> Vec<(T, usize)> {
    all.iter()
        .map(|v| (*v, rows.iter().filter(|r| key(r) == *v).count()))
        .collect()
}

fn lookup<T: PartialEq>(counts: &[(T, usize)], value: T) -> usize {
    counts
        .iter()
        .find(|(v, _)| *v == value)
        .map_or(0, |(_, n)| *n)
}

/// Per department in `role`, busiest first, by full name; commitments with
/// no lead make a last group of their own ([`NO_LEAD`]).
pub fn by_department(plan: &Plan, rows: &[Row], role: Role) -> Vec<GroupTally> {
    let mut groups: Vec<GroupTally> = summary::by_department(plan, rows, role)
        .into_iter()
        .map(|(d, t)| GroupTally {
            name: plan.dept_name(&d).to_owned(),
            tally: t.into(),
        })
        .collect();
    if role == Role::Lead {
        let unled: Vec<Row> = rows
            .iter()
            .filter(|r| {
                plan.commitments
                    .get(&r.id)
                    .is_some_and(|c| c.lead.is_none())
            })
            .copied()
            .collect();
        if !unled.is_empty() {
            groups.push(GroupTally {
                name: NO_LEAD.to_owned(),
                tally: summary::total(&unled).into(),
            });
        }
    }
    groups
}

/// Per report section, in the report's order; sections with none of the
/// selected commitments are left out.
pub fn by_section(plan: &Plan, rows: &[Row]) -> Vec<GroupTally> {
    summary::by_section(plan, rows)
        .into_iter()
        .filter(|(_, t)| t.total > 0)
        .map(|(name, t)| GroupTally {
            name: if name.trim().is_empty() {
                NO_SECTION.to_owned()
            } else {
                name
            },
            tally: t.into(),
        })
        .collect()
}
