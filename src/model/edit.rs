//! Every change to a plan is one [`Edit`] value. Applying an edit returns its
//! inverse, so undo is "apply the inverse" and redo is "apply the inverse's inverse".

use chrono::NaiveDate;

use super::{Commitment, CommitmentId, Department, DeptId, Kind, Plan, PlanSettings, ReturnRecord};

/// Which field of a commitment a [`FieldValue`] sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Section,
    SourceQuote,
    Owner,
    Notes,
    Lead,
    Cooperating,
    Start,
    Due,
    Tags,
    Kind,
}

/// A new value for one field of a commitment.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Title(String),
    Section(String),
    SourceQuote(String),
    Owner(String),
    Notes(String),
    Lead(Option<DeptId>),
    Cooperating(Vec<DeptId>),
    Start(Option<NaiveDate>),
    Due(Option<NaiveDate>),
    Tags(Vec<String>),
    Kind(Kind),
}

impl FieldValue {
    pub fn field(&self) -> Field {
        match self {
            FieldValue::Title(_) => Field::Title,
            FieldValue::Section(_) => Field::Section,
            FieldValue::SourceQuote(_) => Field::SourceQuote,
            FieldValue::Owner(_) => Field::Owner,
            FieldValue::Notes(_) => Field::Notes,
            FieldValue::Lead(_) => Field::Lead,
            FieldValue::Cooperating(_) => Field::Cooperating,
            FieldValue::Start(_) => Field::Start,
            FieldValue::Due(_) => Field::Due,
            FieldValue::Tags(_) => Field::Tags,
            FieldValue::Kind(_) => Field::Kind,
        }
    }

    /// Puts this value into the commitment and returns the value it replaced.
    pub fn set_on(self, c: &mut Commitment) -> FieldValue {
        self.swap_into(c)
    }

    /// Puts this value into the commitment and returns the value it replaced.
    fn swap_into(self, c: &mut Commitment) -> FieldValue {
        use std::mem::replace;
        match self {
            FieldValue::Title(v) => FieldValue::Title(replace(&mut c.title, v)),
            FieldValue::Section(v) => FieldValue::Section(replace(&mut c.section, v)),
            FieldValue::SourceQuote(v) => FieldValue::SourceQuote(replace(&mut c.source_quote, v)),
            FieldValue::Owner(v) => FieldValue::Owner(replace(&mut c.owner, v)),
            FieldValue::Notes(v) => FieldValue::Notes(replace(&mut c.notes, v)),
            FieldValue::Lead(v) => FieldValue::Lead(replace(&mut c.lead, v)),
            FieldValue::Cooperating(v) => FieldValue::Cooperating(replace(&mut c.cooperating, v)),
            FieldValue::Start(v) => FieldValue::Start(replace(&mut c.start, v)),
            FieldValue::Due(v) => FieldValue::Due(replace(&mut c.due, v)),
            FieldValue::Tags(v) => FieldValue::Tags(replace(&mut c.tags, v)),
            FieldValue::Kind(v) => FieldValue::Kind(replace(&mut c.kind, v)),
        }
    }
}

/// One change to a plan, carrying what is needed to invert it.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Set one field of a commitment.
    SetField { id: CommitmentId, value: FieldValue },
    /// Replace a whole commitment (status changes, progress entries, target
    /// adjustments: changes that touch several fields under one domain rule).
    Replace(Box<Commitment>),
    /// Add a commitment whose id is not in use.
    Insert(Box<Commitment>),
    /// Remove a commitment.
    Remove(CommitmentId),
    /// Add or replace a department in the registry.
    PutDepartment(Department),
    /// Remove a department from the registry (no commitment may refer to it).
    RemoveDepartment(DeptId),
    /// Change the plan's title.
    SetPlanTitle(String),
    /// Change the plan's pace thresholds.
    SetSettings(PlanSettings),
    /// Replace the record of merged returns (a merge adds to it).
    SetReturns(Vec<ReturnRecord>),
}

/// Why an edit could not be applied. The plan is unchanged when this is returned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("no commitment with id {0}")]
    NoSuchCommitment(CommitmentId),
    #[error("a commitment with id {0} already exists")]
    DuplicateCommitment(CommitmentId),
    #[error("no department with id {0}")]
    NoSuchDepartment(DeptId),
    #[error("department {0} still has commitments")]
    DepartmentInUse(DeptId),
    #[error("commitment {0} has no quantitative target, so a progress entry cannot carry a value")]
    ValueWithoutTarget(CommitmentId),
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it.
    pub fn apply(self, plan: &mut Plan) -> Result<Edit, EditError> {
        match self {
            Edit::SetField { id, value } => {
                let c = plan
                    .commitments
                    .get_mut(&id)
                    .ok_or(EditError::NoSuchCommitment(id))?;
                let old = value.swap_into(c);
                Ok(Edit::SetField { id, value: old })
            }
            Edit::Replace(new) => {
                let id = new.id;
                let slot = plan
                    .commitments
                    .get_mut(&id)
                    .ok_or(EditError::NoSuchCommitment(id))?;
                let old = std::mem::replace(slot, *new);
                Ok(Edit::Replace(Box::new(old)))
            }
            Edit::Insert(new) => {
                let id = new.id;
                if plan.commitments.contains_key(&id) {
                    return Err(EditError::DuplicateCommitment(id));
                }
                plan.commitments.insert(id, *new);
                Ok(Edit::Remove(id))
            }
            Edit::Remove(id) => {
                let old = plan
                    .commitments
                    .remove(&id)
                    .ok_or(EditError::NoSuchCommitment(id))?;
                Ok(Edit::Insert(Box::new(old)))
            }
            Edit::PutDepartment(dept) => {
                let id = dept.id.clone();
                match plan.departments.insert(id.clone(), dept) {
                    Some(old) => Ok(Edit::PutDepartment(old)),
                    None => Ok(Edit::RemoveDepartment(id)),
                }
            }
            Edit::RemoveDepartment(id) => {
                if plan.commitments.values().any(|c| c.involves(&id)) {
                    return Err(EditError::DepartmentInUse(id));
                }
                let old = plan
                    .departments
                    .remove(&id)
                    .ok_or(EditError::NoSuchDepartment(id))?;
                Ok(Edit::PutDepartment(old))
            }
            Edit::SetPlanTitle(title) => Ok(Edit::SetPlanTitle(std::mem::replace(
                &mut plan.title,
                title,
            ))),
            Edit::SetSettings(settings) => Ok(Edit::SetSettings(std::mem::replace(
                &mut plan.settings,
                settings,
            ))),
            Edit::SetReturns(returns) => Ok(Edit::SetReturns(std::mem::replace(
                &mut plan.returns,
                returns,
            ))),
        }
    }

    /// Applies a group of edits as one: either all apply, or the plan is left
    /// as it was. Returns the inverse group (in the order it must be applied).
    pub fn apply_group(edits: Vec<Edit>, plan: &mut Plan) -> Result<Vec<Edit>, EditError> {
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match edit.apply(plan) {
                Ok(inverse) => inverses.push(inverse),
                Err(e) => {
                    for inverse in inverses.into_iter().rev() {
                        // Inverses of edits that just applied cannot fail.
                        let _ = inverse.apply(plan);
                    }
                    return Err(e);
                }
            }
        }
        inverses.reverse();
        Ok(inverses)
    }

    /// The commitment this edit touches, if it touches one.
    pub fn commitment_id(&self) -> Option<CommitmentId> {
        match self {
            Edit::SetField { id, .. } | Edit::Remove(id) => Some(*id),
            Edit::Replace(c) | Edit::Insert(c) => Some(c.id),
            _ => None,
        }
    }
}
