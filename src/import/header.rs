//! Finding the header row and what each column holds. The header is often
//! not row 1 (a title and a 填报单位 line come first); it is the row among
//! the first [`LOOK_ROWS`] that names the task column and the most other
//! known columns. A two-row header (责任单位 over 牵头单位 | 配合单位) is read
//! as one.

use serde::Serialize;

use super::ImportError;
use super::table::{Table, column_index, column_letter};

/// How many rows from the top are searched for the header.
pub const LOOK_ROWS: usize = 30;

/// What a column of the table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    /// 序号
    Number,
    /// 重点任务 / 工作任务 / 任务内容 / 目标任务
    Task,
    /// 牵头单位 / 牵头责任单位
    Lead,
    /// 配合单位 / 协同责任单位
    Cooperating,
    /// 责任单位 (the first listed leads when there is no lead column)
    Units,
    /// 责任领导 / 牵头领导 / 分管领导
    Leader,
    /// 责任人
    Owner,
    /// 完成时限 / 时间节点
    Due,
    /// 类别 / 所属部分
    Section,
    /// 进展情况
    Progress,
    /// 存在问题
    Problems,
    /// 下一步措施
    NextSteps,
    /// 当前值
    Current,
    /// 备注
    Notes,
    /// Not imported.
    Ignore,
}

impl ImportField {
    pub const ALL: [ImportField; 15] = [
        ImportField::Number,
        ImportField::Task,
        ImportField::Lead,
        ImportField::Cooperating,
        ImportField::Units,
        ImportField::Leader,
        ImportField::Owner,
        ImportField::Due,
        ImportField::Section,
        ImportField::Progress,
        ImportField::Problems,
        ImportField::NextSteps,
        ImportField::Current,
        ImportField::Notes,
        ImportField::Ignore,
    ];

    /// The word used by `--map COLUMN=field`.
    pub fn key(self) -> &'static str {
        match self {
            ImportField::Number => "number",
            ImportField::Task => "task",
            ImportField::Lead => "lead",
            ImportField::Cooperating => "cooperating",
            ImportField::Units => "units",
            ImportField::Leader => "leader",
            ImportField::Owner => "owner",
            ImportField::Due => "due",
            ImportField::Section => "section",
            ImportField::Progress => "progress",
            ImportField::Problems => "problems",
            ImportField::NextSteps => "next_steps",
            ImportField::Current => "current",
            ImportField::Notes => "notes",
            ImportField::Ignore => "ignore",
        }
    }

    pub fn from_key(key: &str) -> Option<ImportField> {
        let key = key.trim().to_ascii_lowercase().replace('-', "_");
        ImportField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The usual Chinese column name (for summaries and the dialog).
    pub fn zh(self) -> &'static str {
        match self {
            ImportField::Number => "序号",
            ImportField::Task => "重点任务",
            ImportField::Lead => "牵头单位",
            ImportField::Cooperating => "配合单位",
            ImportField::Units => "责任单位",
            ImportField::Leader => "责任领导",
            ImportField::Owner => "责任人",
            ImportField::Due => "完成时限",
            ImportField::Section => "类别",
            ImportField::Progress => "进展情况",
            ImportField::Problems => "存在问题",
            ImportField::NextSteps => "下一步措施",
            ImportField::Current => "当前值",
            ImportField::Notes => "备注",
            ImportField::Ignore => "不导入",
        }
    }
}

/// Exact names, after spaces are removed.
const EXACT: &[(&str, ImportField)] = &[
    ("序号", ImportField::Number),
    ("编号", ImportField::Number),
    ("重点任务", ImportField::Task),
    ("工作任务", ImportField::Task),
    ("任务内容", ImportField::Task),
    ("目标任务", ImportField::Task),
    ("主要任务", ImportField::Task),
    ("任务", ImportField::Task),
    ("牵头单位", ImportField::Lead),
    ("牵头责任单位", ImportField::Lead),
    ("牵头部门", ImportField::Lead),
    ("配合单位", ImportField::Cooperating),
    ("协同责任单位", ImportField::Cooperating),
    ("协同单位", ImportField::Cooperating),
    ("责任单位", ImportField::Units),
    ("责任部门", ImportField::Units),
    ("责任领导", ImportField::Leader),
    ("牵头领导", ImportField::Leader),
    ("分管领导", ImportField::Leader),
    ("责任人", ImportField::Owner),
    ("完成时限", ImportField::Due),
    ("时间节点", ImportField::Due),
    ("类别", ImportField::Section),
    ("所属部分", ImportField::Section),
    ("进展情况", ImportField::Progress),
    ("存在问题", ImportField::Problems),
    ("下一步措施", ImportField::NextSteps),
    ("当前值", ImportField::Current),
    ("备注", ImportField::Notes),
];

/// Words inside longer names, in the order they are tried (领导 before
/// 牵头: 牵头领导 is a person; 配合 before 责任单位: 协同责任单位 cooperates).
const CONTAINS: &[(&str, ImportField)] = &[
    ("领导", ImportField::Leader),
    ("责任人", ImportField::Owner),
    ("联系人", ImportField::Owner),
    ("牵头", ImportField::Lead),
    ("配合", ImportField::Cooperating),
    ("协同", ImportField::Cooperating),
    ("协办", ImportField::Cooperating),
    ("责任单位", ImportField::Units),
    ("责任部门", ImportField::Units),
    ("承办单位", ImportField::Units),
    ("序号", ImportField::Number),
    ("编号", ImportField::Number),
    ("时限", ImportField::Due),
    ("时间", ImportField::Due),
    ("节点", ImportField::Due),
    ("期限", ImportField::Due),
    ("进展", ImportField::Progress),
    ("推进情况", ImportField::Progress),
    ("完成情况", ImportField::Progress),
    ("问题", ImportField::Problems),
    ("下一步", ImportField::NextSteps),
    ("措施", ImportField::NextSteps),
    ("当前值", ImportField::Current),
    ("完成值", ImportField::Current),
    ("实际值", ImportField::Current),
    ("类别", ImportField::Section),
    ("部分", ImportField::Section),
    ("板块", ImportField::Section),
    ("领域", ImportField::Section),
    ("备注", ImportField::Notes),
    ("任务", ImportField::Task),
    ("内容", ImportField::Task),
    ("事项", ImportField::Task),
];

/// The field a header cell names, if it names one.
pub fn field_of_name(name: &str) -> Option<ImportField> {
    let squeezed: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊')
        .collect();
    if squeezed.is_empty() || squeezed.chars().count() > 16 {
        return None;
    }
    if let Some((_, f)) = EXACT.iter().find(|(n, _)| *n == squeezed) {
        return Some(*f);
    }
    // 完成时限（时间节点）, 牵头单位(盖章): the words outside brackets first.
    let outside: String = strip_brackets(&squeezed);
    if let Some((_, f)) = EXACT.iter().find(|(n, _)| *n == outside) {
        return Some(*f);
    }
    CONTAINS
        .iter()
        .find(|(w, _)| outside.contains(w))
        .map(|(_, f)| *f)
}

fn strip_brackets(s: &str) -> String {
    let mut depth = 0i32;
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1).max(0),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// One column: its letter, its header text and the field it is read as.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub index: usize,
    pub letter: String,
    pub header: String,
    pub field: ImportField,
}

/// The header found (or given) and what each column holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapping {
    /// Index into `Table::rows` of the (last) header row; `None` when the
    /// columns were all named with `--map` letters and no header was found.
    pub header_row: Option<usize>,
    /// The first data row (index into `Table::rows`).
    pub data_start: usize,
    pub columns: Vec<Column>,
}

impl Mapping {
    /// The first column read as `field`.
    pub fn column_of(&self, field: ImportField) -> Option<usize> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.index)
    }

    /// Every column read as `field`.
    pub fn columns_of(&self, field: ImportField) -> impl Iterator<Item = usize> + '_ {
        self.columns
            .iter()
            .filter(move |c| c.field == field)
            .map(|c| c.index)
    }

    pub fn set(&mut self, index: usize, field: ImportField) {
        if let Some(c) = self.columns.iter_mut().find(|c| c.index == index) {
            c.field = field;
        }
    }
}

/// A `--map COLUMN=field` override: COLUMN is a header text or a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapSpec {
    pub column: String,
    pub field: ImportField,
}

impl std::str::FromStr for MapSpec {
    type Err = ImportError;
    fn from_str(spec: &str) -> Result<MapSpec, ImportError> {
        let keys: Vec<&str> = ImportField::ALL.iter().map(|f| f.key()).collect();
        let bad = |expected: String| ImportError::BadMap {
            spec: spec.to_owned(),
            expected,
        };
        let (column, field) = spec
            .rsplit_once('=')
            .ok_or_else(|| bad("expected COLUMN=field, e.g. C=task or 牵头部门=lead".to_owned()))?;
        let column = column.trim();
        if column.is_empty() {
            return Err(bad(
                "expected a header text or a column letter before '='".to_owned()
            ));
        }
        let field = ImportField::from_key(field)
            .ok_or_else(|| bad(format!("expected a field: one of {}", keys.join(", "))))?;
        Ok(MapSpec {
            column: column.to_owned(),
            field,
        })
    }
}

fn row_fields(table: &Table, row: usize) -> Vec<Option<ImportField>> {
    (0..table.width())
        .map(|c| field_of_name(table.cell(row, c)))
        .collect()
}

/// Finds the header and maps the columns, then applies `overrides`.
pub fn detect(table: &Table, overrides: &[MapSpec]) -> Result<Mapping, ImportError> {
    let width = table.width();
    let look = table.rows.len().min(LOOK_ROWS);
    let mut best: Option<(usize, usize)> = None; // (row, score)
    for r in 0..look {
        let fields = row_fields(table, r);
        let mut distinct: Vec<ImportField> = fields.iter().flatten().copied().collect();
        distinct.sort_by_key(|f| f.key());
        distinct.dedup();
        let override_task = overrides.iter().any(|o| {
            o.field == ImportField::Task
                && (0..width).any(|c| table.cell(r, c) == o.column.as_str())
        });
        if !(distinct.contains(&ImportField::Task) || override_task) || distinct.len() < 2 {
            continue;
        }
        if best.is_none_or(|(_, s)| distinct.len() > s) {
            best = Some((r, distinct.len()));
        }
    }
    let mut mapping = match best {
        Some((r, _)) => {
            let mut fields = row_fields(table, r);
            let mut headers: Vec<String> =
                (0..width).map(|c| table.cell(r, c).to_owned()).collect();
            let mut data_start = r + 1;
            // A second header row: 牵头单位 | 配合单位 under a merged 责任单位.
            let below = row_fields(table, r + 1);
            // It names a column and holds nothing but names or the merged
            // header cell above it.
            let sub_header = below.iter().flatten().count() > 0
                && (0..width).all(|c| {
                    let v = table.cell(r + 1, c);
                    v.is_empty() || below[c].is_some() || v == table.cell(r, c)
                });
            if sub_header {
                for c in 0..width {
                    if let Some(f) = below[c] {
                        fields[c] = Some(f);
                        headers[c] = table.cell(r + 1, c).to_owned();
                    }
                }
                data_start = r + 2;
            }
            Mapping {
                header_row: Some(data_start - 1),
                data_start,
                columns: (0..width)
                    .map(|c| Column {
                        index: c,
                        letter: column_letter(c),
                        header: headers[c].clone(),
                        field: fields[c].unwrap_or(ImportField::Ignore),
                    })
                    .collect(),
            }
        }
        None => {
            let by_letter = overrides
                .iter()
                .any(|o| o.field == ImportField::Task && column_index(&o.column).is_some());
            if !by_letter {
                return Err(ImportError::NoHeader {
                    path: table.file.clone(),
                    sheet: table.sheet.clone(),
                    looked: look,
                });
            }
            Mapping {
                header_row: None,
                data_start: 0,
                columns: (0..width)
                    .map(|c| Column {
                        index: c,
                        letter: column_letter(c),
                        header: String::new(),
                        field: ImportField::Ignore,
                    })
                    .collect(),
            }
        }
    };
    for o in overrides {
        let by_header = mapping
            .columns
            .iter()
            .position(|c| !c.header.is_empty() && c.header == o.column)
            .or_else(|| {
                mapping
                    .columns
                    .iter()
                    .position(|c| !c.header.is_empty() && squeeze(&c.header) == squeeze(&o.column))
            });
        let index = by_header.or_else(|| column_index(&o.column).filter(|&i| i < width));
        let Some(index) = index else {
            let headers: Vec<String> = mapping
                .columns
                .iter()
                .filter(|c| !c.header.is_empty())
                .map(|c| format!("{}={}", c.letter, c.header))
                .collect();
            return Err(ImportError::BadMap {
                spec: format!("{}={}", o.column, o.field.key()),
                expected: format!(
                    "no column named '{}' (expected a column letter A–{} or a header: {})",
                    o.column,
                    column_letter(width.saturating_sub(1)),
                    headers.join(", ")
                ),
            });
        };
        mapping.set(index, o.field);
    }
    if mapping.column_of(ImportField::Task).is_none() {
        return Err(ImportError::NoHeader {
            path: table.file.clone(),
            sheet: table.sheet.clone(),
            looked: look,
        });
    }
    Ok(mapping)
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_names_are_known() {
        for (name, field) in [
            ("序  号", ImportField::Number),
            ("重点任务", ImportField::Task),
            ("工作任务", ImportField::Task),
            ("任务内容", ImportField::Task),
            ("目标任务", ImportField::Task),
            ("牵头单位", ImportField::Lead),
            ("牵头责任单位", ImportField::Lead),
            ("配合单位", ImportField::Cooperating),
            ("协同责任单位", ImportField::Cooperating),
            ("责任单位", ImportField::Units),
            ("责任领导", ImportField::Leader),
            ("牵头领导", ImportField::Leader),
            ("分管领导", ImportField::Leader),
            ("责任人", ImportField::Owner),
            ("完成时限", ImportField::Due),
            ("时间节点", ImportField::Due),
            ("完成时限（时间节点）", ImportField::Due),
            ("类别", ImportField::Section),
            ("所属部分", ImportField::Section),
            ("进展情况", ImportField::Progress),
            ("存在问题", ImportField::Problems),
            ("下一步措施", ImportField::NextSteps),
            ("当前值", ImportField::Current),
        ] {
            assert_eq!(field_of_name(name), Some(field), "{name}");
        }
        assert_eq!(
            field_of_name("2025年重点任务分解表（第一批）标题很长很长很长"),
            None
        );
        assert_eq!(field_of_name("填报单位：市政府办公室"), None);
    }

    #[test]
    fn map_specs_parse() {
        let m: MapSpec = "C=task".parse().unwrap();
        assert_eq!(m.field, ImportField::Task);
        let m: MapSpec = "牵头部门=lead".parse().unwrap();
        assert_eq!(m.column, "牵头部门");
        assert!("C".parse::<MapSpec>().is_err());
        let e = "C=taks".parse::<MapSpec>().unwrap_err().to_string();
        assert!(e.contains("next_steps"), "{e}");
    }
}
