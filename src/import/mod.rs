//! Import of an office's 任务分解表 / 台账: a workbook (.xlsx, .xls, .ods), a
//! CSV (UTF-8 or GB18030) or the tables of a Word document (.docx) read into
//! commitments, as a new plan or as edits to an open one.
//!
//! The steps, each usable alone (the CLI runs them in a row; the window
//! shows the mapping between the second and the third so the user can
//! change it):
//! 1. [`table::read`]: the sheet as text, merged cells filled;
//! 2. [`header::detect`]: the header row and each column's field, with
//!    `--map` overrides;
//! 3. [`rows::read`]: tasks with their section, numbering, departments as
//!    written;
//! 4. [`build::plan_edits`]: the edits to a plan and their summary
//!    (departments matched to the registry, unknown ones added).

pub mod build;
pub mod csv_file;
pub mod dates;
pub mod departments;
pub mod docx;
mod error;
pub mod header;
pub mod rows;
pub mod table;
pub mod workbook;

use std::path::Path;

use chrono::Datelike;

pub use build::{ImportOptions, Outcome, Summary, SummaryLine};
pub use departments::Names;
pub use error::{ImportError, Place};
pub use header::{Column, ImportField, MapSpec, Mapping};
pub use rows::{Rows, TaskRow};
pub use table::Table;

use crate::model::{Edit, Plan};

/// A table read and its columns mapped: what the window previews.
#[derive(Debug, Clone)]
pub struct Source {
    pub table: Table,
    pub mapping: Mapping,
}

impl Source {
    /// Reads `path` (one sheet: `sheet`, or the first) and maps its columns.
    pub fn open(path: &Path, sheet: Option<&str>, maps: &[MapSpec]) -> Result<Source, ImportError> {
        let table = table::read(path, sheet)?;
        let mapping = header::detect(&table, maps)?;
        Ok(Source { table, mapping })
    }

    /// The tasks under the current mapping.
    pub fn rows(&self) -> Result<Rows, ImportError> {
        rows::read(&self.table, &self.mapping)
    }

    /// The first `n` data rows, for a preview.
    pub fn preview(&self, n: usize) -> Vec<&[String]> {
        self.table
            .rows
            .iter()
            .skip(self.mapping.data_start)
            .filter(|r| r.iter().any(|c| !c.is_empty()))
            .take(n)
            .map(Vec::as_slice)
            .collect()
    }
}

/// The year dates without one are read in: `--year`, else the plan's (for
/// an import into a plan), else the one in the table's title, else this year.
pub fn year_for(explicit: Option<i32>, plan: Option<&Plan>, rows: &Rows) -> i32 {
    explicit
        .or(plan.map(|p| p.year))
        .or(rows.year)
        .unwrap_or_else(|| crate::today().year())
}

/// A new plan holding the tasks of `rows`: its title is the table's title
/// (or the file's name).
pub fn new_plan(
    source: &Source,
    rows: &Rows,
    options: &ImportOptions,
) -> Result<(Plan, Summary), crate::model::EditError> {
    let title = if rows.title.is_empty() {
        source
            .table
            .file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    } else {
        rows.title.clone()
    };
    let mut plan = Plan::new(title, options.year);
    let outcome = build::plan_edits(&plan, rows, options);
    Edit::apply_group(outcome.edits, &mut plan)?;
    Ok((plan, outcome.summary))
}

/// The summary in lines for a terminal or a dialog (Chinese, as the office reads it).
pub fn describe(summary: &Summary) -> Vec<String> {
    let mut lines = vec![format!(
        "{} 项任务：新增 {}，更新 {}，未变 {}；新增单位 {}",
        summary.tasks,
        summary.added.len(),
        summary.updated.len(),
        summary.unchanged.len(),
        summary.new_departments.len()
    )];
    for l in &summary.added {
        lines.push(format!("  新增 #{} （第{}行）{}", l.id, l.row, l.title));
    }
    for l in &summary.updated {
        lines.push(format!(
            "  更新 #{} （第{}行）{}：{}",
            l.id,
            l.row,
            l.title,
            l.changes.join("、")
        ));
    }
    if !summary.new_departments.is_empty() {
        lines.push(format!(
            "  新增单位：{}",
            summary.new_departments.join("、")
        ));
    }
    for w in &summary.warnings {
        lines.push(format!("  注意：{w}"));
    }
    lines
}
