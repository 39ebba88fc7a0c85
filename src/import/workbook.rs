//! Workbooks (.xlsx, .xls, .ods) through calamine. Merged regions (xlsx,
//! xls) are filled with their top-left value, so a section merged down its
//! tasks or a department merged across rows reads as written on every row.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Dimensions, Reader, Sheets};

use super::ImportError;
use super::table::{Table, clean_cell};

/// The magic of an OLE compound file: .xls, or an encrypted .xlsx.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    if !bytes.starts_with(&CFB_MAGIC) {
        return false;
    }
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn is_password_error(e: &calamine::Error) -> bool {
    match e {
        calamine::Error::Xlsx(calamine::XlsxError::Password)
        | calamine::Error::Xls(calamine::XlsError::Password)
        | calamine::Error::Ods(calamine::OdsError::Password)
        | calamine::Error::Xlsb(calamine::XlsbError::Password) => true,
        _ => e.to_string().contains("password"),
    }
}

pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::io(path, e))?;
    let damaged = |message: String| ImportError::Damaged {
        path: path.to_owned(),
        kind: "workbook",
        message,
    };
    if is_encrypted_ooxml(&bytes) {
        return Err(ImportError::Password {
            path: path.to_owned(),
        });
    }
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(b) => b,
        Err(e) if is_password_error(&e) => {
            return Err(ImportError::Password {
                path: path.to_owned(),
            });
        }
        Err(_) => {
            return Err(damaged(
                "the file is not a readable .xlsx, .xls or .ods workbook".to_owned(),
            ));
        }
    };
    let sheets = book.sheet_names();
    let name = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.as_str() == wanted)
            .or_else(|| sheets.iter().find(|s| s.trim() == wanted.trim()))
            .cloned()
            .ok_or_else(|| ImportError::NoSuchSheet {
                path: path.to_owned(),
                name: wanted.to_owned(),
                available: sheets.clone(),
            })?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| damaged("the workbook has no sheets".to_owned()))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        if is_password_error(&e) {
            ImportError::Password {
                path: path.to_owned(),
            }
        } else {
            damaged(format!("sheet '{name}': {e}"))
        }
    })?;
    let (merges, merges_known) = match &mut book {
        Sheets::Xlsx(x) => (x.merge_cells_by_sheet_name(&name).unwrap_or_default(), true),
        Sheets::Xls(x) => (x.merge_cells_by_sheet_name(&name).unwrap_or_default(), true),
        _ => (Vec::new(), false),
    };
    let Some((row0, col0)) = range.start() else {
        return Err(ImportError::EmptySheet {
            path: path.to_owned(),
            sheet: name,
        });
    };
    let mut rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            let mut cells = vec![String::new(); col0 as usize];
            cells.extend(r.iter().map(cell_text));
            cells
        })
        .collect();
    fill_merges(&mut rows, row0 as usize, &merges);
    while rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        rows.pop();
    }
    if rows.iter().all(|r| r.iter().all(String::is_empty)) {
        return Err(ImportError::EmptySheet {
            path: path.to_owned(),
            sheet: name,
        });
    }
    Ok(Table {
        file: path.to_owned(),
        sheet: name,
        sheets,
        rows,
        first_row: row0 as usize + 1,
        row_numbers: Vec::new(),
        merges_known,
    })
}

/// Copies each merged region's top-left value into all its cells.
/// `row0` is the absolute row of `rows[0]`; columns are absolute.
fn fill_merges(rows: &mut [Vec<String>], row0: usize, merges: &[Dimensions]) {
    for m in merges {
        let (r1, c1) = (m.start.0 as usize, m.start.1 as usize);
        let (r2, c2) = (m.end.0 as usize, m.end.1 as usize);
        if r1 < row0 {
            continue;
        }
        let value = rows
            .get(r1 - row0)
            .and_then(|r| r.get(c1))
            .cloned()
            .unwrap_or_default();
        if value.is_empty() {
            continue;
        }
        for r in r1..=r2.min(row0 + rows.len().saturating_sub(1)) {
            let row = &mut rows[r - row0];
            if row.len() <= c2 {
                row.resize(c2 + 1, String::new());
            }
            for cell in &mut row[c1..=c2] {
                if cell.is_empty() {
                    cell.clone_from(&value);
                }
            }
        }
    }
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => clean_cell(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTime(d) => serial_date(d.as_f64())
            .map(|d| d.to_string())
            .unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// An Excel date serial as a date (1900 system; serials after 1900-02-28).
fn serial_date(serial: f64) -> Option<chrono::NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_dates() {
        assert_eq!(serial_date(45838.0).unwrap().to_string(), "2025-06-30");
        assert_eq!(serial_date(f64::NAN), None);
    }

    #[test]
    fn merges_fill_every_cell() {
        let mut rows = vec![
            vec!["一、稳增长".to_owned(), String::new()],
            vec![String::new(), "任务".to_owned()],
            vec![String::new(), "任务2".to_owned()],
        ];
        let merges = [Dimensions::new((5, 0), (7, 0))];
        fill_merges(&mut rows, 5, &merges);
        assert_eq!(rows[2][0], "一、稳增长");
        assert_eq!(rows[1][1], "任务");
    }
}
