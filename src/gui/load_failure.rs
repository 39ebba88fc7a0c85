//! A plan that failed to open: what went wrong in the user's words, the
//! technical detail (file, line, column), and the newest backup to recover from.

use std::path::{Path, PathBuf};

use commitments::storage::{StorageError, backup};

use crate::i18n::{Lang, t, tr};

/// Shown instead of the ledger; the file is never written.
pub struct LoadFailure {
    pub path: PathBuf,
    pub cause: Cause,
    /// The library's message: file, line, column and what was expected.
    pub message: String,
    /// The newest backup that loads (broken ones are passed over).
    pub newest_backup: Option<PathBuf>,
    /// Every backup with when it was made, newest first, and whether it is
    /// the one offered.
    pub backups: Vec<backup::Dated>,
}

/// What went wrong, as the user needs to hear it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cause {
    NotAFile,
    /// A pipe, device or socket.
    NotRegular,
    /// The file ends before the plan does (a crash, a full disk, a copy cut short).
    Truncated {
        line: usize,
    },
    CannotRead,
    NotText {
        line: usize,
        column: usize,
    },
    Damaged {
        line: usize,
        column: usize,
    },
    Newer {
        found: u32,
    },
    UnknownVersion {
        found: u32,
    },
    Invalid {
        count: usize,
    },
    TooLarge,
    InUse,
    FolderNotWritable,
    /// The data folder, or the default plan in it, could not be created.
    DataFolder,
}

impl LoadFailure {
    /// A plan at `path` that could not be opened.
    pub fn opening(path: &Path, error: &StorageError) -> LoadFailure {
        LoadFailure {
            path: path.to_owned(),
            cause: Cause::of(error),
            message: error.to_string(),
            newest_backup: backup::newest_loadable(path).map(|b| b.path),
            backups: backup::list_dated(path),
        }
    }

    /// The default plan at `path` could not be set up in its data folder.
    pub fn setting_up(path: &Path, error: &StorageError) -> LoadFailure {
        LoadFailure {
            cause: Cause::DataFolder,
            ..Self::opening(path, error)
        }
    }
}

impl Cause {
    pub fn of(error: &StorageError) -> Cause {
        match error {
            StorageError::IsDirectory { .. } => Cause::NotAFile,
            StorageError::NotRegular { .. } => Cause::NotRegular,
            StorageError::Truncated { line, .. } => Cause::Truncated { line: *line },
            StorageError::Empty { .. } => Cause::Truncated { line: 1 },
            StorageError::NotUtf8 { line, column, .. } => Cause::NotText {
                line: *line,
                column: *column,
            },
            StorageError::Parse { line, column, .. } => Cause::Damaged {
                line: *line,
                column: *column,
            },
            StorageError::FutureVersion { found, .. } => Cause::Newer { found: *found },
            StorageError::UnknownVersion { found, .. } => Cause::UnknownVersion { found: *found },
            StorageError::Invalid { problems, .. } => Cause::Invalid {
                count: problems.len(),
            },
            StorageError::TooLarge { .. } => Cause::TooLarge,
            StorageError::Locked { .. } => Cause::InUse,
            StorageError::FolderNotWritable { .. } => Cause::FolderNotWritable,
            _ => Cause::CannotRead,
        }
    }

    /// One sentence: what happened and what to do.
    pub fn explain(&self, lang: Lang) -> String {
        match self {
            Cause::NotAFile => t(lang, "load.why.not_a_file").to_owned(),
            Cause::NotRegular => t(lang, "load.why.not_regular").to_owned(),
            Cause::Truncated { line } => tr(lang, "load.why.truncated", &[("line", line)]),
            Cause::CannotRead => t(lang, "load.why.cannot_read").to_owned(),
            Cause::NotText { line, column } => tr(
                lang,
                "load.why.not_text",
                &[("line", line), ("column", column)],
            ),
            Cause::Damaged { line, column } => tr(
                lang,
                "load.why.damaged",
                &[("line", line), ("column", column)],
            ),
            Cause::Newer { found } => tr(lang, "load.why.newer", &[("found", found)]),
            Cause::UnknownVersion { found } => {
                tr(lang, "load.why.unknown_version", &[("found", found)])
            }
            Cause::Invalid { count } => tr(lang, "load.why.invalid", &[("count", count)]),
            Cause::TooLarge => t(lang, "load.why.too_large").to_owned(),
            Cause::InUse => t(lang, "load.why.in_use").to_owned(),
            Cause::FolderNotWritable => t(lang, "load.why.folder_not_writable").to_owned(),
            Cause::DataFolder => t(lang, "load.why.data_folder").to_owned(),
        }
    }
}
