//! Semantic checks of a plan: what a parser cannot see. Problems are listed
//! by commitment id so that the office can fix them all in one pass.

use std::collections::HashSet;

use serde::Serialize;

use crate::model::{Commitment, CommitmentId, Department, DeptId, Kind, PlanSettings, Target};

/// One thing wrong with a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The commitment it concerns, if any.
    pub commitment: Option<CommitmentId>,
    pub kind: ProblemKind,
}

/// What is wrong. Kept structured so that the window can say it in the user's language.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ProblemKind {
    #[error("the plan has an empty title")]
    EmptyPlanTitle,
    #[error("the plan's year {0} is outside 1900-2200")]
    YearOutOfRange(i32),
    #[error("department id '{0}' is used twice")]
    DuplicateDepartment(DeptId),
    #[error("department '{0}' has an empty name or short name")]
    EmptyDepartmentName(DeptId),
    #[error("commitment id {0} is used twice")]
    DuplicateCommitment(CommitmentId),
    #[error("empty title")]
    EmptyTitle,
    #[error("field {field}: unknown department '{dept}'")]
    UnknownDepartment { field: &'static str, dept: DeptId },
    #[error("department '{0}' is both lead and cooperating")]
    LeadAlsoCooperating(DeptId),
    #[error("due date {due} is before start date {start}")]
    DueBeforeStart {
        start: chrono::NaiveDate,
        due: chrono::NaiveDate,
    },
    #[error("field {field}: low value {low} is above high value {high}")]
    LowAboveHigh {
        field: &'static str,
        low: f64,
        high: f64,
    },
    #[error("field {field}: {value} is not a finite number")]
    NotFinite { field: &'static str, value: f64 },
    #[error("field {0}: expected a unit, found an empty one")]
    EmptyUnit(&'static str),
    #[error("status is done but there is no done date (done_on)")]
    DoneWithoutDate,
    #[error("sub-milestone {0} has an empty title")]
    EmptySubMilestone(usize),
    #[error("settings: {0} must be a finite number of zero or more")]
    BadSetting(&'static str),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.commitment {
            Some(id) => write!(f, "commitment {id}: {}", self.kind),
            None => write!(f, "plan: {}", self.kind),
        }
    }
}

/// The parts of a plan that validation reads; departments and commitments as
/// lists, so that duplicates in a file can be seen.
pub struct PlanParts<'a, D, C>
where
    D: IntoIterator<Item = &'a Department> + Clone,
    C: IntoIterator<Item = &'a Commitment>,
{
    pub title: &'a str,
    pub year: i32,
    pub settings: &'a PlanSettings,
    pub departments: D,
    pub commitments: C,
}

/// Every problem of the plan, plan-wide ones first, then by commitment in file order.
pub fn validate<'a, D, C>(parts: PlanParts<'a, D, C>) -> Vec<Problem>
where
    D: IntoIterator<Item = &'a Department> + Clone,
    C: IntoIterator<Item = &'a Commitment>,
{
    let mut problems = Vec::new();
    let mut plan_problem = |kind| {
        problems.push(Problem {
            commitment: None,
            kind,
        })
    };
    if parts.title.trim().is_empty() {
        plan_problem(ProblemKind::EmptyPlanTitle);
    }
    if !(1900..=2200).contains(&parts.year) {
        plan_problem(ProblemKind::YearOutOfRange(parts.year));
    }
    let s = parts.settings;
    for (name, v) in [
        ("yellow_behind_points", s.yellow_behind_points),
        ("red_behind_points", s.red_behind_points),
        ("ahead_points", s.ahead_points),
        ("approx_tolerance", s.approx_tolerance),
    ] {
        if !v.is_finite() || v < 0.0 {
            plan_problem(ProblemKind::BadSetting(name));
        }
    }
    if s.due_soon_days < 0 {
        plan_problem(ProblemKind::BadSetting("due_soon_days"));
    }

    let mut dept_ids = HashSet::new();
    for d in parts.departments.clone() {
        if !dept_ids.insert(&d.id) {
            plan_problem(ProblemKind::DuplicateDepartment(d.id.clone()));
        }
        if d.name.trim().is_empty() || d.short_name.trim().is_empty() {
            plan_problem(ProblemKind::EmptyDepartmentName(d.id.clone()));
        }
    }

    let mut ids = HashSet::new();
    for c in parts.commitments {
        let mut found = Vec::new();
        if !ids.insert(c.id) {
            found.push(ProblemKind::DuplicateCommitment(c.id));
        }
        check_commitment(c, &dept_ids, &mut found);
        problems.extend(found.into_iter().map(|kind| Problem {
            commitment: Some(c.id),
            kind,
        }));
    }
    problems
}

fn check_commitment(c: &Commitment, depts: &HashSet<&DeptId>, out: &mut Vec<ProblemKind>) {
    if c.title.trim().is_empty() {
        out.push(ProblemKind::EmptyTitle);
    }
    if let Some(lead) = &c.lead
        && !depts.contains(lead)
    {
        out.push(ProblemKind::UnknownDepartment {
            field: "lead",
            dept: lead.clone(),
        });
    }
    for d in &c.cooperating {
        if !depts.contains(d) {
            out.push(ProblemKind::UnknownDepartment {
                field: "cooperating",
                dept: d.clone(),
            });
        }
        if c.lead.as_ref() == Some(d) {
            out.push(ProblemKind::LeadAlsoCooperating(d.clone()));
        }
    }
    if let (Some(start), Some(due)) = (c.start, c.due)
        && due < start
    {
        out.push(ProblemKind::DueBeforeStart { start, due });
    }
    if c.status == crate::model::Status::Done && c.done_on.is_none() {
        out.push(ProblemKind::DoneWithoutDate);
    }
    match &c.kind {
        Kind::Quantitative(t) => check_target(t, "kind.target", out),
        Kind::Milestone { sub_milestones } => {
            for (i, s) in sub_milestones.iter().enumerate() {
                if s.title.trim().is_empty() {
                    out.push(ProblemKind::EmptySubMilestone(i + 1));
                }
            }
        }
        Kind::Qualitative => {}
    }
    for a in &c.adjustments {
        check_target(&a.old, "adjustments.old", out);
        check_target(&a.new, "adjustments.new", out);
    }
    for e in &c.progress {
        if let Some(v) = e.value
            && !v.is_finite()
        {
            out.push(ProblemKind::NotFinite {
                field: "progress.value",
                value: v,
            });
        }
    }
}

fn check_target(t: &Target, field: &'static str, out: &mut Vec<ProblemKind>) {
    let mut finite = true;
    for v in [Some(t.low), Some(t.high), t.baseline]
        .into_iter()
        .flatten()
    {
        if !v.is_finite() {
            finite = false;
            out.push(ProblemKind::NotFinite { field, value: v });
        }
    }
    if finite && t.low > t.high {
        out.push(ProblemKind::LowAboveHigh {
            field,
            low: t.low,
            high: t.high,
        });
    }
    if t.unit.trim().is_empty() {
        out.push(ProblemKind::EmptyUnit(field));
    }
}

impl crate::model::Plan {
    /// Every problem of this plan (see [`validate`]).
    pub fn problems(&self) -> Vec<Problem> {
        validate(PlanParts {
            title: &self.title,
            year: self.year,
            settings: &self.settings,
            departments: self.departments.values(),
            commitments: self.commitments.values(),
        })
    }
}
