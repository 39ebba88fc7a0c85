//! The ledger index: what filtering, sorting and faceted counting need of
//! every commitment, kept in small records in id order. A filter change is
//! then one pass over those records plus a walk along a prepared sort order,
//! with no map lookups, hashing or string comparison per commitment; an edit
//! updates only the records it touched.

use std::borrow::Borrow;
use std::hash::Hash;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::sort::{SortValue, sort_value};
use super::{
    Counts, DeptRole, DueWindow, FacetCounts, Filter, Group, KindFilter, Review, Row, SortKey,
    in_window,
};
use crate::model::{Commitment, CommitmentId, DeptId, Plan, Status};
use crate::pace::{Assessment, Light, Pace, assess};
use crate::search::{Needle, SearchText};

/// Marks "no department" in [`Facts::lead`].
const NO_DEPARTMENT: u32 = u32::MAX;

// Masks hold one bit per value.
const _: () = assert!(Pace::ALL.len() <= 32 && Status::ALL.len() <= 32 && Light::ALL.len() <= 32);

/// From this many commitments, a search runs on every core.
const PARALLEL_SEARCH_FROM: usize = 20_000;

/// Above this many touched commitments, a sort order is rebuilt rather than
/// patched one commitment at a time.
const PATCH_LIMIT: usize = 256;

/// Every commitment of a plan, assessed on one date, ready to be filtered,
/// sorted and counted many times. It must be told of every change to the
/// plan ([`LedgerIndex::update`]) or built again.
pub struct LedgerIndex {
    as_of: NaiveDate,
    due_soon_days: i64,
    /// In id order, like the plan's map.
    rows: Vec<Row>,
    /// Beside `rows`.
    facts: Vec<Facts>,
    /// Beside `rows`; built on the first search, then kept up to date.
    search: Option<Vec<SearchText>>,
    /// The last search and which rows it found (beside `rows`), so that
    /// typing on looks only at what the shorter text found.
    hits: Option<(Needle, Vec<bool>)>,
    departments: Interner<DeptId>,
    sections: Interner<String>,
    /// Per sort key, the positions of `rows` ascending by (value, id); built
    /// on first use.
    orders: Vec<Option<Vec<u32>>>,
}

/// What a filter asks of a commitment besides its assessment, as numbers.
struct Facts {
    lead: u32,
    cooperating: Box<[u32]>,
    section: u32,
    kind: KindFilter,
    due: NaiveDate,
    /// A 申请延期 waits for the office.
    extension_pending: bool,
}

/// The rows a filter keeps, in the requested order, and the faceted counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub rows: Vec<Row>,
    pub counts: FacetCounts,
}

impl LedgerIndex {
    /// Assesses and indexes every commitment of `plan` on `as_of`.
    pub fn build(plan: &Plan, as_of: NaiveDate) -> LedgerIndex {
        let n = plan.commitments.len();
        let mut index = LedgerIndex {
            as_of,
            due_soon_days: plan.settings.due_soon_days,
            rows: Vec::with_capacity(n),
            facts: Vec::with_capacity(n),
            search: None,
            hits: None,
            departments: Interner::default(),
            sections: Interner::default(),
            orders: vec![None; SortKey::ALL.len()],
        };
        for c in plan.commitments.values() {
            let row = index.row_of(plan, c);
            let facts = index.facts_of(plan, c);
            index.rows.push(row);
            index.facts.push(facts);
        }
        index
    }

    /// The date the rows are assessed on.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Every commitment, assessed, in id order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The report sections in plan order (by their first commitment).
    pub fn sections(&self) -> Vec<String> {
        let mut first = vec![usize::MAX; self.sections.values.len()];
        for (i, f) in self.facts.iter().enumerate() {
            let slot = &mut first[f.section as usize];
            if *slot == usize::MAX {
                *slot = i;
            }
        }
        let mut present: Vec<(usize, &String)> = first
            .into_iter()
            .zip(&self.sections.values)
            .filter(|(at, s)| *at != usize::MAX && !s.is_empty())
            .collect();
        present.sort_unstable();
        present.into_iter().map(|(_, s)| s.clone()).collect()
    }

    /// Brings the index up to date after the commitments `touched` (any
    /// order) were added, changed or removed in `plan`. Department and
    /// plan-wide changes may change every row: build the index again then.
    pub fn update(&mut self, plan: &Plan, touched: &[CommitmentId]) {
        let mut touched = touched.to_vec();
        touched.sort_unstable();
        touched.dedup();
        let mut changed = Vec::new();
        let mut moved = false;
        for id in touched {
            let at = self.rows.binary_search_by_key(&id, |r| r.id);
            match (plan.commitments.get(&id), at) {
                (Some(c), Ok(i)) => {
                    self.rows[i] = self.row_of(plan, c);
                    self.facts[i] = self.facts_of(plan, c);
                    if let Some(search) = &mut self.search {
                        search[i] = SearchText::of(plan, c);
                        if let Some((needle, hits)) = &mut self.hits {
                            hits[i] = needle.found_in(&search[i]);
                        }
                    }
                    changed.push(i);
                }
                (Some(c), Err(i)) => {
                    let row = self.row_of(plan, c);
                    let facts = self.facts_of(plan, c);
                    self.rows.insert(i, row);
                    self.facts.insert(i, facts);
                    if let Some(search) = &mut self.search {
                        search.insert(i, SearchText::of(plan, c));
                    }
                    moved = true;
                }
                (None, Ok(i)) => {
                    self.rows.remove(i);
                    self.facts.remove(i);
                    if let Some(search) = &mut self.search {
                        search.remove(i);
                    }
                    moved = true;
                }
                (None, Err(_)) => {}
            }
        }
        if moved {
            self.hits = None;
        }
        for key in SortKey::ALL {
            let slot = key as usize;
            if moved || changed.len() > PATCH_LIMIT {
                self.orders[slot] = None;
            } else if let Some(mut order) = self.orders[slot].take() {
                self.patch_order(plan, key, &mut order, &changed);
                self.orders[slot] = Some(order);
            }
        }
    }

    /// Filters, counts and sorts: one pass over the records, one walk along
    /// the sort order. The first search builds the search texts and the
    /// first use of a sort key builds its order; both are kept.
    pub fn select(
        &mut self,
        plan: &Plan,
        filter: &Filter,
        sort: SortKey,
        descending: bool,
    ) -> Selection {
        if !Needle::new(&filter.search).is_empty() && self.search.is_none() {
            self.search = Some(
                self.commitments(plan)
                    .map(|c| SearchText::of(plan, c))
                    .collect(),
            );
        }
        self.prepare_order(plan, sort);
        self.prepare_hits(&Needle::new(&filter.search));
        let mut tally = Tally::new(self);
        let pass = self.pass(plan, filter, Some(&mut tally));
        Selection {
            rows: self.in_order(&pass, sort, descending),
            counts: tally.finish(self),
        }
    }

    /// The rows `filter` keeps, in order, without counts: for one-shot use,
    /// it reads the search text only of commitments that pass every other
    /// criterion, and keeps none.
    pub fn matching(
        &mut self,
        plan: &Plan,
        filter: &Filter,
        sort: SortKey,
        descending: bool,
    ) -> Vec<Row> {
        self.prepare_order(plan, sort);
        let pass = self.pass(plan, filter, None);
        self.in_order(&pass, sort, descending)
    }

    /// Which rows `needle` finds, kept for the next search: only the rows
    /// the last search found are looked at when this one narrows it.
    /// Large plans are searched on every core.
    fn prepare_hits(&mut self, needle: &Needle) {
        let Some(texts) = &self.search else { return };
        if needle.is_empty() {
            return;
        }
        let earlier = match self.hits.take() {
            Some((old, hits)) if old == *needle => {
                self.hits = Some((old, hits));
                return;
            }
            Some((old, hits)) if needle.narrows(&old) => Some(hits),
            _ => None,
        };
        let mut hits = vec![false; texts.len()];
        let look = |from: usize, out: &mut [bool]| {
            for (k, hit) in out.iter_mut().enumerate() {
                let i = from + k;
                *hit = earlier.as_ref().is_none_or(|e| e[i]) && needle.found_in(&texts[i]);
            }
        };
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if texts.len() < PARALLEL_SEARCH_FROM || workers < 2 {
            look(0, &mut hits);
        } else {
            let chunk = texts.len().div_ceil(workers);
            std::thread::scope(|s| {
                for (k, out) in hits.chunks_mut(chunk).enumerate() {
                    let look = &look;
                    s.spawn(move || look(k * chunk, out));
                }
            });
        }
        self.hits = Some((needle.clone(), hits));
    }

    fn prepare_order(&mut self, plan: &Plan, sort: SortKey) {
        if self.orders[sort as usize].is_none() {
            self.orders[sort as usize] = Some(self.build_order(plan, sort));
        }
    }

    /// Which rows pass `filter`, by position; counts into `tally` if given.
    /// The search text, the dearest test, is read last and only when the
    /// row could still pass or be counted.
    fn pass(&self, plan: &Plan, filter: &Filter, mut tally: Option<&mut Tally>) -> Vec<bool> {
        let needle = Needle::new(&filter.search);
        let compiled = Compiled::new(self, filter);
        // A row failing two criteria counts for no value of either.
        let worst = if tally.is_some() { 1 } else { 0 };
        let mut pass = vec![false; self.rows.len()];
        for (i, (row, facts)) in self.rows.iter().zip(&self.facts).enumerate() {
            let a = &row.assessment;
            let failing = compiled.failing(a, facts);
            if failing.count_ones() > worst {
                continue;
            }
            if !needle.is_empty() {
                let found = match (&self.hits, &self.search) {
                    (Some((searched, hits)), _) if searched == &needle => hits[i],
                    (_, Some(texts)) => needle.found_in(&texts[i]),
                    (_, None) => plan
                        .commitments
                        .get(&row.id)
                        .is_some_and(|c| needle.found_in(&SearchText::of(plan, c))),
                };
                if !found {
                    continue;
                }
            }
            pass[i] = failing == 0;
            if let Some(tally) = tally.as_deref_mut() {
                tally.count(&compiled, failing, a, facts);
            }
        }
        pass
    }

    /// The passing rows along the prepared order of `sort`.
    fn in_order(&self, pass: &[bool], sort: SortKey, descending: bool) -> Vec<Row> {
        let order = self.orders[sort as usize].as_deref().unwrap_or_default();
        let pick = |&p: &u32| pass[p as usize].then(|| self.rows[p as usize]);
        if descending {
            order.iter().rev().filter_map(pick).collect()
        } else {
            order.iter().filter_map(pick).collect()
        }
    }

    fn row_of(&self, plan: &Plan, c: &Commitment) -> Row {
        Row {
            id: c.id,
            assessment: assess(plan, c, self.as_of),
        }
    }

    fn facts_of(&mut self, plan: &Plan, c: &Commitment) -> Facts {
        Facts {
            lead: c
                .lead
                .as_ref()
                .map_or(NO_DEPARTMENT, |d| self.departments.intern(d)),
            cooperating: c
                .cooperating
                .iter()
                .map(|d| self.departments.intern(d))
                .collect(),
            section: self.sections.intern(c.section.as_str()),
            kind: KindFilter::of(c),
            due: plan.due_of(c),
            extension_pending: c.extension.is_some(),
        }
    }

    /// The plan's commitments beside `rows`. The index is kept in step with
    /// the plan, so this walks the map; should they ever differ, it looks
    /// each row up instead.
    fn commitments<'a>(&'a self, plan: &'a Plan) -> Box<dyn Iterator<Item = &'a Commitment> + 'a> {
        let aligned = plan.commitments.len() == self.rows.len()
            && plan.commitments.keys().next() == self.rows.first().map(|r| &r.id)
            && plan.commitments.keys().next_back() == self.rows.last().map(|r| &r.id);
        debug_assert!(aligned, "the ledger index is out of step with the plan");
        if aligned {
            Box::new(plan.commitments.values())
        } else {
            Box::new(self.rows.iter().filter_map(|r| plan.commitments.get(&r.id)))
        }
    }

    fn build_order(&self, plan: &Plan, key: SortKey) -> Vec<u32> {
        if key == SortKey::Id {
            return (0..self.rows.len() as u32).collect();
        }
        let mut keyed: Vec<(SortValue, CommitmentId, u32)> = self
            .commitments(plan)
            .zip(&self.rows)
            .zip(0u32..)
            .map(|((c, r), at)| (sort_value(plan, c, r, key), r.id, at))
            .collect();
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, _, at)| at).collect()
    }

    /// Moves the `changed` positions (ascending) to where their new values belong.
    fn patch_order(&self, plan: &Plan, key: SortKey, order: &mut Vec<u32>, changed: &[usize]) {
        if changed.is_empty() {
            return;
        }
        let value_at = |at: u32| {
            let row = &self.rows[at as usize];
            plan.commitments
                .get(&row.id)
                .map(|c| (sort_value(plan, c, row, key), row.id))
        };
        order.retain(|&at| changed.binary_search(&(at as usize)).is_err());
        for &at in changed {
            let value = value_at(at as u32);
            let to = order.partition_point(|&other| value_at(other) < value);
            order.insert(to, at as u32);
        }
    }
}

/// A filter in the index's numbers: departments and sections as flags by
/// interned number, enum values as bit masks; `None` keeps everything.
struct Compiled<'f> {
    departments: Option<Vec<bool>>,
    role: DeptRole,
    statuses: Option<u32>,
    lights: Option<u32>,
    paces: Option<u32>,
    sections: Option<Vec<bool>>,
    kinds: Option<u32>,
    due: &'f [DueWindow],
    review: &'f [Review],
    as_of: NaiveDate,
    due_soon_days: i64,
}

fn mask<T: Copy>(values: &[T], bit: impl Fn(T) -> u32) -> Option<u32> {
    (!values.is_empty()).then(|| values.iter().fold(0, |m, v| m | 1 << bit(*v)))
}

fn flags<K: Borrow<Q> + Eq + Hash + Clone, Q: Eq + Hash + ?Sized>(
    interner: &Interner<K>,
    wanted: impl ExactSizeIterator<Item = impl Borrow<Q>>,
) -> Option<Vec<bool>> {
    if wanted.len() == 0 {
        return None;
    }
    let mut flags = vec![false; interner.values.len()];
    for w in wanted {
        if let Some(at) = interner.get(w.borrow()) {
            flags[at as usize] = true;
        }
    }
    Some(flags)
}

impl<'f> Compiled<'f> {
    fn new(index: &LedgerIndex, filter: &'f Filter) -> Compiled<'f> {
        Compiled {
            departments: flags::<DeptId, DeptId>(&index.departments, filter.departments.iter()),
            role: filter.role(),
            statuses: mask(&filter.statuses, |s| s as u32),
            lights: mask(&filter.lights, |l| l as u32),
            paces: mask(&filter.paces, |p| p as u32),
            sections: flags::<String, str>(
                &index.sections,
                filter.sections.iter().map(String::as_str),
            ),
            kinds: mask(&filter.kinds, |k| k as u32),
            due: &filter.due,
            review: &filter.review,
            as_of: index.as_of,
            due_soon_days: index.due_soon_days,
        }
    }

    /// The same rule as [`Filter::matches_facets`], as [`Group`] bits.
    fn failing(&self, a: &Assessment, f: &Facts) -> u8 {
        let mut failing = 0;
        if let Some(wanted) = &self.departments {
            let is = |d: u32| d != NO_DEPARTMENT && wanted[d as usize];
            let hit = match self.role {
                DeptRole::Lead => is(f.lead),
                DeptRole::Cooperating => f.cooperating.iter().any(|d| is(*d)),
                DeptRole::Any => is(f.lead) || f.cooperating.iter().any(|d| is(*d)),
            };
            if !hit {
                failing |= Group::Department as u8;
            }
        }
        let outside = |mask: Option<u32>, bit: u32| mask.is_some_and(|m| m & (1 << bit) == 0);
        if outside(self.statuses, a.status as u32) {
            failing |= Group::Status as u8;
        }
        if outside(self.lights, a.light as u32) {
            failing |= Group::Light as u8;
        }
        if outside(self.paces, a.pace as u32) {
            failing |= Group::Pace as u8;
        }
        if self
            .sections
            .as_ref()
            .is_some_and(|wanted| !wanted[f.section as usize])
        {
            failing |= Group::Section as u8;
        }
        if outside(self.kinds, f.kind as u32) {
            failing |= Group::Kind as u8;
        }
        if !self.due.is_empty() && !self.due.iter().any(|w| self.in_window(a, f, *w)) {
            failing |= Group::Due as u8;
        }
        if !self.review.is_empty()
            && !self
                .review
                .iter()
                .any(|r| r.awaits(a.status, f.extension_pending))
        {
            failing |= Group::Review as u8;
        }
        failing
    }

    fn in_window(&self, a: &Assessment, f: &Facts, w: DueWindow) -> bool {
        in_window(self.due_soon_days, f.due, a, w, self.as_of)
    }
}

/// Faceted counts in arrays, turned into maps at the end.
struct Tally {
    departments: Vec<usize>,
    sections: Vec<usize>,
    statuses: [usize; Status::ALL.len()],
    lights: [usize; Light::ALL.len()],
    kinds: [usize; KindFilter::ALL.len()],
    due: [usize; DueWindow::ALL.len()],
    review: [usize; Review::ALL.len()],
}

impl Tally {
    fn new(index: &LedgerIndex) -> Tally {
        Tally {
            departments: vec![0; index.departments.values.len()],
            sections: vec![0; index.sections.values.len()],
            statuses: Default::default(),
            lights: Default::default(),
            kinds: Default::default(),
            due: Default::default(),
            review: Default::default(),
        }
    }

    /// Counts one row for every group it fails at most alone (see [`FacetCounts`]).
    fn count(&mut self, filter: &Compiled, failing: u8, a: &Assessment, f: &Facts) {
        if failing & Group::Pace as u8 != 0 {
            return; // fails a criterion that has no counts
        }
        if Group::Department.counts(failing) {
            if f.lead != NO_DEPARTMENT && filter.role != DeptRole::Cooperating {
                self.departments[f.lead as usize] += 1;
            }
            if filter.role != DeptRole::Lead {
                for d in &f.cooperating {
                    self.departments[*d as usize] += 1;
                }
            }
        }
        if Group::Status.counts(failing) {
            self.statuses[a.status as usize] += 1;
        }
        if Group::Light.counts(failing) {
            self.lights[a.light as usize] += 1;
        }
        if Group::Section.counts(failing) {
            self.sections[f.section as usize] += 1;
        }
        if Group::Kind.counts(failing) {
            self.kinds[f.kind as usize] += 1;
        }
        if Group::Due.counts(failing) {
            for w in DueWindow::ALL {
                if filter.in_window(a, f, w) {
                    self.due[w as usize] += 1;
                }
            }
        }
        if Group::Review.counts(failing) {
            for r in Review::ALL {
                if r.awaits(a.status, f.extension_pending) {
                    self.review[r as usize] += 1;
                }
            }
        }
    }

    fn finish(self, index: &LedgerIndex) -> FacetCounts {
        fn nonzero<K: Clone + Eq + Hash>(all: &[K], n: &[usize]) -> Counts<K> {
            all.iter()
                .zip(n)
                .filter(|(_, n)| **n > 0)
                .map(|(k, n)| (k.clone(), *n))
                .collect()
        }
        FacetCounts {
            departments: nonzero(&index.departments.values, &self.departments),
            statuses: nonzero(&Status::ALL, &self.statuses),
            lights: nonzero(&Light::ALL, &self.lights),
            sections: nonzero(&index.sections.values, &self.sections),
            kinds: nonzero(&KindFilter::ALL, &self.kinds),
            due: nonzero(&DueWindow::ALL, &self.due),
            review: nonzero(&Review::ALL, &self.review),
        }
    }
}

/// Numbers for values seen, in order of first sight; never forgets one, so
/// numbers stay valid while the index lives.
struct Interner<K> {
    values: Vec<K>,
    numbers: FxHashMap<K, u32>,
}

impl<K> Default for Interner<K> {
    fn default() -> Self {
        Interner {
            values: Vec::new(),
            numbers: FxHashMap::default(),
        }
    }
}

impl<K: Eq + Hash + Clone> Interner<K> {
    fn get<Q: Eq + Hash + ?Sized>(&self, value: &Q) -> Option<u32>
    where
        K: Borrow<Q>,
    {
        self.numbers.get(value).copied()
    }

    fn intern<Q: Eq + Hash + ?Sized + ToOwned<Owned = K>>(&mut self, value: &Q) -> u32
    where
        K: Borrow<Q>,
    {
        if let Some(n) = self.numbers.get(value) {
            return *n;
        }
        let n = self.values.len() as u32;
        self.values.push(value.to_owned());
        self.numbers.insert(value.to_owned(), n);
        n
    }
}
