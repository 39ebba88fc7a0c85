//! From table rows to tasks: section rows between tasks (一、…, （一）…, or
//! one text merged across the row), numbering (1, 1-1, （1）, also at the
//! start of the task text), several units in one cell, labelled cells
//! ("牵头单位：…；配合单位：…", "市发改委牵头，市工信局配合"), and, for files
//! that do not record merged cells (CSV, ODS), empty section, lead, 责任单位
//! and 责任领导 cells filled from the task above within the same section.

use serde::Serialize;

use super::ImportError;
use super::error::Place;
use super::header::{ImportField, Mapping};
use super::table::{Table, column_letter};

/// One task as read from its row; departments still as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TaskRow {
    /// The source row number.
    pub row: usize,
    /// 序号 as written (1, 1-1, （1） → "1", "1-1", "1").
    pub number: String,
    pub text: String,
    /// The heading it stands under, without its numbering.
    pub section: String,
    pub lead: Vec<String>,
    pub cooperating: Vec<String>,
    pub leader: String,
    pub owner: String,
    pub due: String,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    pub current: String,
    pub notes: String,
}

/// What the rows hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rows {
    /// The title above the header (e.g. 2025年政府工作报告重点任务分解表), if any.
    pub title: String,
    /// A year named in the title (2025年…), if any.
    pub year: Option<i32>,
    pub tasks: Vec<TaskRow>,
}

const CN_DIGITS: &str = "一二三四五六七八九十百零〇";

/// Heading level of a section row's text: 1 for 一、 / 第一部分, 2 for （一）.
fn heading_level(text: &str) -> Option<u8> {
    let t = text.trim();
    let lead: String = t.chars().take_while(|c| CN_DIGITS.contains(*c)).collect();
    if !lead.is_empty() {
        let rest = &t[lead.len()..];
        if rest.starts_with(['、', '.', '．', ' ']) || rest.is_empty() {
            return Some(1);
        }
    }
    if let Some(rest) = t.strip_prefix('第') {
        let n: String = rest
            .chars()
            .take_while(|c| CN_DIGITS.contains(*c))
            .collect();
        if !n.is_empty() && rest[n.len()..].starts_with(['部', '章', '篇', '项']) {
            return Some(1);
        }
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = t.strip_prefix(open) {
            let n: String = rest
                .chars()
                .take_while(|c| CN_DIGITS.contains(*c))
                .collect();
            if !n.is_empty() && rest[n.len()..].starts_with(close) {
                return Some(2);
            }
        }
    }
    None
}

/// A heading without its numbering: 一、稳增长 → 稳增长.
pub fn strip_heading_number(text: &str) -> String {
    let t = text.trim();
    let t = t.strip_prefix('第').map_or(t, |rest| {
        let n: String = rest
            .chars()
            .take_while(|c| CN_DIGITS.contains(*c))
            .collect();
        let after = &rest[n.len()..];
        if !n.is_empty() && after.starts_with(['部', '章', '篇', '项']) {
            after
                .trim_start_matches(['部', '分', '章', '篇', '项'])
                .trim_start_matches(['、', '：', ':', ' '])
        } else {
            t
        }
    });
    let t = t
        .trim_start_matches(['（', '('])
        .trim_start_matches(|c| CN_DIGITS.contains(c))
        .trim_start_matches(['）', ')', '、', '.', '．', ' ']);
    if t.is_empty() {
        text.trim().to_owned()
    } else {
        t.trim().to_owned()
    }
}

/// Numbering at the start of a task's text: ("1-1", rest).
pub fn leading_number(text: &str) -> Option<(String, &str)> {
    let t = text.trim_start();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = t.strip_prefix(open) {
            let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if !n.is_empty() && rest[n.len()..].starts_with(close) {
                let after = rest[n.len() + close.len_utf8()..].trim_start();
                return Some((n, after));
            }
        }
    }
    let n: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '．'))
        .collect();
    let digits = n.trim_end_matches(['.', '．', '-']);
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = &t[n.len()..];
    // 1. / 1、 / 1-1 followed by text; not 2025年 or 5G.
    if n.len() > digits.len() || rest.starts_with(['、', ' ', '　']) {
        let rest = rest.trim_start_matches(['、', ' ', '　']);
        if !rest.is_empty() {
            return Some((digits.replace('．', "."), rest));
        }
    }
    None
}

fn clean_number(n: &str) -> String {
    let n = n.trim().trim_end_matches(['.', '．', '、']);
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(inner) = n.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner.trim().to_owned();
        }
    }
    n.to_owned()
}

/// The names in a cell, split at 、，,；;/ and line breaks outside brackets.
pub fn split_names(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in cell.chars() {
        match c {
            '(' | '（' => {
                depth += 1;
                current.push(c);
            }
            ')' | '）' => {
                depth = (depth - 1).max(0);
                current.push(c);
            }
            '、' | '，' | ',' | '；' | ';' | '/' | '／' | '\n' | ' ' | '　' | '\t'
                if depth == 0 =>
            {
                out.push(std::mem::take(&mut current));
            }
            c => current.push(c),
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().trim_end_matches('等').trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Units in one cell: (leads, cooperating). Labels inside the cell win
/// (牵头单位：…；配合单位：…, X牵头，Y配合); otherwise every name is `None`-role.
fn units_in(cell: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut leads, mut coops, mut plain) = (Vec::new(), Vec::new(), Vec::new());
    let labelled = [
        "牵头单位",
        "配合单位",
        "协同单位",
        "责任单位",
        "牵头",
        "配合",
        "协同",
    ]
    .iter()
    .any(|l| cell.contains(&format!("{l}：")) || cell.contains(&format!("{l}:")));
    if labelled {
        // Cut at each label; the text after it belongs to that role.
        let mut role = 0u8; // 0 plain, 1 lead, 2 cooperating
        let mut rest = cell;
        loop {
            let next = [
                "牵头单位",
                "配合单位",
                "协同单位",
                "责任单位",
                "牵头",
                "配合",
                "协同",
            ]
            .iter()
            .filter_map(|l| {
                [format!("{l}："), format!("{l}:")]
                    .into_iter()
                    .filter_map(|pat| rest.find(&pat).map(|at| (at, pat.len(), *l)))
                    .min()
            })
            .min();
            let (chunk, after) = match next {
                Some((at, len, label)) => {
                    let chunk = &rest[..at];
                    let new_role = match label {
                        "牵头单位" | "牵头" => 1,
                        "责任单位" => 0,
                        _ => 2,
                    };
                    (chunk, Some((&rest[at + len..], new_role)))
                }
                None => (rest, None),
            };
            let names = split_names(chunk);
            match role {
                1 => leads.extend(names),
                2 => coops.extend(names),
                _ => plain.extend(names),
            }
            match after {
                Some((r, new_role)) => {
                    rest = r;
                    role = new_role;
                }
                None => break,
            }
        }
        return (leads, coops, plain);
    }
    // 市发改委牵头，市工信局、市商务局配合
    let clauses: Vec<&str> = cell
        .split(['；', ';', '，', ',', '\n', '。'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let marked = clauses.iter().any(|c| {
        c.ends_with("牵头") || c.ends_with("配合") || c.ends_with("协同") || c.ends_with("参与")
    });
    if marked {
        for c in clauses {
            if let Some(names) = c.strip_suffix("牵头") {
                leads.extend(split_names(names.trim_end_matches("负责")));
            } else if let Some(names) = c
                .strip_suffix("配合")
                .or_else(|| c.strip_suffix("协同"))
                .or_else(|| c.strip_suffix("参与"))
            {
                coops.extend(split_names(names));
            } else {
                plain.extend(split_names(c));
            }
        }
        return (leads, coops, plain);
    }
    (leads, coops, split_names(cell))
}

fn push_unique(list: &mut Vec<String>, names: impl IntoIterator<Item = String>) {
    for n in names {
        if !list.contains(&n) {
            list.push(n);
        }
    }
}

/// Reads the tasks of `table` under `mapping`.
pub fn read(table: &Table, mapping: &Mapping) -> Result<Rows, ImportError> {
    let task_cols: Vec<usize> = mapping.columns_of(ImportField::Task).collect();
    let Some(&task_col) = task_cols.first() else {
        return Err(ImportError::NoHeader {
            path: table.file.clone(),
            sheet: table.sheet.clone(),
            looked: super::header::LOOK_ROWS,
        });
    };
    let mut rows = Rows::default();
    // Title: the first line above the header that is not 填报单位 / 日期.
    let header_row = mapping.header_row.unwrap_or(0);
    for r in 0..mapping.header_row.map_or(0, |h| h.min(table.rows.len())) {
        let text = table.rows[r]
            .iter()
            .find(|c| !c.is_empty())
            .cloned()
            .unwrap_or_default();
        if rows.title.is_empty()
            && !text.is_empty()
            && r < header_row
            && !["填报", "单位", "日期", "附件", "时间", "制表"]
                .iter()
                .any(|p| text.starts_with(p))
        {
            rows.title = text.replace('\n', "");
        }
        if rows.year.is_none() {
            rows.year = year_in(&text);
        }
    }
    let fill_down = !table.merges_known;
    let mut top = String::new();
    let mut sub = String::new();
    let mut above: std::collections::HashMap<usize, String> = Default::default();
    for r in mapping.data_start..table.rows.len() {
        if table.is_blank_row(r) {
            continue;
        }
        let cells: Vec<&str> = (0..table.width()).map(|c| table.cell(r, c)).collect();
        let mut distinct: Vec<&str> = cells.iter().copied().filter(|c| !c.is_empty()).collect();
        let filled = distinct.len();
        distinct.dedup();
        let task_text = {
            let mut parts: Vec<&str> = Vec::new();
            for &c in &task_cols {
                let v = table.cell(r, c);
                if !v.is_empty() && !parts.contains(&v) {
                    parts.push(v);
                }
            }
            parts.join("\n")
        };
        let number_cell = mapping
            .column_of(ImportField::Number)
            .map_or("", |c| table.cell(r, c));
        // A footnote (注：…, 说明：…) ends the table.
        if distinct.len() == 1
            && ["注：", "注:", "说明：", "说明:", "备注："]
                .iter()
                .any(|p| distinct[0].starts_with(p))
        {
            break;
        }
        // Section rows.
        let heading =
            if distinct.len() == 1 && (filled >= 2 || heading_level(distinct[0]).is_some()) {
                Some((
                    heading_level(distinct[0]).unwrap_or(1),
                    distinct[0].to_owned(),
                ))
            } else if !number_cell.is_empty()
                && number_cell
                    .chars()
                    .all(|c| CN_DIGITS.contains(c) || "（）()、.".contains(c))
                && !task_text.is_empty()
            {
                let level = if number_cell.starts_with(['（', '(']) {
                    2
                } else {
                    1
                };
                Some((level, task_text.clone()))
            } else {
                None
            };
        if let Some((level, text)) = heading {
            let text = strip_heading_number(&text);
            if level == 1 {
                top = text;
                sub.clear();
            } else {
                sub = text;
            }
            above.clear();
            continue;
        }
        let mut task = TaskRow {
            row: table.row_number(r),
            ..TaskRow::default()
        };
        if task_text.is_empty() {
            let has_own = mapping.columns.iter().any(|m| {
                !matches!(
                    m.field,
                    ImportField::Ignore
                        | ImportField::Section
                        | ImportField::Lead
                        | ImportField::Units
                        | ImportField::Cooperating
                        | ImportField::Leader
                ) && !table.cell(r, m.index).is_empty()
            });
            if has_own {
                return Err(ImportError::NoTaskText {
                    path: table.file.clone(),
                    place: Place {
                        sheet: table.sheet.clone(),
                        row: table.row_number(r),
                        column: Some(column_letter(task_col)),
                    },
                    task_column: format!(
                        "{} ({})",
                        column_letter(task_col),
                        mapping.columns[task_col].header
                    ),
                });
            }
            continue;
        }
        task.number = clean_number(number_cell);
        task.text = match leading_number(&task_text) {
            Some((n, rest)) => {
                if task.number.is_empty() {
                    task.number = n;
                }
                rest.to_owned()
            }
            None => task_text.clone(),
        };
        let mut lead_names = Vec::new();
        let mut coop_names = Vec::new();
        let mut unit_names = Vec::new();
        let has_lead_col = mapping.column_of(ImportField::Lead).is_some();
        for m in &mapping.columns {
            let mut value = table.cell(r, m.index).to_owned();
            let fills = matches!(
                m.field,
                ImportField::Section | ImportField::Lead | ImportField::Units | ImportField::Leader
            );
            if fill_down && fills {
                if value.is_empty() {
                    value = above.get(&m.index).cloned().unwrap_or_default();
                } else {
                    above.insert(m.index, value.clone());
                }
            }
            if value.is_empty() {
                continue;
            }
            let append = |s: &mut String, v: &str| {
                if !s.is_empty() {
                    s.push('\n');
                }
                s.push_str(v);
            };
            match m.field {
                ImportField::Lead => {
                    let (l, c, p) = units_in(&value);
                    push_unique(&mut lead_names, l);
                    push_unique(&mut lead_names, p);
                    push_unique(&mut coop_names, c);
                }
                ImportField::Cooperating => {
                    let (l, c, p) = units_in(&value);
                    push_unique(&mut lead_names, l);
                    push_unique(&mut coop_names, c);
                    push_unique(&mut coop_names, p);
                }
                ImportField::Units => {
                    let (l, c, p) = units_in(&value);
                    push_unique(&mut lead_names, l);
                    push_unique(&mut coop_names, c);
                    push_unique(&mut unit_names, p);
                }
                ImportField::Leader => append(&mut task.leader, &value),
                ImportField::Owner => append(&mut task.owner, &value),
                ImportField::Due => append(&mut task.due, &value),
                ImportField::Section => task.section = strip_heading_number(&value),
                ImportField::Progress => append(&mut task.progress, &value),
                ImportField::Problems => append(&mut task.problems, &value),
                ImportField::NextSteps => append(&mut task.next_steps, &value),
                ImportField::Current => append(&mut task.current, &value),
                ImportField::Notes => append(&mut task.notes, &value),
                ImportField::Number | ImportField::Task | ImportField::Ignore => {}
            }
        }
        // 责任单位 alone: the first listed leads.
        if !has_lead_col && lead_names.is_empty() && !unit_names.is_empty() {
            lead_names.push(unit_names.remove(0));
        }
        let mut coop = Vec::new();
        // Several leads: the first leads, the others cooperate.
        push_unique(&mut coop, lead_names.iter().skip(1).cloned());
        push_unique(&mut coop, unit_names);
        push_unique(&mut coop, coop_names);
        task.lead = lead_names.into_iter().take(1).collect();
        coop.retain(|c| !task.lead.contains(c));
        task.cooperating = coop;
        if task.section.is_empty() {
            task.section = if top.is_empty() {
                sub.clone()
            } else {
                top.clone()
            };
        }
        rows.tasks.push(task);
    }
    if rows.tasks.is_empty() {
        return Err(ImportError::NoTasks {
            path: table.file.clone(),
            header_row: mapping.header_row.map_or(0, |h| table.row_number(h)),
        });
    }
    Ok(rows)
}

fn year_in(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[..4].iter().all(char::is_ascii_digit) && w[4] == '年')
            .then(|| w[..4].iter().collect::<String>().parse().ok())
            .flatten()
            .filter(|y| (1990..=2100).contains(y))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_numbers() {
        assert_eq!(heading_level("一、稳增长"), Some(1));
        assert_eq!(heading_level("（二）扩内需"), Some(2));
        assert_eq!(heading_level("第三部分 民生"), Some(1));
        assert_eq!(heading_level("新建5G基站"), None);
        assert_eq!(strip_heading_number("一、稳增长"), "稳增长");
        assert_eq!(strip_heading_number("（二）扩内需"), "扩内需");
        assert_eq!(strip_heading_number("第三部分 民生"), "民生");
        assert_eq!(
            leading_number("1-1 新建5G基站"),
            Some(("1-1".to_owned(), "新建5G基站"))
        );
        assert_eq!(leading_number("（3）新建"), Some(("3".to_owned(), "新建")));
        assert_eq!(leading_number("2.推进"), Some(("2".to_owned(), "推进")));
        assert_eq!(leading_number("5G基站达到1.4万座"), None);
        assert_eq!(leading_number("2025年完成"), None);
        assert_eq!(clean_number("（1）"), "1");
        assert_eq!(clean_number("3."), "3");
    }

    #[test]
    fn units_in_one_cell() {
        assert_eq!(
            split_names("市发改委、市工信局，市商务局/市财政局\n各县（市、区）政府等"),
            vec![
                "市发改委",
                "市工信局",
                "市商务局",
                "市财政局",
                "各县（市、区）政府"
            ]
        );
        let (l, c, p) = units_in("牵头单位：市发改委；配合单位：市工信局、市商务局");
        assert_eq!(
            (l, c, p.len()),
            (
                vec!["市发改委".to_owned()],
                vec!["市工信局".to_owned(), "市商务局".to_owned()],
                0
            )
        );
        let (l, c, _) = units_in("市发改委牵头，市工信局、市商务局配合");
        assert_eq!(l, vec!["市发改委"]);
        assert_eq!(c, vec!["市工信局", "市商务局"]);
        let (l, c, p) = units_in("市发改委、市工信局");
        assert!(l.is_empty() && c.is_empty());
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn years_in_titles() {
        assert_eq!(year_in("2025年政府工作报告重点任务分解表"), Some(2025));
        assert_eq!(year_in("重点任务"), None);
    }
}
