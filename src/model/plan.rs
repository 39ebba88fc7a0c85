use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Commitment, CommitmentId, Department, DeptId, ReturnRecord};

/// The version of the plan file format this build writes.
///
/// - 1: the plan, its departments, commitments, progress and history.
/// - 2: adds what an older build would silently drop on saving: returns
///   and the plan id, the Word documents' settings, the change journal's
///   mark, 申请销号 / 申请延期 and decided extensions, evidence on
///   applications and progress entries, the not-started and stale
///   warnings' settings, a target's better side. Version-1 files load as
///   they are; the first save writes version 2 and keeps the original as a
///   tagged backup (`<stem>.v1.<time>.ron`) that is never pruned. A build
///   that knows only version 1 refuses a version-2 file instead of thinning it.
pub const FORMAT_VERSION: u32 = 2;

/// Where the commitments come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SourceReport {
    /// e.g. 2023年太原市政府工作报告
    pub title: String,
    /// The report text, relative to the assets folder (`reports/taiyuan-2023.txt`).
    #[serde(default)]
    pub text_file: String,
}

/// Thresholds of the office's traffic lights. The defaults are what a city
/// supervision office uses in practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanSettings {
    /// Points behind pace from which a commitment is yellow (欠序时).
    pub yellow_behind_points: f64,
    /// Points behind pace beyond which a commitment is red.
    pub red_behind_points: f64,
    /// Points ahead of pace from which a commitment counts as ahead (超序时).
    pub ahead_points: f64,
    /// A commitment not done and due within this many days is blue.
    pub due_soon_days: i64,
    /// How close a value must be to an `approx` (左右) target, as a share of it.
    pub approx_tolerance: f64,
    /// The Word documents' settings (督查通报, 督办通知): left out of the
    /// file while they are the defaults, so older plans load and save unchanged.
    #[serde(skip_serializing_if = "DocumentSettings::is_default")]
    pub documents: DocumentSettings,
    /// A commitment still 未启动 this many months after its start is red
    /// (0: never). Left out of the file at its default.
    #[serde(skip_serializing_if = "is_default_not_started")]
    pub not_started_months: u32,
    /// A commitment with no progress entry for this many months is yellow,
    /// 久未更新 (0: never).
    #[serde(skip_serializing_if = "is_default_stale")]
    pub stale_months: u32,
    /// Whether ticking done directly is allowed; `None`: only for a plan
    /// without departments (a small office), otherwise 申请销号 → 确认销号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direct_done: Option<bool>,
}

pub const DEFAULT_NOT_STARTED_MONTHS: u32 = 3;
pub const DEFAULT_STALE_MONTHS: u32 = 2;

fn is_default_not_started(m: &u32) -> bool {
    *m == DEFAULT_NOT_STARTED_MONTHS
}

fn is_default_stale(m: &u32) -> bool {
    *m == DEFAULT_STALE_MONTHS
}

/// What the 督查通报 and 督办通知 remember between runs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentSettings {
    /// 发文机关 of the documents (e.g. 市政府督查室); empty: the plan's issuer
    /// followed by 督查室.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub office: String,
    /// The paragraphs of 四、下一步工作要求; `None`: the text that ships.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Vec<String>>,
    /// The last 督办〔year〕N号 used, per year: numbers never repeat.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub notice_sequence: BTreeMap<i32, u32>,
    /// The 通报 issue numbers (第N期) already used, per year.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub bulletin_issues: BTreeMap<i32, Vec<u32>>,
}

impl DocumentSettings {
    pub fn is_default(&self) -> bool {
        *self == DocumentSettings::default()
    }
}

impl Default for PlanSettings {
    fn default() -> Self {
        Self {
            yellow_behind_points: 10.0,
            red_behind_points: 30.0,
            ahead_points: 5.0,
            due_soon_days: 30,
            approx_tolerance: 0.05,
            documents: DocumentSettings::default(),
            not_started_months: DEFAULT_NOT_STARTED_MONTHS,
            stale_months: DEFAULT_STALE_MONTHS,
            direct_done: None,
        }
    }
}

/// A plan: the commitments of one report, with the departments that carry them.
///
/// Commitments and departments are kept in `BTreeMap`s by id, so that
/// iteration order, exports and file diffs are deterministic.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub format_version: u32,
    pub title: String,
    /// 发文单位, e.g. 太原市人民政府.
    pub issuer: String,
    pub year: i32,
    pub source_report: SourceReport,
    pub settings: PlanSettings,
    /// Free notes about the plan (e.g. that department assignments are a draft).
    pub notes: String,
    pub departments: BTreeMap<DeptId, Department>,
    pub commitments: BTreeMap<CommitmentId, Commitment>,
    /// The plan's stable id, carried by the forms sent to departments so that
    /// a return made from another plan is recognised. Plans written before it
    /// existed get [`Plan::derived_id`] when loaded, then keep it.
    pub id: String,
    /// The departments' merged returns (回报), oldest first.
    pub returns: Vec<ReturnRecord>,
    /// Which record of the change journal (`<plan>.journal`) this version
    /// includes, and the records not yet written (see `journal`).
    pub journal: JournalMark,
}

/// The change journal's mark in a plan: the sequence number and hash of the
/// last journal record the plan includes (0: no journal yet). Records made
/// since the last save wait in `pending` until the save writes them, just
/// before the plan itself. It is bookkeeping, not content: two plans that
/// differ only in it are equal (an undo gives back the plan it undid, with
/// a later mark).
#[derive(Debug, Clone, Default)]
pub struct JournalMark {
    pub seq: u64,
    pub hash: u64,
    /// Records not yet known to be in the journal file: (seq, line).
    pub pending: Vec<(u64, String)>,
    /// The highest sequence number known (in the file or pending): the next
    /// record takes the one after.
    pub last_seq: u64,
}

impl PartialEq for JournalMark {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl Plan {
    pub fn new(title: impl Into<String>, year: i32) -> Self {
        let title = title.into();
        Self {
            format_version: FORMAT_VERSION,
            id: Plan::derived_id(&title, year),
            returns: Vec::new(),
            journal: JournalMark::default(),
            title,
            issuer: String::new(),
            year,
            source_report: SourceReport::default(),
            settings: PlanSettings::default(),
            notes: String::new(),
            departments: BTreeMap::new(),
            commitments: BTreeMap::new(),
        }
    }

    /// The id of a plan that has none: derived from its title and year
    /// (`plan-` and 16 hex digits), so the same old file gets the same id on
    /// every machine until it is saved with it.
    pub fn derived_id(title: &str, year: i32) -> String {
        let hash = super::stable_hash(format!("{title}\n{year}").as_bytes());
        format!("plan-{hash:016x}")
    }

    /// The first day of the plan's year: the default start of every commitment.
    pub fn period_start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 1, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the plan's year: what 年内 and 年底前 mean.
    pub fn period_end(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(NaiveDate::MAX)
    }

    /// The commitment's start, or the start of the plan's year.
    pub fn start_of(&self, c: &Commitment) -> NaiveDate {
        c.start.unwrap_or_else(|| self.period_start())
    }

    /// The commitment's due date, or the end of the plan's year.
    pub fn due_of(&self, c: &Commitment) -> NaiveDate {
        c.due.unwrap_or_else(|| self.period_end())
    }

    /// The id a new commitment gets: one above the highest ever used here.
    pub fn next_commitment_id(&self) -> CommitmentId {
        CommitmentId(
            self.commitments
                .keys()
                .next_back()
                .map_or(1, |id| id.0.saturating_add(1)),
        )
    }

    pub fn department(&self, id: &DeptId) -> Option<&Department> {
        self.departments.get(id)
    }

    /// The short name of a department, or its id when it is not in the registry.
    pub fn dept_short_name<'a>(&'a self, id: &'a DeptId) -> &'a str {
        self.departments
            .get(id)
            .map_or(id.as_str(), |d| d.short_name.as_str())
    }

    /// The full name of a department, or its id when it is not in the registry.
    pub fn dept_name<'a>(&'a self, id: &'a DeptId) -> &'a str {
        self.departments
            .get(id)
            .map_or(id.as_str(), |d| d.name.as_str())
    }

    /// Departments answering to `name` (full name, short name or id).
    pub fn find_departments(&self, name: &str) -> Vec<DeptId> {
        self.departments
            .values()
            .filter(|d| d.answers_to(name))
            .map(|d| d.id.clone())
            .collect()
    }

    /// Whether ticking done directly is allowed in the window (see
    /// [`PlanSettings::direct_done`]).
    pub fn direct_done_allowed(&self) -> bool {
        self.settings
            .direct_done
            .unwrap_or(self.departments.is_empty())
    }

    /// The report sections in the order they first appear (by commitment id).
    pub fn sections(&self) -> Vec<String> {
        let mut seen = Vec::<String>::new();
        for c in self.commitments.values() {
            if !c.section.is_empty() && !seen.contains(&c.section) {
                seen.push(c.section.clone());
            }
        }
        seen
    }
}
