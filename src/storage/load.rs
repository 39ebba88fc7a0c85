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
    text_of(read_bytes(path)?, path)
}

/// The bytes of a file as UTF-8 text, or where they stop being it.
pub fn text_of(bytes: Vec<u8>, path: &Path) -> Result<String, StorageError> {
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

/// Reads a whole regular file of at most [`MAX_PLAN_BYTES`]. Anything else
/// (a folder, a pipe that would block forever, a device such as
/// `/dev/zero` that never ends) is refused before reading, and the limit
/// holds on the bytes actually read, whatever the size the file claims.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, StorageError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| StorageError::io(path, "cannot open", e))?;
    refuse_unreadable_kind(path, &meta)?;
    let too_large = |len: u64| StorageError::TooLarge {
        path: path.to_owned(),
        limit: format!(
            "the file is {} MB or more; plans are limited to {} MB",
            len / 1_000_000,
            MAX_PLAN_BYTES / 1_000_000
        ),
    };
    if meta.len() > MAX_PLAN_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| StorageError::io(path, "cannot open", e))?;
    // The file may have been swapped between the check and the open.
    let meta = file
        .metadata()
        .map_err(|e| StorageError::io(path, "cannot read", e))?;
    refuse_unreadable_kind(path, &meta)?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_PLAN_BYTES) as usize);
    file.take(MAX_PLAN_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| StorageError::io(path, "cannot read", e))?;
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Refuses folders and anything that is not a regular file.
fn refuse_unreadable_kind(path: &Path, meta: &std::fs::Metadata) -> Result<(), StorageError> {
    if meta.is_dir() {
        return Err(StorageError::IsDirectory {
            path: path.to_owned(),
        });
    }
    if meta.is_file() {
        return Ok(());
    }
    Err(StorageError::NotRegular {
        path: path.to_owned(),
        kind: file_kind(&meta.file_type()),
    })
}

#[cfg(unix)]
fn file_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a named pipe"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn file_kind(_t: &std::fs::FileType) -> &'static str {
    "not a file"
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
    if text.trim().is_empty() {
        return Err(StorageError::Empty {
            path: path.to_owned(),
        });
    }
    let options = ron::Options::default();
    let spanned = |e: ron::error::SpannedError| {
        let (line, column) = (e.span.start.line, e.span.start.col);
        let too_deep = matches!(e.code, ron::Error::ExceededRecursionLimit);
        if !too_deep && cut_short(text, line, column) {
            return StorageError::Truncated {
                path: path.to_owned(),
                line,
                column,
            };
        }
        StorageError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: match &e.code {
                // A value the field's type refused (a date out of range):
                // the parser does not say which field; its line does.
                ron::Error::Message(m) => match field_at(text, line, column) {
                    Some(field) => format!("field {field}: {m}"),
                    None => m.clone(),
                },
                code => describe(code),
            },
        }
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

/// Where a file that fails to parse seems cut short: a plan always ends
/// with the `)` closing it, so a failing file that starts like a plan and
/// does not (one cut by a crash or a full disk) is truncated, not damaged.
/// The parser must also have stopped at the end: on the last line, within
/// the last token or so (a damaged file fails earlier).
fn cut_short(text: &str, line: usize, column: usize) -> bool {
    let trimmed = text.trim_end();
    if !trimmed.contains("format_version") || trimmed.ends_with(')') {
        return false;
    }
    let Some(start) = line_start(trimmed, line) else {
        return true; // past the last line: the end
    };
    let rest: String = trimmed[start..]
        .chars()
        .skip(column.saturating_sub(1))
        .collect();
    !rest.contains('\n') && rest.len() <= 200
}

/// The byte offset where 1-based `line` starts.
fn line_start(text: &str, line: usize) -> Option<usize> {
    if line <= 1 {
        return Some(0);
    }
    text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
}

/// The field whose value is at `line`:`column`: the nearest `name:` before
/// it on that line (`due: Some("2023-13-01")`).
fn field_at(text: &str, line: usize, column: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let prefix: String = l.chars().take(column.saturating_sub(1).max(1)).collect();
    let prefix = if prefix.contains(':') {
        prefix
    } else {
        l.to_owned()
    };
    let mut rest = prefix.as_str();
    while let Some(i) = rest.rfind(':') {
        let before = rest[..i].trim_end();
        let name: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(name);
        }
        rest = &rest[..i];
    }
    None
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
