//! The ledger's rows: assessed, filtered, sorted and counted only when an
//! input changes (plan revision, filter, as-of date, sort), never per frame.
//! After an edit only the commitments it touched are assessed and indexed again.

use std::collections::HashMap;

use chrono::NaiveDate;

use commitments::model::{CommitmentId, Plan};
use commitments::pace::assess;
use commitments::query::{self, FacetCounts, Filter, Row, SortKey};
use commitments::search::{Needle, SearchText};

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
    /// (revision, plan id, as-of) the assessments were made for.
    assessed_for: Option<(u64, usize, NaiveDate)>,
    /// (revision, plan id) the search index was built for.
    searchable_for: Option<(u64, usize)>,
    /// Every commitment, assessed, in id order.
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
    pub fn refresh(
        &mut self,
        doc: &Document,
        plan_id: usize,
        filter: &Filter,
        as_of: NaiveDate,
        sort: SortKey,
        descending: bool,
    ) {
        let plan = doc.plan();
        let revision = doc.revision();
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
        self.update_assessments(doc, plan_id, as_of);
        if !filter.search.trim().is_empty() {
            self.update_search_index(doc, plan_id);
        }
        let index = &self.search;
        let search =
            |id: CommitmentId, needle: &Needle| index.get(&id).is_some_and(|t| needle.found_in(t));
        self.rows = query::filter_rows(plan, &self.all, filter, &search, as_of);
        query::sort_rows(plan, &mut self.rows, sort, descending);
        self.counts = query::facet_counts(plan, &self.all, filter, &search, as_of);
        self.inputs = Some(inputs);
    }

    fn update_assessments(&mut self, doc: &Document, plan_id: usize, as_of: NaiveDate) {
        let plan = doc.plan();
        let revision = doc.revision();
        match self.assessed_for {
            Some(done) if done == (revision, plan_id, as_of) => return,
            Some((old, id, date)) if id == plan_id && date == as_of => {
                if let Some(ids) = doc.touched_since(old) {
                    for id in ids {
                        let at = self.all.binary_search_by_key(&id, |r| r.id);
                        match (plan.commitments.get(&id), at) {
                            (Some(c), Ok(i)) => self.all[i].assessment = assess(plan, c, as_of),
                            (Some(c), Err(i)) => self.all.insert(
                                i,
                                Row {
                                    id,
                                    assessment: assess(plan, c, as_of),
                                },
                            ),
                            (None, Ok(i)) => {
                                self.all.remove(i);
                            }
                            (None, Err(_)) => {}
                        }
                    }
                    self.sections = plan.sections();
                    self.assessed_for = Some((revision, plan_id, as_of));
                    return;
                }
            }
            _ => {}
        }
        self.all = query::assess_all(plan, as_of);
        self.sections = plan.sections();
        self.assessed_for = Some((revision, plan_id, as_of));
    }

    fn update_search_index(&mut self, doc: &Document, plan_id: usize) {
        let plan = doc.plan();
        let revision = doc.revision();
        if let Some((old, id)) = self.searchable_for {
            if id == plan_id {
                if old == revision {
                    return;
                }
                if let Some(ids) = doc.touched_since(old) {
                    for id in ids {
                        match plan.commitments.get(&id) {
                            Some(c) => self.search.insert(id, SearchText::of(plan, c)),
                            None => self.search.remove(&id),
                        };
                    }
                    self.searchable_for = Some((revision, plan_id));
                    return;
                }
            }
        }
        self.search = index_all(plan);
        self.searchable_for = Some((revision, plan_id));
    }

    /// Every commitment, assessed, in id order.
    pub fn all(&self) -> &[Row] {
        &self.all
    }

    /// The plan the view was last computed for.
    pub fn plan_id(&self) -> usize {
        self.inputs.as_ref().map_or(0, |i| i.plan_id)
    }

    pub fn position(&self, id: CommitmentId) -> Option<usize> {
        self.rows.iter().position(|r| r.id == id)
    }
}

fn index_all(plan: &Plan) -> HashMap<CommitmentId, SearchText> {
    plan.commitments
        .values()
        .map(|c| (c.id, SearchText::of(plan, c)))
        .collect()
}
