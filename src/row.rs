//! One commitment flattened for scripts and exports: the JSON object of
//! `commitments list --format json`, and the columns of CSV and tables.
//! Field names are a contract: extend, never rename.

use chrono::NaiveDate;
use serde::Serialize;

use crate::display::report_style;
use crate::model::{Commitment, Comparator, Plan, Status};
use crate::pace::{Light, Pace};
use crate::query::Row;

/// A target as scripts see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetView {
    pub metric: String,
    pub comparator: Comparator,
    pub low: f64,
    pub high: f64,
    pub unit: String,
    pub cumulative: bool,
}

/// A commitment as scripts see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerRow {
    pub id: u32,
    pub title: String,
    pub section: String,
    pub source_quote: String,
    pub kind: &'static str,
    /// Full name of the lead department.
    pub lead_department: Option<String>,
    /// Full names of the cooperating departments.
    pub cooperating_departments: Vec<String>,
    pub owner: String,
    pub status: Status,
    pub pace: Pace,
    pub light: Light,
    pub start: NaiveDate,
    pub due: NaiveDate,
    pub done_on: Option<NaiveDate>,
    pub target: Option<TargetView>,
    pub current: Option<f64>,
    pub progress_percent: Option<f64>,
    /// 序时进度: share of the period elapsed on the as-of date.
    pub expected_percent: f64,
    /// The target the way the report writes it (1.4万座).
    pub target_text: Option<String>,
    /// The current value the way the report writes it.
    pub current_text: Option<String>,
    pub last_update: Option<NaiveDate>,
    /// 进展情况, 存在问题, 下一步措施 of the latest entry.
    pub latest_progress: String,
    pub latest_problems: String,
    pub latest_next_steps: String,
    pub tags: Vec<String>,
    /// The warning rule that set the light (not_started_late, stale), if any.
    pub warning: Option<crate::pace::Warning>,
    /// Whether the due date was moved by an approved 申请延期 (已延期).
    pub extended: bool,
    /// A 申请延期 waits for the office.
    pub extension_pending: bool,
    /// The evidence files (佐证材料) of its progress entries and its
    /// 申请销号 as of the date, by name, each name once, oldest first.
    pub evidence: Vec<String>,
}

/// The names of the evidence files attached to a commitment's progress
/// entries and its 申请销号 by `as_of`, each name once, oldest first.
pub fn evidence_names(c: &crate::model::Commitment, as_of: NaiveDate) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let entries = c
        .progress
        .iter()
        .filter(|e| e.date <= as_of)
        .flat_map(|e| e.evidence.iter());
    let closure = c
        .closure
        .iter()
        .filter(|r| r.on <= as_of)
        .flat_map(|r| r.evidence.iter());
    for e in entries.chain(closure) {
        if !names.contains(&e.name) {
            names.push(e.name.clone());
        }
    }
    names
}

/// The target in the report's words: 1.4万座, 3-5家, 6.5%左右.
pub fn target_text(t: &crate::model::Target) -> String {
    let low = report_style(t.low, &t.unit);
    match t.comparator {
        Comparator::Range => {
            let high = report_style(t.high, &t.unit);
            let low_bare = low.strip_suffix(t.unit.as_str()).unwrap_or(&low);
            format!("{low_bare}-{high}")
        }
        Comparator::AtLeast => format!("≥{low}"),
        Comparator::AtMost => format!("≤{}", report_style(t.high, &t.unit)),
        Comparator::Approx => format!("≈{low}"),
        Comparator::Exact => low,
    }
}

impl LedgerRow {
    pub fn new(plan: &Plan, c: &Commitment, row: &Row, as_of: NaiveDate) -> LedgerRow {
        let a = &row.assessment;
        let target = c.target_as_of(as_of);
        let latest = c.latest_entry(as_of);
        LedgerRow {
            id: c.id.0,
            title: c.title.clone(),
            section: c.section.clone(),
            source_quote: c.source_quote.clone(),
            kind: c.kind.key(),
            lead_department: c.lead.as_ref().map(|d| plan.dept_name(d).to_owned()),
            cooperating_departments: c
                .cooperating
                .iter()
                .map(|d| plan.dept_name(d).to_owned())
                .collect(),
            owner: c.owner.clone(),
            status: a.status,
            pace: a.pace,
            light: a.light,
            start: plan.start_of(c),
            due: plan.due_of(c),
            done_on: c.done_on.filter(|d| *d <= as_of),
            target_text: target.as_ref().map(target_text),
            current_text: match (&target, a.current) {
                (Some(t), Some(v)) => Some(report_style(v, &t.unit)),
                _ => None,
            },
            target: target.map(|t| TargetView {
                metric: t.metric,
                comparator: t.comparator,
                low: t.low,
                high: t.high,
                unit: t.unit,
                cumulative: t.cumulative,
            }),
            current: a.current,
            progress_percent: a.progress_percent.map(|p| (p * 10.0).round() / 10.0),
            expected_percent: (a.expected_percent * 10.0).round() / 10.0,
            last_update: c
                .progress
                .iter()
                .filter(|e| e.date <= as_of)
                .map(|e| e.date)
                .max(),
            latest_progress: latest.map(|e| e.progress.clone()).unwrap_or_default(),
            latest_problems: latest.map(|e| e.problems.clone()).unwrap_or_default(),
            latest_next_steps: latest.map(|e| e.next_steps.clone()).unwrap_or_default(),
            tags: c.tags.clone(),
            warning: a.warning,
            extended: c.was_extended(),
            extension_pending: c.extension.is_some(),
            evidence: evidence_names(c, as_of),
        }
    }

    /// Rows for the given assessed commitments, in the given order.
    pub fn all(plan: &Plan, rows: &[Row], as_of: NaiveDate) -> Vec<LedgerRow> {
        rows.iter()
            .filter_map(|r| {
                plan.commitments
                    .get(&r.id)
                    .map(|c| LedgerRow::new(plan, c, r, as_of))
            })
            .collect()
    }
}
