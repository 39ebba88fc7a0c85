//! Merging returns: a [`Preview`] of what each return would record and
//! every problem found, then the accepted rows as one group of edits.
//!
//! A row with a *problem* is left out by "accept all" (`--accept-all`); the
//! window lets the user accept it anyway when it can be recorded at all
//! (a value that went down, a commitment changed since the form was made).
//! Rows that cannot be recorded (unknown id, another plan, a commitment the
//! department does not hold, a value that is not a number) have no entry.
//! *Notices* (late, 申请销号, a second return for the same commitment) do
//! not keep a row out.

mod apply;
mod check;

use std::path::PathBuf;

use chrono::NaiveDate;

pub use apply::{Merged, apply};
pub use check::{PreviewOptions, preview, preview_files};

use super::Period;
use crate::evidence::EvidenceError;
use crate::model::{CommitmentId, DeptId, ProgressEntry, Status};

/// Something found in a return or one of its rows.
#[derive(Debug, Clone, PartialEq)]
pub enum Issue {
    // ---- the whole return
    /// The hidden sheet is missing or unreadable.
    NoMeta(String),
    /// The hidden sheet was edited (its seal does not match).
    SealBroken,
    /// A form of another plan.
    OtherPlan { form: String, plan: String },
    /// The period is unreadable, or outside the plan's year.
    BadPeriod(String),
    /// The form's period is not the one expected (file name or chosen period).
    OtherPeriod { form: Period, expected: Period },
    /// The department named in the file name or on the sheet is not the form's.
    OtherDepartment { form: String, named: String },
    /// The form's department is not in the plan.
    UnknownDepartment(String),
    /// 填报日期 is not a date; the file's date is used.
    DateUnreadable(String),
    /// Returned after the deadline.
    Late {
        returned_on: NaiveDate,
        due: NaiveDate,
    },
    /// Rows nobody filled in.
    Unfilled(usize),

    // ---- one row
    /// The read-only cells were edited: the fields that differ from the form as made.
    ProtectedEdited(Vec<&'static str>),
    /// The commitment changed in the plan since the form was made: field,
    /// the form's text, the plan's text.
    ChangedInPlan(Vec<(&'static str, String, String)>),
    /// An id not on the form as made, or not in the plan.
    UnknownId(String),
    /// The department neither leads nor cooperates on the commitment.
    NotHeld,
    /// 本期完成值 is not a number.
    NotANumber(String),
    /// A value for a commitment that has no quantitative target.
    ValueWithoutTarget,
    /// A cumulative value below the last one recorded.
    WentDown { before: f64, now: f64 },
    /// A value far from the target's scale (a 万 slip: 14000 typed as 1.4).
    OutOfScale { value: f64, scale: f64 },
    /// 状态 is not one of the drop-down's words.
    UnknownStatus(String),
    /// Already merged (the same row of the same return): nothing to do.
    AlreadyMerged,
    /// Another department returned the same commitment for the period; the
    /// lead's value counts, both are kept as progress.
    TwoReturns { other: String },
    /// A cooperating department's value: kept in the entry's text, the
    /// lead's value counts.
    CooperatingValue,
    /// 申请销号: recorded as a request for the office to confirm.
    ClosureRequested,
    /// 申请延期: recorded as a request for the office to approve.
    ExtensionRequested { to: NaiveDate, due: NaiveDate },
    /// 申请延期 that the rules refuse (too late, not later, no reason, a
    /// cooperating department): the rest of the row can still be recorded.
    ExtensionRefused(String),
    /// 申请延期至 is not a date.
    BadExtensionDate(String),
    /// 佐证材料 found beside the form: stored with the entry when merged.
    EvidenceFound(Vec<String>),
    /// 佐证材料 named but not found beside the form.
    EvidenceMissing(Vec<String>),
}

impl Issue {
    /// Whether it keeps the row out of "accept all".
    pub fn is_problem(&self) -> bool {
        !matches!(
            self,
            Issue::DateUnreadable(_)
                | Issue::Late { .. }
                | Issue::Unfilled(_)
                | Issue::AlreadyMerged
                | Issue::TwoReturns { .. }
                | Issue::CooperatingValue
                | Issue::ClosureRequested
                | Issue::ExtensionRequested { .. }
                | Issue::EvidenceFound(_)
        )
    }

    /// Whether a return with it cannot be recorded at all.
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            Issue::NoMeta(_)
                | Issue::SealBroken
                | Issue::OtherPlan { .. }
                | Issue::BadPeriod(_)
                | Issue::UnknownDepartment(_)
                | Issue::UnknownId(_)
                | Issue::NotHeld
                | Issue::NotANumber(_)
                | Issue::ValueWithoutTarget
                | Issue::UnknownStatus(_)
        )
    }

    /// The issue in Chinese (the returns and their problems are the
    /// office's documents, in its language, whatever the window's).
    pub fn zh(&self) -> String {
        let n = |v: f64| crate::display::trim_number(v, 4);
        match self {
            Issue::NoMeta(why) => format!("不是本系统下发的填报表，或隐藏校验表缺失：{why}"),
            Issue::SealBroken => "隐藏校验表被改动，无法确认填报表来源".to_owned(),
            Issue::OtherPlan { form, plan } => {
                format!("不是本计划的填报表（表内计划标识 {form}，本计划 {plan}）")
            }
            Issue::BadPeriod(why) => format!("报送期间不对：{why}"),
            Issue::OtherPeriod { form, expected } => {
                format!("报送期间为{}，不是{}", form.zh(), expected.zh())
            }
            Issue::OtherDepartment { form, named } => {
                format!("填报表属于{form}，但文件名或表头为{named}")
            }
            Issue::UnknownDepartment(d) => format!("计划中没有单位“{d}”"),
            Issue::DateUnreadable(t) => format!("填报日期“{t}”不是日期，按文件日期计"),
            Issue::Late { returned_on, due } => format!(
                "逾期报送：{}报送，截止{}",
                returned_on.format("%Y-%m-%d"),
                due.format("%Y-%m-%d")
            ),
            Issue::Unfilled(k) => format!("{k}行未填写"),
            Issue::ProtectedEdited(fields) => {
                format!("受保护的单元格被改动：{}", fields.join("、"))
            }
            Issue::ChangedInPlan(fields) => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|(f, old, new)| format!("{f}：表中“{old}”，现为“{new}”"))
                    .collect();
                format!("下发后任务已调整：{}", parts.join("；"))
            }
            Issue::UnknownId(id) => format!("序号“{id}”不在下发的填报表或计划中"),
            Issue::NotHeld => "该单位不是此任务的牵头或配合单位".to_owned(),
            Issue::NotANumber(t) => format!("本期完成值“{t}”不是数字"),
            Issue::ValueWithoutTarget => "此任务没有量化目标，不应填写本期完成值".to_owned(),
            Issue::WentDown { before, now } => {
                format!("累计值下降：上次{}，本期{}", n(*before), n(*now))
            }
            Issue::OutOfScale { value, scale } => format!(
                "数值与目标量级不符（{}，目标量级约{}），请核对单位（如1.4万应填14000）",
                n(*value),
                n(*scale)
            ),
            Issue::UnknownStatus(t) => {
                format!("状态“{t}”不是下拉列表中的选项")
            }
            Issue::AlreadyMerged => "已导入过，不再重复记录".to_owned(),
            Issue::TwoReturns { other } => {
                format!("{other}本期也报送了此任务：两条都记入进展，以牵头单位的数值为准")
            }
            Issue::CooperatingValue => "配合单位填报的数值记入进展说明，不作为完成值".to_owned(),
            Issue::ClosureRequested => "申请销号：记录为申请，由督查室确认".to_owned(),
            Issue::ExtensionRequested { to, due } => format!(
                "申请延期：完成时限由{}延至{}，记录为申请，由督查室审核",
                due.format("%Y-%m-%d"),
                to.format("%Y-%m-%d")
            ),
            Issue::ExtensionRefused(why) => format!("申请延期不能受理：{why}"),
            Issue::BadExtensionDate(t) => {
                format!("申请延期至“{t}”不是日期（应如 2023-12-31）")
            }
            Issue::EvidenceFound(names) => format!("佐证材料：{}", names.join("、")),
            Issue::EvidenceMissing(names) => format!(
                "佐证材料未随表报送（与填报表同一文件夹中找不到）：{}",
                names.join("、")
            ),
        }
    }
}

/// The department's part in a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Lead,
    Cooperating,
    None,
}

/// What one row of a return would record.
#[derive(Debug, Clone, PartialEq)]
pub struct RowPreview {
    /// 1-based row of the sheet, for messages (第N行).
    pub line: u32,
    pub id_text: String,
    pub commitment: Option<CommitmentId>,
    pub title: String,
    pub role: Role,
    /// The progress entry it would add; `None` when it cannot be recorded.
    pub entry: Option<ProgressEntry>,
    /// The value recorded before (as of the period's end) and the unit, for the delta.
    pub value_before: Option<f64>,
    pub unit: String,
    /// The status change it would make.
    pub status_change: Option<(Status, Status)>,
    /// Reason for 暂缓.
    pub status_reason: String,
    /// 申请销号.
    pub closure_requested: bool,
    /// 申请延期: the date asked for and the reason, when the rules allow it.
    pub extension: Option<(NaiveDate, String)>,
    /// 佐证材料 found beside the form, stored by [`store_evidence`].
    pub evidence_files: Vec<PathBuf>,
    pub issues: Vec<Issue>,
    /// The row's fingerprint, kept in the plan's returns record.
    pub fingerprint: String,
    /// Whether anything was filled in.
    pub filled: bool,
}

impl RowPreview {
    pub fn has_problem(&self) -> bool {
        self.issues.iter().any(Issue::is_problem)
    }

    pub fn already_merged(&self) -> bool {
        self.issues.contains(&Issue::AlreadyMerged)
    }

    /// Whether the row can be recorded at all (the user may accept it).
    pub fn can_accept(&self) -> bool {
        self.entry.is_some() && !self.already_merged()
    }

    /// The value it records, if any.
    pub fn value(&self) -> Option<f64> {
        self.entry.as_ref().and_then(|e| e.value)
    }
}

/// One return as previewed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnPreview {
    pub path: PathBuf,
    pub file_name: String,
    pub department: Option<DeptId>,
    pub department_name: String,
    pub period: Option<Period>,
    /// The return's date (填报日期, else the file's date, else the day of merging).
    pub returned_on: NaiveDate,
    pub due: Option<NaiveDate>,
    pub issues: Vec<Issue>,
    pub rows: Vec<RowPreview>,
}

impl ReturnPreview {
    /// Whether the return as a whole cannot be recorded.
    pub fn is_fatal(&self) -> bool {
        self.issues.iter().any(Issue::is_fatal)
    }

    pub fn has_problem(&self) -> bool {
        self.issues.iter().any(Issue::is_problem)
    }

    /// Whether a row is kept out of "accept all": a problem of its own or of the return.
    pub fn row_blocked(&self, row: &RowPreview) -> bool {
        self.has_problem() || row.has_problem()
    }

    pub fn is_late(&self) -> bool {
        self.issues.iter().any(|i| matches!(i, Issue::Late { .. }))
    }
}

/// A file that could not be read as a form at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub path: PathBuf,
    pub message: String,
}

/// Every return of one merge, before anything changes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Preview {
    pub returns: Vec<ReturnPreview>,
    pub unreadable: Vec<Unreadable>,
}

/// Which rows the user accepts: `accepted[return][row]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Selection {
    pub accepted: Vec<Vec<bool>>,
}

impl Selection {
    /// Every row that can be recorded and has no problem (`--accept-all`).
    pub fn without_problems(preview: &Preview) -> Selection {
        Selection {
            accepted: preview
                .returns
                .iter()
                .map(|r| {
                    r.rows
                        .iter()
                        .map(|row| row.can_accept() && !r.row_blocked(row))
                        .collect()
                })
                .collect(),
        }
    }

    /// Nothing accepted.
    pub fn none(preview: &Preview) -> Selection {
        Selection {
            accepted: preview
                .returns
                .iter()
                .map(|r| vec![false; r.rows.len()])
                .collect(),
        }
    }

    pub fn is_accepted(&self, ret: usize, row: usize) -> bool {
        self.accepted
            .get(ret)
            .and_then(|r| r.get(row))
            .copied()
            .unwrap_or(false)
    }

    pub fn set(&mut self, ret: usize, row: usize, on: bool) {
        if let Some(slot) = self.accepted.get_mut(ret).and_then(|r| r.get_mut(row)) {
            *slot = on;
        }
    }
}

impl Preview {
    /// The evidence files the accepted rows bring (what [`store_evidence`]
    /// would copy).
    pub fn accepted_evidence(&self, selection: &Selection) -> usize {
        self.returns
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.rows.iter().enumerate().map(move |(j, row)| (i, j, row)))
            .filter(|(i, j, row)| selection.is_accepted(*i, *j) && row.can_accept())
            .map(|(_, _, row)| row.evidence_files.len())
            .sum()
    }

    /// Filled rows not already merged that the selection leaves out, plus
    /// unreadable files: what makes the CLI exit with 1.
    pub fn left_out(&self, selection: &Selection) -> usize {
        let rows: usize = self
            .returns
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.rows
                    .iter()
                    .enumerate()
                    .filter(|(j, row)| {
                        row.filled && !row.already_merged() && !selection.is_accepted(i, *j)
                    })
                    .count()
            })
            .sum();
        rows + self.unreadable.len()
    }
}

/// 申请销号 on a return: the progress entry's text starts with 【申请销号】,
/// and `apply` turns the row into the model's own request (status
/// 申请销号,待审核, with the note as its statement) for the office to confirm.
pub fn record_closure_request(entry: &mut ProgressEntry) {
    const MARK: &str = "【申请销号】";
    if !entry.progress.starts_with(MARK) {
        entry.progress = format!("{MARK}{}", entry.progress);
    }
}

/// Copies the evidence files of the accepted rows into `<plan>.files/`
/// (named by content hash, never overwritten) and lists them on each row's
/// entry: done before [`apply`], so that the plan never names a file that
/// is not stored. Returns how many files were attached.
pub fn store_evidence(
    preview: &mut Preview,
    selection: &Selection,
    plan_path: &std::path::Path,
) -> Result<usize, EvidenceError> {
    let mut stored = 0;
    for (i, r) in preview.returns.iter_mut().enumerate() {
        let added = r.returned_on;
        for (j, row) in r.rows.iter_mut().enumerate() {
            if !selection.is_accepted(i, j) || !row.can_accept() {
                continue;
            }
            let Some(entry) = row.entry.as_mut() else {
                continue;
            };
            for file in &row.evidence_files {
                let evidence = crate::evidence::attach(plan_path, file, added)?;
                if !entry.evidence.iter().any(|e| e.stored == evidence.stored) {
                    entry.evidence.push(evidence);
                    stored += 1;
                }
            }
        }
    }
    Ok(stored)
}
