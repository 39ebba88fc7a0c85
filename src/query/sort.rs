//! What each ledger column sorts by, defined once for building an order and
//! for placing one edited commitment back into it.

use crate::model::{Commitment, Plan};

use super::{Row, SortKey, last_update};

/// A commitment's value in one sort column. Within a column every value is
/// the same variant, so the derived order is the column's order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SortValue<'a> {
    Text(&'a str),
    Date(Option<chrono::NaiveDate>),
    Number(i64),
    Rank(u8),
}

/// The value of `c` (assessed as `row`) in column `key`. Ties are broken by
/// id by the callers, so every order is total and deterministic.
pub(crate) fn sort_value<'a>(
    plan: &'a Plan,
    c: &'a Commitment,
    row: &Row,
    key: SortKey,
) -> SortValue<'a> {
    let a = &row.assessment;
    match key {
        SortKey::Id => SortValue::Number(i64::from(c.id.0)),
        SortKey::Title => SortValue::Text(&c.title),
        SortKey::Lead => SortValue::Text(c.lead.as_ref().map_or("", |d| plan.dept_short_name(d))),
        SortKey::Owner => SortValue::Text(&c.owner),
        SortKey::Due => SortValue::Date(Some(plan.due_of(c))),
        // Tenths of a percent; nothing measured sorts first.
        SortKey::Progress => {
            SortValue::Number(a.progress_percent.map_or(i64::MIN, |p| (p * 10.0) as i64))
        }
        SortKey::Pace => SortValue::Rank(a.pace as u8),
        SortKey::Light => SortValue::Rank(a.light as u8),
        SortKey::Status => SortValue::Rank(a.status as u8),
        SortKey::LastUpdate => SortValue::Date(last_update(c)),
    }
}
