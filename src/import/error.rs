//! What can go wrong when reading a table: each error names the file and,
//! where it applies, the sheet, row and column, and what was expected.

use std::path::PathBuf;

/// Where in a table something is: sheet (or 表格N of a document, or "" for
/// CSV), 1-based row as the office sees it, and the column letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub sheet: String,
    pub row: usize,
    pub column: Option<String>,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.sheet.is_empty() {
            write!(f, "sheet '{}', ", self.sheet)?;
        }
        write!(f, "row {}", self.row)?;
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}: not a table this import reads (expected .xlsx, .xls, .ods, .csv or .docx)",
        path.display()
    )]
    UnknownFormat { path: PathBuf },
    #[error(
        "{}: the workbook is password-protected; open it in Excel or WPS, remove the password (另存为 without 密码) and import the copy",
        path.display()
    )]
    Password { path: PathBuf },
    #[error("{}: damaged or not a {kind} file: {message}", path.display())]
    Damaged {
        path: PathBuf,
        kind: &'static str,
        message: String,
    },
    #[error("{}: no sheet named '{name}' (the workbook has: {})", path.display(), available.join(", "))]
    NoSuchSheet {
        path: PathBuf,
        name: String,
        available: Vec<String>,
    },
    #[error("{}: sheet '{sheet}' is empty (expected a header row and at least one task)", path.display())]
    EmptySheet { path: PathBuf, sheet: String },
    #[error("{}: the document holds no table (expected a 任务分解表 as a Word table)", path.display())]
    NoTable { path: PathBuf },
    #[error(
        "{}: sheet '{sheet}': no header row found in the first {looked} rows (expected a row naming the task column, e.g. 重点任务/工作任务/任务内容, and at least one more such as 序号, 牵头单位, 完成时限); name the columns with --map COLUMN=field",
        path.display()
    )]
    NoHeader {
        path: PathBuf,
        sheet: String,
        looked: usize,
    },
    #[error("{}: {place}: a row with no task text (expected the task in column {task_column})", path.display())]
    NoTaskText {
        path: PathBuf,
        place: Place,
        task_column: String,
    },
    #[error("--map {spec}: {expected}")]
    BadMap { spec: String, expected: String },
    #[error("{}: the table has no task rows under its header (row {header_row})", path.display())]
    NoTasks { path: PathBuf, header_row: usize },
}

impl ImportError {
    pub fn io(path: &std::path::Path, source: std::io::Error) -> ImportError {
        ImportError::Io {
            path: path.to_owned(),
            source,
        }
    }
}
