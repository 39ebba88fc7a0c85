//! Domain rules: the changes people make, each turned into one [`Edit`] that
//! keeps the plan's invariants (marking done stamps the date and records the
//! change; a target adjustment keeps the old target; the log stays in date order).

use chrono::NaiveDate;

use super::{
    Commitment, CommitmentId, Edit, EditError, Kind, Plan, ProgressEntry, Status, StatusChange,
    Target, TargetAdjustment,
};

impl Commitment {
    /// Sets the status on `on`, recording the change. Marking done stamps the
    /// date; leaving done clears it; the reason is kept for 暂缓.
    pub fn change_status(&mut self, to: Status, on: NaiveDate, reason: &str) {
        if self.status == to && to != Status::Suspended {
            if to == Status::Done {
                self.done_on = Some(on);
            }
            return;
        }
        self.status_history.push(StatusChange {
            on,
            from: self.status,
            to,
            reason: reason.to_owned(),
        });
        self.status = to;
        self.done_on = (to == Status::Done).then_some(on);
        self.status_reason = if to == Status::Suspended {
            reason.to_owned()
        } else {
            String::new()
        };
    }

    /// The status to return to when un-ticking: the one it had before it was
    /// marked done, or 推进中 / 未启动 from the log when the history is silent.
    pub fn status_before_done(&self) -> Status {
        self.status_history
            .iter()
            .rev()
            .find(|c| c.to == Status::Done && c.from != Status::Done)
            .map(|c| c.from)
            .unwrap_or(if self.progress.is_empty() {
                Status::NotStarted
            } else {
                Status::InProgress
            })
    }

    /// Adds a progress entry, keeping the log in date order (entries of the
    /// same date stay in the order they were made). A first return moves a
    /// commitment that was 未启动 to 推进中.
    pub fn add_progress(&mut self, entry: ProgressEntry) {
        let at = self.progress.partition_point(|e| e.date <= entry.date);
        let date = entry.date;
        self.progress.insert(at, entry);
        if self.status == Status::NotStarted {
            self.change_status(Status::InProgress, date, "");
        }
    }

    /// Replaces the target, keeping the old one with the date and reason.
    pub fn adjust_target(&mut self, new: Target, on: NaiveDate, reason: &str) -> bool {
        let Kind::Quantitative(old) = &mut self.kind else {
            return false;
        };
        let old = std::mem::replace(old, new.clone());
        self.adjustments.push(TargetAdjustment {
            date: on,
            old,
            new,
            reason: reason.to_owned(),
        });
        true
    }
}

impl Plan {
    fn changed(
        &self,
        id: CommitmentId,
        change: impl FnOnce(&mut Commitment),
    ) -> Result<Edit, EditError> {
        let mut c = self
            .commitments
            .get(&id)
            .ok_or(EditError::NoSuchCommitment(id))?
            .clone();
        change(&mut c);
        Ok(Edit::Replace(Box::new(c)))
    }

    /// 勾选: mark the commitment done on `on`.
    pub fn tick(&self, id: CommitmentId, on: NaiveDate) -> Result<Edit, EditError> {
        self.changed(id, |c| c.change_status(Status::Done, on, ""))
    }

    /// 取消勾选: return to the status it had before it was marked done.
    pub fn untick(&self, id: CommitmentId, on: NaiveDate) -> Result<Edit, EditError> {
        self.changed(id, |c| {
            if c.status == Status::Done {
                let back = c.status_before_done();
                c.change_status(back, on, "");
            }
        })
    }

    /// Set any status, with a reason for 暂缓.
    pub fn set_status(
        &self,
        id: CommitmentId,
        to: Status,
        on: NaiveDate,
        reason: &str,
    ) -> Result<Edit, EditError> {
        self.changed(id, |c| c.change_status(to, on, reason))
    }

    /// Change the date a done commitment was done on.
    pub fn set_done_on(&self, id: CommitmentId, on: NaiveDate) -> Result<Edit, EditError> {
        self.changed(id, |c| {
            if c.status == Status::Done {
                c.done_on = Some(on);
                if let Some(last) = c
                    .status_history
                    .iter_mut()
                    .rev()
                    .find(|s| s.to == Status::Done)
                {
                    last.on = on;
                }
            }
        })
    }

    /// Record a return from the department.
    pub fn add_progress(&self, id: CommitmentId, entry: ProgressEntry) -> Result<Edit, EditError> {
        let quantitative = self
            .commitments
            .get(&id)
            .is_some_and(|c| c.kind.target().is_some());
        if entry.value.is_some() && !quantitative && self.commitments.contains_key(&id) {
            return Err(EditError::ValueWithoutTarget(id));
        }
        self.changed(id, |c| c.add_progress(entry))
    }

    /// Remove the progress entry at `index` of the log.
    pub fn remove_progress(&self, id: CommitmentId, index: usize) -> Result<Edit, EditError> {
        self.changed(id, |c| {
            if index < c.progress.len() {
                c.progress.remove(index);
            }
        })
    }

    /// Adjust a quantitative target, keeping the old one.
    pub fn adjust_target(
        &self,
        id: CommitmentId,
        new: Target,
        on: NaiveDate,
        reason: &str,
    ) -> Result<Edit, EditError> {
        self.changed(id, |c| {
            c.adjust_target(new, on, reason);
        })
    }

    /// A copy of a commitment under a fresh id, not started, with an empty log.
    pub fn duplicate(&self, id: CommitmentId) -> Result<Edit, EditError> {
        let mut c = self
            .commitments
            .get(&id)
            .ok_or(EditError::NoSuchCommitment(id))?
            .clone();
        c.id = self.next_commitment_id();
        c.status = Status::NotStarted;
        c.done_on = None;
        c.status_reason.clear();
        c.status_history.clear();
        c.progress.clear();
        c.adjustments.clear();
        c.closure = None;
        c.extension = None;
        c.extensions.clear();
        Ok(Edit::Insert(Box::new(c)))
    }

    /// The edits that merge department `from` into `into`: every commitment
    /// moves with it, then `from` leaves the registry. Merging a department
    /// into itself is no edit at all.
    pub fn merge_departments(
        &self,
        from: &super::DeptId,
        into: &super::DeptId,
    ) -> Result<Vec<Edit>, EditError> {
        if !self.departments.contains_key(from) {
            return Err(EditError::NoSuchDepartment(from.clone()));
        }
        if !self.departments.contains_key(into) {
            return Err(EditError::NoSuchDepartment(into.clone()));
        }
        if from == into {
            // Nothing moves; removing `from` would drop the department itself.
            return Ok(Vec::new());
        }
        let mut edits = Vec::new();
        for c in self.commitments.values().filter(|c| c.involves(from)) {
            let mut moved = c.clone();
            if moved.lead.as_ref() == Some(from) {
                moved.lead = Some(into.clone());
            }
            let mut coop = Vec::with_capacity(moved.cooperating.len());
            for d in moved.cooperating.drain(..) {
                let d = if &d == from { into.clone() } else { d };
                if !coop.contains(&d) && moved.lead.as_ref() != Some(&d) {
                    coop.push(d);
                }
            }
            moved.cooperating = coop;
            edits.push(Edit::Replace(Box::new(moved)));
        }
        edits.push(Edit::RemoveDepartment(from.clone()));
        Ok(edits)
    }
}
