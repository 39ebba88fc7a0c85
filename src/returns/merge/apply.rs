//! The accepted rows as one group of edits: per commitment one `Replace`
//! made through the model's rules (progress in date order, status changes
//! recorded), then the plan's record of returns.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Preview, Selection};
use crate::model::{Commitment, CommitmentId, Edit, EditError, Plan, ReturnRecord, Status};

/// What a merge does.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    /// The edits, to apply as one group (one undoable action).
    pub edits: Vec<Edit>,
    /// Progress entries added.
    pub entries: usize,
    /// Status changes made.
    pub status_changes: usize,
    /// Commitments touched.
    pub commitments: usize,
    /// Returns recorded.
    pub returns: usize,
    /// 申请延期 recorded for the office to decide.
    pub extensions: usize,
}

/// The edits that record the accepted rows. Rows that cannot be recorded
/// or were merged before are skipped whatever the selection says, so that
/// merging the same file twice changes nothing.
pub fn apply(
    plan: &Plan,
    preview: &Preview,
    selection: &Selection,
    merged_on: NaiveDate,
) -> Result<Merged, EditError> {
    let mut changed: BTreeMap<CommitmentId, Commitment> = BTreeMap::new();
    let mut records = plan.returns.clone();
    let mut merged = Merged::default();
    // Lead rows first, so that a cooperating department's status word on
    // the same commitment comes after the lead's.
    let mut order: Vec<(usize, usize, bool)> = Vec::new();
    for (i, r) in preview.returns.iter().enumerate() {
        for (j, row) in r.rows.iter().enumerate() {
            if selection.is_accepted(i, j) && row.can_accept() {
                order.push((i, j, row.role == super::Role::Lead));
            }
        }
    }
    order.sort_by_key(|(i, j, lead)| (!lead, *i, *j));
    let mut taken: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, j, _) in order {
        let r = &preview.returns[i];
        let row = &r.rows[j];
        let (Some(id), Some(entry)) = (row.commitment, row.entry.clone()) else {
            continue;
        };
        let c = match changed.get_mut(&id) {
            Some(c) => c,
            None => {
                let c = plan
                    .commitments
                    .get(&id)
                    .ok_or(EditError::NoSuchCommitment(id))?
                    .clone();
                changed.entry(id).or_insert(c)
            }
        };
        if entry.value.is_some() && c.kind.target().is_none() {
            return Err(EditError::ValueWithoutTarget(id));
        }
        let date = entry.date;
        let statement = entry.progress.clone();
        let reporter = entry.reporter.clone();
        let evidence = entry.evidence.clone();
        c.add_progress(entry);
        merged.entries += 1;
        if row.closure_requested && !matches!(c.status, Status::Done | Status::ClosureRequested) {
            // 申请销号 from the form: the model's own request, for the
            // office to confirm (the entry keeps its 【申请销号】 mark too).
            let statement = statement
                .strip_prefix("【申请销号】")
                .unwrap_or(&statement)
                .to_owned();
            c.change_status(Status::ClosureRequested, date, &statement);
            c.closure = Some(crate::model::ClosureRequest {
                on: date,
                statement,
                evidence,
                by: reporter.clone(),
            });
            merged.status_changes += 1;
        }
        if let Some((to, reason)) = &row.extension {
            // Checked in the preview; checked again against the commitment
            // as this merge left it (another row may have closed it).
            let due = plan.due_of(c);
            if c.request_extension(due, date, *to, reason, &reporter)
                .is_ok()
            {
                merged.extensions += 1;
            }
        }
        if let Some((_, to)) = row.status_change
            && c.status != to
        {
            let reason = if to == Status::Suspended {
                row.status_reason.as_str()
            } else {
                ""
            };
            c.change_status(to, date, reason);
            merged.status_changes += 1;
        }
        taken
            .entry(i)
            .or_default()
            .push(format!("{}:{}", id, row.fingerprint));
    }
    for (i, rows) in taken {
        let r = &preview.returns[i];
        let (Some(dept), Some(period), Some(due)) = (&r.department, r.period, r.due) else {
            continue;
        };
        records.push(ReturnRecord {
            period: period.to_string(),
            department: dept.clone(),
            returned_on: r.returned_on,
            due,
            merged_on,
            file: r.file_name.clone(),
            rows,
        });
        merged.returns += 1;
    }
    merged.commitments = changed.len();
    merged.edits = changed
        .into_values()
        .map(|c| Edit::Replace(Box::new(c)))
        .collect();
    if merged.returns > 0 {
        merged.edits.push(Edit::SetReturns(records));
    }
    Ok(merged)
}
