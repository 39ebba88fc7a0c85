//! The review of an extraction: the report text beside its draft
//! commitments, each accepted, edited, split, merged or dropped by the
//! user, plus drafts made from a selection of the text. Nothing enters a
//! plan until [`Review::into_plan`] (a new plan) or [`Review::supplement`]
//! (edits adding to an open plan) is called.
//!
//! No egui here: the window's review screen is a view of this model.

mod plan;
mod sections;

use std::ops::Range;

use chrono::NaiveDate;

use super::{Draft, ExtractOptions, Extraction};
use crate::model::Kind;

pub use plan::{DuplicateOf, Skipped, Supplement, department_for, duplicate_of, normalise};
pub use sections::{heading_of, section_at};

/// What the user decided about a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decision {
    /// Not looked at yet: does not enter the plan.
    #[default]
    Pending,
    /// Enters the plan on confirmation.
    Accepted,
    /// Kept in the list (greyed), never enters the plan.
    Dropped,
}

/// One draft under review.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewDraft {
    pub draft: Draft,
    pub decision: Decision,
}

/// Why a review operation was refused. The review is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("no draft number {index} (the review has {len} drafts)")]
    NoSuchDraft { index: usize, len: usize },
    #[error("draft {0} is the last one: there is no next draft to merge it with")]
    NothingToMerge(usize),
    #[error(
        "the selection {start}..{end} is not a range of the report text ({len} bytes) on character boundaries"
    )]
    BadSelection {
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("the selection holds no text, only spaces or punctuation")]
    EmptySelection,
}

/// A review session over one report text.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    text: String,
    year: i32,
    drafts: Vec<ReviewDraft>,
    /// Byte ranges the extractor skipped (past results), shown greyed.
    skipped: Vec<Range<usize>>,
}

impl Review {
    /// A review of `extraction`, found in `text`. Spans that do not match
    /// the text are found again from the quote (whitespace ignored), or
    /// left empty when the quote is not in the text.
    pub fn new(text: String, extraction: Extraction) -> Review {
        let drafts = extraction
            .drafts
            .into_iter()
            .map(|mut draft| {
                draft.span = fit_span(&text, &draft.quote, draft.span.clone());
                ReviewDraft {
                    draft,
                    decision: Decision::Pending,
                }
            })
            .collect();
        Review {
            text,
            year: extraction.year,
            drafts,
            skipped: Vec::new(),
        }
    }

    /// Runs the extractor on `text` and reviews what it found.
    pub fn from_text(text: String, options: &ExtractOptions) -> Review {
        let extraction = super::extract(&text, options);
        let past = past_spans(&extraction);
        Review::new(text, extraction).with_skipped(past)
    }

    /// Marks ranges of the text as skipped by the extractor (past results):
    /// the window greys them. Ranges outside the text are ignored.
    pub fn with_skipped(mut self, ranges: Vec<Range<usize>>) -> Review {
        self.skipped = ranges
            .into_iter()
            .filter(|r| valid_range(&self.text, r))
            .collect();
        self
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    pub fn drafts(&self) -> &[ReviewDraft] {
        &self.drafts
    }

    pub fn skipped(&self) -> &[Range<usize>] {
        &self.skipped
    }

    pub fn len(&self) -> usize {
        self.drafts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.drafts.is_empty()
    }

    /// How many drafts are pending, accepted and dropped.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |d: Decision| self.drafts.iter().filter(|r| r.decision == d).count();
        (
            n(Decision::Pending),
            n(Decision::Accepted),
            n(Decision::Dropped),
        )
    }

    /// The drafts that enter the plan on confirmation, in text order.
    pub fn accepted(&self) -> impl Iterator<Item = (usize, &Draft)> {
        self.drafts
            .iter()
            .enumerate()
            .filter(|(_, r)| r.decision == Decision::Accepted)
            .map(|(i, r)| (i, &r.draft))
    }

    fn check(&self, index: usize) -> Result<(), ReviewError> {
        if index < self.drafts.len() {
            Ok(())
        } else {
            Err(ReviewError::NoSuchDraft {
                index,
                len: self.drafts.len(),
            })
        }
    }

    pub fn decide(&mut self, index: usize, decision: Decision) -> Result<(), ReviewError> {
        self.check(index)?;
        self.drafts[index].decision = decision;
        Ok(())
    }

    /// Drops a draft: it stays in the list, greyed, and never enters the plan.
    pub fn drop_draft(&mut self, index: usize) -> Result<(), ReviewError> {
        self.decide(index, Decision::Dropped)
    }

    /// Accepts every draft still pending; returns how many.
    pub fn accept_pending(&mut self) -> usize {
        let mut n = 0;
        for r in &mut self.drafts {
            if r.decision == Decision::Pending {
                r.decision = Decision::Accepted;
                n += 1;
            }
        }
        n
    }

    /// Replaces a draft with an edited one (any field, target included).
    /// A changed quote is found again in the text for its highlight.
    pub fn edit(&mut self, index: usize, mut draft: Draft) -> Result<(), ReviewError> {
        self.check(index)?;
        draft.span = fit_span(&self.text, &draft.quote, draft.span.clone());
        self.drafts[index].draft = draft;
        Ok(())
    }

    /// Splits a draft in two with the same quote ("分别增长6%和5%"): the copy
    /// follows it, pending. Returns the copy's index.
    pub fn split(&mut self, index: usize) -> Result<usize, ReviewError> {
        self.check(index)?;
        let copy = ReviewDraft {
            draft: self.drafts[index].draft.clone(),
            decision: Decision::Pending,
        };
        self.drafts.insert(index + 1, copy);
        Ok(index + 1)
    }

    /// Merges a draft with the next one: the quote covers both clauses, the
    /// titles are joined, the first's kind is kept unless it is qualitative,
    /// the later due date wins. The merged draft is pending.
    pub fn merge_with_next(&mut self, index: usize) -> Result<(), ReviewError> {
        self.check(index)?;
        if index + 1 >= self.drafts.len() {
            return Err(ReviewError::NothingToMerge(index));
        }
        let next = self.drafts.remove(index + 1).draft;
        let text = &self.text;
        let first = &mut self.drafts[index];
        first.decision = Decision::Pending;
        let d = &mut first.draft;
        let (a, b) = (d.span.clone(), next.span.clone());
        if !a.is_empty() && !b.is_empty() {
            let span = a.start.min(b.start)..a.end.max(b.end);
            d.quote = text[span.clone()].to_owned();
            d.span = span;
        } else if d.quote != next.quote {
            d.quote = format!("{}{}", d.quote, next.quote);
            d.span = fit_span(text, &d.quote, 0..0);
        }
        if d.title != next.title {
            d.title = format!("{}；{}", d.title, next.title);
        }
        if matches!(d.kind, Kind::Qualitative) {
            d.kind = next.kind;
        }
        if next.due > d.due {
            d.due = next.due;
            d.deadline_text = next.deadline_text;
            d.due_implied = next.due_implied;
        }
        if d.lead_department.is_none() {
            d.lead_department = next.lead_department;
        }
        Ok(())
    }

    /// Makes a draft from a selection of the text (a commitment the
    /// extractor missed): the selection trimmed of spaces is the quote and
    /// the title, qualitative, due at the year's end (implied), under the
    /// heading above it. It is accepted (the user chose it) and placed in
    /// text order. Returns its index.
    pub fn add_selection(&mut self, range: Range<usize>) -> Result<usize, ReviewError> {
        if !valid_range(&self.text, &range) {
            return Err(ReviewError::BadSelection {
                start: range.start,
                end: range.end,
                len: self.text.len(),
            });
        }
        let raw = &self.text[range.clone()];
        let lead = raw.len() - raw.trim_start().len();
        let quote = raw.trim();
        if normalise(quote).is_empty() {
            return Err(ReviewError::EmptySelection);
        }
        let start = range.start + lead;
        let span = start..start + quote.len();
        let title: String = quote
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(['。', '；', '，', '、', ';', ',', '.'])
            .to_owned();
        let draft = Draft {
            quote: quote.to_owned(),
            span: span.clone(),
            title,
            section: section_at(&self.text, start),
            kind: Kind::Qualitative,
            due: year_end(self.year),
            deadline_text: String::new(),
            due_implied: true,
            lead_department: None,
        };
        let at = self
            .drafts
            .iter()
            .position(|r| !r.draft.span.is_empty() && r.draft.span.start > start)
            .unwrap_or(self.drafts.len());
        self.drafts.insert(
            at,
            ReviewDraft {
                draft,
                decision: Decision::Accepted,
            },
        );
        Ok(at)
    }

    /// The draft highlighted at byte `at` of the text: the first one not
    /// dropped whose quote covers it, else a dropped one.
    pub fn draft_at(&self, at: usize) -> Option<usize> {
        let covers = |r: &ReviewDraft| r.draft.span.start <= at && at < r.draft.span.end;
        self.drafts
            .iter()
            .position(|r| r.decision != Decision::Dropped && covers(r))
            .or_else(|| self.drafts.iter().position(covers))
    }

    /// A new plan holding the accepted drafts (see [`plan::into_plan`]).
    pub fn into_plan(&self, title: &str, year: i32) -> crate::model::Plan {
        plan::into_plan(self, title, year)
    }

    /// The edits adding the accepted drafts to `existing`, skipping those
    /// that repeat one of its commitments (see [`plan::supplement`]).
    pub fn supplement(&self, existing: &crate::model::Plan) -> Supplement {
        plan::supplement(self, existing)
    }
}

/// The spans the extractor left out as past results (greyed in the window).
pub fn past_spans(extraction: &Extraction) -> Vec<Range<usize>> {
    extraction
        .skipped
        .iter()
        .filter(|s| s.reason == super::SkipReason::Past)
        .map(|s| s.span.clone())
        .collect()
}

/// The file that keeps a plan's report text beside it, the way the shipped
/// plan keeps its report: `plan.ron` → `plan.report.txt`. The plan names
/// it in `source_report.text_file` (relative, so the pair can be moved).
pub fn report_file_for(plan_path: &std::path::Path) -> std::path::PathBuf {
    let stem = plan_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".to_owned());
    plan_path.with_file_name(format!("{stem}.report.txt"))
}

/// Writes the report text beside the plan at `plan_path` (atomically, never
/// over an existing file) and returns the name the plan records.
pub fn write_report_beside(
    plan_path: &std::path::Path,
    text: &str,
) -> Result<String, crate::storage::StorageError> {
    let path = report_file_for(plan_path);
    crate::storage::write_output(&path, text.as_bytes(), false)?;
    Ok(path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default())
}

/// The last day of `year`: what 年内 and an unwritten deadline mean.
pub fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

fn valid_range(text: &str, r: &Range<usize>) -> bool {
    r.start <= r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

/// `span` when it holds `quote` (whitespace ignored), else where the quote
/// is found, else an empty range.
fn fit_span(text: &str, quote: &str, span: Range<usize>) -> Range<usize> {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    if valid_range(text, &span) && !span.is_empty() && squash(&text[span.clone()]) == squash(quote)
    {
        return span;
    }
    crate::report_text::locate(text, quote).unwrap_or(0..0)
}

#[cfg(test)]
mod tests;
