//! The change journal (变更记录): every change saved to a plan, one JSON
//! record a line in `<plan>.journal` beside it — when, who, the action as
//! undo names it, the commitment, and each field's old and new value.
//!
//! **Plan and journal never disagree.** A record is made when the change is
//! applied; the plan carries the number and hash of its newest record (its
//! *mark*) and the records not yet written. Saving appends those records
//! (flushed) *before* the plan is written (temp file and rename). So a
//! process killed at any moment leaves either both, or records beyond the
//! plan's mark: when the plan is next opened, those get a rollback marker
//! appended (the file is never rewritten). A journal behind the plan,
//! missing or damaged is reported and continued; opening never fails on it.
//!
//! Replaying the data records that are not rolled back, from a plan's first
//! saved version, gives the plan now (see `tests/journal.rs`).

mod file;
pub mod index;
mod record;

use std::path::PathBuf;

pub use file::{
    amend_last, check, effective, forget_written, journal_path, read_all, record, write_pending,
};
pub use index::{JournalIndex, LogFilter};
pub use record::{
    Change, Record, WHOLE_COMMITMENT, WHOLE_DEPARTMENT, apply_recorded, changes_of_group,
    diff_commitments, replay,
};

/// Who is making changes: `COMMITMENTS_USER`, else the system account
/// (`USER` / `USERNAME`), else 未知用户.
pub fn default_user() -> String {
    ["COMMITMENTS_USER", "USER", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_owned())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "未知用户".to_owned())
}

/// What opening found about the journal. Empty `problems`: all agree.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalReport {
    pub path: PathBuf,
    pub problems: Vec<JournalProblem>,
}

impl JournalReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// One line per problem, naming the journal file.
    pub fn lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| format!("{}: {p}", self.path.display()))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum JournalProblem {
    #[error(
        "the change journal is missing (the plan includes records up to {plan_seq}); new records are appended to a new journal"
    )]
    Missing { plan_seq: u64 },
    #[error(
        "the change journal is behind the plan: its last record before the plan's is {journal_last}, the plan includes {plan_seq}; records are missing"
    )]
    Behind { plan_seq: u64, journal_last: u64 },
    #[error(
        "record {seq} of the change journal is not the one the plan includes (changed or replaced)"
    )]
    Mismatch { seq: u64 },
    #[error(
        "records {from}–{to} were written but their save did not finish: they are not in the plan (a rollback record is appended when the plan can be written)"
    )]
    RolledBack { from: u64, to: u64, written: bool },
    #[error(
        "the last line of the change journal was cut short (a write was interrupted); it is ignored"
    )]
    Torn,
    #[error("the change journal cannot be read: {message}")]
    Unreadable { message: String },
}

impl JournalProblem {
    /// The problem in Chinese, for the window's banner.
    pub fn zh(&self) -> String {
        match self {
            JournalProblem::Missing { plan_seq } => format!(
                "变更记录文件缺失（计划已包含到第{plan_seq}条记录），新的记录将写入新的变更记录文件"
            ),
            JournalProblem::Behind {
                plan_seq,
                journal_last,
            } => format!(
                "变更记录落后于计划：计划已包含到第{plan_seq}条，变更记录中此前的最后一条是第{journal_last}条，有记录缺失"
            ),
            JournalProblem::Mismatch { seq } => {
                format!("变更记录第{seq}条与计划所记的不一致（被改动或替换）")
            }
            JournalProblem::RolledBack { from, to, .. } => format!(
                "第{from}–{to}条记录已写入，但保存未完成，计划中没有这些修改（计划可写入时将追加一条回滚记录）"
            ),
            JournalProblem::Torn => "变更记录的最后一行不完整（写入时被中断），已忽略".to_owned(),
            JournalProblem::Unreadable { message } => format!("无法读取变更记录：{message}"),
        }
    }
}

#[cfg(test)]
mod words_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_read_as_words() {
        assert_eq!(field_value_text("status", &json!("in_progress")), "推进中");
        assert_eq!(
            field_value_text(
                "extension",
                &json!({"on": "2023-05-24", "to": "2024-06-30", "reason": "征地", "by": "王五"})
            ),
            "至 2024-06-30（征地；王五 2023-05-24）"
        );
        assert_eq!(field_value_text("extension", &json!(null)), "（无）");
        assert_eq!(field_value_text("kind", &json!("qualitative")), "定性任务");
        assert_eq!(field_value_text("settings", &json!({"a": 1})), "（已修改）");
        assert_eq!(field_value_text("owner", &json!("张三")), "张三");
        assert_eq!(field_value_text("returns", &json!([])), "（无）");
    }
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("journal record {seq} cannot be replayed: {what}")]
    Replay { seq: u64, what: String },
}

/// The Chinese name of a changed field, for the history's lines.
pub fn field_zh(field: &str) -> &str {
    match field {
        "title" => "标题",
        "section" => "部分",
        "source_quote" => "原文",
        "kind" => "类型与目标",
        "lead" => "牵头单位",
        "cooperating" => "配合单位",
        "owner" => "责任人",
        "start" => "开始日期",
        "due" => "完成时限",
        "status" => "状态",
        "done_on" => "完成日期",
        "status_reason" => "状态原因",
        "status_history" => "状态记录",
        "progress" => "进展",
        "adjustments" => "目标调整",
        "notes" => "备注",
        "tags" => "标签",
        "closure" => "申请销号",
        "extension" => "申请延期",
        "extensions" => "延期记录",
        "commitment" => "事项",
        "department" => "单位",
        "settings" => "计划设置",
        "returns" => "回报记录",
        other => other,
    }
}

/// A value in a line of text: strings bare, lists by count, objects short.
pub fn value_text(v: &serde_json::Value) -> String {
    use serde_json::Value;
    let text = match v {
        Value::Null => "（无）".to_owned(),
        Value::Array(a) if a.is_empty() => "（无）".to_owned(),
        Value::String(s) => s.clone(),
        Value::Array(a) if a.iter().all(|x| !x.is_object()) => {
            a.iter().map(value_text).collect::<Vec<_>>().join("、")
        }
        Value::Array(a) => format!("{} 条", a.len()),
        other => other.to_string(),
    };
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

/// A value of a named field in words: statuses in Chinese, a 销号 or 延期
/// application by its gist, a kind by its name; anything else as
/// [`value_text`].
pub fn field_value_text(field: &str, v: &serde_json::Value) -> String {
    use serde_json::Value;
    let get = |key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    // Who applied and when: 王五 2023-05-24.
    let who = || {
        [get("by"), get("on")]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match (field, v) {
        ("status", Value::String(_)) => {
            match serde_json::from_value::<crate::model::Status>(v.clone()) {
                Ok(status) => crate::export::labels::status(status).to_owned(),
                Err(_) => value_text(v),
            }
        }
        ("extension", Value::Object(_)) => value_text(&Value::String(format!(
            "至 {}（{}；{}）",
            get("to"),
            get("reason"),
            who()
        ))),
        ("closure", Value::Object(_)) => {
            let files = v
                .get("evidence")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let mut text = get("statement");
            let who = who();
            if !who.is_empty() {
                text.push_str(&format!("（{who}）"));
            }
            if files > 0 {
                text.push_str(&format!("，佐证材料 {files} 个"));
            }
            value_text(&Value::String(text))
        }
        ("kind", _) => match serde_json::from_value::<crate::model::Kind>(v.clone()) {
            Ok(crate::model::Kind::Quantitative(t)) => {
                format!("量化指标 {}", crate::row::target_text(&t))
            }
            Ok(crate::model::Kind::Milestone { sub_milestones }) => {
                format!("节点任务（{} 个节点）", sub_milestones.len())
            }
            Ok(crate::model::Kind::Qualitative) => "定性任务".to_owned(),
            Err(_) => "（已修改）".to_owned(),
        },
        (_, Value::Object(_)) => "（已修改）".to_owned(),
        _ => value_text(v),
    }
}

/// A change in one line: `状态：推进中 → 已完成`.
pub fn change_text(c: &Change) -> String {
    format!(
        "{}：{} → {}",
        field_zh(&c.field),
        field_value_text(&c.field, &c.old),
        field_value_text(&c.field, &c.new)
    )
}

/// Applies one user action's edits as a group and records it in the plan's
/// journal (written with the next save). Returns the inverse group.
pub fn apply_and_record(
    plan: &mut crate::model::Plan,
    edits: Vec<crate::model::Edit>,
    user: &str,
    action: &str,
) -> Result<Vec<crate::model::Edit>, crate::model::EditError> {
    let (inverses, changes) = apply_recorded(edits, plan)?;
    record(plan, user, action, changes);
    Ok(inverses)
}
