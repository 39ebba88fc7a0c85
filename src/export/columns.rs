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
    Empty,
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
/// written the report's way followed by the plain number, then two dates
/// that stay off the printed page.
pub const DETAIL: [Column; 23] = [
    col("序号", 5.0, false, |r| Value::Number(f64::from(r.id))),
    col("任务", 24.0, true, |r| text(&r.title)),
    col("所属部分", 14.0, true, |r| text(&r.section)),
    col("牵头单位", 13.0, true, |r| {
        r.lead_department.as_deref().map_or(Value::Empty, text)
    }),
    col("配合单位", 16.0, true, |r| {
        text(&r.cooperating_departments.join("、"))
    }),
    col("责任人", 8.0, true, |r| text(&r.owner)),
    col("完成时限", 11.0, false, |r| {
        if r.extended {
            Value::Text(format!("{}（已延期）", r.due))
        } else {
            Value::Text(r.due.to_string())
        }
    }),
    col("目标", 12.0, true, |r| opt_text(r.target_text.as_deref())),
    col("目标值", 14.0, false, |r| {
        r.target.as_ref().map_or(Value::Empty, |t| {
            let goal = match t.comparator {
                Comparator::AtMost => t.high,
                _ => t.low,
            };
            Value::Quantity(goal, t.unit.clone())
        })
    }),
    col("当前值", 10.0, true, |r| {
        opt_text(r.current_text.as_deref())
    }),
    col("当前数值", 14.0, false, |r| {
        match (r.current, &r.target) {
            (Some(v), Some(t)) => Value::Quantity(v, t.unit.clone()),
            (Some(v), None) => Value::Quantity(v, String::new()),
            (None, _) => Value::Empty,
        }
    }),
    col("完成进度", 9.0, false, |r| {
        r.progress_percent.map_or(Value::Empty, Value::Percent)
    }),
    col("序时进度", 9.0, false, |r| {
        Value::Percent(r.expected_percent)
    }),
    col("序时情况", 9.0, false, |r| {
        match r.warning {
            // Which rule set the light: 欠序时（逾期未启动）, 达序时（久未更新）.
            Some(w) => Value::Text(format!("{}（{}）", labels::pace(r.pace), w.zh())),
            None => Value::Text(labels::pace(r.pace).to_owned()),
        }
    }),
    col("状态", 8.0, false, |r| {
        Value::Text(labels::status(r.status).to_owned())
    }),
    col("预警", 7.0, false, |r| Value::Light(r.light)),
    col("最新进展", 26.0, true, |r| text(&r.latest_progress)),
    col("存在问题", 18.0, true, |r| text(&r.latest_problems)),
    col("下一步措施", 18.0, true, |r| {
        text(&r.latest_next_steps)
    }),
    col("原文", 30.0, true, |r| text(&r.source_quote)),
    unprinted("填报日期", 12.0, |r| {
        r.last_update
            .map_or(Value::Empty, |d| Value::Text(d.to_string()))
    }),
    unprinted("完成日期", 12.0, |r| {
        r.done_on
            .map_or(Value::Empty, |d| Value::Text(d.to_string()))
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
