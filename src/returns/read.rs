//! Reading a returned form with calamine. Reading checks the file is a
//! form at all; whether it can be trusted is the merge's business.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use chrono::NaiveDate;

use super::ReturnsError;
use super::form::{self, FormMeta, MetaRow, SeenRow};

/// A value typed in 本期完成值.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Empty,
    Number(f64),
    /// Not a number (a spreadsheet program that ignored the validation, or a
    /// unit typed after the figure).
    Text(String),
}

/// One data row of a returned form, as found.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnedRow {
    /// 0-based row of the sheet.
    pub sheet_row: u32,
    /// The read-only cells as they are now.
    pub seen: SeenRow,
    pub value: Typed,
    pub note: String,
    pub problems: String,
    pub next_steps: String,
    pub status: String,
    /// 申请延期至: a date, or the text found when it is not one.
    pub extend_to: Result<Option<NaiveDate>, String>,
    /// 延期理由.
    pub extend_reason: String,
    /// 佐证材料: the file names as typed.
    pub evidence: String,
    pub reporter: String,
    pub phone: String,
}

impl ReturnedRow {
    /// Whether the department wrote anything in it.
    pub fn is_filled(&self) -> bool {
        self.value != Typed::Empty
            || self.extend_to != Ok(None)
            || [
                &self.note,
                &self.problems,
                &self.next_steps,
                &self.status,
                &self.extend_reason,
                &self.evidence,
                &self.reporter,
                &self.phone,
            ]
            .iter()
            .any(|s| !s.is_empty())
    }

    /// What was typed in 申请延期至, as text (empty when nothing).
    pub fn extend_to_text(&self) -> String {
        match &self.extend_to {
            Ok(Some(d)) => d.format("%Y-%m-%d").to_string(),
            Ok(None) => String::new(),
            Err(text) => text.clone(),
        }
    }
}

/// A returned form as read.
#[derive(Debug, Clone)]
pub struct ReturnedForm {
    pub path: PathBuf,
    /// The file name without its folder.
    pub file_name: String,
    /// What the hidden sheet says, or why it cannot be read.
    pub meta: Result<FormMeta, String>,
    /// The 填报日期 cell: a date, or the text found when it is not one.
    pub date: Result<Option<NaiveDate>, String>,
    /// The file's modification date, used when no 填报日期 is given.
    pub file_date: Option<NaiveDate>,
    pub rows: Vec<ReturnedRow>,
}

/// Reads a returned form. The file is only read, never written.
pub fn read(path: &Path) -> Result<ReturnedForm, ReturnsError> {
    let bytes = std::fs::read(path).map_err(|e| ReturnsError::io(path, "cannot read", e))?;
    let file_date = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).date_naive());
    let mut form = read_bytes(path, &bytes)?;
    form.file_date = file_date;
    Ok(form)
}

/// [`read`] on bytes already read (`path` names them in messages).
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<ReturnedForm, ReturnsError> {
    let not_workbook = |message: String| ReturnsError::NotAWorkbook {
        path: path.to_owned(),
        message,
    };
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| not_workbook(e.to_string()))?;
    let names = wb.sheet_names();
    if !names.iter().any(|n| n == form::FORM_SHEET) {
        return Err(ReturnsError::NotAForm {
            path: path.to_owned(),
            sheet: names.first().cloned().unwrap_or_default(),
            message: format!(
                "no sheet named {}; expected a form made by `returns make` (sheets found: {})",
                form::FORM_SHEET,
                names.join(", ")
            ),
        });
    }
    let sheet = wb
        .worksheet_range(form::FORM_SHEET)
        .map_err(|e| not_workbook(e.to_string()))?;
    let header_is = |headers: &[&str]| {
        headers
            .iter()
            .enumerate()
            .all(|(col, h)| text_at(&sheet, form::HEADER_ROW, col as u16) == *h)
    };
    let columns = if header_is(&form::HEADERS) {
        Some(form::InputColumns::CURRENT)
    } else if header_is(&form::headers_v1()) {
        Some(form::InputColumns::V1)
    } else {
        None
    };
    let Some(columns) = columns else {
        return Err(ReturnsError::NotAForm {
            path: path.to_owned(),
            sheet: form::FORM_SHEET.to_owned(),
            message: format!(
                "row {}: the header is not the form's ({}); columns were moved, added or removed",
                form::HEADER_ROW + 1,
                form::HEADERS.join("、")
            ),
        });
    };
    let meta = if names.iter().any(|n| n == form::META_SHEET) {
        match wb.worksheet_range(form::META_SHEET) {
            Ok(range) => read_meta(&range),
            Err(e) => Err(format!("the hidden sheet cannot be read: {e}")),
        }
    } else {
        Err(format!("the hidden sheet {} is missing", form::META_SHEET))
    };
    let date = date_at(&sheet, form::DATE_ROW, form::DATE_COL);
    let last_row = sheet.end().map_or(0, |(r, _)| r);
    let mut rows = Vec::new();
    for r in form::FIRST_ROW..=last_row.max(form::FIRST_ROW) {
        let cell = |c: u16| text_at(&sheet, r, c);
        let row = ReturnedRow {
            sheet_row: r,
            seen: SeenRow {
                id: cell(form::COL_ID),
                task: cell(form::COL_TASK),
                role: cell(form::COL_ROLE),
                target: cell(form::COL_TARGET),
                due: cell(form::COL_DUE),
            },
            value: typed_at(&sheet, r, form::COL_VALUE),
            note: cell(form::COL_NOTE),
            problems: cell(form::COL_PROBLEMS),
            next_steps: cell(form::COL_NEXT),
            status: cell(form::COL_STATUS),
            extend_to: match columns.extend_to {
                Some(col) => date_at(&sheet, r, col),
                None => Ok(None),
            },
            extend_reason: columns.extend_reason.map(cell).unwrap_or_default(),
            evidence: columns.evidence.map(cell).unwrap_or_default(),
            reporter: cell(columns.reporter),
            phone: cell(columns.phone),
        };
        let blank = row.seen.cells().iter().all(|c| c.is_empty()) && !row.is_filled();
        if !blank {
            rows.push(row);
        }
    }
    Ok(ReturnedForm {
        path: path.to_owned(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        meta,
        date,
        file_date: None,
        rows,
    })
}

fn read_meta(range: &Range<Data>) -> Result<FormMeta, String> {
    use form::meta_layout::{KEYS, ROWS_HEADER};
    let mut values = Vec::with_capacity(KEYS.len());
    for (i, key) in KEYS.iter().enumerate() {
        let row = i as u32;
        if text_at(range, row, 0) != *key {
            return Err(format!("the hidden sheet's row {} is not '{key}'", row + 1));
        }
        values.push(text_at(range, row, 1));
    }
    let expected_mark = format!("{} {}", form::META_MARK, form::META_VERSION);
    if values[0] != expected_mark {
        return Err(format!(
            "the hidden sheet is of another layout ('{}', expected '{expected_mark}')",
            values[0]
        ));
    }
    let mut rows = Vec::new();
    let last = range.end().map_or(0, |(r, _)| r);
    for r in ROWS_HEADER + 1..=last {
        let id = text_at(range, r, 0);
        if id.is_empty() {
            continue;
        }
        let sheet_row = text_at(range, r, 2)
            .parse::<u32>()
            .map_err(|_| format!("the hidden sheet's row {}: bad row number", r + 1))?;
        let factor = text_at(range, r, 3)
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite() && *f > 0.0)
            .ok_or_else(|| format!("the hidden sheet's row {}: bad unit factor", r + 1))?;
        rows.push(MetaRow {
            id,
            fingerprint: text_at(range, r, 1),
            sheet_row,
            factor,
        });
    }
    Ok(FormMeta {
        plan_id: values[1].clone(),
        period: values[2].clone(),
        department: values[3].clone(),
        department_name: values[4].clone(),
        due: values[5].clone(),
        made_on: values[6].clone(),
        seal: values[7].clone(),
        rows,
    })
}

/// A cell as text: numbers without a trailing `.0`, text trimmed.
pub fn text_at(range: &Range<Data>, row: u32, col: u16) -> String {
    match range.get_value((row, u32::from(col))) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.trim().to_owned(),
        Some(Data::Float(f)) => number_text(*f),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Bool(b)) => b.to_string(),
        Some(Data::DateTime(d)) => excel_serial_to_date(d.as_f64())
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| d.as_f64().to_string()),
        Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => s.clone(),
        Some(Data::Error(e)) => format!("#{e:?}"),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

fn typed_at(range: &Range<Data>, row: u32, col: u16) -> Typed {
    match range.get_value((row, u32::from(col))) {
        None | Some(Data::Empty) => Typed::Empty,
        Some(Data::Float(f)) => Typed::Number(*f),
        Some(Data::Int(i)) => Typed::Number(*i as f64),
        // The dash the form puts where no value is asked for.
        Some(Data::String(s)) if matches!(s.trim(), "" | "—" | "-" | "/") => Typed::Empty,
        Some(Data::String(s)) => {
            let t = s.trim().replace([',', '，'], "");
            match t.parse::<f64>() {
                Ok(v) if v.is_finite() => Typed::Number(v),
                _ => Typed::Text(s.trim().to_owned()),
            }
        }
        Some(_) => Typed::Text(text_at(range, row, col)),
    }
}

fn date_at(range: &Range<Data>, row: u32, col: u16) -> Result<Option<NaiveDate>, String> {
    match range.get_value((row, u32::from(col))) {
        None | Some(Data::Empty) => Ok(None),
        Some(Data::DateTime(d)) => excel_serial_to_date(d.as_f64())
            .map(Some)
            .ok_or_else(|| d.as_f64().to_string()),
        Some(Data::Float(f)) => excel_serial_to_date(*f)
            .map(Some)
            .ok_or_else(|| f.to_string()),
        Some(Data::Int(i)) => excel_serial_to_date(*i as f64)
            .map(Some)
            .ok_or_else(|| i.to_string()),
        Some(Data::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Data::String(s)) => parse_date_text(s).map(Some).ok_or_else(|| s.clone()),
        Some(Data::DateTimeIso(s)) => parse_date_text(s.get(..10).unwrap_or(s))
            .map(Some)
            .ok_or_else(|| s.clone()),
        Some(other) => Err(format!("{other:?}")),
    }
}

/// A date typed as text: 2023-05-24, 2023/5/24, 2023.5.24, 2023年5月24日.
pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let t = text
        .trim()
        .replace(['年', '月', '/', '.'], "-")
        .replace('日', "");
    let mut parts = t.split('-').map(str::trim);
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Excel's day count (1900 date system) to a date.
fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_typed_as_text_are_understood() {
        let d = NaiveDate::from_ymd_opt(2023, 5, 24);
        for t in ["2023-05-24", "2023/5/24", "2023.5.24", "2023年5月24日"] {
            assert_eq!(parse_date_text(t), d, "{t}");
        }
        assert_eq!(parse_date_text("五月"), None);
        assert_eq!(excel_serial_to_date(45070.0), d);
    }
}
