//! Snapshots for the monthly report to leaders (督查月报): who is on pace,
//! who is behind, what changed. One [`Snapshot`] is built from the plan,
//! a filter and an as-of date; each format writes it from the same data.
//!
//! - `docx/`: the 督查通报 and 督办通知 as Word documents;
//! - `xlsx.rs`: a workbook with a summary sheet and a detail sheet;
//! - `csv.rs`: the detail table, UTF-8 with a byte-order mark;
//! - `html.rs` and `markdown.rs`: the printable report, laid out by `report.rs`.
//!
//! Nothing here knows about files or windows: writers take any `Write`.

pub(crate) mod cells;
pub mod columns;
pub mod csv;
pub mod docx;
mod filter_text;
pub mod html;
pub mod labels;
pub mod markdown;
mod report;
mod tally;
pub mod xlsx;

use chrono::NaiveDate;

use crate::model::{Plan, PlanSettings};
use crate::query::{self, Filter};
use crate::row::LedgerRow;
use crate::summary::Role;

pub use filter_text::{UNFILTERED, describe_filter};
pub use tally::{GroupTally, Tally, Totals};

/// The group of commitments that have no lead department.
pub const NO_LEAD: &str = "未明确牵头单位";
/// The group of commitments that stand under no report heading.
pub const NO_SECTION: &str = "未分部分";

/// One line of 本月变化, already worded: "完成进度由 40% 升至 60%".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLine {
    pub id: u32,
    pub title: String,
    pub what: String,
}

impl ChangeLine {
    /// The 本月变化 lines of a diff, one per change, in commitment order.
    pub fn from_changes(changes: &crate::diff::Changes) -> Vec<ChangeLine> {
        changes
            .entries
            .iter()
            .map(|c| ChangeLine {
                id: c.id.0,
                title: c.title.clone(),
                what: c.kind.describe_zh(),
            })
            .collect()
    }
}

/// Everything an export says, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub plan_title: String,
    /// 发文单位, e.g. 太原市人民政府 (may be empty).
    pub issuer: String,
    pub as_of: NaiveDate,
    /// The plan's thresholds, for the legend of the lights.
    pub settings: PlanSettings,
    /// The filter in words ([`UNFILTERED`] when nothing is filtered out).
    pub filter: String,
    pub totals: Totals,
    /// Per lead department (full names), largest first.
    pub by_lead: Vec<GroupTally>,
    /// Per cooperating department (full names), largest first.
    pub by_cooperating: Vec<GroupTally>,
    /// Per report section, in the report's order.
    pub by_section: Vec<GroupTally>,
    /// One row per commitment that passes the filter, by id.
    pub rows: Vec<LedgerRow>,
    /// What changed since the previous snapshot, when it is known.
    pub changes: Option<Vec<ChangeLine>>,
    /// The date of that snapshot: 本月变化 names both dates.
    pub changes_since: Option<NaiveDate>,
    /// The department (full name) when the export is one department's
    /// (filtered to exactly one): its report has 牵头的 and 配合的 sections.
    pub department: Option<String>,
}

impl Snapshot {
    /// The plan as it stood on `as_of`, restricted to `filter`;
    /// `filter_description` is printed at the top (see [`describe_filter`]).
    pub fn build(
        plan: &Plan,
        filter: &Filter,
        as_of: NaiveDate,
        filter_description: String,
    ) -> Snapshot {
        let selected = query::select(plan, filter, as_of);
        let rows = LedgerRow::all(plan, &selected, as_of);
        Snapshot {
            plan_title: plan.title.clone(),
            issuer: plan.issuer.clone(),
            as_of,
            settings: plan.settings.clone(),
            filter: filter_description,
            totals: Totals::of(&selected, &rows),
            by_lead: tally::by_department(plan, &selected, Role::Lead),
            by_cooperating: tally::by_department(plan, &selected, Role::Cooperating),
            by_section: tally::by_section(plan, &selected),
            rows,
            changes: None,
            changes_since: None,
            department: match filter.departments.as_slice() {
                [d] if !filter.lead_only && !filter.cooperating_only => {
                    Some(plan.dept_name(d).to_owned())
                }
                _ => None,
            },
        }
    }
}

impl Snapshot {
    /// Adds 本月变化: what changed since `old` (a snapshot judged as of
    /// `old_as_of`) for the commitments this export holds, and for those
    /// removed since (they can no longer match its filter).
    ///
    /// A snapshot newer than the export's date is refused: its changes
    /// would run backwards (当前值：5.8% → 未填报).
    pub fn add_changes_since(
        &mut self,
        old: &Plan,
        plan: &Plan,
        old_as_of: NaiveDate,
    ) -> Result<(), ExportError> {
        if old_as_of > self.as_of {
            return Err(ExportError::SinceAfterAsOf {
                since: old_as_of,
                as_of: self.as_of,
            });
        }
        let changes = crate::diff::diff(old, plan, old_as_of, self.as_of);
        let shown: std::collections::HashSet<u32> = self.rows.iter().map(|r| r.id).collect();
        let lines = ChangeLine::from_changes(&changes)
            .into_iter()
            .filter(|l| {
                shown.contains(&l.id)
                    || !plan
                        .commitments
                        .contains_key(&crate::model::CommitmentId(l.id))
            })
            .collect();
        self.changes = Some(lines);
        self.changes_since = Some(old_as_of);
        Ok(())
    }
}

/// The lead department of a row, or [`NO_LEAD`].
pub fn lead_of(row: &LedgerRow) -> String {
    row.lead_department
        .clone()
        .unwrap_or_else(|| NO_LEAD.to_owned())
}

/// What can go wrong while writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("cannot build the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error(
        "the snapshot of {since} is newer than the report's date {as_of}: its changes would run backwards; choose a snapshot of {as_of} or earlier, or a later --as-of"
    )]
    SinceAfterAsOf { since: NaiveDate, as_of: NaiveDate },
}

/// The formats a snapshot can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Xlsx,
    Csv,
    Markdown,
    Html,
    /// The 督查通报 as a Word document.
    Docx,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Xlsx,
        Format::Csv,
        Format::Markdown,
        Format::Html,
        Format::Docx,
    ];

    /// The word of the CLI's `--format` and the usual file extension.
    pub fn key(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    /// Writes `snapshot` in this format.
    pub fn write(
        self,
        snapshot: &Snapshot,
        out: &mut dyn std::io::Write,
    ) -> Result<(), ExportError> {
        match self {
            Format::Xlsx => xlsx::write(snapshot, out),
            Format::Csv => csv::write(snapshot, out),
            Format::Markdown => markdown::write(snapshot, out),
            Format::Html => html::write(snapshot, out),
            Format::Docx => docx::write(snapshot, out),
        }
    }

    /// The export as bytes, ready to be written to a file in one go.
    pub fn to_bytes(self, snapshot: &Snapshot) -> Result<Vec<u8>, ExportError> {
        let mut bytes = Vec::new();
        self.write(snapshot, &mut bytes)?;
        Ok(bytes)
    }
}
