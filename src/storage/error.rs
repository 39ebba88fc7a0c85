use std::path::PathBuf;

use crate::validate::Problem;

/// Why a plan file could not be read or written. Every variant names the file;
/// parse errors also give line and column.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{}: {op}: {cause}", path.display())]
    Io {
        path: PathBuf,
        op: &'static str,
        /// Said in the message, not chained, so it is not printed twice.
        cause: std::io::Error,
    },
    #[error("{}: is a folder, expected a plan file (.ron)", path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}:{line}:{column}: the file is not valid UTF-8 text", path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{}:{line}:{column}: the file seems cut short (truncated): it ends before the plan is complete; recover it from a backup",
        path.display()
    )]
    Truncated {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error(
        "{}: the file is empty (it seems cut short: a crash or a full disk while it was written); recover it from a backup",
        path.display()
    )]
    Empty { path: PathBuf },
    #[error(
        "{}: format_version {found} is newer than this program understands (up to {supported}); update the program",
        path.display()
    )]
    FutureVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: format_version {found} is not a version any release wrote", path.display())]
    UnknownVersion { path: PathBuf, found: u32 },
    #[error("{}: {} problem(s), first: {}", path.display(), problems.len(), first(problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error(
        "{}: not saved: the plan would not open again ({} problem(s), first: {}); the file on disk is unchanged",
        path.display(),
        problems.len(),
        first(problems)
    )]
    WouldNotLoad {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error("{}: the plan is in use by another process (lock file {}); close it there first", path.display(), lock.display())]
    Locked { path: PathBuf, lock: PathBuf },
    #[error(
        "{}: the folder {} cannot be written ({cause}): the plan can be read, not changed",
        path.display(),
        folder.display()
    )]
    FolderNotWritable {
        path: PathBuf,
        folder: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}: {limit}", path.display())]
    TooLarge { path: PathBuf, limit: String },
    #[error("{}: could not write the plan: {message}", path.display())]
    Serialize { path: PathBuf, message: String },
    #[error("{}: is a folder; give the name of a file to write", path.display())]
    OutputIsFolder { path: PathBuf },
    #[error("{}: is {what}; an output is never written over it: choose another file name", path.display())]
    WouldOverwrite { path: PathBuf, what: &'static str },
    #[error("{}: exists; pass --force to overwrite it", path.display())]
    OutputExists { path: PathBuf },
    #[error(
        "{}: the plan file is marked read-only (opened read-only); nothing was written: make it writable first, or save a copy",
        path.display()
    )]
    ReadOnlyFile { path: PathBuf },
    #[error("{}: is not a regular file ({kind}); expected a plan file (.ron)", path.display())]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{}: a snapshot of {date} exists already", path.display())]
    SnapshotExists {
        path: PathBuf,
        date: chrono::NaiveDate,
    },
}

fn first(problems: &[Problem]) -> String {
    problems.first().map(|p| p.to_string()).unwrap_or_default()
}

impl StorageError {
    /// An I/O error on `path` while doing `op`.
    pub fn io(path: impl Into<PathBuf>, op: &'static str, source: std::io::Error) -> Self {
        StorageError::Io {
            path: path.into(),
            op,
            cause: source,
        }
    }

    /// Whether another process holds the plan.
    pub fn is_locked(&self) -> bool {
        matches!(self, StorageError::Locked { .. })
    }

    /// Whether the plan's folder refuses writes (read-only share or medium,
    /// no permission): the plan can still be shown.
    pub fn is_folder_not_writable(&self) -> bool {
        matches!(self, StorageError::FolderNotWritable { .. })
    }
}
