//! A table as read from a file: text cells in a grid, merged cells already
//! filled with their value, and where each row stands in the source.

use std::path::{Path, PathBuf};

use super::ImportError;

/// Which reader a file goes to, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// .xlsx, .xlsm, .xls, .ods (calamine)
    Workbook,
    Csv,
    Docx,
}

impl SourceKind {
    pub fn of(path: &Path) -> Option<SourceKind> {
        let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "ods" | "xlsb" => Some(SourceKind::Workbook),
            "csv" | "txt" => Some(SourceKind::Csv),
            "docx" => Some(SourceKind::Docx),
            _ => None,
        }
    }
}

/// One sheet (or document table, or CSV file) as text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub file: PathBuf,
    /// The sheet's name; 表格N for a document's tables; "" for CSV.
    pub sheet: String,
    /// Every sheet (or table) of the file, for the sheet choice.
    pub sheets: Vec<String>,
    /// Rows of cells, trimmed; merged regions hold their value in every cell.
    pub rows: Vec<Vec<String>>,
    /// The source's row number (1-based) of `rows[0]`.
    pub first_row: usize,
    /// When not empty, the source line of each row (CSV records may span lines).
    pub row_numbers: Vec<usize>,
    /// Whether merged cells were known (xlsx, xls, docx). Otherwise empty
    /// cells of section and department columns are filled from above.
    pub merges_known: bool,
}

impl Table {
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", String::as_str)
    }

    /// The row number an office sees for `rows[i]`.
    pub fn row_number(&self, i: usize) -> usize {
        self.row_numbers
            .get(i)
            .copied()
            .unwrap_or(self.first_row + i)
    }

    pub fn is_blank_row(&self, i: usize) -> bool {
        self.rows
            .get(i)
            .is_none_or(|r| r.iter().all(|c| c.trim().is_empty()))
    }
}

/// The spreadsheet letter of a 0-based column: 0 → A, 26 → AA.
pub fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The 0-based column of a letter (A, b, AA), if it is one.
pub fn column_index(letters: &str) -> Option<usize> {
    let letters = letters.trim();
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let mut n = 0usize;
    for c in letters.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    Some(n - 1)
}

/// Cell text as it is kept: line ends normalised, control characters
/// dropped, spaces at both ends trimmed (full-width ones too).
pub fn clean_cell(text: &str) -> String {
    crate::model::text::clean(text, true)
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .to_owned()
}

/// Reads one sheet of `path` (the first one when `sheet` is `None`).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, ImportError> {
    if !path.is_file() {
        let source = if path.exists() {
            std::io::Error::other("is a folder, not a file")
        } else {
            std::io::Error::from(std::io::ErrorKind::NotFound)
        };
        return Err(ImportError::io(path, source));
    }
    match SourceKind::of(path) {
        Some(SourceKind::Workbook) => super::workbook::read(path, sheet),
        Some(SourceKind::Csv) => super::csv_file::read(path),
        Some(SourceKind::Docx) => super::docx::read(path, sheet),
        None => Err(ImportError::UnknownFormat {
            path: path.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_round_trip() {
        for (i, l) in [
            (0, "A"),
            (2, "C"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
        ] {
            assert_eq!(column_letter(i), l);
            assert_eq!(column_index(l), Some(i));
        }
        assert_eq!(column_index("c"), Some(2));
        assert_eq!(column_index("序号"), None);
        assert_eq!(column_index(""), None);
    }
}
