//! Plan files: the RON format, safe saving, backups, locking and where files live.

pub mod format;
