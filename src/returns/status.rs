//! 报送情况: per period, which departments have returned, which have not
//! (催报), which returned late.

use chrono::NaiveDate;

use super::Period;
use super::form::departments_due;
use crate::model::{DeptId, Plan};

/// Where a department stands for a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// Returned by the deadline.
    OnTime,
    /// Returned after the deadline.
    Late,
    /// Not returned, the deadline not yet passed.
    Pending,
    /// Not returned and the deadline has passed (催报).
    Overdue,
}

impl Standing {
    pub fn key(self) -> &'static str {
        match self {
            Standing::OnTime => "on_time",
            Standing::Late => "late",
            Standing::Pending => "pending",
            Standing::Overdue => "overdue",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Standing::OnTime => "已报送",
            Standing::Late => "逾期报送",
            Standing::Pending => "未报送",
            Standing::Overdue => "逾期未报",
        }
    }

    pub fn returned(self) -> bool {
        matches!(self, Standing::OnTime | Standing::Late)
    }
}

/// One department's line.
#[derive(Debug, Clone, PartialEq)]
pub struct DeptStanding {
    pub department: DeptId,
    pub name: String,
    pub standing: Standing,
    /// The first return's date.
    pub returned_on: Option<NaiveDate>,
    /// The deadline: the return's, or the period's default.
    pub due: NaiveDate,
    /// Rows merged from its returns.
    pub rows: usize,
}

/// The period's 报送情况, departments in registry order.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodStatus {
    pub period: Period,
    pub lines: Vec<DeptStanding>,
}

impl PeriodStatus {
    pub fn count(&self, s: Standing) -> usize {
        self.lines.iter().filter(|l| l.standing == s).count()
    }

    /// The departments still to return (催报 list).
    pub fn chase_list(&self) -> impl Iterator<Item = &DeptStanding> {
        self.lines.iter().filter(|l| !l.standing.returned())
    }
}

/// Who owes a return for `period` (see [`departments_due`]) plus anyone who
/// returned one, judged on `today`.
pub fn status(plan: &Plan, period: Period, today: NaiveDate) -> PeriodStatus {
    let key = period.to_string();
    let mut depts = departments_due(plan, period);
    for r in plan.returns.iter().filter(|r| r.period == key) {
        if !depts.contains(&r.department) {
            depts.push(r.department.clone());
        }
    }
    let lines = depts
        .into_iter()
        .map(|d| {
            let records: Vec<_> = plan
                .returns
                .iter()
                .filter(|r| r.period == key && r.department == d)
                .collect();
            let first = records.iter().min_by_key(|r| r.returned_on);
            let due = first.map_or_else(|| period.default_due(), |r| r.due);
            let standing = match first {
                Some(r) if r.is_late() => Standing::Late,
                Some(_) => Standing::OnTime,
                None if today > due => Standing::Overdue,
                None => Standing::Pending,
            };
            DeptStanding {
                name: plan.dept_name(&d).to_owned(),
                department: d,
                standing,
                returned_on: first.map(|r| r.returned_on),
                due,
                rows: records.iter().map(|r| r.rows.len()).sum(),
            }
        })
        .collect();
    PeriodStatus { period, lines }
}
