//! One journal record and the changes it carries: computed from an edit and
//! its inverse (so the cost is that of the edit, not of the plan), and
//! replayed onto a plan field by field.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::{Commitment, CommitmentId, Department, DeptId, Edit, Plan};

use super::JournalError;

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub seq: u64,
    /// When, local time with its offset (RFC 3339).
    pub at: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user: String,
    /// The action's name as undo shows it (勾选完成, 填报进展 …).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<Change>,
    /// A rollback marker: records `from..=to` were written but their save
    /// never finished (the process was stopped); they are not in the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback: Option<(u64, u64)>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Record {
    /// The commitments this record changed.
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        let mut last = None;
        self.changes.iter().filter_map(move |c| {
            let id = c.id?;
            (last != Some(id)).then(|| {
                last = Some(id);
                id
            })
        })
    }

    pub fn touches(&self, id: CommitmentId) -> bool {
        self.changes.iter().any(|c| c.id == Some(id.0))
    }
}

/// One field's old and new value. `id` names a commitment (field
/// `commitment`: the whole of it, added or removed), `dept` a department;
/// neither: a plan field (`title`, `settings`, `returns`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dept: Option<String>,
    pub field: String,
    pub old: Value,
    pub new: Value,
}

pub const WHOLE_COMMITMENT: &str = "commitment";
pub const WHOLE_DEPARTMENT: &str = "department";

fn json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// The changes of an applied edit, given the edit as applied and the inverse
/// its application returned.
pub fn changes_of(applied: &Edit, inverse: &Edit, plan_after: &Plan, out: &mut Vec<Change>) {
    match (applied, inverse) {
        (Edit::Replace(new), Edit::Replace(old)) => diff_commitments(old, new, out),
        (Edit::SetField { id, .. }, Edit::SetField { value: old, .. }) => {
            // Field values are compared as the commitment serializes them.
            if let Some(now) = plan_after.commitments.get(id) {
                let mut before = now.clone();
                old.clone().set_on(&mut before);
                diff_commitments(&before, now, out);
            }
        }
        (Edit::Insert(c), _) => out.push(Change {
            id: Some(c.id.0),
            dept: None,
            field: WHOLE_COMMITMENT.into(),
            old: Value::Null,
            new: json(c.as_ref()),
        }),
        (Edit::Remove(_), Edit::Insert(old)) => out.push(Change {
            id: Some(old.id.0),
            dept: None,
            field: WHOLE_COMMITMENT.into(),
            old: json(old.as_ref()),
            new: Value::Null,
        }),
        (Edit::PutDepartment(new), inv) => out.push(Change {
            id: None,
            dept: Some(new.id.as_str().to_owned()),
            field: WHOLE_DEPARTMENT.into(),
            old: match inv {
                Edit::PutDepartment(old) => json(old),
                _ => Value::Null,
            },
            new: json(new),
        }),
        (Edit::RemoveDepartment(_), Edit::PutDepartment(old)) => out.push(Change {
            id: None,
            dept: Some(old.id.as_str().to_owned()),
            field: WHOLE_DEPARTMENT.into(),
            old: json(old),
            new: Value::Null,
        }),
        (Edit::SetPlanTitle(new), Edit::SetPlanTitle(old)) => {
            plan_change("title", json(old), json(new), out)
        }
        (Edit::SetSettings(new), Edit::SetSettings(old)) => {
            plan_change("settings", json(old), json(new), out)
        }
        (Edit::SetReturns(new), Edit::SetReturns(old)) => {
            plan_change("returns", json(old), json(new), out)
        }
        _ => {}
    }
}

fn plan_change(field: &str, old: Value, new: Value, out: &mut Vec<Change>) {
    if old != new {
        out.push(Change {
            id: None,
            dept: None,
            field: field.into(),
            old,
            new,
        });
    }
}

/// The top-level fields that differ between two versions of a commitment.
pub fn diff_commitments(old: &Commitment, new: &Commitment, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    let (Value::Object(a), Value::Object(mut b)) = (json(old), json(new)) else {
        return;
    };
    for (key, va) in a {
        let vb = b.remove(&key).unwrap_or(Value::Null);
        if va != vb {
            out.push(Change {
                id: Some(new.id.0),
                dept: None,
                field: key,
                old: va,
                new: vb,
            });
        }
    }
    for (key, vb) in b {
        out.push(Change {
            id: Some(new.id.0),
            dept: None,
            field: key,
            old: Value::Null,
            new: vb,
        });
    }
}

/// Applies an edit group and returns its inverses and the changes it made.
pub fn apply_recorded(
    edits: Vec<Edit>,
    plan: &mut Plan,
) -> Result<(Vec<Edit>, Vec<Change>), crate::model::EditError> {
    let applied = edits.clone();
    let inverses = Edit::apply_group(edits, plan)?;
    let changes = changes_of_group(&applied, &inverses, plan);
    Ok((inverses, changes))
}

/// The changes of a group applied with [`Edit::apply_group`]: `inverses` in
/// the order it returned them (reversed).
pub fn changes_of_group(applied: &[Edit], inverses: &[Edit], plan_after: &Plan) -> Vec<Change> {
    let mut out = Vec::new();
    for (edit, inverse) in applied.iter().zip(inverses.iter().rev()) {
        changes_of(edit, inverse, plan_after, &mut out);
    }
    out
}

/// Replays one record's changes onto `plan` (its new values).
pub fn replay(plan: &mut Plan, record: &Record) -> Result<(), JournalError> {
    let bad = |what: String| JournalError::Replay {
        seq: record.seq,
        what,
    };
    for change in &record.changes {
        match (change.id, &change.dept) {
            (Some(id), _) => {
                let id = CommitmentId(id);
                if change.field == WHOLE_COMMITMENT {
                    if change.new.is_null() {
                        plan.commitments.remove(&id);
                    } else {
                        let c: Commitment = serde_json::from_value(change.new.clone())
                            .map_err(|e| bad(format!("commitment {id}: {e}")))?;
                        plan.commitments.insert(id, c);
                    }
                    continue;
                }
                let c = plan
                    .commitments
                    .get_mut(&id)
                    .ok_or_else(|| bad(format!("no commitment {id}")))?;
                let Value::Object(mut map) = json(&*c) else {
                    return Err(bad(format!("commitment {id}")));
                };
                if change.new.is_null() {
                    map.remove(&change.field);
                } else {
                    map.insert(change.field.clone(), change.new.clone());
                }
                *c = serde_json::from_value(Value::Object(map))
                    .map_err(|e| bad(format!("commitment {id} field {}: {e}", change.field)))?;
            }
            (None, Some(dept)) => {
                let key = DeptId::new(dept.as_str());
                if change.new.is_null() {
                    plan.departments.remove(&key);
                } else {
                    let d: Department = serde_json::from_value(change.new.clone())
                        .map_err(|e| bad(format!("department {dept}: {e}")))?;
                    plan.departments.insert(key, d);
                }
            }
            (None, None) => {
                let v = change.new.clone();
                let field = change.field.as_str();
                let r = match field {
                    "title" => serde_json::from_value(v).map(|t| plan.title = t),
                    "settings" => serde_json::from_value(v).map(|s| plan.settings = s),
                    "returns" => serde_json::from_value(v).map(|r| plan.returns = r),
                    _ => return Err(bad(format!("unknown plan field {field}"))),
                };
                r.map_err(|e| bad(format!("{field}: {e}")))?;
            }
        }
    }
    Ok(())
}
