//! Building the preview: every return read, every row checked against the
//! form as made (the hidden sheet) and the plan as it is.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Issue, Preview, ReturnPreview, Role, RowPreview, Unreadable};
use crate::model::{CommitmentId, DeptId, Plan, ProgressEntry, stable_hash};
use crate::returns::form::{self, FormMeta, SeenRow};
use crate::returns::read::{self, ReturnedForm, ReturnedRow, Typed};
use crate::returns::{Period, parse_form_file_name};

/// What the merge is told besides the files.
#[derive(Debug, Clone)]
pub struct PreviewOptions {
    /// The day of the merge: the return's date when nothing better is known.
    pub merged_on: NaiveDate,
    /// The period the user expects (the window asks; the CLI trusts the forms).
    pub expected_period: Option<Period>,
}

/// Reads the files (folders already expanded) and previews them. A file
/// that is not a form is listed in `unreadable`; the others go on.
pub fn preview_files(plan: &Plan, files: &[PathBuf], options: &PreviewOptions) -> Preview {
    let mut forms = Vec::new();
    let mut unreadable = Vec::new();
    for path in files {
        match read::read(path) {
            Ok(form) => forms.push(form),
            Err(e) => unreadable.push(Unreadable {
                path: path.clone(),
                message: e.to_string(),
            }),
        }
    }
    let mut preview = preview(plan, &forms, options);
    // A workbook a form names as its 佐证材料 (a department's own table
    // sent beside the form) is evidence, not a form that failed to read.
    let evidence: Vec<PathBuf> = preview
        .returns
        .iter()
        .flat_map(|r| r.rows.iter().flat_map(|row| row.evidence_files.iter()))
        .map(|p| same_file_key(p))
        .collect();
    unreadable.retain(|u| !evidence.contains(&same_file_key(&u.path)));
    preview.unreadable = unreadable;
    preview
}

/// A path to compare files by: canonical when it can be, else as given.
fn same_file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// Previews returns already read.
pub fn preview(plan: &Plan, forms: &[ReturnedForm], options: &PreviewOptions) -> Preview {
    let mut returns: Vec<ReturnPreview> = forms.iter().map(|f| one(plan, f, options)).collect();
    mark_second_returns(plan, &mut returns);
    Preview {
        returns,
        unreadable: Vec::new(),
    }
}

fn one(plan: &Plan, f: &ReturnedForm, options: &PreviewOptions) -> ReturnPreview {
    let mut issues = Vec::new();
    let (date, date_issue) = match &f.date {
        Ok(Some(d)) => (Some(*d), None),
        Ok(None) => (None, None),
        Err(text) => (None, Some(Issue::DateUnreadable(text.clone()))),
    };
    let returned_on = date.or(f.file_date).unwrap_or(options.merged_on);
    let mut ret = ReturnPreview {
        path: f.path.clone(),
        file_name: f.file_name.clone(),
        department: None,
        department_name: String::new(),
        period: None,
        returned_on,
        due: None,
        issues: Vec::new(),
        rows: Vec::new(),
    };
    let meta = match &f.meta {
        Ok(meta) => meta,
        Err(why) => {
            ret.issues.push(Issue::NoMeta(why.clone()));
            ret.rows = f.rows.iter().map(|r| unknown_row(r, None)).collect();
            return ret;
        }
    };
    ret.department_name = meta.department_name.clone();
    if meta.compute_seal() != meta.seal {
        issues.push(Issue::SealBroken);
    }
    if meta.plan_id != plan.id {
        issues.push(Issue::OtherPlan {
            form: meta.plan_id.clone(),
            plan: plan.id.clone(),
        });
    }
    match Period::parse(&meta.period) {
        Ok(p) if p.year != plan.year => issues.push(Issue::BadPeriod(format!(
            "{} 不在计划年度{}年内",
            p.zh(),
            plan.year
        ))),
        Ok(p) => {
            ret.period = Some(p);
            if let Some(expected) = options.expected_period.filter(|e| *e != p) {
                issues.push(Issue::OtherPeriod { form: p, expected });
            }
        }
        Err(e) => issues.push(Issue::BadPeriod(e.to_string())),
    }
    if let Some((file_period, file_dept)) = parse_form_file_name(&f.file_name) {
        if let Some(p) = ret.period.filter(|p| *p != file_period) {
            issues.push(Issue::OtherPeriod {
                form: p,
                expected: file_period,
            });
        }
        let dept_names = [meta.department_name.as_str(), meta.department.as_str()];
        let short = plan
            .department(&DeptId::new(meta.department.clone()))
            .map(|d| d.short_name.as_str());
        if !dept_names.contains(&file_dept.as_str()) && short != Some(file_dept.as_str()) {
            issues.push(Issue::OtherDepartment {
                form: meta.department_name.clone(),
                named: file_dept,
            });
        }
    }
    let dept = DeptId::new(meta.department.clone());
    if plan.departments.contains_key(&dept) {
        ret.department = Some(dept.clone());
    } else {
        issues.push(Issue::UnknownDepartment(meta.department_name.clone()));
    }
    ret.due = NaiveDate::parse_from_str(&meta.due, "%Y-%m-%d").ok();
    if let Some(due) = ret.due.filter(|due| returned_on > *due) {
        issues.push(Issue::Late { returned_on, due });
    }
    issues.extend(date_issue);
    ret.issues = issues;

    let by_row: HashMap<u32, &form::MetaRow> = meta.rows.iter().map(|r| (r.sheet_row, r)).collect();
    let fatal = ret.is_fatal();
    let mut unfilled = 0;
    for row in &f.rows {
        let checked = match (by_row.get(&row.sheet_row), &ret.department, ret.period) {
            (Some(meta_row), Some(dept), Some(period)) if !fatal => {
                let at = RowAt {
                    meta,
                    meta_row,
                    dept,
                    period,
                    returned_on,
                    form: &f.path,
                };
                check_row(plan, &at, row)
            }
            (meta_row, _, _) => unknown_row(row, meta_row.map(|m| m.id.as_str())),
        };
        if !checked.filled {
            unfilled += 1;
        }
        ret.rows.push(checked);
    }
    if unfilled > 0 {
        ret.issues.push(Issue::Unfilled(unfilled));
    }
    ret
}

/// A row that cannot be checked against the plan: listed with its id, no entry.
fn unknown_row(row: &ReturnedRow, meta_id: Option<&str>) -> RowPreview {
    let mut issues = Vec::new();
    if meta_id.is_none() {
        issues.push(Issue::UnknownId(row.seen.id.clone()));
    }
    RowPreview {
        line: row.sheet_row + 1,
        id_text: row.seen.id.clone(),
        commitment: None,
        title: row.seen.task.clone(),
        role: Role::None,
        entry: None,
        value_before: None,
        unit: String::new(),
        status_change: None,
        status_reason: String::new(),
        closure_requested: false,
        extension: None,
        evidence_files: Vec::new(),
        issues,
        fingerprint: String::new(),
        filled: row.is_filled(),
    }
}

/// Where a row stands: its return, the form as made, the file it came in.
struct RowAt<'a> {
    meta: &'a FormMeta,
    meta_row: &'a form::MetaRow,
    dept: &'a DeptId,
    period: Period,
    returned_on: NaiveDate,
    form: &'a Path,
}

fn check_row(plan: &Plan, at: &RowAt, row: &ReturnedRow) -> RowPreview {
    let RowAt {
        meta,
        meta_row,
        dept,
        period,
        returned_on,
        form: form_path,
    } = *at;
    let mut out = unknown_row(row, Some(&meta_row.id));
    out.fingerprint = row_fingerprint(meta, &meta_row.id, row);
    let mut issues = Vec::new();
    let id = meta_row.id.parse::<u32>().ok().map(CommitmentId);
    let Some(c) = id.and_then(|id| plan.commitments.get(&id)) else {
        out.issues.push(Issue::UnknownId(meta_row.id.clone()));
        return out;
    };
    out.commitment = Some(c.id);
    out.title = c.title.clone();
    out.role = if c.lead.as_ref() == Some(dept) {
        Role::Lead
    } else if c.cooperating.contains(dept) {
        Role::Cooperating
    } else {
        Role::None
    };

    // The read-only cells: as made, as returned, as the plan is now.
    let now = SeenRow::of(plan, c, dept);
    let now_fp = form::fingerprint(&now);
    if form::fingerprint(&row.seen) != meta_row.fingerprint {
        let reference = if now_fp == meta_row.fingerprint {
            now.cells()
        } else {
            [""; 5]
        };
        let fields: Vec<&'static str> = SeenRow::NAMES
            .iter()
            .zip(row.seen.cells().iter().zip(reference))
            .filter(|(_, (got, want))| want.is_empty() || got.trim() != want.trim())
            .map(|(name, _)| *name)
            .collect();
        issues.push(Issue::ProtectedEdited(fields));
    } else if now_fp != meta_row.fingerprint {
        let fields = SeenRow::NAMES
            .iter()
            .zip(row.seen.cells().iter().zip(now.cells()))
            .filter(|(_, (old, new))| old.trim() != new.trim())
            .map(|(name, (old, new))| (*name, old.to_string(), new.to_owned()))
            .collect();
        issues.push(Issue::ChangedInPlan(fields));
    }
    if row.seen.id != meta_row.id
        && !issues
            .iter()
            .any(|i| matches!(i, Issue::ProtectedEdited(_)))
    {
        issues.push(Issue::ProtectedEdited(vec!["序号"]));
    }
    if out.role == Role::None {
        issues.push(Issue::NotHeld);
    }
    let already = plan
        .returns
        .iter()
        .filter(|r| r.period == meta.period && &r.department == dept)
        .any(|r| r.rows.iter().any(|k| k.ends_with(&out.fingerprint)));
    if already {
        issues.push(Issue::AlreadyMerged);
    }
    if !out.filled {
        out.issues = issues;
        return out;
    }

    // The value.
    let as_of = period.last_day();
    let target = c.kind.target();
    out.value_before = c.value_as_of(as_of).map(|(_, v)| v);
    out.unit = target.map(|t| t.unit.clone()).unwrap_or_default();
    let mut value = None;
    match (&row.value, target) {
        (Typed::Empty, _) => {}
        (Typed::Text(t), _) => issues.push(Issue::NotANumber(t.clone())),
        (Typed::Number(_), None) => issues.push(Issue::ValueWithoutTarget),
        (Typed::Number(typed), Some(t)) => {
            let v = typed * meta_row.factor;
            value = Some(v);
            if let Some(before) = out.value_before.filter(|b| t.cumulative && v < *b) {
                issues.push(Issue::WentDown { before, now: v });
            }
            let scale = [Some(t.low), Some(t.high), t.baseline, out.value_before]
                .into_iter()
                .flatten()
                .map(f64::abs)
                .fold(0.0, f64::max);
            if scale > 0.0 && v != 0.0 {
                let ratio = v.abs() / scale;
                if !(1e-3..=1e3).contains(&ratio) {
                    issues.push(Issue::OutOfScale { value: v, scale });
                }
            }
        }
    }

    // The status.
    let word = row.status.trim();
    let mut status_to = None;
    if word == form::APPLY_CLOSE {
        out.closure_requested = true;
        issues.push(Issue::ClosureRequested);
    } else if !word.is_empty() {
        match form::status_of_word(word) {
            Some(s) => status_to = Some(s),
            None => issues.push(Issue::UnknownStatus(word.to_owned())),
        }
    }

    // 佐证材料: the files named, found beside the form.
    let names = form::evidence_names(&row.evidence);
    if !names.is_empty() {
        let dir = form_path.parent().unwrap_or(Path::new("."));
        let stem = form_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut missing = Vec::new();
        for name in &names {
            match find_evidence(dir, &stem, name) {
                Some(path) => out.evidence_files.push(path),
                None => missing.push(name.clone()),
            }
        }
        if !out.evidence_files.is_empty() {
            let found: Vec<String> = out
                .evidence_files
                .iter()
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            issues.push(Issue::EvidenceFound(found));
        }
        if !missing.is_empty() {
            issues.push(Issue::EvidenceMissing(missing));
        }
    }

    let fatal = issues.iter().any(Issue::is_fatal);
    if !fatal {
        let date = period.clamp(returned_on);
        let mut entry = ProgressEntry {
            date,
            value: None,
            progress: clean(&row.note),
            problems: clean(&row.problems),
            next_steps: clean(&row.next_steps),
            reporter: reporter(row),
            evidence: Vec::new(),
        };
        match (out.role, value) {
            (Role::Lead, v) => entry.value = v,
            (_, Some(v)) => {
                let unit = target.map(|t| t.unit.as_str()).unwrap_or("");
                let text = format!(
                    "（配合单位填报本期完成值：{}）",
                    crate::display::report_style(v, unit)
                );
                entry.progress.push_str(&text);
                issues.push(Issue::CooperatingValue);
            }
            _ => {}
        }
        if out.closure_requested {
            super::record_closure_request(&mut entry);
        }
        // The status after the entry (a first return moves 未启动 to 推进中).
        let mut after = c.clone();
        after.add_progress(entry.clone());
        if let Some(to) = status_to.filter(|to| *to != after.status) {
            out.status_change = Some((c.status, to));
            if to == crate::model::Status::Suspended {
                out.status_reason = if entry.problems.is_empty() {
                    entry.progress.clone()
                } else {
                    entry.problems.clone()
                };
            }
        }
        // 申请延期: checked by the model's own rule, recorded by `apply`.
        match &row.extend_to {
            Ok(None) => {
                if !row.extend_reason.trim().is_empty() {
                    issues.push(Issue::ExtensionRefused(
                        "填写了延期理由，但“申请延期至”未填日期".to_owned(),
                    ));
                }
            }
            Err(text) => issues.push(Issue::BadExtensionDate(text.clone())),
            Ok(Some(_)) if out.role != Role::Lead => {
                issues.push(Issue::ExtensionRefused(
                    "配合单位不能申请延期，请由牵头单位申请".to_owned(),
                ));
            }
            Ok(Some(to)) => {
                let reason = match clean(&row.extend_reason) {
                    r if r.is_empty() => entry.problems.clone(),
                    r => r,
                };
                let due = plan.due_of(c);
                match c.check_extension(due, date, *to, &reason) {
                    Ok(()) => {
                        issues.push(Issue::ExtensionRequested { to: *to, due });
                        out.extension = Some((*to, reason));
                    }
                    Err(e) => issues.push(Issue::ExtensionRefused(extension_refusal(&e))),
                }
            }
        }
        out.entry = Some(entry);
    }
    out.issues = issues;
    out
}

/// Why a return's 申请延期 cannot be recorded, in the office's words.
fn extension_refusal(e: &crate::model::StepError) -> String {
    use crate::model::StepError;
    let ymd = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
    match e {
        StepError::TooLate { due, today } => format!(
            "须在原完成时限（{}）前申请延期，本次填报日期为{}",
            ymd(due),
            ymd(today)
        ),
        StepError::NotLater { to, due } => {
            format!("申请延期至{}，不晚于现完成时限{}", ymd(to), ymd(due))
        }
        StepError::AlreadyDone(_) => "任务已完成，不能申请延期".to_owned(),
        StepError::Empty(_) => "须写明延期理由（“延期理由”或“存在问题”）".to_owned(),
        other => other.to_string(),
    }
}

/// A file named in 佐证材料: beside the form, in a folder named like the
/// form, or in a 佐证材料 folder beside it.
fn find_evidence(dir: &Path, form_stem: &str, name: &str) -> Option<PathBuf> {
    [
        dir.join(name),
        dir.join(form_stem).join(name),
        dir.join("佐证材料").join(name),
    ]
    .into_iter()
    // A regular file only: a link sent in a returns folder could point
    // anywhere on the office's machine.
    .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
}

fn clean(text: &str) -> String {
    crate::model::text::clean(text, true).trim().to_owned()
}

/// 填报人, with the phone number when given: `张三（0351-1234567）`.
fn reporter(row: &ReturnedRow) -> String {
    let name = crate::model::text::clean(&row.reporter, false)
        .trim()
        .to_owned();
    let phone = crate::model::text::clean(&row.phone, false)
        .trim()
        .to_owned();
    match (name.is_empty(), phone.is_empty()) {
        (_, true) => name,
        (true, false) => format!("（{phone}）"),
        (false, false) => format!("{name}（{phone}）"),
    }
}

/// A row's fingerprint: the return it belongs to, the commitment, and
/// everything the department typed.
fn row_fingerprint(meta: &FormMeta, id: &str, row: &ReturnedRow) -> String {
    let value = match &row.value {
        Typed::Empty => String::new(),
        Typed::Number(v) => v.to_string(),
        Typed::Text(t) => t.clone(),
    };
    let parts = [
        meta.plan_id.as_str(),
        &meta.period,
        &meta.department,
        id,
        &value,
        &row.note,
        &row.problems,
        &row.next_steps,
        &row.status,
        &row.reporter,
        &row.phone,
    ];
    let mut text = parts.join("\u{1f}");
    // The columns added later count only when filled, so that a return
    // merged before they existed keeps its fingerprint.
    let extend_to = row.extend_to_text();
    if [&extend_to, &row.extend_reason, &row.evidence]
        .iter()
        .any(|s| !s.is_empty())
    {
        for part in [&extend_to, &row.extend_reason, &row.evidence] {
            text.push('\u{1f}');
            text.push_str(part);
        }
    }
    format!("{:016x}", stable_hash(text.as_bytes()))
}

/// Two returns for the same commitment and period (lead and cooperating,
/// in this merge or one merged before): a notice on each, naming the other.
fn mark_second_returns(plan: &Plan, returns: &mut [ReturnPreview]) {
    let mut by_key: BTreeMap<(Period, CommitmentId), Vec<String>> = BTreeMap::new();
    for r in returns.iter() {
        let Some(period) = r.period else { continue };
        for row in r.rows.iter().filter(|row| row.entry.is_some()) {
            if let Some(id) = row.commitment {
                by_key
                    .entry((period, id))
                    .or_default()
                    .push(r.department_name.clone());
            }
        }
    }
    for rec in &plan.returns {
        let Ok(period) = Period::parse(&rec.period) else {
            continue;
        };
        for key in &rec.rows {
            let Some(id) = key.split(':').next().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            let names = by_key.entry((period, CommitmentId(id))).or_default();
            let name = plan.dept_name(&rec.department).to_owned();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    for r in returns.iter_mut() {
        let Some(period) = r.period else { continue };
        for row in r.rows.iter_mut().filter(|row| row.entry.is_some()) {
            let Some(id) = row.commitment else { continue };
            let others: Vec<&String> = by_key
                .get(&(period, id))
                .map(|names| names.iter().filter(|n| **n != r.department_name).collect())
                .unwrap_or_default();
            if !others.is_empty() {
                let other = others
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("、");
                row.issues.push(Issue::TwoReturns { other });
            }
        }
    }
}
