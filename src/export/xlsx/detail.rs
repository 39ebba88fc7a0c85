//! The detail sheet (明细): a header row and one row per commitment, with
//! a frozen header, an autofilter, and a page header naming plan, date and filter.

use chrono::Datelike;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use super::layout::{self, fit_row, fit_width, lines_in, text_width};
use super::styles::Styles;
use super::{DETAIL_SHEET, write_text};
use crate::export::columns::{self, DETAIL, Value};
use crate::export::{ExportError, Snapshot, labels};

pub fn write(
    sheet: &mut Worksheet,
    snapshot: &Snapshot,
    styles: &Styles,
) -> Result<(), ExportError> {
    sheet.set_name(DETAIL_SHEET)?;
    let widths = column_widths(snapshot);
    for (col, column) in DETAIL.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, column.header, &styles.header)?;
        sheet.set_column_width(col as u16, widths[col])?;
    }
    for (i, row) in snapshot.rows.iter().enumerate() {
        let r = i as u32 + 1;
        let mut lines = 1;
        for (col, column) in DETAIL.iter().enumerate() {
            let value = (column.cell)(row);
            if let (true, Value::Text(t)) = (column.wrap, &value) {
                lines = lines.max(lines_in(t, widths[col]));
            }
            let format = if column.wrap {
                &styles.wrap
            } else {
                &styles.text
            };
            write_value(sheet, r, col as u16, value, format, styles)?;
        }
        fit_row(sheet, r, lines)?;
    }
    let last_row = snapshot.rows.len() as u32;
    sheet.set_freeze_panes(1, 2)?;
    sheet.autofilter(0, 0, last_row, DETAIL.len() as u16 - 1)?;
    layout::print_setup(sheet, true);
    sheet.set_print_area(0, 0, last_row, columns::printed_columns() as u16 - 1)?;
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_header(page_header(snapshot));
    Ok(())
}

fn write_value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Value,
    format: &Format,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match value {
        Value::Text(t) => write_text(sheet, row, col, &t, format)?,
        Value::Number(n) => {
            sheet.write_number_with_format(row, col, n, &styles.number)?;
        }
        Value::Quantity(n, unit) => {
            let n = columns::clean_float(n);
            sheet.write_number_with_format(row, col, n, &styles.quantity(n, &unit))?;
        }
        Value::Percent(p) => {
            let share = columns::clean_float(p / 100.0);
            sheet.write_number_with_format(row, col, share, &styles.percent)?;
        }
        Value::Date(d) => {
            let date = rust_xlsxwriter::ExcelDateTime::from_ymd(
                u16::try_from(d.year()).unwrap_or(1900),
                d.month() as u8,
                d.day() as u8,
            )?;
            sheet.write_date_with_format(row, col, &date, &styles.date)?;
        }
        Value::Light(l) => {
            sheet.write_string_with_format(row, col, labels::light(l), styles.light(l))?;
        }
        Value::Empty => {
            sheet.write_blank(row, col, format)?;
        }
    }
    Ok(())
}

/// Each column as wide as its widest cell (header included), up to its maximum.
fn column_widths(snapshot: &Snapshot) -> Vec<f64> {
    DETAIL
        .iter()
        .map(|column| {
            let widest = snapshot
                .rows
                .iter()
                .map(|r| value_width(&(column.cell)(r)))
                .fold(text_width(column.header) + 1.0, f64::max);
            fit_width(widest, column.max_width)
        })
        .collect()
}

fn value_width(value: &Value) -> f64 {
    match value {
        Value::Text(t) => text_width(t),
        Value::Number(n) => format!("{n}").len() as f64,
        // Digits, separators and a unit of a character or two.
        Value::Quantity(n, unit) => format!("{n:.0}").len() as f64 * 1.35 + text_width(unit),
        Value::Percent(_) => 6.0,
        Value::Light(_) => 5.0,
        Value::Date(_) => 10.5,
        Value::Empty => 0.0,
    }
}

/// The page header: plan, as-of date, filter.
fn page_header(snapshot: &Snapshot) -> String {
    format!(
        "&L{}&C截至{}&R{}",
        layout::header_text(&snapshot.plan_title, 40),
        snapshot.as_of,
        layout::header_text(&snapshot.filter, 60)
    )
}
