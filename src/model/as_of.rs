//! The plan as it stood on a past date: what a snapshot freezes and what the
//! window shows in its read-only as-of mode.
//!
//! Only what the plan dates can be rolled back: progress entries, status
//! changes, target adjustments and sub-milestone done dates. Fields without
//! a history (title, departments, owner, due date, commitments added or
//! removed) stay as they are now.

use chrono::NaiveDate;

use super::{Commitment, Kind, Plan, Status};

impl Plan {
    /// A copy of the plan as it stood at the end of `date`: entries dated
    /// after it are dropped, targets adjusted after it are reverted, and the
    /// status, done date and reason are those of that day. For a date on or
    /// after every dated entry it equals the plan.
    pub fn as_of(&self, date: NaiveDate) -> Plan {
        let mut plan = self.clone();
        for c in plan.commitments.values_mut() {
            roll_back(c, date);
        }
        plan
    }
}

fn roll_back(c: &mut Commitment, date: NaiveDate) {
    let status = c.status_as_of(date);
    let later_changes = c.status_history.iter().any(|s| s.on > date);
    let done_later = c.done_on.is_some_and(|d| d > date);
    if later_changes || done_later || status != c.status {
        // The done date and reason of that day, read from the history
        // before the later changes are dropped.
        let last_to = |to: Status| {
            c.status_history
                .iter()
                .rev()
                .find(|s| s.on <= date && s.to == to)
        };
        c.done_on = match status {
            Status::Done => c
                .done_on
                .filter(|d| *d <= date)
                .or_else(|| last_to(Status::Done).map(|s| s.on))
                // Done before the first recorded change, date unknown: the
                // latest date it is known to have been done by.
                .or(Some(date)),
            _ => None,
        };
        c.status_reason = match status {
            Status::Suspended if c.status == Status::Suspended && !later_changes => {
                c.status_reason.clone()
            }
            Status::Suspended => last_to(Status::Suspended)
                .map(|s| s.reason.clone())
                .unwrap_or_default(),
            _ => String::new(),
        };
        c.status = status;
    }
    c.status_history.retain(|s| s.on <= date);
    c.progress.retain(|e| e.date <= date);
    // 销号 and 延期 applied or decided later did not exist yet; an approved
    // extension decided later had not moved the due date.
    if c.closure.as_ref().is_some_and(|r| r.on > date) {
        c.closure = None;
    }
    if c.extension.as_ref().is_some_and(|r| r.on > date) {
        c.extension = None;
    }
    while let Some(last) = c.extensions.last() {
        if last.decided_on <= date {
            break;
        }
        let last = c.extensions.pop().expect("checked");
        if last.approved {
            c.due = last.old;
        }
        if last.requested_on <= date {
            c.extension = Some(super::ExtensionRequest {
                on: last.requested_on,
                to: last.new,
                reason: last.reason,
                by: String::new(),
            });
        }
    }

    if let Some(target) = c.target_as_of(date) {
        c.kind = Kind::Quantitative(target);
    }
    c.adjustments.retain(|a| a.date <= date);
    if let Kind::Milestone { sub_milestones } = &mut c.kind {
        for s in sub_milestones {
            if s.done_on.is_some_and(|d| d > date) {
                s.done_on = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CommitmentId, Comparator, ProgressEntry, SubMilestone, Target};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn target(low: f64) -> Target {
        Target {
            metric: "5G基站数量".into(),
            comparator: Comparator::AtLeast,
            low,
            high: low,
            unit: "座".into(),
            cumulative: true,
            baseline: None,
            baseline_date: None,
            better: None,
        }
    }

    fn entry(date: &str, value: f64) -> ProgressEntry {
        ProgressEntry {
            date: d(date),
            value: Some(value),
            progress: String::new(),
            problems: String::new(),
            next_steps: String::new(),
            reporter: String::new(),
            evidence: Vec::new(),
        }
    }

    /// A plan with one of each dated thing: progress on 03-15 and 06-15, a
    /// retarget on 05-01, a tick on 06-20 (quantitative); a milestone with a
    /// step done on 04-30; a commitment suspended on 02-01 and resumed on 05-10.
    fn plan() -> Plan {
        let mut plan = Plan::new("测试计划", 2023);
        let mut q = Commitment::new(
            CommitmentId(1),
            "5G基站达到1.4万座以上",
            Kind::Quantitative(target(14000.0)),
        );
        q.add_progress(entry("2023-03-15", 9000.0));
        q.adjust_target(target(15000.0), d("2023-05-01"), "省里下达任务增加");
        q.add_progress(entry("2023-06-15", 15500.0));
        q.change_status(Status::Done, d("2023-06-20"), "");
        plan.commitments.insert(q.id, q);

        let mut m = Commitment::new(
            CommitmentId(2),
            "西北二环高速竣工",
            Kind::Milestone {
                sub_milestones: vec![
                    SubMilestone {
                        title: "主体完工".into(),
                        due: d("2023-06-30"),
                        done_on: Some(d("2023-04-30")),
                    },
                    SubMilestone {
                        title: "通车".into(),
                        due: d("2023-12-31"),
                        done_on: None,
                    },
                ],
            },
        );
        m.change_status(Status::InProgress, d("2023-02-01"), "");
        plan.commitments.insert(m.id, m);

        let mut s = Commitment::new(CommitmentId(3), "深化国资国企改革", Kind::Qualitative);
        s.change_status(Status::Suspended, d("2023-02-01"), "等待省级方案");
        s.change_status(Status::InProgress, d("2023-05-10"), "");
        plan.commitments.insert(s.id, s);
        plan
    }

    #[test]
    fn after_everything_it_is_the_plan() {
        let plan = plan();
        assert_eq!(plan.as_of(d("2023-06-20")), plan);
        assert_eq!(plan.as_of(d("2023-12-31")), plan);
    }

    #[test]
    fn before_everything_nothing_has_happened() {
        let plan = plan().as_of(d("2023-01-10"));
        let q = &plan.commitments[&CommitmentId(1)];
        assert!(q.progress.is_empty());
        assert!(q.adjustments.is_empty());
        assert!(q.status_history.is_empty());
        assert_eq!(q.status, Status::NotStarted);
        assert_eq!(q.done_on, None);
        assert_eq!(q.kind.target(), Some(&target(14000.0)));
        let Kind::Milestone { sub_milestones } = &plan.commitments[&CommitmentId(2)].kind else {
            panic!("milestone")
        };
        assert!(sub_milestones.iter().all(|s| s.done_on.is_none()));
        let s = &plan.commitments[&CommitmentId(3)];
        assert_eq!(s.status, Status::NotStarted);
        assert_eq!(s.status_reason, "");
    }

    #[test]
    fn in_between_keeps_what_was_dated_by_then() {
        let full = plan();
        let plan = full.as_of(d("2023-04-30"));
        let q = &plan.commitments[&CommitmentId(1)];
        assert_eq!(q.progress, vec![entry("2023-03-15", 9000.0)]);
        assert!(q.adjustments.is_empty(), "the retarget came on 05-01");
        assert_eq!(q.kind.target(), Some(&target(14000.0)));
        assert_eq!(q.status, Status::InProgress);
        assert_eq!(q.status_history.len(), 1);
        assert_eq!(q.done_on, None);
        let Kind::Milestone { sub_milestones } = &plan.commitments[&CommitmentId(2)].kind else {
            panic!("milestone")
        };
        assert_eq!(sub_milestones[0].done_on, Some(d("2023-04-30")));
        let s = &plan.commitments[&CommitmentId(3)];
        assert_eq!(s.status, Status::Suspended);
        assert_eq!(s.status_reason, "等待省级方案");

        // On 05-01 the new target is in force and its adjustment is kept.
        let may = full.as_of(d("2023-05-01"));
        let q = &may.commitments[&CommitmentId(1)];
        assert_eq!(q.kind.target(), Some(&target(15000.0)));
        assert_eq!(q.adjustments.len(), 1);

        // Rolling back agrees with what the model says of that date.
        for c in full.commitments.values() {
            let rolled = &plan.commitments[&c.id];
            let on = d("2023-04-30");
            assert_eq!(rolled.status, c.status_as_of(on));
            assert_eq!(rolled.value_as_of(on), c.value_as_of(on));
            assert_eq!(rolled.target_as_of(on), c.target_as_of(on));
        }
    }

    #[test]
    fn a_retick_keeps_the_done_date_of_that_time() {
        let mut plan = Plan::new("测试计划", 2023);
        let mut c = Commitment::new(CommitmentId(1), "任务", Kind::Qualitative);
        c.change_status(Status::Done, d("2023-03-01"), "");
        c.change_status(Status::InProgress, d("2023-04-01"), "");
        c.change_status(Status::Done, d("2023-06-30"), "");
        plan.commitments.insert(c.id, c);
        let march = plan.as_of(d("2023-03-15"));
        let c = &march.commitments[&CommitmentId(1)];
        assert_eq!(c.status, Status::Done);
        assert_eq!(c.done_on, Some(d("2023-03-01")));
        let april = plan.as_of(d("2023-04-15"));
        assert_eq!(april.commitments[&CommitmentId(1)].done_on, None);
    }

    #[test]
    fn done_without_history_before_its_date_is_not_done() {
        let mut plan = Plan::new("测试计划", 2023);
        let mut c = Commitment::new(CommitmentId(1), "任务", Kind::Qualitative);
        c.status = Status::Done;
        c.done_on = Some(d("2023-06-30"));
        plan.commitments.insert(c.id, c);
        let c = &plan.as_of(d("2023-03-31")).commitments[&CommitmentId(1)];
        assert_eq!(c.status, Status::NotStarted);
        assert_eq!(c.done_on, None);
        assert_eq!(plan.as_of(d("2023-06-30")), plan);
    }
}
