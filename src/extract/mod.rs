//! Drafts of commitments from a report's text (政府工作报告).
//!
//! This is the interface the rest of the library codes against; the rules
//! that fill it in live in this folder. Nothing here knows about files or
//! windows: the input is text, the output plain data.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Kind;

mod clauses;
pub mod deadline;
pub mod departments;
pub mod eval;
mod filters;
mod find;
pub mod numbers;
mod past;
pub mod read;
pub mod review;
mod sections;
mod target;

pub use departments::Departments;

/// What the extractor needs beyond the text.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// The report's year (the year whose targets it sets). `None`: read it
    /// from the text (2025年政府工作报告, 今年…), else the current year.
    pub year: Option<i32>,
}

/// One draft commitment found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    /// The verbatim clause of the report it comes from.
    pub quote: String,
    /// Byte range of `quote` in the text given to [`extract`].
    pub span: Range<usize>,
    /// A short title: the clause without filler (力争、努力、全年…).
    pub title: String,
    /// The heading it stands under ("" when none).
    pub section: String,
    /// Quantitative (with its target), milestone or qualitative.
    pub kind: Kind,
    pub due: NaiveDate,
    /// The deadline phrase as written (年底前, 6月底前), or "" when implied.
    pub deadline_text: String,
    /// True when no deadline phrase was found and `due` is the year's end.
    pub due_implied: bool,
    /// A proposed lead department (a draft from the keyword table), if any.
    pub lead_department: Option<String>,
}

/// The result of one extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// The year the drafts were dated in.
    pub year: i32,
    /// The drafts, in text order.
    pub drafts: Vec<Draft>,
    /// Numbers left out, with why (past results are greyed in the review).
    pub skipped: Vec<Skipped>,
}

/// A number the extractor saw and left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// Byte range in the text (the clause of a past result, the number of
    /// the others).
    pub span: Range<usize>,
    pub reason: SkipReason,
}

/// Why a number is not a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// A result of the past (the review, 比上年, 已…, 2024年…).
    Past,
    /// Inside quotes or a title: a name or slogan.
    Name,
    /// An ordinal or part of a name (第三届, 8号线, 7大).
    Ordinal,
    /// A qualifier inside a target (1亿元以上企业, 65岁及以上).
    Threshold,
    /// The scope a task works on (围绕28条产业链).
    Scope,
    /// A description of an instrument (10亿元专项资金).
    Instrument,
    /// The same target already taken.
    Repeat,
}

/// Finds the draft commitments of `text`, leads proposed from the
/// built-in keyword table.
pub fn extract(text: &str, options: &ExtractOptions) -> Extraction {
    thread_local! {
        static BUILTIN: Departments = Departments::builtin();
    }
    BUILTIN.with(|d| extract_with(text, options, d))
}

/// [`extract`] with a department keyword table of one's own.
pub fn extract_with(text: &str, options: &ExtractOptions, departments: &Departments) -> Extraction {
    let year = options
        .year
        .or_else(|| year_of(text))
        .unwrap_or_else(|| chrono::Datelike::year(&crate::today()));
    find::run(text, year, departments)
}

/// The year a report sets targets for, read from its text: the title
/// (2025年政府工作报告), else a plan heading (2025年工作安排), else 今年是2025年.
pub fn year_of(text: &str) -> Option<i32> {
    let years = |s: &str| -> Vec<(usize, i32)> {
        s.match_indices('年')
            .filter_map(|(at, _)| {
                let start = at.checked_sub(4)?;
                let y: i32 = s.get(start..at)?.parse().ok()?;
                let prev = s[..start].chars().next_back();
                ((1990..=2100).contains(&y) && !prev.is_some_and(|c| c.is_ascii_digit()))
                    .then_some((at, y))
            })
            .collect()
    };
    let head: String = text.chars().take(300).collect();
    for (at, y) in years(&head) {
        let after: String = head[at..].chars().take(24).collect();
        if after.contains("政府工作报告") {
            return Some(y);
        }
    }
    for (at, y) in years(text) {
        let after: String = text[at..].chars().take(12).collect();
        if [
            "工作安排",
            "工作总体要求",
            "主要预期目标",
            "重点工作",
            "主要目标",
            "工作任务",
        ]
        .iter()
        .any(|w| after.contains(w))
        {
            return Some(y);
        }
    }
    for (at, y) in years(text) {
        if text[..at].ends_with("今年是") {
            return Some(y);
        }
    }
    None
}

#[cfg(test)]
mod tests;
