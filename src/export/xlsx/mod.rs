//! The snapshot as a workbook: a summary sheet (汇总: totals, per lead and
//! cooperating department, per report section, 本月变化) and a detail sheet
//! (明细: one row per commitment, the columns of `columns.rs`).
//!
//! Text is always written as text (a title that starts with `=` is a string
//! cell with a quote prefix, never a formula); figures meant for sums are
//! real numbers in the base unit; lights are cell fills; both sheets print
//! on A4, fitted to the page width, with rows as tall as their wrapped text.

mod detail;
pub(crate) mod layout;
mod styles;
mod summary;

use std::io::Write;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::{ExportError, Snapshot, cells};

pub const SUMMARY_SHEET: &str = "汇总";
pub const DETAIL_SHEET: &str = "明细";

pub fn write(snapshot: &Snapshot, out: &mut dyn Write) -> Result<(), ExportError> {
    out.write_all(&to_buffer(snapshot)?)?;
    Ok(())
}

/// The workbook's bytes.
pub fn to_buffer(snapshot: &Snapshot) -> Result<Vec<u8>, ExportError> {
    let styles = styles::Styles::new();
    let mut workbook = Workbook::new();
    summary::write(workbook.add_worksheet(), snapshot, &styles)?;
    detail::write(workbook.add_worksheet(), snapshot, &styles)?;
    Ok(workbook.save_to_buffer()?)
}

/// Writes text as a string cell, cut to what a cell holds; formula-like
/// text gets a quote prefix so that editing the cell keeps it text.
fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let text = cells::xlsx_text(text);
    if cells::looks_like_formula(&text) {
        sheet.write_string_with_format(row, col, text, &format.clone().set_quote_prefix())?;
    } else {
        sheet.write_string_with_format(row, col, text, format)?;
    }
    Ok(())
}
