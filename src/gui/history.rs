//! Undo and redo: a history of edit groups, one group per user action.
//! Typing into a field is one group, not one per key. Never saved.

use commitments::model::{CommitmentId, Edit, EditError, Field, Plan};

/// What an action was, for "撤销：修改责任人": an i18n key.
pub type ActionName = &'static str;

/// Edits to the same field of the same commitment, while the field keeps
/// focus, merge into one group.
pub type CoalesceKey = (CommitmentId, Field);

struct Group {
    name: ActionName,
    /// The edits that undo the group, in the order to apply them.
    inverses: Vec<Edit>,
    coalesce: Option<CoalesceKey>,
}

#[derive(Default)]
pub struct History {
    undo: Vec<Group>,
    redo: Vec<Group>,
    /// Whether the newest group may still absorb edits with the same key.
    open: bool,
    /// What the last apply, undo or redo changed, for the change journal.
    pub last_changes: Vec<commitments::journal::Change>,
    /// Whether the last apply merged into the open typing group.
    pub last_merged: bool,
}

/// How many actions can be undone.
const DEPTH: usize = 500;

impl History {
    /// Applies a user action's edits as one group.
    pub fn apply(
        &mut self,
        plan: &mut Plan,
        name: ActionName,
        edits: Vec<Edit>,
        coalesce: Option<CoalesceKey>,
    ) -> Result<(), EditError> {
        let (inverses, changes) = commitments::journal::apply_recorded(edits, plan)?;
        self.last_changes = changes;
        let merge = self.open
            && coalesce.is_some()
            && self.undo.last().is_some_and(|g| g.coalesce == coalesce);
        if !merge {
            // The first inverse of a coalesced run restores the value before
            // typing began; later ones are dropped.
            self.undo.push(Group {
                name,
                inverses,
                coalesce,
            });
            if self.undo.len() > DEPTH {
                self.undo.remove(0);
            }
        }
        self.last_merged = merge;
        self.open = coalesce.is_some();
        self.redo.clear();
        Ok(())
    }

    /// Ends the current typing run: the next edit starts a new group.
    pub fn seal(&mut self) {
        self.open = false;
    }

    pub fn undo_name(&self) -> Option<ActionName> {
        self.undo.last().map(|g| g.name)
    }

    pub fn redo_name(&self) -> Option<ActionName> {
        self.redo.last().map(|g| g.name)
    }

    /// Undoes the newest group; returns its name and the commitments it
    /// touched (`None`: possibly all).
    pub fn undo(&mut self, plan: &mut Plan) -> Option<(ActionName, Option<Vec<CommitmentId>>)> {
        self.open = false;
        let (name, touched, changes) = replay(&mut self.undo, &mut self.redo, plan)?;
        self.last_changes = changes;
        self.last_merged = false;
        Some((name, touched))
    }

    /// Redoes the newest undone group; returns its name and what it touched.
    pub fn redo(&mut self, plan: &mut Plan) -> Option<(ActionName, Option<Vec<CommitmentId>>)> {
        self.open = false;
        let (name, touched, changes) = replay(&mut self.redo, &mut self.undo, plan)?;
        self.last_changes = changes;
        self.last_merged = false;
        Some((name, touched))
    }

    pub fn clear(&mut self) {
        *self = History::default();
    }
}

/// The commitments a group of edits touches; `None` when one of them is a
/// department or plan-wide edit, which may change how every commitment reads.
pub fn touched(edits: &[Edit]) -> Option<Vec<CommitmentId>> {
    edits.iter().map(Edit::commitment_id).collect()
}

/// Applies the newest group of `from` and keeps its inverse on `to`: undo
/// moves a group from the undo stack to the redo stack, redo the other way.
fn replay(
    from: &mut Vec<Group>,
    to: &mut Vec<Group>,
    plan: &mut Plan,
) -> Option<(
    ActionName,
    Option<Vec<CommitmentId>>,
    Vec<commitments::journal::Change>,
)> {
    let group = from.pop()?;
    let touched = touched(&group.inverses);
    let (inverses, changes) = commitments::journal::apply_recorded(group.inverses, plan).ok()?;
    to.push(Group {
        name: group.name,
        inverses,
        coalesce: None,
    });
    Some((group.name, touched, changes))
}
