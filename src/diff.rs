//! What changed between two versions of a plan (two snapshots, or a snapshot
//! and the live plan): newly done, status and light changes, values with
//! their delta, new, removed and re-targeted commitments. The 本月变化
//! section of a report.
//!
//! Each side is judged as of its own date, with [`pace::assess`].

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::display::report_style;
use crate::model::{Commitment, CommitmentId, Plan, ProgressEntry, Status, Target};
use crate::pace::{self, Light};
use crate::row::target_text;

/// Everything that changed, sorted by commitment id; one commitment can have
/// several entries, in the order of [`ChangeKind::KEYS`].
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Changes {
    pub entries: Vec<Change>,
}

/// One change of one commitment.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub id: CommitmentId,
    /// The title on the new side (the old one for a removed commitment).
    pub title: String,
    pub kind: ChangeKind,
}

/// What changed. Serialized with a snake_case `kind` tag beside the fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeKind {
    /// In the new plan only.
    Added,
    /// In the old plan only.
    Removed,
    /// Done on the new side, not on the old.
    NewlyDone { on: NaiveDate },
    /// Done on the old side, no longer done on the new.
    Reopened { to: Status },
    /// Any other change of status.
    StatusChanged { from: Status, to: Status },
    /// The light changed. Not listed when the status change already says it
    /// (done is green, suspended grey).
    LightChanged { from: Light, to: Light },
    /// The latest recorded value changed.
    ValueChanged {
        from: Option<f64>,
        to: Option<f64>,
        /// `to - from` when both are known.
        delta: Option<f64>,
        unit: String,
    },
    /// The target in force changed.
    Retargeted {
        from: Target,
        to: Target,
        /// The reason of the adjustment that set the new target, if recorded.
        reason: String,
    },
    /// 牵头单位, by full name (`None`: not assigned).
    LeadChanged {
        from: Option<String>,
        to: Option<String>,
    },
    /// 责任人 (empty: not filled in).
    OwnerChanged { from: String, to: String },
    /// 完成时限.
    DueChanged { from: NaiveDate, to: NaiveDate },
    /// Progress entries on the new side that the old one does not have.
    ProgressAdded { count: usize },
}

impl ChangeKind {
    /// The tags of the kinds, in the order changes of one commitment are listed.
    pub const KEYS: [&'static str; 12] = [
        "added",
        "removed",
        "newly_done",
        "reopened",
        "status_changed",
        "light_changed",
        "value_changed",
        "retargeted",
        "lead_changed",
        "owner_changed",
        "due_changed",
        "progress_added",
    ];

    /// The snake_case tag used in JSON.
    pub fn key(&self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::NewlyDone { .. } => "newly_done",
            ChangeKind::Reopened { .. } => "reopened",
            ChangeKind::StatusChanged { .. } => "status_changed",
            ChangeKind::LightChanged { .. } => "light_changed",
            ChangeKind::ValueChanged { .. } => "value_changed",
            ChangeKind::Retargeted { .. } => "retargeted",
            ChangeKind::LeadChanged { .. } => "lead_changed",
            ChangeKind::OwnerChanged { .. } => "owner_changed",
            ChangeKind::DueChanged { .. } => "due_changed",
            ChangeKind::ProgressAdded { .. } => "progress_added",
        }
    }

    /// A plain Chinese line: 新完成（2023-06-30）, 预警：黄灯 → 红灯,
    /// 当前值：9000座 → 1.05万座（+1500座）, 目标调整：≥1.4万座 → ≥1.5万座（原因：…）.
    pub fn describe_zh(&self) -> String {
        self.describe(&ZH)
    }

    /// The same line in English, for the window's English UI (reports and
    /// the CLI stay in Chinese): "Done (2023-06-30)", "Light: yellow → red".
    pub fn describe_en(&self) -> String {
        self.describe(&EN)
    }

    fn describe(&self, w: &Words) -> String {
        let from_to =
            |template: &str, from: &str, to: &str| fill(template, &[("from", from), ("to", to)]);
        match self {
            ChangeKind::Added => w.added.to_owned(),
            ChangeKind::Removed => w.removed.to_owned(),
            ChangeKind::NewlyDone { on } => fill(w.newly_done, &[("on", &on.to_string())]),
            ChangeKind::Reopened { to } => fill(w.reopened, &[("to", (w.status)(*to))]),
            ChangeKind::StatusChanged { from, to } => {
                from_to(w.status_changed, (w.status)(*from), (w.status)(*to))
            }
            ChangeKind::LightChanged { from, to } => {
                from_to(w.light_changed, (w.light)(*from), (w.light)(*to))
            }
            ChangeKind::ValueChanged {
                from,
                to,
                delta,
                unit,
            } => {
                let value = |v: &Option<f64>| match v {
                    Some(v) => report_style(*v, unit),
                    None => w.not_reported.to_owned(),
                };
                let mut text = from_to(w.value_changed, &value(from), &value(to));
                if let Some(delta) = delta {
                    let sign = if *delta >= 0.0 { "+" } else { "-" };
                    // A rate moves by percentage points, not by per cent.
                    let delta = if unit.trim() == "%" {
                        let n = crate::display::trim_number(delta.abs(), 2);
                        format!("{sign}{}", fill(w.points, &[("n", &n)]))
                    } else {
                        format!("{sign}{}", report_style(delta.abs(), unit))
                    };
                    text.push_str(&fill(w.delta, &[("delta", &delta)]));
                }
                text
            }
            ChangeKind::Retargeted { from, to, reason } => {
                let mut text = from_to(w.retargeted, &target_text(from), &target_text(to));
                if !reason.trim().is_empty() {
                    text.push_str(&fill(w.reason, &[("reason", reason.trim())]));
                }
                text
            }
            ChangeKind::LeadChanged { from, to } => {
                let name = |d: &Option<String>| d.clone().unwrap_or_else(|| w.no_lead.to_owned());
                from_to(w.lead_changed, &name(from), &name(to))
            }
            ChangeKind::OwnerChanged { from, to } => {
                let name = |s: &str| {
                    if s.trim().is_empty() {
                        w.no_owner.to_owned()
                    } else {
                        s.to_owned()
                    }
                };
                from_to(w.owner_changed, &name(from), &name(to))
            }
            ChangeKind::DueChanged { from, to } => {
                from_to(w.due_changed, &from.to_string(), &to.to_string())
            }
            ChangeKind::ProgressAdded { count } => {
                fill(w.progress_added, &[("count", &count.to_string())])
            }
        }
    }
}

/// The words of change lines in one language: templates with `{name}`
/// placeholders, filled once (text put in is never read for placeholders).
struct Words {
    added: &'static str,
    removed: &'static str,
    newly_done: &'static str,
    reopened: &'static str,
    status_changed: &'static str,
    light_changed: &'static str,
    value_changed: &'static str,
    delta: &'static str,
    /// A change of a rate: "{n}个百分点".
    points: &'static str,
    not_reported: &'static str,
    retargeted: &'static str,
    reason: &'static str,
    lead_changed: &'static str,
    no_lead: &'static str,
    owner_changed: &'static str,
    no_owner: &'static str,
    due_changed: &'static str,
    progress_added: &'static str,
    status: fn(Status) -> &'static str,
    light: fn(Light) -> &'static str,
}

const ZH: Words = Words {
    added: "新增任务",
    removed: "任务已删除",
    newly_done: "新完成（{on}）",
    reopened: "撤销完成，改为{to}",
    status_changed: "状态：{from} → {to}",
    light_changed: "预警：{from} → {to}",
    value_changed: "当前值：{from} → {to}",
    delta: "（{delta}）",
    points: "{n}个百分点",
    not_reported: "未填报",
    retargeted: "目标调整：{from} → {to}",
    reason: "（原因：{reason}）",
    lead_changed: "牵头单位：{from} → {to}",
    no_lead: "未确定",
    owner_changed: "责任人：{from} → {to}",
    no_owner: "未填",
    due_changed: "完成时限：{from} → {to}",
    progress_added: "新报进展{count}条",
    status: status_zh,
    light: light_zh,
};

const EN: Words = Words {
    added: "New commitment",
    removed: "Commitment deleted",
    newly_done: "Done ({on})",
    reopened: "Reopened, now {to}",
    status_changed: "Status: {from} → {to}",
    light_changed: "Light: {from} → {to}",
    value_changed: "Value: {from} → {to}",
    delta: " ({delta})",
    points: "{n} points",
    not_reported: "not reported",
    retargeted: "Target: {from} → {to}",
    reason: " (reason: {reason})",
    lead_changed: "Lead: {from} → {to}",
    no_lead: "none",
    owner_changed: "Owner: {from} → {to}",
    no_owner: "none",
    due_changed: "Due: {from} → {to}",
    progress_added: "{count} new progress report(s)",
    status: status_en,
    light: light_en,
};

/// `template` with each `{name}` replaced by its value, in one pass.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .map(|close| (&after[..close], &after[close + 1..]))
        {
            Some((name, tail)) if values.iter().any(|(n, _)| *n == name) => {
                let value = values
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or("", |(_, v)| v);
                out.push_str(value);
                rest = tail;
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn status_en(s: Status) -> &'static str {
    match s {
        Status::NotStarted => "not started",
        Status::InProgress => "in progress",
        Status::Done => "done",
        Status::Suspended => "suspended",
        Status::ClosureRequested => "closure requested",
    }
}

fn light_en(l: Light) -> &'static str {
    match l {
        Light::Red => "red",
        Light::Yellow => "yellow",
        Light::Blue => "blue",
        Light::Green => "green",
        Light::Grey => "grey",
    }
}

impl Change {
    /// The change in plain Chinese (see [`ChangeKind::describe_zh`]).
    pub fn describe_zh(&self) -> String {
        self.kind.describe_zh()
    }
}

/// JSON: `{id, title, kind, <fields of the kind>, text}`, `text` being
/// [`Change::describe_zh`].
impl Serialize for Change {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            id: CommitmentId,
            title: &'a str,
            #[serde(flatten)]
            kind: &'a ChangeKind,
            text: String,
        }
        Out {
            id: self.id,
            title: &self.title,
            kind: &self.kind,
            text: self.describe_zh(),
        }
        .serialize(s)
    }
}

/// How many changes of each kind, and how many commitments changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Summary {
    /// Commitments with at least one change.
    pub commitments: usize,
    pub added: usize,
    pub removed: usize,
    pub newly_done: usize,
    pub reopened: usize,
    pub status_changed: usize,
    pub light_changed: usize,
    pub value_changed: usize,
    pub retargeted: usize,
    pub lead_changed: usize,
    pub owner_changed: usize,
    pub due_changed: usize,
    pub progress_added: usize,
}

impl Summary {
    /// The counts in one Chinese line, zero counts left out:
    /// 变化任务3项：新完成1项，预警变化2项.
    pub fn describe_zh(&self) -> String {
        if self.commitments == 0 {
            return "无变化".to_owned();
        }
        let parts: Vec<String> = [
            ("新增", self.added),
            ("删除", self.removed),
            ("新完成", self.newly_done),
            ("撤销完成", self.reopened),
            ("状态变化", self.status_changed),
            ("预警变化", self.light_changed),
            ("数值更新", self.value_changed),
            ("目标调整", self.retargeted),
            ("牵头单位变化", self.lead_changed),
            ("责任人变化", self.owner_changed),
            ("时限变化", self.due_changed),
            ("新报进展", self.progress_added),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| format!("{what}{n}项"))
        .collect();
        format!("变化任务{}项：{}", self.commitments, parts.join("，"))
    }
}

impl Summary {
    /// The counts in one English line, zero counts left out:
    /// "3 commitments changed: 1 done, 2 light changes".
    pub fn describe_en(&self) -> String {
        if self.commitments == 0 {
            return "No changes".to_owned();
        }
        let parts: Vec<String> = [
            ("new", self.added),
            ("deleted", self.removed),
            ("done", self.newly_done),
            ("reopened", self.reopened),
            ("status changes", self.status_changed),
            ("light changes", self.light_changed),
            ("value updates", self.value_changed),
            ("target adjustments", self.retargeted),
            ("lead changes", self.lead_changed),
            ("owner changes", self.owner_changed),
            ("due date changes", self.due_changed),
            ("progress reports", self.progress_added),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| format!("{n} {what}"))
        .collect();
        format!(
            "{} commitment(s) changed: {}",
            self.commitments,
            parts.join(", ")
        )
    }
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The changes of one commitment.
    pub fn of(&self, id: CommitmentId) -> impl Iterator<Item = &Change> {
        self.entries.iter().filter(move |c| c.id == id)
    }

    /// Counts per kind.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            commitments: self
                .entries
                .iter()
                .map(|c| c.id)
                .collect::<BTreeSet<_>>()
                .len(),
            ..Summary::default()
        };
        for c in &self.entries {
            let n = match c.kind {
                ChangeKind::Added => &mut s.added,
                ChangeKind::Removed => &mut s.removed,
                ChangeKind::NewlyDone { .. } => &mut s.newly_done,
                ChangeKind::Reopened { .. } => &mut s.reopened,
                ChangeKind::StatusChanged { .. } => &mut s.status_changed,
                ChangeKind::LightChanged { .. } => &mut s.light_changed,
                ChangeKind::ValueChanged { .. } => &mut s.value_changed,
                ChangeKind::Retargeted { .. } => &mut s.retargeted,
                ChangeKind::LeadChanged { .. } => &mut s.lead_changed,
                ChangeKind::OwnerChanged { .. } => &mut s.owner_changed,
                ChangeKind::DueChanged { .. } => &mut s.due_changed,
                ChangeKind::ProgressAdded { .. } => &mut s.progress_added,
            };
            *n += 1;
        }
        s
    }
}

/// What changed from `old` (as of `old_as_of`) to `new` (as of `new_as_of`).
pub fn diff(old: &Plan, new: &Plan, old_as_of: NaiveDate, new_as_of: NaiveDate) -> Changes {
    let ids: BTreeSet<CommitmentId> = old
        .commitments
        .keys()
        .chain(new.commitments.keys())
        .copied()
        .collect();
    let mut entries = Vec::new();
    for id in ids {
        match (old.commitments.get(&id), new.commitments.get(&id)) {
            (None, Some(c)) => entries.push(Change {
                id,
                title: c.title.clone(),
                kind: ChangeKind::Added,
            }),
            (Some(c), None) => entries.push(Change {
                id,
                title: c.title.clone(),
                kind: ChangeKind::Removed,
            }),
            (Some(a), Some(b)) => {
                let side_a = Side {
                    plan: old,
                    c: a,
                    as_of: old_as_of,
                };
                let side_b = Side {
                    plan: new,
                    c: b,
                    as_of: new_as_of,
                };
                entries.extend(
                    commitment_changes(&side_a, &side_b)
                        .into_iter()
                        .map(|kind| Change {
                            id,
                            title: b.title.clone(),
                            kind,
                        }),
                );
            }
            (None, None) => {}
        }
    }
    Changes { entries }
}

/// One commitment on one side of the comparison.
struct Side<'a> {
    plan: &'a Plan,
    c: &'a Commitment,
    as_of: NaiveDate,
}

fn commitment_changes(a: &Side<'_>, b: &Side<'_>) -> Vec<ChangeKind> {
    let mut out = Vec::new();
    let was = pace::assess(a.plan, a.c, a.as_of);
    let is = pace::assess(b.plan, b.c, b.as_of);

    if was.status != is.status {
        out.push(match (was.status, is.status) {
            (_, Status::Done) => ChangeKind::NewlyDone {
                on: done_date(b.c, b.as_of),
            },
            (Status::Done, to) => ChangeKind::Reopened { to },
            (from, to) => ChangeKind::StatusChanged { from, to },
        });
    }
    // Done is green and suspended grey by definition: the status says it.
    let implied = was.status != is.status && matches!(is.status, Status::Done | Status::Suspended);
    if was.light != is.light && !implied {
        out.push(ChangeKind::LightChanged {
            from: was.light,
            to: is.light,
        });
    }

    let target_a = a.c.target_as_of(a.as_of);
    let target_b = b.c.target_as_of(b.as_of);
    if !same_value(was.current, is.current) {
        let unit = target_b
            .as_ref()
            .or(target_a.as_ref())
            .map(|t| t.unit.clone())
            .unwrap_or_default();
        out.push(ChangeKind::ValueChanged {
            from: was.current,
            to: is.current,
            delta: was.current.zip(is.current).map(|(x, y)| y - x),
            unit,
        });
    }
    if let (Some(from), Some(to)) = (&target_a, &target_b)
        && from != to
    {
        let reason =
            b.c.adjustments
                .iter()
                .filter(|adj| adj.date <= b.as_of && &adj.new == to)
                .max_by_key(|adj| adj.date)
                .map(|adj| adj.reason.clone())
                .unwrap_or_default();
        out.push(ChangeKind::Retargeted {
            from: from.clone(),
            to: to.clone(),
            reason,
        });
    }

    if a.c.lead != b.c.lead {
        out.push(ChangeKind::LeadChanged {
            from: a.c.lead.as_ref().map(|d| a.plan.dept_name(d).to_owned()),
            to: b.c.lead.as_ref().map(|d| b.plan.dept_name(d).to_owned()),
        });
    }
    if a.c.owner.trim() != b.c.owner.trim() {
        out.push(ChangeKind::OwnerChanged {
            from: a.c.owner.clone(),
            to: b.c.owner.clone(),
        });
    }
    let (due_a, due_b) = (a.plan.due_of(a.c), b.plan.due_of(b.c));
    if due_a != due_b {
        out.push(ChangeKind::DueChanged {
            from: due_a,
            to: due_b,
        });
    }
    let count = new_entries(&a.c.progress, a.as_of, &b.c.progress, b.as_of);
    if count > 0 {
        out.push(ChangeKind::ProgressAdded { count });
    }
    out
}

/// When a commitment done on `as_of` was done: its done date, or the
/// latest change to done in its history, or `as_of` when neither says.
fn done_date(c: &Commitment, as_of: NaiveDate) -> NaiveDate {
    c.done_on
        .filter(|d| *d <= as_of)
        .or_else(|| {
            c.status_history
                .iter()
                .filter(|s| s.on <= as_of && s.to == Status::Done)
                .map(|s| s.on)
                .max()
        })
        .unwrap_or(as_of)
}

fn same_value(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        // Bit equality would call 0.1+0.2 and 0.3 different values.
        (Some(x), Some(y)) => x == y || (x - y).abs() <= f64::EPSILON * x.abs().max(y.abs()),
        _ => false,
    }
}

/// How many entries of `new` (up to `new_as_of`) are not in `old` (up to
/// `old_as_of`), counting equal entries as often as they appear.
fn new_entries(
    old: &[ProgressEntry],
    old_as_of: NaiveDate,
    new: &[ProgressEntry],
    new_as_of: NaiveDate,
) -> usize {
    let mut unmatched: Vec<&ProgressEntry> = old.iter().filter(|e| e.date <= old_as_of).collect();
    let mut count = 0;
    for e in new.iter().filter(|e| e.date <= new_as_of) {
        match unmatched.iter().position(|o| *o == e) {
            Some(i) => {
                unmatched.swap_remove(i);
            }
            None => count += 1,
        }
    }
    count
}

/// 红灯, 黄灯, 蓝灯, 绿灯, 灰灯 (the words of the exports).
pub use crate::export::labels::light as light_zh;
/// 未启动, 推进中, 已完成, 暂缓 (the words of the exports).
pub use crate::export::labels::status as status_zh;

#[cfg(test)]
mod words_tests {
    use super::*;

    /// Text put into a template is not read for placeholders: an owner
    /// typed as "{to}" stays as typed.
    #[test]
    fn filled_values_are_taken_as_they_are() {
        let kind = ChangeKind::OwnerChanged {
            from: "{to}".to_owned(),
            to: "张三".to_owned(),
        };
        assert_eq!(kind.describe_zh(), "责任人：{to} → 张三");
        assert_eq!(kind.describe_en(), "Owner: {to} → 张三");
        assert_eq!(fill("a{x}b{", &[("x", "{x}")]), "a{x}b{");
    }
}
