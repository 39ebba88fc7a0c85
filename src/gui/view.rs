//! The ledger's rows: assessed, filtered, sorted and counted only when an
//! input changes (plan revision, filter, as-of date, sort), never per frame.
//! After an edit only the commitments it touched are assessed and indexed again.

use chrono::NaiveDate;

use commitments::model::CommitmentId;
use commitments::query::{FacetCounts, Filter, LedgerIndex, Row, SortKey};

use super::document::Document;

#[derive(Clone, PartialEq)]
struct Inputs {
    revision: u64,
    plan_id: usize,
    filter: Filter,
    as_of: NaiveDate,
    sort: SortKey,
    descending: bool,
}

#[derive(Default)]
pub struct LedgerView {
    inputs: Option<Inputs>,
    /// (revision, plan id) the index was brought up to; its as-of date is its own.
    indexed_for: Option<(u64, usize)>,
    index: Option<LedgerIndex>,
    /// The rows shown, in order.
    pub rows: Vec<Row>,
    pub counts: FacetCounts,
    /// The report sections, in plan order (for the section filter).
    pub sections: Vec<String>,
}

impl LedgerView {
    /// Recomputes what changed; cheap when nothing did.
    pub fn refresh(
        &mut self,
        doc: &Document,
        plan_id: usize,
        filter: &Filter,
        as_of: NaiveDate,
        sort: SortKey,
        descending: bool,
    ) {
        let inputs = Inputs {
            revision: doc.revision(),
            plan_id,
            filter: filter.clone(),
            as_of,
            sort,
            descending,
        };
        if self.inputs.as_ref() == Some(&inputs) {
            return;
        }
        let plan = doc.plan();
        let index = self.update_index(doc, plan_id, as_of);
        let selection = index.select(plan, filter, sort, descending);
        self.rows = selection.rows;
        self.counts = selection.counts;
        self.inputs = Some(inputs);
    }

    /// The index for this plan, revision and date: patched with what the
    /// edits since touched when it can be, built again when it cannot. The
    /// section list follows the index, so a filter change does not redo it.
    fn update_index(
        &mut self,
        doc: &Document,
        plan_id: usize,
        as_of: NaiveDate,
    ) -> &mut LedgerIndex {
        let plan = doc.plan();
        let revision = doc.revision();
        let current = self.indexed_for == Some((revision, plan_id))
            && self.index.as_ref().is_some_and(|i| i.as_of() == as_of);
        if current {
            return self
                .index
                .get_or_insert_with(|| LedgerIndex::build(plan, as_of));
        }
        let reusable = match (&mut self.index, self.indexed_for) {
            (Some(index), Some((old, id))) if id == plan_id && index.as_of() == as_of => {
                match doc.touched_since(old) {
                    Some(ids) => {
                        index.update(plan, &ids);
                        true
                    }
                    None => false,
                }
            }
            _ => false,
        };
        if !reusable {
            self.index = None;
        }
        self.indexed_for = Some((revision, plan_id));
        let index = self
            .index
            .get_or_insert_with(|| LedgerIndex::build(plan, as_of));
        self.sections = index.sections();
        index
    }

    /// Every commitment, assessed, in id order (tests compare against it).
    #[cfg(test)]
    pub fn all(&self) -> &[Row] {
        self.index.as_ref().map_or(&[], |i| i.rows())
    }

    /// The plan the view was last computed for.
    pub fn plan_id(&self) -> usize {
        self.inputs.as_ref().map_or(0, |i| i.plan_id)
    }

    pub fn position(&self, id: CommitmentId) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }
}
