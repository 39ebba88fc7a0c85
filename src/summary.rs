//! Tallies for the dashboard and the monthly report: per lead or
//! cooperating department and per report section, how many commitments are
//! done, on pace, behind and overdue. One place, so the window and the
//! exports always agree.

use crate::model::{DeptId, Plan};
use crate::pace::Pace;
use crate::query::Row;

/// Which column of a tally: what a click on a number filters to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    Total,
    Done,
    /// On pace or ahead.
    OnPace,
    Behind,
    Overdue,
}

impl Bucket {
    pub const ALL: [Bucket; 5] = [
        Bucket::Total,
        Bucket::Done,
        Bucket::OnPace,
        Bucket::Behind,
        Bucket::Overdue,
    ];

    /// The paces a filter needs to show exactly this bucket (empty: all).
    pub fn paces(self) -> Vec<Pace> {
        match self {
            Bucket::Total => Vec::new(),
            Bucket::Done => vec![Pace::Done],
            Bucket::OnPace => vec![Pace::Ahead, Pace::OnPace],
            Bucket::Behind => vec![Pace::Behind],
            Bucket::Overdue => vec![Pace::Overdue],
        }
    }

    fn holds(self, pace: Pace) -> bool {
        self == Bucket::Total || self.paces().contains(&pace)
    }
}

/// Counts of one group of commitments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: usize,
    pub done: usize,
    pub on_pace: usize,
    pub behind: usize,
    pub overdue: usize,
}

impl Tally {
    pub fn add(&mut self, pace: Pace) {
        for bucket in Bucket::ALL {
            if bucket.holds(pace) {
                *self.get_mut(bucket) += 1;
            }
        }
    }

    pub fn get(&self, bucket: Bucket) -> usize {
        match bucket {
            Bucket::Total => self.total,
            Bucket::Done => self.done,
            Bucket::OnPace => self.on_pace,
            Bucket::Behind => self.behind,
            Bucket::Overdue => self.overdue,
        }
    }

    fn get_mut(&mut self, bucket: Bucket) -> &mut usize {
        match bucket {
            Bucket::Total => &mut self.total,
            Bucket::Done => &mut self.done,
            Bucket::OnPace => &mut self.on_pace,
            Bucket::Behind => &mut self.behind,
            Bucket::Overdue => &mut self.overdue,
        }
    }

    /// Share done, in percent.
    pub fn done_percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.done as f64 / self.total as f64 * 100.0
        }
    }
}

/// The role a department plays in a commitment.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 牵头单位
    #[default]
    Lead,
    /// 配合单位
    Cooperating,
}

/// All the given rows.
pub fn total(rows: &[Row]) -> Tally {
    let mut t = Tally::default();
    for r in rows {
        t.add(r.assessment.pace);
    }
    t
}

/// One tally per department in `role`, busiest first (ties by name).
pub fn by_department(plan: &Plan, rows: &[Row], role: Role) -> Vec<(DeptId, Tally)> {
    let mut tallies: std::collections::HashMap<&DeptId, Tally> = Default::default();
    for r in rows {
        let Some(c) = plan.commitments.get(&r.id) else {
            continue;
        };
        let depts: Box<dyn Iterator<Item = &DeptId>> = match role {
            Role::Lead => Box::new(c.lead.iter()),
            Role::Cooperating => Box::new(c.cooperating.iter()),
        };
        for d in depts {
            tallies.entry(d).or_default().add(r.assessment.pace);
        }
    }
    let mut list: Vec<(DeptId, Tally)> = tallies.into_iter().map(|(d, t)| (d.clone(), t)).collect();
    list.sort_by(|(a, ta), (b, tb)| {
        tb.total
            .cmp(&ta.total)
            .then_with(|| plan.dept_short_name(a).cmp(plan.dept_short_name(b)))
    });
    list
}

/// One tally per report section, in the order the sections appear.
pub fn by_section(plan: &Plan, rows: &[Row]) -> Vec<(String, Tally)> {
    let sections = plan.sections();
    let mut tallies = vec![Tally::default(); sections.len()];
    let mut other = Tally::default();
    for r in rows {
        let Some(c) = plan.commitments.get(&r.id) else {
            continue;
        };
        match sections.iter().position(|s| *s == c.section) {
            Some(i) => tallies[i].add(r.assessment.pace),
            None => other.add(r.assessment.pace),
        }
    }
    let mut list: Vec<(String, Tally)> = sections.into_iter().zip(tallies).collect();
    if other.total > 0 {
        list.push((String::new(), other));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ahead_counts_as_on_pace() {
        let mut t = Tally::default();
        for p in [
            Pace::Ahead,
            Pace::OnPace,
            Pace::Behind,
            Pace::Overdue,
            Pace::Done,
            Pace::Suspended,
        ] {
            t.add(p);
        }
        assert_eq!(
            t,
            Tally {
                total: 6,
                done: 1,
                on_pace: 2,
                behind: 1,
                overdue: 1
            }
        );
    }
}
