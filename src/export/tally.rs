//! Counting commitments by how they stand: the rows of the summary tables.

use crate::model::Status;
use crate::pace::{Light, Pace};
use crate::row::LedgerRow;

/// How many commitments of a group stand where. `total` is the sum of the
/// others: ahead counts as on pace; not started and on pace counts as on pace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: usize,
    pub done: usize,
    pub on_pace: usize,
    pub behind: usize,
    pub overdue: usize,
    pub suspended: usize,
}

/// The headers of a tally's figures, in the order of [`Tally::values`].
pub const HEADERS: [&str; 6] = ["任务数", "已完成", "达序时", "欠序时", "逾期", "暂缓"];

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

    pub fn add(&mut self, pace: Pace) {
        self.total += 1;
        match pace {
            Pace::Done => self.done += 1,
            Pace::Ahead | Pace::OnPace => self.on_pace += 1,
            Pace::Behind => self.behind += 1,
            Pace::Overdue => self.overdue += 1,
            Pace::Suspended => self.suspended += 1,
        }
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

    pub fn of<'a>(rows: impl IntoIterator<Item = &'a LedgerRow>) -> Tally {
        let mut tally = Tally::default();
        for r in rows {
            tally.add(r.pace);
        }
        tally
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
    pub fn of(rows: &[LedgerRow]) -> Totals {
        Totals {
            commitments: rows.len(),
            by_status: count(&Status::ALL, rows, |r| r.status),
            by_light: count(&Light::ALL, rows, |r| r.light),
            by_pace: count(&Pace::ALL, rows, |r| r.pace),
            tally: Tally::of(rows),
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

/// Tallies rows into named groups; a row may belong to several groups (a
/// commitment counts once for each cooperating department). Groups come
/// out in the order they first appear.
pub fn group<'a>(
    rows: &'a [LedgerRow],
    groups_of: impl Fn(&'a LedgerRow) -> Vec<String>,
) -> Vec<GroupTally> {
    let mut groups: Vec<GroupTally> = Vec::new();
    for r in rows {
        for name in groups_of(r) {
            match groups.iter_mut().find(|g| g.name == name) {
                Some(g) => g.tally.add(r.pace),
                None => {
                    let mut tally = Tally::default();
                    tally.add(r.pace);
                    groups.push(GroupTally { name, tally });
                }
            }
        }
    }
    groups
}

/// Orders groups largest first, ties by name.
pub fn largest_first(mut groups: Vec<GroupTally>) -> Vec<GroupTally> {
    groups.sort_by(|a, b| b.tally.total.cmp(&a.tally.total).then(a.name.cmp(&b.name)));
    groups
}
