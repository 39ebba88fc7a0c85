//! The monthly returns (月度回报): a form per department out (`make`), the
//! filled forms merged back (`merge`), and who has returned (`status`).
//!
//! A form (填报表) is an `.xlsx` named `<period>-<department>.xlsx` with the
//! department's commitments: read-only columns (what the office knows) and
//! input columns (what the department reports), on a protected sheet (no
//! password: it guards against slips, not people). A very hidden sheet
//! carries what the merge needs to trust the file: the plan's id, the
//! period, the department, the deadline, and per row the commitment's id and
//! the fingerprint of what the department saw (see [`form::fingerprint`]),
//! all sealed by one more fingerprint.
//!
//! Merging never changes the files read. It first builds a [`merge::Preview`]
//! (per return, per row: what would be recorded and every problem found);
//! the rows the user accepts become one group of [`crate::model::Edit`]s.

pub mod form;
pub mod make;
pub mod merge;
mod period;
pub mod read;
pub mod status;

use std::path::PathBuf;

pub use period::Period;

/// Why a form could not be made or read. Problems *inside* a readable
/// return (a tampered cell, an unknown id) are not errors: they are listed
/// in the merge preview.
#[derive(Debug, thiserror::Error)]
pub enum ReturnsError {
    #[error("{path}: {message}")]
    Io {
        path: PathBuf,
        message: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: exists; pass --force to overwrite it")]
    Exists { path: PathBuf },
    #[error("{path}: cannot write the workbook: {message}")]
    Write { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Save { path: PathBuf, message: String },
    #[error(
        "{path}: not a readable workbook ({message}); expected an .xlsx return made by `returns make`"
    )]
    NotAWorkbook { path: PathBuf, message: String },
    #[error("{path}: sheet {sheet}: {message}")]
    NotAForm {
        path: PathBuf,
        sheet: String,
        message: String,
    },
    #[error("no department named '{0}' in the plan")]
    UnknownDepartment(String),
    #[error("{0}")]
    BadPeriod(String),
    #[error("{path}: no .xlsx files in this folder")]
    EmptyFolder { path: PathBuf },
    #[error("{path}: no such file or folder")]
    NotFound { path: PathBuf },
}

impl ReturnsError {
    pub(crate) fn io(path: &std::path::Path, what: &str, source: std::io::Error) -> Self {
        ReturnsError::Io {
            path: path.to_owned(),
            message: format!("{what}: {source}"),
            source,
        }
    }
}

/// The file name of a department's form: `<period>-<department>.xlsx`,
/// with the characters Windows forbids in names replaced by `_`.
pub fn form_file_name(period: Period, department_name: &str) -> String {
    let name: String = department_name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    format!("{period}-{name}.xlsx")
}

/// The period and department a file name says, if it follows
/// [`form_file_name`] (`2023-05-市工业和信息化局.xlsx`).
pub fn parse_form_file_name(name: &str) -> Option<(Period, String)> {
    let stem = name
        .strip_suffix(".xlsx")
        .or_else(|| name.strip_suffix(".XLSX"))?;
    let period = Period::parse(stem.get(..7)?).ok()?;
    let rest = stem.get(7..)?.strip_prefix('-')?;
    // Copies get " (1)" or "(2)" appended by browsers and mail clients.
    let rest = match rest.rfind(['(', '（']) {
        Some(i) if rest.ends_with([')', '）']) => rest[..i].trim_end(),
        _ => rest,
    };
    Some((period, rest.to_owned()))
}

/// The `.xlsx` files to merge: each file as given, each folder's `.xlsx`
/// files (not its subfolders), in name order. Office lock files (`~$…`)
/// are skipped.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ReturnsError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries =
                std::fs::read_dir(path).map_err(|e| ReturnsError::io(path, "cannot list", e))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && is_return_file(p))
                .collect();
            if found.is_empty() {
                return Err(ReturnsError::EmptyFolder { path: path.clone() });
            }
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(ReturnsError::NotFound { path: path.clone() });
        }
    }
    Ok(files)
}

fn is_return_file(path: &std::path::Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.to_lowercase().ends_with(".xlsx") && !name.starts_with("~$") && !name.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_is_not_there_is_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("2023-05-市发展和改革委员会.xlsx");
        let e = collect_files(std::slice::from_ref(&missing)).unwrap_err();
        assert!(matches!(&e, ReturnsError::NotFound { path } if *path == missing));
        assert!(e.to_string().contains("no such file or folder"), "{e}");
        assert!(matches!(
            collect_files(&[dir.path().to_owned()]),
            Err(ReturnsError::EmptyFolder { .. })
        ));
    }

    #[test]
    fn file_names_round_trip() {
        let p = Period::parse("2023-05").unwrap();
        let name = form_file_name(p, "市工业和信息化局");
        assert_eq!(name, "2023-05-市工业和信息化局.xlsx");
        assert_eq!(
            parse_form_file_name(&name),
            Some((p, "市工业和信息化局".to_owned()))
        );
        assert_eq!(
            parse_form_file_name("2023-05-市工业和信息化局 (1).xlsx"),
            Some((p, "市工业和信息化局".to_owned()))
        );
        assert_eq!(form_file_name(p, "a/b:c"), "2023-05-a_b_c.xlsx");
        assert_eq!(parse_form_file_name("台账.xlsx"), None);
    }
}
