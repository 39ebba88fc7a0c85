use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ClosureRequest, DeptId, DueExtension, ExtensionRequest, Status, Target};

/// A commitment's stable id. Ids are never reused within a plan.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(transparent)]
pub struct CommitmentId(pub u32);

impl std::fmt::Display for CommitmentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What kind of promise a commitment is, and what is needed to judge it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A number to reach: 年内5G基站达到1.4万座以上.
    Quantitative(Target),
    /// Something to finish: 西北二环高速年底前竣工, with optional
    /// sub-milestones (形象进度) that have their own due dates.
    Milestone {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sub_milestones: Vec<SubMilestone>,
    },
    /// Work without a measurable end: 深化国资国企改革.
    Qualitative,
}

impl Kind {
    /// The snake_case word used in JSON and the CLI.
    pub fn key(&self) -> &'static str {
        match self {
            Kind::Quantitative(_) => "quantitative",
            Kind::Milestone { .. } => "milestone",
            Kind::Qualitative => "qualitative",
        }
    }

    pub fn target(&self) -> Option<&Target> {
        match self {
            Kind::Quantitative(t) => Some(t),
            _ => None,
        }
    }
}

/// One step of a milestone (形象进度节点).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubMilestone {
    pub title: String,
    pub due: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
}

/// One return from the department: what was done, what is in the way, what comes next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressEntry {
    pub date: NaiveDate,
    /// The measured value, for quantitative commitments (base unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// 进展情况
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub progress: String,
    /// 存在问题
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub problems: String,
    /// 下一步措施
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_steps: String,
    /// Who reported it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reporter: String,
    /// 佐证材料 attached to this return (stored in `<plan>.files/`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<super::Evidence>,
}

/// A change of target agreed during the year; the old target is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetAdjustment {
    pub date: NaiveDate,
    pub old: Target,
    pub new: Target,
    pub reason: String,
}

/// A status change, kept so that the plan can be seen as it stood on a past
/// date and so that un-ticking restores the status a commitment had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub on: NaiveDate,
    pub from: Status,
    pub to: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// One concrete commitment of the work report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: CommitmentId,
    /// A short title for the ledger.
    pub title: String,
    /// The report heading it stands under.
    #[serde(default)]
    pub section: String,
    /// The verbatim sentence of the report.
    #[serde(default)]
    pub source_quote: String,
    pub kind: Kind,
    /// 牵头单位
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<DeptId>,
    /// 配合单位
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cooperating: Vec<DeptId>,
    /// 责任人
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
    /// Why it is suspended (暂缓), when it is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub status_reason: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_history: Vec<StatusChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub progress: Vec<ProgressEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<TargetAdjustment>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The 申请销号 waiting for the office, or the one it confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closure: Option<ClosureRequest>,
    /// The 申请延期 waiting for the office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<ExtensionRequest>,
    /// Decided extension requests, oldest first (approved ones moved `due`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<DueExtension>,
}

impl Commitment {
    /// A new, empty commitment of the given kind.
    pub fn new(id: CommitmentId, title: impl Into<String>, kind: Kind) -> Self {
        Self {
            id,
            title: title.into(),
            section: String::new(),
            source_quote: String::new(),
            kind,
            lead: None,
            cooperating: Vec::new(),
            owner: String::new(),
            start: None,
            due: None,
            status: Status::NotStarted,
            done_on: None,
            status_reason: String::new(),
            status_history: Vec::new(),
            progress: Vec::new(),
            adjustments: Vec::new(),
            notes: String::new(),
            tags: Vec::new(),
            closure: None,
            extension: None,
            extensions: Vec::new(),
        }
    }

    /// Whether the department leads or cooperates on this commitment.
    pub fn involves(&self, dept: &DeptId) -> bool {
        self.lead.as_ref() == Some(dept) || self.cooperating.contains(dept)
    }

    /// The latest recorded value on or before `as_of` (the log is kept in date order).
    pub fn value_as_of(&self, as_of: NaiveDate) -> Option<(NaiveDate, f64)> {
        self.progress
            .iter()
            .filter(|e| e.date <= as_of)
            .filter_map(|e| e.value.map(|v| (e.date, v)))
            .max_by_key(|(d, _)| *d)
    }

    /// The latest progress entry on or before `as_of`.
    pub fn latest_entry(&self, as_of: NaiveDate) -> Option<&ProgressEntry> {
        self.progress
            .iter()
            .filter(|e| e.date <= as_of)
            .max_by_key(|e| e.date)
    }

    /// The status as it stood at the end of `as_of`, from the status history.
    ///
    /// The history records changes with their dates; the status before the
    /// first change is that change's `from`.
    pub fn status_as_of(&self, as_of: NaiveDate) -> Status {
        if self.status_history.is_empty() {
            // No history: trust the done date for done commitments, otherwise the status.
            return match (self.status, self.done_on) {
                (Status::Done, Some(d)) if d > as_of => {
                    if self.progress.iter().any(|e| e.date <= as_of) {
                        Status::InProgress
                    } else {
                        Status::NotStarted
                    }
                }
                (s, _) => s,
            };
        }
        let mut status = self.status_history[0].from;
        for change in &self.status_history {
            if change.on <= as_of {
                status = change.to;
            }
        }
        status
    }

    /// The target in force on `as_of`: adjustments take effect on their date.
    pub fn target_as_of(&self, as_of: NaiveDate) -> Option<Target> {
        let current = self.kind.target()?;
        // Walk back from the newest adjustment: any made after `as_of` is undone.
        let mut target = current.clone();
        let mut adjustments: Vec<&TargetAdjustment> = self.adjustments.iter().collect();
        adjustments.sort_by_key(|a| a.date);
        for adj in adjustments.iter().rev() {
            if adj.date > as_of {
                target = adj.old.clone();
            }
        }
        Some(target)
    }
}
