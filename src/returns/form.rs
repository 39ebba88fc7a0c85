//! The shape of a form, shared by `make` and `merge`: its sheets, columns
//! and rows, what a department sees of a commitment, and the fingerprints.

use chrono::NaiveDate;

use super::Period;
use crate::display::{report_style, trim_number};
use crate::model::{Commitment, DeptId, Plan, Status, stable_hash};
use crate::pace;

/// The sheet departments fill in.
pub const FORM_SHEET: &str = "填报表";
/// The very hidden sheet that carries what the merge checks.
pub const META_SHEET: &str = "回报校验";
/// The first cell of the hidden sheet, naming the layout.
pub const META_MARK: &str = "commitments-return";
/// The hidden sheet's layout version.
pub const META_VERSION: u32 = 1;

/// Rows of the form sheet (0-based, as rust_xlsxwriter and calamine count).
pub const TITLE_ROW: u32 = 0;
pub const UNIT_ROW: u32 = 1;
pub const NOTE_ROW: u32 = 2;
/// The row holding the 填报日期 input cell (column [`DATE_COL`]).
pub const DATE_ROW: u32 = 3;
pub const DATE_LABEL_COL: u16 = 0;
pub const DATE_COL: u16 = 1;
pub const HEADER_ROW: u32 = 4;
pub const FIRST_ROW: u32 = 5;

/// Columns of the form sheet.
pub const COL_ID: u16 = 0;
pub const COL_TASK: u16 = 1;
pub const COL_ROLE: u16 = 2;
pub const COL_TARGET: u16 = 3;
pub const COL_DUE: u16 = 4;
pub const COL_LAST: u16 = 5;
pub const COL_PROGRESS: u16 = 6;
pub const COL_PACE: u16 = 7;
pub const COL_VALUE: u16 = 8;
pub const COL_NOTE: u16 = 9;
pub const COL_PROBLEMS: u16 = 10;
pub const COL_NEXT: u16 = 11;
pub const COL_STATUS: u16 = 12;
/// 申请延期至: the due date a department asks for.
pub const COL_EXTEND_TO: u16 = 13;
/// 延期理由.
pub const COL_EXTEND_REASON: u16 = 14;
/// 佐证材料: file names, the files sent with the form.
pub const COL_EVIDENCE: u16 = 15;
pub const COL_REPORTER: u16 = 16;
pub const COL_PHONE: u16 = 17;
pub const COLUMNS: u16 = 18;

/// The header of each column, in order.
pub const HEADERS: [&str; COLUMNS as usize] = [
    "序号",
    "任务",
    "牵头/配合",
    "目标",
    "完成时限",
    "上次报送值",
    "完成进度",
    "序时进度",
    "本期完成值",
    "进展情况",
    "存在问题",
    "下一步措施",
    "状态",
    "申请延期至",
    "延期理由",
    "佐证材料",
    "填报人",
    "联系电话",
];

/// The header of forms made before 申请延期 and 佐证材料 had columns (15
/// columns: the current ones up to 状态, then 填报人 and 联系电话): still
/// read, those cells empty.
pub fn headers_v1() -> Vec<&'static str> {
    let mut headers = HEADERS[..COL_EXTEND_TO as usize].to_vec();
    headers.extend(["填报人", "联系电话"]);
    headers
}

/// Where a form's input columns are: the current layout, or the first one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputColumns {
    pub extend_to: Option<u16>,
    pub extend_reason: Option<u16>,
    pub evidence: Option<u16>,
    pub reporter: u16,
    pub phone: u16,
}

impl InputColumns {
    pub const CURRENT: InputColumns = InputColumns {
        extend_to: Some(COL_EXTEND_TO),
        extend_reason: Some(COL_EXTEND_REASON),
        evidence: Some(COL_EVIDENCE),
        reporter: COL_REPORTER,
        phone: COL_PHONE,
    };
    pub const V1: InputColumns = InputColumns {
        extend_to: None,
        extend_reason: None,
        evidence: None,
        reporter: 13,
        phone: 14,
    };
}

/// The names in a 佐证材料 cell: separated by 、，,；; or line breaks, each
/// reduced to its file name (a department may paste its own folder's path).
pub fn evidence_names(cell: &str) -> Vec<String> {
    cell.split(['、', '，', ',', '；', ';', '\n'])
        .filter_map(|part| {
            let name = part.trim().trim_matches(['"', '“', '”', '《', '》']);
            let name = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
            (!name.is_empty() && name != "." && name != "..").then(|| name.to_owned())
        })
        .collect()
}

/// The first input column; those before it are read-only.
pub const FIRST_INPUT_COL: u16 = COL_VALUE;

/// The words of the 状态 drop-down: the four statuses, then 申请销号.
pub const STATUS_CHOICES: [&str; 5] = ["未启动", "推进中", "已完成", "暂缓", APPLY_CLOSE];
/// A department asking the office to close a commitment (申请销号).
pub const APPLY_CLOSE: &str = "申请销号";

/// The status a drop-down word stands for (`None` for 申请销号 and unknown words).
pub fn status_of_word(word: &str) -> Option<Status> {
    match word.trim() {
        "未启动" => Some(Status::NotStarted),
        "推进中" => Some(Status::InProgress),
        "已完成" => Some(Status::Done),
        "暂缓" => Some(Status::Suspended),
        _ => None,
    }
}

/// What a department sees of one commitment: the read-only cells, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct SeenRow {
    pub id: String,
    pub task: String,
    pub role: String,
    pub target: String,
    pub due: String,
}

impl SeenRow {
    /// The commitment as a department sees it on its form.
    pub fn of(plan: &Plan, c: &Commitment, dept: &DeptId) -> SeenRow {
        let role = if c.lead.as_ref() == Some(dept) {
            "牵头".to_owned()
        } else {
            match &c.lead {
                Some(lead) => format!("配合（牵头：{}）", plan.dept_name(lead)),
                None => "配合".to_owned(),
            }
        };
        SeenRow {
            id: c.id.to_string(),
            task: c.title.clone(),
            role,
            target: target_cell(c),
            due: plan.due_of(c).format("%Y-%m-%d").to_string(),
        }
    }

    /// The cells in column order.
    pub fn cells(&self) -> [&str; 5] {
        [&self.id, &self.task, &self.role, &self.target, &self.due]
    }

    /// The field names of the cells, for messages.
    pub const NAMES: [&'static str; 5] = ["序号", "任务", "牵头/配合", "目标", "完成时限"];
}

/// The fingerprint of what a department saw of a commitment: 16 hex digits
/// of a stable hash over the read-only cells' texts. Computed again from
/// the returned cells it shows an edited protected cell; from the plan, a
/// commitment changed since the form was made.
pub fn fingerprint(seen: &SeenRow) -> String {
    let mut text = String::new();
    for cell in seen.cells() {
        text.push_str(cell.trim());
        text.push('\u{1f}');
    }
    format!("{:016x}", stable_hash(text.as_bytes()))
}

/// The unit a department types 本期完成值 in, and the factor to the base
/// unit: money in 亿元 for targets of 1亿元 or more, else 万元 (as
/// government forms count it); everything else in the target's own unit.
pub fn entry_unit(c: &Commitment) -> Option<(String, f64)> {
    let t = c.kind.target()?;
    if t.unit == "元" {
        if t.goal().abs() >= 1e8 {
            return Some(("亿元".to_owned(), 1e8));
        }
        return Some(("万元".to_owned(), 1e4));
    }
    Some((t.unit.clone(), 1.0))
}

/// The 目标 cell: the target in the report's words and how to fill in the value.
fn target_cell(c: &Commitment) -> String {
    match c.kind.target() {
        Some(t) => {
            let (unit, _) = entry_unit(c).unwrap_or_default();
            let kind = if t.cumulative {
                "累计值"
            } else {
                "当前值"
            };
            let metric = if t.metric.is_empty() {
                String::new()
            } else {
                format!("{}：", t.metric)
            };
            let unit_words = if unit.is_empty() {
                String::new()
            } else {
                format!("，单位：{unit}")
            };
            format!(
                "{metric}{}\n（本期完成值填{kind}{unit_words}）",
                crate::row::target_text(t)
            )
        }
        None => match &c.kind {
            crate::model::Kind::Milestone { .. } => "按期完成".to_owned(),
            _ => "定性任务，填写进展情况".to_owned(),
        },
    }
}

/// What the form shows of the commitment's state as of the period's end:
/// the last reported value (with its date), progress and pace.
pub struct StateCells {
    pub last: String,
    pub progress: String,
    pub pace: String,
}

pub fn state_cells(plan: &Plan, c: &Commitment, period: Period) -> StateCells {
    let as_of = period.last_day();
    let a = pace::assess(plan, c, as_of);
    let last = match (c.value_as_of(as_of), c.kind.target()) {
        (Some((date, v)), Some(t)) => format!(
            "{}（{}）",
            report_style(v, &t.unit),
            date.format("%Y-%m-%d")
        ),
        _ => match c.latest_entry(as_of) {
            Some(e) => format!("{}已报送", e.date.format("%Y-%m-%d")),
            None => "尚未报送".to_owned(),
        },
    };
    StateCells {
        last,
        progress: a
            .progress_percent
            .map(|p| format!("{}%", trim_number(p, 1)))
            .unwrap_or_else(|| "—".to_owned()),
        pace: format!("{}%", trim_number(a.expected_percent, 1)),
    }
}

/// The commitments a department answers for in a period: those it leads
/// or cooperates on that were not done before the period began.
pub fn rows_for<'a>(plan: &'a Plan, dept: &DeptId, period: Period) -> Vec<&'a Commitment> {
    let before = period.first_day().pred_opt().unwrap_or(NaiveDate::MIN);
    plan.commitments
        .values()
        .filter(|c| c.involves(dept))
        .filter(|c| c.status_as_of(before) != Status::Done)
        .collect()
}

/// The departments that owe a return for a period: every department with
/// at least one commitment in [`rows_for`], in registry order.
pub fn departments_due(plan: &Plan, period: Period) -> Vec<DeptId> {
    plan.departments
        .keys()
        .filter(|d| !rows_for(plan, d, period).is_empty())
        .cloned()
        .collect()
}

/// What the hidden sheet says about a form.
#[derive(Debug, Clone, PartialEq)]
pub struct FormMeta {
    pub plan_id: String,
    pub period: String,
    pub department: String,
    pub department_name: String,
    pub due: String,
    pub made_on: String,
    pub rows: Vec<MetaRow>,
    pub seal: String,
}

/// One row of the hidden sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct MetaRow {
    pub id: String,
    pub fingerprint: String,
    /// The form row it describes (0-based).
    pub sheet_row: u32,
    /// The factor from the unit typed to the base unit.
    pub factor: f64,
}

impl FormMeta {
    /// The seal over everything else the hidden sheet says.
    pub fn compute_seal(&self) -> String {
        let mut text = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1e}",
            self.plan_id,
            self.period,
            self.department,
            self.department_name,
            self.due,
            self.made_on
        );
        for r in &self.rows {
            text.push_str(&format!(
                "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1e}",
                r.id, r.fingerprint, r.sheet_row, r.factor
            ));
        }
        format!("{:016x}", stable_hash(text.as_bytes()))
    }
}

/// Layout of the hidden sheet: key/value rows, then one row per commitment.
pub mod meta_layout {
    pub const KEYS: [&str; 8] = [
        "format",
        "plan_id",
        "period",
        "department",
        "department_name",
        "due",
        "made_on",
        "seal",
    ];
    /// The row of the rows' header; rows follow it.
    pub const ROWS_HEADER: u32 = 9;
}
