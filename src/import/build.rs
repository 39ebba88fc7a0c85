//! Tasks to commitments: a new plan, or [`Edit`]s that bring an existing
//! plan up to date with the table (same 序号 or same text: updated, not
//! duplicated), with a summary of what was added, updated and left alone.
//!
//! Where each column goes: 重点任务 → title (its first sentence, at most
//! [`TITLE_CHARS`] characters) and source quote (all of it); 序号 → a tag
//! `序号:1-1`; 牵头单位 → lead (more than one: the first leads, the others
//! cooperate); 配合单位 → cooperating; 责任人 → owner; 完成时限 → due date
//! (see [`super::dates`]) with the phrase kept in the notes; 类别 or the
//! section rows → section; 责任领导 and 备注 → notes; 进展情况, 存在问题,
//! 下一步措施 and 当前值 → one progress entry dated the import day (the value
//! only for a quantitative target; otherwise it is written into the text).

use chrono::NaiveDate;
use serde::Serialize;

use super::dates::{Due, parse_due};
use super::departments::{Matcher, Names};
use super::rows::{Rows, TaskRow};
use crate::extract::{ExtractOptions, extract};
use crate::model::{Commitment, CommitmentId, Edit, Kind, Plan, ProgressEntry, text};

/// The longest title taken from a task's text.
pub const TITLE_CHARS: usize = 60;
/// The tag prefix that keeps a task's 序号.
pub const NUMBER_TAG: &str = "序号:";

/// What an import needs beyond the rows.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The year dates without one are in (6月底前).
    pub year: i32,
    /// The date of progress entries made from 进展情况 (the import day).
    pub today: NaiveDate,
    pub names: Names,
}

/// One commitment in the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryLine {
    pub id: u32,
    pub row: usize,
    pub number: String,
    pub title: String,
    /// What changed (for updated commitments): 标题, 牵头单位, …
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<String>,
}

/// What an import does.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub tasks: usize,
    pub added: Vec<SummaryLine>,
    pub updated: Vec<SummaryLine>,
    pub unchanged: Vec<SummaryLine>,
    /// Departments not in the plan, added: "市住房和城乡建设局（住建局）".
    pub new_departments: Vec<String>,
    /// Cells that could not be read as meant (a 完成时限 not understood, a
    /// 当前值 that is not a number), with their row.
    pub warnings: Vec<String>,
}

/// The edits of an import and what they do.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub edits: Vec<Edit>,
    pub summary: Summary,
}

fn title_of(task_text: &str) -> String {
    let one_line = text::clean(task_text, false).replace('\n', " ");
    let first = one_line
        .split_inclusive(['。', '；', ';'])
        .next()
        .unwrap_or(&one_line)
        .trim_end_matches(['。', '；', ';'])
        .trim();
    let mut t: String = first.chars().take(TITLE_CHARS).collect();
    if first.chars().count() > TITLE_CHARS {
        t.push('…');
    }
    t
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '；' | ';'))
        .collect()
}

fn number_of(c: &Commitment) -> Option<&str> {
    c.tags.iter().find_map(|t| t.strip_prefix(NUMBER_TAG))
}

/// The commitment a task is, in the plan as it stands: the same text
/// first, then the same 序号 (when the table uses it only once).
fn find_existing(
    plan: &Plan,
    task: &TaskRow,
    number_unique: bool,
    taken: &[CommitmentId],
) -> Option<CommitmentId> {
    let text = squeeze(&task.text);
    let title = squeeze(&title_of(&task.text));
    let free = |c: &&Commitment| !taken.contains(&c.id);
    plan.commitments
        .values()
        .filter(free)
        .find(|c| {
            squeeze(&c.source_quote) == text
                || squeeze(&c.title) == text
                || squeeze(&c.title) == title
        })
        .or_else(|| {
            (number_unique && !task.number.is_empty())
                .then(|| {
                    plan.commitments
                        .values()
                        .filter(free)
                        .find(|c| number_of(c) == Some(task.number.as_str()))
                })
                .flatten()
        })
        .map(|c| c.id)
}

/// The commitment a task describes (id to be set by the caller).
fn commitment_of(
    task: &TaskRow,
    matcher: &mut Matcher,
    plan: &Plan,
    options: &ImportOptions,
    warnings: &mut Vec<String>,
) -> Commitment {
    let quote = text::clean(&task.text, true).into_owned();
    let extraction = extract(
        &quote,
        &ExtractOptions {
            year: Some(options.year),
        },
    );
    let draft = extraction
        .drafts
        .iter()
        .find(|d| matches!(d.kind, Kind::Quantitative(_)));
    let kind = draft.map_or(Kind::Qualitative, |d| d.kind.clone());
    let mut c = Commitment::new(CommitmentId(0), title_of(&task.text), kind);
    c.source_quote = quote;
    c.section = text::clean(&task.section, false).into_owned();
    c.lead = task.lead.first().map(|n| matcher.resolve(plan, n));
    let mut coop = Vec::new();
    for n in &task.cooperating {
        let id = matcher.resolve(plan, n);
        if Some(&id) != c.lead.as_ref() && !coop.contains(&id) {
            coop.push(id);
        }
    }
    c.cooperating = coop;
    c.owner = text::clean(&task.owner, false).into_owned();
    let mut notes = Vec::new();
    if !task.leader.is_empty() {
        notes.push(format!("责任领导：{}", text::clean(&task.leader, false)));
    }
    match parse_due(&task.due, options.year) {
        Due::On(d) => c.due = Some(d),
        Due::Ongoing | Due::None => {}
        Due::Unknown => warnings.push(format!(
            "row {}: 完成时限 '{}' not understood (expected e.g. 2025年6月底前, 年底前, 2025.12, 长期坚持); no due date set",
            task.row, task.due
        )),
    }
    if c.due.is_none() {
        c.due = draft.filter(|d| !d.due_implied).map(|d| d.due);
    }
    if !task.due.is_empty() {
        notes.push(format!("完成时限：{}", text::clean(&task.due, false)));
    }
    if !task.notes.is_empty() {
        notes.push(format!("备注：{}", task.notes));
    }
    c.notes = notes.join("\n");
    if !task.number.is_empty() {
        c.tags.push(format!("{NUMBER_TAG}{}", task.number));
    }
    if let Some(entry) = progress_of(task, &c, options, warnings) {
        c.add_progress(entry);
    }
    c
}

fn progress_of(
    task: &TaskRow,
    c: &Commitment,
    options: &ImportOptions,
    warnings: &mut Vec<String>,
) -> Option<ProgressEntry> {
    if task.progress.is_empty()
        && task.problems.is_empty()
        && task.next_steps.is_empty()
        && task.current.is_empty()
    {
        return None;
    }
    let mut progress = text::clean(&task.progress, true).into_owned();
    let mut value = None;
    if !task.current.is_empty() {
        match (crate::display::parse_number(&task.current), c.kind.target()) {
            (Ok(v), Some(_)) => value = Some(v),
            (parsed, _) => {
                if parsed.is_err() && c.kind.target().is_some() {
                    warnings.push(format!(
                        "row {}: 当前值 '{}' is not a number (expected e.g. 1.2万 or 12000); kept in 进展情况",
                        task.row, task.current
                    ));
                }
                if !progress.is_empty() {
                    progress.push('\n');
                }
                progress.push_str(&format!("当前值：{}", task.current));
            }
        }
    }
    Some(ProgressEntry {
        date: options.today,
        value,
        progress,
        problems: text::clean(&task.problems, true).into_owned(),
        next_steps: text::clean(&task.next_steps, true).into_owned(),
        reporter: String::new(),
        evidence: Vec::new(),
    })
}

/// Brings `existing` up to date with `new`; returns the names of what changed.
fn update(existing: &Commitment, new: &Commitment) -> (Commitment, Vec<String>) {
    let mut c = existing.clone();
    let mut changes = Vec::new();
    let mut set = |changed: bool, name: &str| {
        if changed {
            changes.push(name.to_owned());
        }
    };
    if !new.source_quote.is_empty() && squeeze(&c.source_quote) != squeeze(&new.source_quote) {
        set(true, "任务");
        c.source_quote.clone_from(&new.source_quote);
        if squeeze(&c.title) != squeeze(&new.title) {
            c.title.clone_from(&new.title);
        }
    }
    if !new.section.is_empty() && c.section != new.section {
        set(true, "类别");
        c.section.clone_from(&new.section);
    }
    if new.lead.is_some() && c.lead != new.lead {
        set(true, "牵头单位");
        c.lead.clone_from(&new.lead);
    }
    if !new.cooperating.is_empty() && c.cooperating != new.cooperating {
        set(true, "配合单位");
        c.cooperating.clone_from(&new.cooperating);
    }
    if !new.owner.is_empty() && c.owner != new.owner {
        set(true, "责任人");
        c.owner.clone_from(&new.owner);
    }
    if new.due.is_some() && c.due != new.due {
        set(true, "完成时限");
        c.due = new.due;
    }
    if matches!(c.kind, Kind::Qualitative) && matches!(new.kind, Kind::Quantitative(_)) {
        set(true, "目标");
        c.kind = new.kind.clone();
    }
    for line in new.notes.lines() {
        if !c.notes.lines().any(|l| l == line) {
            let key = line.split_once('：').map_or(line, |(k, _)| k);
            let kept: Vec<&str> = c
                .notes
                .lines()
                .filter(|l| !l.starts_with(&format!("{key}：")))
                .collect();
            let mut lines: Vec<String> = kept.into_iter().map(str::to_owned).collect();
            lines.push(line.to_owned());
            c.notes = lines.join("\n");
            set(true, "备注");
        }
    }
    for tag in &new.tags {
        if !c.tags.contains(tag) {
            if tag.starts_with(NUMBER_TAG) {
                c.tags.retain(|t| !t.starts_with(NUMBER_TAG));
            }
            c.tags.push(tag.clone());
            set(true, "序号");
        }
    }
    for entry in &new.progress {
        let known = c.progress.iter().any(|e| {
            e.value == entry.value
                && e.progress == entry.progress
                && e.problems == entry.problems
                && e.next_steps == entry.next_steps
        });
        if !known {
            c.add_progress(entry.clone());
            set(true, "进展");
        }
    }
    changes.dedup();
    (c, changes)
}

/// The edits that bring `plan` up to date with `rows`.
pub fn plan_edits(plan: &Plan, rows: &Rows, options: &ImportOptions) -> Outcome {
    let mut matcher = Matcher::new(plan, options.names.clone());
    let mut summary = Summary {
        tasks: rows.tasks.len(),
        ..Summary::default()
    };
    let mut edits = Vec::new();
    let mut next = plan.next_commitment_id().0;
    let mut taken = Vec::new();
    for task in &rows.tasks {
        let number_unique = rows
            .tasks
            .iter()
            .filter(|t| t.number == task.number)
            .count()
            == 1;
        let new = commitment_of(task, &mut matcher, plan, options, &mut summary.warnings);
        let line = |id: u32, c: &Commitment, changes: Vec<String>| SummaryLine {
            id,
            row: task.row,
            number: task.number.clone(),
            title: c.title.clone(),
            changes,
        };
        match find_existing(plan, task, number_unique, &taken) {
            Some(id) => {
                taken.push(id);
                let existing = &plan.commitments[&id];
                let (updated, changes) = update(existing, &new);
                if changes.is_empty() {
                    summary.unchanged.push(line(id.0, existing, changes));
                } else {
                    summary.updated.push(line(id.0, &updated, changes));
                    edits.push(Edit::Replace(Box::new(updated)));
                }
            }
            None => {
                let mut c = new;
                c.id = CommitmentId(next);
                next += 1;
                summary.added.push(line(c.id.0, &c, Vec::new()));
                edits.push(Edit::Insert(Box::new(c)));
            }
        }
    }
    let mut all = Vec::with_capacity(edits.len() + matcher.added.len());
    for d in &matcher.added {
        summary
            .new_departments
            .push(format!("{}（{}）", d.name, d.short_name));
        all.push(Edit::PutDepartment(d.clone()));
    }
    all.extend(edits);
    Outcome {
        edits: all,
        summary,
    }
}
