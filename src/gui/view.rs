//! The ledger's rows: assessed, filtered, sorted and counted only when an
//! input changes (plan revision, filter, as-of date, sort), never per frame.

use std::collections::HashMap;

use chrono::NaiveDate;

use commitments::model::{CommitmentId, Plan};
use commitments::query::{self, FacetCounts, Filter, Row, SortKey};
use commitments::search::SearchText;

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
    assessed_for: Option<(u64, usize, NaiveDate)>,
    searchable_for: Option<(u64, usize)>,
    all: Vec<Row>,
    search: HashMap<CommitmentId, SearchText>,
    /// The rows shown, in order.
    pub rows: Vec<Row>,
    pub counts: FacetCounts,
    /// The report sections, in plan order (for the section filter).
    pub sections: Vec<String>,
}

impl LedgerView {
    /// Recomputes what changed; cheap when nothing did.
    #[allow(clippy::too_many_arguments)]
    pub fn refresh(
        &mut self,
        plan: &Plan,
        plan_id: usize,
        revision: u64,
        filter: &Filter,
        as_of: NaiveDate,
        sort: SortKey,
        descending: bool,
    ) {
        let inputs = Inputs {
            revision,
            plan_id,
            filter: filter.clone(),
            as_of,
            sort,
            descending,
        };
        if self.inputs.as_ref() == Some(&inputs) {
            return;
        }
        if self.assessed_for != Some((revision, plan_id, as_of)) {
            self.all = query::assess_all(plan, as_of);
            self.sections = plan.sections();
            self.assessed_for = Some((revision, plan_id, as_of));
        }
        if !filter.search.trim().is_empty() && self.searchable_for != Some((revision, plan_id)) {
            self.search = plan
                .commitments
                .values()
                .map(|c| (c.id, SearchText::of(plan, c)))
                .collect();
            self.searchable_for = Some((revision, plan_id));
        }
        let index = &self.search;
        let search = |id: CommitmentId, needle: &commitments::search::Needle| {
            index.get(&id).is_some_and(|t| needle.found_in(t))
        };
        self.rows = query::filter_rows(plan, &self.all, filter, &search, as_of);
        query::sort_rows(plan, &mut self.rows, sort, descending);
        self.counts = query::facet_counts(plan, &self.all, filter, &search, as_of);
        self.inputs = Some(inputs);
    }

    pub fn position(&self, id: CommitmentId) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }
}
