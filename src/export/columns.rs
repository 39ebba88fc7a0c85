//! The columns of the detail table (明细), shared by XLSX and CSV: one list,
//! so the two always agree on names, order and content.

use crate::model::Comparator;
use crate::pace::Light;
use crate::row::LedgerRow;

use super::labels;

/// One cell of the detail table, before a format writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, which may come from a person: never a formula.
    Text(String),
    /// A plain number (an id).
    Number(f64),
    /// A figure in the base unit, meant for sums: written as a number,
    /// shown with its unit where the format can (14,000座).
    Quantity(f64, String),
    /// A share in percent (0-100).
    Percent(f64),
    /// A light, written as its label and shown in its colour.
    Light(Light),
    /// A date: a date cell in a workbook, YYYY-MM-DD in CSV.
    Date(chrono::NaiveDate),
    Empty,
}

/// `x` without the float noise of arithmetic (0.9420000000000001 → 0.942):
/// rounded to 9 significant digits, which no figure of a plan needs more of.
pub fn clean_float(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    format!("{x:.8e}").parse().unwrap_or(x)
}

/// A column: its header, its width in a spreadsheet (in characters of the
/// default font: at most `max_width`, wrapping long text when `wrap`),
/// whether it is printed, and its cell.
pub struct Column {
    pub header: &'static str,
    pub max_width: f64,
    pub wrap: bool,
    pub printed: bool,
    pub cell: fn(&LedgerRow) -> Value,
}

const fn col(
    header: &'static str,
    max_width: f64,
    wrap: bool,
    cell: fn(&LedgerRow) -> Value,
) -> Column {
    Column {
        header,
        max_width,
        wrap,
        printed: true,
        cell,
    }
}

/// A column kept out of the printed page (it follows every printed one).
const fn unprinted(header: &'static str, max_width: f64, cell: fn(&LedgerRow) -> Value) -> Column {
    Column {
        header,
        max_width,
        wrap: false,
        printed: false,
        cell,
    }
}

/// The detail columns, in order: the office's ledger columns, each figure
/// written the report's way, then what stays off the printed page (so that
/// the printed text is at least 9 pt on A4 landscape): the original text,
/// the plain numbers (in the base unit, for sums) and two dates.
pub const DETAIL: [Column; 23] = [
    col("序号", 5.0, false, |r| Value::Number(f64::from(r.id))),
    col("任务", 18.0, true, |r| text(&r.title)),
    col("所属部分", 10.0, true, |r| text(&r.section)),
    col("牵头单位", 10.0, true, |r| {
        r.lead_department.as_deref().map_or(Value::Empty, text)
    }),
    col("配合单位", 11.0, true, |r| {
        text(&r.cooperating_departments.join("、"))
    }),
    col("责任人", 7.0, true, |r| text(&r.owner)),
    col("完成时限", 11.0, false, |r| Value::Date(r.due)),
    col("目标", 10.0, true, |r| opt_text(r.target_text.as_deref())),
    col("当前值", 9.0, true, |r| {
        opt_text(r.current_text.as_deref())
    }),
    col("完成进度", 7.5, false, |r| {
        r.progress_percent.map_or(Value::Empty, Value::Percent)
    }),
    col("序时进度", 7.5, false, |r| {
        Value::Percent(r.expected_percent)
    }),
    col("序时情况", 7.5, true, |r| {
        let mut words = labels::pace(r.pace).to_owned();
        // Which rule set the light: 欠序时（逾期未启动）, 达序时（久未更新）.
        if let Some(w) = r.warning {
            words.push_str(&format!("（{}）", w.zh()));
        }
        if r.extended {
            words.push_str("（已延期）");
        }
        Value::Text(words)
    }),
    col("状态", 7.0, false, |r| {
        Value::Text(labels::status(r.status).to_owned())
    }),
    col("预警", 6.0, false, |r| Value::Light(r.light)),
    col("最新进展", 18.0, true, |r| text(&r.latest_progress)),
    col("存在问题", 13.0, true, |r| text(&r.latest_problems)),
    col("下一步措施", 13.0, true, |r| {
        text(&r.latest_next_steps)
    }),
    unprinted("原文", 30.0, |r| text(&r.source_quote)),
    unprinted("目标值", 16.0, |r| {
        r.target.as_ref().map_or(Value::Empty, |t| {
            let goal = match t.comparator {
                Comparator::AtMost => t.high,
                _ => t.low,
            };
            Value::Quantity(goal, t.unit.clone())
        })
    }),
    unprinted("当前数值", 16.0, |r| match (r.current, &r.target) {
        (Some(v), Some(t)) => Value::Quantity(v, t.unit.clone()),
        (Some(v), None) => Value::Quantity(v, String::new()),
        (None, _) => Value::Empty,
    }),
    unprinted("填报日期", 12.0, |r| {
        r.last_update.map_or(Value::Empty, Value::Date)
    }),
    unprinted("完成日期", 12.0, |r| {
        r.done_on.map_or(Value::Empty, Value::Date)
    }),
    unprinted("佐证材料", 20.0, |r| text(&r.evidence.join("、"))),
];

fn text(s: &str) -> Value {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(s.to_owned())
    }
}

fn opt_text(s: Option<&str>) -> Value {
    s.map_or(Value::Empty, text)
}

/// The headers of the detail table.
pub fn headers() -> impl Iterator<Item = &'static str> {
    DETAIL.iter().map(|c| c.header)
}

/// How many leading columns are printed.
pub fn printed_columns() -> usize {
    DETAIL.iter().take_while(|c| c.printed).count()
}
