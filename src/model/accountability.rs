//! The office's accountability steps (issue 12): a department applies for
//! 销号 with a statement and evidence (佐证材料), the office confirms or
//! sends it back (退回); a department requests a later due date (申请延期)
//! before the due date passes, the office approves or rejects it. Each step
//! is one [`Edit`] (a `Replace` of the commitment), so undo restores it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Commitment, CommitmentId, Edit, EditError, Plan, Status};

/// One file of evidence, copied beside the plan under its content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The file's name as given (no folder), what lists show.
    pub name: String,
    /// The stored name in `<plan>.files/` (content hash and extension).
    pub stored: String,
    pub size: u64,
    pub added: NaiveDate,
}

/// A pending 申请销号.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosureRequest {
    pub on: NaiveDate,
    pub statement: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Who applied (a department's reporter, or the user).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

/// A pending 申请延期.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionRequest {
    pub on: NaiveDate,
    /// The due date asked for.
    pub to: NaiveDate,
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

/// A decided 申请延期: approved (the due date changed, the old one is kept
/// here) or rejected (with the office's reason).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueExtension {
    pub requested_on: NaiveDate,
    pub decided_on: NaiveDate,
    /// The due date before (None: the end of the plan's year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<NaiveDate>,
    pub new: NaiveDate,
    pub reason: String,
    pub approved: bool,
    /// The office's reason for a rejection.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ruling: String,
}

/// Why an accountability step was refused. The plan is unchanged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StepError {
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("commitment {0} is already done")]
    AlreadyDone(CommitmentId),
    #[error("commitment {0} has no pending 申请销号 (closure application)")]
    NoClosureRequest(CommitmentId),
    #[error("commitment {0} has no pending 申请延期 (extension request)")]
    NoExtensionRequest(CommitmentId),
    #[error("an extension must be requested before the due date {due} passes (today is {today})")]
    TooLate { due: NaiveDate, today: NaiveDate },
    #[error("the new due date {to} must be after the current one {due}")]
    NotLater { to: NaiveDate, due: NaiveDate },
    #[error("a {0} is required")]
    Empty(&'static str),
}

impl Commitment {
    /// Whether an extension was approved (reports say 已延期).
    pub fn was_extended(&self) -> bool {
        self.extensions.iter().any(|e| e.approved)
    }

    /// Whether a 申请延期 may be made (`due`: the due date as the plan
    /// reckons it, [`Plan::due_of`]): before `due` passes, to a later date,
    /// with a reason, on a commitment not done. Checked by merging a
    /// department's return before anything is recorded.
    pub fn check_extension(
        &self,
        due: NaiveDate,
        on: NaiveDate,
        to: NaiveDate,
        reason: &str,
    ) -> Result<(), StepError> {
        if reason.trim().is_empty() {
            return Err(StepError::Empty("reason"));
        }
        if on > due {
            return Err(StepError::TooLate { due, today: on });
        }
        if to <= due {
            return Err(StepError::NotLater { to, due });
        }
        if self.status == Status::Done {
            return Err(StepError::AlreadyDone(self.id));
        }
        Ok(())
    }

    /// 申请延期 on the commitment itself, under [`Commitment::check_extension`].
    /// Used by [`Plan::request_extension`] and by merging a department's return.
    pub fn request_extension(
        &mut self,
        due: NaiveDate,
        on: NaiveDate,
        to: NaiveDate,
        reason: &str,
        by: &str,
    ) -> Result<(), StepError> {
        self.check_extension(due, on, to, reason)?;
        self.extension = Some(ExtensionRequest {
            on,
            to,
            reason: reason.to_owned(),
            by: by.to_owned(),
        });
        Ok(())
    }
}

impl Plan {
    fn step(
        &self,
        id: CommitmentId,
        change: impl FnOnce(&mut Commitment) -> Result<(), StepError>,
    ) -> Result<Edit, StepError> {
        let mut c = self
            .commitments
            .get(&id)
            .ok_or(EditError::NoSuchCommitment(id))?
            .clone();
        change(&mut c)?;
        Ok(Edit::Replace(Box::new(c)))
    }

    /// 申请销号: the commitment waits for the office (待审核).
    pub fn apply_close(
        &self,
        id: CommitmentId,
        on: NaiveDate,
        statement: &str,
        evidence: Vec<Evidence>,
        by: &str,
    ) -> Result<Edit, StepError> {
        if statement.trim().is_empty() {
            return Err(StepError::Empty("statement"));
        }
        self.step(id, |c| {
            if c.status == Status::Done {
                return Err(StepError::AlreadyDone(id));
            }
            c.change_status(Status::ClosureRequested, on, statement);
            c.closure = Some(ClosureRequest {
                on,
                statement: statement.to_owned(),
                evidence,
                by: by.to_owned(),
            });
            Ok(())
        })
    }

    /// 确认销号: done on the date confirmed. The application stays on the
    /// commitment as the evidence of its closure.
    pub fn confirm_close(&self, id: CommitmentId, on: NaiveDate) -> Result<Edit, StepError> {
        self.step(id, |c| {
            if c.status != Status::ClosureRequested || c.closure.is_none() {
                return Err(StepError::NoClosureRequest(id));
            }
            c.change_status(Status::Done, on, "确认销号");
            Ok(())
        })
    }

    /// 退回: back to in progress, with the office's reason.
    pub fn reject_close(
        &self,
        id: CommitmentId,
        on: NaiveDate,
        reason: &str,
    ) -> Result<Edit, StepError> {
        if reason.trim().is_empty() {
            return Err(StepError::Empty("reason"));
        }
        self.step(id, |c| {
            if c.status != Status::ClosureRequested {
                return Err(StepError::NoClosureRequest(id));
            }
            c.change_status(Status::InProgress, on, &format!("退回：{reason}"));
            c.closure = None;
            Ok(())
        })
    }

    /// 申请延期: before the due date passes, to a later date.
    pub fn request_extension(
        &self,
        id: CommitmentId,
        on: NaiveDate,
        to: NaiveDate,
        reason: &str,
        by: &str,
    ) -> Result<Edit, StepError> {
        let c = self
            .commitments
            .get(&id)
            .ok_or(EditError::NoSuchCommitment(id))?;
        let due = self.due_of(c);
        self.step(id, |c| c.request_extension(due, on, to, reason, by))
    }

    /// Approves the pending extension: the due date changes, the old one is kept.
    pub fn approve_extension(&self, id: CommitmentId, on: NaiveDate) -> Result<Edit, StepError> {
        self.step(id, |c| {
            let new = decide_extension(c, id, on, true, String::new())?;
            c.due = Some(new);
            Ok(())
        })
    }

    /// Rejects the pending extension, keeping the request and the reason.
    pub fn reject_extension(
        &self,
        id: CommitmentId,
        on: NaiveDate,
        reason: &str,
    ) -> Result<Edit, StepError> {
        if reason.trim().is_empty() {
            return Err(StepError::Empty("reason"));
        }
        self.step(id, |c| {
            decide_extension(c, id, on, false, reason.to_owned())?;
            Ok(())
        })
    }
}

/// Takes `c`'s pending extension request and keeps the decision on it in
/// its history; returns the date asked for.
fn decide_extension(
    c: &mut Commitment,
    id: CommitmentId,
    on: NaiveDate,
    approved: bool,
    ruling: String,
) -> Result<NaiveDate, StepError> {
    let req = c
        .extension
        .take()
        .ok_or(StepError::NoExtensionRequest(id))?;
    c.extensions.push(DueExtension {
        requested_on: req.on,
        decided_on: on,
        old: c.due,
        new: req.to,
        reason: req.reason,
        approved,
        ruling,
    });
    Ok(req.to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn plan() -> Plan {
        let mut p = Plan::new("计划", 2023);
        let mut c = Commitment::new(CommitmentId(1), "建成5G基站", Kind::Qualitative);
        c.status = Status::InProgress;
        c.due = Some(d("2023-06-30"));
        p.commitments.insert(c.id, c);
        p
    }

    fn run(p: &mut Plan, f: impl FnOnce(&Plan) -> Result<Edit, StepError>) -> Edit {
        let e = f(p).unwrap();
        e.apply(p).unwrap()
    }

    #[test]
    fn closure_goes_through_the_office_and_undoes() {
        let mut p = plan();
        let before = p.clone();
        let id = CommitmentId(1);
        let undo1 = run(&mut p, |p| {
            p.apply_close(id, d("2023-05-01"), "已建成", vec![], "工信局")
        });
        assert_eq!(p.commitments[&id].status, Status::ClosureRequested);
        let undo2 = run(&mut p, |p| p.confirm_close(id, d("2023-05-10")));
        let c = &p.commitments[&id];
        assert_eq!((c.status, c.done_on), (Status::Done, Some(d("2023-05-10"))));
        undo2.apply(&mut p).unwrap();
        undo1.apply(&mut p).unwrap();
        assert_eq!(p, before);
        assert!(matches!(
            p.confirm_close(id, d("2023-05-10")),
            Err(StepError::NoClosureRequest(_))
        ));
    }

    #[test]
    fn rejected_closure_returns_to_in_progress_with_the_reason() {
        let mut p = plan();
        let id = CommitmentId(1);
        run(&mut p, |p| {
            p.apply_close(id, d("2023-05-01"), "已建成", vec![], "")
        });
        run(&mut p, |p| p.reject_close(id, d("2023-05-03"), "佐证不足"));
        let c = &p.commitments[&id];
        assert_eq!(c.status, Status::InProgress);
        assert!(c.closure.is_none());
        assert!(c.status_history.last().unwrap().reason.contains("佐证不足"));
    }

    #[test]
    fn extension_before_due_only_and_approval_keeps_the_old_date() {
        let mut p = plan();
        let id = CommitmentId(1);
        assert!(matches!(
            p.request_extension(id, d("2023-07-01"), d("2023-09-30"), "拆迁", ""),
            Err(StepError::TooLate { .. })
        ));
        run(&mut p, |p| {
            p.request_extension(id, d("2023-06-01"), d("2023-09-30"), "拆迁", "")
        });
        run(&mut p, |p| p.approve_extension(id, d("2023-06-05")));
        let c = &p.commitments[&id];
        assert_eq!(c.due, Some(d("2023-09-30")));
        assert_eq!(c.extensions[0].old, Some(d("2023-06-30")));
        assert!(c.was_extended());
        run(&mut p, |p| {
            p.request_extension(id, d("2023-07-01"), d("2023-12-31"), "再延", "")
        });
        run(&mut p, |p| {
            p.reject_extension(id, d("2023-07-02"), "理由不足")
        });
        let c = &p.commitments[&id];
        assert_eq!(c.due, Some(d("2023-09-30")));
        assert!(!c.extensions[1].approved);
    }
}
