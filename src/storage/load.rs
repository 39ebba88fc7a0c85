//! Reading plan files: never panics, never writes, and says where a file is wrong.

use std::path::Path;

use super::StorageError;
use super::format::{PlanFile, VersionProbe};
use crate::model::{FORMAT_VERSION, Plan};
use crate::validate::{PlanParts, Problem, validate};

/// Plans larger than this are refused before reading: a plan of 100,000
/// commitments with long progress logs is about a tenth of it.
pub const MAX_PLAN_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a plan file and checks it. The file is only read.
pub fn load(path: &Path) -> Result<Plan, StorageError> {
    let text = read_text(path)?;
    parse_checked(&text, path)
}

/// Parses and checks plan text; `path` is only used in messages.
pub fn parse_checked(text: &str, path: &Path) -> Result<Plan, StorageError> {
    let file = parse(text, path)?;
    let problems = file_problems(&file);
    if !problems.is_empty() {
        return Err(StorageError::Invalid {
            path: path.to_owned(),
            problems,
        });
    }
    Ok(file.into_plan())
}

/// The semantic problems of a parsed file, duplicates included.
pub fn file_problems(file: &PlanFile) -> Vec<Problem> {
    validate(PlanParts {
        title: &file.title,
        year: file.year,
        settings: &file.settings,
        departments: file.departments.iter(),
        commitments: file.commitments.iter(),
    })
}

/// Reads a file as UTF-8 text, refusing folders, huge files and invalid bytes.
pub fn read_text(path: &Path) -> Result<String, StorageError> {
    let meta = std::fs::metadata(path).map_err(|e| StorageError::io(path, "cannot open", e))?;
    if meta.is_dir() {
        return Err(StorageError::IsDirectory {
            path: path.to_owned(),
        });
    }
    if meta.len() > MAX_PLAN_BYTES {
        return Err(StorageError::TooLarge {
            path: path.to_owned(),
            limit: format!(
                "the file is {} MB; plans are limited to {} MB",
                meta.len() / 1_000_000,
                MAX_PLAN_BYTES / 1_000_000
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| StorageError::io(path, "cannot read", e))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let (line, column) = line_column(valid);
        StorageError::NotUtf8 {
            path: path.to_owned(),
            line,
            column,
        }
    })
}

/// 1-based line and column just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Parses plan text without semantic checks: version first, then the whole file.
pub fn parse(text: &str, path: &Path) -> Result<PlanFile, StorageError> {
    // Windows Notepad may save UTF-8 with a byte-order mark: it is not text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = ron::Options::default();
    let spanned = |e: ron::error::SpannedError| StorageError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: describe(&e.code),
    };
    // The version decides how to read the rest. It is checked after a full
    // parse, so that a good file is parsed once; only when the full parse
    // fails is the version read alone (a second pass over the text), so that
    // a file from a newer program is refused as such rather than with the
    // parse error its unknown fields cause.
    match options.from_str::<PlanFile>(text) {
        Ok(file) => {
            check_version(file.format_version, path)?;
            Ok(file)
        }
        Err(parse_error) => {
            if let Ok(probe) = options.from_str::<VersionProbe>(text) {
                check_version(probe.format_version, path)?;
            }
            Err(spanned(parse_error))
        }
    }
}

/// Refuses versions this program cannot read.
fn check_version(found: u32, path: &Path) -> Result<(), StorageError> {
    if found > FORMAT_VERSION {
        return Err(StorageError::FutureVersion {
            path: path.to_owned(),
            found,
            supported: FORMAT_VERSION,
        });
    }
    if found < 1 {
        return Err(StorageError::UnknownVersion {
            path: path.to_owned(),
            found,
        });
    }
    Ok(())
}

/// The parser's message, phrased as what was expected.
fn describe(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => "the file ends too early (truncated?)".to_owned(),
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested too deeply for a plan file (damaged or not a plan?)".to_owned()
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_chars() {
        assert_eq!(line_column(b""), (1, 1));
        assert_eq!(line_column("ab\n太原".as_bytes()), (2, 3));
    }
}
