//! Drafts of commitments from a report's text (政府工作报告).
//!
//! This is the interface the rest of the library codes against; the rules
//! that fill it in live in this folder. Nothing here knows about files or
//! windows: the input is text, the output plain data.

use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::Kind;

pub mod read;
pub mod review;

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
}

/// Finds the draft commitments of `text`.
pub fn extract(text: &str, options: &ExtractOptions) -> Extraction {
    let year = options
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&crate::today()));
    let _ = text;
    Extraction {
        year,
        drafts: Vec::new(),
    }
}
